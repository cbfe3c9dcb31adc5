"""Malformed optional content properties do not stop the copy (review s7 D3): a number where /OCGs, /ON or /OFF
should be an array is read as no layers, and the visible annotation is drawn into the copy."""

from __future__ import annotations

import io

import pikepdf
import pypdfium2
from pikepdf import Array, Dictionary, Name

from locker.share import report_labels as labels
from locker.share.pdf import sanitise_pdf
from locker.share.pdf_pictures import drawn_original
from tests.share.test_pdf_pictures import _with_embedded_font

NOTE = "visible note"


def _malformed_layers(base_state_off: bool = False) -> bytes:
    """/OCProperties << /OCGs 5 /D << /OFF 7 >> >> (or /BaseState /OFF /ON 7) and one shown FreeText comment."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(300, 200))
    font = pdf.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica))
    pdf.pages[0].Resources = Dictionary(Font=Dictionary(F1=font))
    pdf.pages[0].Contents = pdf.make_stream(b"BT /F1 18 Tf 10 150 Td (Page text) Tj ET")
    config = Dictionary(BaseState=Name.OFF, ON=7) if base_state_off else Dictionary(OFF=7)
    pdf.Root.OCProperties = Dictionary(OCGs=5, D=config)
    appearance = pdf.make_stream(b"BT /F1 14 Tf 2 5 Td (" + NOTE.encode() + b") Tj ET")
    appearance.Type, appearance.Subtype, appearance.BBox = Name.XObject, Name.Form, [0, 0, 280, 30]
    appearance.Resources = Dictionary(Font=Dictionary(F1=font))
    annot = Dictionary(Type=Name.Annot, Subtype=Name.FreeText, Rect=[10, 50, 290, 80], F=4,
                       AP=Dictionary(N=appearance))  # fmt: skip
    pdf.pages[0].Annots = Array([pdf.make_indirect(annot)])
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def _page_text(data: bytes) -> str:
    document = pypdfium2.PdfDocument(data)
    try:
        return str(document[0].get_textpage().get_text_range())
    finally:
        document.close()


def test_malformed_layer_arrays_give_a_copy_with_the_visible_annotation_drawn_in() -> None:
    for base_state_off in (False, True):
        original = io.BytesIO(_malformed_layers(base_state_off))
        out = io.BytesIO()

        sanitise_pdf(original, out)  # type: ignore[arg-type]

        # The pages as they are drawn into the pictures hold the comment's text (qpdf drew it in).
        assert NOTE in _page_text(drawn_original(original)[0])
        with pikepdf.open(io.BytesIO(out.getvalue())) as copy:
            assert len(copy.pages) == 1


def test_malformed_layer_arrays_give_a_picture_copy() -> None:
    out = io.BytesIO()

    report = sanitise_pdf(io.BytesIO(_with_embedded_font(_malformed_layers())), out)  # type: ignore[arg-type]

    assert labels.NOTE_PDF_PICTURES in report.notes
    with pikepdf.open(io.BytesIO(out.getvalue())) as copy:
        assert len(copy.pages) == 1
