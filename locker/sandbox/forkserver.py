"""The app's handle on one running fork server (locker.sandbox.zygote) and its control channels.

One channel per job that may run at the same time: a job takes a free channel, speaks the zygote's protocol on it
(limits -> P, H, S) and gives it back. Stopping the fork server ends every job it runs (they live in its PID
namespace, or are killed with it); the jobs that did not cause the stop can tell, and are run again elsewhere.
"""

from __future__ import annotations

import contextlib
import os
import queue
import socket
import subprocess
import threading
from collections.abc import Callable


def default_parallel() -> int:
    """Jobs at a time: one per processor this process may run on, at most MAX_PARALLEL (each running job may use
    memory up to its own limit, so more jobs mean more memory at once)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(MAX_PARALLEL, cores))


MAX_PARALLEL = 2
#: The zygote's first word on each channel: its preload is done and it takes jobs.
READY = b"R"
#: How long a channel's first job waits for READY: importing every parser takes ~1 s on an idle machine, and many
#: times that on a busy or old one; a fork server that has not started by then is taken for broken.
READY_SECONDS = 120.0


class ForkServer:
    """A zygote process started with `channels` control channels. Thread-safe: `take` blocks until a channel is
    free, and returns None once the fork server is stopped (the caller then starts a new one)."""

    def __init__(self, command: Callable[[str], list[str]], channels: int, environment: dict[str, str]) -> None:
        """`command`: the zygote's argv, given its channels' descriptors as "3,4"."""
        pairs = [socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET) for _ in range(channels)]
        zygote_fds = [zygote_end.fileno() for _, zygote_end in pairs]
        try:
            self.process = subprocess.Popen(
                command(",".join(str(fd) for fd in zygote_fds)),
                pass_fds=zygote_fds,
                env=environment,  # nothing that names the user, her session or her desktop
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,  # Ctrl-C in the terminal reaches the app, which cleans up the zygote
            )
        except BaseException:
            for app_end, _ in pairs:
                app_end.close()
            raise
        finally:
            for _, zygote_end in pairs:
                zygote_end.close()
        self._channels = [app_end for app_end, _ in pairs]
        self._free: queue.SimpleQueue[socket.socket | None] = queue.SimpleQueue()
        for app_end in self._channels:
            self._free.put(app_end)
        self._lock = threading.Lock()
        self._stopped = False
        self._ready: set[socket.socket] = set()  # channels whose READY was read

    def wait_ready(self, channel: socket.socket) -> None:
        """Before a channel's first job: wait for the zygote's READY, which it sends once its preload is done.
        OSError (TimeoutError, ConnectionError) when it does not come."""
        if channel in self._ready:
            return
        channel.settimeout(READY_SECONDS)
        if channel.recv(16) != READY:
            raise ConnectionError("the sandbox did not start")
        self._ready.add(channel)

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def stopped(self) -> bool:
        """True once `stop` was called (by anyone), or the process has ended."""
        return self._stopped or self.process.poll() is not None

    def take(self) -> socket.socket | None:
        """A free control channel, waiting for one; None when this fork server is stopped."""
        if self._stopped:
            return None
        channel = self._free.get()
        if channel is None:
            self._free.put(None)  # wake the next waiter too
        return channel

    def give_back(self, channel: socket.socket) -> None:
        with self._lock:
            if self._stopped:
                channel.close()
            else:
                self._free.put(channel)

    def stop(self) -> None:
        """End the zygote, and with it every job it runs. Channels in use are closed by their users' give_back."""
        with self._lock:
            first = not self._stopped
            self._stopped = True
            while first:
                try:
                    channel = self._free.get_nowait()
                except queue.Empty:
                    break
                if channel is not None:
                    channel.close()
            self._free.put(None)
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                self.process.kill()
        self.process.wait()
