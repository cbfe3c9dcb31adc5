"""Showing recorded metadata to people: the summary as labelled lines."""

from __future__ import annotations

from typing import Any

from locker.cli.format import printable
from locker.metadata.model import MetadataRecord, MetadataStatus


def record_of(metadata: dict[str, Any] | None) -> MetadataRecord | None:
    return MetadataRecord.from_json(metadata) if metadata is not None else None


def summary_lines(record: MetadataRecord | None) -> list[tuple[str, str]]:
    """(label, value) rows for `locker show`; only the fields the file actually has."""
    if record is None:
        return [("Metadata", "not read yet (run `locker reindex`)")]
    rows: list[tuple[str, str]] = [("Metadata", record.describe_status())]
    if record.status is not MetadataStatus.OK:
        return rows
    s = record.summary
    if s.capture_time:
        rows.append(("Captured (file says)", f"{s.capture_time}  [{s.capture_time_source or 'unknown tag'}]"))
    if s.has_gps:
        position = f"{s.gps_latitude:.6f}, {s.gps_longitude:.6f}"
        if s.gps_altitude is not None:
            position += f", {s.gps_altitude:.1f} m"
        rows.append(("GPS position", position))
    else:
        rows.append(("GPS position", "none recorded"))
    device = " ".join(x for x in (s.make, s.model) if x)
    for label, value in (
        ("Device", device or None),
        ("Serial numbers", ", ".join(s.serial_numbers) or None),
        ("Software", s.software),
        ("Author", s.author),
        ("Title", s.title),
        ("Description", s.description),
        ("Pages", str(s.page_count) if s.page_count is not None else None),
        ("Duration", f"{s.duration_seconds:.1f} s" if s.duration_seconds is not None else None),
        ("Pixels", f"{s.width} x {s.height}" if s.width and s.height else None),
        ("Orientation", str(s.orientation) if s.orientation else None),
    ):
        if value:
            rows.append((label, printable(value)))
    rows.extend(("Warning", printable(w)) for w in record.warnings[:10])
    return rows


def sanitised_lines(sanitised: dict[str, Any] | None) -> list[tuple[str, str]]:
    """What `show` says about an item stored as a sanitised copy (import --strip)."""
    if not sanitised:
        return []
    removed = sanitised.get("removed") or []
    return [
        ("Stored as", "a sanitised copy (identifying metadata removed at import)"),
        ("Original SHA-256", str(sanitised.get("original_sha256", "?"))),
        ("Original size", f"{sanitised.get('original_size', '?')} bytes"),
        ("Removed", printable("; ".join(str(r) for r in removed)) or "-"),
    ]
