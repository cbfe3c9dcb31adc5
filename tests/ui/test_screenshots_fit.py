"""What the screenshots of the walk showed, fixed: the verify dialog whole on a 1366x768 screen (its last lines and
"Details" were below the screen's edge), and the export dialog without idle clutter (fields of other bundle forms,
an empty progress bar that looked like one more field to fill in)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from locker.bundle.export import ExportRequest, export_bundle
from locker.ingest.importer import ImportOptions, import_files
from locker.senders import SenderStore
from locker.vault.vault import Vault
from tests.conftest import write_file
from ui.app import install_translators
from ui.export_dialog import ExportDialog
from ui.verify_dialog import VerifyDialog
from ui.worker import TaskRunner

TITLE_BAR = 26


@pytest.fixture
def russian(qapp: QApplication) -> Iterator[None]:
    translators = install_translators(qapp, QLocale(QLocale.Language.Russian, QLocale.Country.Russia))
    yield
    for translator in translators:
        qapp.removeTranslator(translator)


def test_the_verify_dialog_fits_the_screen_with_its_longest_verdict(
    qtbot: QtBot, vault: Vault, tmp_path: Path, russian: None
) -> None:
    import_files(vault, [write_file(tmp_path / "in" / "IMG_2031.jpg", b"photo" * 200)], ImportOptions(case="C1"))
    export_bundle(vault, tmp_path / "bundle", ExportRequest(case="C1"))
    dialog = VerifyDialog(TaskRunner(), SenderStore(None))
    qtbot.addWidget(dialog)
    dialog.show()
    screen = dialog.screen().availableGeometry().height()
    assert dialog.height() + TITLE_BAR <= screen
    dialog.bundle.setText(str(tmp_path / "bundle"))
    with qtbot.waitSignal(dialog.verified, timeout=60_000):
        dialog.verify_button.click()  # unconfirmed: the longest explanation, in Russian
    QApplication.processEvents()
    # Whole on a 768-pixel-high laptop screen, title bar included, with the checks list at its smallest.
    assert dialog.layout().minimumSize().height() + TITLE_BAR <= 768
    assert dialog.layout().minimumSize().height() <= dialog.height()


def test_the_export_dialog_shows_only_the_chosen_forms_fields(qtbot: QtBot, vault: Vault) -> None:
    dialog = ExportDialog(vault, TaskRunner(), ["C1"], [])
    qtbot.addWidget(dialog)
    dialog.show()
    shown = {}
    for code in ("folder", "zip", "age", "7z"):
        dialog.format.setCurrentIndex(dialog.format.findData(code))
        shown[code] = (dialog.age_key.isVisible(), dialog.password.isVisible(), dialog.password_again.isVisible())
    assert shown == {
        "folder": (False, False, False),
        "zip": (False, False, False),
        "age": (True, False, False),
        "7z": (False, True, True),
    }
    assert dialog.layout().minimumSize().height() <= dialog.height()


def test_the_export_progress_appears_when_an_export_starts(qtbot: QtBot, vault: Vault, tmp_path: Path) -> None:
    import_files(vault, [write_file(tmp_path / "in" / "a.txt", b"a")], ImportOptions(case="C1"))
    dialog = ExportDialog(vault, TaskRunner(), ["C1"], [], case="C1")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.progress.isVisible()
    dialog.destination.setText(str(tmp_path / "bundle"))
    with qtbot.waitSignal(dialog.exported, timeout=60_000):
        dialog.export_button.click()
    assert dialog.progress.isVisible() and dialog.progress.value() == 100
    assert dialog.layout().minimumSize().height() <= dialog.height()


def test_the_export_dialog_shows_the_fingerprint_on_one_line(qtbot: QtBot, vault: Vault) -> None:
    dialog = ExportDialog(vault, TaskRunner(), ["C1"], [])
    qtbot.addWidget(dialog)
    dialog.show()
    label = dialog.fingerprint
    QApplication.processEvents()
    one_line = QFontMetrics(label.font())
    # Kept so, whatever the key: the width the dialog gets from its other rows fits some keys and not others.
    assert label.minimumWidth() >= one_line.horizontalAdvance(label.text())
    assert label.width() >= one_line.horizontalAdvance(label.text())
    assert label.height() < 2 * one_line.lineSpacing()


def test_the_verify_dialog_asks_for_a_key_file_or_password_only_for_bundles_that_need_one(qtbot: QtBot) -> None:
    dialog = VerifyDialog(TaskRunner(), SenderStore(None))
    qtbot.addWidget(dialog)
    dialog.show()
    shown = {}
    for bundle in ("", "/home/a/for-counsel", "/home/a/b.zip", "/home/a/b.age", "/home/a/b.7z"):
        dialog.bundle.setText(bundle)
        shown[bundle] = (dialog.age_identity.isVisible(), dialog.password.isVisible())
    assert shown == {
        "": (False, False),
        "/home/a/for-counsel": (False, False),
        "/home/a/b.zip": (False, False),
        "/home/a/b.age": (True, False),
        "/home/a/b.7z": (False, True),
    }
