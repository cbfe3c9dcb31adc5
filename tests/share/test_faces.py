"""Faces: the shipped detector's recall on labelled faces, solid covering, and redacted videos that still play.

The labelled set is scikit-image's LFW subset (100 face crops, 25x25, shipped inside the package), scaled and
composed into 1920x1080 frames over a busy background, as bystanders appear in a protest video.
"""

from __future__ import annotations

import io
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest
from PIL import Image
from skimage import data

from locker.sandbox.runner import SandboxRunner
from locker.share.faces import FILL, Box, FaceDetector, cover
from locker.share.media import _FaceCover, detection_stride
from locker.share.options import ShareOptions
from locker.share.service import share_item
from locker.vault.vault import Vault
from tests.share.conftest import store

SIZES = (40, 56, 80, 120, 200)


@pytest.fixture(scope="module")
def detector() -> FaceDetector:
    return FaceDetector()


def _background(rng: np.random.Generator, height: int = 1080, width: int = 1920) -> np.ndarray:
    blocks = (rng.random((height // 8 + 1, width // 8 + 1, 3)) * 255).astype(np.uint8)
    return np.ascontiguousarray(blocks.repeat(8, 0).repeat(8, 1)[:height, :width])


def _compose(faces: np.ndarray, size: int, rng: np.random.Generator) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """25 faces of `size` px on a 5x5 grid in a 1080p frame; returns the frame and each face's top-left corner."""
    frame = _background(rng)
    corners = []
    for index, crop in enumerate(faces):
        face = np.asarray(Image.fromarray((crop * 255).astype(np.uint8)).resize((size, size), Image.Resampling.BICUBIC))
        row, col = divmod(index, 5)
        y, x = 60 + row * 205, 120 + col * 360
        frame[y : y + size, x : x + size] = face[..., None]
        corners.append((x, y))
    return frame, corners


def _hit(boxes: list[Box], x: int, y: int, size: int) -> bool:
    cx, cy = x + size / 2, y + size / 2
    return any(b.x0 <= cx <= b.x1 and b.y0 <= cy <= b.y1 for b in boxes)


def test_recall_on_lfw_faces_of_40_px_and_more(detector: FaceDetector) -> None:
    faces = data.lfw_subset()[:100]  # the first 100 are faces, the rest are not
    rng = np.random.default_rng(2026)
    recall = {}
    for size in SIZES:
        found = 0
        for start in range(0, 100, 25):
            frame, corners = _compose(faces[start : start + 25], size, rng)
            boxes = detector.detect(frame)
            found += sum(_hit(boxes, x, y, size) for x, y in corners)
        recall[size] = found / 100
    assert all(r >= 0.95 for r in recall.values()), recall


def test_non_faces_are_mostly_left_alone(detector: FaceDetector) -> None:
    """The other 100 LFW crops are not faces: a detector that boxes everything would pass the recall test."""
    crops = data.lfw_subset()[100:]
    rng = np.random.default_rng(7)
    boxed = 0
    for start in range(0, 100, 25):
        frame, corners = _compose(crops[start : start + 25], 80, rng)
        boxes = detector.detect(frame)
        boxed += sum(_hit(boxes, x, y, 80) for x, y in corners)
    assert boxed <= 10


def test_covered_faces_are_not_found_again(detector: FaceDetector) -> None:
    rng = np.random.default_rng(11)
    frame, corners = _compose(data.lfw_subset()[:25], 80, rng)
    boxes = detector.detect(frame)
    assert sum(_hit(boxes, x, y, 80) for x, y in corners) >= 24
    cover(frame, boxes)
    for box in boxes:
        assert (frame[box.y0 : box.y1, box.x0 : box.x1] == FILL).all()
    again = detector.detect(frame)
    inside = [b for b in again if any(_overlap(b, old) for old in boxes)]
    assert inside == []


def _overlap(a: Box, b: Box) -> bool:
    return min(a.x1, b.x1) > max(a.x0, b.x0) and min(a.y1, b.y1) > max(a.y0, b.y0)


def test_astronaut_face_is_boxed_with_margin(detector: FaceDetector) -> None:
    boxes = detector.detect(np.ascontiguousarray(data.astronaut()))
    face = [b for b in boxes if b.x0 <= 225 <= b.x1 and b.y0 <= 105 <= b.y1]
    assert face, boxes
    # Enlarged around the detection: forehead to chin and ear to ear of a ~90x120 px face.
    assert face[0].x1 - face[0].x0 >= 110 and face[0].y1 - face[0].y0 >= 140


class _Scripted:
    """A stand-in detector answering from a script: used only to test how boxes are held between detections."""

    def __init__(self, answers: list[list[Box]]) -> None:
        self.answers = answers
        self.calls = 0

    def detect(self, _pixels: np.ndarray) -> list[Box]:
        answer = self.answers[self.calls] if self.calls < len(self.answers) else []
        self.calls += 1
        return answer


def test_a_face_missed_by_one_detection_pass_stays_covered() -> None:
    face = Box(10, 10, 30, 30)
    # Detections on frames 0, 2, 4, 6: the face is found on all but frame 4's pass.
    scripted = _Scripted([[face], [face], [], [face]])
    every = detection_stride(15)
    assert every == 2 and detection_stride(30) == 5 and detection_stride(None) == 1
    cover_state = _FaceCover(ShareOptions(faces="auto"), lambda: scripted, every)  # type: ignore[arg-type,return-value]
    released = []
    for index in range(3 * every + 1):
        frame = np.full((40, 40, 3), 200, np.uint8)
        released += cover_state.push(frame, index / 10)
    released += cover_state.finish()
    assert scripted.calls == 4
    assert len(released) == 7
    for pixels, _seconds in released:
        assert (pixels[12:28, 12:28] == FILL).all()


def _moving_faces_video(path: Path, seconds: float = 2.0, rate: int = 10) -> list[tuple[int, int]]:
    """1280x720 H.264 with two LFW faces (100 px) drifting right; returns the first face's corner per frame."""
    faces = data.lfw_subset()[:2]
    rng = np.random.default_rng(5)
    background = _background(rng, 720, 1280)
    corners = []
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=rate)
        stream.width, stream.height, stream.pix_fmt = 1280, 720, "yuv420p"
        for index in range(int(seconds * rate)):
            frame = background.copy()
            x, y = 200 + index * 6, 200
            for k, crop in enumerate(faces):
                face = np.asarray(Image.fromarray((crop * 255).astype(np.uint8)).resize((100, 100)))
                frame[y : y + 100, x + k * 500 : x + k * 500 + 100] = face[..., None]
            corners.append((x, y))
            video_frame = av.VideoFrame.from_ndarray(frame, format="rgb24")
            video_frame.pts, video_frame.time_base = index, Fraction(1, rate)
            for packet in stream.encode(video_frame):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return corners


def test_redacted_video_decodes_completely_keeps_its_duration_and_covers_faces(
    share_vault: Vault, runner: SandboxRunner, tmp_path: Path
) -> None:
    source = tmp_path / "march.mp4"
    corners = _moving_faces_video(source)
    out = tmp_path / "out"
    out.mkdir()
    result = share_item(share_vault, store(share_vault, runner, source), out, ShareOptions(faces="auto"), runner)
    assert result.path is not None, result.error
    with av.open(str(source)) as original:
        original_duration = float(original.duration or 0) / 1e6
    with av.open(str(result.path)) as copy:
        frames = [f.to_ndarray(format="rgb24") for f in copy.decode(video=0)]
        duration = float(copy.duration or 0) / 1e6
    assert len(frames) == len(corners) == 20
    assert abs(duration - original_duration) <= 0.1 + 1e-9, (duration, original_duration)
    for pixels, (x, y) in zip(frames, corners, strict=True):
        for k in range(2):
            centre = pixels[y + 25 : y + 75, x + k * 500 + 25 : x + k * 500 + 75].astype(int)
            assert centre.mean() < 20, "a face is visible in the share copy"
    assert result.report is not None and result.report.faces_covered >= 40


def test_review_previews_show_detected_boxes_for_a_photo(runner: SandboxRunner) -> None:
    from locker.sandbox.source import BytesSource
    from locker.share.service import FACES_LIMITS

    buffer = io.BytesIO()
    Image.fromarray(data.astronaut()).save(buffer, "JPEG")
    outcome = runner.run_task(BytesSource(buffer.getvalue()), {"kind": "faces", "media_type": "image/jpeg"},
                              FACES_LIMITS)  # fmt: skip
    assert outcome.error is None, outcome.error
    assert outcome.result is not None
    [frame] = outcome.result["frames"]
    assert (frame["width"], frame["height"]) == (512, 512)
    assert any(Box.from_json(b).x0 <= 225 <= Box.from_json(b).x1 for b in frame["boxes"])
    [preview] = outcome.pictures  # raw pixels, checked by the runner: the app decodes no JPEG
    assert (preview.width, preview.height, preview.channels) == (512, 512, 3)
