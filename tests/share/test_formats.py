"""Share copies of every supported format: nothing identifying left, by ExifTool and by a byte search.

Each generated file carries planted values (tests/share/planted.py); the corpus adds real camera files.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
from pathlib import Path

import av
import numpy as np
import pytest
from PIL import Image

from locker.sandbox.runner import SandboxRunner
from locker.share.options import ShareOptions
from locker.share.service import share_item
from locker.vault.custody import events
from locker.vault.vault import Vault
from tests.conftest import CORPUS
from tests.share import planted
from tests.share.checks import exiftool_leftovers, raw_hits
from tests.share.conftest import store

FACES_OFF = ShareOptions(faces="off")


@pytest.mark.parametrize("kind", sorted(planted.ALL))
def test_share_copy_of_a_planted_file_keeps_nothing_identifying(
    kind: str, share_vault: Vault, runner: SandboxRunner, tmp_path: Path
) -> None:
    sample = planted.ALL[kind](tmp_path)
    # The planted values really are in the original: otherwise this test could not fail.
    assert raw_hits(sample.path, sample.values) or exiftool_leftovers(sample.path), kind
    item_id = store(share_vault, runner, sample.path)
    out = tmp_path / "out"
    out.mkdir()

    result = share_item(share_vault, item_id, out, FACES_OFF, runner)

    assert result.ok, (result.error, result.findings)
    assert result.path is not None and result.report is not None
    assert [p.name for p in out.iterdir()] == [result.path.name]  # no partial file left beside it
    assert exiftool_leftovers(result.path) == {}
    assert raw_hits(result.path, sample.values) == []
    assert result.report.removed, "the report names what was removed"


def test_every_format_is_still_a_readable_file_of_its_type(
    share_vault: Vault, runner: SandboxRunner, tmp_path: Path
) -> None:
    """A clean copy that nothing can open is no use: each one decodes with a standard tool."""
    out = tmp_path / "out"
    out.mkdir()
    for kind in ("jpeg", "png", "webp", "heic", "tiff", "gif", "pdf", "mp4", "mp3", "ogg", "docx", "odt"):
        folder = tmp_path / kind
        folder.mkdir()
        sample = planted.ALL[kind](folder)
        result = share_item(share_vault, store(share_vault, runner, sample.path), out, FACES_OFF, runner)
        assert result.path is not None, (kind, result.error)
        probe = subprocess.run(["exiftool", "-j", "-FileType", "-Error", str(result.path)], capture_output=True,
                               text=True, check=True)  # fmt: skip
        (info,) = json.loads(probe.stdout)
        assert "Error" not in info, (kind, info)
        if kind in {"jpeg", "png", "webp", "heic", "tiff", "gif"}:
            with Image.open(result.path) as image:
                image.load()
        elif kind in {"mp4", "mp3", "ogg"}:
            with av.open(str(result.path)) as container:
                assert sum(1 for _ in container.decode(container.streams[0])) > 0
        elif kind == "pdf":
            text = subprocess.run(["pdfinfo", str(result.path)], capture_output=True, text=True, check=True).stdout
            assert re.search(r"^Pages:\s+1$", text, re.MULTILINE), text


def test_orientation_is_applied_to_the_pixels(share_vault: Vault, runner: SandboxRunner, tmp_path: Path) -> None:
    """EXIF orientation 6 means 'rotate 90 degrees clockwise to view': the copy must look like that, untagged."""
    sample = planted.jpeg(tmp_path, orientation=6)
    out = tmp_path / "out"
    out.mkdir()
    result = share_item(share_vault, store(share_vault, runner, sample.path), out, FACES_OFF, runner)
    assert result.path is not None
    reference = np.rot90(np.asarray(planted.scene(), dtype=np.int16), k=-1)  # clockwise, independently of Pillow
    with Image.open(result.path) as image:
        copy = np.asarray(image.convert("RGB"), dtype=np.int16)
        assert "exif" not in image.info
    assert copy.shape == reference.shape == (640, 480, 3)
    # Two JPEG generations of a blocky random picture differ by a few levels on average ...
    assert np.abs(copy - reference).mean() < 12
    # ... while the other turn is far off: the comparison can fail.
    wrong_way = np.rot90(np.asarray(planted.scene(), dtype=np.int16), k=1)
    assert np.abs(copy - wrong_way).mean() > 40


def test_video_rotation_matches_ffmpeg_autorotated_reference(
    share_vault: Vault, runner: SandboxRunner, tmp_path: Path
) -> None:
    sample = planted.video(tmp_path, "mp4", rotate=90, size="320x240", seconds=1.0)
    with av.open(str(sample.path)) as original:
        assert next(original.decode(video=0)).rotation != 0, "the source must really be rotated"
    out = tmp_path / "out"
    out.mkdir()
    result = share_item(share_vault, store(share_vault, runner, sample.path), out, FACES_OFF, runner)
    assert result.path is not None, result.error
    reference = tmp_path / "ref.png"
    # ffmpeg applies the display matrix by default (autorotate): an independent reading of the same rotation.
    subprocess.run(["ffmpeg", "-loglevel", "error", "-i", str(sample.path), "-frames:v", "1", str(reference)],
                   check=True)  # fmt: skip
    expected = np.asarray(Image.open(reference).convert("RGB"), dtype=np.int16)
    with av.open(str(result.path)) as container:
        stream = container.streams.video[0]
        first = next(container.decode(stream))
        assert first.rotation == 0  # the copy has no display matrix: the pixels are upright
        got = first.to_ndarray(format="rgb24").astype(np.int16)
    assert got.shape == expected.shape == (320, 240, 3)
    assert np.abs(got - expected).mean() < 12


def test_video_keeps_audio_only_when_asked(share_vault: Vault, runner: SandboxRunner, tmp_path: Path) -> None:
    sample = planted.video(tmp_path, "mov", seconds=1.0)
    item = store(share_vault, runner, sample.path)
    for keep, expected in ((False, ["video"]), (True, ["video", "audio"])):
        out = tmp_path / f"out-{keep}"
        out.mkdir()
        result = share_item(share_vault, item, out, ShareOptions(faces="off", keep_audio=keep), runner)
        assert result.path is not None, result.error
        with av.open(str(result.path)) as container:
            assert sorted(s.type for s in container.streams) == sorted(expected)  # no subtitle or data track
            assert dict(container.metadata).keys() <= {"major_brand", "minor_version", "compatible_brands"}


def test_types_we_cannot_clean_are_refused_with_a_reason(
    share_vault: Vault, runner: SandboxRunner, tmp_path: Path
) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("Meeting at 5 with Anastasia\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    result = share_item(share_vault, store(share_vault, runner, text), out, FACES_OFF, runner)
    assert not result.ok
    assert result.error is not None and "text/plain" in result.error and "no share copy" in result.error
    assert list(out.iterdir()) == []


def test_a_copy_that_still_contains_an_identifying_value_is_not_written(
    share_vault: Vault, runner: SandboxRunner, tmp_path: Path
) -> None:
    """The author's name is also in the body text: the re-check finds it, and nothing is left in the folder."""
    sample = planted.docx(tmp_path, body_text=f"Statement of {planted.ARTIST}")
    out = tmp_path / "out"
    out.mkdir()
    result = share_item(share_vault, store(share_vault, runner, sample.path), out, FACES_OFF, runner)
    assert not result.ok
    assert any(planted.ARTIST in finding for finding in result.findings), result.findings
    assert list(out.iterdir()) == []


def test_share_never_replaces_a_file_and_logs_names_not_values(
    share_vault: Vault, runner: SandboxRunner, tmp_path: Path
) -> None:
    sample = planted.png(tmp_path)
    item = store(share_vault, runner, sample.path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "screen-shared.png").write_bytes(b"someone else's file")
    result = share_item(share_vault, item, out, FACES_OFF, runner)
    assert result.path is not None
    assert result.path.name == "screen-shared-2.png"
    assert (out / "screen-shared.png").read_bytes() == b"someone else's file"
    with share_vault.session() as conn:
        shared = [e for e in events(conn) if e.action == "shared" and e.item == item]
    assert shared, "a 'shared' custody event is recorded"
    details = shared[-1].details
    assert details["copy_sha256"] == result.sha256
    assert any("PNG text" in r for r in details["removed"])
    assert "Author" in " ".join(details["removed_fields"])  # the field's name ...
    assert planted.ARTIST not in shared[-1].line  # ... never its value


CORPUS_FILES = sorted(p for p in (CORPUS / "exif-samples").rglob("*") if p.is_file()) if CORPUS.is_dir() else []


@pytest.mark.skipif(not CORPUS_FILES, reason=f"the shared camera corpus is not at {CORPUS / 'exif-samples'}")
def test_corpus_share_copies_carry_no_camera_metadata(
    share_vault: Vault, runner: SandboxRunner, tmp_path: Path
) -> None:
    """Real camera files: each copy is clean by ExifTool, or refused with a reason (the deliberately broken ones)."""
    out = tmp_path / "out"
    out.mkdir()
    made = 0
    for path in CORPUS_FILES:
        before = subprocess.run(["exiftool", "-j", "-Make", "-Model", "-SerialNumber", "-GPSLatitude", str(path)],
                                capture_output=True, text=True, check=False)  # fmt: skip
        values = tuple(
            str(v) for k, v in (json.loads(before.stdout or "[{}]")[0]).items() if k != "SourceFile" and len(str(v)) > 3
        )
        result = share_item(share_vault, store(share_vault, runner, path), out, FACES_OFF, runner)
        if not result.ok:
            assert result.error, path
            continue
        made += 1
        assert result.path is not None
        assert exiftool_leftovers(result.path) == {}, path
        assert raw_hits(result.path, values) == [], path
    assert made >= 15, f"only {made} of {len(CORPUS_FILES)} corpus files gave a share copy"


def test_pdf_copy_has_a_new_document_id_and_only_the_current_revision(
    share_vault: Vault, runner: SandboxRunner, tmp_path: Path
) -> None:
    import pikepdf

    sample = planted.pdf(tmp_path)
    # The first revision's trailer has an /ID; the appended update's trailer (the one readers see) has none.
    first = sample.path.read_bytes().split(b"%%EOF")[0] + b"%%EOF\n"
    with pikepdf.open(io.BytesIO(first)) as original:
        original_ids = {bytes(x) for x in original.trailer.ID}
    assert original_ids
    assert sample.path.read_bytes().count(b"%%EOF") >= 2  # the original carries an incremental update
    out = tmp_path / "out"
    out.mkdir()
    result = share_item(share_vault, store(share_vault, runner, sample.path), out, FACES_OFF, runner)
    assert result.path is not None, result.error
    data = result.path.read_bytes()
    assert data.count(b"%%EOF") == 1
    with pikepdf.open(result.path) as copy:
        assert "/ID" in copy.trailer
        assert not original_ids & {bytes(x) for x in copy.trailer.ID}
        assert len(copy.pages) == 1 and "/Info" not in copy.trailer


def test_a_half_written_copy_left_by_a_crash_is_removed_at_the_next_share(
    share_vault: Vault, runner: SandboxRunner, tmp_path: Path
) -> None:
    import os

    out = tmp_path / "out"
    out.mkdir()
    stale = out / ".0123456789abcdef.locker-partial"
    stale.write_bytes(b"never re-checked")
    os.utime(stale, (1_000_000_000, 1_000_000_000))
    fresh = out / ".fedcba9876543210.locker-partial"  # another share still writing: recent, left alone
    fresh.write_bytes(b"in progress")
    someone_elses = out / ".notes.locker-partial"  # not our name pattern: never touched
    someone_elses.write_bytes(b"x")
    os.utime(someone_elses, (1_000_000_000, 1_000_000_000))
    sample = planted.png(tmp_path)
    result = share_item(share_vault, store(share_vault, runner, sample.path), out, FACES_OFF, runner)
    assert result.ok
    assert not stale.exists() and fresh.exists() and someone_elses.exists()
