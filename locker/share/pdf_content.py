"""Drawing instructions (content streams) in a PDF share copy.

The instructions are parsed and written anew, which drops comments. What they draw is kept as it is: visible text is
the document's content (the re-check still searches it for the original's recorded names). Two things ride inside
instructions without being drawn, and are removed: marked-content property lists written in place (alternative
texts, actual texts, languages) and the metadata of inline JPEG pictures.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pikepdf
from pikepdf import Dictionary

from locker.share.pdf_images import JPEG_REMOVED
from locker.share.segments import clean_jpeg

if TYPE_CHECKING:
    from locker.share.pdf_copy import PdfCopier

# What an inline picture needs to be drawn (full names and the abbreviations of ISO 32000-2 Table 92).
_INLINE_KEYS = {"/W", "/H", "/CS", "/BPC", "/F", "/DP", "/D", "/I", "/IM", "/Width", "/Height", "/ColorSpace",
                "/BitsPerComponent", "/Filter", "/DecodeParms", "/Decode", "/Interpolate", "/ImageMask",
                "/Intent"}  # fmt: skip
_PICTURE_FORMATS = {"/DCT", "/DCTDecode", "/JPX", "/JPXDecode", "/JBIG2Decode"}
_MARKED_CONTENT = {"BDC", "DP"}
# Operators whose operand names a resource (by its position), renamed as the copy's resources are.
_RESOURCE_OPERAND = {"Tf": (0, "/Font"), "Do": (0, "/XObject"), "gs": (0, "/ExtGState"), "sh": (0, "/Shading"),
                     "cs": (0, "/ColorSpace"), "CS": (0, "/ColorSpace"), "BDC": (1, "/Properties"),
                     "DP": (1, "/Properties")}  # fmt: skip
_COLOUR_FAMILIES = {"/DeviceGray", "/DeviceRGB", "/DeviceCMYK", "/Pattern"}
_INLINE_SPACES = {"/G", "/RGB", "/CMYK", "/I", "/DeviceGray", "/DeviceRGB", "/DeviceCMYK", "/Indexed"}


def clean_content(instructions: list[Any], copier: PdfCopier) -> bytes:
    """The instructions written anew, without in-place property lists and with inline JPEGs cleaned."""
    parts: list[bytes] = []
    batch: list[Any] = []
    for instruction in instructions:
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            if batch:
                parts.append(pikepdf.unparse_content_stream(batch))
                batch = []
            parts.append(_inline_image(instruction.iimage, copier))
            continue
        operator = str(instruction.operator)
        operands = list(instruction.operands)
        if operator in _MARKED_CONTENT and len(operands) == 2 and isinstance(operands[1], Dictionary):
            operands[1] = Dictionary()  # the tag stays; /Alt, /ActualText, /E, /Lang ... go
            copier.dropped.add("/Alt")
        _rename_resources(operator, operands, copier)
        batch.append(pikepdf.ContentStreamInstruction(operands, pikepdf.Operator(operator)))
    if batch:
        parts.append(pikepdf.unparse_content_stream(batch))
    return b"\n".join(parts)


def _rename_resources(operator: str, operands: list[Any], copier: PdfCopier) -> None:
    where = _RESOURCE_OPERAND.get(operator)
    if where is not None:
        index, category = where
        if len(operands) > index and isinstance(operands[index], pikepdf.Name):
            if category == "/ColorSpace" and str(operands[index]) in _COLOUR_FAMILIES:
                return
            operands[index] = copier.resource_name(category, operands[index])
    elif operator in ("scn", "SCN") and operands and isinstance(operands[-1], pikepdf.Name):
        operands[-1] = copier.resource_name("/Pattern", operands[-1])


def _inline_image(image: pikepdf.PdfInlineImage, copier: PdfCopier) -> bytes:
    """`BI ... ID data EI` with only the keys that draw, and a JPEG's metadata segments removed."""
    raw = image.read_raw_bytes()
    tokens = list(image._image_object)
    filters = _inline_filters(tokens)
    data = raw
    if filters & _PICTURE_FORMATS:
        if filters not in ({"/DCT"}, {"/DCTDecode"}):
            raise ValueError("an inline picture in the PDF is compressed in an unusual way; the copy is refused")
        cleaned = clean_jpeg(raw)
        if cleaned is None:
            raise ValueError("an inline JPEG picture in the PDF could not be walked; the copy is refused")
        if cleaned != raw.rstrip(b" \t\r\n\x00\x0c"):
            copier.removed.add(JPEG_REMOVED)
        data = cleaned + b"\n"
    if any(str(tokens[i]) not in _INLINE_KEYS for i in range(0, len(tokens) - 1, 2)):
        copier.dropped.add("/InlineImageKey")
    return _rebuilt_header(tokens, copier) + data + b"EI"


def _inline_filters(tokens: list[Any]) -> set[str]:
    for i in range(0, len(tokens) - 1, 2):
        if str(tokens[i]) in ("/F", "/Filter"):
            value = tokens[i + 1]
            return {str(v) for v in value} if isinstance(value, pikepdf.Array) else {str(value)}
    return set()


def _rebuilt_header(tokens: list[Any], copier: PdfCopier) -> bytes:
    kept = []
    for i in range(0, len(tokens) - 1, 2):
        if str(tokens[i]) in _INLINE_KEYS:
            value = tokens[i + 1]
            if str(tokens[i]) in ("/CS", "/ColorSpace"):
                value = _inline_space(value, copier)
            kept += [_token(tokens[i]), _token(value)]
    return b"BI\n" + b" ".join(kept) + b"\nID\n"


def _inline_space(value: Any, copier: PdfCopier) -> Any:
    """An inline picture's colour space: a family, or a name from the ColorSpace resources (renamed)."""
    if isinstance(value, pikepdf.Name) and str(value) not in _INLINE_SPACES:
        return copier.resource_name("/ColorSpace", value)
    if isinstance(value, pikepdf.Array) and len(value) > 1 and isinstance(value[1], pikepdf.Name):
        items = list(value)
        if str(items[1]) not in _INLINE_SPACES:
            items[1] = copier.resource_name("/ColorSpace", items[1])
        return pikepdf.Array(items)
    return value


def _token(value: Any) -> bytes:
    if isinstance(value, bool):
        return b"true" if value else b"false"
    if isinstance(value, pikepdf.Object):
        return bytes(value.unparse())
    return str(value).encode()
