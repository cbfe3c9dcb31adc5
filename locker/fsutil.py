"""Safe file helpers: every directory and file the locker creates goes through here.

Directories are created 0o700 and files 0o600, because a vault's folder names and sizes already say something
about its owner. File names from outside are sanitised by one function, `sanitise_filename`.
"""

from __future__ import annotations

import json
import os
import stat
import unicodedata
from pathlib import Path

MAX_NAME_BYTES = 200

# Characters that reorder or hide text: a name like "photo\u202egpj.exe" must not display as "photoexe.jpg".
_INVISIBLE_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"COM{i}" for i in range(1, 10)} | {f"LPT{i}" for i in range(1, 10)}
_FORBIDDEN = set('/\\:*?"<>|')


def sanitise_filename(untrusted_name: str, fallback: str = "file") -> str:
    """Return a base name safe to store, show and later write on any common file system.

    Keeps only the last path component (a full path like /home/ivan/... identifies the user), drops control,
    format (bidi, zero-width) and separator characters, avoids reserved Windows names and caps the UTF-8 length.
    """
    name = untrusted_name.replace("\\", "/").rsplit("/", 1)[-1]
    name = unicodedata.normalize("NFC", name)
    cleaned = "".join(
        "_" if ch in _FORBIDDEN else ch for ch in name if unicodedata.category(ch) not in _INVISIBLE_CATEGORIES
    )
    cleaned = cleaned.strip(" .")
    if not cleaned:
        cleaned = fallback
    stem, dot, ext = cleaned.partition(".")
    if stem.upper() in _WINDOWS_RESERVED:
        cleaned = f"_{stem}{dot}{ext}"
    return _cap_utf8(cleaned, MAX_NAME_BYTES)


def display_name(path: Path) -> str:
    """`path`'s last component as valid UTF-8 text: bytes that are not UTF-8 (names from other systems, old
    cameras, FAT cards) become U+FFFD, so the name can be shown, logged in the custody log and sent as JSON."""
    return os.fsencode(path.name).decode("utf-8", "replace")


def _cap_utf8(name: str, limit: int) -> str:
    if len(name.encode("utf-8")) <= limit:
        return name
    base, dot, ext = name.rpartition(".")
    if not dot or len(ext.encode("utf-8")) > 16:
        base, ext = name, ""
    suffix = f".{ext}" if ext else ""
    budget = limit - len(suffix.encode("utf-8"))
    encoded = base.encode("utf-8")[:budget]
    return encoded.decode("utf-8", errors="ignore") + suffix


def make_private_dir(path: Path) -> None:
    """Create `path` (and parents) readable by the owner only; tighten it if it already exists."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(path, 0o700)


def create_private_file(path: Path) -> int:
    """Create a new file 0o600 and return its descriptor; fail if anything already exists there."""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
    return os.open(path, flags, 0o600)


def fsync_dir(path: Path) -> None:
    """Make a directory entry change (create, unlink) durable. Not possible on Windows; skipped there."""
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def is_regular_file(path: Path) -> bool:
    """True for a regular file that is not a symlink (we never follow links out of a folder being imported)."""
    try:
        st = path.lstat()
    except OSError:
        return False
    return stat.S_ISREG(st.st_mode)


def write_private_json(path: Path, data: object) -> None:
    """Write `data` as JSON to a new 0o600 file beside `path`, fsync it and rename it into place, so a reader sees
    the old list or the new one, never half of one; the folder is made private too."""
    make_private_dir(path.parent)
    temp = path.with_name(f".{path.name}.new")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o600)
    os.fchmod(fd, 0o600)  # a leftover temporary file keeps its old mode otherwise
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=2)
        fh.flush()
        os.fsync(fh.fileno())
    temp.replace(path)
