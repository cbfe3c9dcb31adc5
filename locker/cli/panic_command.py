"""`locker panic`: what a desktop-wide shortcut runs while the door is being broken.

Every millisecond before the header is gone counts, so this module imports only what erasing needs: the vault's
paths, the socket to a running app and the erase itself - not the vault's database code, the parsers or the
bundle code (tests/test_lean_entry.py fails if it does; benchmarks/panic_start.py measures the start).
"""

from __future__ import annotations

import argparse

from locker.cli.common import Console, vault_dir
from locker.errors import EXIT_OK
from locker.panic.channel import PanicMode, send_panic
from locker.panic.erase import crypto_erase


def cmd_panic(args: argparse.Namespace, console: Console) -> int:
    """No passphrase, no questions: tell a running app, then (unless --lock-only) crypto-erase."""
    root = vault_dir(args)
    mode = PanicMode.LOCK if args.lock_only else PanicMode.ERASE
    reached = send_panic(root, mode)
    if mode is PanicMode.LOCK:
        console.out("The running app locked the vault." if reached else "No running app had this vault open.")
        return EXIT_OK
    report = crypto_erase(root)
    if report.header_destroyed and report.header_seconds is not None:
        console.out(f"Vault erased: key header destroyed in {report.header_seconds * 1000:.1f} ms.")
    elif reached:
        console.out("Vault erased by the running app.")
    else:
        console.out(f"There was no vault to erase at {root}.")
    return EXIT_OK
