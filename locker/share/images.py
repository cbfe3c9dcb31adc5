"""Share copies of photos: orientation applied to the pixels, faces covered, a fresh file with nothing copied.

The output is always encoded from a new Pillow image built from raw pixels, so no `info` (EXIF, XMP, ICC,
comments, PNG text, thumbnails, bytes after the end marker) can ride along. HEIC/HEIF/AVIF become JPEG.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable, Iterator
from typing import IO

import numpy as np
from PIL import Image, ImageCms, ImageOps, ImageSequence

from locker.share import report_labels as labels
from locker.share.faces import Box, FaceDetector, cover
from locker.share.formats import IMAGE_OUTPUT
from locker.share.options import SanitiseReport, ShareOptions
from locker.share.sandbox_refusals import PictureTooLarge, PictureUnreadable

MAX_FRAMES = 500


def open_image(f: IO[bytes], media_type: str) -> Image.Image:
    if media_type in {"image/heic", "image/heif", "image/avif"}:
        import pillow_heif  # noqa: PLC0415 - registered only where needed

        pillow_heif.register_heif_opener()
    return Image.open(f)


def upright_pixels(frame: Image.Image) -> Image.Image:
    """The frame as the camera meant it: EXIF orientation applied, colours converted to sRGB, 8-bit RGB(A)."""
    oriented = ImageOps.exif_transpose(frame) or frame
    icc = frame.info.get("icc_profile")
    alpha = oriented.mode in {"RGBA", "LA", "PA"} or (oriented.mode == "P" and "transparency" in oriented.info)
    converted = oriented.convert("RGBA" if alpha else "RGB")
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            srgb = ImageCms.createProfile("sRGB")
            converted = ImageCms.profileToProfile(converted, source, srgb, outputMode=converted.mode) or converted
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # an unusable profile: keep the numbers as they are
    return converted


def sanitise_image(
    f: IO[bytes], media_type: str, options: ShareOptions, detector: Callable[[], FaceDetector], out: IO[bytes]
) -> SanitiseReport:
    """A fresh picture from the pixels of `f`. Raises PictureUnreadable when Pillow cannot decode it."""
    pil_format, extension, out_type = IMAGE_OUTPUT[media_type]
    report = SanitiseReport(extension, out_type)
    frames = []
    durations = []
    for index, (pixels, duration) in enumerate(_decoded_frames(f, media_type, report)):
        durations.append(duration)
        boxes = _boxes_for(pixels, options, detector, index)
        _cover_all(pixels, boxes)
        report.faces_covered += len(boxes)
        frames.append(Image.fromarray(pixels))  # a new image: nothing of the original's info comes along
    report.frames = len(frames)
    _save(frames, durations, pil_format, out)
    return report


def _decoded_frames(f: IO[bytes], media_type: str, report: SanitiseReport) -> Iterator[tuple[np.ndarray, int]]:
    """Each frame's upright pixels and its duration (ms); what the picture carried goes into `report`. Only the
    decoding is here, so that a failure of Pillow's, and nothing else, is called an unreadable picture."""
    with decoding(), open_image(f, media_type) as image:
        report.removed.extend(_removed_parts(image))
        for index, frame in enumerate(ImageSequence.Iterator(image)):
            if index >= MAX_FRAMES:
                report.notes.append(labels.fill(labels.NOTE_FIRST_FRAMES, count=MAX_FRAMES))
                break
            yield np.array(upright_pixels(frame)), int(frame.info.get("duration", 100))


@contextlib.contextmanager
def decoding() -> Iterator[None]:
    """Pillow's ways of saying it cannot decode a picture, as refusals. The sandbox turns Pillow's warning about
    a picture larger than MAX_IMAGE_PIXELS into an error: such a picture is never decoded."""
    try:
        yield
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise PictureTooLarge(limit=(Image.MAX_IMAGE_PIXELS or 0) // 1_000_000, details=str(exc)[:300]) from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise PictureUnreadable(details=str(exc)[:300]) from exc


def _boxes_for(
    pixels: np.ndarray, options: ShareOptions, detector: Callable[[], FaceDetector], index: int
) -> list[Box]:
    if options.boxes is not None:
        return list(options.boxes)  # the user reviewed the boxes in the dialog
    if options.faces == "off":
        return []
    return detector().detect(np.ascontiguousarray(pixels[..., :3]))


def _cover_all(pixels: np.ndarray, boxes: list[Box]) -> None:
    if pixels.shape[2] == 4:
        rgb = pixels[..., :3]
        cover(rgb, boxes)
        for b in boxes:
            pixels[b.y0 : b.y1, b.x0 : b.x1, 3] = 255  # an opaque fill: transparency must not reveal the face
    else:
        cover(pixels, boxes)


def _save(frames: list[Image.Image], durations: list[int], pil_format: str, out: IO[bytes]) -> None:
    first = frames[0]
    if pil_format == "JPEG":
        first.convert("RGB").save(out, "JPEG", quality=92, optimize=True)
    elif pil_format == "PNG":
        first.save(out, "PNG")
    elif pil_format == "TIFF":
        first.save(out, "TIFF", compression="tiff_lzw")
    elif pil_format == "WEBP":
        first.save(out, "WEBP", quality=90, save_all=len(frames) > 1, append_images=frames[1:], duration=durations,
                   loop=0)  # fmt: skip
    elif pil_format == "GIF":
        # A still GIF takes one duration, not a list (Pillow fails on a one-item list without save_all).
        duration = durations if len(frames) > 1 else durations[0]
        first.save(out, "GIF", save_all=len(frames) > 1, append_images=frames[1:], duration=duration, loop=0)
    else:  # pragma: no cover - IMAGE_OUTPUT lists every format: a programming error, never the user's file
        raise ValueError(pil_format)


def _removed_parts(image: Image.Image) -> list[str]:
    """Names (never values) of the metadata containers the original carries."""
    found = []
    info = image.info
    names = {
        "exif": labels.EXIF,
        "xmp": labels.XMP,
        "XML:com.adobe.xmp": labels.XMP,
        "icc_profile": labels.ICC_PROFILE,
        "comment": labels.COMMENT,
        "photoshop": labels.IPTC,
        "dpi": labels.RESOLUTION,
    }
    for key, label in names.items():
        if info.get(key) and label not in found:
            found.append(label)
    if getattr(image, "text", None):
        found.append(labels.PNG_TEXT)
    if image.format == "TIFF":
        found.append(labels.TIFF_TAGS)
    if image.getexif().get(0x0112, 1) != 1:
        found.append(labels.ORIENTATION)
    return found
