"""A first guess at a file's type from fixed signatures in its first bytes, never from its name.

This runs in the app's process, so it only compares bytes at fixed places: it walks no structure (no atoms, no
ZIP directory, no TIFF directory). The sandboxed metadata job then recognises the file by its structure
(locker.metadata.recognise) and the item's type is corrected from that. The same signature checks are used there.
"""

from __future__ import annotations

from locker.formats import UNKNOWN

SNIFF_BYTES = 8192

_HEIC_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs"}
_AVIF_BRANDS = {b"avif", b"avis"}
_HEIF_BRANDS = {b"mif1", b"msf1", b"mif2"}
_M4A_BRANDS = {b"M4A ", b"M4B ", b"M4P "}
_M4V_BRANDS = {b"M4V ", b"M4VH", b"M4VP"}
_MP4_CANDIDATES = ("video/mp4", "video/x-m4v", "audio/mp4", "video/quicktime")
_RIFF_FORMS = {b"WEBP": "image/webp", b"WAVE": "audio/wav", b"AVI ": "video/x-msvideo"}


def by_signature(head: bytes) -> list[str]:
    """Types a fixed signature at the start identifies on its own (most likely first); [] when none does."""
    fixed = (
        (b"\xff\xd8\xff", "image/jpeg"), (b"\x89PNG\r\n\x1a\n", "image/png"), (b"GIF87a", "image/gif"),
        (b"GIF89a", "image/gif"), (b"{\\rtf", "application/rtf"), (b"#!AMR", "audio/amr"), (b"fLaC", "audio/flac"),
        (b"OggS", "audio/ogg"), (b"\x00\x00\x01\xba", "video/mpeg"), (b"ID3", "audio/mpeg"),
    )  # fmt: skip
    for signature, media_type in fixed:
        if head.startswith(signature):
            return [media_type]
    if head.startswith(b"RIFF") and head[8:12] in _RIFF_FORMS:
        return [_RIFF_FORMS[head[8:12]]]
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return ["video/webm"] if b"\x42\x82\x84webm" in head[:64] else ["video/x-matroska"]
    if len(head) > 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0:
        # A frame sync: layer bits 00 are ADTS (AAC) with a valid sampling index; layers I-III are MPEG audio
        # (MP3) when the version, bit rate and sampling rate fields hold no reserved value.
        if head[1] & 0xF6 == 0xF0 and (head[2] >> 2) & 0xF < 13:
            return ["audio/aac"]
        if (head[1] >> 1) & 3 and (head[1] >> 3) & 3 != 1 and head[2] >> 4 != 0xF and (head[2] >> 2) & 3 != 3:
            return ["audio/mpeg"]
    return []


def by_brands(major: bytes, compatible: set[bytes]) -> list[str]:
    """Types an ISO-BMFF `ftyp` atom's brands allow, most likely first."""
    brands = {major} | compatible
    if major in _AVIF_BRANDS or (major in _HEIF_BRANDS and brands & _AVIF_BRANDS):
        return ["image/avif"]
    if major in _HEIC_BRANDS or (major in _HEIF_BRANDS and brands & _HEIC_BRANDS):
        return ["image/heic", "image/heif"]
    if major in _HEIF_BRANDS:
        return ["image/heif"]
    if major == b"qt  ":
        return ["video/quicktime", "video/mp4"]
    if major.startswith(b"3g2"):
        return ["video/3gpp2", "video/3gpp"]
    if major.startswith((b"3gp", b"3ge", b"3gs")):
        return ["video/3gpp", "video/3gpp2"]
    if major in _M4A_BRANDS:
        return ["audio/mp4", "video/mp4"]
    if major in _M4V_BRANDS:
        return ["video/x-m4v", "video/mp4"]
    if major == b"crx ":
        return [UNKNOWN]  # Canon CR3 is not in the format table yet
    return list(_MP4_CANDIDATES)


def sniff_media_type(untrusted_head: bytes) -> str:
    """A first guess for the first bytes of a file: a fixed signature, an `ftyp` at the very start, a ZIP, PDF or
    TIFF header, UTF-8 text; else application/octet-stream."""
    head = untrusted_head
    found = by_signature(head)
    if found:
        return found[0]
    if head[4:8] == b"ftyp" and len(head) >= 12:
        return by_brands(head[8:12], set())[0]
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "application/zip"
    if b"%PDF-" in head[:1024]:
        return "application/pdf"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "image/tiff"
    if looks_like_text(head):
        return "text/plain"
    return UNKNOWN


def looks_like_text(head: bytes) -> bool:
    if not head or b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut off at the end of the sample is still text.
        return exc.start >= len(head) - 3
    return True
