"""Turning parser output (bytes, ratios, tuples, custom tag objects) into a bounded JSON-safe raw dump."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

MAX_BYTES_SHOWN = 4096
MAX_STRING = 65536
MAX_ITEMS = 2000
MAX_DEPTH = 8


def jsonable(value: Any, depth: int = 0) -> Any:
    """A JSON-safe copy. Binary is hex (long binary is cut and its length kept); floats stay finite."""
    if depth > MAX_DEPTH:
        return "<nested too deep>"
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, Fraction):
        return float(value) if value.denominator else str(value)
    if isinstance(value, str):
        return value[:MAX_STRING]
    if isinstance(value, bytes | bytearray | memoryview):
        data = bytes(value)
        shown = data[:MAX_BYTES_SHOWN].hex()
        return {"hex": shown, "length": len(data)} if len(data) > MAX_BYTES_SHOWN else {"hex": shown}
    if isinstance(value, dict):
        return {str(k)[:256]: jsonable(v, depth + 1) for k, v in list(value.items())[:MAX_ITEMS]}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v, depth + 1) for v in list(value)[:MAX_ITEMS]]
    num, den = getattr(value, "num", None), getattr(value, "den", None)  # exifread's Ratio
    if isinstance(num, int) and isinstance(den, int):
        return num / den if den else f"{num}/0"
    return str(value)[:MAX_STRING]
