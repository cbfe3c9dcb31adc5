"""Writing BagIt 1.0 (RFC 8493) tag files: manifests, bag-info, tag manifest.

Our own writer because bagit-python writes version 0.97; bagit-python is still what the tests validate with.
"""

from __future__ import annotations

from collections.abc import Iterable

BAGIT_TXT = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"


def encode_path(relative: str) -> str:
    """RFC 8493 section 2.1.3: percent-encode %, CR and LF in manifest paths."""
    return relative.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def manifest_text(entries: Iterable[tuple[str, str]]) -> str:
    """'<checksum> <path>' lines, sorted by path, for (path, checksum) pairs."""
    return "".join(f"{digest} {encode_path(path)}\n" for path, digest in sorted(entries))


def bag_info_text(fields: list[tuple[str, str]]) -> str:
    """Labels and values, one per line; values never contain line breaks (they would start a new field)."""
    lines = []
    for label, value in fields:
        clean = " ".join(value.split())
        lines.append(f"{label}: {clean}\n")
    return "".join(lines)
