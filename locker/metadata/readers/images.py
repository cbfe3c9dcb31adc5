"""Still images: exifread for EXIF and GPS (the card's library), Pillow and pillow-heif for the rest.

exifread misses XMP, IPTC, JPEG comments, PNG text chunks and (often) WebP/PNG EXIF; Pillow fills those in. The
summary ranks binary EXIF first, then XMP, then IPTC, the order ExifTool uses.
"""

from __future__ import annotations

import io
import logging
from typing import IO, Any, BinaryIO, cast

import exifread
from PIL import ExifTags, Image, ImageFile, IptcImagePlugin

from locker.metadata.jsonable import jsonable
from locker.metadata.readers.base import ReaderResult, dms_to_decimal, normalise_time
from locker.metadata.readers.xmp import offer_xmp, parse_xmp

_SERIAL_TAGS = (
    "EXIF BodySerialNumber",
    "EXIF LensSerialNumber",
    "MakerNote SerialNumber",
    "MakerNote InternalSerialNumber",
    "MakerNote SerialNumberFormat",
)


class _WarningCollector(logging.Handler):
    """exifread reports damaged IFDs through logging; they belong in the record, not on stderr."""

    def __init__(self, sink: list[str]) -> None:
        super().__init__(logging.WARNING)
        self._sink = sink

    def emit(self, record: logging.LogRecord) -> None:
        self._sink.append(f"exifread: {record.getMessage()}")


def _tag_values(tag: Any) -> list[float]:
    values = getattr(tag, "values", None) or []
    out = []
    for v in values:
        num, den = getattr(v, "num", None), getattr(v, "den", None)
        if num is not None and den is not None:
            out.append(num / den if den else 0.0)
        elif isinstance(v, int | float):
            out.append(float(v))
    return out


def _printable(tags: dict[str, Any], key: str) -> str | None:
    tag = tags.get(key)
    if tag is None:
        return None
    text = str(getattr(tag, "printable", tag)).replace("\x00", "").strip()
    return text or None


def read_exifread(f: IO[bytes], result: ReaderResult) -> None:
    logger = logging.getLogger("exifread")
    handler = _WarningCollector(result.warnings)
    logger.addHandler(handler)
    logger.propagate = False
    try:
        f.seek(0)
        tags = exifread.process_file(cast(BinaryIO, f), details=True, extract_thumbnail=False)
    except Exception as exc:  # noqa: BLE001 - a damaged EXIF block must not hide the other sources
        result.warnings.append(f"exifread failed: {type(exc).__name__}: {exc}")
        return
    finally:
        logger.removeHandler(handler)
    result.raw["exif"] = {key: _printable(tags, key) for key in sorted(tags)}
    result.offer(
        "capture_time",
        normalise_time(_printable(tags, "EXIF DateTimeOriginal"), _printable(tags, "EXIF OffsetTimeOriginal")),
        "EXIF DateTimeOriginal",
    )
    lat = dms_to_decimal(_tag_values(tags.get("GPS GPSLatitude")), _printable(tags, "GPS GPSLatitudeRef"))
    lon = dms_to_decimal(_tag_values(tags.get("GPS GPSLongitude")), _printable(tags, "GPS GPSLongitudeRef"))
    if lat is not None and lon is not None:
        result.offer("gps_latitude", lat)
        result.offer("gps_longitude", lon)
        alt = _tag_values(tags.get("GPS GPSAltitude"))
        if alt:
            below = _tag_values(tags.get("GPS GPSAltitudeRef")) == [1.0]
            result.offer("gps_altitude", -alt[0] if below else alt[0])
    result.offer("make", _printable(tags, "Image Make"))
    result.offer("model", _printable(tags, "Image Model"))
    result.offer("software", _printable(tags, "Image Software"))
    result.offer("author", _printable(tags, "Image Artist"))
    result.offer("description", _printable(tags, "Image ImageDescription"))
    orientation = _tag_values(tags.get("Image Orientation"))
    if orientation:
        result.offer("orientation", int(orientation[0]))
    serials = [s for s in (_printable(tags, k) for k in _SERIAL_TAGS) if s]
    if serials:
        result.summary["serial_numbers"] = serials
    # Later-ranked EXIF times, used only when nothing better exists (after XMP's DateTimeOriginal).
    result.raw["_exif_digitized"] = normalise_time(
        _printable(tags, "EXIF DateTimeDigitized"), _printable(tags, "EXIF OffsetTimeDigitized")
    )


def read_pillow_exif(image: Image.Image, result: ReaderResult) -> None:
    """Pillow's own EXIF parser: reaches WebP and PNG eXIf, and files whose EXIF exifread gave up on."""
    try:
        exif = image.getexif()
    except Exception as exc:  # noqa: BLE001
        result.warnings.append(f"Pillow EXIF failed: {type(exc).__name__}: {exc}")
        return
    if not exif:
        return
    ifd0 = {ExifTags.TAGS.get(k, str(k)): v for k, v in exif.items()}
    sub = {ExifTags.TAGS.get(k, str(k)): v for k, v in exif.get_ifd(ExifTags.IFD.Exif).items()}
    gps = {ExifTags.GPSTAGS.get(k, str(k)): v for k, v in exif.get_ifd(ExifTags.IFD.GPSInfo).items()}
    result.raw["pillow_exif"] = jsonable({"IFD0": ifd0, "Exif": sub, "GPS": gps})
    dto = sub.get("DateTimeOriginal")
    result.offer(
        "capture_time",
        normalise_time(str(dto) if dto else None, sub.get("OffsetTimeOriginal")),
        "EXIF DateTimeOriginal",
    )
    if "GPSLatitude" in gps and "GPSLongitude" in gps:
        try:
            lat = dms_to_decimal([float(x) for x in gps["GPSLatitude"]], gps.get("GPSLatitudeRef"))
            lon = dms_to_decimal([float(x) for x in gps["GPSLongitude"]], gps.get("GPSLongitudeRef"))
        except (TypeError, ValueError, ZeroDivisionError):
            result.warnings.append("Pillow: GPS position is malformed")
        else:
            result.offer("gps_latitude", lat)
            result.offer("gps_longitude", lon)
    for name, key in (("make", "Make"), ("model", "Model"), ("software", "Software"), ("author", "Artist")):
        value = ifd0.get(key)
        result.offer(name, str(value).replace("\x00", "") if value is not None else None)
    serial = sub.get("BodySerialNumber")
    if serial and "serial_numbers" not in result.summary:
        result.summary["serial_numbers"] = [str(serial)]


def _iptc(image: ImageFile.ImageFile, result: ReaderResult) -> None:
    try:
        info = IptcImagePlugin.getiptcinfo(image)
    except Exception as exc:  # noqa: BLE001
        result.warnings.append(f"IPTC unreadable: {type(exc).__name__}")
        return
    if not info:
        return
    decoded = {
        f"{rec}:{ds}": [v.decode("utf-8", "replace") for v in (val if isinstance(val, list) else [val])]
        for (rec, ds), val in info.items()
        if isinstance(val, bytes | list)
    }
    result.raw["iptc"] = decoded

    def first(key: str) -> str | None:
        values = decoded.get(key)
        return values[0] if values else None

    result.offer("author", first("2:80"))  # By-line
    result.offer("title", first("2:5"))  # Object Name
    result.offer("description", first("2:120"))  # Caption/Abstract
    date, time = first("2:55"), first("2:60")
    if date and len(date) == 8:
        stamp = f"{date[:4]}:{date[4:6]}:{date[6:]} {time[:2]}:{time[2:4]}:{time[4:6]}" if time else None
        result.offer("capture_time", normalise_time(stamp, time[6:] if time else None), "IPTC DateCreated")


def _icc_description(icc: bytes, result: ReaderResult) -> None:
    from PIL import ImageCms  # noqa: PLC0415 - only for images that carry a profile

    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        result.raw["icc_profile"] = {
            "description": ImageCms.getProfileDescription(profile).strip(),
            "manufacturer": (ImageCms.getProfileManufacturer(profile) or "").strip(),
            "model": (ImageCms.getProfileModel(profile) or "").strip(),
            "length": len(icc),
        }
    except Exception as exc:  # noqa: BLE001
        result.warnings.append(f"ICC profile unreadable: {type(exc).__name__}")


def read_image(f: IO[bytes], media_type: str) -> ReaderResult:
    """Everything a still image says about itself."""
    result = ReaderResult()
    if media_type in {"image/jpeg", "image/tiff", "image/heic", "image/heif", "image/png", "image/webp"}:
        read_exifread(f, result)
    f.seek(0)
    if media_type in {"image/heic", "image/heif", "image/avif"}:
        import pillow_heif  # noqa: PLC0415 - registered only where needed

        pillow_heif.register_heif_opener()
    with Image.open(f) as image:
        result.offer("width", image.width)
        result.offer("height", image.height)
        result.raw["pillow"] = {"format": image.format, "mode": image.mode, "size": list(image.size)}
        info = dict(image.info)
        xmp_packet = info.pop("xmp", None) or info.pop("XML:com.adobe.xmp", None)
        icc = info.pop("icc_profile", None)
        info.pop("exif", None)
        result.raw["pillow_info"] = jsonable(info)
        if image.format == "PNG":
            result.raw["png_text"] = jsonable(getattr(image, "text", {}))
        if isinstance(info.get("comment"), bytes | str):
            comment = info["comment"]
            result.raw["comment"] = comment.decode("utf-8", "replace") if isinstance(comment, bytes) else comment
        read_pillow_exif(image, result)
        if xmp_packet:
            try:
                xmp = parse_xmp(xmp_packet)
            except Exception as exc:  # noqa: BLE001
                result.warnings.append(f"XMP unreadable: {type(exc).__name__}")
            else:
                result.raw["xmp"] = jsonable(xmp)
                offer_xmp(result, xmp)
        _iptc(image, result)
        if icc:
            _icc_description(icc, result)
    result.offer("capture_time", result.raw.pop("_exif_digitized", None), "EXIF DateTimeDigitized")
    return result
