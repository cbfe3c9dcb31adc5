"""Pictures inside a PDF share copy: the pixels are kept, the metadata their own format carries is not.

General filters (Flate, LZW, ASCII85 ...) are undone: what is left is either bare pixel rows, which hold nothing
but pixels, or a picture format. A JPEG loses its APPn segments (EXIF, XMP, IPTC, ICC, maker notes) and comments,
whatever filters were stacked before it. A JPEG 2000 picture is decoded and written as plain pixels, because its
boxes (XML, UUID) can hold anything. Fax-coded (CCITT) pictures are decoded and stored as plain pixel rows too, and
A JBIG2 picture makes the whole copy one of pictures of its pages (locker.share.pdf_fonts).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import pikepdf
from pikepdf import Array, Dictionary, Name, Stream

from locker.share import report_labels as labels
from locker.share.pdf_bilevel import ccitt_pixels
from locker.share.pdf_fonts import JBIG2_PICTURE, NeedsPictures
from locker.share.segments import clean_jpeg

if TYPE_CHECKING:
    from locker.share.pdf_copy import PdfCopier

_GENERAL = {"/FlateDecode", "/LZWDecode", "/ASCII85Decode", "/ASCIIHexDecode", "/RunLengthDecode", "/Fl", "/LZW",
            "/A85", "/AHx", "/RL"}  # fmt: skip
BILEVEL_REMOVED = labels.PDF_BILEVEL_DATA
_MODES = {"L": Name.DeviceGray, "RGB": Name.DeviceRGB, "CMYK": Name.DeviceCMYK}
JPEG_REMOVED = labels.PDF_PICTURE_METADATA


def filter_names(stream: Stream | Dictionary) -> list[str]:
    filters = stream.get("/Filter")
    if isinstance(filters, Name):
        return [str(filters)]
    return [str(f) for f in filters] if isinstance(filters, Array) else []


def copy_image_data(source: Stream, out: Stream, copier: PdfCopier) -> None:
    """Write `source`'s picture into `out` (whose dictionary the copier already filled) without metadata."""
    names = filter_names(source)
    general = [n for n in names if n in _GENERAL]
    special = [n for n in names if n not in _GENERAL]
    if not special:
        out.write(_pixel_rows(_decoded(source), out))
        return
    if len(special) > 1 or names[-1] != special[0]:
        raise ValueError("a picture in the PDF is compressed in an unusual way; the copy is refused rather than leaked")
    kind = special[0]
    data = _undo_general(source, len(general)) if general else source.read_raw_bytes()
    parms = _parms_of_last(source)
    if kind == "/DCTDecode":
        cleaned = clean_jpeg(data)
        if cleaned is None:
            raise ValueError("a JPEG picture in the PDF could not be walked; the copy is refused rather than leaked")
        if cleaned != data:
            copier.removed.add(JPEG_REMOVED)
        transform = parms.get("/ColorTransform") if parms is not None else None
        if transform not in (0, 1) or isinstance(transform, bool):
            transform = None  # only its two values mean anything
        out.write(cleaned, filter=Name.DCTDecode, decode_parms=Dictionary(ColorTransform=transform) if transform
                  is not None else None)  # fmt: skip
    elif kind == "/JPXDecode":
        _reencode(source, out, copier.target)
        copier.removed.add(labels.PDF_JPEG2000_METADATA)
    elif kind == "/CCITTFaxDecode":
        out.write(_pixel_rows(ccitt_pixels(source), out))
        copier.removed.add(BILEVEL_REMOVED)
    elif kind == "/JBIG2Decode":
        raise NeedsPictures(JBIG2_PICTURE)
    else:
        raise ValueError(f"a picture in the PDF uses the unknown compression {kind[1:]!r}; the copy is refused")


def _pixel_rows(data: bytes, image: Stream) -> bytes:
    """Bare pixels cut to the picture's size, without row padding (see pixel_rows): bytes after the last row are
    drawn by nobody and could hold anything. A size that cannot be worked out refuses the copy (the data is never
    kept whole)."""
    mask = bool(image.get("/ImageMask", False))
    components = 1 if mask else pixel_components(image.get("/ColorSpace"))
    bits = 1 if mask else whole_number(image.get("/BitsPerComponent"))
    width, height = whole_number(image.get("/Width")), whole_number(image.get("/Height"))
    if components is None or bits is None or width is None or height is None:
        raise ValueError("the size of a picture in the PDF cannot be worked out; the copy is refused")
    image.Width, image.Height = width, height
    if not mask:
        image.BitsPerComponent = bits
    return pixel_rows(data, width * components * bits, height)


def pixel_rows(data: bytes, row_bits: int, height: int) -> bytes:
    """`data` cut to `height` rows of `row_bits` bits, each row's padding bits (after its last pixel, up to the
    byte's end: a 1-bit picture whose width is not a multiple of 8) set to zero: nobody draws them, so they could
    carry anything."""
    row_bytes = (row_bits + 7) // 8
    cut = data[: row_bytes * height]
    padding = -row_bits % 8
    if not padding or not cut:
        return cut
    import numpy as np  # noqa: PLC0415 - only pictures with padded rows need it

    rows = np.frombuffer(cut, dtype=np.uint8)
    whole = len(cut) // row_bytes
    table = rows[: whole * row_bytes].reshape(whole, row_bytes).copy()
    table[:, -1] &= (0xFF << padding) & 0xFF
    return table.tobytes() + cut[whole * row_bytes :]


def whole_number(value: object) -> int | None:
    """A positive whole number, also when written as a real ("4.0", which readers accept)."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    if value != int(value) or int(value) <= 0:
        return None
    return int(value)


def pixel_components(space: object) -> int | None:
    family = str(space[0]) if isinstance(space, Array) and len(space) else str(space)
    if family in ("/DeviceGray", "/CalGray", "/Indexed", "/I", "/Separation"):
        return 1
    if family in ("/DeviceRGB", "/CalRGB", "/Lab"):
        return 3
    if family == "/DeviceCMYK":
        return 4
    if family == "/ICCBased" and isinstance(space, Array) and len(space) > 1 and isinstance(space[1], Stream):
        count = space[1].get("/N")
        return int(count) if isinstance(count, int) and count in (1, 3, 4) else None
    if family == "/DeviceN" and isinstance(space, Array) and len(space) > 1 and isinstance(space[1], Array):
        return len(space[1])
    return None


def _decoded(source: Stream) -> bytes:
    try:
        return source.read_bytes()
    except pikepdf.PdfError as error:
        raise ValueError("a picture in the PDF could not be decoded; the copy is refused rather than leaked") from error


def _undo_general(source: Stream, count: int) -> bytes:
    """The data with its first `count` (general) filters undone: qpdf will not decode a chain that ends in DCT."""
    scratch = pikepdf.new()
    names = filter_names(source)[:count]
    temp = Stream(scratch, source.read_raw_bytes())
    temp.Filter = Array([Name(n) for n in names])
    parms = source.get("/DecodeParms")
    if isinstance(parms, Array):
        temp.DecodeParms = Array([scratch.copy_foreign(p) if isinstance(p, Dictionary) else None
                                  for p in list(parms)[:count]])  # fmt: skip
    return _decoded(temp)


def _parms_of_last(source: Stream) -> Dictionary | None:
    parms = source.get("/DecodeParms")
    if isinstance(parms, Array):
        parms = parms[len(parms) - 1] if len(parms) else None
    return parms if isinstance(parms, Dictionary) else None


def _reencode(source: Stream, out: Stream, target: pikepdf.Pdf) -> None:
    """A JPEG 2000 picture as plain pixel rows (decoded here, in the sandbox, by Pillow's OpenJPEG); its own
    transparency (/SMaskInData) becomes a soft mask."""
    from pikepdf import PdfImage  # noqa: PLC0415

    try:
        picture = PdfImage(source).as_pil_image()
    except Exception as error:
        raise ValueError("a JPEG 2000 picture in the PDF could not be decoded; the copy is refused") from error
    alpha = picture.getchannel("A") if picture.mode in ("RGBA", "LA") else None
    if picture.mode not in _MODES:
        picture = picture.convert("L" if picture.mode in ("LA", "I", "I;16") else "RGB")
    out.write(picture.tobytes())
    out.ColorSpace = _MODES[picture.mode]
    out.BitsPerComponent = 8
    out.Width, out.Height = picture.size
    for key in ("/Decode", "/SMaskInData"):
        if key in out:
            del out[key]
    if alpha is not None and "/SMask" not in out and source.get("/SMaskInData", 0) in (1, 2):
        mask = Stream(target, alpha.tobytes())
        mask.Type, mask.Subtype, mask.ColorSpace, mask.BitsPerComponent = Name.XObject, Name.Image, Name.DeviceGray, 8
        mask.Width, mask.Height = alpha.size
        out.SMask = mask
