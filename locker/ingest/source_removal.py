"""`--remove-source`: delete an imported original without ever leaving the user with less than she had.

The name is unlinked first, and only then are the file's bytes overwritten through a descriptor opened before:
if the unlink is refused (a read-only or sticky folder, an immutable file, a read-only file system) nothing was
changed at all, and the original stays in place, whole. Before that, the file must still be the one that was
stored (same device, inode, size and modification time) and have no other hard link, whose name would still show
the zeroed bytes. On SSDs and copy-on-write file systems old blocks may survive elsewhere; callers tell the user.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from locker.fsutil import fsync_dir


@dataclass(frozen=True)
class SourceIdentity:
    """Which file was stored: compared again just before it is removed."""

    device: int
    inode: int
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, st: os.stat_result) -> SourceIdentity:
        return cls(st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


@dataclass(frozen=True)
class Removal:
    removed: bool
    #: Why it was left in place, or what did not fully happen after the name was removed; "" when all went well.
    message: str = ""


def _reason(exc: OSError) -> str:
    return exc.strerror or errno.errorcode.get(exc.errno or 0, type(exc).__name__)


def remove_source(path: Path, stored: SourceIdentity, chunk_size: int = 1 << 20) -> Removal:
    """Unlink `path`, then overwrite its bytes with zeros; see the module docstring for what is checked first."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        return Removal(False, f"the source was left in place: it cannot be written ({_reason(exc)})")
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or SourceIdentity.of(st) != stored:
            return Removal(False, "the source was left in place: it changed after it was stored")
        if st.st_nlink != 1:
            return Removal(False, "the source was left in place: it has other hard links that share its bytes")
        if not os.access(path.parent, os.W_OK | os.X_OK):
            return Removal(False, "the source was left in place: its folder is read-only")
        try:
            current = os.lstat(path)
            if (current.st_dev, current.st_ino) != (st.st_dev, st.st_ino):
                return Removal(False, "the source was left in place: it was replaced after it was stored")
            path.unlink()
        except OSError as exc:
            return Removal(False, f"the source was left in place: it could not be deleted ({_reason(exc)})")
        # The name is gone; the bytes are still reachable through `fd` and are overwritten now.
        try:
            _overwrite(fd, st.st_size, chunk_size)
            fsync_dir(path.parent)
        except OSError as exc:
            return Removal(True, f"deleted, but its bytes could not all be overwritten ({_reason(exc)})")
        return Removal(True)
    finally:
        os.close(fd)


def _overwrite(fd: int, size: int, chunk_size: int) -> None:
    zeros = bytes(min(chunk_size, max(size, 1)))
    os.lseek(fd, 0, os.SEEK_SET)
    written = 0
    while written < size:
        written += os.write(fd, zeros[: min(len(zeros), size - written)]) or 0
    os.fsync(fd)
