"""What must not survive in a share copy: the identifying values recorded from its original.

Built on the app side from the metadata stored in the vault (summary and raw dump), then searched for in the copy
as raw bytes (UTF-8, UTF-16 both ways, case-insensitive) and in everything our readers decode from it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from locker.metadata.model import MetadataSummary

MIN_LENGTH = 4
MAX_NEEDLES = 300
# Keys in the raw dump whose values identify a person, a device, a place or a time.
_IDENTIFYING_KEY = re.compile(
    r"serial|make|model|software|artist|author|creator|owner|copyright|lens|host|camera|device|gps|location|"
    r"producer|byline|by-line|credit|company|manager|lastmodifiedby|last_modified_by|encoder|uniqueid|application|"
    r"generator|template|authors|"
    r"documentid|instanceid|imageuniqueid|bodyserial|com\.apple|com\.android|xyz|date|time",
    re.IGNORECASE,
)
# Values too generic to mean anything, which a clean copy may legitimately contain.
_GENERIC = re.compile(
    r"^(?:[\d\s.,:;/+\-]{0,9}|[0\s.,:;/+\-TZ]*|true|false|none|null|unknown|n/a|normal|auto|manual)$", re.IGNORECASE
)
_DATE = re.compile(r"(\d{4})[:\-](\d{2})[:\-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})")


def identifying_values(summary: MetadataSummary, raw: dict[str, Any]) -> list[str]:
    """Distinct values worth searching for, longest first (so a hit names the most specific one)."""
    found: dict[str, None] = {}

    def add(value: object) -> None:
        if not isinstance(value, str):
            return
        text = value.strip().strip("\x00").strip()
        if len(text) < MIN_LENGTH or _GENERIC.match(text):
            return
        found.setdefault(text[:200], None)
        for date in _date_forms(text):
            found.setdefault(date, None)

    for value in (summary.make, summary.model, summary.software, summary.author, summary.capture_time,
                  *summary.serial_numbers):  # fmt: skip
        add(value)
    if summary.gps_latitude is not None and summary.gps_longitude is not None:
        for coord in (summary.gps_latitude, summary.gps_longitude):
            for digits in (4, 5, 6):
                found.setdefault(f"{abs(coord):.{digits}f}", None)
    for key, value in _walk(raw):
        if _IDENTIFYING_KEY.search(key):
            add(value)
    ordered = sorted(found, key=len, reverse=True)
    return ordered[:MAX_NEEDLES]


def _date_forms(text: str) -> Iterator[str]:
    match = _DATE.search(text)
    if match and match.group(1) != "0000":
        y, mo, d, h, mi, s = match.groups()
        yield f"{y}:{mo}:{d} {h}:{mi}:{s}"
        yield f"{y}-{mo}-{d}T{h}:{mi}:{s}"
        yield f"{y}-{mo}-{d} {h}:{mi}:{s}"


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


class NeedleSearch:
    """Streams bytes through and remembers which needles occurred, across chunk boundaries."""

    def __init__(self, needles: Iterable[str]) -> None:
        self._forms: list[tuple[str, bytes]] = []
        for needle in needles:
            for encoding in ("utf-8", "utf-16-be", "utf-16-le"):
                self._forms.append((needle, needle.lower().encode(encoding)))
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

    def reset_stream(self) -> None:
        """Start a new, unrelated byte stream (no match across the boundary)."""
        self._tail = b""
