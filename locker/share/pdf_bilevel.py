"""Black-and-white pictures in a PDF share copy: fax-coded (CCITT) pictures are decoded and stored as plain pixel
rows, and JBIG2 data keeps only the segments that draw.

Fax data runs to an end-of-block code, and a decoder ignores whatever follows it, so bytes appended there could
hold anything: decoding the picture (pikepdf with Pillow's libtiff, in the sandbox) and keeping its pixels leaves
nothing behind. JBIG2 (no decoder here) is a sequence of segments, each with a header that gives its type and
length; extension segments (type 62) carry comments ("Author", "Creator") and anything of an unknown type could,
so only the region, dictionary, table, page and end segments are kept, and every byte must belong to one.
"""

from __future__ import annotations

import struct

import pikepdf

# Symbol and pattern dictionaries, text, pattern, halftone and generic regions (intermediate, immediate, lossless),
# refinements, page information, end of page, end of stripe, end of file, profiles, tables.
_JBIG2_KEEP = frozenset({0, 4, 6, 7, 16, 20, 22, 23, 36, 38, 39, 40, 42, 43, 48, 49, 50, 51, 52, 53})
_UNKNOWN_LENGTH = 0xFFFFFFFF


def ccitt_pixels(source: pikepdf.Stream) -> bytes:
    """A fax-coded picture's pixel rows, one bit a pixel, with the meaning its /Decode and /ImageMask give."""
    try:
        return pikepdf.PdfImage(source).as_pil_image().convert("1").tobytes()
    except Exception as error:
        raise ValueError("a fax-coded picture in the PDF could not be decoded; the copy is refused") from error


def clean_jbig2(data: bytes) -> bytes:
    """The embedded JBIG2 stream (or its globals) without extension and unknown segments."""
    out = []
    pos = 0
    while pos < len(data):
        header_end, kind, length = _segment_header(data, pos)
        if length == _UNKNOWN_LENGTH or header_end + length > len(data):
            raise ValueError("a JBIG2 picture in the PDF has segments the copy cannot check; it is refused")
        if kind in _JBIG2_KEEP:
            out.append(data[pos : header_end + length])
        pos = header_end + length
    return b"".join(out)


def _segment_header(data: bytes, pos: int) -> tuple[int, int, int]:
    """(where the segment's data starts, its type, its data length), from a header of ITU-T T.88 7.2."""
    try:
        number, flags, referred = struct.unpack_from(">IBB", data, pos)
        pos += 6
        count = referred >> 5
        if count == 7:
            (long_count,) = struct.unpack_from(">I", data, pos - 1)
            count = long_count & 0x1FFFFFFF
            pos += 3 + (count + 8) // 8
        reference_size = 1 if number <= 256 else 2 if number <= 65536 else 4
        pos += count * reference_size
        pos += 4 if flags & 0x40 else 1
        (length,) = struct.unpack_from(">I", data, pos)
    except struct.error as error:
        raise ValueError("a JBIG2 picture in the PDF is cut short; the copy is refused") from error
    return pos + 4, flags & 0x3F, length
