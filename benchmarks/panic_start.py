"""From process start to the key header gone, for `locker panic` as a desktop shortcut runs it, against a bare
interpreter (`python -c pass`) started the same way in the same run.

Not a test: `.venv/bin/python benchmarks/panic_start.py [--rounds 15]`. Goals: median <= 5x the bare interpreter,
and the 1 GiB vault within 2x of the 10 MiB one.

"Header gone" is the moment the erase unlinks the overwritten and fsynced header, seen through inotify (the erase
destroys the header before it touches anything else). Both vaults are real ones, made once by the real code
(Vault.create + import_files). Each round re-arms them without a new import: the header's original bytes are
written back, the database is hard-linked back in from a link kept aside (the erase unlinks its name before it
could free any block, and only after the header is gone, so the link does not change the measured interval).

`--command` measures another panic command (e.g. a frozen `dist/evidence-locker/locker`; repeat it to compare
several in the same rounds) and `--baseline` another bare start (e.g. a frozen hello-world); each is a shell-style
string, `{vault}` stands for the vault folder.

Measured 2026-12-04 (session 9), BENCH_DIR=/dev/shm, 15 rounds, the packaged `locker` (scripts/build) against a
PyInstaller one-folder build of an empty script (`pass`): 149.5 ms (10 MiB) and 154.3 ms (1 GiB) against 57.1 ms,
2.62x and 2.70x (goal <= 5), 1.03x between the vaults (goal <= 2). From the source tree (2026-12-03): 129.1 and
128.7 ms against 43.7 ms for `python -c pass`, 2.95x and 2.94x.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import shlex
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from locker.crypto.kdf import KdfParams
from locker.ingest.importer import ImportOptions, import_files
from locker.vault.vault import Vault

PROJECT_ROOT = Path(__file__).resolve().parent.parent
IN_DELETE = 0x200
_EVENT = struct.Struct("iIII")


def make_vault(root: Path, size: int, workdir: Path) -> None:
    """A real vault holding one file of `size` random-ish bytes, made by the real import."""
    source = workdir / "source.bin"
    block = os.urandom(1 << 20)
    with open(source, "wb") as fh:
        for i in range(max(1, size >> 20)):
            fh.write(i.to_bytes(8, "big") + block[8:])
    with Vault.create(root, "bench", KdfParams(8, 1, 1)) as vault:
        import_files(vault, [source], ImportOptions(extract_metadata=False))
    source.unlink()


class Armed:
    """A vault folder that can be erased again and again: its pristine files are kept aside (hard links)."""

    def __init__(self, root: Path, spare: Path) -> None:
        self.root, self.spare = root, spare
        spare.mkdir()
        self.header = (root / "header").read_bytes()
        for path in root.iterdir():
            if path.name != "header":
                os.link(path, spare / path.name)

    def rearm(self) -> None:
        if self.root.exists():
            shutil.rmtree(self.root)
        self.root.mkdir()
        for path in self.spare.iterdir():
            os.link(path, self.root / path.name)
        fd = os.open(self.root / "header", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, self.header)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.sync()  # nothing of the re-arming left for the erase's fsync to write


def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


def seconds_until_header_gone(command: list[str], root: Path, env: dict[str, str]) -> float:
    """Start `command` (in the vault's parent folder: `python -m` puts the current folder first on the path, and
    only $PYTHONPATH should say which code runs); seconds from just before the start until the header's name is
    removed from `root`."""
    libc = _libc()
    fd = libc.inotify_init1(os.O_CLOEXEC)
    if fd < 0 or libc.inotify_add_watch(fd, str(root).encode(), IN_DELETE) < 0:
        raise OSError(ctypes.get_errno(), "inotify")
    try:
        start = time.perf_counter()
        proc = subprocess.Popen(command, env=env, cwd=root.parent, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        gone = None
        while gone is None:
            data = os.read(fd, 4096)
            now = time.perf_counter()
            offset = 0
            while offset < len(data):
                _wd, _mask, _cookie, length = _EVENT.unpack_from(data, offset)
                name = data[offset + _EVENT.size : offset + _EVENT.size + length].rstrip(b"\0")
                offset += _EVENT.size + length
                if name == b"header" and gone is None:
                    gone = now - start
        _, stderr = proc.communicate(timeout=60)
        if proc.returncode != 0 or (root / "header").exists():
            raise RuntimeError(f"{command} failed: {stderr.decode(errors='replace')}")
        return gone
    finally:
        os.close(fd)


def seconds_to_exit(command: list[str], env: dict[str, str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument(
        "--command", action="append",
        help="a panic command to time (repeatable: several are timed in the same rounds, e.g. before and after)",
    )  # fmt: skip
    parser.add_argument("--baseline", default=f"{shlex.quote(sys.executable)} -c pass")
    args = parser.parse_args()
    commands = args.command or [f"{shlex.quote(sys.executable)} -m locker panic --vault {{vault}}"]
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    sizes = {"10 MiB": 10 << 20, "1 GiB": 1 << 30}
    bare_times: list[float] = []
    times: dict[tuple[str, str], list[float]] = {(c, label): [] for c in commands for label in sizes}
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as tmp:
        workdir = Path(tmp)
        vaults = {}
        for label, size in sizes.items():
            root = workdir / f"{size}.locker"
            started = time.perf_counter()
            make_vault(root, size, workdir)
            print(f"made a real {label} vault in {time.perf_counter() - started:.1f} s", flush=True)
            vaults[label] = Armed(root, workdir / f"{size}.spare")
        seconds_to_exit(shlex.split(args.baseline), env, workdir)  # warm the page cache
        for round_no in range(args.rounds):
            bare_times.append(seconds_to_exit(shlex.split(args.baseline), env, workdir))
            runs = list(times)
            for key in runs if round_no % 2 == 0 else reversed(runs):
                command_line, label = key
                armed = vaults[label]
                armed.rearm()
                command = [part.replace("{vault}", str(armed.root)) for part in shlex.split(command_line)]
                times[key].append(seconds_until_header_gone(command, armed.root, env))
    bare = statistics.median(bare_times) * 1000
    print(f"baseline: {args.baseline}\n{args.rounds} rounds, medians:")
    low, high = min(bare_times) * 1000, max(bare_times) * 1000
    print(f"  {'bare interpreter':<22} {bare:7.1f} ms  (min {low:.1f}, max {high:.1f})")
    for command_line in commands:
        print(f"command: {command_line}")
        medians = {}
        for label in sizes:
            ms = [v * 1000 for v in times[(command_line, label)]]
            medians[label] = statistics.median(ms)
            print(f"  panic, {label + ' vault':<15} {medians[label]:7.1f} ms  (min {min(ms):.1f}, max {max(ms):.1f})")
        small, big = medians["10 MiB"], medians["1 GiB"]
        print(f"  panic (10 MiB) / bare interpreter: {small / bare:.2f}x   (goal <= 5)")
        print(f"  panic (1 GiB)  / bare interpreter: {big / bare:.2f}x   (goal <= 5)")
        print(f"  1 GiB / 10 MiB vault:              {big / small:.2f}x   (goal <= 2)")


if __name__ == "__main__":
    main()
