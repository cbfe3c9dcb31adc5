"""The panic key can never be a key pressed in ordinary use: Esc, single keys and one-modifier keys are refused."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from locker.settings import DEFAULT_PANIC_SHORTCUT
from tests.ui.running_app import running_app
from ui.app import LockerApp
from ui.panic_key import panic_key_problem
from ui.session_guard import SessionGuard
from ui.settings_dialog import SettingsDialog


@pytest.mark.parametrize(
    "refused", ["Esc", "Ctrl+Shift+Esc", "A", "F12", "Del", "Ctrl+F12", "Shift+Del", "Alt+X", "Ctrl+Alt+Del",
                "Ctrl+Alt+F2", "Ctrl+Alt+L", "Ctrl+Alt+Backspace", "Ctrl+Shift+F12, Ctrl+Shift+F11", ""],
)  # fmt: skip
def test_keys_pressed_in_ordinary_use_or_taken_by_desktops_are_refused_with_a_reason(refused: str) -> None:
    problem = panic_key_problem(QKeySequence(refused))
    assert problem is not None and problem.endswith(".")


@pytest.mark.parametrize("allowed", [DEFAULT_PANIC_SHORTCUT, "Ctrl+Alt+P", "Ctrl+Shift+Del", "Alt+Shift+F9"])
def test_keys_with_two_modifiers_are_allowed(allowed: str) -> None:
    assert panic_key_problem(QKeySequence(allowed)) is None


def test_the_default_is_not_the_browsers_clear_history_key() -> None:
    assert DEFAULT_PANIC_SHORTCUT == "Ctrl+Shift+F12"


@pytest.fixture
def flow(qtbot: QtBot, closed_vault: Path, tmp_path: Path) -> Iterator[LockerApp]:
    def guard(qapp: QApplication) -> SessionGuard:
        return SessionGuard(qapp, check_interval_ms=60_000)

    yield from running_app(qtbot, closed_vault, guard, settings_path=tmp_path / "config" / "settings.json")


def _settings(qtbot: QtBot, flow: LockerApp) -> SettingsDialog:
    dialog = flow.open_settings()
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=2000)
    return dialog


def test_pressing_esc_in_the_key_box_is_refused_and_esc_never_locks(qtbot: QtBot, flow: LockerApp) -> None:
    dialog = _settings(qtbot, flow)
    dialog.shortcut.setFocus()
    qtbot.keyClick(dialog.shortcut, Qt.Key.Key_Escape)
    assert dialog.shortcut.keySequence().toString() == "Esc"  # what Qt's key box records
    dialog.accept_and_save()
    assert dialog.isVisible(), "the dialog stays open"
    assert dialog.shortcut_problem.isVisible()
    assert dialog.shortcut_problem.text().startswith("Esc cannot be the panic key")
    assert flow.settings_path is not None and not flow.settings_path.exists(), "nothing was saved"
    dialog.reject()
    assert flow.window is not None
    qtbot.keyClick(flow.window, Qt.Key.Key_Escape)
    assert flow.vault is not None, "Esc did not lock"


def test_a_key_with_one_modifier_is_refused_and_two_modifiers_are_saved(qtbot: QtBot, flow: LockerApp) -> None:
    dialog = _settings(qtbot, flow)
    dialog.shortcut.setFocus()
    qtbot.keyClick(dialog.shortcut, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert dialog.shortcut_problem.isVisible() and "two of Ctrl, Alt and Shift" in dialog.shortcut_problem.text()
    dialog.accept_and_save()
    assert flow.settings_path is not None and not flow.settings_path.exists()
    dialog.shortcut.clear()
    qtbot.keyClick(dialog.shortcut, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert not dialog.shortcut_problem.isVisible()
    with qtbot.waitSignal(dialog.applied, timeout=2000):
        dialog.accept_and_save()
    assert json.loads(flow.settings_path.read_text())["panic_shortcut"] == "Ctrl+Alt+K"


def test_a_settings_file_from_an_older_release_holding_esc_gets_the_default_key(qtbot: QtBot, flow: LockerApp) -> None:
    flow.apply_settings(flow.settings.with_changes(panic_shortcut="Esc"))
    assert flow.guard.shortcut().toString() == DEFAULT_PANIC_SHORTCUT
    assert flow.window is not None
    qtbot.keyClick(flow.window, Qt.Key.Key_Escape)
    assert flow.vault is not None, "Esc did not lock"
    with qtbot.waitSignal(flow.locked, timeout=2000):
        qtbot.keyClick(
            flow.window, Qt.Key.Key_F12, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        )
