"""Embedded font programs in a PDF share copy, without the words their makers wrote into them.

A font editor writes the user's name, a path or a date into a font: a TrueType or OpenType font's 'name' table
(copyright, family, unique ID, full name, version), signature tables (DSIG) and tool tables (FFTM, meta); a Type 1
font's cleartext header (%%Title, %%Creator, /Notice, /FullName, /FamilyName). Without fontTools, fonts are rewritten
here at the byte level: an sfnt keeps only the tables a renderer uses, with a 'name' table that calls it Font1; a
Type 1 font's cleartext part keeps its code with neutral strings and no comments. Still copied as they are: a
Type 1 font's encrypted part (its glyph programs and private dictionary), a 'post' table's glyph names, the strings
inside a bare CFF program (FontFile3), and glyph outlines themselves.
"""

from __future__ import annotations

import re
import struct

from locker.share import report_labels as labels
from locker.share.pdf_names import is_standard_glyph

# What renderers read from a TrueType or OpenType font in a PDF (ISO 32000-2 9.9, and what pdfium, poppler and
# pdf.js use): outlines, metrics, hinting, character maps.
_SFNT_KEEP = frozenset({b"cmap", b"glyf", b"head", b"hhea", b"hmtx", b"loca", b"maxp", b"cvt ", b"fpgm", b"prep",
                        b"post", b"OS/2", b"vhea", b"vmtx", b"gasp", b"CFF ", b"CFF2", b"VORG", b"kern"})  # fmt: skip
_SFNT_VERSIONS = (b"\x00\x01\x00\x00", b"OTTO", b"true")
_NEUTRAL_NAMES = {1: "Font1", 2: "Regular", 4: "Font1", 6: "Font1"}
# A PostScript string (one level of nested parentheses); the cleartext part has strings only in /FontInfo.
_PS_STRING = re.compile(rb"\((?:\\.|[^\\()]|\((?:\\.|[^\\()])*\))*\)")
_LINES = re.compile(rb"\r\n|\r|\n")
# A name, and whether it is an encoding entry ("dup 65 /A put").
_TYPE1_NAME = re.compile(rb"(dup\s+\d+\s+)?/([^\s/\[\]{}()<>%]+)")
_TYPE1_KEYS = frozenset(
    b"FontType FontMatrix FontName FontBBox PaintType FontInfo version Notice FullName FamilyName Weight ItalicAngle "
    b"isFixedPitch UnderlinePosition UnderlineThickness Encoding StandardEncoding UniqueID XUID StrokeWidth FSType "
    b"Private CharStrings".split()
)
FONT_REMOVED = labels.PDF_FONT_NAMES


def clean_sfnt(data: bytes) -> bytes:
    """A TrueType/OpenType font with only the tables renderers use and a neutral 'name' table."""
    if data[:4] not in _SFNT_VERSIONS or len(data) < 12:
        raise ValueError("an embedded font in the PDF is not in a form the copy can check; the copy is refused")
    (count,) = struct.unpack_from(">H", data, 4)
    tables: dict[bytes, bytes] = {}
    for i in range(count):
        try:
            tag, _checksum, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        except struct.error as error:
            raise ValueError("an embedded font in the PDF is cut short; the copy is refused") from error
        if offset + length > len(data):
            raise ValueError("an embedded font in the PDF is cut short; the copy is refused")
        if tag in _SFNT_KEEP:
            tables[tag] = data[offset : offset + length]
    tables[b"name"] = _name_table()
    return _sfnt(data[:4], tables)


def _name_table() -> bytes:
    records, strings = [], b""
    for platform, encoding, language, codec in ((1, 0, 0, "latin-1"), (3, 1, 0x409, "utf-16-be")):
        for name_id, text in sorted(_NEUTRAL_NAMES.items()):
            value = text.encode(codec)
            records.append(struct.pack(">HHHHHH", platform, encoding, language, name_id, len(value), len(strings)))
            strings += value
    header = struct.pack(">HHH", 0, len(records), 6 + 12 * len(records))
    return header + b"".join(records) + strings


def _sfnt(version: bytes, tables: dict[bytes, bytes]) -> bytes:
    tags = sorted(tables)
    count = len(tags)
    power = 1 << (count.bit_length() - 1)
    header = version + struct.pack(">HHHH", count, power * 16, power.bit_length() - 1, count * 16 - power * 16)
    offset = len(header) + 16 * count
    directory, body = b"", b""
    for tag in tags:
        table = tables[tag]
        if tag == b"head" and len(table) >= 12:
            table = table[:8] + b"\x00\x00\x00\x00" + table[12:]  # checkSumAdjustment, set below
        directory += struct.pack(">4sIII", tag, _checksum(table), offset + len(body), len(table))
        body += table + b"\x00" * (-len(table) % 4)
    font = bytearray(header + directory + body)
    if b"head" in tables and len(tables[b"head"]) >= 12:
        position = offset + sum(len(tables[t]) + (-len(tables[t]) % 4) for t in tags[: tags.index(b"head")])
        struct.pack_into(">I", font, position + 8, (0xB1B0AFBA - _checksum(bytes(font))) & 0xFFFFFFFF)
    return bytes(font)


def _checksum(table: bytes) -> int:
    padded = table + b"\x00" * (-len(table) % 4)
    return int(sum(struct.unpack(f">{len(padded) // 4}I", padded))) & 0xFFFFFFFF


def clean_type1(data: bytes, cleartext: int) -> tuple[bytes, int]:
    """A Type 1 font whose cleartext part (its first `cleartext` bytes) has no comments, neutral strings and the
    font name Font1 (every string becomes "()": only /FontInfo has strings, and nothing draws them); returns the
    font and the new cleartext length."""
    head, rest = data[:cleartext], data[cleartext:]
    if b"eexec" not in head:
        raise ValueError("an embedded Type 1 font in the PDF is not in a form the copy can check; it is refused")
    lines = [line for line in _LINES.split(head) if not line.lstrip().startswith(b"%")]
    text = b"%!PS-AdobeFont-1.0: Font1 001.000\n" + b"\n".join(lines)
    if not text.endswith(b"\n"):
        text += b"\n"
    text = _TYPE1_NAME.sub(_neutral_name, _PS_STRING.sub(b"()", text))
    return text + rest, len(text)


def _neutral_name(match: re.Match[bytes]) -> bytes:
    """A name in the cleartext code: a Type 1 key or a glyph name stays (an encoding's glyph names must match the
    glyph programs); any other (the font's own name, "FontDirectory/CMR10 known") becomes /Font1."""
    name = match[2]
    if match[1] is not None or name in _TYPE1_KEYS or is_standard_glyph("/" + name.decode("latin-1")):
        return match[0]
    return b"/Font1"


_CHARSTRING = re.compile(rb"/([^\s/\[\]{}()<>%]+)\s+\d+\s+(?:RD|-\|)\s")


def type1_glyph_names(data: bytes, cleartext: int) -> frozenset[str]:
    """The glyph names a Type 1 font program defines (its CharStrings, in the eexec-encrypted part): an encoding
    may use them, and they are in the copied program already."""
    encrypted = data[cleartext:]
    if len(encrypted) >= 4 and all(c in b"0123456789abcdefABCDEF" for c in encrypted[:4]):  # the hex form
        digits = re.sub(rb"[^0-9A-Fa-f]", b"", encrypted)
        encrypted = bytes.fromhex(digits[: len(digits) // 2 * 2].decode())
    key, plain = 55665, bytearray()
    for byte in encrypted:
        plain.append(byte ^ (key >> 8))
        key = ((byte + key) * 52845 + 22719) & 0xFFFF
    return frozenset("/" + m.decode("latin-1") for m in _CHARSTRING.findall(bytes(plain)))
