"""A vault made by the release with JPEG thumbnails (tests/fixtures, made at ec9ba33): opened with this code, its
thumbnails are never decoded in the app, and are converted to raw pixels in the sandbox, automatically, once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image
from pytestqt.qtbot import QtBot

from locker.bundle.export import ExportRequest, export_bundle
from locker.metadata.legacy_thumbnails import convert_legacy_thumbnails, legacy_thumbnail_ids
from locker.metadata.store import thumbnail
from locker.pixels import is_stored
from locker.vault.extract import extract_item
from locker.vault.items import list_items
from locker.vault.vault import Vault
from tests.conftest import PASSPHRASE, run_cli
from ui.main_window import MainWindow
from ui.worker import TaskRunner

FIXTURES = Path(__file__).resolve().parent / "fixtures"
LEGACY = FIXTURES / "legacy-jpeg-thumbnails.locker"
SOURCES = FIXTURES / "legacy-jpeg-thumbnails-sources"


@pytest.fixture
def legacy_vault(tmp_path: Path) -> Path:
    """A copy: the committed fixture itself is never opened for writing."""
    copy = tmp_path / "legacy.locker"
    shutil.copytree(LEGACY, copy)
    return copy


def _stored_blobs(vault: Vault) -> dict[str, bytes]:
    with vault.session() as conn:
        return {row[0]: bytes(row[1]) for row in conn.execute("SELECT name, thumbnail FROM items")}


def test_the_fixture_really_holds_jpeg_thumbnails(legacy_vault: Path) -> None:
    with Vault.open(legacy_vault, PASSPHRASE) as vault:
        blobs = _stored_blobs(vault)
        assert sorted(blobs) == ["green.png", "sideways.jpg", "yellow.pdf"]
        assert all(blob.startswith(b"\xff\xd8\xff") for blob in blobs.values())
        with vault.session() as conn:
            items = list_items(conn)
        # Until converted, a legacy thumbnail is shown as none: the app never decodes it.
        assert [thumbnail(vault, item.id) for item in items] == [None, None, None]


def test_migration_converts_every_thumbnail_keeps_the_items_and_the_vault_checks_clean(
    legacy_vault: Path, tmp_path: Path
) -> None:
    with Vault.open(legacy_vault, PASSPHRASE) as vault:
        assert len(legacy_thumbnail_ids(vault)) == 3
        assert convert_legacy_thumbnails(vault) == 3
        assert legacy_thumbnail_ids(vault) == []
        assert all(is_stored(blob) for blob in _stored_blobs(vault).values())
        assert convert_legacy_thumbnails(vault) == 0, "idempotent: nothing left to convert"
        with vault.session() as conn:
            items = {item.name: item for item in list_items(conn)}
        (tmp_path / "out").mkdir()
        for name, item in items.items():
            out = tmp_path / "out" / name
            extract_item(vault, item.id, out)
            assert out.read_bytes() == (SOURCES / name).read_bytes(), f"{name} must still extract bit-exact"
        sideways = thumbnail(vault, items["sideways.jpg"].id)
        assert sideways is not None and (sideways.width, sideways.height) == (160, 240)  # upright, as it was
        picture = Image.frombytes("RGB", (sideways.width, sideways.height), sideways.data)
        top, bottom = picture.getpixel((80, 20)), picture.getpixel((80, 220))
        assert top[0] > 150 and top[2] < 80 and bottom[2] > 150 and bottom[0] < 80
        pdf = thumbnail(vault, items["yellow.pdf"].id)
        assert pdf is not None
        page = Image.frombytes("RGB", (pdf.width, pdf.height), pdf.data)
        red, green, blue = page.getpixel((pdf.width // 2, pdf.height // 2))
        assert red > 200 and green > 200 and blue < 80, "the yellow page"
    check = run_cli("check", "--passphrase-stdin", vault=legacy_vault, stdin=PASSPHRASE + "\n")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "Vault OK" in check.stdout and "3 items" in check.stdout


def test_reindex_converts_them_too(legacy_vault: Path) -> None:
    result = run_cli("reindex", "--passphrase-stdin", vault=legacy_vault, stdin=PASSPHRASE + "\n")
    assert result.returncode == 0, result.stderr
    assert "Thumbnails converted to the current format: 3." in result.stdout
    with Vault.open(legacy_vault, PASSPHRASE) as vault:
        assert legacy_thumbnail_ids(vault) == []


def test_an_export_converts_them_before_the_report_is_built(legacy_vault: Path, tmp_path: Path) -> None:
    with Vault.open(legacy_vault, PASSPHRASE) as vault:
        export_bundle(vault, tmp_path / "bundle", ExportRequest())
        assert legacy_thumbnail_ids(vault) == []
    assert (tmp_path / "bundle" / "metadata" / "report.pdf").stat().st_size > 1000


def test_unlocking_in_the_app_converts_them_on_the_worker(qtbot: QtBot, legacy_vault: Path) -> None:
    with Vault.open(legacy_vault, PASSPHRASE) as vault:
        window = MainWindow(vault, TaskRunner())
        qtbot.addWidget(window)
        assert window.isEnabled()  # the window is there at once; the conversion runs on the worker
        qtbot.waitUntil(lambda: not legacy_thumbnail_ids(vault), timeout=30_000)
        qtbot.wait(100)  # the worker's result reaches the window
        window.show_as_grid(True)
        icon = window.model.index(0, 0).data(0x1)  # Qt.DecorationRole: loaded again after the conversion
        assert icon is not None and not icon.isNull()
        window.select_item(window.model.item_at(0).id)
        assert not window.detail.thumbnail.pixmap().isNull()
        window.close()
