"""Inline pictures (`BI ... ID data EI` inside drawing instructions) in a PDF share copy.

Only the keys that draw are kept, each with a value of the type it must have (numbers, booleans, standard names,
decode parameters with known keys): a string or a dictionary of the writer's own is never copied. The pixels are
decoded (general filters, fax coding) and cut to the picture's size, since a decoder ignores whatever follows
them, then written anew as hexadecimal; a JPEG keeps only the segments a decoder needs (locker.share.segments).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pikepdf
from pikepdf import Array, Dictionary, Name

from locker.share import report_labels as labels
from locker.share.pdf_bilevel import ccitt_pixels
from locker.share.pdf_images import JPEG_REMOVED, pixel_components, pixel_rows, whole_number
from locker.share.pdf_names import is_standard
from locker.share.segments import clean_jpeg

if TYPE_CHECKING:
    from locker.share.pdf_copy import PdfCopier

_KEYS = {"/W": "/W", "/Width": "/W", "/H": "/H", "/Height": "/H", "/BPC": "/BPC", "/BitsPerComponent": "/BPC",
         "/CS": "/CS", "/ColorSpace": "/CS", "/F": "/F", "/Filter": "/F", "/DP": "/DP", "/DecodeParms": "/DP",
         "/D": "/D", "/Decode": "/D", "/I": "/I", "/Interpolate": "/I", "/IM": "/IM", "/ImageMask": "/IM",
         "/Intent": "/Intent"}  # fmt: skip
_FILTERS = {"/AHx": "/ASCIIHexDecode", "/A85": "/ASCII85Decode", "/LZW": "/LZWDecode", "/Fl": "/FlateDecode",
            "/RL": "/RunLengthDecode", "/CCF": "/CCITTFaxDecode", "/DCT": "/DCTDecode"}  # fmt: skip
_FULL_FILTERS = set(_FILTERS.values())
_SPACES = {"/G": Name.DeviceGray, "/RGB": Name.DeviceRGB, "/CMYK": Name.DeviceCMYK, "/DeviceGray": Name.DeviceGray,
           "/DeviceRGB": Name.DeviceRGB, "/DeviceCMYK": Name.DeviceCMYK}  # fmt: skip
_PARMS = {
    "/Predictor",
    "/Colors",
    "/BitsPerComponent",
    "/Columns",
    "/EarlyChange",
    "/K",
    "/EndOfLine",
    "/EncodedByteAlign",
    "/Rows",
    "/EndOfBlock",
    "/BlackIs1",
    "/DamagedRowsBeforeError",
    "/ColorTransform",
}
_REFUSED = "an inline picture in the PDF has a value the copy cannot check; the copy is refused"


def clean_inline_image(image: pikepdf.PdfInlineImage, copier: PdfCopier) -> bytes:
    tokens = list(image._image_object)
    values: dict[str, Any] = {}
    for i in range(0, len(tokens) - 1, 2):
        key = _KEYS.get(str(tokens[i]))
        if key is None:
            copier.dropped.add("/InlineImageKey")
        else:
            values[key] = tokens[i + 1]
    filters = _filters(values.pop("/F", None))
    parms = _parms(values.pop("/DP", None), len(filters))
    header = _header(values, copier)
    raw = image.read_raw_bytes()
    if filters and filters[-1] == "/DCTDecode":
        data = raw if len(filters) == 1 else _decode(raw, filters[:-1], parms[:-1], header, copier)
        cleaned = clean_jpeg(data)
        if cleaned is None:
            raise ValueError("an inline JPEG picture in the PDF could not be walked; the copy is refused")
        if cleaned != data.rstrip(b" \t\r\n\x00\x0c"):
            copier.removed.add(JPEG_REMOVED)
        transform = parms[-1].get("/ColorTransform") if parms[-1] is not None else None
        extra = b" /DP << /ColorTransform %d >>" % transform if transform in (0, 1) else b""
        return b"BI\n" + header + b" /F /DCT" + extra + b"\nID\n" + cleaned + b"\nEI"
    pixels = _decode(raw, filters, parms, header, copier) if filters else raw
    size = _pixel_size(values, copier)
    if size is None:
        raise ValueError("the size of an inline picture in the PDF cannot be worked out; the copy is refused")
    return b"BI\n" + header + b" /F /AHx\nID\n" + pixel_rows(pixels, *size).hex().encode() + b">\nEI"


def _filters(value: Any) -> list[str]:
    items = list(value) if isinstance(value, Array) else [] if value is None else [value]
    names = []
    for item in items:
        name = _FILTERS.get(str(item), str(item)) if isinstance(item, Name) else ""
        if name not in _FULL_FILTERS or (name in ("/DCTDecode", "/CCITTFaxDecode") and item is not items[-1]):
            raise ValueError("an inline picture in the PDF is compressed in an unusual way; the copy is refused")
        names.append(name)
    return names


def _parms(value: Any, count: int) -> list[Dictionary | None]:
    items = list(value) if isinstance(value, Array) else [value] * min(count, 1)
    out: list[Dictionary | None] = []
    for item in (items + [None] * count)[:count]:
        if item is None:
            out.append(None)
            continue
        if not isinstance(item, Dictionary):
            raise ValueError(_REFUSED)
        kept = Dictionary()
        for key in list(item.keys()):
            entry = item[key]
            if str(key) in _PARMS and isinstance(entry, int):  # booleans are ints here too
                kept[key] = entry
        out.append(kept)
    return out


def _header(values: dict[str, Any], copier: PdfCopier) -> bytes:
    """The checked keys and values, written anew (every key but /F and /DP)."""
    parts = []
    for key in ("/W", "/H", "/BPC"):
        if key in values:
            number = whole_number(values[key])
            if number is None:
                raise ValueError(_REFUSED)
            parts.append(f"{key} {number}")
    for key in ("/IM", "/I"):
        if isinstance(values.get(key), bool):
            parts.append(f"{key} {'true' if values[key] else 'false'}")
    decode = values.get("/D")
    if isinstance(decode, Array) and all(isinstance(v, int | Decimal | float) for v in decode):
        parts.append("/D [" + " ".join(str(v) for v in decode) + "]")
    if isinstance(values.get("/Intent"), Name) and is_standard(values["/Intent"]):
        parts.append(f"/Intent {values['/Intent']}")
    if "/CS" in values:
        parts.append("/CS " + _space(values["/CS"], copier))
    return " ".join(parts).encode()


def _space(value: Any, copier: PdfCopier) -> str:
    if isinstance(value, Name):
        if str(value) in _SPACES:
            return str(value)
        return str(copier.resource_name("/ColorSpace", value))
    if isinstance(value, Array) and len(value) == 4 and str(value[0]) in ("/I", "/Indexed"):
        base, highest, lookup = value[1], value[2], value[3]
        components = pixel_components(_SPACES.get(str(base))) if isinstance(base, Name) else None
        if components is None or not isinstance(highest, int) or not 0 <= highest <= 255:
            raise ValueError(_REFUSED)
        if not isinstance(lookup, pikepdf.String):
            raise ValueError(_REFUSED)
        table = bytes(lookup)[: (highest + 1) * components]
        return f"[/I {base} {highest} <{table.hex()}>]"
    raise ValueError(_REFUSED)


def _pixel_size(values: dict[str, Any], copier: PdfCopier) -> tuple[int, int] | None:
    """(bits a row, rows)."""
    mask = values.get("/IM") is True
    width, height = whole_number(values.get("/W")), whole_number(values.get("/H"))
    bits = 1 if mask else whole_number(values.get("/BPC"))
    space = values.get("/CS")
    if isinstance(space, Name) and str(space) in _SPACES:
        space = _SPACES[str(space)]
    elif isinstance(space, Name):
        resources = copier.resources[-1] if copier.resources else None
        found = resources.get("/ColorSpace") if isinstance(resources, Dictionary) else None
        space = found.get(str(space)) if isinstance(found, Dictionary) else None
    components = 1 if mask else pixel_components(space)
    if width is None or height is None or bits is None or components is None:
        return None
    return width * components * bits, height


def _decode(raw: bytes, filters: list[str], parms: list[Dictionary | None], header: bytes, copier: PdfCopier) -> bytes:
    """The data with its filters undone (pikepdf; fax coding through Pillow), in a scratch document."""
    scratch = pikepdf.new()
    stream = pikepdf.Stream(scratch, raw)
    stream.Filter = Array([Name(f) for f in filters])
    stream.DecodeParms = Array([p if p is not None else None for p in parms])
    if filters[-1] == "/CCITTFaxDecode":
        fields = dict(zip(header.split()[::2], header.split()[1::2], strict=False))
        stream.Type, stream.Subtype = Name.XObject, Name.Image
        stream.Width, stream.Height = int(fields.get(b"/W", 0)), int(fields.get(b"/H", 0))
        stream.ImageMask, stream.BitsPerComponent = fields.get(b"/IM") == b"true", 1
        if not stream.ImageMask:
            stream.ColorSpace = Name.DeviceGray
        copier.removed.add(labels.PDF_BILEVEL_DATA)
        return ccitt_pixels(stream)
    try:
        return stream.read_bytes()
    except pikepdf.PdfError as error:
        raise ValueError("an inline picture in the PDF could not be decoded; the copy is refused") from error
