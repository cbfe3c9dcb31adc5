"""Two sandboxed jobs at a time: each as confined as one alone, and an import's records in the order of its files."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from locker.errors import Interrupted
from locker.ingest import metadata_queue
from locker.ingest.importer import ImportOptions, ImportOutcome, ImportProgress, import_files
from locker.sandbox.child import Limits
from locker.sandbox.confine import LAYERS, landlock_abi
from locker.sandbox.forkserver import default_parallel
from locker.sandbox.probe import check_layers, pid_alive, readable_address
from locker.sandbox.runner import RandomAccessSource, SandboxOutcome, SandboxRunner
from locker.sandbox.source import BytesSource
from locker.vault.custody import events
from locker.vault.items import list_items
from locker.vault.vault import Vault

LANDLOCK_SCOPES_SIGNALS = 6


def _jpeg(width: int, height: int, colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "JPEG")
    return out.getvalue()


class _FirstJobFinishesLast(SandboxRunner):
    """A real runner whose first batch waits, before it starts its sandbox, until `others` other batches have
    finished: the jobs then finish out of order whatever the machine's speed. Records the order in which batches
    finished (by the size of their first file) and counts the sandbox jobs of any kind."""

    def __init__(self, others: int) -> None:
        super().__init__(parallel=2)
        self.finished: list[int] = []
        self.jobs = 0
        self._others = others
        self._first: int | None = None
        self._condition = threading.Condition()
        pool_run = self._pool.run

        def counted(*args: Any) -> Any:
            with self._condition:
                self.jobs += 1
            return pool_run(*args)

        self._pool.run = counted  # type: ignore[method-assign]

    def run_batch(
        self, files: Sequence[tuple[RandomAccessSource, str]], thumbnail: bool = True
    ) -> list[SandboxOutcome]:
        size = files[0][0].size
        with self._condition:
            first = self._first is None
            if first:
                self._first = size
        if first:
            with self._condition:
                waited = self._condition.wait_for(lambda: len(self.finished) >= self._others, timeout=60)
            assert waited, "the other jobs did not run while the first one waited"
        outcomes = super().run_batch(files, thumbnail)
        with self._condition:
            self.finished.append(size)
            self._condition.notify_all()
        return outcomes


def test_custody_log_and_items_follow_the_files_when_the_first_job_finishes_last(
    vault: Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(metadata_queue, "BATCH_FILES", 1)  # one file per job: four jobs that can finish in any order
    colours = [(200, 10, 10), (10, 200, 10), (10, 10, 200), (200, 200, 10)]
    paths = []
    for index, colour in enumerate(colours):
        path = tmp_path / f"photo-{index}.jpg"
        path.write_bytes(_jpeg(64 + 16 * index, 48, colour))  # widths 64, 80, 96, 112: each file's own record
        paths.append(path)
    sizes = [path.stat().st_size for path in paths]
    assert len(set(sizes)) == len(sizes)
    with _FirstJobFinishesLast(others=2) as runner:
        outcomes = import_files(vault, paths, ImportOptions(), runner=runner)
    first = runner.finished.index(sizes[0])
    assert first > runner.finished.index(sizes[1]) and first > runner.finished.index(sizes[2]), "finished last"

    assert [outcome.name for outcome in outcomes] == [path.name for path in paths]
    widths = [outcome.metadata.summary.width if outcome.metadata else None for outcome in outcomes]
    assert widths == [64, 80, 96, 112]
    with vault.session() as conn:
        items = list_items(conn)
        log = [(event.action, event.item) for event in events(conn)]
    assert [item.name for item in items] == [path.name for path in paths]
    ids = [outcome.item_id for outcome in outcomes]
    # File i's metadata follows file i+2's import (metadata_queue.WINDOW = 3 one-file batches), whichever job
    # finished first.
    assert [entry for entry in log if entry[0] != "created"] == [
        ("imported", ids[0]), ("imported", ids[1]), ("imported", ids[2]), ("metadata-extracted", ids[0]),
        ("imported", ids[3]), ("metadata-extracted", ids[1]), ("metadata-extracted", ids[2]),
        ("metadata-extracted", ids[3]),
    ]  # fmt: skip
    with vault.session() as conn:
        thumbnails = conn.execute("SELECT count(*) FROM items WHERE thumbnail IS NOT NULL").fetchone()[0]
    assert thumbnails == 4 and runner.jobs == 4, "each file's thumbnail came with its metadata, in one job"


@pytest.fixture
def two_at_a_time() -> Any:
    with SandboxRunner(parallel=2) as runner:
        yield runner


def test_a_job_runs_and_is_fully_confined_while_another_job_of_the_same_fork_server_runs(
    two_at_a_time: SandboxRunner,
) -> None:
    runner = two_at_a_time
    alone, _ = check_layers(runner)
    channel, held = runner.start_session(Limits(wall_seconds=60))  # a job that stays until it is ended
    try:
        zygote = runner.zygote_pid
        outcome = runner.run(BytesSource(_jpeg(64, 48, (1, 2, 3))), "image/jpeg")
        assert outcome.record.status == "ok" and outcome.thumbnail is not None
        layers, checks = check_layers(runner)
        assert pid_alive(held), "the first job was still running all along"
        assert runner.zygote_pid == zygote, "both ran under the same fork server"
    finally:
        runner.end_session(held)
        channel.close()
    assert layers == alone, "the same layers as a job alone"
    assert {layer.name for layer in layers} == set(LAYERS)
    assert all(checks.values()), checks


def _pid_inside(host_pid: int) -> str:
    """The pid of a job as the fork server's PID namespace sees it (the last NSpid entry)."""
    with open(f"/proc/{host_pid}/status", encoding="ascii") as status:
        line = next(line for line in status if line.startswith("NSpid:"))
    return line.split()[-1]


def _probe(runner: SandboxRunner, attempts: list[tuple[str, str]], left_out: tuple[str, ...]) -> dict[str, bool]:
    job = {"kind": "probe", "media_type": "", "attempts": attempts}
    outcome = runner.run_task(BytesSource(b""), job, Limits(wall_seconds=30, skip_layers=left_out))
    assert outcome.result is not None, outcome.error
    return {a["what"]: a["blocked"] for a in outcome.result["attempts"] if a["what"] in {"signal", "peek", "ptrace"}}


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize("left_out", [(), ("seccomp",)])
def test_a_job_cannot_signal_trace_or_read_the_job_running_beside_it(
    two_at_a_time: SandboxRunner, left_out: tuple[str, ...]
) -> None:
    runner = two_at_a_time
    if left_out and landlock_abi() < LANDLOCK_SCOPES_SIGNALS:
        pytest.skip("without seccomp, only Landlock (ABI 6 and later) keeps a job's signals to itself")
    channel, held = runner.start_session(Limits(wall_seconds=60))
    try:
        target = _pid_inside(held)
        attempts = [("signal", target), ("peek", f"{target}@{readable_address(held).split('@')[1]}"),
                    ("ptrace", target)]  # fmt: skip
        confined = _probe(runner, attempts, left_out)
        unconfined = _probe(runner, [("signal", target)], LAYERS)
        assert pid_alive(held)
    finally:
        runner.end_session(held)
        channel.close()
    assert confined == {"signal": True, "peek": True, "ptrace": True}
    assert unconfined == {"signal": False}, "the job beside it was within reach"


def test_a_cancelled_import_keeps_the_metadata_of_every_file_it_stored(vault: Vault, tmp_path: Path) -> None:
    paths = []
    for index in range(6):
        path = tmp_path / f"photo-{index}.jpg"
        path.write_bytes(_jpeg(64 + index, 48, (index * 40, 10, 10)))
        paths.append(path)
    cancel = threading.Event()

    def progress(done: ImportProgress) -> None:
        if done.files_done == 4:  # the fourth file is stored; the jobs of files 2-4 are not recorded yet
            cancel.set()

    with SandboxRunner(parallel=2) as runner, pytest.raises(Interrupted) as stopped:
        import_files(vault, paths, ImportOptions(), progress, cancel, runner)
    finished = [outcome for outcome in stopped.value.finished or [] if isinstance(outcome, ImportOutcome)]
    assert [outcome.name for outcome in finished] == [path.name for path in paths[:4]]
    assert all(outcome.metadata is not None and outcome.metadata.status == "ok" for outcome in finished), finished
    with vault.session() as conn:
        log = [(event.action, event.item) for event in events(conn) if event.action != "created"]
    ids = [outcome.item_id for outcome in finished]
    assert [entry for entry in log if entry[0] == "imported"] == [("imported", item) for item in ids]
    assert [entry for entry in log if entry[0] == "metadata-extracted"] == [("metadata-extracted", i) for i in ids]


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="needs processor affinity (Linux)")
def test_one_job_at_a_time_per_processor_the_app_may_use_and_never_more_than_two() -> None:
    on_one_processor = (
        "import os; os.sched_setaffinity(0, {min(os.sched_getaffinity(0))}); "
        "from locker.sandbox.forkserver import default_parallel; print(default_parallel())"
    )
    one = subprocess.run([sys.executable, "-c", on_one_processor], capture_output=True, text=True, check=True)
    assert one.stdout.strip() == "1"
    assert default_parallel() == min(2, len(os.sched_getaffinity(0)))
    assert SandboxRunner().parallel == default_parallel()


def test_an_import_starts_the_fork_server_before_its_first_file_is_stored(vault: Vault, tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(_jpeg(64, 48, (9, 9, 9)))
    seen_while_storing: list[int | None] = []
    with SandboxRunner(parallel=2) as runner:

        def progress(done: ImportProgress) -> None:
            if done.files_done == 0:  # the first file is being stored; no job has been asked for yet
                seen_while_storing.append(runner.zygote_pid)

        [outcome] = import_files(vault, [path], ImportOptions(), progress, runner=runner)
        used = runner.zygote_pid
    assert outcome.metadata is not None and outcome.metadata.status == "ok"
    assert seen_while_storing and all(pid is not None and pid == used for pid in seen_while_storing)
