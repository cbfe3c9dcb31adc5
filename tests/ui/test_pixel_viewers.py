"""The viewer shows pictures and PDF pages from raw pixels decoded in the sandbox; no Qt decoder ever sees an
item's bytes (nor a thumbnail's, nor a face-review preview's); a decoder that crashes costs only the picture."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import PySide6.QtGui
import PySide6.QtPdf
import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPixmap
from pytestqt.qtbot import QtBot
from skimage import data

import locker.sandbox.runner
from locker.ingest.importer import import_files
from locker.sandbox.runner import SandboxRunner
from locker.vault.items import get_item
from locker.vault.vault import Vault
from locker.view.service import CannotDisplay, render_picture
from ui.main_window import MainWindow
from ui.share_dialog import ShareDialog
from ui.viewer_dialog import ViewerDialog
from ui.worker import TaskRunner

PAGE_COLOURS = [(220, 30, 30), (30, 180, 40), (30, 40, 220), (230, 210, 20), (200, 30, 200)]


def _sideways_photo(folder: Path) -> Path:
    """Red left half, blue right half, stored sideways (EXIF orientation 6)."""
    path = folder / "sideways.jpg"
    image = Image.new("RGB", (600, 400), (220, 20, 20))
    image.paste((20, 20, 220), (300, 0, 600, 400))
    exif = Image.Exif()
    exif[0x0112] = 6
    image.save(path, "JPEG", quality=92, exif=exif.tobytes())
    return path


def _five_page_pdf(folder: Path) -> Path:
    """Five pages, each filled with its own colour."""
    path = folder / "five.pdf"
    with pikepdf.new() as doc:
        for red, green, blue in PAGE_COLOURS:
            doc.add_blank_page(page_size=(300, 400))
            fill = f"{red / 255:.3f} {green / 255:.3f} {blue / 255:.3f} rg 20 20 260 360 re f".encode()
            doc.pages[-1].Contents = doc.make_stream(fill)
        doc.save(path)
    return path


def _centre_colour(pixmap: QPixmap) -> tuple[int, int, int]:
    colour = pixmap.toImage().pixelColor(pixmap.width() // 2, pixmap.height() // 2)
    return colour.red(), colour.green(), colour.blue()


def _close(colour: tuple[int, int, int], expected: tuple[int, int, int]) -> bool:
    return all(abs(a - b) < 30 for a, b in zip(colour, expected, strict=True))


@pytest.fixture
def window(qtbot: QtBot, vault: Vault) -> Iterator[MainWindow]:
    main = MainWindow(vault, TaskRunner())
    qtbot.addWidget(main)
    main.show()
    yield main
    main.close()


def _open(window: MainWindow, vault: Vault, path: Path) -> ViewerDialog:
    [outcome] = import_files(vault, [path])
    assert outcome.item_id is not None
    window.refresh()
    return window.open_viewer(outcome.item_id)


def test_picture_is_decoded_in_the_sandbox_with_its_orientation(
    qtbot: QtBot, vault: Vault, window: MainWindow, tmp_path: Path
) -> None:
    view = _open(window, vault, _sideways_photo(tmp_path))
    qtbot.waitSignal(view.rendered, timeout=30_000).wait()
    assert (view.image.width(), view.image.height()) == (400, 600)  # turned upright
    top, bottom = view.image.pixelColor(200, 40), view.image.pixelColor(200, 560)
    assert top.red() > 180 and top.blue() < 60, "the red left half is on top"
    assert bottom.blue() > 180 and bottom.red() < 60
    view.set_zoom(0.5)
    assert view.picture.pixmap().size().toTuple() == (200, 300)
    view.resize(700, 700)
    view.grab().save("/tmp/pixels-picture.png")
    view.close()


def test_pdf_page_3_of_5_is_rendered_in_the_sandbox_with_navigation_and_zoom(
    qtbot: QtBot, vault: Vault, window: MainWindow, tmp_path: Path
) -> None:
    view = _open(window, vault, _five_page_pdf(tmp_path))
    pages = view.pdf_view
    assert pages is not None
    qtbot.waitUntil(lambda: pages.shown is not None, timeout=30_000)
    assert pages.page_label.text() == "Page 1 of 5" and not pages.previous_button.isEnabled()
    assert _close(_centre_colour(pages.page.pixmap()), PAGE_COLOURS[0])
    for _ in range(2):
        with qtbot.waitSignal(view.rendered, timeout=30_000):
            qtbot.keyClick(pages, Qt.Key.Key_PageDown)
    assert pages.page_label.text() == "Page 3 of 5"
    assert _close(_centre_colour(pages.page.pixmap()), PAGE_COLOURS[2])
    view.grab().save("/tmp/pixels-pdf.png")
    with qtbot.waitSignal(view.rendered, timeout=30_000):
        pages.previous_button.click()
    assert pages.page_label.text() == "Page 2 of 5"
    assert _close(_centre_colour(pages.page.pixmap()), PAGE_COLOURS[1])
    fitted = pages.page.pixmap().height()
    with qtbot.waitSignal(view.rendered, timeout=30_000):
        pages.zoom_by(2.0)
    assert pages.page.pixmap().height() > 1.8 * fitted, "zooming renders the page again, larger"
    with qtbot.waitSignal(view.rendered, timeout=30_000):
        pages.fit()
    assert abs(pages.page.pixmap().height() - fitted) <= 2
    for _ in range(3):
        with qtbot.waitSignal(view.rendered, timeout=30_000):
            pages.next_button.click()
    assert pages.page_label.text() == "Page 5 of 5" and not pages.next_button.isEnabled()
    view.close()


def test_no_qt_decoder_ever_sees_an_item_a_thumbnail_or_a_preview(
    qtbot: QtBot, vault: Vault, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    used: list[str] = []

    def forbidden(name: str) -> object:
        def record(*_args: object, **_kwargs: object) -> None:
            used.append(name)
            raise AssertionError(f"{name} used in the app")

        return record

    class ForbiddenClass:
        def __init__(self, *_args: object, **_kwargs: object) -> None:
            used.append(type(self).__name__)
            raise AssertionError("a decoder class was created in the app")

    for owner, name in ((QImage, "fromData"), (QImage, "loadFromData"), (QPixmap, "loadFromData")):
        monkeypatch.setattr(owner, name, forbidden(name))
    monkeypatch.setattr(PySide6.QtGui, "QImageReader", type("QImageReader", (ForbiddenClass,), {}))
    monkeypatch.setattr(PySide6.QtPdf, "QPdfDocument", type("QPdfDocument", (ForbiddenClass,), {}))
    astronaut = tmp_path / "astronaut.png"
    Image.fromarray(data.astronaut()).save(astronaut)
    outcomes = import_files(vault, [_sideways_photo(tmp_path), _five_page_pdf(tmp_path), astronaut])
    ids = [o.item_id for o in outcomes]
    assert all(ids)
    window.refresh()
    window.show_as_grid(True)
    for row in range(window.model.rowCount()):
        icon = window.model.index(row, 0).data(Qt.ItemDataRole.DecorationRole)
        assert icon is not None and not icon.isNull()
    window.select_item(str(ids[0]))
    assert not window.detail.thumbnail.pixmap().isNull()
    picture = window.open_viewer(str(ids[0]))
    qtbot.waitSignal(picture.rendered, timeout=30_000).wait()
    pdf = window.open_viewer(str(ids[1]))
    qtbot.waitSignal(pdf.rendered, timeout=30_000).wait()
    with vault.session() as conn:
        item = get_item(conn, str(ids[2]))
    share = ShareDialog(vault, TaskRunner(), item)
    qtbot.addWidget(share)
    share.show()
    qtbot.waitSignal(share.reviewed, timeout=60_000).wait()
    share.canvas.resize(400, 400)
    shown = share.canvas.grab().toImage()
    centre = shown.pixelColor(200, 200)
    assert centre != QColor(40, 40, 40), "the face-review preview is drawn (from raw pixels)"
    for dialog in (picture, pdf, share):
        dialog.close()
    assert used == []


CRASHING_ZYGOTE = """
import os
import locker.view.render as render

def crash(*_args, **_kwargs):
    os.abort()  # what a decoder exploited or broken by a crafted file looks like from outside

render.render_picture = crash
from locker.sandbox.zygote import main
main()
"""


def test_a_crashing_decoder_shows_could_not_display_and_the_app_stays_unlocked(
    qtbot: QtBot, vault: Vault, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = locker.sandbox.runner.sandbox_command

    def crashing(role: str, *args: str) -> list[str]:
        return [sys.executable, "-c", CRASHING_ZYGOTE, *args] if role == "zygote" else real(role, *args)

    monkeypatch.setattr(locker.sandbox.runner, "sandbox_command", crashing)
    [photo, pdf] = import_files(vault, [_sideways_photo(tmp_path), _five_page_pdf(tmp_path)])
    assert photo.item_id is not None and pdf.item_id is not None
    with SandboxRunner() as sandbox, pytest.raises(CannotDisplay, match="crashed"):
        render_picture(vault, photo.item_id, sandbox)  # the child really died of a signal
    window.refresh()
    view = window.open_viewer(photo.item_id)
    qtbot.waitSignal(view.render_failed, timeout=30_000).wait()
    assert "Could not display" in view.message.text()
    assert view.isVisible() and vault.is_open and window.isVisible()
    pages = window.open_viewer(pdf.item_id)  # the rest of the app goes on working
    qtbot.waitSignal(pages.rendered, timeout=30_000).wait()
    assert pages.pdf_view is not None and pages.pdf_view.page_label.text() == "Page 1 of 5"
    window.select_item(photo.item_id)
    assert not window.detail.thumbnail.pixmap().isNull()
    assert window.detail.view_button.isEnabled()
    for dialog in (view, pages):
        dialog.close()
