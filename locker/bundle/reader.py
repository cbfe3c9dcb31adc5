"""Reading a received bundle, as a folder or a zip (plain, or decrypted from .age on the fly), without
extracting it anywhere.

A bundle comes from a stranger. In a folder bundle nothing is followed: a symbolic link, FIFO, device or socket
is listed as irregular (and makes the bundle invalid) and is never opened; every file is opened component by
component with O_NOFOLLOW and checked to be a regular file, so a link cannot point verify at /dev/zero or at a
file outside the bundle, and a FIFO cannot make it wait forever. In a zip, a member whose Unix mode says link,
device, FIFO or socket is listed as irregular the same way and never read; names that are absolute, hold '..'
or appear twice (also after Unicode normalisation and case folding), and sizes or compression beyond the limits
below, make the zip unreadable (LockerError).

Python's zipfile is not the only zip reader: the lawyer extracts with unzip, 7-Zip, Windows or macOS. So that all
of them see the same files, a zip is also refused (check_zip_layout, reading headers only) when a member carries
an extra field outside a short list (Info-ZIP's Unicode Path, 0x7075, which zipfile ignores and the others honour,
renames a member for them), a local header disagrees with the central directory, a folder entry holds data, or
any byte of the archive is not accounted for: members must follow each other from offset 0 to the central
directory, with no gap, overlap or prefix, and the end records must follow it to the end of the file.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import struct
import unicodedata
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Protocol

from locker.bundle.errors import BundleDamaged, NotABundle

#: Files read whole into memory (tag files, manifests, the custody log, signatures); payload is streamed.
MAX_READ = 64 * 1024 * 1024
# Zip bombs: a bundle made by `locker export` is stored (ratio 1:1) and holds a few files per item. Real
# evidence can be large, so size alone is no sign of a bomb; a big member that inflates over 1000:1 is (video
# and photos do not compress like that), and so is a whole archive that claims over 100x its own size.
MAX_MEMBERS = 100_000
MAX_RATIO = 1000
MAX_TOTAL_RATIO = 100
SMALL = 64 * 1024 * 1024  # below this, any ratio is harmless: it is read in bounded chunks anyway
#: Stored and deflate are what `locker export`, 7-Zip, Windows and macOS write; anything else is refused.
ZIP_METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate"}
#: Extra fields that Python's zipfile (`locker export`: zip64 in local headers), Info-ZIP, 7-Zip, Windows and macOS
#: write, and that change no name or byte a reader extracts. Any other is refused: notably 0x7075 (Info-ZIP
#: Unicode Path), which zipfile ignores while unzip and 7-Zip extract the member under the name it gives.
ZIP_EXTRA_IDS = {0x0001: "zip64", 0x000A: "NTFS times", 0x5455: "extended timestamp", 0x7875: "Info-ZIP Unix ids"}
KNOWN_EXTRA_IDS = {0x7075: "Info-ZIP Unicode Path", 0x6375: "Info-ZIP Unicode Comment", 0x9901: "WinZip AES"}

Digests = tuple[str, str, int]


class Bag(Protocol):
    """What `verify` needs from a bundle, whatever its form."""

    irregular: list[str]

    def files(self) -> list[str]: ...

    def exists(self, relative: str) -> bool: ...

    def read(self, relative: str) -> bytes: ...

    def digests(self, relative: str) -> Digests: ...

    def close(self) -> None: ...


def check_member_name(name: str, seen: set[str]) -> None:
    """Refuse names a bag never holds: absolute, with '..', with backslashes or NUL, or given twice."""
    parts = name.rstrip("/").split("/")
    if name.startswith("/") or ".." in parts or "\\" in name or "\x00" in name or (len(name) > 1 and name[1] == ":"):
        raise BundleDamaged(details=f"The bundle names a file outside itself: {name!r}")
    if name in seen:
        raise BundleDamaged(details=f"The bundle holds two files named {name!r}.")
    # macOS and Windows treat names equal after normalisation and case folding as one: one would overwrite the
    # other on extraction. The folded form is kept in `seen` behind a NUL, which no accepted name holds.
    folded = "\x00" + unicodedata.normalize("NFC", unicodedata.normalize("NFC", name.rstrip("/")).casefold())
    if folded in seen:
        raise BundleDamaged(
            details=f"The bundle holds {name!r} and another name that differs only in case or Unicode form."
        )
    seen.add(name)
    seen.add(folded)


def check_totals(count: int, total: int, archive_size: int) -> None:
    if count > MAX_MEMBERS:
        raise BundleDamaged(details=f"The bundle holds {count} files, more than the {MAX_MEMBERS} verify accepts.")
    if total > MAX_TOTAL_RATIO * archive_size + SMALL:
        raise BundleDamaged(details=f"The bundle claims {total} bytes unpacked from {archive_size}: refused as a bomb.")


def is_irregular(unix_mode: int) -> bool:
    """True for a link, device, FIFO or socket; a mode of 0 (written on Windows) means a plain file."""
    kind = stat.S_IFMT(unix_mode)
    return kind not in (0, stat.S_IFREG, stat.S_IFDIR)


def digest_chunks(chunks: Iterator[bytes]) -> Digests:
    h256, h512 = hashlib.sha256(), hashlib.sha512()
    size = 0
    for data in chunks:
        h256.update(data)
        h512.update(data)
        size += len(data)
    return h256.hexdigest(), h512.hexdigest(), size


def open_regular_file(path: Path) -> IO[bytes]:
    """The bundle file itself, opened only if it is a regular file (a FIFO would block verify forever)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise NotABundle(path=str(path))
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def zip_extra_fields(extra: bytes, name: str, where: str) -> dict[int, bytes]:
    """The extra fields of one header by id; an unlisted, repeated or malformed one makes the zip unreadable."""
    fields: dict[int, bytes] = {}
    pos = 0
    while pos < len(extra):
        if pos + 4 > len(extra) or pos + 4 + struct.unpack_from("<H", extra, pos + 2)[0] > len(extra):
            raise BundleDamaged(details=f"The bundle's {name} has a malformed zip extra field in its {where}.")
        field, size = struct.unpack_from("<HH", extra, pos)
        if field not in ZIP_EXTRA_IDS or field in fields:
            label = KNOWN_EXTRA_IDS.get(field, "repeated" if field in fields else "not accepted")
            raise BundleDamaged(
                details=f"The bundle's {name} carries zip extra field {field:#06x} ({label}) in its {where}: "
                "other tools "
                "could extract other names or bytes than verify reads."
            )
        fields[field] = extra[pos + 4 : pos + 4 + size]
        pos += 4 + size
    return fields


def _read_exact(fh: IO[bytes], offset: int, size: int) -> bytes:
    fh.seek(offset)
    data = fh.read(size)
    if len(data) != size:
        raise BundleDamaged(details="The zip bundle ends inside a header: it is truncated or damaged.")
    return data


def _zip_end(fh: IO[bytes], archive_size: int) -> tuple[int, int, int]:
    """(central directory offset, its size, member count) from the end records, which must end the file exactly;
    found as zipfile finds them (the last end record signature; a zip64 record right before its locator)."""
    tail_start = max(0, archive_size - (22 + 0xFFFF))
    tail = _read_exact(fh, tail_start, archive_size - tail_start)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + 22 > len(tail):
        raise BundleDamaged(details="The zip bundle has no end of central directory record.")
    disk, cd_disk, on_disk, total, cd_size, cd_offset, comment = struct.unpack_from("<4H2LH", tail, at + 4)
    location = tail_start + at
    if location + 22 + comment != archive_size:
        raise BundleDamaged(details="The zip bundle has bytes after its end record that no member accounts for.")
    cd_end = location
    locator = _read_exact(fh, location - 20, 20) if location >= 20 else b""
    if locator[:4] == b"PK\x06\x07":
        cd_end = location - 20 - 56
        record = _read_exact(fh, cd_end, 56) if cd_end >= 0 else b""
        (z64_disk, z64_offset, disks) = struct.unpack_from("<LQL", locator, 4)
        if record[:4] != b"PK\x06\x06" or z64_offset != cd_end or z64_disk or disks != 1:
            raise BundleDamaged(details="The zip bundle's zip64 end records do not agree.")
        size, _, _, disk, cd_disk, on_disk, total, cd_size, cd_offset = struct.unpack_from("<Q2H2L4Q", record, 4)
        if size != 44:
            raise BundleDamaged(details="The zip bundle's zip64 end record has an unexpected size.")
    if disk or cd_disk or on_disk != total:
        raise BundleDamaged(details="The zip bundle spans several disks, which verify does not read.")
    if cd_offset + cd_size != cd_end:
        raise BundleDamaged(details="The zip bundle's central directory is not where its end record says (a prefix?).")
    return cd_offset, cd_size, total


def _descriptor_end(fh: IO[bytes], info: zipfile.ZipInfo, offset: int, wide: bool) -> int:
    """Where the data descriptor at `offset` ends; its CRC and sizes must be the central directory's."""
    fmt = "<LQQ" if wide else "<LLL"
    size = struct.calcsize(fmt)
    data = _read_exact(fh, offset, min(4 + size, max(0, fh.seek(0, os.SEEK_END) - offset)))
    for start in (4, 0) if data[:4] == b"PK\x07\x08" else (0,):
        if len(data) >= start + size and struct.unpack_from(fmt, data, start) == (
            info.CRC,
            info.compress_size,
            info.file_size,
        ):
            return offset + start + size
    raise BundleDamaged(
        details=f"The bundle's {info.filename} has a data descriptor that disagrees with the central directory."
    )


def check_zip_layout(fh: IO[bytes], archive: zipfile.ZipFile, archive_size: int) -> None:
    """Every byte of the zip accounted for, from headers only: members back to back from offset 0, each local
    header naming what the central directory names, then the central directory, then its end records."""
    infos = archive.infolist()
    cd_offset, cd_size, total = _zip_end(fh, archive_size)
    start_dir = getattr(archive, "start_dir")  # noqa: B009 - set by zipfile, not in its type stubs
    if cd_offset != start_dir or total != len(infos):
        raise BundleDamaged(details="The zip bundle's end record disagrees with its central directory (a prefix?).")
    raw_names = {id(i): i.orig_filename.encode("utf-8" if i.flag_bits & 0x800 else "cp437") for i in infos}
    if sum(46 + len(raw_names[id(i)]) + len(i.extra) + len(i.comment) for i in infos) != cd_size:
        raise BundleDamaged(details="The zip bundle's central directory holds more than its members.")
    position = 0
    for info in sorted(infos, key=lambda i: i.header_offset):
        if info.header_offset != position:
            kind = "overlap" if info.header_offset < position else "bytes no member accounts for"
            raise BundleDamaged(
                details=f"The zip bundle's members {kind} (at offset {min(position, info.header_offset)})."
            )
        head = _read_exact(fh, position, 30)
        signature, _, flags, method, _, _, crc, packed, unpacked, name_size, extra_size = struct.unpack(
            "<4s5H3L2H", head
        )
        if signature != b"PK\x03\x04":
            raise BundleDamaged(
                details=f"The bundle's {info.filename} has no local header where the central directory says."
            )
        name = _read_exact(fh, position + 30, name_size)
        if name != raw_names[id(info)] or (flags ^ info.flag_bits) & 0x0809 or method != info.compress_type:
            raise BundleDamaged(
                details=f"The bundle's {info.filename} has a local header unlike its central directory entry."
            )
        extra = zip_extra_fields(_read_exact(fh, position + 30 + name_size, extra_size), info.filename, "local header")
        end = position + 30 + name_size + extra_size + info.compress_size
        if flags & 0x08:
            end = _descriptor_end(fh, info, end, 0x0001 in extra)
        else:
            z64 = extra.get(0x0001, b"")
            wide = [struct.unpack_from("<Q", z64, n)[0] for n in range(0, len(z64) - 7, 8)]
            if unpacked == 0xFFFFFFFF and wide:
                unpacked = wide.pop(0)
            if packed == 0xFFFFFFFF and wide:
                packed = wide.pop(0)
            if (crc, packed, unpacked) != (info.CRC, info.compress_size, info.file_size):
                raise BundleDamaged(
                    details=f"The bundle's {info.filename} has local sizes unlike its central directory entry."
                )
        position = end
    if position != start_dir:
        kind = "overlaps" if position > start_dir else "follows bytes no member accounts for"
        raise BundleDamaged(details=f"The zip bundle's central directory {kind}.")


class BagReader:
    """Files of a bag by their path relative to the bag's top folder ('data/items/...').

    `source` is an already opened zip (the plaintext of an .age bundle); without it, `untrusted_path` is a
    folder or a .zip file.
    """

    MAX_READ = MAX_READ

    def __init__(self, untrusted_path: Path, source: IO[bytes] | None = None) -> None:
        self._zip: zipfile.ZipFile | None = None
        self._root = untrusted_path
        self._prefix = ""
        self._members: dict[str, zipfile.ZipInfo] = {}
        self._source: IO[bytes] | None = None
        #: Entries that are not regular files or folders (links, FIFOs, devices, sockets): never opened.
        self.irregular: list[str] = []
        if source is None and untrusted_path.is_dir() and not untrusted_path.is_symlink():
            return
        fh = self._source = source if source is not None else open_regular_file(untrusted_path)
        try:
            self._zip = zipfile.ZipFile(fh)
            archive_size = fh.seek(0, os.SEEK_END)
            self._check_zip(archive_size)
            check_zip_layout(fh, self._zip, archive_size)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
            self.close()
            raise BundleDamaged(details=f"{untrusted_path.name} is not a readable zip bundle ({exc}).") from exc
        except BaseException:
            self.close()
            raise

    def _check_zip(self, archive_size: int) -> None:
        assert self._zip is not None
        infos, seen = self._zip.infolist(), set[str]()
        check_totals(len(infos), sum(i.file_size for i in infos), archive_size)
        for info in infos:
            if info.filename != info.orig_filename:  # zipfile cuts a name at NUL; other tools may not
                raise BundleDamaged(details=f"The bundle names a file outside itself: {info.orig_filename!r}")
            check_member_name(info.filename, seen)
            if not info.flag_bits & 0x800 and not info.filename.isascii():
                raise BundleDamaged(
                    details=f"The bundle's {info.filename!r} is not marked UTF-8: tools could name it apart."
                )
            if info.is_dir() and (info.file_size or info.compress_size):
                raise BundleDamaged(
                    details=f"The bundle's folder entry {info.filename} holds data, which some tools extract."
                )
            zip_extra_fields(info.extra, info.filename, "central directory")
            if info.compress_type not in ZIP_METHODS or info.flag_bits & 0x1:
                kind = "encrypted" if info.flag_bits & 0x1 else f"compression method {info.compress_type}"
                raise BundleDamaged(details=f"The bundle's {info.filename} uses {kind}, which verify does not read.")
            if info.file_size > SMALL and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise BundleDamaged(
                    details=f"The bundle's {info.filename} inflates over {MAX_RATIO}:1: refused as a bomb."
                )
        names = [i.filename for i in infos if not i.is_dir()]
        tops = {n.split("/", 1)[0] for n in names}
        if len(tops) == 1 and all("/" in n for n in names):
            self._prefix = tops.pop() + "/"
        for info in infos:
            if info.is_dir() or not info.filename.startswith(self._prefix):
                continue
            relative = info.filename[len(self._prefix) :]
            if is_irregular(info.external_attr >> 16):
                self.irregular.append(relative)
            else:
                self._members[relative] = info
        self.irregular.sort()

    def files(self) -> list[str]:
        if self._zip is not None:
            return sorted(self._members)
        found: list[str] = []
        irregular: list[str] = []

        def unreadable(exc: OSError) -> None:  # a folder that cannot be listed hides what is in it: never skipped
            where = Path(os.fsdecode(exc.filename or self._root))
            irregular.append(f"{where.relative_to(self._root).as_posix()} (cannot be read)")

        for folder, dirs, names in os.walk(self._root, onerror=unreadable, followlinks=False):
            base = Path(folder).relative_to(self._root)
            for name in [*dirs, *names]:
                relative = (base / name).as_posix()
                try:
                    mode = os.lstat(Path(folder) / name).st_mode
                except OSError:
                    irregular.append(f"{relative} (cannot be read)")
                    continue
                if stat.S_ISREG(mode):
                    found.append(relative)
                elif not stat.S_ISDIR(mode):
                    irregular.append(relative)
        self.irregular = sorted(irregular)
        return sorted(found)

    def exists(self, relative: str) -> bool:
        return relative in set(self.files())

    def open(self, relative: str) -> IO[bytes]:
        if ".." in relative.split("/") or relative.startswith("/"):
            raise BundleDamaged(details=f"The bundle names a file outside itself: {relative!r}")
        if self._zip is not None:
            if relative not in self._members:
                raise KeyError(relative)  # missing, or irregular: an irregular member is never read
            return self._zip.open(self._members[relative])
        return os.fdopen(_open_regular(self._root, relative), "rb")

    def read(self, relative: str) -> bytes:
        data = b"".join(self._bounded(relative, MAX_READ + 1))
        if len(data) > MAX_READ:
            raise BundleDamaged(details=f"The bundle's {relative} is larger than {MAX_READ // (1024 * 1024)} MiB.")
        return data

    def chunks(self, relative: str, size: int = 1 << 20) -> Iterator[bytes]:
        return self._bounded(relative, None, size)

    def _bounded(self, relative: str, limit: int | None, size: int = 1 << 20) -> Iterator[bytes]:
        """The file's bytes, up to `limit`; a zip member never yields more than its declared size."""
        declared = self._members[relative].file_size if relative in self._members else None
        done = 0
        with self.open(relative) as fh:
            while (limit is None or done < limit) and (data := fh.read(size)):
                done += len(data)
                if declared is not None and done > declared:
                    raise BundleDamaged(
                        details=f"The bundle's {relative} holds more bytes than its zip entry declares."
                    )
                yield data

    def digests(self, relative: str) -> Digests:
        return digest_chunks(self.chunks(relative))

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()
        if self._source is not None:
            self._source.close()


def _open_regular(root: Path, relative: str) -> int:
    """A descriptor for root/relative, walked without following any link, and only if it is a regular file."""
    flags = os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    parts = relative.split("/")
    fd = os.open(root, flags | os.O_DIRECTORY)
    try:
        for part in parts[:-1]:
            next_fd = os.open(part, flags | os.O_DIRECTORY, dir_fd=fd)
            os.close(fd)
            fd = next_fd
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below anyway.
        file_fd = os.open(parts[-1], flags | os.O_NONBLOCK, dir_fd=fd)
    finally:
        os.close(fd)
    if not stat.S_ISREG(os.fstat(file_fd).st_mode):
        os.close(file_fd)
        raise OSError(errno.EINVAL, "not a regular file", relative)
    os.set_blocking(file_fd, True)
    return file_fd
