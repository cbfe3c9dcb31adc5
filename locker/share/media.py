"""Share copies of videos and sound recordings, decoded and encoded anew with PyAV.

Only the first video stream (and, if asked, the first audio stream) is carried over, as pixels and samples: no
container metadata, no subtitle or data tracks (phones and dash cams put per-frame GPS and serial numbers there),
no chapter names. Nothing names the programs that made the copy: the muxers and encoders run with `bitexact`
(no "Lavf"/"Lavc" tag); every SEI NAL unit (x264 writes its version and settings into one) is removed from the
H.264 packets before they are muxed, by FFmpeg's own `filter_units` bitstream filter, which splits the Annex-B
units libx264 hands out (a hand-written parser for length-prefixed units missed them); LAME's and the Ogg muxer's
banners are removed from the finished MP3 and Ogg files (locker.share.banners).

Faces: detection runs DETECTIONS_PER_SECOND times per second of video (every 5th frame at 30 fps; one pass
costs ~200 ms on a 1080p frame here, the detector cannot run on every frame at a usable speed); each frame is
covered with the boxes of the detections before and after it and of the one before that, so a face the detector
misses on one pass stays covered, and boxes are enlarged enough to follow a walking person between passes.
"""

from __future__ import annotations

import contextlib
import io
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from fractions import Fraction
from pathlib import Path
from typing import IO, Any

import av
import numpy as np
from av.bitstream import BitStreamFilterContext

from locker.share import report_labels as labels
from locker.share.banners import scrub_mp3, scrub_ogg_opus
from locker.share.faces import Box, FaceDetector, cover, scale_boxes
from locker.share.formats import AUDIO_OUTPUT, VIDEO_OUTPUT
from locker.share.options import SanitiseReport, ShareOptions, VideoEdit
from locker.share.sandbox_refusals import NoSoundToKeep, NoVideoFrame, NoVideoTrack, RecordingUnreadable

DETECTIONS_PER_SECOND = 6
# Muxer settings that keep identifying or version strings out of the container.
_QUIET_MUXER = {"fflags": "+bitexact", "id3v2_version": "0", "write_xing": "0", "write_id3v1": "0"}
_MUXER_KEYS = {
    "mp4": ("fflags",),
    "ipod": ("fflags",),
    "mp3": ("fflags", "id3v2_version", "write_xing", "write_id3v1"),
    "ogg": ("fflags",),
    "wav": ("fflags",),
}


def _muxer_options(fmt: str) -> dict[str, str]:
    return {k: _QUIET_MUXER[k] for k in _MUXER_KEYS[fmt]}


def sanitise_audio(f: IO[bytes], media_type: str, out: IO[bytes]) -> SanitiseReport:
    with decoding():
        return _sanitise_audio(f, media_type, out)


def _sanitise_audio(f: IO[bytes], media_type: str, out: IO[bytes]) -> SanitiseReport:
    fmt, extension, out_type, codec = AUDIO_OUTPUT[media_type]
    report = SanitiseReport(extension, out_type)
    scrub = _BANNER_SCRUBBERS.get(fmt)
    # A file whose banner is removed afterwards is made in memory first (compressed sound: ~1 MB a minute).
    buffer = io.BytesIO() if scrub is not None else None
    encoded = buffer if buffer is not None else out
    with av.open(f, "r") as source:
        if not source.streams.audio:
            raise NoSoundToKeep()
        report.removed.extend(_removed_parts(source))
        in_audio = source.streams.audio[0]
        with av.open(encoded, "w", format=fmt, container_options=_muxer_options(fmt)) as target:
            out_audio = _add_audio(target, in_audio, codec)
            for frame in source.decode(in_audio):
                frame.pts = None  # let the encoder count samples; the source's gaps are not evidence here
                for packet in out_audio.encode(frame):
                    target.mux(packet)
            for packet in out_audio.encode(None):
                target.mux(packet)
    if scrub is not None and buffer is not None:
        out.write(scrub(buffer.getvalue()))
    return report


_BANNER_SCRUBBERS = {"mp3": scrub_mp3, "ogg": scrub_ogg_opus}


@contextlib.contextmanager
def decoding() -> Iterator[None]:
    """FFmpeg's ways of saying it cannot read a recording (damaged data, an unknown container or codec), as a
    refusal. Its other errors (an encoder's) are not the file's fault and stay what they are."""
    try:
        yield
    except (av.error.InvalidDataError, av.error.DecoderNotFoundError, av.error.DemuxerNotFoundError) as exc:
        raise RecordingUnreadable(details=str(exc)[:300]) from exc


def _add_audio(target: Any, in_audio: Any, codec: str) -> Any:
    rate = in_audio.rate or 44100
    if codec == "libopus":
        rate = 48000  # Opus only runs at 48 kHz (and a few lower rates)
    layout = "mono" if (in_audio.channels or 2) == 1 else "stereo"
    stream = target.add_stream(codec, rate=rate, layout=layout)
    stream.codec_context.flags |= 1 << 23  # AV_CODEC_FLAG_BITEXACT: no encoder version in the bitstream
    if codec not in {"pcm_s16le"}:
        stream.bit_rate = 128_000
    return stream


def sanitise_video(
    f: IO[bytes], media_type: str, options: ShareOptions, detector: Callable[[], FaceDetector], out: IO[bytes]
) -> SanitiseReport:
    with decoding():
        return _sanitise_video(f, media_type, options, detector, out)


def _sanitise_video(
    f: IO[bytes], media_type: str, options: ShareOptions, detector: Callable[[], FaceDetector], out: IO[bytes]
) -> SanitiseReport:
    fmt, extension, out_type = VIDEO_OUTPUT[media_type]
    report = SanitiseReport(extension, out_type)
    with av.open(f, "r") as source:
        if not source.streams.video:
            raise NoVideoTrack()
        report.removed.extend(_removed_parts(source))
        dropped = len(source.streams) - 1 - (1 if options.keep_audio and source.streams.audio else 0)
        if dropped:
            report.removed.append(labels.fill(labels.OTHER_STREAMS, count=dropped))
        if source.streams.audio and not options.keep_audio:
            report.removed.append(labels.SOUND)
        in_video = source.streams.video[0]
        in_video.thread_type = "AUTO"
        in_audio = source.streams.audio[0] if options.keep_audio and source.streams.audio else None
        with av.open(out, "w", format=fmt, container_options=_muxer_options(fmt)) as target:
            encoder = _VideoEncoder(target, in_video)
            audio_out = _add_audio(target, in_audio, "aac") if in_audio is not None else None
            faces = _FaceCover(options, detector, detection_stride(in_video.average_rate or in_video.guessed_rate))
            early_audio: list[av.AudioFrame | None] = []
            streams = [in_video] if in_audio is None else [in_video, in_audio]
            for packet in source.demux(*streams):
                for frame in packet.decode():
                    if isinstance(frame, av.VideoFrame):
                        pixels = _upright(frame)
                        for ready, seconds in faces.push(pixels, _seconds(frame)):
                            encoder.encode(ready, seconds)
                    elif audio_out is not None and isinstance(frame, av.AudioFrame):
                        frame.pts = None
                        early_audio.append(frame)
                        # The container's header is written with the first packet, so sound waits until the
                        # video stream exists (it is added when the first frame comes out of face covering).
                        if encoder.started:
                            _encode_audio(target, audio_out, early_audio)
            for ready, seconds in faces.finish():
                encoder.encode(ready, seconds)
            encoder.flush()
            if audio_out is not None and encoder.started:
                early_audio.append(None)
                _encode_audio(target, audio_out, early_audio)
            report.frames = encoder.frames
            report.faces_covered = faces.covered
    if report.frames == 0:
        raise NoVideoFrame()
    return report


def _encode_audio(target: Any, stream: Any, frames: list[av.AudioFrame | None]) -> None:
    for frame in frames:
        for packet in stream.encode(frame):
            target.mux(packet)
    frames.clear()


def detection_stride(rate: Any) -> int:
    """Frames between detection passes for a frame rate (every frame when the rate is unknown)."""
    try:
        fps = float(rate)
    except (TypeError, ValueError, ZeroDivisionError):
        return 1
    return max(1, round(fps / DETECTIONS_PER_SECOND)) if fps > 0 else 1


def _seconds(frame: av.VideoFrame) -> float | None:
    if frame.pts is None or frame.time_base is None:
        return None
    return float(frame.pts * frame.time_base)


def _upright(frame: av.VideoFrame) -> np.ndarray:
    """RGB pixels with the display rotation applied (phones record sideways and set a display matrix)."""
    pixels = frame.to_ndarray(format="rgb24")
    turns = round((frame.rotation or 0) / 90) % 4
    return np.ascontiguousarray(np.rot90(pixels, k=turns)) if turns else pixels


class _VideoEncoder:
    """H.264 in MP4, timestamps kept (so the duration is kept), every SEI NAL unit removed from every packet."""

    def __init__(self, target: Any, in_video: Any) -> None:
        self._target = target
        self._in_video = in_video
        self._stream: Any = None
        self.frames = 0
        self._last_pts = -1
        # Pinned to H.264 without extradata, FFmpeg's parser reads Annex-B units: what libx264 hands out here.
        self._drop_sei = BitStreamFilterContext(f"filter_units=remove_types={SEI_NAL_TYPE}", "h264")

    def _open(self, width: int, height: int) -> Any:
        rate = self._in_video.average_rate or self._in_video.guessed_rate or 30
        stream = self._target.add_stream("libx264", rate=rate)
        stream.width, stream.height = width - width % 2, height - height % 2
        stream.pix_fmt = "yuv420p"
        stream.codec_context.time_base = self._in_video.time_base or stream.codec_context.time_base
        stream.options = {"preset": "veryfast", "crf": "20"}
        stream.codec_context.flags |= 1 << 23  # bitexact
        return stream

    @property
    def started(self) -> bool:
        return self._stream is not None

    def encode(self, pixels: np.ndarray, seconds: float | None) -> None:
        if self._stream is None:
            self._stream = self._open(pixels.shape[1], pixels.shape[0])
        stream = self._stream
        pixels = pixels[: stream.height, : stream.width]
        frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(pixels), format="rgb24")
        time_base = stream.codec_context.time_base
        pts = round(seconds / time_base) if seconds is not None else self._last_pts + 1
        pts = max(pts, self._last_pts + 1)  # the encoder needs strictly increasing timestamps
        frame.pts, frame.time_base, self._last_pts = pts, time_base, pts
        for packet in stream.encode(frame):
            self._mux(packet)
        self.frames += 1

    def flush(self) -> None:
        if self._stream is not None:
            for packet in self._stream.encode(None):
                self._mux(packet)
            self._mux(None)

    def _mux(self, packet: Any) -> None:
        """Mux `packet` without its SEI units (None drains the filter, which keeps nothing back today)."""
        for cleaned in self._drop_sei.filter(packet):
            cleaned.stream = self._stream
            self._target.mux(cleaned)


SEI_NAL_TYPE = 6  # H.264 supplemental enhancement information (HEVC would be 39 and 40; we only write H.264)


class _FaceCover:
    """Buffers frames between detection passes and covers each with the boxes around it in time."""

    def __init__(self, options: ShareOptions, detector: Callable[[], FaceDetector], every: int) -> None:
        self._auto = options.faces == "auto"
        self._every = every
        self._edits = options.video_edits
        self._detector = detector
        self._pending: list[tuple[np.ndarray, float | None]] = []
        self._history: deque[list[Box]] = deque(maxlen=2)
        self._index = 0
        self.covered = 0

    def push(self, pixels: np.ndarray, seconds: float | None) -> list[tuple[np.ndarray, float | None]]:
        index, self._index = self._index, self._index + 1
        if not self._auto or index % self._every:
            self._pending.append((pixels, seconds))
            return self._release([]) if not self._auto else []
        found = self._detector().detect(pixels)
        self._pending.append((pixels, seconds))
        ready = self._release(found)
        self._history.append(found)
        return ready

    def finish(self) -> list[tuple[np.ndarray, float | None]]:
        return self._release([])

    def _release(self, upcoming: list[Box]) -> list[tuple[np.ndarray, float | None]]:
        held = [box for boxes in self._history for box in boxes] + upcoming
        ready = self._pending
        self._pending = []
        for pixels, seconds in ready:
            boxes = _apply_edits(held, self._edits, seconds, pixels.shape[1], pixels.shape[0])
            cover(pixels, boxes)
            self.covered += len(boxes)
        return ready


def _apply_edits(boxes: list[Box], edits: tuple[VideoEdit, ...], seconds: float | None, w: int, h: int) -> list[Box]:
    """The user's boxes for this moment added; detections overlapping a box they removed dropped."""
    if not edits or seconds is None:
        return boxes
    result = list(boxes)
    for edit in edits:
        if edit.t0 <= seconds < edit.t1:
            result = [b for b in result if not any(_overlaps(b, r) for r in edit.remove)]
            result.extend(scale_boxes(edit.add, 1.0, 1.0, w, h))
    return result


def _overlaps(a: Box, b: Box) -> bool:
    ix = max(0, min(a.x1, b.x1) - max(a.x0, b.x0))
    iy = max(0, min(a.y1, b.y1) - max(a.y0, b.y0))
    return ix * iy > 0.5 * min(a.area, b.area)


_STREAM_TAGS = {"video": labels.VIDEO_STREAM_TAGS, "audio": labels.AUDIO_STREAM_TAGS}


def _removed_parts(source: Any) -> list[str]:
    found = []
    if source.metadata:
        found.append(labels.fill(labels.CONTAINER_TAGS, names=", ".join(sorted(str(k) for k in source.metadata)[:12])))
    for stream in source.streams:
        if stream.metadata:
            found.append(_STREAM_TAGS.get(stream.type, labels.OTHER_STREAM_TAGS))
            break
    return found


def write_h264(path: Path, frames: Iterable[np.ndarray], rate: int) -> None:
    """Encode RGB frames into an MP4 (self-test and demo files; the sanitiser uses _VideoEncoder)."""
    with av.open(str(path), "w") as container:
        stream = None
        for index, pixels in enumerate(frames):
            if stream is None:
                stream = container.add_stream("libx264", rate=rate)
                stream.height, stream.width = pixels.shape[:2]
                stream.pix_fmt = "yuv420p"
            frame = av.VideoFrame.from_ndarray(pixels, format="rgb24")
            frame.pts, frame.time_base = index, Fraction(1, rate)
            for packet in stream.encode(frame):
                container.mux(packet)
        if stream is not None:
            for packet in stream.encode(None):
                container.mux(packet)
