"""Settings: panic mode, shortcut, auto-lock, wrong-passphrase limit and duress, applied and persisted."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from locker.errors import WrongPassphraseError
from locker.panic.channel import PanicMode
from locker.settings import AppSettings, load_settings, save_settings
from locker.vault.vault import Vault
from tests.ui.running_app import running_app
from ui.app import LockerApp
from ui.session_guard import SessionGuard
from ui.settings_dialog import SettingsDialog


@pytest.fixture
def app_with_settings(qtbot: QtBot, closed_vault: Path, tmp_path: Path) -> Iterator[LockerApp]:
    def guard(qapp: QApplication) -> SessionGuard:
        return SessionGuard(qapp, check_interval_ms=60_000)

    yield from running_app(qtbot, closed_vault, guard, settings_path=tmp_path / "config" / "settings.json")


def _open(qtbot: QtBot, flow: LockerApp) -> SettingsDialog:
    dialog = flow.open_settings()
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=2000)
    return dialog


def test_erase_mode_and_a_new_shortcut_apply_at_once_and_persist(
    qtbot: QtBot, app_with_settings: LockerApp, closed_vault: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    flow = app_with_settings
    dialog = _open(qtbot, flow)
    dialog.panic_mode.setCurrentIndex(dialog.panic_mode.findData("erase"))
    dialog.shortcut.setKeySequence(QKeySequence("Ctrl+Alt+F12"))
    dialog.idle_minutes.setValue(3)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(dialog.applied, timeout=2000):
        dialog.accept_and_save()
    assert flow.settings_path is not None
    saved = json.loads(flow.settings_path.read_text())
    assert saved == {"panic_mode": "erase", "panic_shortcut": "Ctrl+Alt+F12", "idle_minutes": 3.0, "language": "",
                     "tsa_urls": [], "proxy": ""}  # fmt: skip
    assert flow.guard.panic_mode is PanicMode.ERASE and flow.guard.idle_minutes == 3
    qtbot.keyClick(
        flow.window, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert (closed_vault / "header").exists(), "the old shortcut no longer does anything"
    with qtbot.waitSignal(flow.erased, timeout=2000):
        qtbot.keyClick(
            flow.window, Qt.Key.Key_F12, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        )
    assert not (closed_vault / "header").exists()


def test_cancelling_the_erase_warning_keeps_lock_mode(
    qtbot: QtBot, app_with_settings: LockerApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _open(qtbot, app_with_settings)
    dialog.panic_mode.setCurrentIndex(dialog.panic_mode.findData("erase"))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    dialog.accept_and_save()
    assert app_with_settings.guard.panic_mode is PanicMode.LOCK
    assert app_with_settings.settings_path is not None and not app_with_settings.settings_path.exists()


def test_duress_and_wrong_passphrase_limit_from_the_dialog(
    qtbot: QtBot, app_with_settings: LockerApp, closed_vault: Path
) -> None:
    dialog = _open(qtbot, app_with_settings)
    dialog.duress_first.setText("give them this")
    dialog.duress_second.setText("give them this")
    with qtbot.waitSignal(dialog.duress_changed, timeout=10_000) as changed:
        dialog.set_duress_button.click()
    assert changed.args == [True]
    assert "is set" in dialog.duress_status.text()
    dialog.wipe_after.setValue(5)
    dialog.accept_and_save()
    assert json.loads((closed_vault / "attempts").read_text())["limit"] == 5
    app_with_settings.lock()
    with pytest.raises(WrongPassphraseError):
        Vault.open(closed_vault, "give them this")
    assert not (closed_vault / "header").exists(), "the duress passphrase set in the dialog erased the vault"


def test_settings_file_with_nonsense_falls_back_to_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"panic_mode": "explode", "idle_minutes": "soon", "language": "xx", "extra": 1}))
    assert load_settings(path) == AppSettings()
    path.write_text("{not json")
    assert load_settings(path) == AppSettings()
    save_settings(path, AppSettings(panic_mode="erase", idle_minutes=2))
    assert load_settings(path) == AppSettings(panic_mode="erase", idle_minutes=2)
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_timestamp_authorities_and_proxy_are_offered_in_the_export_dialog(
    qtbot: QtBot, app_with_settings: LockerApp
) -> None:
    flow = app_with_settings
    dialog = _open(qtbot, flow)
    dialog.tsa_urls.setPlainText("http://127.0.0.1:8318/tsa\nnot a url\nhttps://tsa.example.org/")
    dialog.proxy.setText("socks5h://127.0.0.1:9050")
    with qtbot.waitSignal(dialog.applied, timeout=2000):
        dialog.accept_and_save()
    assert flow.settings_path is not None
    saved = load_settings(flow.settings_path)
    assert saved.tsa_urls == ("http://127.0.0.1:8318/tsa", "https://tsa.example.org/")  # the nonsense line dropped
    assert saved.proxy == "socks5h://127.0.0.1:9050"
    assert flow.window is not None
    export = flow.window.open_export()
    assert export.tsa_urls.toPlainText().splitlines() == list(saved.tsa_urls)
    assert export.proxy.text() == "socks5h://127.0.0.1:9050"
    export.close()
