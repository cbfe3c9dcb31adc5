"""Notes typed for an item are never dropped: clicking another item, or the list reloading, saves them first."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from locker.ingest.importer import ImportOptions, import_files
from locker.vault.custody import events
from locker.vault.items import get_item
from locker.vault.vault import Vault
from tests.conftest import PASSPHRASE, write_file
from tests.ui.running_app import running_app
from ui.items_model import NAME
from ui.main_window import MainWindow
from ui.session_guard import SessionGuard
from ui.worker import TaskRunner


def _window(qtbot: QtBot, vault: Vault, tmp_path: Path) -> MainWindow:
    files = [write_file(tmp_path / "in" / name, name.encode()) for name in ("arrest.txt", "ruling.txt")]
    import_files(vault, files, ImportOptions(case="Дело 7"))
    window = MainWindow(vault, TaskRunner())
    qtbot.addWidget(window)
    window.show()
    window.table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
    return window


def _click_row(qtbot: QtBot, window: MainWindow, name: str) -> str:
    names = [window.filtered.index(r, NAME).data() for r in range(window.filtered.rowCount())]
    index = window.filtered.index(names.index(name), NAME)
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=window.table.visualRect(index).center())
    return window.model.item_at(window.filtered.source_row(index.row())).id


def _annotated(vault: Vault, item_id: str) -> int:
    with vault.session() as conn:
        return sum(event.action == "annotated" for event in events(conn, item_id))


def test_notes_typed_and_not_saved_are_kept_when_another_item_is_clicked(
    qtbot: QtBot, vault: Vault, tmp_path: Path
) -> None:
    window = _window(qtbot, vault, tmp_path)
    arrest = _click_row(qtbot, window, "arrest.txt")
    window.detail.notes.setPlainText("задержан у метро в 14:05")
    window.detail.tags.setText("arrest, police")
    ruling = _click_row(qtbot, window, "ruling.txt")  # no click on Save
    qtbot.waitUntil(lambda: window.detail.shown_item_id() == ruling and window.table.currentIndex().isValid())
    with vault.session() as conn:
        saved = get_item(conn, arrest)
    assert saved.notes == "задержан у метро в 14:05" and sorted(saved.tags) == ["arrest", "police"]
    assert _annotated(vault, arrest) == 2, "one custody event for the notes, one for the tags, as with Save"
    assert window.status.text() == "Your notes for arrest.txt were saved."
    assert window.detail.notes.toPlainText() == "", "the clicked item is shown, not the previous one"
    rows = range(window.model.rowCount())
    qtbot.waitUntil(lambda: any(window.model.item_at(r).notes.startswith("задержан") for r in rows))  # list reloaded
    assert window.detail.shown_item_id() == ruling, "and the clicked item stays selected after the reload"
    _click_row(qtbot, window, "arrest.txt")
    assert window.detail.notes.toPlainText() == "задержан у метро в 14:05"


def test_notes_are_kept_when_the_list_reloads_after_an_import(qtbot: QtBot, vault: Vault, tmp_path: Path) -> None:
    window = _window(qtbot, vault, tmp_path)
    arrest = _click_row(qtbot, window, "arrest.txt")
    window.detail.notes.setPlainText("свидетель: Мария")
    with qtbot.waitSignal(window.import_finished, timeout=30_000):
        window.import_paths([write_file(tmp_path / "more" / "video-note.txt", b"more")])
    with vault.session() as conn:
        assert get_item(conn, arrest).notes == "свидетель: Мария"


def test_looking_at_items_without_typing_records_nothing(qtbot: QtBot, vault: Vault, tmp_path: Path) -> None:
    window = _window(qtbot, vault, tmp_path)
    arrest = _click_row(qtbot, window, "arrest.txt")
    _click_row(qtbot, window, "ruling.txt")
    _click_row(qtbot, window, "arrest.txt")
    window.refresh()
    assert _annotated(vault, arrest) == 0


def test_notes_typed_before_the_vault_locks_are_saved_first(qtbot: QtBot, closed_vault: Path, tmp_path: Path) -> None:
    with Vault.open(closed_vault, PASSPHRASE) as vault:
        (outcome,) = import_files(vault, [write_file(tmp_path / "in" / "arrest.txt", b"a")], ImportOptions())
    assert outcome.item_id is not None

    def guard(qapp: QApplication) -> SessionGuard:
        return SessionGuard(qapp, check_interval_ms=60_000)

    for flow in running_app(qtbot, closed_vault, guard):
        assert flow.window is not None
        flow.window.select_item(outcome.item_id)
        flow.window.detail.notes.setPlainText("typed just before the idle lock")
        with qtbot.waitSignal(flow.locked, timeout=2000):
            flow.on_idle()
    with Vault.open(closed_vault, PASSPHRASE) as vault, vault.session() as conn:
        assert get_item(conn, outcome.item_id).notes == "typed just before the idle lock"


def test_a_half_typed_case_name_is_not_saved_as_a_new_case_on_a_click(
    qtbot: QtBot, vault: Vault, tmp_path: Path
) -> None:
    """Typing "Дел" in the case box and clicking another row made a case "Дел" and took the item out of its own
    (review of issue 19); the notes typed with it are still kept."""
    window = _window(qtbot, vault, tmp_path)
    arrest = _click_row(qtbot, window, "arrest.txt")
    window.detail.notes.setPlainText("у метро")
    window.detail.case.setCurrentText("Дел")
    ruling = _click_row(qtbot, window, "ruling.txt")
    qtbot.waitUntil(lambda: window.detail.shown_item_id() == ruling and window.table.currentIndex().isValid())
    with vault.session() as conn:
        saved = get_item(conn, arrest)
        cases = [row[0] for row in conn.execute("SELECT name FROM cases")]
    assert saved.case == "Дело 7" and cases == ["Дело 7"], "no case made, the item stays in its case"
    assert saved.notes == "у метро", "the notes are kept"
    assert window.status.text() == (
        'Your notes for arrest.txt were saved. The case of arrest.txt was not changed: there is no case "Дел" '
        "(press Save to create it)."
    )
