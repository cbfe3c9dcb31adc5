"""Byte sources the sandbox child can read from: a file on disk, or bytes in memory (tests, small data)."""

from __future__ import annotations

import os
from pathlib import Path


class FileSource:
    """A plaintext file the user already has on disk (the source of an import)."""

    def __init__(self, path: Path) -> None:
        self._fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        self.size = os.fstat(self._fd).st_size

    def read_at(self, offset: int, length: int) -> bytes:
        return os.pread(self._fd, length, offset)

    def close(self) -> None:
        os.close(self._fd)


class BytesSource:
    def __init__(self, data: bytes) -> None:
        self._data = data
        self.size = len(data)

    def read_at(self, offset: int, length: int) -> bytes:
        return self._data[offset : offset + length]
