"""docs/FORMATS.md, written from the format table (locker.formats). Regenerate with
`PYTHONPATH=. python -m tests.metadata.formats_doc`; tests/metadata/test_formats_table.py fails when they differ."""

from __future__ import annotations

import sys
from pathlib import Path

from locker.formats import FORMATS, Format, Preview, Reader, shareable_names

DOC = Path(__file__).resolve().parents[2] / "docs" / "FORMATS.md"

_READERS = {
    Reader.IMAGE: "exifread (EXIF, GPS) + Pillow/pillow-heif (XMP, IPTC, ICC, PNG text)",
    Reader.RAW: "exifread (EXIF, GPS); the sensor data is never decoded",
    Reader.AUDIO_VIDEO: "PyAV (container, streams, subtitle/data tracks) + user-data atoms + mutagen (sound tags)",
    Reader.PDF: "pikepdf (Info, XMP, revisions, embedded images)",
    Reader.OFFICE: "document properties and comment/change authors (defusedxml)",
    Reader.RTF: "the {\\info} group",
    Reader.EMAIL: "the message headers (From, To, Date, Received...)",
    Reader.TEXT: "size, line breaks and whether it is UTF-8 (text has no metadata of its own)",
}
_PREVIEWS = {
    Preview.PICTURE: "the picture, orientation applied",
    Preview.EMBEDDED: "the camera's embedded JPEG preview",
    Preview.VIDEO_FRAME: "the first frame, rotation applied",
    Preview.PDF_PAGE: "page 1",
    Preview.NONE: "none",
}


def _share(row: Format) -> str:
    if row.share_as is None:
        return f"none: {row.no_share_because}"
    return f"{row.sanitiser} sanitiser, written as .{row.share_as[0]} ({row.share_as[1]})"


def render() -> str:
    lines = [
        "# File formats",
        "",
        "Generated from the format table, `locker/formats.py`, by `tests/metadata/formats_doc.py`; a test fails",
        "when this file and the table disagree. Do not edit by hand.",
        "",
        "A file's type is decided by its structure, inside the sandbox (`locker/metadata/recognise.py`): the app's",
        "own process only makes a first guess from fixed signatures in the first bytes. When the structure allows",
        "several types (an MP4 that may be a video or an M4A sound, a Nikon TIFF that may be a NEF raw file), the",
        "file's extension chooses among them; a name alone never makes a file anything. An import without",
        "metadata (`locker import --no-metadata`) keeps the first guess until `locker reindex` reads the file.",
        "Raw camera files are shown and thumbnailed by the JPEG preview the camera embedded in them.",
        "",
        f"Share copies are made of: {shareable_names()}.",
        "",
        "Macro-enabled Word, Excel and PowerPoint files (.docm, .xlsm, .pptm) are read as DOCX, XLSX and PPTX. Their",
        "share copy leaves the macros out (the VBA project, its relationships and content types) and is a true",
        "macro-free .docx, .xlsx or .pptx; a workbook with Excel 4 macro sheets gets no copy.",
        "",
        "Capture times come from EXIF, XMP, QuickTime and the documents' own properties. A time kept only in a",
        "camera's maker note is not read: the maker-note tables of the EXIF library used here (exifread; Canon,",
        "Nikon, Olympus, Fujifilm, Casio, Sony, Apple, DJI) hold no capture-time tag (a test checks that).",
        "",
    ]
    for row in FORMATS:
        lines += [
            f"## {row.name}",
            "",
            f"- Media type: `{row.media_type}`" + (f" (also {', '.join(row.aliases)})" if row.aliases else ""),
            f"- Kind: {row.kind}",
            f"- Extensions: {', '.join('.' + e for e in row.extensions) or 'none'}",
            f"- Recognised by: {row.recognised_by}",
            f"- Metadata: {_READERS[row.reader] if row.reader else 'no reader (stored and hashed only)'}",
            f"- Thumbnail: {_PREVIEWS[row.preview]}",
            f"- Share copy: {_share(row)}",
            "",
        ]
    return "\n".join(lines)


if __name__ == "__main__":
    DOC.write_text(render(), encoding="utf-8")
    sys.stdout.write(f"wrote {DOC}\n")
