"""Both entry points make the process non-dumpable with no core files before any secret exists."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from locker.crypto.secret import SecretKey
from tests.conftest import PROJECT_ROOT

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="prctl and /proc are Linux's")

# Runs an entry point the way a user does, then reports on itself and crashes on purpose (SIGABRT dumps core).
CHILD = textwrap.dedent(
    """
    import ctypes, os, resource, sys
    which = sys.argv[1]
    if which == "cli":
        from locker.cli.main import run  # what `locker` and `python -m locker` run
        sys.argv = ["locker", "--version"]
        try:
            run()
        except SystemExit:
            pass
    elif which == "gui":
        from ui.app import main
        main(["--smoke"])
    else:  # control: what an unhardened process does
        resource.setrlimit(resource.RLIMIT_CORE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
    libc = ctypes.CDLL(None)
    limits = [line for line in open("/proc/self/limits") if line.startswith("Max core file size")]
    print("dumpable", libc.prctl(3, 0, 0, 0, 0), flush=True)  # PR_GET_DUMPABLE
    print(limits[0].split()[4:6], flush=True)
    os.abort()
    """
)


def _crash(which: str, cwd: Path) -> tuple[str, list[Path]]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(PROJECT_ROOT))
    result = subprocess.run(
        [sys.executable, "-c", CHILD, which], cwd=cwd, capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == -signal.SIGABRT, result.stderr
    return result.stdout, sorted(cwd.glob("core*"))


def _cores_land_in_the_working_folder() -> bool:
    pattern = Path("/proc/sys/kernel/core_pattern").read_text().strip()
    return not pattern.startswith(("|", "/"))


@pytest.mark.parametrize("entry", ["cli", "gui"])
def test_entry_point_is_not_dumpable_and_a_crash_writes_no_core(tmp_path: Path, entry: str) -> None:
    out, cores = _crash(entry, tmp_path)
    assert "dumpable 0" in out
    assert "['0', '0']" in out, "core size limit, soft and hard, must be 0 in /proc/<pid>/limits"
    assert cores == []


def test_control_an_unhardened_crash_does_write_a_core(tmp_path: Path) -> None:
    if not _cores_land_in_the_working_folder():
        pytest.skip("this system sends core dumps elsewhere (core_pattern), so the control cannot see them")

    if resource.getrlimit(resource.RLIMIT_CORE)[1] == 0 and os.geteuid() != 0:
        pytest.skip("core dumps are disabled for this test run, so the control cannot produce one")
    out, cores = _crash("control", tmp_path)
    assert "dumpable 1" in out
    assert cores, "control: without hardening, the same crash leaves a core file"


def test_a_master_key_is_locked_in_memory() -> None:
    """VmLck in /proc/self/status grows by the size of the keys made (mlock)."""

    def locked_kib() -> int:
        line = next(x for x in Path("/proc/self/status").read_text().splitlines() if x.startswith("VmLck:"))
        return int(line.split()[1])

    before = locked_kib()
    keys = [SecretKey(bytes(16384)) for _ in range(4)]  # large, so they land on pages not locked before
    assert locked_kib() >= before + 4 * 16
    for key in keys:
        key.wipe()
