"""RTF documents: the {\\info} group (author, operator, title, company, creation and revision times).

Read as bytes with bounded regular expressions; RTF is never rendered.
"""

from __future__ import annotations

import re
from typing import IO

from locker.metadata.readers.base import ReaderResult

MAX_BYTES = 4 * 1024 * 1024
_TEXT_FIELDS = ("author", "operator", "title", "subject", "company", "manager", "keywords", "comment", "doccomm")
_TIME_FIELDS = ("creatim", "revtim", "printim")
_TIME_PART = re.compile(rb"\\(yr|mo|dy|hr|min|sec)(\d+)")


def _unescape(value: bytes) -> str:
    """RTF text: \\'hh escapes in the document's code page (cp1252 unless stated), \\uN Unicode escapes."""
    text = re.sub(rb"\\'([0-9a-fA-F]{2})", lambda m: bytes([int(m.group(1), 16)]), value)
    decoded = text.decode("cp1252", "replace")
    decoded = re.sub(r"\\u(-?\d+)\??", lambda m: chr(int(m.group(1)) % 65536), decoded)
    return re.sub(r"\\[a-z]+-?\d* ?", "", decoded).strip()


def read_rtf(f: IO[bytes], media_type: str) -> ReaderResult:
    result = ReaderResult()
    f.seek(0)
    data = f.read(MAX_BYTES)
    info: dict[str, str] = {}
    for name in _TEXT_FIELDS:
        match = re.search(rb"\{\\" + name.encode() + rb"\s([^{}]{0,4000})\}", data)
        if match:
            info[name] = _unescape(match.group(1))
    for name in _TIME_FIELDS:
        match = re.search(rb"\{\\" + name.encode() + rb"((?:\\[a-z]+\d+\s?){1,6})\}", data)
        if match:
            parts = {k.decode(): int(v) for k, v in _TIME_PART.findall(match.group(1))}
            if {"yr", "mo", "dy"} <= parts.keys():
                info[name] = (
                    f"{parts['yr']:04d}-{parts['mo']:02d}-{parts['dy']:02d}"
                    f"T{parts.get('hr', 0):02d}:{parts.get('min', 0):02d}:{parts.get('sec', 0):02d}"
                )
    result.raw["rtf_info"] = info
    result.offer("author", info.get("author") or info.get("operator"))
    result.offer("title", info.get("title"))
    result.offer("description", info.get("subject") or info.get("doccomm"))
    return result
