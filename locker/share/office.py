"""Share copies of DOCX and ODT documents: the text and pictures, without authors, editors, dates or thumbnails.

Both are ZIP archives of XML. We write a new archive: document properties replaced by empty ones, thumbnails and
custom properties left out, author/initials/date attributes of comments and tracked changes and Word's revision
session ids (rsid, which link documents edited on one machine) removed from every XML part, pictures cleaned of
EXIF, and every entry dated 1980-01-01 so the archive itself carries no time.

The XML is edited as text with narrow patterns rather than re-serialised: Word refuses files whose namespace
prefixes change, which is what ElementTree does on output.
"""

from __future__ import annotations

import re
import zipfile
from typing import IO

from locker.share.formats import DOCX
from locker.share.options import SanitiseReport
from locker.share.segments import clean_jpeg, clean_png

MAX_ENTRIES = 5000
MAX_UNCOMPRESSED = 512 * 1024 * 1024

_EMPTY_CORE = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    b'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>'
)
_EMPTY_APP = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"/>'
)
_EMPTY_META = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    b'office:version="1.2"><office:meta/></office:document-meta>'
)
# Attributes naming people, times or editing sessions, in any XML part.
_DOCX_ATTRS = re.compile(rb'\s(?:w:author|w:initials|w:date|w:dateUtc|w14:paraId|w14:textId|w:rsid\w*)="[^"]*"')
_DOCX_SKIP = re.compile(r"^(docProps/custom\.xml|docProps/thumbnail\.\w+|word/people\.xml|customXml/.*)$")
_ODT_ELEMENTS = re.compile(rb"<dc:(?:creator|date)>[^<]*</dc:(?:creator|date)>|<meta:creator-initials>[^<]*"
                           rb"</meta:creator-initials>")  # fmt: skip
_ODT_ATTRS = re.compile(rb'\s(?:officeooo:rsid|officeooo:paragraph-rsid|loext:\w*rsid\w*)="[^"]*"')
_PICTURES = (
    ((".jpg", ".jpeg"), clean_jpeg, "metadata inside pictures (EXIF, XMP, comments)"),
    ((".png",), clean_png, "metadata inside pictures (text chunks, eXIf)"),
)
_ODT_SKIP = re.compile(r"^(Thumbnails/.*|layout-cache|Configurations2/.*)$")


def sanitise_office(f: IO[bytes], media_type: str, out: IO[bytes]) -> SanitiseReport:
    is_docx = media_type == DOCX
    report = SanitiseReport("docx" if is_docx else "odt", media_type)
    removed: set[str] = set()
    with zipfile.ZipFile(f) as source, zipfile.ZipFile(out, "w") as target:
        entries = source.infolist()
        if len(entries) > MAX_ENTRIES or sum(e.file_size for e in entries) > MAX_UNCOMPRESSED:
            raise ValueError("the document is too large to clean safely")
        if not is_docx:
            # ODF: the mimetype entry comes first and is stored uncompressed.
            target.writestr(_entry("mimetype", zipfile.ZIP_STORED), source.read("mimetype"))
        for entry in entries:
            name = entry.filename
            if entry.is_dir() or (name == "mimetype" and not is_docx):
                continue
            skip = _DOCX_SKIP if is_docx else _ODT_SKIP
            if skip.match(name):
                removed.add(f"{name.split('/')[0]} (thumbnail, custom properties, people)")
                continue
            data = source.read(entry)
            data = _clean_entry(name, data, is_docx, removed)
            if not is_docx and name == "META-INF/manifest.xml":
                data = re.sub(rb'<manifest:file-entry[^>]*manifest:full-path="Thumbnails/[^"]*"[^>]*/>', b"", data)
            target.writestr(_entry(name, zipfile.ZIP_DEFLATED), data)
    report.removed = sorted(removed)
    return report


def _entry(name: str, compression: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = compression
    info.external_attr = 0o644 << 16
    return info


def _clean_entry(name: str, data: bytes, is_docx: bool, removed: set[str]) -> bytes:
    lower = name.lower()
    if is_docx and name == "docProps/core.xml":
        removed.add("document properties (author, last modified by, dates, revision)")
        return _EMPTY_CORE
    if is_docx and name == "docProps/app.xml":
        removed.add("application properties (program, company, template, editing time)")
        return _EMPTY_APP
    if not is_docx and name == "meta.xml":
        removed.add("document properties (creator, dates, generator, editing time)")
        return _EMPTY_META
    for suffixes, clean, label in _PICTURES:
        if lower.endswith(suffixes):
            cleaned = clean(data)
            if cleaned is None:
                raise ValueError(f"the picture {name} could not be cleaned")
            if cleaned != data:
                removed.add(label)
            return cleaned
    if lower.endswith((".xml", ".rels")):
        pattern = _DOCX_ATTRS if is_docx else _ODT_ATTRS
        cleaned = pattern.sub(b"", data)
        if not is_docx:
            cleaned = _ODT_ELEMENTS.sub(b"", cleaned)
        if cleaned != data:
            removed.add("authors, dates and editing-session ids of comments and tracked changes")
        return cleaned
    return data
