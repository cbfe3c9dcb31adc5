"""Panic while a long operation runs: a CLI import (with and without --remove-source) and an export stop at the next
chunk with one line, "Stopped by panic", list the sources already removed, leave no traceback and no process, and
write nothing into the vault folder after the erase."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import LOCKER_COMMAND, PASSPHRASE, run_cli, write_file

SIZE = 40 * 1024 * 1024


def _start(vault: Path, *args: str) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [*LOCKER_COMMAND, *args],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "LOCKER_VAULT": str(vault)},
        start_new_session=True,  # its session id is its pid: anything it started can be found afterwards
    )  # fmt: skip
    assert process.stdin is not None
    process.stdin.write(PASSPHRASE + "\n")
    process.stdin.close()
    process.stdin = None  # communicate() must not flush it again
    return process


def _session_members(session: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[3]) == session:  # after the name: state, ppid, pgrp, session
                found.append(int(entry.name))
    return found


def _wait_for(condition: object, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            pytest.fail("the operation never reached the point where the panic is pressed")
        time.sleep(0.005)


def _panic_and_collect(vault: Path, process: subprocess.Popen[str]) -> tuple[str, str]:
    panic = run_cli("panic", vault=vault)
    assert panic.returncode == 0, panic.stderr
    stdout, stderr = process.communicate(timeout=60)
    assert "Traceback" not in stdout + stderr, stderr
    lines = [line for line in stderr.splitlines() if line.startswith("locker:")]
    assert lines == ["locker: Stopped by panic: the vault was erased; nothing more was written."], stderr
    assert process.returncode == 130
    assert _session_members(process.pid) == []  # no process of its own (a sandbox, a helper) is left running
    assert not vault.exists() or list(vault.iterdir()) == [], list(vault.iterdir())
    return stdout, stderr


@pytest.mark.parametrize("remove_source", [True, False])
def test_panic_stops_a_running_import(closed_vault: Path, tmp_path: Path, remove_source: bool) -> None:
    sources = [write_file(tmp_path / f"clip{i}.mp4", os.urandom(SIZE)) for i in range(6)]
    flags = ["--remove-source"] if remove_source else []
    process = _start(closed_vault, "import", "--passphrase-stdin", "--no-metadata", *flags, *map(str, sources))
    if remove_source:
        _wait_for(lambda: not sources[0].exists())
    else:
        _wait_for(lambda: any(p.name.endswith("-wal") or p.name.endswith("-journal") for p in closed_vault.iterdir())
                  or process.poll() is not None)  # fmt: skip
        time.sleep(0.3)
    stdout, _ = _panic_and_collect(closed_vault, process)
    removed = [line for line in stdout.splitlines() if "source removed" in line]
    gone = [p for p in sources if not p.exists()]
    assert len(removed) == len(gone)  # exactly the sources that are gone are listed as removed
    if remove_source:
        assert gone and len(gone) < len(sources)  # stopped part-way: the rest are untouched
        assert all(p.stat().st_size == SIZE for p in sources if p.exists())
    else:
        assert gone == []


def test_panic_stops_a_running_export(closed_vault: Path, tmp_path: Path) -> None:
    sources = [write_file(tmp_path / f"clip{i}.mp4", os.urandom(SIZE)) for i in range(4)]
    args = ["import", "--passphrase-stdin", "--no-metadata", "--case", "C", *map(str, sources)]
    imported = run_cli(*args, vault=closed_vault, stdin=PASSPHRASE + "\n")
    assert imported.returncode == 0, imported.stderr
    out = tmp_path / "out"
    out.mkdir()
    process = _start(closed_vault, "export", "--passphrase-stdin", "--to-counsel", str(out / "bag"), "--case", "C")
    _wait_for(lambda: any(".partial-" in p.name for p in out.iterdir()) or process.poll() is not None)
    time.sleep(0.2)
    _panic_and_collect(closed_vault, process)
    assert list(out.iterdir()) == []  # the partial bundle (plaintext) was removed too


def test_panic_stops_a_running_reindex(closed_vault: Path, tmp_path: Path) -> None:
    from PIL import Image

    folder = tmp_path / "photos"
    folder.mkdir()
    # Reindex reads several small files per sandboxed job, two jobs at a time: enough files that it is still
    # running a second after it starts, on a fast machine too.
    for i in range(600):
        Image.new("RGB", (320, 240), (i % 256, 255 - i % 256, 90)).save(folder / f"p{i:03}.jpg", quality=80)
    args = ["import", "--passphrase-stdin", "--no-metadata", str(folder)]
    assert run_cli(*args, vault=closed_vault, stdin=PASSPHRASE + "\n").returncode == 0
    process = _start(closed_vault, "reindex", "--passphrase-stdin", "--all")
    time.sleep(1.0)
    assert process.poll() is None, "reindex ended before the panic could be pressed"
    _panic_and_collect(closed_vault, process)


def test_panic_stops_a_running_share(closed_vault: Path, tmp_path: Path) -> None:
    import json

    from PIL import Image

    folder = tmp_path / "photos"
    folder.mkdir()
    for i in range(60):
        Image.new("RGB", (640, 480), (i, 200 - i, 90)).save(folder / f"p{i:03}.jpg", quality=85)
    args = ["import", "--passphrase-stdin", "--no-metadata", "--json", str(folder)]
    imported = run_cli(*args, vault=closed_vault, stdin=PASSPHRASE + "\n")
    ids = [row["id"] for row in json.loads(imported.stdout)]
    out = tmp_path / "share"
    out.mkdir()
    process = _start(closed_vault, "share", "--passphrase-stdin", *ids, "--out", str(out), "--faces", "off")
    _wait_for(lambda: any(out.iterdir()) or process.poll() is not None)
    assert process.poll() is None, "share ended before the panic could be pressed"
    _panic_and_collect(closed_vault, process)
    assert len(list(out.iterdir())) < len(ids)  # stopped part-way
