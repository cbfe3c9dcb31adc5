"""Import from the window: drag and drop, progress, per-file results, cancel."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from locker.vault.items import list_items
from locker.vault.vault import Vault
from tests.conftest import write_file
from tests.metadata import makers
from ui.main_window import MainWindow
from ui.worker import TaskRunner


def _window(qtbot: QtBot, vault: Vault) -> MainWindow:
    window = MainWindow(vault, TaskRunner())
    qtbot.addWidget(window)
    window.show()
    return window


def _drop(window: MainWindow, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(
        window.rect().center(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(window.rect().center()), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    QApplication.sendEvent(window, drop)


def test_dropped_files_and_folders_are_imported_with_per_file_results(
    qtbot: QtBot, vault: Vault, tmp_path: Path
) -> None:
    window = _window(qtbot, vault)
    folder = tmp_path / "rally"
    write_file(folder / "a.txt", b"first")
    write_file(folder / "b.txt", b"first")  # a duplicate of a.txt
    huge = write_file(tmp_path / "huge.png", makers.png_claiming_huge_size())
    with qtbot.waitSignal(window.import_finished, timeout=30_000):
        _drop(window, [folder, huge])
    results = [window.import_panel.results.item(i).text() for i in range(window.import_panel.results.count())]
    assert results[0] == "imported: a.txt"
    assert results[1] == "already in the vault: b.txt"
    assert results[2] == "imported: huge.png — its metadata could not be read"  # the parser's words: a tooltip
    assert "DecompressionBombError" in window.import_panel.results.item(2).toolTip()
    assert window.import_panel.progress.value() == 100
    assert window.model.rowCount() == 2
    assert window.import_panel.current.text() == "2 imported, 1 already in the vault, 0 failed."


def test_refused_paths_are_listed_with_their_reason_and_a_summary(qtbot: QtBot, vault: Vault, tmp_path: Path) -> None:
    window = _window(qtbot, vault)
    folder = tmp_path / "phone"
    write_file(folder / "clip.txt", b"clip")
    os.mkfifo(folder / "pipe")
    (folder / "link").symlink_to(folder / "clip.txt")
    with qtbot.waitSignal(window.import_finished, timeout=30_000):
        _drop(window, [folder])
    results = [window.import_panel.results.item(i).text() for i in range(window.import_panel.results.count())]
    assert "imported: clip.txt" in results
    assert any(r.startswith("failed: link (") and "not a regular file" in r for r in results)
    assert any(r.startswith("failed: pipe (") and "not a regular file" in r for r in results)
    assert window.import_panel.current.text() == "1 imported, 0 already in the vault, 2 failed."


def test_cancel_stops_the_import_and_keeps_earlier_files(qtbot: QtBot, vault: Vault, tmp_path: Path) -> None:
    window = _window(qtbot, vault)
    first = write_file(tmp_path / "in" / "1-small.txt", b"small")
    big = tmp_path / "in" / "2-big.bin"
    with open(big, "wb") as fh:
        block = os.urandom(1 << 20)
        for i in range(300):
            fh.write(i.to_bytes(4, "big") + block[4:])
    progress_seen: list[str] = []
    window.import_panel.progressed.connect(lambda p: progress_seen.append(p.current_name))

    def cancel_when_big_starts(name: str) -> None:
        if name == "2-big.bin" and window.import_panel.cancel_button.isEnabled():
            window.import_panel.cancel()

    window.import_panel.progressed.connect(lambda p: cancel_when_big_starts(p.current_name))
    with qtbot.waitSignal(window.import_stopped, timeout=60_000) as stopped:
        window.import_paths([first.parent])
    assert "cancelled" in stopped.args[0]
    assert "2-big.bin" in progress_seen
    with vault.session() as conn:
        assert [item.name for item in list_items(conn)] == ["1-small.txt"]
    assert window.model.rowCount() == 1
