"""Reading a received bundle, as a folder or a .zip, without extracting it anywhere."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from locker.errors import LockerError


class BagReader:
    """Files of a bag by their path relative to the bag's top folder ('data/items/...')."""

    def __init__(self, untrusted_path: Path) -> None:
        self._zip: zipfile.ZipFile | None = None
        self._root = untrusted_path
        self._prefix = ""
        if untrusted_path.is_dir():
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
        return sorted(p.relative_to(self._root).as_posix() for p in self._root.rglob("*") if p.is_file())

    def exists(self, relative: str) -> bool:
        return relative in set(self.files())

    def open(self, relative: str) -> IO[bytes]:
        if ".." in relative.split("/") or relative.startswith("/"):
            raise LockerError(f"The bundle names a file outside itself: {relative!r}")
        if self._zip is not None:
            return self._zip.open(self._prefix + relative)
        return open(self._root / relative, "rb")

    def read(self, relative: str) -> bytes:
        with self.open(relative) as fh:
            return fh.read()

    def chunks(self, relative: str, size: int = 1 << 20) -> Iterator[bytes]:
        with self.open(relative) as fh:
            while data := fh.read(size):
                yield data

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()
