"""`locker sandbox-probe`: show, on this machine, what code running inside the parser sandbox can and cannot do."""

from __future__ import annotations

import argparse
import contextlib
import os
import signal

from locker.cli.common import Console
from locker.cli.format import printable
from locker.errors import EXIT_FAILED, EXIT_OK
from locker.sandbox.probe import check_layers, describe_layers, readable_address, run_sandbox_probe
from locker.sandbox.runner import SandboxRunner

DESCRIPTION = (
    "run a probe job inside the real sandbox (the one that reads metadata, makes thumbnails and decodes what the "
    "viewer shows) and try each attempt named here; prints 'blocked' or 'ALLOWED' per attempt and exits 0 only "
    "if everything was blocked and nothing of the job is left running"
)


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("sandbox-probe", help="check what the parser sandbox stops on this machine",
                       description=DESCRIPTION)  # fmt: skip
    p.set_defaults(func=cmd_sandbox_probe)
    for flag, meta, text in (
        ("--read", "PATH", "read a file"),
        ("--write", "DIR", "create, rename and delete a file, and make a symbolic link, in a folder"),
        ("--truncate", "FILE", "truncate a file to 0 bytes (use a file you do not need)"),
        ("--delete", "FILE", "delete a file (use a file you do not need)"),
        ("--connect", "HOST:PORT", "open a TCP connection and send bytes"),
        ("--unix", "PATH", "connect to a Unix socket and send 'erase' (e.g. the app's panic socket)"),
        ("--signal", "PID", "send SIGCONT to a process (directly, and through F_SETOWN/O_ASYNC)"),
        ("--peek", "PID", "read a process's memory (process_vm_readv) and attach to it (ptrace)"),
        ("--exec", "PATH", "execute a program"),
    ):  # fmt: skip
        p.add_argument(flag, action="append", default=[], metavar=meta, help=text)
    p.add_argument("--linger", action="store_true", help="start a process meant to outlive the job")
    p.add_argument(
        "--no-sandbox", action="store_true",
        help="run the same probe unconfined in a plain child process (a control: shows what is at stake)",
    )  # fmt: skip
    p.add_argument("--json", action="store_true")


def cmd_sandbox_probe(args: argparse.Namespace, console: Console) -> int:
    attempts: list[tuple[str, str]] = []
    for what in ("read", "write", "truncate", "delete", "connect", "unix", "signal"):
        attempts += [(what, target) for target in getattr(args, what)]
    attempts += [("fasync", target) for target in args.signal]  # the kernel asked to send SIGCONT for the job
    for target in args.write:
        attempts.append(("symlink", target))
    for pid in args.peek:
        attempts += [("peek", readable_address(int(pid))), ("ptrace", pid)]
    if args.linger:
        attempts.append(("linger", ""))
    attempts += [("exec", target) for target in args.exec]
    with SandboxRunner() as runner:
        layers, _checks = check_layers(runner)
        if not args.no_sandbox:
            report = run_sandbox_probe(runner, attempts)
    if args.no_sandbox:  # a plain child process with the app's environment, as parsers ran before confinement
        with SandboxRunner(fork=False, environment=dict(os.environ)) as plain:
            report = run_sandbox_probe(plain, attempts, confined=False)
    if args.json:
        console.json({
            "sandbox": not args.no_sandbox,
            "layers": [layer.to_json() for layer in layers],
            "attempts": [a.to_json() for a in report.attempts],
            "leftover_processes": list(report.leftovers),
            "error": report.error,
            "contained": report.contained,
        })  # fmt: skip
    else:
        console.out("Sandbox layers on this machine:" if not args.no_sandbox else "UNCONFINED (--no-sandbox):")
        if not args.no_sandbox:
            for line in describe_layers(layers):
                console.out(f"  {line}")
        for attempt in report.attempts:
            console.out(printable(attempt.line()))
        if report.leftovers:
            console.out(f"ALLOWED  linger: processes of the job still running: {list(report.leftovers)}")
        else:
            console.out("blocked  linger: no process of the job is left")
        if report.error:
            console.out(f"error: {printable(report.error)}")
        console.out("Everything was blocked." if report.contained else "Something got through (see ALLOWED).")
    for pid in report.leftovers:  # reported above; not left running on the user's machine
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    return EXIT_OK if report.contained else EXIT_FAILED


def sandbox_layer_lines() -> list[str]:
    """The sandbox's layers as a job on this machine sees them, one line each (for --version)."""
    with SandboxRunner() as runner:
        layers, _checks = check_layers(runner)
    return describe_layers(layers)
