"""Share copies of office documents: the text, tables, slides and pictures, without who made them, where or when.

DOCX, XLSX and PPTX (Office Open XML) and ODT are ZIP archives of XML. We write a new archive, every entry dated
1980-01-01 so the archive itself carries no time. Every other part is handled by what its bytes are, whatever its
name says (locker.share.office_media): pictures cleaned of EXIF/XMP/comments, embedded documents (a chart's
workbook) cleaned by these same rules down to MAX_DEPTH, and the copy refused for a part nobody can look inside
(an OLE object, a metafile, a HEIF picture, an SVG picture with another picture embedded in it as a
data: URI). An SVG picture's metadata block is removed wherever its root element starts.

Office Open XML, one set of rules for all three:
- document properties replaced by empty ones (author, last editor, company, program, template path, dates),
  wherever the package's relationships (_rels/.rels) put them;
- left out, with the relationships and content types that name them: custom properties, thumbnails, custom XML
  (found by its relationship type, in any folder),
  Word's people list, the printer settings (a Windows DEVMODE naming the printer) and macros (the VBA project;
  the main part's content type becomes the macro-free one, so a .docm is shared as a true .docx). A workbook with
  Excel 4 macro sheets is refused: they cannot be taken out without breaking it;
- in every XML part, the names on comments and tracked changes emptied (Word's w:author, Excel's comment authors,
  revision user names and user ids, threaded-comment persons, PowerPoint's comment authors, old and modern), and
  their dates and the ids that link a file to the machine or the earlier file it came from removed (Word's rsids,
  paragraph and document ids; Excel's document id, object uids);
- the attached template and the folder the workbook was last saved in (absPath) removed; other links to local
  files keep only the file's name, not its folder: relationships (also relative ones that climb folders), local
  paths in field codes (INCLUDEPICTURE, INCLUDETEXT, LINK...), the source files of Excel's data connections,
  whose connection strings and commands are emptied;
- Word's mail-merge data source (connection string, query, its relationships) and document variables removed,
  and XML comments in every part;
- embedded files renamed embeddingN (the extension kept, relationships and content types following): member
  names are stored uncompressed, and Word names a chart's workbook after the program that made it.

OpenDocument (ODT): meta.xml (the document's and every embedded object's) replaced by an empty one; the printer
settings (name and driver setup) taken out of settings.xml; thumbnails, the layout cache, Configurations2,
Basic and script macros and the replacement pictures of embedded objects (LibreOffice draws them again) left out;
the creators and dates of annotations and the editing-session ids (rsid) removed; links to local files (xlink:href:
file:, absolute, or climbing out with ../; also linked sections) keep only the file's name, as "../name".

The XML is edited as text with narrow patterns rather than re-serialised: Word refuses files whose namespace
prefixes change, which is what ElementTree does on output. The patterns take either quote and spaces around "=",
and a UTF-16 part is re-encoded as UTF-8 first (the copy declares UTF-8), so they see its attributes. Names are
emptied rather than removed, since some of those attributes are required.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO

from locker.share import office_media
from locker.share.formats import ODT, OFFICE_OUTPUT
from locker.share.options import SanitiseReport

MAX_ENTRIES = 5000
MAX_UNCOMPRESSED = 512 * 1024 * 1024
MAX_DEPTH = 3  # a document in a document in a document; deeper nesting is refused

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
# Where Office (word/media/, ppt/media/...) and LibreOffice (Pictures/) keep pictures and sounds.
_MEDIA_FOLDER = re.compile(r"(?:^|/)(?:media|Pictures)/")
_PICTURE_LABEL = "metadata inside pictures (EXIF, XMP, comments, text chunks)"

# --- Office Open XML (DOCX, XLSX, PPTX) ---
_MACROS = "macros (VBA project)"
_OOXML_LEFT_OUT = {
    "custom properties": re.compile(r"^docProps/custom\.xml$"),
    "thumbnail": re.compile(r"^docProps/thumbnail\.\w+$"),
    "custom XML data": re.compile(r"^customXml/.*$"),
    "people list": re.compile(r"^word/people\.xml$"),
    "printer settings (printer name)": re.compile(r"^(?:word|xl|ppt)/printerSettings/[^/]+$"),
    _MACROS: re.compile(r"^(?:word|xl|ppt)/(?:_rels/)?vba(?:Project\w*\.bin(?:\.rels)?|Data\.xml)$"),
}
# The package relationships (_rels/.rels) that find the properties, whatever their part names.
_PACKAGE_ROLES = {
    b"/metadata/core-properties": "core",
    b"/extended-properties": "app",
    b"/custom-properties": "custom properties",
    b"/metadata/thumbnail": "thumbnail",
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
# Attributes naming a person: emptied (some are required, so they stay, with no value).
# A quoted attribute value (XML allows either quote, and spaces around the "=").
_VALUE = rb"""\s*=\s*(?:"[^"]*"|'[^']*')"""
_NAME_ATTRS = re.compile(
    rb"(\s(?:\w+:)?(?:author|initials|userName|displayName|userId|providerId))"
    + _VALUE
    + rb"|(<(?:\w+:)?(?:userInfo|cmAuthor|author)\b[^>]*?\sname)"
    + _VALUE
)
# The id Excel gives a user of a shared workbook (required, so zeroed rather than removed).
_USER_GUID = re.compile(rb"(<(?:\w+:)?userInfo\b[^>]*?\sguid)" + _VALUE)
_ZERO_GUID = b'="{00000000-0000-0000-0000-000000000000}"'
# Times and ids that link the file to a machine, an editing session or the file it was copied from: removed.
_TRACE_ATTRS = re.compile(
    rb"\s(?:\w+:)?(?:date|dateUtc|dateTime|dt|dT|created|rsid\w*|paraId|textId|uidLastSave|uid|documentId|"
    rb"coauthVersionLast|coauthVersionMax)" + _VALUE
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
_VBA_DEFAULT = re.compile(rb'<Default\b[^>]*ContentType="application/vnd\.ms-office\.vbaProject"[^>]*/>')
_RELATIONSHIP = re.compile(rb"<Relationship\b[^>]*?(?:/>|>\s*</Relationship>)")
_ATTRIBUTE = re.compile(rb'\s([\w:]+)="([^"]*)"')
# A link to a local file: file:, a drive, a share, an absolute path, or a relative path with a folder in it (one
# that climbs out of the document's folder names the folders above it).
_LOCAL_TARGET = re.compile(rb"^(?:file:|[A-Za-z]:[\\/]|\\\\|/)|^(?![A-Za-z][\w+.-]*:)[^#]*[\\/]", re.IGNORECASE)
# Word's mail-merge data source (its connection string and query name the user's folders) and document variables.
_WORD_SETTINGS_SECRETS = re.compile(
    rb"<w:mailMerge\b.*?</w:mailMerge>|<w:mailMerge\b[^>]*/>|<w:docVars\b.*?</w:docVars>|<w:docVars\b[^>]*/>",
    re.DOTALL,
)
_MAIL_MERGE_LINK = (b"/mailMergeSource", b"/mailMergeHeaderSource", b"/recipientData")
# A field's instruction (INCLUDEPICTURE, INCLUDETEXT, LINK, HYPERLINK...), in a run or a simple field.
_FIELD_INSTRUCTION = re.compile(rb"(<w:instrText\b[^>]*>)([^<]*)(</w:instrText>)|(\sw:instr=)(\"[^\"]*\"|'[^']*')")
# A field instruction's words: quoted (raw or as &quot;) or not.
_FIELD_WORD = re.compile(rb'&quot;(.*?)&quot;|"([^"]*)"|(\S+)')
_FIELD_PATH = re.compile(rb"^(?:file:|[A-Za-z]:[\\/]|\\\\|/|\.\.[\\/])", re.IGNORECASE)
# Excel's data connections: the connection string and command (folders, server, user), the source files.
_CONNECTION_ATTRS = re.compile(rb"(\s(?:connection|command)\s*=\s*)(\"[^\"]*\"|'[^']*')")
_CONNECTION_FILES = re.compile(rb"(\s(?:sourceFile|odcFile|url)\s*=\s*)(\"[^\"]*\"|'[^']*')")
_XML_COMMENT = re.compile(rb"<!--.*?-->", re.DOTALL)
# An SVG picture's metadata block (RDF: creator, rights) and the editor's note of the file's own name.
_SVG_METADATA = re.compile(
    rb"<(?:svg:)?metadata\b[^>]*/>|<(?:svg:)?metadata\b.*?</(?:svg:)?metadata>"
    rb'|\s(?:sodipodi:docname|inkscape:export-filename|inkscape:export-xdpi|inkscape:export-ydpi)="[^"]*"',
    re.DOTALL,
)
# An SVG picture's root element, wherever it starts (comments may come first), and a picture embedded in it as a
# data: URI (how Inkscape embeds pictures), whose own metadata neither the sanitiser nor the re-check can see.
_SVG_ROOT = re.compile(rb"<(?:\w+:)?svg[\s>/]")
_DATA_URI = re.compile(rb"""href\s*=\s*["']\s*data:""", re.IGNORECASE)

# --- OpenDocument (ODT) ---
_ODT_ELEMENTS = re.compile(rb"<dc:(?:creator|date)>[^<]*</dc:(?:creator|date)>|<meta:creator-initials>[^<]*"
                           rb"</meta:creator-initials>")  # fmt: skip
_ODT_ATTRS = re.compile(rb'\s(?:officeooo:rsid|officeooo:paragraph-rsid|loext:\w*rsid\w*)="[^"]*"')
_ODT_SKIP = {
    "Thumbnails": "thumbnail",
    "layout-cache": "LibreOffice's layout cache",
    "Configurations2": "LibreOffice's toolbar and menu configuration",
    "Basic": "macros (Basic and scripts)",
    "Scripts": "macros (Basic and scripts)",
    "ObjectReplacements": "replacement pictures of embedded objects (drawn again on opening)",
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


@dataclass
class _Job:
    """One copy, across the nested packages it contains."""

    removed: set[str] = field(default_factory=set)
    entries: int = 0
    size: int = 0

    def admit(self, entries: list[zipfile.ZipInfo]) -> None:
        self.entries += len(entries)
        self.size += sum(e.file_size for e in entries)
        if self.entries > MAX_ENTRIES or self.size > MAX_UNCOMPRESSED:
            raise ValueError("the document is too large to clean safely")


@dataclass(frozen=True)
class _Place:
    """Where a package sits: its path from the document's root (for messages) and how deep it is nested."""

    prefix: str = ""
    depth: int = 0

    def name(self, part: str) -> str:
        return self.prefix + part


def sanitise_office(f: IO[bytes], media_type: str, out: IO[bytes]) -> SanitiseReport:
    extension, out_type = OFFICE_OUTPUT[media_type]
    report = SanitiseReport(extension, out_type)
    job = _Job()
    with zipfile.ZipFile(f) as source, zipfile.ZipFile(out, "w") as target:
        copy = _copy_odt if media_type == ODT else _copy_ooxml
        _copy_package(source, target, job, _Place(), copy)
    report.removed = sorted(job.removed)
    return report


_Copier = Callable[[zipfile.ZipFile, list[zipfile.ZipInfo], zipfile.ZipFile, "_Job", _Place], None]


def _copy_package(source: zipfile.ZipFile, target: zipfile.ZipFile, job: _Job, place: _Place, copy: _Copier) -> None:
    entries = source.infolist()
    job.admit(entries)
    copy(source, [e for e in entries if not e.is_dir()], target, job, place)


def _entry(name: str, compression: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = compression
    info.external_attr = 0o644 << 16
    return info


def _copy_ooxml(
    source: zipfile.ZipFile, entries: list[zipfile.ZipInfo], target: zipfile.ZipFile, job: _Job, place: _Place
) -> None:
    names = {e.filename for e in entries}
    if any(_MACRO_SHEETS.match(n) for n in names):
        raise ValueError(
            f"{place.name('xl/macrosheets')}: the workbook has Excel 4 macro or dialog sheets, which cannot be taken "
            "out without breaking it"
        )
    roles = _package_roles(source, names)
    left_out = set()
    for name in names:
        role = roles.get(name)
        if role in {"custom properties", "thumbnail"}:
            left_out.add(name)
            job.removed.add(str(role))
        for label, pattern in _OOXML_LEFT_OUT.items():
            if pattern.match(name):
                left_out.add(name)
                job.removed.add(label)
    custom = _custom_xml_parts(source, names)
    if custom:
        left_out |= custom
        job.removed.add("custom XML data")
    renamed = _embedding_names(names - left_out)
    for entry in entries:
        name = entry.filename
        if name in left_out:
            continue
        data = source.read(entry)
        if name.endswith(".rels"):
            data = _clean_relationships(name, data, left_out, renamed, job.removed)
        elif name == "[Content_Types].xml":
            data = _clean_content_types(data, left_out, renamed)
        elif roles.get(name) == "core":
            job.removed.add("document properties (author, last modified by, dates, revision)")
            data = _EMPTY_CORE
        elif roles.get(name) == "app":
            job.removed.add("application properties (program, company, template, editing time)")
            data = _EMPTY_APP
        else:
            data = _clean_part(name, data, job, place, _clean_ooxml_xml)
        target.writestr(_entry(renamed.get(name, name), zipfile.ZIP_DEFLATED), data)


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


def _file_name(path: bytes) -> bytes:
    return re.split(rb"[\\/]", path.rstrip(b"\\/"))[-1]


def _clean_field(instruction: bytes) -> bytes:
    """A field instruction with each local path cut to its file's name (switches such as \\* stay)."""

    def word(match: re.Match[bytes]) -> bytes:
        quoted = match.group(1) if match.group(1) is not None else match.group(2)
        if quoted is not None:
            return match.group(0).replace(quoted, _file_name(quoted)) if _FIELD_PATH.match(quoted) else match.group(0)
        return _file_name(match.group(3)) if _FIELD_PATH.match(match.group(3)) else match.group(0)

    return _FIELD_WORD.sub(word, instruction)


def _clean_links(name: str, data: bytes, removed: set[str]) -> bytes:
    """Mail-merge sources, document variables, local paths in field codes and data connections, XML comments."""
    cleaned = _XML_COMMENT.sub(b"", data)
    if posixpath.basename(name) == "settings.xml":
        cleaned = _WORD_SETTINGS_SECRETS.sub(b"", cleaned)
    cleaned = _FIELD_INSTRUCTION.sub(
        lambda m: (
            m.group(1) + _clean_field(m.group(2)) + m.group(3)
            if m.group(1) is not None
            else m.group(4) + m.group(5)[:1] + _clean_field(m.group(5)[1:-1]) + m.group(5)[:1]
        ),
        cleaned,
    )
    cleaned = _CONNECTION_ATTRS.sub(lambda m: m.group(1) + b'""', cleaned)
    cleaned = _CONNECTION_FILES.sub(
        lambda m: m.group(1) + m.group(2)[:1] + _file_name(m.group(2)[1:-1]) + m.group(2)[:1], cleaned
    )
    if cleaned != data:
        removed.add("folders of linked local files, mail-merge sources, document variables and XML comments")
    return cleaned


def _clean_ooxml_xml(name: str, data: bytes, removed: set[str]) -> bytes:
    data = _clean_links(name, data, removed)
    cleaned = _NAME_ATTRS.sub(lambda m: (m.group(1) or m.group(2)) + b'=""', data)
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
            removed.add("folders of linked local files, mail-merge sources, document variables and XML comments")
            return b""
        if kind.endswith(b"/attachedTemplate"):
            removed.add("the template and the folder the document was saved in")
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
            removed.add("folders of linked local files")
            return element.replace(b'Target="' + target + b'"', b'Target="' + _file_name(target) + b'"')
        return element

    return _RELATIONSHIP.sub(rewrite, data)


def _copy_odt(
    source: zipfile.ZipFile, entries: list[zipfile.ZipInfo], target: zipfile.ZipFile, job: _Job, place: _Place
) -> None:
    # The mimetype entry comes first and is stored uncompressed.
    target.writestr(_entry("mimetype", zipfile.ZIP_STORED), source.read("mimetype"))
    for entry in entries:
        name = entry.filename
        if name == "mimetype":
            continue
        if _ODT_SKIPPED.match(name.encode("utf-8", "replace")):
            job.removed.add(_ODT_SKIP[name.split("/")[0]])
            continue
        data = source.read(entry)
        if name == "META-INF/manifest.xml":
            data = _MANIFEST_ENTRY.sub(lambda m: b"" if _ODT_SKIPPED.match(m.group(1)) else m.group(0), data)
        else:
            data = _clean_part(name, data, job, place, _clean_odt_xml)
        target.writestr(_entry(name, zipfile.ZIP_DEFLATED), data)


def _clean_odt_xml(name: str, data: bytes, removed: set[str]) -> bytes:
    base = posixpath.basename(name)
    if base == "meta.xml":  # the document's, and each embedded object's ("Object 1/meta.xml")
        removed.add("document properties (creator, dates, generator, editing time)")
        return _EMPTY_META
    cleaned = _ODT_ELEMENTS.sub(b"", _ODT_ATTRS.sub(b"", data))
    if cleaned != data:
        removed.add("authors, dates and editing ids of comments and tracked changes")
    without_folders = _ODT_LINK.sub(_odt_link, cleaned)
    if without_folders != cleaned:
        removed.add("folders of linked local files")
    cleaned = without_folders
    if base == "settings.xml":
        without_printer = _ODT_PRINTER.sub(b"", cleaned)
        if without_printer != cleaned:
            removed.add("printer settings (printer name and driver setup)")
        cleaned = without_printer
    return _REPLACEMENT_IMAGE.sub(b"", cleaned)


def _odt_link(match: re.Match[bytes]) -> bytes:
    target = match.group(2) if match.group(2) is not None else match.group(3)
    if not _ODT_LOCAL_LINK.match(target):
        return match.group(0)
    # "../name": the package counts as a folder, so this is the file beside the document.
    name = _file_name(target.replace(b"%5C", b"/")).replace(b'"', b"&quot;")
    return match.group(1) + b'"../' + name + b'"'


def _clean_part(
    name: str, data: bytes, job: _Job, place: _Place, clean_xml: Callable[[str, bytes, set[str]], bytes]
) -> bytes:
    """A part by what its bytes are (office_media): a picture cleaned, an embedded package cleaned like the
    document, an XML part by `clean_xml`, a part nobody can look inside refused, anything else as it is."""
    kind = office_media.kind_of_part(data)
    if kind in office_media.UNCLEANABLE:
        raise ValueError(f"{place.name(name)} is {office_media.UNCLEANABLE[kind]}, which cannot be cleaned")
    if office_media.is_picture(kind):
        cleaned = office_media.clean_picture(kind, data)
        if cleaned is None:
            raise ValueError(f"the picture {place.name(name)} could not be cleaned")
        if cleaned != data:
            job.removed.add(_PICTURE_LABEL)
        return cleaned
    if kind == office_media.ZIP:
        return _clean_embedded_package(name, data, job, place)
    if kind == office_media.OTHER and _MEDIA_FOLDER.search(name):
        raise ValueError(f"{place.name(name)} is a picture or sound in a format we cannot clean")
    if kind == office_media.XML or name.lower().endswith(".xml"):
        cleaned = clean_xml(name, _as_utf8(data, place.name(name)), job.removed)
        if not _SVG_ROOT.search(cleaned):
            return cleaned
        if _DATA_URI.search(cleaned):
            raise ValueError(
                f"{place.name(name)} is an SVG picture with another picture inside it, which cannot be cleaned"
            )
        return _SVG_METADATA.sub(b"", cleaned)
    return data


_UTF16_STARTS = (b"\xff\xfe", b"\xfe\xff", b"<\x00?\x00", b"\x00<\x00?")
_DECLARED_ENCODING = re.compile(rb"""^(<\?xml\b[^>]*?\sencoding\s*=\s*)(?:"[^"]*"|'[^']*')""")


def _as_utf8(data: bytes, where: str) -> bytes:
    """A UTF-16 part (OPC allows it) re-encoded as UTF-8, so the byte patterns above see its attributes."""
    if not data.startswith(_UTF16_STARTS):
        return data
    codec = "utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-16-le" if data[:1] == b"<" else "utf-16-be"
    try:
        text = data.decode(codec).encode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{where} is a damaged UTF-16 XML part, which cannot be cleaned") from exc
    return _DECLARED_ENCODING.sub(rb'\1"UTF-8"', text)


def _clean_embedded_package(name: str, data: bytes, job: _Job, place: _Place) -> bytes:
    """An embedded document (a chart's workbook, a pasted document): cleaned by the same rules, or refused."""
    where = place.name(name)
    if place.depth + 1 >= MAX_DEPTH:
        raise ValueError(f"{where} holds documents nested too deep to clean")
    out = io.BytesIO()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as inner, zipfile.ZipFile(out, "w") as target:
            names = set(inner.namelist())
            if "[Content_Types].xml" in names:
                copy: _Copier = _copy_ooxml
            elif "mimetype" in names:
                copy = _copy_odt
            else:
                raise ValueError(f"{where} is an archive that is not an office document, which cannot be cleaned")
            _copy_package(inner, target, job, _Place(f"{where}!", place.depth + 1), copy)
    except zipfile.BadZipFile as exc:
        raise ValueError(f"{where} is a damaged archive, which cannot be cleaned") from exc
    job.removed.add("the same from embedded documents (a chart's workbook, an embedded file)")
    return out.getvalue()
