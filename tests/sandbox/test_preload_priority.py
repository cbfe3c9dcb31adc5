"""A fork server started ahead of need preloads at low priority; one a job waits for, and all jobs, at the usual one."""

from __future__ import annotations

import io
import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from locker.metadata.model import MetadataStatus
from locker.sandbox import zygote
from locker.sandbox.child import Preloaded
from locker.sandbox.runner import SandboxRunner
from locker.sandbox.source import BytesSource

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread nice values are Linux's")


def _nice_of_this_thread() -> int:
    return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())


def test_the_preload_runs_at_low_priority_and_the_calling_thread_keeps_its_priority(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: dict[str, object] = {}

    def recording_preload(faces: bool = True) -> Preloaded:
        seen["nice"] = _nice_of_this_thread()
        seen["faces"] = faces
        seen["thread"] = threading.get_native_id()
        return Preloaded()

    monkeypatch.setattr(zygote, "preload", recording_preload)
    before = _nice_of_this_thread()
    tools = zygote.preload_at_low_priority(faces=True)
    assert isinstance(tools, Preloaded)
    assert seen == {"nice": zygote.PRELOAD_NICE, "faces": True, "thread": seen["thread"]}
    assert seen["thread"] != threading.get_native_id()
    assert _nice_of_this_thread() == before


def test_a_failing_preload_fails_the_fork_server_start(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_preload(faces: bool = True) -> Preloaded:
        raise MemoryError("no room for the parsers")

    monkeypatch.setattr(zygote, "preload", broken_preload)
    with pytest.raises(MemoryError, match="no room"):
        zygote.preload_at_low_priority(faces=False)


def _nice_of_process(pid: int) -> int:
    return _nice_of_process_file(Path(f"/proc/{pid}/stat"))


def test_a_fork_server_started_ahead_serves_jobs_at_the_usual_priority() -> None:
    picture = io.BytesIO()
    Image.new("RGB", (32, 24), (200, 10, 10)).save(picture, "JPEG")
    with SandboxRunner(parallel=1) as runner:
        runner.prepare()
        outcome = runner.run(BytesSource(picture.getvalue()), "image/jpeg")
        assert outcome.record.status is MetadataStatus.OK
        pid = runner.zygote_pid
        if pid is None:
            pytest.skip("jobs are spawned here, not forked: there is no fork server")
        # Jobs are forked from the fork server's main thread: it must not have been lowered with the preload.
        assert {_nice_of_process(member) for member in _family(pid)} == {os.getpriority(os.PRIO_PROCESS, 0)}


def _family(pid: int) -> list[int]:
    """`pid` and its descendants: the fork server continues as a child of the process started (in a PID namespace
    of its own), and that one only waits."""
    found = [pid]
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        for child in task.read_text().split():
            found.extend(_family(int(child)))
    return found


def _nice_of_threads(pid: int) -> set[int]:
    niceness = set()
    try:
        for member in _family(pid):
            for task in Path(f"/proc/{member}/task").iterdir():
                niceness.add(_nice_of_process_file(task / "stat"))
    except (OSError, IndexError, ValueError):
        pass  # a thread or process ended while we looked
    return niceness


def _nice_of_process_file(stat: Path) -> int:
    # The name in parentheses may hold spaces; the fields after it start with the state (field 3); the nice value
    # is field 19.
    return int(stat.read_text().rsplit(")", 1)[1].split()[19 - 3])


def _nice_values_while(pid: int, running: Callable[[], bool], wanted: int | None = None) -> set[int]:
    """The nice values of the fork server's threads, looked at every millisecond while `running()` (and until
    `wanted` is among them)."""
    seen: set[int] = set()
    deadline = time.monotonic() + 60
    while running() and wanted not in seen and time.monotonic() < deadline and Path(f"/proc/{pid}").exists():
        seen |= _nice_of_threads(pid)
        time.sleep(0.001)
    return seen


def test_a_fork_server_started_ahead_preloads_on_a_thread_of_low_priority() -> None:
    """Seen from outside while it starts (the preload takes tenths of a second)."""
    with SandboxRunner(parallel=1) as runner:
        runner.prepare()
        pid = runner.zygote_pid
        if pid is None:
            pytest.skip("jobs are spawned here, not forked: there is no fork server")
        seen = _nice_values_while(pid, lambda: True, wanted=zygote.PRELOAD_NICE)
        assert zygote.PRELOAD_NICE in seen, f"nice values seen on the fork server's threads: {sorted(seen)}"


def test_a_fork_server_a_job_waits_for_preloads_at_the_usual_priority() -> None:
    """The viewer and share copies start their fork server when the user asks: it must not wait for spare CPU."""
    picture = io.BytesIO()
    Image.new("RGB", (32, 24), (10, 200, 10)).save(picture, "JPEG")
    with SandboxRunner(parallel=1) as runner:
        outcomes: list[object] = []
        job = threading.Thread(
            target=lambda: outcomes.append(runner.run(BytesSource(picture.getvalue()), "image/jpeg"))
        )
        job.start()
        deadline = time.monotonic() + 30
        while runner.zygote_pid is None and job.is_alive() and time.monotonic() < deadline:
            time.sleep(0.001)
        pid = runner.zygote_pid
        seen = _nice_values_while(pid, job.is_alive) if pid is not None else set()
        job.join()
        if pid is None:
            pytest.skip("jobs are spawned here, not forked: there is no fork server")
        assert seen, "the fork server's threads were never seen"
        assert zygote.PRELOAD_NICE not in seen, f"nice values seen on the fork server's threads: {sorted(seen)}"
        assert outcomes and outcomes[0].record.status is MetadataStatus.OK  # type: ignore[attr-defined]
