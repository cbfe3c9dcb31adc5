"""A share copy of an ordinary PDF (pictures of its pages) still draws the same pages: a clean copy nobody can read
is no copy.

Originals and copies are rendered by poppler at 150 dpi (pdftoppm, not the library that drew the pictures) and
compared pixel by pixel, within MAX_RELATIVE_DIFFERENCE of what the page draws: a scan saved as JPEG pages, and
inline pictures. (Copies of text documents are compared in tests/share/test_pdf_pictures.py.)
"""

from __future__ import annotations

import io
import subprocess
import zlib
from pathlib import Path

import numpy as np
import pikepdf
from pikepdf import Array, Dictionary, Name
from PIL import Image

from locker.share.pdf import sanitise_pdf
from tests.share import pdf_attack_pictures, planted
from tests.share.test_pdf_pictures import MAX_RELATIVE_DIFFERENCE


def render(data: bytes, folder: Path) -> list[np.ndarray]:
    source = folder / f"{len(list(folder.iterdir()))}.pdf"
    source.write_bytes(data)
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(source), str(source.with_suffix(""))], check=True)
    pages = sorted(folder.glob(f"{source.stem}-*.png"))
    return [np.asarray(Image.open(p).convert("RGB"), dtype=np.int16) for p in pages]


def assert_same_pages(original: bytes, folder: Path) -> bytes:
    out = io.BytesIO()
    sanitise_pdf(io.BytesIO(original), out)  # type: ignore[arg-type]
    before, after = render(original, folder), render(out.getvalue(), folder)
    assert len(before) == len(after) > 0
    for number, (a, b) in enumerate(zip(before, after, strict=True)):
        assert a.shape == b.shape, number
        ink = float(np.abs(a - 255).mean())
        assert a.std() > 1 and ink > 0.1, "the page must draw something, or the comparison proves nothing"
        # A copy made of pictures (150 dpi, 16 grey levels or JPEG) is not the same to the pixel: what differs must
        # be a small part of what the page draws (a blank copy differs by all of it).
        assert float(np.abs(a - b).mean()) < MAX_RELATIVE_DIFFERENCE * ink, f"page {number + 1} looks different"
    return out.getvalue()


def _reportlab(tmp_path: Path) -> bytes:
    from reportlab.lib.pagesizes import A5
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A5)
    pdf.setAuthor(planted.ARTIST)
    for number in range(3):
        pdf.setFont("Times-Roman", 14)
        pdf.drawString(40, 500, f"Decision No {number + 1} in the administrative offence case")
        pdf.setFont("Helvetica-Bold", 11)
        pdf.drawString(40, 470, f"Moscow district court, page {number + 1}")
        pdf.setFillColorRGB(0.8, 0.1, 0.1)
        pdf.rect(40, 300, 120, 80, fill=1)
        pdf.drawImage(str(_photo(tmp_path)), 200, 300, 120, 90)
        pdf.showPage()
    pdf.setFont("Helvetica", 12)
    pdf.acroForm.textfield(name="fine", value="5000 RUB", x=40, y=400, width=200, height=24, borderColor=None)
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def _photo(folder: Path) -> Path:
    path = folder / "photo.jpg"
    if not path.exists():
        planted.scene(160, 120).save(path, "JPEG")
    return path


def test_a_scan_saved_as_jpeg_pages_looks_the_same(tmp_path: Path) -> None:
    pages = [planted.scene(300, 420), planted.scene(420, 300).transpose(Image.Transpose.FLIP_LEFT_RIGHT)]
    out = io.BytesIO()
    pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=72)
    assert_same_pages(out.getvalue(), tmp_path)


def _uncommon_features() -> bytes:
    """Rotation, a crop box, a photo with EXIF, a soft mask, an indexed picture, a
    gradient pattern, a transparency group in a form and a JPEG 2000 picture."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(300, 300))
    pdf.add_blank_page(page_size=(300, 300))
    photo = pikepdf.Stream(pdf, pdf_attack_pictures.exif_jpeg((30, 120, 200), size=64))
    photo.Type, photo.Subtype, photo.Width, photo.Height = Name.XObject, Name.Image, 64, 64
    photo.ColorSpace, photo.BitsPerComponent, photo.Filter = Name.DeviceRGB, 8, Name.DCTDecode
    ramp = bytes(range(0, 256, 4)) * 64
    mask = pikepdf.Stream(pdf, zlib.compress(ramp))
    mask.Type, mask.Subtype, mask.Width, mask.Height = Name.XObject, Name.Image, 64, 64
    mask.ColorSpace, mask.BitsPerComponent, mask.Filter = Name.DeviceGray, 8, Name.FlateDecode
    photo.SMask = mask
    indexed = pikepdf.Stream(pdf, zlib.compress(bytes(i % 3 for i in range(32 * 32))))
    indexed.Type, indexed.Subtype, indexed.Width, indexed.Height = Name.XObject, Name.Image, 32, 32
    indexed.BitsPerComponent, indexed.Filter = 8, Name.FlateDecode
    indexed.ColorSpace = Array(
        [Name.Indexed, Name.DeviceRGB, 2, pikepdf.String(b"\xff\x00\x00\x00\xff\x00\x00\x00\xff")]
    )
    shading = Dictionary(
        ShadingType=2,
        ColorSpace=Name.DeviceRGB,
        Coords=[0, 0, 300, 0],
        Extend=[True, True],
        Function=Dictionary(FunctionType=2, Domain=[0, 1], C0=[1, 1, 0], C1=[0, 0.5, 1], N=1),
    )
    group_form = pikepdf.Stream(pdf, b"/GS0 gs 0 0 1 rg 0 0 80 80 re f")
    group_form.Type, group_form.Subtype, group_form.BBox = Name.XObject, Name.Form, [0, 0, 80, 80]
    group_form.Group = Dictionary(Type=Name.Group, S=Name.Transparency, CS=Name.DeviceRGB)
    group_form.Resources = Dictionary(ExtGState=Dictionary(GS0=Dictionary(ca=0.4, BM=Name.Multiply)))
    jpx = Image.new("RGB", (16, 16), (250, 180, 20))
    jpx_bytes = io.BytesIO()
    jpx.save(jpx_bytes, "JPEG2000")
    jpx_image = pikepdf.Stream(pdf, jpx_bytes.getvalue())
    jpx_image.Type, jpx_image.Subtype, jpx_image.Width, jpx_image.Height = Name.XObject, Name.Image, 16, 16
    jpx_image.Filter = Name.JPXDecode
    resources = Dictionary(
        XObject=Dictionary(Ph=photo, Ix=indexed, Fm=group_form, Jp=jpx_image),
        Pattern=Dictionary(P0=Dictionary(PatternType=2, Shading=shading)),
    )
    for page in pdf.pages:
        page.Resources = resources
    pdf.pages[0].Contents = pdf.make_stream(
        b"/Pattern cs /P0 scn 0 0 300 150 re f q 120 0 0 120 20 160 cm /Ph Do Q "
        b"q 80 0 0 80 160 180 cm /Ix Do Q q 1 0 0 1 150 40 cm /Fm Do Q"
    )
    pdf.pages[1].Contents = pdf.make_stream(b"q 200 0 0 100 50 50 cm /Jp Do Q q 100 0 0 100 10 180 cm /Ph Do Q")
    pdf.pages[1].Rotate = 90
    pdf.pages[1].CropBox = Array([10, 10, 290, 280])
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def _inherited_attributes() -> bytes:
    """Size, rotation and resources on the page tree node, not on the page: written by hand, because qpdf moves
    them onto the pages when it saves."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 300 200] /Rotate 90 "
        b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>",
        b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
        b"<< /Length 60 >>\nstream\nBT /F1 24 Tf 20 120 Td (Inherited) Tj ET 0 0 1 rg 20 20 80 40 re f\nendstream",
    ]
    body = b"%PDF-1.4\n"
    offsets = []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(body))
        body += b"%d 0 obj\n%s\nendobj\n" % (number, obj)
    xref = b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return body + xref + b"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % len(body)


def test_a_field_value_that_cannot_be_drawn_is_named_in_the_notes() -> None:
    """A ticked box without an appearance: qpdf makes none, so the report says its value was left out."""
    from tests.share.pdf_attacks_annots import form_needing_appearance

    with pikepdf.open(io.BytesIO(form_needing_appearance())) as pdf:
        pdf.pages[0].Annots[0].FT = Name.Btn
        pdf.pages[0].Annots[0].V = Name.Yes
        original = io.BytesIO()
        pdf.save(original)
    report = sanitise_pdf(io.BytesIO(original.getvalue()), io.BytesIO())  # type: ignore[arg-type]

    assert "the value of a form field that had no appearance could not be drawn; it was left out" in report.notes


def test_inline_pictures_written_anew_look_the_same(tmp_path: Path) -> None:
    """Inline pictures are decoded, cut to size and written as hex: unfiltered, Flate, hex, a colour space from the
    resources, an indexed palette, a fax-coded mask."""
    from tests.share.pdf_attacks_streams import fax_g4

    ramp = bytes(range(0, 256, 16))
    mask = Image.new("1", (8, 8), 1)
    mask.paste(0, (0, 0, 4, 8))
    pictures = [
        b"BI /W 4 /H 4 /CS /G /BPC 8 ID\n" + ramp + b"\nEI",
        b"BI /W 4 /H 4 /CS /G /BPC 8 /F /Fl ID\n" + zlib.compress(ramp[::-1]) + b"\nEI",
        b"BI /W 4 /H 4 /CS /RGB /BPC 8 /F /AHx ID\n" + (ramp * 3).hex().encode() + b">\nEI",
        b"BI /W 4 /H 4 /CS /Scan /BPC 8 ID\n" + ramp + b"\nEI",
        b"BI /W 4 /H 1 /CS [/I /RGB 1 <ff000000ff00>] /BPC 8 ID\n\x00\x01\x00\x01\nEI",
        b"0 0 1 rg BI /W 8 /H 8 /IM true /F /CCF /DP << /K -1 /Columns 8 /Rows 8 >> ID\n" + fax_g4(mask) + b"\nEI",
    ]
    content = b"".join(b"q 40 0 0 40 %d 60 cm " % (10 + 45 * i) + p + b" Q " for i, p in enumerate(pictures))
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(300, 200))
    pdf.pages[0].Resources = Dictionary(ColorSpace=Dictionary(Scan=Name.DeviceGray))
    pdf.pages[0].Contents = pdf.make_stream(content)
    original = io.BytesIO()
    pdf.save(original)

    assert_same_pages(original.getvalue(), tmp_path)
