"""The item list says what to do when it shows nothing, and acts on several selected items at once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from locker.ingest.importer import ImportOptions, import_files
from locker.vault.cases import create_case
from locker.vault.custody import events
from locker.vault.items import get_item
from locker.vault.vault import Vault
from tests.conftest import write_file
from ui.main_window import MainWindow
from ui.worker import TaskRunner


def _window(qtbot: QtBot, vault: Vault) -> MainWindow:
    window = MainWindow(vault, TaskRunner())
    qtbot.addWidget(window)
    window.show()
    return window


def test_an_empty_vault_an_empty_case_and_no_results_each_say_what_to_do(
    qtbot: QtBot, vault: Vault, tmp_path: Path
) -> None:
    window = _window(qtbot, vault)
    assert window.views.currentWidget() is window.empty
    assert window.empty.text().startswith("Drop photos, videos or court papers here")
    with qtbot.waitSignal(window.import_finished, timeout=30_000):
        window.import_paths([write_file(tmp_path / "in" / "arrest.txt", b"arrest")])
    assert window.views.currentWidget() is window.table
    with vault.transaction() as conn:
        create_case(conn, "Дело 8")
    window.cases.reload()
    window.cases.select("Дело 8")
    assert window.views.currentWidget() is window.empty
    assert window.empty.text().startswith("This case holds no items yet.")
    window.cases.select("")
    window.search.setText("nothing is called this")
    assert window.empty.text().startswith("No item matches the search or the filters.")
    window.search.clear()
    assert window.views.currentWidget() is window.table
    window.show_as_grid(True)
    assert window.views.currentWidget() is window.grid


def _select_all_rows(window: MainWindow) -> None:
    for row in range(window.filtered.rowCount()):
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        window.table.selectionModel().select(window.filtered.index(row, 0), flags)


def test_several_selected_items_move_to_a_case_together_and_export_together(
    qtbot: QtBot, vault: Vault, tmp_path: Path
) -> None:
    files = [write_file(tmp_path / "in" / name, name.encode()) for name in ("a.txt", "b.txt", "c.txt")]
    outcomes = import_files(vault, files, ImportOptions(extract_metadata=False))
    window = _window(qtbot, vault)
    window.table.selectAll()  # Ctrl+A
    assert len(window.selected_item_ids()) == 3
    assert window.status.text().startswith("3 items selected")
    window.table.clearSelection()
    assert window.status.text() == "3 item(s) in the vault.", "no stale 'selected' line once nothing is selected"
    _select_all_rows(window)
    window.table.selectionModel().select(
        window.filtered.index(2, 0), QItemSelectionModel.SelectionFlag.Deselect | QItemSelectionModel.SelectionFlag.Rows
    )
    chosen = window.selected_item_ids()
    assert len(chosen) == 2
    dialog = window.open_move_to_case()
    assert dialog is not None
    dialog.case.setCurrentText("Дело 9")
    dialog.accept()
    with vault.session() as conn:
        cases = {outcome.item_id: get_item(conn, outcome.item_id).case for outcome in outcomes if outcome.item_id}
        moved = [e for e in events(conn) if e.action == "annotated"]
    assert sorted(i for i, case in cases.items() if case == "Дело 9") == sorted(chosen)
    assert len(moved) == 2, "one custody event per moved item"
    assert window.status.text() == "Moved 2 item(s) to the case Дело 9."
    assert sorted(window.selected_item_ids()) == sorted(chosen), "the moved items stay selected"
    export = window.open_export()
    assert export.selected_radio.isChecked() and export.selected_radio.text() == "Selected items (2)"
    export.destination.setText(str(tmp_path / "bundle"))
    with qtbot.waitSignal(export.exported, timeout=30_000) as done:
        export.export_button.click()
    assert done.args[0].items == 2
    QApplication.processEvents()
    assert sorted(window.selected_item_ids()) == sorted(chosen), "after the export, the same items stay selected"
    assert window.detail.id_value.text() in chosen, "and the details still show one of them"


def test_share_asks_for_one_item_when_several_are_selected(qtbot: QtBot, vault: Vault, tmp_path: Path) -> None:
    files = [write_file(tmp_path / "in" / name, name.encode()) for name in ("a.txt", "b.txt")]
    import_files(vault, files, ImportOptions(extract_metadata=False))
    window = _window(qtbot, vault)
    window.table.selectAll()
    assert window.open_share() is None
    assert window.status.text() == "A share copy is made of one item at a time: select just one."
