"""`locker senders`: the list of senders whose keys you confirmed (by phone), so `locker verify` can say who signed."""

from __future__ import annotations

import argparse

from locker.cli.commands import Console
from locker.cli.format import printable
from locker.crypto.identity import spoken_fingerprint
from locker.errors import EXIT_FAILED, EXIT_OK
from locker.senders import SenderStore, default_senders_path


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    help_text = "confirmed senders: add NAME FINGERPRINT after comparing the key by phone, list, remove NAME"
    p = sub.add_parser("senders", help=help_text, description=help_text)
    p.set_defaults(func=cmd_senders)
    actions = p.add_subparsers(dest="senders_action", required=True)
    add = actions.add_parser("add", help="record a sender whose key fingerprint you compared with them")
    add.add_argument("name", metavar="NAME")
    add.add_argument("fingerprint", metavar="FINGERPRINT", help="SHA256:... as `locker verify` printed it")
    listing = actions.add_parser("list", help="print the confirmed senders")
    listing.add_argument("--json", action="store_true")
    remove = actions.add_parser("remove", help="forget a sender")
    remove.add_argument("name", metavar="NAME")


def cmd_senders(args: argparse.Namespace, console: Console) -> int:
    store = SenderStore(default_senders_path())
    if args.senders_action == "add":
        sender = store.add(args.name, args.fingerprint)
        console.out(f"Added {printable(sender.name)}: {sender.fingerprint}")
        console.out(f"  Read aloud: {spoken_fingerprint(sender.fingerprint)}")
        return EXIT_OK
    if args.senders_action == "remove":
        if not store.remove(args.name):
            console.err(f"locker: no confirmed sender is called {printable(args.name)}")
            return EXIT_FAILED
        console.out(f"Removed {printable(args.name)}.")
        return EXIT_OK
    senders = store.senders()
    if args.json:
        console.json(
            [
                {"name": s.name, "fingerprint": s.fingerprint, "spoken": spoken_fingerprint(s.fingerprint)}
                for s in senders
            ]
        )
    elif not senders:
        console.out("No confirmed senders yet.")
    for sender in [] if args.json else senders:
        console.out(f"{printable(sender.name)}\n  {sender.fingerprint}\n  {spoken_fingerprint(sender.fingerprint)}")
    return EXIT_OK
