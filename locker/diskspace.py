"""Free space, checked before large writes and named plainly when it runs out."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

from locker.errors import DiskFullError
from locker.units import human_size

__all__ = ["DiskFullError", "free_bytes", "is_disk_full", "require_space"]


def free_bytes(folder: Path) -> int:
    st = os.statvfs(folder)
    return st.f_bavail * st.f_frsize


def require_space(folder: Path, needed: int, what: str | Callable[..., DiskFullError]) -> None:
    """Refuse early, with the numbers, when `folder`'s file system has less than `needed` bytes free.

    `what` is the error to raise (a DiskFullError class taking missing_size, free_size and needed_size), or, for
    callers not converted yet (locker/ingest, locker/receive), an English phrase naming what needs the space.
    """
    try:
        free = free_bytes(folder)
    except OSError:
        return  # cannot tell: the write itself will say if space runs out
    if free < needed and not isinstance(what, str):
        raise what(missing_size=needed - free, free_size=free, needed_size=needed)
    if free < needed:
        raise DiskFullError(
            f"The disk is full: {human_size(needed - free)} more are needed for {what} "
            f"({human_size(free)} free of the {human_size(needed)} needed). Nothing was written."
        )


def is_disk_full(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in {errno.ENOSPC, errno.EDQUOT}
