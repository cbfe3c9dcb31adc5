"""Suspend and screen-lock notifications from the desktop (logind and the ScreenSaver service over D-Bus).

Linux only; elsewhere, and where no bus answers, nothing is connected and the idle timer still locks.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import SLOT, QObject, Slot
from PySide6.QtDBus import QDBusConnection


class SystemEvents(QObject):
    """Calls `on_sleep_or_lock()` when the system prepares to sleep or the screen saver activates."""

    def __init__(self, on_sleep_or_lock: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._callback = on_sleep_or_lock
        self.connected: list[str] = []
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
