"""Running the sandbox on an item and keeping what it found: record, raw dump, thumbnail, custody event."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from locker.formats import choose_media_type
from locker.metadata.model import MetadataRecord
from locker.pixels import THUMBNAIL_EDGE, Pixels, PixelsError, is_stored
from locker.sandbox.runner import SandboxRunner
from locker.vault.chunks import ItemReader
from locker.vault.custody import Action, append_event
from locker.vault.db import Connection
from locker.vault.items import Item, ItemId, get_item
from locker.vault.vault import Vault


def extract_metadata(vault: Vault, item_id: ItemId, runner: SandboxRunner) -> MetadataRecord:
    """Read an item's metadata in the sandbox and store it. A failure is recorded as unreadable, never raised."""
    with vault.session() as conn:
        item = get_item(conn, item_id)
    outcome = runner.run(ItemReader(vault.session, item), item.media_type, thumbnail=True)
    store_metadata(vault, item, outcome.record, outcome.raw, outcome.thumbnail)
    return outcome.record


def recognised_media_type(runner: SandboxRunner, path: Path, name: str, guess: str) -> str:
    """The type a file on disk shows by its structure (read in the sandbox), its name choosing among what the
    structure allows; `guess` when the sandbox could not look."""
    from locker.sandbox.source import FileSource  # noqa: PLC0415 - only imports with --strip need it

    source = FileSource(path)
    try:
        record = runner.run(source, guess, thumbnail=False).record
    finally:
        source.close()
    return choose_media_type(record.recognised, name) if record.recognised else guess


def store_metadata(
    vault: Vault, item: Item, record: MetadataRecord, raw: dict[str, Any], thumbnail: Pixels | None
) -> None:
    """Keep what the sandbox found; the type its structure showed (the name choosing among what the structure
    allows) replaces the import's first-bytes guess, and the custody event says so."""
    with vault.transaction() as conn:
        record_metadata(conn, item, record, raw, thumbnail)


def record_metadata(
    conn: Connection, item: Item, record: MetadataRecord, raw: dict[str, Any], thumbnail: Pixels | None
) -> None:
    """store_metadata within the caller's transaction (several items in one commit)."""
    record_json = json.dumps(record.to_json(), ensure_ascii=False, sort_keys=True)
    raw_json = json.dumps(raw, ensure_ascii=False, sort_keys=True, default=str)
    details: dict[str, Any] = {
        "status": str(record.status),
        "reader": record.reader,
        "has_gps": record.summary.has_gps,
        # The dump itself stays in the vault; its hash lets a bundle prove which dump the log refers to.
        "raw_sha256": hashlib.sha256(raw_json.encode("utf-8")).hexdigest(),
    }
    if record.reason:
        details["reason"] = record.reason
    media_type = choose_media_type(record.recognised, item.name) if record.recognised else item.media_type
    if media_type != item.media_type:
        details["media_type"] = media_type
        details["media_type_before"] = item.media_type
    conn.execute(
        "UPDATE items SET metadata_json = ?, raw_metadata_json = ?, thumbnail = ?, media_type = ? WHERE id = ?",
        (record_json, raw_json, thumbnail.to_stored() if thumbnail is not None else None, media_type, item.id),
    )
    append_event(conn, Action.METADATA_EXTRACTED, item=item.id, details=details)


def raw_metadata(vault: Vault, item_id: ItemId) -> dict[str, Any]:
    """The full raw dump recorded for an item ({} if none)."""
    with vault.session() as conn:
        row = conn.execute("SELECT raw_metadata_json FROM items WHERE id = ?", (item_id,)).fetchone()
    if not row or not row[0]:
        return {}
    data = json.loads(row[0])
    return data if isinstance(data, dict) else {}


def thumbnail(vault: Vault, item_id: ItemId) -> Pixels | None:
    """The item's thumbnail as checked raw pixels, or None: none made, or a legacy JPEG one not yet converted
    (locker.metadata.legacy_thumbnails), which is never decoded here."""
    with vault.session() as conn:
        row = conn.execute("SELECT thumbnail FROM items WHERE id = ?", (item_id,)).fetchone()
    blob = bytes(row[0]) if row and row[0] else None
    if blob is None or not is_stored(blob):
        return None
    try:
        return Pixels.from_stored(blob, THUMBNAIL_EDGE, THUMBNAIL_EDGE)
    except PixelsError:
        return None


def items_without_metadata(vault: Vault) -> list[ItemId]:
    with vault.session() as conn:
        rows = conn.execute("SELECT id FROM items WHERE metadata_json IS NULL ORDER BY imported_at, id").fetchall()
    return [ItemId(row[0]) for row in rows]
