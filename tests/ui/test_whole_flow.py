"""Whole flows in the app, offscreen, on real vaults: first launch to a verified bundle; cases, tags and filters;
the grid; switching vaults; a wrong passphrase changes nothing; the Russian window at 1366x768."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel
from pytestqt.qtbot import QtBot

from locker.vault.cases import list_cases
from locker.vault.custody import events
from locker.vault.items import get_item
from locker.vault.vault import Vault
from tests.conftest import PASSPHRASE, WEAK_PARAMS, run_cli
from tests.share import planted
from tests.ui.running_app import running_app
from tests.ui.test_import_panel import _drop
from ui.app import LockerApp
from ui.items_model import CAPTURED, GPS, NAME, TAGS
from ui.main_window import MainWindow
from ui.passphrase_dialogs import CreateVaultDialog, UnlockDialog
from ui.session_guard import SessionGuard
from ui.time_text import time_text
from ui.worker import TaskRunner

SHOTS = Path(__file__).resolve().parent.parent.parent / "build" / "screenshots"


def _create_fast(root: Path, passphrase: str) -> Vault:
    return Vault.create(root, passphrase, WEAK_PARAMS)


@pytest.fixture
def app_flow(qtbot: QtBot, tmp_path: Path) -> Iterator[LockerApp]:
    """The app before its first launch: no vault open yet."""
    yield from running_app(qtbot, tmp_path / "default.locker", SessionGuard, create=_create_fast, unlocked=False)


def _evidence_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "from the phone"
    folder.mkdir()
    planted.jpeg(folder, orientation=1)
    planted.pdf(folder)
    planted.video(folder, "mp4", seconds=1.0)
    return folder


def _rows(window: MainWindow, column: int) -> list[str]:
    return [window.filtered.index(r, column).data() for r in range(window.filtered.rowCount())]


def test_first_launch_to_a_verified_bundle(qtbot: QtBot, app_flow: LockerApp, tmp_path: Path) -> None:
    app_flow.start()
    dialog = app_flow.dialog
    assert isinstance(dialog, CreateVaultDialog)
    dialog.first.setText(PASSPHRASE)
    dialog.second.setText(PASSPHRASE)
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: app_flow.window is not None, timeout=20_000)
    window = app_flow.window
    assert window is not None

    with qtbot.waitSignal(window.import_finished, timeout=120_000) as done:
        _drop(window, [_evidence_folder(tmp_path)])
    assert [o.status for o in done.args[0]] == ["imported"] * 3
    assert sorted(_rows(window, NAME)) == ["clip.mp4", "fine.pdf", "photo.jpg"]

    window.select_item(next(o.item_id for o in done.args[0] if o.name == "photo.jpg"))
    row = window.table.currentIndex().row()
    assert window.filtered.index(row, GPS).data() == "yes"
    assert window.filtered.index(row, CAPTURED).data() == "2024-02-29 23:58 (zone unknown)"  # to the minute
    when = dict(window.detail.when_and_where())
    assert when["Place:"] == f"latitude {planted.LAT:.6f}, longitude {planted.LON:.6f}"
    assert when["Taken:"].startswith(time_text("2024-02-29T23:58:41"))

    window.detail.notes.setPlainText("taken at the metro exit")
    window.detail.save_notes.click()
    vault = app_flow.vault
    assert vault is not None
    photo_id = window.selected_item_ids()[0]
    with vault.session() as conn:
        assert get_item(conn, photo_id).notes == "taken at the metro exit"
        assert events(conn, photo_id)[-1].action == "annotated"

    window.table.selectAll()
    export = window.open_export()
    export.case_radio.setChecked(False)
    export.selected_radio.setChecked(True)
    export.destination.setText(str(tmp_path / "for-counsel"))
    with qtbot.waitSignal(export.exported, timeout=60_000):
        export.export_button.click()
    verified = run_cli("verify", str(tmp_path / "for-counsel"))
    assert verified.returncode == 3, verified.stdout + verified.stderr  # intact; no --fingerprint given


def test_wrong_passphrase_shows_an_error_and_changes_no_byte(
    qtbot: QtBot, app_flow: LockerApp, closed_vault: Path
) -> None:
    app_flow.vault_dir = closed_vault
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in closed_vault.iterdir() if p.is_file()}
    app_flow.start()
    dialog = app_flow.dialog
    assert isinstance(dialog, UnlockDialog)
    dialog.passphrase.setText("not the passphrase")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: "passphrase is wrong" in dialog.error_label.text(), timeout=20_000)
    assert app_flow.window is None
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in closed_vault.iterdir() if p.is_file()}
    assert after == before


def test_cases_tags_and_filters(qtbot: QtBot, vault: Vault, tmp_path: Path) -> None:
    from locker.ingest.importer import import_files

    folder = _evidence_folder(tmp_path)
    import_files(vault, sorted(folder.iterdir()))
    window = MainWindow(vault, TaskRunner())
    qtbot.addWidget(window)
    window.show()

    dialog = window.cases.new_case()
    dialog.name.setText("Fine of 12 March")
    dialog.court.setText("Tverskoy District Court")
    dialog.case_number.setText("5-1234/2026")
    dialog.dates.setText("hearing 2026-05-20")
    dialog.accept()
    with vault.session() as conn:
        [case] = list_cases(conn)
    assert (case.court, case.case_number, case.dates) == (
        "Tverskoy District Court",
        "5-1234/2026",
        "hearing 2026-05-20",
    )

    assert window.cases.current_case() == "Fine of 12 March" and _rows(window, NAME) == []  # the new, empty case
    window.cases.select("")
    photo = next(i for i in range(window.model.rowCount()) if window.model.item_at(i).name == "photo.jpg")
    window.select_item(window.model.item_at(photo).id)
    window.detail.tags.setText("arrest, police")
    window.detail.case.setCurrentText("Fine of 12 March")
    window.detail.save_notes.click()
    item_id = window.model.item_at(photo).id
    with vault.session() as conn:
        item = get_item(conn, item_id)
        actions = [e.details for e in events(conn, item_id) if e.action == "annotated"]
    assert item.tags == ("arrest", "police") and item.case == "Fine of 12 March", window.status.text()
    assert {"tags": ["arrest", "police"]} in actions and {"case": "Fine of 12 March"} in actions
    assert "arrest, police" in _rows(window, TAGS)

    window.cases.select("Fine of 12 March")
    assert _rows(window, NAME) == ["photo.jpg"]
    window.cases.select("")
    assert len(_rows(window, NAME)) == 3
    window.filters.tag.setCurrentIndex(window.filters.tag.findData("police"))
    assert _rows(window, NAME) == ["photo.jpg"]
    window.filters.tag.setCurrentIndex(0)
    window.filters.kind.setCurrentIndex(window.filters.kind.findData("video"))
    assert _rows(window, NAME) == ["clip.mp4"]
    window.filters.kind.setCurrentIndex(0)
    window.filters.gps.setChecked(True)
    assert sorted(_rows(window, NAME)) == ["clip.mp4", "photo.jpg"]
    window.filters.gps.setChecked(False)
    window.filters.dated.setChecked(True)
    from PySide6.QtCore import QDate

    window.filters.date_from.setDate(QDate(2024, 2, 29))
    window.filters.date_to.setDate(QDate(2024, 2, 29))
    assert sorted(_rows(window, NAME)) == ["clip.mp4", "photo.jpg"]  # the PDF has no capture time
    window.filters.date_from.setDate(QDate(2024, 3, 1))
    window.filters.date_to.setDate(QDate(2024, 3, 2))
    assert _rows(window, NAME) == []

    window.cases.select("Fine of 12 March")
    edit = window.cases.edit_case()
    assert edit is not None
    edit.name.setText("Fine of 12 March (appeal)")
    edit.accept()
    with vault.session() as conn:
        assert [c.name for c in list_cases(conn)] == ["Fine of 12 March (appeal)"]
        assert get_item(conn, item_id).case == "Fine of 12 March (appeal)"


def test_grid_shows_thumbnails_and_shares_the_selection(qtbot: QtBot, vault: Vault, tmp_path: Path) -> None:
    from locker.ingest.importer import import_files

    import_files(vault, sorted(_evidence_folder(tmp_path).iterdir()))
    window = MainWindow(vault, TaskRunner())
    qtbot.addWidget(window)
    window.show()
    window.grid_action.trigger()
    assert window.views.currentWidget() is window.grid
    icon = window.filtered.index(0, NAME).data(Qt.ItemDataRole.DecorationRole)
    assert icon is not None and not icon.isNull()
    window.grid.setCurrentIndex(window.filtered.index(1, 0))
    assert window.table.currentIndex().row() == 1
    assert window.detail.sha256.text() == window.model.item_at(window.filtered.source_row(1)).sha256
    window.list_action.trigger()
    assert window.views.currentWidget() is window.table


def test_switching_to_another_vault_and_back(qtbot: QtBot, app_flow: LockerApp, closed_vault: Path) -> None:
    app_flow.show_vault(Vault.open(closed_vault, PASSPHRASE))
    window = app_flow.window
    assert window is not None
    second = closed_vault.parent / "second.locker"
    window.switch_vault_requested.emit(str(second))
    qtbot.waitUntil(lambda: isinstance(app_flow.dialog, CreateVaultDialog), timeout=5_000)
    assert app_flow.vault is None and app_flow.window is None  # the first vault is closed, its key wiped
    dialog = app_flow.dialog
    assert isinstance(dialog, CreateVaultDialog)
    dialog.reject()  # changed my mind: back to the first vault's passphrase
    qtbot.waitUntil(lambda: isinstance(app_flow.dialog, UnlockDialog), timeout=5_000)
    assert app_flow.vault_dir == closed_vault and not second.exists()


def test_russian_main_window_at_1366x768_has_no_clipped_labels(qtbot: QtBot, vault: Vault, tmp_path: Path) -> None:
    from PySide6.QtCore import QLocale

    from locker.ingest.importer import ImportOptions, import_files
    from ui.app import install_translators

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translators(app, QLocale("ru"))
    try:
        import_files(vault, sorted(_evidence_folder(tmp_path).iterdir()), ImportOptions(case="Штраф от 12 марта"))
        window = MainWindow(vault, TaskRunner())
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        window.table.selectRow(0)
        qtbot.wait(50)
        # Fits a 1366x768 screen with a title bar and a panel to spare.
        assert (window.width(), window.height()) == (1366, 768)
        assert window.minimumSizeHint().height() <= 680 and window.minimumSizeHint().width() <= 1366
        SHOTS.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(SHOTS / "main-window-ru-1366x768.png"))
        assert window.import_action.text().startswith("Импорт файлов")
        clipped = [
            w.text() for w in window.findChildren(QLabel)
            if w.isVisible() and w.text() and not w.wordWrap() and w.width() < w.sizeHint().width() - 1
        ] + [
            w.text() for w in window.findChildren(QAbstractButton)
            if w.isVisible() and w.text() and w.width() < w.sizeHint().width() - 1
        ]  # fmt: skip
        assert clipped == []
    finally:
        for translator in translators:
            app.removeTranslator(translator)
