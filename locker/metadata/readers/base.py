"""What a reader hands back, and helpers shared by readers (times, GPS, first-non-empty merging)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_EXIF_TIME = re.compile(
    r"^\s*(\d{4})[:\-](\d{2})[:\-](\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?(\.\d+)?\s*(Z|[+\-]\d{2}:?\d{2})?\s*$"
)
_OFFSET = re.compile(r"^\s*(Z|[+\-]\d{2}:?\d{2})\s*$")


@dataclass
class ReaderResult:
    """Summary fields found (by MetadataSummary field name), the raw dump by section, and warnings."""

    summary: dict[str, Any] = field(default_factory=dict)
    raw: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def offer(self, name: str, value: Any, source: str | None = None) -> None:
        """Set a summary field unless an earlier (more authoritative) source already did."""
        if value is None or (isinstance(value, str) and not value.strip()) or name in self.summary:
            return
        self.summary[name] = value.strip() if isinstance(value, str) else value
        if name == "capture_time" and source:
            self.summary["capture_time_source"] = source


def normalise_offset(text: str | None) -> str | None:
    """'+0200', '+02:00' -> '+02:00'; 'Z' -> '+00:00'; anything else -> None."""
    if not text:
        return None
    match = _OFFSET.match(text)
    if not match:
        return None
    value = match.group(1)
    if value == "Z":
        return "+00:00"
    value = value.replace(":", "")
    return f"{value[:3]}:{value[3:]}"


def normalise_time(text: str | None, offset: str | None = None) -> str | None:
    """EXIF/XMP/QuickTime date-times -> ISO 8601 'YYYY-MM-DDTHH:MM:SS[+HH:MM]'; None if not a real time.

    An offset is kept only when the file states one (in the value itself or in a separate offset tag).
    """
    if not text:
        return None
    match = _EXIF_TIME.match(text.replace("\x00", ""))
    if not match:
        return None
    year, month, day, hour, minute, second, _frac, zone = match.groups()
    if year == "0000" or month == "00" or day == "00":
        return None
    iso = f"{year}-{month}-{day}T{hour}:{minute}:{second or '00'}"
    zone_text = normalise_offset(zone) or normalise_offset(offset)
    return iso + zone_text if zone_text else iso


def dms_to_decimal(values: list[float], ref: str | None) -> float | None:
    """Degrees, minutes, seconds and N/S/E/W -> signed decimal degrees."""
    if not values:
        return None
    parts = [*values, 0.0, 0.0][:3]
    decimal = parts[0] + parts[1] / 60 + parts[2] / 3600
    if ref and ref.strip().upper()[:1] in {"S", "W"}:
        decimal = -decimal
    return decimal


_XMP_COORD = re.compile(r"^\s*(\d+(?:\.\d+)?),(\d+(?:\.\d+)?)(?:,(\d+(?:\.\d+)?))?\s*([NSEW])\s*$", re.IGNORECASE)


def xmp_coordinate(text: str | None) -> float | None:
    """XMP GPS: 'DDD,MM.mmk' or 'DDD,MM,SSk' (k = N/S/E/W), or a plain signed decimal."""
    if not text:
        return None
    match = _XMP_COORD.match(text)
    if match:
        deg, minutes, seconds, ref = match.groups()
        return dms_to_decimal([float(deg), float(minutes), float(seconds or 0)], ref)
    try:
        return float(text)
    except ValueError:
        return None


_ISO6709 = re.compile(r"^\s*([+\-]\d+(?:\.\d+)?)([+\-]\d+(?:\.\d+)?)([+\-]\d+(?:\.\d+)?)?")


def iso6709(text: str | None) -> tuple[float, float, float | None] | None:
    """QuickTime/Android location '+48.8584+002.2945+035.000/' -> (lat, lon, alt)."""
    if not text:
        return None
    match = _ISO6709.match(text)
    if not match:
        return None
    lat, lon, alt = match.groups()
    return float(lat), float(lon), float(alt) if alt else None
