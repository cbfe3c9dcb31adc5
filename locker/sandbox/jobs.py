"""Naming and ending the process that runs a sandboxed job, from the app (outside the fork server's PID namespace)."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import threading


class HostPid:
    """The job's pid as this process sees it: the fork server's second message, read once, when first needed
    (from the serving thread or the timeout's), so serving the job need not wait for it."""

    def __init__(self, control: socket.socket) -> None:
        self._control = control
        self._lock = threading.Lock()
        self._pid: int | None = None

    def get(self) -> int:
        with self._lock:
            if self._pid is None:
                self._control.settimeout(10)
                reply = self._control.recv(64)
                if not reply.startswith(b"H") or not reply[1:].isdigit():
                    raise ConnectionError("the sandbox did not say which process runs the job")
                self._pid = int(reply[1:])
            return self._pid


def kill_job(pid: int) -> None:
    """Kill a job and its whole process group (the child leads one: see confine), whatever it started."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
