"""Windows metafiles (EMF and WMF) inside office documents, copied without the text they can hide.

Office keeps pasted charts, clip art and the previews of embedded objects and old equations as metafiles: a list of
drawing records. Besides the drawing, a metafile can carry:

- EMF: the header's description (the program's name and the picture's file name, often a folder with the user's
  name in it): blanked, with the other bytes of the header record that no field describes; comment records
  (EMR_COMMENT: private data of the program, EMF+ records with their embedded pictures, a group's description,
  whole other metafiles); escapes to the printer driver (EMR_DRAWESCAPE, EMR_EXTESCAPE, EMR_NAMEDESCAPE);
  colour-management records, which name profile files by their path or embed the profile: all dropped.
- WMF: META_ESCAPE records (comments, embedded EMF, printer data): dropped; the placeable header's reserved
  bytes zeroed.

Whatever follows the end-of-file record is dropped, and the header's record count and size are rewritten. A
bitmap inside the drawing that is a JPEG or PNG (which keep their own metadata) or that embeds a colour profile
refuses the copy, and so does an EMF that draws only through EMF+ records (dropping them would leave it blank), an
unknown record type, and any record that does not fit: every length is checked against what is there before it
is used. The visible text of the drawing stays (the re-check searches it like the document's own text).
"""

from __future__ import annotations

import struct

EMF_SIGNATURE = b" EMF"
_EMR_HEADER, _EMR_EOF, _EMR_COMMENT = 1, 14, 70
_EMR_LAST_KNOWN = 122
# Escapes to the printer driver, OpenGL data, and colour management (profile file paths or embedded profiles).
_EMR_DROPPED = {_EMR_COMMENT, 99, 100, 101, 102, 103, 105, 106, 110, 111, 112, 113, 121, 122}
_EMR_UNDEFINED = {69, 107, 117}
# Records that carry a bitmap: where (from the record's start) the offset of its BITMAPINFO is.
_EMR_BITMAP_OFFSETS = {76: (84,), 77: (84,), 78: (84, 112), 79: (96, 124), 80: (48,), 81: (48,), 93: (16,),
                       94: (16,), 114: (84,), 116: (84,)}  # fmt: skip
_EMF_HEADER_FIELDS = 88  # Type .. szlMillimeters; then two optional extensions (to 100, then to 108 bytes)
_EMF_PLUS = b"EMF+"
_EMF_PLUS_HEADER = 0x4001
_EMF_PLUS_DUAL = 1

_WMF_PLACEABLE = b"\xd7\xcd\xc6\x9a"
_META_EOF, _META_ESCAPE = 0x0000, 0x0626
# Records that carry a DIB: where (from the record's start) it begins.
_META_DIB_OFFSETS = {0x0940: 22, 0x0B41: 26, 0x0F43: 28, 0x0D33: 24, 0x0142: 10}
_BI_JPEG, _BI_PNG = 4, 5
_PROFILE_EMBEDDED = b"DEBM"  # 'MBED', little-endian: a BITMAPV5HEADER with its colour profile inside


class MetafileError(ValueError):
    """The metafile's structure is not what it must be; no copy is made from it."""


def is_emf(head: bytes) -> bool:
    return head.startswith(b"\x01\x00\x00\x00") and head[40:44] == EMF_SIGNATURE


def is_wmf(head: bytes) -> bool:
    return head.startswith((_WMF_PLACEABLE, b"\x01\x00\x09\x00", b"\x02\x00\x09\x00"))


def clean_emf(data: bytes) -> bytes:
    """The EMF without its description, comments, escapes, colour-management records and trailing bytes."""
    records = list(_emf_records(data))
    kept = [r for r in records if r[0] not in _EMR_DROPPED]
    if any(t == _EMR_COMMENT and _draws_only_through_emf_plus(data[s : s + n]) for t, s, n in records):
        raise MetafileError("the metafile draws only through EMF+ records")
    for kind, start, size in kept:
        for field in _EMR_BITMAP_OFFSETS.get(kind, ()):
            _check_emf_bitmap(data, start, size, field)
    _kind, start, size = kept[0]
    out = bytearray(_clean_emf_header(data[start : start + size]))
    for _kind, start, size in kept[1:]:
        out += data[start : start + size]
    struct.pack_into("<II", out, 48, len(out), len(kept))  # nBytes, nRecords
    return bytes(out)


def _emf_records(data: bytes) -> list[tuple[int, int, int]]:
    """(type, start, size) of every record up to and including EMR_EOF, each checked to fit."""
    records = []
    pos = 0
    while True:
        if pos + 8 > len(data):
            raise MetafileError("the metafile ends before its end-of-file record")
        kind, size = struct.unpack_from("<II", data, pos)
        if size < 8 or size % 4 or pos + size > len(data):
            raise MetafileError("a metafile record does not fit")
        if (kind == _EMR_HEADER) != (pos == 0) or not 1 <= kind <= _EMR_LAST_KNOWN or kind in _EMR_UNDEFINED:
            raise MetafileError("the metafile has a record we do not know")
        records.append((kind, pos, size))
        pos += size
        if kind == _EMR_EOF:
            return records


def _clean_emf_header(header: bytes) -> bytes:
    """The header record with its description and every byte no field describes zeroed (the pixel format kept)."""
    if len(header) < _EMF_HEADER_FIELDS or header[40:44] != EMF_SIGNATURE:
        raise MetafileError("the metafile's header is damaged")
    count, offset = struct.unpack_from("<II", header, 60)
    if count and (offset < _EMF_HEADER_FIELDS or offset + 2 * count > len(header)):
        raise MetafileError("the metafile's description does not fit in its header")
    fields = _EMF_HEADER_FIELDS
    for extension in (100, 108):
        if len(header) >= extension and (not count or offset >= extension):
            fields = extension
    out = bytearray(header[:fields]) + bytes(len(header) - fields)
    struct.pack_into("<II", out, 60, 0, 0)  # no description
    if fields >= 100:
        size, at = struct.unpack_from("<II", header, 88)
        if size and (at < fields or at + size > len(header)):
            raise MetafileError("the metafile's pixel format does not fit in its header")
        out[at : at + size] = header[at : at + size]
    return bytes(out)


def _draws_only_through_emf_plus(record: bytes) -> bool:
    """An EMF+ header that says the GDI records are not a full drawing of their own (not "dual")."""
    if record[12:16] != _EMF_PLUS or len(record) < 16 + 4:
        return False
    kind, flags = struct.unpack_from("<HH", record, 16)
    return kind == _EMF_PLUS_HEADER and not flags & _EMF_PLUS_DUAL


def _check_emf_bitmap(data: bytes, start: int, size: int, field: int) -> None:
    if field + 8 > size:
        raise MetafileError("a metafile bitmap record does not fit")
    offset, length = struct.unpack_from("<II", data, start + field)
    if not length:
        return
    if offset + length > size or offset < 8:
        raise MetafileError("a metafile bitmap does not fit in its record")
    _check_bitmap_header(data[start + offset : start + offset + length])


def _check_bitmap_header(info: bytes) -> None:
    """A DIB's header: a JPEG or PNG inside, or an embedded colour profile, cannot be cleaned here."""
    if len(info) < 4:
        raise MetafileError("a metafile bitmap is damaged")
    header_size = struct.unpack_from("<I", info, 0)[0]
    if header_size == 12:  # BITMAPCOREHEADER: no compression field
        return
    if header_size < 40 or header_size > len(info):
        raise MetafileError("a metafile bitmap is damaged")
    if struct.unpack_from("<I", info, 16)[0] in {_BI_JPEG, _BI_PNG}:
        raise MetafileError("the metafile holds a JPEG or PNG picture")
    if header_size >= 124 and info[56:60] == _PROFILE_EMBEDDED:
        raise MetafileError("the metafile holds a bitmap with a colour profile")


def clean_wmf(data: bytes) -> bytes:
    """The WMF without escape records, trailing bytes or anything in the placeable header's reserved field."""
    placeable = b""
    body = data
    if data.startswith(_WMF_PLACEABLE):
        if len(data) < 22:
            raise MetafileError("the metafile's placeable header is damaged")
        head = bytearray(data[:22])
        head[4:6] = bytes(2)  # HWmf: always zero on disk
        head[16:20] = bytes(4)  # Reserved
        checksum = 0
        for (word,) in struct.iter_unpack("<H", bytes(head[:20])):
            checksum ^= word
        struct.pack_into("<H", head, 20, checksum)
        placeable, body = bytes(head), data[22:]
    if len(body) < 18:
        raise MetafileError("the metafile's header is damaged")
    kind, header_words, version = struct.unpack_from("<HHH", body, 0)
    if kind not in {1, 2} or header_words != 9 or version not in {0x0100, 0x0300}:
        raise MetafileError("the metafile's header is damaged")
    out = bytearray(body[:18])
    struct.pack_into("<H", out, 16, 0)  # NumberOfMembers: always zero
    largest = 0
    pos = 18
    while True:
        if pos + 6 > len(body):
            raise MetafileError("the metafile ends before its end-of-file record")
        words, function = struct.unpack_from("<IH", body, pos)
        if words < 3 or pos + 2 * words > len(body):
            raise MetafileError("a metafile record does not fit")
        record = body[pos : pos + 2 * words]
        pos += 2 * words
        if function == _META_ESCAPE:
            continue
        if function in _META_DIB_OFFSETS and words != (function >> 8) + 3:  # this one carries a bitmap
            at = _META_DIB_OFFSETS[function]
            if at >= len(record):
                raise MetafileError("a metafile bitmap record does not fit")
            _check_bitmap_header(record[at:])
        out += record
        largest = max(largest, words)
        if function == _META_EOF:
            break
    struct.pack_into("<IHI", out, 6, len(out) // 2, struct.unpack_from("<H", body, 10)[0], largest)
    return placeable + bytes(out)
