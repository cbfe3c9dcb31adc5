"""Raw pixels: the only picture format that crosses from the sandbox into the process that holds the vault key.

Why: a decoder (libjpeg, libpng, PDFium, libheif...) is a large attack surface, and a compromised sandbox child
could answer with a crafted JPEG or PNG aimed at the app's own decoder. So the sandbox does every decoding and
sends back plain 8-bit RGB or RGBA samples behind a fixed 13-byte header (magic, width, height, channels). The app
checks the header, bounds the dimensions and requires the length to be exactly width x height x channels; there
is nothing left to parse. Qt and Pillow then build an image from those samples (`QImage(bytes, w, h, ...)`,
`Image.frombytes`), never from an encoded file.

Stored thumbnails: raw 320-pixel thumbnails are large, so the APP compresses them with zlib before storing them
(`to_stored`). That is our own compression of pixels we already checked, not an untrusted format: reading one back
(`from_stored`) checks the same header and inflates with a bounded `zlib.decompressobj().decompress(data,
max_length)`, so even a damaged blob cannot make us allocate more than the header allows, and whatever comes out
is again checked for its exact length. Thumbnails written by older releases are JPEG; they have no magic prefix,
`is_stored` is false for them, and they are never decoded here (see locker.metadata.legacy_thumbnails).
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass, field

from locker.errors import LockerError

#: The wire header: magic, width, height, channels (3 = RGB, 4 = RGBA; 8 bits each, rows top to bottom, no padding).
WIRE_MAGIC = b"LPX1"
#: A stored (zlib-compressed, made by the app) thumbnail starts with this instead.
STORED_MAGIC = b"LPZ1"
HEADER = struct.Struct(">4sIIB")

MAX_EDGE = 8192
MAX_BYTES = 96 * 1024 * 1024
#: Thumbnails: the long side, as made in the sandbox.
THUMBNAIL_EDGE = 320


class PixelsError(LockerError):
    """The picture sent by the sandbox is malformed; it was not shown."""


@dataclass(frozen=True)
class Pixels:
    """A checked picture: `width` x `height` samples of `channels` bytes (RGB or RGBA), rows top to bottom."""

    width: int
    height: int
    channels: int
    data: bytes = field(repr=False)

    def __post_init__(self) -> None:
        _check_shape(self.width, self.height, self.channels, MAX_EDGE, MAX_EDGE)
        if len(self.data) != self.width * self.height * self.channels:
            shape = f"{self.width}x{self.height}x{self.channels}"
            raise PixelsError(details=f"{len(self.data)} bytes do not make a {shape} picture")

    @property
    def bytes_per_line(self) -> int:
        return self.width * self.channels

    @property
    def has_alpha(self) -> bool:
        return self.channels == 4

    def header(self) -> bytes:
        return HEADER.pack(WIRE_MAGIC, self.width, self.height, self.channels)

    def to_bytes(self) -> bytes:
        """The wire form: header, then the samples."""
        return self.header() + self.data

    @classmethod
    def from_untrusted(cls, untrusted: bytes, max_width: int = MAX_EDGE, max_height: int = MAX_EDGE) -> Pixels:
        """Check a wire-form picture from the sandbox. Raises PixelsError unless it is exactly what the header says."""
        width, height, channels = parse_header(untrusted[: HEADER.size], max_width, max_height)
        if len(untrusted) != HEADER.size + width * height * channels:
            raise PixelsError(details="the picture's length does not match its dimensions")
        return cls(width, height, channels, bytes(untrusted[HEADER.size :]))

    def to_stored(self) -> bytes:
        """The form kept in the vault: our own zlib compression of these checked samples."""
        # Level 1: for a photo's thumbnail ~3 ms instead of ~18 ms at level 6, for 5% more bytes.
        return HEADER.pack(STORED_MAGIC, self.width, self.height, self.channels) + zlib.compress(self.data, 1)

    @classmethod
    def from_stored(cls, stored: bytes, max_width: int = MAX_EDGE, max_height: int = MAX_EDGE) -> Pixels:
        """Read back what `to_stored` wrote, inflating no more than the header allows. Raises PixelsError."""
        if not is_stored(stored):
            raise PixelsError(details="this is not a stored picture")
        width, height, channels = _unpack(stored[: HEADER.size], STORED_MAGIC, max_width, max_height)
        expected = width * height * channels
        inflater = zlib.decompressobj()
        try:
            data = inflater.decompress(stored[HEADER.size :], expected)
        except zlib.error as exc:
            raise PixelsError(details=f"the stored picture is damaged ({exc})") from exc
        if len(data) != expected or inflater.unconsumed_tail or not inflater.eof:
            raise PixelsError(details="the stored picture's length does not match its dimensions")
        return cls(width, height, channels, data)


def parse_header(
    untrusted_header: bytes, max_width: int = MAX_EDGE, max_height: int = MAX_EDGE
) -> tuple[int, int, int]:
    """Width, height and channels from a wire header, checked against the bounds. Raises PixelsError."""
    return _unpack(untrusted_header, WIRE_MAGIC, max_width, max_height)


def is_stored(blob: bytes | None) -> bool:
    """Whether a stored thumbnail is in our raw-pixel format (False for legacy JPEG thumbnails)."""
    return blob is not None and bytes(blob[: len(STORED_MAGIC)]) == STORED_MAGIC


def _unpack(header: bytes, magic: bytes, max_width: int, max_height: int) -> tuple[int, int, int]:
    if len(header) != HEADER.size:
        raise PixelsError(details="the picture is too short to have a header")
    found, width, height, channels = HEADER.unpack(header)
    if found != magic:
        raise PixelsError(details="the picture does not start with the raw-pixel header")
    _check_shape(width, height, channels, max_width, max_height)
    return width, height, channels


def _check_shape(width: int, height: int, channels: int, max_width: int, max_height: int) -> None:
    if channels not in (3, 4):
        raise PixelsError(details=f"a picture has 3 or 4 channels, not {channels}")
    if not (0 < width <= min(max_width, MAX_EDGE) and 0 < height <= min(max_height, MAX_EDGE)):
        raise PixelsError(details=f"a {width}x{height} picture is outside the allowed {max_width}x{max_height}")
    if width * height * channels > MAX_BYTES:
        raise PixelsError(details=f"a {width}x{height} picture is larger than {MAX_BYTES} bytes")
