"""Panic and auto-lock for the desktop app.

One application-wide event filter sees every key press and every input event of every window, modal dialogs
included: the panic shortcut works wherever focus is, and any input counts as activity for the idle timer. The
idle time is measured on a monotonic clock (injectable for tests), so changing the wall clock cannot stop it.
`locker panic` reaches the app through the core's PanicListener; its thread destroys the header itself before
asking the GUI thread to tidy up, so a busy event loop cannot delay the erase.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication

from locker.panic.channel import PanicListener, PanicMode
from locker.settings import DEFAULT_PANIC_SHORTCUT
from ui.panic_key import usable_panic_key

_INPUT_EVENTS = {
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}  # fmt: skip


class SessionGuard(QObject):
    """Emits `panic(mode)` for the shortcut or a `locker panic`, and `idle_timeout()` after inactivity."""

    #: A panic was requested; the argument is the PanicMode. Always delivered on the GUI thread.
    panic = Signal(object)
    #: Nothing was typed or clicked for `idle_minutes`.
    idle_timeout = Signal()

    def __init__(
        self,
        app: QApplication,
        panic_mode: PanicMode = PanicMode.LOCK,
        shortcut: str = DEFAULT_PANIC_SHORTCUT,
        idle_minutes: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
        check_interval_ms: int = 5000,
    ) -> None:
        super().__init__(app)
        self.panic_mode = panic_mode
        self._shortcut = usable_panic_key(shortcut)
        self._practising = False
        self.idle_minutes = idle_minutes
        self._clock = clock
        self._last_input = clock()
        self._listener: PanicListener | None = None
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check_idle)
        self._timer.start(check_interval_ms)
        app.installEventFilter(self)

    def set_shortcut(self, shortcut: str) -> None:
        """Use `shortcut` as the panic key; one that is not allowed (Esc, too few modifiers) means the default."""
        self._shortcut = usable_panic_key(shortcut)

    def shortcut(self) -> QKeySequence:
        """The panic key in force."""
        return self._shortcut

    def practise(self) -> None:
        """Until `stop_practising`, the panic key only locks, whatever the mode: a rehearsal that destroys nothing."""
        self._practising = True

    def stop_practising(self) -> None:
        self._practising = False

    # -- shortcut and activity ---------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS:
            self._last_input = self._clock()
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            pressed = QKeySequence(event.keyCombination())
            if pressed.matches(self._shortcut) == QKeySequence.SequenceMatch.ExactMatch:
                mode = PanicMode.LOCK if self._practising else self.panic_mode
                self._practising = False
                self.panic.emit(mode)
                return True
        return False

    def check_idle(self) -> None:
        """Emit idle_timeout once the idle time passed (called by the timer; tests call it directly)."""
        if self.idle_minutes > 0 and self._clock() - self._last_input >= self.idle_minutes * 60:
            self._last_input = self._clock()
            self.idle_timeout.emit()

    def system_suspending(self) -> None:
        """The system is about to sleep or the screen locked: treat it as idle at once."""
        self.idle_timeout.emit()

    # -- `locker panic` from outside ---------------------------------------------------------------------------

    def listen_for(self, vault_root: Path, erase_now: Callable[[], object]) -> None:
        """Accept `locker panic` for this vault. For erase, `erase_now` runs on the listener thread first."""
        self.stop_listening()

        def on_panic(mode: PanicMode) -> None:
            if mode is PanicMode.ERASE:
                erase_now()
            self.panic.emit(mode)  # queued to the GUI thread (this object lives there)

        self._listener = PanicListener(vault_root, on_panic)

    def stop_listening(self) -> None:
        if self._listener is not None:
            self._listener.close()
            self._listener = None


class ClipboardWatch(QObject):
    """Remembers (as a SHA-256 digest, not the text) what this app put on the clipboard, to empty it on lock.

    A copy counts as ours when the clipboard changes while one of our windows is active: the detail panel's copy
    buttons, and Ctrl+C in any of our fields or labels. `QClipboard.ownsClipboard()` alone is not enough: some
    platforms (Qt's offscreen one, Wayland without data-control) always say False.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ours: bytes | None = None
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.dataChanged.connect(self._changed)

    def _changed(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard is None:
            return
        if QGuiApplication.applicationState() == Qt.ApplicationState.ApplicationActive or clipboard.ownsClipboard():
            self._ours = _digest(clipboard.text())
        elif self._ours is not None and _digest(clipboard.text()) != self._ours:
            self._ours = None  # another program replaced it: leave the user's own clipboard alone

    def clear_if_ours(self) -> bool:
        """Empty the clipboard if it still holds what this app copied (a hash, an id, a note). True if cleared."""
        clipboard = QGuiApplication.clipboard()
        if clipboard is None:
            return False
        if clipboard.ownsClipboard() or (self._ours is not None and _digest(clipboard.text()) == self._ours):
            clipboard.clear()
            self._ours = None
            return True
        return False


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()
