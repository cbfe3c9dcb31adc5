"""Ctrl+L locks from the viewer too: the person looking at the evidence has the viewer's window in front."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from locker.ingest.importer import ImportOptions, import_files
from locker.vault.vault import Vault
from tests.conftest import write_file
from ui.main_window import MainWindow
from ui.worker import TaskRunner


def test_ctrl_l_in_the_viewer_window_asks_for_the_lock(qtbot: QtBot, vault: Vault, tmp_path: Path) -> None:
    item = import_files(vault, [write_file(tmp_path / "note.txt", b"a note")], ImportOptions(extract_metadata=False))
    window = MainWindow(vault, TaskRunner())
    qtbot.addWidget(window)
    window.show()
    viewer = window.open_viewer(str(item[0].item_id))
    qtbot.addWidget(viewer)
    viewer.show()
    viewer.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is viewer, timeout=5_000)
    with qtbot.waitSignal(window.lock_requested, timeout=2_000):
        QTest.keyClick(viewer, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
