"""Raw pixels, the only picture format the app accepts from the sandbox: checked header, bounded dimensions, exact
length; and the stored form, our own zlib of checked pixels, inflated no further than its header allows."""

from __future__ import annotations

import io
import zlib

import pytest

from locker.pixels import HEADER, MAX_EDGE, STORED_MAGIC, WIRE_MAGIC, Pixels, PixelsError, is_stored
from locker.sandbox import protocol
from locker.sandbox.runner import MAX_PICTURE_EDGE, _serve
from locker.sandbox.source import BytesSource


def _wire(width: int, height: int, channels: int, data: bytes, magic: bytes = WIRE_MAGIC) -> bytes:
    return HEADER.pack(magic, width, height, channels) + data


def test_a_well_formed_picture_round_trips() -> None:
    picture = Pixels(3, 2, 3, bytes(range(18)))
    again = Pixels.from_untrusted(picture.to_bytes(), 3, 2)
    assert again == picture and again.bytes_per_line == 9 and not again.has_alpha


@pytest.mark.parametrize("extra", [-1, 1, 100])
def test_a_length_that_does_not_match_the_dimensions_is_refused(extra: int) -> None:
    data = bytes(4 * 4 * 3 + max(extra, 0))[: 4 * 4 * 3 + extra]
    with pytest.raises(PixelsError):
        Pixels.from_untrusted(_wire(4, 4, 3, data))


@pytest.mark.parametrize(
    ("width", "height", "channels"),
    [(0, 4, 3), (4, 0, 3), (MAX_EDGE + 1, 1, 3), (1, MAX_EDGE + 1, 3), (8192, 8192, 4), (4, 4, 1), (4, 4, 2),
     (4, 4, 5), (2**32 - 1, 2**32 - 1, 3)],
)  # fmt: skip
def test_impossible_or_oversized_dimensions_are_refused_before_any_allocation(
    width: int, height: int, channels: int
) -> None:
    with pytest.raises(PixelsError):
        Pixels.from_untrusted(_wire(width, height, channels, b"\0" * 48))


def test_the_caller_s_bounds_apply() -> None:
    blob = Pixels(400, 10, 3, bytes(400 * 10 * 3)).to_bytes()
    assert Pixels.from_untrusted(blob, 400, 400).width == 400
    with pytest.raises(PixelsError):
        Pixels.from_untrusted(blob, 320, 320)


def test_anything_but_our_header_is_refused() -> None:
    with pytest.raises(PixelsError):
        Pixels.from_untrusted(b"\xff\xd8\xff\xe0" + bytes(200))  # a JPEG is not pixels
    with pytest.raises(PixelsError):
        Pixels.from_untrusted(_wire(2, 2, 3, bytes(12), magic=b"LPX9"))
    with pytest.raises(PixelsError):
        Pixels.from_untrusted(b"LPX1")


def test_stored_form_round_trips_and_is_told_apart_from_legacy_jpeg() -> None:
    picture = Pixels(5, 7, 3, bytes(range(105)))
    stored = picture.to_stored()
    assert is_stored(stored) and not is_stored(b"\xff\xd8\xff\xe0") and not is_stored(None)
    assert Pixels.from_stored(stored, 320, 320) == picture
    with pytest.raises(PixelsError):
        Pixels.from_stored(b"\xff\xd8\xff\xe0" + bytes(100))


def test_a_stored_blob_that_inflates_beyond_its_header_is_refused_without_inflating_it_all() -> None:
    bomb = HEADER.pack(STORED_MAGIC, 2, 2, 3) + zlib.compress(bytes(50 * 1024 * 1024))
    with pytest.raises(PixelsError):
        Pixels.from_stored(bomb)
    short = HEADER.pack(STORED_MAGIC, 20, 20, 3) + zlib.compress(bytes(10))
    with pytest.raises(PixelsError):
        Pixels.from_stored(short)
    damaged = HEADER.pack(STORED_MAGIC, 2, 2, 3) + b"not zlib at all"
    with pytest.raises(PixelsError):
        Pixels.from_stored(damaged)


def _frames(*frames: tuple[bytes, bytes]) -> io.BytesIO:
    out = io.BytesIO()
    for kind, payload in frames:
        protocol.send_frame(out, kind, payload)
    out.seek(0)
    return out


def test_the_runner_assembles_a_picture_sent_in_pieces() -> None:
    picture = Pixels(10, 10, 4, bytes(range(256)) + bytes(144))
    child = _frames((protocol.PICTURE, picture.header()), (protocol.PICTURE_DATA, picture.data[:150]),
                    (protocol.PICTURE_DATA, picture.data[150:]), (protocol.END, b""))  # fmt: skip
    served = _serve(child, io.BytesIO(), BytesSource(b""), b"{}")
    assert served.ended and served.protocol_error is None and served.pictures == [picture]


@pytest.mark.parametrize(
    "frames",
    [
        [(protocol.PICTURE, HEADER.pack(WIRE_MAGIC, 2, 2, 3)), (protocol.PICTURE_DATA, bytes(13))],
        [(protocol.PICTURE, HEADER.pack(WIRE_MAGIC, MAX_PICTURE_EDGE + 1, 1, 3))],
        [(protocol.PICTURE, HEADER.pack(WIRE_MAGIC, 2, 2, 3)), (protocol.END, b"")],
        [(protocol.PICTURE_DATA, bytes(12))],
        [(protocol.PICTURE, b"\xff\xd8\xff\xe0" + bytes(9))],
    ],
    ids=["more-than-the-header-says", "too-wide", "ends-mid-picture", "data-without-header", "jpeg-header"],
)
def test_the_runner_refuses_malformed_pictures(frames: list[tuple[bytes, bytes]]) -> None:
    served = _serve(_frames(*frames, (protocol.END, b"")), io.BytesIO(), BytesSource(b""), b"{}")
    assert served.pictures == []
    assert served.protocol_error


@pytest.mark.parametrize(
    "payload",
    [b"\xff\xd8\xff\xe0" + bytes(100), _wire(321, 10, 3, bytes(321 * 30)), _wire(4, 4, 4, bytes(64)),
     _wire(4, 4, 3, bytes(47))],
    ids=["jpeg", "too-big", "rgba", "short"],
)  # fmt: skip
def test_a_thumbnail_that_is_not_small_raw_rgb_is_dropped(payload: bytes) -> None:
    served = _serve(_frames((protocol.THUMBNAIL, payload), (protocol.END, b"")), io.BytesIO(), BytesSource(b""), b"{}")
    assert served.thumbnail is None
