"""A check sum shown whole: wrapped over as many lines as the width needs, fixed-width font, read-only, selectable.

A one-line field in the narrow details panel showed three characters of a SHA-256 and hid the rest behind a
scroll; a lawyer reads check sums aloud and compares them character by character, so all of it must be visible.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QResizeEvent, QTextOption
from PySide6.QtWidgets import QPlainTextEdit, QWidget


class HashView(QPlainTextEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.setWordWrapMode(QTextOption.WrapMode.WrapAnywhere)  # hex has no spaces to break at
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._fit()

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:  # the QLineEdit name the callers use
        self.setPlainText(text)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """As many lines as the check sum needs at this width (one while empty)."""
        metrics = self.fontMetrics()
        advance = max(1, metrics.horizontalAdvance("0"))
        # The layout keeps a character's width free at the end of a line (the cursor): count one fewer per line.
        usable = self.viewport().width() - 2 * int(self.document().documentMargin()) - advance
        per_line = max(1, usable // advance)
        lines = max(1, math.ceil(len(self.toPlainText()) / per_line))
        frame = self.frameWidth() * 2 + int(2 * self.document().documentMargin())
        height = metrics.lineSpacing() * lines + frame + 2
        if self.height() != height:
            self.setFixedHeight(height)
