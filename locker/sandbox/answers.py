"""The app's side of a job's channel: serve the child's reads and writes, and check everything it answers.

Nothing here parses file contents: the child's answer is JSON, checked by MetadataRecord.from_json and by size
caps, and pictures (thumbnails, renderings, face-review previews) are raw pixels whose header, dimensions and exact
length are checked here (locker.pixels) before anything else sees them.
"""

from __future__ import annotations

import dataclasses
import json
import os
from dataclasses import dataclass, field
from typing import Any, BinaryIO, Protocol

from locker.metadata.model import MetadataRecord, MetadataStatus, scrub, unreadable
from locker.pixels import HEADER as PIXELS_HEADER
from locker.pixels import THUMBNAIL_EDGE, Pixels, PixelsError, parse_header
from locker.sandbox import protocol
from locker.sandbox.child import Limits

MAX_METADATA_JSON = 16 * 1024 * 1024  # one frame on the channel
MAX_ANSWER_JSON = 4 * 1024 * 1024  # a JSON answer: json.loads of 16 MiB of '[]' took ~0.8 GB of memory
MAX_THUMBNAIL = PIXELS_HEADER.size + THUMBNAIL_EDGE * THUMBNAIL_EDGE * 3  # raw RGB, long side 320
MAX_PICTURES = 32  # face-review frames of a video, or one rendering
MAX_PICTURE_EDGE = 8192
MAX_PICTURES_BYTES = 160 * 1024 * 1024  # all raw pixels of one job together


class RandomAccessSource(Protocol):
    """Bytes the child may read: an item in the vault, or a file."""

    @property
    def size(self) -> int: ...

    def read_at(self, offset: int, length: int) -> bytes: ...


@dataclass(frozen=True)
class TaskOutcome:
    result: dict[str, Any] | None
    pictures: list[Pixels]
    error: str | None
    #: The last answer the child sent, even when it then failed or vanished (the sandbox probe needs it).
    last_answer: dict[str, Any] | None = None


@dataclass(frozen=True)
class SandboxOutcome:
    record: MetadataRecord
    raw: dict[str, Any]
    thumbnail: Pixels | None
    seconds: float


class OutputTooLarge(Exception):
    """The child wrote more than the task allows."""


class OutputSink:
    """Where a task's output file goes: positioned writes into an open file, with a size cap."""

    def __init__(self, fd: int, max_bytes: int) -> None:
        self._fd = fd
        self._max = max_bytes
        self.size = 0

    def write_at(self, offset: int, data: bytes) -> None:
        end = offset + len(data)
        if end > self._max:
            raise OutputTooLarge(f"the copy would be larger than {self._max} bytes")
        view = memoryview(data)
        while view:
            written = os.pwrite(self._fd, view, offset)
            view, offset = view[written:], offset + written
        self.size = max(self.size, end)

    def reset(self) -> None:
        """Forget everything written: the task runs again from the start."""
        os.ftruncate(self._fd, 0)
        self.size = 0


@dataclass
class Served:
    metadata: bytes | None = None
    thumbnail: Pixels | None = None
    failure: str | None = None
    #: The failure is the app's: the item's stored bytes could not be read (the child did nothing wrong).
    source_failed: bool = False
    ended: bool = False
    protocol_error: str | None = None
    result: bytes | None = None
    pictures: list[Pixels] = field(default_factory=list)
    picture_bytes: int = 0
    #: The picture being received: its checked header and the samples so far.
    partial: tuple[tuple[int, int, int], bytearray] | None = None

    def start_picture(self, untrusted_header: bytes) -> None:
        if self.partial is not None or len(self.pictures) >= MAX_PICTURES:
            raise protocol.ProtocolError("the sandbox sent more pictures than the task allows")
        try:
            shape = parse_header(untrusted_header, MAX_PICTURE_EDGE, MAX_PICTURE_EDGE)
        except PixelsError as exc:
            raise protocol.ProtocolError(str(exc)) from exc
        self.picture_bytes += shape[0] * shape[1] * shape[2]
        if self.picture_bytes > MAX_PICTURES_BYTES:
            raise protocol.ProtocolError("the sandbox sent more pixels than the task allows")
        self.partial = (shape, bytearray())  # filled by the PICTURE_DATA frames that follow

    def add_picture_data(self, data: bytes) -> None:
        if self.partial is None:
            raise protocol.ProtocolError("pixels without a picture header")
        (width, height, channels), buffer = self.partial
        if len(buffer) + len(data) > width * height * channels:
            raise protocol.ProtocolError("the sandbox sent more pixels than the picture's header says")
        buffer += data
        self._finish_picture()

    def _finish_picture(self) -> None:
        assert self.partial is not None
        (width, height, channels), buffer = self.partial
        if len(buffer) == width * height * channels:
            self.pictures.append(Pixels(width, height, channels, bytes(buffer)))
            self.partial = None


def serve(
    rfile: BinaryIO, wfile: BinaryIO, source: RandomAccessSource, job: bytes, sink: OutputSink | None = None
) -> Served:
    """Answer the child's read requests until it reports the end, dies or misbehaves."""
    served = Served()
    try:
        protocol.send_frame(wfile, protocol.JOB, job)
        while True:
            kind, payload = protocol.recv_frame(rfile, MAX_METADATA_JSON)
            if kind in (protocol.METADATA, protocol.RESULT) and len(payload) > MAX_ANSWER_JSON:
                served.protocol_error = f"the sandbox's answer is larger than {MAX_ANSWER_JSON} bytes"
                return served
            if kind == protocol.READ:
                if len(payload) != protocol.READ_REQUEST.size:
                    served.protocol_error = "the sandbox sent a malformed read request"
                    return served
                offset, length = protocol.READ_REQUEST.unpack(payload)
                try:
                    data = source.read_at(offset, min(length, protocol.MAX_FRAME))
                except Exception as exc:  # noqa: BLE001 - closing the channel ends the child
                    served.failure = f"the stored bytes could not be read: {exc}"
                    served.source_failed = True
                    return served
                protocol.send_frame(wfile, protocol.DATA, data)
            elif kind == protocol.METADATA:
                served.metadata = payload
            elif kind == protocol.THUMBNAIL:
                served.thumbnail = _thumbnail(payload)
            elif kind == protocol.WRITE and sink is not None and len(payload) < protocol.WRITE_OFFSET.size:
                served.protocol_error = "the sandbox sent a malformed write"
                return served
            elif kind == protocol.WRITE and sink is not None:
                (offset,) = protocol.WRITE_OFFSET.unpack(payload[: protocol.WRITE_OFFSET.size])
                sink.write_at(offset, payload[protocol.WRITE_OFFSET.size :])
            elif kind == protocol.RESULT:
                served.result = payload
            elif kind == protocol.PICTURE:
                served.start_picture(payload)
            elif kind == protocol.PICTURE_DATA:
                served.add_picture_data(payload)
            elif kind == protocol.FAILED:
                served.failure = payload.decode("utf-8", "replace")[:500]
            elif kind == protocol.END:
                served.ended = served.partial is None
                if served.partial is not None:
                    served.protocol_error = "the sandbox ended in the middle of a picture"
                return served
            else:
                served.protocol_error = "the sandbox sent an unknown message"
                return served
    except (EOFError, BrokenPipeError, ConnectionError, OSError):
        return served
    except (protocol.ProtocolError, OutputTooLarge) as exc:
        served.protocol_error = str(exc)
        return served


def _thumbnail(untrusted: bytes) -> Pixels | None:
    """A thumbnail is raw RGB, long side at most 320; anything else is dropped (the item just has no thumbnail)."""
    if len(untrusted) > MAX_THUMBNAIL:
        return None
    try:
        pixels = Pixels.from_untrusted(untrusted, THUMBNAIL_EDGE, THUMBNAIL_EDGE)
    except PixelsError:
        return None
    return pixels if pixels.channels == 3 else None


def judge(
    served: Served, status: dict[str, Any], timed_out: bool, limits: Limits
) -> tuple[MetadataRecord, dict[str, Any], Pixels | None]:
    """Turn what the child sent, and how it ended, into a record. Anything partial counts as unreadable."""
    raw: dict[str, Any] = {}
    if served.metadata is not None:
        try:
            untrusted = scrub(json.loads(served.metadata))
        except (ValueError, RecursionError):
            untrusted = None
        if isinstance(untrusted, dict):
            found_raw = untrusted.get("raw")
            raw = found_raw if isinstance(found_raw, dict) else {}
            record = MetadataRecord.from_json(untrusted)
        else:
            record = unreadable("the metadata reader returned something malformed")
    elif timed_out:
        record = unreadable(f"the parser did not finish within {limits.wall_seconds:g} s and was stopped")
    elif status.get("signal"):
        record = unreadable(f"the parser crashed (signal {status['signal']})")
    elif served.failure:
        record = unreadable(served.failure)
    elif served.protocol_error:
        record = unreadable(served.protocol_error)
    else:
        record = unreadable(f"the parser stopped without an answer (exit {status.get('exit')})")
    extra = [served.failure] if served.failure and record.status is MetadataStatus.OK else []
    if timed_out and record.status is MetadataStatus.OK:
        extra.append(f"the thumbnail was not finished within {limits.wall_seconds:g} s")
    if extra:
        record = dataclasses.replace(record, reason="", warnings=(*record.warnings, *extra))
    return record, raw, served.thumbnail if record.status is MetadataStatus.OK else None


def task_outcome(served: Served, status: dict[str, Any], timed_out: bool, limits: Limits) -> TaskOutcome:
    """What a task other than metadata answered, checked; an error saying why when it gave no complete answer."""
    result: dict[str, Any] | None = None
    if served.result is not None:
        try:
            decoded = scrub(json.loads(served.result))
        except (ValueError, RecursionError):
            decoded = None
        result = decoded if isinstance(decoded, dict) else None
    error = None
    last_answer = result
    if result is None or served.failure or not served.ended:
        if timed_out:
            error = f"the task did not finish within {limits.wall_seconds:g} s and was stopped"
        elif status.get("signal"):
            error = f"the task crashed (signal {status['signal']})"
        else:
            error = served.failure or served.protocol_error or f"the task stopped without an answer ({status})"
        result = None
    return TaskOutcome(result, served.pictures, error, last_answer)
