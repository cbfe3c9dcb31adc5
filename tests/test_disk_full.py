"""A full disk under the vault: one plain line, the vault exactly as before (`check` clean, earlier items bit-exact),
and the same operation works once space is freed. Real file systems: a small tmpfs holds the vault."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from locker import diskspace
from locker.errors import DiskFullError
from locker.ingest.importer import ImportOptions, import_files
from locker.vault.vault import Vault
from tests.conftest import PASSPHRASE, WEAK_PARAMS, run_cli, small_tmpfs, write_file

STDIN = PASSPHRASE + "\n"


@pytest.fixture
def tight_vault(tmp_path: Path) -> Iterator[tuple[Path, bytes]]:
    """A vault on a 24 MiB tmpfs holding one item; yields its folder and that item's bytes."""
    with small_tmpfs("24m") as disk:
        root = disk / "v.locker"
        first = os.urandom(1_000_000)
        with Vault.create(root, PASSPHRASE, WEAK_PARAMS) as vault:
            import_files(vault, [write_file(tmp_path / "first.jpg", first)], ImportOptions(extract_metadata=False))
        yield root, first


def _fill(disk: Path, leave: int = 0) -> Path:
    """Write ballast until only about `leave` bytes are free."""
    ballast = disk / "ballast"
    with open(ballast, "wb") as fh:
        while diskspace.free_bytes(disk) > leave + 65536:
            try:
                fh.write(bytes(min(1 << 20, diskspace.free_bytes(disk) - leave)))
                fh.flush()
            except OSError:
                break
    return ballast


def _healthy(root: Path, first: bytes, tmp_path: Path) -> None:
    check = run_cli("check", "--passphrase-stdin", vault=root, stdin=STDIN)
    assert check.returncode == 0, check.stdout + check.stderr
    listed = json.loads(run_cli("list", "--passphrase-stdin", "--json", vault=root, stdin=STDIN).stdout)
    out = tmp_path / f"back-{len(list(tmp_path.iterdir()))}.jpg"
    extracted = run_cli("extract", "--passphrase-stdin", listed[0]["id"], "--out", str(out), vault=root, stdin=STDIN)
    assert extracted.returncode == 0 and out.read_bytes() == first


def _one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.startswith("locker:")]
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    return lines[0]


def test_an_import_larger_than_the_free_space_is_refused_early_with_the_numbers(
    tight_vault: tuple[Path, bytes], tmp_path: Path
) -> None:
    root, first = tight_vault
    big = write_file(tmp_path / "big.mp4", os.urandom(30_000_000))
    done = run_cli("import", "--passphrase-stdin", "--no-metadata", str(big), vault=root, stdin=STDIN)
    assert done.returncode == 1
    line = _one_line(done.stderr)
    assert "The disk is full:" in line and "more are needed for importing 1 file(s)" in line and "MiB free" in line
    _healthy(root, first, tmp_path)


def test_space_running_out_during_an_import_leaves_the_vault_as_it_was(
    tight_vault: tuple[Path, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, first = tight_vault
    big = write_file(tmp_path / "big.mp4", os.urandom(30_000_000))
    small = write_file(tmp_path / "small.jpg", os.urandom(200_000))
    monkeypatch.setattr(diskspace, "free_bytes", lambda folder: 1 << 40)  # the early check is fooled
    with Vault.open(root, PASSPHRASE) as vault:
        with pytest.raises(DiskFullError, match="nothing was changed") as full:
            import_files(vault, [big, small], ImportOptions(extract_metadata=False))
        assert full.value.finished == []  # nothing finished, nothing silently skipped
    monkeypatch.undo()
    _healthy(root, first, tmp_path)
    again = run_cli("import", "--passphrase-stdin", "--no-metadata", "--json", str(small), vault=root, stdin=STDIN)
    assert again.returncode == 0 and json.loads(again.stdout)[0]["status"] == "imported"


@pytest.mark.parametrize("command", ["note", "reindex"])
def test_a_small_write_onto_a_full_disk_is_one_line_and_works_after_freeing_space(
    tight_vault: tuple[Path, bytes], tmp_path: Path, command: str
) -> None:
    root, first = tight_vault
    item = json.loads(run_cli("list", "--passphrase-stdin", "--json", vault=root, stdin=STDIN).stdout)[0]["id"]
    args = ["note", "--passphrase-stdin", item, "a note " * 2000] if command == "note" else ["reindex", "--all"]
    if command == "reindex":
        args.insert(1, "--passphrase-stdin")
    ballast = _fill(root.parent)
    done = run_cli(*args, vault=root, stdin=STDIN)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "The disk is full" in _one_line(done.stderr)
    ballast.unlink()
    _healthy(root, first, tmp_path)
    assert run_cli(*args, vault=root, stdin=STDIN).returncode == 0
