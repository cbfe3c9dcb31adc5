"""The vault's items as a table or as thumbnails (one model, one selection), or in their place a sentence saying why
nothing is shown; and the lookups between the rows on screen and the items' ids."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QListView, QStackedWidget, QStyle, QTableView

from locker.vault.items import Item
from ui.empty_state import Emptiness, EmptyState
from ui.items_model import CASE, ID, IMPORTED, NAME, TYPE, ItemsFilter, ItemsModel


class ItemViews(QStackedWidget):
    """`table` and `grid` show `filtered` (rows of `model`) and share one selection; `empty` takes their place."""

    #: Enter or a double click on a row (of the filtered model): open that item.
    open_requested = Signal(int)

    def __init__(self, model: ItemsModel, filtered: ItemsFilter) -> None:
        super().__init__()
        self.model = model
        self.filtered = filtered
        self.table = QTableView()
        self.table.setModel(filtered)
        self.table.setAccessibleName(self.tr("Items in the vault"))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(IMPORTED, Qt.SortOrder.AscendingOrder)  # the order things came in
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        # Several items at once (Shift/Ctrl+click, Ctrl+A): export and move-to-case act on the whole selection.
        self.table.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move within it
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setResizeContentsPrecision(200)  # 10,000 rows: size columns from a sample
        self.table.setIconSize(QSize(24, 24))
        # The item's id is a technical key, shown in the details' "Proof"; a column of it would push the case and
        # tags off a 1366-pixel screen.
        self.table.setColumnHidden(ID, True)
        header = self.table.horizontalHeader()
        header.moveSection(header.visualIndex(CASE), header.visualIndex(TYPE) + 1)  # which case: next to the name
        self.grid = QListView()
        self.grid.setModel(filtered)
        self.grid.setAccessibleName(self.tr("Items in the vault, as thumbnails"))
        self.grid.setViewMode(QListView.ViewMode.IconMode)
        self.grid.setIconSize(QSize(128, 128))
        self.grid.setGridSize(QSize(160, 170))
        self.grid.setResizeMode(QListView.ResizeMode.Adjust)
        self.grid.setMovement(QListView.Movement.Static)
        self.grid.setWordWrap(True)
        self.grid.setSelectionMode(QListView.SelectionMode.ExtendedSelection)
        self.grid.setTabKeyNavigation(False)
        self.grid.setSelectionModel(self.table.selectionModel())  # one selection for both views
        for view in (self.table, self.grid):
            view.doubleClicked.connect(lambda index: self.open_requested.emit(index.row()))
            enter = QShortcut(QKeySequence(Qt.Key.Key_Return), view)
            enter.setContext(Qt.ShortcutContext.WidgetShortcut)
            enter.activated.connect(lambda: self.open_requested.emit(self.table.currentIndex().row()))
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.empty = EmptyState()
        for widget in (self.table, self.grid, self.empty):
            self.addWidget(widget)
        self.grid_chosen = False

    def show_items_or(self, kind: Emptiness | None) -> None:
        """The chosen view, or (`kind` not None) the sentence saying why nothing is shown and what to do."""
        if kind is None:
            self.setCurrentWidget(self.grid if self.grid_chosen else self.table)
            return
        self.empty.show_for(kind)
        self.setCurrentWidget(self.empty)

    def id_at(self, row: int) -> str:
        """The id of the item on `row` of the filtered (shown) rows."""
        return self.model.item_at(self.filtered.source_row(row)).id

    def row_of(self, item_id: str) -> int | None:
        """The shown row of `item_id`, or None when it is not shown (another case, a search)."""
        for row in range(self.filtered.rowCount()):
            if self.id_at(row) == item_id:
                return row
        return None

    def current_id(self) -> str | None:
        row = self.table.currentIndex().row()
        return self.id_at(row) if row >= 0 else None

    def selected_ids(self) -> list[str]:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return [self.id_at(row) for row in sorted(rows)]

    def select_also(self, item_ids: list[str]) -> None:
        """Add the shown ones of `item_ids` to the selection (the current row stays as it is)."""
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for item_id in item_ids:
            row = self.row_of(item_id)
            if row is not None:
                self.table.selectionModel().select(self.filtered.index(row, 0), flags)

    def keep_names_readable(self, items: list[Item]) -> None:
        """Columns are sized from the rows shown; in a case, a search or "no results" that can be few or none, and
        the Name column shrank to "D...". It keeps at least the first 12 characters of every name in the vault..."""
        metrics = self.table.fontMetrics()
        needed = max((metrics.horizontalAdvance(item.name[:12]) for item in items), default=0)
        padding = 2 * self.table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 8  # cell margins
        width = needed + self.table.iconSize().width() + padding
        # ...and at most about 24 characters: a long file name must not push the Case column off a 1366-pixel
        # screen (the whole name is in the details and the row's tooltip).
        widest = max(width, 24 * metrics.averageCharWidth() + self.table.iconSize().width() + padding)
        self.table.setColumnWidth(NAME, min(max(self.table.columnWidth(NAME), width), widest))
