"""PDF share copies made of pictures of the pages, for documents the allow-list copy cannot prove clean.

Dangerzone's approach (freedomofpress/dangerzone: each page rendered to pixels, the pixels written into a new PDF):
pdfium draws each page as a reader shows it (crop box, /Rotate applied, visible annotations and filled form fields
drawn; annotations flagged hidden, on a layer that is off or a note's Popup not), here in the sandbox, and the copy
is a new document with one picture a page, at the page's size as displayed, and nothing else: no fonts, no text, no
metadata, a new random document ID. What it loses is the text: it cannot be selected, searched or read aloud.
Why a document is copied this way is in locker.share.pdf_fonts.

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

import io
import secrets
import zlib
from typing import Any, BinaryIO

import pikepdf
from pikepdf import Array, Dictionary, Name

from locker.share import report_labels as labels
from locker.share.options import SanitiseReport
from locker.share.pdf_annotations import hide_unshown_annotations
from locker.share.refusals import CopyPdfPageTooLarge, CopyPdfTooManyPages

DPI = 150
MAX_PAGES = 1000
# A0 is 2384 x 3370 points; at 150 dpi that is 7016 x 9933 pixels (70 million, 210 MB as RGB).
MAX_PAGE_POINTS = 2384 * 3370 * 1.05
JPEG_QUALITY = 85
_FLATE_BITS_PER_PIXEL = 2  # a colour page compressing worse than this is a photo: JPEG
# What the picture copy leaves behind, whatever the original held: everything but the pixels.
REMOVED = (labels.PDF_INFO, labels.PDF_XMP, labels.PDF_ID, labels.PDF_ANNOTATIONS, labels.PDF_FORMS,
           labels.PDF_NAMES, labels.PDF_BOOKMARKS, labels.PDF_STRUCTURE, labels.PDF_FONT_NAMES,
           labels.PDF_PICTURE_METADATA, labels.PDF_REVISIONS, labels.PDF_OTHER)  # fmt: skip


def picture_copy(f: BinaryIO, out: BinaryIO) -> SanitiseReport:
    """Write a copy of the PDF in `f` made of one picture a page into `out`."""
    import pypdfium2  # noqa: PLC0415 - preloaded by the sandbox's fork server

    report = SanitiseReport("pdf", "application/pdf")
    shown, encrypted = _without_unshown_annotations(f)
    document = pypdfium2.PdfDocument(shown)
    try:
        count = len(document)
        document.init_forms()  # filled form fields are drawn as a reader shows them
        with pikepdf.new() as target:
            kids = [_page(document, index, target) for index in range(count)]
            tree = target.Root.Pages
            for kid in kids:
                kid.Parent = tree
            tree.Kids, tree.Count = Array(kids), len(kids)
            fresh = pikepdf.String(secrets.token_bytes(16))  # nothing links the copy to the original
            target.trailer.ID = Array([fresh, fresh])
            target.save(out, linearize=False, compress_streams=False,
                        object_stream_mode=pikepdf.ObjectStreamMode.generate)  # fmt: skip
    finally:
        document.close()
    report.removed = sorted(set(REMOVED))
    report.notes.append(labels.NOTE_PDF_PICTURES)
    if encrypted:
        report.notes.append(labels.NOTE_WAS_ENCRYPTED)
    return report


def _without_unshown_annotations(f: BinaryIO) -> tuple[bytes, bool]:
    """The original (decrypted) without the annotations a reader does not show: pdfium honours the Hidden and
    NoView flags but draws a comment on a layer that is off by default (locker.share.pdf_annotations). Also whether
    it was encrypted. Too many pages are refused here, before anything is drawn."""
    f.seek(0)
    with pikepdf.open(f) as source:
        if len(source.pages) > MAX_PAGES:
            raise CopyPdfTooManyPages(details=f"{len(source.pages)} pages; at most {MAX_PAGES}")
        hide_unshown_annotations(source)
        shown = io.BytesIO()
        source.save(shown)
        return shown.getvalue(), source.is_encrypted


def _page(document: Any, index: int, target: pikepdf.Pdf) -> Dictionary:
    page = document[index]
    try:
        width, height = page.get_size()  # the crop box, turned by /Rotate: the page as displayed
        if width * height > MAX_PAGE_POINTS:
            raise CopyPdfPageTooLarge(details=f"page {index + 1}: {width:.0f} x {height:.0f} points")
        width, height = max(width, 1.0), max(height, 1.0)
        bitmap = page.render(scale=DPI / 72, rev_byteorder=True, fill_color=(255, 255, 255, 255),
                             draw_annots=True, may_draw_forms=True)  # fmt: skip
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
