"""Where a bundle's files go: a folder, a zip (seekable or streamed into age), or an encrypted 7z.

Everything is written in one pass from the vault: payload first, then the tag files, whose contents are kept in
memory (they are small) so that the tag manifest never needs to read anything back from disk. For encrypted
outputs no plaintext file is ever staged on disk.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Protocol, cast

from locker.fsutil import create_private_file, make_private_dir, open_private_file


class BagWriter(Protocol):
    def add_bytes(self, relative: str, data: bytes) -> None: ...

    def add_stream(self, relative: str, chunks: Iterable[bytes], size: int = -1) -> None: ...

    def close(self) -> None: ...


class DirWriter:
    def __init__(self, root: Path) -> None:
        self.root = root
        make_private_dir(root)

    def _target(self, relative: str) -> Path:
        target = self.root / relative
        make_private_dir(target.parent)
        return target

    def add_bytes(self, relative: str, data: bytes) -> None:
        with os.fdopen(create_private_file(self._target(relative)), "wb") as fh:
            fh.write(data)

    def add_stream(self, relative: str, chunks: Iterable[bytes], size: int = -1) -> None:
        with os.fdopen(create_private_file(self._target(relative)), "wb") as fh:
            for data in chunks:
                fh.write(data)

    def close(self) -> None:
        pass


class ZipWriter:
    """Stored (uncompressed) zip: evidence is mostly already compressed, and stored entries are simple to audit."""

    def __init__(self, fileobj: IO[bytes], top_folder: str) -> None:
        self._zip = zipfile.ZipFile(fileobj, "w", compression=zipfile.ZIP_STORED)
        self._top = top_folder

    def add_bytes(self, relative: str, data: bytes) -> None:
        self._zip.writestr(f"{self._top}/{relative}", data)

    def add_stream(self, relative: str, chunks: Iterable[bytes], size: int = -1) -> None:
        with self._zip.open(f"{self._top}/{relative}", "w", force_zip64=True) as member:
            for data in chunks:
                member.write(data)

    def close(self) -> None:
        self._zip.close()


class _SizedStream(io.BufferedIOBase):
    """A forward-only stream over chunks whose total size is known; py7zr asks for the size by seeking to the end
    and back, which is all the seeking this supports."""

    def __init__(self, chunks: Iterable[bytes], size: int) -> None:
        super().__init__()
        self._chunks: Iterator[bytes] = iter(chunks)
        self._size = size
        self._consumed = 0
        self._virtual: int | None = None
        self._pending = b""

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._virtual if self._virtual is not None else self._consumed

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence == io.SEEK_END and offset == 0:
            self._virtual = self._size
        elif whence == io.SEEK_SET and offset == self._consumed:
            self._virtual = None
        else:
            raise io.UnsupportedOperation("only the size can be asked by seeking")
        return self.tell()

    def read(self, size: int | None = -1) -> bytes:
        wanted = self._size - self._consumed if size is None or size < 0 else size
        parts = []
        while wanted > 0:
            if not self._pending:
                try:
                    self._pending = next(self._chunks)
                except StopIteration:
                    break
            piece, self._pending = self._pending[:wanted], self._pending[wanted:]
            parts.append(piece)
            wanted -= len(piece)
        data = b"".join(parts)
        self._consumed += len(data)
        return data

    def read1(self, size: int = -1) -> bytes:
        return self.read(size)


class SevenZipWriter:
    """AES-256 7z with encrypted file names, for counsel who only have 7-Zip. Creates `path` (0o600, new)."""

    def __init__(self, path: Path, password: str, top_folder: str) -> None:
        import py7zr  # noqa: PLC0415 - only for this output type

        # Stored, then AES-256: photos and videos are compressed already, and LZMA on a 1 GiB video takes minutes.
        filters = [{"id": py7zr.FILTER_COPY}, {"id": py7zr.FILTER_CRYPTO_AES256_SHA256}]
        # Given a path, py7zr would create the file with the umask's mode (0o644): we create it private.
        self._file = open_private_file(path)
        try:
            self._archive = py7zr.SevenZipFile(self._file, "w", password=password, header_encryption=True,
                                               filters=filters)  # fmt: skip
        except BaseException:
            self._file.close()
            raise
        self._top = top_folder

    def add_bytes(self, relative: str, data: bytes) -> None:
        self._archive.writestr(data, f"{self._top}/{relative}")

    def add_stream(self, relative: str, chunks: Iterable[bytes], size: int = -1) -> None:
        self._archive.writef(cast(IO[bytes], _SizedStream(chunks, size)), f"{self._top}/{relative}")

    def close(self) -> None:
        try:
            self._archive.close()
            self._file.flush()
        finally:
            self._file.close()
