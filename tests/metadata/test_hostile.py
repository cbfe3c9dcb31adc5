"""Broken and hostile files: the import always completes, the original is kept bit-exact, the sandbox holds."""

from __future__ import annotations

import hashlib
import random
import resource
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from locker.ingest.importer import ImportStatus, import_files
from locker.metadata.model import MetadataStatus
from locker.sandbox.child import Limits
from locker.sandbox.runner import SandboxRunner
from locker.vault.extract import extract_item
from locker.vault.vault import Vault
from tests.conftest import CORPUS
from tests.metadata import makers

LIMITS = Limits(wall_seconds=20)
# The app process may grow by this much while parsing hundreds of hostile files (it parses none of them itself).
APP_MEMORY_BOUND_MIB = 150


@pytest.fixture(scope="module")
def runner() -> Iterator[SandboxRunner]:
    with SandboxRunner(LIMITS) as r:
        yield r


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _import_bytes(vault: Vault, tmp_path: Path, name: str, data: bytes, runner: SandboxRunner) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    started = time.monotonic()
    [outcome] = import_files(vault, [path], runner=runner)
    elapsed = time.monotonic() - started
    assert outcome.status in {ImportStatus.IMPORTED, ImportStatus.DUPLICATE}, outcome
    assert outcome.item_id is not None
    assert elapsed < LIMITS.wall_seconds + 10, f"{name}: the import waited {elapsed:.1f} s"
    if outcome.status is ImportStatus.IMPORTED:
        out = tmp_path / f"{name}.out"
        extract_item(vault, outcome.item_id, out)
        assert hashlib.sha256(out.read_bytes()).digest() == hashlib.sha256(data).digest()
        out.unlink()
    path.unlink()


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("huge.png", makers.png_claiming_huge_size),
        ("bomb.png", makers.png_with_ztxt_bomb),
        ("truncated-exif.jpg", makers.jpeg_with_truncated_exif_ifd),
    ],
)
def test_crafted_images_are_imported_and_recorded(
    vault: Vault, tmp_path: Path, runner: SandboxRunner, name: str, make: object
) -> None:
    before = _peak_rss_mib()
    data = make()  # type: ignore[operator]
    [outcome] = import_files(vault, [_write(tmp_path / name, data)], runner=runner)
    assert outcome.status is ImportStatus.IMPORTED
    assert outcome.metadata is not None
    assert outcome.metadata.status in {MetadataStatus.OK, MetadataStatus.UNREADABLE}
    if outcome.metadata.status is MetadataStatus.UNREADABLE:
        assert outcome.metadata.reason, "an unreadable record must say why"
    assert _peak_rss_mib() - before < APP_MEMORY_BOUND_MIB


def test_huge_png_is_refused_as_a_decompression_bomb(vault: Vault, tmp_path: Path, runner: SandboxRunner) -> None:
    [outcome] = import_files(vault, [_write(tmp_path / "huge.png", makers.png_claiming_huge_size())], runner=runner)
    assert outcome.metadata is not None
    assert outcome.metadata.status is MetadataStatus.UNREADABLE
    assert "DecompressionBomb" in outcome.metadata.reason


def test_truncated_mp4_is_imported_bit_exact(vault: Vault, tmp_path: Path, runner: SandboxRunner) -> None:
    _import_bytes(vault, tmp_path, "cut.mp4", makers.truncated_mp4(tmp_path), runner)


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _fuzz_seeds() -> list[Path]:
    samples = CORPUS / "exif-samples"
    if not samples.is_dir():
        return []
    return sorted(p for p in samples.rglob("*") if p.is_file() and p.stat().st_size < 600_000)


@pytest.mark.slow
@pytest.mark.skipif(not _fuzz_seeds(), reason=f"the shared camera corpus is not at {CORPUS}")
def test_five_hundred_byte_flip_mutations_of_corpus_files(vault: Vault, tmp_path: Path, runner: SandboxRunner) -> None:
    seed = int.from_bytes(hashlib.sha256(b"evidence-locker-fuzz").digest()[:4], "big")
    rng = random.Random(seed)
    seeds = [p.read_bytes() for p in _fuzz_seeds()]
    # Containers and documents too: a small MP4 (with a subtitle track) and a PDF with an incremental update.
    seeds.append(
        makers.video_with_location_device_and_subtitles(tmp_path / "seed.mp4", "s", *makers.MOSCOW).read_bytes()
    )
    seeds.append(makers.pdf_with_incremental_author_change(tmp_path / "seed.pdf", "A", "B").read_bytes())
    before = _peak_rss_mib()
    statuses: dict[str, int] = {}
    slowest = 0.0
    for round_no in range(500):
        data = bytearray(rng.choice(seeds))
        # Metadata lives near the start of these files: flip bytes there most of the time.
        window = len(data) if rng.random() < 0.3 else min(len(data), 65536)
        for _ in range(rng.randint(1, 24)):
            data[rng.randrange(window)] = rng.randrange(256)
        path = _write(tmp_path / f"mutant-{round_no}.bin", bytes(data))
        started = time.monotonic()
        [outcome] = import_files(vault, [path], runner=runner)
        slowest = max(slowest, time.monotonic() - started)
        assert outcome.status in {ImportStatus.IMPORTED, ImportStatus.DUPLICATE}, (seed, round_no, outcome)
        if outcome.metadata is not None:
            statuses[str(outcome.metadata.status)] = statuses.get(str(outcome.metadata.status), 0) + 1
        if round_no % 25 == 0 and outcome.status is ImportStatus.IMPORTED and outcome.item_id:
            out = tmp_path / "check.out"
            extract_item(vault, outcome.item_id, out)
            assert out.read_bytes() == bytes(data), (seed, round_no)
            out.unlink()
        path.unlink()
    assert sum(statuses.values()) >= 450, statuses
    assert _peak_rss_mib() - before < APP_MEMORY_BOUND_MIB
    assert slowest < LIMITS.wall_seconds + 10


@pytest.mark.skipif(not (CORPUS / "exif-samples").is_dir(), reason=f"the shared camera corpus is not at {CORPUS}")
@pytest.mark.parametrize(
    "relative",
    ["jpg/corrupted.jpg", "jpg/invalid/image00971.jpg", "jpg/tests/30-type_error.jpg", "jpg/tests/42_IndexError.jpg"],
)
def test_known_broken_corpus_files(vault: Vault, tmp_path: Path, runner: SandboxRunner, relative: str) -> None:
    _import_bytes(vault, tmp_path, Path(relative).name, (CORPUS / "exif-samples" / relative).read_bytes(), runner)
