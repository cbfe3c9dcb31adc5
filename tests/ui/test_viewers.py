"""Viewers inside the app: a picture with its orientation applied and zoom, a PDF, a video, all from memory (pictures
and PDF pages decoded in the sandbox, shown from raw pixels).

While and after they are shown, no file written since the test started (under $TMPDIR or the home folder) and no
file in the vault folder holds any stretch of the items' plaintext.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np
import pikepdf
from PIL import Image
from pytestqt.qtbot import QtBot

from locker.ingest.importer import import_files
from locker.vault.vault import Vault
from tests.share import planted
from ui.main_window import MainWindow
from ui.viewer_dialog import ViewerDialog
from ui.worker import TaskRunner


def _samples(folder: Path) -> dict[str, Path]:
    photo = folder / "sideways.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90 degrees clockwise to view
    planted.scene(320, 240).save(photo, "JPEG", quality=95, exif=exif.tobytes())
    pdf = folder / "fine.pdf"
    with pikepdf.new() as doc:
        doc.add_blank_page(page_size=(595, 842))
        doc.pages[0].Contents = doc.make_stream(b"0 0 1 rg 100 100 200 200 re f")
        doc.save(pdf)
    video = folder / "clip.mp4"
    source = "testsrc2=duration=2:size=320x240:rate=15"
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i", source, "-f", "lavfi", "-i",
                    "sine=duration=2", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest",
                    str(video)],
                   check=True)  # fmt: skip
    return {"image": photo, "pdf": pdf, "media": video}


def _canaries(paths: dict[str, Path]) -> list[bytes]:
    """A 48-byte stretch from the middle of each file: found anywhere, it means plaintext leaked."""
    found = []
    for path in paths.values():
        data = path.read_bytes()
        middle = len(data) // 2
        found.append(data[middle : middle + 48])
    return found


def _leaks(roots: list[Path], canaries: list[bytes], since: float | None, skip: set[Path]) -> list[str]:
    """Files under `roots` (only those written after `since`, if given) holding a canary."""
    hits = []
    for root in roots:
        for dirpath, _dirs, files in os.walk(root):
            for name in files:
                path = Path(dirpath) / name
                if path in skip or path.parent in skip:
                    continue
                try:
                    info = path.lstat()
                    if not path.is_file() or info.st_size > 512 * 1024 * 1024:
                        continue
                    if since is not None and info.st_mtime < since:
                        continue
                    data = path.read_bytes()
                except OSError:
                    continue
                hits.extend(f"{path}" for canary in canaries if canary in data)
    return hits


def test_viewers_show_from_memory_and_leave_no_plaintext(qtbot: QtBot, vault: Vault, tmp_path: Path) -> None:
    started = time.time() - 1
    sources = tmp_path / "sources"
    sources.mkdir()
    samples = _samples(sources)
    outcomes = import_files(vault, list(samples.values()))
    ids = {kind: o.item_id for kind, o in zip(samples, outcomes, strict=True)}
    window = MainWindow(vault, TaskRunner())
    qtbot.addWidget(window)

    image_view = window.open_viewer(str(ids["image"]))
    assert isinstance(image_view, ViewerDialog) and image_view.kind == "image"
    qtbot.waitSignal(image_view.rendered, timeout=30_000).wait()
    assert (image_view.image.width(), image_view.image.height()) == (240, 320)  # turned upright
    shown = image_view.image.convertToFormat(image_view.image.Format.Format_RGB888)
    pixels = np.frombuffer(shown.constBits(), np.uint8).reshape(320, shown.bytesPerLine())[:, : 240 * 3]
    expected = np.rot90(np.asarray(planted.scene(320, 240)), k=-1).reshape(320, 240 * 3)
    assert np.abs(pixels.astype(int) - expected.astype(int)).mean() < 12
    before = image_view.picture.pixmap().size()
    image_view.set_zoom(2.0)
    assert image_view.picture.pixmap().width() == 480 and image_view.picture.pixmap().width() != before.width()

    pdf_view = window.open_viewer(str(ids["pdf"]))
    assert pdf_view.pdf_view is not None
    qtbot.waitUntil(lambda: pdf_view.pdf_view is not None and pdf_view.pdf_view.page_count == 1, timeout=30_000)
    assert pdf_view.pdf_view.page_label.text() == "Page 1 of 1"

    media_view = window.open_viewer(str(ids["media"]))
    qtbot.waitSignal(media_view.player_widget.first_frame_shown, timeout=20_000).wait()
    assert media_view.player_widget.info.has_video and abs(media_view.player_widget.duration() - 2.0) < 0.2
    media_view.toggle_play()
    qtbot.waitUntil(lambda: media_view.player_widget.position() > 0.4, timeout=10_000)

    canaries = _canaries(samples)
    recent = [Path(tempfile.gettempdir()), Path.home()]
    skip = {sources}  # the files we imported from, which of course hold the plaintext

    def leaks() -> list[str]:
        return _leaks(recent, canaries, started, skip) + _leaks([vault.paths.root], canaries, None, set())

    assert leaks() == []
    for dialog in (image_view, pdf_view, media_view):
        dialog.close()
    qtbot.wait(200)
    assert leaks() == []
    # The check itself can fail: the sources, which hold the plaintext, are found when not skipped.
    assert _leaks([sources], canaries, None, set())


def test_heic_picture_is_rendered_in_the_sandbox_with_its_orientation(
    qtbot: QtBot, vault: Vault, tmp_path: Path
) -> None:
    import pillow_heif

    pillow_heif.register_heif_opener()
    path = tmp_path / "IMG_0042.heic"
    exif = Image.Exif()
    exif[0x0112] = 6
    planted.scene(320, 240).save(path, "HEIF", exif=exif.tobytes(), quality=95)
    [outcome] = import_files(vault, [path])
    window = MainWindow(vault, TaskRunner())
    qtbot.addWidget(window)
    view = window.open_viewer(str(outcome.item_id))
    qtbot.waitSignal(view.rendered, timeout=30_000).wait()
    assert (view.image.width(), view.image.height()) == (240, 320)  # full size, turned upright (not the thumbnail)
    assert view.message.text() == ""
    view.close()
