"""Media made at test time: every second of the video has its own colour, the sound is a 440 Hz tone."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
import numpy as np

COLOURS = [(255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 0), (255, 0, 255), (0, 255, 255)]
RATE = 48000


def colour_of_second(second: int) -> tuple[int, int, int]:
    return COLOURS[second % len(COLOURS)]


def make_media(
    path: Path,
    seconds: int = 5,
    size: tuple[int, int] = (320, 240),
    fps: int = 25,
    video: bool = True,
    audio: bool = True,
    rate: int = RATE,
    channels: int = 2,
    rotation: int = 0,
    noise: bool = False,
) -> Path:
    """An MP4 (H.264 + AAC) or, for sound only, an M4A; one keyframe a second. `noise` makes it large."""
    out = av.open(str(path), "w", format="mp4")
    vstream = astream = None
    if video:
        vstream = out.add_stream("libx264", rate=fps)
        vstream.width, vstream.height = size
        vstream.pix_fmt = "yuv420p"
        vstream.options = {"g": str(fps)}
        if rotation:
            vstream.set_display_rotation(rotation)
    if audio:
        astream = out.add_stream("aac", rate=rate)
        astream.layout = "stereo" if channels == 2 else "mono"
    if vstream is not None:
        for i in range(seconds * fps):
            picture = np.zeros((size[1], size[0], 3), np.uint8)
            picture[:] = colour_of_second(i // fps)
            if noise:
                grain = np.random.default_rng(i).integers(-40, 41, picture.shape)
                picture = np.clip(picture.astype(int) + grain, 0, 255).astype(np.uint8)
            frame = av.VideoFrame.from_ndarray(picture, format="rgb24")
            frame.pts, frame.time_base = i, Fraction(1, fps)
            out.mux(vstream.encode(frame))
        out.mux(vstream.encode())
    if astream is not None:
        start = 0
        while start < seconds * rate:
            t = np.arange(start, start + 1024) / rate
            tone = (0.5 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)
            planes = np.vstack([tone] * channels)
            frame = av.AudioFrame.from_ndarray(planes, format="fltp", layout=astream.layout.name)
            frame.sample_rate, frame.pts, frame.time_base = rate, start, Fraction(1, rate)
            out.mux(astream.encode(frame))
            start += 1024
        out.mux(astream.encode())
    out.close()
    return path


def mean_colour(rgb: bytes, width: int, height: int) -> tuple[int, int, int]:
    pixels = np.frombuffer(rgb, np.uint8).reshape(height, width, 3)
    red, green, blue = (int(v) for v in pixels.reshape(-1, 3).mean(axis=0))
    return red, green, blue


def close_to(found: tuple[int, int, int], expected: tuple[int, int, int], tolerance: int = 30) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(found, expected, strict=True))
