"""Placeholder until the media engineer's player (streamed through the sandbox) is merged: same interface."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from locker.vault.items import Item
from locker.vault.vault import Vault


class MediaPlayerWidget(QWidget):
    def __init__(self, vault: Vault, item: Item, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._item_id = item.id
        layout = QVBoxLayout(self)
        label = QLabel(self.tr("Video and sound cannot be played in this version."))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(label)

    def close_player(self) -> None:
        """Stop playing and release the stream (nothing to release here)."""
