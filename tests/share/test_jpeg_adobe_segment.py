"""A JPEG's Adobe APP14 segment (kept so CMYK pictures decode right) carries nothing else into a share copy: it is
rebuilt as the standard 12-byte segment with only the colour transform (review 15b N3). The same function cleans
pictures inside PDFs and office files."""

from __future__ import annotations

import io
import struct

from PIL import Image

from locker.share.segments import clean_jpeg

NAME = b"Ivan Sergeevich Kuznetsov"


def _cmyk_jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("CMYK", (16, 16), (10, 200, 30, 40)).save(out, "JPEG", quality=95)  # Pillow writes an Adobe APP14
    return out.getvalue()


def _with_segment(jpeg: bytes, payload: bytes) -> bytes:
    """The picture with its APP14 replaced by one holding `payload`."""
    pos = jpeg.index(b"\xff\xee")
    (length,) = struct.unpack(">H", jpeg[pos + 2 : pos + 4])
    return jpeg[:pos] + b"\xff\xee" + struct.pack(">H", len(payload) + 2) + payload + jpeg[pos + 2 + length :]


def _pixels(jpeg: bytes) -> bytes:
    with Image.open(io.BytesIO(jpeg)) as image:
        return image.convert("RGB").tobytes()


def test_a_name_after_the_adobe_fields_is_dropped_and_the_colours_stay() -> None:
    original = _cmyk_jpeg()
    adobe = original[original.index(b"\xff\xee") + 4 :][:12]
    planted = _with_segment(original, adobe + NAME)
    cleaned = clean_jpeg(planted)
    assert cleaned is not None and NAME not in cleaned
    assert cleaned.count(b"\xff\xee\x00\x0eAdobe") == 1
    assert _pixels(cleaned) == _pixels(original)


def test_an_app14_that_is_not_adobes_is_dropped() -> None:
    cleaned = clean_jpeg(_with_segment(_cmyk_jpeg(), b"Other" + NAME))
    assert cleaned is not None and NAME not in cleaned and b"\xff\xee" not in cleaned
