"""Embedded font programs that name CANARY (review s6 L1): a TrueType 'name' table, a Type 1 cleartext header."""

from __future__ import annotations

import struct

from pikepdf import Dictionary, Name, Pdf, Stream, String

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


# -- review s6 L1 and L4, the rest: what the byte-level rewriting could not clean ----------------------------------


def _dejavu() -> bytes:
    return next(p for p in FONT_CANDIDATES if p.exists() and p.suffix == ".ttf").read_bytes()


def _table(data: bytes | bytearray, tag: bytes) -> tuple[int, int]:
    (count,) = struct.unpack_from(">H", data, 4)
    for i in range(count):
        found, _checksum, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        if found == tag:
            return offset, length
    raise LookupError(tag)


def _ttf_with_post_name() -> bytes:
    """DejaVu with the canary written over the first long glyph name of its 'post' table (format 2)."""
    data = bytearray(_dejavu())
    offset, length = _table(data, b"post")
    assert data[offset : offset + 4] == b"\x00\x02\x00\x00", "DejaVu's post table is format 2"
    (glyphs,) = struct.unpack_from(">H", data, offset + 32)
    pos = offset + 34 + 2 * glyphs
    while pos < offset + length:
        size = data[pos]
        if size >= len(_C):
            data[pos + 1 : pos + 1 + len(_C)] = _C
            return bytes(data)
        pos += 1 + size
    raise LookupError("no glyph name long enough")


def _truetype(pdf: Pdf, program: bytes) -> Dictionary:
    stream = Stream(pdf, program)
    stream.Length1 = len(program)
    descriptor = Dictionary(FontName=Name.DejaVuSans, FontFile2=stream, **_DESCRIPTOR)
    return pdf.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.TrueType, BaseFont=Name.DejaVuSans,
                                        FirstChar=32, LastChar=126, Widths=[600] * 95, FontDescriptor=descriptor,
                                        Encoding=Name.WinAnsiEncoding))  # fmt: skip


def fontfile2_post_names() -> bytes:
    pdf = _base(b"BT /F2 24 Tf 10 100 Td (Fine) Tj ET")
    pdf.pages[0].Resources.Font.F2 = _truetype(pdf, _ttf_with_post_name())
    return saved(pdf)


def _index(items: list[bytes]) -> bytes:
    """A CFF INDEX with one-byte offsets."""
    if not items:
        return b"\x00\x00"
    ends = [1]
    for item in items:
        ends.append(ends[-1] + len(item))
    return struct.pack(">HB", len(items), 1) + bytes(ends) + b"".join(items)


def bare_cff(strings: list[bytes]) -> bytes:
    """A bare CFF program (FontFile3 /Type1C) whose Top DICT's Notice, FullName and Copyright are `strings`
    (string ids 391 on); it has no glyphs, so a reader draws its text with a substitute font."""
    operators = [b"\x01", b"\x02", b"\x0c\x00"]  # Notice, FullName, Copyright
    top = b"".join(b"\x1c" + struct.pack(">H", 391 + i) + op for i, op in enumerate(operators[: len(strings)]))
    return b"\x01\x00\x04\x01" + _index([b"Font1"]) + _index([top]) + _index(strings) + _index([])


def fontfile3_cff_strings() -> bytes:
    pdf = _base()
    program = Stream(pdf, bare_cff([b"Copyright " + _C, _C + b" Signature", b"C:\\Users\\" + _C]))
    program.Subtype = Name.Type1C
    font = pdf.pages[0].Resources.Font.F1
    font.FontDescriptor = Dictionary(FontName=Name.Helvetica, FontFile3=program, **_DESCRIPTOR)
    font.FirstChar, font.LastChar, font.Widths = 32, 126, [500] * 95
    return saved(pdf)


def eexec(plain: bytes) -> bytes:
    """Type 1 encryption (key 55665), as a font's private part is stored."""
    key, out = 55665, bytearray()
    for byte in plain:
        cipher = byte ^ (key >> 8)
        out.append(cipher)
        key = ((cipher + key) * 52845 + 22719) & 0xFFFF
    return bytes(out)


def fontfile_type1_eexec() -> bytes:
    """A Type 1 font whose encrypted part (private dictionary, glyph programs) names the canary."""
    clear = b"%!PS-AdobeFont-1.0: Font1 001.000\n/FontName /Font1 def\ncurrentfile eexec\n"
    secret = (b"\x00\x00\x00\x00dup /Private 8 dict dup begin\n/Author (" + _C + b") def\n/OtherSubrs [{} {}] def\n"
              b"/CharStrings 1 dict dup begin\n/.notdef 4 RD \x00\x00\x00\x00 ND\nend\nend\n")  # fmt: skip
    pdf = _base()
    program = Stream(pdf, clear + eexec(secret))
    program.Length1, program.Length2, program.Length3 = len(clear), len(secret), 0
    font = pdf.pages[0].Resources.Font.F1
    font.FontDescriptor = Dictionary(FontName=Name.Helvetica, FontFile=program, **_DESCRIPTOR)
    font.FirstChar, font.LastChar, font.Widths = 32, 126, [500] * 95
    return saved(pdf)


def cidtogid_unused_entries() -> bytes:
    """A CID font (not embedded) whose glyph map has entries no text uses, holding the canary (review s6
    cidset_trailer)."""
    pdf = _base(b"BT /F2 12 Tf 72 100 Td <0001> Tj ET")
    descriptor = Dictionary(FontName=Name.Helvetica, **_DESCRIPTOR)
    cid = Dictionary(Type=Name.Font, Subtype=Name.CIDFontType2, BaseFont=Name.Helvetica,
                     CIDSystemInfo=Dictionary(Registry=String("Adobe"), Ordering=String("Identity"), Supplement=0),
                     FontDescriptor=descriptor, DW=1000,
                     CIDToGIDMap=Stream(pdf, b"\x00\x00\x00\x01" + _C))  # fmt: skip
    pdf.pages[0].Resources.Font = Dictionary(F2=Dictionary(Type=Name.Font, Subtype=Name.Type0,
                                                           BaseFont=Name.Helvetica, Encoding=Name("/Identity-H"),
                                                           DescendantFonts=[cid]))  # fmt: skip
    return saved(pdf)


def _form(pdf: Pdf, content: bytes, resources: Dictionary) -> Stream:
    form = Stream(pdf, content)
    form.Type, form.Subtype, form.BBox, form.Resources = Name.XObject, Name.Form, [0, 0, 200, 200], resources
    return form


def embedded_font_in(place: str) -> bytes:
    """DejaVu with the canary in its name table, reached from the page only through `place`."""
    pdf = _base(b"")
    font = _truetype(pdf, _ttf_with_name())
    text = b"BT /F9 24 Tf 10 100 Td (Fine) Tj ET"
    own = Dictionary(Font=Dictionary(F9=font))
    page = pdf.pages[0]
    if place == "type0_descendant":
        program = font.FontDescriptor.FontFile2
        cid = Dictionary(Type=Name.Font, Subtype=Name.CIDFontType2, BaseFont=Name.DejaVuSans, DW=600,
                         CIDSystemInfo=Dictionary(Registry=String("Adobe"), Ordering=String("Identity"), Supplement=0),
                         FontDescriptor=Dictionary(FontName=Name.DejaVuSans, FontFile2=program, **_DESCRIPTOR),
                         CIDToGIDMap=Name.Identity)  # fmt: skip
        page.Resources.Font.F9 = Dictionary(Type=Name.Font, Subtype=Name.Type0, BaseFont=Name.DejaVuSans,
                                            Encoding=Name("/Identity-H"), DescendantFonts=[cid])  # fmt: skip
        page.Contents = pdf.make_stream(b"BT /F9 24 Tf 10 100 Td <00290044> Tj ET")
    elif place == "form":
        page.Resources.XObject = Dictionary(Fm=_form(pdf, text, own))
        page.Contents = pdf.make_stream(b"/Fm Do")
    elif place == "pattern":
        tile = _form(pdf, text, own)
        tile.PatternType, tile.PaintType, tile.TilingType, tile.XStep, tile.YStep = 1, 1, 1, 200, 200
        del tile["/Subtype"], tile["/Type"]
        tile.Type = Name.Pattern
        page.Resources.Pattern = Dictionary(P1=tile)
        page.Contents = pdf.make_stream(b"/Pattern cs /P1 scn 0 0 200 200 re f")
    elif place == "type3_glyph":
        glyph = Stream(pdf, b"200 0 d0 " + text)
        page.Resources.Font.F3 = Dictionary(Type=Name.Font, Subtype=Name.Type3, FontBBox=[0, 0, 200, 200],
                                            FontMatrix=[1, 0, 0, 1, 0, 0], CharProcs=Dictionary(A=glyph),
                                            Encoding=Dictionary(Differences=[65, Name.A]), FirstChar=65, LastChar=65,
                                            Widths=[200], Resources=own)  # fmt: skip
        page.Contents = pdf.make_stream(b"BT /F3 1 Tf 0 0 Td (A) Tj ET")
    elif place == "annotation":
        appearance = _form(pdf, text, own)
        stamp = Dictionary(Type=Name.Annot, Subtype=Name.Stamp, Rect=[0, 0, 200, 200], F=4, AP=Dictionary(N=appearance))
        page.Annots = pdf.make_indirect([pdf.make_indirect(stamp)])
    elif place == "graphics_state":
        page.Resources.ExtGState = Dictionary(G1=Dictionary(Type=Name.ExtGState, Font=[font, 24]))
        page.Contents = pdf.make_stream(b"/G1 gs BT 10 100 Td (Fine) Tj ET")
    else:
        raise ValueError(place)
    return saved(pdf)


EMBEDDED_FONT_PLACES = ("type0_descendant", "form", "pattern", "type3_glyph", "annotation", "graphics_state")
PICTURE_ATTACKS = {
    f.__name__: f
    for f in (fontfile2_name_table, fontfile_type1_cleartext, fontfile2_post_names, fontfile3_cff_strings,
              fontfile_type1_eexec, cidtogid_unused_entries)
}  # fmt: skip
