"""`locker receive`: take files from a phone (LocalSend) straight into the vault while the command runs."""

from __future__ import annotations

import argparse
import threading

from locker.cli.commands import Console, open_vault
from locker.cli.errors import BindOption, IdleMinutesOption, PortOption
from locker.cli.format import human_size, printable
from locker.errors import EXIT_FAILED, EXIT_OK
from locker.receive.addresses import is_local_network
from locker.receive.protocol import MAX_ALIAS_CHARS, neutral_alias
from locker.receive.receiver import (
    DEFAULT_PORT,
    EventKind,
    IncomingSession,
    ReceiveEvent,
    Receiver,
    ReceiverSettings,
    new_pin,
)
from locker.sandbox.runner import SandboxRunner

_SHOWN_NAMES = 10


def add_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    help_text = "receive files from a phone with LocalSend, straight into the vault (until Ctrl-C or idle)"
    p = sub.add_parser("receive", parents=[common], help=help_text, description=help_text)
    p.set_defaults(func=cmd_receive)
    p.add_argument("--case", metavar="NAME", help="put the received items in this case (created if needed)")
    pins = p.add_mutually_exclusive_group()
    pins.add_argument("--pin", metavar="PIN", help="the PIN the phone must give (default: a new random one)")
    pins.add_argument("--no-pin", action="store_true", help="ask no PIN (anyone on the network can offer files)")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port to listen on (default: {DEFAULT_PORT})")
    p.add_argument(
        "--alias", help="the name the phone shows for this computer (default: a neutral one like “Calm Plum”)"
    )
    p.add_argument(
        "--bind", metavar="ADDRESS", help="address to listen on (default: this computer's address on the local "
        "network; 0.0.0.0: every interface, still serving local-network devices only)",
    )  # fmt: skip
    p.add_argument(
        "--no-discovery", action="store_true",
        help="do not announce this computer on the network (the phone then finds it only by scanning)",
    )  # fmt: skip
    p.add_argument("--idle-minutes", type=float, default=10, help="stop after this long without a transfer")


def cmd_receive(args: argparse.Namespace, console: Console) -> int:
    if not 0 <= args.port <= 65535:
        raise PortOption()
    if args.bind is not None and args.bind not in ("0.0.0.0", "::") and not is_local_network(args.bind):  # noqa: S104
        raise BindOption()
    if args.idle_minutes <= 0:
        raise IdleMinutesOption()
    pin = None if args.no_pin else (args.pin or new_pin())
    alias = printable(args.alias)[:MAX_ALIAS_CHARS] if args.alias else neutral_alias()
    settings = ReceiverSettings(
        alias=alias, host=args.bind, port=args.port, pin=pin, case=args.case, idle_seconds=args.idle_minutes * 60,
        discovery=not args.no_discovery,
    )  # fmt: skip
    prompt_lock = threading.Lock()

    def accept(incoming: IncomingSession) -> bool:
        with prompt_lock:
            for line in describe(incoming):
                console.err(line)
            console.stderr.write("Accept these files into the vault? [y/N] ")
            console.stderr.flush()
            answer = console.stdin.readline()
        return answer.strip().lower() in ("y", "yes", "д", "да")

    def report(event: ReceiveEvent) -> None:
        if event.kind is not EventKind.SEEN:  # phones nearby announce themselves every half minute
            console.err(f"receive: {event.message}")

    with open_vault(args, console) as vault, SandboxRunner() as runner:
        receiver = Receiver(vault, settings, accept, report, runner=runner)
        receiver.start()
        console.out(f"Receiving as “{settings.alias}” on port {receiver.port}.")
        console.out(f"PIN: {pin}" if pin else "PIN: none (anyone on this network can offer files)")
        console.out(f"Certificate fingerprint: {receiver.fingerprint}")
        if not receiver.network_process_locked_out_of_files:
            console.err(
                "locker: warning: this system could not lock the receiver's network process out of your files (it "
                "needs Linux 5.13 or later with Landlock). That process never has the vault or its key, but a phone "
                "that took it over could read your other files. Receive only from your own phone on a network you "
                "trust."
            )
        console.out("In LocalSend on the phone: Send, choose the files, then pick this computer. Ctrl-C stops.")
        console.stdout.flush()
        try:
            while not receiver.wait(0.5):
                pass
        except KeyboardInterrupt:
            receiver.stop("Stopped by the user.")
        wrong_pins = "wrong PIN" in receiver.stop_reason
    return EXIT_FAILED if wrong_pins else EXIT_OK


def describe(incoming: IncomingSession) -> list[str]:
    """Who sends what: the lines shown before the question. Every sender-supplied word is made printable."""
    sender = incoming.sender
    model = f" ({sender.device_model})" if sender.device_model else ""
    lines = [
        f"“{sender.alias}”{model} at {incoming.peer} wants to send {len(incoming.files)} file(s), "
        f"{human_size(incoming.total_size)} in all:"
    ]
    lines.append(f"Its certificate: {incoming.sender_check.verdict}")
    lines += [f"  {printable(f.name)}  {human_size(f.size)}" for f in incoming.files[:_SHOWN_NAMES]]
    if len(incoming.files) > _SHOWN_NAMES:
        lines.append(f"  … and {len(incoming.files) - _SHOWN_NAMES} more")
    return lines
