"""Re-key (`passwd --rekey`): a new master key, so a header copy from before opens nothing; and the duress and
owner passphrases can never be the same one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from locker.crypto.header import FIXED_END, SLOT_SIZE, SlotKind, parse_header, read_header_file, unlock_header
from locker.crypto.identity import unwrap_identity
from locker.crypto.keys import new_master_key
from locker.crypto.secret import SecretKey
from locker.errors import Interrupted, LockerError, TamperedError, WrongPassphraseError
from locker.ingest.importer import ImportOptions, import_files
from locker.panic.duress import set_duress
from locker.vault import rekey as rekey_module
from locker.vault import vault as vault_module
from locker.vault.check import check_vault
from locker.vault.custody import events
from locker.vault.items import list_items
from locker.vault.rekey import opens
from locker.vault.vault import Vault
from tests.conftest import PASSPHRASE, WEAK_PARAMS, run_cli, write_file

NEW = "a brand new passphrase"
DURESS = "the duress words here"
STDIN = f"{PASSPHRASE}\n"


def _import(root: Path, source: Path, passphrase: str = PASSPHRASE) -> None:
    result = run_cli("import", "--passphrase-stdin", "--no-metadata", str(source), vault=root, stdin=passphrase + "\n")
    assert result.returncode == 0, result


def _with_header(root: Path, header: bytes, where: Path) -> Path:
    """A copy of the vault folder as it is now, but with `header` in place of its own (a seized old header)."""
    shutil.copytree(root, where)
    (where / "lock").unlink(missing_ok=True)
    (where / "header").write_bytes(header)
    return where


def test_a_header_copy_from_before_passwd_rekey_opens_nothing_afterwards(closed_vault: Path, tmp_path: Path) -> None:
    _import(closed_vault, write_file(tmp_path / "before.bin", os.urandom(200_000)))
    old_header = (closed_vault / "header").read_bytes()

    result = run_cli("passwd", "--rekey", "--passphrase-stdin", vault=closed_vault, stdin=f"{PASSPHRASE}\n{NEW}\n")
    assert result.returncode == 0, result
    assert "re-encrypted under a new key" in result.stdout
    assert "opens nothing on this disk now" in result.stdout
    _import(closed_vault, write_file(tmp_path / "after.bin", os.urandom(200_000)), NEW)

    # Nothing on disk now opens with the old header and the old passphrase: not the database, not the signing key.
    old = unlock_header(parse_header(old_header), PASSPHRASE)
    try:
        assert not opens(closed_vault / "vault.db", old.master_key)
        with Vault.open(closed_vault, NEW) as vault:
            with vault.session() as conn:
                assert len(list_items(conn)) == 2
            with pytest.raises(TamperedError):
                unwrap_identity(old.master_key, vault.identity())
    finally:
        old.master_key.wipe()
    seized = _with_header(closed_vault, old_header, tmp_path / "seized.locker")
    with pytest.raises(TamperedError):
        Vault.open(seized, PASSPHRASE)
    with pytest.raises(WrongPassphraseError):
        Vault.open(closed_vault, PASSPHRASE)
    assert sorted(p.name for p in closed_vault.iterdir()) == ["header", "lock", "vault.db"]


def test_plain_passwd_says_truthfully_that_an_old_header_copy_still_opens(closed_vault: Path, tmp_path: Path) -> None:
    old_header = (closed_vault / "header").read_bytes()
    result = run_cli("passwd", "--passphrase-stdin", vault=closed_vault, stdin=f"{PASSPHRASE}\n{NEW}\n")
    assert result.returncode == 0, result
    assert "a copy of the header taken before this change still opens it with the old passphrase" in result.stdout
    assert "--rekey" in result.stdout
    _import(closed_vault, write_file(tmp_path / "later.bin", os.urandom(10_000)), NEW)
    # What the message warns about: the old header copy opens even the item added after the change.
    seized = _with_header(closed_vault, old_header, tmp_path / "seized.locker")
    with Vault.open(seized, PASSPHRASE) as vault, vault.session() as conn:
        assert len(list_items(conn)) == 1


def test_rekey_keeps_every_item_the_signing_key_and_the_custody_chain(vault: Vault, tmp_path: Path) -> None:
    import_files(vault, [write_file(tmp_path / "a.bin", os.urandom(3_000_000))], ImportOptions(extract_metadata=False))
    fingerprint = vault.fingerprint()
    seen: list[tuple[int, int]] = []
    vault.rekey(NEW, lambda done, total: seen.append((done, total)))
    assert seen and seen[-1][0] == seen[-1][1]
    assert vault.fingerprint() == fingerprint
    unwrap_identity(vault.master_key, vault.identity())  # the rewrapped signing key opens with the new key
    report = check_vault(vault)
    assert report.ok, report.problems
    assert report.items_checked == 1
    with vault.session() as conn:
        last = [e for e in events(conn) if e.action == "passphrase-changed"][-1]
    assert last.details == {"slot": 0, "new_key": True}
    root = vault.paths.root
    vault.close()
    with Vault.open(root, NEW) as reopened:
        assert reopened.fingerprint() == fingerprint
        assert check_vault(reopened).ok


def test_rekey_to_the_same_passphrase_still_makes_old_header_copies_useless(vault: Vault) -> None:
    old_header = vault.paths.header.read_bytes()
    vault.rekey(PASSPHRASE)
    old = unlock_header(parse_header(old_header), PASSPHRASE)
    try:
        assert not old.master_key.equals(vault.master_key.buffer)
        assert not opens(vault.paths.database, old.master_key)
    finally:
        old.master_key.wipe()


def test_rekey_rewrites_only_the_owner_slot_and_the_duress_slot_still_erases(vault: Vault) -> None:
    set_duress(vault, DURESS)
    before = vault.paths.header.read_bytes()
    vault.rekey(NEW)
    after = vault.paths.header.read_bytes()
    changed = [i for i in range(4) if before[FIXED_END + i * SLOT_SIZE : FIXED_END + (i + 1) * SLOT_SIZE]
               != after[FIXED_END + i * SLOT_SIZE : FIXED_END + (i + 1) * SLOT_SIZE]]  # fmt: skip
    # Unused and duress slots look alike to someone comparing the two header copies: neither changed.
    assert changed == [vault.slot]
    assert before[:FIXED_END] == after[:FIXED_END]
    duress = unlock_header(parse_header(after), DURESS)
    assert duress.kind is SlotKind.DURESS
    assert not duress.master_key.equals(vault.master_key.buffer)  # still a decoy, never the real key
    duress.master_key.wipe()
    root = vault.paths.root
    vault.close()
    with pytest.raises(WrongPassphraseError):
        Vault.open(root, DURESS)
    with pytest.raises(WrongPassphraseError):  # erased: the new owner passphrase opens nothing any more either
        Vault.open(root, NEW)


@pytest.mark.parametrize("rekey", [False, True])
def test_passwd_refuses_the_duress_passphrase_and_changes_nothing(vault: Vault, rekey: bool) -> None:
    set_duress(vault, DURESS)
    header = vault.paths.header.read_bytes()
    database = vault.paths.database.read_bytes()
    with pytest.raises(LockerError, match="duress passphrase"):
        if rekey:
            vault.rekey(DURESS)
        else:
            vault.change_passphrase(DURESS)
    assert vault.paths.header.read_bytes() == header
    assert vault.paths.database.read_bytes() == database
    assert not vault.paths.rekey_database.exists()


def test_passwd_and_duress_set_refuse_each_others_passphrase_on_the_command_line(closed_vault: Path) -> None:
    refused = run_cli("duress", "set", "--passphrase-stdin", vault=closed_vault, stdin=f"{PASSPHRASE}\n{PASSPHRASE}\n")
    assert refused.returncode == 1, refused
    assert "already opens the vault" in refused.stderr
    duress = run_cli("duress", "set", "--passphrase-stdin", vault=closed_vault, stdin=f"{STDIN}{DURESS}\n")
    assert duress.returncode == 0, duress
    header = (closed_vault / "header").read_bytes()
    for extra in ((), ("--rekey",)):
        result = run_cli("passwd", *extra, "--passphrase-stdin", vault=closed_vault, stdin=f"{STDIN}{DURESS}\n")
        assert result.returncode == 1, result
        assert "duress passphrase" in result.stderr
        assert (closed_vault / "header").read_bytes() == header
    # The duress passphrase still erases; the owner's still opens.
    assert run_cli("list", "--passphrase-stdin", vault=closed_vault, stdin=STDIN).returncode == 0


def test_a_stopped_rekey_changes_nothing_and_the_vault_stays_usable(vault: Vault, tmp_path: Path) -> None:
    import_files(vault, [write_file(tmp_path / "a.bin", os.urandom(2_000_000))], ImportOptions(extract_metadata=False))
    header = vault.paths.header.read_bytes()
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Interrupted):
        vault.rekey(NEW, cancel=cancel)
    assert vault.paths.header.read_bytes() == header
    assert not vault.paths.rekey_database.exists()
    assert check_vault(vault).ok
    root = vault.paths.root
    vault.close()
    Vault.open(root, PASSPHRASE).close()


def test_a_failed_rename_after_the_header_switch_leaves_the_new_passphrase_working(
    vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_replace = Path.replace
    calls = []

    def failing_replace(self: Path, target: Path) -> Path:
        calls.append(self)
        if len(calls) == 1:
            raise OSError(5, "Input/output error")
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", failing_replace)
    with pytest.raises(OSError):
        vault.rekey(NEW)
    # This session settled on the key the header now holds (the rename was retried by recovery) and still works.
    assert check_vault(vault).ok
    root = vault.paths.root
    vault.close()
    with pytest.raises(WrongPassphraseError):
        Vault.open(root, PASSPHRASE)
    Vault.open(root, NEW).close()


def _child(root: Path, current: str, new: str, die_at: str | None = None) -> subprocess.CompletedProcess[str]:
    args = [sys.executable, "-m", "tests.rekey_child", str(root)] + (["--die-at", die_at] if die_at else [])
    return subprocess.run(args, input=f"{current}\n{new}\n", capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.parametrize(
    ("die_at", "opens_with", "recovery"),
    [
        ("export", PASSPHRASE, "undone"),
        ("before-switch", PASSPHRASE, "undone"),
        ("after-header", NEW, "completed"),
        ("after-rename", NEW, None),
    ],
)
def test_kill_9_at_each_step_of_the_switch_leaves_exactly_one_passphrase_working(
    closed_vault: Path, tmp_path: Path, die_at: str, opens_with: str, recovery: str | None
) -> None:
    _import(closed_vault, write_file(tmp_path / "a.bin", os.urandom(4_000_000)))
    result = _child(closed_vault, PASSPHRASE, NEW, die_at)
    assert result.returncode == -9, result
    assert "ready" in result.stdout and "done" not in result.stdout
    other = NEW if opens_with == PASSPHRASE else PASSPHRASE
    with pytest.raises(WrongPassphraseError):
        Vault.open(closed_vault, other)
    with Vault.open(closed_vault, opens_with) as vault:
        if recovery is None:
            assert not any("re-encryption" in sentence for sentence in vault.recovered)
        else:
            assert any(recovery in sentence for sentence in vault.recovered), vault.recovered
        assert not vault.paths.rekey_database.exists()
    checked = run_cli("check", "--passphrase-stdin", vault=closed_vault, stdin=opens_with + "\n")
    assert checked.returncode == 0, checked
    assert "1 items" in checked.stdout


def test_the_app_offers_rekey_by_default_only_for_a_vault_that_is_quick_to_re_encrypt(
    vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert rekey_module.rekey_is_quick(vault.paths)
    monkeypatch.setattr(rekey_module, "QUICK_REKEY_BYTES", 1000)
    assert not rekey_module.rekey_is_quick(vault.paths)


def test_weak_params_fixture_is_what_the_child_vault_uses(closed_vault: Path) -> None:
    # The subprocess tests rely on the header's own (weak) parameters: no environment switch makes them fast.
    assert parse_header(read_header_file(closed_vault / "header")).params == WEAK_PARAMS


def test_the_old_master_key_is_wiped_after_a_rekey_and_the_new_one_after_a_stop(
    vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = vault.master_key
    old_buffer = old.buffer
    vault.rekey(NEW)
    assert old.wiped and not any(old_buffer)
    assert not vault.master_key.wiped
    made: list[SecretKey] = []

    def tracking() -> SecretKey:
        made.append(new_master_key())
        return made[-1]

    monkeypatch.setattr(vault_module, "new_master_key", tracking)
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Interrupted):
        vault.rekey(PASSPHRASE, cancel=cancel)
    assert len(made) == 1 and made[0].wiped
    assert not vault.master_key.wiped


def test_a_duress_change_during_a_rekey_waits_and_both_take_effect(vault: Vault, tmp_path: Path) -> None:
    """set_duress reads, changes and writes the header while holding the vault: started in the middle of a re-key,
    it waits, then works on the new header, so the new passphrase opens and the duress slot is there."""
    import_files(vault, [write_file(tmp_path / "big.bin", os.urandom(20 << 20))], ImportOptions(extract_metadata=False))
    errors: list[BaseException] = []
    started: list[threading.Thread] = []

    def set_during(done: int, total: int) -> None:
        if not started:
            thread = threading.Thread(target=lambda: _catch(errors, lambda: set_duress(vault, DURESS)))
            thread.start()
            started.append(thread)

    vault.rekey(NEW, set_during)
    started[0].join(timeout=60)
    assert errors == []
    root = vault.paths.root
    header = parse_header(read_header_file(root / "header"))
    assert unlock_header(header, DURESS).kind is SlotKind.DURESS
    vault.close()
    with pytest.raises(WrongPassphraseError):
        Vault.open(root, PASSPHRASE)
    Vault.open(root, NEW).close()


def _catch(errors: list[BaseException], work: object) -> None:
    try:
        work()  # type: ignore[operator]
    except BaseException as exc:  # noqa: BLE001 - reported by the test
        errors.append(exc)


def test_the_old_database_is_overwritten_not_just_unlinked(vault: Vault, tmp_path: Path) -> None:
    import_files(
        vault, [write_file(tmp_path / "a.bin", b"secret words" * 10000)], ImportOptions(extract_metadata=False)
    )
    watcher = os.open(vault.paths.database, os.O_RDONLY)  # the old file's bytes, after its name is reused
    try:
        size = os.fstat(watcher).st_size
        vault.rekey(NEW)
        assert os.fstat(watcher).st_ino != vault.paths.database.stat().st_ino
        assert os.pread(watcher, size, 0) == bytes(size)
    finally:
        os.close(watcher)


def test_a_planted_rekey_file_is_never_adopted(closed_vault: Path) -> None:
    """An empty file opens under any key in SQLCipher: it must not replace the database at the next unlock."""
    planted = closed_vault / "vault.db-rekey"
    planted.write_bytes(b"")
    Vault.open(closed_vault, PASSPHRASE).close()  # the real database is kept; the stray file removed
    assert not planted.exists()
    planted.write_bytes(b"")
    data = bytearray((closed_vault / "vault.db").read_bytes())
    data[200] ^= 0xFF  # a damaged first page: the database does not open, and is not replaced by a stranger's file
    (closed_vault / "vault.db").write_bytes(bytes(data))
    with pytest.raises(LockerError):
        Vault.open(closed_vault, PASSPHRASE).close()
    assert (closed_vault / "vault.db").read_bytes() == bytes(data)


def test_a_folder_named_like_the_rekey_file_blocks_neither_unlock_nor_panic(closed_vault: Path) -> None:
    (closed_vault / "vault.db-rekey").mkdir()
    with Vault.open(closed_vault, PASSPHRASE) as vault:
        assert vault.recovered == [] or all("re-encryption" not in s for s in vault.recovered)
    panic = run_cli("panic", vault=closed_vault)
    assert panic.returncode == 0, panic.stderr
    assert not (closed_vault / "header").exists()


def test_a_rekey_without_room_for_the_copy_is_refused_first_and_changes_nothing(tmp_path: Path) -> None:
    from locker.errors import DiskFullError
    from tests.conftest import small_tmpfs

    with small_tmpfs("40m") as disk:  # room for the import (14 MiB and its margin), not for a second copy
        root = disk / "v.locker"
        with Vault.create(root, PASSPHRASE, WEAK_PARAMS) as vault:
            source = write_file(tmp_path / "big.bin", os.urandom(14 << 20))
            import_files(vault, [source], ImportOptions(extract_metadata=False))
            write_file(disk / "ballast", bytes(12 << 20))
            with pytest.raises(DiskFullError, match="more are needed for the re-encrypted copy"):
                vault.rekey(NEW)
            assert not (root / "vault.db-rekey").exists()
        Vault.open(root, PASSPHRASE).close()  # the old passphrase still opens; nothing changed
