"""What the allow-list copier (locker.share.pdf_copy) may copy, role by role, and the plain values it copies as
they are: numbers, standard names, booleans, and strings where a role allows text.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, Stream

from locker.share.pdf_names import is_standard

PLAIN = "plain"  # numbers, names, booleans and arrays of them: no text
TEXT = "text"  # PLAIN, and strings too
MAX_DEPTH = 64

SCHEMAS: dict[str, dict[str, str]] = {
    "resources": {"/Font": "map:font", "/XObject": "map:xobject", "/ExtGState": "map:extgstate",
                  "/ColorSpace": "map:colorspace", "/Pattern": "map:pattern", "/Shading": "map:shading",
                  "/ProcSet": PLAIN, "/Properties": "map:properties"},
    "font": {"/Type": PLAIN, "/Subtype": PLAIN, "/FirstChar": PLAIN, "/LastChar": PLAIN,
             "/Widths": PLAIN, "/Name": PLAIN, "/FontBBox": PLAIN, "/FontMatrix": PLAIN, "/W": PLAIN, "/W2": PLAIN,
             "/DW": PLAIN, "/DW2": PLAIN, "/CIDToGIDMap": "cidtogid", "/Encoding": "encoding", "/ToUnicode": "cmap",
             "/FontDescriptor": "fontdescriptor", "/DescendantFonts": "array:font", "/CIDSystemInfo": "cidsysinfo",
             "/CharProcs": "charprocs", "/Resources": "resources"},
    "encoding": {"/Type": PLAIN, "/BaseEncoding": PLAIN, "/Differences": "differences"},
    "cmap": {"/Type": PLAIN, "/CIDSystemInfo": "cidsysinfo", "/WMode": PLAIN, "/UseCMap": "cmap"},
    "fontdescriptor": {"/Type": PLAIN, "/FontStretch": PLAIN, "/FontWeight": PLAIN,
                       "/Flags": PLAIN, "/FontBBox": PLAIN, "/ItalicAngle": PLAIN, "/Ascent": PLAIN, "/Descent": PLAIN,
                       "/Leading": PLAIN, "/CapHeight": PLAIN, "/XHeight": PLAIN, "/StemV": PLAIN, "/StemH": PLAIN,
                       "/AvgWidth": PLAIN, "/MaxWidth": PLAIN, "/MissingWidth": PLAIN, "/FontFile": "fontfile",
                       "/FontFile2": "fontfile", "/FontFile3": "fontfile"},
    "content": {},
    "form": {"/Type": PLAIN, "/Subtype": PLAIN, "/FormType": PLAIN, "/BBox": PLAIN, "/Matrix": PLAIN,
             "/Resources": "resources", "/Group": "group", "/OC": "oc"},
    "group": {"/Type": PLAIN, "/S": PLAIN, "/CS": "colorspace", "/I": PLAIN, "/K": PLAIN},
    "extgstate": {"/Type": PLAIN, "/LW": PLAIN, "/LC": PLAIN, "/LJ": PLAIN, "/ML": PLAIN, "/D": PLAIN, "/RI": PLAIN,
                  "/OP": PLAIN, "/op": PLAIN, "/OPM": PLAIN, "/FL": PLAIN, "/SM": PLAIN, "/SA": PLAIN, "/BM": PLAIN,
                  "/CA": PLAIN, "/ca": PLAIN, "/AIS": PLAIN, "/TK": PLAIN, "/UseBlackPtComp": PLAIN,
                  "/SMask": "softmask", "/TR": "transfer", "/TR2": "transfer", "/Font": "gsfont"},
    "softmask": {"/Type": PLAIN, "/S": PLAIN, "/G": "form", "/BC": PLAIN, "/TR": "transfer"},
    "function": {"/FunctionType": PLAIN, "/Domain": PLAIN, "/Range": PLAIN, "/Size": PLAIN, "/BitsPerSample": PLAIN,
                 "/Order": PLAIN, "/Encode": PLAIN, "/Decode": PLAIN, "/C0": PLAIN, "/C1": PLAIN, "/N": PLAIN,
                 "/Bounds": PLAIN, "/Functions": "array:function"},
    "tiling": {"/Type": PLAIN, "/PatternType": PLAIN, "/PaintType": PLAIN, "/TilingType": PLAIN, "/BBox": PLAIN,
               "/XStep": PLAIN, "/YStep": PLAIN, "/Matrix": PLAIN, "/Resources": "resources"},
    "shadingpattern": {"/Type": PLAIN, "/PatternType": PLAIN, "/Matrix": PLAIN, "/Shading": "shading",
                       "/ExtGState": "extgstate"},
    "shading": {"/ShadingType": PLAIN, "/Background": PLAIN, "/BBox": PLAIN, "/AntiAlias": PLAIN, "/Coords": PLAIN,
                "/Domain": PLAIN, "/Extend": PLAIN, "/Matrix": PLAIN, "/BitsPerCoordinate": PLAIN,
                "/BitsPerComponent": PLAIN, "/BitsPerFlag": PLAIN, "/Decode": PLAIN, "/VerticesPerRow": PLAIN,
                "/ColorSpace": "colorspace", "/Function": "functions"},
    # Layer names are text the author typed: each layer is called "Layer N" in the copy.
    "ocg": {"/Type": PLAIN, "/Intent": PLAIN},
    "ocmd": {"/Type": PLAIN, "/OCGs": "ocgs", "/P": PLAIN, "/VE": "ve"},
    "calspace": {"/WhitePoint": PLAIN, "/BlackPoint": PLAIN, "/Gamma": PLAIN, "/Matrix": PLAIN, "/Range": PLAIN},
    "image": {"/Type": PLAIN, "/Subtype": PLAIN, "/Width": PLAIN, "/Height": PLAIN, "/BitsPerComponent": PLAIN,
              "/ImageMask": PLAIN, "/Decode": PLAIN, "/Interpolate": PLAIN, "/Intent": PLAIN, "/SMaskInData": PLAIN,
              "/Matte": PLAIN, "/ColorSpace": "colorspace", "/SMask": "image", "/Mask": "mask", "/OC": "oc"},
}  # fmt: skip
DEVICE_BY_COMPONENTS = {1: Name.DeviceGray, 3: Name.DeviceRGB, 4: Name.DeviceCMYK}
# Resource names are the writer's words ("/TatianaFont", "/Scan of passport"): each resource dictionary's keys are
# renamed, in sorted order, to these prefixes and a number, and the instructions that use them with them.
RESOURCE_PREFIX = {"/Font": "F", "/XObject": "X", "/ExtGState": "GS", "/ColorSpace": "CS", "/Pattern": "P",
                   "/Shading": "Sh", "/Properties": "MC"}  # fmt: skip
MAP_CATEGORY = {"font": "/Font", "xobject": "/XObject", "extgstate": "/ExtGState", "colorspace": "/ColorSpace",
                 "pattern": "/Pattern", "shading": "/Shading", "properties": "/Properties"}  # fmt: skip
DEVICE_SPACES = {"/DeviceGray", "/DeviceRGB", "/DeviceCMYK", "/Pattern"}
FONT_PROGRAMS = ("/FontFile", "/FontFile2", "/FontFile3")


def neutral_names(
    value: Dictionary, category: str | None, cache: dict[tuple[int, int], dict[str, str]]
) -> dict[str, str]:
    """A resource dictionary's keys, in sorted order, renamed to the category's prefix and 1, 2, 3 ..."""
    if category is None:
        return {}
    known = cache.get(value.objgen) if value.is_indirect else None
    if known is not None:
        return known
    prefix = RESOURCE_PREFIX[category]
    renaming = {k: f"/{prefix}{i + 1}" for i, k in enumerate(sorted(keys_of(value)))}
    if value.is_indirect:
        cache[value.objgen] = renaming
    return renaming


def sample_table(data: bytes, function: Stream) -> bytes:
    """A sampled function's samples, cut to the number its /Size, /Range and /BitsPerSample give."""
    sizes, ranges, bits = function.get("/Size"), function.get("/Range"), function.get("/BitsPerSample")
    if not isinstance(sizes, Array) or not isinstance(ranges, Array) or bits not in (1, 2, 4, 8, 12, 16, 24, 32):
        raise ValueError("a colour function in the PDF has no size the copy can work out; it is refused")
    count = len(ranges) // 2
    for size in sizes:
        if not isinstance(size, int) or size <= 0:
            raise ValueError("a colour function in the PDF has no size the copy can work out; it is refused")
        count *= size
    return data[: (count * int(bits) + 7) // 8]


def plain(value: Any, text: bool, depth: int) -> Any:
    if depth > MAX_DEPTH:
        raise ValueError("the PDF nests its values too deeply to be checked")
    if isinstance(value, bool | int | float | Decimal) or value is None:
        return value
    if isinstance(value, Name):
        return value if is_standard(value) else None  # a name the writer chose (locker.share.pdf_names)
    if text and isinstance(value, pikepdf.String):
        return pikepdf.String(bytes(value))
    if isinstance(value, Array):
        items = [plain(v, text, depth + 1) for v in value]
        if any(i is None for i, v in zip(items, value, strict=True) if v is not None):
            return None
        return Array(items)
    return None


def keys_of(value: Any) -> list[str]:
    return [str(k) for k in list(value.keys())]
