"""What must not survive in a share copy: the identifying values recorded from its original.

Built on the app side from the metadata stored in the vault (summary and raw dump), then searched for in the copy
as raw bytes (UTF-8, UTF-16 both ways, case-insensitive) and in everything our readers decode from it.

Only fields that say who, with which device or where are searched for: names and authors, serial numbers, makes
and models, GPS positions, places and addresses, free-text descriptions and comments, and the software that made
the file unless it is a library or common program that many files name (pikepdf, Lavf, LibreOffice, Microsoft
Word). A field is chosen by its own name (the last part of its path, without an XMP namespace or an EXIF group),
never by the section it sits in: "photoshop:ColorMode" is about colours, not a host. Structural values are never
searched for, since an honest copy may contain them: numbers, booleans, dates and times (the re-check's reader
looks for those where the format keeps them), PDF names, media types, colour spaces, codec names, short single
words (but a person's name) and the library names that producers write. A needle that matches an honest copy
refuses a clean file, which is a bug; so is one that random compressed data contains by chance, which is why
short needles are left out of large pieces (NeedleSearch).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from locker.metadata.model import MetadataSummary

MIN_LENGTH = 4
MAX_NEEDLES = 300
# A field's own name (see _local_name) that holds a person, a device, a place, free text or the making software.
_IDENTIFYING_NAME = re.compile(
    r"serial|make|manufacturer|model|artist|author|creator|owner|copyright|lens|hostcomputer|host_computer|camera|"
    r"device|gpslatitude|gpslongitude|gpsposition|gpscoordinates|gpsareainformation|gpsdest|location|iso6709|xyz|"
    r"byline|by-line|credit|company|manager|lastmodifiedby|last_modified_by|uniqueid|documentid|instanceid|"
    r"description|comment|caption|abstract|address|city|country|sublocation|province|phone|email|"
    r"software|producer|encoder|encoded_by|application|generator|template|printer|"
    r"^ci(?:adr|email|tel|url)|^(?:auth|dscp|name|writer|contact)$",
    re.IGNORECASE,
)
# IPTC datasets holding people, places and free text (the reader keys them by number).
_IPTC_IDENTIFYING = {"2:80", "2:85", "2:90", "2:92", "2:95", "2:101", "2:110", "2:115", "2:116", "2:118", "2:120",
                     "2:122"}  # fmt: skip
# Values that mean nothing about anyone: numbers, booleans, placeholders, dates and times.
_GENERIC = re.compile(
    r"^(?:[\d\s.,:;/+\-\[\]()]*|[0\s.,:;/+\-TZ]*|true|false|yes|no|none|null|unknown|n/a|normal|auto|manual|"
    r"\d{4}[:\-]\d{2}[:\-]\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?\s*(?:z|utc|[+\-]\d{2}:?\d{2})?|"
    r"d:\d{4,14}(?:z|[+\-]\d{2}'?\d{2}'?)?(?:00'?)?)$",
    re.IGNORECASE,
)
# Structural words: colour spaces and modes, codecs and handlers, default names programs fill in.
_STRUCTURAL_WORDS = frozenset({
    "color", "colour", "grayscale", "greyscale", "monochrome", "uncalibrated", "srgb", "adobe rgb", "adobergb",
    "srgb iec61966-2.1", "iec 61966-2.1", "iec http://www.iec.ch", "display p3", "devicergb", "devicecmyk",
    "devicegray", "rgb", "cmyk", "ycbcr",
    "videohandler", "soundhandler", "core media video", "core media audio", "isom", "mp42", "avc1", "hevc",
    "h264", "h.264", "h265", "aac", "opus", "vorbis", "mp3", "pcm", "wgs-84", "wgs84", "landscape", "portrait",
    "horizontal", "horizontal (normal)", "standard", "default", "user", "admin", "administrator", "owner",
    "windows user", "author", "unknown author", "olympus digital camera", "digital camera", "camera",
    "пользователь", "автор", "application/pdf", "image/jpeg", "text/plain",
})  # fmt: skip
# Producer and encoder names of libraries and common programs: the same in every file they write.
_LIBRARY = re.compile(
    r"^(?:pikepdf|qpdf|pdfium|skia/pdf|itext|itextsharp|pdfsharp|reportlab|cairo|ghostscript|gpl ghostscript|"
    r"pdftex|luatex|xetex|xdvipdfmx|dvipdfm|wkhtmltopdf|chromium|google chrome|mozilla|pdf\.js|libharu|fpdf|tcpdf|"
    r"mpdf|dompdf|quartz pdfcontext|mac os x [\d.]+ quartz pdfcontext|macos [\d.]+ quartz pdfcontext|"
    r"microsoft[®\s]*(?:word|excel|powerpoint|print to pdf)|libreoffice|openoffice|acrobat distiller|"
    r"adobe pdf library|lavf|lavc|libavformat|libavcodec|x264|x265|libx264|libx265|libvpx|lame|libopus|libvorbis|"
    r"xiph\.org libvorbis|imagemagick|graphicsmagick|gimp|libjpeg|libpng|pillow|python|exiftool)(?![a-z])",
    re.IGNORECASE,
)
_SERIAL_NAME = re.compile(r"serial|uniqueid", re.IGNORECASE)
_LONG_NUMBER = re.compile(r"\d{6,}")
_IPTC_KEY = re.compile(r"\d+:\d+")
_MEDIA_TYPE = re.compile(r"(?:image|video|audio|application|text)/[\w.+\-]+", re.IGNORECASE)
_SINGLE_SHORT_WORD = re.compile(r"^[^\W\d_]{1,5}$")  # "Canon", "Apple", "COLOR": too common to search for
_PERSON_NAME = re.compile(r"artist|author|creator|owner|byline|by-line|lastmodifiedby|last_modified_by|writer|auth$",
                          re.IGNORECASE)  # fmt: skip


def identifying_values(summary: MetadataSummary, raw: dict[str, Any]) -> list[str]:
    """Distinct values worth searching for, longest first (so a hit names the most specific one)."""
    found: dict[str, None] = {}

    def add(value: object, name: str) -> None:
        if not isinstance(value, str):
            return
        text = value.strip().strip("\x00").strip()
        if _is_identifying_value(text, name):
            found.setdefault(text[:200], None)

    for name, value in (("make", summary.make), ("model", summary.model), ("software", summary.software),
                        ("author", summary.author), ("description", summary.description),
                        *(("serial", s) for s in summary.serial_numbers)):  # fmt: skip
        add(value, name)
    if summary.gps_latitude is not None and summary.gps_longitude is not None:
        for coord in (summary.gps_latitude, summary.gps_longitude):
            for digits in (4, 5, 6):
                found.setdefault(f"{abs(coord):.{digits}f}", None)
    for key, value in _walk(raw):
        name = _local_name(key)
        if name in _IPTC_IDENTIFYING or (_IDENTIFYING_NAME.search(name) and not _is_time_name(name)):
            add(value, name)
    ordered = sorted(found, key=len, reverse=True)
    return ordered[:MAX_NEEDLES]


def _local_name(key: str) -> str:
    """The field's own name: '/xmp/{http://ns.adobe.com/photoshop/1.0/}ColorMode' -> 'ColorMode',
    '/exif/Image Make' -> 'Make', '/xmp/dc:creator' -> 'creator', '/iptc/2:80' -> '2:80'."""
    last = key.rsplit("}", 1)[-1].rsplit("/", 1)[-1].rsplit(" ", 1)[-1]
    if ":" in last and not _IPTC_KEY.fullmatch(last):
        last = last.rsplit(":", 1)[-1]
    return last


def _is_time_name(name: str) -> bool:
    # "com.apple.quicktime.location.name" is a place, not a time.
    return bool(re.search(r"date|time", name.lower().replace("quicktime", ""), re.IGNORECASE))


def _is_identifying_value(text: str, name: str) -> bool:
    if _SERIAL_NAME.search(name) and _LONG_NUMBER.fullmatch(text):
        return True  # a serial number may be all digits
    if len(text) < MIN_LENGTH or _GENERIC.match(text) or text.lower() in _STRUCTURAL_WORDS:
        return False
    if text.startswith("/") and " " not in text:
        return False  # a PDF name object (/False, /DeviceRGB)
    if _MEDIA_TYPE.fullmatch(text):
        return False
    if _LIBRARY.match(text):
        return False  # in any field: PDF Info calls its producing program /Creator
    return not (_SINGLE_SHORT_WORD.match(text) and not _PERSON_NAME.search(name))


def _walk(data: Any, prefix: str = "", depth: int = 0) -> Iterator[tuple[str, Any]]:
    if depth > 12:
        return
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _walk(value, f"{prefix}/{key}", depth + 1)
    elif isinstance(data, list):
        for value in data[:500]:
            yield from _walk(value, prefix, depth + 1)
    else:
        yield prefix, data


# Facts about the pixels and samples themselves, which any copy has again (re-created, not copied): not listed as
# "removed", since the copy still has a width, a codec and a duration.
_TECHNICAL = frozenset({
    "width", "height", "codec", "format", "duration_seconds", "frames", "index", "type", "time_base", "pix_fmt",
    "sample_rate", "channels", "bit_rate", "size", "mode", "compatible_brands", "major_brand", "minor_version",
    "hex", "length", "jfif", "jfif_density", "jfif_unit", "jfif_version", "page_count", "pages", "revision_count",
    "encrypted", "pdf_version", "language",
})  # fmt: skip


def removed_fields(raw: dict[str, Any]) -> list[str]:
    """The names (never the values) of the recorded fields a share copy drops."""
    names: dict[str, None] = {}
    for key, _value in _walk(raw):
        parts = [p for p in key.split("/") if p and not p.startswith("_")]
        if len(parts) >= 2 and parts[0] not in {"pillow", "streams_summary"} and parts[-1] not in _TECHNICAL:
            names.setdefault(f"{parts[0]}: {parts[-1]}", None)
    return list(names)


# A raw search must not find a needle by chance. Compressed pixels and samples look random: a given 4-letter name,
# case ignored, turns up about once in 270 MB of them, so a search of a 1 GB video for "Olga" would refuse almost
# every copy of it. A needle is looked for in a piece of data only while all needles together expect fewer than
# CHANCE_BUDGET chance hits there (a byte matches a letter, either case, with probability 2/256 at most).
CHANCE_BUDGET = 1e-3
_CHANCE_PER_BYTE = 2 / 256


def _cannot_turn_up_by_chance(form: bytes, size: int, forms: int) -> bool:
    return size * forms * _CHANCE_PER_BYTE ** len(form) <= CHANCE_BUDGET


class NeedleSearch:
    """Streams bytes through and remembers which needles occurred, across chunk boundaries.

    With `size` (the whole stream's length), needles that `size` bytes of random data would likely contain are
    left out of the stream (they stay in pieces searched with `feed_piece` that are small enough)."""

    def __init__(self, needles: Iterable[str], size: int | None = None) -> None:
        self._all: list[tuple[str, bytes]] = []
        for needle in needles:
            for encoding in ("utf-8", "utf-16-be", "utf-16-le"):
                self._all.append((needle, needle.lower().encode(encoding)))
        self._forms = [
            (needle, form) for needle, form in self._all
            if size is None or _cannot_turn_up_by_chance(form, size, len(self._all))
        ]  # fmt: skip
        self._overlap = max((len(form) for _, form in self._forms), default=0)
        self._tail = b""
        self.hits: dict[str, None] = {}

    def feed(self, data: bytes) -> None:
        if not self._forms:
            return
        window = self._tail + data.lower()
        for needle, form in self._forms:
            if needle not in self.hits and form in window:
                self.hits[needle] = None
        self._tail = window[-self._overlap :] if self._overlap else b""

    def feed_piece(self, data: bytes) -> None:
        """Search one whole, independent piece (a PDF stream, a ZIP member) for every needle that a piece of its
        size cannot contain by chance: all of them in text, only the longer ones in a large picture."""
        self.reset_stream()
        lowered = data.lower()
        for needle, form in self._all:
            searchable = _cannot_turn_up_by_chance(form, len(data), len(self._all))
            if searchable and needle not in self.hits and form in lowered:
                self.hits[needle] = None

    def reset_stream(self) -> None:
        """Start a new, unrelated byte stream (no match across the boundary)."""
        self._tail = b""
