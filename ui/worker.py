"""The one helper that runs long work off the GUI thread (QThreadPool), delivering results on the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    """Carries a result or an error from the pool thread back to the thread that owns this object."""

    succeeded = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        relay = self._relay
        try:
            result = self._fn()
        except Exception as exc:  # noqa: BLE001 - every failure is shown to the user by the caller's handler
            relay.failed.emit(exc)
        else:
            relay.succeeded.emit(result)
        # The GUI thread holds the relay from here on, so it is never destroyed on this pool thread.
        self._relay = None  # type: ignore[assignment]
        self._fn = None  # type: ignore[assignment]


class TaskRunner:
    """Runs `fn` on a pool thread; `on_done(result)` or `on_error(exc)` run on the GUI thread."""

    def __init__(self, pool: QThreadPool | None = None) -> None:
        self._pool = pool or QThreadPool.globalInstance()
        self._relays: set[_Relay] = set()
        #: The last relay that reported, kept until the next one reports: a relay must not be destroyed while it
        #: is still delivering its own signal (that crashes), so the previous one is let go instead.
        self._retired: list[_Relay] = []

    def run(
        self, fn: Callable[[], Any], on_done: Callable[[Any], None], on_error: Callable[[BaseException], None]
    ) -> None:
        relay = _Relay()
        self._relays.add(relay)  # keep it alive until the task reports

        def finish(handler: Callable[[Any], None], value: Any) -> None:
            self._relays.discard(relay)
            # The connections hold these closures and the closures hold the relay: a cycle the garbage collector
            # cannot see through Qt, which kept every dialog that ran a task (and the item it showed) alive after
            # Lock. Cutting the connections frees them as soon as the handler returns; the relay itself goes when
            # the next one reports.
            relay.succeeded.disconnect()
            relay.failed.disconnect()
            self._retired[:] = [relay]
            handler(value)

        relay.succeeded.connect(lambda result: finish(on_done, result))
        relay.failed.connect(lambda exc: finish(on_error, exc))
        self._pool.start(_Task(fn, relay))

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until all tasks ended (tests and shutdown only)."""
        return bool(self._pool.waitForDone(msecs))
