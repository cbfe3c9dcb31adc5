"""A real fork server whose media children misbehave in one chosen way, as a decoder taken over by a file might.

Run as `python -m tests.view.hostile_zygote MODE FD`; tests start it in place of locker.sandbox.zygote.
"""

from __future__ import annotations

import json
import os
import sys
import time
from typing import Any, BinaryIO

from locker.sandbox import protocol, zygote
from locker.view import media_decode

INFO = {"duration": 5.0, "has_video": True, "has_audio": True, "width": 320, "height": 240, "sample_rate": 48000,
        "channels": 2}  # fmt: skip


def _open(rfile: BinaryIO, wfile: BinaryIO, info: dict[str, Any] = INFO) -> None:
    protocol.recv_frame(rfile)
    protocol.send_frame(wfile, protocol.MEDIA_INFO, json.dumps(info).encode())
    protocol.recv_frame(rfile)  # the first "next"


def _raw(wfile: BinaryIO, kind: bytes, length: int, payload: bytes = b"") -> None:
    wfile.write(protocol.HEADER.pack(kind, length) + payload)
    wfile.flush()


def oversized(rfile: BinaryIO, wfile: BinaryIO) -> None:
    _open(rfile, wfile)
    _raw(wfile, protocol.VIDEO, 0x7FFF_FFFF)  # "2 GiB follow"
    time.sleep(60)


def wrong_size(rfile: BinaryIO, wfile: BinaryIO) -> None:
    _open(rfile, wfile)
    protocol.send_frame(wfile, protocol.VIDEO, protocol.VIDEO_HEADER.pack(0.0, 4000, 4000) + b"\0" * 1000)
    time.sleep(60)


def short_picture(rfile: BinaryIO, wfile: BinaryIO) -> None:
    _open(rfile, wfile)
    protocol.send_frame(wfile, protocol.VIDEO, protocol.VIDEO_HEADER.pack(0.0, 320, 240) + b"\0" * 1000)
    time.sleep(60)


def bad_info(rfile: BinaryIO, wfile: BinaryIO) -> None:
    protocol.recv_frame(rfile)
    protocol.send_frame(wfile, protocol.MEDIA_INFO, json.dumps({**INFO, "width": 100_000}).encode())
    time.sleep(60)


def pcm_flood(rfile: BinaryIO, wfile: BinaryIO) -> None:
    _open(rfile, wfile)
    chunk = protocol.AUDIO_HEADER.pack(0.0, 8192) + b"\1" * (8192 * 4)
    while True:  # never a batch end: the app must stop listening, not keep collecting
        protocol.send_frame(wfile, protocol.AUDIO, chunk)


def nan_time(rfile: BinaryIO, wfile: BinaryIO) -> None:
    _open(rfile, wfile)
    protocol.send_frame(wfile, protocol.AUDIO, protocol.AUDIO_HEADER.pack(float("nan"), 1) + b"\0" * 4)
    time.sleep(60)


def aborts(rfile: BinaryIO, wfile: BinaryIO) -> None:
    protocol.recv_frame(rfile)
    os.abort()


def aborts_later(rfile: BinaryIO, wfile: BinaryIO) -> None:
    _open(rfile, wfile)
    os.abort()


MODES = {f.__name__: f for f in (oversized, wrong_size, short_picture, bad_info, pcm_flood, nan_time, aborts,
                                 aborts_later)}  # fmt: skip


def main() -> None:
    behaviour = MODES[sys.argv[1]]

    def serve_media(remote: Any, job: Any, rfile: BinaryIO, wfile: BinaryIO) -> None:
        behaviour(rfile, wfile)

    media_decode.serve_media = serve_media  # type: ignore[assignment]
    sys.argv = [sys.argv[0], *sys.argv[2:]]
    zygote.main()


if __name__ == "__main__":
    main()
