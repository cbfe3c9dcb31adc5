"""The chunk store: a file's bytes as rows of about 1 MiB, each with its own SHA-256.

SQLite caps a blob at 1e9 bytes and a 4 GB video must import with bounded memory, so files are split. All chunks
of a file are written in the transaction that creates its item row: a crash leaves the file whole or absent.
Reading re-verifies every chunk and, at the end, the size, SHA-256 and SHA-512 of the whole file.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager

from locker.errors import ChunkAltered, ChunkMissing, ItemHashesDiffer, ItemWrongLength
from locker.vault.db import Connection, tamper_errors
from locker.vault.items import Item

CHUNK_SIZE = 1 << 20


def insert_chunk(conn: Connection, item_id: str, seq: int, data: bytes, sha256: bytes) -> None:
    conn.execute("INSERT INTO chunks (item_id, seq, sha256, data) VALUES (?, ?, ?, ?)", (item_id, seq, sha256, data))


def iter_verified_chunks(conn: Connection, item: Item) -> Iterator[bytes]:
    """Yield the item's bytes chunk by chunk; raise TamperedError as soon as anything does not match.

    The final chunk is yielded only after the whole-file hashes are confirmed, so a consumer that stops at the
    error never receives the end of a file whose totals are wrong.
    """
    whole256 = hashlib.sha256()
    whole512 = hashlib.sha512()
    size = 0
    expected_seq = 0
    pending: bytes | None = None
    with tamper_errors():
        cursor = conn.execute("SELECT seq, sha256, data FROM chunks WHERE item_id = ? ORDER BY seq", (item.id,))
        for seq, stored_digest, data in cursor:
            if seq != expected_seq:
                raise ChunkMissing(item=item.id, part=expected_seq)
            if not hmac.compare_digest(hashlib.sha256(data).digest(), stored_digest):
                raise ChunkAltered(item=item.id, part=seq)
            whole256.update(data)
            whole512.update(data)
            size += len(data)
            expected_seq += 1
            if pending is not None:
                yield pending
            pending = data
    if expected_seq != item.chunk_count or size != item.size:
        raise ItemWrongLength(
            item=item.id,
            stored_size=size,
            stored_parts=expected_seq,
            imported_size=item.size,
            imported_parts=item.chunk_count,
        )
    if whole256.hexdigest() != item.sha256 or whole512.hexdigest() != item.sha512:
        raise ItemHashesDiffer(item=item.id)
    if pending is not None:
        yield pending


class ItemReader:
    """Random access to an item's bytes for the sandbox: one verified chunk at a time, the last one cached.

    Nothing decrypted leaves memory: the sandbox child asks for ranges over its channel.
    """

    def __init__(self, conn_provider: Callable[[], AbstractContextManager[Connection]], item: Item) -> None:
        self._session = conn_provider
        self._item = item
        self.size = item.size
        self._cached_seq = -1
        self._cached = b""

    def _chunk(self, seq: int) -> bytes:
        if seq != self._cached_seq:
            with self._session() as conn:
                row = conn.execute(
                    "SELECT sha256, data FROM chunks WHERE item_id = ? AND seq = ?", (self._item.id, seq)
                ).fetchone()
            if row is None:
                raise ChunkMissing(item=self._item.id, part=seq)
            if not hmac.compare_digest(hashlib.sha256(row[1]).digest(), row[0]):
                raise ChunkAltered(item=self._item.id, part=seq)
            self._cached_seq, self._cached = seq, row[1]
        return self._cached

    def read_at(self, offset: int, length: int) -> bytes:
        parts = []
        end = min(offset + length, self.size)
        while offset < end:
            seq, within = divmod(offset, CHUNK_SIZE)
            piece = self._chunk(seq)[within : within + (end - offset)]
            if not piece:
                break
            parts.append(piece)
            offset += len(piece)
        return b"".join(parts)
