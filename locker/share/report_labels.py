"""Every label (what a share copy lost) and note a share report can carry, in English, in one place.

The report keeps these English strings: the command line and its JSON print them and the custody log records them
(evidence, compared byte for byte). The GUI shows each in the user's language by looking it up in the table of
ui/report_label_text.py, so a label must be one of the constants below, never a sentence written where it is
added: tests/share/test_report_labels.py fails on an inline string, tests/ui/test_share_russian.py on a constant
the GUI table lacks. A label with a changing part is a template with named fields ("{count}"), filled by
`fill` and taken apart again by `parse`.
"""

from __future__ import annotations

import re
import string
from functools import cache

# -- pictures (locker.share.images) --------------------------------------------------------------------------------
EXIF = "EXIF (camera, times, GPS, serial numbers, thumbnail)"
XMP = "XMP"
ICC_PROFILE = "ICC colour profile"
COMMENT = "comment"
IPTC = "IPTC / Photoshop resources"
RESOLUTION = "resolution tags"
PNG_TEXT = "PNG text chunks"
TIFF_TAGS = "TIFF tags (artist, software, date, ...)"
ORIENTATION = "orientation tag (applied to the pixels)"

# -- videos and sound (locker.share.media) -------------------------------------------------------------------------
#: {names}: the container's tag names, comma-separated (names, never values).
CONTAINER_TAGS = "container tags ({names})"
VIDEO_STREAM_TAGS = "video stream tags"
AUDIO_STREAM_TAGS = "audio stream tags"
OTHER_STREAM_TAGS = "stream tags"
#: {count}: how many streams were left out.
OTHER_STREAMS = "other streams (subtitles, data, GPS tracks, extra sound): {count}"
SOUND = "sound (voices identify people; keep it with --keep-audio)"

# -- PDF (locker.share.pdf_pictures) --------------------------------------------------------------------------------
PDF_INFO = "document information (author, creator, producer, dates)"
PDF_XMP = "XMP metadata"
PDF_ID = "document ID (replaced by a new one)"
PDF_ANNOTATIONS = "annotations and comments (what a visible one shows is kept, drawn into the page)"
PDF_FORMS = "form fields and signatures"
PDF_NAMES = "attached files, scripts and named destinations"
PDF_ATTACHED_FILES = "attached files"
PDF_ACTIONS = "scripts and actions"
PDF_BOOKMARKS = "bookmarks"
PDF_THUMBNAILS = "page thumbnails"
PDF_STRUCTURE = "document structure and alternative texts"
PDF_PRIVATE_DATA = "application private data"
PDF_LAYER_NAMES = "layer names"
PDF_FONT_NAMES = "fonts, with the names, notices and programs inside them"
PDF_OTHER = "other data not needed to draw the pages"
PDF_REVISIONS = "earlier revisions and unreferenced objects"
PDF_PICTURE_METADATA = "metadata inside embedded pictures (EXIF, XMP, comments)"

# -- office documents (locker.share.office*) -----------------------------------------------------------------------
OFFICE_EMBEDDED_DOCUMENTS = "the same from embedded documents (a chart's workbook, an embedded file)"
OFFICE_PICTURE_METADATA = "metadata inside pictures (EXIF, XMP, comments, text chunks)"
OFFICE_COMMENT_AUTHORS = "authors, dates and editing ids of comments and tracked changes"
OFFICE_LINK_FOLDERS = "folders of linked local files"
OFFICE_CUSTOM_PROPERTIES = "custom properties"
OFFICE_THUMBNAIL = "thumbnail"
OFFICE_CUSTOM_XML = "custom XML data"
OFFICE_PEOPLE = "people list"
OFFICE_PRINTER = "printer settings (printer name)"
OFFICE_MACROS = "macros (VBA project)"
OFFICE_OLE_OBJECTS = "embedded objects of other programs (OLE), each replaced by its picture"
OFFICE_SOUNDS_AND_VIDEOS = "sounds and videos (and the animations of the slides that played them)"
OOXML_CORE_PROPERTIES = "document properties (author, last modified by, dates, revision)"
OOXML_APP_PROPERTIES = "application properties (program, company, template, editing time)"
OOXML_LINKS_AND_MERGE = "folders of linked local files, mail-merge sources, document variables and XML comments"
OOXML_TEMPLATE = "the template and the folder the document was saved in"
ODF_LAYOUT_CACHE = "LibreOffice's layout cache"
ODF_CONFIGURATION = "LibreOffice's toolbar and menu configuration"
ODF_MACROS = "macros (Basic and scripts)"
ODF_REPLACEMENT_PICTURES = "replacement pictures of embedded objects (drawn again on opening)"
ODF_PROPERTIES = "document properties (creator, dates, generator, editing time)"
ODF_PRINTER = "printer settings (printer name and driver setup)"

# -- notes ---------------------------------------------------------------------------------------------------------
#: {count}: how many frames of an animation the copy keeps.
NOTE_FIRST_FRAMES = "only the first {count} frames were kept"
NOTE_ANNOTATIONS_LEFT_OUT = "the original's annotations could not be drawn into its pages; they were left out"
NOTE_FIELD_WITHOUT_APPEARANCE = "the value of a form field that had no appearance could not be drawn; it was left out"
NOTE_WAS_ENCRYPTED = "the original was encrypted; the copy is not"
NOTE_METADATA_UNREADABLE = "the original's metadata could not be read, so the re-check relied on our reader alone"
# Whatever made the copier give up (a font program, a huge drawing), only what the pages show is kept.
NOTE_PDF_PICTURES = "the pages were turned into pictures of themselves: the text cannot be selected or searched"

_NOTE_PREFIX = "NOTE_"


def all_labels() -> list[str]:
    """Every label (not notes) this module defines, templates as written."""
    return list(dict.fromkeys(v for k, v in _constants().items() if not k.startswith(_NOTE_PREFIX)))


def all_notes() -> list[str]:
    """Every note this module defines, templates as written."""
    return [v for k, v in _constants().items() if k.startswith(_NOTE_PREFIX)]


def fields_of(template: str) -> list[str]:
    """The named fields of `template` ("{count}" -> ["count"])."""
    return [name for _text, name, _spec, _conv in string.Formatter().parse(template) if name]


def fill(template: str, **fields: object) -> str:
    """`template` with its fields filled; a field the template lacks, or one left out, is an error."""
    if sorted(fields) != sorted(fields_of(template)):  # a programming error: tests fill every template
        raise ValueError(f"{template!r} takes {fields_of(template)}, not {sorted(fields)}")
    return template.format(**fields)


def parse(text: str) -> tuple[str, dict[str, str]] | None:
    """(template, fields) that `text` (a report's label or note) was made from, or None for a text this version
    does not know (one recorded by another version of the app)."""
    if text in _constants().values():
        return text, {}
    for template, pattern in _patterns():
        match = pattern.fullmatch(text)
        if match:
            return template, match.groupdict()
    return None


@cache
def _constants() -> dict[str, str]:
    return {k: v for k, v in globals().items() if k.isupper() and not k.startswith("_") and isinstance(v, str)}


@cache
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    found = []
    for template in _constants().values():
        if not fields_of(template):
            continue
        pattern = ""
        for literal, name, _spec, _conv in string.Formatter().parse(template):
            pattern += re.escape(literal) + (f"(?P<{name}>.+?)" if name else "")
        found.append((template, re.compile(pattern, re.DOTALL)))
    return found
