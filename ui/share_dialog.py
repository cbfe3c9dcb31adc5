"""Share copy of one item: review the face boxes, see which metadata fields go, choose a folder, write.

Detection and writing run in the sandbox on the worker helper; the dialog only shows previews from memory and
turns the user's edits into ShareOptions. The core decides what is removed and re-checks the copy.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from locker.sandbox.runner import SandboxRunner
from locker.share.formats import kind_of
from locker.share.options import ShareOptions, VideoEdit
from locker.share.refusals import type_not_shared
from locker.share.service import ReviewFrame, ShareResult, removed_field_names, review_faces, share_item
from locker.vault.items import Item
from locker.vault.vault import Vault
from ui.error_text import error_text, finding_text, show_on_label
from ui.face_canvas import FaceCanvas
from ui.labels import removed_field_texts, removed_text, share_note_text
from ui.rows import row_widget
from ui.worker import TaskRunner


class ShareDialog(QDialog):
    #: Face detection finished and the first frame is shown.
    reviewed = Signal()
    #: A copy was written (ShareResult) or refused (ShareResult with an error).
    finished_share = Signal(object)

    def __init__(self, vault: Vault, runner: TaskRunner, item: Item, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vault = vault
        self._runner = runner
        self._item = item
        self._kind = kind_of(item.media_type)
        self._frames: list[ReviewFrame] = []
        self._edits: dict[int, tuple[set[int], list]] = {}  # type: ignore[type-arg]
        self._current = -1
        self.setWindowTitle(self.tr("Share copy of %1").replace("%1", item.name))
        self.resize(1000, 640)
        layout = QVBoxLayout(self)
        intro_text = self.tr(
            "A share copy is a new file for posting or sending. The original stays in the vault unchanged."
        )
        if self._kind in {"image", "video"}:  # a document or a recording has no faces to review
            intro_text += " " + self.tr(
                "Red boxes will be covered with solid black: click a box to leave that face visible, drag to add a box."
            )
        intro = QLabel(intro_text)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        splitter = QSplitter()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        self.canvas = FaceCanvas()
        self.canvas.setAccessibleName(self.tr("Picture with face boxes"))
        self.canvas.changed.connect(self._remember_edits)
        left_layout.addWidget(self.canvas, 1)
        self.frame_choice = QComboBox()
        self.frame_choice.setAccessibleName(self.tr("Sampled video frame"))
        self.frame_choice.currentIndexChanged.connect(self._show_frame)
        self.frame_choice.setVisible(self._kind == "video")
        left_layout.addWidget(self.frame_choice)
        splitter.addWidget(left)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(QLabel(self.tr("These recorded metadata fields will not be in the copy:")))
        self.fields = QListWidget()
        self.fields.setAccessibleName(self.tr("Metadata fields to be removed"))
        names = removed_field_texts(removed_field_names(vault, item.id))
        self.fields.addItems(names or [self.tr("(no metadata fields were recorded for this item)")])
        right_layout.addWidget(self.fields, 1)
        self.cover_faces = QCheckBox(self.tr("Cover faces"))
        self.cover_faces.setChecked(self._kind in {"image", "video"})
        self.cover_faces.setEnabled(self._kind in {"image", "video"})
        self.cover_faces.setVisible(self._kind in {"image", "video"})
        right_layout.addWidget(self.cover_faces)
        self.keep_audio = QCheckBox(self.tr("Keep the sound (voices can identify people)"))
        self.keep_audio.setVisible(self._kind == "video")
        right_layout.addWidget(self.keep_audio)
        self.folder = QLineEdit()
        self.folder.setAccessibleName(self.tr("Folder for the share copy"))
        choose = QPushButton(self.tr("Choose..."))
        choose.clicked.connect(self._choose)
        right_layout.addWidget(QLabel(self.tr("Write the copy into this folder:")))
        right_layout.addWidget(row_widget(self.folder, choose, stretch_index=0))
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.write_button = QPushButton(self.tr("Write share copy"))
        self.write_button.clicked.connect(self.start)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        buttons.addStretch(1)
        buttons.addWidget(self.write_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        if self._kind is None:
            self.write_button.setEnabled(False)
            show_on_label(self.message, type_not_shared(item.media_type))
        elif self._kind in {"image", "video"}:
            self._detect()

    # -- faces ---------------------------------------------------------------------------------------------------

    def _detect(self) -> None:
        self.message.setText(self.tr("Looking for faces..."))
        self.write_button.setEnabled(False)
        vault, item_id = self._vault, self._item.id

        def work() -> list[ReviewFrame]:
            with SandboxRunner() as sandbox:
                return review_faces(vault, item_id, sandbox)

        self._runner.run(work, self._reviewed, self._failed)

    def _reviewed(self, frames: list[ReviewFrame]) -> None:
        self._frames = frames
        self.frame_choice.blockSignals(True)
        self.frame_choice.clear()
        for frame in frames:
            self.frame_choice.addItem(self.tr("Frame at %1 s").replace("%1", QLocale().toString(frame.seconds, "f", 1)))
        self.frame_choice.blockSignals(False)
        found = sum(len(f.boxes) for f in frames)
        self.message.setText(self.tr("Faces found: %1. Check every picture before writing.").replace("%1", str(found)))
        self.write_button.setEnabled(True)
        if frames:
            self._show_frame(0)
        self.reviewed.emit()

    def _show_frame(self, index: int) -> None:
        if not 0 <= index < len(self._frames):
            return
        self._remember_edits()
        frame = self._frames[index]
        self._current = index
        self.canvas.show_frame(frame.preview, frame.width, frame.height, list(frame.boxes))
        removed, added = self._edits.get(index, (set(), []))
        self.canvas.removed, self.canvas.added = set(removed), list(added)
        self.canvas.update()

    def _remember_edits(self) -> None:
        if 0 <= self._current < len(self._frames):
            self._edits[self._current] = (set(self.canvas.removed), list(self.canvas.added))

    def options(self) -> ShareOptions:
        """The user's choices as the core's ShareOptions."""
        self._remember_edits()
        keep_audio = self.keep_audio.isChecked()
        if not self.cover_faces.isChecked():
            return ShareOptions(faces="off", keep_audio=keep_audio)
        if self._kind == "image" and self._frames:
            return ShareOptions(boxes=tuple(self.canvas.final_boxes()))
        edits = []
        for index, (removed, added) in sorted(self._edits.items()):
            frame = self._frames[index]
            half = self._half_interval()
            edits.append(
                VideoEdit(frame.seconds - half, frame.seconds + half, tuple(added),
                          tuple(frame.boxes[i] for i in sorted(removed)))
            )  # fmt: skip
        return ShareOptions(faces="auto", keep_audio=keep_audio, video_edits=tuple(edits))

    def _half_interval(self) -> float:
        if len(self._frames) < 2:
            return 1e9
        return (self._frames[1].seconds - self._frames[0].seconds) / 2

    # -- writing -------------------------------------------------------------------------------------------------

    def _choose(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Folder for the share copy"), options=QFileDialog.Option.DontUseNativeDialog
        )
        if folder:
            self.folder.setText(folder)

    def start(self) -> None:
        folder = Path(self.folder.text().strip()) if self.folder.text().strip() else None
        if folder is None or not folder.is_dir():
            self.message.setText(self.tr("Choose an existing folder for the copy."))
            return
        options = self.options()
        self.write_button.setEnabled(False)
        self.message.setText(self.tr("Writing and re-checking the copy..."))
        vault, item_id = self._vault, self._item.id

        def work() -> ShareResult:
            with SandboxRunner() as sandbox:
                return share_item(vault, item_id, folder, options, sandbox)

        self._runner.run(work, self._done, self._failed)

    def _done(self, result: ShareResult) -> None:
        self.write_button.setEnabled(True)
        if result.ok and result.report is not None:
            text = self.tr("Written: %1. Removed: %2. Faces covered: %3.")
            removed = "; ".join(removed_text(label) for label in result.report.removed) or "-"
            for key, value in (("%1", str(result.path)), ("%2", removed), ("%3", str(result.report.faces_covered))):
                text = text.replace(key, value)
            text += "".join("\n" + share_note_text(note) for note in result.report.notes)
        else:
            why = error_text(result.refusal).text if result.refusal is not None else result.error or ""
            text = self.tr("No copy was written: %1").replace("%1", why)
            if result.findings:
                text += "\n" + "\n".join(finding_text(f.kind, f.value) for f in result.findings[:10])
        self.message.setText(text)
        self.finished_share.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self.write_button.setEnabled(True)
        show_on_label(self.message, exc)
