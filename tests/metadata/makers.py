"""Files with planted metadata and hostile files, generated at test time with Pillow, exiftool, ffmpeg, pikepdf."""

from __future__ import annotations

import io
import re
import struct
import subprocess
import zlib
from pathlib import Path

import pikepdf
from PIL import Image, ImageDraw
from PIL.PngImagePlugin import PngInfo

MOSCOW = (55.755833, 37.617222)


def picture(width: int = 320, height: int = 200) -> Image.Image:
    image = Image.new("RGB", (width, height), (40, 90, 160))
    ImageDraw.Draw(image).rectangle((width // 10, height // 10, width // 3, height // 2), fill=(230, 200, 40))
    return image


def exif_block(make: str, model: str, lat: float, lon: float, when: str, serial: str | None = None) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = make
    exif[0x0110] = model
    sub = exif.get_ifd(0x8769)
    sub[0x9003] = when  # DateTimeOriginal
    if serial:
        sub[0xA431] = serial  # BodySerialNumber
    gps = exif.get_ifd(0x8825)

    def dms(value: float) -> tuple[float, float, float]:
        deg = int(value)
        minutes = int((value - deg) * 60)
        return (float(deg), float(minutes), round((value - deg - minutes / 60) * 3600, 4))

    gps[1], gps[2] = ("N" if lat >= 0 else "S"), dms(abs(lat))
    gps[3], gps[4] = ("E" if lon >= 0 else "W"), dms(abs(lon))
    return exif


def jpeg_with_xmp_gps_and_iptc_byline(path: Path, byline: str, lat: float, lon: float) -> Path:
    picture().save(path, "JPEG")
    subprocess.run(
        [
            "exiftool", "-q", "-overwrite_original", "-charset", "iptc=UTF8", "-IPTC:CodedCharacterSet=UTF8",
            f"-IPTC:By-line={byline}", f"-XMP-exif:GPSLatitude={abs(lat)}",
            f"-XMP-exif:GPSLatitudeRef={'N' if lat >= 0 else 'S'}",
            f"-XMP-exif:GPSLongitude={abs(lon)}", f"-XMP-exif:GPSLongitudeRef={'E' if lon >= 0 else 'W'}",
            "-XMP-dc:Creator=XMP Creator Name", str(path),
        ],
        check=True,
    )  # fmt: skip
    return path


def png_with_text_and_exif(path: Path, texts: dict[str, str], exif: Image.Exif) -> Path:
    info = PngInfo()
    for key, value in texts.items():
        if value.isascii():
            info.add_text(key, value)
        else:
            info.add_itxt(key, value)
    picture().save(path, "PNG", pnginfo=info, exif=exif.tobytes())
    return path


def webp_with_exif(path: Path, exif: Image.Exif) -> Path:
    picture().save(path, "WEBP", exif=exif.tobytes())
    return path


def video_with_location_device_and_subtitles(path: Path, subtitle: str, lat: float, lon: float) -> Path:
    srt = path.with_suffix(".srt")
    srt.write_text(f"1\n00:00:00,000 --> 00:00:01,000\n{subtitle}\n", encoding="utf-8")
    location = f"{lat:+08.4f}{lon:+09.4f}/"
    subprocess.run(
        [
            "ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc=duration=1:size=160x120:rate=10",
            "-f", "lavfi", "-i", "sine=duration=1", "-i", str(srt), "-map", "0", "-map", "1", "-map", "2",
            "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-c:s", "mov_text",
            "-metadata", f"location={location}", "-metadata", "make=PlantedMake",
            "-metadata", "model=PlantedModel 7", "-metadata", "creation_time=2026-03-26T12:34:56Z",
            "-movflags", "use_metadata_tags", str(path),
        ],
        check=True,
    )  # fmt: skip
    srt.unlink()
    return path


def pdf_with_incremental_author_change(path: Path, first_author: str, second_author: str) -> Path:
    """A PDF saved once, then changed by an incremental update appended to the file (as editors do)."""
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.docinfo["/Author"] = first_author
    pdf.docinfo["/Title"] = "Постановление по делу об административном правонарушении"
    pdf.save(path, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    append_info_update(path, second_author)
    return path


def append_info_update(path: Path, author: str) -> None:
    """Append an incremental update that replaces the document's Info dictionary (a new author and producer)."""
    with pikepdf.open(path) as saved:
        size = int(saved.trailer.Size)
        root = saved.trailer.Root.objgen
    data = path.read_bytes()
    prev = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    offset = len(data)
    body = f"{size} 0 obj\n<< /Author ({author}) /Producer (Planted Editor 2.0) >>\nendobj\n".encode()
    xref = f"xref\n{size} 1\n{offset:010d} 00000 n \n".encode()
    trailer = (
        f"trailer\n<< /Size {size + 1} /Root {root[0]} {root[1]} R /Info {size} 0 R /Prev {prev} >>\n"
        f"startxref\n{offset + len(body)}\n%%EOF\n"
    ).encode()
    path.write_bytes(data + body + xref + trailer)


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_claiming_huge_size(width: int = 20000, height: int = 20000) -> bytes:
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" + b"\x00" * 30)
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr) + _png_chunk(b"IDAT", idat) + _png_chunk(b"IEND", b"")


def png_with_ztxt_bomb(inflated_bytes: int = 200 * 1024 * 1024) -> bytes:
    out = io.BytesIO()
    picture(8, 8).save(out, "PNG")
    png = out.getvalue()
    compressor = zlib.compressobj(9)
    block = b"\x00" * (1 << 20)
    bomb = b"".join(compressor.compress(block) for _ in range(inflated_bytes >> 20)) + compressor.flush()
    ztxt = _png_chunk(b"zTXt", b"Comment\x00\x00" + bomb)
    return png[:33] + ztxt + png[33:]  # after the IHDR chunk


def jpeg_with_truncated_exif_ifd() -> bytes:
    """An APP1 EXIF block whose IFD0 claims 200 entries but ends after a few bytes."""
    out = io.BytesIO()
    picture(64, 48).save(out, "JPEG")
    jpeg = out.getvalue()
    tiff = b"MM\x00\x2a\x00\x00\x00\x08" + struct.pack(">H", 200) + b"\x01\x0f\x00\x02\x00\x00\x00\x20"
    app1 = b"Exif\x00\x00" + tiff
    segment = b"\xff\xe1" + struct.pack(">H", len(app1) + 2) + app1
    return jpeg[:2] + segment + jpeg[2:]


def truncated_mp4(tmp: Path) -> bytes:
    full = video_with_location_device_and_subtitles(tmp / "full.mp4", "x", *MOSCOW)
    data = full.read_bytes()
    return data[: len(data) // 2]


AUDIO_CODECS = {
    "mp3": ["-c:a", "libmp3lame"],
    "m4a": ["-c:a", "aac"],
    "ogg": ["-c:a", "libvorbis"],
    "wav": ["-c:a", "pcm_s16le"],
}
VIDEO_CODECS = {
    "mkv": ["-c:v", "libx264", "-pix_fmt", "yuv420p"],
    "avi": ["-c:v", "mpeg4"],
    "3gp": ["-c:v", "h263", "-s", "176x144"],
}


def audio_with_tags(path: Path, title: str, artist: str) -> Path:
    codec = AUDIO_CODECS[path.suffix.lstrip(".")]
    subprocess.run(
        ["ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "sine=duration=1", *codec,
         "-metadata", f"title={title}", "-metadata", f"artist={artist}", str(path)],
        check=True,
    )  # fmt: skip
    return path


def amr_silence(seconds: float = 1.0) -> bytes:
    """AMR-NB (no free encoder in Debian's ffmpeg): the magic, then 20 ms frames of mode 7 (12.2 kbit/s)."""
    frame = b"\x3c" + bytes(31)
    return b"#!AMR\n" + frame * int(seconds * 50)


def video_in_container(path: Path, title: str) -> Path:
    codec = VIDEO_CODECS[path.suffix.lstrip(".")]
    subprocess.run(
        ["ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc=duration=1:size=176x144:rate=10",
         *codec, "-metadata", f"title={title}", str(path)],
        check=True,
    )  # fmt: skip
    return path
