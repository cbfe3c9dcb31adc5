"""User-data atoms of MP4/MOV/3GP files read directly, for what FFmpeg does not surface.

FFmpeg maps the common QuickTime atoms (©xyz, ©mak, ...) to metadata, but not the 3GPP asset atoms that Android
phones and older camera phones write into moov/udta: 'titl', 'auth', 'dscp', 'perf', 'gnre', 'yrrc' and 'loci'
(a GPS position). This walks only the box headers on the way to moov/udta, with hard limits on count and size.
"""

from __future__ import annotations

import struct
from typing import IO, Any

MAX_BOXES = 4096
MAX_ATOM = 1 << 20
_CONTAINERS = {b"moov", b"udta", b"trak"}
_STRING_ATOMS = {b"titl", b"auth", b"dscp", b"perf", b"gnre", b"cprt", b"albm", b"kywd"}


def _boxes(f: IO[bytes], start: int, end: int, budget: list[int]) -> list[tuple[bytes, int, int]]:
    """(type, payload offset, payload size) of the boxes in [start, end)."""
    found = []
    offset = start
    while offset + 8 <= end and budget[0] > 0:
        budget[0] -= 1
        f.seek(offset)
        header = f.read(16)
        if len(header) < 8:
            break
        size, kind = struct.unpack(">I4s", header[:8])
        header_size = 8
        if size == 1 and len(header) == 16:
            size = struct.unpack(">Q", header[8:16])[0]
            header_size = 16
        elif size == 0:
            size = end - offset
        if size < header_size or offset + size > end:
            break
        found.append((kind, offset + header_size, size - header_size))
        offset += size
    return found


def _string_3gpp(payload: bytes) -> str:
    """version/flags (4), language (2), then a UTF-8 or UTF-16 (with BOM) string."""
    text = payload[6:]
    if text.startswith(b"\xfe\xff"):
        return text[2:].decode("utf-16-be", "replace").rstrip("\x00")
    return text.split(b"\x00", 1)[0].decode("utf-8", "replace")


def _loci(payload: bytes) -> dict[str, Any]:
    """3GPP location: version/flags, language, name\\0, role, longitude, latitude, altitude (16.16 fixed point)."""
    name, _, rest = payload[6:].partition(b"\x00")
    if len(rest) < 13:
        return {"name": name.decode("utf-8", "replace")}
    longitude, latitude, altitude = struct.unpack(">iii", rest[1:13])
    return {
        "name": name.decode("utf-8", "replace"),
        "longitude": longitude / 65536,
        "latitude": latitude / 65536,
        "altitude": altitude / 65536,
    }


def read_udta_atoms(f: IO[bytes], file_size: int) -> dict[str, Any]:
    """Atoms found in moov/udta and moov/trak/udta, decoded where their format is known."""
    atoms: dict[str, Any] = {}
    budget = [MAX_BOXES]

    def walk(start: int, end: int, in_udta: bool) -> None:
        for kind, payload_at, payload_size in _boxes(f, start, end, budget):
            if kind in _CONTAINERS:
                walk(payload_at, payload_at + payload_size, kind == b"udta")
            elif in_udta and payload_size <= MAX_ATOM:
                f.seek(payload_at)
                payload = f.read(payload_size)
                name = kind.decode("latin-1")
                if kind in _STRING_ATOMS:
                    atoms[name] = _string_3gpp(payload)
                elif kind == b"loci":
                    atoms[name] = _loci(payload)
                else:
                    atoms[name] = {"length": payload_size, "hex": payload[:256].hex()}

    walk(0, file_size, False)
    return atoms
