"""Thumbnails, made inside the sandbox: images with orientation applied, a video's first frame, a PDF's page 1.

The result is raw RGB pixels (locker.pixels), long side 320, with nothing copied from the original: the app checks
them, compresses them itself and stores them encrypted; it never decodes an image format.
"""

from __future__ import annotations

import io
from typing import IO

from PIL import Image, ImageOps

from locker.formats import Preview, format_of
from locker.pixels import THUMBNAIL_EDGE, Pixels


def _encode(image: Image.Image) -> Pixels:
    image = image.convert("RGB")
    image.thumbnail((THUMBNAIL_EDGE, THUMBNAIL_EDGE))
    return Pixels(image.width, image.height, 3, image.tobytes())  # samples only: nothing else of the original


def _image(f: IO[bytes]) -> Pixels:
    import pillow_heif  # noqa: PLC0415 - preloaded; registering lets Image.open recognise HEIF/AVIF by content

    pillow_heif.register_heif_opener()
    with Image.open(f) as image:
        image.draft("RGB", (THUMBNAIL_EDGE * 2, THUMBNAIL_EDGE * 2))  # JPEG: decode at reduced size
        upright = ImageOps.exif_transpose(image)
        return _encode(upright)


def _video(f: IO[bytes]) -> Pixels | None:
    import av  # noqa: PLC0415

    with av.open(f, mode="r") as container:
        if not container.streams.video:
            return None
        stream = container.streams.video[0]
        for frame in container.decode(stream):
            image = frame.to_image()  # type: ignore[no-untyped-call]
            rotation = int(getattr(frame, "rotation", 0) or 0)
            if rotation:
                image = image.rotate(rotation, expand=True)
            return _encode(image)
    return None


def _embedded(f: IO[bytes]) -> Pixels | None:
    """A raw camera file's own JPEG preview (the largest one exifread finds), decoded with Pillow."""
    from locker.metadata.readers.raw import largest_preview  # noqa: PLC0415 - preloaded with locker.metadata

    jpeg = largest_preview(f)
    if jpeg is None:
        return None
    with Image.open(io.BytesIO(jpeg)) as image:
        if image.format != "JPEG":
            return None
        image.draft("RGB", (THUMBNAIL_EDGE * 2, THUMBNAIL_EDGE * 2))
        return _encode(ImageOps.exif_transpose(image) or image)


def _pdf(f: IO[bytes]) -> Pixels | None:
    import pypdfium2  # noqa: PLC0415

    document = pypdfium2.PdfDocument(f)
    try:
        if len(document) == 0:
            return None
        page = document[0]
        width, height = page.get_size()
        scale = THUMBNAIL_EDGE / max(width, height, 1)
        return _encode(page.render(scale=scale).to_pil())
    finally:
        document.close()


def make_thumbnail(f: IO[bytes], media_type: str) -> Pixels | None:
    """A raw RGB thumbnail, or None for types that have no picture (sound, text, unknown); how is the format
    table's Preview for the type."""
    f.seek(0)
    preview = format_of(media_type).preview
    if preview is Preview.PICTURE:
        return _image(f)
    if preview is Preview.EMBEDDED:
        return _embedded(f)
    if preview is Preview.VIDEO_FRAME:
        return _video(f)
    if preview is Preview.PDF_PAGE:
        return _pdf(f)
    return None
