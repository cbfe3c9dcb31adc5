"""Lossless cleaning of JPEG and PNG files embedded in other files (PDF pages, DOCX and ODT media).

Embedded pictures are not re-encoded: a JPEG keeps only the segments a decoder needs (so its application segments,
EXIF, XMP, IPTC, ICC, maker notes, its comments and any other segment are dropped), and a PNG keeps only the
chunks needed to draw it. Everything after the end marker goes too. A picture we cannot walk is returned as None
and the caller re-encodes it from pixels instead.
"""

from __future__ import annotations

import struct
import zlib

# APP14 "Adobe" tells the decoder how the colour channels are transformed; without it CMYK JPEGs decode wrong. It is
# rebuilt from its one meaningful byte (the transform), so nothing else written into it survives.
_ADOBE = 0xEE
# The segments a decoder needs: SOF0-15 (not DHT 0xC4, JPG 0xC8 or DAC 0xCC), DHT, DQT, DRI and SOS.
_JPEG_KEEP = frozenset({*range(0xC0, 0xD0)} - {0xC4, 0xC8, 0xCC} | {0xC4, 0xDB, 0xDD, 0xDA})
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_KEEP = {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"sBIT", b"acTL", b"fcTL",
             b"fdAT"}  # fmt: skip


def clean_jpeg(data: bytes) -> bytes | None:
    """The same JPEG with only what a decoder needs: frame, Huffman and quantisation tables, restart interval, scans
    with their entropy-coded data (restart markers included) and the end marker, an Adobe APP14 rebuilt with only its
    colour transform. Everything else goes, before the first scan or between scans: APPn, comments, DNL, reserved
    and unknown markers (libjpeg skips a DNL segment without a word, so it could carry anything), and trailing
    bytes. None if malformed."""
    if data[:2] != b"\xff\xd8":
        return None
    out = [b"\xff\xd8"]
    pos = 2
    while pos + 2 <= len(data):
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == 0xD9:
            out.append(b"\xff\xd9")
            return b"".join(out)
        if pos + 4 > len(data):
            return None
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        end = pos + 2 + length
        if length < 2 or end > len(data):
            return None
        if marker == _ADOBE:
            out.append(_adobe_segment(data[pos + 4 : end]))
        elif marker in _JPEG_KEEP:
            out.append(data[pos:end])
        pos = end
        if marker == 0xDA:
            pos = _entropy_end(data, pos)
            out.append(data[end:pos])
    return None  # no end marker


def _adobe_segment(payload: bytes) -> bytes:
    """A standard 12-byte Adobe APP14 (version 100, no flags) with the original's transform; empty if not Adobe's."""
    if not payload.startswith(b"Adobe") or len(payload) < 12:
        return b""
    return b"\xff\xee\x00\x0eAdobe\x00\x64\x00\x00\x00\x00" + payload[11:12]


def _entropy_end(data: bytes, pos: int) -> int:
    """Where a scan's entropy-coded data ends: at the first marker that is not a stuffed 0xFF00 or a restart."""
    while True:
        pos = data.find(b"\xff", pos)
        if pos < 0 or pos + 1 >= len(data):
            return len(data)
        following = data[pos + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7:
            pos += 2
            continue
        return pos


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
