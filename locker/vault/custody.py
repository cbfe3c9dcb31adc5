"""The custody log: an append-only hash chain of canonical JSON events.

Each event is one canonical JSON line (sorted keys, no spaces, UTF-8) with `seq`, `time_utc`, `action`, `item`,
`details` and `prev_sha256`; its hash is SHA-256 of that line; the next event names it as `prev_sha256`. The head
hash is also kept in `meta`, so even an edit of the newest event is found. Verification recomputes everything
from the lines and never trusts the stored hash column.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from locker.timeutil import utc_now
from locker.vault.db import Connection

GENESIS = "0" * 64


class Action(StrEnum):
    """What a custody event records."""

    CREATED = "created"
    CASE_CREATED = "case-created"
    CASE_UPDATED = "case-updated"
    IMPORTED = "imported"
    RECEIVED = "received"  # from a phone over the local network (locker/receive)
    METADATA_EXTRACTED = "metadata-extracted"
    ANNOTATED = "annotated"
    EXPORTED = "exported"
    EXTRACTED = "extracted"
    SHARED = "shared"
    TIMESTAMPED = "timestamped"
    PASSPHRASE_CHANGED = "passphrase-changed"  # noqa: S105 - an event name, not a secret
    CHECKED = "checked"
    FORMAT_UPGRADED = "format-upgraded"


@dataclass(frozen=True)
class CustodyEvent:
    """One event as stored: the canonical line and its hash."""

    seq: int
    time_utc: str
    action: str
    item: str | None
    details: dict[str, Any]
    prev_sha256: str
    sha256: str
    line: str


@dataclass(frozen=True)
class ChainReport:
    """Result of verifying the chain. `first_broken_seq` is None when the chain holds."""

    ok: bool
    events: int
    head_sha256: str
    first_broken_seq: int | None = None
    reason: str = ""


def canonical_line(record: dict[str, Any]) -> str:
    """The one serialisation that is hashed: sorted keys, no whitespace, non-ASCII kept as UTF-8."""
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def line_hash(line: str) -> str:
    return hashlib.sha256(line.encode("utf-8")).hexdigest()


def _head(conn: Connection) -> tuple[int, str]:
    row = conn.execute("SELECT seq, sha256 FROM custody ORDER BY seq DESC LIMIT 1").fetchone()
    return (row[0], row[1]) if row else (0, GENESIS)


def append_event(
    conn: Connection,
    action: Action,
    item: str | None = None,
    details: dict[str, Any] | None = None,
    time_utc: str | None = None,
) -> CustodyEvent:
    """Append one event. Call inside the transaction that makes the change it records."""
    last_seq, prev = _head(conn)
    record = {
        "seq": last_seq + 1,
        "time_utc": time_utc or utc_now(),
        "action": str(action),
        "item": item,
        "details": details or {},
        "prev_sha256": prev,
    }
    line = canonical_line(record)
    digest = line_hash(line)
    conn.execute("INSERT INTO custody (seq, line, sha256) VALUES (?, ?, ?)", (record["seq"], line, digest))
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('custody_head', ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (digest,),
    )
    return _event_from_line(line, digest)


def _event_from_line(line: str, digest: str) -> CustodyEvent:
    record = json.loads(line)
    return CustodyEvent(
        seq=record["seq"],
        time_utc=record["time_utc"],
        action=record["action"],
        item=record["item"],
        details=record["details"],
        prev_sha256=record["prev_sha256"],
        sha256=digest,
        line=line,
    )


def events(conn: Connection, item: str | None = None) -> list[CustodyEvent]:
    """All events in order, or those about one item. Hashes are recomputed from the lines."""
    rows = conn.execute("SELECT line FROM custody ORDER BY seq").fetchall()
    result = [_event_from_line(row[0], line_hash(row[0])) for row in rows]
    if item is not None:
        result = [event for event in result if event.item == item]
    return result


def verify_chain(conn: Connection) -> ChainReport:
    """Recompute the chain from the first event; report the first event whose link does not hold."""
    expected_prev = GENESIS
    count = 0
    for row_seq, line in conn.execute("SELECT seq, line FROM custody ORDER BY seq"):
        count += 1
        try:
            record = json.loads(line)
        except ValueError:
            return ChainReport(False, count, expected_prev, row_seq, f"event {row_seq} is not valid JSON")
        if not isinstance(record, dict) or canonical_line(record) != line:
            return ChainReport(False, count, expected_prev, row_seq, f"event {row_seq} is not canonical JSON")
        if record.get("seq") != row_seq or row_seq != count:
            return ChainReport(False, count, expected_prev, row_seq, f"event {row_seq} is out of sequence")
        if record.get("prev_sha256") != expected_prev:
            return ChainReport(
                False,
                count,
                expected_prev,
                row_seq,
                f"event {row_seq} does not link to event {row_seq - 1} (an event was altered, removed or inserted)",
            )
        expected_prev = line_hash(line)
    stored_head = conn.execute("SELECT value FROM meta WHERE key = 'custody_head'").fetchone()
    if count and (stored_head is None or stored_head[0] != expected_prev):
        return ChainReport(
            False, count, expected_prev, count, f"event {count} (the newest) was altered after it was written"
        )
    return ChainReport(True, count, expected_prev)
