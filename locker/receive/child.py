"""The network child: everything that reads the network — TLS, HTTP (h11), JSON, multicast datagrams, the sender
check — in a process that never had the vault or its key.

The app (link.py) starts `python -m locker.receive.child` and sends on its standard input the address to listen
on and the receive certificate with its key (the per-vault TLS certificate, not the vault's key). The child opens
the listening socket, says which port it got (READY), sets up TLS, then locks itself in (`lock_down`: no core,
not dumpable, no new privileges, Landlock with no file-system access) before it reads a byte from the network.
What the phones send reaches the app only as checked binary records (frames.py, messages.py) on its standard
output.
"""

from __future__ import annotations

import contextlib
import ctypes
import encodings.idna  # noqa: F401 - socket.create_connection loads it on first use; no files after lock_down
import errno
import itertools
import json
import os
import queue
import re
import socket
import struct
import sys
import threading
from collections.abc import Callable
from typing import Any

from locker.receive import messages
from locker.receive.bounds import OFFERS_AT_ONCE, UPLOADS_AT_ONCE
from locker.receive.certificate import ReceiverCertificate
from locker.receive.discovery import Discovery
from locker.receive.frames import MAX_DATA, Kind, Pipe
from locker.receive.messages import Problem, ReportKind
from locker.receive.peer_check import check_sender_certificate
from locker.receive.protocol import (
    BadRequest,
    DeviceInfo,
    UploadRequest,
    own_info,
    parse_device_info,
    parse_json,
    parse_prepare_upload,
)
from locker.receive.server import (
    BodyTooLarge,
    HttpsServer,
    Request,
    Response,
    ServerLimits,
    TransferBroken,
    open_listener,
)

API = "/api/localsend/v2/"
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class _Stopped(Exception):
    pass


class NetworkChild:
    def __init__(self, control: Pipe, listener: socket.socket, config: dict[str, Any]) -> None:
        self._control = control
        self._config = config
        self._send_lock = threading.Lock()
        self._replies: dict[int, queue.Queue[messages.Answer]] = {}
        self._replies_lock = threading.Lock()
        self._ids = itertools.count(1)
        self._stop = threading.Event()
        # The app's bounds (bounds.py), kept here: further offers and uploads wait until the app has answered one.
        self._gates = {
            Kind.PREPARE: threading.BoundedSemaphore(OFFERS_AT_ONCE),
            Kind.UPLOAD: threading.BoundedSemaphore(UPLOADS_AT_ONCE),
        }
        context = ReceiverCertificate(config["cert"].encode("ascii"), config["key"].encode("ascii")).server_context()
        self._server = HttpsServer(
            listener, context, self.handle, ServerLimits(**config["limits"]), self._dropped, self._status
        )
        port = listener.getsockname()[1]
        self._info = own_info(config["alias"], config["fingerprint"], port, config["device_type"])

    def run(self) -> None:
        self._server.start()
        discovery = None
        if self._config["discovery"]:
            discovery = Discovery(self._info, self._seen)
            try:
                discovery.start()
            except OSError as exc:
                self._tell(Kind.REPORT, 0, messages.write_report(ReportKind.NO_ANNOUNCE, "", exc.strerror or str(exc)))
                discovery = None
        try:
            while True:
                frame = self._control.recv()
                if frame is None or frame[0] is Kind.STOP:
                    break
                kind, conn_id, payload = frame
                if kind is Kind.RESPONSE:
                    with self._replies_lock:
                        replies = self._replies.get(conn_id)
                    if replies is not None:
                        replies.put(messages.read_answer(payload))
        finally:
            self._stop.set()
            if discovery is not None:
                discovery.stop()
            self._server.stop()

    # -- to the app ------------------------------------------------------------------------------------------

    def _tell(self, kind: Kind, conn_id: int, payload: bytes | bytearray = b"") -> None:
        with self._send_lock:
            self._control.send(kind, conn_id, payload)

    def _dropped(self, peer: str, why: str) -> None:
        self._tell(Kind.REPORT, 0, messages.write_report(ReportKind.DROPPED, peer, why))

    def _status(self, active: int) -> None:
        with contextlib.suppress(OSError):
            self._tell(Kind.STATUS, 0, struct.pack("!I", active))

    def _seen(self, address: str, device: DeviceInfo) -> None:
        self._tell(Kind.REPORT, 0, messages.write_report(ReportKind.SEEN, address, device.alias))

    def _ask(
        self, kind: Kind, payload: bytes, then: Callable[[int, queue.Queue[messages.Answer]], Response]
    ) -> Response:
        gate = self._gates.get(kind)
        while gate is not None and not gate.acquire(timeout=0.5):
            if self._stop.is_set():
                raise TransferBroken("the receiver stopped")
        conn_id = next(self._ids)
        replies: queue.Queue[messages.Answer] = queue.Queue()
        with self._replies_lock:
            self._replies[conn_id] = replies
        try:
            self._tell(kind, conn_id, payload)
            try:
                return then(conn_id, replies)
            except BaseException as exc:
                # The app must know the request is over before this one's gate lets the next through.
                with contextlib.suppress(OSError):
                    self._tell(Kind.ABORT, conn_id, messages.write_abort(str(exc) or type(exc).__name__))
                raise
        finally:
            with self._replies_lock:
                self._replies.pop(conn_id, None)
            if gate is not None:
                gate.release()

    def _wait(self, replies: queue.Queue[messages.Answer]) -> messages.Answer:
        while True:
            try:
                return replies.get(timeout=0.5)
            except queue.Empty:
                if self._stop.is_set():
                    raise TransferBroken("the receiver stopped") from None

    def _response(self, conn_id: int, answer: messages.Answer) -> Response:
        then = (lambda: self._tell(Kind.SENT, conn_id)) if answer.notify else None
        return Response(answer.status, answer.body, then=then)

    # -- routes ----------------------------------------------------------------------------------------------

    def handle(self, request: Request) -> Response:
        if not request.path.startswith(API):
            return self._refuse(404, ReportKind.UNKNOWN_ADDRESS, request.peer)
        route = request.path[len(API) :]
        if route == "info" and request.method == "GET":
            return Response(200, json.dumps(self._info).encode("utf-8"))
        if request.method != "POST":
            return self._refuse(405, ReportKind.WRONG_METHOD, request.peer)
        if route == "register":
            return self._register(request)
        if route == "prepare-upload":
            return self._prepare_upload(request)
        if route == "upload":
            return self._upload(request)
        if route == "cancel":
            payload = messages.write_cancel(request.peer, request.query.get("sessionId", "")[:128])
            return self._ask(Kind.CANCEL, payload, lambda c, r: self._response(c, self._wait(r)))
        return self._refuse(404, ReportKind.UNKNOWN_ADDRESS, request.peer)

    def _refuse(self, status: int, kind: ReportKind, peer: str) -> Response:
        self._tell(Kind.REPORT, 0, messages.write_report(kind, peer))
        return Response(status, json.dumps({"message": "Refused."}).encode("utf-8"))

    def _register(self, request: Request) -> Response:
        try:
            device = parse_device_info(parse_json(request.read(64 * 1024)))
        except (BadRequest, BodyTooLarge):  # a sender too slow, or gone, is dropped (TransferBroken goes on)
            return self._refuse(400, ReportKind.BAD_REGISTRATION, request.peer)
        self._seen(request.peer, device)
        return Response(200, json.dumps(self._info).encode("utf-8"))

    def _prepare_upload(self, request: Request) -> Response:
        pin = request.query.get("pin")
        if pin is None and self._config["pin_required"]:
            return Response(401, json.dumps({"message": "PIN required"}).encode("utf-8"))
        pin = pin[: messages.MAX_PIN_CHARS] if pin is not None else None
        try:
            declared = parse_prepare_upload(request.read(1 << 20), self._config["max_file_size"])
        except BodyTooLarge:  # a sender too slow, or gone, is dropped: TransferBroken goes on to the server
            payload = messages.write_prepare(request.peer, pin, Problem.TOO_LARGE)
        except BadRequest as exc:
            payload = messages.write_prepare(request.peer, pin, Problem.BAD_REQUEST, str(exc))
        else:
            if any(_LONE_SURROGATE.search(f.file_id) for f in declared.files):
                # Ids are echoed back to the phone with its tokens: one that is not text cannot be.
                payload = messages.write_prepare(request.peer, pin, Problem.BAD_REQUEST, "A file id is not text.")
                return self._ask(Kind.PREPARE, payload, lambda c, r: self._response(c, self._wait(r)))
            payload = messages.write_prepare(request.peer, pin, Problem.NONE, "", declared)
            return self._ask(Kind.PREPARE, payload, lambda c, r: self._check_then_answer(request, declared, c, r))
        return self._ask(Kind.PREPARE, payload, lambda c, r: self._response(c, self._wait(r)))

    def _check_then_answer(
        self, request: Request, declared: UploadRequest, conn_id: int, replies: queue.Queue[messages.Answer]
    ) -> Response:
        """The app says go once the PIN is right and it is free to ask the user: only then is the sender checked
        (only at the request's own source address), and the user asked."""
        answer = self._wait(replies)
        if not answer.go:
            return self._response(conn_id, answer)
        sender = declared.sender
        check = check_sender_certificate(request.peer, sender.port, sender.protocol, sender.fingerprint)
        self._tell(Kind.CHECKED, conn_id, messages.write_checked(check))
        return self._response(conn_id, self._wait(replies))

    def _upload(self, request: Request) -> Response:
        length = request.headers.get("content-length")
        upload = messages.Upload(
            request.peer,
            request.query.get("sessionId", "")[:128],
            request.query.get("fileId", "")[:128],
            request.query.get("token", "")[:128],
            # h11 checked the digits; a length past what a frame holds is one no file reaches (the app refuses).
            min(int(length), 1 << 62) if length is not None and length.strip().isdigit() else -1,
        )
        return self._ask(Kind.UPLOAD, messages.write_upload(upload), lambda c, r: self._stream(request, c, r))

    def _stream(self, request: Request, conn_id: int, replies: queue.Queue[messages.Answer]) -> Response:
        answer = self._wait(replies)
        if not answer.go:
            return self._response(conn_id, answer)
        sent = 0
        for piece in request.chunks():  # TransferBroken if the body does not come whole (_ask tells the app)
            early = _waiting(replies)
            if early is not None:  # the app refused the file part-way (size, hash, cancel)
                return self._response(conn_id, early)
            sent += len(piece)
            if sent > answer.expect:  # a chunked body longer than announced: the app takes no byte past it
                why = f"the sender sent more bytes than it announced ({answer.expect})"
                self._tell(Kind.ABORT, conn_id, messages.write_abort(why))
                return Response(400, json.dumps({"message": why}).encode("utf-8"))
            if len(piece) <= MAX_DATA:  # as a rule: the server reads bodies in pieces of this size
                self._tell(Kind.DATA, conn_id, piece)
                continue
            for start in range(0, len(piece), MAX_DATA):
                self._tell(Kind.DATA, conn_id, piece[start : start + MAX_DATA])
        self._tell(Kind.END, conn_id)
        return self._response(conn_id, self._wait(replies))


def _waiting(replies: queue.Queue[messages.Answer]) -> messages.Answer | None:
    try:
        return replies.get_nowait()
    except queue.Empty:
        return None


# -- locking in ----------------------------------------------------------------------------------------------


def lock_down() -> list[str]:
    """No core files, not dumpable, no new privileges, and (where the kernel has Landlock) no file-system access at
    all, no new listening TCP port (ABI 4) and no signal or abstract unix socket outside this process (ABI 6: the
    app, the desktop's X11 socket). Connecting out over TCP stays: the sender check connects to the LocalSend
    server of the request's source address, on whatever port the phone declared. Returns what took effect."""
    done: list[str] = []
    if sys.platform == "win32":
        return done  # none of these layers exists there; the child still never had the vault or its key

    import resource  # noqa: PLC0415 - POSIX only

    from locker.sandbox import confine  # noqa: PLC0415

    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    done.append("no core files")
    if sys.platform != "linux":
        return done
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(confine.PR_SET_DUMPABLE, 0, 0, 0, 0)
    if libc.prctl(confine.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0:
        done.append("no new privileges")
    abi = confine.landlock_abi(libc)
    if abi > 0:
        fs = confine.landlock_all_fs_rights(abi)
        bind_tcp = 1 if abi >= 4 else 0  # LANDLOCK_ACCESS_NET_BIND_TCP, with no port allowed
        scoped = 3 if abi >= 6 else 0  # LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET | LANDLOCK_SCOPE_SIGNAL
        attr = confine._LandlockAttr(fs, bind_tcp, scoped)
        ruleset = int(libc.syscall(confine.SYS_LANDLOCK_CREATE_RULESET, ctypes.byref(attr), ctypes.sizeof(attr), 0))
        if ruleset >= 0:
            try:
                if libc.syscall(confine.SYS_LANDLOCK_RESTRICT_SELF, ruleset, 0) == 0:
                    covers = ["no path"] + (["no new TCP port"] if bind_tcp else [])
                    covers += ["signals and abstract sockets scoped"] if scoped else []
                    done.append(f"landlock ABI {abi}: " + ", ".join(covers))
            finally:
                os.close(ruleset)
    return done


def main() -> None:
    control = Pipe.of_this_process()
    head = control.read_exactly(4)
    (size,) = struct.unpack("!I", head)
    config = json.loads(bytes(control.read_exactly(size)))  # from the app, which this child trusts (not the reverse)
    try:
        listener = open_listener(config["host"], config["port"])
    except OSError as exc:
        control.send(Kind.READY, 0, messages.write_ready(0, exc.errno or errno.EIO))
        raise SystemExit(1) from None
    child = NetworkChild(control, listener, config)
    config["key"] = ""  # OpenSSL holds it now
    files_locked = any(layer.startswith("landlock") for layer in lock_down())
    # Listening, locked in, and saying whether the lock-down took every file away (the app tells the user if not).
    control.send(Kind.READY, 0, messages.write_ready(listener.getsockname()[1], 0, files_locked))
    child.run()


if __name__ == "__main__":
    main()
