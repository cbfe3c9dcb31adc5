"""The sandboxed side of share copies: make a copy, re-check one, or detect faces for the review dialog.

Viewing tasks (a picture or PDF page as raw pixels, a thumbnail) are passed on to locker.view.render.

Runs in the limited child process. Input comes through the job channel as a seekable file; the copy goes back as
positioned writes, so the child never opens a file of its own (its file-size limit is zero).
"""

from __future__ import annotations

import io
import json
from typing import IO, Any, BinaryIO

from locker.sandbox import protocol
from locker.sandbox.child import Positioned
from locker.share.faces import Box, FaceDetector
from locker.share.formats import kind_of, output_type
from locker.share.options import SanitiseReport, ShareOptions
from locker.share.refusal_answers import refusal_answer
from locker.share.refusals import CopyRefused, type_not_shared
from locker.view.render import VIEW_TASKS, run_view_task, send_picture, to_pixels

PREVIEW_LONG_SIDE = 1280
VIDEO_SAMPLES = 8


class RemoteOutput(Positioned):
    """A writable, seekable file whose bytes are sent to the app as positioned writes."""

    def __init__(self, wfile: BinaryIO) -> None:
        super().__init__()
        self._wfile = wfile

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        view = memoryview(data).cast("B")
        step = protocol.MAX_FRAME - protocol.WRITE_OFFSET.size
        for start in range(0, len(view), step):
            piece = bytes(view[start : start + step])
            protocol.send_frame(self._wfile, protocol.WRITE, protocol.WRITE_OFFSET.pack(self._pos) + piece)
            self._pos += len(piece)
        self._size = max(self._size, self._pos)
        return len(view)


class _LazyDetector:
    """The fork server's detector when it built one (see locker.sandbox.zygote.preload), else one built on first
    use: a photo without faces to cover never pays for it."""

    def __init__(self, preloaded: FaceDetector | None = None) -> None:
        self._detector = preloaded

    def __call__(self) -> FaceDetector:
        if self._detector is None:
            self._detector = FaceDetector()
        return self._detector


def run_task(remote: IO[bytes], job: dict[str, Any], wfile: BinaryIO, detector: FaceDetector | None = None) -> None:
    """Run one share or viewing task; `detector`: the face detector the fork server built, if any. A sanitiser that
    gives up (CopyRefused) is answered as data, its class and parameters (locker.share.refusal_answers)."""
    try:
        _run(remote, job, wfile, detector)
    except CopyRefused as refused:
        protocol.send_frame(wfile, protocol.RESULT, json.dumps(refusal_answer(refused)).encode())


def _run(remote: IO[bytes], job: dict[str, Any], wfile: BinaryIO, detector: FaceDetector | None) -> None:
    kind = job.get("kind")
    media_type = str(job["media_type"])
    if kind == "share":
        options = ShareOptions.from_json(job.get("options"))
        report = make_copy(remote, media_type, options, wfile, _LazyDetector(detector))
        protocol.send_frame(wfile, protocol.RESULT, json.dumps(report.to_json()).encode())
    elif kind == "recheck":
        from locker.share.recheck import recheck  # noqa: PLC0415

        needles = [str(n) for n in list(job.get("needles") or [])]
        result = recheck(remote, media_type, needles, original=job.get("original") is True)
        protocol.send_frame(wfile, protocol.RESULT, json.dumps(result).encode())
    elif kind == "faces":
        frames = detect_for_review(remote, media_type, wfile, _LazyDetector(detector))
        protocol.send_frame(wfile, protocol.RESULT, json.dumps({"frames": frames}).encode())
    elif kind in VIEW_TASKS:
        run_view_task(remote, job, wfile)
    else:  # the app sends only the tasks above: a programming error, never the user's file
        raise ValueError(f"unknown task {kind!r}")


def make_copy(
    remote: IO[bytes], media_type: str, options: ShareOptions, wfile: BinaryIO, detector: _LazyDetector | None = None
) -> SanitiseReport:
    kind = kind_of(media_type)
    if kind is None:
        raise type_not_shared(media_type)
    out = io.BufferedWriter(RemoteOutput(wfile), buffer_size=4 * 1024 * 1024)
    detector = detector or _LazyDetector()
    if kind == "image":
        from locker.share.images import sanitise_image  # noqa: PLC0415

        report = sanitise_image(remote, media_type, options, detector, out)
    elif kind == "video":
        from locker.share.media import sanitise_video  # noqa: PLC0415

        report = sanitise_video(remote, media_type, options, detector, out)
    elif kind == "audio":
        from locker.share.media import sanitise_audio  # noqa: PLC0415

        report = sanitise_audio(remote, media_type, out)
    elif kind == "pdf":
        from locker.share.pdf import sanitise_pdf  # noqa: PLC0415

        report = sanitise_pdf(remote, out)  # type: ignore[arg-type]
    else:
        from locker.share.office import sanitise_office  # noqa: PLC0415

        report = sanitise_office(remote, media_type, out)
    out.flush()
    if (report.extension, report.media_type) != output_type(media_type):  # pragma: no cover
        raise ValueError("the sanitiser produced an unexpected type")  # a programming error: the table says the type
    return report


def detect_for_review(
    remote: IO[bytes], media_type: str, wfile: BinaryIO, detector: _LazyDetector | None = None
) -> list[dict[str, Any]]:
    """Detected boxes (full-size coordinates) and a raw-pixel preview of each photo or sampled video frame."""
    import numpy as np  # noqa: PLC0415

    kind = kind_of(media_type)
    find = detector or _LazyDetector()
    samples: list[tuple[float, np.ndarray]] = []
    if kind == "image":
        from PIL import ImageSequence  # noqa: PLC0415

        from locker.share.images import decoding, open_image, upright_pixels  # noqa: PLC0415

        with decoding(), open_image(remote, media_type) as image:  # refused as the photo sanitiser refuses it
            first = next(iter(ImageSequence.Iterator(image)))
            samples.append((0.0, np.array(upright_pixels(first).convert("RGB"))))
    elif kind == "video":
        from locker.share.media import decoding as decoding_video  # noqa: PLC0415

        with decoding_video():  # refused as the video sanitiser refuses it
            samples = _video_samples(remote)
    else:
        return []
    frames = []
    for seconds, pixels in samples:
        boxes = find().detect(pixels)
        frames.append(_preview(wfile, seconds, pixels, boxes))
    return frames


def _preview(wfile: BinaryIO, seconds: float, pixels: Any, boxes: list[Box]) -> dict[str, Any]:
    from PIL import Image  # noqa: PLC0415

    image = Image.fromarray(pixels)
    width, height = image.size
    image.thumbnail((PREVIEW_LONG_SIDE, PREVIEW_LONG_SIDE))
    send_picture(wfile, to_pixels(image.convert("RGB")))
    return {"t": seconds, "width": width, "height": height, "boxes": [b.to_json() for b in boxes]}


def _video_samples(remote: IO[bytes]) -> list[tuple[float, Any]]:
    import av  # noqa: PLC0415

    from locker.share.media import _upright  # noqa: PLC0415

    samples = []
    with av.open(remote, "r") as source:
        stream = source.streams.video[0]
        duration = float(source.duration / 1_000_000) if source.duration else 0.0
        times = [duration * (i + 0.5) / VIDEO_SAMPLES for i in range(VIDEO_SAMPLES)] if duration else [0.0]
        for target in times:
            source.seek(int(target * 1_000_000), any_frame=False, backward=True)
            for frame in source.decode(stream):
                seconds = float(frame.pts * frame.time_base) if frame.pts is not None and frame.time_base else target
                if seconds + 0.05 >= target or not duration:
                    samples.append((seconds, _upright(frame)))
                    break
    return samples
