"""Keyboard and screen-reader use: shortcuts for the main actions, a name on every control, a sensible tab order."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QToolBar,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from locker.ingest.importer import ImportOptions, import_files
from locker.settings import DEFAULT_PANIC_SHORTCUT, AppSettings
from locker.vault.vault import Vault
from tests.conftest import write_file
from ui.main_window import MainWindow
from ui.panic_practice import PanicPracticeDialog
from ui.passphrase_dialogs import CreateVaultDialog, UnlockDialog
from ui.session_guard import SessionGuard
from ui.settings_dialog import SettingsDialog
from ui.worker import TaskRunner

INPUTS = (QLineEdit, QComboBox, QPlainTextEdit, QAbstractItemView, QAbstractSpinBox, QKeySequenceEdit)


def _unnamed(root: QWidget) -> list[str]:
    buddies = {label.buddy() for label in root.findChildren(QLabel) if label.buddy() is not None}
    missing = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        if isinstance(widget, QLineEdit) and isinstance(
            widget.parent(), QComboBox | QAbstractSpinBox | QKeySequenceEdit
        ):
            continue  # the editor inside a combo, date or key box: the outer control carries the name
        if isinstance(widget, INPUTS) and not widget.accessibleName() and widget not in buddies:
            missing.append(f"{type(widget).__name__} {widget.objectName()}")
        if isinstance(widget, QAbstractButton) and not (widget.text() or widget.accessibleName()):
            missing.append(f"{type(widget).__name__} without text")
    return missing


def test_main_actions_have_shortcuts_and_every_control_a_name(qtbot: QtBot, vault: Vault) -> None:
    window = MainWindow(vault, TaskRunner())
    qtbot.addWidget(window)
    window.show()
    actions = (window.import_action, window.export_action, window.share_action, window.verify_action,
               window.settings_action, window.lock_action, window.move_to_case_action, window.find_action,
               window.new_case_action, window.list_action, window.grid_action)  # fmt: skip
    shortcuts = {action.text(): action.shortcut().toString() for action in actions}
    assert shortcuts == {"Import files...": "Ctrl+I", "Export for counsel...": "Ctrl+E", "Lock": "Ctrl+L",
                         "Share copy...": "Ctrl+Shift+S", "Verify a bundle...": "Ctrl+Shift+V",
                         "Settings...": "Ctrl+,", "Move to case...": "Ctrl+M", "Search": "Ctrl+F",
                         "New case...": "Ctrl+Shift+N", "As a list": "Ctrl+Shift+L",
                         "As thumbnails": "Ctrl+Shift+G"}  # fmt: skip
    keys = list(shortcuts.values())
    assert len(set(keys)) == len(keys) and DEFAULT_PANIC_SHORTCUT not in keys
    assert _unnamed(window) == []
    nameless = QLineEdit(window.centralWidget())  # the check can fail: a field without a name is reported
    nameless.setObjectName("nameless")
    nameless.show()
    assert _unnamed(window) == ["QLineEdit nameless"]


def test_toolbar_buttons_have_icons_and_labels_and_take_focus_from_tab_not_from_clicks(
    qtbot: QtBot, vault: Vault
) -> None:
    window = MainWindow(vault, TaskRunner())
    qtbot.addWidget(window)
    window.show()
    bar = window.findChild(QToolBar)
    assert bar is not None and bar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
    buttons = [bar.widgetForAction(action) for action in bar.actions() if bar.widgetForAction(action) is not None]
    buttons = [button for button in buttons if isinstance(button, QToolButton)]
    labels = ["Import files", "Export for counsel", "Share copy", "Verify a bundle", "Settings", "Lock", "Lock now"]
    assert [button.text() for button in buttons] == labels
    assert all(not button.icon().isNull() for button in buttons[:-1])
    assert all(button.focusPolicy() == Qt.FocusPolicy.TabFocus for button in buttons)


def _chain(start: QWidget) -> list[QWidget]:
    chain: list[QWidget] = []
    widget = start
    for _ in range(300):
        chain.append(widget)
        widget = widget.nextInFocusChain()
        if widget is start:
            break
    return chain


def test_tab_order_runs_from_the_toolbar_through_search_and_list_to_the_details(qtbot: QtBot, vault: Vault) -> None:
    window = MainWindow(vault, TaskRunner())
    qtbot.addWidget(window)
    window.show()
    chain = _chain(window.findChild(QToolBar).widgetForAction(window.import_action))  # type: ignore[union-attr]
    order = [chain.index(w) for w in (window.findChild(QToolBar).widgetForAction(window.import_action),  # type: ignore[union-attr]
                                      window.panic_button, window.search, window.filters.tag, window.table,
                                      window.detail.notes, window.detail.tags)]  # fmt: skip
    assert order == sorted(order)
    assert not window.table.tabKeyNavigation(), "Tab leaves the table instead of walking its cells"


def test_arrows_move_through_the_items_and_tab_leaves_the_table(qtbot: QtBot, vault: Vault, tmp_path: Path) -> None:
    import_files(vault, [write_file(tmp_path / "in" / n, n.encode()) for n in ("a.txt", "b.txt")],
                 ImportOptions(extract_metadata=False))  # fmt: skip
    window = MainWindow(vault, TaskRunner())
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    window.table.setFocus()
    window.table.selectRow(0)
    first = window.detail.shown_item_id()
    qtbot.keyClick(window.table, Qt.Key.Key_Down)
    assert window.detail.shown_item_id() not in (None, first), "Down shows the next item"
    qtbot.keyClick(window.table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not window.table


def test_dialogs_name_their_controls(qtbot: QtBot, vault: Vault, tmp_path: Path) -> None:
    (outcome,) = import_files(vault, [write_file(tmp_path / "in" / "a.txt", b"a")], ImportOptions())
    window = MainWindow(vault, TaskRunner())
    qtbot.addWidget(window)
    window.show()
    assert outcome.item_id is not None
    window.select_item(outcome.item_id)
    dialogs: list[QWidget] = [window.open_export(), window.open_verify(), window.cases.new_case()]
    share = window.open_share()
    move = window.open_move_to_case()
    assert share is not None and move is not None
    dialogs += [share, move, window.open_change_passphrase(), window.open_verify().open_senders()]
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    guard = SessionGuard(app, check_interval_ms=60_000)
    dialogs += [SettingsDialog(AppSettings(), vault, TaskRunner(), lambda _s: None),
                CreateVaultDialog(tmp_path / "new.locker", TaskRunner(), Vault.create),
                UnlockDialog(vault.paths.root, TaskRunner(), Vault.open), PanicPracticeDialog(guard)]  # fmt: skip
    try:
        for dialog in dialogs:
            dialog.show()
            qtbot.waitUntil(dialog.isVisible, timeout=2000)
            assert _unnamed(dialog) == [], type(dialog).__name__
            dialog.close()
    finally:
        app.removeEventFilter(guard)  # the guard watches every key press of the app: not beyond this test
