"""Where a vault's files live."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

VAULT_SUFFIX = ".locker"
ENV_VAULT = "LOCKER_VAULT"


@dataclass(frozen=True)
class VaultPaths:
    """The files of one vault directory `<name>.locker/`."""

    root: Path

    @property
    def header(self) -> Path:
        return self.root / "header"

    @property
    def database(self) -> Path:
        return self.root / "vault.db"

    @property
    def rekey_database(self) -> Path:
        """The database being re-encrypted under a new master key (rekey.py). Matches `vault.db-*`, so a panic
        erase removes it with the journals."""
        return self.root / "vault.db-rekey"

    @property
    def upgrade_database(self) -> Path:
        """The database being rewritten in the current format's page size (upgrade.py). Matches `vault.db-*`, so a
        panic erase removes it with the journals."""
        return self.root / "vault.db-upgrade"

    @property
    def lock(self) -> Path:
        return self.root / "lock"

    def database_side_files(self) -> list[Path]:
        """SQLCipher's journal / WAL files, whichever exist."""
        return sorted(self.root.glob("vault.db-*"))


def default_vault_dir() -> Path:
    """The user's default vault: `$LOCKER_VAULT`, else `<user data dir>/locker/default.locker`."""
    override = os.environ.get(ENV_VAULT)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir("locker", appauthor=False)) / f"default{VAULT_SUFFIX}"
