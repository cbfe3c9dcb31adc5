"""The item list as a Qt table model. Read-only: edits go through core actions, never through the model."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from locker.metadata.model import MetadataRecord, MetadataStatus
from locker.units import human_size
from locker.vault.items import Item

_Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1

NAME, TYPE, CAPTURED, GPS, SIZE, IMPORTED, CASE, ID = range(8)


class ItemsModel(QAbstractTableModel):
    """Columns: name, type, capture time, GPS, size, imported (UTC), case, id."""

    def __init__(self) -> None:
        super().__init__()
        self._items: list[Item] = []
        self._records: list[MetadataRecord | None] = []

    def set_items(self, items: list[Item]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._records = [MetadataRecord.from_json(i.metadata) if i.metadata is not None else None for i in items]
        self.endResetModel()

    def item_at(self, row: int) -> Item:
        return self._items[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else 8

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        headers = (
            self.tr("Name"),
            self.tr("Type"),
            self.tr("Captured (file says)"),
            self.tr("GPS"),
            self.tr("Size"),
            self.tr("Imported (UTC)"),
            self.tr("Case"),
            self.tr("ID"),
        )
        return headers[section]

    def _captured(self, row: int) -> str:
        record = self._records[row]
        if record is None:
            return self.tr("not read yet")
        if record.status is MetadataStatus.UNREADABLE:
            return self.tr("unreadable")
        return (record.summary.capture_time or "").replace("T", " ")

    def _gps(self, row: int) -> str:
        record = self._records[row]
        if record is None or record.status is not MetadataStatus.OK:
            return "?"
        return self.tr("yes") if record.summary.has_gps else self.tr("no")

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        item = self._items[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return [
                item.name, item.media_type, self._captured(row), self._gps(row), human_size(item.size),
                item.imported_at[:19].replace("T", " "), item.case or "", item.id,
            ][column]  # fmt: skip
        if role == SORT_ROLE:
            return item.size if column == SIZE else self.data(index, Qt.ItemDataRole.DisplayRole)
        if role == SEARCH_ROLE:
            return " ".join((item.name, item.media_type, item.case or "", item.notes, item.id, " ".join(item.tags)))
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"SHA-256 {item.sha256}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ItemsFilter(QSortFilterProxyModel):
    """Sorts by the raw value of a column (sizes as numbers) and filters on name, type, case, notes, id and tags."""

    def __init__(self, source: ItemsModel) -> None:
        super().__init__()
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)
        self.setFilterRole(SEARCH_ROLE)
        self.setFilterKeyColumn(NAME)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def source_row(self, row: int) -> int:
        return self.mapToSource(self.index(row, 0)).row()
