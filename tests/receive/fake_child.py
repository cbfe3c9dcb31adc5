"""A stand-in for the network child (locker/receive/child.py) that says one malformed thing to the app.

Started by the app exactly as the real child is (`... VARIANT`, the configuration on its standard input), it
listens where the app says, sends the frame named by VARIANT, then waits until the app stops it or closes the
pipes.
"""

from __future__ import annotations

import contextlib
import json
import socket
import struct
import sys

from locker.receive import messages
from locker.receive.frames import HEADER, Kind, Pipe, Writer
from locker.receive.messages import Problem
from locker.receive.server import open_listener


def start_as_child(files_locked: bool = True) -> tuple[Pipe, socket.socket]:
    """What the real child does first: read the configuration, listen where it says, tell the app the port (and
    that it locked itself out of every file, unless told to report otherwise)."""
    control = Pipe.of_this_process()
    (size,) = struct.unpack("!I", control.read_exactly(4))
    config = json.loads(bytes(control.read_exactly(size)))
    listener = open_listener(config["host"], config["port"])
    control.send(Kind.READY, 0, messages.write_ready(listener.getsockname()[1], 0, files_locked))
    return control, listener


def _prepare(size: int) -> bytes:
    out = Writer().text("127.0.0.1").opt_text(None).u8(Problem.NONE).text("")
    out.text("Fake phone").opt_text(None).text("mobile").opt_text(None).u32(0).opt_text(None)
    out.u32(1).text("f1").text("huge.bin").u64(size).text("application/octet-stream").opt_text(None).opt_text(None)
    return out.payload()


def frame(variant: str) -> bytes:
    if variant == "unknown-kind":
        return HEADER.pack(99, 1, 0)
    if variant == "longer-than-allowed":
        return HEADER.pack(Kind.DATA, 1, (1 << 20) + 1)
    if variant == "not-utf8":
        payload = struct.pack("!I", 2) + b"\xff\xfe"
        return HEADER.pack(Kind.PREPARE, 1, len(payload)) + payload
    if variant == "size-above-the-limit":
        payload = _prepare(1 << 40)
        return HEADER.pack(Kind.PREPARE, 1, len(payload)) + payload
    if variant == "unknown-verdict":  # a small, valid declaration, then a sender check no verdict has
        payload = _prepare(10)
        verdict = Writer().u8(99).opt_text(None).payload()
        return (HEADER.pack(Kind.PREPARE, 1, len(payload)) + payload
                + HEADER.pack(Kind.CHECKED, 1, len(verdict)) + verdict)  # fmt: skip
    if variant == "bytes-left-over":
        payload = struct.pack("!IH", 1, 0)
        return HEADER.pack(Kind.STATUS, 0, len(payload)) + payload
    if variant == "cut-short":
        payload = messages.write_cancel("127.0.0.1", "abc")[:-2]
        return HEADER.pack(Kind.CANCEL, 1, len(payload)) + payload
    raise SystemExit(f"unknown variant {variant}")


def main() -> None:
    if sys.argv[1] == "no-ready":  # answers, but with no port one can listen on
        control = Pipe.of_this_process()
        (size,) = struct.unpack("!I", control.read_exactly(4))
        control.read_exactly(size)
        control.send(Kind.READY, 0, messages.write_ready(70000))
        while control.recv() is not None:
            pass
        return
    if sys.argv[1] == "not-locked":  # a child on a kernel without Landlock: honest, and otherwise silent
        control, _listener = start_as_child(files_locked=False)
    else:
        control, _listener = start_as_child()
        control.write_all(frame(sys.argv[1]))
    with contextlib.suppress(OSError, ValueError):
        while control.recv() is not None:  # until the app stops this process or closes the pipes
            pass


if __name__ == "__main__":
    main()
