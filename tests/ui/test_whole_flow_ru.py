"""The whole walk in Russian, as a first-time activist does it, through the real widgets: first run with a generated
passphrase, import a folder, a case with two of the items, export the case, verify the bundle (confirmed), tamper
one byte, verify again (invalid). At every step no visible text of the window in front is in English."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QLocale, QPoint, Qt
from PySide6.QtGui import QAction, QKeyEvent, QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QRadioButton,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from locker.vault.vault import Vault
from tests.conftest import WEAK_PARAMS, write_file
from tests.ui.running_app import running_app
from tests.ui.test_import_panel import _drop
from ui.app import LockerApp, install_translators
from ui.case_dialog import CaseDialog
from ui.export_dialog import ExportDialog
from ui.first_run_panic import OBJECT_NAME as FIRST_RUN_PANIC
from ui.main_window import MainWindow
from ui.move_to_case_dialog import MoveToCaseDialog
from ui.passphrase_dialogs import CreateVaultDialog
from ui.screenshots import demo_files
from ui.session_guard import SessionGuard
from ui.toolbar import ActionsToolBar
from ui.verify_dialog import VerifyDialog

CASE = "Штраф от 12 марта"
IN_CASE = ["IMG_2031.jpg", "fine-2026-03-12.pdf"]
UNRELATED = ["VID_2032.mp4", "shopping.txt"]

# What a Russian window may show in Latin letters: file names and paths, key fingerprints (base64), format and
# proper names (programs, standards, the camera the demo photo names), key names; and "OK", which Qt's own Russian
# catalogue keeps as it is on its buttons.
_NOT_WORDS = re.compile(
    r"SHA256:\S*"  # a key fingerprint (or its "SHA256:..." hint)
    r"|\b[0-9A-Z]*[0-9][0-9A-Z]*\b"  # an id: a bundle's, an item's
    r"|(?<!\S)/\S*"  # a path (absolute; "image/jpeg" is not one)
    r"|[\w.-]+\.(?:jpg|pdf|mp4|txt|locker|zip|7z|age|pem)\b"  # a file name
    r"|\bSHA-(?:256|512)\b|\b(?:JPEG|PDF|MP4|ZIP|GPS|UTC|PEM|BagIt|minisign|SSH|age1?|README-VERIFY)\b"
    r"|\b(?:Evidence Locker|Apple|iPhone)\b"
    r"|\b(?:Ctrl|Shift|Alt|Del|Backspace|Esc|OK)\b"
)


def visible_texts(window: QWidget) -> list[str]:
    """Every text a person sees in `window`: title, labels, buttons, group titles, tabs, empty fields' hints,
    list lines, menu titles."""
    QApplication.processEvents()  # rows a form layout just added are shown on the next turn of the event loop
    texts = [window.windowTitle()]
    shown = [w for w in window.findChildren(QWidget) if w.isVisible()]
    for widget in shown:
        if isinstance(widget, QLabel) and widget.textFormat() != Qt.TextFormat.PlainText and "<" in widget.text():
            texts.append(QTextDocumentFragment.fromHtml(widget.text()).toPlainText())  # what is shown, not the markup
        elif isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        elif isinstance(widget, QLineEdit) and not widget.text():
            texts.append(widget.placeholderText())
        elif isinstance(widget, QListWidget):
            texts += [widget.item(i).text() for i in range(widget.count())]
    if isinstance(window, MainWindow):
        texts += [action.text() for action in window.menuBar().actions()]
    return [text for text in texts if text]


def latin_words(window: QWidget) -> list[str]:
    """The Latin-letter words in what `window` shows, other than file names, formats and proper names."""
    found = []
    for text in visible_texts(window):
        rest = _NOT_WORDS.sub(" ", text.replace("&", ""))
        found += [f"{word} (in {text[:70]!r})" for word in re.findall(r"[A-Za-z]{2,}", rest)]
    return found


def _shown(kind: type[QWidget]) -> QWidget:
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    assert len(windows) == 1, (kind.__name__, windows)
    return windows[0]


def _ok(dialog: QDialog) -> QAbstractButton:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    button = box.button(QDialogButtonBox.StandardButton.Ok) or box.button(QDialogButtonBox.StandardButton.Save)
    assert button is not None
    return button


def _type(widget: QWidget, text: str) -> None:
    """Type `text` key by key (qtbot.keyClicks knows only ASCII keys; Cyrillic aborts Qt's test library)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char))


def _click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _click_row(qtbot: QtBot, window: MainWindow, name: str, add: bool = False) -> None:
    """Click an item's row in the list (with Ctrl: add it to the selection)."""
    row = next(r for r in range(window.filtered.rowCount()) if window.filtered.index(r, 0).data() == name)
    rect = window.table.visualRect(window.filtered.index(row, 0))
    modifier = Qt.KeyboardModifier.ControlModifier if add else Qt.KeyboardModifier.NoModifier
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def _toolbar_button(window: MainWindow, action: QAction) -> QWidget:
    bar = window.findChild(ActionsToolBar)
    assert bar is not None
    button = bar.widgetForAction(action)
    assert button is not None and button.isVisible()
    return button


def _first_run_extra() -> QWidget | None:
    """The first-run panic setup shown after the vault is made (ui/first_run_panic.py), if it is up."""
    shown = [w for w in QApplication.allWidgets() if w.objectName() == FIRST_RUN_PANIC and w.isVisible()]
    return shown[0].window() if shown else None


def _finish_first_run(qtbot: QtBot, app_flow: LockerApp) -> MainWindow:
    """Wait for the main window; a first-run panic setup on the way is checked for English and accepted as
    offered."""
    qtbot.waitUntil(lambda: app_flow.window is not None or _first_run_extra() is not None, timeout=20_000)
    extra = _first_run_extra()
    if extra is not None:
        assert latin_words(extra) == []
        if isinstance(extra, QDialog):
            extra.accept()
        else:
            extra.close()
    qtbot.waitUntil(lambda: app_flow.window is not None, timeout=20_000)
    window = app_flow.window
    assert isinstance(window, MainWindow)
    return window


def _bag_payload(bundle: Path) -> list[str]:
    """The payload files the bag's manifest lists, by file name."""
    lines = (bundle / "manifest-sha256.txt").read_text(encoding="utf-8").splitlines()
    # BagIt: "<hash> <path>" (one or more blanks), the path relative to the bag, "/"-separated.
    return sorted(line.split(maxsplit=1)[1].rsplit("/", 1)[1] for line in lines if line.strip())


@pytest.fixture
def russian(qapp: QApplication) -> Iterator[None]:
    """Russian as main() installs it: our catalogue, Qt's own, and numbers in the Russian locale."""
    translators = install_translators(qapp, QLocale(QLocale.Language.Russian, QLocale.Country.Russia))
    assert translators, "the Russian catalogue did not load"
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Russian, QLocale.Country.Russia))
    yield
    QLocale.setDefault(before)
    for translator in translators:
        qapp.removeTranslator(translator)


@pytest.fixture
def app_flow(qtbot: QtBot, tmp_path: Path, russian: None) -> Iterator[LockerApp]:
    """The app before its very first launch (no vault yet), creating vaults with fast KDF parameters."""

    def create(root: Path, phrase: str) -> Vault:
        return Vault.create(root, phrase, WEAK_PARAMS)

    yield from running_app(qtbot, tmp_path / "default.locker", SessionGuard, create=create, unlocked=False)


@pytest.mark.slow
def test_whole_walk_in_russian(qtbot: QtBot, app_flow: LockerApp, tmp_path: Path) -> None:
    # First run: the generator fills both fields; OK creates the vault.
    app_flow.start()
    create = _shown(CreateVaultDialog)
    assert isinstance(create, CreateVaultDialog)
    assert re.search("[а-я]", create.windowTitle()), "the Russian catalogue is in use"
    _click(qtbot, create.meter.generate_button)
    phrase = create.first.text()
    assert len(phrase.split("-")) >= 5 and create.second.text() == phrase
    assert create.meter.acceptable() and create.first.echoMode() == QLineEdit.EchoMode.Normal
    assert latin_words(create) == []
    _click(qtbot, _ok(create))
    window = _finish_first_run(qtbot, app_flow)
    window.resize(1366, 768)
    assert latin_words(window) == []

    # Import a folder: three pieces of evidence and one unrelated file.
    folder = tmp_path / "с телефона"
    folder.mkdir()
    demo_files(folder)
    write_file(folder / "shopping.txt", "хлеб, молоко".encode())
    with qtbot.waitSignal(window.import_finished, timeout=120_000) as imported:
        _drop(window, [folder])
    assert sorted(o.name for o in imported.args[0]) == sorted(IN_CASE + UNRELATED)
    assert [o.status.value for o in imported.args[0]] == ["imported"] * 4
    assert window.import_panel.current.text() == "Импортировано: 4, уже в хранилище: 0, с ошибкой: 0."
    assert latin_words(window) == []
    _click_row(qtbot, window, IN_CASE[0])  # the photo's details: when, where, what the file says
    assert latin_words(window) == []
    place = dict(window.detail.when_and_where())["Место:"]
    assert re.fullmatch(r"широта \d+,\d{6}, долгота \d+,\d{6}", place), "a decimal comma, as Russian writes it"

    # A new case, and two of the items moved into it.
    _click(qtbot, window.cases.new_button)
    case_dialog = _shown(CaseDialog)
    assert isinstance(case_dialog, CaseDialog)
    _type(case_dialog.name, CASE)
    _type(case_dialog.court, "Тверской районный суд")
    assert latin_words(case_dialog) == []
    _click(qtbot, _ok(case_dialog))
    window.cases.select("")  # back to all items
    _click_row(qtbot, window, IN_CASE[0])
    _click_row(qtbot, window, IN_CASE[1], add=True)
    assert len(window.selected_item_ids()) == 2
    window.move_to_case_action.trigger()
    move = _shown(MoveToCaseDialog)
    assert isinstance(move, MoveToCaseDialog)
    assert move.chosen_case() == CASE
    assert latin_words(move) == []
    _click(qtbot, _ok(move))
    assert CASE in window.status.text() and "2 материала" in window.status.text(), window.status.text()
    window.cases.select(CASE)
    assert sorted(window.filtered.index(r, 0).data() for r in range(window.filtered.rowCount())) == sorted(IN_CASE)
    assert latin_words(window) == []

    # Export the case, with an unrelated item selected in the list (the dialog offers the selection first).
    window.cases.select("")
    _click_row(qtbot, window, UNRELATED[0])
    _click(qtbot, _toolbar_button(window, window.export_action))
    export = _shown(ExportDialog)
    assert isinstance(export, ExportDialog)
    assert export.selected_radio.isChecked()
    radio = export.case_radio
    assert isinstance(radio, QRadioButton)
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(8, radio.height() // 2))
    assert radio.isChecked() and not export.selected_radio.isChecked()
    assert export.case.currentText() == "", "the list shows every item: no case is chosen for her"
    export.case.setCurrentIndex(export.case.findText(CASE))  # she picks the case in the list
    export.case.activated.emit(export.case.currentIndex())
    assert export.case.currentText() == CASE and radio.isChecked()
    assert not export.timestamp.isChecked()  # no network: the bundle says it has no trusted time
    bundle = tmp_path / "для адвоката"
    _type(export.destination, str(bundle))
    _type(export.recipient, "адвокат Иванова")
    assert latin_words(export) == []
    with qtbot.waitSignal(export.exported, timeout=60_000):
        _click(qtbot, export.export_button)
    assert _bag_payload(bundle) == sorted(IN_CASE)
    message = export.message.text()
    assert message.startswith(f"Экспортировано 2 материала: {', '.join(IN_CASE)}.") or message.startswith(
        f"Экспортировано 2 материала: {', '.join(reversed(IN_CASE))}."
    ), message
    assert not any(name in message for name in UNRELATED)
    assert str(bundle) in message
    assert latin_words(export) == []
    fingerprint = export.fingerprint.text()
    export.reject()

    # Verify with the fingerprint read over the phone: confirmed.
    _click(qtbot, _toolbar_button(window, window.verify_action))
    verify = _shown(VerifyDialog)
    assert isinstance(verify, VerifyDialog)
    assert latin_words(verify) == []
    _type(verify.bundle, str(bundle))
    _type(verify.fingerprint, fingerprint)
    with qtbot.waitSignal(verify.verified, timeout=60_000) as checked:
        _click(qtbot, verify.verify_button)
    assert checked.args[0] is not None
    assert verify.headline.text() == "Подтверждено: пакет цел и подписан подтверждённым отправителем."
    assert latin_words(verify) == []

    # One byte of the photo changed in the bundle: invalid, in a red banner.
    photo = next(p for p in (bundle / "data").rglob(IN_CASE[0]))
    data = bytearray(photo.read_bytes())
    data[len(data) // 2] ^= 0x01
    photo.write_bytes(bytes(data))
    with qtbot.waitSignal(verify.verified, timeout=60_000) as checked:
        _click(qtbot, verify.verify_button)
    assert checked.args[0] is not None
    assert verify.headline.text() == "Недействителен: пакет НЕ проходит проверку."
    assert "#c62828" in verify.panel.styleSheet()
    assert latin_words(verify) == []
    verify.reject()
