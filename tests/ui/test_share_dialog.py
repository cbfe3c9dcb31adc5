"""The share dialog: detected face boxes on the photo, editing them, the fields to be removed, writing the copy;
and the import panel's strip checkbox."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from skimage import data

from locker.ingest.importer import import_files
from locker.share.faces import FILL
from locker.share.service import ShareResult
from locker.vault.chunks import ItemReader
from locker.vault.items import get_item
from locker.vault.vault import Vault
from tests.share import planted
from tests.share.checks import raw_hits
from ui.main_window import MainWindow
from ui.share_dialog import ShareDialog
from ui.worker import TaskRunner

SHOTS = Path(__file__).resolve().parent.parent.parent / "build" / "screenshots"


def _astronaut_with_gps(tmp_path: Path) -> Path:
    path = tmp_path / "rally.jpg"
    exif = planted.exif_block(planted.MAKE, planted.MODEL, planted.LAT, planted.LON, planted.WHEN, planted.SERIAL)
    Image.fromarray(data.astronaut()).save(path, "JPEG", exif=exif.tobytes(), quality=92)
    return path


def _dialog(qtbot: QtBot, vault: Vault, path: Path) -> ShareDialog:
    [outcome] = import_files(vault, [path])
    assert outcome.item_id is not None
    with vault.session() as conn:
        item = get_item(conn, outcome.item_id)
    dialog = ShareDialog(vault, TaskRunner(), item)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.reviewed, timeout=60_000):
        pass
    return dialog


def _write(qtbot: QtBot, dialog: ShareDialog, out: Path) -> ShareResult:
    """Choose `out` (created) in the dialog and press Write; the result once the worker is done."""
    out.mkdir()
    dialog.folder.setText(str(out))
    with qtbot.waitSignal(dialog.finished_share, timeout=60_000) as blocker:
        dialog.write_button.click()
    result = blocker.args[0]
    assert isinstance(result, ShareResult)
    return result


def test_dialog_shows_detected_faces_and_fields_then_writes_a_covered_copy(
    qtbot: QtBot, vault: Vault, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, vault, _astronaut_with_gps(tmp_path))
    assert len(dialog.canvas.detected) == 1
    fields = [dialog.fields.item(i).text() for i in range(dialog.fields.count())]
    assert "Latitude" in fields and "Maker of the camera or phone" in fields  # plain words, not "pillow_exif: Make"
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SHOTS / "share-dialog.png"))
    result = _write(qtbot, dialog, tmp_path / "out")
    assert result.ok, (result.error, result.findings)
    face = dialog.canvas.detected[0]
    pixels = np.asarray(Image.open(result.path).convert("RGB"))
    assert (np.abs(pixels[face.y0 + 5 : face.y1 - 5, face.x0 + 5 : face.x1 - 5].astype(int) - FILL) < 12).all()
    assert raw_hits(result.path, (planted.MAKE, planted.SERIAL, f"{planted.LAT:.4f}")) == []
    assert "Written:" in dialog.message.text()


def test_clicking_a_box_leaves_that_face_visible_and_dragging_adds_one(
    qtbot: QtBot, vault: Vault, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, vault, _astronaut_with_gps(tmp_path))
    canvas = dialog.canvas
    face = canvas.detected[0]
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=canvas.box_rect_in_widget(face).center())
    assert canvas.final_boxes() == []
    # Drag a new box over the flag in the top-right corner.
    start, end = QPoint(int(canvas.width() * 0.72), 20), QPoint(int(canvas.width() * 0.85), 60)
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(canvas, end)
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=end)
    [drawn] = canvas.final_boxes()
    assert drawn.source == "user"
    result = _write(qtbot, dialog, tmp_path / "out")
    assert result.ok
    pixels = np.asarray(Image.open(result.path).convert("RGB")).astype(int)
    assert np.abs(pixels[drawn.y0 + 2 : drawn.y1 - 2, drawn.x0 + 2 : drawn.x1 - 2] - FILL).max() < 12
    original = np.asarray(data.astronaut()).astype(int)
    centre = (slice(face.y0 + 20, face.y1 - 20), slice(face.x0 + 20, face.x1 - 20))
    assert np.abs(pixels[centre] - original[centre]).mean() < 10  # the face the user kept is still there


def test_import_panel_strip_checkbox_stores_a_clean_copy(qtbot: QtBot, vault: Vault, tmp_path: Path) -> None:
    window = MainWindow(vault, TaskRunner())
    qtbot.addWidget(window)
    window.show()
    assert window.import_panel.strip.isVisible()
    window.import_panel.strip.setChecked(True)
    photo = _astronaut_with_gps(tmp_path)
    with qtbot.waitSignal(window.import_finished, timeout=60_000) as blocker:
        window.import_paths([photo])
    [outcome] = blocker.args[0]
    assert outcome.status == "imported", outcome.message
    with vault.session() as conn:
        item = get_item(conn, outcome.item_id)
    assert item.sanitised is not None and item.name == "rally-stripped.jpg"
    stored = ItemReader(vault.session, item).read_at(0, item.size)
    assert planted.SERIAL.encode() not in stored
    assert planted.MAKE.encode() not in stored


def test_a_document_is_offered_no_face_covering(qtbot: QtBot, vault: Vault, tmp_path: Path) -> None:
    """Sharing a PDF talked about red face boxes and offered "Cover faces" (review of issue 19)."""
    import pikepdf

    path = tmp_path / "ruling.pdf"
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        pdf.save(path)
    [outcome] = import_files(vault, [path])
    assert outcome.item_id is not None
    with vault.session() as conn:
        item = get_item(conn, outcome.item_id)
    dialog = ShareDialog(vault, TaskRunner(), item)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.cover_faces.isVisible()
    shown = " ".join(label.text() for label in dialog.findChildren(QLabel) if label.isVisible())
    assert "face" not in shown.lower(), shown
