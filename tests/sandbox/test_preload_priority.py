"""The fork server starts on spare CPU: it preloads at the lowest priority, and its jobs run at the usual one."""

from __future__ import annotations

import io
import os
import sys
import threading
import time
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


def test_the_preload_runs_at_nice_19_and_the_calling_thread_keeps_its_priority(
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


def test_the_real_fork_server_serves_jobs_at_the_usual_priority() -> None:
    picture = io.BytesIO()
    Image.new("RGB", (32, 24), (200, 10, 10)).save(picture, "JPEG")
    with SandboxRunner(parallel=1) as runner:
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


def test_the_real_fork_server_preloads_on_a_thread_at_nice_19() -> None:
    """Seen from outside while it starts: one of its threads has nice 19 (the preload takes tenths of a second;
    its threads are looked at every millisecond)."""
    with SandboxRunner(parallel=1) as runner:
        runner.prepare()
        pid = runner.zygote_pid
        if pid is None:
            pytest.skip("jobs are spawned here, not forked: there is no fork server")
        seen: set[int] = set()
        deadline = time.monotonic() + 30
        while zygote.PRELOAD_NICE not in seen and time.monotonic() < deadline and Path(f"/proc/{pid}").exists():
            seen |= _nice_of_threads(pid)
            time.sleep(0.001)
        assert zygote.PRELOAD_NICE in seen, f"nice values seen on the fork server's threads: {sorted(seen)}"
