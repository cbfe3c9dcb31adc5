"""The custody log tells only the truth about exports: kill -9 at each step of each form leaves, after the next
unlock, either a complete bundle with its `exported` event or neither, and never partial files; a full disk is one
plain line, with the vault exactly as before.

The kills are real: a child process runs a real export and SIGKILLs itself at the named step (the step's function
is wrapped in the child only; the product code has no test hooks)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pyrage
import pytest

from locker.ingest.importer import ImportOptions, import_files
from locker.vault.custody import events
from locker.vault.vault import Vault
from tests.conftest import PASSPHRASE, WEAK_PARAMS, run_cli, small_tmpfs, write_file

FORMS = {"folder": "bag", "zip": "bag.zip", "age": "bag.age", "7z": "bag.7z"}
AGE_KEY = pyrage.x25519.Identity.generate()

_CHILD = """
import os, signal, sys
from pathlib import Path
from locker.bundle import export
from locker.bundle.export import ExportRequest, export_bundle
from locker.vault import pending_outputs
from locker.vault.vault import Vault

root, out, form, step, age = sys.argv[1:6]
name = {"finish_after_move": "finish", "before_mark_written": "mark_written"}.get(step, step)
original = getattr(pending_outputs, name)
def die(*args, **kwargs):
    if step in ("finish_after_move", "mark_written"):  # do the step, then die before anything else happens
        original(*args, **kwargs)
    os.kill(os.getpid(), signal.SIGKILL)
setattr(pending_outputs, name, die)
request = ExportRequest(case="C", age_recipient=age if form == "age" else None,
                        sevenzip_password="pw" if form == "7z" else None)
with Vault.open(Path(root), sys.argv[6]) as vault:
    export_bundle(vault, Path(out), request)
print("not killed")
"""


@pytest.fixture(scope="module")
def source_vault(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("truth")
    with Vault.create(base / "v.locker", PASSPHRASE, WEAK_PARAMS) as vault:
        files = [write_file(base / f"{i}.bin", os.urandom(600_000)) for i in range(2)]
        import_files(vault, files, ImportOptions(case="C", extract_metadata=False))
    return base / "v.locker"


def _exported_events(root: Path) -> tuple[list[str], list[str]]:
    """(bundle ids of `exported` events, what the unlock said it recovered)."""
    with Vault.open(root, PASSPHRASE) as vault, vault.session() as conn:
        ids = [e.details["bundle_id"] for e in events(conn) if e.action == "exported"]
        return ids, vault.recovered


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".partial-" in p.name)


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("step", ["mark_written", "move_into_place", "finish_after_move"])
def test_kill_at_each_step_leaves_a_bundle_with_its_event_or_neither(
    source_vault: Path, tmp_path: Path, form: str, step: str
) -> None:
    root = tmp_path / "v.locker"
    shutil.copytree(source_vault, root)
    out = tmp_path / "out" / FORMS[form]
    out.parent.mkdir()
    child = subprocess.run(
        [sys.executable, "-c", _CHILD, str(root), str(out), form, step, str(AGE_KEY.to_public()), PASSPHRASE],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert child.returncode == -9, child.stdout + child.stderr  # it really died at that step
    exported, recovered = _exported_events(root)
    if step == "mark_written":  # killed inside the transaction: the event was never committed
        assert exported == [] and not out.exists()
        assert recovered and "partial files were removed" in recovered[0]
    else:  # the event was committed: the next unlock completes the bundle if it was not yet in place
        assert len(exported) == 1 and out.exists()
        if step == "move_into_place":
            assert recovered and "was completed" in recovered[0]
        extra = {"age": ["--age-identity", str(_age_identity(tmp_path))], "7z": ["--password-stdin"]}.get(form, [])
        verified = run_cli("verify", "--json", *extra, str(out), stdin="pw\n" if form == "7z" else None)
        assert verified.returncode == 3, verified.stdout + verified.stderr
        assert _bundle_id(out, tmp_path) == exported[0]  # the bundle in place is the one the event names
    assert _leftovers(out.parent) == []
    assert _exported_events(root)[1] == []  # nothing left to recover the second time


def _bundle_id(out: Path, folder: Path) -> str:
    from locker.bundle.encrypted import open_bundle

    reader = open_bundle(out, _age_identity(folder), "pw")
    try:
        info = reader.read("bag-info.txt").decode()
    finally:
        reader.close()
    return next(line.split(":", 1)[1].strip() for line in info.splitlines() if line.startswith("External-Identifier"))


def _age_identity(folder: Path) -> Path:
    path = folder / "age.key"
    path.write_text(str(AGE_KEY) + "\n")
    return path


@pytest.fixture
def small_disk() -> Iterator[Path]:
    """A 1 MiB tmpfs: a real file system that runs out of space."""
    with small_tmpfs("1m") as target:
        yield target


@pytest.mark.parametrize("form", FORMS)
def test_export_onto_a_full_disk_is_one_line_and_changes_nothing(
    source_vault: Path, tmp_path: Path, small_disk: Path, form: str
) -> None:
    root = tmp_path / "v.locker"
    shutil.copytree(source_vault, root)
    before, _ = _exported_events(root)
    extra = {"age": ["--encrypt", f"age:{AGE_KEY.to_public()}"], "7z": ["--encrypt", "7z"]}.get(form, [])
    stdin = PASSPHRASE + "\n" + ("pw\npw\n" if form == "7z" else "")
    out = small_disk / FORMS[form]
    done = run_cli("export", "--passphrase-stdin", "--to-counsel", str(out), "--case", "C", *extra, vault=root,
                   stdin=stdin)  # fmt: skip
    assert done.returncode == 1, done.stdout + done.stderr
    lines = [line for line in done.stderr.splitlines() if line.startswith("locker:")]
    assert len(lines) == 1 and "The disk is full" in lines[0] and "more are needed" in lines[0], done.stderr
    assert "Traceback" not in done.stderr
    assert list(small_disk.iterdir()) == []
    assert _exported_events(root)[0] == before
    assert run_cli("check", "--passphrase-stdin", vault=root, stdin=PASSPHRASE + "\n").returncode == 0


@pytest.mark.parametrize("form", FORMS)
def test_space_running_out_during_the_write_leaves_nothing(
    source_vault: Path, tmp_path: Path, small_disk: Path, form: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The early check passes (the disk looked big enough) but space runs out while writing: the same one line
    ("Broken pipe" from the age encryptor's pipe never reaches the user), nothing left, no event."""
    from locker import diskspace
    from locker.bundle.export import ExportRequest, export_bundle

    root = tmp_path / "v.locker"
    shutil.copytree(source_vault, root)
    request = ExportRequest(
        case="C",
        age_recipient=str(AGE_KEY.to_public()) if form == "age" else None,
        sevenzip_password="pw" if form == "7z" else None,
    )
    monkeypatch.setattr(diskspace, "free_bytes", lambda folder: 1 << 40)
    with (
        Vault.open(root, PASSPHRASE) as vault,
        pytest.raises(diskspace.DiskFullError, match="Nothing was exported") as full,
    ):
        export_bundle(vault, small_disk / FORMS[form], request)
    assert "Broken pipe" not in str(full.value)
    assert list(small_disk.iterdir()) == []
    exported, recovered = _exported_events(root)
    assert exported == [] and recovered == []


def _kill_export(root: Path, out: Path, step: str, form: str = "folder") -> None:
    child = subprocess.run(
        [sys.executable, "-c", _CHILD, str(root), str(out), form, step, str(AGE_KEY.to_public()), PASSPHRASE],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert child.returncode == -9, child.stdout + child.stderr


def test_partial_files_that_cannot_be_removed_yet_are_kept_in_the_journal(source_vault: Path, tmp_path: Path) -> None:
    """A killed export's plaintext partial folder on a drive that is read-only (or not plugged in) at the next
    unlock is not forgotten: the unlock says so, and a later unlock removes it."""
    root = tmp_path / "v.locker"
    shutil.copytree(source_vault, root)
    with small_tmpfs("16m") as disk:
        _kill_export(root, disk / "bag", "before_mark_written")
        [partial] = [p for p in disk.iterdir() if ".partial-" in p.name]
        assert subprocess.run(["mount", "-o", "remount,ro", str(disk)], capture_output=True).returncode == 0
        exported, recovered = _exported_events(root)
        assert exported == [] and "could not be removed yet" in recovered[0] and partial.exists()
        assert subprocess.run(["mount", "-o", "remount,rw", str(disk)], capture_output=True).returncode == 0
        exported, recovered = _exported_events(root)
        assert "partial files were removed" in recovered[0] and not partial.exists()
        assert _exported_events(root)[1] == []


def test_a_file_appearing_at_out_during_an_export_puts_the_bundle_beside_it(source_vault: Path, tmp_path: Path) -> None:
    from locker.bundle.export import ExportRequest, export_bundle

    root = tmp_path / "v.locker"
    shutil.copytree(source_vault, root)
    out = tmp_path / "bag.zip"

    def someone_writes_out(done: int, total: int) -> None:
        if not out.exists():
            out.write_bytes(b"not a bundle")

    with Vault.open(root, PASSPHRASE) as vault:
        result = export_bundle(vault, out, ExportRequest(case="C"), progress=someone_writes_out)
    assert out.read_bytes() == b"not a bundle"  # never overwritten
    assert result.path != out and result.path.parent == out.parent and not result.path.name.startswith(".")
    assert run_cli("verify", str(result.path)).returncode == 3
    assert _exported_events(root)[0] == [result.bundle_id]
    assert _leftovers(tmp_path) == []


def test_partial_files_on_a_drive_that_is_not_plugged_in_stay_on_the_list(source_vault: Path, tmp_path: Path) -> None:
    """An unplugged stick leaves an empty mount point: the partial files are missing there, not gone."""
    root = tmp_path / "v.locker"
    shutil.copytree(source_vault, root)
    with small_tmpfs("16m") as disk:
        _kill_export(root, disk / "bag", "before_mark_written")
        assert subprocess.run(["umount", str(disk)], capture_output=True).returncode == 0  # the stick is pulled
        for _ in range(2):  # said at every unlock until it can be settled
            exported, recovered = _exported_events(root)
            assert exported == [] and "could not be removed yet" in recovered[0]
