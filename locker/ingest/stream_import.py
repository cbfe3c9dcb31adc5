"""Import one file from a byte stream (a network upload): no temporary file, bounded memory, one transaction.

The local import reads a file it can stat and seek; a stream can do neither. Its bytes are cut into the vault's
chunk size as they arrive and stored inside one transaction, so a transfer that breaks, lies about its size or
is cancelled leaves nothing: the transaction rolls back and the item never existed.
"""

from __future__ import annotations

import hashlib
import hmac
import queue
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from locker.errors import ImportFailedError, Interrupted
from locker.fsutil import sanitise_filename
from locker.ingest.importer import ImportOptions, ImportOutcome, ImportStatus
from locker.ingest.new_item import Duplicate, NewFile, record_item, write_chunks
from locker.vault.chunks import CHUNK_SIZE
from locker.vault.custody import Action, append_event
from locker.vault.items import new_item_id
from locker.vault.vault import Vault

_QUEUE_DEPTH = 4


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
    """{name}: the sender announced {announced} bytes but sent {sent}; nothing was stored."""


class StreamTooLong(StreamSizeError):
    """{name}: the sender sent more bytes than it announced ({announced}); nothing was stored."""


class StreamHashMismatch(ImportFailedError):
    """{name}: the bytes received do not match the SHA-256 the sender announced; nothing was stored."""


class TransferCancelled(Interrupted):
    """The transfer was cancelled; the file was not stored."""


def import_stream(
    vault: Vault,
    source: StreamSource,
    options: ImportOptions,
    received: dict[str, Any],
    cancel: threading.Event | None = None,
) -> ImportOutcome:
    """Store the stream as one item with an `imported` and a `received` custody event (`received` holds the
    transfer's facts: who sent it, the name as sent, size, hashes); a duplicate of an item is reported, not stored.

    The calling thread reads and hashes the stream while a writer thread stores the chunks (SQLCipher's page
    encryption and the network both release the GIL, so the two overlap); at most `_QUEUE_DEPTH` chunks are in
    between, whatever the file size. Raises StreamSizeError, ImportFailedError (hash mismatch), Interrupted, or
    whatever broke the stream; then nothing of the file is stored.
    """
    name = sanitise_filename(source.untrusted_name)
    channel: queue.Queue[tuple[bytes, bytes] | _End] = queue.Queue(maxsize=_QUEUE_DEPTH)
    writer_stopped = threading.Event()
    result: list[ImportOutcome | BaseException] = []

    def write() -> None:
        try:
            result.append(_write(vault, channel, name, source, options, received, cancel))
        except BaseException as exc:  # noqa: BLE001 - re-raised in the calling thread below
            result.append(exc)
        finally:
            writer_stopped.set()

    def hand_over(entry: tuple[bytes, bytes] | _End) -> bool:
        """Queue `entry` for the writer; False once the writer has stopped (failed, cancelled)."""
        while not writer_stopped.is_set():
            try:
                channel.put(entry, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    writer = threading.Thread(target=write, name="stream-import-writer", daemon=True)
    writer.start()
    whole256 = hashlib.sha256()
    whole512 = hashlib.sha512()
    broken: BaseException | None = None
    try:
        for data in _rechunk(source.chunks, source.declared_size, name):
            whole256.update(data)
            whole512.update(data)
            if not hand_over((data, hashlib.sha256(data).digest())):
                break  # the writer failed: stop reading; its error is the one reported
    except BaseException as exc:  # noqa: BLE001 - handed to the writer, which rolls back and re-raises it
        broken = exc
    hand_over(_End(broken, whole256.hexdigest(), whole512.hexdigest()))
    writer.join()
    outcome = result[0]
    if isinstance(outcome, BaseException):
        raise outcome
    return outcome


@dataclass(frozen=True)
class _End:
    """The stream ended: whole, with these hashes, or broken by `failure`."""

    failure: BaseException | None
    sha256: str
    sha512: str


def _write(
    vault: Vault,
    channel: queue.Queue[tuple[bytes, bytes] | _End],
    name: str,
    source: StreamSource,
    options: ImportOptions,
    received: dict[str, Any],
    cancel: threading.Event | None,
) -> ImportOutcome:
    """The writer: every chunk and the item in one transaction, which any failure rolls back."""
    ended: list[_End] = []

    def chunks() -> Iterator[tuple[bytes, bytes]]:
        while not isinstance(entry := channel.get(), _End):
            yield entry
        ended.append(entry)

    try:
        with vault.transaction() as conn:
            item_id = new_item_id(conn)
            stored = write_chunks(vault, conn, item_id, chunks(), cancel, TransferCancelled)
            [end] = ended
            if end.failure is not None:
                raise end.failure
            if stored.size != source.declared_size:
                raise StreamSizeError(name=name, announced=source.declared_size, sent=stored.size)
            if source.declared_sha256 and not hmac.compare_digest(source.declared_sha256.lower(), end.sha256):
                raise StreamHashMismatch(name=name)
            new = NewFile(item_id, name, stored, end.sha256, end.sha512, source.modified, None)
            record_item(conn, new, options)
            hashes = {"size": stored.size, "sha256": end.sha256, "sha512": end.sha512}
            transfer = {**received, "name_as_sent": source.untrusted_name, **hashes}
            append_event(conn, Action.RECEIVED, item=item_id, details=transfer)
    except Duplicate as dup:
        return ImportOutcome(name, ImportStatus.DUPLICATE, dup.item_id, f"already in the vault as {dup.item_id}")
    return ImportOutcome(name, ImportStatus.IMPORTED, item_id)


def _rechunk(pieces: Iterable[bytes], limit: int, name: str) -> Iterator[bytes]:
    """The stream cut into the vault's chunk size; refuses a byte beyond `limit` as soon as it arrives."""
    buffer = bytearray()
    received = 0
    for piece in pieces:
        received += len(piece)
        if received > limit:
            raise StreamTooLong(name=name, announced=limit)
        if not buffer and len(piece) == CHUNK_SIZE:
            yield piece  # the receiver already reads whole chunks: pass them on without copying
            continue
        buffer += piece
        while len(buffer) >= CHUNK_SIZE:
            yield bytes(buffer[:CHUNK_SIZE])
            del buffer[:CHUNK_SIZE]
    if buffer:
        yield bytes(buffer)
