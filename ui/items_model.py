"""The item list as a Qt table model. Read-only: edits go through core actions, never through the model."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)  # fmt: skip
from PySide6.QtGui import QIcon, QImage, QPainter, QPixmap

from locker.formats import Kind, human_name, kind_of
from locker.pixels import Pixels
from locker.timeutil import ShownTime, shown_time
from locker.vault.items import Item
from ui.raw_image import to_qimage
from ui.time_text import Clock
from ui.units import size_text

_Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1

NAME, TYPE, CAPTURED, GPS, SIZE, IMPORTED, CASE, ID, TAGS = range(9)
KINDS = tuple(str(kind) for kind in Kind)


@dataclass(frozen=True)
class _Row:
    """One item with everything the views ask for computed once: 10,000 rows must load in well under a second."""

    item: Item
    display: tuple[str, ...]
    search: str  # lower case
    capture_day: str  # "YYYY-MM-DD" in the laptop's zone (as recorded when the file gave none), or ""
    has_gps: bool
    kind: str
    #: The time columns' moments, for sorting: their text is in the locale's order (12.03.2026), not sortable.
    #: None when the cell holds no time (not read yet, unreadable, none recorded).
    times: dict[int, ShownTime | None]


class ItemsModel(QAbstractTableModel):
    """Columns: name, type, capture time, GPS, size, imported, case, id, tags. Thumbnails as decoration.

    Both times are in the laptop's zone with the zone named (ui/time_text.py), so one column never mixes zones.

    Sorting happens here, on precomputed keys (the proxy forwards to it): sorting 10,000 rows through Qt's
    comparisons would call back into Python hundreds of thousands of times.
    """

    def __init__(self, thumbnails: Callable[[str], Pixels | None] | None = None) -> None:
        super().__init__()
        self._rows: list[_Row] = []
        self._thumbnails = thumbnails
        self._icons: dict[str, QIcon] = {}
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def set_items(self, items: list[Item]) -> None:
        labels = {
            None: self.tr("not read yet"), "unreadable": self.tr("unreadable"), "yes": self.tr("yes"),
            "no": self.tr("no"),
        }  # fmt: skip
        clock = Clock(seconds=False)  # to the minute in the list; the details show the seconds
        rows = [self._row(item, labels, clock) for item in items]
        self.beginResetModel()
        self._rows = rows
        self._icons = {}
        if self._sort is not None:
            self._rows.sort(key=self._key(self._sort[0]), reverse=self._sort[1] == Qt.SortOrder.DescendingOrder)
        self.endResetModel()

    @staticmethod
    def _row(item: Item, labels: dict[str | None, str], clock: Clock) -> _Row:
        # The record was checked when the sandbox's answer was stored; here it is only read for display.
        record = item.metadata or {}
        status = record.get("status")
        summary = record.get("summary")
        summary = summary if isinstance(summary, dict) else {}
        captured_at = summary.get("capture_time") if isinstance(summary.get("capture_time"), str) else ""
        has_gps = (
            status == "ok" and summary.get("gps_latitude") is not None and summary.get("gps_longitude") is not None
        )
        shown = shown_time(captured_at) if status == "ok" else None
        if item.metadata is None:
            captured, gps = labels[None], "?"
        elif status == "unreadable":
            captured, gps = labels["unreadable"], "?"
        else:
            captured = clock.shown_text(shown, captured_at)
            gps = "?" if status != "ok" else labels["yes" if has_gps else "no"]
        imported = shown_time(item.imported_at)
        tags = ", ".join(item.tags)
        type_name = QCoreApplication.translate("formats", human_name(item.media_type))
        display = (item.name, type_name, captured, gps, size_text(item.size),
                   clock.shown_text(imported, item.imported_at), item.case or "", item.id, tags)  # fmt: skip
        search = " ".join((item.name, type_name, item.media_type, item.case or "", item.notes, item.id,
                           " ".join(item.tags)))  # fmt: skip
        if shown is not None:
            day = shown.moment.date().isoformat()
        else:
            day = (captured_at or "")[:10] if status == "ok" else ""
        times = {CAPTURED: shown, IMPORTED: imported}
        return _Row(item, display, search.lower(), day, has_gps, str(kind_of(item.media_type)), times)

    def row_at(self, row: int) -> _Row:
        return self._rows[row]

    def all_tags(self) -> list[str]:
        return sorted({tag for row in self._rows for tag in row.item.tags})

    def _icon(self, item: Item) -> QIcon | None:
        """The item's thumbnail, loaded from the vault the first time a view asks for it (visible rows only)."""
        if self._thumbnails is None:
            return None
        if item.id not in self._icons:
            pixels = self._thumbnails(item.id)
            image = to_qimage(pixels) if pixels is not None else QImage()
            self._icons[item.id] = _square_icon(image)
        return self._icons[item.id]

    def forget_thumbnails(self) -> None:
        """Load the thumbnails again (they were converted or made since they were shown)."""
        self._icons = {}
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, 0), [Qt.ItemDataRole.DecorationRole]
            )

    def item_at(self, row: int) -> Item:
        return self._rows[row].item

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else 9

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        headers = (
            self.tr("Name"),
            self.tr("Type"),
            self.tr("Captured (file says)"),
            self.tr("GPS"),
            self.tr("Size"),
            self.tr("Imported"),
            self.tr("Case"),
            self.tr("ID"),
            self.tr("Tags"),
        )
        return headers[section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row.display[column]
        if role == Qt.ItemDataRole.DecorationRole and column == NAME:
            return self._icon(row.item)
        if role == SORT_ROLE:
            return row.item.size if column == SIZE else row.display[column]
        if role == SEARCH_ROLE:
            return row.search
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"SHA-256 {row.item.sha256}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _key(column: int) -> Callable[[_Row], Any]:
        if column == SIZE:
            return lambda row: row.item.size
        if column in (CAPTURED, IMPORTED):
            return lambda row: _time_key(row, column)
        return lambda row: row.display[column].casefold()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < 9:
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        old = {id(row): position for position, row in enumerate(self._rows)}
        persistent = self.persistentIndexList()
        self._rows.sort(key=self._key(column), reverse=order == Qt.SortOrder.DescendingOrder)
        moved = {old[id(row)]: position for position, row in enumerate(self._rows)}
        self.changePersistentIndexList(
            persistent, [self.index(moved[i.row()], i.column()) if i.isValid() else i for i in persistent]
        )
        self.layoutChanged.emit()


def _time_key(row: _Row, column: int) -> tuple[int, float, str]:
    """Times in order, then the cells without one (by their text): numbers and text do not compare."""
    shown = row.times[column]
    return (0, shown.sort_key, "") if shown is not None else (1, 0.0, row.display[column].casefold())


ICON_SIDE = 128


def _square_icon(image: QImage) -> QIcon:
    """The thumbnail centred on a transparent square, so every cell of the grid has the same shape."""
    canvas = QPixmap(ICON_SIDE, ICON_SIDE)
    canvas.fill(Qt.GlobalColor.transparent)
    if not image.isNull():
        scaled = image.scaled(ICON_SIDE, ICON_SIDE, Qt.AspectRatioMode.KeepAspectRatio,
                              Qt.TransformationMode.SmoothTransformation)  # fmt: skip
        painter = QPainter(canvas)
        painter.drawImage((ICON_SIDE - scaled.width()) // 2, (ICON_SIDE - scaled.height()) // 2, scaled)
        painter.end()
    return QIcon(canvas)


@dataclass(frozen=True)
class Criteria:
    """What the filter bar asks for, besides the search text. Empty strings and None mean "any"."""

    case: str = ""
    tag: str = ""
    kind: str = ""
    captured_from: str | None = None  # "YYYY-MM-DD", inclusive
    captured_to: str | None = None
    gps_only: bool = False


class ItemsFilter(QSortFilterProxyModel):
    """Filters on search text (name, type, case, notes, id, tags) and on the filter bar's criteria (case, tag,
    type, capture date range, GPS). Sorting is forwarded to the source model."""

    def __init__(self, source: ItemsModel) -> None:
        super().__init__()
        self._source = source
        self.criteria = Criteria()
        self._text = ""
        self.setSourceModel(source)

    def source_row(self, row: int) -> int:
        return self.mapToSource(self.index(row, 0)).row()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._source.sort(column, order)

    def setFilterFixedString(self, text: str) -> None:
        self.beginFilterChange()
        self._text = text.strip().lower()
        self.endFilterChange()

    def set_criteria(self, criteria: Criteria) -> None:
        self.beginFilterChange()
        self.criteria = criteria
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        row = self._source.row_at(source_row)
        if self._text and self._text not in row.search:
            return False
        c = self.criteria
        if c.case and row.item.case != c.case:
            return False
        if c.tag and c.tag not in row.item.tags:
            return False
        if c.kind and row.kind != c.kind:
            return False
        if c.gps_only and not row.has_gps:
            return False
        if c.captured_from or c.captured_to:
            day = row.capture_day
            if not day or (c.captured_from and day < c.captured_from) or (c.captured_to and day > c.captured_to):
                return False
        return True
