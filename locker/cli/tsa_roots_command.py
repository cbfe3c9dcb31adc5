"""`locker tsa-roots`: the timestamp authority roots you trust besides the curated ones shipped with the app."""

from __future__ import annotations

import argparse
from pathlib import Path

from locker.bundle.tsa_trust import TrustedRoot, TsaRootStore, curated_roots, default_roots_path, load_root_file
from locker.cli.commands import Console
from locker.cli.errors import RootFileNotOne
from locker.cli.format import printable
from locker.errors import EXIT_FAILED, EXIT_OK


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    help_text = "timestamp authority roots you trust: add PEM [--name NAME], list, remove NAME-OR-FINGERPRINT"
    p = sub.add_parser("tsa-roots", help=help_text, description=help_text)
    p.set_defaults(func=cmd_tsa_roots)
    actions = p.add_subparsers(dest="roots_action", required=True)
    add = actions.add_parser("add", help="trust the root certificate in a PEM file for timestamps")
    add.add_argument("pem", metavar="PEM")
    add.add_argument("--name", help="a name to show (default: the certificate's common name)")
    listing = actions.add_parser("list", help="print the curated roots and yours")
    listing.add_argument("--json", action="store_true")
    remove = actions.add_parser("remove", help="stop trusting a root you added")
    remove.add_argument("key", metavar="NAME-OR-FINGERPRINT", help="its name, or 8+ hex digits of its SHA-256")


def _describe(root: TrustedRoot) -> str:
    expires = root.certificate.not_valid_after_utc.date().isoformat()
    return f"{printable(root.name)} [{root.source}]\n  SHA-256 {root.fingerprint}\n  valid until {expires}"


def cmd_tsa_roots(args: argparse.Namespace, console: Console) -> int:
    store = TsaRootStore(default_roots_path())
    if args.roots_action == "add":
        certificates = load_root_file(Path(args.pem))
        if len(certificates) != 1:
            raise RootFileNotOne(path=args.pem, count=len(certificates))
        root = store.add(certificates[0], args.name)
        console.out(f"Timestamps that chain to this root are now trusted time:\n{_describe(root)}")
        return EXIT_OK
    if args.roots_action == "remove":
        if not store.remove(args.key):
            console.err(f"locker: no root you added matches {printable(args.key)} (curated roots cannot be removed)")
            return EXIT_FAILED
        console.out(f"Removed {printable(args.key)}.")
        return EXIT_OK
    roots = [*curated_roots(), *store.roots()]
    if args.json:
        console.json([{"name": r.name, "source": r.source, "sha256": r.fingerprint} for r in roots])
        return EXIT_OK
    for root in roots:
        console.out(_describe(root))
    return EXIT_OK
