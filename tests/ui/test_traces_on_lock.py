"""Lock and a refused passphrase leave no trace outside the vault: Qt's file-dialog history and the clipboard."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from tests.ui.running_app import running_app
from ui.app import LockerApp
from ui.passphrase_dialogs import UnlockDialog
from ui.session_guard import SessionGuard


@pytest.fixture
def qt_config(tmp_path: Path) -> Path:
    """Where QSettings puts QtProject.conf for this test (Qt caches the folder it first saw, so set it here)."""
    folder = tmp_path / "qtconfig"
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(folder))
    return folder


@pytest.fixture
def app(qtbot: QtBot, closed_vault: Path) -> Iterator[LockerApp]:
    yield from running_app(qtbot, closed_vault, lambda qapp: SessionGuard(qapp, check_interval_ms=60_000))


def _use_a_file_dialog(folder: Path) -> None:
    """What the import dialog does: a Qt (non-native) dialog that records the folder when it closes."""
    dialog = QFileDialog(None, "Import evidence", str(folder))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.show()
    dialog.accept()
    shiboken6.delete(dialog)  # the history is saved in the destructor


def _history(qt_config: Path) -> str:
    return "".join(path.read_text() for path in qt_config.rglob("QtProject.conf"))


def test_lock_forgets_the_folder_a_file_dialog_recorded(qtbot: QtBot, app: LockerApp, qt_config: Path) -> None:
    folder = qt_config.parent / "Protest-2026-05-06"
    folder.mkdir()
    _use_a_file_dialog(folder)
    assert "Protest-2026-05-06" in _history(qt_config), "control: Qt records the folder in QtProject.conf"
    with qtbot.waitSignal(app.locked, timeout=2000):
        app.lock()
    assert "Protest-2026-05-06" not in _history(qt_config)


def test_a_refused_passphrase_forgets_the_history_too(qtbot: QtBot, closed_vault: Path, qt_config: Path) -> None:
    """Duress and wipe-after answer like a wrong passphrase; each refusal clears the history."""
    folder = qt_config.parent / "Protest-2026-05-06"
    folder.mkdir()
    _use_a_file_dialog(folder)
    assert "Protest-2026-05-06" in _history(qt_config)
    for flow in running_app(
        qtbot, closed_vault, lambda qapp: SessionGuard(qapp, check_interval_ms=60_000), unlocked=False
    ):
        flow.start()
        dialog = flow.dialog
        assert isinstance(dialog, UnlockDialog)
        dialog.passphrase.setText("not the passphrase")
        with qtbot.waitSignal(dialog.unlock_failed, timeout=5000):
            dialog.buttons.accepted.emit()
        assert "Protest-2026-05-06" not in _history(qt_config)
        dialog.reject()


def test_lock_empties_the_clipboard_holding_what_the_app_copied(qtbot: QtBot, app: LockerApp) -> None:
    window = app.window
    assert window is not None
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is not None)
    clipboard = QApplication.clipboard()
    window.detail.sha256.setText("ab" * 32)
    window.detail.sha256.selectAll()
    window.detail.sha256.copy()  # Ctrl+C in a field of the app
    assert clipboard.text() == "ab" * 32
    with qtbot.waitSignal(app.locked, timeout=2000):
        app.lock()
    assert clipboard.text() == ""
    assert app.clipboard.clear_if_ours() is False, "nothing of ours is left to clear"


def test_an_erase_panic_forgets_the_history_too(qtbot: QtBot, app: LockerApp, qt_config: Path) -> None:
    from locker.panic.channel import PanicMode

    folder = qt_config.parent / "Protest-2026-05-06"
    folder.mkdir()
    _use_a_file_dialog(folder)
    assert "Protest-2026-05-06" in _history(qt_config)
    with qtbot.waitSignal(app.erased, timeout=5000):
        app.on_panic(PanicMode.ERASE)
    assert "Protest-2026-05-06" not in _history(qt_config)


def test_quitting_the_app_forgets_the_history_too(tmp_path: Path) -> None:
    """The real `locker-gui` entry in its own process: on quit, the FileDialog history in QtProject.conf is gone."""
    import os
    import subprocess
    import sys

    config = tmp_path / "config"
    config.mkdir()
    (config / "QtProject.conf").write_text("[FileDialog]\nhistory=file:///home/ivan/Protest-2026-05-06\n")
    code = (
        "from PySide6.QtCore import QTimer\nfrom PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\nQTimer.singleShot(1500, app.quit)\n"
        "from ui.app import main\nraise SystemExit(main([]))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(config), "HOME": str(tmp_path),
           "LOCKER_VAULT": str(tmp_path / "v.locker")}  # fmt: skip
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Protest-2026-05-06" not in (config / "QtProject.conf").read_text()
