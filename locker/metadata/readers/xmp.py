"""XMP packets: flattened to {'prefix:Name': value}, with the values the summary needs picked out."""

from __future__ import annotations

from typing import Any

from defusedxml import ElementTree

from locker.metadata.readers.base import ReaderResult, normalise_time, xmp_coordinate

_RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
_PREFIXES = {
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://ns.adobe.com/xap/1.0/": "xmp",
    "http://ns.adobe.com/exif/1.0/": "exif",
    "http://ns.adobe.com/tiff/1.0/": "tiff",
    "http://ns.adobe.com/photoshop/1.0/": "photoshop",
    "http://ns.adobe.com/exif/1.0/aux/": "aux",
    "http://cipa.jp/exif/1.0/": "exifEX",
    "http://ns.adobe.com/xap/1.0/mm/": "xmpMM",
    "http://ns.adobe.com/pdf/1.3/": "pdf",
    "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/": "Iptc4xmpCore",
}


def _name(tag: str) -> str:
    if tag.startswith("{"):
        uri, _, local = tag[1:].partition("}")
        return f"{_PREFIXES.get(uri, uri)}:{local}"
    return tag


def parse_xmp(untrusted_packet: bytes | str) -> dict[str, Any]:
    """Every property of every rdf:Description, as text or lists of text. Raises on malformed XML."""
    if isinstance(untrusted_packet, bytes):
        untrusted_packet = untrusted_packet.decode("utf-8", errors="replace")
    start = untrusted_packet.find("<")
    root = ElementTree.fromstring(untrusted_packet[start:].strip().rstrip("\x00"))
    found: dict[str, Any] = {}
    for desc in root.iter(f"{_RDF}Description"):
        for attr, value in desc.attrib.items():
            if not attr.startswith(_RDF):
                found[_name(attr)] = value
        for child in desc:
            items = [li.text or "" for li in child.iter(f"{_RDF}li")]
            if items:
                found[_name(child.tag)] = items if len(items) > 1 else items[0]
            elif len(child) == 0:
                found[_name(child.tag)] = (child.text or "").strip()
            else:
                found[_name(child.tag)] = {_name(g.tag): (g.text or "").strip() for g in child.iter() if g is not child}
    return found


def _first(value: Any) -> str | None:
    if isinstance(value, list):
        return str(value[0]) if value else None
    return value if isinstance(value, str) else None


def offer_xmp(result: ReaderResult, xmp: dict[str, Any]) -> None:
    """Fill summary gaps from XMP, after the binary EXIF (which exiftool also ranks first)."""
    for key in ("exif:DateTimeOriginal", "photoshop:DateCreated", "xmp:CreateDate"):
        result.offer("capture_time", normalise_time(_first(xmp.get(key))), f"XMP {key}")
    lat = xmp_coordinate(_first(xmp.get("exif:GPSLatitude")))
    lon = xmp_coordinate(_first(xmp.get("exif:GPSLongitude")))
    if lat is not None and lon is not None:
        result.offer("gps_latitude", lat)
        result.offer("gps_longitude", lon)
        alt = _first(xmp.get("exif:GPSAltitude"))
        if alt:
            try:
                num, _, den = alt.partition("/")
                value = float(num) / float(den or 1)
                result.offer("gps_altitude", -value if _first(xmp.get("exif:GPSAltitudeRef")) == "1" else value)
            except (ValueError, ZeroDivisionError):
                result.warnings.append("XMP GPSAltitude is not a number")
    result.offer("make", _first(xmp.get("tiff:Make")))
    result.offer("model", _first(xmp.get("tiff:Model")))
    result.offer("software", _first(xmp.get("xmp:CreatorTool")))
    result.offer("author", _first(xmp.get("dc:creator")))
    result.offer("title", _first(xmp.get("dc:title")))
    result.offer("description", _first(xmp.get("dc:description")))
    serials = [_first(xmp.get(k)) for k in ("aux:SerialNumber", "exifEX:BodySerialNumber", "aux:LensSerialNumber")]
    found = [s for s in serials if s]
    if found:
        result.summary.setdefault("serial_numbers", found)
