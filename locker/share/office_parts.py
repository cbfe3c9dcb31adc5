"""What every office package's copy shares: the limits of one copy across the packages nested in it, where a
package sits, how an entry is written, and how a part that is not a package's own bookkeeping is cleaned (by what
its bytes are: locker.share.office_media).

The XML is edited as text with narrow patterns rather than re-serialised (see locker.share.office); a UTF-16 part
is re-encoded as UTF-8 first (the copy declares UTF-8), so the patterns see its attributes.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

from locker.share import office_media
from locker.share import report_labels as labels
from locker.share.office_metafile import MetafileError
from locker.share.sandbox_refusals import (
    DocumentTooLarge,
    MediaFormatUnknown,
    PictureInsideSvg,
    PictureNotCleaned,
    TextPartDamaged,
)

MAX_ENTRIES = 5000
MAX_UNCOMPRESSED = 512 * 1024 * 1024

PICTURE_LABEL = labels.OFFICE_PICTURE_METADATA
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


@dataclass(frozen=True)
class Place:
    """Where a package sits: its path from the document's root (for messages) and how deep it is nested."""

    prefix: str = ""
    depth: int = 0

    def name(self, part: str) -> str:
        return self.prefix + part


# Cleans an embedded package (name, bytes, where its container sits) by the document's own rules.
PackageCleaner = Callable[[str, bytes, "Job", Place], bytes]


@dataclass
class Job:
    """One copy, across the nested packages it contains; `clean_package` cleans an embedded package."""

    clean_package: PackageCleaner
    removed: set[str] = field(default_factory=set)
    entries: int = 0
    size: int = 0

    def admit(self, entries: list[zipfile.ZipInfo]) -> None:
        self.entries += len(entries)
        self.size += sum(e.file_size for e in entries)
        if self.entries > MAX_ENTRIES or self.size > MAX_UNCOMPRESSED:
            raise DocumentTooLarge(limit=MAX_ENTRIES, limit_size=MAX_UNCOMPRESSED)


def entry(name: str, compression: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = compression
    info.external_attr = 0o644 << 16
    return info


def file_name(path: bytes) -> bytes:
    return re.split(rb"[\\/]", path.rstrip(b"\\/"))[-1]


def clean_part(
    name: str, data: bytes, job: Job, place: Place, clean_xml: Callable[[str, bytes, set[str]], bytes]
) -> bytes:
    """A part by what its bytes are (office_media): a picture cleaned, an embedded package cleaned like the
    document, an XML part by `clean_xml`, a part nobody can look inside refused, anything else as it is."""
    kind = office_media.kind_of_part(data, name)
    if kind in office_media.UNCLEANABLE:
        raise office_media.refusal_for(kind, place.name(name))
    if office_media.is_picture(kind):
        try:
            cleaned = office_media.clean_picture(kind, data)
        except MetafileError as exc:
            raise PictureNotCleaned(part=place.name(name), details=str(exc)) from exc
        if cleaned is None:
            raise PictureNotCleaned(part=place.name(name))
        if cleaned != data:
            job.removed.add(PICTURE_LABEL)
        return cleaned
    if kind == office_media.ZIP:
        return job.clean_package(name, data, job, place)
    if kind == office_media.OTHER and office_media.in_media_folder(name):
        raise MediaFormatUnknown(part=place.name(name))
    if kind == office_media.XML or name.lower().endswith(".xml"):
        cleaned = clean_xml(name, as_utf8(data, place.name(name)), job.removed)
        if not _SVG_ROOT.search(cleaned):
            return cleaned
        if _DATA_URI.search(cleaned):
            raise PictureInsideSvg(part=place.name(name))
        return _SVG_METADATA.sub(b"", cleaned)
    return data


_UTF16_STARTS = (b"\xff\xfe", b"\xfe\xff", b"<\x00?\x00", b"\x00<\x00?")
_DECLARED_ENCODING = re.compile(rb"""^(<\?xml\b[^>]*?\sencoding\s*=\s*)(?:"[^"]*"|'[^']*')""")


def as_utf8(data: bytes, where: str) -> bytes:
    """A UTF-16 part (OPC allows it) re-encoded as UTF-8, so the byte patterns see its attributes."""
    if not data.startswith(_UTF16_STARTS):
        return data
    codec = "utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-16-le" if data[:1] == b"<" else "utf-16-be"
    try:
        text = data.decode(codec).encode("utf-8")
    except UnicodeDecodeError as exc:
        raise TextPartDamaged(part=where, encoding="UTF-16") from exc
    return _DECLARED_ENCODING.sub(rb'\1"UTF-8"', text)
