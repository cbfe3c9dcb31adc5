"""Reading an encrypted .7z bundle in one streamed pass, with nothing written to disk.

py7zr decrypts every regular member into a sink of ours (its writer-factory API): a payload file ('data/...')
is hashed as it streams (SHA-256, SHA-512, size) and dropped; a tag file is also kept in memory, each up to
64 MiB and all together up to MAX_TAGS, for the checks that read it whole (a tag file past either limit is
still hashed, and reading it is refused). Links, sockets and other special members are listed as irregular and
never handed to a sink. Names and declared sizes are checked as for a zip once the (encrypted) header is read,
before any member is decrypted. py7zr stops each member at its declared size; the sink checks that again.

From the header alone, before any payload is decrypted, the coders must be ones `locker export` and 7-Zip's
defaults write (SEVENZIP_CODERS), and a folder (7z's compressed block) over 64 MiB must not unpack more than
1000:1. AES key derivation is the one costly step a small file can demand again and again (py7zr derives the key
for each folder): a derivation over 2^19 rounds (7-Zip's and py7zr's setting) is refused, equal derivations are
done once, and all distinct ones together are held to KDF_BUDGET rounds.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from locker.bundle.errors import SevenZipDamaged, SevenZipMethodUnsupported, SevenZipWrongPassword
from locker.bundle.reader import (
    MAX_RATIO,
    MAX_READ,
    SMALL,
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
#: 7z coder ids accepted: what `locker export` writes (Copy + AES) and 7-Zip's defaults (LZMA2, LZMA, BCJ).
SEVENZIP_CODERS = {
    bytes.fromhex("00"): "Copy",
    bytes.fromhex("030101"): "LZMA",
    bytes.fromhex("21"): "LZMA2",
    bytes.fromhex("040108"): "Deflate",
    bytes.fromhex("03030103"): "BCJ (x86)",
    bytes.fromhex("04"): "BCJ (x86)",
    bytes.fromhex("06f10701"): "AES-256 + SHA-256",
}
SEVENZIP_CODER_NAMES = {
    bytes.fromhex("030401"): "PPMd",
    bytes.fromhex("040202"): "BZip2",
    bytes.fromhex("040109"): "Deflate64",
    bytes.fromhex("04f71101"): "Zstandard",
    bytes.fromhex("04f71102"): "Brotli",
    bytes.fromhex("04f71104"): "LZ4",
    bytes.fromhex("0303011b"): "BCJ2",
    bytes.fromhex("03"): "Delta",
}
#: 2^19 SHA-256 rounds per AES key: what 7-Zip and py7zr write (about 0.06 s here); 7-Zip reads up to 2^24.
MAX_KDF_CYCLES = 19
#: All distinct key derivations of one bundle together: 32 at 7-Zip's setting, about 2 s. 7-Zip and py7zr derive
#: one key per archive (no salt, so every folder's key is the same, derived once here).
KDF_BUDGET = 32 << MAX_KDF_CYCLES


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
            raise SevenZipDamaged(details=f"The bundle's {self.name} holds more bytes than its 7z entry declares.")
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


@contextlib.contextmanager
def bounded_key_derivation() -> Iterator[None]:
    """py7zr's AES key derivation, while inside: cached, refused over MAX_KDF_CYCLES or past KDF_BUDGET."""
    from py7zr import compressor  # noqa: PLC0415

    original: Callable[..., bytes] = getattr(compressor, "calculate_key")  # noqa: B009
    keys: dict[tuple[Any, ...], bytes] = {}
    spent = 0

    def derive(password: bytes, cycles: int, salt: bytes, digest: str) -> bytes:
        nonlocal spent
        known = keys.get((password, cycles, salt, digest))
        if known is not None:
            return known
        if cycles > MAX_KDF_CYCLES:
            raise SevenZipDamaged(
                details=f"The .7z bundle asks for 2^{cycles} key derivation rounds, "
                f"over the 2^{MAX_KDF_CYCLES} verify accepts."
            )
        spent += 1 << cycles
        if spent > KDF_BUDGET:
            raise SevenZipDamaged(
                details=f"The .7z bundle asks for more than {KDF_BUDGET} key derivation rounds in all."
            )
        key = keys[(password, cycles, salt, digest)] = original(password, cycles, salt, digest)
        return key

    setattr(compressor, "calculate_key", derive)  # noqa: B010
    try:
        yield
    finally:
        setattr(compressor, "calculate_key", original)  # noqa: B010


def check_folders(archive: Any) -> None:
    """Coders and per-folder ratios from the (decrypted) header, before any payload is decrypted."""
    streams = getattr(archive.header, "main_streams", None)
    if streams is None or streams.unpackinfo is None:
        return
    packsizes = list(streams.packinfo.packsizes) if streams.packinfo is not None else []
    for folder in streams.unpackinfo.folders:
        for coder in folder.coders:
            method = bytes(coder["method"])
            if method not in SEVENZIP_CODERS:
                name = SEVENZIP_CODER_NAMES.get(method, f"coder {method.hex()}")
                raise SevenZipMethodUnsupported(method=name)
        count = len(folder.packed_indices) or 1
        packed, packsizes = sum(packsizes[:count]), packsizes[count:]
        unpacked = folder.get_unpack_size()
        if unpacked > SMALL and unpacked > MAX_RATIO * max(packed, 1):
            raise SevenZipDamaged(details=f"A block of the .7z bundle inflates over {MAX_RATIO}:1: refused as a bomb.")


class SevenZipBag:
    """The same interface as BagReader (files, exists, read, digests, irregular, close) over a .7z bundle."""

    def __init__(self, untrusted_path: Path, password: str | None) -> None:
        self.irregular: list[str] = []
        self._sinks: dict[str, _Sink] = {}
        budget = _Budget(MAX_TAGS)
        fh = open_regular_file(untrusted_path)
        archive_size = fh.seek(0, 2)
        fh.seek(0)
        with bounded_key_derivation():
            self._read(fh, archive_size, password, budget)
        self._by_relative = {sink.name: sink for sink in self._sinks.values()}

    def _read(self, fh: Any, archive_size: int, password: str | None, budget: _Budget) -> None:
        import py7zr  # noqa: PLC0415 - only for this bundle type
        from py7zr import py7zr as py7zr_module  # noqa: PLC0415
        from py7zr.io import Py7zIO, WriterFactory  # noqa: PLC0415

        try:
            archive = py7zr.SevenZipFile(fh, "r", password=password)
        except LockerError:
            fh.close()
            raise
        except Exception as exc:  # py7zr raises many types here (wrong password, damaged header, LZMA errors)
            fh.close()
            raise SevenZipWrongPassword(details=type(exc).__name__) from exc
        sinks = self._sinks

        class Factory(WriterFactory):
            def create(self, filename: str) -> Py7zIO:
                if filename not in sinks:
                    raise SevenZipDamaged(details=f"The .7z bundle wrote an unexpected member {filename!r}.")
                return sinks[filename]  # type: ignore[return-value]  # duck-typed Py7zIO

        try:
            check_folders(archive)
            members = list(archive.files)
            seen: set[str] = set()
            check_totals(len(members), sum(m.uncompressed or 0 for m in members), archive_size)
            for member in members:
                check_member_name(member.filename, seen)
            files = [m for m in members if not m.is_directory]
            tops = {m.filename.split("/", 1)[0] for m in files}
            if len(tops) != 1 or not all("/" in m.filename for m in files):
                raise SevenZipDamaged(details="The .7z bundle does not hold exactly one bag folder.")
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
            raise SevenZipDamaged(details=f"The .7z bundle is damaged ({type(exc).__name__}: {exc}).") from exc
        finally:
            archive.close()
            fh.close()

    def files(self) -> list[str]:
        return sorted(self._by_relative)

    def exists(self, relative: str) -> bool:
        return relative in self._by_relative

    def read(self, relative: str) -> bytes:
        sink = self._by_relative[relative]
        if sink.budget is None:
            raise SevenZipDamaged(details=f"The bundle's {relative} is payload: verify hashes it and keeps none of it.")
        if sink.refused is not None:
            raise SevenZipDamaged(details=sink.refused)
        return bytes(sink.kept)

    def digests(self, relative: str) -> Digests:
        sink = self._by_relative[relative]
        return sink.h256.hexdigest(), sink.h512.hexdigest(), sink.count

    def close(self) -> None:
        pass
