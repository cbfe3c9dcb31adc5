"""Argument parsing and the one place where errors become messages and exit codes.

The parser is built from COMMANDS, a table that names each command's module by a string: a command's module, and
everything it imports (the vault database, the parsers, the bundle code), is loaded only when that command runs,
and only the chosen command's arguments are built. So `locker panic` (bound to a desktop shortcut) and `locker
--help` load none of that (tests/test_lean_entry.py checks which modules they load; benchmarks/panic_start.py times
panic). A new command is one line in COMMANDS, plus a function that adds its arguments if it has any.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TextIO

from locker import __version__
from locker.cli.common import Console, valid_text
from locker.errors import EXIT_INTERRUPTED, EXIT_USAGE, LockerError
from locker.hardening import harden_process

Command = Callable[[argparse.Namespace, Console], int]
Arguments = Callable[[argparse.ArgumentParser], None]


def _no_arguments(parser: argparse.ArgumentParser) -> None:
    pass


@dataclass(frozen=True)
class CommandSpec:
    """One `locker` command as the parser knows it before its module is imported."""

    name: str
    help: str
    #: "module:function" run with (args, console); imported only when the command runs. For a command that builds
    #: its own parser (`own_parser`), the function that does: add_parser(subparsers[, common]).
    target: str
    arguments: Arguments = _no_arguments
    #: Takes --vault and --passphrase-stdin.
    vault: bool = True
    own_parser: bool = False


def _imported_when_run(target: str) -> Command:
    """A command that imports its module only when it is called."""

    def run(args: argparse.Namespace, console: Console) -> int:
        return int(_load(target)(args, console))

    return run


def _load(target: str) -> Callable[..., int]:
    module, _, function = target.partition(":")
    loaded: Callable[..., int] = getattr(importlib.import_module(module), function)
    return loaded


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so main() decides the exit code and the output stream."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageProblem(f"{self.prog}: {message}")


class _UsageProblem(Exception):
    pass


def _import_arguments(p: argparse.ArgumentParser) -> None:
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


def _list_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--case", metavar="NAME")
    p.add_argument("--json", action="store_true")


def _show_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("item", metavar="ITEM")
    p.add_argument("--json", action="store_true")


def _extract_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("item", metavar="ITEM")
    p.add_argument("--out", required=True, metavar="FILE")


def _note_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("item", metavar="ITEM")
    p.add_argument("text", metavar="TEXT")


def _log_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--verify", action="store_true", help="recompute the hash chain; exit 1 if it is broken")
    p.add_argument("--json", action="store_true")


def _passwd_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--rekey", action="store_true",
        help="also make a new master key and re-encrypt the whole vault with it, so that a copy of the header "
        "taken before opens nothing (takes about as long as copying the vault)",
    )  # fmt: skip


def _reindex_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--all", action="store_true", help="read them again for every item")


def _panic_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lock-only", action="store_true", help="only make a running app lock the vault and quit")


def _duress_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=["set", "clear"])


def _wipe_after_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("count", metavar="N|off")


def _export_arguments(p: argparse.ArgumentParser) -> None:
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


def _timestamp_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("bundle", metavar="BUNDLE")
    p.add_argument("--tsa", action="append", required=True, metavar="URL", help="a TSA address, or 'default'")
    p.add_argument("--proxy", metavar="URL")


def _verify_arguments(p: argparse.ArgumentParser) -> None:
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


def _gui_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--vault", metavar="PATH", help="vault folder (default: $LOCKER_VAULT or the user data dir)")
    # As `locker-gui --smoke`: a throwaway vault, the window shown, then quit (the packaged app's checks).
    p.add_argument("--smoke", action="store_true", help=argparse.SUPPRESS)


_COMMANDS = "locker.cli.commands"
_KEYS = "locker.cli.key_commands"
_BUNDLES = "locker.cli.bundle_commands"

# fmt: off
COMMANDS: tuple[CommandSpec, ...] = (
    CommandSpec("init", "create a new vault", f"{_COMMANDS}:cmd_init"),
    CommandSpec("import", "import files and folders", f"{_COMMANDS}:cmd_import", _import_arguments),
    CommandSpec("list", "list items", f"{_COMMANDS}:cmd_list", _list_arguments),
    CommandSpec("show", "show one item with its hashes and custody history", f"{_COMMANDS}:cmd_show",
                _show_arguments),
    CommandSpec("extract", "write an item's original bytes to a file, verifying its hashes",
                f"{_COMMANDS}:cmd_extract", _extract_arguments),
    CommandSpec("note", "replace an item's notes", f"{_COMMANDS}:cmd_note", _note_arguments),
    CommandSpec("log", "print the custody log", f"{_COMMANDS}:cmd_log", _log_arguments),
    CommandSpec("passwd", "change the vault passphrase", f"{_KEYS}:cmd_passwd", _passwd_arguments),
    CommandSpec("reindex", "read metadata and thumbnails for items that have none yet", f"{_COMMANDS}:cmd_reindex",
                _reindex_arguments),
    CommandSpec("panic", "erase the vault now (no passphrase); also reaches a running app",
                "locker.cli.panic_command:cmd_panic", _panic_arguments),
    CommandSpec("duress", "set or clear a passphrase that erases the vault when used", f"{_KEYS}:cmd_duress",
                _duress_arguments),
    CommandSpec("wipe-after", "erase the vault after N wrong passphrases in a row (or: off)",
                f"{_KEYS}:cmd_wipe_after", _wipe_after_arguments),
    CommandSpec("export", "write a signed evidence bundle (BagIt) for counsel", f"{_BUNDLES}:cmd_export",
                _export_arguments),
    CommandSpec("timestamp", "add a trusted timestamp to an existing bundle (folder or .zip)",
                f"{_BUNDLES}:cmd_timestamp", _timestamp_arguments, vault=False),
    CommandSpec("verify", "check a bundle: hashes, signatures, custody log; exit 0 confirmed sender, 3 intact but "
                "the signer is not confirmed, 1 invalid", f"{_BUNDLES}:cmd_verify", _verify_arguments, vault=False),
    CommandSpec("share", "write sanitised share copies: identifying metadata removed, faces covered",
                "locker.cli.share_command:add_parser", own_parser=True),
    CommandSpec("receive", "receive files from a phone with LocalSend, straight into the vault (until Ctrl-C or idle)",
                "locker.cli.receive_command:add_parser", own_parser=True),
    CommandSpec("senders", "confirmed senders: add NAME FINGERPRINT after comparing the key by phone, list, "
                "remove NAME",
                "locker.cli.senders_command:add_parser", vault=False, own_parser=True),
    CommandSpec("tsa-roots", "timestamp authority roots you trust: add PEM [--name NAME], list, remove "
                "NAME-OR-FINGERPRINT",
                "locker.cli.tsa_roots_command:add_parser", vault=False, own_parser=True),
    CommandSpec("sandbox-probe", "check what the parser sandbox stops on this machine",
                "locker.cli.sandbox_command:add_parser", vault=False, own_parser=True),
    CommandSpec("gui", "start the desktop app (the same as locker-gui)", f"{_COMMANDS}:cmd_gui", _gui_arguments,
                vault=False),
    CommandSpec("self-test", "check that this installation works: vault, import, metadata, bundle, share copy, "
                "erase", f"{_COMMANDS}:cmd_self_test", vault=False),
    CommandSpec("fingerprint", "print the vault's signing key fingerprint, to read to counsel",
                f"{_KEYS}:cmd_fingerprint"),
    CommandSpec("check", "check encryption, structure, every item's hashes and the custody log",
                f"{_COMMANDS}:cmd_check"),
    CommandSpec("upgrade", "convert a vault made by an older release to the current format",
                "locker.cli.upgrade_command:cmd_upgrade"),
)
# fmt: on


def chosen_command(argv: Sequence[str]) -> str | None:
    """The command named on the command line: the first word that is not an option (the top level's own options,
    --help and --version, take no value)."""
    return next((word for word in argv if not word.startswith("-")), None)


def build_parser(chosen: str | None = None) -> argparse.ArgumentParser:
    """The `locker` parser. Every command is listed with its help; only `chosen` gets its arguments (importing the
    module that defines them, for a command that builds its own parser)."""
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
    for spec in COMMANDS:
        if spec.name != chosen:
            sub.add_parser(spec.name, help=spec.help, add_help=False)  # listed in --help; never parses anything
        elif spec.own_parser:
            build = _load(spec.target)
            build(sub, common) if spec.vault else build(sub)
        else:
            p = sub.add_parser(spec.name, parents=[common] if spec.vault else [], help=spec.help, description=spec.help)
            spec.arguments(p)
            p.set_defaults(func=_imported_when_run(spec.target))
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
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(chosen_command(argv))
    try:
        args = parser.parse_args(argv)
        # Words, not paths: stored and signed as UTF-8, so bytes that are not become U+FFFD.
        for field in _TEXT_ARGUMENTS:
            if isinstance(getattr(args, field, None), str):
                setattr(args, field, valid_text(getattr(args, field)))
    except _UsageProblem as exc:
        console.err(str(exc))
        return EXIT_USAGE
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    if args.version:
        # Only here: the SQLCipher and OpenSSL lines need sqlcipher3 and cryptography loaded.
        from locker.versions import component_versions  # noqa: PLC0415

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
