"""The custody log as a bundle carries it: the chain up to the export, other items' events reduced to their hashes.

An event is kept whole when it is about an item in the bundle, is this export, or says nothing about anything else
(vault created, passphrase changed, checked). Everything else — other items, other cases, other exports and their
recipients — becomes {seq, sha256, redacted: true}: the chain still links, and nothing about them leaks.
"""

from __future__ import annotations

import json
from typing import Any

from locker.vault.custody import CustodyEvent, canonical_line, line_hash

_NEUTRAL_ACTIONS = {"created", "passphrase-changed", "checked", "format-upgraded"}


def export_lines(events: list[CustodyEvent], item_ids: set[str], case: str | None, export_seq: int) -> list[str]:
    lines = []
    for event in events:
        if event.seq > export_seq:
            break
        keep = (
            event.seq == export_seq
            or (event.item is not None and event.item in item_ids)
            or (event.item is None and event.action in _NEUTRAL_ACTIONS)
            or (
                event.action in {"case-created", "case-updated"}
                and case is not None
                and case in {event.details.get("case"), event.details.get("renamed_from")}
            )
        )
        if keep:
            lines.append(event.line)
        else:
            lines.append(canonical_line({"seq": event.seq, "sha256": event.sha256, "redacted": True}))
    return lines


def verify_exported_chain(lines: list[str]) -> tuple[bool, str, str]:
    """(ok, head sha256, problem). Whole events are re-hashed; redacted ones are taken by their stated hash."""
    previous: str | None = None
    expected_seq = 1
    for number, line in enumerate(lines, start=1):
        try:
            record: Any = json.loads(line)
        except ValueError:
            return False, "", f"line {number} is not JSON"
        if not isinstance(record, dict) or record.get("seq") != expected_seq:
            return False, "", f"line {number}: expected event {expected_seq}"
        if record.get("redacted") is True:
            digest = record.get("sha256")
            if not isinstance(digest, str) or len(digest) != 64:
                return False, "", f"event {expected_seq}: a redacted event without a hash"
        else:
            if canonical_line(record) != line:
                return False, "", f"event {expected_seq} is not canonical JSON (it was edited)"
            if previous is not None and record.get("prev_sha256") != previous:
                return False, "", f"event {expected_seq} does not link to event {expected_seq - 1}"
            if previous is None and expected_seq == 1 and record.get("prev_sha256") != "0" * 64:
                return False, "", "the first event does not start the chain"
            digest = line_hash(line)
        previous = digest
        expected_seq += 1
    if previous is None:
        return False, "", "the custody log is empty"
    return True, previous, ""
