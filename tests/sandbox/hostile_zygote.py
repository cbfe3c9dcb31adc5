"""A real fork server (with the real confinement) whose metadata jobs misbehave in one chosen way, as a parser taken
over by a file might. Run as `python -m tests.sandbox.hostile_zygote MODE FD` in place of locker.sandbox.zygote."""

from __future__ import annotations

import json
import os
import sys
import time
from typing import BinaryIO

from locker.sandbox import child, protocol, zygote


def malformed_read(rfile: BinaryIO, wfile: BinaryIO) -> None:
    protocol.recv_frame(rfile)
    protocol.send_frame(wfile, protocol.READ, b"\x00\x01")  # 2 bytes where 12 are due


def malformed_write(rfile: BinaryIO, wfile: BinaryIO) -> None:
    protocol.recv_frame(rfile)
    protocol.send_frame(wfile, protocol.WRITE, b"\x00")


def end_then_sleep(rfile: BinaryIO, wfile: BinaryIO) -> None:
    """Answers at once, then stays: asleep, it uses no CPU, so no CPU limit would end it."""
    protocol.recv_frame(rfile)
    protocol.send_frame(wfile, protocol.METADATA, b'{"status": "ok", "reader": "x", "summary": {}, "raw": {}}')
    protocol.send_frame(wfile, protocol.END)
    time.sleep(120)


def huge_answer(rfile: BinaryIO, wfile: BinaryIO) -> None:
    protocol.recv_frame(rfile)
    protocol.send_frame(wfile, protocol.METADATA, b"[" * (8 * 1024 * 1024))
    protocol.send_frame(wfile, protocol.END)


def dies_on_marker(rfile: BinaryIO, wfile: BinaryIO) -> bool:
    """Answers each file of a batch with its first five bytes, and dies (as a crashed parser does) on b"CRASH"."""
    job = json.loads(protocol.recv_frame(rfile)[1])
    protocol.send_frame(wfile, protocol.READ, protocol.READ_REQUEST.pack(0, 5))
    head = protocol.recv_frame(rfile)[1]
    if head == b"CRASH":
        os._exit(3)
    answer = {"status": "ok", "reader": "fake", "summary": {}, "raw": {"head": head.decode()}, "warnings": []}
    protocol.send_frame(wfile, protocol.METADATA, json.dumps(answer).encode())
    protocol.send_frame(wfile, protocol.END)
    return job.get("more") is True


MODES = {f.__name__: f for f in (malformed_read, malformed_write, end_then_sleep, huge_answer, dies_on_marker)}


def main() -> None:
    behaviour = MODES[sys.argv[1]]

    def run_job(rfile: BinaryIO, wfile: BinaryIO, *_args: object) -> bool:
        return behaviour(rfile, wfile) is True

    zygote.run_job = run_job  # type: ignore[assignment]
    child.run_job = run_job  # type: ignore[assignment]
    sys.argv = [sys.argv[0], *sys.argv[2:]]
    zygote.main()


if __name__ == "__main__":
    main()
