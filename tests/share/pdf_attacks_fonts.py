"""Embedded font programs that name CANARY (review s6 L1): a TrueType 'name' table, a Type 1 cleartext header."""

from __future__ import annotations

import struct

from pikepdf import Dictionary, Name, Stream

from locker.bundle.report import FONT_CANDIDATES
from tests.share.pdf_attack_pictures import CANARY, saved
from tests.share.pdf_attacks_code import _base

_C = CANARY.encode()
_DESCRIPTOR = {"Type": Name.FontDescriptor, "Flags": 32, "FontBBox": [0, 0, 1000, 1000], "ItalicAngle": 0,
               "Ascent": 800, "Descent": -200, "CapHeight": 700, "StemV": 80}  # fmt: skip


def _ttf_with_name() -> bytes:
    """A TrueType font whose name records 0, 1, 3, 4 and 5 are overwritten in place with the canary and a path."""
    data = bytearray(next(p for p in FONT_CANDIDATES if p.exists() and p.suffix == ".ttf").read_bytes())
    (count,) = struct.unpack_from(">H", data, 4)
    offset = next(
        struct.unpack_from(">4sIII", data, 12 + 16 * i)[2]
        for i in range(count)
        if data[12 + 16 * i : 16 + 16 * i] == b"name"
    )
    records, strings = struct.unpack_from(">HH", data, offset + 2)
    for j in range(records):
        platform, _e, _l, name_id, length, at = struct.unpack_from(">HHHHHH", data, offset + 6 + 12 * j)
        if name_id in (0, 1, 3, 4, 5):
            text = f"{CANARY} C:\\Users\\{CANARY}".encode("utf-16-be" if platform in (0, 3) else "latin-1")[:length]
            start = offset + strings + at
            data[start : start + len(text)] = text
    return bytes(data)


def fontfile2_name_table() -> bytes:
    pdf = _base(b"BT /F2 24 Tf 10 100 Td (Fine) Tj ET")
    program = Stream(pdf, _ttf_with_name())
    program.Length1 = len(program.read_bytes())
    descriptor = Dictionary(FontName=Name.DejaVuSans, FontFile2=program, **_DESCRIPTOR)
    pdf.pages[0].Resources.Font.F2 = Dictionary(Type=Name.Font, Subtype=Name.TrueType, BaseFont=Name.DejaVuSans,
                                                FirstChar=32, LastChar=126, Widths=[600] * 95,
                                                FontDescriptor=descriptor, Encoding=Name.WinAnsiEncoding)  # fmt: skip
    return saved(pdf)


def fontfile_type1_cleartext() -> bytes:
    clear = (b"%!PS-AdobeFont-1.0: Sign-" + _C + b" 001.000\n%%Title: " + _C + b"\n%%CreationDate: today\n"
             b"%%Creator: C:\\Users\\" + _C + b"\\fontforge\n11 dict begin\n/FontInfo 9 dict dup begin\n"
             b"/Notice (Copyright " + _C + b") readonly def\n/FullName (" + _C + b" signature) readonly def\n"
             b"end readonly def\n/FontName /Sign-" + _C + b" def\ncurrentdict end\ncurrentfile eexec\n")  # fmt: skip
    pdf = _base()
    program = Stream(pdf, clear + b"00" * 64 + b"\n" + b"0" * 512 + b"\ncleartomark\n")
    program.Length1, program.Length2, program.Length3 = len(clear), 129, 525
    font = pdf.pages[0].Resources.Font.F1
    font.FontDescriptor = Dictionary(FontName=Name.Helvetica, FontFile=program, **_DESCRIPTOR)
    font.FirstChar, font.LastChar, font.Widths = 32, 32, [250]
    return saved(pdf)


FONT_ATTACKS = {f.__name__: f for f in (fontfile2_name_table, fontfile_type1_cleartext)}
