"""The LocalSend v2 receiver's lifecycle: listen (HTTPS, optional multicast discovery), stop on request, on the
idle timeout or after too many wrong PINs.

A phone announces its files (prepare-upload), the user accepts them on screen, then the phone uploads each file
with the session's one-time token (endpoints.py). Nothing is stored that the user did not accept, and nothing
half-received is kept. Callers (the `locker receive` command, the app's window) pass two plain callbacks: `accept`
asks the user, `report` tells them what happened; both are called on the receiver's request threads.

This process holds the vault's key, so it reads nothing from the network itself: it chooses the address, and the
network child (child.py, through link.py) opens the listening socket there, speaks TLS, HTTP and JSON and passes
on checked binary records only.
"""

from __future__ import annotations

import dataclasses
import errno
import threading
import time

from locker.errors import LockerError
from locker.receive.addresses import local_network_address
from locker.receive.certificate import receiver_certificate
from locker.receive.endpoints import Endpoints
from locker.receive.link import ChildLink, NotListening, Routes
from locker.receive.messages import ReportKind
from locker.receive.session import (
    DEFAULT_PORT,
    AcceptCallback,
    EventKind,
    IncomingSession,
    NoLocalNetworkError,
    PortInUseError,
    ProgressCallback,
    ReceiveEvent,
    ReceiverSettings,
    ReportCallback,
    new_pin,
)
from locker.sandbox.runner import SandboxRunner
from locker.vault.vault import Vault

# The names callers use come from here (the command, the window, the tests).
__all__ = [
    "DEFAULT_PORT",
    "EventKind",
    "IncomingSession",
    "NoLocalNetworkError",
    "PortInUseError",
    "ReceiveEvent",
    "Receiver",
    "ReceiverSettings",
    "new_pin",
]


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
        child_command: list[str] | None = None,
    ) -> None:
        self._settings = settings
        self._report = report
        self._stopped = threading.Event()
        self._endpoints = Endpoints(vault, settings, accept, report, self._stop_soon, self._stopped, runner, progress)
        certificate = receiver_certificate(vault)
        self.fingerprint = certificate.fingerprint
        host = settings.host or local_network_address()
        if host is None:
            raise NoLocalNetworkError(
                "This computer is not connected to a local network (Wi-Fi or cable), so the phone cannot reach it. "
                "Connect both to the same Wi-Fi and try again."
            )
        config = {
            "cert": certificate.cert_pem.decode("ascii"),
            "key": certificate.key_pem.decode("ascii"),
            "alias": settings.alias,
            "fingerprint": self.fingerprint,
            # The app chooses where to listen (the local network's interface); the child opens the socket.
            "host": host,
            "port": settings.port,
            "device_type": settings.device_type,
            "pin_required": settings.pin is not None,
            "max_file_size": settings.max_file_size,
            "discovery": settings.discovery,
            "limits": dataclasses.asdict(settings.limits),
        }
        routes = Routes(
            self._endpoints.prepare_upload,
            self._endpoints.upload,
            self._endpoints.cancel,
            self._heard,
            self._failed,
            settings.max_file_size,
        )
        try:
            # Only the child holds the listener: the app never has a socket that a phone can reach.
            self._link = ChildLink(config, routes, self._child_gone, child_command)
        except NotListening as exc:
            if exc.errno == errno.EADDRINUSE:
                raise PortInUseError(
                    f"Port {settings.port} is already in use on this computer (is the LocalSend app running here?). "
                    "Close it, or choose another port."
                ) from exc
            raise
        self.port: int = self._link.port
        self._lock = threading.Lock()
        self.stop_reason = ""

    @property
    def network_process_locked_out_of_files(self) -> bool:
        """True when the network process (which parses what phones send) could take away its own access to every
        file (Landlock, Linux 5.13 and later). When not, it still never has the vault or its key, but code a phone
        got running in it could read the user's files: the window and `locker receive` say so."""
        return self._link.files_locked

    @property
    def pin(self) -> str | None:
        return self._settings.pin

    @property
    def alias(self) -> str:
        return self._settings.alias

    def start(self) -> None:
        self._link.start()
        threading.Thread(target=self._watch_idle, name="receive-idle", daemon=True).start()

    @property
    def child_pid(self) -> int:
        """The network child's process id (tests look at its confinement)."""
        return self._link.process.pid

    def _heard(self, kind: ReportKind, peer: str, text: str) -> None:
        """A REPORT from the network child, worded here (its texts were made printable by messages.py)."""
        if kind is ReportKind.SEEN:
            self._report(ReceiveEvent(EventKind.SEEN, f"“{text}” ({peer}) is on the network."))
        elif kind is ReportKind.NO_ANNOUNCE:
            self._report(
                ReceiveEvent(
                    EventKind.NOTICE,
                    f"This computer cannot announce itself on the network ({text}); the phone may still find it "
                    "by scanning.",
                )
            )
        elif kind is ReportKind.DROPPED:
            self._dropped(peer, text)
        elif kind is ReportKind.UNKNOWN_ADDRESS:
            self._report(ReceiveEvent(EventKind.REFUSED, f"{peer} asked for an unknown address."))
        elif kind is ReportKind.WRONG_METHOD:
            self._report(ReceiveEvent(EventKind.REFUSED, f"{peer} used a method this receiver does not answer."))
        else:
            self._report(ReceiveEvent(EventKind.REFUSED, f"{peer} sent a registration that could not be read."))

    def _failed(self, what: str, peer: str) -> None:
        self._report(
            ReceiveEvent(EventKind.REFUSED, f"A connection from {peer or 'a phone'} was closed: the receiver failed "
                         f"({what}); the sender was told so.")
        )  # fmt: skip

    def _child_gone(self, why: LockerError) -> None:
        """The network child ended, or was ended for what it sent (malformed, or past a bound: bounds.py)."""
        self._stop_soon(str(why), why)

    def stop(self, reason: str = "The receiver was closed.", error: LockerError | None = None) -> None:
        """Stop listening and drop every connection; a file in progress is not stored. Idempotent."""
        with self._lock:
            if self._stopped.is_set():
                return
            self._stopped.set()
            self.stop_reason = reason
        self._endpoints.cancel_open_session()
        self._link.stop()
        self._report(ReceiveEvent(EventKind.STOPPED, reason, error=error))

    def _stop_soon(self, reason: str, error: LockerError | None = None) -> None:
        """Stop from a connection thread: stop() waits for the accept loop, which must not be this thread's caller."""
        threading.Thread(target=self.stop, args=(reason, error), name="receive-stop", daemon=True).start()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the receiver stops; True if it has."""
        return self._stopped.wait(timeout)

    @property
    def busy(self) -> bool:
        """True while any connection is open (a transfer, or an answer still being sent)."""
        return self._link.active_connections > 0

    @property
    def transferring(self) -> bool:
        """True while the app is answering a request: an offer on screen, an upload being stored. What keeps the
        receiver from its idle stop; connections the network process holds on its own (a request head or body
        still arriving, a request waiting for its turn) do not count: anyone can open those without the PIN."""
        return self._link.requests_in_hand > 0

    @property
    def stopped(self) -> bool:
        return self._stopped.is_set()

    def _watch_idle(self) -> None:
        idle = self._settings.idle_seconds
        while not self._stopped.wait(min(1.0, idle / 4)):
            if not self.transferring and time.monotonic() - self._link.last_activity > idle:
                self.stop(f"Stopped after {_duration(idle)} without any transfer.")
                return

    def _dropped(self, peer: str, why: str) -> None:
        self._report(ReceiveEvent(EventKind.REFUSED, f"A connection from {peer} was closed: {why}."))


def _duration(seconds: float) -> str:
    minutes = round(seconds / 60)
    return f"{minutes} minute(s)" if minutes >= 1 else f"{round(seconds)} second(s)"
