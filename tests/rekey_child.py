"""A re-key run in a process of its own, for the kill -9 tests: `python -m tests.rekey_child ROOT [--die-at STEP]`.

Reads the current and the new passphrase from stdin (one line each), opens the vault, prints "ready" once it is
open, then re-keys it and prints "done". With --die-at the process sends itself SIGKILL at that exact step:

    export        while sqlcipher_export is writing the new file (its first progress report)
    before-switch just before the header's in-place write (the new file complete and fsynced)
    after-header  just after the header write (the commit point), before the rename
    after-rename  after the rename, before the folder fsync
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path
from typing import Any

from locker.vault import switch as switch_module
from locker.vault.vault import Vault

STEPS = ("export", "before-switch", "after-header", "after-rename")


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _arm(step: str | None) -> None:
    if step == "before-switch" or step == "after-header":
        real_write = switch_module.write_header_region_in_place

        def write(path: Path, offset: int, data: bytes) -> None:
            if step == "before-switch":
                _die()
            real_write(path, offset, data)
            _die()

        switch_module.write_header_region_in_place = write  # type: ignore[assignment]
    elif step == "after-rename":

        def fsync_dir(path: Path) -> None:
            _die()

        switch_module.fsync_dir = fsync_dir  # type: ignore[assignment]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("root", type=Path)
    parser.add_argument("--die-at", choices=STEPS)
    args = parser.parse_args()
    current = sys.stdin.readline().rstrip("\n")
    new = sys.stdin.readline().rstrip("\n")
    _arm(args.die_at)

    def progress(done: int, total: int, *_: Any) -> None:
        if args.die_at == "export" and done < total:
            _die()

    with Vault.open(args.root, current) as vault:
        print("ready", flush=True)
        vault.rekey(new, progress)
    print("done", flush=True)


if __name__ == "__main__":
    main()
