"""The parts of an office package that are not XML, told apart by their bytes (never by their names: Word keeps a
JPEG as image1.jpe or image1.tiff just as well), and what a share copy does with each.

- JPEG and PNG: cleaned losslessly (locker.share.segments).
- GIF, TIFF and WebP: re-encoded from their pixels by the photo sanitiser (locker.share.images), in the same
  format, so the package's content types stay true; BMP: re-written from its pixels (it has no metadata fields,
  but may carry bytes after them).
- EMF and WMF (pasted charts, clip art, the previews of embedded objects and equations): their records walked and
  copied without comments, escapes and the header's description (locker.share.office_metafile).
- Sounds and videos (MP4/MOV/M4A, WAV, AVI, MP3, WMA/WMV, Ogg, FLAC, MIDI, AIFF) and OLE objects (an opaque
  compound file of another program): told apart here; an Office Open XML copy leaves them out, with what points at
  them (locker.share.office_ooxml_objects); an OpenDocument copy is refused for them.
- Pictures we cannot rewrite in their own format (HEIF/AVIF, StarView metafiles, PostScript, PDF, ICO, JPEG 2000,
  JPEG XR) and any other part in a media folder (media/, Pictures/: a picture or sound we do not know): the copy is
  refused. Such a part can hold a name, a folder or a whole other document, and neither the sanitiser nor the
  re-check can look inside it.
- A ZIP: an embedded package (a chart's workbook, an ODT's embedded document); the caller cleans it as a
  document. (An Office document embedded as an object in DOCX, XLSX or PPTX is left out first, like any object.)
- Anything else is copied as it is; the re-check still searches it. That includes embedded fonts (Word's .odttf in
  word/fonts/, LibreOffice's Fonts/), which are kept on purpose: without them the recipient sees the document in
  other fonts, and a font names its designer and vendor, not the document's author. Word's obfuscation XORs only
  the first 32 bytes (the font's table directory) with a random key of the document (w:fontKey), so the name
  table, where any name would be, stays searchable by the re-check in UTF-16.
"""

from __future__ import annotations

import io
import re

from locker.share import office_metafile
from locker.share.refusals import CopyRefused
from locker.share.sandbox_refusals import (
    EmbeddedPdf,
    EmbeddedProgramObject,
    EmbeddedSoundOrVideo,
    PictureFormatUncleanable,
    PictureUnreadable,
)

JPEG, PNG, GIF, TIFF, WEBP, BMP, ZIP, XML, OTHER = "jpeg", "png", "gif", "tiff", "webp", "bmp", "zip", "xml", "other"
EMF, WMF = "emf", "wmf"
# Parts an Office Open XML copy leaves out (with the relationships and markup that use them).
OLE, SOUND_OR_VIDEO = "ole", "sound or video"
# Pictures a copy is refused for, and the name of their format in the refusal (PictureFormatUncleanable).
_PICTURE_FORMATS = {
    "heif": "HEIF/AVIF",
    "metafile": "StarView (SVM)",
    "postscript": "PostScript",
    "ico": "ICO",
    "jpeg 2000": "JPEG 2000",
    "jpeg xr": "JPEG XR",
}
#: Kinds of parts a copy is refused for.
UNCLEANABLE = {*_PICTURE_FORMATS, OLE, SOUND_OR_VIDEO, "pdf"}
_REENCODED = {GIF: "image/gif", TIFF: "image/tiff", WEBP: "image/webp"}
# Where Office (word/media/, ppt/media/...) and LibreOffice (Pictures/) keep pictures and sounds.
_MEDIA_FOLDER = re.compile(r"(?:^|/)(?:media|Pictures)/")


def in_media_folder(name: str) -> bool:
    return bool(_MEDIA_FOLDER.search(name))


def kind_of_part(data: bytes, name: str = "") -> str:
    """What the part is, from its first bytes; `name` (the part's) only decides whether an MPEG audio frame header
    counts as one: four bytes that any binary part may start with by chance, so only in a media folder."""
    head = data[:64]
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith((b"GIF87a", b"GIF89a")):
        return GIF
    if head.startswith((b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+")):
        return TIFF
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"BM") and len(head) >= 18:
        return BMP
    if head.startswith(b"PK\x03\x04"):
        return ZIP
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return OLE
    if head[4:8] == b"ftyp":
        return "heif" if head[8:12] in _HEIF_BRANDS else SOUND_OR_VIDEO
    if office_metafile.is_emf(head):
        return EMF
    if office_metafile.is_wmf(head):
        return WMF
    if head.startswith(b"VCLMTF"):
        return "metafile"
    if _is_sound_or_video(head) or (in_media_folder(name) and _is_mpeg_audio_frame(head)):
        return SOUND_OR_VIDEO
    if head.startswith((b"%!PS", b"\xc5\xd0\xd3\xc6")):
        return "postscript"
    if head.startswith(b"%PDF"):
        return "pdf"
    # ICO/CUR, JPEG 2000 (box or codestream) and JPEG XR / HD Photo (Office's .wdp): their metadata is not walked.
    if head.startswith((b"\x00\x00\x01\x00", b"\x00\x00\x02\x00")):
        return "ico"
    if head.startswith((b"\x00\x00\x00\x0cjP  ", b"\xff\x4f\xff\x51")):
        return "jpeg 2000"
    if head.startswith((b"II\xbc\x01", b"II\xbc\x00")):
        return "jpeg xr"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return XML
    return OTHER


_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1", b"avif", b"avis"}
_RIFF_MEDIA = {b"WAVE", b"AVI ", b"RMID"}
_MEDIA_STARTS = (
    b"ID3",  # MP3 with a tag
    b"\x30\x26\xb2\x75\x8e\x66\xcf\x11",  # ASF: WMA, WMV
    b"OggS",
    b"fLaC",
    b"MThd",  # MIDI
    b"\x1a\x45\xdf\xa3",  # Matroska, WebM
    b"#!AMR",
)


def _is_sound_or_video(head: bytes) -> bool:
    if head.startswith(b"RIFF") and head[8:12] in _RIFF_MEDIA:
        return True
    if head.startswith(b"FORM") and head[8:12] in {b"AIFF", b"AIFC"}:
        return True
    if head[4:8] in {b"moov", b"mdat", b"wide", b"free", b"skip"}:  # QuickTime without an ftyp atom
        return True
    return head.startswith(_MEDIA_STARTS)


def _is_mpeg_audio_frame(head: bytes) -> bool:
    """An MP3 without a tag: a frame header (sync word, a layer, a bit rate and a sample rate that exist)."""
    if len(head) < 4 or head[0] != 0xFF or head[1] & 0xE0 != 0xE0:
        return False
    return head[1] & 0x06 != 0 and head[1] & 0x18 != 0x08 and head[2] >> 4 not in {0, 15} and (head[2] >> 2) & 3 != 3


def refusal_for(kind: str, part: str) -> CopyRefused:
    """Why a copy with the part `part` of this kind (one of UNCLEANABLE) is refused."""
    if kind == OLE:
        return EmbeddedProgramObject(part=part)
    if kind == SOUND_OR_VIDEO:
        return EmbeddedSoundOrVideo(part=part)
    if kind == "pdf":
        return EmbeddedPdf(part=part)
    return PictureFormatUncleanable(part=part, picture_format=_PICTURE_FORMATS[kind])


def is_picture(kind: str) -> bool:
    return kind in {JPEG, PNG, BMP, EMF, WMF} or kind in _REENCODED


def clean_picture(kind: str, data: bytes) -> bytes | None:
    """The picture without its metadata, in the same format; None if it cannot be read (a metafile whose
    structure is wrong raises office_metafile.MetafileError, which says how)."""
    from locker.share.segments import clean_jpeg, clean_png  # noqa: PLC0415

    if kind == JPEG:
        return clean_jpeg(data)
    if kind == PNG:
        return clean_png(data)
    if kind in {EMF, WMF}:  # a MetafileError says what is wrong with it
        return office_metafile.clean_emf(data) if kind == EMF else office_metafile.clean_wmf(data)
    try:
        return _bmp_from_pixels(data) if kind == BMP else _reencoded(data, _REENCODED[kind])
    except (OSError, ValueError, SyntaxError, PictureUnreadable):  # Pillow's ways of saying the file is broken
        return None


def _reencoded(data: bytes, media_type: str) -> bytes:
    from locker.share.images import sanitise_image  # noqa: PLC0415
    from locker.share.options import ShareOptions  # noqa: PLC0415

    def no_detector() -> object:  # faces are off: a picture inside a document is not reviewed
        raise AssertionError("no face detection for pictures inside documents")

    out = io.BytesIO()
    sanitise_image(io.BytesIO(data), media_type, ShareOptions(faces="off"), no_detector, out)  # type: ignore[arg-type]
    return out.getvalue()


def _bmp_from_pixels(data: bytes) -> bytes:
    from PIL import Image  # noqa: PLC0415

    with Image.open(io.BytesIO(data), formats=["BMP"]) as image:
        mode = "RGBA" if image.mode in {"RGBA", "LA", "PA"} else "RGB"
        pixels = image.convert(mode)
        fresh = Image.frombytes(mode, pixels.size, pixels.tobytes())  # a new image: nothing else comes along
    out = io.BytesIO()
    fresh.save(out, "BMP")
    return out.getvalue()
