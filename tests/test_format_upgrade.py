"""Vault formats: a vault made by release df7e5b9 (format 1, 4 KiB pages) keeps opening, and `locker upgrade`
converts it to the current format's page size, crash-safe, with every passphrase, item and custody event kept.

The fixture (tests/fixtures/vault_format1.locker) was made by tests/fixtures/vault_format1_make.py run from a
checkout of df7e5b9; tests work on a copy of it.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import struct
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from locker.crypto import header as hdr
from locker.crypto.keys import Purpose, derive_key
from locker.errors import DiskFullError, Interrupted, StoppedByPanic, TamperedError, WrongPassphraseError
from locker.panic.duress import set_duress
from locker.panic.erase import crypto_erase
from locker.vault import db
from locker.vault.check import check_vault
from locker.vault.custody import events, verify_chain
from locker.vault.extract import extract_item
from locker.vault.items import list_items
from locker.vault.vault import Vault
from tests.conftest import PASSPHRASE, PROJECT_ROOT, WEAK_PARAMS, run_cli, small_tmpfs, write_file

FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE_VAULT = FIXTURES / "vault_format1.locker"
FIXTURE_SOURCES = FIXTURES / "vault_format1_sources"
FOOTAGE_SHA256 = "db8eb9c83fce45745a6885107b5f1b6f7e466f29ea07acd28aaa5b9f8acd997e"
CASE = "Дело 5-1234/2026"
NEW_PAGE = hdr.DATABASE_PAGE_SIZES[2]


def _footage() -> bytes:
    """footage.bin as vault_format1_make.py wrote it (1 MiB + 4321 bytes: two chunks); not committed."""
    data = random.Random(5).randbytes((1 << 20) + 4321)
    assert hashlib.sha256(data).hexdigest() == FOOTAGE_SHA256
    return data


def _originals() -> dict[str, bytes]:
    found = {path.name: path.read_bytes() for path in FIXTURE_SOURCES.iterdir()}
    found["footage.bin"] = _footage()
    return found


@pytest.fixture
def old_vault(tmp_path: Path) -> Path:
    root = tmp_path / "old.locker"
    shutil.copytree(FIXTURE_VAULT, root)
    return root


def disk_free(path: Path) -> int:
    stats = os.statvfs(path)
    return stats.f_bavail * stats.f_frsize


def _page_size(vault: Vault) -> int:
    with vault.session() as conn:
        return int(conn.execute("PRAGMA page_size").fetchone()[0])


def _assert_everything_is_there(vault: Vault, tmp_path: Path) -> None:
    """Every item, its case, notes and tags, extracted bit-exact; `check` clean."""
    originals = _originals()
    with vault.session() as conn:
        items = {item.name: item for item in list_items(conn)}
    assert sorted(items) == sorted(originals)
    assert {item.case for item in items.values()} == {CASE}
    assert items["rally.jpg"].notes == "Фото с акции; лицо справа — свидетель"
    assert items["rally.jpg"].tags == ("evidence", "фото")
    assert items["rally.jpg"].metadata is not None
    out_dir = tmp_path / f"out-{random.randrange(1 << 30)}"
    out_dir.mkdir()
    for name, item in items.items():
        extract_item(vault, item.id, out_dir / name)
        assert (out_dir / name).read_bytes() == originals[name], name
    report = check_vault(vault)
    assert report.ok, report.problems
    assert report.items_checked == 3


def test_a_vault_made_by_release_df7e5b9_opens_lists_extracts_bit_exact_and_checks_clean(
    old_vault: Path, tmp_path: Path
) -> None:
    with Vault.open(old_vault, PASSPHRASE) as vault:
        assert vault.format_version == 1
        assert vault.needs_upgrade
        assert _page_size(vault) == 4096
        _assert_everything_is_there(vault, tmp_path)
    checked = run_cli("check", "--passphrase-stdin", vault=old_vault, stdin=PASSPHRASE + "\n")
    assert checked.returncode == 0, checked.stderr
    assert "3 items" in checked.stdout


def test_new_vaults_get_the_current_format_and_its_page_size(vault: Vault) -> None:
    assert hdr.FORMAT_VERSION == 2
    assert vault.format_version == 2
    assert not vault.needs_upgrade
    assert _page_size(vault) == NEW_PAGE == db.CURRENT_PAGE_SIZE
    assert NEW_PAGE == 16384  # what benchmarks/page_size.py chose (docs/VAULT_FORMAT.md)
    assert hdr.parse_header(hdr.read_header_file(vault.paths.header)).version == 2


def test_locker_upgrade_converts_the_old_vault_and_keeps_everything(old_vault: Path, tmp_path: Path) -> None:
    with Vault.open(old_vault, PASSPHRASE) as vault:
        fingerprint_before = vault.fingerprint()
    header_before = hdr.read_header_file(old_vault / "header")
    upgraded = run_cli("upgrade", "--passphrase-stdin", vault=old_vault, stdin=PASSPHRASE + "\n")
    assert upgraded.returncode == 0, upgraded.stderr
    assert f"now has format 2 ({NEW_PAGE // 1024} KiB pages)" in upgraded.stdout
    header_after = hdr.read_header_file(old_vault / "header")
    # Only the version, the MAC and the checksum changed: every keyslot, the salt and the parameters are the same.
    changed = [i for i in range(hdr.HEADER_SIZE) if header_before[i] != header_after[i]]
    assert changed
    assert all(i in (8, 9) or hdr.SLOTS_END <= i < hdr.CHECKSUM_END for i in changed)
    assert sorted(p.name for p in old_vault.iterdir()) == ["header", "lock", "vault.db"]
    with Vault.open(old_vault, PASSPHRASE) as vault:  # the old passphrase still opens it
        assert vault.format_version == 2
        assert not vault.needs_upgrade
        assert _page_size(vault) == NEW_PAGE
        assert vault.fingerprint() == fingerprint_before  # the same signing key
        _assert_everything_is_there(vault, tmp_path)
        with vault.session() as conn:
            assert verify_chain(conn).ok
            upgrade_events = [e for e in events(conn) if e.action == "format-upgraded"]
    assert [e.details for e in upgrade_events] == [{"from_format": 1, "to_format": 2, "page_size": NEW_PAGE}]
    checked = run_cli("check", "--passphrase-stdin", vault=old_vault, stdin=PASSPHRASE + "\n")
    assert checked.returncode == 0, checked.stderr
    again = run_cli("upgrade", "--passphrase-stdin", vault=old_vault, stdin=PASSPHRASE + "\n")
    assert again.returncode == 0
    assert "already has the current format (2); nothing was changed" in again.stdout


def test_the_database_file_really_has_the_new_page_size(old_vault: Path) -> None:
    """Read with the raw page key, outside Vault: 4 KiB pages no longer decrypt, the new size does."""
    with Vault.open(old_vault, PASSPHRASE) as vault:
        vault.upgrade()
        page_key = derive_key(vault.master_key, Purpose.SQLCIPHER)
    try:
        with pytest.raises(TamperedError):
            db.connect(old_vault / "vault.db", page_key, 4096)
        conn = db.connect(old_vault / "vault.db", page_key, NEW_PAGE)
        assert int(conn.execute("PRAGMA page_size").fetchone()[0]) == NEW_PAGE
        assert (old_vault / "vault.db").stat().st_size % NEW_PAGE == 0
        conn.close()
    finally:
        page_key.wipe()


def test_upgrade_reports_progress_up_to_the_whole_database(old_vault: Path) -> None:
    seen: list[tuple[int, int]] = []
    with Vault.open(old_vault, PASSPHRASE) as vault:
        total = vault.paths.database.stat().st_size
        vault.upgrade(lambda done, whole: seen.append((done, whole)))
    assert seen[-1] == (total, total)
    assert all(whole == total and 0 <= done <= total for done, whole in seen)


def test_the_duress_passphrase_still_erases_after_an_upgrade(old_vault: Path) -> None:
    """The version is outside the slots' AAD: no slot, not even the duress one nobody can rewrap, is broken."""
    with Vault.open(old_vault, PASSPHRASE) as vault:
        set_duress(vault, "the duress passphrase")
        vault.upgrade()
    Vault.open(old_vault, PASSPHRASE).close()
    salt_before = hdr.parse_header(hdr.read_header_file(old_vault / "header")).salt
    with pytest.raises(WrongPassphraseError):
        Vault.open(old_vault, "the duress passphrase")
    # The duress slot opened and erased: the header was rewritten (a new salt) so that nothing opens it any more.
    assert hdr.parse_header(hdr.read_header_file(old_vault / "header")).salt != salt_before
    with pytest.raises(WrongPassphraseError):
        Vault.open(old_vault, PASSPHRASE)


@pytest.mark.parametrize(("start", "flipped_to"), [(1, 2), (2, 1)])
def test_a_format_version_changed_without_the_master_key_is_reported_as_tampering(
    old_vault: Path, start: int, flipped_to: int
) -> None:
    if start == 2:
        with Vault.open(old_vault, PASSPHRASE) as vault:
            vault.upgrade()
    raw = bytearray(hdr.read_header_file(old_vault / "header"))
    assert struct.unpack_from(">H", raw, 8)[0] == start
    struct.pack_into(">H", raw, 8, flipped_to)
    raw[hdr.MAC_END : hdr.CHECKSUM_END] = hashlib.sha256(
        bytes(raw[: hdr.MAC_END]) + bytes(raw[hdr.CHECKSUM_END :])
    ).digest()
    (old_vault / "header").write_bytes(bytes(raw))
    with pytest.raises(TamperedError, match="altered"):
        Vault.open(old_vault, PASSPHRASE)


def test_a_stopped_upgrade_changes_no_byte_and_the_vault_keeps_working(old_vault: Path, tmp_path: Path) -> None:
    before = {p.name: p.read_bytes() for p in old_vault.iterdir() if p.name != "lock"}
    cancel = threading.Event()
    with Vault.open(old_vault, PASSPHRASE) as vault:
        before["vault.db"] = vault.paths.database.read_bytes()  # opening may have settled nothing, but be exact
        with pytest.raises(Interrupted, match="upgrade was stopped"):
            vault.upgrade(lambda done, total: cancel.set(), cancel)
        assert vault.format_version == 1
        assert {p.name: p.read_bytes() for p in old_vault.iterdir() if p.name != "lock"} == before
        _assert_everything_is_there(vault, tmp_path)


def test_a_failed_rename_after_the_header_switch_leaves_the_upgraded_vault_working(
    old_vault: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_replace = Path.replace
    calls = []

    def failing_replace(self: Path, target: Path) -> Path:
        calls.append(self)
        if len(calls) == 1:
            raise OSError(5, "Input/output error")
        return real_replace(self, target)

    with Vault.open(old_vault, PASSPHRASE) as vault:
        monkeypatch.setattr(Path, "replace", failing_replace)
        with pytest.raises(OSError):
            vault.upgrade()
        monkeypatch.undo()
        # This session settled on the format the header now names (recovery retried the rename) and still works.
        assert vault.format_version == 2
        assert _page_size(vault) == NEW_PAGE
        _assert_everything_is_there(vault, tmp_path)
    with Vault.open(old_vault, PASSPHRASE) as vault:
        assert vault.format_version == 2


def test_the_old_database_is_overwritten_with_zeros_not_just_replaced(old_vault: Path) -> None:
    """Its blocks would otherwise stay on the disk under the current key, and outlive a later re-key."""
    with Vault.open(old_vault, PASSPHRASE) as vault:
        watcher = os.open(vault.paths.database, os.O_RDONLY)  # the old file's bytes, after its name is reused
        try:
            size = os.fstat(watcher).st_size
            vault.upgrade()
            assert os.fstat(watcher).st_ino != vault.paths.database.stat().st_ino
            assert os.pread(watcher, size, 0) == bytes(size)
        finally:
            os.close(watcher)


def test_an_upgrade_without_room_for_the_copy_is_refused_first_and_changes_nothing() -> None:
    with small_tmpfs("3m") as disk:  # room for the 1.2 MB vault, not for a second copy of it
        root = disk / "old.locker"
        shutil.copytree(FIXTURE_VAULT, root)
        write_file(disk / "ballast", bytes(disk_free(disk) - (1 << 20)))
        with Vault.open(root, PASSPHRASE) as vault:
            with pytest.raises(DiskFullError, match="more are needed for the upgraded copy"):
                vault.upgrade()
            assert vault.format_version == 1
            assert not (root / "vault.db-upgrade").exists()
        with Vault.open(root, PASSPHRASE) as vault:
            assert vault.format_version == 1


# kill -9 at each step of the switch, in a process of its own. The child arms one step by replacing the function
# that runs there, as tests/rekey_child.py does for the re-key.
_CHILD = """
import os, signal, sys
from pathlib import Path
from locker.vault import rekey, switch as switch_module
from locker.vault.vault import Vault

root, step, passphrase = Path(sys.argv[1]), sys.argv[2], sys.argv[3]

def die():
    os.kill(os.getpid(), signal.SIGKILL)

real_write = switch_module.write_header_region_in_place
def write(path, offset, data):
    if step == "before-switch":
        die()
    real_write(path, offset, data)
    if step == "after-header":
        die()
switch_module.write_header_region_in_place = write

real_overwrite = rekey.overwrite_old_database
def overwrite(path, chunk=1 << 20):
    if step == "while-zeroing":
        fd = os.open(path, os.O_WRONLY)
        os.pwrite(fd, bytes(path.stat().st_size // 2), 0)
        os.fsync(fd)
        die()
    real_overwrite(path, chunk)
rekey.overwrite_old_database = overwrite

def fsync_dir(path):
    if step == "after-rename":
        die()
switch_module.fsync_dir = fsync_dir

def progress(done, total):
    if step == "export" and done < total:
        die()

with Vault.open(root, passphrase) as vault:
    vault.upgrade(progress)
print("done")
"""

_STEPS = {  # step -> the format the vault must open in afterwards
    "export": 1,
    "before-switch": 1,
    "after-header": 2,
    "while-zeroing": 2,
    "after-rename": 2,
}


@pytest.mark.slow
@pytest.mark.parametrize("step", list(_STEPS))
def test_kill_9_at_each_step_of_an_upgrade_leaves_a_vault_that_opens_whole(
    old_vault: Path, tmp_path: Path, step: str
) -> None:
    child = subprocess.run(
        [sys.executable, "-c", _CHILD, str(old_vault), step, PASSPHRASE],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        timeout=120,
        check=False,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    with Vault.open(old_vault, PASSPHRASE) as vault:
        assert vault.format_version == _STEPS[step]
        # Recovery says what it did; after the rename there is nothing left to do.
        assert bool(vault.recovered) == (step != "after-rename"), vault.recovered
        _assert_everything_is_there(vault, tmp_path)
        vault.upgrade()  # and an interrupted upgrade can be run again (or finds nothing to do)
        assert _page_size(vault) == NEW_PAGE
    assert sorted(p.name for p in old_vault.iterdir()) == ["header", "lock", "vault.db"]


@pytest.mark.parametrize("upgraded_first", [False, True])
def test_rekey_keeps_the_page_size_of_the_format_the_vault_has(
    old_vault: Path, tmp_path: Path, upgraded_first: bool
) -> None:
    with Vault.open(old_vault, PASSPHRASE) as vault:
        if upgraded_first:
            vault.upgrade()
        vault.rekey("a new passphrase for the old vault")
        assert _page_size(vault) == (NEW_PAGE if upgraded_first else 4096)
    with Vault.open(old_vault, "a new passphrase for the old vault") as vault:
        assert vault.format_version == (2 if upgraded_first else 1)
        _assert_everything_is_there(vault, tmp_path)


def test_a_panic_erase_removes_an_upgrade_copy_left_by_a_crash(old_vault: Path) -> None:
    (old_vault / "vault.db-upgrade").write_bytes(b"a partial copy")
    (old_vault / "vault.db-upgrade-journal").write_bytes(b"its journal")
    report = crypto_erase(old_vault)
    assert {"vault.db-upgrade", "vault.db-upgrade-journal"} <= set(report.removed)
    assert not old_vault.exists()  # nothing was left in the folder


def test_weak_kdf_parameters_are_what_the_fixture_uses() -> None:
    """The fixture unlocks in microseconds because its header carries the suite's weak parameters."""
    assert hdr.parse_header(hdr.read_header_file(FIXTURE_VAULT / "header")).params == WEAK_PARAMS


@pytest.mark.parametrize("copy_removed_too", [False, True])
def test_a_panic_during_the_switch_leaves_no_database_behind(
    old_vault: Path, monkeypatch: pytest.MonkeyPatch, copy_removed_too: bool
) -> None:
    """A panic erase that runs between the old database's zeroing and the copy's rename (review, session 8): the
    copy could take vault.db's name after the erase removed it, and stay in the erased folder. Either way the
    upgrade stops as stopped by the panic, and the folder is left empty."""
    from locker.vault import rekey

    real_overwrite = rekey.overwrite_old_database
    with Vault.open(old_vault, PASSPHRASE) as vault:
        copy = vault.paths.upgrade_database

        def overwrite_then_panic(path: Path, *args: object) -> None:
            real_overwrite(path, *args)  # type: ignore[arg-type]
            made = copy.read_bytes()
            vault.erase()  # the panic key, pressed at this moment
            if not copy_removed_too:  # the erase had removed vault.db but not reached the copy yet
                old_vault.mkdir(exist_ok=True)
                copy.write_bytes(made)

        monkeypatch.setattr(rekey, "overwrite_old_database", overwrite_then_panic)
        with pytest.raises(StoppedByPanic):
            vault.upgrade()
    assert not old_vault.exists() or [p.name for p in old_vault.iterdir()] == []
