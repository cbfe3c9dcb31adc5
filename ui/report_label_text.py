"""What a share copy lost, and the notes on it, in the user's language: one entry per constant of
locker/share/report_labels.py.

The English templates are written out here (lupdate reads ui/*.py only, so it finds them here);
tests/ui/test_share_russian.py fails when report_labels has a constant this table lacks, or when a source text
here differs from the constant's. Fields ("{count}", "{names}") are kept in the translation and filled after it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from locker.share import report_labels as r


def report_label_texts() -> dict[str, str]:
    """Every label and note template (English, as the report keeps it) -> the same in the app's language."""
    return {
        r.EXIF: QCoreApplication.translate("report_labels", "EXIF (camera, times, GPS, serial numbers, thumbnail)"),
        r.XMP: QCoreApplication.translate("report_labels", "XMP"),
        r.ICC_PROFILE: QCoreApplication.translate("report_labels", "ICC colour profile"),
        r.COMMENT: QCoreApplication.translate("report_labels", "comment"),
        r.IPTC: QCoreApplication.translate("report_labels", "IPTC / Photoshop resources"),
        r.RESOLUTION: QCoreApplication.translate("report_labels", "resolution tags"),
        r.PNG_TEXT: QCoreApplication.translate("report_labels", "PNG text chunks"),
        r.TIFF_TAGS: QCoreApplication.translate("report_labels", "TIFF tags (artist, software, date, ...)"),
        r.ORIENTATION: QCoreApplication.translate("report_labels", "orientation tag (applied to the pixels)"),
        r.CONTAINER_TAGS: QCoreApplication.translate("report_labels", "container tags ({names})"),
        r.VIDEO_STREAM_TAGS: QCoreApplication.translate("report_labels", "video stream tags"),
        r.AUDIO_STREAM_TAGS: QCoreApplication.translate("report_labels", "audio stream tags"),
        r.OTHER_STREAM_TAGS: QCoreApplication.translate("report_labels", "stream tags"),
        r.OTHER_STREAMS: QCoreApplication.translate(
            "report_labels", "other streams (subtitles, data, GPS tracks, extra sound): {count}"
        ),
        r.SOUND: QCoreApplication.translate(
            "report_labels", "sound (voices identify people; keep it with --keep-audio)"
        ),
        r.PDF_INFO: QCoreApplication.translate(
            "report_labels", "document information (author, creator, producer, dates)"
        ),
        r.PDF_XMP: QCoreApplication.translate("report_labels", "XMP metadata"),
        r.PDF_ID: QCoreApplication.translate("report_labels", "document ID (replaced by a new one)"),
        r.PDF_ANNOTATIONS: QCoreApplication.translate(
            "report_labels", "annotations and comments (what a visible one shows is kept, drawn into the page)"
        ),
        r.PDF_FORMS: QCoreApplication.translate("report_labels", "form fields and signatures"),
        r.PDF_NAMES: QCoreApplication.translate("report_labels", "attached files, scripts and named destinations"),
        r.PDF_ATTACHED_FILES: QCoreApplication.translate("report_labels", "attached files"),
        r.PDF_ACTIONS: QCoreApplication.translate("report_labels", "scripts and actions"),
        r.PDF_BOOKMARKS: QCoreApplication.translate("report_labels", "bookmarks"),
        r.PDF_THUMBNAILS: QCoreApplication.translate("report_labels", "page thumbnails"),
        r.PDF_STRUCTURE: QCoreApplication.translate("report_labels", "document structure and alternative texts"),
        r.PDF_PRIVATE_DATA: QCoreApplication.translate("report_labels", "application private data"),
        r.PDF_LAYER_NAMES: QCoreApplication.translate("report_labels", "layer names"),
        r.PDF_FONT_NAMES: QCoreApplication.translate(
            "report_labels", "fonts, with the names, notices and programs inside them"
        ),
        r.PDF_OTHER: QCoreApplication.translate("report_labels", "other data not needed to draw the pages"),
        r.PDF_REVISIONS: QCoreApplication.translate("report_labels", "earlier revisions and unreferenced objects"),
        r.PDF_PICTURE_METADATA: QCoreApplication.translate(
            "report_labels", "metadata inside embedded pictures (EXIF, XMP, comments)"
        ),
        r.OFFICE_EMBEDDED_DOCUMENTS: QCoreApplication.translate(
            "report_labels", "the same from embedded documents (a chart's workbook, an embedded file)"
        ),
        r.OFFICE_PICTURE_METADATA: QCoreApplication.translate(
            "report_labels", "metadata inside pictures (EXIF, XMP, comments, text chunks)"
        ),
        r.OFFICE_COMMENT_AUTHORS: QCoreApplication.translate(
            "report_labels", "authors, dates and editing ids of comments and tracked changes"
        ),
        r.OFFICE_LINK_FOLDERS: QCoreApplication.translate("report_labels", "folders of linked local files"),
        r.OFFICE_CUSTOM_PROPERTIES: QCoreApplication.translate("report_labels", "custom properties"),
        r.OFFICE_THUMBNAIL: QCoreApplication.translate("report_labels", "thumbnail"),
        r.OFFICE_CUSTOM_XML: QCoreApplication.translate("report_labels", "custom XML data"),
        r.OFFICE_PEOPLE: QCoreApplication.translate("report_labels", "people list"),
        r.OFFICE_PRINTER: QCoreApplication.translate("report_labels", "printer settings (printer name)"),
        r.OFFICE_MACROS: QCoreApplication.translate("report_labels", "macros (VBA project)"),
        r.OFFICE_OLE_OBJECTS: QCoreApplication.translate(
            "report_labels", "embedded objects of other programs (OLE), each replaced by its picture"
        ),
        r.OFFICE_SOUNDS_AND_VIDEOS: QCoreApplication.translate(
            "report_labels", "sounds and videos (and the animations of the slides that played them)"
        ),
        r.OOXML_CORE_PROPERTIES: QCoreApplication.translate(
            "report_labels", "document properties (author, last modified by, dates, revision)"
        ),
        r.OOXML_APP_PROPERTIES: QCoreApplication.translate(
            "report_labels", "application properties (program, company, template, editing time)"
        ),
        r.OOXML_LINKS_AND_MERGE: QCoreApplication.translate(
            "report_labels", "folders of linked local files, mail-merge sources, document variables and XML comments"
        ),
        r.OOXML_TEMPLATE: QCoreApplication.translate(
            "report_labels", "the template and the folder the document was saved in"
        ),
        r.ODF_LAYOUT_CACHE: QCoreApplication.translate("report_labels", "LibreOffice's layout cache"),
        r.ODF_CONFIGURATION: QCoreApplication.translate(
            "report_labels", "LibreOffice's toolbar and menu configuration"
        ),
        r.ODF_MACROS: QCoreApplication.translate("report_labels", "macros (Basic and scripts)"),
        r.ODF_REPLACEMENT_PICTURES: QCoreApplication.translate(
            "report_labels", "replacement pictures of embedded objects (drawn again on opening)"
        ),
        r.ODF_PROPERTIES: QCoreApplication.translate(
            "report_labels", "document properties (creator, dates, generator, editing time)"
        ),
        r.ODF_PRINTER: QCoreApplication.translate("report_labels", "printer settings (printer name and driver setup)"),
        r.NOTE_FIRST_FRAMES: QCoreApplication.translate("report_labels", "only the first {count} frames were kept"),
        r.NOTE_FIELD_WITHOUT_APPEARANCE: QCoreApplication.translate(
            "report_labels", "the value of a form field that had no appearance could not be drawn; it was left out"
        ),
        r.NOTE_ANNOTATIONS_LEFT_OUT: QCoreApplication.translate(
            "report_labels", "the original's annotations could not be drawn into its pages; they were left out"
        ),
        r.NOTE_WAS_ENCRYPTED: QCoreApplication.translate(
            "report_labels", "the original was encrypted; the copy is not"
        ),
        r.NOTE_METADATA_UNREADABLE: QCoreApplication.translate(
            "report_labels", "the original's metadata could not be read, so the re-check relied on our reader alone"
        ),
        r.NOTE_PDF_PICTURES: QCoreApplication.translate(
            "report_labels",
            "the pages were turned into pictures of themselves: the text cannot be selected or searched",
        ),
    }
