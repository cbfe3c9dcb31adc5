"""Sandbox work for one window: run on the worker helper one job at a time, in one sandbox kept while it is open.

A viewer asks for many renderings (page after page, zoom after zoom); only the newest request that is waiting is
kept, so holding PageDown does not queue a rendering of every page. Results arrive on the GUI thread; after
`close()` they are dropped and the sandbox is stopped (at once, or when the job in progress ends).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from locker.sandbox.runner import SandboxRunner
from ui.worker import TaskRunner

Job = tuple[Callable[[SandboxRunner], Any], Callable[[Any], None], Callable[[BaseException], None]]


class SandboxJobs:
    def __init__(self, runner: TaskRunner, sandbox: SandboxRunner | None = None) -> None:
        self._runner = runner
        self._sandbox = sandbox or SandboxRunner()
        self._busy = False
        self._waiting: Job | None = None
        self._closed = False

    @property
    def busy(self) -> bool:
        return self._busy or self._waiting is not None

    def submit(
        self, work: Callable[[SandboxRunner], Any], done: Callable[[Any], None], failed: Callable[[BaseException], None]
    ) -> None:
        """Run `work(sandbox)` on the worker; `done(result)` or `failed(exc)` on the GUI thread."""
        if self._closed:
            return
        if self._busy:
            self._waiting = (work, done, failed)
            return
        self._busy = True
        sandbox = self._sandbox
        self._runner.run(lambda: work(sandbox), lambda r: self._finish(done, r), lambda e: self._finish(failed, e))

    def _finish(self, handler: Callable[[Any], None], value: Any) -> None:
        self._busy = False
        if self._closed:
            self._sandbox.close()
            return
        handler(value)
        if self._waiting is not None and not self._busy:
            job, self._waiting = self._waiting, None
            self.submit(*job)

    def close(self) -> None:
        self._closed = True
        self._waiting = None
        if not self._busy:
            self._sandbox.close()
