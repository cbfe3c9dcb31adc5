"""Reading a received bundle, as a folder or a .zip, without extracting it anywhere.

A bundle comes from a stranger: in a folder bundle nothing is followed. A symbolic link, FIFO, device or socket
is listed as irregular (and makes the bundle invalid) and is never opened; every file is opened component by
component with O_NOFOLLOW and checked to be a regular file, so a link cannot point verify at /dev/zero or at a
file outside the bundle, and a FIFO cannot make it wait forever.
"""

from __future__ import annotations

import errno
import os
import stat
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from locker.errors import LockerError


class BagReader:
    """Files of a bag by their path relative to the bag's top folder ('data/items/...')."""

    #: Files read whole into memory (tag files, manifests, the custody log, signatures); payload is streamed.
    MAX_READ = 64 * 1024 * 1024

    def __init__(self, untrusted_path: Path) -> None:
        self._zip: zipfile.ZipFile | None = None
        self._root = untrusted_path
        self._prefix = ""
        #: Entries of a folder bundle that are not regular files or folders (links, FIFOs, devices, sockets).
        self.irregular: list[str] = []
        if untrusted_path.is_dir() and not untrusted_path.is_symlink():
            return
        if zipfile.is_zipfile(untrusted_path):
            self._zip = zipfile.ZipFile(untrusted_path)
            names = [n for n in self._zip.namelist() if not n.endswith("/")]
            tops = {n.split("/", 1)[0] for n in names}
            if len(tops) == 1 and all("/" in n for n in names):
                self._prefix = tops.pop() + "/"
            return
        raise LockerError(f"{untrusted_path} is neither a bundle folder nor a .zip bundle.")

    def files(self) -> list[str]:
        if self._zip is not None:
            return sorted(n[len(self._prefix) :] for n in self._zip.namelist() if not n.endswith("/"))
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
            return self._zip.open(self._prefix + relative)
        return os.fdopen(_open_regular(self._root, relative), "rb")

    def read(self, relative: str) -> bytes:
        with self.open(relative) as fh:
            data = fh.read(self.MAX_READ + 1)
        if len(data) > self.MAX_READ:
            raise LockerError(f"The bundle's {relative} is larger than {self.MAX_READ // (1024 * 1024)} MiB.")
        return data

    def chunks(self, relative: str, size: int = 1 << 20) -> Iterator[bytes]:
        with self.open(relative) as fh:
            while data := fh.read(size):
                yield data

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()


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
