"""Keeping secrets out of core dumps, swap and other processes' reach.

`harden_process()` runs first thing in both entry points (`locker` and `locker-gui`), before any passphrase is read
or key derived: no core file (RLIMIT_CORE 0), and on Linux the process is not dumpable (PR_SET_DUMPABLE 0), which
also stops other processes of the same user from attaching a debugger or reading /proc/<pid>/mem. `lock_in_memory`
pins a key buffer's pages in RAM (mlock) so they are not written to swap. Each step that the platform refuses is
reported, never fatal: a locker that will not start protects nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import sys
from collections.abc import Callable
from dataclasses import dataclass

PR_SET_DUMPABLE = 4
PR_GET_DUMPABLE = 3


@dataclass(frozen=True)
class Hardening:
    """What `harden_process` achieved: each field True where it took effect."""

    no_core_files: bool
    not_dumpable: bool
    memory_locking: bool


def _libc() -> ctypes.CDLL | None:
    if sys.platform == "win32":
        return None
    try:
        if sys.platform == "linux":  # the C library is already loaded; find_library would run `ldconfig -p`
            return ctypes.CDLL(None, use_errno=True)
        return ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
    except OSError:
        return None


def harden_process() -> Hardening:
    """Disable core dumps and (Linux) make this process non-dumpable. Safe to call more than once."""
    no_core = False
    try:
        import resource  # noqa: PLC0415 - POSIX only

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        no_core = resource.getrlimit(resource.RLIMIT_CORE) == (0, 0)
    except (ImportError, OSError, ValueError):
        pass
    libc = _libc()
    not_dumpable = False
    if libc is not None and sys.platform == "linux":
        libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
        not_dumpable = libc.prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 0
    return Hardening(no_core, not_dumpable, _mlock() is not None)


def is_dumpable() -> bool | None:
    """PR_GET_DUMPABLE for this process; None where the question has no answer (not Linux)."""
    libc = _libc()
    if libc is None or sys.platform != "linux":
        return None
    return bool(libc.prctl(PR_GET_DUMPABLE, 0, 0, 0, 0))


@functools.cache
def _mlock() -> Callable[[int, int], int] | None:
    libc = _libc()
    function = getattr(libc, "mlock", None) if libc is not None else None
    if function is not None:
        function.argtypes = (ctypes.c_void_p, ctypes.c_size_t)
        function.restype = ctypes.c_int
    return function


def lock_in_memory(buf: bytearray) -> bool:
    """Keep `buf`'s pages out of swap. True if locked; False where the system refuses (RLIMIT_MEMLOCK reached,
    no mlock on this platform): the key then works as before and may be swapped out, which THREAT_MODEL.md says."""
    mlock = _mlock()
    if mlock is None or not buf:
        return False
    view = (ctypes.c_char * len(buf)).from_buffer(buf)
    try:
        # The kernel rounds to whole pages. They are never unlocked: the key is zeroed when wiped, and a page may
        # hold another key that is still live.
        return mlock(ctypes.addressof(view), len(buf)) == 0
    finally:
        del view  # releases the export, so the bytearray can be resized again
