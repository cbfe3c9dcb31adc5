"""Annotations a reader does not show, whose appearance names CANARY (review s6 L14): qpdf's flattening would draw
them into the copy's page as ordinary text."""

from __future__ import annotations

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from tests.share.pdf_attack_pictures import CANARY, saved


def _page(pdf: pikepdf.Pdf, text: bytes = b"Page text") -> pikepdf.Object:
    pdf.add_blank_page(page_size=(300, 200))
    font = pdf.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica))
    pdf.pages[0].Resources = Dictionary(Font=Dictionary(F1=font))
    pdf.pages[0].Contents = pdf.make_stream(b"BT /F1 18 Tf 10 150 Td (" + text + b") Tj ET")
    return font


def _note_appearance(pdf: pikepdf.Pdf, font: pikepdf.Object) -> pikepdf.Stream:
    ap = pdf.make_stream(b"BT /F1 14 Tf 2 5 Td (note by " + CANARY.encode() + b") Tj ET")
    ap.Type, ap.Subtype, ap.BBox = Name.XObject, Name.Form, [0, 0, 280, 30]
    ap.Resources = Dictionary(Font=Dictionary(F1=font))
    return ap


def annot_in_hidden_layer() -> bytes:
    """A FreeText comment on a layer that is off by default: the original shows only "Page text"."""
    pdf = pikepdf.new()
    font = _page(pdf)
    layer = pdf.make_indirect(Dictionary(Type=Name.OCG, Name=String("Reviewer notes")))
    pdf.Root.OCProperties = Dictionary(OCGs=[layer], D=Dictionary(OFF=[layer]))
    annot = Dictionary(Type=Name.Annot, Subtype=Name.FreeText, Rect=[10, 50, 290, 80], F=4, OC=layer,
                       AP=Dictionary(N=_note_appearance(pdf, font)))  # fmt: skip
    pdf.pages[0].Annots = Array([pdf.make_indirect(annot)])
    return saved(pdf)


def annot_popup_child() -> bytes:
    """A closed sticky note whose Popup has an appearance holding the note's text."""
    pdf = pikepdf.new()
    font = _page(pdf)
    popup = pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Popup, Rect=[10, 50, 290, 80], F=4,
                                         AP=Dictionary(N=_note_appearance(pdf, font))))  # fmt: skip
    note = pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Text, Rect=[0, 0, 20, 20], F=4, Open=False,
                                        Popup=popup))  # fmt: skip
    popup.Parent = note
    pdf.pages[0].Annots = Array([note, popup])
    return saved(pdf)


def form_needing_appearance(value: str = "500 EUR due") -> bytes:
    """A filled text field without an appearance stream, /NeedAppearances true (what several form fillers write)."""
    pdf = pikepdf.new()
    font = _page(pdf, b"Fine notice")
    widget = pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Widget, FT=Name.Tx, T=String("amount"),
                                          V=String(value), Rect=[10, 50, 200, 80], F=4, DA=String("/Helv 14 Tf 0 g"),
                                          P=pdf.pages[0].obj))  # fmt: skip
    pdf.pages[0].Annots = Array([widget])
    pdf.Root.AcroForm = Dictionary(Fields=[widget], NeedAppearances=True, DR=Dictionary(Font=Dictionary(Helv=font)),
                                   DA=String("/Helv 0 Tf 0 g"))  # fmt: skip
    return saved(pdf)


ANNOT_ATTACKS = {f.__name__: f for f in (annot_in_hidden_layer, annot_popup_child)}
