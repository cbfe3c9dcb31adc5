"""Creating, opening and locking a vault; passphrase changes; one process per vault."""

from __future__ import annotations

import itertools
import os
import stat
import subprocess
import sys
import textwrap
import unicodedata
from pathlib import Path

import pytest

from locker.crypto import header as hdr
from locker.crypto.kdf import derive_kek, normalise_passphrase
from locker.errors import (
    TamperedError,
    VaultBusyError,
    VaultExistsError,
    VaultNotFoundError,
    WeakPassphraseError,
    WrongPassphraseError,
)
from locker.vault.custody import verify_chain
from locker.vault.db import PLAINTEXT_SQLITE_MAGIC
from locker.vault.items import list_items
from locker.vault.vault import Vault
from tests.conftest import PASSPHRASE, WEAK_PARAMS, snapshot


def test_created_vault_has_header_database_and_private_permissions(vault: Vault, vault_dir: Path) -> None:
    assert (vault_dir / "header").stat().st_size == 64 * 1024
    assert (vault_dir / "vault.db").read_bytes()[:16] != PLAINTEXT_SQLITE_MAGIC
    assert stat.S_IMODE(vault_dir.stat().st_mode) == 0o700
    for name in ("header", "vault.db", "lock"):
        assert stat.S_IMODE((vault_dir / name).stat().st_mode) == 0o600, name
    assert vault.fingerprint().startswith("SHA256:")


def test_creating_over_an_existing_vault_is_refused_and_changes_nothing(closed_vault: Path) -> None:
    before = snapshot(closed_vault)
    with pytest.raises(VaultExistsError):
        Vault.create(closed_vault, "another", WEAK_PARAMS)
    assert snapshot(closed_vault) == before


def test_empty_passphrase_cannot_be_set(vault_dir: Path) -> None:
    with pytest.raises(WeakPassphraseError):
        Vault.create(vault_dir, "", WEAK_PARAMS)
    assert not vault_dir.exists()


def test_reopen_keeps_the_data_and_the_identity(vault_dir: Path) -> None:
    with Vault.create(vault_dir, PASSPHRASE, WEAK_PARAMS) as v:
        fingerprint = v.fingerprint()
    with Vault.open(vault_dir, PASSPHRASE) as v:
        assert v.fingerprint() == fingerprint
        with v.session() as conn:
            assert verify_chain(conn).ok


def test_opening_a_missing_vault_says_so(tmp_path: Path) -> None:
    with pytest.raises(VaultNotFoundError):
        Vault.open(tmp_path / "nowhere.locker", PASSPHRASE)


@pytest.mark.parametrize("wrong", ["", "x", PASSPHRASE + " ", PASSPHRASE.upper(), "ж" * 100_000])
def test_wrong_passphrase_changes_no_byte_of_the_vault(closed_vault: Path, wrong: str) -> None:
    before = snapshot(closed_vault)
    with pytest.raises(WrongPassphraseError, match="passphrase is wrong"):
        Vault.open(closed_vault, wrong)
    assert snapshot(closed_vault) == before


def test_nfd_form_of_the_passphrase_opens_a_vault_created_with_nfc(vault_dir: Path) -> None:
    phrase = "пароль с йогуртом é"
    Vault.create(vault_dir, unicodedata.normalize("NFC", phrase), WEAK_PARAMS).close()
    Vault.open(vault_dir, unicodedata.normalize("NFD", phrase)).close()


def test_plaintext_sqlite_file_in_place_of_the_database_is_refused(closed_vault: Path, tmp_path: Path) -> None:
    import sqlite3

    db_path = closed_vault / "vault.db"
    db_path.unlink()
    plain = sqlite3.connect(db_path)
    plain.execute("CREATE TABLE items (id TEXT)")
    plain.commit()
    plain.close()
    assert db_path.read_bytes()[:16] == PLAINTEXT_SQLITE_MAGIC
    before = db_path.read_bytes()
    with pytest.raises(TamperedError, match="unencrypted SQLite"):
        Vault.open(closed_vault, PASSPHRASE)
    assert db_path.read_bytes() == before


def test_second_process_on_an_open_vault_is_refused_with_a_clear_message(vault: Vault, vault_dir: Path) -> None:
    script = textwrap.dedent(
        f"""
        from pathlib import Path
        from locker.vault.vault import Vault
        from locker.errors import VaultBusyError
        try:
            Vault.open(Path({str(vault_dir)!r}), {PASSPHRASE!r})
        except VaultBusyError as exc:
            print("BUSY:", exc)
        else:
            print("OPENED")
        """
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.startswith("BUSY: This vault is already open in another Evidence Locker window or command")


def test_second_open_in_the_same_process_is_refused_too(vault: Vault, vault_dir: Path) -> None:
    with pytest.raises(VaultBusyError):
        Vault.open(vault_dir, PASSPHRASE)


def test_closing_releases_the_lock_and_wipes_the_master_key(vault_dir: Path) -> None:
    v = Vault.create(vault_dir, PASSPHRASE, WEAK_PARAMS)
    key = v.master_key
    v.close()
    assert key.wiped
    Vault.open(vault_dir, PASSPHRASE).close()


def test_after_three_passphrase_changes_no_old_passphrase_opens_the_vault(vault_dir: Path) -> None:
    phrases = ["first passphrase", "second passphrase", "third passphrase", "fourth passphrase"]
    header_path = vault_dir / "header"
    Vault.create(vault_dir, phrases[0], WEAK_PARAMS).close()
    written_slots = [hdr.parse_header(header_path.read_bytes()).slot(0)]
    inode = header_path.stat().st_ino
    for old, new in itertools.pairwise(phrases):
        with Vault.open(vault_dir, old) as v:
            v.change_passphrase(new)
        written_slots.append(hdr.parse_header(header_path.read_bytes()).slot(0))
    assert header_path.stat().st_ino == inode, "the header must be rewritten in place, not replaced"
    for old in phrases[:-1]:
        with pytest.raises(WrongPassphraseError):
            Vault.open(vault_dir, old)
    Vault.open(vault_dir, phrases[-1]).close()

    # Bypass the app: try every old passphrase, with the header's own parameters, on every raw slot.
    raw = header_path.read_bytes()
    header = hdr.parse_header(raw)
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    for old in phrases[:-1]:
        kek = derive_kek(normalise_passphrase(old), header.salt, header.params)
        for index in range(hdr.SLOT_COUNT):
            slot = header.slot(index)
            with pytest.raises(InvalidTag):
                AESGCM(kek).decrypt(slot[:12], slot[12:], raw[: hdr.FIXED_END] + bytes([index]))

    # No earlier wrapped key survives anywhere in the vault folder.
    everything = b"".join(p.read_bytes() for p in vault_dir.rglob("*") if p.is_file())
    for old_slot in written_slots[:-1]:
        assert old_slot not in everything


def test_passphrase_change_is_logged_without_secrets(vault: Vault) -> None:
    vault.change_passphrase("a brand new passphrase")
    from locker.vault.custody import events

    with vault.session() as conn:
        changes = [e for e in events(conn) if e.action == "passphrase-changed"]
    assert len(changes) == 1
    assert "brand new" not in changes[0].line


def test_header_file_missing_means_the_vault_cannot_be_opened(closed_vault: Path) -> None:
    os.unlink(closed_vault / "header")
    with pytest.raises(TamperedError, match="no key header"):
        Vault.open(closed_vault, PASSPHRASE)


def test_empty_vault_lists_nothing(vault: Vault) -> None:
    with vault.session() as conn:
        assert list_items(conn) == []


def test_create_refuses_a_folder_that_holds_other_files(tmp_path: Path) -> None:
    documents = tmp_path / "Documents"
    documents.mkdir(mode=0o755)
    (documents / "letter.txt").write_text("private")
    with pytest.raises(VaultExistsError, match="not an empty folder"):
        Vault.create(documents, PASSPHRASE, WEAK_PARAMS)
    assert sorted(p.name for p in documents.iterdir()) == ["letter.txt"]
    assert stat.S_IMODE(documents.stat().st_mode) == 0o755


def test_create_accepts_an_existing_empty_folder(tmp_path: Path) -> None:
    empty = tmp_path / "empty.locker"
    empty.mkdir()
    Vault.create(empty, PASSPHRASE, WEAK_PARAMS).close()
    Vault.open(empty, PASSPHRASE).close()
