"""The selected item, in the order a person asks about it: what it is (preview, name, type), when and where it was
taken, her own notes, tags and case; then, folded until asked for, the proof (check sums, custody history and every
recorded field) that a lawyer or an expert reads.

The panel only shows and asks: saving notes is a request (`save_requested`) that the main window carries out
through the core, which records it in the custody log. Before the panel shows another item (or nothing), the main
window asks it for `unsaved_edits` and saves them: notes typed and not saved are never dropped silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from locker.metadata.model import MetadataRecord, MetadataStatus, MetadataSummary
from locker.pixels import Pixels
from locker.vault.custody import CustodyEvent
from locker.vault.items import Item
from ui.hash_view import HashView
from ui.labels import action_text, type_text
from ui.proof_section import FoldedSection, fill_fields_tree
from ui.raw_image import to_qimage
from ui.time_text import Clock, recorded_text
from ui.units import size_text


@dataclass(frozen=True)
class Annotations:
    """What the user typed for an item: notes, tags and case name ("" for none)."""

    item_id: str
    notes: str
    tags: tuple[str, ...]
    case: str


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.1)
    label.setFont(font)
    return label


def _value(text: str, note: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # a file name or a recorded field is never markup
    label.setWordWrap(True)  # a long name wraps in the narrow panel instead of being cut off
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if note:
        label.setStyleSheet("color: palette(placeholder-text)")
    return label


def _with_note(text: str, note: str) -> QWidget:
    """A value with a smaller grey line under it, in one form cell."""
    holder = QWidget()
    box = QVBoxLayout(holder)
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(0)
    box.addWidget(_value(text))
    box.addWidget(_value(note, note=True))
    return holder


def _clear(form: QFormLayout) -> None:
    while form.rowCount():
        form.removeRow(0)


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

        self.when_heading = _heading(self.tr("When and where"))
        layout.addWidget(self.when_heading)
        self.metadata = _value("")  # why nothing is known yet (not read, unreadable, no reader)
        layout.addWidget(self.metadata)
        self.when_form = QFormLayout()
        layout.addLayout(self.when_form)

        self.notes_heading = _heading(self.tr("Your notes, tags and case"))
        layout.addWidget(self.notes_heading)
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName(self.tr("Notes about this item"))
        self.notes.setPlaceholderText(self.tr("What happened, who was there, what this shows"))
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

        self.proof = FoldedSection(self.tr("Proof"), self._proof_content())
        self.proof.header.setToolTip(self.tr("Check sums, custody history and every field recorded in the file"))
        layout.addWidget(self.proof)
        layout.addStretch(1)
        self.show_item(None, None, None, [])

    def _proof_content(self) -> QWidget:
        content = QWidget()
        box = QVBoxLayout(content)
        box.setContentsMargins(0, 0, 0, 0)
        intro = QLabel(
            self.tr(
                "What a lawyer or an expert checks: the check sums identify the original file byte for byte, and "
                "the custody history records everything done to it in this vault."
            )
        )
        intro.setWordWrap(True)
        box.addWidget(intro)
        self.proof_form = QFormLayout()
        self.proof_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # values get the panel's width
        box.addLayout(self.proof_form)
        self.id_value = _value("")
        self.proof_form.addRow(self.tr("ID:"), self.id_value)
        self.media_type_value = _value("")
        self.proof_form.addRow(self.tr("Media type:"), self.media_type_value)
        self.sha256 = self._hash_row(self.tr("Check sum (SHA-256):"), self.tr("SHA-256 check sum"))
        self.sha512 = self._hash_row(self.tr("Check sum (SHA-512):"), self.tr("SHA-512 check sum"))
        self.changed_value = _value("")
        self.proof_form.addRow(self.tr("File last changed:"), self.changed_value)
        box.addWidget(QLabel(self.tr("Custody history (the laptop's clock):")))
        self.history = QListWidget()
        self.history.setAccessibleName(self.tr("Custody history"))
        self.history.setMinimumHeight(90)
        self.history.setMaximumHeight(160)
        box.addWidget(self.history)
        box.addWidget(QLabel(self.tr("Every field recorded in the file:")))
        self.fields = QTreeWidget()
        self.fields.setColumnCount(2)
        self.fields.setHeaderLabels([self.tr("Field"), self.tr("Value")])
        self.fields.setAccessibleName(self.tr("Every field recorded in the file"))
        self.fields.setMinimumHeight(200)
        box.addWidget(self.fields)
        return content

    def _hash_row(self, label: str, accessible: str) -> HashView:
        field = HashView()
        field.setAccessibleName(accessible)
        copy = QPushButton(self.tr("Copy"))
        copy.setAccessibleName(self.tr("Copy %1").replace("%1", accessible))
        copy.clicked.connect(lambda: self._copy(field.text()))
        row = QHBoxLayout()
        row.addWidget(field, 1)
        row.addWidget(copy)
        self.proof_form.addRow(label, row)
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

    def when_and_where(self) -> list[tuple[str, str]]:
        """The "When and where" rows as shown: (label, value); a grey note under a value is on its second line."""
        rows = []
        for row in range(self.when_form.rowCount()):
            label = self.when_form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            value = self.when_form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            label_widget = label.widget() if label is not None else None
            widget = value.widget() if value is not None else None
            texts = [widget] if isinstance(widget, QLabel) else widget.findChildren(QLabel) if widget else []
            label_text = label_widget.text() if isinstance(label_widget, QLabel) else ""
            rows.append((label_text, "\n".join(text.text() for text in texts)))
        return rows

    def show_item(
        self,
        item: Item | None,
        record: MetadataRecord | None,
        thumbnail: Pixels | None,
        history: list[CustodyEvent],
        raw: dict[str, Any] | None = None,
    ) -> None:
        """Show `item` (None: nothing selected, or the vault is locked: everything is emptied). `raw` is the full
        metadata dump, listed under "Proof"."""
        self._item = item
        for form in (self.facts, self.when_form):
            _clear(form)
        self.thumbnail.clear()
        self.history.clear()
        self.fields.clear()
        for field in (self.id_value, self.media_type_value, self.sha256, self.sha512, self.changed_value):
            field.clear()
        enabled = item is not None
        for widget in (self.notes, self.save_notes, self.view_button, self.tags, self.case, self.proof):
            widget.setEnabled(enabled)
        self.view_button.setVisible(enabled)  # a greyed button over an empty preview looks broken
        if item is None:
            self.notes.clear()
            self.tags.clear()
            self.case.setCurrentText("")
            self.metadata.setText(self.tr("Select an item to see its details."))
            self.metadata.setVisible(True)
            return
        if thumbnail is not None:
            self.thumbnail.setPixmap(QPixmap.fromImage(to_qimage(thumbnail)))
        clock = Clock()
        self._show_facts(item, record)
        self._show_when_and_where(item, record, clock)
        self.notes.setPlainText(item.notes)
        self.tags.setText(", ".join(item.tags))
        self.case.setCurrentText(item.case or "")
        self._show_proof(item, history, raw or {}, clock)

    def _show_facts(self, item: Item, record: MetadataRecord | None) -> None:
        rows = [(self.tr("Name:"), item.name), (self.tr("Type:"), type_text(item.media_type)),
                (self.tr("Size:"), size_text(item.size) if item.size < 1024
                 else f"{size_text(item.size)} ({QLocale().toString(item.size)})")]  # fmt: skip
        s = record.summary if record is not None and record.status is MetadataStatus.OK else MetadataSummary()
        if s.width and s.height:
            rows.append((self.tr("Picture:"), self.tr("%1 × %2 pixels").replace("%1", str(s.width)).replace(
                "%2", str(s.height))))  # fmt: skip
        if s.duration_seconds is not None:
            rows.append((self.tr("Duration:"), _duration_text(s.duration_seconds)))
        if s.page_count:
            rows.append((self.tr("Pages:"), QLocale().toString(s.page_count)))
        for label, value in rows:
            self.facts.addRow(label, _value(value))

    def _show_when_and_where(self, item: Item, record: MetadataRecord | None, clock: Clock) -> None:
        message = self._metadata_message(record)
        self.metadata.setText(message)
        self.metadata.setVisible(bool(message))
        s = record.summary if record is not None and record.status is MetadataStatus.OK else MetadataSummary()
        form = self.when_form
        if record is not None and record.status is MetadataStatus.OK:
            if s.capture_time:
                form.addRow(self.tr("Taken:"), _with_note(clock.text(s.capture_time), recorded_text(s.capture_time)))
            else:
                form.addRow(self.tr("Taken:"), _value(self.tr("the file records no time")))
            place = self.tr("none recorded")
            if s.has_gps and s.gps_latitude is not None and s.gps_longitude is not None:
                locale = QLocale()  # "55,758333" in Russian: the decimal mark of her language
                place = self.tr("latitude %1, longitude %2").replace("%1", locale.toString(s.gps_latitude, "f", 6))
                place = place.replace("%2", locale.toString(s.gps_longitude, "f", 6))
            form.addRow(self.tr("Place:"), _value(place))
            if s.gps_altitude is not None:
                form.addRow(
                    self.tr("Altitude:"),
                    _value(self.tr("%1 m").replace("%1", QLocale().toString(s.gps_altitude, "f", 0))),
                )
            device = " ".join(x for x in (s.make, s.model) if x)
            form.addRow(self.tr("Device:"), _value(device or self.tr("not recorded")))
            if s.serial_numbers:
                form.addRow(self.tr("Serial numbers:"), _value(", ".join(s.serial_numbers)))
            if s.author:
                form.addRow(self.tr("Author:"), _value(s.author))
            if s.title:
                form.addRow(self.tr("Title:"), _value(s.title))
        form.addRow(self.tr("Imported:"), _value(clock.text(item.imported_at)))

    def _show_proof(self, item: Item, history: list[CustodyEvent], raw: dict[str, Any], clock: Clock) -> None:
        self.id_value.setText(item.id)
        self.media_type_value.setText(item.media_type)
        for field, value in ((self.sha256, item.sha256), (self.sha512, item.sha512)):
            field.setText(value)
        self.changed_value.setText(clock.text(item.source_mtime) if item.source_mtime else self.tr("not recorded"))
        for event in history:
            self.history.addItem(f"#{event.seq}  {clock.text(event.time_utc)}  {action_text(event.action)}")
        fill_fields_tree(self.fields, raw)

    def _metadata_message(self, record: MetadataRecord | None) -> str:
        if record is None:
            return self.tr("The file's own information has not been read yet.")
        if record.status is MetadataStatus.UNREADABLE:
            return self.tr("The file's own information could not be read: %1").replace("%1", record.reason)
        if record.status is MetadataStatus.NO_READER:
            return self.tr("The app cannot read information inside this type of file; the file is stored and its "
                           "check sums recorded.")  # fmt: skip
        return ""


def _duration_text(seconds: float) -> str:
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"
