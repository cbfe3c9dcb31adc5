"""`locker passwd`, `duress`, `wipe-after` and `fingerprint`: the key, and destroying it (`locker panic` is in
panic_command.py, which must stay light)."""

from __future__ import annotations

import argparse

from locker.cli.commands import open_vault
from locker.cli.common import Console, vault_dir
from locker.cli.errors import WipeAfterCount
from locker.cli.format import TerminalProgress, human_size
from locker.cli.passphrase import PassphraseSource
from locker.crypto.identity import spoken_fingerprint
from locker.errors import EXIT_OK
from locker.panic import attempts
from locker.panic.duress import DURESS_WARNING, clear_duress, set_duress
from locker.vault.vault import Vault

SLOT_REWRAPPED_MESSAGE = (
    "Passphrase changed. The old passphrase no longer opens this vault's header; a copy of the header taken before "
    "this change still opens it with the old passphrase - use --rekey to make such copies useless."
)
REKEYED_MESSAGE = (
    "The vault was re-encrypted under a new key, and the old database overwritten. A copy of the key header taken "
    "before opens nothing on this disk now, whatever passphrase it is used with. A copy of the whole vault folder "
    "taken before still opens with the passphrase it had then, and shows what the vault held at that time. (SSDs "
    "and copy-on-write file systems may keep old blocks we cannot reach.)"
)


def cmd_passwd(args: argparse.Namespace, console: Console) -> int:
    source = PassphraseSource(args.passphrase_stdin, console.stdin, console.stderr)
    root = vault_dir(args)
    with Vault.open(root, source.read(f"Current passphrase for {root}: ")) as vault:
        for sentence in vault.recovered:
            console.err(f"locker: {sentence}")
        new_passphrase = source.read_new("New passphrase: ")
        if not args.rekey:
            vault.change_passphrase(new_passphrase)
            console.out(SLOT_REWRAPPED_MESSAGE)
            return EXIT_OK
        progress_line = TerminalProgress(console.stderr)
        try:
            vault.rekey(
                new_passphrase,
                lambda done, total: progress_line.show(f"re-encrypting: {human_size(done)} / {human_size(total)}"),
            )
        finally:
            progress_line.done()
    console.out(REKEYED_MESSAGE)
    return EXIT_OK


def cmd_duress(args: argparse.Namespace, console: Console) -> int:
    source = PassphraseSource(args.passphrase_stdin, console.stdin, console.stderr)
    with open_vault(args, console) as vault:
        if args.action == "clear":
            removed = clear_duress(vault)
            console.out("Duress passphrase removed." if removed else "This vault had no duress passphrase.")
            return EXIT_OK
        console.err(DURESS_WARNING)
        set_duress(vault, source.read_new("Duress passphrase: "))
    console.out(
        "Duress passphrase set. Typing it instead of your passphrase will erase this vault. Afterwards the vault "
        "looks like one whose passphrase is not known: every passphrase, yours too, gets 'The passphrase is wrong.'"
    )
    return EXIT_OK


def cmd_wipe_after(args: argparse.Namespace, console: Console) -> int:
    with open_vault(args, console) as vault:
        if args.count == "off":
            attempts.disable(vault.paths.root)
            console.out("Wrong passphrases no longer erase this vault.")
            return EXIT_OK
        try:
            limit = int(args.count)
            attempts.enable(vault.paths.root, limit)
        except ValueError as exc:
            raise WipeAfterCount(limit=attempts.MAX_LIMIT) from exc
    console.out(
        f"This vault will be erased after {limit} wrong passphrases in a row; each wrong one says how many are "
        "left. Afterwards the vault looks like one whose passphrase is not known: every passphrase, yours too, gets "
        "'The passphrase is wrong.' The setting is visible to anyone who looks at the vault folder, and it does "
        "nothing against someone who copied the folder first."
    )
    return EXIT_OK


def cmd_fingerprint(args: argparse.Namespace, console: Console) -> int:
    with open_vault(args, console) as vault:
        fingerprint = vault.fingerprint()
    console.out(fingerprint)
    console.out(f"Read aloud / Для чтения вслух: {spoken_fingerprint(fingerprint)}")
    return EXIT_OK
