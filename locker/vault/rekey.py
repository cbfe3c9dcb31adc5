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

A format upgrade (upgrade.py) is the same copy-and-switch with the same master key and a new page size: the copy
is `vault.db-upgrade`, the commit point is the header write that raises its format version, and recovery tells
the two files apart by page size instead of by key. In both, the (key, page size) the header names opens exactly
one of the two files.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from locker.crypto.identity import WrappedIdentity, rewrap_identity, unwrap_identity
from locker.crypto.keys import Purpose, derive_key
from locker.crypto.secret import SecretKey, wipe_buffer
from locker.diskspace import require_space
from locker.errors import (
    DiskFullError,
    DiskFullForRekey,
    Interrupted,
    LockerError,
    RekeyLostRows,
    RekeyStopped,
    SigningIdentityMissing,
    TamperedError,
)
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
    discard_copy(paths, paths.rekey_database)


def discard_copy(paths: VaultPaths, copy: Path) -> None:
    """Remove a (partial) copy of the database (re-keyed or upgraded) and its journal."""
    for path in (copy, _journal(copy)):
        if os.path.lexists(path) and not (path.is_dir() and not path.is_symlink()):  # a folder there is not ours
            path.unlink()
    fsync_dir(paths.root)


def _connect(path: Path, master: SecretKey, page_size: int) -> db.Connection | None:
    """`path` opened with `master`'s page key, or None when it does not decrypt (a wrong key or a wrong page size
    fails on page 1)."""
    if not path.exists():
        return None
    page_key = derive_key(master, Purpose.SQLCIPHER)
    try:
        return db.connect(path, page_key, page_size)
    except (TamperedError, db.DatabaseError):
        return None
    finally:
        page_key.wipe()


def opens(path: Path, master: SecretKey, page_size: int = db.CURRENT_PAGE_SIZE) -> bool:
    """True when `master`'s page key decrypts `path` read in pages of `page_size`."""
    conn = _connect(path, master, page_size)
    if conn is None:
        return False
    conn.close()
    return True


def made_with(path: Path, master: SecretKey, page_size: int = db.CURRENT_PAGE_SIZE) -> bool:
    """True when `path` is a vault database written with `master` in pages of `page_size`: it decrypts, and its
    signing key unwraps under `master`. Only the holder of the key can make such a file; an empty file (which
    SQLCipher "opens" under any key) or one planted by someone who can write the folder cannot pass."""
    try:
        if not path.is_file() or path.is_symlink() or path.stat().st_size == 0:
            return False
    except OSError:
        return False
    conn = _connect(path, master, page_size)
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


def finish_interrupted_rekey(paths: VaultPaths, master: SecretKey, page_size: int = db.CURRENT_PAGE_SIZE) -> str | None:
    """Settle a re-key a crash interrupted, with the master key (and page size) the header just gave; what was
    done, in words."""
    settled = settle_copy(paths, paths.rekey_database, master, page_size)
    if settled == "undone":
        return (
            "A re-encryption with a new key was interrupted before it took effect and has been undone: "
            "the vault still opens with the passphrase it had before."
        )
    if settled == "completed":
        return (
            "A re-encryption with a new key was interrupted after it took effect and has been completed: "
            "the vault opens with the new passphrase only."
        )
    return None


def settle_copy(paths: VaultPaths, copy: Path, master: SecretKey, page_size: int) -> str | None:
    """ "undone" when vault.db is still the database the header names (the copy is removed), "completed" when the
    copy is (it replaces vault.db), None when there is no copy or neither file is (both are left alone)."""
    if not any(os.path.lexists(p) and not (p.is_dir() and not p.is_symlink()) for p in (copy, _journal(copy))):
        return None  # nothing of a copy here (a folder of that name is not ours, and left alone)
    if made_with(paths.database, master, page_size):
        discard_copy(paths, copy)
        return "undone"
    if made_with(copy, master, page_size):
        copy.replace(paths.database)
        fsync_dir(paths.root)
        return "completed"
    return None


def build_rekeyed_database(
    conn: db.Connection,
    paths: VaultPaths,
    old_master: SecretKey,
    new_master: SecretKey,
    event_details: dict[str, object],
    progress: Progress | None = None,
    stop: Callable[[], bool] | None = None,
    page_size: int = db.CURRENT_PAGE_SIZE,
) -> None:
    """Step 1: write `vault.db-rekey`, the whole database under `new_master`'s page key, and make it durable.

    `conn` is the open vault's connection (nothing else may use it meanwhile). Nothing the old passphrase opens
    is changed. On any failure, including a stop, the partial file is removed.
    """
    build_copy(
        conn,
        paths,
        CopyPlan(
            target=paths.rekey_database,
            old_master=old_master,
            new_master=new_master,
            page_size=page_size,
            action=Action.PASSPHRASE_CHANGED,
            event_details=event_details,
            what=DiskFullForRekey,
            stopped=RekeyStopped,
        ),
        progress,
        stop,
    )


@dataclass(frozen=True)
class CopyPlan:
    """What `build_copy` writes: where, under which key and page size, and what the custody event says."""

    target: Path
    old_master: SecretKey
    new_master: SecretKey
    page_size: int
    action: Action
    event_details: dict[str, object]
    #: For the user: what needs the disk space (its DiskFullError), and what a stop means.
    what: type[DiskFullError]
    stopped: type[Interrupted]


def build_copy(
    conn: db.Connection,
    paths: VaultPaths,
    plan: CopyPlan,
    progress: Progress | None = None,
    stop: Callable[[], bool] | None = None,
) -> None:
    """Write the whole database to `plan.target` under the plan's key and page size, record the event inside it,
    and make it durable. On any failure, including a stop, the partial file is removed."""
    target = plan.target
    discard_copy(paths, target)
    total = paths.database.stat().st_size
    require_space(paths.root, total + (1 << 20), plan.what)
    # SQLite would create the file (and so its journal) 0o644.
    os.close(create_private_file(target))
    try:
        _export(conn, plan, total, progress, stop)
        with db.tamper_errors():
            _finish_copy(conn, plan)
        fd = os.open(target, os.O_RDWR | getattr(os, "O_BINARY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        fsync_dir(paths.root)
    except BaseException:
        discard_copy(paths, target)
        raise
    if progress is not None:
        progress(total, total)


def _export(
    conn: db.Connection,
    plan: CopyPlan,
    total: int,
    progress: Progress | None,
    stop: Callable[[], bool] | None,
) -> None:
    target = plan.target
    page_key = derive_key(plan.new_master, Purpose.SQLCIPHER)
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
        # Before the first page is written; an int from the header's format table, PRAGMA binds no parameters.
        conn.execute(f"PRAGMA rekeyed.cipher_page_size = {int(plan.page_size):d}")
        conn.execute("PRAGMA rekeyed.journal_mode = DELETE")
        conn.execute("PRAGMA rekeyed.synchronous = FULL")
        conn.set_progress_handler(handler, _PROGRESS_STEPS)
        try:
            with db.tamper_errors():
                conn.execute("SELECT sqlcipher_export('rekeyed')")
        except db.DatabaseError as exc:
            if "interrupt" in str(exc).lower():
                raise plan.stopped() from exc
            raise
        finally:
            conn.set_progress_handler(None, 0)
    finally:
        conn.execute("DETACH DATABASE rekeyed")


def _finish_copy(conn: db.Connection, plan: CopyPlan) -> None:
    """Copy what sqlcipher_export leaves out (the schema version), check the copy, rewrap the signing key (when the
    key changes) and record the change, all inside the new file."""
    page_key = derive_key(plan.new_master, Purpose.SQLCIPHER)
    try:
        new = db.connect(plan.target, page_key, plan.page_size)
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
                raise RekeyLostRows(table=table)
        row = conn.execute("SELECT public_key, wrapped_private FROM identity WHERE id = 1").fetchone()
        if row is None:
            raise SigningIdentityMissing()
        identity = WrappedIdentity(public_raw=row[0], wrapped_private=row[1])
        if plan.new_master is not plan.old_master:
            identity = rewrap_identity(plan.old_master, plan.new_master, identity)
        with db.transaction(new):
            # An f-string of an int read back from SQLite; PRAGMA takes no bound parameters.
            new.execute(f"PRAGMA user_version = {version:d}")
            new.execute("UPDATE identity SET wrapped_private = ? WHERE id = 1", (identity.wrapped_private,))
            append_event(new, plan.action, details=plan.event_details)
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
