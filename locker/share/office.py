"""Share copies of office documents: the text, tables, slides and pictures, without who made them, where or when.

DOCX, XLSX and PPTX (Office Open XML) and ODT are ZIP archives of XML. We write a new archive, every entry dated
1980-01-01 so the archive itself carries no time, and pictures cleaned of EXIF/XMP/comments (JPEG, PNG).

Office Open XML, one set of rules for all three:
- document properties replaced by empty ones (author, last editor, company, program, template path, dates);
- left out, with the relationships and content types that name them: custom properties, thumbnails, custom XML,
  Word's people list and the printer settings (a Windows DEVMODE naming the printer);
- in every XML part, the names on comments and tracked changes emptied (Word's w:author, Excel's comment authors,
  revision user names and user ids, threaded-comment persons, PowerPoint's comment authors), and their dates
  and the ids that link a file to the machine or the earlier file it came from removed (Word's rsids, paragraph
  and document ids; Excel's document id, object uids);
- the attached template and the folder the workbook was last saved in (absPath) removed; other links to local
  files keep only the file's name, not its folder.

OpenDocument (ODT): meta.xml replaced by an empty one; thumbnails, the layout cache and Configurations2 left out; the
creators and dates of annotations and the editing-session ids (rsid) removed.

The XML is edited as text with narrow patterns rather than re-serialised: Word refuses files whose namespace
prefixes change, which is what ElementTree does on output. Names are emptied rather than removed, since some of
those attributes are required.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Callable
from typing import IO

from locker.share.formats import ODT, OFFICE_OUTPUT
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
_PICTURES = (
    ((".jpg", ".jpeg"), clean_jpeg, "metadata inside pictures (EXIF, XMP, comments)"),
    ((".png",), clean_png, "metadata inside pictures (text chunks, eXIf)"),
)

# --- Office Open XML (DOCX, XLSX, PPTX) ---
_OOXML_LEFT_OUT = {
    "custom properties": re.compile(r"^docProps/custom\.xml$"),
    "thumbnail": re.compile(r"^docProps/thumbnail\.\w+$"),
    "custom XML data": re.compile(r"^customXml/.*$"),
    "people list": re.compile(r"^word/people\.xml$"),
    "printer settings (printer name)": re.compile(r"^(?:word|xl|ppt)/printerSettings/[^/]+$"),
}
# Attributes naming a person: emptied (some are required, so they stay, with no value).
_NAME_ATTRS = re.compile(
    rb'(\s(?:\w+:)?(?:author|initials|userName|displayName|userId|providerId)=)"[^"]*"'
    rb"|(<(?:\w+:)?(?:userInfo|cmAuthor|author)\b[^>]*?\sname=)\"[^\"]*\""
)
# The id Excel gives a user of a shared workbook (required, so zeroed rather than removed).
_USER_GUID = re.compile(rb'(<(?:\w+:)?userInfo\b[^>]*?\sguid=)"[^"]*"')
_ZERO_GUID = b'"{00000000-0000-0000-0000-000000000000}"'
# Times and ids that link the file to a machine, an editing session or the file it was copied from: removed.
_TRACE_ATTRS = re.compile(
    rb"\s(?:\w+:)?(?:date|dateUtc|dateTime|dt|dT|created|rsid\w*|paraId|textId|uidLastSave|uid|documentId|"
    rb'coauthVersionLast|coauthVersionMax)="[^"]*"'
)
# Word's list of editing-session ids and its document ids (the same in every copy saved from one file).
_TRACE_ELEMENTS = re.compile(rb"<w:rsids>.*?</w:rsids>|<w:rsids/>|<w1\d:docId\b[^>]*/>", re.DOTALL)
_NAME_TEXTS = re.compile(rb"(<(?:\w+:)?author>)[^<]*(</(?:\w+:)?author>)")  # Excel comments' <authors> list
_LOCAL_PATHS = re.compile(
    rb"<mc:AlternateContent\b[^>]*>\s*<mc:Choice\b[^>]*>\s*<x15ac:absPath\b[^>]*/>\s*</mc:Choice>\s*"
    rb"</mc:AlternateContent>|<x15ac:absPath\b[^>]*/>|<w:attachedTemplate\b[^>]*/>"
)
_PRINTER_REFERENCE = re.compile(rb'(<(?:\w+:)?pageSetup\b[^>]*?)\s+r:id="[^"]*"')
_OVERRIDE = re.compile(rb'<Override\b[^>]*PartName="/([^"]*)"[^>]*/>')
_RELATIONSHIP = re.compile(rb"<Relationship\b[^>]*?(?:/>|>\s*</Relationship>)")
_ATTRIBUTE = re.compile(rb'\s([\w:]+)="([^"]*)"')
_LOCAL_TARGET = re.compile(rb"^(?:file:|[A-Za-z]:[\\/]|\\\\|/)", re.IGNORECASE)

# --- OpenDocument (ODT) ---
_ODT_ELEMENTS = re.compile(rb"<dc:(?:creator|date)>[^<]*</dc:(?:creator|date)>|<meta:creator-initials>[^<]*"
                           rb"</meta:creator-initials>")  # fmt: skip
_ODT_ATTRS = re.compile(rb'\s(?:officeooo:rsid|officeooo:paragraph-rsid|loext:\w*rsid\w*)="[^"]*"')
_ODT_SKIP = re.compile(r"^(Thumbnails/.*|layout-cache|Configurations2/.*)$")


def sanitise_office(f: IO[bytes], media_type: str, out: IO[bytes]) -> SanitiseReport:
    extension, out_type = OFFICE_OUTPUT[media_type]
    report = SanitiseReport(extension, out_type)
    removed: set[str] = set()
    with zipfile.ZipFile(f) as source, zipfile.ZipFile(out, "w") as target:
        entries = source.infolist()
        if len(entries) > MAX_ENTRIES or sum(e.file_size for e in entries) > MAX_UNCOMPRESSED:
            raise ValueError("the document is too large to clean safely")
        copy = _copy_odt if media_type == ODT else _copy_ooxml
        copy(source, [e for e in entries if not e.is_dir()], target, removed)
    report.removed = sorted(removed)
    return report


def _entry(name: str, compression: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = compression
    info.external_attr = 0o644 << 16
    return info


def _copy_ooxml(
    source: zipfile.ZipFile, entries: list[zipfile.ZipInfo], target: zipfile.ZipFile, removed: set[str]
) -> None:
    left_out = set()
    for entry in entries:
        for label, pattern in _OOXML_LEFT_OUT.items():
            if pattern.match(entry.filename):
                left_out.add(entry.filename)
                removed.add(label)
    for entry in entries:
        name = entry.filename
        if name in left_out:
            continue
        data = source.read(entry)
        if name.endswith(".rels"):
            data = _clean_relationships(name, data, left_out, removed)
        elif name == "[Content_Types].xml":
            data = _clean_content_types(data, left_out)
        else:
            data = _clean_part(name, data, removed, _clean_ooxml_xml)
        target.writestr(_entry(name, zipfile.ZIP_DEFLATED), data)


def _clean_ooxml_xml(name: str, data: bytes, removed: set[str]) -> bytes:
    if name == "docProps/core.xml":
        removed.add("document properties (author, last modified by, dates, revision)")
        return _EMPTY_CORE
    if name == "docProps/app.xml":
        removed.add("application properties (program, company, template, editing time)")
        return _EMPTY_APP
    cleaned = _NAME_ATTRS.sub(lambda m: (m.group(1) or m.group(2)) + b'""', data)
    cleaned = _NAME_TEXTS.sub(rb"\1\2", cleaned)
    cleaned = _USER_GUID.sub(lambda m: m.group(1) + _ZERO_GUID, cleaned)
    cleaned = _TRACE_ELEMENTS.sub(b"", _TRACE_ATTRS.sub(b"", cleaned))
    if cleaned != data:
        removed.add("authors, dates and editing ids of comments and tracked changes")
    without_paths = _LOCAL_PATHS.sub(b"", cleaned)
    if without_paths != cleaned:
        removed.add("the template and the folder the document was saved in")
    # A sheet's page setup names its printer settings part (its only relationship), which is left out.
    return _PRINTER_REFERENCE.sub(rb"\1", without_paths)


def _clean_content_types(data: bytes, left_out: set[str]) -> bytes:
    def keep(match: re.Match[bytes]) -> bytes:
        return b"" if match.group(1).decode("utf-8", "replace") in left_out else match.group(0)

    return _OVERRIDE.sub(keep, data)


def _clean_relationships(name: str, data: bytes, left_out: set[str], removed: set[str]) -> bytes:
    """Relationships to parts that are left out and to the attached template go; links to local files keep only
    the file's name."""
    folder = posixpath.dirname(posixpath.dirname(name))  # word/_rels/document.xml.rels -> word

    def rewrite(match: re.Match[bytes]) -> bytes:
        element = match.group(0)
        attrs = {k.decode(): v for k, v in _ATTRIBUTE.findall(element)}
        target, kind = attrs.get("Target", b""), attrs.get("Type", b"")
        external = attrs.get("TargetMode", b"").lower() == b"external"
        if kind.endswith(b"/attachedTemplate"):
            removed.add("the template and the folder the document was saved in")
            return b""
        if not external:
            text = target.decode("utf-8", "replace")
            part = posixpath.normpath(text.lstrip("/") if text.startswith("/") else posixpath.join(folder, text))
            return b"" if part in left_out else element
        if _LOCAL_TARGET.match(target):
            removed.add("folders of linked local files")
            base = re.split(rb"[\\/]", target.rstrip(b"\\/"))[-1]
            return element.replace(b'Target="' + target + b'"', b'Target="' + base + b'"')
        return element

    return _RELATIONSHIP.sub(rewrite, data)


def _copy_odt(
    source: zipfile.ZipFile, entries: list[zipfile.ZipInfo], target: zipfile.ZipFile, removed: set[str]
) -> None:
    # The mimetype entry comes first and is stored uncompressed.
    target.writestr(_entry("mimetype", zipfile.ZIP_STORED), source.read("mimetype"))
    for entry in entries:
        name = entry.filename
        if name == "mimetype":
            continue
        if _ODT_SKIP.match(name):
            removed.add(f"{name.split('/')[0]} (thumbnail, custom properties, people)")
            continue
        data = _clean_part(name, source.read(entry), removed, _clean_odt_xml)
        if name == "META-INF/manifest.xml":
            data = re.sub(rb'<manifest:file-entry[^>]*manifest:full-path="Thumbnails/[^"]*"[^>]*/>', b"", data)
        target.writestr(_entry(name, zipfile.ZIP_DEFLATED), data)


def _clean_odt_xml(name: str, data: bytes, removed: set[str]) -> bytes:
    if name == "meta.xml":
        removed.add("document properties (creator, dates, generator, editing time)")
        return _EMPTY_META
    cleaned = _ODT_ELEMENTS.sub(b"", _ODT_ATTRS.sub(b"", data))
    if cleaned != data:
        removed.add("authors, dates and editing ids of comments and tracked changes")
    return cleaned


def _clean_part(name: str, data: bytes, removed: set[str], clean_xml: Callable[[str, bytes, set[str]], bytes]) -> bytes:
    """A picture cleaned losslessly, an XML part by `clean_xml`, anything else as it is."""
    lower = name.lower()
    for suffixes, clean, label in _PICTURES:
        if lower.endswith(suffixes):
            cleaned = clean(data)
            if cleaned is None:
                raise ValueError(f"the picture {name} could not be cleaned")
            if cleaned != data:
                removed.add(label)
            return cleaned
    if lower.endswith(".xml"):
        return clean_xml(name, data, removed)
    return data
