"""English and Russian: every GUI string is translated, the compiled .qm matches its .ts, and Russian loads."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QAbstractButton, QApplication, QFileDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot

from locker.vault.vault import Vault
from ui.app import TRANSLATIONS_DIR, install_translators
from ui.main_window import MainWindow
from ui.worker import TaskRunner

TS = TRANSLATIONS_DIR / "locker_ru.ts"


def _tool(name: str) -> str:
    path = Path(sys.executable).parent / name
    return str(path) if path.exists() else (shutil.which(name) or name)


def test_every_russian_message_is_translated() -> None:
    unfinished = [
        msg.findtext("source")
        for msg in ET.parse(TS).iter("message")
        if msg.find("translation") is not None and msg.find("translation").get("type") in {"unfinished", "obsolete"}  # type: ignore[union-attr]
    ]
    assert unfinished == []


def test_ts_lists_every_string_in_the_source(tmp_path: Path) -> None:
    """lupdate on the current source finds no string that the committed .ts lacks."""
    fresh = tmp_path / "fresh.ts"
    shutil.copy(TS, fresh)
    # The same files scripts/translations scans: the GUI, and the format table's names (QT_TRANSLATE_NOOP).
    ui_files = sorted(str(p) for p in TRANSLATIONS_DIR.parent.glob("*.py"))
    ui_files.append(str(TRANSLATIONS_DIR.parent.parent / "locker" / "formats.py"))
    out = subprocess.run(
        [_tool("pyside6-lupdate"), *ui_files, "-ts", str(fresh)], capture_output=True, text=True, check=True
    )
    assert "(0 new and" in out.stdout, out.stdout


def test_compiled_qm_is_up_to_date(tmp_path: Path) -> None:
    qm = tmp_path / "locker_ru.qm"
    subprocess.run([_tool("pyside6-lrelease"), "-silent", str(TS), "-qm", str(qm)], check=True)
    assert qm.read_bytes() == (TRANSLATIONS_DIR / "locker_ru.qm").read_bytes()


def test_russian_locale_shows_russian_text(qtbot: QtBot, vault: Vault) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translators(app, QLocale(QLocale.Language.Russian, QLocale.Country.Russia))
    try:
        assert translators, "the Russian .qm did not load"
        window = MainWindow(vault, TaskRunner())
        qtbot.addWidget(window)
        assert window.windowTitle() == "Хранилище доказательств"
        assert window.import_action.text() == "Импорт файлов…"
        assert window.status.text() == "Хранилище пусто. Нажмите «Импорт файлов…» (Ctrl+I), чтобы добавить материалы."
        assert QCoreApplication.translate("ItemsModel", "Size") == "Размер"
    finally:
        for translator in translators:
            app.removeTranslator(translator)
    assert QCoreApplication.translate("ItemsModel", "Size") == "Size"


def test_qt_file_dialog_is_russian_to_the_last_word(qtbot: QtBot) -> None:
    """Qt's own catalogue lacks two of its file dialog's labels; ours supplies them (ui/qt_strings.py)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translators(app, QLocale(QLocale.Language.Russian, QLocale.Country.Russia))
    try:
        dialog = QFileDialog()
        qtbot.addWidget(dialog)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        texts = [w.text() for w in dialog.findChildren(QLabel)] + [
            w.text() for w in dialog.findChildren(QAbstractButton)
        ]
        texts += [w.toolTip() for w in dialog.findChildren(QWidget)]
        assert "&Имя файла:" in texts, "control: Qt's own catalogue is loaded"
        english = [t for t in texts if re.search(r"[A-Za-z]{3,}", t)]
        assert english == [], english
    finally:
        for translator in translators:
            app.removeTranslator(translator)
