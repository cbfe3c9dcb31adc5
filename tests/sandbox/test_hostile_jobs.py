"""A job taken over by its file may lie on the channel or try to stay: the app reports it, kills it, goes on."""

from __future__ import annotations

import contextlib
import io
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PIL import Image

from locker.metadata.model import MetadataStatus
from locker.sandbox.child import Limits
from locker.sandbox.pool import ForkPool
from locker.sandbox.probe import group_members, pid_alive, run_sandbox_probe
from locker.sandbox.runner import SandboxRunner
from locker.sandbox.source import BytesSource
from tests.conftest import start_sandbox_as

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the layered sandbox is Linux-only")


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 10, 10)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def hostile(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    return lambda mode: start_sandbox_as(monkeypatch, "tests.sandbox.hostile_zygote", mode)


@pytest.mark.parametrize("mode", ["malformed_read", "malformed_write", "huge_answer"])
def test_a_malformed_answer_is_unreadable_and_the_next_job_works(mode: str, hostile: Callable[[str], None],
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    hostile(mode)
    with SandboxRunner(limits=Limits(wall_seconds=10.0)) as runner:
        outcome = runner.run(BytesSource(_png()), "image/png")
        assert outcome.record.status is MetadataStatus.UNREADABLE
        monkeypatch.undo()  # the same runner, a well-behaved fork server from now on
        runner.close()
        assert runner.run(BytesSource(_png()), "image/png").record.status is MetadataStatus.OK


def test_a_job_that_answers_and_stays_is_killed_at_once(hostile: Callable[[str], None]) -> None:
    hostile("end_then_sleep")
    with SandboxRunner(limits=Limits(wall_seconds=60.0)) as runner:
        start = time.monotonic()
        outcome = runner.run(BytesSource(_png()), "image/png")
        assert outcome.record.status is MetadataStatus.OK and time.monotonic() - start < 10
        job = runner.last_job_pid
        assert job is not None
        time.sleep(0.3)
        assert not pid_alive(job) and group_members(job) == []


@pytest.fixture
def victim() -> Iterator[subprocess.Popen[bytes]]:
    process = subprocess.Popen(["sleep", "60"])
    yield process
    process.kill()
    process.wait()


@pytest.mark.parametrize("left_out", [(), ("namespaces", "landlock")])
def test_no_job_can_have_the_kernel_signal_another_process(left_out: tuple[str, ...],
                                                            victim: subprocess.Popen[bytes]) -> None:  # fmt: skip
    """F_SETOWN + F_SETSIG + O_ASYNC would have the kernel send any signal to any process of the user."""
    with SandboxRunner() as runner:
        outcome = runner.run_task(
            BytesSource(b""), {"kind": "probe", "media_type": "", "attempts": [["fasync", f"{victim.pid}:9"]]},
            Limits(skip_layers=left_out),
        )  # fmt: skip
    assert outcome.result is not None, outcome.error
    [fasync] = [a for a in outcome.result["attempts"] if a["what"] == "fasync"]
    assert fasync["blocked"], fasync
    time.sleep(0.3)
    assert victim.poll() is None, "the victim was signalled"


def test_fasync_signals_reach_the_victim_unconfined(victim: subprocess.Popen[bytes]) -> None:
    """The control: the same attempt, unconfined, kills the victim."""
    with SandboxRunner(fork=False, environment={}) as plain:
        report = run_sandbox_probe(plain, [("fasync", f"{victim.pid}:9")], confined=False)
    assert [a.blocked for a in report.attempts if a.what == "fasync"] == [False]
    victim.wait(timeout=5)
    assert victim.returncode == -signal.SIGKILL


def test_a_fork_server_slow_to_start_still_runs_the_first_job(monkeypatch: pytest.MonkeyPatch) -> None:
    """Importing every parser can take longer than the 10 s a job has to be forked (a busy or old machine): the
    first job waits for the fork server's READY instead of failing as "the sandbox stopped answering"."""
    start_sandbox_as(monkeypatch, "tests.sandbox.slow_zygote", "12")
    picture = io.BytesIO()
    Image.new("RGB", (32, 24), (10, 10, 200)).save(picture, "JPEG")
    with SandboxRunner(parallel=1) as runner:
        outcome = runner.run(BytesSource(picture.getvalue()), "image/jpeg")
    assert outcome.record.status is MetadataStatus.OK, outcome.record


@pytest.mark.parametrize("how", [signal.SIGSTOP, signal.SIGKILL])
def test_a_fork_server_that_hung_or_died_while_idle_costs_no_file_its_metadata(
    monkeypatch: pytest.MonkeyPatch, how: signal.Signals
) -> None:
    """A fork server kept waiting for the next import can be stopped or killed meanwhile (the OOM killer, a stop
    signal): the next job, which it never forked, runs on a new fork server instead of failing the file."""
    monkeypatch.setattr(ForkPool, "fork_seconds", 1.0)
    picture = io.BytesIO()
    Image.new("RGB", (32, 24), (10, 10, 200)).save(picture, "JPEG")
    with SandboxRunner(parallel=1) as runner:
        runner.wait_ready()
        waiting_parent = runner.zygote_pid
        assert waiting_parent is not None
        [server] = Path(f"/proc/{waiting_parent}/task/{waiting_parent}/children").read_text().split()
        os.kill(int(server), how)
        try:
            outcome = runner.run(BytesSource(picture.getvalue()), "image/jpeg")
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.kill(int(server), signal.SIGKILL)
        assert outcome.record.status is MetadataStatus.OK, outcome.record
        assert runner.zygote_pid != waiting_parent  # a new fork server ran it
