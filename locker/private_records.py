"""A small private list the user keeps outside any vault (confirmed senders, trusted timestamp roots).

It lives in a 0o600 JSON file in the user's config folder, written to a new file and renamed into place; with no
path it lives only in memory (tests, and an app that must write nothing). A damaged file reads as an empty list:
the callers then fail safe (nobody confirmed, no extra root trusted), never to something wrong.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from locker.fsutil import write_private_json


class PrivateRecords:
    """The JSON objects stored under `key` in the file at `path` (or in memory)."""

    def __init__(self, path: Path | None, key: str) -> None:
        self.path = path
        self._key = key
        self._memory: list[dict[str, Any]] = []

    def load(self) -> list[dict[str, Any]]:
        if self.path is None:
            return [dict(record) for record in self._memory]
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        records = data.get(self._key, []) if isinstance(data, dict) else []
        return [record for record in records if isinstance(record, dict)] if isinstance(records, list) else []

    def save(self, records: list[dict[str, Any]]) -> None:
        if self.path is None:
            self._memory = [dict(record) for record in records]
            return
        write_private_json(self.path, {"version": 1, self._key: records})
