"""A picture with face boxes the user can review: click a box to uncover or cover it again, drag to add one.

Boxes are kept in the full-size picture's pixels (what the sanitiser uses); the preview is only drawn scaled.
The picture comes from memory (raw pixels from the sandbox, checked by the runner), never from a file.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from locker.pixels import Pixels
from locker.share.faces import Box
from ui.raw_image import to_qimage

MIN_BOX = 8


class FaceCanvas(QWidget):
    #: The set of boxes changed (added, removed or restored).
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(320, 240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._image = QImage()
        self._full = (1, 1)
        self.detected: list[Box] = []
        self.removed: set[int] = set()  # indexes into `detected` the user uncovered
        self.added: list[Box] = []
        self._drag_from: QPointF | None = None
        self._drag_to: QPointF | None = None

    def show_frame(self, preview: Pixels, width: int, height: int, boxes: list[Box]) -> None:
        self._image = to_qimage(preview)
        self._full = (max(1, width), max(1, height))
        self.detected = list(boxes)
        self.removed = set()
        self.added = []
        self.update()

    def final_boxes(self) -> list[Box]:
        """What will be covered: the detected boxes the user kept, and the ones they drew."""
        return [b for i, b in enumerate(self.detected) if i not in self.removed] + self.added

    # -- geometry ------------------------------------------------------------------------------------------------

    def _target(self) -> QRectF:
        """Where the picture is drawn: fitted into the widget, aspect kept, centred."""
        w, h = self._full
        scale = min(self.width() / w, self.height() / h)
        return QRectF((self.width() - w * scale) / 2, (self.height() - h * scale) / 2, w * scale, h * scale)

    def _to_widget(self, box: Box) -> QRectF:
        target = self._target()
        sx, sy = target.width() / self._full[0], target.height() / self._full[1]
        return QRectF(target.x() + box.x0 * sx, target.y() + box.y0 * sy, (box.x1 - box.x0) * sx,
                      (box.y1 - box.y0) * sy)  # fmt: skip

    def _to_picture(self, point: QPointF) -> tuple[int, int]:
        target = self._target()
        x = (point.x() - target.x()) * self._full[0] / max(target.width(), 1)
        y = (point.y() - target.y()) * self._full[1] / max(target.height(), 1)
        return int(min(max(x, 0), self._full[0])), int(min(max(y, 0), self._full[1]))

    # -- painting ------------------------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(40, 40, 40))
        if not self._image.isNull():
            painter.drawImage(self._target(), self._image)
        for index, box in enumerate(self.detected):
            uncovered = index in self.removed
            pen = QPen(QColor(150, 150, 150) if uncovered else QColor(230, 40, 40), 2)
            pen.setStyle(Qt.PenStyle.DashLine if uncovered else Qt.PenStyle.SolidLine)
            painter.setPen(pen)
            painter.drawRect(self._to_widget(box))
        painter.setPen(QPen(QColor(250, 160, 0), 2))
        for box in self.added:
            painter.drawRect(self._to_widget(box))
        if self._drag_from is not None and self._drag_to is not None:
            painter.setPen(QPen(QColor(250, 160, 0), 1, Qt.PenStyle.DashLine))
            painter.drawRect(QRectF(self._drag_from, self._drag_to).normalized())
        painter.end()

    # -- editing -------------------------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag_from = self._drag_to = event.position()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag_from is not None:
            self._drag_to = event.position()
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag_from is None:
            return
        start, end = self._drag_from, event.position()
        self._drag_from = self._drag_to = None
        if (end - start).manhattanLength() < MIN_BOX:
            self.toggle_at(end.toPoint())
        else:
            self.add_box(*self._to_picture(start), *self._to_picture(end))
        self.update()

    def toggle_at(self, point: QPoint) -> None:
        """A click on a box the user drew deletes it; on a detected box, uncovers it (or covers it again)."""
        for index, box in enumerate(self.added):
            if self._to_widget(box).contains(QPointF(point)):
                del self.added[index]
                self.changed.emit()
                return
        for index, box in enumerate(self.detected):
            if self._to_widget(box).contains(QPointF(point)):
                self.removed.symmetric_difference_update({index})
                self.changed.emit()
                return

    def add_box(self, x0: int, y0: int, x1: int, y1: int) -> None:
        left, right = sorted((x0, x1))
        top, bottom = sorted((y0, y1))
        if right - left >= 2 and bottom - top >= 2:
            self.added.append(Box(left, top, right, bottom, 1.0, "user"))
            self.changed.emit()

    def box_rect_in_widget(self, box: Box) -> QRect:
        """Where a box is drawn (tests click there)."""
        return self._to_widget(box).toRect()
