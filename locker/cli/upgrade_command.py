"""`locker upgrade`: rewrite a vault made before the current format in the current format's page size."""

from __future__ import annotations

import argparse

from locker.cli.commands import open_vault
from locker.cli.common import Console
from locker.cli.format import TerminalProgress, human_size
from locker.crypto.header import FORMAT_VERSION
from locker.errors import EXIT_OK
from locker.vault.db import CURRENT_PAGE_SIZE

UPGRADED_MESSAGE = (
    "The vault now has format {format} ({page_kib} KiB pages): large files import faster. Its passphrases, items, "
    "signing key and custody log are unchanged; the custody log records the upgrade."
)
CURRENT_MESSAGE = "This vault already has the current format ({format}); nothing was changed."


def cmd_upgrade(args: argparse.Namespace, console: Console) -> int:
    """Upgrade the vault's format, showing progress; crash-safe (see locker/vault/upgrade.py)."""
    with open_vault(args, console) as vault:
        if not vault.needs_upgrade:
            console.out(CURRENT_MESSAGE.format(format=vault.format_version))
            return EXIT_OK
        progress_line = TerminalProgress(console.stderr)
        try:
            vault.upgrade(
                lambda done, total: progress_line.show(f"upgrading: {human_size(done)} / {human_size(total)}"),
            )
        finally:
            progress_line.done()
    console.out(UPGRADED_MESSAGE.format(format=FORMAT_VERSION, page_kib=CURRENT_PAGE_SIZE // 1024))
    return EXIT_OK
