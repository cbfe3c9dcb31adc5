"""The item list as a Qt table model. Read-only: edits go through core actions, never through the model."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QIcon, QImage, QPainter, QPixmap

from locker.metadata.model import MetadataRecord, MetadataStatus
from locker.units import human_size
from locker.vault.items import Item

_Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1

NAME, TYPE, CAPTURED, GPS, SIZE, IMPORTED, CASE, ID, TAGS = range(9)
KINDS = ("image", "video", "audio", "document", "other")


class ItemsModel(QAbstractTableModel):
    """Columns: name, type, capture time, GPS, size, imported (UTC), case, id, tags. Thumbnails as decoration."""

    def __init__(self, thumbnails: Callable[[str], bytes | None] | None = None) -> None:
        super().__init__()
        self._items: list[Item] = []
        self._records: list[MetadataRecord | None] = []
        self._thumbnails = thumbnails
        self._icons: dict[str, QIcon] = {}

    def set_items(self, items: list[Item]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._records = [MetadataRecord.from_json(i.metadata) if i.metadata is not None else None for i in items]
        self._icons = {}
        self.endResetModel()

    def record_at(self, row: int) -> MetadataRecord | None:
        return self._records[row]

    def all_tags(self) -> list[str]:
        return sorted({tag for item in self._items for tag in item.tags})

    def _icon(self, item: Item) -> QIcon | None:
        """The item's thumbnail, loaded from the vault the first time a view asks for it (visible rows only)."""
        if self._thumbnails is None:
            return None
        if item.id not in self._icons:
            data = self._thumbnails(item.id)
            image = QImage.fromData(data) if data else QImage()
            self._icons[item.id] = _square_icon(image)
        return self._icons[item.id]

    def item_at(self, row: int) -> Item:
        return self._items[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._items)

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
            self.tr("Imported (UTC)"),
            self.tr("Case"),
            self.tr("ID"),
            self.tr("Tags"),
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
                item.imported_at[:19].replace("T", " "), item.case or "", item.id, ", ".join(item.tags),
            ][column]  # fmt: skip
        if role == Qt.ItemDataRole.DecorationRole and column == NAME:
            return self._icon(item)
        if role == SORT_ROLE:
            return item.size if column == SIZE else self.data(index, Qt.ItemDataRole.DisplayRole)
        if role == SEARCH_ROLE:
            return " ".join((item.name, item.media_type, item.case or "", item.notes, item.id, " ".join(item.tags)))
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"SHA-256 {item.sha256}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


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


def kind_of(media_type: str) -> str:
    """The filter's coarse type: image, video, audio, document or other."""
    major = media_type.split("/")[0]
    if major in {"image", "video", "audio"}:
        return major
    if media_type in {"application/pdf", "text/plain"} or "document" in media_type or "opendocument" in media_type:
        return "document"
    return "other"


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
    """Sorts by the raw value of a column (sizes as numbers); filters on search text (name, type, case, notes, id,
    tags) and on the filter bar's criteria (case, tag, type, capture date range, GPS)."""

    def __init__(self, source: ItemsModel) -> None:
        super().__init__()
        self._source = source
        self.criteria = Criteria()
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)
        self.setFilterRole(SEARCH_ROLE)
        self.setFilterKeyColumn(NAME)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def source_row(self, row: int) -> int:
        return self.mapToSource(self.index(row, 0)).row()

    def set_criteria(self, criteria: Criteria) -> None:
        self.beginFilterChange()
        self.criteria = criteria
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if not super().filterAcceptsRow(source_row, source_parent):
            return False
        c = self.criteria
        item = self._source.item_at(source_row)
        if c.case and item.case != c.case:
            return False
        if c.tag and c.tag not in item.tags:
            return False
        if c.kind and kind_of(item.media_type) != c.kind:
            return False
        record = self._source.record_at(source_row)
        summary = record.summary if record is not None and record.status is MetadataStatus.OK else None
        if c.gps_only and not (summary is not None and summary.has_gps):
            return False
        if c.captured_from or c.captured_to:
            day = (summary.capture_time or "")[:10] if summary is not None else ""
            if not day or (c.captured_from and day < c.captured_from) or (c.captured_to and day > c.captured_to):
                return False
        return True
