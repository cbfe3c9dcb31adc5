"""Crypto-erase: destroy the key header first, so whatever else survives (SSD remapping, backups of vault.db, a
journal the file system kept) is ciphertext under a key that no longer exists anywhere.

Time to "unrecoverable" is the time to overwrite and fsync 64 KiB, whatever the vault's size; removing the
database afterwards is tidiness, not security. `locker panic` imports this module, so it imports no cryptography
and no database code: erasing needs neither.
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from locker.fsutil import fsync_dir
from locker.vault.paths import VaultPaths

#: The key header's size (locker.crypto.header.HEADER_SIZE, which a test checks this equals). Not imported from
#: there: that module loads the cryptography library, which an erase does not need and a panic must not wait for.
HEADER_BYTES = 64 * 1024


@dataclass(frozen=True)
class EraseReport:
    """What an erase did. `header_seconds` is from the call to the header being overwritten and fsynced."""

    header_destroyed: bool
    header_seconds: float | None
    removed: tuple[str, ...]


def destroy_header(path: Path) -> bool:
    """Overwrite the header in place with random bytes, fsync, unlink. False if there was no header.

    Opened without following a link and only if it is a regular file: a `header` link planted in the vault folder
    (pointing at one of the user's files) is removed, never followed, so panic cannot be turned into a way to
    overwrite another file.
    """
    flags = os.O_WRONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return False
    except OSError:  # a link (ELOOP), a FIFO without reader, a folder...: not a header; take the name away
        _remove_name(path)
        return False
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            _remove_name(path)
            return False
        size = max(os.fstat(fd).st_size, HEADER_BYTES)
        os.pwrite(fd, os.urandom(size), 0)
        os.fsync(fd)
    finally:
        os.close(fd)
    path.unlink()
    return True


def _remove_name(path: Path) -> None:
    with contextlib.suppress(OSError):
        if path.is_dir() and not path.is_symlink():
            return
        path.unlink()


def lock_forever(root: Path) -> bool:
    """Duress and wipe-after: destroy every key but leave the vault looking like one whose passphrase is not known.

    The header is overwritten in place (one write, fsync) by a well-formed header that no passphrase opens
    (header.locked_forever); the database stays, ciphertext whose key no longer exists. So every later attempt -
    the owner's too - gets the same answer as a wrong passphrase, and nothing shows that an erase happened. If the
    header cannot be rewritten that way (damaged, not a regular file), the vault is erased like a panic instead.
    """
    from locker.crypto.header import locked_forever  # noqa: PLC0415 - keeps cryptography out of `locker panic`

    path = VaultPaths(root).header
    flags = os.O_RDWR | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return crypto_erase(root).header_destroyed
    try:
        raw = os.pread(fd, HEADER_BYTES + 1, 0) if stat.S_ISREG(os.fstat(fd).st_mode) else b""
        if len(raw) != HEADER_BYTES:
            os.close(fd)
            fd = -1
            return crypto_erase(root).header_destroyed
        os.pwrite(fd, locked_forever(raw), 0)
        os.fsync(fd)
    finally:
        if fd >= 0:
            os.close(fd)
    return True


def crypto_erase(root: Path, clock: Callable[[], float] = time.perf_counter) -> EraseReport:
    """Make the vault at `root` unrecoverable, then remove its files. Needs no passphrase and no lock."""
    paths = VaultPaths(root)
    start = clock()
    destroyed = destroy_header(paths.header)
    header_seconds = clock() - start if destroyed else None
    with contextlib.suppress(OSError):
        fsync_dir(root)
    removed = ["header"] if destroyed else []
    for path in (paths.database, *paths.database_side_files(), paths.lock, root / "attempts"):
        with contextlib.suppress(OSError):  # a folder planted under one of these names must not stop the erase
            path.unlink()
            removed.append(path.name)
    with contextlib.suppress(OSError):
        root.rmdir()  # only if nothing else is in it
    return EraseReport(destroyed, header_seconds, tuple(removed))
