"""PDF: the Info dictionary, XMP, every earlier revision (incremental updates), pages, embedded images' EXIF."""

from __future__ import annotations

import io
import re
from typing import IO, Any, BinaryIO, cast

import pikepdf

from locker.metadata.jsonable import jsonable
from locker.metadata.readers.base import ReaderResult, normalise_time

MAX_REVISION_SCAN = 256 * 1024 * 1024
MAX_IMAGES = 50
_PDF_DATE = re.compile(r"^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+\-]\d{2}'?\d{2}'?)?")


def pdf_date(text: str | None) -> str | None:
    """'D:20240101120000+02'00'' -> '2024-01-01T12:00:00+02:00'."""
    if not text:
        return None
    match = _PDF_DATE.match(text.strip())
    if not match:
        return normalise_time(text)
    year, month, day, hour, minute, second, zone = match.groups()
    stamp = f"{year}:{month or '01'}:{day or '01'} {hour or '00'}:{minute or '00'}:{second or '00'}"
    offset = zone.replace("'", "") if zone else None
    return normalise_time(stamp, offset)


def _info(pdf: pikepdf.Pdf) -> dict[str, str]:
    return {str(k): str(v) for k, v in pdf.docinfo.items()}


def _revision_infos(data: bytes) -> list[dict[str, Any]]:
    """The Info dictionary of every earlier revision: each '%%EOF' ends one (incremental updates append)."""
    ends = [m.end() for m in re.finditer(rb"%%EOF[\r\n]*", data)]
    revisions: list[dict[str, Any]] = []
    for end in ends[:-1][:20]:
        try:
            with pikepdf.open(io.BytesIO(data[:end])) as older:
                revisions.append({"ends_at_byte": end, "info": _info(older)})
        except Exception as exc:  # noqa: BLE001
            revisions.append({"ends_at_byte": end, "error": type(exc).__name__})
    return revisions


def _embedded_images(pdf: pikepdf.Pdf, result: ReaderResult) -> None:
    from locker.metadata.readers.images import read_image  # noqa: PLC0415

    found: list[dict[str, Any]] = []
    for page_no, page in enumerate(pdf.pages, start=1):
        for name, raw_image in page.images.items():
            if len(found) >= MAX_IMAGES:
                break
            entry: dict[str, Any] = {"page": page_no, "name": str(name)}
            try:
                if raw_image.get("/Filter") == pikepdf.Name.DCTDecode:
                    jpeg = raw_image.read_raw_bytes()
                    inner = read_image(io.BytesIO(jpeg), "image/jpeg")
                    entry["summary"] = jsonable(inner.summary)
                    entry["exif"] = inner.raw.get("exif")
                    entry["xmp"] = inner.raw.get("xmp")
                    if inner.summary.get("gps_latitude") is not None:
                        result.warnings.append(f"an embedded image on page {page_no} carries a GPS position")
                entry["width"] = int(raw_image.get("/Width", 0))
                entry["height"] = int(raw_image.get("/Height", 0))
            except Exception as exc:  # noqa: BLE001
                entry["error"] = type(exc).__name__
            found.append(entry)
    if found:
        result.raw["embedded_images"] = found


def read_pdf(f: IO[bytes], media_type: str) -> ReaderResult:
    result = ReaderResult()
    f.seek(0)
    data = f.read(MAX_REVISION_SCAN + 1)
    if len(data) > MAX_REVISION_SCAN:
        result.warnings.append("PDF larger than 256 MiB: earlier revisions were not examined")
        data = b""
    f.seek(0)
    with pikepdf.open(cast(BinaryIO, f)) as pdf:
        info = _info(pdf)
        result.raw["info"] = info
        result.raw["pdf_version"] = pdf.pdf_version
        result.raw["trailer_id"] = [bytes(x).hex() for x in pdf.trailer.get("/ID", [])]
        try:
            with pdf.open_metadata() as meta:
                xmp = {str(k): str(v) for k, v in meta.items()}
        except Exception as exc:  # noqa: BLE001
            xmp = {}
            result.warnings.append(f"XMP unreadable: {type(exc).__name__}")
        if xmp:
            result.raw["xmp"] = xmp
        result.offer("page_count", len(pdf.pages))
        result.offer("author", info.get("/Author") or xmp.get("dc:creator"))
        result.offer("title", info.get("/Title") or xmp.get("dc:title"))
        result.offer("description", info.get("/Subject") or xmp.get("dc:description"))
        result.offer("software", info.get("/Producer") or xmp.get("pdf:Producer"))
        result.offer("capture_time", pdf_date(info.get("/CreationDate")), "PDF CreationDate")
        result.offer("capture_time", normalise_time(xmp.get("xmp:CreateDate")), "XMP xmp:CreateDate")
        result.raw["attachments"] = sorted(str(k) for k in pdf.attachments)
        _embedded_images(pdf, result)
    if data:
        revisions = _revision_infos(data)
        result.raw["revision_count"] = len(revisions) + 1
        if revisions:
            result.raw["earlier_revisions"] = revisions
            result.warnings.append(f"{len(revisions)} earlier revision(s): the document was edited after creation")
    return result
