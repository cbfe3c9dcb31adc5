"""Share copies of PDFs (a court fine, a letter): the same pages with nothing that names a person or a machine.

The copy is a new document built from an allow-list (locker.share.pdf_copy): starting from each page, only what is
needed to draw it is copied (page size and rotation, drawing instructions, and the fonts, pictures, colour spaces,
patterns and layers, under neutral names, that the instructions use; pictures and forms a page lists but never draws
are not). Everything else is left behind, wherever it sits and however it is reached: document
information and XMP, attached files and the actions or annotations that lead to them, scripts, form fields and
signatures, bookmarks, page thumbnails, the structure tree and its alternative texts, application private data,
earlier revisions, and the trailer (the copy gets a new random document ID). Annotations are not copied: what a
visible one shows (a stamp, a filled-in field) is first drawn into its page, so the page looks the same; one a
reader does not show (flagged hidden, on a layer that is off by default, a note's Popup) is not drawn
(locker.share.pdf_annotations). A filled field without an appearance gets one first, or the report's notes say its
value was left out. Comments' text, authors and dates are gone. Pictures keep their pixels but not their own
metadata (locker.share.pdf_images).
Visible text stays: it is the document's content, and the re-check searches it for the recorded names.

A document the allow-list copy cannot prove clean is copied as pictures of its pages instead
(locker.share.pdf_pictures): one that draws with an embedded font program, whose parts can all carry data, a CID
font's glyph map given as a stream, or drawing instructions (a page's, a form's or a pattern's) longer than
MAX_CONTENT_BYTES, 8 MiB (see locker.share.pdf_fonts). Such a copy keeps how the pages look but not their text, and
the re-check then searches the original's page text, which its pictures show. Documents without these (scans,
drawings, text in fonts that are not embedded) keep the allow-list copy, and their text stays selectable.
"""

from __future__ import annotations

import contextlib
import secrets
from typing import BinaryIO

import pikepdf
import pypdfium2
from pikepdf import Array, Dictionary, Name

from locker.share import report_labels as labels
from locker.share.options import SanitiseReport
from locker.share.pdf_annotations import hide_unshown_annotations
from locker.share.pdf_content import clean_content
from locker.share.pdf_copy import PLAIN, PdfCopier, keys_of
from locker.share.pdf_fonts import NeedsPictures, check_content_size
from locker.share.pdf_names import NAMES_REMOVED
from locker.share.pdf_pictures import picture_copy
from locker.share.pdf_random import install as _give_qpdf_random_bytes
from locker.share.sandbox_refusals import PdfNeedsPassword, PdfUnreadable

_give_qpdf_random_bytes()  # AES-256 PDFs in the sandbox; the fork server imports this module before any job

_PAGE_PLAIN = ("/BleedBox", "/TrimBox", "/ArtBox", "/UserUnit")
_INHERITED = ("/MediaBox", "/CropBox", "/Rotate", "/Resources")
_LETTER = Array([0, 0, 612, 792])  # what readers assume for a page without a size
# How the report names what was left behind, by the key it sat under.
_LABELS = {
    "/Info": labels.PDF_INFO,
    "/Metadata": labels.PDF_XMP,
    "/ID": labels.PDF_ID,
    "/Annots": labels.PDF_ANNOTATIONS,
    "/AcroForm": labels.PDF_FORMS,
    "/Names": labels.PDF_NAMES,
    "/AF": labels.PDF_ATTACHED_FILES,
    "/OpenAction": labels.PDF_ACTIONS,
    "/AA": labels.PDF_ACTIONS,
    "/Outlines": labels.PDF_BOOKMARKS,
    "/Thumb": labels.PDF_THUMBNAILS,
    "/StructTreeRoot": labels.PDF_STRUCTURE,
    "/Alt": labels.PDF_STRUCTURE,
    "/PieceInfo": labels.PDF_PRIVATE_DATA,
    "/PTEX.FileName": labels.PDF_TEX_FILES,
    "/PTEX.InfoDict": labels.PDF_TEX_FILES,
    "/OCGName": labels.PDF_LAYER_NAMES,
    "/BaseFont": NAMES_REMOVED,
    "/FontName": NAMES_REMOVED,
    "/CMapName": NAMES_REMOVED,
}


def sanitise_pdf(f: BinaryIO, out: BinaryIO) -> SanitiseReport:
    """The allow-list copy of the PDF in `f`, or, when it meets what it cannot prove clean (locker.share.pdf_fonts),
    a copy made of pictures of the pages (locker.share.pdf_pictures). Nothing is written to `out` before the copy
    is complete."""
    try:
        try:
            return _allow_list_copy(f, out)
        except pikepdf.PasswordError:
            raise
        except (NeedsPictures, ValueError, pikepdf.PdfError):
            # What the allow-list copier cannot check (locker.share.pdf_fonts), or a part it cannot read: pictures
            # of the pages are clean whatever the document holds, so the user gets those rather than no copy.
            return picture_copy(f, out)
    except pikepdf.PasswordError as error:
        raise PdfNeedsPassword() from error
    except (pikepdf.PdfError, pypdfium2.PdfiumError) as error:
        raise PdfUnreadable(details=f"{type(error).__name__}: {str(error)[:300]}") from error


def _allow_list_copy(f: BinaryIO, out: BinaryIO) -> SanitiseReport:
    report = SanitiseReport("pdf", "application/pdf")
    with pikepdf.open(f) as source, pikepdf.new() as target:
        copier = PdfCopier(target)
        copier.dropped.update(k for k in keys_of(source.trailer) if k not in ("/Root", "/Size", "/Prev", "/XRefStm"))
        copier.dropped.update(k for k in keys_of(source.Root) if k not in ("/Type", "/Pages", "/OCProperties"))
        if any("/Annots" in page.obj for page in source.pages):
            report.notes.extend(_flatten(source))
        # Pictures and forms a page lists but never draws (an editor's leftovers, an earlier scan) are not copied.
        source.remove_unreferenced_resources()
        # The page tree is built in one go: appending pages one by one costs qpdf time in proportion to the pages
        # already there (20 000 pages took a minute, review s6 D1).
        tree = target.Root.Pages
        kids = [_copy_page(page.obj, copier) for page in source.pages]
        for kid in kids:
            kid.Parent = tree
        tree.Kids, tree.Count = Array(kids), len(kids)
        _copy_layers(source, target, copier)
        # A new random ID: nothing links the copy to the original or to another copy of it.
        fresh = pikepdf.String(secrets.token_bytes(16))
        target.trailer.ID = Array([fresh, fresh])
        if source.is_encrypted:
            report.notes.append(labels.NOTE_WAS_ENCRYPTED)
        target.save(out, linearize=False, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    removed = {_LABELS.get(k, labels.PDF_OTHER) for k in copier.dropped}
    report.removed = sorted(removed | copier.removed | {labels.PDF_REVISIONS})
    return report


def _flatten(source: pikepdf.Pdf) -> list[str]:
    """Draw what visible annotations show into their pages (qpdf), so that leaving annotations out changes no
    page's look. Only what a reader shows on screen is drawn: not an annotation flagged hidden (qpdf), nor one on a
    layer that is off by default, nor a Popup (a note's text box, shown only when the reader opens it). Filled form
    fields that have no appearance yet (NeedAppearances) get one first. The notes for the report."""
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
    return notes


def _fields_without_appearance(source: pikepdf.Pdf) -> bool:
    for page in source.pages:
        for annot in page.obj.get("/Annots", Array()):
            if isinstance(annot, Dictionary) and annot.get("/Subtype") == Name.Widget and "/AP" not in annot:
                field: object = annot
                for _ in range(32):  # the value may sit on a parent field
                    if not isinstance(field, Dictionary):
                        break
                    if "/V" in field:
                        return True
                    field = field.get("/Parent")
    return False


def _copy_page(page: Dictionary, copier: PdfCopier) -> Dictionary:
    # The page's resources name what its instructions use, and what its forms without resources of their own use.
    copier.resources.append(page.get("/Resources"))
    try:
        return _copy_page_in(page, copier)
    finally:
        copier.resources.pop()


def _copy_page_in(page: Dictionary, copier: PdfCopier) -> Dictionary:
    new = Dictionary(Type=Name.Page)
    # Attributes a page may inherit from the page tree are on the page itself: qpdf moves them there when it
    # lists the pages.
    for key in _INHERITED:
        copied = copier.copy(page[key], "resources" if key == "/Resources" else PLAIN) if key in page else None
        if copied is not None:
            new[key] = copied
    if "/MediaBox" not in new:
        new.MediaBox = _LETTER
    for key in _PAGE_PLAIN:
        if key in page and (copied := copier.copy(page[key], PLAIN)) is not None:
            new[key] = copied
    if "/Group" in page and (group := copier.copy(page.Group, "group")) is not None:
        new.Group = group
    copier.dropped.update(k for k in keys_of(page) if k not in (*_INHERITED, *_PAGE_PLAIN, "/Group", "/Type",
                                                                "/Parent", "/Contents"))  # fmt: skip
    if "/Contents" in page:
        check_content_size(page.Contents)
    try:
        instructions = pikepdf.parse_content_stream(page) if "/Contents" in page else []
    except pikepdf.PdfError as error:
        raise ValueError("a page's drawing instructions could not be read; the copy is refused") from error
    new.Contents = copier.content_stream(clean_content(instructions, copier))
    return copier.target.make_indirect(new)


def _copy_layers(source: pikepdf.Pdf, target: pikepdf.Pdf, copier: PdfCopier) -> None:
    """The layers the copied pages use, with the original's default on/off states, so hidden layers stay hidden."""
    if not copier.layers:
        return
    config = source.Root.get("/OCProperties", Dictionary()).get("/D")
    default = Dictionary()
    if isinstance(config, Dictionary):
        if config.get("/BaseState") in (Name.ON, Name.OFF, Name.Unchanged):
            default.BaseState = config.BaseState
        for key in ("/ON", "/OFF"):
            states = config.get(key)
            if isinstance(states, Array):
                picked = [copier.layers[s.objgen] for s in states if s.objgen in copier.layers]
                default[key] = Array(picked)
    target.Root.OCProperties = Dictionary(OCGs=Array(list(copier.layers.values())), D=default)
