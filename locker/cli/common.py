"""What every command shares, and what `locker panic` and `locker --help` may import: nothing here loads the
vault, the parsers or the bundle code (tests/test_lean_entry.py checks the modules each entry loads)."""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from locker.vault.paths import default_vault_dir


@dataclass
class Console:
    """The streams a command talks to; injected so tests need no globals."""

    stdin: TextIO
    stdout: TextIO
    stderr: TextIO

    def out(self, text: str = "") -> None:
        self.stdout.write(valid_text(text) + "\n")

    def err(self, text: str) -> None:
        self.stderr.write(valid_text(text) + "\n")

    def json(self, data: Any) -> None:
        self.stdout.write(valid_text(json.dumps(data, ensure_ascii=False, indent=2)) + "\n")


def valid_text(text: str) -> str:
    """`text` with the lone surrogates that stand for a path's non-UTF-8 bytes shown as U+FFFD: printing them would
    fail in a UTF-8 locale (after the work is done) or write invalid UTF-8 in others."""
    if not any("\ud800" <= ch <= "\udfff" for ch in text):
        return text
    return "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in text)


def vault_dir(args: argparse.Namespace) -> Path:
    """The vault folder a command works on: --vault, else $LOCKER_VAULT, else the user data dir."""
    return Path(args.vault).expanduser() if args.vault else default_vault_dir()
