"""The parsing half of the re-check of a finished share copy, run in the sandbox on the copy's bytes.

Two looks, either of which refuses the copy: our own metadata reader must find no identifying summary field, and
the identifying values of the original must not occur in anything the copy holds compressed (PDF streams, ZIP
members; each searched for the values a piece of its size cannot contain by chance, see locker.share.needles).
The raw-byte search needs no parsing, so the app does it itself while hashing the copy (locker.share.service):
the copy's bytes are read once there, not twice.
"""

from __future__ import annotations

import zipfile
from typing import IO, Any

from locker.share.needles import NeedleSearch

CHUNK = 4 * 1024 * 1024
_IDENTIFYING_SUMMARY = ("gps_latitude", "gps_longitude", "make", "model", "serial_numbers", "software", "author",
                        "capture_time")  # fmt: skip
MAX_EXPANDED = 1024 * 1024 * 1024


def recheck(f: IO[bytes], media_type: str, needles: list[str]) -> dict[str, Any]:
    findings: list[str] = []
    findings.extend(_reader_findings(f, media_type))
    inner = NeedleSearch(needles)
    f.seek(0)
    if media_type == "application/pdf":
        _expand_pdf(f, inner)
    elif media_type.startswith("application/vnd.") and zipfile.is_zipfile(f):
        f.seek(0)
        _expand_zip(f, inner)
    findings.extend(
        f"the value '{hit}' from the original's metadata is inside the copy's compressed parts" for hit in inner.hits
    )
    return {"findings": findings}


def _reader_findings(f: IO[bytes], media_type: str) -> list[str]:
    from locker.metadata.readers.registry import reader_for  # noqa: PLC0415

    found = reader_for(media_type)
    if found is None:
        return []
    _name, reader = found
    f.seek(0)
    result = reader(f, media_type)
    findings = []
    for key in _IDENTIFYING_SUMMARY:
        value = result.summary.get(key)
        if value not in (None, "", [], ()):
            findings.append(f"our reader still finds '{key}' in the copy")
    for section in ("xmp", "iptc", "comment", "png_text"):
        if result.raw.get(section):
            findings.append(f"our reader still finds a {section} section in the copy")
    return findings


def _expand_pdf(f: IO[bytes], search: NeedleSearch) -> None:
    import pikepdf  # noqa: PLC0415

    total = 0
    with pikepdf.open(f) as pdf:  # type: ignore[arg-type]
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                try:
                    data = obj.read_bytes()
                except pikepdf.PdfError:
                    data = obj.read_raw_bytes()
                total += len(data)
                if total > MAX_EXPANDED:
                    raise ValueError("the copy expands to more than the re-check may read")
                search.feed_piece(data)
            elif isinstance(obj, pikepdf.String | pikepdf.Dictionary | pikepdf.Array):
                search.feed_piece(bytes(obj.unparse()))


def _expand_zip(f: IO[bytes], search: NeedleSearch) -> None:
    total = 0
    with zipfile.ZipFile(f) as archive:
        for entry in archive.infolist():
            total += entry.file_size
            if total > MAX_EXPANDED:
                raise ValueError("the copy expands to more than the re-check may read")
            search.feed_piece(archive.read(entry))
            search.feed_piece(entry.filename.encode("utf-8", "replace"))
