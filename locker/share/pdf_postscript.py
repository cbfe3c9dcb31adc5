"""The two PostScript-like texts a PDF share copy keeps, written anew from what they mean.

A type 4 (calculator) function keeps only numbers, braces and the operators ISO 32000-2 7.10.5 allows; a string, a
name or anything else refuses the copy. A CMap (a font's ToUnicode map, or an encoding CMap) is parsed into its
code space, its character and range mappings and its CID mappings, and a fresh CMap is written with neutral names:
its comments, its CIDSystemInfo strings and its own name are not copied.
"""

from __future__ import annotations

import re

_CALCULATOR_OPERATORS_WORDS = (
    "abs add atan ceiling cos cvi cvr div exp floor idiv ln log mod mul neg round sin sqrt sub "
    "truncate and bitshift eq false ge gt le lt ne not or true xor copy dup exch index pop roll if ifelse"
)
_CALCULATOR_OPERATORS = frozenset(_CALCULATOR_OPERATORS_WORDS.split())
_CALCULATOR_TOKEN = re.compile(rb"\s*(?:(%[^\r\n]*)|([{}])|([+\-]?(?:\d+\.?\d*|\.\d+))|([A-Za-z]+)|(\S))")
_CMAP_TOKEN = re.compile(rb"%[^\r\n]*|<([0-9A-Fa-f\s]*)>|(\[)|(\])|([+\-]?\d+)|([A-Za-z]+)|\S")
_SECTIONS = {b"codespacerange": 2, b"bfchar": 2, b"bfrange": 3, b"cidchar": 2, b"cidrange": 3, b"notdefchar": 2,
             b"notdefrange": 3}  # fmt: skip
_CHUNK = 100  # a CMap section holds at most 100 entries


def calculator(data: bytes) -> bytes:
    tokens = []
    for match in _CALCULATOR_TOKEN.finditer(data):
        comment, brace, number, word, other = match.groups()
        if comment is not None:
            continue
        if other is not None or (word is not None and word.decode() not in _CALCULATOR_OPERATORS):
            raise ValueError("a colour function in the PDF holds more than arithmetic; the copy is refused")
        tokens.append(brace or number or word)
    if data.strip() and not tokens:
        raise ValueError("a colour function in the PDF could not be read; the copy is refused")
    return b" ".join(tokens)


def cmap(data: bytes, wmode: int = 0) -> bytes:
    sections: dict[bytes, list[list[bytes | list[bytes]]]] = {name: [] for name in _SECTIONS}
    current: bytes | None = None
    entry: list[bytes | list[bytes]] = []
    array: list[bytes] | None = None
    for match in _CMAP_TOKEN.finditer(data):
        hexa, opening, closing, number, word = match.groups()
        if word is not None and word.startswith(b"begin") and word[5:] in _SECTIONS:
            current, entry = word[5:], []
        elif word is not None and word.startswith(b"end") and word[3:] == current:
            current = None
        elif current is None:
            continue
        elif opening is not None:
            array = []
        elif closing is not None and array is not None:
            entry.append(array)
            array = None
        elif hexa is not None or number is not None:
            value = b"<" + re.sub(rb"\s", b"", hexa).lower() + b">" if hexa is not None else number
            if array is not None:
                array.append(value)
                continue
            entry.append(value)
        else:
            raise ValueError("a font's character map in the PDF holds more than mappings; the copy is refused")
        if current is not None and len(entry) == _SECTIONS[current]:
            sections[current].append(entry)
            entry = []
    return _written(sections, wmode)


def _written(sections: dict[bytes, list[list[bytes | list[bytes]]]], wmode: int) -> bytes:
    cid = bool(sections[b"cidchar"] or sections[b"cidrange"])
    lines = [b"/CIDInit /ProcSet findresource begin", b"12 dict begin", b"begincmap",
             b"/CIDSystemInfo << /Registry (Adobe) /Ordering (" + (b"Identity" if cid else b"UCS") + b") "
             b"/Supplement 0 >> def",
             b"/CMapName /Adobe-Identity-" + (b"H" if cid else b"UCS") + b" def",
             b"/CMapType " + (b"1" if cid else b"2") + b" def"]  # fmt: skip
    if wmode == 1:
        lines.append(b"/WMode 1 def")
    for name in _SECTIONS:
        entries = sections[name]
        for start in range(0, len(entries), _CHUNK):
            chunk = entries[start : start + _CHUNK]
            lines.append(b"%d begin" % len(chunk) + name)
            lines.extend(b" ".join(_item(i) for i in e) for e in chunk)
            lines.append(b"end" + name)
    lines += [b"endcmap", b"CMapName currentdict /CMap defineresource pop", b"end", b"end"]
    return b"\n".join(lines) + b"\n"


def _item(item: bytes | list[bytes]) -> bytes:
    return b"[" + b" ".join(item) + b"]" if isinstance(item, list) else item
