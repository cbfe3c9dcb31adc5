"""One new item inside an import's transaction: its chunks, its row and its `imported` custody event.

Shared by the import of a local file (locker.ingest.importer) and of a stream (locker.ingest.stream_import), so a
file is stored and recorded the same way whichever way it came in.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from locker.errors import LockerError
from locker.ingest.sniff import SNIFF_BYTES, sniff_media_type
from locker.timeutil import utc_now
from locker.vault.chunks import insert_chunk
from locker.vault.custody import Action, append_event
from locker.vault.db import Connection
from locker.vault.items import ItemId, NewItem, ensure_case, find_by_sha256, insert_item
from locker.vault.vault import Vault

if TYPE_CHECKING:
    from locker.ingest.importer import ImportOptions


class Duplicate(Exception):
    """The file is already in the vault as `item_id`. Raised inside the transaction, so leaving it by this exception
    rolls back the chunks just written."""

    def __init__(self, item_id: ItemId) -> None:
        super().__init__(item_id)
        self.item_id = item_id


@dataclass(frozen=True)
class StoredBytes:
    """What write_chunks stored: how many chunks, how many bytes, and the type the first bytes show."""

    chunk_count: int
    size: int
    media_type: str


def write_chunks(
    vault: Vault,
    conn: Connection,
    item_id: ItemId,
    chunks: Iterable[tuple[bytes, bytes]],
    cancel: threading.Event | None,
    cancelled: Callable[[], LockerError],
    progress: Callable[[int], None] | None = None,
) -> StoredBytes:
    """Store each (data, SHA-256 of data) as the item's next chunk; between chunks, stop with `cancelled()` when
    `cancel` is set and with StoppedByPanic once the vault is erased."""
    seq = 0
    size = 0
    media_type = "application/octet-stream"
    for data, digest in chunks:
        if cancel is not None and cancel.is_set():
            raise cancelled()
        vault.stop_if_erased()
        if seq == 0:
            media_type = sniff_media_type(data[:SNIFF_BYTES])
        insert_chunk(conn, item_id, seq, data, digest)
        seq += 1
        size += len(data)
        if progress is not None:
            progress(size)
    return StoredBytes(seq, size, media_type)


@dataclass(frozen=True)
class NewFile:
    """The facts of a file whose chunks are stored, as its item row and `imported` event record them."""

    item_id: ItemId
    name: str
    stored: StoredBytes
    sha256: str
    sha512: str
    source_mtime: str | None
    source_birthtime: str | None


def record_item(
    conn: Connection, new: NewFile, options: ImportOptions, sanitised: dict[str, object] | None = None
) -> dict[str, Any]:
    """Add the item's row and its `imported` event after its chunks; raise Duplicate if the same bytes are already
    an item. Returns the event's details."""
    existing = find_by_sha256(conn, new.sha256)
    if existing is not None:
        raise Duplicate(existing.id)
    case_id = ensure_case(conn, options.case) if options.case else None
    insert_item(
        conn,
        NewItem(
            id=new.item_id,
            name=new.name,
            size=new.stored.size,
            sha256=new.sha256,
            sha512=new.sha512,
            chunk_count=new.stored.chunk_count,
            media_type=new.stored.media_type,
            source_mtime=new.source_mtime,
            source_birthtime=new.source_birthtime,
            imported_at=utc_now(),
            case_id=case_id,
            notes=options.note,
            sanitised=sanitised,
        ),
    )
    details: dict[str, Any] = {
        "name": new.name,
        "size": new.stored.size,
        "sha256": new.sha256,
        "sha512": new.sha512,
        "media_type": new.stored.media_type,
    }
    if options.case:
        details["case"] = options.case
    if options.note:
        details["notes"] = options.note
    if options.remove_source:
        details["source_removal_requested"] = True
    if sanitised:
        # The alteration is documented where a court looks: the original's hashes, what was removed.
        details["sanitised"] = sanitised
    append_event(conn, Action.IMPORTED, item=new.item_id, details=details)
    return details
