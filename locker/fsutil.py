"""Safe file helpers: every directory and file the locker creates goes through here.

Directories are created 0o700 and files 0o600, whatever the umask, because a vault's folder names and sizes already
say something about its owner, and a bundle or share copy holds evidence. `create_private_file` makes a new file
with O_EXCL: never over an existing file, never through a symbolic link. File names from outside are sanitised by
one function, `sanitise_filename`.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import unicodedata
from pathlib import Path
from typing import BinaryIO, cast

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


PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700


def make_private_dir(path: Path) -> None:
    """Create `path` readable by the owner only, and every missing parent likewise (mkdir's `parents` would make
    them with the umask's mode); tighten `path` if it already exists. Existing parents are left as they are."""
    missing = []
    for folder in (path, *path.parents):
        if os.path.lexists(folder):
            break
        missing.append(folder)
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):  # another writer made it meanwhile
            folder.mkdir(mode=PRIVATE_DIR_MODE)
        os.chmod(folder, PRIVATE_DIR_MODE)
    if not path.is_dir():
        raise NotADirectoryError(f"{path} is not a folder")
    os.chmod(path, PRIVATE_DIR_MODE)


def create_private_file(path: Path) -> int:
    """Create a new file 0o600 and return its descriptor (read-write); fail if anything already exists there,
    a symbolic link included."""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, PRIVATE_FILE_MODE)
    if os.name == "posix":
        os.fchmod(fd, PRIVATE_FILE_MODE)  # an unusual umask (0o200) cannot leave it read-only either
    return fd


def open_private_file(path: Path) -> BinaryIO:
    """`create_private_file` as a buffered binary file, readable and writable (zip and 7z writers seek back)."""
    fd = create_private_file(path)
    try:
        return cast(BinaryIO, os.fdopen(fd, "w+b"))
    except BaseException:
        os.close(fd)
        raise


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
    the old contents or the new ones, never half of them; the folder is made private too."""
    make_private_dir(path.parent)
    temp = path.with_name(f".{path.name}.new")
    with contextlib.suppress(FileNotFoundError):
        temp.unlink()  # left by a crash: a new file is made, so its old mode or owner cannot carry over
    with os.fdopen(create_private_file(temp), "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=2)
        fh.flush()
        os.fsync(fh.fileno())
    temp.replace(path)
