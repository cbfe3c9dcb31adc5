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


def scripted_by_marker(rfile: BinaryIO, wfile: BinaryIO) -> bool:
    """Serves a batch, file after file, doing what each file's first five bytes say: b"CRASH" dies (as a crashed
    parser does), b"SLOW1" takes a second; every file is answered with those bytes and whether opening a path
    failed, as confinement makes it."""
    job = json.loads(protocol.recv_frame(rfile)[1])
    protocol.send_frame(wfile, protocol.READ, protocol.READ_REQUEST.pack(0, 5))
    head = protocol.recv_frame(rfile)[1]
    if head == b"CRASH":
        os._exit(3)
    if head == b"SLOW1":
        time.sleep(1.0)
    try:
        os.close(os.open("/", os.O_RDONLY))
        confined = False
    except OSError:
        confined = True
    raw = {"head": head.decode(), "confined": confined}
    answer = {"status": "ok", "reader": "fake", "summary": {}, "raw": raw, "warnings": []}
    protocol.send_frame(wfile, protocol.METADATA, json.dumps(answer).encode())
    protocol.send_frame(wfile, protocol.END)
    return job.get("more") is True


MODES = {f.__name__: f for f in (malformed_read, malformed_write, end_then_sleep, huge_answer, scripted_by_marker)}


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
