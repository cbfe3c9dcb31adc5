"""Instructions and PostScript-like code that draw nothing but carry CANARY (review s6 L5, L6): comments after code,
strings in calculator functions, CMap strings, unknown operators, marked-content tags, rendering intents, a Type 3
glyph procedure."""

from __future__ import annotations

import pikepdf
from pikepdf import Array, Dictionary, Name, Stream

from tests.share.pdf_attack_pictures import CANARY, saved

_C = CANARY.encode()
_TEXT = b" BT /F1 12 Tf 72 100 Td (Fine) Tj ET"


def _base(content: bytes = _TEXT) -> pikepdf.Pdf:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    font = pdf.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica))
    pdf.pages[0].Resources = Dictionary(Font=Dictionary(F1=font))
    pdf.pages[0].Contents = pdf.make_stream(content)
    return pdf


def calculator(code: bytes) -> bytes:
    pdf = _base(b"/CS0 cs 1 scn 0 0 100 100 re f")
    function = Stream(pdf, code)
    function.FunctionType, function.Domain, function.Range = 4, [0, 1], [0, 1]
    pdf.pages[0].Resources.ColorSpace = Dictionary(CS0=Array([Name.Separation, Name.Black, Name.DeviceGray, function]))
    return saved(pdf)


def calculator_inline_comment() -> bytes:
    return calculator(b"{ dup % C:\\\\Users\\\\" + _C + b"\n pop }")


def calculator_string_operand() -> bytes:
    """Refused: a string is no arithmetic."""
    return calculator(b"{ (" + _C + b") pop }")


def tounicode_cmap_strings() -> bytes:
    cmap = (b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            b"/CIDSystemInfo << /Registry (" + _C + b") /Ordering (UCS) /Supplement 0 >> def % made by " + _C + b"\n"
            b"/CMapName /" + _C + b" def\n1 begincodespacerange\n<00> <FF>\nendcodespacerange\n"
            b"1 beginbfchar\n<46> <0046>\nendbfchar\nendcmap\n"
            b"CMapName currentdict /CMap defineresource pop\nend\nend\n")  # fmt: skip
    pdf = _base()
    pdf.pages[0].Resources.Font.F1.ToUnicode = Stream(pdf, cmap)
    return saved(pdf)


def content_unknown_operator() -> bytes:
    return saved(_base(b"BX (C:\\\\Users\\\\" + _C + b"\\\\draft.docx) /" + _C + b" xyzzy EX" + _TEXT))


def content_marked_tags() -> bytes:
    return saved(_base(b"/" + _C + b" MP /" + _C + b"Tag BMC EMC /Span (" + _C + b") BDC EMC /Span [(" + _C
                       + b")] DP" + _TEXT))  # fmt: skip


def content_extra_operands() -> bytes:
    return saved(_base(b"/" + _C + b" ri (" + _C + b") 1 0 0 rg /" + _C + b" 2 w" + _TEXT))


def type3_charproc() -> bytes:
    pdf = _base(b"BT /T3 12 Tf 72 100 Td (A) Tj ET")
    proc = Stream(pdf, b"500 0 d0 BX (" + _C + b") zz EX 0 0 100 100 re f")
    pdf.pages[0].Resources.Font.T3 = Dictionary(
        Type=Name.Font, Subtype=Name.Type3, FontBBox=[0, 0, 100, 100], FontMatrix=[0.01, 0, 0, 0.01, 0, 0],
        CharProcs=Dictionary(A=proc), Encoding=Dictionary(Type=Name.Encoding, Differences=[65, Name.A]),
        FirstChar=65, LastChar=65, Widths=[500], Resources=Dictionary(),
    )  # fmt: skip
    return saved(pdf)


CODE_ATTACKS = {
    f.__name__: f
    for f in (
        calculator_inline_comment,
        tounicode_cmap_strings,
        content_unknown_operator,
        content_marked_tags,
        content_extra_operands,
        type3_charproc,
    )
}
