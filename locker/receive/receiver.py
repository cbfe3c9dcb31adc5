"""The LocalSend v2 receiver's lifecycle: listen (HTTPS, optional multicast discovery), stop on request, on the
idle timeout or after too many wrong PINs.

A phone announces its files (prepare-upload), the user accepts them on screen, then the phone uploads each file
with the session's one-time token (endpoints.py). Nothing is stored that the user did not accept, and nothing
half-received is kept. Callers (the `locker receive` command, the app's window) pass two plain callbacks: `accept`
asks the user, `report` tells them what happened; both are called on the receiver's connection threads.
"""

from __future__ import annotations

import errno
import threading
import time

from locker.receive.addresses import local_network_address
from locker.receive.certificate import receiver_certificate
from locker.receive.discovery import Discovery
from locker.receive.endpoints import Endpoints
from locker.receive.protocol import DeviceInfo, own_info
from locker.receive.server import HttpsServer
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
    ) -> None:
        self._settings = settings
        self._report = report
        self._stopped = threading.Event()
        self._endpoints = Endpoints(
            vault,
            settings,
            accept,
            report,
            self._own_info,
            self._seen,
            self._stop_soon,
            self._stopped,
            runner,
            progress,
        )
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
                host,
                settings.port,
                certificate.server_context(),
                self._endpoints.handle,
                settings.limits,
                self._dropped,
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
            discovery = Discovery(self._own_info(), self._seen)
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

    def _own_info(self) -> dict[str, object]:
        return own_info(self._settings.alias, self.fingerprint, self.port, self._settings.device_type)

    def _seen(self, address: str, device: DeviceInfo) -> None:
        self._report(ReceiveEvent(EventKind.SEEN, f"“{device.alias}” ({address}) is on the network."))

    def stop(self, reason: str = "The receiver was closed.") -> None:
        """Stop listening and drop every connection; a file in progress is not stored. Idempotent."""
        with self._lock:
            if self._stopped.is_set():
                return
            self._stopped.set()
            self.stop_reason = reason
        self._endpoints.cancel_open_session()
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


def _duration(seconds: float) -> str:
    minutes = round(seconds / 60)
    return f"{minutes} minute(s)" if minutes >= 1 else f"{round(seconds)} second(s)"
