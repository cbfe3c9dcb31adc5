"""A stand-in for the network child (locker/receive/child.py) that says one malformed thing to the app.

Started by the app exactly as the real child is (`... VARIANT FD`, the listener and configuration sent over FD),
it sends the frame named by VARIANT, then waits until the app stops it or closes the pair.
"""

from __future__ import annotations

import socket
import struct
import sys

from locker.receive import messages
from locker.receive.frames import HEADER, Kind, Writer
from locker.receive.messages import Problem


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
    variant, fd = sys.argv[1], int(sys.argv[2])
    control = socket.socket(fileno=fd)
    head, _fds, _flags, _address = socket.recv_fds(control, 4, 1)
    (size,) = struct.unpack("!I", head)
    received = 0
    while received < size:
        received += len(control.recv(size - received))
    control.sendall(frame(variant))
    while control.recv(65536):  # until the app stops this process or closes the pair
        pass


if __name__ == "__main__":
    main()
