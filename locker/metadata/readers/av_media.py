"""Video and audio containers: PyAV for the container and every stream (subtitle and data tracks included),
mutagen for audio tags."""

from __future__ import annotations

import struct
from typing import IO, Any

import av

from locker.metadata.jsonable import jsonable
from locker.metadata.readers.base import ReaderResult, iso6709, normalise_time
from locker.metadata.readers.isobmff import read_udta_atoms

# Location and device keys as FFmpeg exposes them for QuickTime/MP4 (Apple and Android) and Matroska.
_LOCATION_KEYS = ("com.apple.quicktime.location.ISO6709", "location", "location-eng")
_MAKE_KEYS = ("com.apple.quicktime.make", "make", "manufacturer", "com.android.manufacturer")
_MODEL_KEYS = ("com.apple.quicktime.model", "model", "com.android.model")
_SOFTWARE_KEYS = ("com.apple.quicktime.software", "software", "encoder", "com.android.version")
_TIME_KEYS = ("com.apple.quicktime.creationdate", "creation_time", "date")


def _pick(meta: dict[str, str], keys: tuple[str, ...]) -> tuple[str | None, str | None]:
    lowered = {k.lower(): (k, v) for k, v in meta.items()}
    for key in keys:
        if key.lower() in lowered:
            original, value = lowered[key.lower()]
            return original, value
    return None, None


def _stream_info(stream: Any) -> dict[str, Any]:
    info: dict[str, Any] = {
        "index": stream.index,
        "type": stream.type,
        "codec": getattr(stream.codec_context, "name", None) if stream.codec_context else None,
        "metadata": dict(stream.metadata),
        "frames": stream.frames,
    }
    if stream.duration is not None and stream.time_base is not None:
        info["duration_seconds"] = float(stream.duration * stream.time_base)
    if stream.type == "video":
        info["width"] = stream.codec_context.width
        info["height"] = stream.codec_context.height
    if stream.type == "audio":
        info["sample_rate"] = getattr(stream.codec_context, "sample_rate", None)
        info["channels"] = getattr(stream.codec_context, "channels", None)
    return info


MAX_TEXT_PACKETS = 500


def _text_tracks(container: Any) -> dict[str, list[str]]:
    """The payload of subtitle and data tracks (drones and dashcams put GPS and serials there), as text."""
    wanted = [s for s in container.streams if s.type in {"subtitle", "data"}]
    if not wanted:
        return {}
    found: dict[str, list[str]] = {str(s.index): [] for s in wanted}
    container.seek(0)
    for packet in container.demux(*wanted):
        payload = bytes(packet)
        if not payload:
            continue
        bucket = found[str(packet.stream.index)]
        if len(bucket) < MAX_TEXT_PACKETS:
            # mov_text starts with a 2-byte length; other formats are text or binary we keep as escaped text.
            if packet.stream.codec_context and packet.stream.codec_context.name == "mov_text" and len(payload) >= 2:
                payload = payload[2 : 2 + int.from_bytes(payload[:2], "big")]
            bucket.append(payload.decode("utf-8", "backslashreplace")[:2000])
        if all(len(b) >= MAX_TEXT_PACKETS for b in found.values()):
            break
    return found


def read_av(f: IO[bytes], media_type: str) -> ReaderResult:
    """Container and stream metadata; tags via mutagen for audio."""
    result = ReaderResult()
    f.seek(0)
    with av.open(f, mode="r", metadata_errors="replace") as container:
        meta = dict(container.metadata)
        streams = [_stream_info(s) for s in container.streams]
        # FFmpeg's demuxer for every ISO-BMFF/QuickTime file, whatever its brand or extension.
        is_iso_bmff = "mov" in container.format.name.split(",")
        result.raw["container"] = {
            "format": container.format.name,
            "metadata": meta,
            "duration_seconds": container.duration / 1_000_000 if container.duration else None,
        }
        result.raw["streams"] = jsonable(streams)
        if container.duration:
            result.offer("duration_seconds", container.duration / 1_000_000)
        text_tracks = _text_tracks(container)
        if text_tracks:
            result.raw["text_tracks"] = text_tracks
            result.warnings.append(
                f"{len(text_tracks)} subtitle/data track(s): they can carry per-frame GPS positions and serial numbers"
            )
        for video in container.streams.video[:1]:
            result.offer("width", video.codec_context.width or None)
            result.offer("height", video.codec_context.height or None)
    # Stream-level tags (Android writes location on the track in some versions) come after the container's.
    merged = dict(meta)
    for info in streams:
        for key, value in info["metadata"].items():
            merged.setdefault(key, value)
    time_key, time_value = _pick(merged, _TIME_KEYS)
    result.offer("capture_time", normalise_time(time_value), f"container {time_key}" if time_key else None)
    _, location = _pick(merged, _LOCATION_KEYS)
    position = iso6709(location)
    if position:
        result.offer("gps_latitude", position[0])
        result.offer("gps_longitude", position[1])
        result.offer("gps_altitude", position[2])
    result.offer("make", _pick(merged, _MAKE_KEYS)[1])
    result.offer("model", _pick(merged, _MODEL_KEYS)[1])
    result.offer("software", _pick(merged, _SOFTWARE_KEYS)[1])
    result.offer("author", _pick(merged, ("artist", "author", "com.apple.quicktime.author"))[1])
    result.offer("title", _pick(merged, ("title", "com.apple.quicktime.title"))[1])
    result.offer("description", _pick(merged, ("comment", "description", "com.apple.quicktime.description"))[1])
    if is_iso_bmff:
        _udta(f, result)
    if media_type.startswith("audio/"):
        _mutagen_tags(f, result)
    return result


def _udta(f: IO[bytes], result: ReaderResult) -> None:
    f.seek(0, 2)
    size = f.tell()
    try:
        atoms = read_udta_atoms(f, size)
    except (OSError, ValueError, struct.error) as exc:
        result.warnings.append(f"user-data atoms unreadable: {type(exc).__name__}")
        return
    if not atoms:
        return
    result.raw["udta_atoms"] = jsonable(atoms)
    loci = atoms.get("loci")
    if isinstance(loci, dict) and "latitude" in loci:
        result.offer("gps_latitude", loci["latitude"])
        result.offer("gps_longitude", loci["longitude"])
        result.offer("gps_altitude", loci["altitude"])
    result.offer("title", atoms.get("titl") if isinstance(atoms.get("titl"), str) else None)
    result.offer("author", atoms.get("auth") if isinstance(atoms.get("auth"), str) else None)
    result.offer("description", atoms.get("dscp") if isinstance(atoms.get("dscp"), str) else None)


def _mutagen_tags(f: IO[bytes], result: ReaderResult) -> None:
    import mutagen  # noqa: PLC0415 - audio only

    f.seek(0)
    try:
        audio = mutagen.File(f)
    except Exception as exc:  # noqa: BLE001 - PyAV's view of the file is still recorded
        result.warnings.append(f"mutagen failed: {type(exc).__name__}: {exc}")
        return
    if audio is None or audio.tags is None:
        return
    tags: dict[str, Any] = {}
    for key, value in audio.tags.items():
        data = getattr(value, "data", None)
        if isinstance(data, bytes):  # pictures: keep their size, not their pixels
            tags[str(key)] = {"binary_length": len(data), "mime": getattr(value, "mime", None)}
        else:
            tags[str(key)] = str(value.text if hasattr(value, "text") else value)
    result.raw["tags"] = jsonable(tags)
    lowered = {k.lower(): v for k, v in tags.items() if isinstance(v, str)}
    for name, keys in (
        ("author", ("tpe1", "artist", "\xa9art")),
        ("title", ("tit2", "title", "\xa9nam")),
        ("software", ("tsse", "encoder", "\xa9too")),
    ):
        for key in keys:
            if key in lowered:
                result.offer(name, lowered[key].strip("[]'\""))
                break
