"""Video and sound decoded in the sandbox child, streamed to the app as raw RGB frames and s16 PCM.

A long-lived job: after the JOB frame the app drives the child with COMMAND frames. "open" answers MEDIA_INFO
(duration, streams, the frame size every VIDEO frame will have, the PCM format); "seek" and "next" answer with
zero or more VIDEO/AUDIO frames and one BATCH_END. The bytes of the file come through the job channel on demand
(RemoteFile), so a long video is never held whole. Everything here runs in the limited child: no files, no
sockets, no lazy imports (the zygote preloads this module).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from typing import IO, Any, BinaryIO

import av
import av.subtitles.stream  # PyAV imports it lazily when it opens a file: preloaded with this module
import numpy as np

from locker.sandbox import protocol

DEFAULT_LONG_SIDE = 1280
MAX_PCM_FRAMES = 8192  # sample frames per AUDIO message; the app accepts at most twice that
MAX_BATCH_BYTES = 24 * 1024 * 1024
MAX_BATCH_MESSAGES = 512
MAX_FRAMES_BEFORE_VIDEO = 2000  # decoded frames searched for the first picture at "open"
MAX_BAD_PACKETS = 1000


class MediaDecoder:
    """One open file: decodes both streams in file order, scales and turns pictures, resamples sound."""

    def __init__(self, remote: IO[bytes], long_side: int) -> None:
        self._container: Any = av.open(remote, mode="r")
        streams = self._container.streams
        self._video: Any = streams.video[0] if streams.video else None
        self._audio: Any = streams.audio[0] if streams.audio else None
        if self._video is None and self._audio is None:
            raise ValueError("the file has neither video nor sound")
        if self._video is not None:
            self._video.thread_type = "AUTO"  # FFmpeg's decoder threads; the child may run threads
        self._start = float(self._container.start_time or 0) / 1_000_000
        self._bad_packets = 0
        self._frames = self._decode()
        self._pending: list[Any] = []
        self._eof = False
        self._video_seek: float | None = None
        self._audio_seek: float | None = None
        self._candidate: Any = None
        self._last_video_time = 0.0
        self.width = self.height = self._scaled_w = self._scaled_h = self._turns = 0
        if self._video is not None:
            self._find_first_picture(long_side)
        self.sample_rate = self.channels = 0
        self._resampler: Any = None
        self._audio_clock: float | None = None
        if self._audio is not None:
            rate = int(self._audio.codec_context.sample_rate or 0)
            self.sample_rate = rate if 8000 <= rate <= 96000 else 48000
            self.channels = 1 if int(self._audio.codec_context.channels or 0) == 1 else 2
            self._resampler = self._new_resampler()
        self.duration = self._duration()

    def _new_resampler(self) -> Any:
        layout = "mono" if self.channels == 1 else "stereo"
        return av.AudioResampler(format="s16", layout=layout, rate=self.sample_rate)

    def _duration(self) -> float:
        if self._container.duration:
            return max(0.0, float(self._container.duration) / 1_000_000)
        for stream in (self._video, self._audio):
            if stream is not None and stream.duration and stream.time_base:
                return max(0.0, float(stream.duration * stream.time_base))
        return 0.0

    def _find_first_picture(self, long_side: int) -> None:
        """Decode up to the first picture: its rotation and size fix the size of every frame sent."""
        for _ in range(MAX_FRAMES_BEFORE_VIDEO):
            frame = next(self._frames, None)
            if frame is None:
                break
            self._pending.append(frame)
            if isinstance(frame, av.VideoFrame):
                self._set_size(frame, long_side)
                return
        self._video = None  # a video stream without a decodable picture plays as sound only
        self._pending = [f for f in self._pending if not isinstance(f, av.VideoFrame)]

    def _set_size(self, frame: av.VideoFrame, long_side: int) -> None:
        width, height = float(frame.width), float(frame.height)
        aspect = self._video.sample_aspect_ratio
        if aspect and 0.25 <= float(aspect) <= 4:
            width *= float(aspect)
        scale = min(1.0, long_side / max(width, height, 1.0))
        self._scaled_w = max(2, round(width * scale))
        self._scaled_h = max(2, round(height * scale))
        self._turns = round((frame.rotation or 0) / 90) % 4
        self.width, self.height = (
            (self._scaled_h, self._scaled_w) if self._turns % 2 else (self._scaled_w, self._scaled_h)
        )

    def info(self) -> dict[str, Any]:
        return {
            "duration": self.duration, "has_video": self._video is not None, "has_audio": self._audio is not None,
            "width": self.width, "height": self.height, "sample_rate": self.sample_rate, "channels": self.channels,
        }  # fmt: skip

    # -- decoding ------------------------------------------------------------------------------------------------

    def _decode(self) -> Iterator[Any]:
        streams = [s for s in (self._video, self._audio) if s is not None]
        for packet in self._container.demux(*streams):
            try:
                frames = packet.decode()
            except av.error.InvalidDataError:
                # A damaged packet is skipped, as players do; a file of nothing else is given up.
                self._bad_packets += 1
                if self._bad_packets > MAX_BAD_PACKETS:
                    raise
                continue
            yield from frames

    def _next_frame(self) -> Any:
        if self._pending:
            return self._pending.pop(0)
        return next(self._frames, None)

    def seek(self, seconds: float) -> None:
        """Position at `seconds`: the next batch starts with the picture shown at that time."""
        seconds = min(max(0.0, seconds), self.duration or seconds)
        self._container.seek(int((seconds + self._start) * 1_000_000), backward=True, any_frame=False)
        self._frames = self._decode()
        self._pending = []
        self._eof = False
        self._video_seek = seconds if self._video is not None else None
        self._audio_seek = seconds if self._audio is not None else None
        self._candidate = None
        self._audio_clock = None
        if self._resampler is not None:
            self._resampler = self._new_resampler()

    def next_batch(self, milliseconds: float, wfile: BinaryIO) -> bool:
        """Send the frames and sound of about the next `milliseconds`; True at the end of the media."""
        sent = _Counter()
        first: float | None = None
        while not self._eof:
            frame = self._next_frame()
            if frame is None:
                self._eof = True
                if self._candidate is not None:
                    self._send_video(self._candidate, self._video_seek or 0.0, wfile, sent)
                    self._candidate = None
                break
            seconds: float | None = None
            if isinstance(frame, av.VideoFrame) and self._video is not None:
                seconds = self._video_frame(frame, wfile, sent)
            elif isinstance(frame, av.AudioFrame) and self._resampler is not None:
                seconds = self._send_audio(frame, wfile, sent)
            if seconds is None:
                continue
            first = seconds if first is None else first
            if seconds >= first + milliseconds / 1000 or sent.bytes >= MAX_BATCH_BYTES:
                break
            if sent.messages >= MAX_BATCH_MESSAGES:
                break
        return self._eof

    def _video_frame(self, frame: av.VideoFrame, wfile: BinaryIO, sent: _Counter) -> float | None:
        seconds = self._video_time(frame)
        self._last_video_time = seconds
        target = self._video_seek
        if target is not None:
            if seconds < target - 0.001:
                self._candidate = frame  # shown at the seek position if no frame starts exactly there
                return None
            if self._candidate is not None and seconds > target + 0.001:
                self._send_video(self._candidate, target, wfile, sent)
            self._candidate = None
            self._video_seek = None
        self._send_video(frame, seconds, wfile, sent)
        return seconds

    def _video_time(self, frame: av.VideoFrame) -> float:
        if frame.time is not None:
            return float(frame.time) - self._start
        rate = float(self._video.average_rate or 25)
        return self._last_video_time + 1 / rate

    def _send_video(self, frame: av.VideoFrame, seconds: float, wfile: BinaryIO, sent: _Counter) -> None:
        picture = frame.reformat(width=self._scaled_w, height=self._scaled_h, format="rgb24", interpolation="BILINEAR")
        pixels = picture.to_ndarray()
        if self._turns:
            pixels = np.rot90(pixels, k=self._turns)
        data = np.ascontiguousarray(pixels, dtype=np.uint8).tobytes()
        header = protocol.VIDEO_HEADER.pack(seconds, self.width, self.height)
        protocol.send_frame(wfile, protocol.VIDEO, header + data)
        sent.add(len(data))

    def _send_audio(self, frame: av.AudioFrame, wfile: BinaryIO, sent: _Counter) -> float | None:
        """Resampled PCM, timed from the first frame after opening or seeking and counted from there on."""
        frame_time = float(frame.time) - self._start if frame.time is not None else None
        width = 2 * self.channels
        pcm = b"".join(bytes(out.planes[0])[: out.samples * width] for out in self._resampler.resample(frame))
        if self._audio_clock is None:
            start = frame_time if frame_time is not None else (self._audio_seek or 0.0)
            if self._audio_seek is not None and start < self._audio_seek:
                skip = round((self._audio_seek - start) * self.sample_rate)
                pcm = pcm[skip * width :]
                start = self._audio_seek
            if not pcm:
                return None
            self._audio_clock = start
            self._audio_seek = None
        if not pcm:
            return None
        begin = self._audio_clock
        step = MAX_PCM_FRAMES * width
        for offset in range(0, len(pcm), step):
            piece = pcm[offset : offset + step]
            header = protocol.AUDIO_HEADER.pack(self._audio_clock, len(piece) // width)
            protocol.send_frame(wfile, protocol.AUDIO, header + piece)
            self._audio_clock += len(piece) // width / self.sample_rate
            sent.add(len(piece))
        return begin

    def close(self) -> None:
        self._container.close()


class _Counter:
    def __init__(self) -> None:
        self.bytes = 0
        self.messages = 0

    def add(self, size: int) -> None:
        self.bytes += size
        self.messages += 1


def serve_media(remote: IO[bytes], job: dict[str, Any], rfile: BinaryIO, wfile: BinaryIO) -> None:
    """Answer the app's commands until it closes the channel (or kills this process)."""
    long_side = min(max(int(job.get("long_side") or DEFAULT_LONG_SIDE), 16), 4096)
    decoder: MediaDecoder | None = None
    while True:
        try:
            kind, payload = protocol.recv_frame(rfile, 4096)
        except EOFError:
            return
        if kind != protocol.COMMAND:
            raise protocol.ProtocolError("expected a command")
        command = json.loads(payload)
        op = command.get("op")
        if op == "open":
            decoder = MediaDecoder(remote, long_side)
            protocol.send_frame(wfile, protocol.MEDIA_INFO, json.dumps(decoder.info()).encode())
            continue
        if op == "close":
            return
        if decoder is None:
            raise protocol.ProtocolError("no media is open")
        end = False
        if op == "seek":
            decoder.seek(_finite(command.get("seconds")))
        elif op == "next":
            end = decoder.next_batch(min(max(_finite(command.get("milliseconds")), 1.0), 5000.0), wfile)
        else:
            raise protocol.ProtocolError(f"unknown command {op!r}")
        protocol.send_frame(wfile, protocol.BATCH_END, protocol.BATCH_HEADER.pack(1 if end else 0))


def _finite(value: object) -> float:
    number = float(value) if isinstance(value, int | float) else 0.0
    return number if math.isfinite(number) else 0.0
