"""Attack PDFs whose canary hides in or around pictures (review 15c), and the helpers all attack files share.

See tests/share/pdf_attacks.py for the rest and for what the canary is.
"""

from __future__ import annotations

import io
import struct
import zlib

import pikepdf
from pikepdf import Array, Dictionary, Name
from PIL import Image

CANARY = "TatianaHiddenWitness"
XMP = f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>{CANARY}</dc:creator></x:xmpmeta>'.encode()


def exif_jpeg(colour: tuple[int, int, int] = (200, 30, 30), size: int = 16) -> bytes:
    """A small JPEG whose EXIF (Artist, Make, BodySerialNumber) and comment name the canary."""
    exif = Image.Exif()
    exif[0x013B], exif[0x010F], exif[0xA431] = CANARY, "Canon", "SN-" + CANARY
    out = io.BytesIO()
    Image.new("RGB", (size, size), colour).save(out, "JPEG", exif=exif.tobytes(), comment=CANARY.encode())
    return out.getvalue()


def base() -> pikepdf.Pdf:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    return pdf


def saved(pdf: pikepdf.Pdf) -> bytes:
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def image_page(pdf: pikepdf.Pdf, raw: bytes, filters: object, **extra: object) -> pikepdf.Stream:
    image = pikepdf.Stream(pdf, raw)
    image.Type, image.Subtype, image.Width, image.Height = Name.XObject, Name.Image, 16, 16
    image.ColorSpace, image.BitsPerComponent, image.Filter = Name.DeviceRGB, 8, filters
    for key, value in extra.items():
        image[Name("/" + key)] = value
    page = pdf.pages[0]
    page.Resources = Dictionary(XObject=Dictionary(Im0=image))
    page.Contents = pikepdf.Stream(pdf, b"q 100 0 0 100 0 0 cm /Im0 Do Q")
    return image


def flate_dct() -> bytes:
    pdf = base()
    image_page(pdf, zlib.compress(exif_jpeg()), Array([Name.FlateDecode, Name.DCTDecode]))
    return saved(pdf)


def jpx_xml() -> bytes:
    pdf = base()
    out = io.BytesIO()
    Image.new("RGB", (16, 16), (1, 2, 3)).save(out, "JPEG2000")
    image_page(pdf, out.getvalue() + struct.pack(">I", 8 + len(XMP)) + b"xml " + XMP, Name.JPXDecode)
    return saved(pdf)


def icc() -> bytes:
    from PIL import ImageCms

    pdf = base()
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    icc_stream = pikepdf.Stream(pdf, profile + f"{CANARY} iPhone".encode())
    icc_stream.N = 3
    image_page(
        pdf, zlib.compress(b"\x80" * 16 * 16 * 3), Name.FlateDecode, ColorSpace=Array([Name.ICCBased, icc_stream])
    )
    return saved(pdf)


def inline_jpeg() -> bytes:
    pdf = base()
    pdf.pages[0].Contents = pikepdf.Stream(
        pdf,
        b"q 100 0 0 100 0 0 cm BI /W 16 /H 16 /CS /RGB /BPC 8 /Who ("
        + CANARY.encode()
        + b") /F /DCT ID "
        + exif_jpeg()
        + b"\nEI Q",
    )
    return saved(pdf)


def pages_thumb() -> bytes:
    pdf = base()
    thumb = pikepdf.Stream(pdf, exif_jpeg())
    thumb.Width, thumb.Height, thumb.ColorSpace, thumb.BitsPerComponent = 16, 16, Name.DeviceRGB, 8
    thumb.Filter = Name.DCTDecode
    pdf.Root.Pages.Thumb = thumb
    return saved(pdf)


def pixels_trailer() -> bytes:
    """Bare pixel rows followed by bytes no renderer draws."""
    pdf = base()
    image_page(pdf, zlib.compress(b"\x80" * 16 * 16 * 3 + f"after the pixels: {CANARY}".encode()), Name.FlateDecode)
    return saved(pdf)
