"""Shows the pictures a QVideoSink receives by painting them (QVideoWidget's native window grabs blank offscreen)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtMultimedia import QVideoFrame, QVideoSink
from PySide6.QtWidgets import QSizePolicy, QWidget


class VideoView(QWidget):
    """Shows the frames set on its QVideoSink, scaled to fit with the aspect ratio kept.

    Painted with QPainter (QVideoFrame.paint) rather than through QVideoWidget's native window: it works the same
    on every platform plugin, offscreen included, and `grab()` captures it.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sink = QVideoSink(self)
        self._sink.videoFrameChanged.connect(lambda _frame: self.update())
        self.setMinimumSize(160, 90)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def videoSink(self) -> QVideoSink:  # named like QVideoWidget's
        return self._sink

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.black)
        frame = self._sink.videoFrame()
        if frame.isValid():
            size = QSizeF(frame.size()).scaled(QSizeF(self.size()), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRectF((self.width() - size.width()) / 2, (self.height() - size.height()) / 2,
                            size.width(), size.height())  # fmt: skip
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            frame.paint(painter, target, QVideoFrame.PaintOptions())
        painter.end()
