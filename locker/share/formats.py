"""Which files can have a share copy, what type the copy has, and which sanitiser makes it: read from the format
table (locker.formats), plus each sanitiser's encoding parameters for the copy's type.

Kept free of parser imports: the app side asks these questions without loading Pillow, PyAV or pikepdf.
"""

from __future__ import annotations

from locker.formats import DOCX, FORMATS, ODT, PPTX, XLSX, Sanitiser, format_of
from locker.formats import refusal as refusal

PDF = "application/pdf"
__all__ = ["AUDIO_OUTPUT", "DOCX", "IMAGE_OUTPUT", "ODT", "OFFICE_OUTPUT", "PDF", "PPTX", "VIDEO_OUTPUT", "XLSX",
           "kind_of", "output_type", "refusal"]  # fmt: skip

# The copy's media type -> how each sanitiser writes it.
_PILLOW_FORMAT = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP", "image/tiff": "TIFF",
                  "image/gif": "GIF"}  # fmt: skip
_CONTAINER = {"video/mp4": "mp4"}
_AUDIO_ENCODING = {"audio/mpeg": ("mp3", "libmp3lame"), "audio/mp4": ("ipod", "aac"), "audio/ogg": ("ogg", "libopus"),
                   "audio/wav": ("wav", "pcm_s16le")}  # fmt: skip


def _inputs(sanitiser: Sanitiser) -> list[tuple[str, tuple[str, str]]]:
    """(media type or alias, (copy's extension, copy's media type)) for every type `sanitiser` copies."""
    return [
        (name, f.share_as)
        for f in FORMATS
        if f.sanitiser is sanitiser and f.share_as is not None
        for name in (f.media_type, *f.aliases)
    ]


# media type -> (Pillow format, extension, output media type)
IMAGE_OUTPUT = {mt: (_PILLOW_FORMAT[out[1]], out[0], out[1]) for mt, out in _inputs(Sanitiser.IMAGE)}
# media type -> (container format, extension, output media type)
VIDEO_OUTPUT = {mt: (_CONTAINER[out[1]], out[0], out[1]) for mt, out in _inputs(Sanitiser.VIDEO)}
# media type -> (container format, extension, output media type, audio codec)
AUDIO_OUTPUT = {mt: (_AUDIO_ENCODING[out[1]][0], out[0], out[1], _AUDIO_ENCODING[out[1]][1])
                for mt, out in _inputs(Sanitiser.AUDIO)}  # fmt: skip
OFFICE_OUTPUT = dict(_inputs(Sanitiser.OFFICE))


def kind_of(media_type: str) -> str | None:
    """Which sanitiser makes the share copy ("image", "video", "audio", "pdf", "office"), or None when we cannot
    make a safe copy of this type (the table's Sanitiser, by its value)."""
    sanitiser = format_of(media_type).sanitiser
    return None if sanitiser is None else str(sanitiser)


def output_type(media_type: str) -> tuple[str, str]:
    """(extension, media type) of the share copy made from a file of `media_type`."""
    share_as = format_of(media_type).share_as
    if share_as is None:
        # Callers ask only after kind_of() accepted the type (share copies refuse others with CopyTypeNotShared);
        # importing with --strip catches this ValueError and reports the sentence as the file's outcome.
        raise ValueError(refusal(media_type))
    return share_as
