"""Reading an encrypted .7z bundle in one streamed pass, with nothing written to disk.

py7zr decrypts every regular member into a sink of ours (its writer-factory API): a payload file ('data/...')
is hashed as it streams (SHA-256, SHA-512, size) and dropped; a tag file is also kept in memory, each up to
64 MiB and all together up to MAX_TAGS, for the checks that read it whole (a tag file past either limit is
still hashed, and reading it is refused). Links, sockets and other special members are listed as irregular and
never handed to a sink. Names and declared sizes are checked as for a zip once the (encrypted) header is read,
before any member is decrypted. py7zr stops each member at its declared size; the sink checks that again.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from locker.bundle.reader import (
    MAX_READ,
    Digests,
    check_member_name,
    check_totals,
    is_irregular,
    open_regular_file,
)
from locker.errors import LockerError

#: All tag files kept in memory together; a real bundle's are a few MiB (manifests, custody log, report).
MAX_TAGS = 128 * 1024 * 1024
#: py7zr decompresses in blocks as large as a share of free memory (up to 128 MB); verify asks for 1 MiB.
BLOCK = 1024 * 1024


class _Budget:
    """Bytes of tag files still allowed in memory, shared by all sinks of one bundle."""

    def __init__(self, left: int) -> None:
        self.left = left


class _Sink:
    """One member's bytes as py7zr writes them: hashed, counted against the declared size, tags kept."""

    def __init__(self, name: str, declared: int, budget: _Budget | None) -> None:
        self.name, self.declared, self.budget = name, declared, budget
        self.h256, self.h512, self.count = hashlib.sha256(), hashlib.sha512(), 0
        self.kept = bytearray()
        #: Why a tag file was not kept whole (too large); None while it is.
        self.refused: str | None = None

    def write(self, data: bytes | bytearray) -> int:
        self.count += len(data)
        if self.count > self.declared:
            raise LockerError(f"The bundle's {self.name} holds more bytes than its 7z entry declares.")
        self.h256.update(data)
        self.h512.update(data)
        if self.budget is not None and self.refused is None:
            if self.count > MAX_READ:
                self.refused = f"The bundle's {self.name} is larger than {MAX_READ // (1024 * 1024)} MiB."
            elif len(data) > self.budget.left:
                self.refused = f"The bundle's tag files together exceed {MAX_TAGS // (1024 * 1024)} MiB."
            else:
                self.kept += data
                self.budget.left -= len(data)
                return len(data)
            self.budget.left += len(self.kept)
            self.kept = bytearray()
        return len(data)

    def read(self, size: int | None = None) -> bytes:
        return b""

    def seek(self, offset: int, whence: int = 0) -> int:
        return 0

    def flush(self) -> None:
        pass

    def size(self) -> int:
        return self.count

    def close(self) -> None:
        pass


class SevenZipBag:
    """The same interface as BagReader (files, exists, read, digests, irregular, close) over a .7z bundle."""

    def __init__(self, untrusted_path: Path, password: str | None) -> None:
        import py7zr  # noqa: PLC0415 - only for this bundle type
        from py7zr import py7zr as py7zr_module  # noqa: PLC0415
        from py7zr.io import Py7zIO, WriterFactory  # noqa: PLC0415

        self.irregular: list[str] = []
        self._sinks: dict[str, _Sink] = {}
        budget = _Budget(MAX_TAGS)
        fh = open_regular_file(untrusted_path)
        archive_size = fh.seek(0, 2)
        fh.seek(0)
        try:
            archive = py7zr.SevenZipFile(fh, "r", password=password)
        except Exception as exc:  # py7zr raises many types here (wrong password, damaged header, LZMA errors)
            fh.close()
            raise LockerError(f"The .7z bundle could not be opened with this password ({type(exc).__name__}).") from exc
        sinks = self._sinks

        class Factory(WriterFactory):
            def create(self, filename: str) -> Py7zIO:
                if filename not in sinks:
                    raise LockerError(f"The .7z bundle wrote an unexpected member {filename!r}.")
                return sinks[filename]  # type: ignore[return-value]  # duck-typed Py7zIO

        try:
            members = list(archive.files)
            seen: set[str] = set()
            check_totals(len(members), sum(m.uncompressed or 0 for m in members), archive_size)
            for member in members:
                check_member_name(member.filename, seen)
            files = [m for m in members if not m.is_directory]
            tops = {m.filename.split("/", 1)[0] for m in files}
            if len(tops) != 1 or not all("/" in m.filename for m in files):
                raise LockerError("The .7z bundle does not hold exactly one bag folder.")
            prefix = tops.pop() + "/"
            for member in files:
                relative = member.filename[len(prefix) :]
                special = member.is_symlink or member.is_junction or not member.is_file
                if special or is_irregular(member.st_fmt or 0):
                    self.irregular.append(relative)
                else:
                    tag = not relative.startswith("data/")
                    sinks[member.filename] = _Sink(relative, member.uncompressed or 0, budget if tag else None)
            self.irregular.sort()
            saved = getattr(py7zr_module, "get_memory_limit")  # noqa: B009 - not exported, so mypy needs getattr
            setattr(py7zr_module, "get_memory_limit", lambda: BLOCK)  # noqa: B010
            try:
                archive.extract(targets=list(sinks), factory=Factory())
            finally:
                setattr(py7zr_module, "get_memory_limit", saved)  # noqa: B010
        except LockerError:
            raise
        except Exception as exc:  # CRC, damaged stream, LZMA or AES errors: the bundle is not intact
            raise LockerError(f"The .7z bundle is damaged ({type(exc).__name__}: {exc}).") from exc
        finally:
            archive.close()
            fh.close()
        self._by_relative = {sink.name: sink for sink in sinks.values()}

    def files(self) -> list[str]:
        return sorted(self._by_relative)

    def exists(self, relative: str) -> bool:
        return relative in self._by_relative

    def read(self, relative: str) -> bytes:
        sink = self._by_relative[relative]
        if sink.budget is None:
            raise LockerError(f"The bundle's {relative} is payload: verify hashes it and keeps none of it.")
        if sink.refused is not None:
            raise LockerError(sink.refused)
        return bytes(sink.kept)

    def digests(self, relative: str) -> Digests:
        sink = self._by_relative[relative]
        return sink.h256.hexdigest(), sink.h512.hexdigest(), sink.count

    def close(self) -> None:
        pass
