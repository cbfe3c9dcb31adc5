"""Human-readable output helpers for the CLI."""

from __future__ import annotations

from typing import TextIO

from locker.textsafe import printable
from locker.units import human_size

__all__ = ["TerminalProgress", "human_size", "printable"]


class TerminalProgress:
    """One self-rewriting status line on stderr, only when stderr is a terminal."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._enabled = stream.isatty()
        self._last = ""

    def show(self, text: str) -> None:
        if not self._enabled or text == self._last:
            return
        self._last = text
        self._stream.write("\r\x1b[2K" + text)
        self._stream.flush()

    def done(self) -> None:
        if self._enabled and self._last:
            self._stream.write("\r\x1b[2K")
            self._stream.flush()
            self._last = ""
