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
            instruction = pikepdf.ContentStreamInstruction(operands, pikepdf.Operator(operator))
        batch.append(instruction)
    if batch:
        parts.append(pikepdf.unparse_content_stream(batch))
    return b"\n".join(parts)


def _inline_image(image: pikepdf.PdfInlineImage, copier: PdfCopier) -> bytes:
    """`BI ... ID data EI` with only the keys that draw, and a JPEG's metadata segments removed."""
    raw = image.read_raw_bytes()
    header = image.unparse()[: -(len(raw) + len(b"EI"))]
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
        header = _rebuilt_header(tokens)
        copier.dropped.add("/InlineImageKey")
    return header + data + b"EI"


def _inline_filters(tokens: list[Any]) -> set[str]:
    for i in range(0, len(tokens) - 1, 2):
        if str(tokens[i]) in ("/F", "/Filter"):
            value = tokens[i + 1]
            return {str(v) for v in value} if isinstance(value, pikepdf.Array) else {str(value)}
    return set()


def _rebuilt_header(tokens: list[Any]) -> bytes:
    kept = []
    for i in range(0, len(tokens) - 1, 2):
        if str(tokens[i]) in _INLINE_KEYS:
            kept += [_token(tokens[i]), _token(tokens[i + 1])]
    return b"BI\n" + b" ".join(kept) + b"\nID\n"


def _token(value: Any) -> bytes:
    if isinstance(value, bool):
        return b"true" if value else b"false"
    if isinstance(value, pikepdf.Object):
        return bytes(value.unparse())
    return str(value).encode()
