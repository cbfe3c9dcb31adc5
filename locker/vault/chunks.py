"""The chunk store: a file's bytes as rows of about 1 MiB, each with its own SHA-256.

SQLite caps a blob at 1e9 bytes and a 4 GB video must import with bounded memory, so files are split. All chunks
of a file are written in the transaction that creates its item row: a crash leaves the file whole or absent.
Reading re-verifies every chunk and, at the end, the size, SHA-256 and SHA-512 of the whole file.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterator

from locker.errors import TamperedError
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
                raise TamperedError(f"Item {item.id}: part {expected_seq} of the file is missing from the vault.")
            if not hmac.compare_digest(hashlib.sha256(data).digest(), stored_digest):
                raise TamperedError(f"Item {item.id}: part {seq} of the file does not match its recorded hash.")
            whole256.update(data)
            whole512.update(data)
            size += len(data)
            expected_seq += 1
            if pending is not None:
                yield pending
            pending = data
    if expected_seq != item.chunk_count or size != item.size:
        raise TamperedError(
            f"Item {item.id}: the vault holds {size} bytes in {expected_seq} parts, "
            f"but {item.size} bytes in {item.chunk_count} parts were imported."
        )
    if whole256.hexdigest() != item.sha256 or whole512.hexdigest() != item.sha512:
        raise TamperedError(f"Item {item.id}: the file's SHA-256/SHA-512 no longer match the recorded values.")
    if pending is not None:
        yield pending
