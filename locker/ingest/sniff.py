"""Media type from a file's first bytes, never from its name (a .jpg can be anything)."""

from __future__ import annotations

import filetype

SNIFF_BYTES = 8192

# Signatures filetype does not know, or mislabels for our purposes.
_EXTRA_SIGNATURES: tuple[tuple[bytes, int, str], ...] = (
    (b"#!AMR\n", 0, "audio/amr"),
    (b"ftypheic", 4, "image/heic"),
    (b"ftypheix", 4, "image/heic"),
    (b"ftypmif1", 4, "image/heif"),
    (b"ftyp3gp", 4, "video/3gpp"),
    (b"ftypqt  ", 4, "video/quicktime"),
    (b"%PDF-", 0, "application/pdf"),
)


def sniff_media_type(untrusted_head: bytes) -> str:
    """A MIME type for the first bytes of a file; `text/plain` for UTF-8 text, else application/octet-stream."""
    for signature, offset, media_type in _EXTRA_SIGNATURES:
        if untrusted_head[offset : offset + len(signature)] == signature:
            return media_type
    kind = filetype.guess(untrusted_head)
    if kind is not None:
        return str(kind.mime)
    if _looks_like_text(untrusted_head):
        return "text/plain"
    return "application/octet-stream"


def _looks_like_text(head: bytes) -> bool:
    if not head or b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut off at the end of the sample is still text.
        return exc.start >= len(head) - 3
    return True
