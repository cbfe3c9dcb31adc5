"""Reading a source file for import: fixed-size chunks, hashed on a worker thread."""

from __future__ import annotations

import contextlib
import hashlib
import io
import queue
import threading
from collections.abc import Iterator

from locker.errors import SourceUnreadable
from locker.vault.chunks import CHUNK_SIZE

_QUEUE_DEPTH = 4


class ChunkReader:
    """Reads the source and computes every hash on a worker thread; the caller only stores chunks.

    SQLCipher's page encryption is the bottleneck of an import; reading, the per-chunk SHA-256 and the whole-file
    SHA-256 + SHA-512 run beside it on the other core (hashlib and file reads release the GIL). The queue is
    bounded, so at most a few chunks are in memory whatever the file size.
    """

    def __init__(self, source: io.FileIO, name: str) -> None:
        self.sha256 = hashlib.sha256()
        self.sha512 = hashlib.sha512()
        self._source = source
        self._name = name
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
                self.sha256.update(data)
                self.sha512.update(data)
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
        """Stop the worker (draining the queue so it is never stuck) and return the whole-file hashes."""
        self._stop.set()
        while self._thread.is_alive():
            with contextlib.suppress(queue.Empty):
                self._queue.get(timeout=0.05)
        return self.sha256.hexdigest(), self.sha512.hexdigest()


def _read_chunk(source: io.FileIO, name: str) -> bytes:
    """Read up to one chunk, looping over short reads (pipes, network file systems)."""
    parts: list[bytes] = []
    wanted = CHUNK_SIZE
    while wanted > 0:
        try:
            data = source.read(wanted)
        except OSError as exc:
            raise SourceUnreadable(name=name, details=exc.strerror) from exc
        if not data:
            break
        parts.append(data)
        wanted -= len(data)
    return b"".join(parts) if len(parts) != 1 else parts[0]
