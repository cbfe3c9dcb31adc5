"""The app side of media playback: a long-lived sandbox child decodes, this module checks what it sends.

The child (locker.view.media_decode) reads the item through the job channel and answers commands with raw RGB
frames and s16 PCM. Nothing here decodes a format: each message is a fixed header and raw samples, and every
field is checked against the size and format announced at "open" (themselves bounded) before anything is kept, so
a child taken over by a hostile file can make playback fail but cannot crash the app or make it hold much memory.

Calls block: run them off the GUI thread. `close()` may be called from any thread; it kills the child at once.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import re
import signal
import socket
import threading
from dataclasses import dataclass, field
from typing import Any

from locker.sandbox import protocol
from locker.sandbox.child import Limits
from locker.sandbox.runner import RandomAccessSource, SandboxRunner

# A film can be watched for hours; the child still has a memory and CPU limit, and dies with the session.
MEDIA_LIMITS = Limits(memory_bytes=1536 * 1024 * 1024, cpu_seconds=6 * 3600, wall_seconds=6 * 3600.0)
DEFAULT_LONG_SIDE = 1280
MAX_LONG_SIDE = 4096
MAX_INFO = 4096
MAX_DURATION = 7 * 24 * 3600.0  # a week of CCTV; in milliseconds it still fits the position slider's int
MAX_PCM_FRAMES = 16384  # per AUDIO message
SAMPLE_RATES = range(8000, 192_001)
MAX_BATCH_BYTES = 64 * 1024 * 1024
MAX_BATCH_MESSAGES = 1024
ANSWER_SECONDS = 60.0  # a child that decodes nothing for this long is taken as hung


class MediaSessionError(Exception):
    """The video or sound could not be played (the decoder failed, crashed, or sent something invalid)."""


@dataclass(frozen=True)
class MediaInfo:
    duration: float
    has_video: bool
    has_audio: bool
    width: int
    height: int
    sample_rate: int
    channels: int

    @property
    def bytes_per_second(self) -> int:
        """Of the PCM: s16 interleaved."""
        return self.sample_rate * self.channels * 2


@dataclass(frozen=True)
class VideoFrame:
    """A picture to show at `seconds`: RGB24 rows of width*3 bytes, no padding."""

    seconds: float
    width: int
    height: int
    rgb: bytes


@dataclass(frozen=True)
class AudioChunk:
    """Sound starting at `seconds`: s16 interleaved samples in the session's format."""

    seconds: float
    pcm: bytes

    def duration(self, info: MediaInfo) -> float:
        return len(self.pcm) / info.bytes_per_second if info.bytes_per_second else 0.0


@dataclass(frozen=True)
class Batch:
    video: list[VideoFrame] = field(default_factory=list)
    audio: list[AudioChunk] = field(default_factory=list)
    end_of_media: bool = False


def parse_info(untrusted: bytes, long_side: int) -> MediaInfo:
    """The child's answer to "open", every field type- and range-checked."""
    try:
        data = json.loads(untrusted)
    except (ValueError, RecursionError) as exc:
        raise MediaSessionError("the decoder sent a malformed description") from exc
    if not isinstance(data, dict):
        raise MediaSessionError("the decoder sent a malformed description")

    def number(name: str, low: float, high: float) -> float:
        value = data.get(name)
        if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
            raise MediaSessionError(f"the decoder sent an invalid {name}")
        return float(value)

    def flag(name: str) -> bool:
        value = data.get(name)
        if not isinstance(value, bool):
            raise MediaSessionError(f"the decoder sent an invalid {name}")
        return value

    has_video, has_audio = flag("has_video"), flag("has_audio")
    if not (has_video or has_audio):
        raise MediaSessionError("the file has neither video nor sound")
    low_side = 2 if has_video else 0
    high_side = long_side if has_video else 0
    width, height = int(number("width", low_side, high_side)), int(number("height", low_side, high_side))
    if has_audio:
        rate, channels = int(number("sample_rate", 8000, 192_000)), int(number("channels", 1, 2))
    else:
        rate, channels = int(number("sample_rate", 0, 0)), int(number("channels", 0, 0))
    duration = number("duration", 0, MAX_DURATION)
    return MediaInfo(duration, has_video, has_audio, width, height, rate, channels)


def parse_video(untrusted: bytes, info: MediaInfo) -> VideoFrame:
    if not info.has_video or len(untrusted) < protocol.VIDEO_HEADER.size:
        raise MediaSessionError("the decoder sent an unexpected picture")
    seconds, width, height = protocol.VIDEO_HEADER.unpack_from(untrusted)
    if (width, height) != (info.width, info.height):
        raise MediaSessionError("the decoder sent a picture of the wrong size")
    if len(untrusted) != protocol.VIDEO_HEADER.size + width * height * 3:
        raise MediaSessionError("the decoder sent a picture of the wrong length")
    return VideoFrame(_time(seconds), width, height, untrusted[protocol.VIDEO_HEADER.size :])


def parse_audio(untrusted: bytes, info: MediaInfo) -> AudioChunk:
    if not info.has_audio or len(untrusted) < protocol.AUDIO_HEADER.size:
        raise MediaSessionError("the decoder sent unexpected sound")
    seconds, frames = protocol.AUDIO_HEADER.unpack_from(untrusted)
    if not 0 < frames <= MAX_PCM_FRAMES:
        raise MediaSessionError("the decoder sent a sound chunk of an invalid size")
    if len(untrusted) != protocol.AUDIO_HEADER.size + frames * info.channels * 2:
        raise MediaSessionError("the decoder sent a sound chunk of the wrong length")
    return AudioChunk(_time(seconds), untrusted[protocol.AUDIO_HEADER.size :])


def _time(seconds: float) -> float:
    if not math.isfinite(seconds) or not -60.0 <= seconds <= MAX_DURATION:
        raise MediaSessionError("the decoder sent an invalid time")
    return seconds


def _clean(untrusted: bytes) -> str:
    text = untrusted[:500].decode("utf-8", "replace")
    return re.sub(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]", " ", text).strip()


class MediaSession:
    """One item played through one sandbox child. `open()` first; then `seek()` and `next_batch()`; `close()`."""

    def __init__(
        self,
        source: RandomAccessSource,
        media_type: str,
        long_side: int = DEFAULT_LONG_SIDE,
        limits: Limits = MEDIA_LIMITS,
        runner: SandboxRunner | None = None,
    ) -> None:
        self._source = source
        self._media_type = media_type
        self._long_side = min(max(16, long_side), MAX_LONG_SIDE)
        self._limits = limits
        self._runner = runner or SandboxRunner()
        self._lock = threading.Lock()
        self._sock: socket.socket | None = None
        self._rfile: Any = None
        self._wfile: Any = None
        self._timer: threading.Timer | None = None
        self._closed = False
        self._status: dict[str, Any] = {}
        self.pid: int | None = None
        self.info: MediaInfo | None = None

    # -- commands ------------------------------------------------------------------------------------------------

    def open(self) -> MediaInfo:
        """Start the child and read what the file holds."""
        try:
            sock, pid = self._runner.start_session(self._limits)
        except OSError as exc:
            raise MediaSessionError(f"the sandbox could not be started ({exc})") from exc
        with self._lock:
            self._sock, self.pid = sock, pid
            sock.settimeout(ANSWER_SECONDS)
            self._rfile, self._wfile = sock.makefile("rb"), sock.makefile("wb")
            self._timer = threading.Timer(self._limits.wall_seconds, self.close)
            self._timer.daemon = True
            self._timer.start()
            closed = self._closed
        if closed:  # closed while starting
            self.close()
            raise MediaSessionError("the player was closed")
        job = {"kind": "media", "media_type": self._media_type, "size": self._source.size,
               "long_side": self._long_side}  # fmt: skip
        kind, payload = self._exchange(protocol.JOB, job, MAX_INFO)
        if kind is None:
            kind, payload = self._exchange(protocol.COMMAND, {"op": "open"}, MAX_INFO)
        if kind != protocol.MEDIA_INFO:
            raise self._fail("the decoder did not describe the file")
        try:
            self.info = parse_info(payload, self._long_side)
        except MediaSessionError as exc:
            raise self._fail(str(exc)) from exc
        return self.info

    def seek(self, seconds: float) -> None:
        """The next batch starts at `seconds` (the picture shown then, and the sound from then)."""
        if not math.isfinite(seconds):
            seconds = 0.0
        kind, _ = self._exchange(protocol.COMMAND, {"op": "seek", "seconds": max(0.0, seconds)}, MAX_INFO)
        if kind != protocol.BATCH_END:
            raise self._fail("the decoder sent something unexpected")

    def next_batch(self, milliseconds: float) -> Batch:
        """The decoded pictures and sound of about the next `milliseconds`."""
        info = self._require_info()
        batch = Batch()
        largest = max(protocol.VIDEO_HEADER.size + info.width * info.height * 3,
                      protocol.AUDIO_HEADER.size + MAX_PCM_FRAMES * info.channels * 2, MAX_INFO)  # fmt: skip
        total = 0
        kind, payload = self._exchange(protocol.COMMAND, {"op": "next", "milliseconds": milliseconds}, largest)
        try:
            while kind != protocol.BATCH_END:
                if kind == protocol.VIDEO:
                    batch.video.append(parse_video(payload, info))
                elif kind == protocol.AUDIO:
                    batch.audio.append(parse_audio(payload, info))
                else:
                    raise MediaSessionError("the decoder sent something unexpected")
                total += len(payload)
                if total > MAX_BATCH_BYTES or len(batch.video) + len(batch.audio) > MAX_BATCH_MESSAGES:
                    raise MediaSessionError("the decoder sent more than was asked for")
                kind, payload = self._receive(largest)
        except MediaSessionError as exc:
            raise self._fail(str(exc)) from exc
        if payload not in (protocol.BATCH_HEADER.pack(0), protocol.BATCH_HEADER.pack(1)):
            raise self._fail("the decoder sent something unexpected")
        return Batch(batch.video, batch.audio, payload == protocol.BATCH_HEADER.pack(1))

    def close(self, grace: float = 0.0) -> None:
        """Kill the child (and its process group) and stop its fork server. Safe to call twice, from any thread.
        `grace`: seconds a child that is already dying may take to end by itself (its cause is then reported)."""
        with self._lock:
            if self._closed and self._sock is None:
                return
            self._closed = True
            sock, pid, timer = self._sock, self.pid, self._timer
            self._sock = self._timer = None
        if timer is not None:
            timer.cancel()
        if pid is not None:
            self._status = self._runner.end_session(pid, grace=grace)
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)  # wakes a thread blocked reading it
            sock.close()
        zygote = self._runner.zygote_pid
        if zygote is not None:  # the fork server's group: anything the child might have started goes with it
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(zygote, signal.SIGKILL)
        self._runner.close()

    @property
    def closed(self) -> bool:
        return self._closed

    def __enter__(self) -> MediaSession:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- the channel ---------------------------------------------------------------------------------------------

    def _require_info(self) -> MediaInfo:
        if self.info is None:
            raise MediaSessionError("the media is not open")
        return self.info

    def _exchange(self, kind: bytes, message: dict[str, Any], max_size: int) -> tuple[bytes | None, bytes]:
        """Send a message; for a JOB, nothing is answered until the first command."""
        if self._closed or self._wfile is None:
            raise MediaSessionError("the player was closed")
        try:
            protocol.send_frame(self._wfile, kind, json.dumps(message).encode())
        except (OSError, ValueError) as exc:
            raise self._fail("the decoder stopped") from exc
        if kind == protocol.JOB:
            return None, b""
        return self._receive(max_size)

    def _receive(self, max_size: int) -> tuple[bytes, bytes]:
        """The child's next message other than a read request (which is served here)."""
        try:
            while True:
                kind, payload = protocol.recv_frame(self._rfile, max_size)
                if kind != protocol.READ:
                    break
                if len(payload) != protocol.READ_REQUEST.size:
                    raise MediaSessionError("the decoder sent a malformed read request")
                offset, length = protocol.READ_REQUEST.unpack(payload)
                length = min(length, protocol.MAX_FRAME, max(0, self._source.size - offset))
                try:
                    data = self._source.read_at(offset, length) if length else b""
                except Exception as exc:  # a vault read error ends the session, not the app
                    raise MediaSessionError(f"the stored bytes could not be read: {exc}") from exc
                protocol.send_frame(self._wfile, protocol.DATA, data)
        except MediaSessionError as exc:
            raise self._fail(str(exc)) from exc
        except protocol.ProtocolError as exc:
            raise self._fail(f"the decoder sent an invalid message ({exc})") from exc
        except (EOFError, OSError, ValueError) as exc:
            raise self._fail(self._why_it_stopped()) from exc
        if kind == protocol.FAILED:
            raise self._fail(f"the decoder failed: {_clean(payload)}")
        if kind == protocol.END:
            raise self._fail("the decoder stopped")
        return kind, payload

    def _why_it_stopped(self) -> str:
        if self._closed:
            return "the player was closed"
        self.close(grace=1.0)  # the channel ended: let the child finish dying, to report why
        if self._status.get("signal"):
            return f"the decoder crashed (signal {self._status['signal']})"
        return "the decoder stopped unexpectedly"

    def _fail(self, message: str) -> MediaSessionError:
        self.close()
        return MediaSessionError(message)
