"""Practising the panic key: the real key, the real lock, nothing erased.

A key learnt only from a settings page is not found under stress. While this dialog is open the guard turns the
next panic into a lock even when the panic mode is erase, so the user presses the very key she would press at the
door and sees what follows (the vault locks and asks for the passphrase).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ui.session_guard import SessionGuard


class PanicPracticeDialog(QDialog):
    """Asks for the panic key; the guard locks the vault when it comes."""

    def __init__(self, guard: SessionGuard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._guard = guard
        self.setWindowTitle(self.tr("Practise the panic key"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Press the panic key now:"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.key = QLabel(guard.shortcut().toString(QKeySequence.SequenceFormat.NativeText))
        font = QFont(self.key.font())
        font.setPointSizeF(font.pointSizeF() * 2)
        font.setBold(True)
        self.key.setFont(font)
        self.key.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.key)
        self.explanation = QLabel(
            self.tr(
                "This practice only locks the vault, even when the panic key is set to erase it. Then the app asks "
                "for your passphrase, as after a real panic. Press it with the app in front: it works in every "
                "window of Evidence Locker, but not in other programs."
            )
        )
        self.explanation.setWordWrap(True)
        layout.addWidget(self.explanation)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        self.finished.connect(lambda _code: guard.stop_practising())
        guard.practise()


def open_practice(guard: SessionGuard, parent: QWidget | None) -> PanicPracticeDialog:
    """Show the practice dialog (deleted when closed)."""
    dialog = PanicPracticeDialog(guard, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
