"""Creating, unlocking and locking a vault; changing its passphrase.

A `Vault` object is an unlocked vault: it holds the master key, the open database and the process lock. Every
operation on the data goes through `session()` (serialised by a lock, so a GUI worker thread and the GUI thread
never share the connection at once) or `transaction()`.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

from locker import __version__
from locker.crypto.header import (
    CHECKSUM_END,
    DATABASE_PAGE_SIZES,
    FIXED_END,
    FORMAT_VERSION,
    HEADER_SIZE,
    VERSION_OFFSET,
    Header,
    SlotKind,
    build_header,
    header_with_region,
    mac_matches,
    parse_header,
    read_header_file,
    rewrap_slot,
    unlock_header,
    upgraded_region,
    write_header_region_in_place,
)
from locker.crypto.identity import WrappedIdentity, fingerprint, generate_identity
from locker.crypto.kdf import KdfFunction, KdfParams, calibrate, check_new_passphrase, derive_kek
from locker.crypto.keys import Purpose, derive_key, new_master_key
from locker.crypto.secret import SecretKey
from locker.errors import (
    DatabaseMissing,
    FolderNotEmpty,
    HeaderChangedWhileOpen,
    HeaderMissing,
    LockerError,
    PassphraseIsDuress,
    PassphraseNotSet,
    SigningIdentityMissing,
    StoppedByPanic,
    UpgradeFailed,
    VaultExistsError,
    VaultLocked,
    VaultNotFoundError,
    WrongPassphraseError,
    WrongPassphraseWipeNear,
)
from locker.fsutil import create_private_file, fsync_dir, make_private_dir
from locker.panic import attempts
from locker.panic.erase import EraseReport, crypto_erase, lock_forever
from locker.timeutil import utc_now
from locker.vault import db, pending_outputs, rekey, switch, upgrade
from locker.vault.custody import Action, append_event
from locker.vault.lock import VaultLock
from locker.vault.paths import VaultPaths
from locker.vault.schema import migrate

#: `progress(done, total)` of a re-key or an upgrade, in bytes of the database written.
Progress = rekey.Progress


def vault_exists(root: Path) -> bool:
    """True if `root` holds a vault key header."""
    return VaultPaths(root).header.exists()


class Vault:
    """An unlocked vault. Use `Vault.create` or `Vault.open`; call `close()` (or use `with`) to lock it."""

    def __init__(
        self, paths: VaultPaths, master: SecretKey, slot: int, conn: db.Connection, lock: VaultLock, format_version: int
    ):
        self.paths = paths
        self._master = master
        self._slot = slot
        self._format = format_version
        self._conn: db.Connection | None = conn
        self._lock = lock
        self._mutex = threading.RLock()
        #: Sentences about interrupted exports completed or removed when this vault was opened (for the user).
        self.recovered: list[str] = []
        self._erased = threading.Event()

    # -- lifecycle ---------------------------------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        root: Path,
        passphrase: str,
        params: KdfParams | None = None,
        kdf: KdfFunction = derive_kek,
    ) -> Vault:
        """Create a new vault at `root` and return it unlocked. `params` defaults to calibrated Argon2id cost."""
        check_new_passphrase(passphrase)
        paths = VaultPaths(root)
        if paths.header.exists() or paths.database.exists():
            raise VaultExistsError(path=str(root))
        if root.exists() and (not root.is_dir() or any(root.iterdir())):
            # Never take over (and chmod) a folder that holds other things, like ~/Documents.
            raise FolderNotEmpty(path=str(root))
        created_root = not root.exists()
        make_private_dir(root)
        lock = VaultLock(paths.lock)
        lock.acquire()
        master = new_master_key()
        try:
            header = build_header(master, passphrase, params or calibrate(), kdf)
            fd = create_private_file(paths.header)
            try:
                os.write(fd, header)
                os.fsync(fd)
            finally:
                os.close(fd)
            # SQLite would create vault.db 0o644 and give its journals the same mode: create it 0o600 first.
            os.close(create_private_file(paths.database))
            fsync_dir(root)
            conn = cls._connect(paths, master, FORMAT_VERSION)
            migrate(conn)
            identity = generate_identity(master)
            with db.transaction(conn):
                conn.execute(
                    "INSERT INTO identity (id, public_key, wrapped_private, created_at) VALUES (1, ?, ?, ?)",
                    (identity.public_raw, identity.wrapped_private, utc_now()),
                )
                append_event(
                    conn,
                    Action.CREATED,
                    details={"app_version": __version__, "signing_key": fingerprint(identity.public_raw)},
                )
        except BaseException:
            master.wipe()
            lock.release()
            for path in (paths.header, paths.database, *paths.database_side_files(), paths.lock):
                path.unlink(missing_ok=True)
            if created_root:
                shutil.rmtree(root, ignore_errors=True)
            raise
        return cls(paths, master, 0, conn, lock, FORMAT_VERSION)

    @classmethod
    def open(cls, root: Path, passphrase: str, kdf: KdfFunction = derive_kek) -> Vault:
        """Unlock the vault at `root`. A wrong passphrase changes no byte of any vault file."""
        paths = VaultPaths(root)
        if not paths.header.exists():
            if paths.database.exists():
                raise HeaderMissing(path=str(root))
            raise VaultNotFoundError(path=str(root))
        lock = VaultLock(paths.lock)
        lock.acquire()
        try:
            header = parse_header(read_header_file(paths.header))
            try:
                unlocked = unlock_header(header, passphrase, kdf)
            except WrongPassphraseError:
                left = attempts.record_failure(root)
                if left == 0:
                    lock_forever(root)  # then the same answer as any wrong passphrase, now and at every later try
                    attempts.reset(root)
                elif left is not None:
                    raise WrongPassphraseWipeNear(left=left) from None
                raise
            attempts.record_success(root)
            if unlocked.kind is SlotKind.DURESS:
                # Erase first, then answer exactly as a wrong passphrase would (now and at every later try).
                unlocked.master_key.wipe()
                lock_forever(root)
                raise WrongPassphraseError()
            if unlocked.kind is not SlotKind.OWNER:
                unlocked.master_key.wipe()
                raise WrongPassphraseError()
            try:
                page_size = header.database_page_size
                notes = [
                    rekey.finish_interrupted_rekey(paths, unlocked.master_key, page_size),
                    upgrade.finish_interrupted_upgrade(paths, unlocked.master_key, page_size),
                ]
            except BaseException:
                unlocked.master_key.wipe()
                raise
            if not paths.database.exists():
                unlocked.master_key.wipe()
                raise DatabaseMissing(path=str(root))
            try:
                conn = cls._connect(paths, unlocked.master_key, header.version)
                migrate(conn)
            except BaseException:
                unlocked.master_key.wipe()
                raise
        except BaseException:
            lock.release()
            raise
        vault = cls(paths, unlocked.master_key, unlocked.slot_index, conn, lock, header.version)
        vault.recovered = [note for note in notes if note] + vault._recover_outputs()
        return vault

    def _recover_outputs(self) -> list[str]:
        """Finish or undo exports a killed process left behind (pending_outputs.py); what was done, in words."""
        try:
            with self.transaction() as conn:
                return pending_outputs.recover(conn)
        except (LockerError, OSError) as exc:
            return [f"Interrupted exports could not be cleaned up yet ({exc}); they will be retried next time."]

    @staticmethod
    def _connect(paths: VaultPaths, master: SecretKey, format_version: int) -> db.Connection:
        page_key = derive_key(master, Purpose.SQLCIPHER)
        try:
            return db.connect(paths.database, page_key, DATABASE_PAGE_SIZES[format_version])
        finally:
            page_key.wipe()

    def close(self) -> None:
        """Lock the vault: close the database, zero the master key, release the process lock."""
        with self._mutex:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
            self._master.wipe()
            self._lock.release()

    @property
    def is_open(self) -> bool:
        return self._conn is not None

    @property
    def erased(self) -> bool:
        """True once this vault was erased: by this process, or by `locker panic` from another one (its key header
        is gone). Checked by every long operation between chunks and files (one stat per MiB)."""
        if not self._erased.is_set() and not self.paths.header.exists():
            self._erased.set()
        return self._erased.is_set()

    def stop_if_erased(self) -> None:
        if self.erased:
            raise StoppedByPanic()

    @property
    def format_version(self) -> int:
        """The key header format this vault has on disk; it says vault.db's page size."""
        return self._format

    @property
    def needs_upgrade(self) -> bool:
        """True for a vault made before the current format: it works, and `upgrade()` makes it faster to import
        into."""
        return self._format != FORMAT_VERSION

    @property
    def slot(self) -> int:
        """The keyslot this session was unlocked with."""
        return self._slot

    def erase(self) -> EraseReport:
        """Panic: destroy the header now (no mutex, no waiting for a running import), then zero the key and close.

        The database connection is closed when no other thread is using it; until then it can only fail, because
        its files are gone.
        """
        self._erased.set()  # long operations stop at their next chunk or file
        report = crypto_erase(self.paths.root)
        self._master.wipe()
        if self._mutex.acquire(blocking=False):
            try:
                if self._conn is not None:
                    self._conn.close()
                    self._conn = None
            finally:
                self._mutex.release()
        self._lock.release()
        return report

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- data access -------------------------------------------------------------------------------------------

    @contextlib.contextmanager
    def session(self) -> Iterator[db.Connection]:
        """The database connection, held exclusively for the duration of the `with` block."""
        with self._mutex:
            if self._conn is None:
                raise VaultLocked()
            try:
                with db.tamper_errors():
                    yield self._conn
            except (LockerError, db.DatabaseError):
                if self.erased:  # its files are gone: whatever the database said, the cause is the panic
                    raise StoppedByPanic() from None
                raise

    @contextlib.contextmanager
    def transaction(self) -> Iterator[db.Connection]:
        """A write transaction; rolled back on any exception, including Ctrl-C."""
        with self.session() as conn, db.transaction(conn):
            yield conn

    @property
    def master_key(self) -> SecretKey:
        """For modules that derive purpose keys (signing, ...). Never log or store it."""
        return self._master

    def identity(self) -> WrappedIdentity:
        with self.session() as conn:
            row = conn.execute("SELECT public_key, wrapped_private FROM identity WHERE id = 1").fetchone()
        if row is None:
            raise SigningIdentityMissing()
        return WrappedIdentity(public_raw=row[0], wrapped_private=row[1])

    def fingerprint(self) -> str:
        """The signing key fingerprint that counsel compares, as `ssh-keygen -l` prints it."""
        return fingerprint(self.identity().public_raw)

    # -- passphrase --------------------------------------------------------------------------------------------

    def change_passphrase(self, new_passphrase: str, kdf: KdfFunction = derive_kek) -> None:
        """Rewrap the same master key in this vault's slot, in place, and fsync.

        The old passphrase stops opening this header; a copy of the header taken before still opens the vault
        with it (use `rekey` to make such copies useless).
        """
        check_new_passphrase(new_passphrase)
        with self._mutex:
            header = parse_header(read_header_file(self.paths.header))
            _refuse_duress_passphrase(header, new_passphrase, kdf)
            region = self._new_owner_region(header, self._master, new_passphrase, kdf)
            write_header_region_in_place(self.paths.header, FIXED_END, region)
            with self.transaction() as conn:
                append_event(conn, Action.PASSPHRASE_CHANGED, details={"slot": self._slot})

    @contextlib.contextmanager
    def header_change(self) -> Iterator[None]:
        """Hold the vault while its key header is read, changed and written (duress set/clear): a re-key or a
        passphrase change running meanwhile would otherwise be undone by a header read before it."""
        with self._mutex:
            if self._conn is None:
                raise VaultLocked()
            yield

    def check_passphrase(self, passphrase: str, kdf: KdfFunction = derive_kek) -> None:
        """Raise WrongPassphraseError unless `passphrase` is the one this session was unlocked with (the app asks
        for it again before a change, so a laptop left unlocked does not let anyone lock its owner out)."""
        header = parse_header(read_header_file(self.paths.header))
        found = unlock_header(header, passphrase, kdf)
        same = found.slot_index == self._slot and found.master_key.equals(self._master.buffer)
        found.master_key.wipe()
        if not same:
            raise WrongPassphraseError()

    def _new_owner_region(self, header: Header, master: SecretKey, passphrase: str, kdf: KdfFunction) -> bytes:
        region = rewrap_slot(header, master, self._slot, passphrase, SlotKind.OWNER, kdf)
        # Prove the new bytes open before they replace the only copy of the wrapped key.
        check = unlock_header(header_with_region(header, FIXED_END, region), passphrase, kdf)
        same = check.master_key.equals(master.buffer)
        check.master_key.wipe()
        if not same:
            raise PassphraseNotSet()
        return region

    def rekey(
        self,
        new_passphrase: str,
        progress: rekey.Progress | None = None,
        cancel: threading.Event | None = None,
        kdf: KdfFunction = derive_kek,
    ) -> None:
        """Set `new_passphrase` (it may be the current one) and re-encrypt everything under a new master key.

        Afterwards no copy of the header or the database from before opens anything written since, and a copy of
        the header from before does not open the database now on disk. The order of steps that keeps a crash at
        any moment recoverable with the old or the new passphrase is described in rekey.py. `progress(done, total)`
        counts bytes of the database written; `cancel` stops it (nothing changed) until the header switch.
        """
        check_new_passphrase(new_passphrase)
        with self._mutex:
            conn = self._conn
            if conn is None:
                raise VaultLocked()
            header = parse_header(read_header_file(self.paths.header))
            _refuse_duress_passphrase(header, new_passphrase, kdf)
            new_master = new_master_key()
            try:
                region = self._new_owner_region(header, new_master, new_passphrase, kdf)
                rekey.build_rekeyed_database(
                    conn,
                    self.paths,
                    self._master,
                    new_master,
                    {"slot": self._slot, "new_key": True},
                    progress,
                    lambda: (cancel is not None and cancel.is_set()) or self.erased,
                    DATABASE_PAGE_SIZES[self._format],
                )
            except BaseException:
                new_master.wipe()
                raise
            self._switch(conn, self.paths.rekey_database, (FIXED_END, region), new_master, self._format)

    def upgrade(self, progress: Progress | None = None, cancel: threading.Event | None = None) -> None:
        """Rewrite a vault made before the current format in the current format's page size (upgrade.py).

        Every passphrase keeps working and the master key stays the same; the custody log records the upgrade. A
        crash at any moment leaves a vault that opens, in the old format or the new one. `progress(done, total)`
        counts bytes of the database written; `cancel` stops it (nothing changed) until the header switch.
        """
        with self._mutex:
            conn = self._conn
            if conn is None:
                raise VaultLocked()
            if not self.needs_upgrade:
                return
            header = parse_header(read_header_file(self.paths.header))
            if header.version != self._format:
                raise HeaderChangedWhileOpen()
            region = upgraded_region(header, self._master)
            # Prove the new bytes are a header this key accepts before they replace the only copy of it.
            upgraded = header_with_region(header, VERSION_OFFSET, region)
            if not (upgraded.is_current_format and mac_matches(upgraded, self._master)):
                raise UpgradeFailed()
            upgrade.build_upgraded_database(
                conn,
                self.paths,
                self._master,
                self._format,
                progress,
                lambda: (cancel is not None and cancel.is_set()) or self.erased,
            )
            self._switch(conn, self.paths.upgrade_database, (VERSION_OFFSET, region), self._master, FORMAT_VERSION)

    def _switch(
        self,
        conn: db.Connection,
        copy: Path,
        header_write: tuple[int, bytes],
        new_master: SecretKey,
        new_format: int,
    ) -> None:
        """locker.vault.switch, then this object uses `new_master` and `new_format` (or, after a failure, what the
        header on disk says)."""
        # Windows cannot rename over an open file; nothing may write the old database from here on.
        conn.close()
        self._conn = None
        try:
            switch.switch_to_copy(self.paths, copy, header_write)
        except BaseException:
            if self.erased:  # the panic removed the files under the switch: nothing to settle, the key is gone
                switch.remove_after_panic(self.paths)
                raise StoppedByPanic() from None
            self._settle_after_failed_switch(header_write, new_master, new_format)
            raise
        if self.erased:
            switch.remove_after_panic(self.paths)
            raise StoppedByPanic()
        if new_master is not self._master:
            self._master.wipe()
            self._master = new_master
        self._format = new_format
        self._conn = self._connect(self.paths, new_master, new_format)

    def _settle_after_failed_switch(
        self, header_write: tuple[int, bytes], new_master: SecretKey, new_format: int
    ) -> None:
        """After a failed switch (a full disk, an I/O error): the key and format the header on disk now holds."""
        switched = switch.header_switched(self.paths, header_write)
        keep, drop = (new_master, self._master) if switched else (self._master, new_master)
        keep_format = new_format if switched else self._format
        if switch.finish_after_failed_switch(self.paths, keep, keep_format):
            with contextlib.suppress(LockerError, OSError):
                self._conn = self._connect(self.paths, keep, keep_format)
        if drop is not keep:
            drop.wipe()
        self._master = keep
        self._format = keep_format


def _refuse_duress_passphrase(header: Header, passphrase: str, kdf: KdfFunction) -> None:
    """The duress passphrase must never become the real one: typing "duress" would then open the vault."""
    try:
        found = unlock_header(header, passphrase, kdf)
    except WrongPassphraseError:
        return
    found.master_key.wipe()
    if found.kind is SlotKind.DURESS:
        raise PassphraseIsDuress()


assert CHECKSUM_END < 4096 <= HEADER_SIZE, "the rewritten header region must stay within one disk block"
