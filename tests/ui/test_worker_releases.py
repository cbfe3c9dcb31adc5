"""A task's callbacks (a dialog and the item it shows) are released once the task reports: nothing outlives Lock
because the task runner still holds it."""

from __future__ import annotations

import gc
import weakref

from pytestqt.qtbot import QtBot

from ui.worker import TaskRunner


class _Dialog:
    def __init__(self, secret: str) -> None:
        self.secret = secret
        self.results: list[object] = []

    def done(self, result: object) -> None:
        self.results.append(result)

    def failed(self, exc: BaseException) -> None:
        self.results.append(exc)


def _boom() -> None:
    raise ValueError("task failed")


def test_callbacks_are_released_after_success_and_failure(qtbot: QtBot) -> None:
    runner = TaskRunner()
    refs = []
    for work in (lambda: 42, _boom):
        dialog = _Dialog("a note the dialog showed")
        refs.append(weakref.ref(dialog))
        runner.run(work, dialog.done, dialog.failed)
        qtbot.waitUntil(lambda d=dialog: bool(d.results), timeout=10_000)  # type: ignore[misc]
        del dialog
    qtbot.wait(50)  # the relays' deferred deletion
    gc.collect()
    assert [ref() for ref in refs] == [None, None]
