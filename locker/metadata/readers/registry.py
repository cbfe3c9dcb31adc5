"""Which reader handles which media type: the format table (locker.formats) names the reader, this module loads it."""

from __future__ import annotations

from collections.abc import Callable
from typing import IO

from locker.formats import Reader as ReaderName
from locker.formats import format_of
from locker.metadata.readers.base import ReaderResult

Reader = Callable[[IO[bytes], str], ReaderResult]


def _load(name: ReaderName) -> Reader:
    """Readers are imported here, lazily, so the app process never loads a parser library."""
    if name is ReaderName.IMAGE:
        from locker.metadata.readers.images import read_image  # noqa: PLC0415

        return read_image
    if name is ReaderName.RAW:
        from locker.metadata.readers.raw import read_raw  # noqa: PLC0415

        return read_raw
    if name is ReaderName.AUDIO_VIDEO:
        from locker.metadata.readers.av_media import read_av  # noqa: PLC0415

        return read_av
    if name is ReaderName.PDF:
        from locker.metadata.readers.pdf import read_pdf  # noqa: PLC0415

        return read_pdf
    if name is ReaderName.OFFICE:
        from locker.metadata.readers.office import read_office  # noqa: PLC0415

        return read_office
    if name is ReaderName.RTF:
        from locker.metadata.readers.rtf import read_rtf  # noqa: PLC0415

        return read_rtf
    if name is ReaderName.EMAIL:
        from locker.metadata.readers.mail import read_email  # noqa: PLC0415

        return read_email
    from locker.metadata.readers.text import read_text  # noqa: PLC0415

    return read_text


def reader_for(media_type: str) -> tuple[str, Reader] | None:
    """(reader name, function) for a media type, or None if we have no reader for it."""
    name = format_of(media_type).reader
    return None if name is None else (str(name), _load(name))
