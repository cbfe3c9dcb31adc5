"""The duress passphrase: a keyslot that, when used, erases the vault and then fails like a wrong passphrase.

Opt-in, with a warning the user must read: destroying evidence on demand can itself be prosecuted. Which slot
holds the duress passphrase is recorded only inside the encrypted database; nothing is written to the custody log,
which goes to counsel and court.
"""

from __future__ import annotations

import secrets

from locker.crypto.header import (
    FIXED_END,
    SLOT_COUNT,
    clear_slot,
    new_duress_slot,
    parse_header,
    read_header_file,
    unlock_header,
    write_header_region_in_place,
)
from locker.crypto.kdf import KdfFunction, check_new_passphrase, derive_kek
from locker.errors import DuressPassphraseOpensVault, WrongPassphraseError
from locker.vault.vault import Vault

DURESS_WARNING = (
    "A duress passphrase destroys this vault when it is typed in, and cannot be undone. In many countries, "
    "destroying evidence when the police demand access is a crime of its own, and it may be obvious that it was "
    "done. Set one only if you have thought about this, ideally with your lawyer."
)


def _stored_slot(vault: Vault) -> int | None:
    with vault.session() as conn:
        row = conn.execute("SELECT value FROM meta WHERE key = 'duress_slot'").fetchone()
    return int(row[0]) if row else None


def has_duress(vault: Vault) -> bool:
    return _stored_slot(vault) is not None


def set_duress(vault: Vault, passphrase: str, kdf: KdfFunction = derive_kek) -> None:
    """Create (or replace) the duress slot. The passphrase must not already open the vault."""
    check_new_passphrase(passphrase)
    with vault.header_change():  # the header is read and written as one step: a re-key cannot slip in between
        header = parse_header(read_header_file(vault.paths.header))
        try:
            unlock_header(header, passphrase, kdf)
        except WrongPassphraseError:
            pass
        else:
            raise DuressPassphraseOpensVault()
        index = _stored_slot(vault)
        if index is None:
            free = [i for i in range(SLOT_COUNT) if i != vault.slot]
            index = free[secrets.randbelow(len(free))]
        region = new_duress_slot(header, vault.master_key, index, passphrase, kdf)
        write_header_region_in_place(vault.paths.header, FIXED_END, region)
        with vault.transaction() as conn:
            conn.execute(
                "INSERT INTO meta (key, value) VALUES ('duress_slot', ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (str(index),),
            )


def clear_duress(vault: Vault) -> bool:
    """Remove the duress slot (fill it with random bytes). False if there was none."""
    with vault.header_change():
        index = _stored_slot(vault)
        if index is None:
            return False
        header = parse_header(read_header_file(vault.paths.header))
        write_header_region_in_place(vault.paths.header, FIXED_END, clear_slot(header, vault.master_key, index))
        with vault.transaction() as conn:
            conn.execute("DELETE FROM meta WHERE key = 'duress_slot'")
        return True
