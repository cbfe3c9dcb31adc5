"""When a PDF share copy cannot be an allow-list copy and is made of pictures of its pages instead.

An embedded font program is a file format of its own, and every part of it can carry data: a TrueType font's
'name' table (the user's name, a path), its 'post' glyph names, its hinting programs; a bare CFF program's strings
(Notice, Copyright, FullName); a Type 1 font's encrypted part (its private dictionary and glyph programs); and the
glyph outlines themselves, which nobody reads. Rewriting them without fontTools (subset, re-encode every glyph)
cannot be proven clean, so a document that draws with any embedded font program (FontFile, FontFile2, FontFile3,
wherever the copier reaches it: a Type 0 font's descendant, a font inside a form, a pattern, a Type 3 glyph or an
annotation's appearance drawn into the page) is copied as pictures of its pages (locker.share.pdf_pictures). So is
a CID font's glyph map (CIDToGIDMap) given as a stream, whose unused entries could hold anything, a JBIG2 picture
(nothing here decodes it, and its symbol dictionaries can hold bitmaps the page never draws, its regions pixels
outside the page), and a page whose drawing instructions are too long to be checked within the sandbox's memory
(MAX_CONTENT_BYTES). Whatever else the allow-list copy cannot check (a gradient mesh, a picture compressed in an
unusual way, a colour function holding more than arithmetic, a damaged picture) gives a copy of pictures too,
rather than no copy: pictures keep nothing but what the pages show (locker.share.pdf.sanitise_pdf).

The copier (locker.share.pdf_copy) raises NeedsPictures where it meets one of these, so the test is exactly "what
the allow-list copy would have copied", never a separate walk that could disagree with it.
"""

from __future__ import annotations

from typing import Any

import pikepdf

# Parsing drawing instructions costs about 115 bytes of memory per byte (review s6 D2: 42 MB of instructions needed
# 4.8 GB); the share sandbox allows 4 GiB. 8 MiB of instructions stays under 1 GiB; longer ones (a site plan, a CAD
# export) are drawn by pdfium instead, which drew that 42 MB page in 6 s and 0.8 GB.
MAX_CONTENT_BYTES = 8 * 1024 * 1024

EMBEDDED_FONT = "embedded font"
GLYPH_MAP = "glyph map"
LONG_CONTENT = "long drawing instructions"
JBIG2_PICTURE = "JBIG2 picture"
UNCHECKABLE = "what the allow-list copy cannot check"


class NeedsPictures(Exception):
    """The allow-list copy met something it cannot prove clean; `reason` is one of the constants above."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def check_content_size(streams: Any) -> None:
    """Raise NeedsPictures when one content stream, or an array of them, holds more decoded drawing instructions
    than can be parsed here."""
    parts = list(streams) if isinstance(streams, pikepdf.Array) else [streams]
    total = 0
    for part in parts:
        if isinstance(part, pikepdf.Stream):
            try:
                total += len(part.read_bytes())
            except pikepdf.PdfError as error:
                raise ValueError("a page's drawing instructions could not be read; the copy is refused") from error
        if total > MAX_CONTENT_BYTES:
            raise NeedsPictures(LONG_CONTENT)
