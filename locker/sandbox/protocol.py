"""Framing on the job channel: one kind byte, a 4-byte big-endian length, the payload."""

from __future__ import annotations

import struct
from typing import BinaryIO

HEADER = struct.Struct(">cI")
READ_REQUEST = struct.Struct(">QI")

JOB = b"J"  # app -> child: JSON {media_type, size, thumbnail}
READ = b"R"  # child -> app: offset, length
DATA = b"D"  # app -> child: bytes read (shorter at the end of the file)
METADATA = b"M"  # child -> app: JSON result
THUMBNAIL = b"T"  # child -> app: raw RGB pixels (locker.pixels wire form), long side <= 320
FAILED = b"X"  # child -> app: why reading failed
END = b"E"  # child -> app: done
WRITE = b"W"  # child -> app: offset (8 bytes) + bytes of the output file (share copies)
RESULT = b"A"  # child -> app: JSON answer of a task other than metadata
PICTURE = b"I"  # child -> app: the header of a raw-pixel picture (locker.pixels.HEADER: magic, width, height, channels)
PICTURE_DATA = b"i"  # child -> app: the next samples of that picture, as many frames as it takes
WRITE_OFFSET = struct.Struct(">Q")
# Media playback (locker.view.media_decode, locker.sandbox.stream): a long-lived job driven by commands.
COMMAND = b"C"  # app -> child: JSON {"op": "open" | "seek" | "next", ...}
MEDIA_INFO = b"I"  # child -> app: JSON answer to "open"
VIDEO = b"V"  # child -> app: VIDEO_HEADER (seconds, width, height) + RGB24 rows, no padding
AUDIO = b"U"  # child -> app: AUDIO_HEADER (seconds, sample frames) + s16 interleaved PCM
BATCH_END = b"B"  # child -> app: BATCH_HEADER (1 at the end of the media, else 0): a command is done
VIDEO_HEADER = struct.Struct(">dII")
AUDIO_HEADER = struct.Struct(">dI")
BATCH_HEADER = struct.Struct(">B")

MAX_FRAME = 16 * 1024 * 1024


class ProtocolError(Exception):
    """The other side sent something that is not a valid frame."""


def send_frame(stream: BinaryIO, kind: bytes, payload: bytes = b"") -> None:
    stream.write(HEADER.pack(kind, len(payload)) + payload)
    stream.flush()


def recv_frame(stream: BinaryIO, max_size: int = MAX_FRAME) -> tuple[bytes, bytes]:
    header = _read_exactly(stream, HEADER.size)
    kind, length = HEADER.unpack(header)
    if length > max_size:
        raise ProtocolError(f"frame of {length} bytes is larger than {max_size}")
    return kind, _read_exactly(stream, length)


def _read_exactly(stream: BinaryIO, size: int) -> bytes:
    parts = []
    remaining = size
    while remaining:
        data = stream.read(remaining)
        if not data:
            raise EOFError("channel closed")
        parts.append(data)
        remaining -= len(data)
    return b"".join(parts)
