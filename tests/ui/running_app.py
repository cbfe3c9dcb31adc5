"""A LockerApp showing an unlocked vault, as the tests of panic, auto-lock and settings need it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from locker.vault.vault import Vault
from tests.conftest import PASSPHRASE
from ui.app import LockerApp
from ui.session_guard import SessionGuard
from ui.worker import TaskRunner


def running_app(
    qtbot: QtBot,
    root: Path,
    make_guard: Callable[[QApplication], SessionGuard],
    quit_app: Callable[[], None] = lambda: None,
    settings_path: Path | None = None,
    create: Callable[[Path, str], Vault] = Vault.create,
    unlocked: bool = True,
) -> Iterator[LockerApp]:
    """Yield the app (with its main window open if `unlocked`); afterwards stop everything it started."""
    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    guard = make_guard(qapp)
    runner = TaskRunner()
    flow = LockerApp(root, create, Vault.open, runner, guard, quit_app=quit_app, settings_path=settings_path)
    if unlocked:
        flow.show_vault(Vault.open(root, PASSPHRASE))
        assert flow.window is not None
        qtbot.addWidget(flow.window)
    yield flow
    runner.wait()
    guard.stop_listening()
    qapp.removeEventFilter(guard)
    if flow.vault is not None:
        flow.vault.close()
    for widget in QApplication.topLevelWidgets():
        widget.close()
