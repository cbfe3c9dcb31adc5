"""Import progress on a terminal: one rewritten status line on stderr, nothing when stderr is not a terminal."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

from locker.cli.format import TerminalProgress
from tests.conftest import PASSPHRASE, write_file


class _FakeTty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_line_is_written_only_to_a_terminal() -> None:
    tty = _FakeTty()
    TerminalProgress(tty).show("1.0 MiB / 2.0 MiB  file 1 of 2: a.bin")
    assert tty.getvalue() == "\r\x1b[2K1.0 MiB / 2.0 MiB  file 1 of 2: a.bin"
    pipe = io.StringIO()
    TerminalProgress(pipe).show("anything")
    assert pipe.getvalue() == ""


def test_cli_import_on_a_terminal_shows_bytes_and_files(closed_vault: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_file(folder / "a.bin", os.urandom(3 << 20))
    write_file(folder / "b.bin", os.urandom(1000))
    controller, terminal = pty.openpty()
    env = dict(os.environ, LOCKER_VAULT=str(closed_vault))
    proc = subprocess.Popen(
        [sys.executable, "-m", "locker", "import", "--passphrase-stdin", str(folder)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=terminal,
        env=env,
    )
    os.close(terminal)
    out, _ = proc.communicate(PASSPHRASE.encode() + b"\n", timeout=120)
    chunks = []
    while True:
        try:
            data = os.read(controller, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(controller)
    screen = b"".join(chunks).decode()
    assert proc.returncode == 0, screen
    assert "file 1 of 2: a.bin" in screen
    assert "MiB / 3.0 MiB" in screen
    assert out.decode().count("imported") == 2
