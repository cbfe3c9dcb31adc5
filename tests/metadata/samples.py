"""One real file per row of the format table, made at test time (ffmpeg, Pillow, zipfile, a small TIFF writer).

Each maker writes into a folder and returns the path; the file carries a make/model, author or GPS where its
format can, so the metadata tests have something to compare with ExifTool.
"""

from __future__ import annotations

import io
import struct
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pillow_heif
from PIL import Image

from locker import formats
from tests.metadata.makers import amr_silence, picture

AUTHOR = "Anastasia Planted-Author"
MAKE, MODEL = "PENTAX", "PENTAX K-3"
WHEN = "2024:02:29 23:58:41"
LAT, LON = 55.751244, 37.618423


def _ffmpeg(path: Path, *args: str) -> Path:
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", *args, str(path)], check=True)
    return path


_CLIP = ("-f", "lavfi", "-i", "testsrc=duration=1:size=160x120:rate=10")
_TONE = ("-f", "lavfi", "-i", "sine=duration=1")
_H264 = ("-c:v", "libx264", "-pix_fmt", "yuv420p")


def video(extension: str, *extra: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        return _ffmpeg(folder / f"clip.{extension}", *_CLIP, *extra)

    return make


def sound(extension: str, *extra: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        return _ffmpeg(folder / f"voice.{extension}", *_TONE, *extra)

    return make


def image(extension: str, pillow_format: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / f"photo.{extension}"
        picture(160, 120).save(path, pillow_format)
        return path

    return make


def heif_with_brand(folder: Path, major: bytes, extension: str) -> Path:
    """A HEIC made by pillow-heif whose ftyp brands say `major` instead of heic (what HEIF-only writers use)."""
    pillow_heif.register_heif_opener()
    buffer = io.BytesIO()
    picture(160, 120).save(buffer, "HEIF")
    data = bytearray(buffer.getvalue())
    size = struct.unpack(">I", data[:4])[0]
    ftyp = bytes(data[8:size]).replace(b"heic", b"miaf")
    data[8:size] = major + ftyp[4:]
    path = folder / f"photo.{extension}"
    path.write_bytes(bytes(data))
    return path


def avif(folder: Path) -> Path:
    path = folder / "photo.avif"
    picture(160, 120).save(path, "AVIF")
    return path


# -- raw camera files: TIFF structures written by hand ------------------------------------------------------------


def _entry(tag: int, kind: int, count: int, payload: bytes) -> tuple[int, int, int, bytes]:
    return tag, kind, count, payload


def _ascii(tag: int, text: str) -> tuple[int, int, int, bytes]:
    data = text.encode() + b"\x00"
    return _entry(tag, 2, len(data), data)


def _long(tag: int, value: int) -> tuple[int, int, int, bytes]:
    return _entry(tag, 4, 1, struct.pack("<I", value))


def _short(tag: int, value: int) -> tuple[int, int, int, bytes]:
    return _entry(tag, 3, 1, struct.pack("<H", value))


def _rationals(tag: int, values: list[tuple[int, int]]) -> tuple[int, int, int, bytes]:
    return _entry(tag, 5, len(values), b"".join(struct.pack("<II", n, d) for n, d in values))


def _ifd(entries: list[tuple[int, int, int, bytes]], at: int) -> bytes:
    """A little-endian IFD placed at `at`, values longer than 4 bytes right after it."""
    data_at = at + 2 + 12 * len(entries) + 4
    table, data = b"", b""
    for tag, kind, count, payload in sorted(entries):
        if len(payload) <= 4:
            value = payload.ljust(4, b"\x00")
        else:
            value = struct.pack("<I", data_at + len(data))
            data += payload + (b"\x00" if len(payload) % 2 else b"")
        table += struct.pack("<HHI", tag, kind, count) + value
    return struct.pack("<H", len(entries)) + table + struct.pack("<I", 0) + data


def _dms(value: float) -> list[tuple[int, int]]:
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = round(((value - degrees) * 60 - minutes) * 60 * 10000)
    return [(degrees, 1), (minutes, 1), (seconds, 10000)]


def raw_file(folder: Path, extension: str, make: str, model: str, dng: bool = False, cr2: bool = False) -> Path:
    """A TIFF-structured raw file: IFD0 with make/model and a JPEG preview, an EXIF IFD with the capture time, a
    GPS IFD; DNGVersion for DNG, the 'CR' header for CR2. The sensor data is left out: readers never decode it."""
    preview = io.BytesIO()
    picture(320, 200).save(preview, "JPEG", quality=80)
    jpeg = preview.getvalue()
    exif = [_ascii(0x9003, WHEN), _ascii(0x9004, WHEN)]
    gps = [_entry(0x0000, 1, 4, bytes([2, 3, 0, 0])), _ascii(0x0001, "N"), _rationals(0x0002, _dms(LAT)),
           _ascii(0x0003, "E"), _rationals(0x0004, _dms(LON))]  # fmt: skip

    def ifd0(exif_at: int, gps_at: int, jpeg_at: int) -> list[tuple[int, int, int, bytes]]:
        entries = [_long(0x00FE, 1), _long(0x0100, 320), _long(0x0101, 200), _short(0x0103, 1),
                   _ascii(0x010F, make), _ascii(0x0110, model), _long(0x0201, jpeg_at), _long(0x0202, len(jpeg)),
                   _long(0x8769, exif_at), _long(0x8825, gps_at)]  # fmt: skip
        if dng:
            entries += [_entry(0xC612, 1, 4, bytes([1, 4, 0, 0])), _ascii(0xC614, f"{make} {model}")]
        return entries

    start = 16
    first_size = len(_ifd(ifd0(0, 0, 0), start))
    exif_at = start + first_size
    exif_bytes = _ifd(exif, exif_at)
    gps_at = exif_at + len(exif_bytes)
    gps_bytes = _ifd(gps, gps_at)
    jpeg_at = gps_at + len(gps_bytes)
    header = b"II*\x00" + struct.pack("<I", start) + (b"CR\x02\x00" + bytes(4) if cr2 else bytes(8))
    path = folder / f"IMG_0001.{extension}"
    path.write_bytes(header + _ifd(ifd0(exif_at, gps_at, jpeg_at), start) + exif_bytes + gps_bytes + jpeg)
    return path


# -- MOV without ftyp, as older cameras write it -----------------------------------------------------------------


def _atoms(data: bytes) -> list[tuple[int, int, bytes]]:
    found, offset = [], 0
    while offset + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[offset : offset + 8])
        found.append((offset, size, kind))
        offset += size
    return found


def _udta_string(kind: bytes, text: str) -> bytes:
    """A QuickTime international text atom (©mak, ©mod): length, language, text."""
    payload = struct.pack(">HH", len(text.encode()), 0) + text.encode()
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def mov_without_ftyp(folder: Path, in_keys: bool = False) -> Path:
    """A PyAV/ffmpeg MOV whose `ftyp` is replaced by `wide` + `free` atoms of the same size (offsets stay valid),
    with make/model in moov/udta (©mak/©mod) or, with `in_keys`, in Apple's mdta keys (ffmpeg writes those)."""
    made = folder / "made.mov"
    tags = ("-metadata", f"com.apple.quicktime.make={MAKE}", "-metadata", f"com.apple.quicktime.model={MODEL}",
            "-movflags", "use_metadata_tags") if in_keys else ("-map_metadata", "-1")  # fmt: skip
    _ffmpeg(made, *_CLIP, *_H264, "-fflags", "+bitexact", *tags, "-f", "mov")
    data = bytearray(made.read_bytes())
    made.unlink()
    atoms = _atoms(bytes(data))
    assert atoms[0][2] == b"ftyp" and atoms[-1][2] == b"moov", atoms
    ftyp_size = atoms[0][1]
    data[0:16] = struct.pack(">I4s", 8, b"wide") + struct.pack(">I4s", ftyp_size - 8, b"free")
    data[16:ftyp_size] = bytes(ftyp_size - 16)
    if not in_keys:
        udta_children = _udta_string(b"\xa9mak", MAKE) + _udta_string(b"\xa9mod", MODEL)
        udta = struct.pack(">I4s", 8 + len(udta_children), b"udta") + udta_children
        moov_at, moov_size, _ = atoms[-1]
        data += udta  # moov is the last atom: growing it moves nothing else
        data[moov_at : moov_at + 4] = struct.pack(">I", moov_size + len(udta))
    path = folder / "MOVIE.MOV"
    path.write_bytes(bytes(data))
    return path


# -- ZIP-based documents ------------------------------------------------------------------------------------------

_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_CORE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    f"<dc:creator>{AUTHOR}</dc:creator><cp:lastModifiedBy>Second Editor</cp:lastModifiedBy>"
    '<dcterms:created xsi:type="dcterms:W3CDTF">2024-02-29T23:58:41Z</dcterms:created></cp:coreProperties>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships '
    'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="{main}"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
    'core-properties" Target="docProps/core.xml"/></Relationships>'
)
_OOXML = {
    "docx": ("word/document.xml", "wordprocessingml.document.main+xml",
             '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>'
             '<w:ins w:id="1" w:author="Tracked Changer" w:date="2024-02-29T23:58:41Z"><w:r><w:t>Решение суда'
             "</w:t></w:r></w:ins></w:p></w:body></w:document>"),
    "xlsx": ("xl/workbook.xml", "spreadsheetml.sheet.main+xml",
             '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>'),
    "pptx": ("ppt/presentation.xml", "presentationml.presentation.main+xml",
             '<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>'),
}  # fmt: skip
_EXTRA_PARTS = {
    "xlsx": {"xl/comments1.xml": '<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             "<authors><author>Comment Writer</author></authors><commentList/></comments>"},
    "pptx": {"ppt/commentAuthors.xml": '<p:cmAuthorLst xmlns:p="http://schemas.openxmlformats.org/presentationml/'
             '2006/main"><p:cmAuthor id="1" name="Comment Writer" initials="CW" lastIdx="1" clrIdx="0"/>'
             "</p:cmAuthorLst>"},
}  # fmt: skip


def ooxml(folder: Path, extension: str, order: str = "word-first-parts", name: str | None = None) -> Path:
    """A DOCX/XLSX/PPTX. `order`: "types-first" ([Content_Types].xml, _rels/, docProps/ first, as Word writes)
    or "word-first-parts" (the main part first, the content types last)."""
    main, content_type, body = _OOXML[extension]
    types = (
        f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{_CT}">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/{main}" ContentType="application/vnd.openxmlformats-officedocument.{content_type}"/>'
        '<Override PartName="/docProps/core.xml" '
        'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>'
    )
    parts = {"[Content_Types].xml": types, "_rels/.rels": _RELS.replace("{main}", main),
             "docProps/core.xml": _CORE, main: body, **_EXTRA_PARTS.get(extension, {})}  # fmt: skip
    names = list(parts) if order == "types-first" else [main, *(p for p in reversed(list(parts)) if p != main)]
    path = folder / (name or f"document.{extension}")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for part in names:
            archive.writestr(part, parts[part])
    return path


_ODF_META = (
    '<?xml version="1.0" encoding="UTF-8"?><office:document-meta '
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.2"><office:meta>'
    f"<meta:initial-creator>{AUTHOR}</meta:initial-creator><dc:creator>{AUTHOR}</dc:creator>"
    "<meta:creation-date>2024-02-29T23:58:41</meta:creation-date></office:meta></office:document-meta>"
)


def odf(folder: Path, extension: str, media_type: str) -> Path:
    path = folder / f"document.{extension}"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", media_type, compress_type=zipfile.ZIP_STORED)
        archive.writestr("meta.xml", _ODF_META, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr(
            "content.xml",
            '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>',
            compress_type=zipfile.ZIP_DEFLATED,
        )
    return path


def epub(folder: Path) -> Path:
    path = folder / "book.epub"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        archive.writestr(
            "META-INF/container.xml",
            '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
            '<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
            "</rootfiles></container>",
        )
        archive.writestr(
            "OEBPS/content.opf",
            '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">'
            '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">urn:uuid:1</dc:identifier>'
            f"<dc:title>Хроника</dc:title><dc:creator>{AUTHOR}</dc:creator><dc:language>ru</dc:language>"
            "</metadata><manifest/><spine/></package>",
        )
    return path


def plain_zip(folder: Path) -> Path:
    path = folder / "archive.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes/readme.txt", "hello")
    return path


def rtf(folder: Path) -> Path:
    path = folder / "letter.rtf"
    path.write_bytes(
        b"{\\rtf1\\ansi\\deff0{\\info{\\author " + AUTHOR.encode() + b"}{\\title Appeal}"
        b"{\\creatim\\yr2024\\mo2\\dy29\\hr23\\min58}}\\pard Text of the appeal.\\par}"
    )
    return path


def eml(folder: Path) -> Path:
    path = folder / "message.eml"
    path.write_bytes(
        b"Return-Path: <lawyer@example.org>\r\nReceived: from mx.example.org by mail.example.net\r\n"
        b"From: =?utf-8?b?0JDQvdCw0YHRgtCw0YHQuNGP?= <lawyer@example.org>\r\nTo: client@example.net\r\n"
        b"Subject: Court date\r\nDate: Thu, 29 Feb 2024 23:58:41 +0300\r\nMessage-ID: <1@example.org>\r\n"
        b"X-Mailer: Planted Mailer 1.0\r\n\r\nThe hearing is on Monday.\r\n"
    )
    return path


def text(folder: Path) -> Path:
    path = folder / "notes.txt"
    path.write_text("Задержание у метро, 14:05\nсвидетели: двое\n", encoding="utf-8")
    return path


def unknown(folder: Path) -> Path:
    path = folder / "blob.bin"
    path.write_bytes(bytes(range(256)) * 8)
    return path


def amr(folder: Path) -> Path:
    path = folder / "voice.amr"
    path.write_bytes(amr_silence())
    return path


SAMPLES: dict[str, Callable[[Path], Path]] = {
    "image/jpeg": image("jpg", "JPEG"),
    "image/png": image("png", "PNG"),
    "image/webp": image("webp", "WEBP"),
    "image/gif": image("gif", "GIF"),
    "image/tiff": image("tif", "TIFF"),
    "image/heic": lambda folder: heif_with_brand(folder, b"heic", "heic"),
    "image/heif": lambda folder: heif_with_brand(folder, b"mif1", "heif"),
    "image/avif": avif,
    "image/x-adobe-dng": lambda folder: raw_file(folder, "dng", "Canon", "Canon EOS 5D", dng=True),
    "image/x-canon-cr2": lambda folder: raw_file(folder, "CR2", "Canon", "Canon EOS 40D", cr2=True),
    "image/x-nikon-nef": lambda folder: raw_file(folder, "NEF", "NIKON CORPORATION", "NIKON D70"),
    "image/x-sony-arw": lambda folder: raw_file(folder, "ARW", "SONY", "ILCE-7M3"),
    "video/mp4": video("mp4", *_H264),
    "video/quicktime": mov_without_ftyp,
    "video/x-m4v": video("m4v", *_H264, "-f", "mp4", "-brand", "M4V "),
    "video/3gpp": video("3gp", "-c:v", "h263", "-s", "176x144"),
    "video/3gpp2": video("3g2", "-c:v", "h263", "-s", "176x144"),
    "video/x-matroska": video("mkv", *_H264),
    "video/webm": video("webm", "-c:v", "libvpx", "-b:v", "200k"),
    "video/x-msvideo": video("avi", "-c:v", "mpeg4"),
    "video/mp2t": video("mts", *_H264, "-f", "mpegts", "-mpegts_m2ts_mode", "1"),
    "video/mpeg": video("mpg", "-c:v", "mpeg2video", "-f", "vob"),
    "audio/mpeg": sound("mp3", "-c:a", "libmp3lame"),
    "audio/mp4": sound("m4a", "-c:a", "aac"),
    "audio/ogg": sound("opus", "-c:a", "libopus"),
    "audio/wav": sound("wav", "-c:a", "pcm_s16le"),
    "audio/flac": sound("flac", "-c:a", "flac"),
    "audio/amr": amr,
    "audio/aac": sound("aac", "-c:a", "aac", "-f", "adts"),
    "application/pdf": lambda folder: _pdf(folder),
    formats.DOCX: lambda folder: ooxml(folder, "docx", "types-first"),
    formats.XLSX: lambda folder: ooxml(folder, "xlsx"),
    formats.PPTX: lambda folder: ooxml(folder, "pptx"),
    formats.ODT: lambda folder: odf(folder, "odt", formats.ODT),
    formats.ODS: lambda folder: odf(folder, "ods", formats.ODS),
    formats.ODP: lambda folder: odf(folder, "odp", formats.ODP),
    "application/epub+zip": epub,
    "application/rtf": rtf,
    "message/rfc822": eml,
    "text/plain": text,
    "application/zip": plain_zip,
    formats.UNKNOWN: unknown,
}


def _pdf(folder: Path) -> Path:
    path = folder / "decision.pdf"
    page = Image.new("RGB", (200, 280), "white")
    page.save(path, "PDF", author=AUTHOR, title="Decision")
    return path
