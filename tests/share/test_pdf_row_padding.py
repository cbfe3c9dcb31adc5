"""The bits after a row's last pixel (a 1-bit picture whose width is not a multiple of 8) are drawn by nobody, so
they could carry a message a few bits a row (review s6 L11): the copy sets them to zero, and draws the same."""

from __future__ import annotations

import io

import numpy as np
import pikepdf
import pypdfium2
import pytest
from pikepdf import Dictionary, Name

from locker.share.pdf import sanitise_pdf

_WIDTH, _HEIGHT = 13, 16  # 13 bits a row: 3 padding bits in each row's last byte


def _rows(pattern: int, bits_per_row: int, height: int) -> bytes:
    """Rows of alternating pixels whose padding bits are all `pattern` (the message)."""
    row_bytes = (bits_per_row + 7) // 8
    padding = -bits_per_row % 8
    out = bytearray()
    for y in range(height):
        row = bytearray((0xAA if y % 2 else 0x55,) * row_bytes)
        row[-1] = (row[-1] & (0xFF << padding) & 0xFF) | (pattern & ((1 << padding) - 1))
        out += row
    return bytes(out)


def _document(kind: str) -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    page = pdf.pages[0]
    data = _rows(0b111, _WIDTH, _HEIGHT)
    if kind == "inline_mask":
        page.Contents = pdf.make_stream(b"0 0 1 rg q 160 0 0 160 20 20 cm BI /W %d /H %d /IM true ID\n%s\nEI Q"
                                        % (_WIDTH, _HEIGHT, data))  # fmt: skip
    elif kind == "two_bit_grey":  # 3 pixels of 2 bits: 2 padding bits a row
        data = _rows(0b11, 6, _HEIGHT)
        image = pikepdf.Stream(pdf, data)
        image.Type, image.Subtype, image.Width, image.Height = Name.XObject, Name.Image, 3, _HEIGHT
        image.ColorSpace, image.BitsPerComponent = Name.DeviceGray, 2
        page.Resources = Dictionary(XObject=Dictionary(Im0=image))
        page.Contents = pdf.make_stream(b"q 160 0 0 160 20 20 cm /Im0 Do Q")
    else:
        image = pikepdf.Stream(pdf, data)
        image.Type, image.Subtype, image.Width, image.Height = Name.XObject, Name.Image, _WIDTH, _HEIGHT
        if kind == "image_mask":
            image.ImageMask = True
        else:
            image.ColorSpace, image.BitsPerComponent = Name.DeviceGray, 1
        page.Resources = Dictionary(XObject=Dictionary(Im0=image))
        page.Contents = pdf.make_stream(b"0 0 1 rg q 160 0 0 160 20 20 cm /Im0 Do Q")
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def _picture_data(copy: bytes) -> tuple[bytes, int]:
    """The copy's picture data and its bits a row."""
    with pikepdf.open(io.BytesIO(copy)) as pdf:
        page = pdf.pages[0]
        images = list(page.Resources.get("/XObject", Dictionary()).values())
        if images:
            (image,) = images
            bits = 1 if image.get("/ImageMask", False) else int(image.BitsPerComponent)
            return image.read_bytes(), int(image.Width) * bits
        (inline,) = [i for i in pikepdf.parse_content_stream(page) if isinstance(i, pikepdf.ContentStreamInlineImage)]
        hexdigits = bytes(inline.iimage.read_raw_bytes()).split(b">")[0]  # the copy writes inline pixels as /AHx
        return bytes.fromhex(hexdigits.decode()), int(inline.iimage.width)


def _render(data: bytes) -> np.ndarray:
    document = pypdfium2.PdfDocument(data)
    try:
        return np.asarray(document[0].render(scale=2).to_pil().convert("RGB"))
    finally:
        document.close()


@pytest.mark.parametrize("kind", ["image_mask", "one_bit_grey", "inline_mask", "two_bit_grey"])
def test_padding_bits_at_the_end_of_rows_are_zero_in_the_copy_which_draws_the_same(kind: str) -> None:
    original = _document(kind)
    out = io.BytesIO()
    sanitise_pdf(io.BytesIO(original), out)  # type: ignore[arg-type]
    copy = out.getvalue()

    data, row_bits = _picture_data(copy)
    padding = -row_bits % 8
    row_bytes = (row_bits + 7) // 8
    assert len(data) == row_bytes * _HEIGHT
    assert all(data[end - 1] & ((1 << padding) - 1) == 0 for end in range(row_bytes, len(data) + 1, row_bytes))
    before, after = _render(original), _render(copy)
    assert before.std() > 1 and np.array_equal(before, after)


def test_the_original_really_carries_bits_in_its_padding() -> None:
    data = _rows(0b111, _WIDTH, _HEIGHT)
    assert all(data[end - 1] & 0b111 == 0b111 for end in range(2, len(data) + 1, 2))
