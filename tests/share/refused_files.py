"""Real files a share copy is refused for, made at test time: each names a different reason."""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

from PIL import Image

from tests.share import office_parts


def silent_m4a(tmp: Path) -> Path:
    """An M4A (its brand says sound) that holds a video track and no sound: nothing for a sound copy to keep."""
    made = tmp / "silent-made.m4a"
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc2=duration=1:size=64x48:rate=5",
                    "-c:v", "libx264", "-pix_fmt", "yuv420p", "-f", "ipod", str(made)], check=True)  # fmt: skip
    data = made.read_bytes()
    made.unlink()
    path = tmp / "silent.m4a"
    path.write_bytes(data[:32].replace(b"M4V ", b"M4A ") + data[32:])  # ffmpeg's ipod muxer calls a video M4V
    return path


def damaged_docx(tmp: Path) -> Path:
    """A Word file whose directory is intact but one part's compressed bytes are damaged (a bad download)."""
    path = office_parts.docx(tmp / "damaged.docx", parts={"word/notes.xml": "<n>" + "Протокол " * 300 + "</n>"})
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("word/notes.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + 10, start + 40):
        data[offset] ^= 0x5A
    path.write_bytes(bytes(data))
    return path


def crowded_docx(tmp: Path) -> Path:
    """A Word file with more parts than a copy may hold (office_parts.MAX_ENTRIES is 5000)."""
    return office_parts.docx(tmp / "crowded.docx", parts={f"word/notes/n{i}.xml": "<n/>" for i in range(5001)})


def docx_with_jpeg_2000(tmp: Path) -> Path:
    """A Word file with a JPEG 2000 picture: a format whose metadata nobody here can take out."""
    picture = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(picture, "JPEG2000")
    return office_parts.docx(tmp / "jpeg2000.docx", parts={"word/media/image1.jp2": picture.getvalue()})


def truncated_png(tmp: Path) -> Path:
    """A photo cut off half-way (a copy that stopped): Pillow cannot decode its pixels."""
    picture = io.BytesIO()
    Image.effect_noise((200, 200), 60).convert("RGB").save(picture, "PNG")
    path = tmp / "cut.png"
    path.write_bytes(picture.getvalue()[: len(picture.getvalue()) // 2])
    return path


def huge_png(tmp: Path) -> Path:
    """A black-and-white scan of 8100 x 8000 pixels: more than the 64 million pixels the sandbox decodes (8 KB on
    disk, about 200 MB once decoded as colour: how a decompression bomb starts)."""
    path = tmp / "huge.png"
    Image.new("1", (8100, 8000)).save(path, "PNG")
    return path


def mp4_cut_short(tmp: Path) -> Path:
    """A phone video whose copy stopped half-way: the index (moov), which ffmpeg writes last, is missing."""
    made = tmp / "whole.mp4"
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc2=duration=2:size=64x48:rate=10",
                    "-c:v", "libx264", "-pix_fmt", "yuv420p", str(made)], check=True)  # fmt: skip
    data = made.read_bytes()
    made.unlink()
    path = tmp / "cut.mp4"
    path.write_bytes(data[: data.rindex(b"moov") - 4])
    return path
