"""What a file is, from its structure: runs inside the sandboxed metadata job, never in the app's process.

The answer is a list of media types the structure allows, most likely first (a `mp42` MP4 can be a video or
an M4A sound; a Nikon-made TIFF is a NEF raw file, or a scan when named .tif). The app then picks among them with
the file's extension (locker.formats.choose_media_type); the name alone never makes a file anything.

Everything is bounded: at most HEAD bytes from the start, TOP_ATOMS top-level ISO-BMFF atoms, ZIP_MAX_ENTRIES
entries and ZIP_MAX_PART bytes of any part that is read.
"""

from __future__ import annotations

import re
import struct
import zipfile
from typing import IO

from defusedxml import ElementTree

from locker import formats
from locker.ingest.sniff import by_brands, by_signature, looks_like_text

HEAD = 64 * 1024
TOP_ATOMS = 16
ZIP_MAX_ENTRIES = 20_000
ZIP_MAX_PART = 1024 * 1024

_QUICKTIME_ATOMS = {b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot", b"junk", b"PICT", b"uuid"}
_OOXML_MAIN = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": formats.DOCX,
    "application/vnd.ms-word.document.macroEnabled.main+xml": formats.DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": formats.XLSX,
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml": formats.XLSX,
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": formats.PPTX,
    "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml": formats.PPTX,
}
_OOXML_PARTS = {"word/document.xml": formats.DOCX, "xl/workbook.xml": formats.XLSX,
                "ppt/presentation.xml": formats.PPTX}  # fmt: skip
_ODF = {formats.ODT, formats.ODS, formats.ODP, "application/epub+zip"}
_MAIL_HEADERS = {b"from", b"to", b"subject", b"date", b"message-id", b"received", b"return-path", b"mime-version",
                 b"delivered-to", b"cc", b"reply-to", b"x-mailer", b"content-type"}  # fmt: skip
_HEADER_LINE = re.compile(rb"^([A-Za-z0-9][A-Za-z0-9\-_]{0,75}):[ \t]?")


def recognise(f: IO[bytes]) -> list[str]:
    """Media types the file's structure allows, most likely first; ["application/octet-stream"] when none."""
    f.seek(0, 2)
    size = f.tell()
    f.seek(0)
    head = f.read(HEAD)
    for check in (_by_signature, _iso_bmff, _tiff, _transport_stream):
        found = check(f, head, size)
        if found:
            return found
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return [_zip(f)]
    if b"%PDF-" in head[:1024]:
        return ["application/pdf"]
    if _is_mail(head):  # checked before text: a mail body in KOI8-R or cp1251 is not UTF-8
        return ["message/rfc822", "text/plain"] if looks_like_text(head) else ["message/rfc822"]
    if looks_like_text(head):
        return ["text/plain"]
    return [formats.UNKNOWN]


def recognised_types(f: IO[bytes], guess: str) -> list[str]:
    """`recognise`, or the app's first-bytes guess when the structure could not even be walked (the reader then
    says what is wrong with the file)."""
    try:
        return recognise(f)
    except (OSError, ValueError, struct.error, EOFError, RuntimeError):
        return [guess]


def _by_signature(f: IO[bytes], head: bytes, size: int) -> list[str]:
    return by_signature(head)


def _iso_bmff(f: IO[bytes], head: bytes, size: int) -> list[str]:
    """Walk the top-level atoms: an ftyp among the first ones decides; without one, QuickTime's own atoms do."""
    offset = 0
    kinds: list[bytes] = []
    while offset < size and len(kinds) < TOP_ATOMS:
        f.seek(offset)
        header = f.read(16)
        if len(header) < 8:
            break
        length, kind = struct.unpack(">I4s", header[:8])
        header_size = 8
        if length == 1:
            if len(header) < 16:
                return []
            length, header_size = struct.unpack(">Q", header[8:16])[0], 16
        elif length == 0:
            length = size - offset
        if length < header_size or offset + length > size or not all(32 <= c < 127 for c in kind):
            if offset + length > size and kind in _QUICKTIME_ATOMS | {b"ftyp"} and kinds:
                kinds.append(kind)  # a truncated last atom still tells what the file was
            break
        kinds.append(kind)
        if kind == b"ftyp":
            f.seek(offset + header_size)
            payload = f.read(min(length - header_size, 256))
            return by_brands(payload[:4], {payload[i : i + 4] for i in range(8, len(payload) - 3, 4)})
        offset += length
    if kinds and kinds[0] in _QUICKTIME_ATOMS and (b"moov" in kinds or b"mdat" in kinds):
        return ["video/quicktime"]
    return []


def _tiff(f: IO[bytes], head: bytes, size: int) -> list[str]:
    """TIFF and the raw formats built on it: CR2 by its header, DNG by its version tag, NEF/ARW by camera make."""
    if head[:4] not in (b"II*\x00", b"MM\x00*"):
        return []
    if head[8:11] == b"CR\x02":
        return ["image/x-canon-cr2", "image/tiff"]
    endian = "<" if head[:2] == b"II" else ">"
    (ifd,) = struct.unpack(endian + "I", head[4:8])
    f.seek(ifd)
    count_bytes = f.read(2)
    make = b""
    is_dng = False
    if len(count_bytes) == 2:
        (count,) = struct.unpack(endian + "H", count_bytes)
        body = f.read(12 * min(count, 1024))
        for index in range(len(body) // 12):
            tag, kind, number, value = struct.unpack(endian + "HHI4s", body[index * 12 : index * 12 + 12])
            if tag == 0xC612:
                is_dng = True
            elif tag == 0x010F and kind == 2 and 0 < number <= 64:
                if number <= 4:
                    make = value[:number]
                else:
                    f.seek(struct.unpack(endian + "I", value)[0])
                    make = f.read(number)
    if is_dng:
        return ["image/x-adobe-dng", "image/tiff"]
    maker = make.upper()
    if maker.startswith(b"NIKON"):
        return ["image/x-nikon-nef", "image/tiff"]
    if maker.startswith(b"SONY"):
        return ["image/x-sony-arw", "image/tiff"]
    return ["image/tiff"]


def _transport_stream(f: IO[bytes], head: bytes, size: int) -> list[str]:
    """MPEG-TS (188-byte packets) or M2TS/MTS (192: a 4-byte time code first): sync bytes in five packets."""
    for packet, start in ((188, 0), (192, 4)):
        if len(head) >= start + 5 * packet and all(head[start + i * packet] == 0x47 for i in range(5)):
            return ["video/mp2t"]
    return []


def _zip(f: IO[bytes]) -> str:
    """DOCX/XLSX/PPTX by [Content_Types].xml (or their main part), ODF and EPUB by the `mimetype` entry."""
    f.seek(0)
    try:
        archive = zipfile.ZipFile(f)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return "application/zip"
    with archive:
        infos = archive.infolist()
        if len(infos) > ZIP_MAX_ENTRIES:
            return "application/zip"
        names = {info.filename: info for info in infos}
        if "mimetype" in names and names["mimetype"].file_size <= 200:
            declared = _read(archive, names["mimetype"]).decode("ascii", "replace").strip()
            if declared in _ODF:
                return declared
        if "[Content_Types].xml" in names:
            found = _ooxml(archive, names["[Content_Types].xml"])
            if found:
                return found
            for part, media_type in _OOXML_PARTS.items():
                if part in names:
                    return media_type
    return "application/zip"


def _ooxml(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> str | None:
    if info.file_size > ZIP_MAX_PART:
        return None
    try:
        root = ElementTree.fromstring(_read(archive, info))
    except Exception:  # noqa: BLE001 - a broken part means "not recognised by it", nothing more
        return None
    for node in root.iter():
        found = _OOXML_MAIN.get(str(node.get("ContentType", "")))
        if found:
            return found
    return None


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    with archive.open(info) as member:
        return member.read(ZIP_MAX_PART)


def _is_mail(head: bytes) -> bool:
    """At least three well-known mail headers in the first header block, and nothing but headers before it."""
    known = set()
    for line in head.split(b"\n")[:200]:
        line = line.rstrip(b"\r")
        if not line:
            break
        if line[:1] in (b" ", b"\t"):
            continue  # a folded header's continuation
        match = _HEADER_LINE.match(line)
        if not match:
            return False
        known.add(match.group(1).lower())
    return len(known & _MAIL_HEADERS) >= 3
