"""Office Open XML (DOCX, XLSX, PPTX) share copies, at the level of the package: which parts are left out, which
are replaced by empty ones, which are renamed, and the relationships and content types that follow (the rules
are listed in locker.share.office; the XML inside the parts: locker.share.office_ooxml_text)."""

from __future__ import annotations

import posixpath
import re
import zipfile

from locker.share import office_ooxml_objects
from locker.share import report_labels as labels
from locker.share.office_ooxml_text import clean_ooxml_xml
from locker.share.office_parts import Job, Place, clean_part, entry, file_name
from locker.share.sandbox_refusals import WorkbookMacroSheets

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
_MACROS = labels.OFFICE_MACROS
_OOXML_LEFT_OUT = {
    labels.OFFICE_CUSTOM_PROPERTIES: re.compile(r"^docProps/custom\.xml$"),
    labels.OFFICE_THUMBNAIL: re.compile(r"^docProps/thumbnail\.\w+$"),
    labels.OFFICE_CUSTOM_XML: re.compile(r"^customXml/.*$"),
    labels.OFFICE_PEOPLE: re.compile(r"^word/people\.xml$"),
    labels.OFFICE_PRINTER: re.compile(r"^(?:word|xl|ppt)/printerSettings/[^/]+$"),
    _MACROS: re.compile(r"^(?:word|xl|ppt)/(?:_rels/)?vba(?:Project\w*\.bin(?:\.rels)?|Data\.xml)$"),
}
# The package relationships (_rels/.rels) that find the properties, whatever their part names.
_PACKAGE_ROLES = {
    b"/metadata/core-properties": "core",
    b"/extended-properties": "app",
    b"/custom-properties": labels.OFFICE_CUSTOM_PROPERTIES,
    b"/metadata/thumbnail": labels.OFFICE_THUMBNAIL,
}
# A macro-enabled main part's content type -> the macro-free one the copy's extension promises.
_CT = b"application/vnd.openxmlformats-officedocument."
_MACRO_FREE_MAIN = {
    b"application/vnd.ms-word.document.macroEnabled.main+xml": _CT + b"wordprocessingml.document.main+xml",
    b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml": _CT + b"wordprocessingml.document.main+xml",
    b"application/vnd.ms-excel.sheet.macroEnabled.main+xml": _CT + b"spreadsheetml.sheet.main+xml",
    b"application/vnd.ms-excel.template.macroEnabled.main+xml": _CT + b"spreadsheetml.sheet.main+xml",
    b"application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml": _CT + b"presentationml.presentation.main+xml",
    b"application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml": _CT + b"presentationml.presentation.main+xml",
    b"application/vnd.ms-powerpoint.template.macroEnabled.main+xml": _CT + b"presentationml.presentation.main+xml",
}
_MACRO_SHEETS = re.compile(r"^xl/(?:macrosheets|dialogsheets)/")
_OVERRIDE = re.compile(rb'<Override\b[^>]*PartName="/([^"]*)"[^>]*/>')
_VBA_DEFAULT = re.compile(rb'<Default\b[^>]*ContentType="application/vnd\.ms-office\.vbaProject"[^>]*/>')
_RELATIONSHIP = re.compile(rb"<Relationship\b[^>]*?(?:/>|>\s*</Relationship>)")
_ATTRIBUTE = re.compile(rb'\s([\w:]+)="([^"]*)"')
# A link to a local file: file:, a drive, a share, an absolute path, or a relative path with a folder in it (one
# that climbs out of the document's folder names the folders above it).
_LOCAL_TARGET = re.compile(rb"^(?:file:|[A-Za-z]:[\\/]|\\\\|/)|^(?![A-Za-z][\w+.-]*:)[^#]*[\\/]", re.IGNORECASE)
_MAIL_MERGE_LINK = (b"/mailMergeSource", b"/mailMergeHeaderSource", b"/recipientData")


def copy_ooxml(
    source: zipfile.ZipFile, entries: list[zipfile.ZipInfo], target: zipfile.ZipFile, job: Job, place: Place
) -> None:
    names = {e.filename for e in entries}
    if any(_MACRO_SHEETS.match(n) for n in names):
        raise WorkbookMacroSheets(part=place.name("xl/macrosheets"))
    roles = _package_roles(source, names)
    left_out = set()
    for name in names:
        role = roles.get(name)
        if role in {labels.OFFICE_CUSTOM_PROPERTIES, labels.OFFICE_THUMBNAIL}:
            left_out.add(name)
            job.removed.add(str(role))
        for label, pattern in _OOXML_LEFT_OUT.items():
            if pattern.match(name):
                left_out.add(name)
                job.removed.add(label)
    custom = _custom_xml_parts(source, names)
    if custom:
        left_out |= custom
        job.removed.add(labels.OFFICE_CUSTOM_XML)
    opaque = office_ooxml_objects.opaque_parts(source, [e for e in entries if e.filename not in left_out])
    opaque |= office_ooxml_objects.embedded_objects(source, names - left_out)
    left_out |= set(opaque)
    job.removed |= {office_ooxml_objects.REMOVED_LABELS[kind] for kind in opaque.values()}
    unlinked = office_ooxml_objects.ids_pointing_at(source, names, set(opaque))
    renamed = _embedding_names(names - left_out)
    for info in entries:
        name = info.filename
        if name in left_out:
            continue
        data = source.read(info)
        if name.endswith(".rels"):
            data = _clean_relationships(name, data, left_out, renamed, job.removed)
        elif name == "[Content_Types].xml":
            data = _clean_content_types(data, left_out, renamed)
        elif roles.get(name) == "core":
            job.removed.add(labels.OOXML_CORE_PROPERTIES)
            data = _EMPTY_CORE
        elif roles.get(name) == "app":
            job.removed.add(labels.OOXML_APP_PROPERTIES)
            data = _EMPTY_APP
        else:
            data = office_ooxml_objects.unlink(
                clean_part(name, data, job, place, clean_ooxml_xml), unlinked.get(name, set())
            )
        target.writestr(entry(renamed.get(name, name), zipfile.ZIP_DEFLATED), data)


_CUSTOM_XML_TYPES = (b"/customXml", b"/customXmlProps")


def _custom_xml_parts(source: zipfile.ZipFile, names: set[str]) -> set[str]:
    """Custom XML parts (and their properties and relationships) found by relationship type, wherever they are
    kept: customXml/ is only the usual folder."""
    found: set[str] = set()
    for rels in sorted(n for n in names if n.endswith(".rels")):
        folder = posixpath.dirname(posixpath.dirname(rels))  # word/_rels/document.xml.rels -> word
        for match in _RELATIONSHIP.finditer(source.read(rels)):
            attrs = {k.decode(): v for k, v in _ATTRIBUTE.findall(match.group(0))}
            if attrs.get("TargetMode", b"").lower() == b"external" or not attrs.get("Type", b"").endswith(
                _CUSTOM_XML_TYPES
            ):
                continue
            text = attrs.get("Target", b"").decode("utf-8", "replace")
            part = posixpath.normpath(text.lstrip("/") if text.startswith("/") else posixpath.join(folder, text))
            part_folder, base = posixpath.split(part)
            found |= {part, posixpath.join(part_folder, "_rels", base + ".rels")} & names
    return found


_EMBEDDING = re.compile(r"^((?:[^/]+/)*embeddings/)([^/]+?)(\.\w+)?$")


def _embedding_names(names: set[str]) -> dict[str, str]:
    """New names for embedded files, which keep the name the user or the program gave them (Word's
    "Microsoft_Excel_Worksheet1.xlsx"): member names are not compressed, so the re-check's needles would find
    "Microsoft" there. The extension stays, so the content types still apply; a part's own relationships follow."""
    renamed: dict[str, str] = {}
    for number, name in enumerate(sorted(n for n in names if _EMBEDDING.match(n)), start=1):
        match = _EMBEDDING.match(name)
        assert match is not None
        renamed[name] = f"{match.group(1)}embedding{number}{match.group(3) or ''}"
    for name, new in list(renamed.items()):
        folder, base = posixpath.split(name)
        rels = f"{folder}/_rels/{base}.rels"
        if rels in names:
            new_folder, new_base = posixpath.split(new)
            renamed[rels] = f"{new_folder}/_rels/{new_base}.rels"
    return renamed


def _package_roles(source: zipfile.ZipFile, names: set[str]) -> dict[str, str]:
    """Part name -> "core", "app", "custom properties" or "thumbnail", by the package relationships (OPC finds
    them there, not by name); the usual names count too, so a package without _rels/.rels is cleaned as well."""
    roles = {"docProps/core.xml": "core", "docProps/app.xml": "app"}
    if "_rels/.rels" in names:
        for match in _RELATIONSHIP.finditer(source.read("_rels/.rels")):
            attrs = {k.decode(): v for k, v in _ATTRIBUTE.findall(match.group(0))}
            if attrs.get("TargetMode", b"").lower() == b"external":
                continue
            for suffix, role in _PACKAGE_ROLES.items():
                if attrs.get("Type", b"").endswith(suffix):
                    part = posixpath.normpath(attrs.get("Target", b"").decode("utf-8", "replace").lstrip("/"))
                    roles[part] = role
    return roles


def _clean_content_types(data: bytes, left_out: set[str], renamed: dict[str, str]) -> bytes:
    def keep(match: re.Match[bytes]) -> bytes:
        part = match.group(1).decode("utf-8", "replace")
        if part in left_out:
            return b""
        if part in renamed:
            return match.group(0).replace(b'"/' + match.group(1) + b'"', b'"/' + renamed[part].encode() + b'"')
        return match.group(0)

    cleaned = _VBA_DEFAULT.sub(b"", _OVERRIDE.sub(keep, data))
    for macro_enabled, macro_free in _MACRO_FREE_MAIN.items():
        cleaned = cleaned.replace(b'"' + macro_enabled + b'"', b'"' + macro_free + b'"')
    return cleaned


def _clean_relationships(
    name: str, data: bytes, left_out: set[str], renamed: dict[str, str], removed: set[str]
) -> bytes:
    """Relationships to parts that are left out and to the attached template go; those to renamed parts follow
    them; links to local files keep only the file's name."""
    folder = posixpath.dirname(posixpath.dirname(name))  # word/_rels/document.xml.rels -> word

    def rewrite(match: re.Match[bytes]) -> bytes:
        element = match.group(0)
        attrs = {k.decode(): v for k, v in _ATTRIBUTE.findall(element)}
        target, kind = attrs.get("Target", b""), attrs.get("Type", b"")
        external = attrs.get("TargetMode", b"").lower() == b"external"
        if kind.endswith(_MAIL_MERGE_LINK):
            removed.add(labels.OOXML_LINKS_AND_MERGE)
            return b""
        if kind.endswith(b"/attachedTemplate"):
            removed.add(labels.OOXML_TEMPLATE)
            return b""
        if not external:
            text = target.decode("utf-8", "replace")
            part = posixpath.normpath(text.lstrip("/") if text.startswith("/") else posixpath.join(folder, text))
            if part in left_out:
                return b""
            if part in renamed:
                # The same folder, a new file name (no relpath: it asks for the working folder, which the sandbox
                # does not allow).
                new = text[: len(text) - len(posixpath.basename(text))] + posixpath.basename(renamed[part])
                return element.replace(b'Target="' + target + b'"', b'Target="' + new.encode() + b'"')
            return element
        if _LOCAL_TARGET.match(target):
            removed.add(labels.OFFICE_LINK_FOLDERS)
            return element.replace(b'Target="' + target + b'"', b'Target="' + file_name(target) + b'"')
        return element

    return _RELATIONSHIP.sub(rewrite, data)
