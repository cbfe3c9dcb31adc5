"""Share copies of PDFs (a court fine, a letter): the same pages with nothing that names a person or a machine.

qpdf (through pikepdf) writes a new file holding only the objects the current pages reach, so earlier revisions
of an incrementally updated file are gone. Before that we drop the Info dictionary, every XMP stream, page
thumbnails, piece info, annotation authors and dates, attached files, and the trailer /ID (replaced by a random
one, so the copy cannot be linked to the original by it); embedded JPEG pictures lose their EXIF.
"""

from __future__ import annotations

import secrets
from typing import BinaryIO

import pikepdf

from locker.share.options import SanitiseReport
from locker.share.segments import clean_jpeg

# Keys anywhere in the file that carry metadata or history, never content.
_DROP_EVERYWHERE = {
    "/Metadata": "XMP metadata",
    "/PieceInfo": "application piece info",
    "/LastModified": "modification dates",
    "/AF": "attached files",  # PDF 2.0 associated files, reachable from any object
}
_DROP_FROM_ROOT = ("/AcroForm/XFA", "/SpiderInfo", "/Perms", "/Legal", "/Threads", "/URI")
_DROP_FROM_PAGE = ("/Thumb",)
_DROP_FROM_ANNOT = ("/T", "/M", "/CreationDate", "/NM", "/RC", "/Subj")


def sanitise_pdf(f: BinaryIO, out: BinaryIO) -> SanitiseReport:
    report = SanitiseReport("pdf", "application/pdf")
    removed: set[str] = set()
    with pikepdf.open(f) as pdf:
        trailer = pdf.trailer
        if "/Info" in trailer:
            del trailer["/Info"]
            removed.add("document information (author, creator, producer, dates)")
        if "/ID" in trailer:
            del trailer["/ID"]
            removed.add("document ID (replaced by a new one)")
        # A new random ID: nothing links the copy to the original or to another copy of it.
        fresh = pikepdf.String(secrets.token_bytes(16))
        trailer["/ID"] = pikepdf.Array([fresh, fresh])
        _clean_root(pdf.Root, removed)  # type: ignore[arg-type]
        for page in pdf.pages:
            _clean_page(page.obj, removed)
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
                for key, label in _DROP_EVERYWHERE.items():
                    if key in obj:
                        del obj[key]
                        removed.add(label)
            if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image" and _clean_image(obj):
                removed.add("metadata inside embedded pictures (EXIF, XMP, ICC, comments)")
        if pdf.is_encrypted:
            report.notes.append("the original was encrypted; the copy is not")
        pdf.remove_unreferenced_resources()
        pdf.save(out, linearize=False, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    removed.add("earlier revisions and unreferenced objects")
    report.removed = sorted(removed)
    return report


def _clean_root(root: pikepdf.Dictionary, removed: set[str]) -> None:
    for key in _DROP_FROM_ROOT:
        parent, _, leaf = key.rpartition("/")
        holder = root.get(parent) if parent else root
        if isinstance(holder, pikepdf.Dictionary) and "/" + leaf in holder:
            del holder["/" + leaf]
            removed.add(f"document-level {leaf}")
    names = root.get("/Names")
    if isinstance(names, pikepdf.Dictionary):
        for key in ("/EmbeddedFiles", "/JavaScript"):
            if key in names:
                del names[key]
                removed.add("attached files" if key == "/EmbeddedFiles" else "scripts")
    if "/OpenAction" in root and isinstance(root.get("/OpenAction"), pikepdf.Dictionary):
        action = root["/OpenAction"]
        if action.get("/S") == "/JavaScript":
            del root["/OpenAction"]
            removed.add("scripts")


def _clean_page(page: pikepdf.Dictionary, removed: set[str]) -> None:
    for key in _DROP_FROM_PAGE:
        if key in page:
            del page[key]
            removed.add("page thumbnails")
    annots = page.get("/Annots")
    if not isinstance(annots, pikepdf.Array):
        return
    kept = pikepdf.Array()
    for annot in annots:
        if not isinstance(annot, pikepdf.Dictionary):
            continue
        if annot.get("/Subtype") in {"/FileAttachment", "/Sound", "/Movie", "/RichMedia"}:
            removed.add("attached files")
            continue
        for key in _DROP_FROM_ANNOT:
            if key in annot:
                del annot[key]
                removed.add("annotation authors and dates")
        popup = annot.get("/Popup")
        if isinstance(popup, pikepdf.Dictionary):
            for key in _DROP_FROM_ANNOT:
                if key in popup:
                    del popup[key]
        kept.append(annot)
    page["/Annots"] = kept


def _clean_image(stream: pikepdf.Stream) -> bool:
    """Strip metadata segments from an embedded JPEG without re-encoding it; True if something was removed."""
    filters = stream.get("/Filter")
    names = [str(filters)] if isinstance(filters, pikepdf.Name) else [str(n) for n in filters or []]
    if names != ["/DCTDecode"]:
        return False  # Flate and other filters hold bare pixel rows, which carry no metadata
    raw = stream.read_raw_bytes()
    cleaned = clean_jpeg(raw)
    if cleaned is None:
        raise ValueError("an embedded JPEG picture could not be walked; the PDF is refused rather than leaked")
    if cleaned == raw:
        return False
    parms = stream.get("/DecodeParms")
    stream.write(cleaned, filter=pikepdf.Name.DCTDecode, decode_parms=parms)  # type: ignore[arg-type]
    return True
