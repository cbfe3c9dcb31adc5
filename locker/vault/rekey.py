"""Re-keying: a new master key, the database re-encrypted under it, the signing key rewrapped, the slot rewritten.

Why: `passwd` alone rewraps the same master key, so a copy of the header taken before the change (a backup, a
seized disk image) still opens the vault - including items added later - with the old passphrase. After a re-key
every key derived from the master key (SQLCipher page key, header MAC key, signing-key wrap key) is new, and the
old header copy opens nothing that is on disk now.

Why not `PRAGMA rekey` on the live file: SQLCipher's rekey rewrites every page of vault.db in place inside one
transaction whose rollback journal keeps the old pages. That transaction and the header's in-place write cannot be
made one atomic step, and a hot journal left by a crash would have to be rolled back with the old key while the
header may already name the new one. So the new database is built beside the old one with `sqlcipher_export`
(one pass, every page written once under the new key), and the switch is ordered:

1. `vault.db-rekey` is created 0o600 and filled by `sqlcipher_export` under the new page key; the signing key is
   rewrapped and the custody event appended inside it; it is closed, fsynced, and the folder fsynced.
   A crash here leaves header and vault.db untouched: the OLD passphrase opens, recovery deletes the new file.
2. COMMIT POINT: the header region (owner slot now wrapping the new master key, MAC under the new key) is
   overwritten in place with one pwrite of 432 bytes inside the first disk block, and fsynced.
   From here the NEW passphrase opens; the new master key opens `vault.db-rekey` and not `vault.db`.
3. `vault.db-rekey` is renamed over `vault.db` (atomic) and the folder fsynced.

Recovery (`finish_interrupted_rekey`, run by `Vault.open` with the master key the header gave): when
`vault.db-rekey` (or its journal) exists, the key that opens `vault.db` means step 2 never happened - the new file
and its journal are deleted; the key that opens `vault.db-rekey` instead means step 2 happened - step 3 is done
now. Only one passphrase unlocks the header at any moment, so exactly one (header, database) pair is ever usable.

The duress slot wraps a random decoy key, never the master key, so it needs no change and keeps working. Unused
and duress slots keep their bytes: rewriting only those that are unused would show, to someone comparing header
copies from before and after, which one is the duress slot.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from pathlib import Path

from locker.crypto.identity import WrappedIdentity, rewrap_identity, unwrap_identity
from locker.crypto.keys import Purpose, derive_key
from locker.crypto.secret import SecretKey, wipe_buffer
from locker.diskspace import require_space
from locker.errors import Interrupted, LockerError, TamperedError
from locker.fsutil import create_private_file, fsync_dir
from locker.vault import db
from locker.vault.custody import Action, append_event
from locker.vault.paths import VaultPaths

#: Re-encryption is on by default in the app below this database size (about a minute at 20 MiB/s, which a cheap
#: laptop's disk reaches when it reads and writes at once); above it the app offers it and says how long it may take.
QUICK_REKEY_BYTES = 1 << 30

#: What the SQLCipher progress handler is called every; a 1 MiB chunk row is a few dozen VM steps.
_PROGRESS_STEPS = 64
_PROGRESS_SECONDS = 0.1

Progress = Callable[[int, int], None]


def rekey_is_quick(paths: VaultPaths) -> bool:
    """True when re-encrypting this vault should take about a minute or less."""
    try:
        return paths.database.stat().st_size <= QUICK_REKEY_BYTES
    except OSError:
        return True


def _journal(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


def discard_rekeyed(paths: VaultPaths) -> None:
    """Remove a (partial) re-encrypted database and its journal."""
    for path in (paths.rekey_database, _journal(paths.rekey_database)):
        if os.path.lexists(path) and not (path.is_dir() and not path.is_symlink()):  # a folder there is not ours
            path.unlink()
    fsync_dir(paths.root)


def _connect(path: Path, master: SecretKey) -> db.Connection | None:
    """`path` opened with `master`'s page key, or None when it does not decrypt (a wrong key fails on page 1)."""
    if not path.exists():
        return None
    page_key = derive_key(master, Purpose.SQLCIPHER)
    try:
        return db.connect(path, page_key)
    except (TamperedError, db.DatabaseError):
        return None
    finally:
        page_key.wipe()


def opens(path: Path, master: SecretKey) -> bool:
    """True when `master`'s page key decrypts `path`."""
    conn = _connect(path, master)
    if conn is None:
        return False
    conn.close()
    return True


def made_with(path: Path, master: SecretKey) -> bool:
    """True when `path` is a vault database written with `master`: it decrypts, and its signing key unwraps under
    `master`. Only the holder of the key can make such a file; an empty file (which SQLCipher "opens" under any key)
    or one planted by someone who can write the folder cannot pass."""
    try:
        if not path.is_file() or path.is_symlink() or path.stat().st_size == 0:
            return False
    except OSError:
        return False
    conn = _connect(path, master)
    if conn is None:
        return False
    try:
        row = conn.execute("SELECT public_key, wrapped_private FROM identity WHERE id = 1").fetchone()
        if row is None:
            return False
        unwrap_identity(master, WrappedIdentity(public_raw=row[0], wrapped_private=row[1]))
    except (LockerError, db.DatabaseError, ValueError):
        return False
    finally:
        conn.close()
    return True


def finish_interrupted_rekey(paths: VaultPaths, master: SecretKey) -> str | None:
    """Settle a re-key a crash interrupted, with the master key the header just gave; what was done, in words."""
    new = paths.rekey_database
    if not any(os.path.lexists(p) and not (p.is_dir() and not p.is_symlink()) for p in (new, _journal(new))):
        return None  # nothing of a re-key here (a folder of that name is not ours, and left alone)
    if made_with(paths.database, master):
        discard_rekeyed(paths)
        return (
            "A re-encryption with a new key was interrupted before it took effect and has been undone: "
            "the vault still opens with the passphrase it had before."
        )
    if made_with(new, master):
        new.replace(paths.database)
        fsync_dir(paths.root)
        return (
            "A re-encryption with a new key was interrupted after it took effect and has been completed: "
            "the vault opens with the new passphrase only."
        )
    return None


def build_rekeyed_database(
    conn: db.Connection,
    paths: VaultPaths,
    old_master: SecretKey,
    new_master: SecretKey,
    event_details: dict[str, object],
    progress: Progress | None = None,
    stop: Callable[[], bool] | None = None,
) -> None:
    """Step 1: write `vault.db-rekey`, the whole database under `new_master`'s page key, and make it durable.

    `conn` is the open vault's connection (nothing else may use it meanwhile). Nothing the old passphrase opens
    is changed. On any failure, including a stop, the partial file is removed.
    """
    target = paths.rekey_database
    discard_rekeyed(paths)
    total = paths.database.stat().st_size
    require_space(paths.root, total + (1 << 20), "the re-encrypted copy of the vault")
    # SQLite would create the file (and so its journal) 0o644.
    os.close(create_private_file(target))
    try:
        _export(conn, target, new_master, total, progress, stop)
        with db.tamper_errors():
            _finish_copy(conn, target, old_master, new_master, event_details)
        fd = os.open(target, os.O_RDWR | getattr(os, "O_BINARY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        fsync_dir(paths.root)
    except BaseException:
        discard_rekeyed(paths)
        raise
    if progress is not None:
        progress(total, total)


def _export(
    conn: db.Connection,
    target: Path,
    new_master: SecretKey,
    total: int,
    progress: Progress | None,
    stop: Callable[[], bool] | None,
) -> None:
    page_key = derive_key(new_master, Purpose.SQLCIPHER)
    raw = page_key.sqlcipher_raw_key()
    try:
        # A bound blob `x'..'` is SQLCipher's raw-key form, as with set_key: no KDF, no str copy of the key.
        # Never KEY '' here: that would export plaintext.
        conn.execute("ATTACH DATABASE ? AS rekeyed KEY ?", (str(target), raw))
    finally:
        wipe_buffer(raw)
        page_key.wipe()
    last = 0.0

    def handler() -> int:
        nonlocal last
        if stop is not None and stop():
            return 1  # SQLite aborts the statement; the export's transaction on the new file rolls back
        now = time.monotonic()
        if progress is not None and now - last >= _PROGRESS_SECONDS:
            last = now
            with contextlib.suppress(OSError):
                progress(min(target.stat().st_size, total), total)
        return 0

    try:
        conn.execute("PRAGMA rekeyed.journal_mode = DELETE")
        conn.execute("PRAGMA rekeyed.synchronous = FULL")
        conn.set_progress_handler(handler, _PROGRESS_STEPS)
        try:
            with db.tamper_errors():
                conn.execute("SELECT sqlcipher_export('rekeyed')")
        except db.DatabaseError as exc:
            if "interrupt" in str(exc).lower():
                raise Interrupted("Re-encryption stopped; nothing was changed.") from exc
            raise
        finally:
            conn.set_progress_handler(None, 0)
    finally:
        conn.execute("DETACH DATABASE rekeyed")


def _finish_copy(
    conn: db.Connection,
    target: Path,
    old_master: SecretKey,
    new_master: SecretKey,
    event_details: dict[str, object],
) -> None:
    """Copy what sqlcipher_export leaves out (the schema version), check the copy, rewrap the signing key and
    record the change, all inside the new file."""
    page_key = derive_key(new_master, Purpose.SQLCIPHER)
    try:
        new = db.connect(target, page_key)
    finally:
        page_key.wipe()
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        tables = [
            str(row[0])
            for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        ]
        for table in tables:
            quoted = '"' + table.replace('"', '""') + '"'
            before = conn.execute(f"SELECT count(*) FROM {quoted}").fetchone()[0]
            after = new.execute(f"SELECT count(*) FROM {quoted}").fetchone()[0]
            if before != after:
                raise LockerError(f"The re-encrypted copy lost rows of {table}; the vault was not changed.")
        row = conn.execute("SELECT public_key, wrapped_private FROM identity WHERE id = 1").fetchone()
        if row is None:
            raise TamperedError("The vault's signing identity is missing.")
        identity = rewrap_identity(old_master, new_master, WrappedIdentity(public_raw=row[0], wrapped_private=row[1]))
        with db.transaction(new):
            # An f-string of an int read back from SQLite; PRAGMA takes no bound parameters.
            new.execute(f"PRAGMA user_version = {version:d}")
            new.execute("UPDATE identity SET wrapped_private = ? WHERE id = 1", (identity.wrapped_private,))
            append_event(new, Action.PASSPHRASE_CHANGED, details=event_details)
    finally:
        new.close()


def overwrite_old_database(path: Path, chunk: int = 1 << 20) -> None:
    """After the commit point, zero the old database in place before the new one replaces it: its blocks would
    otherwise stay on the disk, and with a header copy from before and the old passphrase they still decrypt.
    (SSDs and copy-on-write file systems may keep old blocks elsewhere; the docs say so.) A crash during this is
    harmless: the header's key no longer opens this file, so recovery finishes the switch."""
    fd = os.open(path, os.O_WRONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0))
    try:
        size = os.fstat(fd).st_size
        zeros = bytes(min(chunk, max(size, 1)))
        written = 0
        while written < size:
            written += os.pwrite(fd, zeros[: min(len(zeros), size - written)], written)
        os.fsync(fd)
    finally:
        os.close(fd)
