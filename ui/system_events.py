"""Suspend and screen-lock notifications from the desktop (logind and the ScreenSaver service over D-Bus).

While a vault is unlocked the app holds a logind "delay" inhibitor for sleep: logind then waits (up to its
InhibitDelayMaxSec, 5 s by default) after announcing PrepareForSleep(true), so the vault is locked and its key zeroed
before memory is frozen to RAM or written to a hibernation image. The lock happens first, then the closed windows are
deleted, then the inhibitor (a file descriptor logind gave us) is closed, which tells logind to go ahead.

Linux only; elsewhere, and where no bus answers, nothing is connected and the idle timer still locks.
"""

from __future__ import annotations

import gc
from collections.abc import Callable

from PySide6.QtCore import SLOT, QCoreApplication, QEvent, QObject, QTimer, Slot
from PySide6.QtDBus import QDBusConnection, QDBusMessage, QDBusPendingCallWatcher


class SystemEvents(QObject):
    """Calls `on_sleep_or_lock()` when the system prepares to sleep or the screen saver activates."""

    def __init__(self, on_sleep_or_lock: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._callback = on_sleep_or_lock
        self.connected: list[str] = []
        # logind's reply to Inhibit carries the inhibitor's file descriptor; holding the reply keeps it open.
        self._inhibitor: QDBusMessage | None = None
        self._pending: QDBusPendingCallWatcher | None = None
        self._wanted = False
        system, session = QDBusConnection.systemBus(), QDBusConnection.sessionBus()
        for bus, label, service, path, interface, signal in (
            (system, "logind sleep", "org.freedesktop.login1", "/org/freedesktop/login1",
             "org.freedesktop.login1.Manager", "PrepareForSleep"),
            (session, "screen saver", "org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver",
             "org.freedesktop.ScreenSaver", "ActiveChanged"),
            (session, "GNOME screen saver", "org.gnome.ScreenSaver", "/org/gnome/ScreenSaver",
             "org.gnome.ScreenSaver", "ActiveChanged"),
        ):  # fmt: skip
            slot = SLOT("_on_signal(bool)")
            if bus.isConnected() and bus.connect(service, path, interface, signal, self, slot):  # type: ignore[call-overload]
                self.connected.append(label)

    @Slot(bool)
    def _on_signal(self, starting: bool) -> None:
        if starting:
            self._callback()
            # Lock closed the windows with deleteLater: let the event loop delete them (their text and pictures
            # freed, and so overwritten) before logind may freeze memory; only then is the inhibitor closed.
            QTimer.singleShot(0, self._release_when_windows_are_gone)

    def _release_when_windows_are_gone(self) -> None:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.collect()
        self.release_sleep()  # locked and the windows gone: logind may suspend now

    # -- the sleep inhibitor, held while a vault is unlocked -----------------------------------------------------

    @property
    def holding_sleep(self) -> bool:
        return self._inhibitor is not None

    def hold_sleep(self) -> None:
        """Ask logind for a delay inhibitor ("sleep", "delay"); asynchronously, so a slow bus never blocks the GUI."""
        self._wanted = True
        bus = QDBusConnection.systemBus()
        if self._inhibitor is not None or self._pending is not None or not bus.isConnected():
            return
        call = QDBusMessage.createMethodCall(
            "org.freedesktop.login1", "/org/freedesktop/login1", "org.freedesktop.login1.Manager", "Inhibit"
        )
        call.setArguments(["sleep", "Evidence Locker", "Lock the evidence vault before the system sleeps", "delay"])
        self._pending = QDBusPendingCallWatcher(bus.asyncCall(call), self)
        self._pending.finished.connect(self._inhibitor_arrived)

    def _inhibitor_arrived(self, watcher: QDBusPendingCallWatcher) -> None:
        self._pending = None
        reply = watcher.reply()
        watcher.deleteLater()
        if watcher.isError() or not self._wanted:
            return  # no logind (or it refused): the screen-saver and idle locks still apply; or locked meanwhile
        self._inhibitor = reply

    def release_sleep(self) -> None:
        """Close the inhibitor's descriptor (dropping the reply that holds it): logind stops waiting for us."""
        self._wanted = False
        self._inhibitor = None
