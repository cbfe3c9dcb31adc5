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


# A private bus plays the system bus; a second connection in the same process plays logind: it hands out the write
# end of a pipe as the inhibitor, so the read end sees end-of-file exactly when every copy of it is closed.
LOGIND_PROBE = textwrap.dedent(
    """
    import os, select
    os.environ["DBUS_SYSTEM_BUS_ADDRESS"] = os.environ["DBUS_SESSION_BUS_ADDRESS"]
    from PySide6.QtCore import QTimer
    from PySide6.QtDBus import QDBusConnection, QDBusMessage, QDBusUnixFileDescriptor, QDBusVirtualObject
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from ui.system_events import SystemEvents
    logind_bus = QDBusConnection.connectToBus(os.environ["DBUS_SESSION_BUS_ADDRESS"], "fake-logind")
    released, inhibitor = os.pipe()
    calls = []

    class Logind(QDBusVirtualObject):
        def introspect(self, path):
            return ""

        def handleMessage(self, message, connection):
            calls.append(message.arguments())
            fd = QDBusUnixFileDescriptor(inhibitor)
            connection.send(message.createReply([fd]))
            del fd
            os.close(inhibitor)  # from now on only the app holds the write end
            return True

    logind = Logind()
    assert logind_bus.registerService("org.freedesktop.login1")
    assert logind_bus.registerVirtualObject("/org/freedesktop/login1", logind)

    def is_released():
        return bool(select.select([released], [], [], 0)[0])  # end-of-file: no write end left anywhere

    locks = []
    from PySide6.QtWidgets import QWidget
    window = QWidget()  # stands for the main window, which Lock closes with deleteLater
    gone = []
    window.destroyed.connect(lambda: gone.append(True))

    def lock():
        locks.append("held during lock" if events.holding_sleep else "not held")
        window.deleteLater()

    events = SystemEvents(lock)
    events.hold_sleep()  # what the app does when a vault is unlocked
    release = events.release_sleep

    def release_sleep():
        print("window deleted before the release:", bool(gone))
        release()

    events.release_sleep = release_sleep

    def check_held():
        print("inhibit call:", calls)
        print("held:", events.holding_sleep, "released:", is_released())
        signal = QDBusMessage.createSignal(
            "/org/freedesktop/login1", "org.freedesktop.login1.Manager", "PrepareForSleep")
        signal.setArguments([True])
        logind_bus.send(signal)

    def check_released():
        print("locks:", locks)
        print("after sleep announced, released:", is_released())
        app.quit()

    QTimer.singleShot(300, check_held)
    QTimer.singleShot(900, check_released)
    app.exec()
    """
)


@pytest.mark.skipif(shutil.which("dbus-run-session") is None, reason="dbus-run-session (dbus-daemon) is not installed")
def test_sleep_is_delayed_until_the_vault_is_locked_then_released() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        ["dbus-run-session", "--", sys.executable, "-c", LOGIND_PROBE],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert (
        "inhibit call: [['sleep', 'Evidence Locker', 'Lock the evidence vault before the system sleeps', 'delay']]"
        in (result.stdout)
    )
    assert "held: True released: False" in result.stdout, "the inhibitor is held while unlocked"
    assert "locks: ['held during lock']" in result.stdout, "PrepareForSleep(true) locks once, before releasing"
    assert "after sleep announced, released: True" in result.stdout, "then the inhibitor is closed"
    assert "window deleted before the release: True" in result.stdout, "what the windows showed is freed first"
