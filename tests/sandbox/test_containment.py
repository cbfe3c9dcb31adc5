"""Attacker code inside the real sandbox, with its effects checked from outside.

The attacker is the probe job (locker.sandbox.probe): the same fork server, limits and confinement as every
metadata, thumbnail, viewer and share job. Each check has a control that runs the same code unconfined and shows
that it succeeds there, so a check cannot pass because the attempt was broken.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from locker.sandbox.confine import LAYERS, landlock_abi
from locker.sandbox.probe import ProbeReport, group_members, pid_alive, readable_address, run_sandbox_probe
from locker.sandbox.runner import SandboxRunner

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the layered sandbox is Linux-only")

SECRETS = {"HOME": "/home/ivan", "DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0", "XDG_RUNTIME_DIR": "/run/user/1",
           "DBUS_SESSION_BUS_ADDRESS": "unix:path=/run/user/1/bus", "SSH_AUTH_SOCK": "/run/user/1/ssh"}  # fmt: skip


@pytest.fixture(scope="module")
def runner() -> Iterator[SandboxRunner]:
    with pytest.MonkeyPatch.context() as mp:
        for key, value in SECRETS.items():
            mp.setenv(key, value)
        with SandboxRunner() as confined:
            yield confined


@pytest.fixture(scope="module")
def plain() -> Iterator[SandboxRunner]:
    """The control: the same probe in a plain child process with the app's environment, no layer applied."""
    env = {**os.environ, **SECRETS}
    with SandboxRunner(fork=False, environment=env) as unconfined:
        yield unconfined


def _by_what(report: ProbeReport, what: str) -> list[bool]:
    return [a.blocked for a in report.attempts if a.what == what]


def _confined(runner: SandboxRunner, attempts: list[tuple[str, str]]) -> ProbeReport:
    report = run_sandbox_probe(runner, attempts)
    assert report.error is None, report.error
    return report


def _unconfined(plain: SandboxRunner, attempts: list[tuple[str, str]]) -> ProbeReport:
    report = run_sandbox_probe(plain, attempts, confined=False)
    for pid in report.leftovers:
        os.kill(pid, signal.SIGKILL)
    return report


class _Listener:
    """Counts connections (and bytes) that reach a listening socket."""

    def __init__(self, family: int, address: object) -> None:
        self.sock = socket.socket(family, socket.SOCK_STREAM)
        self.sock.bind(address)
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.connections = 0
        self.received = b""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            self.connections += 1
            conn.settimeout(1)
            with contextlib.suppress(OSError):
                self.received += conn.recv(100)
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.sock.close()


def _snapshot(folder: Path) -> dict[str, tuple[int, int, bool]]:
    return {e.name: (e.inode(), e.stat(follow_symlinks=False).st_size, e.is_symlink()) for e in os.scandir(folder)}


def test_a_canary_in_home_is_neither_read_nor_changed(runner: SandboxRunner, plain: SandboxRunner,
                                                       tmp_path: Path) -> None:  # fmt: skip
    home = tmp_path / "home"
    (home / ".ssh").mkdir(parents=True)
    canary = home / ".ssh" / "id_ed25519"
    canary.write_bytes(b"-----BEGIN OPENSSH PRIVATE KEY----- canary")
    old = time.time() - 10_000
    os.utime(canary, (old, time.time() - 5_000))  # atime before mtime: relatime records the next read

    report = _confined(runner, [("read", str(canary)), ("truncate", str(canary)), ("delete", str(canary))])
    assert _by_what(report, "read") == [True] and _by_what(report, "truncate") == [True]
    assert _by_what(report, "delete") == [True]
    assert canary.stat().st_atime == pytest.approx(old, abs=1), "the sandbox read the canary"
    assert canary.read_bytes().endswith(b"canary")
    os.utime(canary, (old, time.time() - 5_000))

    control = _unconfined(plain, [("read", str(canary))])
    assert _by_what(control, "read") == [False]
    assert canary.stat().st_atime > old + 1, "the unconfined control must leave a trace of its read"


def test_a_watched_folder_gets_no_new_renamed_deleted_truncated_or_symlinked_entry(
    runner: SandboxRunner, plain: SandboxRunner, tmp_path: Path
) -> None:
    folder = tmp_path / "autostart"
    folder.mkdir()
    (folder / "keep.desktop").write_text("[Desktop Entry]\n")
    before = _snapshot(folder)
    attempts = [("write", str(folder)), ("symlink", str(folder)), ("truncate", str(folder / "keep.desktop")),
                ("delete", str(folder / "keep.desktop"))]  # fmt: skip
    report = _confined(runner, attempts)
    assert all(a.blocked for a in report.attempts if a.what in {"write", "symlink", "truncate", "delete"})
    assert _snapshot(folder) == before
    assert (folder / "keep.desktop").read_text() == "[Desktop Entry]\n"

    control = _unconfined(plain, attempts[:3])
    assert not any(a.blocked for a in control.attempts if a.what in {"write", "symlink", "truncate"})
    assert (folder / "keep.desktop").stat().st_size == 0, "the control truncated the file"


def test_no_tcp_or_unix_socket_connection_leaves_the_sandbox(runner: SandboxRunner, plain: SandboxRunner,
                                                             tmp_path: Path) -> None:  # fmt: skip
    tcp = _Listener(socket.AF_INET, ("127.0.0.1", 0))
    unix_path = str(tmp_path / "listener.sock")
    unix = _Listener(socket.AF_UNIX, unix_path)
    try:
        port = tcp.sock.getsockname()[1]
        attempts = [("connect", f"127.0.0.1:{port}"), ("unix", unix_path)]
        report = _confined(runner, attempts)
        assert _by_what(report, "connect") == [True] and _by_what(report, "unix") == [True]
        time.sleep(0.5)
        assert tcp.connections == 0 and unix.connections == 0

        control = _unconfined(plain, attempts)
        assert _by_what(control, "connect") == [False] and _by_what(control, "unix") == [False]
        time.sleep(0.5)
        assert tcp.connections == 1 and unix.connections == 1
    finally:
        tcp.close()
        unix.close()


def test_the_panic_socket_receives_nothing(runner: SandboxRunner, plain: SandboxRunner, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    import tempfile

    from locker.panic.channel import PanicListener, socket_path

    run_dir = tempfile.mkdtemp(prefix="lk-run-")  # short: a Unix socket path has at most 107 bytes
    monkeypatch.setenv("XDG_RUNTIME_DIR", run_dir)
    heard: list[str] = []
    vault_root = tmp_path / "default.locker"
    listener = PanicListener(vault_root, lambda mode: heard.append(str(mode)))
    try:
        report = _confined(runner, [("unix", str(socket_path(vault_root)))])
        assert _by_what(report, "unix") == [True]
        time.sleep(0.5)
        assert heard == [], "a sandboxed job reached the panic socket"
        control = _unconfined(plain, [("unix", str(socket_path(vault_root)))])
        assert _by_what(control, "unix") == [False]
        deadline = time.monotonic() + 5
        while not heard and time.monotonic() < deadline:
            time.sleep(0.05)
        assert heard == ["erase"], "the control must show the panic socket is reachable unconfined"
    finally:
        listener.close()


def test_signals_ptrace_and_memory_reads_against_the_app_fail(runner: SandboxRunner, plain: SandboxRunner) -> None:
    received: list[int] = []
    previous = signal.signal(signal.SIGCONT, lambda number, _frame: received.append(number))
    try:
        me = str(os.getpid())
        attempts = [("signal", me), ("peek", readable_address(os.getpid())), ("ptrace", me)]
        report = _confined(runner, attempts)
        assert [a.blocked for a in report.attempts if a.what in {"signal", "peek", "ptrace"}] == [True, True, True]
        time.sleep(0.2)
        assert received == []

        control = _unconfined(plain, attempts[:2])
        assert _by_what(control, "signal") == [False] and _by_what(control, "peek") == [False]
        assert "read 64 bytes" in next(a.detail for a in control.attempts if a.what == "peek")
        deadline = time.monotonic() + 5
        while not received and time.monotonic() < deadline:
            time.sleep(0.05)
        assert received == [signal.SIGCONT]
    finally:
        signal.signal(signal.SIGCONT, previous)


def test_exec_fails_and_nothing_of_the_job_outlives_it(runner: SandboxRunner, plain: SandboxRunner) -> None:
    report = _confined(runner, [("linger", ""), ("exec", "/bin/true")])
    assert _by_what(report, "linger") == [True] and _by_what(report, "exec") == [True]
    assert report.leftovers == ()
    assert runner.last_job_pid is not None
    time.sleep(0.3)
    assert not pid_alive(runner.last_job_pid) and group_members(runner.last_job_pid) == []

    control = run_sandbox_probe(plain, [("linger", ""), ("exec", "/bin/true")], confined=False)
    try:
        assert _by_what(control, "linger") == [False] and _by_what(control, "exec") == [False]
        assert control.leftovers, "the unconfined control must leave a process behind"
        assert all(pid_alive(pid) for pid in control.leftovers)
    finally:
        for pid in control.leftovers:
            os.kill(pid, signal.SIGKILL)


def test_the_environment_and_descriptors_name_nothing_of_the_user(runner: SandboxRunner,
                                                                   plain: SandboxRunner) -> None:  # fmt: skip
    report = _confined(runner, [])
    assert _by_what(report, "environment") == [True] and _by_what(report, "descriptors") == [True]
    assert next(a for a in report.attempts if a.what == "environment").detail.startswith("0 variables")
    assert _by_what(report, "core dump") == [True]
    control = _unconfined(plain, [])
    env = next(a for a in control.attempts if a.what == "environment")
    assert not env.blocked and "HOME" in env.detail and "SSH_AUTH_SOCK" in env.detail


def test_every_layer_this_system_offers_is_in_force(runner: SandboxRunner) -> None:
    from locker.sandbox.probe import check_layers

    layers, checks = check_layers(runner)
    by_name = {layer.name: layer for layer in layers}
    assert set(by_name) == set(LAYERS)
    assert by_name["process"].active and by_name["seccomp"].active, by_name
    if landlock_abi() > 0:
        assert by_name["landlock"].active, by_name["landlock"]
    if _user_namespaces_work():
        assert by_name["namespaces"].active, by_name["namespaces"]
    assert checks == {"open a path": True, "make a socket": True}


@pytest.mark.parametrize("left_out", [("seccomp",), ("namespaces", "landlock"), ("landlock", "seccomp")])
def test_the_other_layers_still_hold_when_one_is_missing(left_out: tuple[str, ...], tmp_path: Path) -> None:
    from locker.sandbox.child import Limits
    from locker.sandbox.source import BytesSource

    canary = tmp_path / "canary"
    canary.write_text("secret")
    tcp = _Listener(socket.AF_INET, ("127.0.0.1", 0))
    attempts = [("read", str(canary)), ("write", str(tmp_path)), ("connect", f"127.0.0.1:{tcp.sock.getsockname()[1]}")]
    try:
        with SandboxRunner() as weaker:
            job = {"kind": "probe", "media_type": "", "attempts": attempts}
            outcome = weaker.run_task(BytesSource(b""), job, Limits(skip_layers=left_out))
        assert outcome.result is not None, outcome.error
        results = {a["what"]: a["blocked"] for a in outcome.result["attempts"]}
        if "namespaces" in left_out and "seccomp" not in left_out:
            assert results == {"environment": True, "descriptors": True, "core dump": True, "read": True,
                               "write": True, "connect": True}  # fmt: skip
        elif _user_namespaces_work():  # namespaces (and Landlock, where kept) without seccomp
            assert results["read"] and results["write"] and results["connect"]
        time.sleep(0.3)
        assert tcp.connections == 0
        assert sorted(p.name for p in tmp_path.iterdir()) == ["canary"]
    finally:
        tcp.close()


def test_the_spawned_sandbox_is_confined_too(tmp_path: Path) -> None:
    canary = tmp_path / "canary"
    canary.write_text("secret")
    with SandboxRunner(fork=False) as spawned:
        report = run_sandbox_probe(spawned, [("read", str(canary)), ("linger", "")])
    assert report.error is None and report.contained, report


def test_sandbox_probe_command_reports_and_exits_by_what_got_through(tmp_path: Path) -> None:
    import io

    from locker.cli.main import main

    canary = tmp_path / "canary"
    canary.write_text("secret")
    out, err = io.StringIO(), io.StringIO()
    code = main(["sandbox-probe", "--read", str(canary), "--write", str(tmp_path), "--exec", "/bin/true",
                 "--linger"], stdout=out, stderr=err)  # fmt: skip
    assert code == 0, out.getvalue() + err.getvalue()
    assert "ALLOWED" not in out.getvalue() and f"blocked  read {canary}" in out.getvalue()
    out = io.StringIO()
    code = main(["sandbox-probe", "--read", str(canary), "--no-sandbox"], stdout=out, stderr=err)
    assert code == 1 and f"ALLOWED  read {canary}: read 6 bytes" in out.getvalue()


def _user_namespaces_work() -> bool:
    """Whether this system lets a process make its own user and network namespaces (Ubuntu may refuse)."""
    pid = os.fork()
    if pid == 0:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        os._exit(0 if libc.unshare(0x10000000 | 0x40000000) == 0 or libc.unshare(0x40000000) == 0 else 1)
    _, status = os.waitpid(pid, 0)
    return os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
