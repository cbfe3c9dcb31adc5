"""What a clean share copy looks like to independent tools: ExifTool, and a plain byte search."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

# Tag names the issue lists: none may carry a value in a share copy.
FORBIDDEN_TAG = re.compile(
    r"gps|serial|author|artist|creator|owner|make|model|date|software|encoder|thumbnail|preview|producer|"
    r"by-?line|comment|copyright|company|lastmodified|hostcomputer|location|lens|vendor|title|xmptoolkit",
    re.IGNORECASE,
)
# Groups that only exist when metadata is present.
FORBIDDEN_GROUP = re.compile(r"^(GPS|XMP.*|IPTC|ICC.*|MakerNotes|IFD1|Photoshop|APP\d+|Ducky|Canon|Nikon|Apple)$")
# Structural fields every file of the format has, whose values say nothing about anyone: an MP4's zeroed
# creation times and generic handler names, a ZIP's 1980 epoch, an MP3 frame's copyright bit, the Opus header's
# mandatory vendor field (left empty: it would name the muxer).
HARMLESS = {
    "CreateDate": "0000:00:00 00:00:00", "ModifyDate": "0000:00:00 00:00:00",
    "TrackCreateDate": "0000:00:00 00:00:00", "TrackModifyDate": "0000:00:00 00:00:00",
    "MediaCreateDate": "0000:00:00 00:00:00", "MediaModifyDate": "0000:00:00 00:00:00",
    "PreviewTime": "0 s", "PreviewDuration": "0 s",
    "HandlerVendorID": "Apple", "HandlerType": "Metadata|Video Track|Audio Track",
    "HandlerDescription": "VideoHandler|SoundHandler",
    "ZipModifyDate": "1980:01:01 00:00:00", "CopyrightFlag": "False", "Vendor": "",
}  # fmt: skip
IGNORED_GROUPS = {"System", "File", "ExifTool", "Composite"}


def exiftool_leftovers(path: Path) -> dict[str, object]:
    """Every identifying tag ExifTool (-a -G1) still reads from the file."""
    out = subprocess.run(["exiftool", "-j", "-a", "-G1", str(path)], capture_output=True, text=True, check=True)
    (record,) = json.loads(out.stdout)
    found = {}
    for key, value in record.items():
        group, _, tag = key.rpartition(":")
        if group in IGNORED_GROUPS or key == "SourceFile":
            continue
        harmless = tag in HARMLESS and re.fullmatch(HARMLESS[tag], str(value))
        if FORBIDDEN_GROUP.match(group) or (FORBIDDEN_TAG.search(tag) and not harmless):
            found[key] = value
    return found


def raw_hits(path: Path, values: tuple[str, ...]) -> list[str]:
    """Planted values found in the file's bytes, in UTF-8 or UTF-16, ignoring case."""
    data = path.read_bytes().lower()
    hits = []
    for value in values:
        forms = [value.lower().encode(enc) for enc in ("utf-8", "utf-16-le", "utf-16-be")]
        if any(form in data for form in forms):
            hits.append(value)
    return hits
