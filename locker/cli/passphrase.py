"""Where passphrases come from: a hidden prompt on a terminal, or lines on standard input.

Never from a command-line argument (visible to every user in `ps`) and never from the environment. On a terminal
the passphrase is read byte by byte from /dev/tty with echo off into a bytearray, decoded once, and the bytearray
zeroed: `getpass` would leave its line in the text layer's buffers and a `bytes` copy nobody can wipe. Every
passphrase handed out is a `str` that `wipe_handed_out()` overwrites once the command is done with it.
"""

from __future__ import annotations

import atexit
import getpass
import os
from typing import TextIO

from locker.cli.errors import (
    NoPassphraseOnStdin,
    NoPassphraseTyped,
    NoTerminal,
    PassphraseNotUtf8,
    PassphrasesDiffer,
    PassphraseTooLongForTerminal,
)
from locker.crypto.secret import wipe_buffer, wipe_text

_handed_out: list[str] = []
_MAX_BYTES = 4096
#: A terminal in line mode keeps at most 4095 characters of a line and drops the rest without a word (Linux n_tty).
_TERMINAL_LINE_MAX = 4095


def wipe_handed_out() -> None:
    """Overwrite every passphrase this process read (call when the command has finished with them; `open_vault`
    does once the vault is open, and an exit hook catches the rest when the command ends)."""
    while _handed_out:
        wipe_text(_handed_out.pop())


atexit.register(wipe_handed_out)


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
                raise NoPassphraseOnStdin()
            phrase = line.removesuffix("\n").removesuffix("\r")
            _handed_out.extend((line, phrase))
            return phrase
        if not self._stdin.isatty():
            raise NoTerminal()
        phrase = _read_hidden(prompt, self._stderr)
        _handed_out.append(phrase)
        if not phrase:  # Enter alone or Ctrl+D: never tried, so never counted as a wrong passphrase (wipe-after)
            raise NoPassphraseTyped()
        return phrase

    def read_new(self, prompt: str) -> str:
        """A new passphrase; on a terminal it is asked twice and must match."""
        first = self.read(prompt)
        if self._from_stdin:
            return first
        second = self.read("Repeat it: ")
        if first != second:
            raise PassphrasesDiffer()
        return first


def _read_hidden(prompt: str, stderr: TextIO) -> str:
    """A line from the controlling terminal with echo off, without an unwipeable copy on the way."""
    try:
        import termios  # noqa: PLC0415 - POSIX only

        tty = os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY)
    except (ImportError, OSError):
        return getpass.getpass(prompt, stream=stderr)  # no /dev/tty (Windows): the standard library's prompt
    line = bytearray(_MAX_BYTES)  # allocated once: growing it would free partial copies along the way
    length = 0
    try:
        saved = termios.tcgetattr(tty)
        quiet = termios.tcgetattr(tty)
        quiet[3] &= ~termios.ECHO  # lflags; canonical mode stays on, so the terminal still edits the line
        stderr.write(prompt)
        stderr.flush()
        termios.tcsetattr(tty, termios.TCSAFLUSH, quiet)
        try:
            while True:
                byte = os.read(tty, 1)  # one-byte `bytes` objects are CPython's shared singletons: no copies
                if byte in (b"", b"\n", b"\r"):
                    break
                if length == _MAX_BYTES:
                    raise PassphraseTooLongForTerminal()
                line[length] = byte[0]
                length += 1
            if length >= _TERMINAL_LINE_MAX:  # the terminal cut the line there: what was typed is not all here
                raise PassphraseTooLongForTerminal()
        finally:
            termios.tcsetattr(tty, termios.TCSAFLUSH, saved)
            stderr.write("\n")
            stderr.flush()
        try:
            with memoryview(line) as view:
                return str(view[:length], "utf-8")
        except UnicodeDecodeError:
            raise PassphraseNotUtf8() from None
    finally:
        wipe_buffer(line)
        os.close(tty)
