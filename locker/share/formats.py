"""Which files can have a share copy, what type the copy has, and which sanitiser makes it.

Kept free of parser imports: the app side asks these questions without loading Pillow, PyAV or pikepdf.
"""

from __future__ import annotations

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"

# media type -> (Pillow format, extension, output media type)
IMAGE_OUTPUT = {
    "image/jpeg": ("JPEG", "jpg", "image/jpeg"),
    "image/png": ("PNG", "png", "image/png"),
    "image/webp": ("WEBP", "webp", "image/webp"),
    "image/tiff": ("TIFF", "tif", "image/tiff"),
    "image/gif": ("GIF", "gif", "image/gif"),
    "image/heic": ("JPEG", "jpg", "image/jpeg"),
    "image/heif": ("JPEG", "jpg", "image/jpeg"),
    "image/avif": ("JPEG", "jpg", "image/jpeg"),
}
# media type -> (container format, extension, output media type)
VIDEO_OUTPUT = {
    "video/mp4": ("mp4", "mp4", "video/mp4"),
    "video/quicktime": ("mp4", "mp4", "video/mp4"),
    "video/3gpp": ("mp4", "mp4", "video/mp4"),
    "video/x-m4v": ("mp4", "mp4", "video/mp4"),
}
# media type -> (container format, extension, output media type, audio codec)
AUDIO_OUTPUT = {
    "audio/mpeg": ("mp3", "mp3", "audio/mpeg", "libmp3lame"),
    "audio/mp4": ("ipod", "m4a", "audio/mp4", "aac"),
    "audio/x-m4a": ("ipod", "m4a", "audio/mp4", "aac"),
    "audio/ogg": ("ogg", "ogg", "audio/ogg", "libopus"),
    "audio/wav": ("wav", "wav", "audio/wav", "pcm_s16le"),
    "audio/x-wav": ("wav", "wav", "audio/wav", "pcm_s16le"),
}
OFFICE_OUTPUT = {DOCX: ("docx", DOCX), ODT: ("odt", ODT), XLSX: ("xlsx", XLSX), PPTX: ("pptx", PPTX)}


def kind_of(media_type: str) -> str | None:
    """ "image", "video", "audio", "pdf", "office", or None when we cannot make a safe copy of this type."""
    if media_type in IMAGE_OUTPUT:
        return "image"
    if media_type in VIDEO_OUTPUT:
        return "video"
    if media_type in AUDIO_OUTPUT:
        return "audio"
    if media_type == PDF:
        return "pdf"
    if media_type in OFFICE_OUTPUT:
        return "office"
    return None


def refusal(media_type: str) -> str:
    return (
        f"no share copy for files of type {media_type}: we cannot prove such a copy is clean, so none is made "
        "(supported: JPEG, PNG, WebP, TIFF, GIF, HEIC/HEIF, PDF, MP4, MOV, 3GP, MP3, M4A, OGG, WAV, DOCX, ODT)"
    )


def output_type(media_type: str) -> tuple[str, str]:
    """(extension, media type) of the share copy made from a file of `media_type`."""
    if media_type in IMAGE_OUTPUT:
        return IMAGE_OUTPUT[media_type][1:]
    if media_type in VIDEO_OUTPUT:
        return VIDEO_OUTPUT[media_type][1:]
    if media_type in AUDIO_OUTPUT:
        return AUDIO_OUTPUT[media_type][1:3]
    if media_type == PDF:
        return "pdf", PDF
    if media_type in OFFICE_OUTPUT:
        return OFFICE_OUTPUT[media_type]
    raise ValueError(refusal(media_type))
