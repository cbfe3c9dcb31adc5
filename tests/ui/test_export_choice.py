"""Export for counsel holds exactly what the user chose: the case option wins over a stale selection."""

from __future__ import annotations

import json
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QRadioButton
from pytestqt.qtbot import QtBot

from locker.ingest.importer import ImportOptions, import_files
from locker.vault.vault import Vault
from tests.conftest import write_file
from tests.metadata.makers import video_in_container
from ui.main_window import MainWindow
from ui.worker import TaskRunner


def _click(qtbot: QtBot, radio: QRadioButton) -> None:
    """Click on the round indicator, as a user does (the button may be stretched wider than its text)."""
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(8, radio.height() // 2))


def _bundle_names(bundle: Path) -> list[str]:
    records = json.loads((bundle / "metadata" / "items.json").read_text(encoding="utf-8"))
    on_disk = sorted(p.name for p in (bundle / "data" / "items").rglob("*") if p.is_file())
    assert sorted(record["name"] for record in records) == on_disk  # the manifest and the payload agree
    return on_disk


def test_clicking_the_case_option_exports_the_case_and_not_the_selected_video(
    qtbot: QtBot, vault: Vault, tmp_path: Path
) -> None:
    photo = tmp_path / "in" / "rally.jpg"
    photo.parent.mkdir(parents=True)
    Image.new("RGB", (64, 48), (200, 30, 30)).save(photo)
    ruling = write_file(tmp_path / "in" / "ruling.txt", "Постановление суда".encode())
    import_files(vault, [photo, ruling], ImportOptions(case="Дело 7"))
    video = video_in_container(tmp_path / "in" / "unrelated.mkv", "unrelated")
    (video_outcome,) = import_files(vault, [video], ImportOptions())
    window = MainWindow(vault, TaskRunner())
    qtbot.addWidget(window)
    window.show()
    assert video_outcome.item_id is not None
    window.select_item(video_outcome.item_id)
    assert window.selected_item_ids() == [video_outcome.item_id]

    dialog = window.open_export()
    assert dialog.selected_radio.isChecked()  # the selection is offered first
    dialog.case.setCurrentText("Дело 7")
    _click(qtbot, dialog.case_radio)
    assert dialog.case_radio.isChecked() and not dialog.selected_radio.isChecked()
    dialog.destination.setText(str(tmp_path / "bundle"))
    with qtbot.waitSignal(dialog.exported, timeout=30_000):
        dialog.export_button.click()

    assert _bundle_names(tmp_path / "bundle") == ["rally.jpg", "ruling.txt"]
    message = dialog.message.text()
    assert "Exported 2 item(s): rally.jpg, ruling.txt." in message
    assert "unrelated.mkv" not in message
    assert str(tmp_path / "bundle") in message and "README-VERIFY.txt" in message


def test_the_selected_items_option_exports_only_the_selection(qtbot: QtBot, vault: Vault, tmp_path: Path) -> None:
    import_files(vault, [write_file(tmp_path / "in" / "a.txt", b"a"), write_file(tmp_path / "in" / "b.txt", b"b")],
                 ImportOptions(case="Дело 7"))  # fmt: skip
    (lone,) = import_files(vault, [write_file(tmp_path / "in" / "lone.txt", b"lone")], ImportOptions())
    window = MainWindow(vault, TaskRunner())
    qtbot.addWidget(window)
    window.show()
    assert lone.item_id is not None
    window.select_item(lone.item_id)
    dialog = window.open_export()
    _click(qtbot, dialog.case_radio)
    _click(qtbot, dialog.selected_radio)  # and back
    assert dialog.selected_radio.isChecked() and not dialog.case_radio.isChecked()
    dialog.destination.setText(str(tmp_path / "bundle"))
    with qtbot.waitSignal(dialog.exported, timeout=30_000):
        dialog.export_button.click()
    assert _bundle_names(tmp_path / "bundle") == ["lone.txt"]
    assert "Exported 1 item(s): lone.txt." in dialog.message.text()
    assert dialog.message.textFormat() == Qt.TextFormat.PlainText  # names are shown as typed, never as markup


def test_the_case_on_screen_is_the_one_offered_and_none_is_guessed(qtbot: QtBot, vault: Vault, tmp_path: Path) -> None:
    """Looking at one case with nothing selected, Export offered the first case by name, and exporting as offered
    sent another case's evidence (review of issue 19)."""
    arrest = write_file(tmp_path / "in" / "arrest.txt", b"arrest")
    fine = write_file(tmp_path / "in" / "fine.txt", b"fine")
    import_files(vault, [arrest], ImportOptions(case="Арест 5 мая"))
    import_files(vault, [fine], ImportOptions(case="Штраф от 12 марта"))
    window = MainWindow(vault, TaskRunner())
    qtbot.addWidget(window)
    window.show()
    window.cases.select("Штраф от 12 марта")
    window.table.clearSelection()
    dialog = window.open_export()
    assert dialog.case_radio.isChecked() and dialog.case.currentText() == "Штраф от 12 марта"
    dialog.destination.setText(str(tmp_path / "bundle"))
    with qtbot.waitSignal(dialog.exported, timeout=30_000):
        dialog.export_button.click()
    assert _bundle_names(tmp_path / "bundle") == ["fine.txt"]
    dialog.close()

    window.cases.select(window.cases.list.item(0).data(Qt.ItemDataRole.UserRole))  # "All items"
    window.table.clearSelection()
    guessing = window.open_export()
    assert guessing.case.currentText() == "", "no case is chosen for her"
    guessing.destination.setText(str(tmp_path / "other"))
    guessing.export_button.click()
    assert guessing.message.text() == "Choose the case to export."
    assert not (tmp_path / "other").exists()
