"""Argument parsing and the one place where errors become messages and exit codes."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from locker import __version__
from locker.cli import (
    bundle_commands,
    commands,
    key_commands,
    sandbox_command,
    senders_command,
    share_command,
    tsa_roots_command,
)
from locker.cli.commands import Console, valid_text
from locker.errors import EXIT_INTERRUPTED, EXIT_USAGE, LockerError
from locker.hardening import harden_process
from locker.versions import component_versions

Command = Callable[[argparse.Namespace, Console], int]


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so main() decides the exit code and the output stream."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageProblem(f"{self.prog}: {message}")


class _UsageProblem(Exception):
    pass


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument("--vault", metavar="PATH", help="vault folder (default: $LOCKER_VAULT or the user data dir)")
    common.add_argument(
        "--passphrase-stdin",
        action="store_true",
        help="read the passphrase (for passwd: old then new) as lines from standard input",
    )
    parser = _Parser(prog="locker", description="Evidence Locker: keep evidence encrypted, bit-exact and verifiable.")
    parser.add_argument("--version", action="store_true", help="print app, SQLCipher, OpenSSL and Qt versions")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    def add(name: str, func: Command, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[common], help=help_text, description=help_text)
        p.set_defaults(func=func)
        return p

    add("init", commands.cmd_init, "create a new vault")
    p = add("import", commands.cmd_import, "import files and folders")
    p.add_argument("--case", metavar="NAME", help="put the items in this case (created if needed)")
    p.add_argument("--note", metavar="TEXT", help="notes to attach to every imported item")
    p.add_argument("--remove-source", action="store_true", help="overwrite and delete each source once stored")
    p.add_argument("--json", action="store_true", help="print the outcome as JSON")
    p.add_argument("--no-metadata", action="store_true", help="store only; read metadata later with `locker reindex`")
    p.add_argument(
        "--strip", action="store_true",
        help="store a copy without identifying metadata (GPS, device, names) instead of the original; the "
        "original's hashes and the names of removed fields are recorded",
    )  # fmt: skip
    p.add_argument("paths", nargs="+", metavar="PATH")
    p = add("list", commands.cmd_list, "list items")
    p.add_argument("--case", metavar="NAME")
    p.add_argument("--json", action="store_true")
    p = add("show", commands.cmd_show, "show one item with its hashes and custody history")
    p.add_argument("item", metavar="ITEM")
    p.add_argument("--json", action="store_true")
    p = add("extract", commands.cmd_extract, "write an item's original bytes to a file, verifying its hashes")
    p.add_argument("item", metavar="ITEM")
    p.add_argument("--out", required=True, metavar="FILE")
    p = add("note", commands.cmd_note, "replace an item's notes")
    p.add_argument("item", metavar="ITEM")
    p.add_argument("text", metavar="TEXT")
    p = add("log", commands.cmd_log, "print the custody log")
    p.add_argument("--verify", action="store_true", help="recompute the hash chain; exit 1 if it is broken")
    p.add_argument("--json", action="store_true")
    p = add("passwd", key_commands.cmd_passwd, "change the vault passphrase")
    p.add_argument(
        "--rekey", action="store_true",
        help="also make a new master key and re-encrypt the whole vault with it, so that a copy of the header "
        "taken before opens nothing (takes about as long as copying the vault)",
    )  # fmt: skip
    p = add("reindex", commands.cmd_reindex, "read metadata and thumbnails for items that have none yet")
    p.add_argument("--all", action="store_true", help="read them again for every item")
    p = add("panic", key_commands.cmd_panic, "erase the vault now (no passphrase); also reaches a running app")
    p.add_argument("--lock-only", action="store_true", help="only make a running app lock the vault and quit")
    p = add("duress", key_commands.cmd_duress, "set or clear a passphrase that erases the vault when used")
    p.add_argument("action", choices=["set", "clear"])
    p = add("wipe-after", key_commands.cmd_wipe_after, "erase the vault after N wrong passphrases in a row (or: off)")
    p.add_argument("count", metavar="N|off")
    p = add("export", bundle_commands.cmd_export, "write a signed evidence bundle (BagIt) for counsel")
    p.add_argument("--to-counsel", required=True, metavar="OUT", help="a new folder, or a new .zip file")
    p.add_argument("--case", metavar="NAME", help="export every item of this case")
    p.add_argument("--recipient", metavar="LABEL", help="who the bundle is for (recorded in the custody log)")
    p.add_argument(
        "--tsa",
        action="append",
        metavar="URL",
        help="RFC 3161 timestamp authority (repeatable); 'default' asks DigiCert and Sectigo, two independent ones",
    )
    p.add_argument("--proxy", metavar="URL", help="reach the timestamp authority through this proxy")
    p.add_argument(
        "--encrypt", metavar="age:RECIPIENT|7z",
        help="encrypt for counsel: to their age public key, or as an AES-256 7z (password asked after the vault's)",
    )  # fmt: skip
    p.add_argument("items", nargs="*", metavar="ITEM")
    p = sub.add_parser("timestamp", help="add a trusted timestamp to an existing bundle (folder or .zip)")
    p.set_defaults(func=bundle_commands.cmd_timestamp)
    p.add_argument("bundle", metavar="BUNDLE")
    p.add_argument("--tsa", action="append", required=True, metavar="URL", help="a TSA address, or 'default'")
    p.add_argument("--proxy", metavar="URL")
    verify_help = (
        "check a bundle: hashes, signatures, custody log; exit 0 confirmed sender, 3 intact but the signer is not "
        "confirmed, 1 invalid"
    )
    p = sub.add_parser("verify", help=verify_help, description=verify_help)
    p.set_defaults(func=bundle_commands.cmd_verify)
    p.add_argument("bundle", metavar="BUNDLE")
    p.add_argument("--fingerprint", metavar="FP", help="the fingerprint the sender read to you")
    p.add_argument("--age-identity", metavar="FILE", help="your age secret key file, for an .age bundle")
    p.add_argument("--password-stdin", action="store_true", help="read a .7z bundle's password from standard input")
    p.add_argument(
        "--tsa-root",
        action="append",
        metavar="PEM",
        help="also trust this timestamp authority root for this run (repeatable; keep one: locker tsa-roots add)",
    )
    p.add_argument("--lang", choices=("en", "ru"), help="language of the verdict (default: from the locale)")
    p.add_argument("--json", action="store_true")
    share_command.add_parser(sub, common)
    senders_command.add_parser(sub)
    tsa_roots_command.add_parser(sub)
    sandbox_command.add_parser(sub)
    p = sub.add_parser("gui", help="start the desktop app (the same as locker-gui)")
    p.set_defaults(func=commands.cmd_gui)
    p.add_argument("--vault", metavar="PATH", help="vault folder (default: $LOCKER_VAULT or the user data dir)")
    p = sub.add_parser(
        "self-test", help="check that this installation works: vault, import, metadata, bundle, share copy, erase"
    )
    p.set_defaults(func=commands.cmd_self_test)
    add("fingerprint", key_commands.cmd_fingerprint, "print the vault's signing key fingerprint, to read to counsel")
    add("check", commands.cmd_check, "check encryption, structure, every item's hashes and the custody log")
    return parser


#: Arguments that are text to keep (case names, notes, labels), never paths to open.
_TEXT_ARGUMENTS = ("case", "note", "recipient", "text", "name", "fingerprint")


def main(
    argv: Sequence[str] | None = None,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run one `locker` command; return its exit code. Errors are one line on stderr, never a traceback."""
    console = Console(stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        for (
            field
        ) in _TEXT_ARGUMENTS:  # words, not paths: stored and signed as UTF-8, so bytes that are not become U+FFFD
            if isinstance(getattr(args, field, None), str):
                setattr(args, field, valid_text(getattr(args, field)))
    except _UsageProblem as exc:
        console.err(str(exc))
        return EXIT_USAGE
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    if args.version:
        console.out(f"Evidence Locker {__version__}")
        for name, version in component_versions().items():
            console.out(f"{name}: {version}")
        from locker.cli.sandbox_command import sandbox_layer_lines  # noqa: PLC0415 - starts the sandbox once

        console.out("Parser sandbox:")
        for line in sandbox_layer_lines():
            console.out(f"  {line}")
        return 0
    if not getattr(args, "func", None):
        parser.print_usage(console.stderr)
        return EXIT_USAGE
    try:
        return int(args.func(args, console))
    except LockerError as exc:
        console.err(f"locker: {exc}")
        return exc.exit_code
    except KeyboardInterrupt:
        console.err("locker: stopped by the user. The file in progress was not stored.")
        return EXIT_INTERRUPTED
    except OSError as exc:
        console.err(f"locker: {exc.strerror or exc}" + (f": {exc.filename}" if exc.filename else ""))
        return 1


def run() -> None:
    """The `locker` executable: harden the process before any passphrase is read (no core file, not dumpable), then
    run the command. `main` itself leaves the process alone, so tests can call it in theirs."""
    harden_process()
    sys.exit(main())
