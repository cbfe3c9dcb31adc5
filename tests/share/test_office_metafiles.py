"""EMF and WMF pictures in office documents (pasted charts, clip art, equation previews): copied clean instead of
refused. The metafiles are built here record by record; the checks walk the copy's records independently of the
sanitiser, and Pillow (which reads both formats' headers) must still open them."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from locker.sandbox.runner import SandboxRunner
from locker.share.office import sanitise_office
from locker.share.office_metafile import MetafileError, clean_emf, clean_wmf
from locker.share.sandbox_refusals import PictureNotCleaned
from locker.vault.vault import Vault
from tests.share import office_parts
from tests.share.test_office_hidden_parts import assert_whole_package, members, share

CANARY = "Zinaida Canary Petrovna"
DESCRIPTION = f"Microsoft Office\0C:\\Users\\{CANARY}\\chart.emf\0\0"
EMR_HEADER, EMR_EOF, EMR_COMMENT, EMR_POLYLINE16, EMR_STRETCHDIBITS = 1, 14, 70, 87, 81
META_EOF, META_ESCAPE, META_POLYLINE, MFCOMMENT = 0x0000, 0x0626, 0x0325, 0x000F
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def emf_record(kind: int, payload: bytes) -> bytes:
    payload += bytes(-len(payload) % 4)
    return struct.pack("<II", kind, 8 + len(payload)) + payload


def emf_comment(data: bytes) -> bytes:
    return emf_record(EMR_COMMENT, struct.pack("<I", len(data)) + data)


def emf_plus_header(dual: bool) -> bytes:
    """The EMF+ header as GDI+ writes it in the first comment: Flags bit 0 says the GDI records draw it too."""
    plus = struct.pack("<HHII", 0x4001, 1 if dual else 0, 28, 16) + struct.pack("<IIII", 0xDBC01002, 1, 96, 96)
    return emf_comment(b"EMF+" + plus)


# StretchDIBits with a BITMAPINFOHEADER whose compression is BI_JPEG (a JPEG, with its own metadata, follows).
JPEG_BITMAP = emf_record(
    EMR_STRETCHDIBITS,
    struct.pack("<4i6iII", 0, 0, 1, 1, 0, 0, 0, 0, 1, 1, 80, 40)
    + bytes(24)
    + struct.pack("<IiiHHI", 40, 1, 1, 1, 24, 4)
    + bytes(20),
)
POLYLINE = emf_record(EMR_POLYLINE16, struct.pack("<4iI", 0, 0, 90, 90, 3) + struct.pack("<6h", 0, 0, 90, 10, 40, 90))


def emf(*records: bytes, description: str = DESCRIPTION) -> bytes:
    """A header (with `description` at its end, as Office writes it), the records, an EOF."""
    text = description.encode("utf-16-le")
    text += bytes(-len(text) % 4)
    fields = struct.pack("<4i4i", 0, 0, 100, 100, 0, 0, 2540, 2540) + b" EMF"
    fields += struct.pack("<IIIHHII", 0x10000, 0, 0, 1, 0, len(description), 108) + struct.pack("<I2i2i", 0, 1024, 768,
                                                                                                320, 240)  # fmt: skip
    fields += struct.pack("<III2i", 0, 0, 0, 320000, 240000)
    header = emf_record(EMR_HEADER, fields + text)
    eof = emf_record(EMR_EOF, struct.pack("<III", 0, 16, 20))
    body = header + b"".join(records) + eof
    return body[:48] + struct.pack("<II", len(body), len(records) + 2) + body[56:]


def header_size(data: bytes) -> int:
    return int(struct.unpack_from("<I", data, 4)[0])


def with_u32(data: bytes, at: int, value: int) -> bytes:
    return data[:at] + struct.pack("<I", value) + data[at + 4 :]


def walk_emf(data: bytes) -> list[int]:
    """The record types from header to EOF; asserts the chain and the header's totals hold."""
    kinds, pos = [], 0
    while pos < len(data):
        kind, size = struct.unpack_from("<II", data, pos)
        assert size >= 8 and size % 4 == 0 and pos + size <= len(data), (pos, kind, size)
        kinds.append(kind)
        pos += size
        if kind == EMR_EOF:
            break
    assert pos == len(data) and kinds[0] == EMR_HEADER and kinds[-1] == EMR_EOF, kinds
    assert struct.unpack_from("<II", data, 48) == (len(data), len(kinds))
    return kinds


def wmf_record(function: int, params: bytes) -> bytes:
    params += bytes(len(params) % 2)
    return struct.pack("<IH", 3 + len(params) // 2, function) + params


def wmf(*records: bytes, reserved: bytes = b"\0\0\0\0") -> bytes:
    """A placeable header (with `reserved` in its reserved field), the header, the records, an EOF."""
    body = b"".join(records) + wmf_record(META_EOF, b"")
    largest = max(struct.unpack_from("<I", r)[0] for r in (*records, wmf_record(META_EOF, b"")))
    header = struct.pack("<HHHIHIH", 1, 9, 0x0300, (18 + len(body)) // 2, 0, largest, 0)
    placeable = struct.pack("<IH4hH", 0x9AC6CDD7, 0, 0, 0, 100, 100, 1440) + reserved
    checksum = 0
    for (word,) in struct.iter_unpack("<H", placeable):
        checksum ^= word
    return placeable + struct.pack("<H", checksum) + header + body


def wmf_comment(text: bytes) -> bytes:
    return wmf_record(META_ESCAPE, struct.pack("<HH", MFCOMMENT, len(text)) + text)


WMF_POLYLINE = wmf_record(META_POLYLINE, struct.pack("<h6h", 3, 0, 0, 90, 10, 40, 90))


def walk_wmf(data: bytes) -> list[int]:
    assert data[:4] == b"\xd7\xcd\xc6\x9a"
    body = data[22:]
    words, largest = struct.unpack_from("<I", body, 6)[0], struct.unpack_from("<I", body, 12)[0]
    assert words * 2 == len(body)
    functions, pos = [], 18
    while True:
        size, function = struct.unpack_from("<IH", body, pos)
        assert size >= 3 and pos + 2 * size <= len(body) and size <= largest
        functions.append(function)
        pos += 2 * size
        if function == META_EOF:
            break
    assert pos == len(body)
    return functions


def has_canary(data: bytes) -> bool:
    return any(CANARY.lower().encode(e) in data.lower() for e in ("utf-8", "utf-16-le", "utf-16-be"))


# --- the cleaners alone ---
def test_an_emf_loses_its_description_and_comments_and_keeps_its_drawing() -> None:
    original = emf(emf_comment(f"private data of {CANARY}".encode()), POLYLINE, emf_plus_header(dual=True))
    assert has_canary(original)

    cleaned = clean_emf(original)

    assert not has_canary(cleaned)
    assert walk_emf(cleaned) == [EMR_HEADER, EMR_POLYLINE16, EMR_EOF]
    assert POLYLINE in cleaned
    assert struct.unpack_from("<II", cleaned, 60) == (0, 0), "no description"
    with Image.open(io.BytesIO(cleaned)) as image:
        assert image.format == "WMF" and image.size[0] > 0


def test_bytes_after_the_emf_end_and_in_its_header_padding_are_dropped() -> None:
    original = emf(POLYLINE) + CANARY.encode()
    padded = emf(POLYLINE, description="")
    size = header_size(padded)
    extra = CANARY.encode("utf-16-le")
    extra += bytes(-len(extra) % 4)
    grown = padded[:4] + struct.pack("<I", size + len(extra)) + padded[8:size] + extra + padded[size:]
    grown = grown[:48] + struct.pack("<I", len(grown)) + grown[52:]
    for data in (original, grown):
        cleaned = clean_emf(data)
        assert not has_canary(cleaned)
        walk_emf(cleaned)


@pytest.mark.parametrize(
    ("kind", "name"),
    [(99, "EMR_CREATECOLORSPACE"), (100, "EMR_SETCOLORSPACE"), (105, "EMR_DRAWESCAPE"), (106, "EMR_EXTESCAPE"),
     (110, "EMR_NAMEDESCAPE"), (112, "EMR_SETICMPROFILEA"), (113, "EMR_SETICMPROFILEW"),
     (121, "EMR_COLORMATCHTOTARGETW"), (122, "EMR_CREATECOLORSPACEW")],
)  # fmt: skip
def test_escapes_and_colour_management_records_are_dropped(kind: int, name: str) -> None:
    """Printer escapes carry driver data; colour-management records name a profile by its path (or embed it)."""
    path = f"C:\\Users\\{CANARY}\\AppData\\profile.icc".encode("utf-16-le")
    cleaned = clean_emf(emf(emf_record(kind, struct.pack("<II", 1, len(path)) + path), POLYLINE))
    assert not has_canary(cleaned), name
    assert walk_emf(cleaned) == [EMR_HEADER, EMR_POLYLINE16, EMR_EOF]


def test_a_bitmap_with_its_own_colour_profile_refuses_the_metafile() -> None:
    v5_header = struct.pack("<IiiHHI", 124, 1, 1, 1, 24, 0) + bytes(36) + b"DEBM" + bytes(64)  # LCS 'MBED'
    record = emf_record(EMR_STRETCHDIBITS, JPEG_BITMAP[8:80] + v5_header)
    record = record[:52] + struct.pack("<I", len(v5_header)) + record[56:]  # cbBmiSrc
    with pytest.raises(MetafileError, match="colour profile"):
        clean_emf(emf(record))


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (emf(POLYLINE)[:-20], "ends before its end-of-file record"),
        (with_u32(emf(POLYLINE), header_size(emf(POLYLINE)) + 4, 10_000), "does not fit"),
        (emf(emf_plus_header(dual=False), POLYLINE), "only through EMF+"),
        (emf(JPEG_BITMAP), "JPEG or PNG"),
        (with_u32(emf(POLYLINE), 64, 4000), "description does not fit"),
        (emf(emf_record(107, b"")), "a record we do not know"),
    ],
)
def test_a_malformed_emf_is_refused_with_its_reason(data: bytes, reason: str) -> None:
    with pytest.raises(MetafileError, match=reason):
        clean_emf(data)


def test_a_wmf_loses_its_escape_records_and_reserved_bytes() -> None:
    original = wmf(wmf_comment(f"made by {CANARY}".encode()), WMF_POLYLINE, reserved=CANARY.encode()[:4])
    assert has_canary(original) and CANARY.encode()[:4] in original[:22]

    cleaned = clean_wmf(original + CANARY.encode())

    assert not has_canary(cleaned) and CANARY.encode()[:4] not in cleaned
    assert walk_wmf(cleaned) == [META_POLYLINE, META_EOF]
    with Image.open(io.BytesIO(cleaned)) as image:
        assert image.format == "WMF" and image.size[0] > 0


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (wmf(WMF_POLYLINE)[:-6], "ends before its end-of-file record"),
        (wmf(struct.pack("<IH", 0x7FFFFFFF, META_POLYLINE)), "does not fit"),
        (b"\xd7\xcd\xc6\x9a" + bytes(40), "header is damaged"),
        (wmf(wmf_record(0x0F43, bytes(22) + struct.pack("<IiiHHI", 40, 1, 1, 1, 24, 5) + bytes(20))), "JPEG or PNG"),
    ],
)
def test_a_malformed_wmf_is_refused_with_its_reason(data: bytes, reason: str) -> None:
    with pytest.raises(MetafileError, match=reason):
        clean_wmf(data)


# --- in documents, the way `locker share` makes copies ---
def docx_with_metafile(tmp: Path, kind: str, body: str = office_parts.BODY) -> Path:
    picture = emf(emf_comment(CANARY.encode("utf-16-le")), POLYLINE) if kind == "emf" else wmf(
        wmf_comment(CANARY.encode()), WMF_POLYLINE
    )  # fmt: skip
    blip = (
        '<w:p><w:r><w:drawing><a:blip xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" r:embed="rIdP"/>'
        "</w:drawing></w:r></w:p>"
    )
    return office_parts.docx(
        tmp / f"metafile-{kind}.docx",
        creator=CANARY,
        body=body,
        parts={f"word/media/image1.{kind}": picture},
        document_rels=(("rIdP", f"{_R}/image", f"media/image1.{kind}"),),
        defaults={kind: f"image/x-{kind}"},
        drawing=blip,
    )


@pytest.mark.parametrize("kind", ["emf", "wmf"])
def test_a_document_with_a_metafile_gets_a_clean_copy(
    kind: str, share_vault: Vault, runner: SandboxRunner, tmp_path: Path
) -> None:
    original = docx_with_metafile(tmp_path, kind)
    assert has_canary(members(original.read_bytes())[f"word/media/image1.{kind}"])

    result = share(share_vault, runner, original, tmp_path)

    assert result.path is not None, (result.error, result.findings)
    parts = members(result.path.read_bytes())
    assert [name for name, data in parts.items() if has_canary(data)] == []
    assert not has_canary(result.path.read_bytes())
    walk = walk_emf if kind == "emf" else walk_wmf
    assert walk(parts[f"word/media/image1.{kind}"])[-1] in {EMR_EOF, META_EOF}
    assert_whole_package(result.path)


def test_a_metafile_does_not_hide_the_author_named_in_the_text(
    share_vault: Vault, runner: SandboxRunner, tmp_path: Path
) -> None:
    """The picture is cleaned, but the author's name in the document's own text still refuses the copy."""
    original = docx_with_metafile(tmp_path, "emf", body=f"Statement of {CANARY}")
    result = share(share_vault, runner, original, tmp_path)
    assert result.path is None
    assert any(CANARY in finding for finding in result.findings), result.findings


def test_a_malformed_metafile_refuses_the_copy_and_names_it() -> None:
    data = office_parts.package("word/document.xml", office_parts.WORD_MAIN, "<w:document/>",
                                {"word/media/image1.emf": emf(POLYLINE)[:-20]})  # fmt: skip
    with pytest.raises(PictureNotCleaned, match=r"word/media/image1\.emf is damaged.*\(the metafile ends"):
        sanitise_office(io.BytesIO(data), office_parts.DOCX, io.BytesIO())


def test_a_metafile_copy_says_what_was_removed() -> None:
    data = office_parts.package("word/document.xml", office_parts.WORD_MAIN, "<w:document/>",
                                {"word/media/image1.emf": emf(POLYLINE)})  # fmt: skip
    out = io.BytesIO()
    report = sanitise_office(io.BytesIO(data), office_parts.DOCX, out)
    assert "metadata inside pictures (EXIF, XMP, comments, text chunks)" in report.removed
    with zipfile.ZipFile(out) as archive:
        assert not has_canary(archive.read("word/media/image1.emf"))


def test_an_opendocument_metafile_is_cleaned_too(tmp_path: Path) -> None:
    """LibreOffice keeps an inserted EMF or WMF as it is, in Pictures/."""
    pictures = {"Pictures/1.emf": emf(emf_comment(CANARY.encode()), POLYLINE),
                "Pictures/2.wmf": wmf(wmf_comment(CANARY.encode()), WMF_POLYLINE)}  # fmt: skip
    path = office_parts.odt(tmp_path, "metafiles.odt", dict(pictures))
    out = io.BytesIO()
    with path.open("rb") as f:
        sanitise_office(f, office_parts.ODT, out)
    with zipfile.ZipFile(out) as archive:
        assert not has_canary(archive.read("Pictures/1.emf")) and not has_canary(archive.read("Pictures/2.wmf"))
        walk_emf(archive.read("Pictures/1.emf"))
        walk_wmf(archive.read("Pictures/2.wmf"))
