"""A PDF that draws with an embedded font program (or whose instructions are too long to check) is copied as
pictures of its pages: the data a font can carry is gone, and the pages look the same (review s6 L1, L4, D2).

Each attack hides CANARY where the review placed it. The copy is searched in every stream and object, decoded, and
rendered by pdfium next to the original.
"""

from __future__ import annotations

import io
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pikepdf
import pypdfium2
import pytest
from pikepdf import Array, Dictionary, Name

from locker.sandbox.runner import SandboxRunner
from locker.share import pdf_pictures
from locker.share import report_labels as labels
from locker.share.options import ShareOptions
from locker.share.pdf import sanitise_pdf
from locker.share.pdf_pictures import DPI, MAX_PAGES, drawn_original
from locker.share.refusals import CopyPdfPagesTooLarge, CopyPdfPageTooLarge, CopyPdfTooManyPages, CopyPdfTooSlow
from locker.share.service import share_item
from locker.vault.vault import Vault
from tests.conftest import PROJECT_ROOT
from tests.share import planted
from tests.share.conftest import store
from tests.share.pdf_attacks import CANARY
from tests.share.pdf_attacks_code import calculator_string_operand
from tests.share.pdf_attacks_fonts import EMBEDDED_FONT_PLACES, PICTURE_ATTACKS, embedded_font_in
from tests.share.pdf_attacks_streams import jbig2_extension_comment, mesh_shading
from tests.share.test_pdf_allowlist import canary_places

# A picture copy differs from the original only by its 16 grey levels (at most 8 of 255 on the edges of letters)
# or, on a photo page, by JPEG's error: measured at 1-3 % of the page's ink. A copy that lost a word, a line or a
# picture differs by far more; a blank copy differs by 100 %.
MAX_RELATIVE_DIFFERENCE = 0.1


def rendered(data: bytes) -> list[np.ndarray]:
    document = pypdfium2.PdfDocument(data)
    try:
        pages = []
        for index in range(len(document)):
            page = document[index]
            pages.append(np.asarray(page.render(scale=DPI / 72, rev_byteorder=True, may_draw_forms=True).to_pil()
                                    .convert("L"), dtype=np.int16))  # fmt: skip
            page.close()
        return pages
    finally:
        document.close()


def assert_looks_the_same(original: bytes, copy: bytes) -> None:
    """Rendered at the copy's resolution, each page's mean difference is under MAX_RELATIVE_DIFFERENCE of its ink
    (its mean difference from white)."""
    before, after = rendered(original), rendered(copy)
    assert len(before) == len(after) > 0
    for number, (a, b) in enumerate(zip(before, after, strict=True)):
        assert a.shape == b.shape, number
        ink = float(np.abs(a - 255).mean())
        assert ink > 0.1, "the page must draw something, or the comparison proves nothing"
        assert float(np.abs(a - b).mean()) < MAX_RELATIVE_DIFFERENCE * ink, f"page {number + 1} looks different"


def picture_copy_of(original: bytes) -> bytes:
    out = io.BytesIO()
    report = sanitise_pdf(io.BytesIO(original), out)  # type: ignore[arg-type]
    assert labels.NOTE_PDF_PICTURES in report.notes
    return out.getvalue()


def assert_only_pictures(copy: bytes) -> None:
    """No font, no text, no metadata: each page is one picture and the instruction that draws it."""
    with pikepdf.open(io.BytesIO(copy)) as pdf:
        assert set(pdf.trailer.keys()) <= {"/Root", "/Size", "/ID", "/Type", "/W", "/Index", "/Filter",
                                           "/DecodeParms", "/Length"}  # fmt: skip
        assert set(pdf.Root.keys()) == {"/Type", "/Pages"}
        for page in pdf.pages:
            assert set(page.obj.keys()) == {"/Type", "/Parent", "/MediaBox", "/Resources", "/Contents"}
            assert list(page.Resources.keys()) == ["/XObject"]
            (image,) = page.Resources.XObject.values()
            assert image.Subtype == Name.Image
            assert page.Contents.read_bytes().endswith(b"/Im1 Do Q")
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
                assert obj.get("/Type") != Name.Font and "/FontFile2" not in obj


@pytest.mark.parametrize("attack", sorted(PICTURE_ATTACKS))
def test_a_font_program_or_glyph_map_that_could_carry_data_gives_a_picture_copy_without_it(attack: str) -> None:
    original = PICTURE_ATTACKS[attack]()
    assert canary_places(original) or attack == "fontfile_type1_eexec", "the attack file must hold the canary"

    copy = picture_copy_of(original)

    assert canary_places(copy) == []
    assert_only_pictures(copy)
    assert_looks_the_same(original, copy)


def unusual_compression() -> bytes:
    """A picture behind a filter chain no picture copier handles (JPEG inside JPEG 2000), with the canary in its
    dictionary."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    image = pikepdf.Stream(pdf, b"\x00" * 32)
    image.Type, image.Subtype, image.Width, image.Height = Name.XObject, Name.Image, 4, 4
    image.ColorSpace, image.BitsPerComponent = Name.DeviceGray, 8
    image.Filter = Array([Name.DCTDecode, Name.JPXDecode])
    image.Comment = pikepdf.String(CANARY)
    pdf.pages[0].Resources = Dictionary(XObject=Dictionary(Im0=image))
    pdf.pages[0].Contents = pdf.make_stream(b"q 100 0 0 100 50 50 cm /Im0 Do Q 0 0 m 200 200 l S")
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


UNCHECKABLE = {f.__name__: f for f in (jbig2_extension_comment, mesh_shading, calculator_string_operand,
                                       unusual_compression)}  # fmt: skip


@pytest.mark.parametrize("attack", sorted(UNCHECKABLE))
def test_what_no_copier_could_check_gives_a_picture_copy_not_a_refusal(attack: str) -> None:
    """A JBIG2 picture (symbol bitmaps a page never draws, regions outside the page), a gradient mesh, a colour
    function holding a string, a picture compressed in an unusual way: each used to refuse the copy, or (JBIG2)
    to be copied segment by segment. Pictures of the pages keep none of it."""
    original = UNCHECKABLE[attack]()
    assert canary_places(original), "the attack file must hold the canary"

    copy = picture_copy_of(original)

    assert canary_places(copy) == []
    assert_only_pictures(copy)


@pytest.mark.parametrize("place", EMBEDDED_FONT_PLACES)
def test_an_embedded_font_reached_at_any_depth_gives_a_picture_copy(place: str) -> None:
    original = embedded_font_in(place)
    assert canary_places(original)

    copy = picture_copy_of(original)

    assert canary_places(copy) == []
    assert_only_pictures(copy)
    assert_looks_the_same(original, copy)


def _reportlab(pages: int, embedded: bool) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    font = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if embedded and not font.exists():
        pytest.skip("fonts-dejavu is not installed (/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf)")
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    if embedded:
        pdfmetrics.registerFont(TTFont("DejaVu", str(font)))
    for number in range(pages):
        pdf.setFont("DejaVu" if embedded else "Helvetica", 10)
        pdf.drawString(50, 780, f"Page {number + 1}: the court fined the defendant 5000 RUB")
        pdf.setFillColorRGB(0.8, 0.1, 0.1)
        pdf.rect(50, 600, 120, 80, fill=1)
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def test_a_reportlab_letter_with_an_embedded_truetype_font_becomes_pictures_that_look_the_same() -> None:
    original = _reportlab(2, embedded=True)

    copy = picture_copy_of(original)

    assert_only_pictures(copy)
    assert_looks_the_same(original, copy)
    document = pypdfium2.PdfDocument(copy)
    assert document[0].get_textpage().get_text_range() == ""  # what picture copies lose: the text
    document.close()


def test_a_document_without_embedded_fonts_is_pictures_too_and_says_its_text_is_gone() -> None:
    """Standard fonts that are not embedded hide data as well (text nobody sees, glyph names, character maps:
    review s7 L1-L3): every PDF's copy is made of pictures."""
    original = _reportlab(1, embedded=False)
    out = io.BytesIO()
    report = sanitise_pdf(io.BytesIO(original), out)  # type: ignore[arg-type]

    assert labels.NOTE_PDF_PICTURES in report.notes
    assert_only_pictures(out.getvalue())
    document = pypdfium2.PdfDocument(out.getvalue())
    assert document[0].get_textpage().get_text_range().strip() == ""
    document.close()
    assert_looks_the_same(original, out.getvalue())


def test_a_picture_page_has_the_size_and_turn_the_original_is_displayed_with() -> None:
    pdf = pikepdf.Pdf.open(io.BytesIO(embedded_font_in("form")))
    pdf.pages[0].MediaBox = Array([0, 0, 300, 200])
    pdf.pages[0].CropBox = Array([20, 10, 220, 190])
    pdf.pages[0].Rotate = 90
    original = io.BytesIO()
    pdf.save(original)

    copy = picture_copy_of(original.getvalue())

    with pikepdf.open(io.BytesIO(copy)) as result:
        page = result.pages[0]
        assert [float(v) for v in page.MediaBox] == [0, 0, 180, 200]  # the crop box, turned a quarter
        assert "/Rotate" not in page.obj
        (image,) = page.Resources.XObject.values()
        assert (int(image.Width), int(image.Height)) == (round(180 * DPI / 72), round(200 * DPI / 72))
    assert_looks_the_same(original.getvalue(), copy)


def test_the_copy_id_comes_from_its_own_bytes_not_the_time_nor_the_original() -> None:
    """qpdf's writer made the second half of the ID from the time of saving, which dated the copy to the second
    (review s7 L7): two copies made seconds apart now have the same ID, and it is not the original's."""
    original = embedded_font_in("form")
    ids = []
    for _ in range(2):
        with pikepdf.open(io.BytesIO(picture_copy_of(original))) as copy:
            ids.append([bytes(part) for part in copy.trailer.ID])
        time.sleep(1.1)
    with pikepdf.open(io.BytesIO(original)) as source:
        assert not {bytes(part) for part in source.trailer.ID} & set(ids[0])
    assert ids[0] == ids[1]


def _pages_with_embedded_font(count: int, size: tuple[float, float]) -> bytes:
    pdf = pikepdf.Pdf.open(io.BytesIO(embedded_font_in("form")))
    pdf.pages[0].MediaBox = Array([0, 0, *size])
    first = pdf.pages[0].obj
    tree = pdf.Root.Pages
    kids = [first] + [pdf.make_indirect(Dictionary(Type=Name.Page, Parent=tree, MediaBox=first.MediaBox,
                                                   Resources=first.Resources, Contents=first.Contents))
                      for _ in range(count - 1)]  # fmt: skip
    tree.Kids, tree.Count = Array(kids), count
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_a_picture_copy_of_too_many_pages_is_refused_before_any_is_drawn() -> None:
    with pytest.raises(CopyPdfTooManyPages):
        sanitise_pdf(io.BytesIO(_pages_with_embedded_font(MAX_PAGES + 1, (200, 200))), io.BytesIO())  # type: ignore[arg-type]


def test_a_page_larger_than_a0_is_refused_and_an_a0_page_is_drawn() -> None:
    with pytest.raises(CopyPdfPageTooLarge):
        sanitise_pdf(io.BytesIO(_pages_with_embedded_font(1, (2500, 3500))), io.BytesIO())  # type: ignore[arg-type]
    copy = picture_copy_of(_pages_with_embedded_font(1, (2384, 3370)))
    with pikepdf.open(io.BytesIO(copy)) as result:
        assert int(result.pages[0].Resources.XObject.Im1.Width) == round(2384 * DPI / 72)


def test_the_refusal_crosses_the_sandbox_with_its_class(
    share_vault: Vault, runner: SandboxRunner, tmp_path: Path
) -> None:
    source = tmp_path / "huge.pdf"
    source.write_bytes(_pages_with_embedded_font(1, (3000, 3500)))
    out = tmp_path / "out"
    out.mkdir()

    result = share_item(share_vault, store(share_vault, runner, source), out, ShareOptions(faces="off"), runner)

    assert isinstance(result.refusal, CopyPdfPageTooLarge), result.error
    assert "3000 x 3500 points" in str(result.refusal)
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("photo", [False, True])
def test_the_sandboxed_share_path_writes_a_picture_copy(
    photo: bool, share_vault: Vault, runner: SandboxRunner, tmp_path: Path
) -> None:
    """pdfium draws the pages in the sandbox child (and Pillow writes a photo page's JPEG there); the copy is
    re-checked like any other."""
    source = tmp_path / f"letter{photo}.pdf"
    source.write_bytes(_page_with(b"/Fm Do q 200 0 0 200 0 0 cm /Ph Do Q", True) if photo
                       else PICTURE_ATTACKS["fontfile2_name_table"]())  # fmt: skip
    out = tmp_path / "out"
    out.mkdir()

    result = share_item(share_vault, store(share_vault, runner, source), out, ShareOptions(faces="off"), runner)

    assert result.path is not None, result.error
    assert result.report is not None and labels.NOTE_PDF_PICTURES in result.report.notes
    copy = result.path.read_bytes()
    assert canary_places(copy) == []
    assert_only_pictures(copy)
    assert_looks_the_same(source.read_bytes(), copy)  # pdfium draws in the sandbox as it does here
    with pikepdf.open(io.BytesIO(copy)) as pdf:
        assert pdf.pages[0].Resources.XObject.Im1.Filter == (Name.DCTDecode if photo else Name.FlateDecode)


def _page_with(content: bytes, photo: bool) -> bytes:
    pdf = pikepdf.Pdf.open(io.BytesIO(embedded_font_in("form")))
    pdf.pages[0].Contents = pdf.make_stream(content)
    if photo:
        picture = planted.scene(200, 200)
        image = pikepdf.Stream(pdf, picture.tobytes())
        image.Type, image.Subtype, image.Width, image.Height = Name.XObject, Name.Image, 200, 200
        image.ColorSpace, image.BitsPerComponent = Name.DeviceRGB, 8
        pdf.pages[0].Resources.XObject.Ph = image
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("content", "photo", "space", "bits", "encoding"),
    [
        (b"/Fm Do", False, Name.DeviceGray, 4, Name.FlateDecode),  # text: 16 grey levels
        (b"/Fm Do 1 0 0 rg 20 20 60 60 re f", False, Name.DeviceRGB, 8, Name.FlateDecode),  # a coloured drawing
        (b"/Fm Do q 200 0 0 200 0 0 cm /Ph Do Q", True, Name.DeviceRGB, 8, Name.DCTDecode),  # a photo
    ],
)
def test_a_picture_page_is_encoded_by_what_it_shows(
    content: bytes, photo: bool, space: Name, bits: int, encoding: Name
) -> None:
    original = _page_with(content, photo)

    copy = picture_copy_of(original)

    with pikepdf.open(io.BytesIO(copy)) as result:
        (image,) = result.pages[0].Resources.XObject.values()
        assert (image.ColorSpace, int(image.BitsPerComponent), image.Filter) == (space, bits, encoding)
        assert int(image.Width) == round(200 * DPI / 72)
    assert_looks_the_same(original, copy)


def _with_embedded_font(data: bytes, drop: Name | None = None) -> bytes:
    """`data` with a form drawing in an embedded font added to its first page (so its copy is pictures), without
    its annotations of subtype `drop`."""
    with pikepdf.open(io.BytesIO(data)) as pdf, pikepdf.open(io.BytesIO(embedded_font_in("form"))) as donor:
        page = pdf.pages[0]
        if "/XObject" not in page.Resources:
            page.Resources.XObject = Dictionary()
        page.Resources.XObject.Fm = pdf.copy_foreign(donor.pages[0].Resources.XObject.Fm)
        page.Contents = pdf.make_stream(page.Contents.read_bytes() + b" q 1 0 0 1 0 -60 cm /Fm Do Q")
        if drop is not None:
            page.obj.Annots = Array([a for a in page.obj.Annots if a.get("/Subtype") != drop])
        out = io.BytesIO()
        pdf.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("attack", "unshown"), [("annot_in_hidden_layer", Name.FreeText), ("annot_popup_child", Name.Popup)]
)
def test_a_picture_copy_does_not_draw_annotations_a_reader_does_not_show(attack: str, unshown: Name) -> None:
    """pdfium draws a comment on a layer that is off (review s6 L14): the pictures are drawn as if the page did not
    have it. Compared with the page without it as qpdf draws its annotations in (drawn_original): a closed note with
    no appearance of its own is not drawn, its Popup never."""
    from tests.share import pdf_attacks_annots

    original = _with_embedded_font(getattr(pdf_attacks_annots, attack)())
    without = _with_embedded_font(getattr(pdf_attacks_annots, attack)(), drop=unshown)

    copy = picture_copy_of(original)

    assert canary_places(copy) == []
    (expected,), (drawn,) = rendered(drawn_original(io.BytesIO(without))[0]), rendered(copy)
    assert float(np.abs(expected - drawn).mean()) < MAX_RELATIVE_DIFFERENCE * float(np.abs(expected - 255).mean())


def test_an_owner_password_pdf_gives_an_unencrypted_picture_copy_with_a_note() -> None:
    with pikepdf.open(io.BytesIO(embedded_font_in("form"))) as pdf:
        original = io.BytesIO()
        pdf.save(original, encryption=pikepdf.Encryption(owner="owner-secret", user="", R=6))
    out = io.BytesIO()

    report = sanitise_pdf(io.BytesIO(original.getvalue()), out)  # type: ignore[arg-type]

    assert labels.NOTE_PDF_PICTURES in report.notes and labels.NOTE_WAS_ENCRYPTED in report.notes
    with pikepdf.open(io.BytesIO(out.getvalue())) as copy:
        assert not copy.is_encrypted


def _hidden_text(content: bytes, layer_off: bool = False) -> bytes:
    """A page in a standard font that is not embedded, whose `content` shows CANARY so that nobody sees it."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(300, 200))
    font = pdf.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica))
    resources = Dictionary(Font=Dictionary(F1=font))
    if layer_off:
        layer = pdf.make_indirect(Dictionary(Type=Name.OCG, Name=pikepdf.String("notes")))
        pdf.Root.OCProperties = Dictionary(OCGs=Array([layer]), D=Dictionary(OFF=Array([layer])))
        resources.Properties = Dictionary(MC0=layer)
    pdf.pages[0].Resources = resources
    visible = b"BT /F1 18 Tf 10 150 Td (Fine 500 RUB) Tj ET "
    pdf.pages[0].Contents = pdf.make_stream(visible + content.replace(b"CANARY", CANARY.encode()))
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


HIDDEN_TEXT = {
    "invisible": b"BT 3 Tr /F1 12 Tf 10 100 Td (CANARY) Tj ET",
    "white_on_white": b"BT 1 g /F1 12 Tf 10 100 Td (CANARY) Tj ET",
    "under_a_black_box": b"BT /F1 12 Tf 10 100 Td (CANARY) Tj ET 0 g 5 95 250 20 re f",
    "off_the_page": b"BT /F1 12 Tf 400 100 Td (CANARY) Tj ET",
    "on_a_layer_that_is_off": b"/OC /MC0 BDC BT /F1 12 Tf 10 100 Td (CANARY) Tj ET EMC",
}


@pytest.mark.parametrize("place", sorted(HIDDEN_TEXT))
def test_text_nobody_sees_is_not_in_the_copy(place: str) -> None:
    """Review s7 L1: a copy that kept the text kept what nobody sees as well (an OCR layer, white text, a home-made
    redaction under a black box, text off the page or on a layer that is off)."""
    original = _hidden_text(HIDDEN_TEXT[place], layer_off=place == "on_a_layer_that_is_off")
    assert canary_places(original), "the attack file must hold the canary"

    copy = picture_copy_of(original)

    assert canary_places(copy) == []
    assert_only_pictures(copy)
    assert_looks_the_same(original, copy)


def test_a_pdf_with_xmp_is_copied_without_lxml(tmp_path: Path) -> None:
    """The frozen app ships no lxml for the sandbox: saving with qpdf's XMP update made every PDF with XMP metadata
    unreadable there ("While trying to update XMP metadata, an error occurred")."""
    sample = planted.pdf(tmp_path)
    code = (
        "import io, sys; sys.modules['lxml'] = sys.modules['lxml.etree'] = None\n"
        "from locker.share.pdf import sanitise_pdf\n"
        f"sanitise_pdf(open({str(sample.path)!r}, 'rb'), io.BytesIO())\n"
    )
    with pikepdf.open(sample.path) as original:
        assert "/Metadata" in original.Root, "the sample must carry XMP"

    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PROJECT_ROOT)

    assert done.returncode == 0, done.stderr[-2000:]


def test_pages_larger_together_than_a_thousand_a4_pages_are_refused_before_any_is_drawn() -> None:
    """Review s7 D1: 1000 A0 pages of noise ran 7 minutes and took 4 GiB before a memory refusal. 63 A0 pages are
    more than the area of 1000 A4 pages; 62 are not."""
    with pytest.raises(CopyPdfPagesTooLarge):
        drawn_original(io.BytesIO(_pages_with_embedded_font(63, (2384, 3370))))  # type: ignore[arg-type]
    drawn_original(io.BytesIO(_pages_with_embedded_font(62, (2384, 3370))))  # type: ignore[arg-type]


def test_drawing_that_takes_too_long_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bound on drawing time (ten minutes; review s7 D2: nested forms took 5.7 s a page) is checked between
    pages: with no time allowed, the copy is refused before the first page is drawn."""
    monkeypatch.setattr(pdf_pictures, "MAX_DRAWING_SECONDS", -1)
    with pytest.raises(CopyPdfTooSlow):
        sanitise_pdf(io.BytesIO(_pages_with_embedded_font(2, (200, 200))), io.BytesIO())  # type: ignore[arg-type]


def test_the_report_names_what_this_original_had() -> None:
    """The parts the copy always leaves behind (fonts, the ID ...), and of the others only those the original had."""
    pdf = pikepdf.Pdf.open(io.BytesIO(embedded_font_in("form")))
    pdf.docinfo["/Author"] = "someone"
    pdf.Root.Outlines = pdf.make_indirect(Dictionary(Type=Name.Outlines, Count=0))
    with_parts = io.BytesIO()
    pdf.save(with_parts)
    bare = pikepdf.new()
    bare.add_blank_page(page_size=(200, 200))
    bare.pages[0].Contents = bare.make_stream(b"0 0 m 100 100 l S")
    without = io.BytesIO()
    bare.save(without)

    had = sanitise_pdf(io.BytesIO(with_parts.getvalue()), io.BytesIO()).removed  # type: ignore[arg-type]
    had_not = sanitise_pdf(io.BytesIO(without.getvalue()), io.BytesIO()).removed  # type: ignore[arg-type]

    assert {labels.PDF_INFO, labels.PDF_BOOKMARKS, labels.PDF_ID, labels.PDF_FONT_NAMES} <= set(had)
    assert labels.PDF_BOOKMARKS not in had_not and labels.PDF_FORMS not in had_not
    assert labels.PDF_ID in had_not


def test_pixels_of_a_picture_that_are_clipped_away_are_not_in_the_copy() -> None:
    """Review s7 L4: the part of a picture outside its clip ("crop picture" in an editor) was copied."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    row = b"\x40" * 32 + (CANARY.encode() * 4)[:32]  # the left half grey, the right half the canary's bytes
    image = pikepdf.Stream(pdf, row * 64)
    image.Type, image.Subtype, image.Width, image.Height = Name.XObject, Name.Image, 64, 64
    image.ColorSpace, image.BitsPerComponent = Name.DeviceGray, 8
    pdf.pages[0].Resources = Dictionary(XObject=Dictionary(Im0=image))
    pdf.pages[0].Contents = pdf.make_stream(b"q 0 0 100 200 re W n 200 0 0 200 0 0 cm /Im0 Do Q")
    original = io.BytesIO()
    pdf.save(original)
    assert canary_places(original.getvalue()), "the attack file must hold the canary"

    copy = picture_copy_of(original.getvalue())

    assert canary_places(copy) == []
    assert_only_pictures(copy)
