"""What the item list says when it shows nothing: a blank table tells a frightened user nothing about what to do."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QWidget


class Emptiness(Enum):
    VAULT = "vault"  # nothing imported yet
    CASE = "case"  # the chosen case holds no item
    NO_RESULTS = "no results"  # the search or filters match nothing


def emptiness(items_in_vault: int, shown: int, case: str, searching: bool) -> Emptiness | None:
    """Why the list is empty (None when it is not). A case with nothing in it is told apart from a search that
    finds nothing: the next step differs."""
    if shown:
        return None
    if not items_in_vault:
        return Emptiness.VAULT
    if case and not searching:
        return Emptiness.CASE
    return Emptiness.NO_RESULTS


class EmptyState(QLabel):
    """A large, centred sentence in place of the empty list, saying what to do next."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setMargin(24)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.setFont(font)
        self.setStyleSheet("color: #5f6368; border: 2px dashed #b0b0b0; border-radius: 8px;")

    def show_for(self, kind: Emptiness) -> None:
        texts = {
            Emptiness.VAULT: self.tr(
                "Drop photos, videos or court papers here,\nor use Import files (Ctrl+I).\n\n"
                "They are kept encrypted, exactly as they are."
            ),
            Emptiness.CASE: self.tr(
                "This case holds no items yet.\nShow all items, select some and choose Move to case (Ctrl+M)."
            ),
            Emptiness.NO_RESULTS: self.tr(
                "No item matches the search or the filters.\nClear the search box or the filters to see every item."
            ),
        }
        self.setText(texts[kind])
        self.setAccessibleName(self.text())
