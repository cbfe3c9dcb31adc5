"""Counting copies of a byte string in another process's readable memory (Linux /proc/<pid>/mem)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path


def _mappings(pid: int) -> Iterator[tuple[str, int, bytes]]:
    """(mapping line, start address, contents) of every readable mapping of `pid`."""
    with open(f"/proc/{pid}/mem", "rb", buffering=0) as mem:
        for line in Path(f"/proc/{pid}/maps").read_text().splitlines():
            match = re.match(r"([0-9a-f]+)-([0-9a-f]+) (r)", line)
            if not match or "[vvar]" in line or "[vsyscall]" in line:
                continue
            start, end = int(match.group(1), 16), int(match.group(2), 16)
            try:
                mem.seek(start)
                data = mem.read(end - start)
            except OSError:
                continue
            yield line, start, data


def count_in_memory(pid: int, needles: list[bytes]) -> list[int]:
    """How many times each needle occurs in `pid`'s readable mappings (one pass over the memory)."""
    hits = [0] * len(needles)
    for _line, _start, data in _mappings(pid):
        for i, needle in enumerate(needles):
            hits[i] += data.count(needle)
    return hits


def find_in_memory(pid: int, needle: bytes, context: int = 32) -> list[tuple[str, int, bytes]]:
    """Where `needle` occurs: (mapping name, address, the bytes around it), for finding who left a copy."""
    found = []
    for line, start, data in _mappings(pid):
        at = data.find(needle)
        while at >= 0:
            name = line.split()[5] if len(line.split()) > 5 else "[anonymous]"
            found.append((name, start + at, data[max(0, at - context) : at + len(needle) + context]))
            at = data.find(needle, at + 1)
    return found
