"""Pictures of every format and PDF pages are decoded in the sandbox and come back as bounded raw pixels."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from locker.ingest.importer import ImportOptions, import_files
from locker.sandbox.runner import SandboxRunner
from locker.vault.vault import Vault
from locker.view.service import RENDER_LONG_SIDE, CannotDisplay, render_pdf_page, render_picture


@pytest.fixture(scope="module")
def sandbox() -> Iterator[SandboxRunner]:
    with SandboxRunner() as runner:
        yield runner


def _import(vault: Vault, path: Path) -> str:
    [outcome] = import_files(vault, [path], ImportOptions(extract_metadata=False))
    assert outcome.item_id is not None
    return outcome.item_id


def _quadrants(mode: str = "RGB") -> Image.Image:
    """Red top-left quarter on green, so a wrong orientation or channel order shows."""
    image = Image.new(mode, (120, 80), (20, 200, 40, 255)[: len(mode)])
    image.paste((220, 20, 20, 255)[: len(mode)], (0, 0, 60, 40))
    return image


FORMATS = {"jpeg": ("JPEG", ".jpg"), "png": ("PNG", ".png"), "webp": ("WEBP", ".webp"), "tiff": ("TIFF", ".tif"),
           "gif": ("GIF", ".gif"), "heic": ("HEIF", ".heic"), "avif": ("AVIF", ".avif")}  # fmt: skip


@pytest.mark.parametrize("name", list(FORMATS))
def test_every_picture_format_comes_back_as_upright_raw_pixels(
    name: str, vault: Vault, tmp_path: Path, sandbox: SandboxRunner
) -> None:
    pil_format, suffix = FORMATS[name]
    if name in {"heic", "avif"}:
        pillow_heif = pytest.importorskip("pillow_heif")
        pillow_heif.register_heif_opener()
    path = tmp_path / f"picture{suffix}"
    try:
        _quadrants().save(path, pil_format)
    except (KeyError, OSError) as exc:
        pytest.skip(f"Pillow cannot write {name} here: {exc}")
    picture = render_picture(vault, _import(vault, path), sandbox)
    pixels = picture.pixels
    assert (pixels.width, pixels.height, pixels.channels) == (120, 80, 3)
    image = Image.frombytes("RGB", (120, 80), pixels.data)
    red, green, _ = image.getpixel((20, 15))
    assert red > 150 and green < 100, f"{name}: the red quarter is top left"
    red, green, _ = image.getpixel((100, 60))
    assert green > 150 and red < 100


def test_transparency_is_kept_as_rgba(vault: Vault, tmp_path: Path, sandbox: SandboxRunner) -> None:
    path = tmp_path / "alpha.png"
    Image.new("RGBA", (10, 10), (0, 0, 255, 100)).save(path)
    pixels = render_picture(vault, _import(vault, path), sandbox).pixels
    assert pixels.channels == 4 and pixels.data[:4] == bytes((0, 0, 255, 100))


def test_a_large_picture_is_scaled_to_the_bounds(vault: Vault, tmp_path: Path, sandbox: SandboxRunner) -> None:
    path = tmp_path / "panorama.png"
    Image.new("RGB", (6000, 300), (10, 10, 10)).save(path)
    picture = render_picture(vault, _import(vault, path), sandbox)
    assert (picture.full_width, picture.full_height) == (6000, 300)
    assert (picture.pixels.width, picture.pixels.height) == (RENDER_LONG_SIDE, 204)


def test_what_is_not_a_picture_is_not_displayed(vault: Vault, tmp_path: Path, sandbox: SandboxRunner) -> None:
    path = tmp_path / "fake.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    with pytest.raises(CannotDisplay):
        render_picture(vault, _import(vault, path), sandbox)


def test_pdf_pages_fit_or_zoom_within_the_bounds(vault: Vault, tmp_path: Path, sandbox: SandboxRunner) -> None:
    path = tmp_path / "two.pdf"
    with pikepdf.new() as doc:
        doc.add_blank_page(page_size=(200, 400))
        doc.add_blank_page(page_size=(400, 200))
        doc.save(path)
    item_id = _import(vault, path)
    first = render_pdf_page(vault, item_id, 0, sandbox, fit=(300, 300))
    assert (first.page_count, first.index, first.width_pt, first.height_pt) == (2, 0, 200.0, 400.0)
    assert (first.pixels.width, first.pixels.height) == (150, 300)
    second = render_pdf_page(vault, item_id, 1, sandbox, scale=2.0)
    assert (second.pixels.width, second.pixels.height) == (800, 400)
    huge = render_pdf_page(vault, item_id, 1, sandbox, scale=1000.0)
    assert huge.pixels.width == RENDER_LONG_SIDE and huge.scale < 1000
    with pytest.raises(CannotDisplay):
        render_pdf_page(vault, item_id, 2, sandbox, fit=(300, 300))
