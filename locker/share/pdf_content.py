"""Drawing instructions (content streams) in a PDF share copy.

The instructions are parsed and written anew, which drops comments. What they draw is kept as it is: visible text is
the document's content (the re-check still searches it for the original's recorded names). Only the operators of the
PDF standard are kept, each with operands of the types it takes (numbers; a string or an array only for text and
dash patterns; names only where a resource or a standard name goes, the resources renamed). What rides inside
instructions without being drawn is removed: unknown operators and compatibility sections (BX/EX), marked points
(MP, DP), marked-content tags and property lists (a tag becomes /Span with an empty property list, except the /OC
of a layer), rendering intents that are not standard, and the metadata of inline pictures (locker.share.pdf_inline).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pikepdf
from pikepdf import Array, Dictionary

from locker.share import report_labels as labels
from locker.share.pdf_inline import clean_inline_image
from locker.share.pdf_names import is_standard

if TYPE_CHECKING:
    from locker.share.pdf_copy import PdfCopier

# Operators that take only numbers (or nothing).
_NUMBERS_ONLY_WORDS = (
    "b B b* B* c cm d0 d1 EMC ET f F f* G g h i j J K k l m M n q Q re RG rg s S SC sc T* Tc "
    "Td TD TL Tm Tr Ts Tw Tz v w W W* y BT"
)
_NUMBERS_ONLY = frozenset(_NUMBERS_ONLY_WORDS.split())
_TEXT_SHOWING = {"Tj", "'", '"'}
_NAMED = {"Tf", "Do", "gs", "sh", "cs", "CS", "scn", "SCN", "ri"}
_NUMBER = (int, float, Decimal)
# Operators whose operand names a resource (by its position), renamed as the copy's resources are.
_RESOURCE_OPERAND = {"Tf": (0, "/Font"), "Do": (0, "/XObject"), "gs": (0, "/ExtGState"), "sh": (0, "/Shading"),
                     "cs": (0, "/ColorSpace"), "CS": (0, "/ColorSpace"), "BDC": (1, "/Properties")}  # fmt: skip
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
        operands = _checked(operator, list(instruction.operands), copier)
        if operands is None:
            copier.removed.add(UNDRAWN_REMOVED)
            continue
        _rename_resources(operator, operands, copier)
        batch.append(pikepdf.ContentStreamInstruction(operands, pikepdf.Operator(operator)))
    if batch:
        parts.append(pikepdf.unparse_content_stream(batch))
    return b"\n".join(parts)


UNDRAWN_REMOVED = labels.PDF_UNDRAWN


def _checked(operator: str, operands: list[Any], copier: PdfCopier) -> list[Any] | None:
    """The operands an operator keeps in the copy, or None to leave the instruction out."""
    if operator in _NUMBERS_ONLY:
        return operands if all(_is_number(o) for o in operands) else None
    if operator in _TEXT_SHOWING:
        if not operands or not isinstance(operands[-1], pikepdf.String):
            return None
        return operands if all(_is_number(o) for o in operands[:-1]) else None
    if operator == "TJ":
        ok = len(operands) == 1 and isinstance(operands[0], Array)
        return operands if ok and all(isinstance(i, pikepdf.String) or _is_number(i) for i in operands[0]) else None
    if operator == "d":
        ok = len(operands) == 2 and isinstance(operands[0], Array) and _is_number(operands[1])
        return operands if ok and all(_is_number(i) for i in operands[0]) else None
    if operator in _NAMED:
        names = [o for o in operands if isinstance(o, pikepdf.Name)]
        others = [o for o in operands if not isinstance(o, pikepdf.Name)]
        colour_only = operator in ("scn", "SCN") and not names  # a colour without a pattern
        if (len(names) != 1 and not colour_only) or not all(_is_number(o) for o in others):
            return None
        if operator == "ri" and not is_standard(names[0]):
            return None
        return operands
    if operator == "BMC":
        copier.dropped.add("/Alt")
        return [pikepdf.Name("/Span")]
    if operator == "BDC":
        # A layer's marked content keeps its tag and its (renamed) layer; any other tag and property list goes.
        copier.dropped.add("/Alt")
        if len(operands) == 2 and operands[0] == pikepdf.Name("/OC") and isinstance(operands[1], pikepdf.Name):
            return operands
        return [pikepdf.Name("/Span"), Dictionary()]
    return None  # BX, EX, MP, DP and operators outside the standard


def _is_number(value: Any) -> bool:
    return isinstance(value, _NUMBER) and not isinstance(value, bool)


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
