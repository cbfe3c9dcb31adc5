"""The senders whose keys the lawyer confirmed: each with its key in both forms, and a way to forget one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from locker.crypto.identity import spoken_fingerprint
from locker.senders import SenderStore


class SendersDialog(QDialog):
    def __init__(self, senders: SenderStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._senders = senders
        self.setWindowTitle(self.tr("Confirmed senders"))
        self.resize(760, 420)
        layout = QVBoxLayout(self)
        note = QLabel(
            self.tr(
                "Bundles signed by these keys verify as confirmed. Add a sender only after comparing the key with "
                "them by phone. This list stays on this computer, outside every vault."
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Confirmed senders"))
        layout.addWidget(self.list, 1)
        self.remove_button = QPushButton(self.tr("Forget the selected sender"))
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        for sender in self._senders.senders():
            entry = QListWidgetItem(
                f"{sender.name}\n  {sender.fingerprint}\n  {spoken_fingerprint(sender.fingerprint)}"
            )
            entry.setData(Qt.ItemDataRole.UserRole, sender.name)
            self.list.addItem(entry)
        self.remove_button.setEnabled(self.list.count() > 0)

    def remove_selected(self) -> None:
        entry = self.list.currentItem()
        if entry is not None:
            self._senders.remove(str(entry.data(Qt.ItemDataRole.UserRole)))
            self.refresh()
