"""Data streams whose size nobody checked, and the values of picture parameters (review s6 L4, L9, L10, L11): each
carries CANARY after the data a reader uses, or in a value of an allowed key."""

from __future__ import annotations

import io
import struct

import pikepdf
from pikepdf import Array, Dictionary, Name, Stream, String
from PIL import Image

from tests.share.pdf_attack_pictures import CANARY, saved

_TRAILER = b" by " + CANARY.encode()


def _base(content: bytes = b"q 100 0 0 100 0 0 cm /Im0 Do Q") -> pikepdf.Pdf:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    pdf.pages[0].Resources = Dictionary()
    pdf.pages[0].Contents = pdf.make_stream(content)
    return pdf


def _image(pdf: pikepdf.Pdf, data: bytes, width: object = 4, height: int = 4, **extra: object) -> Stream:
    image = Stream(pdf, data)
    image.Type, image.Subtype, image.Width, image.Height = Name.XObject, Name.Image, width, height
    for key, value in extra.items():
        image[Name("/" + key)] = value
    pdf.pages[0].Resources.XObject = Dictionary(Im0=image)
    return image


def _separation(pdf: pikepdf.Pdf, function: Stream | Dictionary) -> None:
    pdf.pages[0].Resources.ColorSpace = Dictionary(CS0=Array([Name.Separation, Name.Black, Name.DeviceGray, function]))


def indexed_lookup_trailer() -> bytes:
    pdf = _base()
    lookup = Stream(pdf, b"\x00\x00\x00\xff\xff\xff palette" + _TRAILER)
    _image(pdf, bytes([0, 1] * 8), ColorSpace=Array([Name.Indexed, Name.DeviceRGB, 1, lookup]), BitsPerComponent=8)
    return saved(pdf)


def indexed_lookup_string_trailer() -> bytes:
    pdf = _base()
    lookup = String(b"AAAzzz" + _TRAILER)  # printable, so that it is written as it is
    _image(pdf, bytes([0, 1] * 8), ColorSpace=Array([Name.Indexed, Name.DeviceRGB, 1, lookup]), BitsPerComponent=8)
    return saved(pdf)


def sampled_function_trailer() -> bytes:
    pdf = _base(b"/CS0 cs 1 scn 0 0 100 100 re f")
    function = Stream(pdf, b"\x00\x80" + _TRAILER)
    function.FunctionType, function.Domain, function.Range, function.Size = 0, [0, 1], [0, 1], [2]
    function.BitsPerSample = 8
    _separation(pdf, function)
    return saved(pdf)


def cidset_trailer() -> bytes:
    """CIDSet is optional and dropped; the CIDToGIDMap is cut to whole entries (its odd byte goes)."""
    pdf = _base(b"BT /F2 12 Tf 72 100 Td <0001> Tj ET")
    descriptor = Dictionary(Type=Name.FontDescriptor, FontName=Name.Helvetica, Flags=32, FontBBox=[0, 0, 1000, 1000],
                            ItalicAngle=0, Ascent=800, Descent=-200, CapHeight=700, StemV=80,
                            CIDSet=Stream(pdf, b"\xc0 subset" + _TRAILER))  # fmt: skip
    cid = Dictionary(Type=Name.Font, Subtype=Name.CIDFontType2, BaseFont=Name.Helvetica,
                     CIDSystemInfo=Dictionary(Registry=String("Adobe"), Ordering=String("Identity"), Supplement=0),
                     FontDescriptor=descriptor, DW=1000, CIDToGIDMap=Stream(pdf, b"\x00\x00\x00\x01!"))  # fmt: skip
    font = Dictionary(Type=Name.Font, Subtype=Name.Type0, BaseFont=Name.Helvetica, Encoding=Name("/Identity-H"),
                      DescendantFonts=[cid])  # fmt: skip
    pdf.pages[0].Resources.Font = Dictionary(F2=font)
    return saved(pdf)


def pixels_real_width() -> bytes:
    pdf = _base()
    _image(pdf, b"\x80" * 16 + _TRAILER, pikepdf.Object.parse(b"4.0"), ColorSpace=Name.DeviceGray, BitsPerComponent=8)
    return saved(pdf)


def smask_pixel_trailer() -> bytes:
    pdf = _base()
    mask = Stream(pdf, b"\xff" * 16 + _TRAILER)
    mask.Type, mask.Subtype, mask.Width, mask.Height = Name.XObject, Name.Image, pikepdf.Object.parse(b"4.0"), 4
    mask.ColorSpace, mask.BitsPerComponent = Name.DeviceGray, 8
    _image(pdf, b"\x80" * 48, ColorSpace=Name.DeviceRGB, BitsPerComponent=8, SMask=mask)
    return saved(pdf)


def dct_colortransform_string() -> bytes:
    pdf = _base()
    out = io.BytesIO()
    Image.new("RGB", (16, 16), (1, 2, 200)).save(out, "JPEG")
    image = _image(pdf, out.getvalue(), 16, 16, ColorSpace=Name.DeviceRGB, BitsPerComponent=8)
    image.Filter, image.DecodeParms = Name.DCTDecode, Dictionary(ColorTransform=String(f"C:\\Users\\{CANARY}"))
    return saved(pdf)


def fax_g4(picture: Image.Image) -> bytes:
    """A 1-bit picture's CCITT Group 4 data (Pillow writes it as a TIFF strip)."""
    out = io.BytesIO()
    picture.save(out, "TIFF", compression="group4")
    tiff = Image.open(io.BytesIO(out.getvalue()))
    offset, count = tiff.tag_v2[273][0], tiff.tag_v2[279][0]
    return out.getvalue()[offset : offset + count]


def ccitt_trailer() -> bytes:
    pdf = _base()
    picture = Image.new("1", (16, 8), 1)
    image = _image(pdf, fax_g4(picture) + b" scanned" + _TRAILER, 16, 8, ImageMask=True)
    image.Filter = Name.CCITTFaxDecode
    image.DecodeParms = Dictionary(K=-1, Columns=16, Rows=8, EndOfBlock=Array([String(f"scanner of {CANARY}")]))
    return saved(pdf)


def _jbig2_segment(number: int, kind: int, data: bytes) -> bytes:
    return struct.pack(">IBBBI", number, kind, 0, 1, len(data)) + data


def jbig2_extension_comment() -> bytes:
    pdf = _base()
    comment = struct.pack(">I", 0x20000000) + b"Author\x00" + CANARY.encode() + b"\x00\x00"
    data = (_jbig2_segment(0, 48, struct.pack(">IIIIBH", 8, 8, 0, 0, 0, 0)) + _jbig2_segment(1, 62, comment)
            + _jbig2_segment(2, 49, b""))  # fmt: skip
    shared = Stream(pdf, _jbig2_segment(0, 62, comment))
    image = _image(pdf, data, 8, 8, ColorSpace=Name.DeviceGray, BitsPerComponent=1)
    image.Filter, image.DecodeParms = Name.JBIG2Decode, Dictionary(JBIG2Globals=shared)
    return saved(pdf)


def mesh_shading() -> bytes:
    """A free-form triangle mesh: nothing says where its vertices stop, so the copy is made of pictures."""
    pdf = _base(b"/Sh0 sh")
    triangle = b"".join(b"\x00" + struct.pack(">HH", x, y) + b"\x80" for x, y in ((0, 0), (65535, 0), (0, 65535)))
    shading = Stream(pdf, triangle + b" mesh" + _TRAILER)
    shading.ShadingType, shading.ColorSpace, shading.BitsPerCoordinate = 4, Name.DeviceGray, 16
    shading.BitsPerComponent, shading.BitsPerFlag, shading.Decode = 8, 8, [0, 500, 0, 500, 0, 1]
    pdf.pages[0].Resources.Shading = Dictionary(Sh0=shading)
    return saved(pdf)


STREAM_ATTACKS = {
    f.__name__: f
    for f in (
        indexed_lookup_trailer,
        indexed_lookup_string_trailer,
        sampled_function_trailer,
        cidset_trailer,
        pixels_real_width,
        smask_pixel_trailer,
        dct_colortransform_string,
        ccitt_trailer,
        jbig2_extension_comment,
    )
}
