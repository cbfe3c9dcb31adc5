"""Inline pictures whose allowed keys carry CANARY in their values, or whose data runs on past the pixels (review s6
L7). Each draws a 4x4 grey picture (or an 8x8 fax-coded mask) in a page's instructions."""

from __future__ import annotations

import zlib

import pikepdf
from pikepdf import Dictionary, Name
from PIL import Image

from tests.share.pdf_attack_pictures import CANARY, saved
from tests.share.pdf_attacks_streams import fax_g4

_C = CANARY.encode()
_PIXELS = b"\x80" * 16


def _page(inline: bytes) -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    pdf.pages[0].Resources = Dictionary(ColorSpace=Dictionary(Scan=Name.DeviceGray))
    pdf.pages[0].Contents = pdf.make_stream(b"q 50 0 0 50 0 0 cm " + inline + b" Q")
    return saved(pdf)


def inline_dp_string() -> bytes:
    return _page(b"BI /W 4 /H 4 /CS /G /BPC 8 /DP << /Predictor 1 /Author (" + _C + b") >> ID\n" + _PIXELS + b"\nEI")


def inline_decode_string() -> bytes:
    return _page(b"BI /W 4 /H 4 /CS /G /BPC 8 /D [1 0 (" + _C + b")] ID\n" + _PIXELS + b"\nEI")


def inline_pixel_trailer() -> bytes:
    return _page(b"BI /W 4 /H 4 /CS /G /BPC 8 ID\n" + _PIXELS + b" " + _C + b"\nEI")


def inline_flate_trailer() -> bytes:
    data = zlib.compress(_PIXELS + b"trailer by " + _C)
    return _page(b"BI /W 4 /H 4 /CS /G /BPC 8 /F /Fl ID\n" + data + b"\nEI")


def inline_ahx_trailer() -> bytes:
    """The canary after the hex data's end marker, where the decoder stops reading."""
    return _page(b"BI /W 4 /H 4 /CS /G /BPC 8 /F /AHx ID\n" + _PIXELS.hex().encode() + b"> " + _C + b"\nEI")


def inline_colorspace_resource_trailer() -> bytes:
    return _page(b"BI /W 4 /H 4 /CS /Scan /BPC 8 ID\n" + _PIXELS + b" " + _C + b"\nEI")


def inline_ccitt() -> bytes:
    data = fax_g4(Image.new("1", (8, 8), 1))
    return _page(b"BI /W 8 /H 8 /IM true /F /CCF /DP << /K -1 /Columns 8 /Rows 8 >> ID\n" + data + b" " + _C + b"\nEI")


INLINE_ATTACKS = {
    f.__name__: f
    for f in (
        inline_dp_string,
        inline_decode_string,
        inline_pixel_trailer,
        inline_flate_trailer,
        inline_ahx_trailer,
        inline_colorspace_resource_trailer,
        inline_ccitt,
    )
}
