"""Format upgrade: a vault made before key header format 2 rewritten with the current format's page size.

Format 1 vaults keep vault.db in SQLCipher's default 4 KiB pages; format 2 uses the page size
benchmarks/page_size.py chose (header.DATABASE_PAGE_SIZES). A format 1 vault opens as it is; `locker upgrade` and
the app's offer convert it with the re-key's copy-and-switch (rekey.py), the master key unchanged:

1. `vault.db-upgrade` is written by `sqlcipher_export` in the new page size, the custody event appended inside
   it, fsynced with its folder. A crash here: the header still says format 1, whose page size opens vault.db and
   not the copy; recovery deletes the copy.
2. COMMIT POINT: the header's version (and its MAC and checksum) is rewritten in place, one write in the first
   disk sector, fsynced. Every passphrase keeps working: no slot changes.
3. The old vault.db is overwritten with zeros (its blocks would otherwise outlive a later re-key), then the copy
   is renamed over it and the folder fsynced. A crash in 3: the header's page size opens the copy and not
   vault.db; recovery finishes the rename.
"""

from __future__ import annotations

from collections.abc import Callable

from locker.crypto.header import FORMAT_VERSION
from locker.crypto.secret import SecretKey
from locker.errors import DiskFullForUpgrade, UpgradeStopped
from locker.vault import db, rekey
from locker.vault.custody import Action
from locker.vault.paths import VaultPaths


def build_upgraded_database(
    conn: db.Connection,
    paths: VaultPaths,
    master: SecretKey,
    from_format: int,
    progress: rekey.Progress | None = None,
    stop: Callable[[], bool] | None = None,
) -> None:
    """Step 1: write `vault.db-upgrade`, the whole database in the current format's page size, and make it durable.
    Nothing the header names is changed; on any failure, including a stop, the partial file is removed."""
    rekey.build_copy(
        conn,
        paths,
        rekey.CopyPlan(
            target=paths.upgrade_database,
            old_master=master,
            new_master=master,
            page_size=db.CURRENT_PAGE_SIZE,
            action=Action.FORMAT_UPGRADED,
            event_details={"from_format": from_format, "to_format": FORMAT_VERSION, "page_size": db.CURRENT_PAGE_SIZE},
            what=DiskFullForUpgrade,
            stopped=UpgradeStopped,
        ),
        progress,
        stop,
    )


def finish_interrupted_upgrade(paths: VaultPaths, master: SecretKey, page_size: int) -> str | None:
    """Settle an upgrade a crash interrupted, with the page size the header's format names; what was done, in
    words."""
    settled = rekey.settle_copy(paths, paths.upgrade_database, master, page_size)
    if settled == "undone":
        return "An upgrade of the vault's format was interrupted before it took effect and has been undone."
    if settled == "completed":
        return "An upgrade of the vault's format was interrupted after it took effect and has been completed."
    return None
