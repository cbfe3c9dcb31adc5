"""kill -9 during imports, and Ctrl-C: the vault always reopens clean; a file is either whole or absent."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from locker.errors import Interrupted
from locker.ingest.importer import import_files
from locker.vault.check import check_vault
from locker.vault.extract import extract_item
from locker.vault.items import list_items
from locker.vault.vault import Vault
from tests.conftest import PASSPHRASE, write_file

KILLS_WANTED = 20


def _start_import(vault_dir: Path, source: Path, capture: bool = False) -> subprocess.Popen[bytes]:
    """`locker import SOURCE` in its own process, the passphrase already sent."""
    env = dict(os.environ, LOCKER_VAULT=str(vault_dir))
    output = subprocess.PIPE if capture else subprocess.DEVNULL
    proc = subprocess.Popen(
        [sys.executable, "-m", "locker", "import", "--passphrase-stdin", str(source)],
        stdin=subprocess.PIPE,
        stdout=output,
        stderr=output,
        env=env,
    )
    assert proc.stdin is not None
    proc.stdin.write(PASSPHRASE.encode() + b"\n")
    proc.stdin.close()
    return proc


@pytest.mark.slow
def test_kill_9_at_random_moments_never_leaves_a_partial_file(closed_vault: Path, tmp_path: Path) -> None:
    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    source = tmp_path / "large.bin"
    block = os.urandom(1 << 20)
    with open(source, "wb") as fh:
        for i in range(48):
            fh.write(i.to_bytes(4, "big") + block[4:])
    expected = hashlib.sha256(source.read_bytes()).hexdigest()

    # `duration` tracks how long a whole import run takes here, so kills land across its whole length.
    kills = 0
    completed = 0
    attempts = 0
    duration = 2.0
    while kills < KILLS_WANTED and attempts < 3 * KILLS_WANTED:
        attempts += 1
        proc = _start_import(closed_vault, source)
        started = time.monotonic()
        time.sleep(rng.uniform(0.05, duration))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            kills += 1
        else:
            completed += 1
            duration = max(0.3, time.monotonic() - started)
        with Vault.open(closed_vault, PASSPHRASE) as vault:
            report = check_vault(vault)
            assert report.ok, (seed, attempts, report.problems)
            with vault.session() as conn:
                items = list_items(conn)
            assert len(items) <= 1, (seed, items)
            for item in items:
                assert item.sha256 == expected and item.size == source.stat().st_size, seed
    assert kills >= KILLS_WANTED, f"only {kills} kills hit a running import (seed {seed})"
    with Vault.open(closed_vault, PASSPHRASE) as vault:
        with vault.session() as conn:
            items = list_items(conn)
        for item in items:
            out = tmp_path / "restored.bin"
            extract_item(vault, item.id, out)
            assert out.read_bytes() == source.read_bytes()
            out.unlink()


def test_cancel_keeps_earlier_files_and_rolls_back_the_current_one(vault: Vault, tmp_path: Path) -> None:
    import threading

    first = write_file(tmp_path / "a" / "1-first.bin", os.urandom(1000))
    write_file(tmp_path / "a" / "2-second.bin", os.urandom(5 << 20))
    cancel = threading.Event()

    def progress(p: object) -> None:
        if getattr(p, "current_name", "") == "2-second.bin" and getattr(p, "bytes_done", 0) > 1000 + (1 << 20):
            cancel.set()

    with pytest.raises(Interrupted):
        import_files(vault, [first.parent], progress=progress, cancel=cancel)
    with vault.session() as conn:
        names = [item.name for item in list_items(conn)]
        chunk_rows = conn.execute("SELECT count(*) FROM chunks").fetchone()[0]
    assert names == ["1-first.bin"]
    assert chunk_rows == 1
    assert check_vault(vault).ok


@pytest.mark.slow
def test_ctrl_c_during_cli_import_leaves_the_vault_as_before_that_file(closed_vault: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_file(folder / "1-small.txt", b"small file before the big one")
    big = folder / "2-big.bin"
    with open(big, "wb") as fh:
        block = os.urandom(1 << 20)
        for i in range(400):
            fh.write(i.to_bytes(4, "big") + block[4:])
    proc = _start_import(closed_vault, folder, capture=True)
    # Wait until the vault database has grown by a few MiB: the big file is being stored.
    db = closed_vault / "vault.db"
    start_size = db.stat().st_size
    deadline = time.monotonic() + 60
    while db.stat().st_size < start_size + (8 << 20) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    assert proc.poll() is None, "the import finished before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=60)
    assert proc.stderr is not None
    err = proc.stderr.read()
    assert proc.returncode == 130, err
    assert b"Traceback" not in err
    assert b"stopped by the user" in err.lower()
    with Vault.open(closed_vault, PASSPHRASE) as vault:
        with vault.session() as conn:
            assert [item.name for item in list_items(conn)] == ["1-small.txt"]
        assert check_vault(vault).ok
