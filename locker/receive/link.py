"""The app's end of the network child: starting it without the vault, handing it the address to listen on and the
receive certificate, and turning its frames into calls on the routes (endpoints.py). The child opens the
listening socket itself and says which port it got (or why it got none) in its first frame; the two talk over the
child's standard input and output (frames.Pipe), so nothing here needs a platform's way of passing sockets.

One reader thread takes every frame off the child's pipe. An offer or an upload (PREPARE, UPLOAD) gets a thread of
its own, since the user may take a while to accept; a CANCEL is answered on the reader thread. An upload's DATA
frames go to its thread through a short queue, so a child that sends faster than the vault writes waits (memory
stays bounded). A frame that breaks the layout (frames.py, messages.py) or a bound (bounds.py: one offer and one
upload at a time, no byte past what the sender announced) ends the child: it may have been taken over.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import queue
import struct
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from locker.errors import LockerError
from locker.receive import messages
from locker.receive.bounds import Ledger, Overstepped
from locker.receive.errors import ReceiverProcessEnded, ReceiverProcessMalformed
from locker.receive.frames import FrameError, Kind, Pipe
from locker.receive.messages import Answer
from locker.receive.peer_check import PeerCheck
from locker.receive.server import TransferBroken
from locker.sandbox.entry import sandbox_command

#: DATA frames waiting for the vault per upload (each at most 1 MiB).
_QUEUED_PIECES = 2
#: How long the child may take to start listening (it imports, opens the socket, sets up TLS, locks itself in).
_READY_SECONDS = 60.0


class ChildGone(Exception):
    """The child ended or was ended; the message says why, for the window."""


class NotListening(OSError):
    """The child could not open the listening socket (errno as the system said it), or ended before saying."""


@dataclass
class _Connection:
    pieces: queue.Queue[tuple[Kind, bytearray]] = field(default_factory=lambda: queue.Queue(_QUEUED_PIECES))
    finished: threading.Event = field(default_factory=threading.Event)
    then: Callable[[], None] | None = None


class Routes:
    """What the link calls; the receiver wires these to its Endpoints and report callback."""

    def __init__(
        self,
        prepare: Callable[[messages.Prepare, Callable[[], PeerCheck]], Answer],
        upload: Callable[[messages.Upload, Callable[[str, int], Iterator[bytearray]]], Answer],
        cancel: Callable[[str, str], Answer],
        report: Callable[[messages.ReportKind, str, str], None],
        failed: Callable[[str, str], None],
        max_file_size: int,
    ) -> None:
        self.prepare = prepare
        self.upload = upload
        self.cancel = cancel
        self.report = report
        self.failed = failed
        self.max_file_size = max_file_size


class ChildLink:
    """Starts the child; `start()` begins reading its frames; `stop()` asks it to end and makes sure it does."""

    def __init__(
        self,
        config: dict[str, object],
        routes: Routes,
        on_gone: Callable[[LockerError], None],
        command: list[str] | None = None,
    ) -> None:
        self._routes = routes
        self._on_gone = on_gone
        env = {key: os.environ[key] for key in ("PATH", "PYTHONPATH", "LANG", "SYSTEMROOT") if key in os.environ}
        self.process = subprocess.Popen(
            command or sandbox_command("receiver"), stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0,
            env=env, start_new_session=True,
        )  # fmt: skip
        stdin, stdout = self.process.stdin, self.process.stdout
        assert stdin is not None and stdout is not None
        # The pipe owns the descriptors from here on (the file objects around them are left unused).
        self._pipe = Pipe(os.dup(stdout.fileno()), os.dup(stdin.fileno()))
        stdin.close()
        stdout.close()
        blob = json.dumps(config).encode("utf-8")
        try:
            self._pipe.write_all(struct.pack("!I", len(blob)) + blob)
            #: Whether the network child could lock itself out of every file (Landlock), as it reported on start.
            self.port, self.files_locked = self._ready()
        except BaseException:
            self._end_now()
            raise
        self._send_lock = threading.Lock()
        self._reader = threading.Thread(target=self._read_loop, name="receive-link", daemon=True)
        self._connections: dict[int, _Connection] = {}
        self._ledger = Ledger()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._ended = False
        self.active_connections = 0
        #: When a transfer last moved: an offer accepted, bytes of an upload let through, a file answered.
        self.last_activity = time.monotonic()

    def _ready(self) -> tuple[int, bool]:
        """The child's first frame: the port it listens on, and whether it is locked out of every file.
        NotListening (with the system's errno) if it could not listen, said something else, or said nothing within
        `_READY_SECONDS` (then it is ended)."""
        watchdog = threading.Timer(_READY_SECONDS, self.process.kill)
        watchdog.start()
        try:
            frame = self._pipe.recv()
            if frame is None or frame[0] is not Kind.READY:
                raise FrameError("no READY frame")
            port, error, files_locked = messages.read_ready(frame[2])
        except (OSError, FrameError) as exc:
            raise NotListening(errno.EPIPE, "the receiver's network process ended before it listened") from exc
        finally:
            watchdog.cancel()
        if error:
            raise NotListening(error, os.strerror(error))
        return port, files_locked

    def _end_now(self) -> None:
        with contextlib.suppress(OSError):
            self.process.kill()
        self.process.wait()
        self._pipe.close()

    def start(self) -> None:
        self._reader.start()

    def stop(self) -> None:
        """Tell the child to stop, then end it if it has not within a few seconds. Idempotent."""
        if self._stopping.is_set():
            return
        self._stopping.set()
        # A child that reads nothing can hold the send lock in a full write: then it is ended without the word.
        if self._send_lock.acquire(timeout=2):
            try:
                with contextlib.suppress(OSError, ValueError):
                    self._pipe.send(Kind.STOP, 0)
            finally:
                self._send_lock.release()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._end_all("the receiver stopped")
        # The child has ended, so the reader meets the end of its pipe; only then are the descriptors closed (one
        # closed under a reading thread could be reused by the next file opened).
        if self._reader.ident is not None:
            self._reader.join(timeout=5)
        if not self._reader.is_alive():
            self._pipe.close()

    # -- frames from the child ---------------------------------------------------------------------------------

    def _read_loop(self) -> None:
        why: LockerError = ReceiverProcessEnded()
        try:
            while True:
                frame = self._pipe.recv()
                if frame is None:
                    break
                self._dispatch(*frame)
        except Overstepped as exc:
            why = exc.error
        except (FrameError, ValueError) as exc:
            why = ReceiverProcessMalformed(details=str(exc))
        except OSError:
            pass
        self._gone(why)

    def _gone(self, why: LockerError) -> None:
        """End the child (it ended, or said something malformed) and every request it had open. Once."""
        with self._lock:
            first = not self._ended
            self._ended = True
        if not first:
            return
        if not self._stopping.is_set():
            with contextlib.suppress(OSError, ProcessLookupError):
                self.process.kill()
            self._end_all("the receiver's network process was ended")
            self._on_gone(why)
        else:
            self._end_all("the receiver stopped")

    def _dispatch(self, kind: Kind, conn_id: int, payload: bytearray) -> None:
        routes = self._routes
        if kind is Kind.PREPARE:
            prepare = messages.read_prepare(payload, routes.max_file_size)
            port = prepare.declared.sender.port if prepare.declared is not None else None
            checked = lambda: self._checked(conn_id, prepare.peer, port)  # noqa: E731
            self._request(conn_id, kind, lambda: routes.prepare(prepare, checked))
        elif kind is Kind.UPLOAD:
            upload = messages.read_upload(payload)
            self._request(conn_id, kind, lambda: routes.upload(upload, lambda n, s: self._body(conn_id, n, s)))
        elif kind is Kind.CANCEL:
            # Answered here, at once: nothing in it waits, so a flood of them costs no thread.
            peer, session_id = messages.read_cancel(payload)
            try:
                answer = routes.cancel(peer, session_id)
            except Exception as exc:  # noqa: BLE001 - the sender still gets an answer
                routes.failed(type(exc).__name__, "")
                answer = Answer(500)
            self._send(Kind.RESPONSE, conn_id, messages.write_answer(answer))
        elif kind in (Kind.DATA, Kind.END, Kind.ABORT, Kind.CHECKED):
            if kind is Kind.END and payload:
                raise FrameError("an END frame with a payload")
            if kind is Kind.ABORT:
                messages.read_abort(payload)
                self._ledger.ended(conn_id)
            if kind is Kind.DATA and not self._ledger.data(conn_id, len(payload)):
                return  # a piece of an upload the app has answered already
            if kind is Kind.DATA:
                # Only bytes of an upload the app let through keep the receiver from its idle stop: a request
                # anyone can make without the PIN (info, cancel, a refused upload) must not (review, session 8).
                self.last_activity = time.monotonic()
            self._piece(conn_id, kind, payload)
        elif kind is Kind.REPORT:
            routes.report(*messages.read_report(payload))
        elif kind is Kind.STATUS:
            self.active_connections = messages.read_status(payload)
        elif kind is Kind.SENT:
            self._ledger.ended(conn_id)
            with self._lock:
                connection = self._connections.pop(conn_id, None)
            if connection is not None and connection.then is not None:
                connection.then()
        else:
            raise FrameError("a frame only the app sends")

    @property
    def requests_in_hand(self) -> int:
        """Requests the app is answering now: an offer waiting for the user's answer, an upload being stored."""
        with self._lock:
            return len(self._connections)

    def _request(self, conn_id: int, kind: Kind, handle: Callable[[], Answer]) -> None:
        with self._lock:
            if conn_id in self._connections:
                raise FrameError("a second request on one connection")
            self._ledger.opened(conn_id, kind)
            connection = _Connection()
            self._connections[conn_id] = connection
        threading.Thread(
            target=self._answer, args=(conn_id, connection, handle), name="receive-request", daemon=True
        ).start()

    def _answer(self, conn_id: int, connection: _Connection, handle: Callable[[], Answer]) -> None:
        try:
            answer = handle()
        except TransferBroken:
            answer = None  # the child is dropping the connection; it gets no answer
        except Overstepped as exc:
            self._gone(exc.error)
            answer = None
        except FrameError as exc:  # a frame out of turn (a sender check during an upload, or none when asked)
            self._gone(ReceiverProcessMalformed(details=str(exc)))
            answer = None
        except Exception as exc:  # noqa: BLE001 - a bug or a surprise must not leave the sender without an answer
            self._routes.failed(type(exc).__name__, "")
            answer = Answer(500)
        if answer is not None and answer.status == 200:  # an accepted transfer offer, a file stored
            self.last_activity = time.monotonic()
        self._ledger.answered(conn_id)
        connection.finished.set()
        with contextlib.suppress(queue.Empty):  # free a reader thread waiting to queue a piece
            while True:
                connection.pieces.get_nowait()
        if answer is not None and answer.notify:
            connection.then = answer.then
        else:
            with self._lock:
                self._connections.pop(conn_id, None)
        if answer is not None:
            self._send(Kind.RESPONSE, conn_id, messages.write_answer(answer))

    def _checked(self, conn_id: int, peer: str, declared_port: int | None) -> PeerCheck:
        """Tell the child to check the sender's certificate; what it found. TransferBroken if it does not say."""
        with self._lock:
            connection = self._connections[conn_id]
        self._send(Kind.RESPONSE, conn_id, messages.write_answer(Answer(0, go=True)))
        kind, payload = self._next(connection)
        if kind is Kind.ABORT:
            raise TransferBroken(messages.read_abort(payload))
        if kind is not Kind.CHECKED:
            raise FrameError("the sender check's outcome was expected")
        return messages.read_checked(payload, peer, declared_port)

    def _next(self, connection: _Connection) -> tuple[Kind, bytearray]:
        while True:
            try:
                return connection.pieces.get(timeout=0.5)
            except queue.Empty:
                if self._stopping.is_set():
                    raise TransferBroken("the receiver stopped") from None

    def _body(self, conn_id: int, name: str, size: int) -> Iterator[bytearray]:
        """Tell the child to send the body (`size` bytes of `name`, no more); its pieces as they come.
        TransferBroken if it does not come whole."""
        with self._lock:
            connection = self._connections[conn_id]
        self._ledger.expect(conn_id, name, size)
        self._send(Kind.RESPONSE, conn_id, messages.write_answer(Answer(0, go=True, expect=size)))
        while True:
            kind, payload = self._next(connection)
            if kind is Kind.DATA:
                yield payload
            elif kind is Kind.END:
                return
            elif kind is Kind.CHECKED:
                raise FrameError("a sender check in the middle of an upload")
            else:
                raise TransferBroken(messages.read_abort(payload) if payload else "the receiver stopped")

    def _piece(self, conn_id: int, kind: Kind, payload: bytearray) -> None:
        with self._lock:
            connection = self._connections.get(conn_id)
        while connection is not None and not connection.finished.is_set() and not self._stopping.is_set():
            try:
                connection.pieces.put((kind, payload), timeout=0.2)
                return
            except queue.Full:
                continue

    def _send(self, kind: Kind, conn_id: int, payload: bytes) -> None:
        with contextlib.suppress(OSError, ValueError), self._send_lock:  # ValueError: closed after a stop
            self._pipe.send(kind, conn_id, payload)

    def _end_all(self, why: str) -> None:
        with self._lock:
            connections = list(self._connections.values())
        for connection in connections:
            with contextlib.suppress(queue.Full):
                connection.pieces.put_nowait((Kind.ABORT, bytearray(messages.write_abort(why))))
