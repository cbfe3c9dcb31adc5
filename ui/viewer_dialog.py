"""Looking at an item inside the app, from memory: pictures (zoom, orientation applied), PDFs, video and sound.

Pictures are decoded from bytes in memory; PDFs and media stream from a VaultItemDevice. Nothing is written to a
temporary file, so closing the viewer (or locking the vault) leaves nothing readable behind.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMetaObject, QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent, QImage, QImageReader, QKeySequence, QPixmap, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from locker.sandbox.runner import SandboxRunner
from locker.share.service import render_picture
from locker.vault.chunks import ItemReader
from locker.vault.items import Item
from locker.vault.vault import Vault
from ui.vault_device import VaultItemDevice
from ui.worker import TaskRunner

MAX_IMAGE_BYTES = 256 * 1024 * 1024
PDF_TYPES = {"application/pdf"}


def _queued(target: QObject, slot: str) -> None:
    """Call a Qt slot from the event loop, where no Python frame holds the interpreter lock."""
    QMetaObject.invokeMethod(target, slot, Qt.ConnectionType.QueuedConnection)


def viewer_kind(media_type: str) -> str | None:
    """ "image", "pdf" or "media" (video and sound), or None when the app has no viewer for the type."""
    if media_type.startswith("image/"):
        return "image"
    if media_type in PDF_TYPES:
        return "pdf"
    if media_type.startswith(("video/", "audio/")):
        return "media"
    return None


class ViewerDialog(QDialog):
    #: A picture that Qt cannot decode was rendered in the sandbox and is now shown.
    rendered = Signal()

    def __init__(
        self,
        vault: Vault,
        item: Item,
        thumbnail: bytes | None,
        parent: QWidget | None = None,
        runner: TaskRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self.setWindowTitle(item.name)
        self.resize(900, 680)
        self.kind = viewer_kind(item.media_type)
        self.device: VaultItemDevice | None = None
        self.player: Any = None
        self.pdf: Any = None
        self.image = QImage()
        self._zoom = 0.0  # 0: fit to the window
        layout = QVBoxLayout(self)
        self.message = QLabel()
        self.message.setWordWrap(True)
        if self.kind == "image":
            self._build_image(vault, item, thumbnail, layout)
        elif self.kind == "pdf":
            self._build_pdf(vault, item, layout)
        elif self.kind == "media":
            self._build_media(vault, item, layout)
        else:
            self.message.setText(self.tr("There is no viewer for files of type %1.").replace("%1", item.media_type))
        layout.addWidget(self.message)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.close)
        layout.addWidget(close, alignment=Qt.AlignmentFlag.AlignRight)

    # -- pictures ------------------------------------------------------------------------------------------------

    def _build_image(self, vault: Vault, item: Item, thumbnail: bytes | None, layout: QVBoxLayout) -> None:
        if item.size <= MAX_IMAGE_BYTES:
            data = QByteArray(ItemReader(vault.session, item).read_at(0, item.size))
            buffer = QBuffer(data)
            buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            reader = QImageReader(buffer)
            reader.setAutoTransform(True)  # the EXIF orientation, as the camera meant it
            self.image = reader.read()
            buffer.close()
        if self.image.isNull() and thumbnail:
            self.image = QImage.fromData(thumbnail)
            self.message.setText(self.tr("This picture format cannot be shown here; this is its thumbnail."))
            if self._runner is not None:
                self.message.setText(self.tr("Preparing the full picture..."))
                self._render_in_sandbox(vault, item)
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

    def _render_in_sandbox(self, vault: Vault, item: Item) -> None:
        """HEIC and AVIF: Qt has no decoder, so the sandbox decodes the picture into a JPEG kept in memory."""
        assert self._runner is not None

        def work() -> bytes:
            with SandboxRunner() as sandbox:
                return render_picture(vault, item.id, sandbox)

        def done(data: bytes) -> None:
            image = QImage.fromData(data)
            if not image.isNull():
                self.image = image
                self.message.setText("")
                self._render()
            self.rendered.emit()

        def failed(_exc: BaseException) -> None:
            self.message.setText(self.tr("This picture format cannot be shown here; this is its thumbnail."))

        self._runner.run(work, done, failed)

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
            self.picture.setText(self.tr("The picture could not be decoded."))
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
        from PySide6.QtPdf import QPdfDocument  # noqa: PLC0415 - loaded only when a PDF is opened
        from PySide6.QtPdfWidgets import QPdfView  # noqa: PLC0415

        self.device = VaultItemDevice(vault, item, self)
        self.pdf = QPdfDocument(self)
        self.pdf.load(self.device)
        self.pdf_view = QPdfView(self)
        self.pdf_view.setAccessibleName(self.tr("PDF pages"))
        self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.pdf_view.setDocument(self.pdf)
        layout.addWidget(self.pdf_view, 1)
        if self.pdf.status() == QPdfDocument.Status.Error:
            self.message.setText(self.tr("The PDF could not be opened."))

    # -- video and sound -----------------------------------------------------------------------------------------

    def _build_media(self, vault: Vault, item: Item, layout: QVBoxLayout) -> None:
        # Decoded in the sandbox; the widget only gets pixels and PCM (see ui/media_player.py).
        from ui.media_player import MediaPlayerWidget  # noqa: PLC0415 - loaded only when a video is opened

        self.player = MediaPlayerWidget(vault, item, self)
        layout.addWidget(self.player, 1)

    def toggle_play(self) -> None:
        if self.player is not None:
            self.player.toggle_play()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.player is not None:
            self.player.close_player()  # kills the sandbox child that decodes
            self.player = None
        if self.pdf is not None:
            self.pdf.close()
        self.image = QImage()
        super().closeEvent(event)
