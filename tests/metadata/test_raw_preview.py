"""Raw camera files are shown, and thumbnailed, by the JPEG preview the camera embedded; the sensor data is never
decoded. Files are written at test time (tests/metadata/samples.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from locker.ingest.importer import import_files
from locker.sandbox.runner import SandboxRunner
from locker.vault.items import get_item
from locker.vault.vault import Vault
from locker.view.service import CannotDisplay, render_picture
from tests.metadata import samples


@pytest.fixture(scope="module")
def sandbox() -> Iterator[SandboxRunner]:
    with SandboxRunner() as runner:
        yield runner


@pytest.mark.parametrize("media_type", ["image/x-adobe-dng", "image/x-nikon-nef"])
def test_a_raw_file_is_displayed_by_its_embedded_preview(
    media_type: str, vault: Vault, tmp_path: Path, sandbox: SandboxRunner
) -> None:
    path = samples.SAMPLES[media_type](tmp_path)
    [outcome] = import_files(vault, [path], runner=sandbox)
    assert outcome.item_id is not None
    with vault.session() as conn:
        assert get_item(conn, outcome.item_id).media_type == media_type

    picture = render_picture(vault, outcome.item_id, sandbox)

    assert (picture.pixels.width, picture.pixels.height) == (320, 200)  # the preview's size (samples.raw_file)
    expected = samples.picture(320, 200).convert("RGB")
    shown = Image.frombytes("RGB", (320, 200), picture.pixels.data)
    assert max(abs(a - b) for a, b in zip(shown.getpixel((40, 40)), expected.getpixel((40, 40)), strict=True)) < 40


def test_a_raw_file_without_a_preview_is_not_displayed(vault: Vault, tmp_path: Path, sandbox: SandboxRunner) -> None:
    path = samples.SAMPLES["image/x-canon-cr2"](tmp_path)
    data = bytearray(path.read_bytes())
    start = data.index(b"\xff\xd8\xff")
    data[start : start + 3] = b"\x00\x00\x00"  # the preview no longer starts like a JPEG
    path.write_bytes(bytes(data))
    [outcome] = import_files(vault, [path], runner=sandbox)
    assert outcome.item_id is not None
    with pytest.raises(CannotDisplay):
        render_picture(vault, outcome.item_id, sandbox)
