"""Screen lock reaches the app over D-Bus: a private session bus, a fake screen saver, a real signal."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap

import pytest

PROBE = textwrap.dedent(
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtDBus import QDBusConnection, QDBusMessage
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from ui.system_events import SystemEvents
    fired = []
    events = SystemEvents(lambda: fired.append(1))
    bus = QDBusConnection.sessionBus()
    bus.registerService("org.freedesktop.ScreenSaver")  # we play the desktop's screen saver
    def emit(active):
        message = QDBusMessage.createSignal(
            "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver", "ActiveChanged")
        message.setArguments([active])
        bus.send(message)
    QTimer.singleShot(100, lambda: emit(False))
    QTimer.singleShot(200, lambda: emit(True))
    QTimer.singleShot(1000, app.quit)
    app.exec()
    print("connected:", ",".join(events.connected))
    print("fired:", len(fired))
    """
)


@pytest.mark.skipif(shutil.which("dbus-run-session") is None, reason="dbus-run-session (dbus-daemon) is not installed")
def test_screen_saver_activation_on_the_session_bus_triggers_lock() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        ["dbus-run-session", "--", sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "screen saver" in result.stdout
    assert "fired: 1" in result.stdout, "ActiveChanged(true) locks once; ActiveChanged(false) does nothing"
