"""A cleaned JPEG keeps only the segments a decoder needs, before the first scan and between scans (review s6 L8):
libjpeg skips a DNL or a reserved segment without a word, and exiftool does not show them."""

from __future__ import annotations

import io
import struct

import pytest
from PIL import Image

from locker.share.segments import clean_jpeg
from tests.share.pdf_attack_pictures import CANARY


def _segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def _jpeg(progressive: bool = False) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (32, 32), (10, 120, 200)).save(out, "JPEG", progressive=progressive, quality=90)
    return out.getvalue()


def _insert_before(data: bytes, marker: int, segment: bytes, occurrence: int = 0) -> bytes:
    pos = -1
    for _ in range(occurrence + 1):
        pos = data.index(bytes([0xFF, marker]), pos + 1)
    return data[:pos] + segment + data[pos:]


NOTE = f"note: C:\\Users\\{CANARY}".encode()


@pytest.mark.parametrize(
    ("marker", "before", "occurrence", "progressive"),
    [
        (0xDC, 0xDB, 0, False),  # DNL before the quantisation tables
        (0xF7, 0xDB, 0, False),  # a reserved marker (JPG7)
        (0xF0, 0xC4, 0, False),  # JPG0
        (0xDC, 0xDA, 1, True),  # DNL between the scans of a progressive JPEG
        (0xFE, 0xDA, 2, True),  # a comment between scans
        (0xE1, 0xDA, 1, True),  # an APP1 between scans
    ],
)
def test_a_segment_a_decoder_does_not_need_is_dropped(
    marker: int, before: int, occurrence: int, progressive: bool
) -> None:
    original = _jpeg(progressive)
    planted = _insert_before(original, before, _segment(marker, NOTE), occurrence)

    cleaned = clean_jpeg(planted)

    assert cleaned is not None
    assert CANARY.encode() not in cleaned
    assert (
        Image.open(io.BytesIO(cleaned)).convert("RGB").tobytes()
        == Image.open(io.BytesIO(original)).convert("RGB").tobytes()
    )


def test_every_scan_of_a_progressive_jpeg_is_kept() -> None:
    original = _jpeg(progressive=True)

    cleaned = clean_jpeg(original)

    assert cleaned is not None
    assert cleaned.count(b"\xff\xda") == original.count(b"\xff\xda") > 1
    assert original.endswith(cleaned[cleaned.index(b"\xff\xdb") :])  # only the JFIF header went
