"""Reading a received bundle, as a folder or a zip (plain, or decrypted from .age on the fly), without
extracting it anywhere.

A bundle comes from a stranger. In a folder bundle nothing is followed: a symbolic link, FIFO, device or socket
is listed as irregular (and makes the bundle invalid) and is never opened; every file is opened component by
component with O_NOFOLLOW and checked to be a regular file, so a link cannot point verify at /dev/zero or at a
file outside the bundle, and a FIFO cannot make it wait forever. In a zip, a member whose Unix mode says link,
device, FIFO or socket is listed as irregular the same way and never read; names that are absolute, hold '..'
or appear twice, and sizes or compression beyond the limits below, make the zip unreadable (LockerError).
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Protocol

from locker.errors import LockerError

#: Files read whole into memory (tag files, manifests, the custody log, signatures); payload is streamed.
MAX_READ = 64 * 1024 * 1024
# Zip bombs: a bundle made by `locker export` is stored (ratio 1:1) and holds a few files per item. Real
# evidence can be large, so size alone is no sign of a bomb; a big member that inflates over 1000:1 is (video
# and photos do not compress like that), and so is a whole archive that claims over 100x its own size.
MAX_MEMBERS = 100_000
MAX_RATIO = 1000
MAX_TOTAL_RATIO = 100
SMALL = 64 * 1024 * 1024  # below this, any ratio is harmless: it is read in bounded chunks anyway
#: Stored and deflate are what `locker export`, 7-Zip, Windows and macOS write; anything else is refused.
ZIP_METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate"}

Digests = tuple[str, str, int]


class Bag(Protocol):
    """What `verify` needs from a bundle, whatever its form."""

    irregular: list[str]

    def files(self) -> list[str]: ...

    def exists(self, relative: str) -> bool: ...

    def read(self, relative: str) -> bytes: ...

    def digests(self, relative: str) -> Digests: ...

    def close(self) -> None: ...


def check_member_name(name: str, seen: set[str]) -> None:
    """Refuse names a bag never holds: absolute, with '..', with backslashes or NUL, or given twice."""
    parts = name.rstrip("/").split("/")
    if name.startswith("/") or ".." in parts or "\\" in name or "\x00" in name or (len(name) > 1 and name[1] == ":"):
        raise LockerError(f"The bundle names a file outside itself: {name!r}")
    if name in seen:
        raise LockerError(f"The bundle holds two files named {name!r}.")
    seen.add(name)


def check_totals(count: int, total: int, archive_size: int) -> None:
    if count > MAX_MEMBERS:
        raise LockerError(f"The bundle holds {count} files, more than the {MAX_MEMBERS} verify accepts.")
    if total > MAX_TOTAL_RATIO * archive_size + SMALL:
        raise LockerError(f"The bundle claims {total} bytes unpacked from {archive_size}: refused as a bomb.")


def is_irregular(unix_mode: int) -> bool:
    """True for a link, device, FIFO or socket; a mode of 0 (written on Windows) means a plain file."""
    kind = stat.S_IFMT(unix_mode)
    return kind not in (0, stat.S_IFREG, stat.S_IFDIR)


def digest_chunks(chunks: Iterator[bytes]) -> Digests:
    h256, h512 = hashlib.sha256(), hashlib.sha512()
    size = 0
    for data in chunks:
        h256.update(data)
        h512.update(data)
        size += len(data)
    return h256.hexdigest(), h512.hexdigest(), size


def open_regular_file(path: Path) -> IO[bytes]:
    """The bundle file itself, opened only if it is a regular file (a FIFO would block verify forever)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise LockerError(f"{path} is neither a bundle folder nor a .zip bundle.")
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


class BagReader:
    """Files of a bag by their path relative to the bag's top folder ('data/items/...').

    `source` is an already opened zip (the plaintext of an .age bundle); without it, `untrusted_path` is a
    folder or a .zip file.
    """

    MAX_READ = MAX_READ

    def __init__(self, untrusted_path: Path, source: IO[bytes] | None = None) -> None:
        self._zip: zipfile.ZipFile | None = None
        self._root = untrusted_path
        self._prefix = ""
        self._members: dict[str, zipfile.ZipInfo] = {}
        self._source: IO[bytes] | None = None
        #: Entries that are not regular files or folders (links, FIFOs, devices, sockets): never opened.
        self.irregular: list[str] = []
        if source is None and untrusted_path.is_dir() and not untrusted_path.is_symlink():
            return
        fh = self._source = source if source is not None else open_regular_file(untrusted_path)
        try:
            self._zip = zipfile.ZipFile(fh)
            self._check_zip(fh.seek(0, os.SEEK_END))
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
            self.close()
            raise LockerError(f"{untrusted_path.name} is not a readable zip bundle ({exc}).") from exc
        except BaseException:
            self.close()
            raise

    def _check_zip(self, archive_size: int) -> None:
        assert self._zip is not None
        infos, seen = self._zip.infolist(), set[str]()
        check_totals(len(infos), sum(i.file_size for i in infos), archive_size)
        for info in infos:
            check_member_name(info.filename, seen)
            if info.compress_type not in ZIP_METHODS or info.flag_bits & 0x1:
                kind = "encrypted" if info.flag_bits & 0x1 else f"compression method {info.compress_type}"
                raise LockerError(f"The bundle's {info.filename} uses {kind}, which verify does not read.")
            if info.file_size > SMALL and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise LockerError(f"The bundle's {info.filename} inflates over {MAX_RATIO}:1: refused as a bomb.")
        names = [i.filename for i in infos if not i.is_dir()]
        tops = {n.split("/", 1)[0] for n in names}
        if len(tops) == 1 and all("/" in n for n in names):
            self._prefix = tops.pop() + "/"
        for info in infos:
            if info.is_dir() or not info.filename.startswith(self._prefix):
                continue
            relative = info.filename[len(self._prefix) :]
            if is_irregular(info.external_attr >> 16):
                self.irregular.append(relative)
            else:
                self._members[relative] = info
        self.irregular.sort()

    def files(self) -> list[str]:
        if self._zip is not None:
            return sorted(self._members)
        found, irregular = [], []
        for folder, dirs, names in os.walk(self._root, followlinks=False):
            base = Path(folder).relative_to(self._root)
            for name in [*dirs, *names]:
                relative = (base / name).as_posix()
                mode = os.lstat(Path(folder) / name).st_mode
                if stat.S_ISREG(mode):
                    found.append(relative)
                elif not stat.S_ISDIR(mode):
                    irregular.append(relative)
        self.irregular = sorted(irregular)
        return sorted(found)

    def exists(self, relative: str) -> bool:
        return relative in set(self.files())

    def open(self, relative: str) -> IO[bytes]:
        if ".." in relative.split("/") or relative.startswith("/"):
            raise LockerError(f"The bundle names a file outside itself: {relative!r}")
        if self._zip is not None:
            if relative not in self._members:
                raise KeyError(relative)  # missing, or irregular: an irregular member is never read
            return self._zip.open(self._members[relative])
        return os.fdopen(_open_regular(self._root, relative), "rb")

    def read(self, relative: str) -> bytes:
        data = b"".join(self._bounded(relative, MAX_READ + 1))
        if len(data) > MAX_READ:
            raise LockerError(f"The bundle's {relative} is larger than {MAX_READ // (1024 * 1024)} MiB.")
        return data

    def chunks(self, relative: str, size: int = 1 << 20) -> Iterator[bytes]:
        return self._bounded(relative, None, size)

    def _bounded(self, relative: str, limit: int | None, size: int = 1 << 20) -> Iterator[bytes]:
        """The file's bytes, up to `limit`; a zip member never yields more than its declared size."""
        declared = self._members[relative].file_size if relative in self._members else None
        done = 0
        with self.open(relative) as fh:
            while (limit is None or done < limit) and (data := fh.read(size)):
                done += len(data)
                if declared is not None and done > declared:
                    raise LockerError(f"The bundle's {relative} holds more bytes than its zip entry declares.")
                yield data

    def digests(self, relative: str) -> Digests:
        return digest_chunks(self.chunks(relative))

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()
        if self._source is not None:
            self._source.close()


def _open_regular(root: Path, relative: str) -> int:
    """A descriptor for root/relative, walked without following any link, and only if it is a regular file."""
    flags = os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    parts = relative.split("/")
    fd = os.open(root, flags | os.O_DIRECTORY)
    try:
        for part in parts[:-1]:
            next_fd = os.open(part, flags | os.O_DIRECTORY, dir_fd=fd)
            os.close(fd)
            fd = next_fd
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below anyway.
        file_fd = os.open(parts[-1], flags | os.O_NONBLOCK, dir_fd=fd)
    finally:
        os.close(fd)
    if not stat.S_ISREG(os.fstat(file_fd).st_mode):
        os.close(file_fd)
        raise OSError(errno.EINVAL, "not a regular file", relative)
    os.set_blocking(file_fd, True)
    return file_fd
