"""Right after a new vault is made: choose what the panic key does and which key it is, try it once, and read in
three sentences what the vault cannot protect. Skippable: skipping leaves the defaults (lock, Ctrl+Shift+F12).

A panic key found for the first time in Settings, on the day it is needed, is not found. The controls and the rules
for keys are the ones Settings uses (ui/panic_choice.py, ui/panic_key.py).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from locker.settings import AppSettings
from ui.fit import fit_height
from ui.panic_choice import PanicControls

OBJECT_NAME = "firstRunPanicSetup"


def threat_model_path() -> Path | None:
    """docs/THREAT_MODEL.md beside the app (a source checkout, or a build that ships the docs), if it is there."""
    roots = [Path(__file__).resolve().parent.parent]
    bundled = getattr(sys, "_MEIPASS", None)
    if bundled:
        roots.insert(0, Path(bundled))
    for root in roots:
        path = root / "docs" / "THREAT_MODEL.md"
        if path.is_file():
            return path
    return None


def limits_text() -> str:
    """What the vault cannot protect, in three sentences."""
    return QCoreApplication.translate(
        "FirstRunPanicSetup",
        "A laptop or phone that already has spyware on it sees whatever you see and type, the vault included. Copies "
        "left elsewhere (on the phone, in Downloads, in messengers or a cloud) are not in the vault: delete them "
        "once imported. And no encryption helps once you are made to type the passphrase: the panic key works only "
        "before that moment.",
    )


class FirstRunPanicSetup(QDialog):
    """The panic setup shown once after the vault is created. `complete()` fills and saves it in one call."""

    # (the saved AppSettings, whether she asked to try the key now). Not emitted when skipped.
    chosen = Signal(object, bool)

    def __init__(
        self, settings: AppSettings, save: Callable[[AppSettings], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName(OBJECT_NAME)
        self._settings = settings
        self._save = save
        self.setWindowTitle(self.tr("Set up the panic key"))
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Your vault is ready. Now set up the panic key."))
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        heading.setFont(font)
        heading.setWordWrap(True)
        layout.addWidget(heading)
        intro = QLabel(
            self.tr(
                "If someone comes for your laptop while the vault is open, one key combination closes it at once, "
                "in every window of the app. Choose what it does and which keys you will press."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.panic = PanicControls(settings.panic_mode, settings.panic_shortcut, self)
        self.panic.add_to(form)
        layout.addLayout(form)
        self.mode_note = QLabel()
        self.mode_note.setWordWrap(True)
        layout.addWidget(self.mode_note)
        self.panic.mode.currentIndexChanged.connect(self._explain_mode)
        hint = QLabel(
            self.tr(
                "Click the key box and press the combination: two of Ctrl, Alt and Shift with one more key. The "
                "default, Ctrl+Shift+F12, is not used by any common program."
            )
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self._limits_box())
        self.buttons = QDialogButtonBox()
        self.skip_button = self.buttons.addButton(self.tr("Skip"), QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button = self.buttons.addButton(self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.try_button = QPushButton(self.tr("Save and try the key now"))
        self.buttons.addButton(self.try_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.try_button.setDefault(True)
        self.save_button.clicked.connect(lambda: self._finish(try_now=False))
        self.try_button.clicked.connect(lambda: self._finish(try_now=True))
        self.skip_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)
        self._explain_mode()
        self.resize(640, self.sizeHint().height())
        fit_height(self)

    def _limits_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("What the vault cannot protect"))
        inner = QVBoxLayout(box)
        self.limits = QLabel(limits_text())
        self.limits.setWordWrap(True)
        inner.addWidget(self.limits)
        path = threat_model_path()
        self.threat_model_link = QLabel()
        self.threat_model_link.setWordWrap(True)
        if path is not None:
            link = self.tr("Read the whole threat model")
            self.threat_model_link.setText(f'<a href="{QUrl.fromLocalFile(str(path)).toString()}">{link}</a>')
            self.threat_model_link.setOpenExternalLinks(True)
            self.threat_model_link.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        else:
            self.threat_model_link.setTextFormat(Qt.TextFormat.PlainText)
            self.threat_model_link.setText(
                self.tr("The whole threat model is in THREAT_MODEL.md in the app's documentation.")
            )
        inner.addWidget(self.threat_model_link)
        return box

    def _explain_mode(self) -> None:
        if self.panic.chosen_mode() == "erase":
            self.mode_note.setStyleSheet("color: #b71c1c;")
            self.mode_note.setText(
                self.tr(
                    "Erase: the vault is destroyed at once, without a question, and cannot be brought back. Keep a "
                    "copy of what matters elsewhere, for example a bundle given to your lawyer."
                )
            )
        else:
            self.mode_note.setStyleSheet("")
            self.mode_note.setText(self.tr("Lock: the vault closes and asks for your passphrase. Nothing is lost."))
        fit_height(self)

    def _finish(self, try_now: bool) -> None:
        if self.panic.show_problem() is not None:  # Esc or a single key would fire by accident: never saved
            self.panic.shortcut.setFocus()
            fit_height(self)
            return
        settings = self._settings.with_changes(
            panic_mode=self.panic.chosen_mode(), panic_shortcut=self.panic.chosen_key()
        )
        self._save(settings)
        self.chosen.emit(settings, try_now)
        self.accept()

    def complete(self, mode: str, shortcut: str, try_now: bool = False) -> bool:
        """Choose `mode` ("lock" or "erase") and `shortcut` ("Ctrl+Alt+K") and save them, as the buttons do (for
        the screenshots walk and whole-flow tests). False, with the reason shown, when the key is refused."""
        self.panic.mode.setCurrentIndex(max(0, self.panic.mode.findData(mode)))
        self.panic.shortcut.setKeySequence(QKeySequence(shortcut))
        self._finish(try_now)
        return self.result() == QDialog.DialogCode.Accepted
