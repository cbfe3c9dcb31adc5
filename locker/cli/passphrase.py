"""Where passphrases come from: a hidden prompt on a terminal, or lines on standard input.

Never from a command-line argument (visible to every user in `ps`) and never from the environment.
"""

from __future__ import annotations

import getpass
from typing import TextIO

from locker.errors import UsageError


class PassphraseSource:
    """Reads passphrases for one command run."""

    def __init__(self, from_stdin: bool, stdin: TextIO, stderr: TextIO) -> None:
        self._from_stdin = from_stdin
        self._stdin = stdin
        self._stderr = stderr

    def read(self, prompt: str) -> str:
        """One passphrase: the next stdin line with --passphrase-stdin, else a hidden terminal prompt."""
        if self._from_stdin:
            line = self._stdin.readline()
            if not line:
                raise UsageError("Expected a passphrase on standard input, found none.")
            return line.removesuffix("\n").removesuffix("\r")
        if not self._stdin.isatty():
            raise UsageError(
                "There is no terminal to ask for the passphrase. Use --passphrase-stdin to pass it on standard input."
            )
        return getpass.getpass(prompt, stream=self._stderr)

    def read_new(self, prompt: str) -> str:
        """A new passphrase; on a terminal it is asked twice and must match."""
        first = self.read(prompt)
        if self._from_stdin:
            return first
        second = self.read("Repeat it: ")
        if first != second:
            raise UsageError("The two passphrases differ; nothing was changed.")
        return first
