"""The parts of an office package that are not XML, told apart by their bytes (never by their names: Word keeps a
JPEG as image1.jpe or image1.tiff just as well), and what a share copy does with each.

- JPEG and PNG: cleaned losslessly (locker.share.segments).
- GIF, TIFF and WebP: re-encoded from their pixels by the photo sanitiser (locker.share.images), in the same
  format, so the package's content types stay true; BMP: re-written from its pixels (it has no metadata fields,
  but may carry bytes after them).
- Pictures we cannot rewrite in their own format (HEIF/AVIF, EMF/WMF and other metafiles, PostScript, PDF, ICO,
  JPEG 2000, JPEG XR), any other part in a media folder (media/, Pictures/: a picture or sound we do not know) and
  OLE objects (an opaque compound file of another program): the copy is refused. Such a part can hold a name, a
  folder or a whole other document, and neither the sanitiser nor the re-check can look inside it.
- A ZIP: an embedded package (a chart's workbook, an embedded document); the caller cleans it as a document.
- Anything else (fonts and other data) is copied as it is; the re-check still searches it.
"""

from __future__ import annotations

import io

JPEG, PNG, GIF, TIFF, WEBP, BMP, ZIP, XML, OTHER = "jpeg", "png", "gif", "tiff", "webp", "bmp", "zip", "xml", "other"
# Kinds of parts a copy is refused for, and how the refusal names them.
UNCLEANABLE = {
    "heif": "a HEIF/AVIF picture",
    "metafile": "a vector picture (EMF, WMF or another metafile)",
    "postscript": "a PostScript picture",
    "pdf": "a PDF",
    "ole": "an embedded object of another program (an OLE compound file)",
    "other picture": "a picture in a format without a cleaner (ICO, JPEG 2000 or JPEG XR)",
}
_REENCODED = {GIF: "image/gif", TIFF: "image/tiff", WEBP: "image/webp"}


def kind_of_part(data: bytes) -> str:
    """What the part is, from its first bytes."""
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
        return "ole"
    if head[4:8] == b"ftyp":
        return "heif"
    if (head.startswith(b"\x01\x00\x00\x00") and head[40:44] == b" EMF") or head.startswith(
        (b"\xd7\xcd\xc6\x9a", b"\x01\x00\x09\x00", b"\x02\x00\x09\x00", b"VCLMTF")
    ):
        return "metafile"
    if head.startswith((b"%!PS", b"\xc5\xd0\xd3\xc6")):
        return "postscript"
    if head.startswith(b"%PDF"):
        return "pdf"
    # ICO/CUR, JPEG 2000 (box or codestream) and JPEG XR / HD Photo (Office's .wdp): their metadata is not walked.
    if head.startswith(
        (
            b"\x00\x00\x01\x00",
            b"\x00\x00\x02\x00",
            b"\x00\x00\x00\x0cjP  ",
            b"\xff\x4f\xff\x51",
            b"II\xbc\x01",
            b"II\xbc\x00",
        )
    ):
        return "other picture"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return XML
    return OTHER


def is_picture(kind: str) -> bool:
    return kind in {JPEG, PNG, BMP} or kind in _REENCODED


def clean_picture(kind: str, data: bytes) -> bytes | None:
    """The picture without its metadata, in the same format; None if it cannot be read."""
    from locker.share.segments import clean_jpeg, clean_png  # noqa: PLC0415

    if kind == JPEG:
        return clean_jpeg(data)
    if kind == PNG:
        return clean_png(data)
    try:
        return _bmp_from_pixels(data) if kind == BMP else _reencoded(data, _REENCODED[kind])
    except (OSError, ValueError, SyntaxError):  # Pillow's ways of saying the file is broken
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
