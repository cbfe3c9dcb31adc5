"""Thumbnails come back from the sandbox as raw RGB pixels and are stored in the app's own format, for every kind
of item that has a picture: upright, long side 320 at most, and nothing but samples."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from locker.ingest.importer import import_files
from locker.metadata.store import thumbnail
from locker.pixels import THUMBNAIL_EDGE, is_stored
from locker.sandbox.runner import SandboxRunner
from locker.vault.vault import Vault
from tests.share import planted


@pytest.fixture(scope="module")
def runner() -> Iterator[SandboxRunner]:
    with SandboxRunner() as r:
        yield r


def _sideways_jpeg(tmp: Path) -> Path:
    """Red left half, blue right half, stored with EXIF orientation 6 (turn 90 degrees clockwise to view)."""
    path = tmp / "sideways.jpg"
    image = Image.new("RGB", (480, 320), (220, 20, 20))
    image.paste((20, 20, 220), (240, 0, 480, 320))
    exif = Image.Exif()
    exif[0x0112] = 6
    image.save(path, "JPEG", quality=90, exif=exif.tobytes())
    return path


def _png(tmp: Path) -> Path:
    path = tmp / "green.png"
    Image.new("RGBA", (640, 200), (20, 200, 40, 128)).save(path)
    return path


def _heic(tmp: Path) -> Path:
    return planted.heic(tmp).path


def _video(tmp: Path) -> Path:
    return planted.video(tmp).path


def _pdf(tmp: Path) -> Path:
    path = tmp / "yellow.pdf"
    with pikepdf.new() as doc:
        doc.add_blank_page(page_size=(400, 600))
        doc.pages[0].Contents = doc.make_stream(b"1 1 0 rg 0 0 400 600 re f")
        doc.save(path)
    return path


MAKERS: dict[str, Callable[[Path], Path]] = {"jpeg": _sideways_jpeg, "png": _png, "heic": _heic, "video": _video,
                                             "pdf": _pdf}  # fmt: skip


@pytest.mark.parametrize("kind", list(MAKERS))
def test_thumbnail_is_stored_as_checked_raw_pixels(
    kind: str, vault: Vault, tmp_path: Path, runner: SandboxRunner
) -> None:
    if kind == "heic":
        pytest.importorskip("pillow_heif")
    [outcome] = import_files(vault, [MAKERS[kind](tmp_path)], runner=runner)
    assert outcome.item_id is not None
    with vault.session() as conn:
        blob = bytes(conn.execute("SELECT thumbnail FROM items WHERE id = ?", (outcome.item_id,)).fetchone()[0])
    assert is_stored(blob), "stored in the app's own raw-pixel format, not as an image file"
    assert not blob.startswith((b"\xff\xd8", b"\x89PNG"))
    pixels = thumbnail(vault, outcome.item_id)
    assert pixels is not None and pixels.channels == 3
    assert max(pixels.width, pixels.height) == THUMBNAIL_EDGE or kind == "video"  # the test clip is 320x240
    image = Image.frombytes("RGB", (pixels.width, pixels.height), pixels.data)
    if kind == "jpeg":
        assert (pixels.width, pixels.height) == (213, 320), "orientation applied: portrait"
        top, bottom = image.getpixel((106, 20)), image.getpixel((106, 300))
        assert top[0] > 180 and top[2] < 60, "the red left half is on top once turned clockwise"
        assert bottom[2] > 180 and bottom[0] < 60
    elif kind == "pdf":
        red, green, blue = image.getpixel((pixels.width // 2, pixels.height // 2))
        assert red > 200 and green > 200 and blue < 60
    elif kind == "png":
        assert (pixels.width, pixels.height) == (320, 100)
