"""`locker receive` as a user runs it: it prints the PIN and fingerprint, asks before accepting, stores, stops."""

from __future__ import annotations

import hashlib
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from locker.vault.custody import events
from locker.vault.items import list_items
from locker.vault.vault import Vault
from tests.conftest import PASSPHRASE, PROJECT_ROOT
from tests.receive.helpers import one_file, prepare, tls_socket, upload


@dataclass
class Running:
    """The command's process and what it printed first: enough to talk to it like a phone would."""

    process: subprocess.Popen[str]
    port: int
    banner: list[str]


@contextmanager
def locker_receive(vault_dir: Path, *args: str, answers: str = "") -> Iterator[Running]:
    env = dict(os.environ, PYTHONPATH=str(PROJECT_ROOT))
    command = [sys.executable, "-m", "locker", "receive", "--vault", str(vault_dir), "--passphrase-stdin",
               "--bind", "127.0.0.1", "--port", "0", "--no-discovery", *args]  # fmt: skip
    process = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(PASSPHRASE + "\n" + answers)
    process.stdin.flush()
    banner = [process.stdout.readline() for _ in range(4)]
    assert "on port" in banner[0], banner
    port = int(banner[0].rsplit("port ", 1)[1].rstrip(".\n"))
    try:
        yield Running(process, port, banner)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
        process.wait(60)


def test_receive_prints_pin_and_fingerprint_asks_and_stores_the_accepted_file(closed_vault: Path) -> None:
    data = b"a video from the rally" * 1000
    with locker_receive(closed_vault, "--pin", "246810", "--case", "Rally", answers="y\n") as running:
        assert running.banner[1] == "PIN: 246810\n"
        sock = tls_socket(running)
        der = sock.getpeercert(binary_form=True) or b""
        sock.close()
        assert running.banner[2] == f"Certificate fingerprint: {hashlib.sha256(der).hexdigest().upper()}\n"
        answer = prepare(running, one_file("VID 1.mp4", data), pin="246810").json()
        reply = upload(running, answer["sessionId"], "f1", answer["files"]["f1"], data)
        assert reply.status == 200
        running.process.send_signal(signal.SIGINT)
        assert running.process.wait(60) == 0
        stderr = running.process.stderr.read() if running.process.stderr else ""
    assert "“Test phone” (Pixel) at 127.0.0.1 wants to send 1 file(s)" in stderr
    assert "Its certificate: not verified: the sender did not say on which port its own server listens" in stderr
    assert "Accept these files into the vault? [y/N]" in stderr
    assert "VID 1.mp4: stored as" in stderr
    with Vault.open(closed_vault, PASSPHRASE) as vault, vault.session() as conn:
        (item,) = list_items(conn)
        assert item.sha256 == hashlib.sha256(data).hexdigest() and item.case == "Rally"
        assert [e.action for e in events(conn, item.id)][:2] == ["imported", "received"]


def test_receive_stores_nothing_the_user_declines(closed_vault: Path) -> None:
    with locker_receive(closed_vault, "--no-pin", answers="n\n") as running:
        assert running.banner[1].startswith("PIN: none")
        assert prepare(running, one_file("a.jpg", b"x"), pin=None).status == 403
    with Vault.open(closed_vault, PASSPHRASE) as vault, vault.session() as conn:
        assert list_items(conn) == []


def test_receive_refuses_to_listen_on_a_public_address(closed_vault: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "locker", "receive", "--vault", str(closed_vault), "--bind", "8.8.8.8"],
        capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(PROJECT_ROOT)), timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert "--bind must be an address of the local network" in done.stderr


def test_receive_says_so_when_the_port_is_taken(closed_vault: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "locker", "receive", "--vault", str(closed_vault), "--passphrase-stdin",
             "--bind", "127.0.0.1", "--port", str(port), "--no-discovery"],
            input=PASSPHRASE + "\n", capture_output=True, text=True, timeout=120, check=False,
            env=dict(os.environ, PYTHONPATH=str(PROJECT_ROOT)),
        )  # fmt: skip
    assert done.returncode == 1
    assert f"Port {port} is already in use on this computer (is the LocalSend app running here?)" in done.stderr


def test_receive_without_a_local_network_says_so_and_listens_nowhere(closed_vault: Path) -> None:
    """In a network namespace with no network at all there is no local-network address: nothing is bound."""
    done = subprocess.run(
        ["unshare", "--net", "--map-root-user", sys.executable, "-m", "locker", "receive", "--vault",
         str(closed_vault), "--passphrase-stdin", "--no-discovery"],
        input=PASSPHRASE + "\n", capture_output=True, text=True, timeout=120, check=False,
        env=dict(os.environ, PYTHONPATH=str(PROJECT_ROOT)),
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert "This computer is not connected to a local network (Wi-Fi or cable)" in done.stderr


def test_receive_warns_when_the_network_process_could_not_be_locked_out_of_files(closed_vault: Path) -> None:
    """`locker receive` with a network child that reports no Landlock (as on an old kernel) says what that means."""
    patched = (
        "import runpy, sys\n"
        "import locker.receive.link as link\n"
        "link.sandbox_command = lambda role: [sys.executable, '-m', 'tests.receive.fake_child', 'not-locked']\n"
        "sys.argv = ['locker', *sys.argv[1:]]\n"
        "runpy.run_module('locker', run_name='__main__', alter_sys=True)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(PROJECT_ROOT))
    command = [sys.executable, "-c", patched, "receive", "--vault", str(closed_vault), "--passphrase-stdin",
               "--bind", "127.0.0.1", "--port", "0", "--no-discovery"]  # fmt: skip
    process = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(PASSPHRASE + "\n")
    process.stdin.flush()
    banner = [process.stdout.readline() for _ in range(4)]
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=60)
    assert "on port" in banner[0], (banner, err)
    assert "could not lock the receiver's network process out of your files" in err, err


def test_receive_gives_no_such_warning_where_the_network_process_is_locked_out(closed_vault: Path) -> None:
    from locker.sandbox.confine import landlock_abi

    if not (sys.platform == "linux" and landlock_abi() > 0):
        pytest.skip("this kernel has no Landlock: the warning is right here")
    with locker_receive(closed_vault) as running:
        running.process.send_signal(signal.SIGINT)
        _out, err = running.process.communicate(timeout=60)
    assert "out of your files" not in err, err
