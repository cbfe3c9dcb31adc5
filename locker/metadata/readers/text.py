"""Plain text: it has no metadata of its own; what is recorded is its size in lines and characters and whether it
is valid UTF-8 (line breaks, bytes), so "no reader" is never said of a file that was looked at."""

from __future__ import annotations

from typing import IO

from locker.metadata.readers.base import ReaderResult

MAX_BYTES = 64 * 1024 * 1024
CHUNK = 1024 * 1024


def read_text(f: IO[bytes], media_type: str) -> ReaderResult:
    result = ReaderResult()
    f.seek(0)
    lines = 0
    size = 0
    tail = b""
    valid = True
    while size < MAX_BYTES:
        chunk = f.read(CHUNK)
        if not chunk:
            break
        size += len(chunk)
        lines += chunk.count(b"\n")
        data = tail + chunk
        try:
            data.decode("utf-8")
            tail = b""
        except UnicodeDecodeError as exc:
            if exc.start < len(data) - 3:
                valid = False
            tail = data[exc.start :] if exc.start >= len(data) - 3 else b""
    result.raw["text"] = {"bytes_read": size, "line_breaks": lines, "utf8": valid and not tail}
    return result
