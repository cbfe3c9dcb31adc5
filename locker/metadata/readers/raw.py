"""Raw camera files (DNG, CR2, NEF, ARW): TIFF structures, so exifread reads their EXIF and GPS; the sensor data is
never decoded. Their embedded JPEG previews are found by walking the TIFF directories, with hard limits."""

from __future__ import annotations

import struct
from typing import IO

from locker.metadata.readers.base import ReaderResult
from locker.metadata.readers.images import read_exifread

MAX_IFDS = 64
MAX_ENTRIES = 1024
MAX_PREVIEW = 32 * 1024 * 1024
_SUB_IFDS = 0x014A
_EXIF_IFD = 0x8769
_JPEG_OFFSET, _JPEG_LENGTH = 0x0201, 0x0202
_STRIP_OFFSETS, _STRIP_COUNTS, _COMPRESSION = 0x0111, 0x0117, 0x0103
_TYPE_SIZES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4}


def read_raw(f: IO[bytes], media_type: str) -> ReaderResult:
    result = ReaderResult()
    read_exifread(f, result)
    previews = preview_spans(f)
    result.raw["previews"] = [{"offset": offset, "length": length} for offset, length in previews]
    return result


def _values(f: IO[bytes], endian: str, kind: int, count: int, inline: bytes) -> list[int]:
    size = _TYPE_SIZES.get(kind, 0) * count
    if kind not in (3, 4, 13) or count > 64:
        return []
    if size > 4:
        f.seek(struct.unpack(endian + "I", inline)[0])
        data = f.read(size)
    else:
        data = inline[:size]
    code = "H" if kind == 3 else "I"
    if len(data) < size:
        return []
    return list(struct.unpack(f"{endian}{count}{code}", data))


def preview_spans(f: IO[bytes]) -> list[tuple[int, int]]:
    """(offset, length) of every JPEG a TIFF-based file carries in its directories (IFD chain, SubIFDs, EXIF)."""
    f.seek(0)
    header = f.read(8)
    if header[:4] not in (b"II*\x00", b"MM\x00*"):
        return []
    endian = "<" if header[:2] == b"II" else ">"
    queue = [struct.unpack(endian + "I", header[4:8])[0]]
    seen: set[int] = set()
    spans: list[tuple[int, int]] = []
    while queue and len(seen) < MAX_IFDS:
        offset = queue.pop(0)
        if offset == 0 or offset in seen:
            continue
        seen.add(offset)
        f.seek(offset)
        count_bytes = f.read(2)
        if len(count_bytes) < 2:
            continue
        (count,) = struct.unpack(endian + "H", count_bytes)
        tags: dict[int, list[int]] = {}
        body = f.read(12 * min(count, MAX_ENTRIES) + 4)
        for index in range(min(count, MAX_ENTRIES, len(body) // 12)):
            tag, kind, number = struct.unpack(endian + "HHI", body[index * 12 : index * 12 + 8])
            tags[tag] = _values(f, endian, kind, number, body[index * 12 + 8 : index * 12 + 12])
        if len(body) >= 12 * min(count, MAX_ENTRIES) + 4:
            queue.append(struct.unpack(endian + "I", body[-4:])[0])
        queue.extend(tags.get(_SUB_IFDS, []) + tags.get(_EXIF_IFD, []))
        if tags.get(_JPEG_OFFSET) and tags.get(_JPEG_LENGTH):
            spans.append((tags[_JPEG_OFFSET][0], tags[_JPEG_LENGTH][0]))
        elif tags.get(_COMPRESSION) in ([6], [7]) and len(tags.get(_STRIP_OFFSETS, [])) == 1 == len(
            tags.get(_STRIP_COUNTS, [])
        ):
            spans.append((tags[_STRIP_OFFSETS][0], tags[_STRIP_COUNTS][0]))
    return spans


def largest_preview(f: IO[bytes]) -> bytes | None:
    """The largest embedded JPEG (by length, within MAX_PREVIEW) that really starts like a JPEG."""
    best: bytes | None = None
    for offset, length in sorted(preview_spans(f), key=lambda span: span[1], reverse=True):
        if not 0 < length <= MAX_PREVIEW:
            continue
        f.seek(offset)
        data = f.read(length)
        if data.startswith(b"\xff\xd8\xff"):
            best = data
            break
    return best
