"""`locker sandbox-probe`: attacker code run inside the real sandbox, to show what it can and cannot reach.

The child side (`run_probe`) tries each attempt named in the job and reports, for each, whether it was blocked
and with which error; the app side (`probe`) starts that job through the same fork server and confinement as every
metadata, thumbnail, viewer and share job, then checks from outside that nothing of the job is still running.

An attempt counts as ALLOWED as soon as the operation got through to its target (even if the target then failed,
e.g. a memory read at an address that was not mapped): only a refusal by the sandbox is "blocked".
"""

from __future__ import annotations

import ctypes
import errno
import json
import os
import signal
import socket
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from locker.sandbox import protocol
from locker.sandbox.confine import SENSITIVE_ENVIRONMENT

# Errors with which a confinement layer refuses: seccomp (EPERM), Landlock (EACCES), an empty root (ENOENT,
# EROFS), no network (ENETUNREACH), the PID namespace hiding the target (ESRCH), an unknown call (ENOSYS).
REFUSALS = {errno.EPERM, errno.EACCES, errno.ENOENT, errno.EROFS, errno.ENETUNREACH, errno.ESRCH, errno.ENOSYS,
            errno.EAFNOSUPPORT, errno.ENOTDIR, errno.EXDEV}  # fmt: skip
LINGER_SECONDS = 120


@dataclass(frozen=True)
class Attempt:
    what: str
    target: str
    blocked: bool
    detail: str

    def line(self) -> str:
        verdict = "blocked" if self.blocked else "ALLOWED"
        return f"{verdict:8} {self.what} {self.target}: {self.detail}"

    def to_json(self) -> dict[str, Any]:
        return {"what": self.what, "target": self.target, "blocked": self.blocked, "detail": self.detail}

    @classmethod
    def from_json(cls, untrusted: Any) -> Attempt:
        if not isinstance(untrusted, dict):
            raise ValueError("not an attempt")
        return cls(str(untrusted.get("what"))[:40], str(untrusted.get("target"))[:300],
                   untrusted.get("blocked") is True, str(untrusted.get("detail"))[:300])  # fmt: skip


def _refused(exc: OSError) -> tuple[bool, str]:
    name = errno.errorcode.get(exc.errno or 0, str(exc.errno))
    return (exc.errno in REFUSALS), f"{name} {os.strerror(exc.errno or 0)}"


def _try(what: str, target: str, action: Any) -> Attempt:
    try:
        detail = action()
    except OSError as exc:
        blocked, detail = _refused(exc)
        return Attempt(what, target, blocked, detail)
    except Exception as exc:  # noqa: BLE001 - anything else means the call itself went through
        return Attempt(what, target, False, f"{type(exc).__name__}: {exc}")
    return Attempt(what, target, False, str(detail))


# -- the attempts, run inside the sandbox child ---------------------------------------------------------------


def _read(path: str) -> str:
    fd = os.open(path, os.O_RDONLY)
    try:
        return f"read {len(os.read(fd, 4096))} bytes"
    finally:
        os.close(fd)


def _write(folder: str) -> str:
    done = []
    name = Path(folder) / f".locker-probe-{os.getpid()}"
    fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    done.append("created")
    try:
        name = name.rename(name.with_name(name.name + ".renamed"))
        done.append("renamed")
    finally:
        name.unlink()
        done.append("deleted")
    return "file " + ", ".join(done)


def _tcp(target: str) -> str:
    host, _, port = target.rpartition(":")
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.settimeout(3)
        sock.connect((host.strip("[]"), int(port)))
        sock.sendall(b"locker-probe\n")
        return "connected and sent bytes"
    finally:
        sock.close()


def _unix(path: str) -> str:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.settimeout(3)
        sock.connect(path)
        sock.sendall(b"erase\n")
        return "connected and sent 'erase'"
    finally:
        sock.close()


def _signal(pid: str) -> str:
    os.kill(int(pid), signal.SIGCONT)  # harmless to a running process, visible to one that handles it
    return "SIGCONT delivered"


class _IoVec(ctypes.Structure):
    _fields_ = (("base", ctypes.c_void_p), ("len", ctypes.c_size_t))


def _peek(target: str) -> str:
    pid_text, _, address_text = target.partition("@")
    pid, address = int(pid_text), int(address_text or "0", 16)
    libc = ctypes.CDLL(None, use_errno=True)
    buffer = ctypes.create_string_buffer(64)
    local, remote = _IoVec(ctypes.addressof(buffer), 64), _IoVec(address, 64)
    got = libc.process_vm_readv(pid, ctypes.byref(local), 1, ctypes.byref(remote), 1, 0)
    if got < 0:
        number = ctypes.get_errno()
        if number == errno.EFAULT:
            return "process_vm_readv reached the process (address not mapped)"
        raise OSError(number, os.strerror(number))
    return f"read {got} bytes of its memory"


def _ptrace(pid: str) -> str:
    libc = ctypes.CDLL(None, use_errno=True)
    ptrace_attach, ptrace_detach = 16, 17
    if libc.ptrace(ptrace_attach, int(pid), None, None) != 0:
        number = ctypes.get_errno()
        raise OSError(number, os.strerror(number))
    time.sleep(0.05)
    libc.ptrace(ptrace_detach, int(pid), None, None)
    return "attached"


def _linger(_: str) -> str:
    pid = os.fork()
    if pid == 0:
        try:
            os.closerange(0, 65536)  # let go of the job channel, so the job can end while this goes on
            os.setsid()
            time.sleep(LINGER_SECONDS)
        finally:
            os._exit(0)
    time.sleep(0.3)  # give it time to leave the job's process group before the job ends
    return f"started process {pid}"


def _environment() -> Attempt:
    found = sorted(key for key in os.environ if key in SENSITIVE_ENVIRONMENT or key.startswith("XDG_"))
    if found:
        return Attempt("environment", "", False, "holds " + ", ".join(found))
    return Attempt("environment", "", True, f"{len(os.environ)} variables, none that name the user or session")


def _dumpable() -> Attempt:
    import resource  # noqa: PLC0415 - POSIX only

    libc = ctypes.CDLL(None, use_errno=True)
    core = resource.getrlimit(resource.RLIMIT_CORE)
    dumpable = int(libc.prctl(3, 0, 0, 0, 0))  # PR_GET_DUMPABLE
    if core == (0, 0) and dumpable == 0:
        return Attempt("core dump", "", True, "no core file, not dumpable")
    return Attempt("core dump", "", False, f"core limit {core}, dumpable {dumpable}")


def _descriptors(keep: int) -> Attempt:
    import fcntl  # noqa: PLC0415 - POSIX only

    extra = []
    for fd in range(3, 1024):
        if fd == keep:
            continue
        try:
            fcntl.fcntl(fd, fcntl.F_GETFD)
        except OSError:
            continue
        extra.append(str(fd))
    if extra:
        return Attempt("descriptors", "", False, "also open: " + ", ".join(extra))
    return Attempt("descriptors", "", True, "only the job channel")


def _fasync(target: str) -> str:
    """Have the kernel send a signal (`pid:number`, SIGCONT by default) to a process when a descriptor becomes
    readable: F_SETOWN, F_SETSIG and O_ASYNC."""
    import fcntl  # noqa: PLC0415 - POSIX only

    pid, _, number = target.partition(":")
    read_end, write_end = os.pipe() if _may_make_pipes() else (0, -1)
    fcntl.fcntl(read_end, fcntl.F_SETOWN, int(pid))
    fcntl.fcntl(read_end, 10, int(number or signal.SIGCONT))  # F_SETSIG
    fcntl.fcntl(read_end, fcntl.F_SETFL, fcntl.fcntl(read_end, fcntl.F_GETFL) | os.O_ASYNC)
    if write_end >= 0:
        os.write(write_end, b"x")
    time.sleep(0.2)
    return "the kernel was asked to signal that process"


def _may_make_pipes() -> bool:
    try:
        read_end, write_end = os.pipe()
    except OSError:
        return False
    os.close(read_end)
    os.close(write_end)
    return True


def _symlink(folder: str) -> str:
    name = Path(folder) / f".locker-probe-link-{os.getpid()}"
    name.symlink_to("/")
    name.unlink()
    return "symbolic link created and removed"


def _truncate(path: str) -> str:
    os.truncate(path, 0)
    return "truncated to 0 bytes"


def _delete(path: str) -> str:
    Path(path).unlink()
    return "deleted"


ACTIONS = {
    "read": _read, "write": _write, "symlink": _symlink, "truncate": _truncate, "delete": _delete,
    "connect": _tcp, "unix": _unix, "signal": _signal, "peek": _peek, "ptrace": _ptrace, "linger": _linger,
    "fasync": _fasync,
}  # fmt: skip


def run_probe(job: dict[str, Any], wfile: BinaryIO, channel_fd: int) -> None:
    """Child side: try every attempt in the job, send the results; try exec last (if it works, we are gone)."""
    attempts = [_environment(), _descriptors(channel_fd), _dumpable()]
    for item in list(job.get("attempts") or []):
        what, target = str(item[0]), str(item[1])
        if what in ACTIONS:
            attempts.append(_try(what, target, lambda a=ACTIONS[what], t=target: a(t)))
    execs = [str(item[1]) for item in list(job.get("attempts") or []) if item[0] == "exec"]
    pending = {"attempts": [a.to_json() for a in attempts], "pending_exec": execs[:1]}
    protocol.send_frame(wfile, protocol.RESULT, json.dumps(pending).encode())
    for path in execs[:1]:
        try:
            os.execv(path, [path])  # noqa: S606 - the probe's whole point: may attacker code start a program?
        except OSError as exc:
            blocked, detail = _refused(exc)
            attempts.append(Attempt("exec", path, blocked, detail))
        protocol.send_frame(wfile, protocol.RESULT, json.dumps({"attempts": [a.to_json() for a in attempts]}).encode())


# -- the app side ----------------------------------------------------------------------------------------------


def readable_address(pid: int) -> str:
    """`pid@address` of a readable mapping of `pid`, read by the app (unconfined) so the probe can aim well."""
    try:
        with open(f"/proc/{pid}/maps", encoding="ascii", errors="replace") as maps:
            for line in maps:
                span, perms = line.split()[:2]
                if perms.startswith("r"):
                    return f"{pid}@{span.split('-')[0]}"
    except OSError:
        pass
    return f"{pid}@0"


def pid_alive(pid: int) -> bool:
    """True while `pid` exists and is not a zombie."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def group_members(pgid: int) -> list[int]:
    """Processes (not zombies) whose process group is `pgid`, found in /proc."""
    found = []
    for path in Path("/proc").iterdir():
        entry = path.name
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z" and int(fields[2]) == pgid:
            found.append(int(entry))
    return found


@dataclass(frozen=True)
class ProbeReport:
    """What the probe job could do, and what was left of it afterwards."""

    attempts: tuple[Attempt, ...]
    leftovers: tuple[int, ...]
    error: str | None

    @property
    def contained(self) -> bool:
        return self.error is None and not self.leftovers and all(a.blocked for a in self.attempts)


def run_sandbox_probe(runner: Any, attempts: list[tuple[str, str]], confined: bool = True) -> ProbeReport:
    """Run the probe through `runner` (a SandboxRunner) with every layer, or with none (`confined=False`)."""
    from locker.sandbox.child import Limits  # noqa: PLC0415 - child imports this module
    from locker.sandbox.confine import LAYERS  # noqa: PLC0415
    from locker.sandbox.source import BytesSource  # noqa: PLC0415

    limits = Limits(cpu_seconds=20, wall_seconds=30.0, skip_layers=() if confined else LAYERS)
    outcome = runner.run_task(BytesSource(b""), {"kind": "probe", "media_type": "", "attempts": attempts}, limits)
    answer = outcome.last_answer or {}
    found = [Attempt.from_json(a) for a in list(answer.get("attempts") or [])]
    for path in list(answer.get("pending_exec") or []):
        found.append(Attempt("exec", str(path), False, "the job's process was replaced by that program"))
    started = [int(a.detail.rsplit(" ", 1)[1]) for a in found if a.what == "linger" and not a.blocked
               and a.detail.startswith("started process ")]  # fmt: skip
    time.sleep(0.2)  # let the fork server reap the job and kill its group
    leftovers = [pid for pid in started if pid_alive(pid)]
    if runner.last_job_pid is not None:
        leftovers += group_members(runner.last_job_pid)
    error = None if answer else (outcome.error or "the probe sent no answer")
    return ProbeReport(tuple(found), tuple(sorted(set(leftovers))), error)


def check_layers(runner: Any) -> tuple[list[Any], dict[str, bool]]:
    """Start a job in the real sandbox and ask it which layers are in force and what it could still do."""
    from locker.sandbox.child import Limits  # noqa: PLC0415
    from locker.sandbox.confine import LAYERS, Layer  # noqa: PLC0415
    from locker.sandbox.source import BytesSource  # noqa: PLC0415

    outcome = runner.run_task(BytesSource(b""), {"kind": "layers", "media_type": ""}, Limits(wall_seconds=30.0))
    answer = outcome.result or {}
    layers = []
    for item in list(answer.get("layers") or []):
        if isinstance(item, dict) and item.get("name") in LAYERS:
            layers.append(Layer(str(item["name"]), item.get("active") is True, str(item.get("detail"))[:300]))
    if not layers:
        layers = [Layer(name, False, outcome.error or "the sandbox did not answer") for name in LAYERS]
    checks = {str(k)[:60]: v is True for k, v in dict(answer.get("checks") or {}).items()}
    return layers, checks


def describe_layers(layers: list[Any]) -> list[str]:
    """One line per layer, for --version, self-test and the About box."""
    return [f"{'on ' if layer.active else 'OFF'} {layer.name}: {layer.detail}" for layer in layers]
