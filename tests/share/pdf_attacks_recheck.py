"""PDFs that draw a recorded name (AUTHOR, a re-check needle) in ways whose bytes never hold it whole (review s6
L13): how Word, LibreOffice and Chrome write text. The re-check must find the name in each. None records it in its
Info dictionary, so only the search of the page text and the names can find it.
"""

from __future__ import annotations

from collections.abc import Callable

import pikepdf
from pikepdf import Dictionary, Name

from tests.share.pdf_attack_pictures import saved

AUTHOR = "Tatiana Hidden Witness"
_VISIBLE = b"BT /F1 12 Tf 72 720 Td (Notice of fine) Tj ET "


def _page(content: bytes) -> pikepdf.Pdf:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(612, 792))
    font = pdf.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica))
    pdf.pages[0].Resources = Dictionary(Font=Dictionary(F1=font))
    pdf.pages[0].Contents = pdf.make_stream(_VISIBLE + content)
    return pdf


def plain() -> bytes:
    return saved(_page(b"BT 3 Tr /F1 12 Tf 72 700 Td (Tatiana Hidden Witness) Tj ET"))


def kerned_tj() -> bytes:
    return saved(_page(b"BT 3 Tr /F1 12 Tf 72 700 Td [(Tatiana Hid) -5 (den Witness)] TJ ET"))


def word_per_tj() -> bytes:
    return saved(_page(b"BT 3 Tr /F1 12 Tf 72 700 Td (Tatiana) Tj ( Hidden) Tj ( Witness) Tj ET"))


def shifted_codes() -> bytes:
    """A font whose /Differences give the name's letters the codes 1, 2, 3...: the bytes are <010203...>."""
    order = list(dict.fromkeys(AUTHOR))
    codes = "".join(f"{order.index(ch) + 1:02x}" for ch in AUTHOR).encode()
    pdf = _page(b"BT 3 Tr /F2 12 Tf 72 680 Td <" + codes + b"> Tj ET")
    glyphs = [Name("/" + ("space" if ch == " " else ch)) for ch in order]
    encoding = Dictionary(Type=Name.Encoding, BaseEncoding=Name.WinAnsiEncoding, Differences=[1, *glyphs])
    pdf.pages[0].Resources.Font.F2 = Dictionary(
        Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica, Encoding=encoding
    )
    return saved(pdf)


def tounicode_remap() -> bytes:
    """The page shows "Fine"; the font's ToUnicode maps F to the name (what copy and paste give)."""
    target = AUTHOR.encode("utf-16-be").hex().upper().encode()
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def "
        b"1 begincodespacerange <00> <FF> endcodespacerange 1 beginbfchar <46> <" + target + b"> endbfchar "
        b"endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    pdf = _page(b"")
    pdf.pages[0].Contents = pdf.make_stream(b"BT /F1 12 Tf 72 720 Td (Fine) Tj ET")
    pdf.pages[0].Resources.Font.F1.ToUnicode = pdf.make_stream(cmap)
    return saved(pdf)


def name_object() -> bytes:
    """The name as a font's BaseFont: qpdf writes it /Tatiana#20Hidden#20Witness."""
    pdf = _page(b"")
    pdf.pages[0].Resources.Font.F1.BaseFont = Name("/" + AUTHOR)
    return saved(pdf)


def cyrillic_name_object() -> bytes:
    pdf = _page(b"")
    pdf.pages[0].Resources.Font.F1.BaseFont = Name("/" + CYRILLIC)
    return saved(pdf)


CYRILLIC = "Татьяна Свидетелева"
RECHECK_ATTACKS: dict[str, tuple[Callable[[], bytes], str]] = {
    "plain": (plain, AUTHOR),
    "kerned_tj": (kerned_tj, AUTHOR),
    "word_per_tj": (word_per_tj, AUTHOR),
    "shifted_codes": (shifted_codes, AUTHOR),
    "tounicode_remap": (tounicode_remap, AUTHOR),
    "name_object": (name_object, AUTHOR),
    "cyrillic_name_object": (cyrillic_name_object, CYRILLIC),
}


def signed_with_embedded_font(author: str = AUTHOR, info: dict[str, str] | None = None) -> bytes:
    """A letter signed by its recorded author (Info /Author), drawn with an embedded TrueType font in a kerned TJ:
    its share copy is made of pictures, which show the name."""
    from tests.share.pdf_attacks_fonts import _dejavu, _truetype

    first, last = author[: len(author) // 2], author[len(author) // 2 :]
    pdf = _page(b"BT /F2 14 Tf 72 650 Td [(" + first.encode() + b") -5 (" + last.encode() + b")] TJ ET")
    pdf.pages[0].Resources.Font.F2 = _truetype(pdf, _dejavu())
    with pdf.open_metadata(set_pikepdf_as_editor=False) as xmp:
        xmp.clear()
    pdf.docinfo = pdf.make_indirect(
        Dictionary({f"/{k}": pikepdf.String(v) for k, v in (info or {"Author": author}).items()})
    )
    return saved(pdf)
