"""Panic and auto-lock in the desktop app: the shortcut in the main window and inside a modal dialog,
`locker panic` from another process, the idle timer on an injected clock, and a simulated suspend."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from locker.panic.channel import PanicMode
from locker.vault.vault import Vault
from tests.conftest import PASSPHRASE, run_cli
from tests.ui.running_app import running_app
from ui.app import LockerApp
from ui.panic_practice import PanicPracticeDialog
from ui.passphrase_dialogs import UnlockDialog
from ui.session_guard import SessionGuard


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def quits() -> list[int]:
    return []


def _app(qtbot: QtBot, root: Path, mode: PanicMode, clock: FakeClock, quits: list[int]) -> Iterator[LockerApp]:
    def guard(qapp: QApplication) -> SessionGuard:
        return SessionGuard(qapp, mode, idle_minutes=5, clock=clock, check_interval_ms=60_000)

    yield from running_app(qtbot, root, guard, quit_app=lambda: quits.append(1))


@pytest.fixture
def lock_app(qtbot: QtBot, closed_vault: Path, clock: FakeClock, quits: list[int]) -> Iterator[LockerApp]:
    yield from _app(qtbot, closed_vault, PanicMode.LOCK, clock, quits)


@pytest.fixture
def erase_app(qtbot: QtBot, closed_vault: Path, clock: FakeClock, quits: list[int]) -> Iterator[LockerApp]:
    yield from _app(qtbot, closed_vault, PanicMode.ERASE, clock, quits)


def _press_panic(qtbot: QtBot, widget: object) -> None:
    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(widget, Qt.Key.Key_F12, modifiers)  # type: ignore[arg-type]  # the default panic key


def test_panic_shortcut_in_the_main_window_locks(qtbot: QtBot, lock_app: LockerApp) -> None:
    key = lock_app.vault.master_key if lock_app.vault else None
    assert key is not None and not key.wiped
    with qtbot.waitSignal(lock_app.locked, timeout=2000):
        _press_panic(qtbot, lock_app.window)
    assert key.wiped and lock_app.vault is None and lock_app.window is None
    qtbot.waitUntil(lambda: isinstance(lock_app.dialog, UnlockDialog) and lock_app.dialog.isVisible(), timeout=2000)


def test_panic_shortcut_inside_a_modal_dialog_erases(
    qtbot: QtBot, erase_app: LockerApp, closed_vault: Path, quits: list[int]
) -> None:
    box = QMessageBox(QMessageBox.Icon.Question, "Export", "Export the case?", parent=erase_app.window)
    box.setWindowModality(Qt.WindowModality.ApplicationModal)
    box.open()
    qtbot.waitUntil(box.isVisible, timeout=2000)
    with qtbot.waitSignal(erase_app.erased, timeout=2000):
        _press_panic(qtbot, box)
    assert not (closed_vault / "header").exists()
    assert not box.isVisible()
    assert quits == [1]


def test_locker_panic_from_another_process_reaches_the_running_app(
    qtbot: QtBot, erase_app: LockerApp, closed_vault: Path, quits: list[int]
) -> None:
    key = erase_app.vault.master_key if erase_app.vault else None
    assert key is not None
    with qtbot.waitSignal(erase_app.erased, timeout=5000):
        result = run_cli("panic", vault=closed_vault, stdin="")
    assert result.returncode == 0
    assert key.wiped and not closed_vault.exists()
    assert quits == [1]


def test_lock_only_panic_from_another_process_locks_the_app(
    qtbot: QtBot, erase_app: LockerApp, closed_vault: Path
) -> None:
    with qtbot.waitSignal(erase_app.locked, timeout=5000):
        result = run_cli("panic", "--lock-only", vault=closed_vault, stdin="")
    assert "locked the vault" in result.stdout
    assert (closed_vault / "header").exists() and erase_app.vault is None


def test_auto_lock_fires_after_the_idle_time_on_the_injected_clock(
    qtbot: QtBot, lock_app: LockerApp, clock: FakeClock
) -> None:
    clock.now += 4 * 60
    lock_app.guard.check_idle()
    assert lock_app.vault is not None, "4 of 5 minutes: still open"
    assert lock_app.window is not None
    qtbot.mouseMove(lock_app.window)  # activity resets the idle time
    clock.now += 2 * 60
    lock_app.guard.check_idle()
    assert lock_app.vault is not None
    clock.now += 5 * 60
    with qtbot.waitSignal(lock_app.locked, timeout=2000):
        lock_app.guard.check_idle()
    assert lock_app.vault is None


def test_simulated_suspend_locks(qtbot: QtBot, lock_app: LockerApp) -> None:
    with qtbot.waitSignal(lock_app.locked, timeout=2000):
        lock_app.guard.system_suspending()
    assert lock_app.vault is None


def test_erase_panic_forgets_the_file_dialog_history(
    qtbot: QtBot, erase_app: LockerApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "config"))
    planted = QSettings(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, "QtProject")
    planted.setValue("FileDialog/lastVisited", "file:///home/activist/Protest-2026-05-06")
    planted.sync()
    conf = next((tmp_path / "config").rglob("QtProject.conf"))
    assert "Protest-2026" in conf.read_text()
    with qtbot.waitSignal(erase_app.erased, timeout=2000):
        _press_panic(qtbot, erase_app.window)
    assert "Protest-2026" not in conf.read_text()


def test_the_panic_button_says_lock_now_in_lock_mode_and_locks(qtbot: QtBot, lock_app: LockerApp) -> None:
    assert lock_app.window is not None
    button = lock_app.window.panic_button
    assert button.isVisible() and button.text() == "Lock now"
    assert "Ctrl+Shift+F12" in button.toolTip() and "#c62828" in button.styleSheet()
    with qtbot.waitSignal(lock_app.locked, timeout=2000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert lock_app.vault is None


def test_the_panic_button_says_erase_now_in_erase_mode_and_erases(
    qtbot: QtBot, erase_app: LockerApp, closed_vault: Path, quits: list[int]
) -> None:
    assert erase_app.window is not None
    assert erase_app.window.panic_button.text() == "Erase now"
    with qtbot.waitSignal(erase_app.erased, timeout=2000):
        qtbot.mouseClick(erase_app.window.panic_button, Qt.MouseButton.LeftButton)
    assert not (closed_vault / "header").exists() and quits == [1]


def test_changing_the_panic_mode_in_the_settings_relabels_the_button(qtbot: QtBot, lock_app: LockerApp) -> None:
    assert lock_app.window is not None
    lock_app.apply_settings(lock_app.settings.with_changes(panic_mode="erase", panic_shortcut="Ctrl+Alt+P"))
    assert lock_app.window.panic_button.text() == "Erase now"
    assert "Ctrl+Alt+P" in lock_app.window.panic_button.toolTip()


def test_practising_the_panic_key_in_erase_mode_only_locks_and_then_the_key_erases_again(
    qtbot: QtBot, erase_app: LockerApp, closed_vault: Path, quits: list[int]
) -> None:
    assert erase_app.window is not None
    erase_app.window.practice_action.trigger()
    practice = next(w for w in QApplication.topLevelWidgets() if isinstance(w, PanicPracticeDialog))
    qtbot.waitUntil(practice.isVisible, timeout=2000)
    assert practice.key.text() == "Ctrl+Shift+F12"
    with qtbot.waitSignal(erase_app.locked, timeout=2000):
        _press_panic(qtbot, practice)
    assert (closed_vault / "header").exists() and quits == [], "a practice never erases"
    qtbot.waitUntil(lambda: isinstance(erase_app.dialog, UnlockDialog) and erase_app.dialog.isVisible(), timeout=2000)
    erase_app.show_vault(Vault.open(closed_vault, PASSPHRASE))
    assert erase_app.window is not None
    qtbot.addWidget(erase_app.window)
    with qtbot.waitSignal(erase_app.erased, timeout=2000):  # the practice is over: the key is real again
        _press_panic(qtbot, erase_app.window)
    assert not (closed_vault / "header").exists()


def test_cancelling_a_practice_leaves_the_panic_key_as_it_was(
    qtbot: QtBot, erase_app: LockerApp, closed_vault: Path
) -> None:
    assert erase_app.window is not None
    erase_app.window.practice_action.trigger()
    practice = next(w for w in QApplication.topLevelWidgets() if isinstance(w, PanicPracticeDialog))
    qtbot.waitUntil(practice.isVisible, timeout=2000)
    practice.reject()
    with qtbot.waitSignal(erase_app.erased, timeout=2000):
        _press_panic(qtbot, erase_app.window)
    assert not (closed_vault / "header").exists()
