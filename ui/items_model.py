"""The item list as a Qt table model. Read-only: edits go through core actions, never through the model."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from locker.units import human_size
from locker.vault.items import Item

_Index = QModelIndex | QPersistentModelIndex


class ItemsModel(QAbstractTableModel):
    """Columns: name, type, size, imported (UTC), case, id."""

    def __init__(self) -> None:
        super().__init__()
        self._items: list[Item] = []

    def set_items(self, items: list[Item]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item_at(self, row: int) -> Item:
        return self._items[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        headers = (
            self.tr("Name"),
            self.tr("Type"),
            self.tr("Size"),
            self.tr("Imported (UTC)"),
            self.tr("Case"),
            self.tr("ID"),
        )
        return headers[section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return [
                item.name,
                item.media_type,
                human_size(item.size),
                item.imported_at[:19].replace("T", " "),
                item.case or "",
                item.id,
            ][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"SHA-256 {item.sha256}"
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
