"""The containment of the receiver: the network is read in a child that never had the vault, and the app trusts
nothing that child says (locker/receive/child.py, link.py, messages.py)."""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from locker.receive.receiver import EventKind, Receiver, ReceiverSettings
from locker.sandbox.confine import landlock_abi
from locker.vault.check import check_vault
from locker.vault.vault import Vault
from tests.receive.helpers import (
    PIN,
    Recorder,
    chunk_count,
    item_count,
    one_file,
    prepare,
    running_receiver,
    send_one,
    tls_socket,
    upload,
    wait_until,
)

REPO = Path(__file__).resolve().parents[2]


def _memory_holds(pid: int | str, needle: bytes) -> bool:
    """Whether any readable, writable region of process `pid` holds `needle` (where keys and heaps live)."""
    found = False
    with open(f"/proc/{pid}/maps") as maps, open(f"/proc/{pid}/mem", "rb", buffering=0) as mem:
        for line in maps:
            span, perms = line.split()[:2]
            if not perms.startswith("rw"):
                continue
            start, end = (int(x, 16) for x in span.split("-"))
            try:
                mem.seek(start)
                found = found or needle in mem.read(end - start)
            except (OSError, OverflowError, ValueError):
                continue
    return found


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
def test_the_network_child_never_had_the_vault_and_runs_locked_in(vault: Vault) -> None:
    recorder = Recorder()
    key = bytes(vault.master_key.buffer)
    with running_receiver(vault, recorder) as receiver:
        pid = receiver.child_pid
        assert b"locker.receive.child" in Path(f"/proc/{pid}/cmdline").read_bytes()
        # The child locks itself in once it has set up TLS, before it serves anything.
        assert wait_until(lambda: re.search(r"^NoNewPrivs:\s+1$", Path(f"/proc/{pid}/status").read_text(), re.M))
        # The vault's database library is loaded in the app, never in the child.
        assert "sqlcipher" in Path("/proc/self/maps").read_text()
        assert "sqlcipher" not in Path(f"/proc/{pid}/maps").read_text()
        # The scan finds the key where it is (the app), and not in the child.
        assert _memory_holds("self", key)
        assert not _memory_holds(pid, key)


def _run_locked_down(script: str) -> Any:
    """Run `script` (which calls lock_down() and prints JSON) in a fresh interpreter; what it printed."""
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.skipif(sys.platform != "linux", reason="Landlock and /proc are Linux's")
def test_lock_down_leaves_no_file_access_but_lets_the_sender_check_connect_out(tmp_path: Path) -> None:
    readable = tmp_path / "readable.txt"
    readable.write_text("before")
    server = socket.create_server(("127.0.0.1", 0))
    script = f"""
import json, socket
import locker.receive.child as child
assert open({str(readable)!r}).read() == "before"
done = child.lock_down()
try:
    open({str(readable)!r}).read()
    opened = True
except PermissionError:
    opened = False
socket.create_connection(("127.0.0.1", {server.getsockname()[1]}), timeout=10).close()
print(json.dumps({{"done": done, "opened": opened}}))
"""
    with server:
        outcome = _run_locked_down(script)
    assert "no new privileges" in outcome["done"]
    if any(layer.startswith("landlock") for layer in outcome["done"]):
        assert outcome["opened"] is False
    else:  # a kernel without Landlock: the rest of the confinement still holds
        pytest.skip("this kernel has no Landlock")


@pytest.mark.skipif(sys.platform != "linux", reason="Landlock is Linux's")
def test_lock_down_leaves_no_new_port_no_signal_and_no_abstract_socket_outside(tmp_path: Path) -> None:
    """What a network child taken over by a phone could otherwise do: listen on a port of its own for anyone on
    the network, signal the app, or reach the desktop through an abstract unix socket (X11's)."""
    outside = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    outside.bind(b"\0locker-test-" + str(os.getpid()).encode())
    outside.listen(1)
    script = f"""
import json, os, socket
import locker.receive.child as child
done = child.lock_down()
tried = {{}}
def attempt(name, action):
    try:
        action()
        tried[name] = "allowed"
    except OSError as exc:
        tried[name] = "refused"
attempt("bind", lambda: socket.create_server(("127.0.0.1", 0)).close())
attempt("signal", lambda: os.kill({os.getpid()}, 0))
def connect_abstract():
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.connect({outside.getsockname()!r})
attempt("abstract", connect_abstract)
print(json.dumps({{"done": done, "tried": tried}}))
"""
    with outside:
        outcome = _run_locked_down(script)
    landlock = " ".join(layer for layer in outcome["done"] if layer.startswith("landlock"))
    if not landlock:
        pytest.skip("this kernel has no Landlock")
    abi = landlock_abi()
    if abi >= 4:
        assert "no new TCP port" in landlock
        assert outcome["tried"]["bind"] == "refused"
    if abi >= 6:
        assert "signals and abstract sockets scoped" in landlock
        assert outcome["tried"]["signal"] == "refused"
        assert outcome["tried"]["abstract"] == "refused"
    if abi < 6:
        pytest.skip(f"Landlock ABI {abi}: no scopes (needs 6); checked what it has")


def _fake_child(variant: str) -> list[str]:
    return [sys.executable, "-m", "tests.receive.fake_child", variant]


@pytest.mark.parametrize(
    "variant",
    [
        "unknown-kind",
        "longer-than-allowed",
        "not-utf8",
        "size-above-the-limit",
        "unknown-verdict",
        "bytes-left-over",
        "cut-short",
    ],
)
def test_a_malformed_frame_from_the_child_stops_the_receiver_and_stores_nothing(
    vault: Vault, variant: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTHONPATH", str(REPO))
    recorder = Recorder()
    settings = ReceiverSettings(host="127.0.0.1", port=0, pin=None, discovery=False, max_file_size=1 << 30)
    receiver = Receiver(vault, settings, recorder.accept, recorder.report, child_command=_fake_child(variant))
    receiver.start()
    try:
        assert receiver.wait(30)
        assert "malformed" in receiver.stop_reason
        assert recorder.asked == []
        assert wait_until(lambda: EventKind.STOPPED in [event.kind for event in recorder.events])
    finally:
        receiver.stop()
    assert item_count(vault) == 0
    assert check_vault(vault).ok


def test_a_child_that_does_not_say_where_it_listens_is_ended_and_nothing_starts(
    vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTHONPATH", str(REPO))
    recorder = Recorder()
    settings = ReceiverSettings(host="127.0.0.1", port=0, pin=None, discovery=False)
    with pytest.raises(OSError, match="ended before it listened"):
        Receiver(vault, settings, recorder.accept, recorder.report, child_command=_fake_child("no-ready"))
    assert recorder.events == []


def test_killing_the_child_mid_transfer_leaves_no_item_and_a_clean_check(vault: Vault) -> None:
    recorder = Recorder()
    data = os.urandom(8 << 20)
    half_way = threading.Event()

    def progress(_name: str, done: int, _size: int) -> None:
        if done >= 2 << 20:
            half_way.set()

    settings = ReceiverSettings(host="127.0.0.1", port=0, pin=PIN, discovery=False, extract_metadata=False)
    receiver = Receiver(vault, settings, recorder.accept, recorder.report, progress=progress)
    receiver.start()
    try:
        answer = prepare(receiver, one_file("big.bin", data)).json()
        route = f"/api/localsend/v2/upload?sessionId={answer['sessionId']}&fileId=f1&token={answer['files']['f1']}"
        with tls_socket(receiver) as sock:
            head = f"POST {route} HTTP/1.1\r\nHost: x\r\nContent-Length: {len(data)}\r\n\r\n"
            sock.sendall(head.encode("ascii") + data[: 4 << 20])
            assert half_way.wait(30)
            os.kill(receiver.child_pid, signal.SIGKILL)
            assert wait_until(lambda: receiver.stopped)
    finally:
        receiver.stop()
    assert "network process ended" in receiver.stop_reason

    def kinds() -> set[EventKind]:
        return {event.kind for event in recorder.events}

    assert wait_until(lambda: kinds() & {EventKind.FAILED, EventKind.CANCELLED}) and EventKind.STORED not in kinds()
    assert item_count(vault) == 0 and chunk_count(vault) == 0
    assert check_vault(vault).ok


@pytest.mark.parametrize(
    ("alias", "name"),
    [("Phone", "\ud800clip.mp4"), ("Phone", "\udc00" * 4000 + ".mp4"), ("\x01" * 64, "clip.mp4")],
    ids=["lone-surrogate", "all-surrogates", "alias-of-control-characters"],
)
def test_odd_but_valid_texts_from_a_phone_are_received_and_do_not_stop_the_receiver(
    vault: Vault, alias: str, name: str
) -> None:
    """JSON can carry half a UTF-16 pair, and an alias of control characters grows six-fold once made printable:
    the child's record must still be one the app accepts, or any phone could stop the receiver."""
    recorder = Recorder()
    data = b"odd names"
    with running_receiver(vault, recorder) as receiver:
        prepared = prepare(receiver, one_file(name, data), alias=alias)
        assert prepared.status == 200, recorder.messages()
        answer = prepared.json()
        assert upload(receiver, answer["sessionId"], "f1", answer["files"]["f1"], data).status == 200
        assert not receiver.stopped
    assert item_count(vault) == 1


def test_file_ids_that_are_not_text_are_refused_without_stopping_the_receiver(vault: Vault) -> None:
    recorder = Recorder()
    files = {**one_file("a.bin", b"a", file_id="\ud800"), **one_file("b.bin", b"b", file_id="\ud801")}
    with running_receiver(vault, recorder) as receiver:
        assert prepare(receiver, files).status == 400
        assert "A file id is not text." in recorder.messages()
        assert not receiver.stopped
    assert item_count(vault) == 0


def _listening_sockets(pid: int | str, port: int) -> set[str]:
    """The descriptors of process `pid` that are sockets listening on TCP `port` (IPv4 or IPv6)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == "0A":  # 0A: LISTEN
                inodes.add(f"socket:[{fields[9]}]")
    held = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        with contextlib.suppress(OSError):
            if os.readlink(fd) in inodes:
                held.add(fd.name)
    return held


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
def test_the_child_listens_by_itself_and_nothing_needs_descriptor_passing(
    vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows has no descriptor passing (socket.send_fds) and no AF_UNIX socket pairs: the app uses neither. The
    child opens the listening socket where the app says; the app holds no socket a phone can reach."""
    for name in ("send_fds", "recv_fds", "socketpair", "AF_UNIX"):
        monkeypatch.delattr(socket, name, raising=False)
    recorder = Recorder()
    data = os.urandom(3 << 20)
    with running_receiver(vault, recorder) as receiver:
        assert _listening_sockets(receiver.child_pid, receiver.port)
        assert not _listening_sockets("self", receiver.port)
        assert send_one(receiver, "clip.bin", data).status == 200
    assert item_count(vault) == 1


def test_the_app_knows_whether_the_network_child_locked_itself_out_of_every_file(
    vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The child says so in its first frame, before it reads anything a phone sent; the real one on this kernel
    says what Landlock allows here, a child on a kernel without it says no."""
    monkeypatch.setenv("PYTHONPATH", str(REPO))
    settings = ReceiverSettings(host="127.0.0.1", port=0, pin=None, discovery=False)
    recorder = Recorder()
    real = Receiver(vault, settings, recorder.accept, recorder.report)
    try:
        assert real.network_process_locked_out_of_files is (sys.platform == "linux" and landlock_abi() > 0)
    finally:
        real.stop()
    unlocked = Receiver(vault, settings, recorder.accept, recorder.report, child_command=_fake_child("not-locked"))
    try:
        assert unlocked.network_process_locked_out_of_files is False
    finally:
        unlocked.stop()


def test_a_lock_down_report_that_is_neither_yes_nor_no_is_refused() -> None:
    from locker.receive import messages
    from locker.receive.frames import FrameError

    assert messages.read_ready(messages.write_ready(53317, 0, True)) == (53317, 0, True)
    assert messages.read_ready(messages.write_ready(53317)) == (53317, 0, False)
    with pytest.raises(FrameError, match="neither yes nor no"):
        messages.read_ready(messages.write_ready(53317)[:-1] + b"\x02")
