"""Qt images built from checked raw pixels only: the app never hands an encoded picture to a Qt decoder."""

from __future__ import annotations

from PySide6.QtGui import QImage

from locker.pixels import Pixels


def to_qimage(pixels: Pixels) -> QImage:
    """A QImage holding its own copy of `pixels` (RGB888 or RGBA8888, rows exactly width x channels bytes)."""
    fmt = QImage.Format.Format_RGBA8888 if pixels.has_alpha else QImage.Format.Format_RGB888
    # copy(): the QImage built on the bytes only borrows them; the copy owns its memory.
    return QImage(pixels.data, pixels.width, pixels.height, pixels.bytes_per_line, fmt).copy()
