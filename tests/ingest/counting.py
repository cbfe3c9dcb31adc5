"""A real sandbox runner that counts its jobs (each one fork of a confined child), for the batching tests."""

from __future__ import annotations

from typing import Any

from locker.sandbox.runner import SandboxRunner


class CountingRunner(SandboxRunner):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.jobs = 0
        pool_run = self._pool.run

        def counted(*args: Any) -> Any:
            self.jobs += 1
            return pool_run(*args)

        self._pool.run = counted  # type: ignore[method-assign]
