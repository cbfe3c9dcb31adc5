"""Items and cases as rows: typed records in, typed records out. No SQL outside locker/vault."""

from __future__ import annotations

import json
import secrets
from dataclasses import asdict, dataclass
from typing import Any, NewType

from locker.errors import ItemNotFoundError
from locker.timeutil import utc_now
from locker.vault.custody import Action, append_event
from locker.vault.db import Connection

ItemId = NewType("ItemId", str)

# Crockford base32 without I, L, O, U: easy to read out over the phone, no lookalikes.
_ID_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
ID_LENGTH = 8


@dataclass(frozen=True)
class NewItem:
    """Everything known about a file once its bytes are stored."""

    id: ItemId
    name: str
    size: int
    sha256: str
    sha512: str
    chunk_count: int
    media_type: str
    source_mtime: str | None
    source_birthtime: str | None
    imported_at: str
    case_id: int | None
    notes: str
    #: Set when the item is a sanitised copy stored instead of its original (import --strip): the original's
    #: size and hashes and the names (never the values) of what was removed.
    sanitised: dict[str, Any] | None = None


@dataclass(frozen=True)
class Item:
    """An item as the rest of the app sees it."""

    id: ItemId
    name: str
    size: int
    sha256: str
    sha512: str
    chunk_count: int
    media_type: str
    source_mtime: str | None
    source_birthtime: str | None
    imported_at: str
    case: str | None
    notes: str
    tags: tuple[str, ...]
    metadata: dict[str, Any] | None
    sanitised: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        """The stable machine-readable form used by `list --json` and `show --json`."""
        data = asdict(self)
        data["tags"] = list(self.tags)
        del data["chunk_count"]
        return data


_SELECT = """
    SELECT i.id, i.name, i.size, i.sha256, i.sha512, i.chunk_count, i.media_type, i.source_mtime,
           i.source_birthtime, i.imported_at, c.name, i.notes, i.metadata_json,
           (SELECT group_concat(tag, char(10)) FROM (SELECT tag FROM tags t WHERE t.item_id = i.id ORDER BY tag)),
           i.sanitised_json
    FROM items i LEFT JOIN cases c ON c.id = i.case_id
"""


def _row_to_item(row: tuple[Any, ...]) -> Item:
    return Item(
        id=ItemId(row[0]),
        name=row[1],
        size=row[2],
        sha256=row[3],
        sha512=row[4],
        chunk_count=row[5],
        media_type=row[6],
        source_mtime=row[7],
        source_birthtime=row[8],
        imported_at=row[9],
        case=row[10],
        notes=row[11],
        metadata=json.loads(row[12]) if row[12] else None,
        tags=tuple(row[13].split("\n")) if row[13] else (),
        sanitised=json.loads(row[14]) if row[14] else None,
    )


def new_item_id(conn: Connection) -> ItemId:
    """A random id not yet used in this vault."""
    while True:
        candidate = "".join(secrets.choice(_ID_ALPHABET) for _ in range(ID_LENGTH))
        if conn.execute("SELECT 1 FROM items WHERE id = ?", (candidate,)).fetchone() is None:
            return ItemId(candidate)


def normalise_item_id(untrusted_id: str) -> str:
    """Accept ids typed in lower case or with the lookalikes O/I/L that Crockford base32 maps."""
    return untrusted_id.strip().upper().replace("O", "0").replace("I", "1").replace("L", "1")


def insert_item(conn: Connection, item: NewItem) -> None:
    conn.execute(
        "INSERT INTO items (id, name, size, sha256, sha512, chunk_count, media_type, source_mtime, "
        "source_birthtime, imported_at, case_id, notes, sanitised_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            item.id,
            item.name,
            item.size,
            item.sha256,
            item.sha512,
            item.chunk_count,
            item.media_type,
            item.source_mtime,
            item.source_birthtime,
            item.imported_at,
            item.case_id,
            item.notes,
            json.dumps(item.sanitised, ensure_ascii=False, sort_keys=True) if item.sanitised else None,
        ),
    )


def get_item(conn: Connection, untrusted_id: str) -> Item:
    row = conn.execute(_SELECT + " WHERE i.id = ?", (normalise_item_id(untrusted_id),)).fetchone()
    if row is None:
        raise ItemNotFoundError(item=untrusted_id.strip())
    return _row_to_item(row)


def find_by_sha256(conn: Connection, sha256: str) -> Item | None:
    row = conn.execute(_SELECT + " WHERE i.sha256 = ?", (sha256,)).fetchone()
    return _row_to_item(row) if row else None


def list_items(conn: Connection, case: str | None = None) -> list[Item]:
    if case is None:
        rows = conn.execute(_SELECT + " ORDER BY i.imported_at, i.id").fetchall()
    else:
        rows = conn.execute(_SELECT + " WHERE c.name = ? ORDER BY i.imported_at, i.id", (case,)).fetchall()
    return [_row_to_item(row) for row in rows]


def case_id(conn: Connection, name: str) -> int | None:
    row = conn.execute("SELECT id FROM cases WHERE name = ?", (name,)).fetchone()
    return row[0] if row else None


def ensure_case(conn: Connection, name: str) -> int:
    """The case's id, creating it (with a custody event) if it does not exist. Call inside a transaction."""
    existing = case_id(conn, name)
    if existing is not None:
        return existing
    cursor = conn.execute("INSERT INTO cases (name, created_at) VALUES (?, ?)", (name, utc_now()))
    append_event(conn, Action.CASE_CREATED, details={"case": name})
    return int(cursor.lastrowid)


def set_notes(conn: Connection, item_id: ItemId, notes: str) -> None:
    """Replace an item's notes and record the change. Call inside a transaction."""
    conn.execute("UPDATE items SET notes = ? WHERE id = ?", (notes, item_id))
    append_event(conn, Action.ANNOTATED, item=item_id, details={"notes": notes})
