"""Fax-coded (CCITT) pictures in a PDF share copy are decoded and stored as plain pixel rows.

Fax data runs to an end-of-block code, and a decoder ignores whatever follows it, so bytes appended there could
hold anything: decoding the picture (pikepdf with Pillow's libtiff, in the sandbox) and keeping its pixels leaves
nothing behind. (JBIG2 pictures, which nothing here decodes, make the copy one of pictures: locker.share.pdf_fonts.)
"""

from __future__ import annotations

import pikepdf


def ccitt_pixels(source: pikepdf.Stream) -> bytes:
    """A fax-coded picture's pixel rows, one bit a pixel, with the meaning its /Decode and /ImageMask give."""
    try:
        return pikepdf.PdfImage(source).as_pil_image().convert("1").tobytes()
    except Exception as error:
        raise ValueError("a fax-coded picture in the PDF could not be decoded; the copy is refused") from error
