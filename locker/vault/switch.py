"""The end of an upgrade or a re-key: the header write (the commit point), the old database zeroed, the copy
renamed over it (steps 2 and 3 of rekey.py), and what is left to do when that fails part-way or a panic erases the
vault beside it. `Vault._switch` runs it holding the vault's mutex."""

from __future__ import annotations

import contextlib
from pathlib import Path

from locker.crypto.header import DATABASE_PAGE_SIZES, read_header_file, write_header_region_in_place
from locker.crypto.secret import SecretKey
from locker.errors import LockerError
from locker.fsutil import fsync_dir
from locker.vault import rekey, upgrade
from locker.vault.paths import VaultPaths


def switch_to_copy(paths: VaultPaths, copy: Path, header_write: tuple[int, bytes]) -> None:
    """Write the header region (the commit point), zero the old database, rename the copy over it. Nothing may
    have the old database open."""
    offset, region = header_write
    write_header_region_in_place(paths.header, offset, region)
    rekey.overwrite_old_database(paths.database)
    copy.replace(paths.database)
    fsync_dir(paths.root)


def remove_after_panic(paths: VaultPaths) -> None:
    """A panic ran beside a switch and may have removed vault.db before the copy took its name: the copy
    (ciphertext under a key that no longer exists) must not stay behind as the erased folder's only file."""
    with contextlib.suppress(OSError):
        paths.database.unlink()
    with contextlib.suppress(OSError):
        paths.root.rmdir()


def header_switched(paths: VaultPaths, header_write: tuple[int, bytes]) -> bool:
    """Whether the header on disk holds the region the switch wrote (a failed read counts as not)."""
    offset, region = header_write
    try:
        return read_header_file(paths.header)[offset : offset + len(region)] == region
    except OSError:
        return False


def finish_after_failed_switch(paths: VaultPaths, key: SecretKey, format_version: int) -> bool:
    """Complete whichever switch the header on disk now says happened, as the next `open` would. False when that
    fails too: it is then left for the next open, and the database must not be opened before."""
    try:
        page_size = DATABASE_PAGE_SIZES[format_version]
        rekey.finish_interrupted_rekey(paths, key, page_size)
        upgrade.finish_interrupted_upgrade(paths, key, page_size)
    except (LockerError, OSError):
        return False
    return True
