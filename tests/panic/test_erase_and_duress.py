"""Crypto-erase, `locker panic`, and the duress passphrase."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from locker.crypto import header as hdr
from locker.errors import LockerError, WrongPassphraseError
from locker.ingest.importer import ImportOptions, import_files
from locker.panic.channel import socket_path
from locker.panic.duress import clear_duress, has_duress, set_duress
from locker.panic.erase import crypto_erase
from locker.vault.vault import Vault
from tests.conftest import PASSPHRASE, WEAK_PARAMS, run_cli, write_file

DURESS = "the duress words"


def test_crypto_erase_destroys_the_header_first_and_removes_the_vault(closed_vault: Path) -> None:
    old_header = (closed_vault / "header").read_bytes()
    report = crypto_erase(closed_vault)
    assert report.header_destroyed and report.header_seconds is not None
    assert report.removed[0] == "header" and "vault.db" in report.removed
    assert not closed_vault.exists()
    leftovers = b"".join(p.read_bytes() for p in closed_vault.parent.rglob("*") if p.is_file())
    assert old_header[hdr.FIXED_END : hdr.SLOTS_END] not in leftovers


def test_erase_of_an_open_vault_zeroes_the_key(vault_dir: Path, tmp_path: Path) -> None:
    vault = Vault.create(vault_dir, PASSPHRASE, WEAK_PARAMS)
    import_files(vault, [write_file(tmp_path / "a.txt", b"evidence")], ImportOptions(extract_metadata=False))
    key = vault.master_key
    vault.erase()
    assert key.wiped
    assert not vault_dir.exists()
    with pytest.raises(LockerError):
        Vault.open(vault_dir, PASSPHRASE)


def test_locker_panic_needs_no_passphrase(closed_vault: Path) -> None:
    result = run_cli("panic", vault=closed_vault, stdin="")
    assert result.returncode == 0, result
    assert "key header destroyed in" in result.stdout
    assert not (closed_vault / "header").exists()
    again = run_cli("panic", vault=closed_vault, stdin="")
    assert again.returncode == 0 and "no vault to erase" in again.stdout


def test_locker_panic_reaches_a_running_process_that_has_the_vault_open(closed_vault: Path) -> None:
    """A process holding the vault open (as the GUI does) gets the message, zeroes its key and exits."""
    script = textwrap.dedent(
        f"""
        import sys, threading
        from pathlib import Path
        from locker.panic.channel import PanicListener, PanicMode
        from locker.vault.vault import Vault
        vault = Vault.open(Path({str(closed_vault)!r}), {PASSPHRASE!r})
        done = threading.Event()
        def on_panic(mode):
            vault.erase() if mode is PanicMode.ERASE else vault.close()
            print("panic", mode.value, "key wiped:", vault.master_key.wiped, flush=True)
            done.set()
        listener = PanicListener(vault.paths.root, on_panic)
        print("ready", flush=True)
        done.wait(30)
        listener.close()
        """
    )
    app = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert app.stdout is not None
    assert app.stdout.readline().strip() == "ready"
    assert socket_path(closed_vault).exists()
    result = run_cli("panic", vault=closed_vault, stdin="")
    assert result.returncode == 0
    assert app.stdout.readline().strip() == "panic erase key wiped: True"
    assert app.wait(10) == 0
    assert not closed_vault.exists()
    assert not socket_path(closed_vault).exists()


def test_lock_only_panic_leaves_the_vault_on_disk(closed_vault: Path) -> None:
    result = run_cli("panic", "--lock-only", vault=closed_vault, stdin="")
    assert result.returncode == 0 and "No running app" in result.stdout
    Vault.open(closed_vault, PASSPHRASE).close()


def test_duress_passphrase_erases_and_then_looks_like_a_wrong_one(closed_vault: Path) -> None:
    with Vault.open(closed_vault, PASSPHRASE) as vault:
        set_duress(vault, DURESS)
        assert has_duress(vault)
    Vault.open(closed_vault, PASSPHRASE).close()  # the real passphrase still works
    before = (closed_vault / "header").read_bytes()
    with pytest.raises(WrongPassphraseError) as duress_error:
        Vault.open(closed_vault, DURESS)
    assert str(duress_error.value) == str(WrongPassphraseError())
    assert_locked_forever(closed_vault, before)


def assert_locked_forever(root: Path, before: bytes, counting: bool = False) -> None:
    """What an erase by duress or wipe-after leaves: a vault that looks like one whose passphrase is not known.
    The header is well-formed, the same size, with the same KDF parameters, and no slot of it is the old one; every
    later try - the owner's real passphrase too - gets exactly the wrong-passphrase answer (with wipe-after still on,
    `counting`, the same count-down any locked vault with wipe-after shows)."""
    after = (root / "header").read_bytes()
    assert len(after) == len(before) == hdr.HEADER_SIZE and after[:24] == before[:24]
    hdr.parse_header(after)  # well-formed: nothing says an erase happened
    old_slots = {before[hdr.FIXED_END + i * hdr.SLOT_SIZE : hdr.FIXED_END + (i + 1) * hdr.SLOT_SIZE] for i in range(4)}
    new_slots = {after[hdr.FIXED_END + i * hdr.SLOT_SIZE : hdr.FIXED_END + (i + 1) * hdr.SLOT_SIZE] for i in range(4)}
    assert not old_slots & new_slots
    for attempt in (PASSPHRASE, DURESS, "guess"):
        with pytest.raises(WrongPassphraseError) as error:
            Vault.open(root, attempt)
        if counting:
            assert str(error.value).startswith(str(WrongPassphraseError()))
        else:
            assert str(error.value) == str(WrongPassphraseError())
    assert (root / "vault.db").exists()  # ciphertext whose key is gone


def test_duress_slot_wraps_a_decoy_not_the_master_key(closed_vault: Path) -> None:
    """Whoever learns the duress passphrase cannot open a copy of the vault made earlier."""
    with Vault.open(closed_vault, PASSPHRASE) as vault:
        set_duress(vault, DURESS)
        master = bytes(vault.master_key.buffer)
    header = hdr.parse_header((closed_vault / "header").read_bytes())
    unlocked = hdr.unlock_header(header, DURESS)
    assert unlocked.kind is hdr.SlotKind.DURESS
    assert not unlocked.master_key.equals(master)


def test_duress_cannot_be_the_real_passphrase_and_can_be_cleared(closed_vault: Path) -> None:
    with Vault.open(closed_vault, PASSPHRASE) as vault:
        with pytest.raises(LockerError, match="already opens the vault"):
            set_duress(vault, PASSPHRASE)
        set_duress(vault, DURESS)
        assert clear_duress(vault)
        assert not has_duress(vault)
    with pytest.raises(WrongPassphraseError):
        Vault.open(closed_vault, DURESS)
    assert (closed_vault / "header").exists(), "a cleared duress passphrase is just a wrong one"


def test_headers_with_and_without_duress_share_every_visible_trait(tmp_path: Path) -> None:
    plain_dir, duress_dir = tmp_path / "plain.locker", tmp_path / "duress.locker"
    Vault.create(plain_dir, PASSPHRASE, WEAK_PARAMS).close()
    with Vault.create(duress_dir, PASSPHRASE, WEAK_PARAMS) as vault:
        set_duress(vault, DURESS)
    plain, duress = (d.joinpath("header").read_bytes() for d in (plain_dir, duress_dir))
    assert len(plain) == len(duress) == hdr.HEADER_SIZE
    assert plain[:24] == duress[:24]  # magic, version, parameters; everything after is salt, random or AEAD output
    for raw in (plain, duress):
        slots = [raw[hdr.FIXED_END + i * hdr.SLOT_SIZE : hdr.FIXED_END + (i + 1) * hdr.SLOT_SIZE] for i in range(4)]
        assert len(set(slots)) == 4 and all(len(s) == hdr.SLOT_SIZE for s in slots)


def test_cli_duress_set_prints_the_legal_warning(closed_vault: Path) -> None:
    result = run_cli("duress", "set", "--passphrase-stdin", vault=closed_vault, stdin=f"{PASSPHRASE}\n{DURESS}\n")
    assert result.returncode == 0, result
    assert "crime of its own" in result.stderr
    wrong = run_cli("list", "--passphrase-stdin", vault=closed_vault, stdin=DURESS + "\n")
    assert wrong.returncode == 1 and "passphrase is wrong" in wrong.stderr
    owner = run_cli("list", "--passphrase-stdin", vault=closed_vault, stdin=PASSPHRASE + "\n")
    assert owner.returncode == 1 and owner.stderr == wrong.stderr  # the same answer, also for the owner


def test_erase_time_does_not_grow_with_the_vault(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Not a timing claim (see benchmarks/panic_erase.py): the erase touches the header, never the data pages."""
    small, big = tmp_path / "s.locker", tmp_path / "b.locker"
    for root, size in ((small, 1), (big, 64 << 20)):
        with Vault.create(root, PASSPHRASE, WEAK_PARAMS) as vault:
            import_files(
                vault, [write_file(tmp_path / f"{root.name}.bin", bytes(size))], ImportOptions(extract_metadata=False)
            )
    written: list[int] = []
    real_pwrite = os.pwrite

    def counting_pwrite(fd: int, data: bytes, offset: int) -> int:
        written.append(len(data))
        return real_pwrite(fd, data, offset)

    monkeypatch.setattr(os, "pwrite", counting_pwrite)
    assert crypto_erase(small).header_destroyed and crypto_erase(big).header_destroyed
    assert written == [hdr.HEADER_SIZE, hdr.HEADER_SIZE]


def test_wrong_passphrases_in_a_row_erase_only_when_enabled(closed_vault: Path) -> None:
    for _ in range(5):
        with pytest.raises(WrongPassphraseError):
            Vault.open(closed_vault, "guess")
    assert (closed_vault / "header").exists(), "off by default"
    assert run_cli("wipe-after", "--passphrase-stdin", "3", vault=closed_vault, stdin=PASSPHRASE + "\n").returncode == 0
    for _ in range(2):
        with pytest.raises(WrongPassphraseError):
            Vault.open(closed_vault, "guess")
    Vault.open(closed_vault, PASSPHRASE).close()  # a success resets the count
    for _ in range(2):
        with pytest.raises(WrongPassphraseError):
            Vault.open(closed_vault, "guess")
    assert (closed_vault / "header").exists()
    before = (closed_vault / "header").read_bytes()
    with pytest.raises(WrongPassphraseError):
        Vault.open(closed_vault, "guess")
    assert_locked_forever(closed_vault, before, counting=True)


def test_wipe_after_can_be_turned_off(closed_vault: Path) -> None:
    assert run_cli("wipe-after", "--passphrase-stdin", "1", vault=closed_vault, stdin=PASSPHRASE + "\n").returncode == 0
    assert (closed_vault / "attempts").exists()
    assert (
        run_cli("wipe-after", "--passphrase-stdin", "off", vault=closed_vault, stdin=PASSPHRASE + "\n").returncode == 0
    )
    with pytest.raises(WrongPassphraseError):
        Vault.open(closed_vault, "guess")
    assert (closed_vault / "header").exists()
    bad = run_cli("wipe-after", "--passphrase-stdin", "many", vault=closed_vault, stdin=PASSPHRASE + "\n")
    assert bad.returncode == 2
