"""The LocalSend v2 receiver: sessions, PIN, the user's consent, and each upload streamed into the vault.

A phone announces its files (prepare-upload), the user accepts them on screen, then the phone uploads each file
with the session's one-time token. Nothing is stored that the user did not accept, and nothing half-received is
kept. Callers (the `locker receive` command, the app's window) pass two plain callbacks: `accept` asks the user,
`report` tells them what happened; both are called on the receiver's connection threads.
"""

from __future__ import annotations

import dataclasses
import errno
import hmac
import json
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from locker.diskspace import require_space
from locker.errors import DiskFullError, ImportFailedError, Interrupted, LockerError
from locker.ingest.importer import ImportOptions, ImportStatus
from locker.ingest.stream_import import StreamSource, import_stream
from locker.metadata.store import extract_metadata
from locker.receive.certificate import receiver_certificate
from locker.receive.discovery import Discovery
from locker.receive.peer_check import PeerCheck, check_sender_certificate
from locker.receive.protocol import (
    BadRequest,
    DeclaredFile,
    DeviceInfo,
    UploadRequest,
    neutral_alias,
    own_info,
    parse_device_info,
    parse_json,
    parse_prepare_upload,
)
from locker.receive.server import (
    HttpsServer,
    Request,
    Response,
    ServerLimits,
    TransferBroken,
    local_network_address,
)
from locker.sandbox.runner import SandboxRunner
from locker.timeutil import utc_now
from locker.vault.vault import Vault

API = "/api/localsend/v2/"
DEFAULT_PORT = 53317


@dataclass(frozen=True)
class ReceiverSettings:
    #: The name the phone lists; by default a neutral one (protocol.neutral_alias).
    alias: str = field(default_factory=neutral_alias)
    #: Where to listen. None: the address of the interface that leads to the local network (Wi-Fi, cable), so
    #: nothing listens on any other; with "0.0.0.0" every interface, still serving local-network peers only.
    host: str | None = None
    port: int = DEFAULT_PORT
    #: None: no PIN asked (the user chose --no-pin).
    pin: str | None = field(default_factory=lambda: new_pin())
    case: str | None = None
    max_file_size: int = 64 << 30
    #: Wrong PINs in a row after which the receiver stops.
    max_pin_failures: int = 3
    #: After a wrong PIN, further attempts within this many seconds are refused (HTTP 429) without being checked.
    pin_retry_seconds: float = 2.0
    #: The receiver stops after this long without any request.
    idle_seconds: float = 600.0
    #: A transfer the user accepted but the phone stopped using (no upload running) for this long gives way to
    #: the next phone that asks, instead of answering "busy" until the receiver stops.
    session_idle_seconds: float = 60.0
    limits: ServerLimits = field(default_factory=ServerLimits)
    #: Read metadata and make a thumbnail in the sandbox after each file, as a local import does.
    extract_metadata: bool = True
    #: Announce on the LocalSend multicast group and answer phones' announcements (protocol 3.1). Without it the
    #: phone finds this computer only by scanning the network (its "HTTP (legacy)" discovery).
    discovery: bool = True
    device_type: str = "desktop"


def new_pin() -> str:
    return f"{secrets.randbelow(1_000_000):06d}"


@dataclass(frozen=True)
class IncomingSession:
    """What the user is asked to accept: who sends, how many files, how big, and whether the sender's own server
    presents the certificate whose fingerprint it declared."""

    sender: DeviceInfo
    peer: str
    files: tuple[DeclaredFile, ...]
    sender_check: PeerCheck

    @property
    def total_size(self) -> int:
        return sum(f.size for f in self.files)


class NoLocalNetworkError(LockerError):
    """This computer has no local-network address to listen on."""


class PortInUseError(LockerError):
    """Another program already listens on the receiver's port."""


class EventKind(StrEnum):
    NOTICE = "notice"
    SEEN = "seen"
    REFUSED = "refused"
    SESSION_ACCEPTED = "session-accepted"
    SESSION_DECLINED = "session-declined"
    STORED = "stored"
    DUPLICATE = "duplicate"
    FAILED = "failed"
    CANCELLED = "cancelled"
    STOPPED = "stopped"


@dataclass(frozen=True)
class ReceiveEvent:
    kind: EventKind
    #: A sentence for the user (sender-supplied parts already made printable).
    message: str
    item_id: str | None = None
    #: Whom or what it is about (the file's stored name, or the sender's alias), for a translated sentence.
    subject: str = ""


AcceptCallback = Callable[[IncomingSession], bool]
ReportCallback = Callable[[ReceiveEvent], None]
#: (file name, bytes received so far, bytes announced), called as the bytes of a file arrive.
ProgressCallback = Callable[[str, int, int], None]


@dataclass
class _Session:
    session_id: str
    incoming: IncomingSession
    tokens: dict[str, str]
    pending: set[str]
    cancel: threading.Event = field(default_factory=threading.Event)
    uploading: int = 0
    last_activity: float = field(default_factory=time.monotonic)


class Receiver:
    """Listens while started; `stop()` (or the idle timeout, or too many wrong PINs) ends it."""

    def __init__(
        self,
        vault: Vault,
        settings: ReceiverSettings,
        accept: AcceptCallback,
        report: ReportCallback,
        runner: SandboxRunner | None = None,
        progress: ProgressCallback | None = None,
    ) -> None:
        self._vault = vault
        self._progress = progress
        self._settings = settings
        self._accept = accept
        self._report = report
        self._runner = runner
        certificate = receiver_certificate(vault)
        self.fingerprint = certificate.fingerprint
        host = settings.host or local_network_address()
        if host is None:
            raise NoLocalNetworkError(
                "This computer is not connected to a local network (Wi-Fi or cable), so the phone cannot reach it. "
                "Connect both to the same Wi-Fi and try again."
            )
        try:
            self._server = HttpsServer(
                host, settings.port, certificate.server_context(), self._handle, settings.limits, self._dropped
            )
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise PortInUseError(
                    f"Port {settings.port} is already in use on this computer (is the LocalSend app running here?). "
                    "Close it, or choose another port."
                ) from exc
            raise
        self.port = self._server.port
        self._lock = threading.Lock()
        self._session: _Session | None = None
        self._deciding = False
        self._upload_lock = threading.Lock()
        self._pin_failures = 0
        self._last_wrong_pin = -float("inf")
        self._stopped = threading.Event()
        self._discovery: Discovery | None = None
        self.stop_reason = ""

    @property
    def pin(self) -> str | None:
        return self._settings.pin

    @property
    def alias(self) -> str:
        return self._settings.alias

    def start(self) -> None:
        self._server.start()
        threading.Thread(target=self._watch_idle, name="receive-idle", daemon=True).start()
        if self._settings.discovery:
            info = own_info(self._settings.alias, self.fingerprint, self.port, self._settings.device_type)
            discovery = Discovery(info, self._seen)
            try:
                discovery.start()
            except OSError as exc:
                self._report(
                    ReceiveEvent(
                        EventKind.NOTICE,
                        f"This computer cannot announce itself on the network ({exc.strerror or exc}); the phone "
                        "may still find it by scanning.",
                    )
                )
            else:
                self._discovery = discovery

    def _seen(self, address: str, device: DeviceInfo) -> None:
        self._report(ReceiveEvent(EventKind.SEEN, f"“{device.alias}” ({address}) is on the network."))

    def stop(self, reason: str = "The receiver was closed.") -> None:
        """Stop listening and drop every connection; a file in progress is not stored. Idempotent."""
        with self._lock:
            if self._stopped.is_set():
                return
            self._stopped.set()
            self.stop_reason = reason
            if self._session is not None:
                self._session.cancel.set()
        if self._discovery is not None:
            self._discovery.stop()
        self._server.stop()
        self._report(ReceiveEvent(EventKind.STOPPED, reason))

    def _stop_soon(self, reason: str) -> None:
        """Stop from a connection thread: stop() waits for the accept loop, which must not be this thread's caller."""
        threading.Thread(target=self.stop, args=(reason,), name="receive-stop", daemon=True).start()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the receiver stops; True if it has."""
        return self._stopped.wait(timeout)

    @property
    def busy(self) -> bool:
        """True while any connection is open (a transfer, or an answer still being sent)."""
        return self._server.active_connections > 0

    @property
    def stopped(self) -> bool:
        return self._stopped.is_set()

    def _watch_idle(self) -> None:
        idle = self._settings.idle_seconds
        while not self._stopped.wait(min(1.0, idle / 4)):
            busy = self._server.active_connections > 0
            if not busy and time.monotonic() - self._server.last_activity > idle:
                self.stop(f"Stopped after {_duration(idle)} without any transfer.")
                return

    def _dropped(self, peer: str, why: str) -> None:
        self._report(ReceiveEvent(EventKind.REFUSED, f"A connection from {peer} was closed: {why}."))

    def _refuse(self, status: int, message: str) -> Response:
        self._report(ReceiveEvent(EventKind.REFUSED, message))
        return Response(status, json.dumps({"message": message}).encode("utf-8"))

    # -- routes ------------------------------------------------------------------------------------------------

    def _handle(self, request: Request) -> Response:
        if not request.path.startswith(API):
            return self._refuse(404, f"{request.peer} asked for an unknown address.")
        route = request.path[len(API) :]
        if route == "info" and request.method == "GET":
            return self._info()
        if request.method != "POST":
            return self._refuse(405, f"{request.peer} used a method this receiver does not answer.")
        if route == "register":
            return self._register(request)
        if route == "prepare-upload":
            return self._prepare_upload(request)
        if route == "upload":
            return self._upload(request)
        if route == "cancel":
            return self._cancel(request)
        return self._refuse(404, f"{request.peer} asked for an unknown address.")

    def _info(self) -> Response:
        info = own_info(self._settings.alias, self.fingerprint, self.port, self._settings.device_type)
        return Response(200, json.dumps(info).encode("utf-8"))

    def _register(self, request: Request) -> Response:
        try:
            device = parse_device_info(parse_json(request.read(64 * 1024)))
        except (BadRequest, TransferBroken):
            return self._refuse(400, f"{request.peer} sent a registration that could not be read.")
        # A phone that answers our announcement by registering over HTTP never multicasts: it is seen here.
        self._seen(request.peer, device)
        return self._info()

    def _prepare_upload(self, request: Request) -> Response:
        refused = self._check_pin(request)
        if refused is not None:
            return refused
        try:
            declared = parse_prepare_upload(request.read(1 << 20), self._settings.max_file_size)
        except TransferBroken:
            return self._refuse(400, f"{request.peer} sent a file list that is too large.")
        except BadRequest as exc:
            return self._refuse(400, f"{request.peer}: {exc} The transfer was refused.")
        with self._lock:
            abandoned = self._drop_abandoned_session()
            if self._session is not None or self._deciding:
                return self._refuse(409, f"{declared.sender.alias} tried to send while another transfer is open.")
            self._deciding = True
        if abandoned is not None:
            alias = abandoned.incoming.sender.alias
            self._report(ReceiveEvent(EventKind.CANCELLED, f"{alias} stopped sending; the rest was not received."))
        try:
            return self._decide(request, declared)
        finally:
            with self._lock:
                self._deciding = False

    def _drop_abandoned_session(self) -> _Session | None:
        """With the lock held: end the open session if the phone left it idle too long; the session if so."""
        session = self._session
        idle_for = time.monotonic() - session.last_activity if session is not None else 0.0
        if session is None or session.uploading or idle_for <= self._settings.session_idle_seconds:
            return None
        session.cancel.set()
        self._session = None
        return session

    def _decide(self, request: Request, declared: UploadRequest) -> Response:
        try:
            # Encrypted pages and the journal take a little more than the files themselves.
            require_space(self._vault.paths.root, declared.total_size * 21 // 20 + (16 << 20), "receiving files")
        except DiskFullError as exc:
            return self._refuse(403, f"{declared.sender.alias}: {exc}")
        sender = declared.sender
        # Only the request's own source address is contacted; this connection thread waits (a few seconds at
        # most), the accept loop does not.
        check = check_sender_certificate(request.peer, sender.port, sender.protocol, sender.fingerprint)
        incoming = IncomingSession(sender, request.peer, declared.files, check)
        if not self._accept(incoming):
            self._report(
                ReceiveEvent(
                    EventKind.SESSION_DECLINED,
                    f"You declined the files from {incoming.sender.alias}.",
                    subject=incoming.sender.alias,
                )
            )
            return Response(403)
        if self._stopped.is_set():
            return Response(403)
        session = _Session(
            session_id=secrets.token_urlsafe(16),
            incoming=incoming,
            tokens={f.file_id: secrets.token_urlsafe(24) for f in declared.files},
            pending={f.file_id for f in declared.files},
        )
        with self._lock:
            self._session = session
        self._report(
            ReceiveEvent(
                EventKind.SESSION_ACCEPTED,
                f"Receiving {len(declared.files)} file(s) from {incoming.sender.alias}.",
                subject=incoming.sender.alias,
            )
        )
        return Response(200, json.dumps({"sessionId": session.session_id, "files": session.tokens}).encode("utf-8"))

    def _check_pin(self, request: Request) -> Response | None:
        wanted = self._settings.pin
        if wanted is None:
            return None
        given = request.query.get("pin")
        if given is None:
            return Response(401, json.dumps({"message": "PIN required"}).encode("utf-8"))
        with self._lock:
            if time.monotonic() - self._last_wrong_pin < self._settings.pin_retry_seconds:
                return self._refuse(429, f"{request.peer} tried another PIN too soon after a wrong one; refused.")
            if hmac.compare_digest(given.encode("utf-8"), wanted.encode("utf-8")):
                self._pin_failures = 0
                return None
            self._pin_failures += 1
            self._last_wrong_pin = time.monotonic()
            failures = self._pin_failures
        if failures >= self._settings.max_pin_failures:
            response = self._refuse(401, f"{request.peer} gave a wrong PIN {failures} times.")
            reason = f"Stopped: a wrong PIN was given {failures} times in a row. Someone may be guessing it."
            return dataclasses.replace(response, then=lambda: self._stop_soon(reason))
        return self._refuse(401, f"{request.peer} gave a wrong PIN; the transfer was refused.")

    def _upload(self, request: Request) -> Response:
        session_id = request.query.get("sessionId", "")
        file_id = request.query.get("fileId", "")
        token = request.query.get("token", "")
        if not (session_id and file_id and token):
            return self._refuse(400, f"{request.peer} sent a file without saying which one; refused.")
        with self._lock:
            session = self._session
            valid = (
                session is not None
                and hmac.compare_digest(session.session_id.encode(), session_id.encode())
                and session.incoming.peer == request.peer
                and file_id in session.pending
                and hmac.compare_digest(session.tokens[file_id].encode(), token.encode())
            )
            if valid and session is not None:
                session.pending.discard(file_id)  # one upload per token: a second one is refused
                session.uploading += 1
        if not valid or session is None:
            return self._refuse(
                403, f"{request.peer} sent a file outside an accepted transfer; refused, nothing stored."
            )
        declared = next(f for f in session.incoming.files if f.file_id == file_id)
        try:
            return self._store(request, session, declared)
        finally:
            with self._lock:
                session.uploading -= 1
                session.last_activity = time.monotonic()
            self._end_session_if_done(session)

    def _store(self, request: Request, session: _Session, declared: DeclaredFile) -> Response:
        length = request.headers.get("content-length")
        if length is not None and length.strip() != str(declared.size):
            return self._refuse(
                400, f"{declared.name}: the sender announced {declared.size} bytes but now sends {length}; refused."
            )
        source = StreamSource(
            untrusted_name=declared.untrusted_name,
            declared_size=declared.size,
            chunks=self._counted(request.chunks(), declared),
            declared_sha256=declared.sha256,
            modified=declared.modified,
        )
        received = {
            **session.incoming.sender.to_record(),
            **session.incoming.sender_check.to_record(),
            "sender_address": request.peer,
            "received_at": utc_now(),
            "protocol": "LocalSend v2 (HTTPS)",
        }
        options = ImportOptions(case=self._settings.case)
        with self._upload_lock:
            try:
                outcome = import_stream(self._vault, source, options, received, session.cancel)
            except TransferBroken as exc:
                self._report(ReceiveEvent(EventKind.FAILED, f"{declared.name}: not stored ({exc})."))
                raise
            except Interrupted:
                self._report(ReceiveEvent(EventKind.CANCELLED, f"{declared.name}: cancelled; nothing was stored."))
                return Response(409)
            except ImportFailedError as exc:
                return self._refuse(400, str(exc))
            except LockerError as exc:
                self._report(ReceiveEvent(EventKind.FAILED, f"{declared.name}: not stored ({exc})."))
                return Response(500)
            if outcome.status is ImportStatus.DUPLICATE:
                message = f"{outcome.name}: {outcome.message}."
                self._report(ReceiveEvent(EventKind.DUPLICATE, message, outcome.item_id, subject=outcome.name))
                return Response(200)
            if outcome.item_id and self._runner is not None and self._settings.extract_metadata:
                try:
                    extract_metadata(self._vault, outcome.item_id, self._runner)
                except LockerError as exc:  # the file is stored; its metadata can be read later
                    self._report(
                        ReceiveEvent(
                            EventKind.NOTICE,
                            f"{outcome.name}: stored, but its metadata was not read ({exc}); `locker reindex` reads "
                            "it later.",
                        )
                    )
        stored = f"{outcome.name}: stored as {outcome.item_id}."
        self._report(ReceiveEvent(EventKind.STORED, stored, outcome.item_id, subject=outcome.name))
        return Response(200)

    def _counted(self, pieces: Iterator[bytes], declared: DeclaredFile) -> Iterator[bytes]:
        done = 0
        for piece in pieces:
            done += len(piece)
            if self._progress is not None:
                self._progress(declared.name, done, declared.size)
            yield piece

    def _end_session_if_done(self, session: _Session) -> None:
        with self._lock:
            if self._session is session and not session.pending:
                self._session = None

    def _cancel(self, request: Request) -> Response:
        session_id = request.query.get("sessionId", "")
        with self._lock:
            session = self._session
            if session is None or not hmac.compare_digest(session.session_id.encode(), session_id.encode()):
                return Response(200)  # nothing to cancel; say nothing about which sessions exist
            if session.incoming.peer != request.peer:
                return self._refuse(403, f"{request.peer} tried to cancel someone else's transfer; refused.")
            session.cancel.set()
            self._session = None
        self._report(
            ReceiveEvent(EventKind.CANCELLED, f"{session.incoming.sender.alias} cancelled the transfer; nothing "
                         "half-received was kept.")
        )  # fmt: skip
        return Response(200)


def _duration(seconds: float) -> str:
    minutes = round(seconds / 60)
    return f"{minutes} minute(s)" if minutes >= 1 else f"{round(seconds)} second(s)"
