"""The metadata record of an item: a typed summary for people and a raw dump for experts.

Records are built inside the sandbox and cross a process boundary as JSON, so `MetadataRecord.from_json` treats
its input as untrusted: unknown keys are dropped, types are checked, strings are capped.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, fields
from enum import StrEnum
from typing import Any

from locker.formats import canonical, is_known

MAX_TEXT = 4096


class MetadataStatus(StrEnum):
    OK = "ok"
    UNREADABLE = "unreadable"  # a parser failed, hung or crashed: the file may still carry metadata
    NO_READER = "no-reader"  # we have no reader for this type: nothing was looked at


@dataclass(frozen=True)
class MetadataSummary:
    """The values a lawyer and an activist care about, normalised across formats."""

    capture_time: str | None = None  # ISO 8601; with an offset only when the file states one
    capture_time_source: str | None = None  # which tag it came from, e.g. "EXIF DateTimeOriginal"
    gps_latitude: float | None = None
    gps_longitude: float | None = None
    gps_altitude: float | None = None
    make: str | None = None
    model: str | None = None
    serial_numbers: tuple[str, ...] = ()
    software: str | None = None
    author: str | None = None
    title: str | None = None
    description: str | None = None
    page_count: int | None = None
    duration_seconds: float | None = None
    width: int | None = None
    height: int | None = None
    orientation: int | None = None

    @property
    def has_gps(self) -> bool:
        return self.gps_latitude is not None and self.gps_longitude is not None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["serial_numbers"] = list(self.serial_numbers)
        return data

    @classmethod
    def from_json(cls, untrusted: Any) -> MetadataSummary:
        if not isinstance(untrusted, dict):
            return cls()
        values: dict[str, Any] = {}
        for f in fields(cls):
            value = untrusted.get(f.name)
            if value is None:
                continue
            if f.name == "serial_numbers":
                if isinstance(value, list):
                    values[f.name] = tuple(_text(v) for v in value[:16] if isinstance(v, str) and v.strip())
            elif f.name in {"gps_latitude", "gps_longitude", "gps_altitude", "duration_seconds"}:
                if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
                    values[f.name] = float(value)
            elif f.name in {"page_count", "width", "height", "orientation"}:
                if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**31:
                    values[f.name] = value
            elif isinstance(value, str) and value.strip():
                values[f.name] = _text(value)
        lat, lon = values.get("gps_latitude"), values.get("gps_longitude")
        if (lat is not None and not -90 <= lat <= 90) or (lon is not None and not -180 <= lon <= 180):
            values.pop("gps_latitude", None)
            values.pop("gps_longitude", None)
        return cls(**values)


def _text(value: str) -> str:
    return valid_unicode(value.strip()[:MAX_TEXT])


def valid_unicode(value: str) -> str:
    """Replace lone surrogates (which JSON can carry but UTF-8 and SQLite cannot) with U+FFFD."""
    # json.loads already joins valid pairs into one code point, so any surrogate left here is alone.
    if not any("\ud800" <= ch <= "\udfff" for ch in value):
        return value
    return "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in value)


def scrub(untrusted: Any, depth: int = 0) -> Any:
    """A copy of decoded JSON whose every string (keys too) is valid Unicode; nesting is capped."""
    if depth > 32:
        return None
    if isinstance(untrusted, str):
        return valid_unicode(untrusted)
    if isinstance(untrusted, list):
        return [scrub(v, depth + 1) for v in untrusted]
    if isinstance(untrusted, dict):
        return {valid_unicode(str(k)): scrub(v, depth + 1) for k, v in untrusted.items()}
    return untrusted


@dataclass(frozen=True)
class MetadataRecord:
    """Result of looking at one file: status, which reader, the summary, and a note when unreadable."""

    status: MetadataStatus
    reader: str
    summary: MetadataSummary = field(default_factory=MetadataSummary)
    reason: str = ""
    warnings: tuple[str, ...] = ()
    #: Media types the file's structure allows, most likely first (locker.metadata.recognise); empty when the
    #: sandbox did not get as far as looking.
    recognised: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "status": str(self.status),
            "reader": self.reader,
            "summary": self.summary.to_json(),
            "reason": self.reason,
            "warnings": list(self.warnings),
            "recognised": list(self.recognised),
        }

    @classmethod
    def from_json(cls, untrusted: Any) -> MetadataRecord:
        if not isinstance(untrusted, dict):
            return unreadable("the metadata reader returned something malformed")
        try:
            status = MetadataStatus(str(untrusted.get("status")))
        except ValueError:
            return unreadable("the metadata reader returned an unknown status")
        reader = untrusted.get("reader")
        reason = untrusted.get("reason")
        warnings = untrusted.get("warnings")
        recognised = untrusted.get("recognised")
        return cls(
            status=status,
            reader=_text(reader) if isinstance(reader, str) else "unknown",
            summary=MetadataSummary.from_json(untrusted.get("summary")),
            reason=_text(reason) if isinstance(reason, str) else "",
            warnings=tuple(_text(w) for w in warnings[:50] if isinstance(w, str)) if isinstance(warnings, list) else (),
            # Only types of the format table: the sandbox cannot invent a type the app would then record.
            recognised=tuple(canonical(v) for v in recognised[:8] if isinstance(v, str) and is_known(v))
            if isinstance(recognised, list)
            else (),
        )

    def describe_status(self) -> str:
        """One line for people: what we know about this file's metadata."""
        if self.status is MetadataStatus.UNREADABLE:
            return f"metadata unreadable: {self.reason}"
        if self.status is MetadataStatus.NO_READER:
            return "no reader for this type (the file is stored and hashed, its metadata was not read)"
        return f"recorded ({self.reader})"


def unreadable(reason: str, reader: str = "sandbox") -> MetadataRecord:
    return MetadataRecord(MetadataStatus.UNREADABLE, reader, reason=reason)
