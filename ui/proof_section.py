"""A section of the details that stays folded until asked for: the proof (check sums, custody history, every
recorded field) matters to a lawyer or an expert, and would bury what the person looking needs first."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QSizePolicy, QToolButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from ui.labels import metadata_field_label


class FoldedSection(QWidget):
    """A header button (click it, or Space when it has the focus) that shows or hides the content below it. Folded
    at first."""

    #: True when the content was unfolded, False when folded.
    toggled = Signal(bool)

    def __init__(self, title: str, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = QToolButton()
        self.header.setText(title)
        self.header.setCheckable(True)
        self.header.setChecked(False)
        self.header.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.header.setArrowType(Qt.ArrowType.RightArrow)
        self.header.setAutoRaise(True)
        self.header.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # reached with Tab like any button
        self.header.setAccessibleName(title)
        self.header.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        font = self.header.font()
        font.setBold(True)
        self.header.setFont(font)
        self.header.toggled.connect(self._set_open)
        self.content = content
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(content)
        self._set_open(False)

    def is_open(self) -> bool:
        return self.header.isChecked()

    def set_open(self, unfolded: bool) -> None:
        self.header.setChecked(unfolded)

    def _set_open(self, unfolded: bool) -> None:
        self.header.setArrowType(Qt.ArrowType.DownArrow if unfolded else Qt.ArrowType.RightArrow)
        self.content.setVisible(unfolded)
        self.header.setAccessibleDescription(
            self.tr("Unfolded: press Space to fold") if unfolded else self.tr("Folded: press Space to unfold")
        )
        self.toggled.emit(unfolded)


MAX_FIELDS = 1000  # a PDF can record thousands of objects; the bundle has them all, the panel shows enough


def recorded_fields(raw: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """Every field of a raw metadata dump as (reader, label, value, exact key path): the label in plain words when
    the field is a common one (ui/labels.py), else its name as recorded."""
    rows: list[tuple[str, str, str, str]] = []

    def walk(value: Any, path: list[str], depth: int) -> None:
        if len(rows) >= MAX_FIELDS or depth > 12:
            return
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(inner, [*path, str(key)], depth + 1)
            return
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            for number, inner in enumerate(value[:200], 1):
                walk(inner, [*path, f"#{number}"], depth + 1)
            return
        text = ", ".join(str(v) for v in value) if isinstance(value, list) else str(value)
        field = path[-1] if path else ""
        rows.append((path[0] if path else "", metadata_field_label(field) or field, text[:500], "/".join(path)))

    walk(raw, [], 0)
    return rows


def fill_fields_tree(tree: QTreeWidget, raw: dict[str, Any]) -> None:
    """One branch per reader, one row per field (plain label, value); the exact key in the row's tooltip."""
    tree.clear()
    branches: dict[str, QTreeWidgetItem] = {}
    for reader, label, value, path in recorded_fields(raw):
        if reader not in branches:
            branches[reader] = QTreeWidgetItem(tree, [reader])
        row = QTreeWidgetItem(branches[reader], [label, value])
        row.setToolTip(0, f"{label}\n{path}")  # the whole label when the column cuts it, and the exact key
        row.setToolTip(1, value)
    tree.expandAll()
    tree.resizeColumnToContents(0)
    tree.setColumnWidth(0, min(tree.columnWidth(0), 240))  # the value keeps room in a narrow panel
