"""The import's reader: every hash right, and a read error reaches the caller without leaving the worker stuck."""

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


@pytest.mark.parametrize("size", [CHUNK_SIZE + 7, 4 * CHUNK_SIZE + 12345])
def test_whole_file_and_chunk_hashes_match_the_bytes(tmp_path: Path, size: int) -> None:
    data = os.urandom(size)
    path = tmp_path / "source.bin"
    path.write_bytes(data)
    with io.FileIO(path, "rb") as source:
        reader = ChunkReader(source, "source.bin")
        chunks = list(reader.chunks())
        sha256, sha512 = reader.close()
    assert b"".join(chunk for chunk, _ in chunks) == data
    assert [digest for _, digest in chunks] == [hashlib.sha256(chunk).digest() for chunk, _ in chunks]
    assert len(chunks) == -(-size // CHUNK_SIZE)
    assert (sha256, sha512) == (hashlib.sha256(data).hexdigest(), hashlib.sha512(data).hexdigest())


class _FailsAfter(io.FileIO):
    """A real file whose third read fails, as a disk or a network file system can."""

    reads = 0

    def read(self, size: int = -1) -> bytes:
        self.reads += 1
        if self.reads == 3:
            raise OSError(5, "Input/output error")
        return super().read(size)


def test_a_read_error_reaches_the_caller_and_the_reading_thread_ends(tmp_path: Path) -> None:
    path = tmp_path / "source.bin"
    path.write_bytes(os.urandom(5 * CHUNK_SIZE))
    before = threading.active_count()
    with _FailsAfter(path, "rb") as source:
        reader = ChunkReader(source, "source.bin")
        with pytest.raises(ImportFailedError, match="cannot be read"):
            for _ in reader.chunks():
                pass
        reader.close()
    assert threading.active_count() == before, "the reading thread was left behind"
