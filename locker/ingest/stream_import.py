"""Import one file from a byte stream (a network upload): no temporary file, bounded memory, one transaction.

The local import reads a file it can stat and seek; a stream can do neither. Its bytes are cut into the vault's
chunk size as they arrive and stored inside one transaction, so a transfer that breaks, lies about its size or
is cancelled leaves nothing: the transaction rolls back and the item never existed.
"""

from __future__ import annotations

import hashlib
import hmac
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from locker.errors import ImportFailedError, Interrupted
from locker.fsutil import sanitise_filename
from locker.ingest.importer import ImportOptions, ImportOutcome, ImportStatus
from locker.ingest.sniff import SNIFF_BYTES, sniff_media_type
from locker.timeutil import utc_now
from locker.vault.chunks import CHUNK_SIZE, insert_chunk
from locker.vault.custody import Action, append_event
from locker.vault.items import ItemId, NewItem, ensure_case, find_by_sha256, insert_item, new_item_id
from locker.vault.vault import Vault


@dataclass(frozen=True)
class StreamSource:
    """A file arriving as a stream. `untrusted_name` is the name the sender gave (sanitised before it is stored);
    `declared_size` is what the sender announced: any other number of bytes fails the import."""

    untrusted_name: str
    declared_size: int
    chunks: Iterable[bytes]
    #: The SHA-256 the sender announced (hex), checked against the bytes when given.
    declared_sha256: str | None = None
    #: The file's modification time as the sender reported it (UTC ISO text), if any.
    modified: str | None = None


class StreamSizeError(ImportFailedError):
    """The sender sent more or fewer bytes than it announced; nothing was stored."""


def import_stream(
    vault: Vault,
    source: StreamSource,
    options: ImportOptions,
    received: dict[str, Any],
    cancel: threading.Event | None = None,
) -> ImportOutcome:
    """Store the stream as one item with an `imported` and a `received` custody event (`received` holds the
    transfer's facts: who sent it, the name as sent, size, hashes); a duplicate of an item is reported, not stored.

    Raises StreamSizeError, ImportFailedError (hash mismatch) or Interrupted; then nothing of the file is stored.
    """
    name = sanitise_filename(source.untrusted_name)
    whole256 = hashlib.sha256()
    whole512 = hashlib.sha512()
    try:
        with vault.transaction() as conn:
            item_id = new_item_id(conn)
            seq = 0
            size = 0
            media_type = "application/octet-stream"
            for data in _rechunk(source.chunks, source.declared_size, name):
                if cancel is not None and cancel.is_set():
                    raise Interrupted("The transfer was cancelled; the file was not stored.")
                vault.stop_if_erased()
                if seq == 0:
                    media_type = sniff_media_type(data[:SNIFF_BYTES])
                whole256.update(data)
                whole512.update(data)
                insert_chunk(conn, item_id, seq, data, hashlib.sha256(data).digest())
                seq += 1
                size += len(data)
            if size != source.declared_size:
                raise StreamSizeError(
                    f"{name}: the sender announced {source.declared_size} bytes but sent {size}; nothing was stored."
                )
            sha256, sha512 = whole256.hexdigest(), whole512.hexdigest()
            if source.declared_sha256 and not hmac.compare_digest(source.declared_sha256.lower(), sha256):
                raise ImportFailedError(
                    f"{name}: the bytes received do not match the SHA-256 the sender announced; nothing was stored."
                )
            existing = find_by_sha256(conn, sha256)
            if existing is not None:
                raise _Duplicate(existing.id)  # leaving the block by exception rolls the chunks back
            case_id = ensure_case(conn, options.case) if options.case else None
            insert_item(
                conn,
                NewItem(
                    id=item_id,
                    name=name,
                    size=size,
                    sha256=sha256,
                    sha512=sha512,
                    chunk_count=seq,
                    media_type=media_type,
                    source_mtime=source.modified,
                    source_birthtime=None,
                    imported_at=utc_now(),
                    case_id=case_id,
                    notes=options.note,
                ),
            )
            hashes = {"size": size, "sha256": sha256, "sha512": sha512}
            details: dict[str, Any] = {"name": name, **hashes, "media_type": media_type}
            if options.case:
                details["case"] = options.case
            if options.note:
                details["notes"] = options.note
            append_event(conn, Action.IMPORTED, item=item_id, details=details)
            append_event(
                conn,
                Action.RECEIVED,
                item=item_id,
                details={**received, "name_as_sent": source.untrusted_name, **hashes},
            )
    except _Duplicate as dup:
        return ImportOutcome(name, ImportStatus.DUPLICATE, dup.item_id, f"already in the vault as {dup.item_id}")
    return ImportOutcome(name, ImportStatus.IMPORTED, item_id)


def _rechunk(pieces: Iterable[bytes], limit: int, name: str) -> Iterator[bytes]:
    """The stream cut into the vault's chunk size; refuses a byte beyond `limit` as soon as it arrives."""
    buffer = bytearray()
    received = 0
    for piece in pieces:
        received += len(piece)
        if received > limit:
            raise StreamSizeError(
                f"{name}: the sender sent more bytes than it announced ({limit}); nothing was stored."
            )
        buffer += piece
        while len(buffer) >= CHUNK_SIZE:
            yield bytes(buffer[:CHUNK_SIZE])
            del buffer[:CHUNK_SIZE]
    if buffer:
        yield bytes(buffer)


class _Duplicate(Exception):
    def __init__(self, item_id: ItemId) -> None:
        super().__init__(item_id)
        self.item_id = item_id
