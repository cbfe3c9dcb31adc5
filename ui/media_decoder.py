"""The thread that drives a sandboxed MediaSession for the player, and the relay that brings its results to the GUI
thread as signals. A burst of seeks decodes only the last one."""

from __future__ import annotations

import queue
import threading
from collections import deque
from typing import Any

from PySide6.QtCore import QObject, Signal

from locker.sandbox.stream import MediaSession, MediaSessionError


class _Relay(QObject):
    """Carries the decoder thread's results to the GUI thread (queued: the relay lives there)."""

    opened = Signal(object)  # MediaInfo
    batch = Signal(int, object)  # generation, Batch
    failed = Signal(str)


class _Decoder:
    """The MediaSession on a Python thread of its own; commands arrive through a queue, in order."""

    def __init__(self, session: MediaSession, relay: _Relay) -> None:
        self._session = session
        self._relay = relay
        self._commands: queue.Queue[tuple[str, int, float]] = queue.Queue()
        self._held: deque[tuple[str, int, float]] = deque()  # taken from the queue, not yet done (this thread only)
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="media-decoder", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def seek(self, generation: int, seconds: float) -> None:
        self._commands.put(("seek", generation, seconds))

    def request(self, generation: int, milliseconds: float) -> None:
        self._commands.put(("next", generation, milliseconds))

    def stop(self) -> None:
        """Kill the child now (a thread blocked on it wakes up) and end the thread."""
        self._stopping = True
        self._commands.put(("stop", 0, 0.0))
        self._session.close()

    def _run(self) -> None:
        try:
            info = self._session.open()
            self._emit(self._relay.opened, info)
            while True:
                op, generation, value = self._next_command()
                if op == "stop" or self._stopping:
                    return
                if op == "seek":
                    self._session.seek(value)
                else:
                    batch = self._session.next_batch(value)
                    self._emit(self._relay.batch, generation, batch)
        except MediaSessionError as exc:
            if not self._stopping:
                self._emit(self._relay.failed, str(exc))
        finally:
            self._session.close()

    def _next_command(self) -> tuple[str, int, float]:
        """The next command; when a seek is queued behind others, what comes before it is no longer wanted."""
        if not self._held:
            self._held.append(self._commands.get())
        while not self._commands.empty():
            self._held.append(self._commands.get_nowait())
        if any(op == "stop" for op, _, _ in self._held):
            return ("stop", 0, 0.0)
        seeks = [i for i, (op, _, _) in enumerate(self._held) if op == "seek"]
        for _ in range(seeks[-1] if seeks else 0):
            self._held.popleft()
        return self._held.popleft()

    def _emit(self, signal: Any, *args: object) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:  # the widget is gone
            self._stopping = True
