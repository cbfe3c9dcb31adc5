"""The filter bar above the item list: tag, type, capture date range, GPS. It only describes what to show."""

from __future__ import annotations

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from locker.formats import Kind
from ui.items_model import Criteria
from ui.time_text import day_format


class FilterBar(QWidget):
    #: The criteria changed (a Criteria; the case comes from the cases panel).
    changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.case = ""
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.tag = QComboBox()
        self.tag.setAccessibleName(self.tr("Filter by tag"))
        self.tag.setMinimumContentsLength(10)
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Filter by type"))
        for label, code in (
            (self.tr("All types"), ""), (self.tr("Photos"), Kind.IMAGE.value), (self.tr("Videos"), Kind.VIDEO.value),
            (self.tr("Sound"), Kind.AUDIO.value), (self.tr("Documents"), Kind.DOCUMENT.value),
            (self.tr("Other"), Kind.OTHER.value),
        ):  # fmt: skip
            self.kind.addItem(label, code)
        self.gps = QCheckBox(self.tr("With GPS"))
        self.gps.setAccessibleName(self.tr("Only items with a GPS position"))
        self.dated = QCheckBox(self.tr("Captured from"))
        self.dated.setAccessibleName(self.tr("Filter by capture date"))
        self.date_from = QDateEdit(QDate.currentDate().addMonths(-1))
        self.date_to = QDateEdit(QDate.currentDate())
        for edit, name in ((self.date_from, self.tr("Captured on or after")),
                           (self.date_to, self.tr("Captured on or before"))):  # fmt: skip
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(day_format())  # as the list writes dates: 12.03.2026 in Russian
            edit.setAccessibleName(name)
            edit.setEnabled(False)
        row.addWidget(QLabel(self.tr("Tag:")))
        row.addWidget(self.tag)
        row.addWidget(self.kind)
        row.addWidget(self.gps)
        row.addWidget(self.dated)
        row.addWidget(self.date_from)
        row.addWidget(QLabel(self.tr("to")))
        row.addWidget(self.date_to)
        row.addStretch(1)
        self.set_tags([])
        self.tag.currentIndexChanged.connect(self._emit)
        self.kind.currentIndexChanged.connect(self._emit)
        self.gps.toggled.connect(self._emit)
        self.dated.toggled.connect(self._dated)
        self.date_from.dateChanged.connect(self._emit)
        self.date_to.dateChanged.connect(self._emit)

    def set_tags(self, tags: list[str]) -> None:
        current = self.tag.currentData()
        self.tag.blockSignals(True)
        self.tag.clear()
        self.tag.addItem(self.tr("Any tag"), "")
        for tag in tags:
            self.tag.addItem(tag, tag)
        index = self.tag.findData(current)
        self.tag.setCurrentIndex(max(index, 0))
        self.tag.blockSignals(False)

    def set_case(self, case: str) -> None:
        self.case = case
        self._emit()

    def _dated(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        self._emit()

    def criteria(self) -> Criteria:
        dated = self.dated.isChecked()
        return Criteria(
            case=self.case,
            tag=str(self.tag.currentData() or ""),
            kind=str(self.kind.currentData() or ""),
            captured_from=self.date_from.date().toString("yyyy-MM-dd") if dated else None,
            captured_to=self.date_to.date().toString("yyyy-MM-dd") if dated else None,
            gps_only=self.gps.isChecked(),
        )

    def _emit(self) -> None:
        self.changed.emit(self.criteria())
