"""First launch: once the vault is made, a short panic setup (lock or erase, the key, a try in lock mode) and what
the vault cannot protect; skippable, saved as Settings saves, with the same key rules."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from locker.panic.channel import PanicMode
from locker.settings import DEFAULT_PANIC_SHORTCUT, AppSettings, load_settings
from locker.vault.vault import Vault, vault_exists
from tests.conftest import PASSPHRASE, WEAK_PARAMS
from tests.ui.running_app import running_app
from ui.app import LockerApp
from ui.first_run_panic import FirstRunPanicSetup
from ui.panic_practice import PanicPracticeDialog
from ui.passphrase_dialogs import CreateVaultDialog, UnlockDialog
from ui.session_guard import SessionGuard

CTRL_ALT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


def _create_fast(root: Path, passphrase: str) -> Vault:
    return Vault.create(root, passphrase, WEAK_PARAMS)


def _guard(qapp: QApplication) -> SessionGuard:
    return SessionGuard(qapp, check_interval_ms=60_000)


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "config" / "settings.json"


@pytest.fixture
def flow(qtbot: QtBot, tmp_path: Path, settings_path: Path) -> Iterator[LockerApp]:
    yield from running_app(qtbot, tmp_path / "default.locker", _guard, settings_path=settings_path,
                           create=_create_fast, unlocked=False)  # fmt: skip


def _first_launch(qtbot: QtBot, flow: LockerApp) -> FirstRunPanicSetup:
    flow.start()
    dialog = flow.dialog
    assert isinstance(dialog, CreateVaultDialog)
    dialog.first.setText(PASSPHRASE)
    dialog.second.setText(PASSPHRASE)
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: flow.first_run is not None and flow.first_run.isVisible(), timeout=20_000)
    assert flow.first_run is not None and flow.window is not None
    return flow.first_run


def _press(qtbot: QtBot, setup: FirstRunPanicSetup, key: Qt.Key, modifiers: Qt.KeyboardModifier) -> None:
    setup.panic.shortcut.clear()
    setup.panic.shortcut.setFocus()
    qtbot.keyClick(setup.panic.shortcut, key, modifiers)


def test_first_launch_shows_the_panic_setup_over_the_new_vault(qtbot: QtBot, flow: LockerApp) -> None:
    setup = _first_launch(qtbot, flow)
    assert setup.objectName() == "firstRunPanicSetup"
    assert setup.parent() is flow.window
    assert setup.panic.chosen_mode() == "lock" and setup.panic.chosen_key() == DEFAULT_PANIC_SHORTCUT
    assert "spyware" in setup.limits.text() and "Downloads" in setup.limits.text()
    assert setup.limits.text().count(". ") + 1 == 3, "three sentences"
    assert "THREAT_MODEL.md" in setup.threat_model_link.text()


def test_unlocking_an_existing_vault_shows_no_setup(qtbot: QtBot, closed_vault: Path, settings_path: Path) -> None:
    for flow in running_app(qtbot, closed_vault, _guard, settings_path=settings_path, unlocked=False):
        flow.start()
        dialog = flow.dialog
        assert isinstance(dialog, UnlockDialog)
        dialog.passphrase.setText(PASSPHRASE)
        dialog.buttons.accepted.emit()
        qtbot.waitUntil(lambda: flow.window is not None, timeout=20_000)  # noqa: B023 - run before the loop ends
        QApplication.processEvents()
        assert flow.first_run is None


def test_choosing_erase_and_a_key_persists_both(qtbot: QtBot, flow: LockerApp, settings_path: Path) -> None:
    setup = _first_launch(qtbot, flow)
    setup.panic.mode.setCurrentIndex(setup.panic.mode.findData("erase"))
    assert "cannot be brought back" in setup.mode_note.text(), "erase is explained before it is saved"
    _press(qtbot, setup, Qt.Key.Key_K, CTRL_ALT)
    qtbot.mouseClick(setup.save_button, Qt.MouseButton.LeftButton)
    saved = json.loads(settings_path.read_text())
    assert (saved["panic_mode"], saved["panic_shortcut"]) == ("erase", "Ctrl+Alt+K")
    assert load_settings(settings_path).panic_mode == "erase"
    assert flow.guard.panic_mode is PanicMode.ERASE and flow.guard.shortcut().toString() == "Ctrl+Alt+K"
    assert not setup.isVisible()


@pytest.mark.parametrize(
    ("key", "modifiers"),
    [(Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier), (Qt.Key.Key_K, Qt.KeyboardModifier.NoModifier),
     (Qt.Key.Key_F12, Qt.KeyboardModifier.ControlModifier)],
)  # fmt: skip
def test_esc_and_single_keys_are_refused_there_too(
    qtbot: QtBot, flow: LockerApp, settings_path: Path, key: Qt.Key, modifiers: Qt.KeyboardModifier
) -> None:
    setup = _first_launch(qtbot, flow)
    _press(qtbot, setup, key, modifiers)
    assert setup.panic.problem.isVisible()
    qtbot.mouseClick(setup.try_button, Qt.MouseButton.LeftButton)
    assert setup.isVisible(), "not saved, not closed"
    assert not settings_path.exists()
    assert flow.guard.shortcut().toString() == DEFAULT_PANIC_SHORTCUT
    assert setup.complete("lock", "Esc") is False


def test_skipping_leaves_the_defaults(qtbot: QtBot, flow: LockerApp, settings_path: Path) -> None:
    setup = _first_launch(qtbot, flow)
    setup.panic.mode.setCurrentIndex(setup.panic.mode.findData("erase"))
    _press(qtbot, setup, Qt.Key.Key_K, CTRL_ALT)
    qtbot.mouseClick(setup.skip_button, Qt.MouseButton.LeftButton)
    assert not setup.isVisible()
    assert not settings_path.exists()
    assert flow.settings == AppSettings() and flow.guard.panic_mode is PanicMode.LOCK
    assert flow.guard.shortcut().toString() == DEFAULT_PANIC_SHORTCUT


def test_trying_the_key_now_locks_even_when_erase_was_chosen(qtbot: QtBot, flow: LockerApp) -> None:
    setup = _first_launch(qtbot, flow)
    root = flow.vault_dir
    assert setup.complete("erase", "Ctrl+Alt+K", try_now=True)
    practice = next(w for w in QApplication.topLevelWidgets() if isinstance(w, PanicPracticeDialog))
    qtbot.waitUntil(practice.isVisible, timeout=2000)
    assert practice.key.text() == "Ctrl+Alt+K"
    with qtbot.waitSignal(flow.locked, timeout=5000):
        qtbot.keyClick(practice, Qt.Key.Key_K, CTRL_ALT)
    assert vault_exists(root), "the practice locked; it did not erase"
    qtbot.waitUntil(lambda: isinstance(flow.dialog, UnlockDialog), timeout=5000)
    assert flow.guard.panic_mode is PanicMode.ERASE, "after the practice, the key erases as chosen"
