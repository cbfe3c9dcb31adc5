"""Small files of one import are read a few to a sandbox job: each keeps its own record, in the order of the files,
and a file that fails in a batch neither takes the others down nor is judged by what a file before it did."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from locker.ingest.importer import ImportOptions, import_files
from locker.ingest.metadata_queue import BATCH_FILES
from locker.metadata.model import MetadataStatus
from locker.sandbox.child import Limits
from locker.sandbox.source import BytesSource
from locker.vault.custody import events
from locker.vault.vault import Vault
from tests.conftest import start_sandbox_as
from tests.ingest.counting import CountingRunner

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="batches need the fork server (Linux)")


def _jpeg(width: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, 40), (width % 256, 90, 30)).save(out, "JPEG")
    return out.getvalue()


def test_small_files_are_read_several_to_a_job_each_with_its_own_record_in_file_order(
    vault: Vault, tmp_path: Path
) -> None:
    count = BATCH_FILES + 2
    paths = []
    for index in range(count):
        path = tmp_path / f"photo-{index:02d}.jpg"
        path.write_bytes(_jpeg(40 + index))
        paths.append(path)
    with CountingRunner(parallel=2) as runner:
        outcomes = import_files(vault, paths, ImportOptions(), runner=runner)
    assert runner.jobs == 2, "eight files in the first job, two in the second"
    assert [o.metadata.summary.width if o.metadata else None for o in outcomes] == [40 + i for i in range(count)]
    with vault.session() as conn:
        log = [(event.action, event.item) for event in events(conn) if event.action != "created"]
    ids = [outcome.item_id for outcome in outcomes]
    assert log == [("imported", i) for i in ids] + [("metadata-extracted", i) for i in ids]
    with vault.session() as conn:
        thumbnails = conn.execute("SELECT count(*) FROM items WHERE thumbnail IS NOT NULL").fetchone()[0]
    assert thumbnails == count


def test_a_file_that_fails_in_a_batch_is_read_again_alone_and_the_files_after_it_are_read() -> None:
    broken = _jpeg(50)[:200]  # a JPEG cut short: its reader fails
    files = [(BytesSource(data), "image/jpeg") for data in (_jpeg(41), broken, _jpeg(43), _jpeg(44))]
    with CountingRunner(parallel=1) as runner:
        outcomes = runner.run_batch(files)
    assert [outcome.record.status for outcome in outcomes] == [
        MetadataStatus.OK, MetadataStatus.UNREADABLE, MetadataStatus.OK, MetadataStatus.OK
    ]  # fmt: skip
    assert [outcome.record.summary.width for outcome in outcomes] == [41, None, 43, 44]
    assert runner.jobs == 2, "the batch, then the broken file once more in a child of its own"


@pytest.fixture
def hostile(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    return lambda mode: start_sandbox_as(monkeypatch, "tests.sandbox.hostile_zygote", mode)


def test_a_child_that_dies_in_a_batch_costs_only_the_file_that_killed_it(hostile: Callable[[str], None]) -> None:
    hostile("scripted_by_marker")
    files = [(BytesSource(data), "image/jpeg") for data in (b"AAAAA", b"BBBBB", b"CRASH", b"DDDDD", b"EEEEE")]
    with CountingRunner(parallel=1, limits=Limits(wall_seconds=10.0)) as runner:
        outcomes = runner.run_batch(files)
    assert [outcome.raw.get("head") for outcome in outcomes] == ["AAAAA", "BBBBB", None, "DDDDD", "EEEEE"]
    assert outcomes[2].record.status is MetadataStatus.UNREADABLE
    assert "stopped without an answer" in outcomes[2].record.reason
    assert runner.jobs == 3, "the batch up to the crash, the crashing file alone, then a new child for the rest"


def test_every_file_of_a_batch_has_its_own_time_limit_and_the_same_confinement(
    hostile: Callable[[str], None],
) -> None:
    hostile("scripted_by_marker")
    files = [(BytesSource(data), "image/jpeg") for data in (b"SLOW1", b"SLOW1", b"CCCCC")]
    with CountingRunner(parallel=1, limits=Limits(wall_seconds=1.6)) as runner:
        outcomes = runner.run_batch(files)
    # Two seconds in all: one limit for the whole batch would have stopped the second file.
    assert [outcome.record.status for outcome in outcomes] == [MetadataStatus.OK] * 3
    assert [outcome.raw.get("confined") for outcome in outcomes] == [True, True, True]
    assert runner.jobs == 1


def test_a_batch_is_recorded_in_one_transaction_so_a_failure_records_none_of_it(
    vault: Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from locker.ingest import metadata_queue
    from locker.metadata.store import items_without_metadata, record_metadata

    paths = []
    for index in range(3):
        path = tmp_path / f"photo-{index}.jpg"
        path.write_bytes(_jpeg(40 + index))
        paths.append(path)
    calls = []

    def fails_on_the_second(*args: object) -> None:
        calls.append(args)
        if len(calls) == 2:
            raise RuntimeError("the second record could not be written")
        record_metadata(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(metadata_queue, "record_metadata", fails_on_the_second)
    with CountingRunner(parallel=1) as runner, pytest.raises(RuntimeError):
        import_files(vault, paths, ImportOptions(), runner=runner)
    with vault.session() as conn:
        stored = conn.execute("SELECT count(*) FROM items").fetchone()[0]
        extracted = [event for event in events(conn) if event.action == "metadata-extracted"]
    assert stored == 3 and len(items_without_metadata(vault)) == 3, "the first record was rolled back with the batch"
    assert extracted == []
