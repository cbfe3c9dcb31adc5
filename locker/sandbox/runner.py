"""The app side of the sandbox: start the zygote (or spawn per job), serve the child's reads, enforce the timeout.

Nothing here parses file contents: the child's answer is JSON, checked by MetadataRecord.from_json and by size
caps, and pictures (thumbnails, renderings, face-review previews) are raw pixels whose header, dimensions and exact
length are checked here (locker.pixels) before anything else sees them.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import signal
import socket
import subprocess
import threading
import time
from dataclasses import dataclass, field
from typing import Any, BinaryIO, Protocol

from locker.metadata.model import MetadataRecord, MetadataStatus, scrub, unreadable
from locker.pixels import HEADER as PIXELS_HEADER
from locker.pixels import THUMBNAIL_EDGE, Pixels, PixelsError, parse_header
from locker.sandbox import protocol
from locker.sandbox.child import Limits
from locker.sandbox.confine import clean_environment
from locker.sandbox.entry import sandbox_command
from locker.sandbox.forkserver import ForkServer, default_parallel
from locker.sandbox.jobs import HostPid, kill_job

MAX_METADATA_JSON = 16 * 1024 * 1024  # one frame on the channel
MAX_ANSWER_JSON = 4 * 1024 * 1024  # a JSON answer: json.loads of 16 MiB of '[]' took ~0.8 GB of memory
MAX_THUMBNAIL = PIXELS_HEADER.size + THUMBNAIL_EDGE * THUMBNAIL_EDGE * 3  # raw RGB, long side 320
MAX_PICTURES = 32  # face-review frames of a video, or one rendering
MAX_PICTURE_EDGE = 8192
MAX_PICTURES_BYTES = 160 * 1024 * 1024  # all raw pixels of one job together


FACE_TASKS = ("share", "faces")  # jobs that may run the face detector


class RandomAccessSource(Protocol):
    """Bytes the child may read: an item in the vault, or a file."""

    @property
    def size(self) -> int: ...

    def read_at(self, offset: int, length: int) -> bytes: ...


class OutputTooLarge(Exception):
    """The child wrote more than the task allows."""


class OutputSink:
    """Where a task's output file goes: positioned writes into an open file, with a size cap."""

    def __init__(self, fd: int, max_bytes: int) -> None:
        self._fd = fd
        self._max = max_bytes
        self.size = 0

    def write_at(self, offset: int, data: bytes) -> None:
        end = offset + len(data)
        if end > self._max:
            raise OutputTooLarge(f"the copy would be larger than {self._max} bytes")
        view = memoryview(data)
        while view:
            written = os.pwrite(self._fd, view, offset)
            view, offset = view[written:], offset + written
        self.size = max(self.size, end)

    def reset(self) -> None:
        """Forget everything written: the task runs again from the start."""
        os.ftruncate(self._fd, 0)
        self.size = 0


@dataclass(frozen=True)
class TaskOutcome:
    result: dict[str, Any] | None
    pictures: list[Pixels]
    error: str | None
    #: The last answer the child sent, even when it then failed or vanished (the sandbox probe needs it).
    last_answer: dict[str, Any] | None = None


@dataclass(frozen=True)
class SandboxOutcome:
    record: MetadataRecord
    raw: dict[str, Any]
    thumbnail: Pixels | None
    seconds: float


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
        self._server: ForkServer | None = None
        self._lock = threading.Lock()
        self._sessions: dict[int, tuple[ForkServer, socket.socket]] = {}
        self.last_job_pid: int | None = None  # the process that ran the latest forked job (diagnostics, probe)

    # -- lifecycle ---------------------------------------------------------------------------------------------

    def _fork_server(self) -> ForkServer:
        with self._lock:
            if self._server is None or self._server.stopped:
                if self._server is not None:
                    self._server.stop()
                mode = "faces" if self._faces else "lean"
                self._server = ForkServer(
                    lambda fds: sandbox_command("zygote", fds, mode), self.parallel, self._environment
                )
            return self._server

    def prepare(self) -> None:
        """Start the fork server now, without waiting for it: its start (importing every parser, a few tenths of a
        second) then overlaps the caller's own work, such as storing the first file, instead of delaying the
        first job. Does nothing where jobs are spawned; a start that fails is retried by the first job."""
        if self._fork:
            with contextlib.suppress(OSError):
                self._fork_server()

    def _take_channel(self) -> tuple[ForkServer, socket.socket]:
        """A free control channel of a running fork server (started or restarted as needed)."""
        while True:
            server = self._fork_server()
            channel = server.take()
            if channel is not None:
                return server, channel

    def _stop_zygote(self) -> None:
        with self._lock:
            server, self._server = self._server, None
        if server is not None:
            server.stop()

    @property
    def zygote_pid(self) -> int | None:
        """The fork server's pid while it runs (for diagnostics and tests)."""
        server = self._server
        return server.pid if server is not None and not server.stopped else None

    def close(self) -> None:
        self._stop_zygote()
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
        result: tuple[MetadataRecord, dict[str, Any], Pixels | None]
        try:
            served, status, fired = self._dispatch(source, job, self.limits, None)
        except OSError as exc:
            result = (unreadable(f"the sandbox could not be started ({exc.strerror or exc})"), {}, None)
        else:
            result = _judge(served, status, fired, self.limits)
        record, raw, thumb = result
        return SandboxOutcome(record, raw, thumb, time.monotonic() - start)

    def run_task(
        self, source: RandomAccessSource, job: dict[str, Any], limits: Limits, sink: OutputSink | None = None
    ) -> TaskOutcome:
        """Run a task other than metadata (share copy, re-check, face preview). Never raises for the file."""
        if job.get("kind") in FACE_TASKS and not self._faces and self._fork:
            return self._faces_runner().run_task(source, job, limits, sink)
        payload = json.dumps({**job, "size": source.size}).encode()
        try:
            served, status, fired = self._dispatch(source, payload, limits, sink)
        except OSError as exc:
            return TaskOutcome(None, [], f"the sandbox could not be started ({exc.strerror or exc})")
        result: dict[str, Any] | None = None
        if served.result is not None:
            try:
                decoded = scrub(json.loads(served.result))
            except (ValueError, RecursionError):
                decoded = None
            result = decoded if isinstance(decoded, dict) else None
        error = None
        last_answer = result
        if result is None or served.failure or not served.ended:
            if fired:
                error = f"the task did not finish within {limits.wall_seconds:g} s and was stopped"
            elif status.get("signal"):
                error = f"the task crashed (signal {status['signal']})"
            else:
                error = served.failure or served.protocol_error or f"the task stopped without an answer ({status})"
            result = None
        return TaskOutcome(result, served.pictures, error, last_answer)

    def _dispatch(
        self, source: RandomAccessSource, job: bytes, limits: Limits, sink: OutputSink | None
    ) -> tuple[_Served, dict[str, Any], bool]:
        if self._fork:
            return self._run_forked(source, job, limits, sink)
        return self._run_spawned(source, job, limits, sink)

    def _run_forked(
        self, source: RandomAccessSource, job: bytes, limits: Limits, sink: OutputSink | None
    ) -> tuple[_Served, dict[str, Any], bool]:
        # A job cut short because another job's misbehaviour stopped the fork server they shared did nothing
        # wrong: it runs once more, on a new fork server (its sink is written from the start again).
        for attempt in range(2):
            if attempt and sink is not None:
                sink.reset()
            server, control = self._take_channel()
            try:
                served = self._run_on(server, control, source, job, limits, sink)
            finally:
                server.give_back(control)
            if served is not None:
                return served
        return _Served(failure="the sandbox stopped answering"), {}, False

    def _run_on(
        self,
        server: ForkServer,
        control: socket.socket,
        source: RandomAccessSource,
        job: bytes,
        limits: Limits,
        sink: OutputSink | None,
    ) -> tuple[_Served, dict[str, Any], bool] | None:
        """One job on one channel; None when the fork server was stopped under it by another job."""
        app_sock, child_sock = socket.socketpair()
        try:
            wanted = {"memory_bytes": limits.memory_bytes, "cpu_seconds": limits.cpu_seconds,
                      "skip_layers": list(limits.skip_layers)}  # fmt: skip
            socket.send_fds(control, [json.dumps(wanted).encode()], [child_sock.fileno()])
            child_sock.close()
            control.settimeout(10)
            reply = control.recv(64)
            if not reply.startswith(b"P"):
                raise ConnectionError("the sandbox stopped unexpectedly")
            fired = threading.Event()
            host = HostPid(control)

            def kill() -> None:
                fired.set()
                try:
                    kill_job(host.get())
                except OSError:  # no answer from the fork server: end it, and with its PID namespace, the job
                    kill_job(server.pid)

            timer = threading.Timer(limits.wall_seconds, kill)
            timer.start()
            try:
                outcome = _serve(app_sock.makefile("rb"), app_sock.makefile("wb"), source, job, sink)
            finally:
                timer.cancel()
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
            if outcome.ended:  # it had finished its answer: the signal is our kill just above, not a crash
                status = {"exit": 0}
        except (TimeoutError, ValueError, ConnectionError, OSError) as exc:
            if server.stopped and not isinstance(exc, TimeoutError):
                return None
            self._stop(server)
            return _Served(failure="the sandbox stopped answering"), {}, False
        except Exception as exc:  # noqa: BLE001 - whatever a hostile child caused, the job fails, not the app
            self._stop(server)
            return _Served(failure=f"the sandbox misbehaved ({type(exc).__name__})"), {}, False
        finally:
            app_sock.close()
            child_sock.close()
        return outcome, status, fired.is_set()

    def _stop(self, server: ForkServer) -> None:
        """Stop a fork server that misbehaved; the next job starts a new one."""
        with self._lock:
            if self._server is server:
                self._server = None
        server.stop()

    def _run_spawned(
        self, source: RandomAccessSource, job: bytes, limits: Limits, sink: OutputSink | None
    ) -> tuple[_Served, dict[str, Any], bool]:
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
            outcome = _serve(proc.stdout, proc.stdin, source, job, sink)  # type: ignore[arg-type]
        finally:
            timer.cancel()
            for stream in (proc.stdin, proc.stdout):
                with contextlib.suppress(OSError):
                    stream.close()
            code = proc.wait()
        status = {"signal": -code} if code < 0 else {"exit": code}
        return outcome, status, fired.is_set()

    # -- long-lived sessions (media playback, see locker.sandbox.stream) -----------------------------------------

    def start_session(self, limits: Limits) -> tuple[socket.socket, int]:
        """Fork a limited child for a session the caller drives itself; returns the app's end of the job channel
        and the child's pid. The session holds one of the fork server's channels until `end_session`.
        Raises OSError when the sandbox cannot be started."""
        if not self._fork:
            raise OSError("sessions need the fork server, which this system does not have")
        server, control = self._take_channel()
        app_sock, child_sock = socket.socketpair()
        try:
            wanted = {"memory_bytes": limits.memory_bytes, "cpu_seconds": limits.cpu_seconds}
            socket.send_fds(control, [json.dumps(wanted).encode()], [child_sock.fileno()])
            control.settimeout(10)
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
        """Kill a session's child (and its process group, if it made one) and return how it ended, once the fork
        server has reaped it ({} if that is not known). `grace`: seconds to let a child that is already dying
        end by itself first, so its own cause of death is reported rather than our kill."""
        held = self._sessions.pop(pid, None)
        if held is None:
            kill_job(pid)
            return {}
        server, control = held
        try:
            return self._session_status(control, pid, wait, grace)
        finally:
            server.give_back(control)

    @staticmethod
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


@dataclass
class _Served:
    metadata: bytes | None = None
    thumbnail: Pixels | None = None
    failure: str | None = None
    ended: bool = False
    protocol_error: str | None = None
    result: bytes | None = None
    pictures: list[Pixels] = field(default_factory=list)
    picture_bytes: int = 0
    #: The picture being received: its checked header and the samples so far.
    partial: tuple[tuple[int, int, int], bytearray] | None = None

    def start_picture(self, untrusted_header: bytes) -> None:
        if self.partial is not None or len(self.pictures) >= MAX_PICTURES:
            raise protocol.ProtocolError("the sandbox sent more pictures than the task allows")
        try:
            shape = parse_header(untrusted_header, MAX_PICTURE_EDGE, MAX_PICTURE_EDGE)
        except PixelsError as exc:
            raise protocol.ProtocolError(str(exc)) from exc
        self.picture_bytes += shape[0] * shape[1] * shape[2]
        if self.picture_bytes > MAX_PICTURES_BYTES:
            raise protocol.ProtocolError("the sandbox sent more pixels than the task allows")
        self.partial = (shape, bytearray())  # filled by the PICTURE_DATA frames that follow

    def add_picture_data(self, data: bytes) -> None:
        if self.partial is None:
            raise protocol.ProtocolError("pixels without a picture header")
        (width, height, channels), buffer = self.partial
        if len(buffer) + len(data) > width * height * channels:
            raise protocol.ProtocolError("the sandbox sent more pixels than the picture's header says")
        buffer += data
        self._finish_picture()

    def _finish_picture(self) -> None:
        assert self.partial is not None
        (width, height, channels), buffer = self.partial
        if len(buffer) == width * height * channels:
            self.pictures.append(Pixels(width, height, channels, bytes(buffer)))
            self.partial = None


def _serve(
    rfile: BinaryIO, wfile: BinaryIO, source: RandomAccessSource, job: bytes, sink: OutputSink | None = None
) -> _Served:
    """Answer the child's read requests until it reports the end, dies or misbehaves."""
    served = _Served()
    try:
        protocol.send_frame(wfile, protocol.JOB, job)
        while True:
            kind, payload = protocol.recv_frame(rfile, MAX_METADATA_JSON)
            if kind in (protocol.METADATA, protocol.RESULT) and len(payload) > MAX_ANSWER_JSON:
                served.protocol_error = f"the sandbox's answer is larger than {MAX_ANSWER_JSON} bytes"
                return served
            if kind == protocol.READ:
                if len(payload) != protocol.READ_REQUEST.size:
                    served.protocol_error = "the sandbox sent a malformed read request"
                    return served
                offset, length = protocol.READ_REQUEST.unpack(payload)
                try:
                    data = source.read_at(offset, min(length, protocol.MAX_FRAME))
                except Exception as exc:  # noqa: BLE001 - closing the channel ends the child
                    served.failure = f"the stored bytes could not be read: {exc}"
                    return served
                protocol.send_frame(wfile, protocol.DATA, data)
            elif kind == protocol.METADATA:
                served.metadata = payload
            elif kind == protocol.THUMBNAIL:
                served.thumbnail = _thumbnail(payload)
            elif kind == protocol.WRITE and sink is not None and len(payload) < protocol.WRITE_OFFSET.size:
                served.protocol_error = "the sandbox sent a malformed write"
                return served
            elif kind == protocol.WRITE and sink is not None:
                (offset,) = protocol.WRITE_OFFSET.unpack(payload[: protocol.WRITE_OFFSET.size])
                sink.write_at(offset, payload[protocol.WRITE_OFFSET.size :])
            elif kind == protocol.RESULT:
                served.result = payload
            elif kind == protocol.PICTURE:
                served.start_picture(payload)
            elif kind == protocol.PICTURE_DATA:
                served.add_picture_data(payload)
            elif kind == protocol.FAILED:
                served.failure = payload.decode("utf-8", "replace")[:500]
            elif kind == protocol.END:
                served.ended = served.partial is None
                if served.partial is not None:
                    served.protocol_error = "the sandbox ended in the middle of a picture"
                return served
            else:
                served.protocol_error = "the sandbox sent an unknown message"
                return served
    except (EOFError, BrokenPipeError, ConnectionError, OSError):
        return served
    except (protocol.ProtocolError, OutputTooLarge) as exc:
        served.protocol_error = str(exc)
        return served


def _thumbnail(untrusted: bytes) -> Pixels | None:
    """A thumbnail is raw RGB, long side at most 320; anything else is dropped (the item just has no thumbnail)."""
    if len(untrusted) > MAX_THUMBNAIL:
        return None
    try:
        pixels = Pixels.from_untrusted(untrusted, THUMBNAIL_EDGE, THUMBNAIL_EDGE)
    except PixelsError:
        return None
    return pixels if pixels.channels == 3 else None


def _judge(
    served: _Served, status: dict[str, Any], timed_out: bool, limits: Limits
) -> tuple[MetadataRecord, dict[str, Any], Pixels | None]:
    """Turn what the child sent, and how it ended, into a record. Anything partial counts as unreadable."""
    raw: dict[str, Any] = {}
    if served.metadata is not None:
        try:
            untrusted = scrub(json.loads(served.metadata))
        except (ValueError, RecursionError):
            untrusted = None
        if isinstance(untrusted, dict):
            found_raw = untrusted.get("raw")
            raw = found_raw if isinstance(found_raw, dict) else {}
            record = MetadataRecord.from_json(untrusted)
        else:
            record = unreadable("the metadata reader returned something malformed")
    elif timed_out:
        record = unreadable(f"the parser did not finish within {limits.wall_seconds:g} s and was stopped")
    elif status.get("signal"):
        record = unreadable(f"the parser crashed (signal {status['signal']})")
    elif served.failure:
        record = unreadable(served.failure)
    elif served.protocol_error:
        record = unreadable(served.protocol_error)
    else:
        record = unreadable(f"the parser stopped without an answer (exit {status.get('exit')})")
    extra = [served.failure] if served.failure and record.status is MetadataStatus.OK else []
    if timed_out and record.status is MetadataStatus.OK:
        extra.append(f"the thumbnail was not finished within {limits.wall_seconds:g} s")
    if extra:
        record = dataclasses.replace(record, reason="", warnings=(*record.warnings, *extra))
    return record, raw, served.thumbnail if record.status is MetadataStatus.OK else None
