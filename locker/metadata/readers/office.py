"""Office documents (DOCX, XLSX, PPTX, ODT, ODS, ODP) and EPUB: who wrote and edited the document, with what,
and when (document properties, comment authors).

The parts are XML inside a ZIP; they are parsed with defusedxml (no entities, no external references) and read
with size caps, since a ZIP member can claim any size.
"""

from __future__ import annotations

import posixpath
import zipfile
from typing import IO, Any

from defusedxml import ElementTree

from locker.metadata.readers.base import ReaderResult, normalise_time

MAX_PART = 16 * 1024 * 1024
MAX_AUTHORS = 200
_NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
}
_DOCX_CORE = {"creator": "dc:creator", "last_modified_by": "cp:lastModifiedBy", "title": "dc:title",
              "created": "dcterms:created", "modified": "dcterms:modified", "revision": "cp:revision"}  # fmt: skip
_DOCX_APP = {"application": "ep:Application", "company": "ep:Company", "manager": "ep:Manager",
             "template": "ep:Template"}  # fmt: skip
_ODT_META = {"creator": "office:meta/dc:creator", "initial_creator": "office:meta/meta:initial-creator",
             "generator": "office:meta/meta:generator", "title": "office:meta/dc:title",
             "created": "office:meta/meta:creation-date", "modified": "office:meta/dc:date"}  # fmt: skip


def read_office(f: IO[bytes], media_type: str) -> ReaderResult:
    """Office Open XML (DOCX, XLSX, PPTX), OpenDocument (ODT, ODS, ODP) and EPUB: whichever structure the archive
    has, whatever the media type says."""
    result = ReaderResult()
    with zipfile.ZipFile(f) as archive:
        names = set(archive.namelist())
        props: dict[str, Any] = {}
        if "[Content_Types].xml" in names:
            core, app = _ooxml_property_parts(archive, names)
            props.update(_fields(_part(archive, core), _DOCX_CORE))
            props.update(_fields(_part(archive, app), _DOCX_APP))
            authors = _ooxml_authors(archive, names)
        elif "META-INF/container.xml" in names and "meta.xml" not in names:
            props.update(_epub_fields(archive))
            authors = []
        else:
            props.update(_fields(_part(archive, "meta.xml"), _ODT_META))
            authors = _element_texts(_part(archive, "content.xml"), "dc:creator")
        if authors:
            props["comment_and_change_authors"] = authors
        thumbnails = sorted(n for n in names if n.startswith(("docProps/thumbnail", "Thumbnails/")))
        if thumbnails:
            props["thumbnails"] = thumbnails
    result.raw["office"] = props
    result.offer("author", props.get("creator") or props.get("initial_creator") or props.get("last_modified_by"))
    result.offer("software", props.get("application") or props.get("generator"))
    result.offer("title", props.get("title"))
    return result


_PACKAGE_RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


def _ooxml_property_parts(archive: zipfile.ZipFile, names: set[str]) -> tuple[str, str]:
    """(core, extended) properties' part names, as the package relationships (_rels/.rels) give them: OPC finds
    them there, and docProps/ is only the usual place."""
    core, app = "docProps/core.xml", "docProps/app.xml"
    root = _part(archive, "_rels/.rels") if "_rels/.rels" in names else None
    for node in root.iter(_PACKAGE_RELATIONSHIP) if root is not None else ():
        kind, target = node.get("Type", ""), node.get("Target", "").lstrip("/")
        if node.get("TargetMode", "").lower() == "external" or not target:
            continue
        if kind.endswith("/metadata/core-properties"):
            core = posixpath.normpath(target)
        elif kind.endswith("/extended-properties"):
            app = posixpath.normpath(target)
    return core, app


# Where OOXML keeps the names of people who commented or changed things: Word's w:author attributes, Excel's
# comment <author> elements, threaded-comment persons and shared-workbook users (userInfo), PowerPoint's comment
# authors (commentAuthors.xml, and authors.xml of modern comments).
_AUTHOR_ATTRIBUTES = {f"{{{_NS['w']}}}author", "author", "name", "displayName", "userId"}
_AUTHOR_PARTS = ("word/", "xl/comments", "xl/threadedComments/", "xl/persons/", "ppt/commentAuthors.xml",
                 "ppt/authors.xml", "ppt/comments/", "xl/revisions/")  # fmt: skip


def _ooxml_authors(archive: zipfile.ZipFile, names: set[str]) -> list[str]:
    values: dict[str, None] = {}
    for name in sorted(n for n in names if n.startswith(_AUTHOR_PARTS) and n.endswith(".xml")):
        root = _part(archive, name)
        for node in root.iter() if root is not None else ():
            local = str(node.tag).rsplit("}", 1)[-1]
            if local == "author" and node.text and node.text.strip():
                values.setdefault(node.text.strip(), None)
            for attribute, value in node.attrib.items():
                wanted = attribute == f"{{{_NS['w']}}}author" or (
                    local in {"cmAuthor", "person", "author", "userInfo"}
                    and attribute.rsplit("}", 1)[-1] in _AUTHOR_ATTRIBUTES
                )
                if wanted and value:
                    values.setdefault(value, None)
            if len(values) >= MAX_AUTHORS:
                return list(values)
    return list(values)


_EPUB_FIELDS = {"creator", "title", "date", "publisher"}


def _epub_fields(archive: zipfile.ZipFile) -> dict[str, str]:
    """EPUB: the package document's Dublin Core metadata (creator, title, date, publisher)."""
    container = _part(archive, "META-INF/container.xml")
    rootfile = None
    for node in container.iter() if container is not None else ():
        if str(node.tag).endswith("rootfile") and node.get("full-path"):
            rootfile = str(node.get("full-path"))
            break
    package = _part(archive, rootfile) if rootfile else None
    found: dict[str, str] = {}
    for node in package.iter() if package is not None else ():
        local = str(node.tag).rsplit("}", 1)[-1]
        dublin_core = str(node.tag).startswith(f"{{{_NS['dc']}}}") and local in _EPUB_FIELDS
        if dublin_core and node.text and node.text.strip():
            found.setdefault(local if local != "date" else "created", node.text.strip())
    return found


def _part(archive: zipfile.ZipFile, name: str) -> Any:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_PART:
        raise ValueError(f"{name} is too large to read")
    with archive.open(info) as member:
        return ElementTree.fromstring(member.read(MAX_PART + 1))


def _fields(root: Any, paths: dict[str, str]) -> dict[str, str]:
    found: dict[str, str] = {}
    if root is None:
        return found
    for key, path in paths.items():
        node = root.find(path, _NS)
        if node is not None and node.text and node.text.strip():
            text = node.text.strip()
            found[key] = normalise_time(text) or text if key in {"created", "modified"} else text
    return found


def _element_texts(root: Any, path: str) -> list[str]:
    if root is None:
        return []
    values: dict[str, None] = {}
    for node in root.iter(f"{{{_NS['dc']}}}{path.split(':')[1]}"):
        if node.text and node.text.strip():
            values.setdefault(node.text.strip(), None)
    return list(values)[:MAX_AUTHORS]
