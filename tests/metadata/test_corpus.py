"""Real camera files: what we record equals what ExifTool, the independent reference, reads from them."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from locker.ingest.importer import ImportStatus, import_files
from locker.metadata.model import MetadataRecord, MetadataStatus
from locker.pixels import THUMBNAIL_EDGE, Pixels, is_stored
from locker.sandbox.runner import SandboxRunner
from locker.vault.extract import extract_item
from locker.vault.items import get_item
from locker.vault.vault import Vault
from tests.conftest import CORPUS, PASSPHRASE, WEAK_PARAMS

SAMPLES = CORPUS / "exif-samples"
FILES = sorted(p for p in SAMPLES.rglob("*") if p.is_file()) if SAMPLES.is_dir() else []
pytestmark = pytest.mark.skipif(not FILES, reason=f"the shared camera corpus is not at {SAMPLES}")


@pytest.fixture(scope="module")
def exiftool_says() -> dict[str, dict[str, object]]:
    out = subprocess.run(
        ["exiftool", "-n", "-json", "-r", str(SAMPLES)], capture_output=True, text=True, check=False
    ).stdout
    return {str(Path(entry["SourceFile"]).resolve()): entry for entry in json.loads(out)}


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Vault, dict[str, str]]]:
    """The whole corpus imported once through the real pipeline; maps file path -> item id."""
    root = tmp_path_factory.mktemp("corpus") / "v.locker"
    vault = Vault.create(root, PASSPHRASE, WEAK_PARAMS)
    with SandboxRunner() as runner:
        outcomes = import_files(vault, FILES, runner=runner)
    ids = {}
    for path, outcome in zip(FILES, outcomes, strict=True):
        assert outcome.status is ImportStatus.IMPORTED, (path, outcome)
        assert outcome.item_id is not None
        ids[str(path.resolve())] = outcome.item_id
    yield vault, ids
    vault.close()


def _record(vault: Vault, item_id: str) -> MetadataRecord:
    with vault.session() as conn:
        item = get_item(conn, item_id)
    assert item.metadata is not None
    return MetadataRecord.from_json(item.metadata)


def _exiftool_time(text: str) -> tuple[str, str | None]:
    """'2010:04:13 09:37:22+02:00' -> ('2010-04-13T09:37:22', '+02:00')."""
    date, _, rest = text.partition(" ")
    clock, zone = rest[:8], rest[8:] or None
    if zone == "Z":
        zone = "+00:00"
    return f"{date.replace(':', '-')}T{clock}", zone


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(SAMPLES)) for p in FILES])
def test_gps_capture_time_make_and_model_match_exiftool(
    path: Path, imported: tuple[Vault, dict[str, str]], exiftool_says: dict[str, dict[str, object]]
) -> None:
    vault, ids = imported
    record = _record(vault, ids[str(path.resolve())])
    reference = exiftool_says[str(path.resolve())]
    assert record.status is MetadataStatus.OK, record.reason
    summary = record.summary

    if "GPSLatitude" in reference and "GPSLongitude" in reference:
        assert summary.gps_latitude == pytest.approx(reference["GPSLatitude"], abs=1e-6)
        assert summary.gps_longitude == pytest.approx(reference["GPSLongitude"], abs=1e-6)
        if "GPSAltitude" in reference:
            assert summary.gps_altitude == pytest.approx(reference["GPSAltitude"], abs=1e-3)
    else:
        assert not summary.has_gps

    reference_time = reference.get("DateTimeOriginal") or reference.get("CreateDate")
    if reference_time:
        clock, zone = _exiftool_time(str(reference_time))
        zone = zone or reference.get("OffsetTimeOriginal")  # type: ignore[assignment]
        assert summary.capture_time is not None
        assert summary.capture_time[:19] == clock
        assert (summary.capture_time[19:] or None) in {None, zone}
    else:
        assert summary.capture_time is None

    for ours, key in ((summary.make, "Make"), (summary.model, "Model")):
        expected = reference.get(key)
        assert ours == (str(expected).strip() if expected is not None else None)


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(SAMPLES)) for p in FILES])
def test_every_corpus_file_is_stored_bit_exact_with_a_thumbnail(
    path: Path, imported: tuple[Vault, dict[str, str]], tmp_path: Path
) -> None:
    vault, ids = imported
    out = tmp_path / "out"
    extract_item(vault, ids[str(path.resolve())], out)
    assert out.read_bytes() == path.read_bytes()
    with vault.session() as conn:
        thumb = conn.execute("SELECT thumbnail FROM items WHERE id = ?", (ids[str(path.resolve())],)).fetchone()[0]
    assert is_stored(thumb), "thumbnails are stored as the app's own compressed raw pixels"
    pixels = Pixels.from_stored(bytes(thumb), THUMBNAIL_EDGE, THUMBNAIL_EDGE)
    assert pixels.channels == 3 and max(pixels.width, pixels.height) <= THUMBNAIL_EDGE
