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

from locker.share.pdf_inline import clean_inline_image

if TYPE_CHECKING:
    from locker.share.pdf_copy import PdfCopier

_MARKED_CONTENT = {"BDC", "DP"}
# Operators whose operand names a resource (by its position), renamed as the copy's resources are.
_RESOURCE_OPERAND = {"Tf": (0, "/Font"), "Do": (0, "/XObject"), "gs": (0, "/ExtGState"), "sh": (0, "/Shading"),
                     "cs": (0, "/ColorSpace"), "CS": (0, "/ColorSpace"), "BDC": (1, "/Properties"),
                     "DP": (1, "/Properties")}  # fmt: skip
_COLOUR_FAMILIES = {"/DeviceGray", "/DeviceRGB", "/DeviceCMYK", "/Pattern"}


def clean_content(instructions: list[Any], copier: PdfCopier) -> bytes:
    """The instructions written anew, without in-place property lists and with inline JPEGs cleaned."""
    parts: list[bytes] = []
    batch: list[Any] = []
    for instruction in instructions:
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            if batch:
                parts.append(pikepdf.unparse_content_stream(batch))
                batch = []
            parts.append(clean_inline_image(instruction.iimage, copier))
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
