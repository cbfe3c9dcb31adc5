"""Human-readable output helpers for the CLI."""

from __future__ import annotations

import unicodedata
from typing import TextIO

from locker.units import human_size

__all__ = ["TerminalProgress", "human_size", "printable"]


def printable(untrusted_text: str) -> str:
    """Text safe to print on a terminal: control and bidi characters shown as escapes, never interpreted."""
    return "".join(
        ch if unicodedata.category(ch) not in {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"} else f"\\u{ord(ch):04x}"
        for ch in untrusted_text
    )


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
