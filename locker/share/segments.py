"""Lossless cleaning of JPEG and PNG files embedded in other files (PDF pages, DOCX and ODT media).

Embedded pictures are not re-encoded: the JPEG's application segments (EXIF, XMP, IPTC, ICC, maker notes) and
comments are dropped, and a PNG keeps only the chunks needed to draw it. Everything after the end marker goes too.
A picture we cannot walk is returned as None and the caller re-encodes it from pixels instead.
"""

from __future__ import annotations

import struct
import zlib

# APP14 "Adobe" tells the decoder how the colour channels are transformed; without it CMYK JPEGs decode wrong. It is
# rebuilt from its one meaningful byte (the transform), so nothing else written into it survives.
_ADOBE = 0xEE
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_KEEP = {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"sBIT", b"acTL", b"fcTL",
             b"fdAT"}  # fmt: skip


def clean_jpeg(data: bytes) -> bytes | None:
    """The same JPEG without APPn (an Adobe APP14 rebuilt with only its colour transform), COM segments or trailing
    bytes; None if malformed."""
    if data[:2] != b"\xff\xd8":
        return None
    out = [b"\xff\xd8"]
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == 0xD9:
            break
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        end = pos + 2 + length
        if length < 2 or end > len(data):
            return None
        is_app = 0xE0 <= marker <= 0xEF
        if marker == _ADOBE:
            out.append(_adobe_segment(data[pos + 4 : end]))
        elif not is_app and marker != 0xFE:
            out.append(data[pos:end])
        pos = end
        if marker == 0xDA:  # start of scan: entropy-coded data up to EOI, including later scans
            eoi = _find_eoi(data, pos)
            if eoi is None:
                return None
            scan = data[pos:eoi]
            if _has_metadata_segment(scan):
                return None  # progressive JPEG with APPn between scans: too unusual to walk safely
            out.append(scan)
            break
    out.append(b"\xff\xd9")
    return b"".join(out)


def _adobe_segment(payload: bytes) -> bytes:
    """A standard 12-byte Adobe APP14 (version 100, no flags) with the original's transform; empty if not Adobe's."""
    if not payload.startswith(b"Adobe") or len(payload) < 12:
        return b""
    return b"\xff\xee\x00\x0eAdobe\x00\x64\x00\x00\x00\x00" + payload[11:12]


def _find_eoi(data: bytes, start: int) -> int | None:
    pos = start
    while True:
        pos = data.find(b"\xff\xd9", pos)
        if pos < 0:
            return None
        # Inside entropy-coded data 0xFF is always followed by 0x00 or a restart marker, so this is the real EOI.
        return pos


def _has_metadata_segment(scan: bytes) -> bool:
    pos = scan.find(b"\xff")
    while 0 <= pos < len(scan) - 1:
        marker = scan[pos + 1]
        if 0xE0 <= marker <= 0xEF or marker == 0xFE:
            return True
        pos = scan.find(b"\xff", pos + 2)
    return False


def clean_png(data: bytes) -> bytes | None:
    """The same PNG with only the chunks needed to draw it (no text, eXIf, iCCP, tIME, pHYs ...); None if malformed."""
    if not data.startswith(_PNG_SIGNATURE):
        return None
    out = [_PNG_SIGNATURE]
    pos = len(_PNG_SIGNATURE)
    while pos + 12 <= len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if end > len(data):
            return None
        chunk = data[pos:end]
        if zlib.crc32(chunk[4:-4]) != struct.unpack(">I", chunk[-4:])[0]:
            return None
        if kind in _PNG_KEEP:
            out.append(chunk)
        pos = end
        if kind == b"IEND":
            return b"".join(out)
    return None
