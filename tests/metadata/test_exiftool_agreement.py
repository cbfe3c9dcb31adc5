"""The formats added to the table record what ExifTool (`exiftool -j -n`) reads from the same file: GPS position,
capture time, make and model, where the format has them. Files are made at test time (tests/metadata/samples.py)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from locker.ingest.importer import ImportStatus, import_files
from locker.metadata.model import MetadataRecord, MetadataStatus, MetadataSummary
from locker.sandbox.runner import SandboxRunner
from locker.vault.items import get_item
from locker.vault.vault import Vault
from tests.conftest import PASSPHRASE, WEAK_PARAMS
from tests.metadata import samples
from tests.share import planted

pytestmark = pytest.mark.skipif(shutil.which("exiftool") is None, reason="exiftool is not installed")


def _dated(extension: str, *extra: str) -> Callable[[Path], Path]:
    return samples.video(extension, *extra, "-metadata", "creation_time=2024-02-29T23:58:41Z")


CASES: dict[str, Callable[[Path], Path]] = {
    "dng": samples.SAMPLES["image/x-adobe-dng"],
    "cr2": samples.SAMPLES["image/x-canon-cr2"],
    "nef": samples.SAMPLES["image/x-nikon-nef"],
    "arw": samples.SAMPLES["image/x-sony-arw"],
    "mov-without-ftyp-udta": samples.mov_without_ftyp,
    "mov-without-ftyp-keys": lambda folder: samples.mov_without_ftyp(folder, in_keys=True),
    "mp4-phone": lambda folder: planted.video(folder, "mp4").path,
    "mkv": _dated("mkv", "-c:v", "libx264", "-pix_fmt", "yuv420p"),
    "webm": _dated("webm", "-c:v", "libvpx", "-b:v", "200k"),
}


@pytest.fixture(scope="module")
def vault(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Vault]:
    v = Vault.create(tmp_path_factory.mktemp("agreement") / "v.locker", PASSPHRASE, WEAK_PARAMS)
    yield v
    v.close()


@pytest.fixture(scope="module")
def runner() -> Iterator[SandboxRunner]:
    with SandboxRunner() as r:
        yield r


def _exiftool_time(text: str) -> str | None:
    """'2024:02:29 23:58:41+03:00' -> '2024-02-29T23:58:41'; ExifTool's zero date means none."""
    date, _, rest = text.partition(" ")
    if date.startswith("0000"):
        return None
    return f"{date.replace(':', '-')}T{rest[:8]}"


def assert_agrees(summary: MetadataSummary, reference: dict[str, object]) -> None:
    if "GPSLatitude" in reference and "GPSLongitude" in reference:
        assert summary.gps_latitude == pytest.approx(reference["GPSLatitude"], abs=1e-4)
        assert summary.gps_longitude == pytest.approx(reference["GPSLongitude"], abs=1e-4)
    else:
        assert not summary.has_gps
    found = [reference.get(k) for k in ("DateTimeOriginal", "CreationDate", "CreateDate") if reference.get(k)]
    expected = _exiftool_time(str(found[0])) if found else None
    assert (summary.capture_time or "")[:19] == (expected or "")
    for ours, key in ((summary.make, "Make"), (summary.model, "Model")):
        value = reference.get(key)
        assert ours == (str(value).strip() if value is not None else None)


@pytest.mark.parametrize("case", list(CASES))
def test_gps_capture_time_make_and_model_agree_with_exiftool(
    case: str, vault: Vault, runner: SandboxRunner, tmp_path: Path
) -> None:
    path = CASES[case](tmp_path)
    out = subprocess.run(["exiftool", "-j", "-n", str(path)], capture_output=True, text=True, check=True).stdout
    reference = json.loads(out)[0]

    [outcome] = import_files(vault, [path], runner=runner)

    assert outcome.status is ImportStatus.IMPORTED and outcome.item_id
    with vault.session() as conn:
        item = get_item(conn, outcome.item_id)
    assert item.metadata is not None and item.media_type == reference["MIMEType"]
    record = MetadataRecord.from_json(item.metadata)
    assert record.status is MetadataStatus.OK, record.reason
    assert_agrees(record.summary, reference)
    # Something to agree on: every case carries at least a make, a position or a time.
    assert record.summary.make or record.summary.has_gps or record.summary.capture_time


def test_the_exif_library_decodes_no_maker_note_capture_time() -> None:
    """docs/FORMATS.md says why a maker-note-only capture time is not read: exifread's maker-note tables (the
    maintained library used here) have no capture-time tag. When a release adds one, this fails: use it then."""
    import importlib
    import pkgutil

    import exifread.tags.makernote as makernote

    names = []
    for module_info in pkgutil.iter_modules(makernote.__path__):
        module = importlib.import_module(f"{makernote.__name__}.{module_info.name}")
        for table in vars(module).values():
            if isinstance(table, dict):
                names += [v[0] for v in table.values() if isinstance(v, tuple) and v and isinstance(v[0], str)]
    assert len(names) > 200, "control: the tables were found"
    capture = [n for n in names if re.search(r"DateTimeOriginal|CreateDate|CaptureDate|DateTaken|ShotDate", n)]
    assert capture == []
