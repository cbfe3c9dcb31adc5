"""Looking at an item inside the app: pictures (zoom, orientation applied) and PDF pages as raw pixels from the
sandbox; video and sound through the media player widget.

The app decodes nothing of an item: every picture format and every PDF page is decoded in the sandbox
(locker.view) and comes back as checked raw pixels, which the viewer only scales. Nothing is written to a
temporary file, so closing the viewer (or locking the vault) leaves nothing readable behind.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QImage, QKeySequence, QPixmap, QResizeEvent, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from locker.formats import Kind, Preview, format_of
from locker.pixels import Pixels
from locker.sandbox.runner import SandboxRunner
from locker.vault.items import Item
from locker.vault.vault import Vault
from locker.view.service import Picture, render_picture
from ui.media_player import MediaPlayerWidget
from ui.pdf_view import PdfPageView
from ui.raw_image import to_qimage
from ui.sandbox_jobs import SandboxJobs
from ui.worker import TaskRunner


def viewer_kind(media_type: str) -> str | None:
    """ "image", "pdf" or "media" (video and sound), or None when the app has no viewer for the type (the format
    table, locker.formats, says how each type is pictured)."""
    row = format_of(media_type)
    if row.preview in {Preview.PICTURE, Preview.EMBEDDED}:
        return "image"
    if row.preview is Preview.PDF_PAGE:
        return "pdf"
    if row.kind in {Kind.VIDEO, Kind.AUDIO}:
        return "media"
    return None


class ViewerDialog(QDialog):
    #: The picture, or a PDF page, was rendered in the sandbox and is now shown.
    rendered = Signal()
    #: The sandbox could not render it; the message line says so.
    render_failed = Signal()

    def __init__(
        self,
        vault: Vault,
        item: Item,
        thumbnail: Pixels | None,
        parent: QWidget | None = None,
        runner: TaskRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(item.name)
        self.resize(900, 680)
        self.kind = viewer_kind(item.media_type)
        self._jobs: SandboxJobs | None = None
        self.player_widget: MediaPlayerWidget | None = None
        self.pdf_view: PdfPageView | None = None
        self.image = QImage()
        self._has_thumbnail = False
        self._released = False
        self._zoom = 0.0  # 0: fit to the window
        layout = QVBoxLayout(self)
        self.message = QLabel()
        self.message.setWordWrap(True)
        if self.kind in {"image", "pdf"}:
            self._jobs = SandboxJobs(runner or TaskRunner())
        if self.kind == "image":
            self._build_image(vault, item, thumbnail, layout)
        elif self.kind == "pdf":
            self._build_pdf(vault, item, layout)
        elif self.kind == "media":
            self.player_widget = MediaPlayerWidget(vault, item, self)
            layout.addWidget(self.player_widget, 1)
        else:
            self.message.setText(self.tr("There is no viewer for files of type %1.").replace("%1", item.media_type))
        layout.addWidget(self.message)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.close)
        layout.addWidget(close, alignment=Qt.AlignmentFlag.AlignRight)
        self.finished.connect(self._release)  # reject() (locking closes every dialog) skips closeEvent

    # -- pictures ------------------------------------------------------------------------------------------------

    def _build_image(self, vault: Vault, item: Item, thumbnail: Pixels | None, layout: QVBoxLayout) -> None:
        assert self._jobs is not None
        if thumbnail is not None:
            self.image = to_qimage(thumbnail)  # shown while the full picture is prepared
            self._has_thumbnail = True
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setAccessibleName(self.tr("Picture"))
        self.scroller = QScrollArea()
        self.scroller.setWidget(self.picture)
        self.scroller.setWidgetResizable(True)
        self.scroller.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.scroller, 1)
        row = QHBoxLayout()
        for text, shortcut, handler in (
            (self.tr("Zoom in"), QKeySequence.StandardKey.ZoomIn, lambda: self.zoom_by(1.25)),
            (self.tr("Zoom out"), QKeySequence.StandardKey.ZoomOut, lambda: self.zoom_by(0.8)),
            (self.tr("Fit"), QKeySequence("Ctrl+0"), self.fit),
            (self.tr("Actual size"), QKeySequence("Ctrl+1"), lambda: self.set_zoom(1.0)),
        ):  # fmt: skip
            button = QPushButton(text)
            button.clicked.connect(handler)
            row.addWidget(button)
            QShortcut(QKeySequence(shortcut), self, handler)
        row.addStretch(1)
        layout.addLayout(row)
        self._render()
        self.message.setText(self.tr("Preparing the picture..."))

        def work(sandbox: SandboxRunner) -> Picture:
            return render_picture(vault, item.id, sandbox)

        self._jobs.submit(work, self._picture_ready, self._picture_failed)

    def _picture_ready(self, picture: Picture) -> None:
        self.image = to_qimage(picture.pixels)
        self._has_thumbnail = False
        self.message.setText("")
        self._render()
        self.rendered.emit()

    def _picture_failed(self, _exc: BaseException) -> None:
        # Whatever went wrong in the sandbox (a crash, a format it cannot read), the app only shows that it failed.
        text = self.tr("Could not display this picture.")
        if self._has_thumbnail:
            text += " " + self.tr("This is its thumbnail.")
        self.message.setText(text)
        self.render_failed.emit()

    def zoom_by(self, factor: float) -> None:
        current = self._zoom or self._fit_scale()
        self.set_zoom(current * factor)

    def set_zoom(self, zoom: float) -> None:
        self._zoom = max(0.05, min(zoom, 16.0))
        self.scroller.setWidgetResizable(False)
        self._render()

    def fit(self) -> None:
        self._zoom = 0.0
        self.scroller.setWidgetResizable(True)
        self._render()

    def _fit_scale(self) -> float:
        if self.image.isNull():
            return 1.0
        viewport = self.scroller.viewport().size()
        return float(min(viewport.width() / self.image.width(), viewport.height() / self.image.height(), 1.0))

    def _render(self) -> None:
        if self.image.isNull():
            self.picture.clear()
            return
        scale = self._zoom or self._fit_scale()
        size = self.image.size() * scale
        pixmap = QPixmap.fromImage(self.image).scaled(
            size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        self.picture.setPixmap(pixmap)
        if self._zoom:
            self.picture.resize(pixmap.size())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.kind == "image" and not self._zoom:
            self._render()

    # -- PDF -----------------------------------------------------------------------------------------------------

    def _build_pdf(self, vault: Vault, item: Item, layout: QVBoxLayout) -> None:
        assert self._jobs is not None
        self.pdf_view = PdfPageView(vault, item, self._jobs, self)
        self.pdf_view.status.connect(self.message.setText)
        self.pdf_view.rendered.connect(self.rendered.emit)
        self.pdf_view.failed.connect(self.render_failed.emit)
        layout.addWidget(self.pdf_view, 1)

    def toggle_play(self) -> None:
        if self.player_widget is not None:
            self.player_widget.toggle_play()

    def _release(self) -> None:
        """Stop playing, drop results still to come, stop this viewer's sandbox, forget the picture (once)."""
        if self._released:
            return
        self._released = True
        if self.player_widget is not None:
            self.player_widget.close_player()
        if self._jobs is not None:
            self._jobs.close()
        self.image = QImage()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._release()
        super().closeEvent(event)
