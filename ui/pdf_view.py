"""PDF pages, one at a time, each rendered in the sandbox at the size it is shown and returned as raw pixels.

No PDF engine runs in the app (QtPdf would put PDFium next to the vault key): page n is asked for when it is
shown, fitted to the window or at the chosen zoom, and the sandbox answers with pixels and the page count.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QPixmap, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from locker.sandbox.runner import SandboxRunner
from locker.vault.items import Item
from locker.vault.vault import Vault
from locker.view.service import PdfPage, render_pdf_page
from ui.raw_image import to_qimage
from ui.sandbox_jobs import SandboxJobs

MIN_SCALE, MAX_SCALE = 0.05, 8.0  # pixels per point; the sandbox lowers it further for very large pages


class PdfPageView(QWidget):
    #: A page was rendered and is now shown.
    rendered = Signal()
    #: The sandbox could not render the page (the status line says so).
    failed = Signal()
    #: A short text for the viewer's message line ("" clears it).
    status = Signal(str)

    def __init__(self, vault: Vault, item: Item, jobs: SandboxJobs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vault = vault
        self._item_id = item.id
        self._jobs = jobs
        self.page_index = 0
        self.page_count = 0
        self._scale = 0.0  # 0: fit the page into the window
        self.shown: PdfPage | None = None
        self._started = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.page = QLabel()
        self.page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page.setAccessibleName(self.tr("PDF page"))
        self.scroller = QScrollArea()
        self.scroller.setWidget(self.page)
        self.scroller.setWidgetResizable(True)
        self.scroller.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.scroller, 1)
        row = QHBoxLayout()
        self.previous_button = QPushButton(self.tr("Previous page"))
        self.next_button = QPushButton(self.tr("Next page"))
        self.page_label = QLabel()
        for button, key, handler in (
            (self.previous_button, QKeySequence(Qt.Key.Key_PageUp), self.previous_page),
            (self.next_button, QKeySequence(Qt.Key.Key_PageDown), self.next_page),
        ):  # fmt: skip
            button.clicked.connect(handler)
            button.setEnabled(False)
            QShortcut(key, self, handler)
        row.addWidget(self.previous_button)
        row.addWidget(self.page_label)
        row.addWidget(self.next_button)
        row.addStretch(1)
        for text, shortcut, handler in (
            (self.tr("Zoom in"), QKeySequence(QKeySequence.StandardKey.ZoomIn), lambda: self.zoom_by(1.25)),
            (self.tr("Zoom out"), QKeySequence(QKeySequence.StandardKey.ZoomOut), lambda: self.zoom_by(0.8)),
            (self.tr("Fit"), QKeySequence("Ctrl+0"), self.fit),
        ):  # fmt: skip
            button = QPushButton(text)
            button.clicked.connect(handler)
            row.addWidget(button)
            QShortcut(shortcut, self, handler)
        layout.addLayout(row)
        self._resized = QTimer(self)
        self._resized.setSingleShot(True)
        self._resized.setInterval(200)
        self._resized.timeout.connect(self._request)

    # -- navigation and zoom -------------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.shown is None and not self._started:
            self._started = True
            QTimer.singleShot(0, self._request)  # once the layout has given the page its size

    def go_to(self, index: int) -> None:
        """Show page `index` (from 0)."""
        if self.page_count and not 0 <= index < self.page_count:
            return
        self.page_index = index
        self._request()

    def next_page(self) -> None:
        self.go_to(self.page_index + 1)

    def previous_page(self) -> None:
        self.go_to(self.page_index - 1)

    def zoom_by(self, factor: float) -> None:
        shown_scale = self.shown.scale / self.devicePixelRatioF() if self.shown is not None else 1.0
        current = self._scale or shown_scale
        self._scale = max(MIN_SCALE, min(current * factor, MAX_SCALE))
        self.scroller.setWidgetResizable(False)
        self._request()

    def fit(self) -> None:
        self._scale = 0.0
        self.scroller.setWidgetResizable(True)
        self._request()

    # -- rendering -----------------------------------------------------------------------------------------------

    def _request(self) -> None:
        ratio = self.devicePixelRatioF()
        viewport = self.scroller.viewport().size()
        fit = (max(1, int(viewport.width() * ratio) - 4), max(1, int(viewport.height() * ratio) - 4))
        scale = self._scale * ratio
        vault, item_id, index = self._vault, self._item_id, self.page_index
        if self.shown is None:
            self.status.emit(self.tr("Preparing the page..."))

        def work(sandbox: SandboxRunner) -> PdfPage:
            return render_pdf_page(vault, item_id, index, sandbox, fit, scale)

        self._jobs.submit(work, self._show, self._failed)

    def _show(self, page: PdfPage) -> None:
        self.shown = page
        self.page_count = page.page_count
        pixmap = QPixmap.fromImage(to_qimage(page.pixels))
        pixmap.setDevicePixelRatio(self.devicePixelRatioF())
        self.page.setPixmap(pixmap)
        if self._scale:
            self.page.resize(pixmap.deviceIndependentSize().toSize())
        self.page_label.setText(
            self.tr("Page %1 of %2").replace("%1", str(page.index + 1)).replace("%2", str(page.page_count))
        )
        self.previous_button.setEnabled(page.index > 0)
        self.next_button.setEnabled(page.index + 1 < page.page_count)
        self.status.emit("")
        self.rendered.emit()

    def _failed(self, _exc: BaseException) -> None:
        # The reason (a crash, a malformed file) is the sandbox's business; the app stays as it was.
        self.page.clear()
        self.status.emit(self.tr("Could not display page %1 of this PDF.").replace("%1", str(self.page_index + 1)))
        self.failed.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self._scale and self.shown is not None:
            self._resized.start()
