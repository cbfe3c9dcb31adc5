"""Freed memory overwritten, so that what the app showed is not left behind in it after Lock.

Lock closes the vault and drops every window, but dropping is not erasing: CPython's small-object allocator and
glibc's malloc keep freed blocks as they were, so an item's bytes, a note's text and the strings Qt made of them
stay readable in the process's heap until something else happens to reuse the space (measured: a 123-byte item and
a typed note were each found 1-5 times after Lock). The app therefore runs with allocators that overwrite every
block as it is freed:

- `PYTHONMALLOC=malloc` sends Python's objects to glibc's malloc instead of CPython's own pools, which never clear;
- `GLIBC_TUNABLES=glibc.malloc.perturb=N` makes glibc fill each freed block with the byte N, and
  `glibc.malloc.tcache_count=0` turns off the per-thread cache, whose frees skip that fill.

Both are read only when a process starts, so `restart_with_scrubbing_allocator()` re-executes the app once, at the
very start of `locker-gui`, before any passphrase is typed. Where that cannot be done (not glibc, exec refused, or
a frozen build whose embedded interpreter ignores PYTHONMALLOC), the app runs on without it and
`scrubbing_status()` says what is missing; THREAT_MODEL.md names the residue that remains then.
"""

from __future__ import annotations

import os
import platform
import sys
from collections.abc import Mapping

_MARK = "LOCKER_SCRUBBING_ALLOCATOR"
PERTURB_BYTE = 0xA5
_TUNABLES = f"glibc.malloc.tcache_count=0:glibc.malloc.perturb={PERTURB_BYTE}"


def _is_glibc() -> bool:
    return sys.platform == "linux" and platform.libc_ver()[0] == "glibc"


def scrubbing_environment(environ: Mapping[str, str]) -> dict[str, str]:
    """`environ` plus the settings above (existing glibc tunables kept, ours last so they win)."""
    env = dict(environ)
    env["PYTHONMALLOC"] = "malloc"
    tunables = env.get("GLIBC_TUNABLES", "")
    env["GLIBC_TUNABLES"] = f"{tunables}:{_TUNABLES}" if tunables else _TUNABLES
    env[_MARK] = "1"
    return env


def restart_with_scrubbing_allocator() -> None:
    """Re-execute this process with the scrubbing allocators, once. Returns only when that is not possible or
    already done; never raises: an app that will not start protects nothing."""
    if os.environ.get(_MARK) or not _is_glibc():
        return
    argv = sys.argv if getattr(sys, "frozen", False) else sys.orig_argv
    try:
        sys.stdout.flush()
        sys.stderr.flush()
        os.execve(sys.executable, argv, scrubbing_environment(os.environ))  # noqa: S606 - the same program, again
    except OSError:
        return


def scrubbing_status() -> str:
    """One line for the smoke test and the About box: whether freed memory is overwritten in this process."""
    if not _is_glibc():
        return "freed memory overwritten: no (needs Linux with glibc)"
    started_with = os.environ.get(_MARK) == "1" and _TUNABLES in os.environ.get("GLIBC_TUNABLES", "")
    if not started_with:
        return "freed memory overwritten: no (not restarted with the scrubbing allocator)"
    if getattr(sys, "frozen", False) or sys.flags.ignore_environment:
        return "freed memory overwritten: C and Qt memory only (Python's own pools are not cleared in this build)"
    return "freed memory overwritten: yes"
