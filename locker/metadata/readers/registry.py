"""Which reader handles which media type."""

from __future__ import annotations

from collections.abc import Callable
from typing import IO

from locker.metadata.readers.base import ReaderResult

Reader = Callable[[IO[bytes], str], ReaderResult]

IMAGE_TYPES = frozenset(
    {"image/jpeg", "image/tiff", "image/heic", "image/heif", "image/png", "image/webp", "image/gif", "image/avif"}
)
AV_TYPES = frozenset(
    {
        "video/mp4", "video/quicktime", "video/3gpp", "video/x-matroska", "video/webm", "video/x-msvideo",
        "video/mpeg", "audio/mp4", "audio/x-m4a", "audio/mpeg", "audio/ogg", "audio/x-wav", "audio/wav",
        "audio/amr", "audio/x-flac", "audio/flac", "audio/aac", "video/x-m4v",
    }
)  # fmt: skip
PDF_TYPES = frozenset({"application/pdf"})
OFFICE_TYPES = frozenset(
    {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.oasis.opendocument.text",
    }
)


def reader_for(media_type: str) -> tuple[str, Reader] | None:
    """(reader name, function) for a media type, or None if we have no reader for it.

    Readers are imported here, lazily, so the app process never loads a parser library.
    """
    if media_type in IMAGE_TYPES:
        from locker.metadata.readers.images import read_image  # noqa: PLC0415

        return "image", read_image
    if media_type in AV_TYPES:
        from locker.metadata.readers.av_media import read_av  # noqa: PLC0415

        return "audio-video", read_av
    if media_type in PDF_TYPES:
        from locker.metadata.readers.pdf import read_pdf  # noqa: PLC0415

        return "pdf", read_pdf
    if media_type in OFFICE_TYPES:
        from locker.metadata.readers.office import read_office  # noqa: PLC0415

        return "office", read_office
    return None
