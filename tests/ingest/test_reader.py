"""The import's reader: every hash right whatever thread computed it, and a read error never leaves a worker stuck."""

from __future__ import annotations

import hashlib
import io
import os
import threading
from pathlib import Path

import pytest

from locker.errors import ImportFailedError
from locker.ingest.reader import ChunkReader
from locker.vault.chunks import CHUNK_SIZE


@pytest.mark.parametrize(("size", "threaded"), [(CHUNK_SIZE + 7, False), (4 * CHUNK_SIZE + 12345, True)])
def test_whole_file_and_chunk_hashes_match_the_bytes(tmp_path: Path, size: int, threaded: bool) -> None:
    data = os.urandom(size)
    path = tmp_path / "source.bin"
    path.write_bytes(data)
    with io.FileIO(path, "rb") as source:
        reader = ChunkReader(source, "source.bin")
        chunks = []
        hashing_threads = set()
        for chunk in reader.chunks():
            chunks.append(chunk)
            hashing_threads |= {t.name for t in threading.enumerate() if t.name in {"import-sha256", "import-sha512"}}
        sha256, sha512 = reader.close()
    assert b"".join(chunk for chunk, _ in chunks) == data
    assert [digest for _, digest in chunks] == [hashlib.sha256(chunk).digest() for chunk, _ in chunks]
    assert len(chunks) == -(-size // CHUNK_SIZE)
    assert (sha256, sha512) == (hashlib.sha256(data).hexdigest(), hashlib.sha512(data).hexdigest())
    # A large file's whole-file hashes run on threads of their own; a small one's need no thread started.
    assert hashing_threads == ({"import-sha256", "import-sha512"} if threaded else set())


class _FailsAfter(io.FileIO):
    """A real file whose third read fails, as a disk or a network file system can."""

    reads = 0

    def read(self, size: int = -1) -> bytes:
        self.reads += 1
        if self.reads == 3:
            raise OSError(5, "Input/output error")
        return super().read(size)


def test_a_read_error_reaches_the_caller_and_every_hashing_thread_ends(tmp_path: Path) -> None:
    path = tmp_path / "source.bin"
    path.write_bytes(os.urandom(5 * CHUNK_SIZE))
    before = threading.active_count()
    with _FailsAfter(path, "rb") as source:
        reader = ChunkReader(source, "source.bin")
        with pytest.raises(ImportFailedError, match="read error"):
            for _ in reader.chunks():
                pass
        reader.close()
    assert threading.active_count() == before, "a hashing thread was left behind"
