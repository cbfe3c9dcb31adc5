"""PDF share copies made of pictures of the pages.

Dangerzone's approach (freedomofpress/dangerzone: each page rendered to pixels, the pixels written into a new PDF):
qpdf first draws what the visible annotations and filled form fields show into their pages and leaves out those a
reader does not show (flagged hidden, on a layer that is off, a note's Popup); pdfium then draws each page as a reader
shows it (crop box, /Rotate applied), here in the sandbox, and the copy is a new document with one picture a page, at
the page's size as displayed, and nothing else: no fonts, no text, no annotations, no metadata, and a document ID
computed from the copy's own bytes (no time, no link to the original). What it loses is the text: it cannot be
selected, searched or read aloud.
Why every PDF is copied this way is in locker.share.pdf.

Resolution and encoding, measured on an A4 page of dense reportlab text (45 lines, 8 to 12 pt) and on an A4 page
half filled by a photo:
- 150 dpi: 8-pt text is 17 pixels a line and reads cleanly; 100 dpi makes it hard to read, 200 dpi costs 40 % more
  bytes. A copy of the text page takes about 0.09 s.
- A page whose pixels are all grey (text, a black-and-white scan) is stored with 16 grey levels (4 bits a pixel,
  Flate): antialiased text looks the same, and the page takes 118 KB, against 200 KB with 256 levels and 425 KB as
  a JPEG (which also blurs the letters' edges).
- A page in colour is stored as Flate RGB when that takes at most 2 bits a pixel (drawings, coloured text); a page
  that does not compress so (the photo page: 8 bits a pixel, 2.2 MB) as a JPEG at quality 85 (220 KB, a tenth).
Bounds: at most MAX_PAGES pages, and no page larger than MAX_PAGE_POINTS (A0 and a bit); larger documents are
refused with their own refusal, rather than exhaust the sandbox's memory or time.
"""

from __future__ import annotations

import contextlib
import io
import time
import zlib
from typing import Any, BinaryIO

import pikepdf
from pikepdf import Array, Dictionary, Name

from locker.share import report_labels as labels
from locker.share.options import SanitiseReport
from locker.share.pdf_annotations import hide_unshown_annotations
from locker.share.refusals import (
    CopyPdfPagesTooLarge,
    CopyPdfPageTooLarge,
    CopyPdfTooManyPages,
    CopyPdfTooSlow,
)

DPI = 150
MAX_PAGES = 1000
# A0 is 2384 x 3370 points; at 150 dpi that is 7016 x 9933 pixels (70 million, 210 MB as RGB).
MAX_PAGE_POINTS = 2384 * 3370 * 1.05
# All pages together: the area of MAX_PAGES A4 pages (1000 A0 pages of noise took 7 minutes and 4 GiB before a
# memory refusal, review s7 D1), and at most ten minutes of drawing (nested forms drawing each other ten times over
# six levels took 5.7 s a page, review s7 D2).
A4_AREA = 595 * 842
MAX_AREA = MAX_PAGES * A4_AREA
MAX_DRAWING_SECONDS = 600
JPEG_QUALITY = 85
_FLATE_BITS_PER_PIXEL = 2  # a colour page compressing worse than this is a photo: JPEG
# What every picture copy leaves behind: fonts (and what is inside them), pictures' own metadata, the document ID,
# earlier revisions, and the rest; the report also names what this original had of _ROOT_PARTS and _PAGE_PARTS.
ALWAYS_REMOVED = (labels.PDF_ID, labels.PDF_FONT_NAMES, labels.PDF_PICTURE_METADATA, labels.PDF_REVISIONS,
                  labels.PDF_OTHER)  # fmt: skip
_ROOT_PARTS = {"/Metadata": labels.PDF_XMP, "/AcroForm": labels.PDF_FORMS, "/Names": labels.PDF_NAMES,
               "/AF": labels.PDF_ATTACHED_FILES, "/OpenAction": labels.PDF_ACTIONS, "/AA": labels.PDF_ACTIONS,
               "/Outlines": labels.PDF_BOOKMARKS, "/StructTreeRoot": labels.PDF_STRUCTURE,
               "/PieceInfo": labels.PDF_PRIVATE_DATA, "/OCProperties": labels.PDF_LAYER_NAMES}  # fmt: skip
_PAGE_PARTS = {"/Annots": labels.PDF_ANNOTATIONS, "/Thumb": labels.PDF_THUMBNAILS,
               "/PieceInfo": labels.PDF_PRIVATE_DATA, "/AA": labels.PDF_ACTIONS}  # fmt: skip


def picture_copy(f: BinaryIO, out: BinaryIO) -> SanitiseReport:
    """Write a copy of the PDF in `f` made of one picture a page into `out`."""
    import pypdfium2  # noqa: PLC0415 - preloaded by the sandbox's fork server

    report = SanitiseReport("pdf", "application/pdf")
    drawn, encrypted, notes, removed = drawn_original(f)
    document = pypdfium2.PdfDocument(drawn)
    started = time.monotonic()
    try:
        with pikepdf.new() as target:
            kids = []
            for index in range(len(document)):
                if time.monotonic() - started > MAX_DRAWING_SECONDS:
                    raise CopyPdfTooSlow(details=f"{index} of {len(document)} pages drawn")
                kids.append(_page(document, index, target))
            tree = target.Root.Pages
            for kid in kids:
                kid.Parent = tree
            tree.Kids, tree.Count = Array(kids), len(kids)
            # The ID qpdf computes from the copy's own bytes: a random one of ours got a second half made from the
            # time of saving (qpdf's writer does that), which dated the copy to the second (review s7 L7).
            target.save(out, linearize=False, compress_streams=False, deterministic_id=True, fix_metadata_version=False,
                        object_stream_mode=pikepdf.ObjectStreamMode.generate)  # fmt: skip
    finally:
        document.close()
    report.removed = sorted(set(ALWAYS_REMOVED) | removed)
    report.notes.append(labels.NOTE_PDF_PICTURES)
    report.notes.extend(notes)
    if encrypted:
        report.notes.append(labels.NOTE_WAS_ENCRYPTED)
    return report


def drawn_original(f: BinaryIO) -> tuple[bytes, bool, list[str], set[str]]:
    """The original as its pages are drawn: decrypted, with what its visible annotations and filled form fields show
    drawn into the pages by qpdf, and the annotations a reader does not show gone. Also whether it was encrypted,
    the report's notes, and what it had that the copy leaves behind (report labels). The re-check searches the text
    of these same bytes (locker.share.recheck), so what the pictures show and what is searched cannot differ.
    Documents over MAX_PAGES pages or MAX_AREA are refused here, before anything is drawn."""
    f.seek(0)
    with pikepdf.open(f) as source:
        if len(source.pages) > MAX_PAGES:
            raise CopyPdfTooManyPages(details=f"{len(source.pages)} pages; at most {MAX_PAGES}")
        area = sum(_area(page) for page in source.pages)
        if area > MAX_AREA:
            raise CopyPdfPagesTooLarge(details=f"{area / A4_AREA:.0f} A4 pages' worth; at most {MAX_PAGES}")
        removed = {label for key, label in _ROOT_PARTS.items() if key in source.Root}
        removed |= {label for page in source.pages for key, label in _PAGE_PARTS.items() if key in page.obj}
        if "/Info" in source.trailer:
            removed.add(labels.PDF_INFO)
        notes = _flatten(source)
        drawn = io.BytesIO()
        # Not fix_metadata_version: qpdf would rewrite the XMP it keeps, which needs pikepdf's own version (package
        # metadata the frozen app does not ship: "While trying to update XMP metadata, an error occurred").
        source.save(drawn, fix_metadata_version=False)
        return drawn.getvalue(), source.is_encrypted, notes, removed


def _area(page: pikepdf.Page) -> float:
    """The page's area in square points as displayed (crop box); 0 when it cannot be read (pdfium decides then)."""
    try:
        left, bottom, right, top = (float(v) for v in page.cropbox)
    except (TypeError, ValueError, pikepdf.PdfError):
        return 0.0
    return abs(right - left) * abs(top - bottom)


def _flatten(source: pikepdf.Pdf) -> list[str]:
    """Draw what visible annotations show into their pages (qpdf), and leave the others out. Only what a reader
    shows on screen is drawn: not an annotation flagged hidden (qpdf), nor one on a layer that is off by default,
    nor a Popup (a note's text box, shown only when the reader opens it). Filled form fields that have no appearance
    yet (NeedAppearances) get one first. The notes for the report."""
    notes = []
    hide_unshown_annotations(source)
    with contextlib.suppress(pikepdf.PdfError):  # the fields left without an appearance are named in the notes
        source.generate_appearance_streams()
    if _fields_without_appearance(source):
        notes.append(labels.NOTE_FIELD_WITHOUT_APPEARANCE)
    try:
        source.flatten_annotations("screen")
    except pikepdf.PdfError:
        notes.append(labels.NOTE_ANNOTATIONS_LEFT_OUT)
    for page in source.pages:  # what qpdf could not draw in (no appearance) is not drawn by pdfium either
        if "/Annots" in page.obj:
            del page.obj["/Annots"]
    return notes


def _fields_without_appearance(source: pikepdf.Pdf) -> bool:
    for page in source.pages:
        annots = page.obj.get("/Annots", Array())
        for annot in annots if isinstance(annots, Array) else []:
            if isinstance(annot, Dictionary) and annot.get("/Subtype") == Name.Widget and "/AP" not in annot:
                field: object = annot
                for _ in range(32):  # the value may sit on a parent field
                    if not isinstance(field, Dictionary):
                        break
                    if "/V" in field:
                        return True
                    field = field.get("/Parent")
    return False


def _page(document: Any, index: int, target: pikepdf.Pdf) -> Dictionary:
    page = document[index]
    try:
        width, height = page.get_size()  # the crop box, turned by /Rotate: the page as displayed
        if width * height > MAX_PAGE_POINTS:
            raise CopyPdfPageTooLarge(details=f"page {index + 1}: {width:.0f} x {height:.0f} points")
        width, height = max(width, 1.0), max(height, 1.0)
        # Annotations are already drawn into the page, or left out (drawn_original): pdfium draws only the page.
        bitmap = page.render(scale=DPI / 72, rev_byteorder=True, fill_color=(255, 255, 255, 255),
                             draw_annots=False, may_draw_forms=False)  # fmt: skip
        image = _image(target, bitmap.to_numpy())
    finally:
        page.close()
    contents = pikepdf.Stream(target, b"q %.4f 0 0 %.4f 0 0 cm /Im1 Do Q" % (width, height))
    new = Dictionary(Type=Name.Page, MediaBox=Array([0, 0, width, height]),
                     Resources=Dictionary(XObject=Dictionary(Im1=image)), Contents=contents)  # fmt: skip
    return target.make_indirect(new)


def _image(target: pikepdf.Pdf, pixels: Any) -> pikepdf.Stream:
    """The rendered page (height x width x 3 or 4, RGB first) as one picture: see the module's docstring."""
    import numpy as np  # noqa: PLC0415

    rgb = np.ascontiguousarray(pixels[:, :, :3])
    height, width = rgb.shape[:2]
    if (rgb[:, :, 0] == rgb[:, :, 1]).all() and (rgb[:, :, 1] == rgb[:, :, 2]).all():
        data, space, bits, filter_ = zlib.compress(_four_bits(rgb[:, :, 0]), 6), Name.DeviceGray, 4, Name.FlateDecode
    else:
        data, space, bits, filter_ = zlib.compress(rgb.tobytes(), 6), Name.DeviceRGB, 8, Name.FlateDecode
        if len(data) * 8 > width * height * _FLATE_BITS_PER_PIXEL:
            from PIL import Image  # noqa: PLC0415

            encoded = io.BytesIO()
            Image.fromarray(rgb, "RGB").save(encoded, "JPEG", quality=JPEG_QUALITY)
            data, filter_ = encoded.getvalue(), Name.DCTDecode  # Pillow writes no metadata it was not given
    image = pikepdf.Stream(target, data)
    image.Type, image.Subtype, image.Width, image.Height = Name.XObject, Name.Image, width, height
    image.ColorSpace, image.BitsPerComponent, image.Filter = space, bits, filter_
    return image


def _four_bits(grey: Any) -> bytes:
    """Grey levels rounded to 16 and packed two pixels a byte, each row padded with zero bits."""
    import numpy as np  # noqa: PLC0415

    levels = ((grey.astype(np.uint16) * 15 + 127) // 255).astype(np.uint8)
    if levels.shape[1] % 2:
        levels = np.pad(levels, ((0, 0), (0, 1)))
    return bytes((levels[:, 0::2] << 4 | levels[:, 1::2]).tobytes())
