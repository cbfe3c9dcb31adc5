"""The app's side of the LocalSend v2 routes: the PIN, the user's consent, the session's tokens, and storing each
upload in the vault. The network child (child.py) speaks HTTPS and JSON and hands over only checked records
(messages.py); nothing here reads the network. One transfer is open at a time; its state (a `Session`) and the
PIN counters change under one lock. Every request gets an answer.
"""

from __future__ import annotations

import dataclasses
import hmac
import json
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from typing import cast

from locker.diskspace import require_space
from locker.errors import DiskFullError, ImportFailedError, Interrupted, LockerError
from locker.ingest.importer import ImportOptions, ImportStatus
from locker.ingest.stream_import import StreamSource, import_stream
from locker.metadata.store import extract_metadata
from locker.receive.messages import Answer, Prepare, Problem, Upload
from locker.receive.peer_check import PeerCheck
from locker.receive.protocol import DeclaredFile, UploadRequest
from locker.receive.server import TransferBroken
from locker.receive.session import (
    AcceptCallback,
    EventKind,
    IncomingSession,
    ProgressCallback,
    ReceiveEvent,
    ReceiverSettings,
    ReportCallback,
    Session,
)
from locker.sandbox.runner import SandboxRunner
from locker.timeutil import utc_now
from locker.vault.vault import Vault


class Endpoints:
    """`handle(request)` answers one request; `cancel_open_session()` ends the transfer in progress (on stop)."""

    def __init__(
        self,
        vault: Vault,
        settings: ReceiverSettings,
        accept: AcceptCallback,
        report: ReportCallback,
        stop_soon: Callable[[str], None],
        stopped: threading.Event,
        runner: SandboxRunner | None = None,
        progress: ProgressCallback | None = None,
    ) -> None:
        self._vault = vault
        self._settings = settings
        self._accept = accept
        self._report = report
        self._stop_soon = stop_soon
        self._stopped = stopped
        self._runner = runner
        self._progress = progress
        self._lock = threading.Lock()
        self._session: Session | None = None
        self._deciding = False
        self._upload_lock = threading.Lock()
        self._pin_failures = 0
        self._last_wrong_pin = -float("inf")

    def cancel_open_session(self) -> None:
        """A file in progress is not stored; the session's tokens stop working."""
        with self._lock:
            if self._session is not None:
                self._session.cancel.set()

    def _refuse(self, status: int, message: str) -> Answer:
        self._report(ReceiveEvent(EventKind.REFUSED, message))
        return Answer(status, json.dumps({"message": message}).encode("utf-8"))

    # -- requests, as the network child hands them over -----------------------------------------------------

    def prepare_upload(self, request: Prepare, check_sender: Callable[[], PeerCheck]) -> Answer:
        """`check_sender` has the child connect back to the sender (only once the PIN is right and the receiver
        is free) and returns what it found."""
        refused = self._check_pin(request)
        if refused is not None:
            return refused
        if request.problem is Problem.TOO_LARGE or request.declared is None:
            if request.problem is Problem.BAD_REQUEST:
                return self._refuse(400, f"{request.peer}: {request.problem_text} The transfer was refused.")
            return self._refuse(400, f"{request.peer} sent a file list that is too large.")
        declared = request.declared
        with self._lock:
            abandoned = self._drop_abandoned_session()
            if self._session is not None or self._deciding:
                return self._refuse(409, f"{declared.sender.alias} tried to send while another transfer is open.")
            self._deciding = True
        if abandoned is not None:
            alias = abandoned.incoming.sender.alias
            self._report(ReceiveEvent(EventKind.CANCELLED, f"{alias} stopped sending; the rest was not received."))
        try:
            return self._decide(request, declared, check_sender)
        finally:
            with self._lock:
                self._deciding = False

    def _drop_abandoned_session(self) -> Session | None:
        """With the lock held: end the open session if the phone left it idle too long; the session if so."""
        session = self._session
        idle_for = time.monotonic() - session.last_activity if session is not None else 0.0
        if session is None or session.uploading or idle_for <= self._settings.session_idle_seconds:
            return None
        session.cancel.set()
        self._session = None
        return session

    def _decide(self, request: Prepare, declared: UploadRequest, check_sender: Callable[[], PeerCheck]) -> Answer:
        try:
            # Encrypted pages and the journal take a little more than the files themselves.
            require_space(self._vault.paths.root, declared.total_size * 21 // 20 + (16 << 20), "receiving files")
        except DiskFullError as exc:
            return self._refuse(403, f"{declared.sender.alias}: {exc}")
        # Only the request's own source address is contacted, by the child; this thread waits (a few seconds at
        # most).
        incoming = IncomingSession(declared.sender, request.peer, declared.files, check_sender())
        if not self._accept(incoming):
            self._report(
                ReceiveEvent(
                    EventKind.SESSION_DECLINED,
                    f"You declined the files from {incoming.sender.alias}.",
                    subject=incoming.sender.alias,
                )
            )
            return Answer(403)
        if self._stopped.is_set():
            return Answer(403)
        session = Session(
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
        return Answer(200, json.dumps({"sessionId": session.session_id, "files": session.tokens}).encode("utf-8"))

    def _check_pin(self, request: Prepare) -> Answer | None:
        wanted = self._settings.pin
        if wanted is None:
            return None
        given = request.pin
        if given is None:
            return Answer(401, json.dumps({"message": "PIN required"}).encode("utf-8"))
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
            answer = self._refuse(401, f"{request.peer} gave a wrong PIN {failures} times.")
            reason = f"Stopped: a wrong PIN was given {failures} times in a row. Someone may be guessing it."
            return dataclasses.replace(answer, notify=True, then=lambda: self._stop_soon(reason))
        return self._refuse(401, f"{request.peer} gave a wrong PIN; the transfer was refused.")

    def upload(self, request: Upload, go: Callable[[str, int], Iterator[bytearray]]) -> Answer:
        """`go(name, size)` tells the child to send the body, at most `size` bytes, and returns its pieces as they
        arrive."""
        session_id, file_id, token = request.session_id, request.file_id, request.token
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
            return self._store(request, session, declared, go)
        finally:
            with self._lock:
                session.uploading -= 1
                session.last_activity = time.monotonic()
            self._end_session_if_done(session)

    def _store(
        self, request: Upload, session: Session, declared: DeclaredFile, go: Callable[[str, int], Iterator[bytearray]]
    ) -> Answer:
        length = request.content_length
        if length >= 0 and length != declared.size:
            return self._refuse(
                400, f"{declared.name}: the sender announced {declared.size} bytes but now sends {length}; refused."
            )
        source = StreamSource(
            untrusted_name=declared.untrusted_name,
            declared_size=declared.size,
            chunks=self._counted(go(declared.name, declared.size), declared),
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
                return Answer(409)
            except ImportFailedError as exc:
                return self._refuse(400, str(exc))
            except LockerError as exc:
                self._report(ReceiveEvent(EventKind.FAILED, f"{declared.name}: not stored ({exc})."))
                return Answer(500)
            if outcome.status is ImportStatus.DUPLICATE:
                message = f"{outcome.name}: {outcome.message}."
                self._report(ReceiveEvent(EventKind.DUPLICATE, message, outcome.item_id, subject=outcome.name))
                return Answer(200)
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
        return Answer(200)

    def _counted(self, pieces: Iterator[bytearray], declared: DeclaredFile) -> Iterator[bytes]:
        """The pieces as the import takes them, reporting progress. Each piece is a buffer of its own (the link
        reads every frame into a new one), hashed and stored as it is: only the first is copied into bytes, since
        the import sniffs the file's type from it and looks its bytes up in tables (a bytearray is not hashable).
        """
        done = 0
        for piece in pieces:
            done += len(piece)
            if self._progress is not None:
                self._progress(declared.name, done, declared.size)
            # import_stream hashes and stores any buffer; its signature says bytes (a mutable one is never changed
            # after this point: the link hands it over and forgets it).
            yield bytes(piece) if done == len(piece) else cast(bytes, piece)

    def _end_session_if_done(self, session: Session) -> None:
        with self._lock:
            if self._session is session and not session.pending:
                self._session = None

    def cancel(self, peer: str, session_id: str) -> Answer:
        with self._lock:
            session = self._session
            if session is None or not hmac.compare_digest(session.session_id.encode(), session_id.encode()):
                return Answer(200)  # nothing to cancel; say nothing about which sessions exist
            if session.incoming.peer != peer:
                return self._refuse(403, f"{peer} tried to cancel someone else's transfer; refused.")
            session.cancel.set()
            self._session = None
        self._report(
            ReceiveEvent(EventKind.CANCELLED, f"{session.incoming.sender.alias} cancelled the transfer; nothing "
                         "half-received was kept.")
        )  # fmt: skip
        return Answer(200)
