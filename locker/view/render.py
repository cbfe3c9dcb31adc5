"""The sandboxed side of viewing: decode a picture or render one PDF page, and send it back as raw pixels.

Runs in the limited child (see locker.sandbox.child). Everything it needs is imported at the top, so the fork
server loads it once (locker.sandbox.zygote.PRELOAD) and the child imports nothing. Input comes only through the
job channel; the output is raw RGB(A) samples (locker.pixels) in PICTURE frames, plus a small JSON answer.
"""

from __future__ import annotations

import io
import json
import math
from typing import IO, Any, BinaryIO

import pypdfium2
from PIL import Image, ImageSequence

from locker.formats import Preview, format_of
from locker.metadata.readers.raw import largest_preview
from locker.metadata.thumbnail import make_thumbnail
from locker.pixels import Pixels
from locker.sandbox import protocol
from locker.share.images import open_image, upright_pixels

#: A rendering's long side and its size in bytes are bounded, whatever the original's size or the zoom asked for.
RENDER_LONG_SIDE = 4096
RENDER_MAX_BYTES = 64 * 1024 * 1024
VIEW_TASKS = ("render", "pdf-page", "thumbnail")


def run_view_task(remote: IO[bytes], job: dict[str, Any], wfile: BinaryIO) -> None:
    """One viewing task: "render" (a picture), "pdf-page" (page n of a PDF) or "thumbnail" (320 pixels)."""
    kind = job.get("kind")
    media_type = str(job["media_type"])
    if kind == "render":
        pixels, size = render_picture(remote, media_type)
        answer: dict[str, Any] = {"width": size[0], "height": size[1]}
    elif kind == "pdf-page":
        pixels, answer = render_pdf_page(
            remote, int(job["page"]), int(job.get("fit_width") or 0), int(job.get("fit_height") or 0),
            float(job.get("scale") or 0.0),
        )  # fmt: skip
    elif kind == "thumbnail":
        thumbnail = make_thumbnail(remote, media_type)
        if thumbnail is None:
            raise ValueError(f"{media_type} has no picture to make a thumbnail of")
        pixels, answer = thumbnail, {}
    else:
        raise ValueError(f"unknown task {kind!r}")
    send_picture(wfile, pixels)
    protocol.send_frame(wfile, protocol.RESULT, json.dumps(answer).encode())


def send_picture(wfile: BinaryIO, pixels: Pixels) -> None:
    """The header in one frame, then the samples in as many frames as they need."""
    protocol.send_frame(wfile, protocol.PICTURE, pixels.header())
    view = memoryview(pixels.data)
    for start in range(0, len(view), protocol.MAX_FRAME):
        protocol.send_frame(wfile, protocol.PICTURE_DATA, bytes(view[start : start + protocol.MAX_FRAME]))


def to_pixels(image: Image.Image) -> Pixels:
    """An image's samples as RGB, or RGBA when it has transparency; nothing else of it."""
    mode = "RGBA" if image.mode in {"RGBA", "LA", "PA"} or "transparency" in image.info else "RGB"
    converted = image.convert(mode)
    return Pixels(converted.width, converted.height, len(mode), converted.tobytes())


def _bounded_scale(width: float, height: float, channels: int, wanted: float) -> float:
    """`wanted`, lowered until the long side and the byte total stay within the rendering's bounds."""
    by_side = RENDER_LONG_SIDE / max(width, height, 1.0)
    by_bytes = math.sqrt(RENDER_MAX_BYTES / max(width * height * channels, 1.0))
    return max(min(wanted, by_side, by_bytes), 1e-3)


def render_picture(remote: IO[bytes], media_type: str) -> tuple[Pixels, tuple[int, int]]:
    """Any picture (JPEG, PNG, HEIC, AVIF, WebP, TIFF, GIF...; a raw camera file by its embedded preview): its
    first frame, upright, in sRGB, scaled down to the rendering's bounds. Also returns the full upright size."""
    preview = format_of(media_type).preview
    if preview is Preview.EMBEDDED:
        # A raw camera file is shown by the JPEG preview the camera put in it; its sensor data is never decoded.
        jpeg = largest_preview(remote)
        if jpeg is None:
            raise ValueError(f"{media_type} carries no preview picture")
        remote, media_type = io.BytesIO(jpeg), "image/jpeg"
    elif preview is not Preview.PICTURE:
        raise ValueError(f"{media_type} is not a picture")
    with open_image(remote, media_type) as image:
        if image.format == "JPEG":
            image.draft("RGB", (RENDER_LONG_SIDE, RENDER_LONG_SIDE))  # decode big photos at a reduced size
        picture = upright_pixels(next(iter(ImageSequence.Iterator(image))))
    size = picture.size
    channels = 4 if picture.mode == "RGBA" else 3
    scale = _bounded_scale(picture.width, picture.height, channels, 1.0)
    if scale < 1.0:
        target = (max(1, int(picture.width * scale)), max(1, int(picture.height * scale)))
        picture = picture.resize(target, Image.Resampling.LANCZOS)
    return to_pixels(picture), size


def render_pdf_page(
    remote: IO[bytes], page_index: int, fit_width: int, fit_height: int, scale: float
) -> tuple[Pixels, dict[str, Any]]:
    """Page `page_index` (from 0) at `scale` pixels per point, or fitted into fit_width x fit_height when scale is 0.

    The answer says how many pages there are, the page's size in points and the scale actually used.
    """
    document = pypdfium2.PdfDocument(remote)
    try:
        count = len(document)
        if not 0 <= page_index < count:
            raise ValueError(f"the PDF has {count} pages; there is no page {page_index + 1}")
        page = document[page_index]
        try:
            width, height = page.get_size()
            if scale <= 0:
                scale = min(max(fit_width, 1) / max(width, 1.0), max(fit_height, 1) / max(height, 1.0))
            scale = _bounded_scale(width, height, 3, scale)
            image = page.render(scale=scale, rev_byteorder=True).to_pil()
        finally:
            page.close()
    finally:
        document.close()
    answer = {"page": page_index, "page_count": count, "width_pt": width, "height_pt": height, "scale": scale}
    return to_pixels(image.convert("RGB")), answer
