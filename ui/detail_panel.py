"""The selected item: thumbnail, facts, hashes to copy, recorded metadata, notes, custody history.

The panel only shows and asks: saving notes is a request (`save_requested`) that the main window carries out
through the core, which records it in the custody log. Before the panel shows another item (or nothing), the main
window asks it for `unsaved_edits` and saves them: notes typed and not saved are never dropped silently.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QGuiApplication, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from locker.metadata.model import MetadataRecord, MetadataStatus
from locker.pixels import Pixels
from locker.vault.custody import CustodyEvent
from locker.vault.items import Item
from ui.labels import action_text, type_text
from ui.raw_image import to_qimage
from ui.units import size_text


@dataclass(frozen=True)
class Annotations:
    """What the user typed for an item: notes, tags and case name ("" for none)."""

    item_id: str
    notes: str
    tags: tuple[str, ...]
    case: str


class DetailPanel(QWidget):
    #: (item id, notes, tags, case name or ""): the user saved the annotations.
    save_requested = Signal(str, str, list, str)
    #: (item id): the user wants to see the item in the viewer.
    view_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._item: Item | None = None
        layout = QVBoxLayout(self)
        self.thumbnail = QLabel()
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumbnail.setMinimumHeight(160)
        layout.addWidget(self.thumbnail)
        self.view_button = QPushButton(self.tr("View"))
        self.view_button.setToolTip(self.tr("Open the picture, PDF, video or sound here, from memory (Enter)"))
        self.view_button.clicked.connect(lambda: self._item and self.view_requested.emit(self._item.id))
        layout.addWidget(self.view_button, alignment=Qt.AlignmentFlag.AlignCenter)
        self.facts = QFormLayout()
        layout.addLayout(self.facts)
        self.sha256 = self._hash_row(self.tr("SHA-256"), layout)
        self.sha512 = self._hash_row(self.tr("SHA-512"), layout)
        self.metadata = QLabel()
        self.metadata.setWordWrap(True)
        self.metadata.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.metadata)
        layout.addWidget(QLabel(self.tr("Notes:")))
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName(self.tr("Notes about this item"))
        self.notes.setMaximumHeight(90)
        layout.addWidget(self.notes)
        annotations = QFormLayout()
        self.tags = QLineEdit()
        self.tags.setAccessibleName(self.tr("Tags, separated by commas"))
        self.tags.setPlaceholderText(self.tr("e.g. arrest, police, witness"))
        annotations.addRow(self.tr("Tags:"), self.tags)
        self.case = QComboBox()
        self.case.setEditable(True)
        self.case.setAccessibleName(self.tr("Case of this item"))
        annotations.addRow(self.tr("Case:"), self.case)
        layout.addLayout(annotations)
        self.save_notes = QPushButton(self.tr("Save notes, tags and case"))
        self.save_notes.clicked.connect(self._save)
        layout.addWidget(self.save_notes, alignment=Qt.AlignmentFlag.AlignRight)
        layout.addWidget(QLabel(self.tr("Custody history (laptop clock, UTC):")))
        self.history = QListWidget()
        self.history.setAccessibleName(self.tr("Custody history"))
        layout.addWidget(self.history)
        self.show_item(None, None, None, [])

    def _hash_row(self, label: str, layout: QVBoxLayout) -> QLineEdit:
        row = QHBoxLayout()
        row.addWidget(QLabel(label))
        field = QLineEdit()
        field.setReadOnly(True)
        field.setAccessibleName(label)
        row.addWidget(field, 1)
        copy = QPushButton(self.tr("Copy"))
        copy.setAccessibleName(self.tr("Copy %1").replace("%1", label))
        copy.clicked.connect(lambda: self._copy(field.text()))
        row.addWidget(copy)
        layout.addLayout(row)
        return field

    def _copy(self, text: str) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None and text:
            clipboard.setText(text)

    def _typed(self) -> Annotations | None:
        if self._item is None:
            return None
        tags = tuple(t.strip() for t in self.tags.text().split(",") if t.strip())
        return Annotations(self._item.id, self.notes.toPlainText(), tags, self.case.currentText().strip())

    def _save(self) -> None:
        typed = self._typed()
        if typed is not None:
            self.save_requested.emit(typed.item_id, typed.notes, list(typed.tags), typed.case)

    def unsaved_edits(self) -> Annotations | None:
        """The notes, tags and case as typed, if they differ from the shown item's; None when nothing changed."""
        typed, item = self._typed(), self._item
        if typed is None or item is None:
            return None
        unchanged = (
            typed.notes == item.notes
            and sorted(set(typed.tags)) == sorted(item.tags)
            and typed.case == (item.case or "")
        )
        return None if unchanged else typed

    def shown_item_id(self) -> str | None:
        return self._item.id if self._item is not None else None

    def set_case_names(self, names: list[str]) -> None:
        current = self.case.currentText()
        self.case.blockSignals(True)
        self.case.clear()
        self.case.addItems(["", *names])
        self.case.setCurrentText(current)
        self.case.blockSignals(False)

    def show_item(
        self, item: Item | None, record: MetadataRecord | None, thumbnail: Pixels | None, history: list[CustodyEvent]
    ) -> None:
        """Show `item` (None: nothing selected, or the vault is locked: everything is emptied)."""
        self._item = item
        while self.facts.rowCount():
            self.facts.removeRow(0)
        self.thumbnail.clear()
        self.history.clear()
        enabled = item is not None
        for widget in (self.notes, self.save_notes, self.sha256, self.sha512, self.view_button, self.tags, self.case):
            widget.setEnabled(enabled)
        if item is None:
            self.sha256.clear()
            self.sha512.clear()
            self.notes.clear()
            self.tags.clear()
            self.case.setCurrentText("")
            self.metadata.setText(self.tr("Select an item to see its details."))
            return
        if thumbnail is not None:
            self.thumbnail.setPixmap(QPixmap.fromImage(to_qimage(thumbnail)))
        for label, value in (
            (self.tr("Name:"), item.name), (self.tr("ID:"), item.id), (self.tr("Type:"), type_text(item.media_type)),
            (self.tr("Size:"), f"{size_text(item.size)} ({QLocale().toString(item.size)})"),
            (self.tr("Imported (UTC):"), item.imported_at), (self.tr("File modified (UTC):"), item.source_mtime or ""),
        ):  # fmt: skip
            value_label = QLabel(value)
            value_label.setTextFormat(Qt.TextFormat.PlainText)  # a file name is never markup
            value_label.setWordWrap(True)  # a long name wraps in the narrow panel instead of being cut off
            value_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.facts.addRow(label, value_label)
        self.sha256.setText(item.sha256)
        self.sha512.setText(item.sha512)
        self.metadata.setText(self._metadata_text(record))
        self.notes.setPlainText(item.notes)
        self.tags.setText(", ".join(item.tags))
        self.case.setCurrentText(item.case or "")
        for event in history:
            self.history.addItem(f"#{event.seq}  {event.time_utc[:19].replace('T', ' ')}  {action_text(event.action)}")

    def _metadata_text(self, record: MetadataRecord | None) -> str:
        if record is None:
            return self.tr("Metadata: not read yet.")
        if record.status is MetadataStatus.UNREADABLE:
            return self.tr("Metadata unreadable: %1").replace("%1", record.reason)
        if record.status is MetadataStatus.NO_READER:
            return self.tr("No reader for this type: the file is stored and hashed.")
        s = record.summary
        lines = []
        if s.capture_time:
            lines.append(self.tr("Captured (file says): %1").replace("%1", s.capture_time))
        if s.has_gps:
            lines.append(self.tr("GPS position: %1, %2").replace("%1", f"{s.gps_latitude:.6f}").replace(
                "%2", f"{s.gps_longitude:.6f}"))  # fmt: skip
        else:
            lines.append(self.tr("GPS position: none recorded"))
        device = " ".join(x for x in (s.make, s.model) if x)
        if device:
            lines.append(self.tr("Device: %1").replace("%1", device))
        if s.serial_numbers:
            lines.append(self.tr("Serial numbers: %1").replace("%1", ", ".join(s.serial_numbers)))
        if s.author:
            lines.append(self.tr("Author: %1").replace("%1", s.author))
        return "\n".join(lines)
