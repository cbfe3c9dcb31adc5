"""OpenDocument (ODT) share copies: meta.xml (the document's and every embedded object's) replaced by an empty one;
the printer settings (name and driver setup) taken out of settings.xml; thumbnails, the layout cache,
Configurations2, Basic and script macros and the replacement pictures of embedded objects (LibreOffice draws them
again) left out; the creators and dates of annotations and the editing-session ids (rsid) removed; links to local
files (xlink:href: file:, absolute, or climbing out with ../; also linked sections) keep only the file's name, as
"../name"."""

from __future__ import annotations

import posixpath
import re
import zipfile

from locker.share import report_labels as labels
from locker.share.office_parts import Job, Place, clean_part, entry, file_name

_EMPTY_META = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    b'office:version="1.2"><office:meta/></office:document-meta>'
)
_ODT_ELEMENTS = re.compile(rb"<dc:(?:creator|date)>[^<]*</dc:(?:creator|date)>|<meta:creator-initials>[^<]*"
                           rb"</meta:creator-initials>")  # fmt: skip
_ODT_ATTRS = re.compile(rb'\s(?:officeooo:rsid|officeooo:paragraph-rsid|loext:\w*rsid\w*)="[^"]*"')
_ODT_SKIP = {
    "Thumbnails": labels.OFFICE_THUMBNAIL,
    "layout-cache": labels.ODF_LAYOUT_CACHE,
    "Configurations2": labels.ODF_CONFIGURATION,
    "Basic": labels.ODF_MACROS,
    "Scripts": labels.ODF_MACROS,
    "ObjectReplacements": labels.ODF_REPLACEMENT_PICTURES,
}
_ODT_SKIPPED = re.compile(rb"^\.?/?(?:" + b"|".join(re.escape(k.encode()) for k in _ODT_SKIP) + rb")(?:/|$)")
_MANIFEST_ENTRY = re.compile(rb'<manifest:file-entry\b[^>]*manifest:full-path="([^"]*)"[^>]*/>')
_REPLACEMENT_IMAGE = re.compile(rb'<draw:image\b[^>]*xlink:href="\.?/?ObjectReplacements/[^"]*"[^>]*/>')
# LibreOffice's settings that name the printer, its driver setup (base64) and the fax.
_ODT_PRINTER = re.compile(
    rb"<config:config-item\b[^>]*config:name\s*=\s*([\"'])(?:PrinterName|PrinterSetup|PrintFaxName)\1[^>]*"
    rb"(?:/>|>[^<]*</config:config-item>)"
)

# A link (to a file, a linked section or picture): a local one keeps only the file's name, next to the document.
_ODT_LINK = re.compile(rb"""(\sxlink:href\s*=\s*)(?:"([^"]*)"|'([^']*)')""")
_ODT_LOCAL_LINK = re.compile(rb"^(?:file:|[A-Za-z]:[\\/]|\\\\|/|\.\./)", re.IGNORECASE)


def copy_odt(
    source: zipfile.ZipFile, entries: list[zipfile.ZipInfo], target: zipfile.ZipFile, job: Job, place: Place
) -> None:
    # The mimetype entry comes first and is stored uncompressed.
    target.writestr(entry("mimetype", zipfile.ZIP_STORED), source.read("mimetype"))
    for info in entries:
        name = info.filename
        if name == "mimetype":
            continue
        if _ODT_SKIPPED.match(name.encode("utf-8", "replace")):
            job.removed.add(_ODT_SKIP[name.split("/")[0]])
            continue
        data = source.read(info)
        if name == "META-INF/manifest.xml":
            data = _MANIFEST_ENTRY.sub(lambda m: b"" if _ODT_SKIPPED.match(m.group(1)) else m.group(0), data)
        else:
            data = clean_part(name, data, job, place, _clean_odt_xml)
        target.writestr(entry(name, zipfile.ZIP_DEFLATED), data)


def _clean_odt_xml(name: str, data: bytes, removed: set[str]) -> bytes:
    base = posixpath.basename(name)
    if base == "meta.xml":  # the document's, and each embedded object's ("Object 1/meta.xml")
        removed.add(labels.ODF_PROPERTIES)
        return _EMPTY_META
    cleaned = _ODT_ELEMENTS.sub(b"", _ODT_ATTRS.sub(b"", data))
    if cleaned != data:
        removed.add(labels.OFFICE_COMMENT_AUTHORS)
    without_folders = _ODT_LINK.sub(_odt_link, cleaned)
    if without_folders != cleaned:
        removed.add(labels.OFFICE_LINK_FOLDERS)
    cleaned = without_folders
    if base == "settings.xml":
        without_printer = _ODT_PRINTER.sub(b"", cleaned)
        if without_printer != cleaned:
            removed.add(labels.ODF_PRINTER)
        cleaned = without_printer
    return _REPLACEMENT_IMAGE.sub(b"", cleaned)


def _odt_link(match: re.Match[bytes]) -> bytes:
    target = match.group(2) if match.group(2) is not None else match.group(3)
    if not _ODT_LOCAL_LINK.match(target):
        return match.group(0)
    # "../name": the package counts as a folder, so this is the file beside the document.
    name = file_name(target.replace(b"%5C", b"/")).replace(b'"', b"&quot;")
    return match.group(1) + b'"../' + name + b'"'
