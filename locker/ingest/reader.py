"""Reading a source file for import: fixed-size chunks, hashed on worker threads beside the store."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import queue
import threading
from collections.abc import Iterator
from typing import Any

from locker.errors import ImportFailedError
from locker.vault.chunks import CHUNK_SIZE

_QUEUE_DEPTH = 4


class _WholeFileHash:
    """One whole-file hash. For a large file it is updated on a thread of its own: each chunk is hashed while the
    next is read, the chunk digest computed and SQLCipher encrypts, so on two cores no single thread has to do all
    the hashing. A small file is hashed on the reading thread: starting threads would cost more than they save."""

    def __init__(self, algorithm: str, threaded: bool) -> None:
        self.hash: Any = hashlib.new(algorithm)
        self._queue: queue.Queue[bytes | None] | None = None
        self._thread: threading.Thread | None = None
        if threaded:
            self._queue = queue.Queue(maxsize=_QUEUE_DEPTH)
            self._thread = threading.Thread(target=self._run, name=f"import-{algorithm}", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        assert self._queue is not None
        while (data := self._queue.get()) is not None:
            self.hash.update(data)  # hashlib releases the GIL for buffers this large

    def update(self, data: bytes) -> None:
        if self._queue is None:
            self.hash.update(data)
        else:
            self._queue.put(data)

    def end(self) -> str:
        """Wait for every chunk given so far to be hashed; the hex digest."""
        if self._queue is not None and self._thread is not None:
            self._queue.put(None)
            self._thread.join()
        return str(self.hash.hexdigest())


#: From this size on, each whole-file hash gets a thread of its own.
THREADED_HASHES_FROM = 4 * CHUNK_SIZE


class ChunkReader:
    """Reads the source and computes every hash on worker threads; the caller only stores chunks.

    SQLCipher's page encryption takes one core; the three hashes (SHA-256 and SHA-512 of the whole file, SHA-256
    of each chunk) together take about as much again. Computed one after the other on one thread they were the
    slowest step of an import; here the reading thread computes the chunk digest and, for a file of 4 MiB or more,
    each whole-file hash has a thread of its own, so the work spreads over both cores (hashlib, file reads and
    SQLite all release the GIL).
    Every queue is bounded, so at most a few chunks are in memory whatever the file size.
    """

    def __init__(self, source: io.FileIO, name: str) -> None:
        self._source = source
        self._name = name
        try:
            large = os.fstat(source.fileno()).st_size >= THREADED_HASHES_FROM
        except (OSError, ValueError):
            large = True  # not a plain file: it may be long
        self._whole = (_WholeFileHash("sha256", large), _WholeFileHash("sha512", large))
        self._queue: queue.Queue[tuple[bytes, bytes] | BaseException | None] = queue.Queue(maxsize=_QUEUE_DEPTH)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="import-reader", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                data = _read_chunk(self._source, self._name)
                if not data:
                    break
                for whole in self._whole:
                    whole.update(data)
                self._queue.put((data, hashlib.sha256(data).digest()))
        except BaseException as exc:  # noqa: BLE001 - handed to the consumer, which re-raises it
            self._queue.put(exc)
            return
        self._queue.put(None)

    def chunks(self) -> Iterator[tuple[bytes, bytes]]:
        """(data, sha256 of data) for each chunk, in order; re-raises a read error from the worker."""
        while (entry := self._queue.get()) is not None:
            if isinstance(entry, BaseException):
                raise entry
            yield entry

    def close(self) -> tuple[str, str]:
        """Stop the workers (draining the queue so none is stuck) and return the whole-file hashes (SHA-256,
        SHA-512) of every chunk read."""
        self._stop.set()
        while self._thread.is_alive():
            with contextlib.suppress(queue.Empty):
                self._queue.get(timeout=0.05)
        sha256, sha512 = (whole.end() for whole in self._whole)
        return sha256, sha512


def _read_chunk(source: io.FileIO, name: str) -> bytes:
    """Read up to one chunk, looping over short reads (pipes, network file systems)."""
    parts: list[bytes] = []
    wanted = CHUNK_SIZE
    while wanted > 0:
        try:
            data = source.read(wanted)
        except OSError as exc:
            raise ImportFailedError(f"{name}: read error ({exc.strerror}).") from exc
        if not data:
            break
        parts.append(data)
        wanted -= len(data)
    return b"".join(parts) if len(parts) != 1 else parts[0]
