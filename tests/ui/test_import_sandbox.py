"""The import's sandbox starts when the vault opens (not beside the first import), is kept for every import of the
session, and ends when the window closes: at once, or once the import in progress has stopped."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from locker.sandbox.probe import pid_alive
from locker.vault.items import list_items
from locker.vault.vault import Vault
from tests.conftest import PASSPHRASE, write_file
from tests.metadata import makers
from tests.ui.running_app import running_app
from ui.app import LockerApp
from ui.main_window import MainWindow
from ui.session_guard import SessionGuard
from ui.worker import TaskRunner


def _photo(path: Path, make: str) -> Path:
    makers.picture().save(path, "JPEG", exif=makers.exif_block(make, "X1", 55.75, 37.61, "2026:11:01 12:00:00"))
    return path


def _ends(pid: int, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while pid_alive(pid):
        if time.monotonic() > deadline:
            return False
        QApplication.processEvents()
        time.sleep(0.02)
    return True


@pytest.fixture
def app(qtbot: QtBot, closed_vault: Path) -> Iterator[LockerApp]:
    yield from running_app(qtbot, closed_vault, lambda qapp: SessionGuard(qapp))


@pytest.mark.skipif(os.name != "posix", reason="the fork server runs on POSIX only; elsewhere each job spawns")
def test_the_sandbox_starts_at_unlock_is_renewed_after_each_import_and_ends_at_lock(
    qtbot: QtBot, app: LockerApp, tmp_path: Path
) -> None:
    """Started before anything is imported; each import ends its fork server (a file that took it over reaches no
    later import) and starts the next one's; Lock ends the last."""
    assert app.window is not None
    window = app.window
    sandbox = window.import_panel.sandbox
    pid = sandbox.zygote_pid
    assert pid is not None and pid_alive(pid)  # running before anything is imported
    for name in ("first.jpg", "second.jpg"):
        photo = _photo(tmp_path / name, name)
        with qtbot.waitSignal(window.import_finished, timeout=60_000):
            window.import_paths([photo])
        assert _ends(pid), "an import's fork server outlived it"
        next_pid = sandbox.zygote_pid
        assert next_pid is not None and next_pid != pid and pid_alive(next_pid)  # the next import's, already started
        pid = next_pid
    with app.vault.session() as conn:  # type: ignore[union-attr]
        items = list_items(conn)
    assert sorted(item.name for item in items) == ["first.jpg", "second.jpg"]
    for item in items:  # each photo's camera make is its name: read by that import's sandbox
        assert item.name in str(item.metadata), item.metadata
    app.lock()
    assert _ends(pid), "the import's sandbox outlived the lock"


@pytest.mark.skipif(os.name != "posix", reason="the fork server runs on POSIX only; elsewhere each job spawns")
def test_lock_during_an_import_ends_it_and_its_sandbox_without_an_error(
    qtbot: QtBot, app: LockerApp, tmp_path: Path
) -> None:
    """Lock closes the vault while the import it cancelled still reports: nothing may fail on the closed vault
    (pytest-qt fails the test on an exception in a Qt handler), and no fork server is left."""
    assert app.window is not None
    window = app.window
    video = write_file(tmp_path / "long.mp4", os.urandom(300 * 1024 * 1024))
    with qtbot.waitSignal(window.import_panel.progressed, timeout=60_000):
        window.import_paths([video])
    pid = window.import_panel.sandbox.zygote_pid
    assert pid is not None
    app.lock()
    app.runner.wait()
    QApplication.processEvents()
    assert _ends(pid), "the import's sandbox outlived the lock"
    assert window.import_panel.sandbox.zygote_pid is None  # and no next one was started


@pytest.mark.skipif(os.name != "posix", reason="the fork server runs on POSIX only; elsewhere each job spawns")
def test_closing_the_window_during_an_import_cancels_it_then_ends_the_sandbox(
    qtbot: QtBot, vault: Vault, tmp_path: Path
) -> None:
    window = MainWindow(vault, TaskRunner())
    qtbot.addWidget(window)
    window.show()
    video = write_file(tmp_path / "long.mp4", os.urandom(400 * 1024 * 1024))
    with qtbot.waitSignal(window.import_panel.progressed, timeout=60_000):
        window.import_paths([video])
    pid = window.import_panel.sandbox.zygote_pid
    assert pid is not None  # started by the import itself: this window was not opened by the app
    with qtbot.waitSignal(window.import_panel.stopped, timeout=60_000) as stopped:
        window.close()
        assert pid_alive(pid)  # not ended under the import, whose file is still being rolled back
    assert "cancelled" in stopped.args[0]
    assert _ends(pid), "the import's sandbox outlived the window"
    with vault.session() as conn:
        assert list_items(conn) == []


@pytest.mark.skipif(os.name != "posix", reason="the fork server runs on POSIX only; elsewhere each job spawns")
def test_locker_import_starts_the_sandbox_before_it_asks_for_the_passphrase(closed_vault: Path, tmp_path: Path) -> None:
    """The parsers load while the user types and the key is derived: the fork server runs before the passphrase
    is given, and serves the import afterwards."""
    photo = _photo(tmp_path / "fine.jpg", "Canon")
    process = subprocess.Popen(
        [sys.executable, "-m", "locker", "import", "--passphrase-stdin", "--json", str(photo)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "LOCKER_VAULT": str(closed_vault)},
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while not _children_running(process.pid, "locker.sandbox.zygote"):
            assert process.poll() is None and time.monotonic() < deadline, "no sandbox before the passphrase"
            time.sleep(0.05)
        stdout, stderr = process.communicate(PASSPHRASE + "\n", timeout=120)
    finally:
        process.kill()
    assert process.returncode == 0, stderr
    assert '"status": "imported"' in stdout
    with Vault.open(closed_vault, PASSPHRASE) as vault, vault.session() as conn:
        [item] = list_items(conn)
    assert "Canon" in str(item.metadata)  # read in the sandbox


def _children_running(parent: int, marker: str) -> bool:
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            command = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue
        if int(fields[1]) == parent and marker.encode() in command:
            return True
    return False
