"""Files for every share-copy format, each carrying planted identifying values we can search for afterwards.

Every planted value is distinct and unusual, so finding one in a share copy can only mean it leaked.
"""

from __future__ import annotations

import io
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pikepdf
from PIL import Image, ImageDraw
from PIL.PngImagePlugin import PngInfo

from tests.metadata.makers import append_info_update, exif_block

LAT, LON = 59.938630, 30.314130  # planted GPS: St Petersburg, Palace Square
MAKE = "Zorkiy Optics"
MODEL = "Zorkiy Z-1000 Pro"
SERIAL = "SN7730019421"
ARTIST = "Anastasia Kuznetsova"
SOFTWARE = "ZorkiyFirmware 9.8.7"
WHEN = "2024:02:29 23:58:41"
COMMENT = "handed over by Pavel Smirnov"
TRAILER = b"TRAILING-SECRET-BYTES-0xC0FFEE"


@dataclass(frozen=True)
class Planted:
    path: Path
    media_type: str
    values: tuple[str, ...]  # what must not appear in the copy (as text, any encoding)


def scene(width: int = 640, height: int = 480) -> Image.Image:
    """A picture with structure in it (so orientation can be compared), no faces."""
    rng = np.random.default_rng(7)
    base = (rng.random((height // 16, width // 16, 3)) * 255).astype(np.uint8)
    image = Image.fromarray(base.repeat(16, 0).repeat(16, 1))
    ImageDraw.Draw(image).rectangle((width // 8, height // 8, width // 2, height // 3), fill=(250, 20, 20))
    return image


def _exif() -> Image.Exif:
    exif = exif_block(MAKE, MODEL, LAT, LON, WHEN, SERIAL)
    exif[0x013B] = ARTIST
    exif[0x0131] = SOFTWARE
    return exif


def _exiftool(path: Path, *args: str) -> None:
    subprocess.run(["exiftool", "-q", "-q", "-overwrite_original", *args, str(path)], check=True)


def jpeg(tmp: Path, orientation: int = 6) -> Planted:
    path = tmp / "photo.jpg"
    exif = _exif()
    exif[0x0112] = orientation
    scene().save(path, "JPEG", exif=exif.tobytes(), quality=92)
    thumb = tmp / "thumb.jpg"
    scene(160, 120).save(thumb, "JPEG")
    _exiftool(path, f"-ThumbnailImage<={thumb}", f"-XMP-dc:Creator={ARTIST}", f"-XMP-exif:GPSLatitude={LAT}",
              f"-IPTC:By-line={ARTIST}", f"-Comment={COMMENT}", "-XMP-tiff:Make=" + MAKE)  # fmt: skip
    thumb.unlink()
    path.write_bytes(path.read_bytes() + TRAILER)
    return Planted(path, "image/jpeg", (MAKE, MODEL, SERIAL, ARTIST, SOFTWARE, WHEN, COMMENT, TRAILER.decode(),
                                        f"{LAT:.4f}", f"{LON:.4f}"))  # fmt: skip


def png(tmp: Path) -> Planted:
    path = tmp / "screen.png"
    info = PngInfo()
    info.add_text("Author", ARTIST)
    info.add_itxt("Comment", COMMENT)
    info.add_text("Software", SOFTWARE)
    scene().save(path, "PNG", pnginfo=info, exif=_exif().tobytes())
    return Planted(path, "image/png", (ARTIST, COMMENT, SOFTWARE, MAKE, MODEL, SERIAL, WHEN))


def webp(tmp: Path) -> Planted:
    path = tmp / "photo.webp"
    scene().save(path, "WEBP", exif=_exif().tobytes(), xmp=f"<x:xmpmeta><dc:creator>{ARTIST}</dc:creator>"
                 "</x:xmpmeta>".encode())  # fmt: skip
    return Planted(path, "image/webp", (ARTIST, MAKE, MODEL, SERIAL, SOFTWARE, WHEN))


def heic(tmp: Path) -> Planted:
    import pillow_heif

    pillow_heif.register_heif_opener()
    path = tmp / "IMG_0001.heic"
    exif = exif_block("Apple", "iPhone 14 Pro", LAT, LON, WHEN, SERIAL)
    exif[0x0131] = "17.4.1"
    scene().save(path, "HEIF", exif=exif.tobytes(), quality=90)
    return Planted(path, "image/heic", ("iPhone 14 Pro", SERIAL, WHEN, f"{LAT:.4f}"))


def tiff(tmp: Path) -> Planted:
    path = tmp / "scan.tif"
    scene().save(path, "TIFF", exif=_exif().tobytes())
    _exiftool(path, f"-Artist={ARTIST}", f"-HostComputer={MODEL} host")
    return Planted(path, "image/tiff", (ARTIST, MAKE, MODEL, SERIAL, SOFTWARE, WHEN))


def gif(tmp: Path) -> Planted:
    path = tmp / "anim.gif"
    frames = [scene(160, 120), scene(160, 120).transpose(Image.Transpose.FLIP_LEFT_RIGHT)]
    frames[0].save(path, "GIF", save_all=True, append_images=frames[1:], comment=COMMENT.encode(), duration=200)
    return Planted(path, "image/gif", (COMMENT,))


def _jpeg_with_gps_bytes() -> bytes:
    out = io.BytesIO()
    scene(200, 150).save(out, "JPEG", exif=_exif().tobytes())
    return out.getvalue()


def pdf(tmp: Path) -> Planted:
    """Info + XMP, an incremental update, an embedded JPEG with EXIF GPS, an annotation author, an attachment."""
    path = tmp / "fine.pdf"
    base = tmp / "base.pdf"
    with pikepdf.new() as doc:
        doc.add_blank_page(page_size=(595, 842))
        page = doc.pages[0]
        image = pikepdf.Stream(doc, _jpeg_with_gps_bytes())
        image.Type, image.Subtype, image.Width, image.Height = pikepdf.Name.XObject, pikepdf.Name.Image, 200, 150
        image.ColorSpace, image.BitsPerComponent, image.Filter = pikepdf.Name.DeviceRGB, 8, pikepdf.Name.DCTDecode
        page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image))
        page.Contents = doc.make_stream(b"q 200 0 0 150 100 600 cm /Im0 Do Q")
        annot = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Text, Rect=[10, 10, 50, 50],
                                   Contents=pikepdf.String("note"), T=pikepdf.String(ARTIST),
                                   M=pikepdf.String("D:20240229235841"))  # fmt: skip
        page.Annots = doc.make_indirect(pikepdf.Array([annot]))
        attachment = pikepdf.AttachedFileSpec(doc, f"owner: {ARTIST}".encode(), filename="owner.txt")
        doc.attachments["owner.txt"] = attachment
        with doc.open_metadata() as meta:
            meta["dc:creator"] = [ARTIST]
            meta["xmp:CreatorTool"] = SOFTWARE
        doc.docinfo["/Author"] = ARTIST
        doc.docinfo["/Producer"] = SOFTWARE
        doc.save(base)
    with pikepdf.open(base) as doc:
        doc.save(path, object_stream_mode=pikepdf.ObjectStreamMode.disable, compress_streams=True)
    base.unlink()
    # An incremental update on top, changing the author (the old one must not survive either).
    append_info_update(path, "Second Editor Name")
    return Planted(path, "application/pdf", (ARTIST, SOFTWARE, "Second Editor Name", MAKE, MODEL, SERIAL, WHEN,
                                             "20240229235841"))  # fmt: skip


def video(tmp: Path, container: str = "mp4", rotate: int = 0, size: str = "320x240", seconds: float = 2.0) -> Planted:
    """Location atoms, make/model, a GPS subtitle track, a data-ish second audio track; optional display rotation."""
    path = tmp / f"clip.{container}"
    srt = tmp / "gps.srt"
    srt.write_text(f"1\n00:00:00,000 --> 00:00:02,000\nGPS {LAT:.6f} {LON:.6f} {SERIAL}\n", encoding="utf-8")
    location = f"{LAT:+08.4f}{LON:+09.4f}/"
    args = [
        "ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i", f"testsrc2=duration={seconds}:size={size}:rate=15",
        "-f", "lavfi", "-i", f"sine=duration={seconds}", "-i", str(srt), "-map", "0", "-map", "1", "-map", "2",
        "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-c:s", "mov_text",
        "-metadata", f"location={location}", "-metadata", f"make={MAKE}", "-metadata", f"model={MODEL}",
        "-metadata", "creation_time=2024-02-29T23:58:41Z", "-metadata", f"artist={ARTIST}",
        "-metadata", f"comment={COMMENT}",
    ]  # fmt: skip
    args += ["-movflags", "use_metadata_tags", str(path)]
    subprocess.run(args, check=True)
    if rotate:
        # As a phone records it: a display matrix on the track (ffmpeg 5 writes one for this tag on a plain remux).
        tagged = path.with_name(f"rotated.{container}")
        remux = ["ffmpeg", "-loglevel", "error", "-y", "-i", str(path), "-map", "0", "-c", "copy",
                 "-metadata:s:v:0", f"rotate={rotate}", str(tagged)]  # fmt: skip
        subprocess.run(remux, check=True)
        tagged.replace(path)
    srt.unlink()
    media_type = {"mp4": "video/mp4", "mov": "video/quicktime", "3gp": "video/3gpp"}[container]
    return Planted(path, media_type, (MAKE, MODEL, ARTIST, COMMENT, SERIAL, f"{LAT:.4f}", "2024-02-29"))


def mp3(tmp: Path) -> Planted:
    from mutagen.apev2 import APEv2

    path = tmp / "voice.mp3"
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "sine=duration=2", "-c:a",
                    "libmp3lame", "-metadata", f"artist={ARTIST}", "-metadata", f"comment={COMMENT}",
                    "-metadata", f"date={WHEN}", str(path)], check=True)  # fmt: skip
    tags = APEv2()
    tags["Artist"] = ARTIST
    tags["Recorder"] = f"{MAKE} {SERIAL}"
    tags.save(path)
    return Planted(path, "audio/mpeg", (ARTIST, COMMENT, MAKE, SERIAL, "Lavf"))


def audio(tmp: Path, extension: str) -> Planted:
    codec = {"m4a": "aac", "ogg": "libopus", "wav": "pcm_s16le"}[extension]
    path = tmp / f"voice.{extension}"
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "sine=duration=2", "-c:a", codec,
                    "-metadata", f"artist={ARTIST}", "-metadata", f"comment={COMMENT}",
                    "-metadata", f"title={MODEL}", str(path)], check=True)  # fmt: skip
    media_type = {"m4a": "audio/mp4", "ogg": "audio/ogg", "wav": "audio/x-wav"}[extension]
    return Planted(path, media_type, (ARTIST, COMMENT, MODEL))


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx(tmp: Path, body_text: str = "Протокол задержания") -> Planted:
    path = tmp / "statement.docx"
    files = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Default Extension="jpeg" ContentType="image/jpeg"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
        ),
        "word/document.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><w:document {_W}><w:body><w:p w:rsidR="00AB12CD">'
            f'<w:ins w:id="1" w:author="{ARTIST}" w:date="2024-02-29T23:58:41Z"><w:r><w:t>{body_text}</w:t></w:r>'
            "</w:ins></w:p></w:body></w:document>"
        ),
        "word/comments.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><w:comments {_W}><w:comment w:id="0" w:author="{ARTIST}" '
            'w:initials="AK" w:date="2024-02-29T23:58:41Z"><w:p><w:r><w:t>check</w:t></w:r></w:p></w:comment>'
            "</w:comments>"
        ),
        "docProps/core.xml": (
            '<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/'
            'package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:creator>{ARTIST}</dc:creator><cp:lastModifiedBy>{ARTIST}</cp:lastModifiedBy>"
            '<dcterms:created xsi:type="dcterms:W3CDTF">2024-02-29T23:58:41Z</dcterms:created>'
            "</cp:coreProperties>"
        ),
        "docProps/app.xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Properties xmlns="http://schemas.openxmlformats.org/'
            f'officeDocument/2006/extended-properties"><Application>{SOFTWARE}</Application>'
            f"<Company>{MAKE} Legal Dept</Company></Properties>"
        ),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text.encode("utf-8"))
        archive.writestr("word/media/image1.jpeg", _jpeg_with_gps_bytes())
        archive.writestr("docProps/thumbnail.jpeg", _jpeg_with_gps_bytes())
    return Planted(
        path, "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (ARTIST, SOFTWARE, MAKE, MODEL, SERIAL, "2024-02-29T23:58:41"),
    )  # fmt: skip


def odt(tmp: Path) -> Planted:
    path = tmp / "letter.odt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), b"application/vnd.oasis.opendocument.text")
        archive.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
            'opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
            'manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry '
            'manifest:full-path="content.xml" manifest:media-type="text/xml"/><manifest:file-entry '
            'manifest:full-path="meta.xml" manifest:media-type="text/xml"/><manifest:file-entry '
            'manifest:full-path="Thumbnails/thumbnail.png" manifest:media-type="image/png"/></manifest:manifest>',
        )
        archive.writestr(
            "content.xml",
            '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:'
            'opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.2"><office:body><office:text>'
            f"<text:p>Letter<office:annotation><dc:creator>{ARTIST}</dc:creator><dc:date>2024-02-29T23:58:41"
            "</dc:date><text:p>remark</text:p></office:annotation></text:p></office:text></office:body>"
            "</office:document-content>",
        )
        archive.writestr(
            "meta.xml",
            '<?xml version="1.0" encoding="UTF-8"?><office:document-meta xmlns:office="urn:oasis:names:tc:'
            'opendocument:xmlns:office:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.2"><office:meta>'
            f"<meta:initial-creator>{ARTIST}</meta:initial-creator><dc:creator>{ARTIST}</dc:creator>"
            f"<meta:generator>{SOFTWARE}</meta:generator></office:meta></office:document-meta>",
        )
        thumb = io.BytesIO()
        scene(64, 48).save(thumb, "PNG")
        archive.writestr("Thumbnails/thumbnail.png", thumb.getvalue())
    return Planted(path, "application/vnd.oasis.opendocument.text", (ARTIST, SOFTWARE, "2024-02-29T23:58:41"))


ALL = {
    "jpeg": jpeg, "png": png, "webp": webp, "heic": heic, "tiff": tiff, "gif": gif, "pdf": pdf,
    "mp4": lambda tmp: video(tmp, "mp4"), "mov": lambda tmp: video(tmp, "mov"), "mp3": mp3,
    "m4a": lambda tmp: audio(tmp, "m4a"), "ogg": lambda tmp: audio(tmp, "ogg"),
    "wav": lambda tmp: audio(tmp, "wav"), "docx": docx, "odt": odt,
}  # fmt: skip
