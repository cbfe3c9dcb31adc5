"""Generated files with planted metadata: every planted value is found in the summary or the raw dump."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from locker.ingest.importer import ImportStatus, import_files
from locker.metadata.model import MetadataRecord, MetadataStatus
from locker.metadata.store import raw_metadata, thumbnail
from locker.sandbox.runner import SandboxRunner
from locker.vault.items import get_item
from locker.vault.vault import Vault
from tests.metadata import makers


@pytest.fixture(scope="module")
def runner() -> Iterator[SandboxRunner]:
    with SandboxRunner() as r:
        yield r


def _import_one(vault: Vault, path: Path, runner: SandboxRunner) -> tuple[MetadataRecord, dict[str, Any]]:
    [outcome] = import_files(vault, [path], runner=runner)
    assert outcome.status is ImportStatus.IMPORTED and outcome.item_id
    with vault.session() as conn:
        item = get_item(conn, outcome.item_id)
    assert item.metadata is not None
    record = MetadataRecord.from_json(item.metadata)
    assert record.status is MetadataStatus.OK, record.reason
    return record, raw_metadata(vault, item.id)


def _anywhere(record: MetadataRecord, raw: dict[str, Any], value: str) -> bool:
    text = json.dumps([record.to_json(), raw], ensure_ascii=False)
    return value in text


def test_jpeg_xmp_gps_and_iptc_byline(vault: Vault, tmp_path: Path, runner: SandboxRunner) -> None:
    path = makers.jpeg_with_xmp_gps_and_iptc_byline(tmp_path / "rally.jpg", "Анна Фотограф", *makers.MOSCOW)
    record, raw = _import_one(vault, path, runner)
    assert record.summary.gps_latitude == pytest.approx(makers.MOSCOW[0], abs=1e-5)
    assert record.summary.gps_longitude == pytest.approx(makers.MOSCOW[1], abs=1e-5)
    assert _anywhere(record, raw, "Анна Фотограф")
    assert raw["iptc"]["2:80"] == ["Анна Фотограф"]
    assert _anywhere(record, raw, "XMP Creator Name")


def test_png_text_chunks_and_exif(vault: Vault, tmp_path: Path, runner: SandboxRunner) -> None:
    exif = makers.exif_block("PngMake", "PngModel 3", 59.9386, 30.3141, "2026:02:01 10:20:30", serial="SN-PNG-42")
    texts = {"Author": "Text Chunk Author", "Comment": "Снято на Невском"}
    path = makers.png_with_text_and_exif(tmp_path / "screen.png", texts, exif)
    record, raw = _import_one(vault, path, runner)
    s = record.summary
    assert (s.make, s.model) == ("PngMake", "PngModel 3")
    assert s.gps_latitude == pytest.approx(59.9386, abs=1e-4)
    assert s.gps_longitude == pytest.approx(30.3141, abs=1e-4)
    assert s.capture_time == "2026-02-01T10:20:30"
    assert "SN-PNG-42" in s.serial_numbers
    for value in texts.values():
        assert _anywhere(record, raw, value)


def test_webp_exif(vault: Vault, tmp_path: Path, runner: SandboxRunner) -> None:
    exif = makers.exif_block("WebpMake", "WebpModel", -33.8568, 151.2153, "2025:12:31 23:59:58")
    record, _ = _import_one(vault, makers.webp_with_exif(tmp_path / "photo.webp", exif), runner)
    s = record.summary
    assert (s.make, s.model, s.capture_time) == ("WebpMake", "WebpModel", "2025-12-31T23:59:58")
    assert s.gps_latitude == pytest.approx(-33.8568, abs=1e-4)
    assert s.gps_longitude == pytest.approx(151.2153, abs=1e-4)


@pytest.mark.parametrize("suffix", ["mp4", "mov"])
def test_video_location_device_and_subtitle_track(
    vault: Vault, tmp_path: Path, runner: SandboxRunner, suffix: str
) -> None:
    subtitle = "SERIAL DJI-0042 GPS 55.7558 37.6173"
    path = makers.video_with_location_device_and_subtitles(tmp_path / f"arrest.{suffix}", subtitle, *makers.MOSCOW)
    record, raw = _import_one(vault, path, runner)
    s = record.summary
    assert s.gps_latitude == pytest.approx(makers.MOSCOW[0], abs=1e-3)
    assert s.gps_longitude == pytest.approx(makers.MOSCOW[1], abs=1e-3)
    assert (s.make, s.model) == ("PlantedMake", "PlantedModel 7")
    assert s.capture_time == "2026-03-26T12:34:56+00:00"
    assert s.duration_seconds == pytest.approx(1.0, abs=0.2)
    assert [st["type"] for st in raw["streams"]] == ["video", "audio", "subtitle"]
    assert _anywhere(record, raw, subtitle)
    assert any("subtitle/data track" in w for w in record.warnings)


def test_pdf_incremental_update_keeps_the_old_author_visible(
    vault: Vault, tmp_path: Path, runner: SandboxRunner
) -> None:
    path = makers.pdf_with_incremental_author_change(tmp_path / "fine.pdf", "Original Clerk", "Changed Clerk")
    record, raw = _import_one(vault, path, runner)
    assert record.summary.author == "Changed Clerk"
    assert record.summary.page_count == 1
    assert raw["revision_count"] == 2
    assert raw["earlier_revisions"][0]["info"]["/Author"] == "Original Clerk"
    assert _anywhere(record, raw, "Постановление по делу")
    assert _anywhere(record, raw, "Planted Editor 2.0")
    assert any("earlier revision" in w for w in record.warnings)


def test_unknown_types_are_stored_and_say_no_reader(vault: Vault, tmp_path: Path, runner: SandboxRunner) -> None:
    path = tmp_path / "notes.txt"  # the name says text; the bytes are no format we know
    path.write_bytes(bytes(range(256)) * 4)
    [outcome] = import_files(vault, [path], runner=runner)
    assert outcome.metadata is not None
    assert outcome.metadata.status is MetadataStatus.NO_READER
    assert "no reader for this type" in outcome.metadata.describe_status()


@pytest.mark.parametrize("suffix", sorted(makers.AUDIO_CODECS))
def test_audio_tags_and_duration(vault: Vault, tmp_path: Path, runner: SandboxRunner, suffix: str) -> None:
    path = makers.audio_with_tags(tmp_path / f"recording.{suffix}", "Допрос в отделе", "Planted Artist")
    record, raw = _import_one(vault, path, runner)
    assert record.summary.duration_seconds == pytest.approx(1.0, abs=0.2)
    assert record.summary.title == "Допрос в отделе"
    assert _anywhere(record, raw, "Planted Artist")
    assert [s["type"] for s in raw["streams"]] == ["audio"]


def test_amr_voice_memo(vault: Vault, tmp_path: Path, runner: SandboxRunner) -> None:
    path = tmp_path / "memo.amr"
    path.write_bytes(makers.amr_silence(2.0))
    record, raw = _import_one(vault, path, runner)
    assert record.reader == "audio-video"
    assert raw["streams"][0]["codec"] == "amrnb"


@pytest.mark.parametrize("suffix", sorted(makers.VIDEO_CODECS))
def test_other_video_containers(vault: Vault, tmp_path: Path, runner: SandboxRunner, suffix: str) -> None:
    path = makers.video_in_container(tmp_path / f"clip.{suffix}", "Planted Video Title")
    [outcome] = import_files(vault, [path], runner=runner)
    assert outcome.metadata is not None and outcome.metadata.status is MetadataStatus.OK
    assert outcome.metadata.summary.title == "Planted Video Title"
    assert outcome.metadata.summary.width == 176
    assert outcome.item_id is not None
    assert thumbnail(vault, outcome.item_id), "a poster frame is made for every video"


def test_video_and_pdf_get_a_thumbnail(vault: Vault, tmp_path: Path, runner: SandboxRunner) -> None:
    video = makers.video_with_location_device_and_subtitles(tmp_path / "v.mp4", "x", *makers.MOSCOW)
    pdf = makers.pdf_with_incremental_author_change(tmp_path / "d.pdf", "A", "B")
    for outcome in import_files(vault, [video, pdf], runner=runner):
        assert outcome.item_id is not None
        data = thumbnail(vault, outcome.item_id)
        assert data is not None and data.channels == 3 and 0 < max(data.width, data.height) <= 320


def test_3gp_location_from_the_3gpp_loci_atom(vault: Vault, tmp_path: Path, runner: SandboxRunner) -> None:
    """FFmpeg does not surface 3GPP 'loci'; our own atom walker must, because it is a GPS position."""
    import subprocess

    path = tmp_path / "old-phone.3gp"
    subprocess.run(
        ["ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc=duration=1:size=176x144:rate=10",
         "-c:v", "h263", "-metadata", "location=+59.9386+030.3141/", str(path)],
        check=True,
    )  # fmt: skip
    record, raw = _import_one(vault, path, runner)
    assert "loci" in raw["udta_atoms"]
    assert record.summary.gps_latitude == pytest.approx(59.9386, abs=1e-3)
    assert record.summary.gps_longitude == pytest.approx(30.3141, abs=1e-3)
