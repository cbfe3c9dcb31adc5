"""A passphrase typed at the terminal prompt leaves no copy in the CLI's memory once the command has used it.

The child is a real terminal session (a pseudo-terminal that is its controlling terminal): it reads the passphrase
the way `locker` does, derives the key from it as `Vault.open` does, and then lets go of it as `locker` does when a
command ends, while a variable still refers to it. "getpass" is the control: the standard library's prompt used the
same way leaves the passphrase readable.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import subprocess
import sys
import termios
import textwrap
import time
from pathlib import Path

import pytest

from locker.crypto.kdf import KdfParams
from locker.vault.vault import Vault
from tests.panic.memscan import count_in_memory

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads another process's memory through /proc")

CHILD = textwrap.dedent(
    """
    import getpass, sys
    from locker.cli.passphrase import PassphraseSource, wipe_handed_out
    from locker.crypto.kdf import KdfParams, derive_kek, normalise_passphrase
    if sys.argv[1] == "open_vault":  # what every vault command does first; the vault stays open while it works
        import argparse
        from locker.cli.commands import Console, open_vault
        sys.stderr.write("Passphrase: ")
        sys.stderr.flush()
        args = argparse.Namespace(vault=sys.argv[2], passphrase_stdin=False)
        vault = open_vault(args, Console(sys.stdin, sys.stdout, sys.stderr))
        print("fingerprint", len(vault.fingerprint()) > 0, flush=True)
    else:
        if sys.argv[1] == "ours":
            phrase = PassphraseSource(False, sys.stdin, sys.stderr).read("Passphrase: ")
        else:
            phrase = getpass.getpass("Passphrase: ", stream=sys.stderr)
        derive_kek(normalise_passphrase(phrase), bytes(32), KdfParams(1024, 1, 1))
        wipe_handed_out()  # what `locker` does when a command ends; `phrase` is still referenced, as a local is
    print("done", flush=True)
    sys.stdin.readline()
    """
)


def _take_terminal() -> None:
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)  # stdin (the pty) becomes the controlling terminal, /dev/tty


@pytest.mark.parametrize("way", ["ours", "open_vault", "getpass"])
def test_a_passphrase_typed_at_the_prompt_is_not_echoed_and_leaves_no_copy(way: str, tmp_path: Path) -> None:
    passphrase = "Ёжик в тумане " + os.urandom(6).hex()
    if way == "open_vault":
        Vault.create(tmp_path / "v", passphrase, KdfParams(8, 1, 1)).close()
    master, slave = os.openpty()
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, way, str(tmp_path / "v")], stdin=slave, stdout=subprocess.PIPE, stderr=slave,
        start_new_session=True, preexec_fn=_take_terminal,
    )  # fmt: skip
    os.close(slave)
    assert child.stdout is not None
    try:
        shown = b""
        while b"Passphrase: " not in shown:
            shown += os.read(master, 1024)
        time.sleep(0.2)  # the prompt is written before echo is turned off
        os.write(master, passphrase.encode() + b"\n")
        if way == "open_vault":
            assert child.stdout.readline().strip() == b"fingerprint True"
        else:
            assert child.stdout.readline().strip() == b"done"
        found = count_in_memory(child.pid, [passphrase.encode(), passphrase.encode("utf-16-le"),
                                            passphrase[5:].encode(), passphrase[5:].encode("utf-32-le")])  # fmt: skip
        os.set_blocking(master, False)
        with contextlib.suppress(BlockingIOError):
            shown += os.read(master, 4096)
        os.write(master, b"\n")
    finally:
        child.wait(20)
        os.close(master)
    assert passphrase.encode() not in shown, "the terminal echoed the passphrase"
    if way != "getpass":
        assert found == [0, 0, 0, 0], found
    else:
        assert sum(found) >= 1, f"control: getpass leaves copies {found}"


PROMPT_CHILD = textwrap.dedent(
    """
    import sys
    from locker.cli.passphrase import PassphraseSource
    from locker.errors import UsageError
    try:
        phrase = PassphraseSource(False, sys.stdin, sys.stderr).read("Passphrase: ")
    except UsageError as exc:
        print("refused", exc, flush=True)
    else:
        print("read", len(phrase.encode()), flush=True)
    """
)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (b"\x04", "refused No passphrase was typed"),  # Ctrl+D: never a try that wipe-after would count
        (b"\n", "refused No passphrase was typed"),
        (b"x" * 5000 + b"\n", "refused The passphrase is too long for a terminal prompt"),  # the tty cuts at 4095
        (b"x" * 4000 + b"\n", "read 4000"),
    ],
    ids=["ctrl-d", "enter", "cut by the terminal", "long but whole"],
)
def test_the_prompt_refuses_what_it_cannot_have_read_whole(typed: bytes, expected: str) -> None:
    master, slave = os.openpty()
    child = subprocess.Popen(
        [sys.executable, "-c", PROMPT_CHILD], stdin=slave, stdout=subprocess.PIPE, stderr=slave,
        start_new_session=True, preexec_fn=_take_terminal,
    )  # fmt: skip
    os.close(slave)
    assert child.stdout is not None
    try:
        shown = b""
        while b"Passphrase: " not in shown:
            shown += os.read(master, 1024)
        time.sleep(0.2)
        for at in range(0, len(typed), 512):  # a terminal takes typed input in pieces
            os.write(master, typed[at : at + 512])
        answer = child.stdout.readline().decode()
    finally:
        child.kill()
        child.wait(20)
        os.close(master)
    assert answer.startswith(expected), answer
