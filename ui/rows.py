"""One small layout helper shared by dialogs."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QWidget


def row_widget(*widgets: QWidget, stretch_index: int = 0) -> QWidget:
    """Widgets side by side in one form cell; the one at `stretch_index` takes the spare width."""
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    for index, widget in enumerate(widgets):
        row.addWidget(widget, 1 if index == stretch_index else 0)
    return holder
