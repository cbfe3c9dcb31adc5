"""A read-only QIODevice over an item in the vault: viewers stream from it, so no plaintext file is ever written.

Reads go through the core's ItemReader (one verified 1 MiB chunk at a time), so a 2 GB video is never held in
memory whole. Qt's media backend may read from its own thread; the vault serialises its connection.
"""

from __future__ import annotations

from PySide6.QtCore import QIODevice, QObject

from locker.vault.chunks import ItemReader
from locker.vault.items import Item
from locker.vault.vault import Vault


class VaultItemDevice(QIODevice):
    def __init__(self, vault: Vault, item: Item, parent: QObject | None = None) -> None:
        super().__init__()
        if parent is not None:
            self.setParent(parent)
        self._reader = ItemReader(vault.session, item)
        self._size = item.size
        self.failed: str | None = None
        self.open(QIODevice.OpenModeFlag.ReadOnly)

    def isSequential(self) -> bool:
        return False

    def size(self) -> int:
        return self._size

    def bytesAvailable(self) -> int:
        return max(0, self._size - self.pos()) + super().bytesAvailable()

    def readData(self, maxlen: int) -> bytes:
        position = self.pos()
        if position >= self._size:
            return b""
        try:
            return self._reader.read_at(position, min(maxlen, 4 * 1024 * 1024))
        except Exception as exc:  # noqa: BLE001 - a tampered chunk, or the vault was locked meanwhile: end of data
            self.failed = str(exc)
            return b""

    def writeData(self, data: bytes, length: int = -1) -> int:  # type: ignore[override]
        return -1
