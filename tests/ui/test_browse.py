"""Browsing the vault in the main window: capture time and GPS columns, sorting, search, details, notes."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from locker.ingest.importer import ImportOptions, import_files
from locker.vault.custody import events
from locker.vault.items import get_item
from locker.vault.vault import Vault
from tests.conftest import write_file
from tests.metadata import makers
from ui.items_model import CAPTURED, GPS, NAME, SIZE
from ui.main_window import MainWindow
from ui.worker import TaskRunner


def _window(qtbot: QtBot, vault: Vault, tmp_path: Path) -> MainWindow:
    photo = tmp_path / "rally.jpg"
    makers.picture().save(
        photo, "JPEG", exif=makers.exif_block("Cam", "P1", *makers.MOSCOW, "2026:05:06 14:02:00").tobytes()
    )
    import_files(vault, [photo], ImportOptions(case="Дело 1", note="у метро"))
    import_files(vault, [write_file(tmp_path / "big.bin", os.urandom(300_000)),
                         write_file(tmp_path / "small.txt", b"tiny")], ImportOptions(case="Другое"))  # fmt: skip
    window = MainWindow(vault, TaskRunner())
    qtbot.addWidget(window)
    window.show()
    return window


def _column(window: MainWindow, column: int) -> list[str]:
    return [window.filtered.index(r, column).data() for r in range(window.filtered.rowCount())]


def test_columns_show_capture_time_and_gps(qtbot: QtBot, vault: Vault, tmp_path: Path) -> None:
    window = _window(qtbot, vault, tmp_path)
    rows = dict(
        zip(_column(window, NAME), zip(_column(window, CAPTURED), _column(window, GPS), strict=True), strict=True)
    )
    assert rows["rally.jpg"] == ("2026-05-06 14:02 (zone unknown)", "yes"), "to the minute in the list"
    assert "(zone unknown)" in rows["rally.jpg"][0], "EXIF gave no zone: shown as recorded, not converted"
    assert rows["small.txt"] == ("", "no")  # text is read (it has no place for a position), so: no GPS


def test_sorting_by_size_is_numeric_and_search_filters(qtbot: QtBot, vault: Vault, tmp_path: Path) -> None:
    window = _window(qtbot, vault, tmp_path)
    window.table.sortByColumn(SIZE, Qt.SortOrder.AscendingOrder)
    assert _column(window, NAME)[0] == "small.txt" and _column(window, NAME)[-1] == "big.bin"
    window.search.setText("метро")  # matches the photo's notes (QTest cannot type Cyrillic offscreen)
    assert _column(window, NAME) == ["rally.jpg"]
    window.search.clear()
    window.search.setText("другое")  # a case name, case-insensitive
    assert sorted(_column(window, NAME)) == ["big.bin", "small.txt"]


def test_details_hashes_copy_and_notes_edit_is_a_custody_event(qtbot: QtBot, vault: Vault, tmp_path: Path) -> None:
    window = _window(qtbot, vault, tmp_path)
    window.table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
    row = _column(window, NAME).index("rally.jpg")
    window.table.selectRow(row)
    item = window.model.item_at(window.filtered.source_row(row))
    assert window.detail.sha256.text() == item.sha256
    assert dict(window.detail.when_and_where())["Place:"] == "latitude 55.755833, longitude 37.617222"
    assert not window.detail.thumbnail.pixmap().isNull()
    history = [window.detail.history.item(i).text() for i in range(window.detail.history.count())]
    assert [line.split("  ", 2)[-1] for line in history] == ["imported", "metadata read"]
    copy_buttons = [b for b in window.detail.findChildren(type(window.detail.save_notes)) if b.text() == "Copy"]
    copy_buttons[0].click()
    clipboard = QApplication.clipboard()
    assert clipboard is not None and clipboard.text() == item.sha256
    window.detail.notes.setPlainText("задержание в 14:05")
    window.detail.save_notes.click()
    with vault.session() as conn:
        assert get_item(conn, item.id).notes == "задержание в 14:05"
        assert events(conn, item.id)[-1].action == "annotated"
    assert window.detail.notes.toPlainText() == "задержание в 14:05"
    assert window.detail.sha256.text() == item.sha256, "the same item stays selected after saving"
