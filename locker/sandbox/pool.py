"""Jobs on the fork server: start it (and again after it misbehaved), run jobs on its channels, end each job.

One fork server (locker.sandbox.zygote, through locker.sandbox.forkserver) serves up to `parallel` jobs at a time.
A job here is one forked, limited and confined child, from the limits sent with its channel to its reaped status;
it answers one file or, for a batch, several files of the same import one after the other (see
SandboxRunner.run_batch), each with its own wall-clock limit.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from locker.sandbox.answers import OutputSink, RandomAccessSource, Served, serve
from locker.sandbox.child import Limits
from locker.sandbox.forkserver import ForkServer
from locker.sandbox.jobs import HostPid, kill_job


@dataclass
class Ran:
    """One file's turn in a job: what the child sent, how the job ended (if this turn ended it), and whether the
    file's wall-clock limit fired."""

    served: Served
    status: dict[str, Any] = field(default_factory=dict)
    timed_out: bool = False


class ForkPool:
    """A fork server started on first use (or by `prepare`) and restarted after it misbehaved. Thread-safe."""

    #: How long a READY fork server has to fork a job and say so: it does nothing else meanwhile.
    fork_seconds = 10.0

    def __init__(self, command: Callable[[str], list[str]], parallel: int, environment: dict[str, str]) -> None:
        """`command`: the fork server's argv, given its channels' descriptors."""
        self._command = command
        self._parallel = parallel
        self._environment = environment
        self._server: ForkServer | None = None
        self._lock = threading.Lock()
        self._sessions: dict[int, tuple[ForkServer, socket.socket]] = {}
        self.last_job_pid: int | None = None  # the process that ran the latest job (diagnostics, probe)

    def _fork_server(self) -> ForkServer:
        with self._lock:
            if self._server is None or self._server.stopped:
                if self._server is not None:
                    self._server.stop()
                self._server = ForkServer(self._command, self._parallel, self._environment)
            return self._server

    def prepare(self) -> None:
        with contextlib.suppress(OSError):
            self._fork_server()

    def wait_ready(self) -> None:
        """Until every channel of the fork server has said READY (its parsers are loaded)."""
        server = self._fork_server()
        channels = [server.take() for _ in range(self._parallel)]
        try:
            for channel in channels:
                if channel is None:
                    raise ConnectionError("the sandbox stopped while it started")
                server.wait_ready(channel)
        finally:
            for channel in channels:
                if channel is not None:
                    server.give_back(channel)

    def _take_channel(self) -> tuple[ForkServer, socket.socket]:
        """A free control channel of a running fork server (started or restarted as needed)."""
        while True:
            server = self._fork_server()
            channel = server.take()
            if channel is None:
                continue
            try:
                server.wait_ready(channel)
            except OSError:
                self._stop(server)
                server.give_back(channel)  # stopped: closed
                raise
            return server, channel

    def _stop(self, server: ForkServer) -> None:
        """Stop a fork server that misbehaved; the next job starts a new one."""
        with self._lock:
            if self._server is server:
                self._server = None
        server.stop()

    def close(self) -> None:
        with self._lock:
            server, self._server = self._server, None
        if server is not None:
            server.stop()

    @property
    def pid(self) -> int | None:
        server = self._server
        return server.pid if server is not None and not server.stopped else None

    # -- jobs --------------------------------------------------------------------------------------------------

    def run(
        self, files: Sequence[tuple[RandomAccessSource, bytes]], limits: Limits, sink: OutputSink | None
    ) -> list[Ran]:
        """Run `files` (source, job message) in one child, in order, until one does not finish its answer.

        Returns one Ran per file served, at least one: the last may have failed, and the files after it were not
        run. A job cut short because another job's misbehaviour stopped the fork server they shared did nothing
        wrong, nor did one whose fork server had died or hung before it forked the job (killed while it waited,
        by the OOM killer or by hand): it runs once more, on a new fork server (its sink is written from the start
        again)."""
        for attempt in range(2):
            if attempt and sink is not None:
                sink.reset()
            server, control = self._take_channel()
            try:
                ran = self._run_on(server, control, files, limits, sink)
            finally:
                server.give_back(control)
            if ran:
                return ran
        return [Ran(Served(failure="the sandbox stopped answering"))]

    def _run_on(
        self,
        server: ForkServer,
        control: socket.socket,
        files: Sequence[tuple[RandomAccessSource, bytes]],
        limits: Limits,
        sink: OutputSink | None,
    ) -> list[Ran]:
        """The files on one channel; [] (or only the files answered before) when the fork server was stopped
        under the job by another job, or failed before it forked the job (then no file was read, and none is
        blamed: `run` tries once more on a new fork server)."""
        app_sock, child_sock = socket.socketpair()
        done: list[Ran] = []
        forked = False
        try:
            # The CPU limit is the process's, for every file it answers; each file has its own wall-clock limit.
            wanted = {"memory_bytes": limits.memory_bytes, "cpu_seconds": limits.cpu_seconds * len(files),
                      "skip_layers": list(limits.skip_layers)}  # fmt: skip
            socket.send_fds(control, [json.dumps(wanted).encode()], [child_sock.fileno()])
            child_sock.close()
            control.settimeout(self.fork_seconds)
            reply = control.recv(64)
            if not reply.startswith(b"P"):
                raise ConnectionError("the sandbox stopped unexpectedly")
            forked = True
            host = HostPid(control)
            rfile, wfile = app_sock.makefile("rb"), app_sock.makefile("wb")
            try:
                for source, job in files:
                    done.append(self._serve_one(server, host, rfile, wfile, source, job, limits, sink))
                    if not done[-1].served.ended:
                        break
            finally:
                # Answered, failed or misbehaved: nothing of the job may go on (a job that sends END and sleeps
                # uses no CPU). The fork server has not reaped it yet (it waits with WNOWAIT), so the pid is its.
                pid = host.get()
                self.last_job_pid = pid
                kill_job(pid)
            control.settimeout(limits.wall_seconds + 10)
            reply = control.recv(256)
            if not reply.startswith(b"S"):
                raise ConnectionError("the sandbox did not say how the job ended")
            status = json.loads(reply[1:] or b"{}")
            last = done[-1]
            # It had finished its answer: the signal is our kill just above, not a crash.
            last.status = {"exit": 0} if last.served.ended else status
        except (TimeoutError, ValueError, ConnectionError, OSError) as exc:
            if not forked:  # a fork server that died or hung while idle (killed, stopped): not the file's doing
                self._stop(server)
                return []
            if server.stopped and not isinstance(exc, TimeoutError):
                return done[:-1]
            self._stop(server)
            return [*done[:-1], Ran(Served(failure="the sandbox stopped answering"))]
        except Exception as exc:  # noqa: BLE001 - whatever a hostile child caused, the job fails, not the app
            self._stop(server)
            if not forked:
                return []
            return [*done[:-1], Ran(Served(failure=f"the sandbox misbehaved ({type(exc).__name__})"))]
        finally:
            app_sock.close()
            child_sock.close()
        for ran in done[:-1]:
            ran.status = {"exit": 0}
        return done

    def _serve_one(
        self, server: ForkServer, host: HostPid, rfile: Any, wfile: Any, source: RandomAccessSource, job: bytes,
        limits: Limits, sink: OutputSink | None,
    ) -> Ran:  # fmt: skip
        fired = threading.Event()

        def kill() -> None:
            fired.set()
            try:
                kill_job(host.get())
            except OSError:  # no answer from the fork server: end it, and with its PID namespace, the job
                kill_job(server.pid)

        timer = threading.Timer(limits.wall_seconds, kill)
        timer.start()
        try:
            served = serve(rfile, wfile, source, job, sink)
        finally:
            timer.cancel()
        return Ran(served, {}, fired.is_set())

    # -- long-lived sessions (media playback, see locker.sandbox.stream) -----------------------------------------

    def start_session(self, limits: Limits) -> tuple[socket.socket, int]:
        """See SandboxRunner.start_session."""
        server, control = self._take_channel()
        app_sock, child_sock = socket.socketpair()
        try:
            wanted = {"memory_bytes": limits.memory_bytes, "cpu_seconds": limits.cpu_seconds}
            socket.send_fds(control, [json.dumps(wanted).encode()], [child_sock.fileno()])
            control.settimeout(self.fork_seconds)
            reply = control.recv(64)
            if not reply.startswith(b"P"):
                raise OSError("the sandbox stopped unexpectedly")
            pid = HostPid(control).get()
        except (OSError, ValueError) as exc:
            app_sock.close()
            server.give_back(control)
            self._stop(server)
            raise OSError(str(exc)) from exc
        finally:
            child_sock.close()
        self._sessions[pid] = (server, control)
        return app_sock, pid

    def end_session(self, pid: int, wait: float = 5.0, grace: float = 0.0) -> dict[str, Any]:
        """See SandboxRunner.end_session."""
        held = self._sessions.pop(pid, None)
        if held is None:
            kill_job(pid)
            return {}
        server, control = held
        try:
            return _session_status(control, pid, wait, grace)
        finally:
            server.give_back(control)


def _session_status(control: socket.socket, pid: int, wait: float, grace: float) -> dict[str, Any]:
    try:
        # Already reaped (it crashed or quit)? Then its pid may be reused and must not be signalled.
        control.settimeout(grace if grace > 0 else 0)
        reply = control.recv(256)
    except (BlockingIOError, TimeoutError):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pid, signal.SIGKILL)
        kill_job(pid)
        try:
            control.settimeout(wait)
            reply = control.recv(256)
        except OSError:
            return {}
    except OSError:
        return {}
    try:
        status = json.loads(reply[1:]) if reply.startswith(b"S") else {}
    except ValueError:
        return {}
    return status if isinstance(status, dict) else {}
