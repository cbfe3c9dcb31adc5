"""Share copies: detector recall by face size, photos per second and 1080p video frames per second.

Not a test: `.venv/bin/python benchmarks/share_copies.py [--photos 50] [--video-seconds 10]`.

  recall        = share of scikit-image's 100 LFW face crops found when composed into 1920x1080 frames, per size
  false boxes   = of the 100 LFW non-face crops at 80 px, how many got a box
  photos/s      = 1920x1080 JPEGs with faces through the whole `share_item` path (sandboxed sanitiser with face
                  detection, sandboxed re-check, hashing, custody event), one after another
  per photo / inference = that time per photo against the face model's own inference time on the same photos,
                  measured in this process in the same run, photo by photo (goal <= 1.5): with one inference
                  thread, as the sandbox runs it (a forked job has no thread pool), and with two, for comparison
  video fps     = frames/s of a 1080p30 H.264 clip with moving faces through `share_item` (faces auto), and the
                  same clip with faces off, which is the ceiling set by decoding + encoding on this machine

Measured 2026-12-03 on the 2-core development machine, shared with six other sessions (load average 4.4-5.4),
`--skip-recall --photos 50 --video-seconds 1`, 3 runs: per photo / inference (1 thread) 2.46, 2.10, 2.38 (median
2.38; goal 1.5 not met). Where the time goes, from one photo's steps timed in the same run (medians of 6): the share
job 760 ms with faces, 140 ms with faces off, against 330 ms for the model alone in this process and 61 ms for the
same sanitising without faces in this process; the re-check job 32 ms; hashing and the raw-byte search 1 ms;
reading the recorded metadata 0 ms (no sandbox job when it was read at import). So most of the overhead is the
model itself running about twice as slowly in the forked, confined child (~620 ms against ~330 ms); the fork, the
channel and the job's set-up add ~80 ms. Warming the fork server's session at the photo's own input shape made the
child slower (704 ms against 428 ms for its first run, unconfined), because the child then copies every page of the
inference's working memory it writes. A child kept for several share jobs would avoid that cost, but a share copy
is what leaves the vault, so every share job keeps a fresh child (docs/SANDBOX.md): containment wins here.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
from PIL import Image
from skimage import data

from locker.crypto.kdf import KdfParams
from locker.ingest.importer import import_files
from locker.sandbox.runner import SandboxRunner
from locker.share.faces import FaceDetector
from locker.share.options import ShareOptions
from locker.share.service import share_item
from locker.vault.vault import Vault

WEAK = KdfParams(memory_kib=8, iterations=1, lanes=1)


def background(rng: np.random.Generator, height: int = 1080, width: int = 1920) -> np.ndarray:
    blocks = (rng.random((height // 8 + 1, width // 8 + 1, 3)) * 255).astype(np.uint8)
    return np.ascontiguousarray(blocks.repeat(8, 0).repeat(8, 1)[:height, :width])


def paste(frame: np.ndarray, crop: np.ndarray, x: int, y: int, size: int) -> None:
    face = np.asarray(Image.fromarray((crop * 255).astype(np.uint8)).resize((size, size), Image.Resampling.BICUBIC))
    frame[y : y + size, x : x + size] = face[..., None]


def recall(detector: FaceDetector) -> None:
    lfw = data.lfw_subset()
    rng = np.random.default_rng(1)
    for label, crops, sizes in (("faces", lfw[:100], (32, 40, 56, 80, 120, 200)), ("non-faces", lfw[100:], (80,))):
        for size in sizes:
            hits, seconds = 0, 0.0
            for start in range(0, 100, 25):
                frame = background(rng)
                corners = []
                for index, crop in enumerate(crops[start : start + 25]):
                    row, col = divmod(index, 5)
                    x, y = 120 + col * 360, 60 + row * 205
                    paste(frame, crop, x, y, size)
                    corners.append((x + size / 2, y + size / 2))
                began = time.perf_counter()
                boxes = detector.detect(frame)
                seconds += time.perf_counter() - began
                hits += sum(any(b.x0 <= cx <= b.x1 and b.y0 <= cy <= b.y1 for b in boxes) for cx, cy in corners)
            name = "recall" if label == "faces" else "false boxes"
            print(f"{name:<12} {size:>4} px: {hits}/100   ({seconds / 4 * 1000:.0f} ms per 1080p frame)")


def photos(folder: Path, count: int) -> list[Path]:
    rng = np.random.default_rng(3)
    lfw = data.lfw_subset()
    paths = []
    for i in range(count):
        frame = background(rng)
        for k in range(6):
            paste(frame, lfw[(i * 6 + k) % 100], 150 + k * 280, 300 + (k % 2) * 200, 120)
        path = folder / f"photo_{i:03d}.jpg"
        exif = Image.Exif()
        exif[0x010F], exif[0x0110] = "BenchCam", "B-1"
        Image.fromarray(frame).save(path, "JPEG", quality=90, exif=exif.tobytes())
        paths.append(path)
    return paths


def inference_seconds(detector: FaceDetector, path: Path) -> float:
    """The face model's own time on this photo: decoded here first, then only `detect`."""
    with Image.open(path) as image:
        rgb = np.asarray(image.convert("RGB"))
    began = time.perf_counter()
    detector.detect(rgb)
    return time.perf_counter() - began


def video(path: Path, seconds: int, rate: int = 30) -> int:
    rng = np.random.default_rng(4)
    lfw = data.lfw_subset()
    base = background(rng)
    count = seconds * rate
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=rate)
        stream.width, stream.height, stream.pix_fmt = 1920, 1080, "yuv420p"
        stream.options = {"preset": "veryfast"}
        for index in range(count):
            frame = base.copy()
            for k in range(4):
                paste(frame, lfw[k], 100 + k * 400 + (index % 150) * 2, 400, 90)
            vf = av.VideoFrame.from_ndarray(frame, format="rgb24")
            vf.pts, vf.time_base = index, Fraction(1, rate)
            for packet in stream.encode(vf):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return count


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--photos", type=int, default=50)
    parser.add_argument("--video-seconds", type=int, default=10)
    parser.add_argument("--skip-recall", action="store_true")
    args = parser.parse_args()
    if not args.skip_recall:
        recall(FaceDetector())
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        vault = Vault.create(root / "v.locker", "bench passphrase 1", WEAK)
        out = root / "out"
        out.mkdir()
        with SandboxRunner() as runner:
            pictures = photos(root, args.photos)
            ids = [o.item_id for o in import_files(vault, pictures, runner=runner)]
            detectors = {threads: FaceDetector(threads=threads) for threads in (1, 2)}
            for detector in detectors.values():
                inference_seconds(detector, pictures[0])  # warm: a session's first run sets itself up
            inference = dict.fromkeys(detectors, 0.0)
            elapsed, faces = 0.0, 0
            # Photo by photo, the model alone then the whole share: a change in the machine's load hits both.
            for item, picture in zip(ids, pictures, strict=True):
                assert item is not None
                for threads, detector in detectors.items():
                    inference[threads] += inference_seconds(detector, picture)
                began = time.perf_counter()
                result = share_item(vault, item, out, ShareOptions(faces="auto"), runner)
                elapsed += time.perf_counter() - began
                assert result.report is not None, result.error
                faces += result.report.faces_covered
            print(f"photos 1920x1080: {args.photos / elapsed:.2f} photos/s ({faces} faces covered)")
            for threads, seconds in inference.items():
                print(f"per photo {elapsed / args.photos * 1000:.0f} ms / model inference alone "
                      f"({threads} thread{'s' if threads > 1 else ''}) {seconds / args.photos * 1000:.0f} ms "
                      f"= {elapsed / seconds:.2f}")  # fmt: skip
            clip = root / "clip.mp4"
            frames = video(clip, args.video_seconds)
            [outcome] = import_files(vault, [clip], runner=runner)
            assert outcome.item_id is not None
            for mode in ("off", "auto"):
                began = time.perf_counter()
                result = share_item(vault, outcome.item_id, out, ShareOptions(faces=mode), runner)
                elapsed = time.perf_counter() - began
                assert result.report is not None, result.error
                print(f"video 1080p30, faces {mode:<4}: {frames / elapsed:.1f} frames/s "
                      f"({frames} frames in {elapsed:.1f} s, {result.report.faces_covered} boxes)")  # fmt: skip
        vault.close()


if __name__ == "__main__":
    main()
