"""The panic controls shared by Settings and the first-run setup: what the panic key does, which key, and why a
key is refused (the rules are in ui/panic_key.py). One implementation, so both places refuse the same keys."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QComboBox, QFormLayout, QKeySequenceEdit, QLabel, QWidget

from ui.panic_key import panic_key_problem, usable_panic_key


class PanicControls(QObject):
    """A mode box, a key box and a line that says why a key cannot be used; `add_to` puts them in a form.

    The texts keep the Settings dialog's translation context: they were written there, and are translated there.
    """

    def __init__(self, mode: str, shortcut: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = QComboBox()
        self.mode.addItem(QCoreApplication.translate("SettingsDialog", "Lock the vault and hide everything"), "lock")
        self.mode.addItem(QCoreApplication.translate("SettingsDialog", "Erase the vault (cannot be undone)"), "erase")
        self.mode.setCurrentIndex(max(0, self.mode.findData(mode)))
        self.mode.setAccessibleName(QCoreApplication.translate("SettingsDialog", "What the panic shortcut does"))
        self.shortcut = QKeySequenceEdit(usable_panic_key(shortcut))
        self.shortcut.setMaximumSequenceLength(1)  # one combination, not a chord to remember under stress
        self.shortcut.setAccessibleName(QCoreApplication.translate("SettingsDialog", "Panic shortcut"))
        self.shortcut.keySequenceChanged.connect(self.show_problem)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b71c1c;")
        self.problem.setVisible(False)

    def add_to(self, form: QFormLayout) -> None:
        form.addRow(QCoreApplication.translate("SettingsDialog", "Panic shortcut does:"), self.mode)
        form.addRow(QCoreApplication.translate("SettingsDialog", "Panic shortcut:"), self.shortcut)
        form.addRow(self.problem)

    def chosen_mode(self) -> str:
        return str(self.mode.currentData())

    def chosen_key(self) -> str:
        """The key as written in the settings file ("Ctrl+Shift+F12")."""
        return self.shortcut.keySequence().toString()

    def key_problem(self) -> str | None:
        """Why the key typed cannot be the panic key, or None."""
        return panic_key_problem(self.shortcut.keySequence())

    def show_problem(self, sequence: QKeySequence | None = None) -> str | None:
        """Show (or hide) why the key typed is refused; returns the reason."""
        problem = panic_key_problem(sequence if sequence is not None else self.shortcut.keySequence())
        self.problem.setText(problem or "")
        self.problem.setVisible(problem is not None)
        return problem
