"""Growing a window to its wrapped text."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def fit_height(window: QWidget) -> None:
    """Grow `window` to the height its wrapped labels need at its current width.

    A top-level window keeps its size when a label's text becomes longer or a row appears, so the last lines of a
    message would be cut off or overlap the next widget. It never shrinks here: that would make the window jump.
    """
    layout = window.layout()
    if layout is None:
        return
    layout.activate()
    needed = layout.totalHeightForWidth(window.width()) if layout.hasHeightForWidth() else layout.sizeHint().height()
    needed = max(needed, layout.totalMinimumSize().height())
    if needed > window.height():
        window.resize(window.width(), needed)
