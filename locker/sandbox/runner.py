"""The app's entry to the sandbox: run a metadata job, a batch of them, or another task, and judge the answer.

On POSIX the jobs are forked by a fork server (locker.sandbox.pool); elsewhere, or with `fork=False`, each job
spawns a new Python process (slow but portable). What the child sends is checked in locker.sandbox.answers;
nothing here parses file contents.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import threading
import time
from collections.abc import Sequence
from typing import Any

from locker.metadata.model import MetadataStatus, unreadable
from locker.sandbox.answers import (
    MAX_PICTURE_EDGE,
    OutputSink,
    OutputTooLarge,
    RandomAccessSource,
    SandboxOutcome,
    TaskOutcome,
    judge,
    serve,
    task_outcome,
)
from locker.sandbox.child import Limits
from locker.sandbox.confine import clean_environment
from locker.sandbox.entry import sandbox_command
from locker.sandbox.forkserver import default_parallel
from locker.sandbox.jobs import kill_job
from locker.sandbox.pool import ForkPool, Ran

# The names other modules import from here (kept when the answers moved to locker.sandbox.answers).
__all__ = [
    "FACE_TASKS", "MAX_PICTURE_EDGE", "OutputSink", "OutputTooLarge", "RandomAccessSource", "SandboxOutcome",
    "SandboxRunner", "TaskOutcome",
]  # fmt: skip
_serve = serve  # tests feed it frames directly

FACE_TASKS = ("share", "faces")  # jobs that may run the face detector


class SandboxRunner:
    """Runs metadata and thumbnail jobs, each in a fresh limited process; up to `parallel` at a time when called
    from several threads (default: one per core, at most two), each as confined as a job alone.

    On POSIX a zygote process forks the children (fast); elsewhere, or with `fork=False`, each job spawns a new
    Python process (slow but portable). Call `close()` when done (also on `with`).
    """

    def __init__(
        self,
        limits: Limits | None = None,
        fork: bool | None = None,
        environment: dict[str, str] | None = None,
        parallel: int | None = None,
    ) -> None:
        self.limits = limits or Limits()
        self.parallel = max(1, parallel) if parallel is not None else default_parallel()
        self._faces = False  # this runner's fork server loads no face detector; _faces_runner() has one
        self._faces_delegate: SandboxRunner | None = None
        # Only the unconfined control of `locker sandbox-probe --no-sandbox` passes the app's own environment.
        self._environment = clean_environment(dict(os.environ)) if environment is None else dict(environment)
        self._fork = (os.name == "posix" and hasattr(socket, "send_fds")) if fork is None else fork
        self._pool = ForkPool(self._zygote_command, self.parallel, self._environment)

    def _zygote_command(self, fds: str) -> list[str]:
        return sandbox_command("zygote", fds, "faces" if self._faces else "lean")

    # -- lifecycle ---------------------------------------------------------------------------------------------

    def prepare(self) -> None:
        """Start the fork server now, without waiting for it: its start (importing every parser, 0.7-0.8 s of CPU
        here) then overlaps the caller's own work (the user choosing files, storing the first file) instead of
        delaying the first job. Does nothing where jobs are spawned; a start that fails is retried by the first
        job."""
        if self._fork:
            self._pool.prepare()

    def wait_ready(self) -> None:
        """Start the fork server if needed and wait until it has loaded its parsers (benchmarks; jobs wait by
        themselves). OSError if it does not start."""
        if self._fork:
            self._pool.wait_ready()

    @property
    def zygote_pid(self) -> int | None:
        """The fork server's pid while it runs (for diagnostics and tests)."""
        return self._pool.pid

    @property
    def last_job_pid(self) -> int | None:
        """The process that ran the latest forked job (diagnostics, probe)."""
        return self._pool.last_job_pid

    def close(self) -> None:
        self._pool.close()
        if self._faces_delegate is not None:
            self._faces_delegate.close()
            self._faces_delegate = None

    def _faces_runner(self) -> SandboxRunner:
        """A second fork server, with the face detector loaded, for the jobs that need it (share copies, faces)."""
        if self._faces_delegate is None:
            self._faces_delegate = SandboxRunner(self.limits, self._fork, self._environment, self.parallel)
            self._faces_delegate._faces = True
        return self._faces_delegate

    def __enter__(self) -> SandboxRunner:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- jobs --------------------------------------------------------------------------------------------------

    def run(self, source: RandomAccessSource, media_type: str, thumbnail: bool = True) -> SandboxOutcome:
        """Read metadata (and a thumbnail) of `source`. Never raises for anything the file does."""
        start = time.monotonic()
        job = json.dumps({"media_type": media_type, "size": source.size, "thumbnail": thumbnail}).encode()
        try:
            [ran] = self._dispatch(source, job, self.limits, None)
        except OSError as exc:
            reason = f"the sandbox could not be started ({exc.strerror or exc})"
            return SandboxOutcome(unreadable(reason), {}, None, time.monotonic() - start)
        record, raw, thumb = judge(ran.served, ran.status, ran.timed_out, self.limits)
        return SandboxOutcome(record, raw, thumb, time.monotonic() - start)

    def run_batch(
        self, files: Sequence[tuple[RandomAccessSource, str]], thumbnail: bool = True
    ) -> list[SandboxOutcome]:
        """`run` for several files of the SAME import (one source, one person's files), in one child after the
        other: a fork and its confinement cost more than reading a photo, so a batch pays them once.

        Each file has its own wall-clock limit and gets its bytes only after the file before it was answered.
        What a batch shares is the child: a file that took its parser over could forge the records of the files
        after it in the batch (never reach the key, the vault or another import; docs/SANDBOX.md). A file that
        fails after the first of its child is read again alone, so a file before it cannot make it unreadable;
        the files after a failure go on in a new child. Outcomes in the order of `files`; never raises for a file.
        """
        if not self._fork or len(files) < 2:
            return [self.run(source, media_type, thumbnail) for source, media_type in files]
        outcomes: list[SandboxOutcome] = []
        rest = list(files)
        while rest:
            start = time.monotonic()
            jobs = []
            for index, (source, media_type) in enumerate(rest):
                message = {"media_type": media_type, "size": source.size, "thumbnail": thumbnail}
                jobs.append((source, json.dumps({**message, "more": index < len(rest) - 1}).encode()))
            try:
                ran = self._pool.run(jobs, self.limits, None)
            except OSError as exc:
                reason = f"the sandbox could not be started ({exc.strerror or exc})"
                return [*outcomes, *(SandboxOutcome(unreadable(reason), {}, None, 0.0) for _ in rest)]
            seconds = (time.monotonic() - start) / len(ran)
            for index, turn in enumerate(ran):
                record, raw, thumb = judge(turn.served, turn.status, turn.timed_out, self.limits)
                if record.status is MetadataStatus.UNREADABLE and index > 0 and not turn.served.source_failed:
                    outcomes.append(self.run(*rest[index], thumbnail))  # alone, as if it had never been batched
                else:
                    outcomes.append(SandboxOutcome(record, raw, thumb, seconds))
            rest = rest[len(ran) :]
        return outcomes

    def run_task(
        self, source: RandomAccessSource, job: dict[str, Any], limits: Limits, sink: OutputSink | None = None
    ) -> TaskOutcome:
        """Run a task other than metadata (share copy, re-check, face preview). Never raises for the file."""
        if job.get("kind") in FACE_TASKS and not self._faces and self._fork:
            return self._faces_runner().run_task(source, job, limits, sink)
        payload = json.dumps({**job, "size": source.size}).encode()
        try:
            [ran] = self._dispatch(source, payload, limits, sink)
        except OSError as exc:
            return TaskOutcome(None, [], f"the sandbox could not be started ({exc.strerror or exc})")
        return task_outcome(ran.served, ran.status, ran.timed_out, limits)

    def _dispatch(self, source: RandomAccessSource, job: bytes, limits: Limits, sink: OutputSink | None) -> list[Ran]:
        if self._fork:
            return self._pool.run([(source, job)], limits, sink)
        return [self._run_spawned(source, job, limits, sink)]

    def _run_spawned(self, source: RandomAccessSource, job: bytes, limits: Limits, sink: OutputSink | None) -> Ran:
        proc = subprocess.Popen(
            sandbox_command("child", str(limits.memory_bytes), str(limits.cpu_seconds), ",".join(limits.skip_layers)),
            env=self._environment,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            start_new_session=os.name == "posix",
        )
        assert proc.stdin is not None and proc.stdout is not None
        fired = threading.Event()

        def kill() -> None:
            fired.set()
            kill_job(proc.pid)  # its whole group: the job may run as PID 1 of a namespace below it

        timer = threading.Timer(limits.wall_seconds, kill)
        timer.start()
        try:
            outcome = serve(proc.stdout, proc.stdin, source, job, sink)  # type: ignore[arg-type]
        finally:
            timer.cancel()
            for stream in (proc.stdin, proc.stdout):
                with contextlib.suppress(OSError):
                    stream.close()
            code = proc.wait()
        return Ran(outcome, {"signal": -code} if code < 0 else {"exit": code}, fired.is_set())

    # -- long-lived sessions (media playback, see locker.sandbox.stream) -----------------------------------------

    def start_session(self, limits: Limits) -> tuple[socket.socket, int]:
        """Fork a limited child for a session the caller drives itself; returns the app's end of the job channel
        and the child's pid. The session holds one of the fork server's channels until `end_session`.
        Raises OSError when the sandbox cannot be started."""
        if not self._fork:
            raise OSError("sessions need the fork server, which this system does not have")
        return self._pool.start_session(limits)

    def end_session(self, pid: int, wait: float = 5.0, grace: float = 0.0) -> dict[str, Any]:
        """Kill a session's child (and its process group, if it made one) and return how it ended, once the fork
        server has reaped it ({} if that is not known). `grace`: seconds to let a child that is already dying
        end by itself first, so its own cause of death is reported rather than our kill."""
        return self._pool.end_session(pid, wait, grace)
