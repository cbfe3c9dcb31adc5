"""No text is cut off: every dialog and the main window, at 1366x768, in English and in Russian (the shipped .qm).

A label is clipped when the space the layout gave it is smaller than what its text needs: its size hint, or for a
word-wrapped label the height it needs at its width.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QFontMetrics, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from locker.bundle.export import ExportRequest, export_bundle
from locker.bundle.verify import verify_bundle
from locker.ingest.importer import ImportOptions, import_files
from locker.panic import attempts
from locker.senders import SenderStore
from locker.settings import AppSettings
from locker.vault.items import get_item
from locker.vault.vault import Vault
from tests.conftest import PASSPHRASE, WEAK_PARAMS, write_file
from ui.app import install_translators
from ui.change_passphrase_dialog import ChangePassphraseDialog
from ui.first_run_panic import FirstRunPanicSetup
from ui.items_model import NAME
from ui.main_window import MainWindow
from ui.passphrase_dialogs import CreateVaultDialog, UnlockDialog
from ui.senders_dialog import SendersDialog
from ui.settings_dialog import SettingsDialog
from ui.share_dialog import ShareDialog
from ui.verify_dialog import VerifyDialog
from ui.worker import TaskRunner

SCREEN = (1366, 768)
LONG_NAME = "Протокол задержания 2026-03-12 Тверская.pdf"


def clipped(root: QWidget) -> list[str]:
    """The visible labels of `root` whose text does not fit the space they were given."""
    found = []
    for label in root.findChildren(QLabel):
        if not label.isVisibleTo(root) or not label.text():
            continue
        if label.wordWrap():
            needed = label.heightForWidth(label.width())
            if needed > label.height() + 1:
                found.append(
                    f"{type(root).__name__}: {label.text()[:60]!r} needs {needed} px high, has {label.height()}"
                )
        else:
            hint = label.sizeHint()
            if hint.width() > label.width() + 1 or hint.height() > label.height() + 1:
                found.append(
                    f"{type(root).__name__}: {label.text()[:60]!r} needs {hint.width()}x{hint.height()}, "
                    f"has {label.width()}x{label.height()}"
                )
    return found


def _on_screen(qtbot: QtBot, widget: QWidget) -> None:
    """Show it as a window manager on a 1366x768 screen would: never larger than the screen."""
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    if widget.width() > SCREEN[0] or widget.height() > SCREEN[1]:
        widget.resize(min(widget.width(), SCREEN[0]), min(widget.height(), SCREEN[1]))
    QApplication.processEvents()


def _every_tab(qtbot: QtBot, dialog: QWidget) -> list[str]:
    found = clipped(dialog)
    for tabs in dialog.findChildren(QTabWidget):
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            QApplication.processEvents()
            found += clipped(dialog)
    return found


@pytest.fixture(params=["en", "ru"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translators(app, QLocale(request.param)) if request.param != "en" else []
    assert request.param == "en" or translators, "the Russian .qm did not load"
    yield request.param
    for translator in translators:
        app.removeTranslator(translator)


@pytest.fixture
def filled(vault: Vault, tmp_path: Path) -> Vault:
    import_files(vault, [write_file(tmp_path / "in" / LONG_NAME, b"%PDF-1.4 ruling")], ImportOptions(case="Дело 7"))
    import_files(vault, [write_file(tmp_path / "in" / "clip.bin", b"clip" * 100)], ImportOptions())
    return vault


def test_main_window_and_its_dialogs_show_every_label_whole(
    qtbot: QtBot, language: str, filled: Vault, tmp_path: Path
) -> None:
    window = MainWindow(filled, TaskRunner())
    window.resize(*SCREEN)
    _on_screen(qtbot, window)
    window.select_item(window.model.item_at(0).id)
    QApplication.processEvents()
    found = clipped(window)
    export = window.open_export()
    export.timestamp.setChecked(True)
    found += clipped(export)
    case = window.cases.new_case()
    found += clipped(case)
    case.close()
    settings = SettingsDialog(AppSettings(), filled, TaskRunner(), lambda _s: None)
    _on_screen(qtbot, settings)
    found += _every_tab(qtbot, settings)
    with filled.session() as conn:
        item = get_item(conn, window.model.item_at(0).id)
    share = ShareDialog(filled, TaskRunner(), item)
    _on_screen(qtbot, share)
    found += clipped(share)
    senders = SendersDialog(SenderStore(None))
    _on_screen(qtbot, senders)
    found += clipped(senders)
    assert found == []


def test_verify_results_show_every_label_whole(qtbot: QtBot, language: str, filled: Vault, tmp_path: Path) -> None:
    export_bundle(filled, tmp_path / "bundle", ExportRequest(case="Дело 7"))
    verify = VerifyDialog(TaskRunner(), SenderStore(None))
    _on_screen(qtbot, verify)
    found = []
    for fingerprint in (None, filled.fingerprint(), "SHA256:" + "A" * 43):  # unconfirmed, confirmed, invalid
        verify.show_verification(verify_bundle(tmp_path / "bundle", fingerprint))
        QApplication.processEvents()
        found += clipped(verify)
    assert found == []


def test_passphrase_dialogs_show_every_label_whole_with_the_longest_wrong_passphrase_message(
    qtbot: QtBot, language: str, tmp_path: Path
) -> None:
    root = tmp_path / "v.locker"
    Vault.create(root, PASSPHRASE, WEAK_PARAMS).close()
    attempts.enable(root, 5)  # then a wrong passphrase says how many tries are left: the longest message
    unlock = UnlockDialog(root, TaskRunner(), Vault.open)
    _on_screen(qtbot, unlock)
    unlock.passphrase.setText("not the passphrase")
    with qtbot.waitSignal(unlock.unlock_failed, timeout=10_000):
        unlock.buttons.accepted.emit()
    QApplication.processEvents()
    assert "4" in unlock.error_label.text()
    found = clipped(unlock)
    create = CreateVaultDialog(tmp_path / "new.locker", TaskRunner(), Vault.create)
    _on_screen(qtbot, create)
    found += clipped(create)
    create.first.setText("Password1234!")  # the longest verdict, and the expert's box appears
    create.second.setText("Password1234!")
    create.buttons.accepted.emit()  # refused: the longest error
    QApplication.processEvents()
    found += clipped(create)
    vault = Vault.open(root, PASSPHRASE)
    change = ChangePassphraseDialog(vault, TaskRunner())
    _on_screen(qtbot, change)
    change.new.setText("1")
    QApplication.processEvents()
    found += clipped(change)
    vault.close()
    assert found == []


def test_the_check_finds_a_clipped_label(qtbot: QtBot) -> None:
    """The check can fail: a label squeezed to half its text is reported."""
    dialog = QDialog()
    label = QLabel("A sentence that needs its whole width to be read", dialog)
    _on_screen(qtbot, dialog)
    label.resize(label.sizeHint().width() // 2, label.sizeHint().height())
    assert len(clipped(dialog)) == 1
    label.setWordWrap(True)
    label.resize(QFontMetrics(label.font()).horizontalAdvance("A sentence"), label.sizeHint().height())
    assert len(clipped(dialog)) == 1


def test_name_column_is_never_narrower_than_twelve_characters_in_case_and_filter_views(
    qtbot: QtBot, language: str, filled: Vault, tmp_path: Path
) -> None:
    window = MainWindow(filled, TaskRunner())
    window.resize(*SCREEN)
    _on_screen(qtbot, window)
    metrics = QFontMetrics(window.table.font())
    names = [window.model.item_at(row).name for row in range(window.model.rowCount())]
    padding = 8  # the cell's margins around icon and text

    def name_fits() -> bool:
        needed = max(metrics.horizontalAdvance(name[:12]) for name in names)
        return window.table.columnWidth(NAME) >= needed + window.table.iconSize().width() + padding

    assert name_fits()
    window.filters.set_case("Дело 7")
    QApplication.processEvents()
    assert name_fits()
    window.search.setText("nothing is called this")  # "no results"
    with qtbot.waitSignal(window.import_finished, timeout=30_000):  # the list reloads while nothing is shown
        window.import_paths([write_file(tmp_path / "more" / "a.txt", b"a")])
    assert name_fits()
    window.search.clear()
    window.filters.set_case("")
    QApplication.processEvents()
    assert name_fits()


def test_first_run_panic_setup_shows_every_label_whole(qtbot: QtBot, language: str) -> None:
    setup = FirstRunPanicSetup(AppSettings(), lambda _settings: None)
    _on_screen(qtbot, setup)
    found = clipped(setup)
    setup.panic.mode.setCurrentIndex(setup.panic.mode.findData("erase"))  # the longer, red explanation
    setup.panic.shortcut.setKeySequence(QKeySequence("Ctrl+K"))
    setup.save_button.click()  # refused: the longest reason appears
    QApplication.processEvents()
    assert setup.panic.problem.isVisible()
    found += clipped(setup)
    assert found == []


def test_details_with_the_proof_unfolded_show_every_label_whole(qtbot: QtBot, language: str, filled: Vault) -> None:
    window = MainWindow(filled, TaskRunner())
    window.resize(*SCREEN)
    _on_screen(qtbot, window)
    for row in range(window.model.rowCount()):
        window.select_item(window.model.item_at(row).id)
        window.detail.proof.set_open(True)
        QApplication.processEvents()
        assert clipped(window.detail) == []
