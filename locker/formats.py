"""The one table of file formats: what each type is, how it is recognised, read, previewed and shared.

Every other part reads this table instead of keeping its own list (the sniffer, the metadata readers, thumbnails,
share copies, the refusal text, the UI's type column and filters, docs/FORMATS.md). It imports no parser, so the
app's process can ask it anything without loading Pillow, PyAV or pikepdf.

Names shown to people are plain English here, marked with QT_TRANSLATE_NOOP so the UI can translate them in the
"formats" context (`QCoreApplication.translate("formats", human_name(media_type))`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import PurePath


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks `text` for translation in `context` without needing Qt here; returns it unchanged."""
    del context
    return text


class Kind(StrEnum):
    """The one coarse vocabulary for types (filters, lists): what a person would call the file."""

    IMAGE = "image"
    VIDEO = "video"
    AUDIO = "audio"
    DOCUMENT = "document"
    OTHER = "other"


class Reader(StrEnum):
    """Which metadata reader (locker.metadata.readers.registry) records a type, inside the sandbox."""

    IMAGE = "image"
    RAW = "raw"
    AUDIO_VIDEO = "audio-video"
    PDF = "pdf"
    OFFICE = "office"
    RTF = "rtf"
    EMAIL = "email"
    TEXT = "text"


class Preview(StrEnum):
    """How the sandbox makes a thumbnail (locker.metadata.thumbnail)."""

    PICTURE = "picture"  # decoded with Pillow (pillow-heif for HEIF/AVIF), orientation applied
    EMBEDDED = "embedded"  # the JPEG preview a raw camera file carries
    VIDEO_FRAME = "video-frame"  # the first frame, rotation applied
    PDF_PAGE = "pdf-page"  # page 1, rendered by PDFium
    NONE = "none"  # sound, text, archives: nothing to picture


class Sanitiser(StrEnum):
    """Which sanitiser (locker.share) makes a type's share copy."""

    IMAGE = "image"
    VIDEO = "video"
    AUDIO = "audio"
    PDF = "pdf"
    OFFICE = "office"


@dataclass(frozen=True)
class Format:
    media_type: str
    kind: Kind
    name: str  # how the UI names it to a person (English; translated in the UI's "formats" context)
    extensions: tuple[str, ...]  # lower case, no dot; the first is the usual one
    recognised_by: str  # what in the file's structure identifies it (a phrase for docs/FORMATS.md)
    reader: Reader | None
    preview: Preview
    sanitiser: Sanitiser | None
    #: (extension, media type) of the share copy; None when there is none.
    share_as: tuple[str, str] | None = None
    #: Why there is no share copy (one sentence, shown in the refusal); empty when there is one.
    no_share_because: str = ""
    #: Other names the same type goes by (older sniffers, other platforms).
    aliases: tuple[str, ...] = ()


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
ODP = "application/vnd.oasis.opendocument.presentation"
UNKNOWN = "application/octet-stream"

_JPEG = ("jpg", "image/jpeg")
_MP4 = ("mp4", "video/mp4")
_M4A = ("m4a", "audio/mp4")
_WAV = ("wav", "audio/wav")
_RAW_WHY = QT_TRANSLATE_NOOP(
    "formats",
    "raw camera files are not re-encoded here; export a JPEG from the camera or a photo editor and share that",
)
_NOT_YET_WHY = QT_TRANSLATE_NOOP(
    "formats", "no sanitiser for this type checks every place it can hide a name yet; save it as PDF and share that"
)

FORMATS: tuple[Format, ...] = (
    # -- pictures --------------------------------------------------------------------------------------------
    Format("image/jpeg", Kind.IMAGE, QT_TRANSLATE_NOOP("formats", "Photo (JPEG)"), ("jpg", "jpeg", "jpe"),
           "JPEG start-of-image marker FF D8 FF", Reader.IMAGE, Preview.PICTURE, Sanitiser.IMAGE, _JPEG),
    Format("image/png", Kind.IMAGE, QT_TRANSLATE_NOOP("formats", "Picture (PNG)"), ("png",),
           "PNG signature", Reader.IMAGE, Preview.PICTURE, Sanitiser.IMAGE, ("png", "image/png")),
    Format("image/webp", Kind.IMAGE, QT_TRANSLATE_NOOP("formats", "Picture (WebP)"), ("webp",),
           "RIFF container of form WEBP", Reader.IMAGE, Preview.PICTURE, Sanitiser.IMAGE, ("webp", "image/webp")),
    Format("image/gif", Kind.IMAGE, QT_TRANSLATE_NOOP("formats", "Picture (GIF)"), ("gif",),
           "GIF87a/GIF89a signature", Reader.IMAGE, Preview.PICTURE, Sanitiser.IMAGE, ("gif", "image/gif")),
    Format("image/tiff", Kind.IMAGE, QT_TRANSLATE_NOOP("formats", "Picture (TIFF)"), ("tif", "tiff"),
           "TIFF header (II*/MM*) that is not a known raw format", Reader.IMAGE, Preview.PICTURE, Sanitiser.IMAGE,
           ("tif", "image/tiff")),
    Format("image/heic", Kind.IMAGE, QT_TRANSLATE_NOOP("formats", "Photo (HEIC)"), ("heic", "heics"),
           "ISO-BMFF ftyp with a HEVC image brand (heic, heix, hevc...)", Reader.IMAGE, Preview.PICTURE,
           Sanitiser.IMAGE, _JPEG),
    Format("image/heif", Kind.IMAGE, QT_TRANSLATE_NOOP("formats", "Photo (HEIF)"), ("heif", "hif"),
           "ISO-BMFF ftyp with brand mif1/msf1 and no HEVC or AV1 brand", Reader.IMAGE, Preview.PICTURE,
           Sanitiser.IMAGE, _JPEG),
    Format("image/avif", Kind.IMAGE, QT_TRANSLATE_NOOP("formats", "Picture (AVIF)"), ("avif",),
           "ISO-BMFF ftyp with brand avif/avis", Reader.IMAGE, Preview.PICTURE, Sanitiser.IMAGE, _JPEG),
    Format("image/x-adobe-dng", Kind.IMAGE, QT_TRANSLATE_NOOP("formats", "Raw photo (DNG)"), ("dng",),
           "TIFF whose first directory has a DNGVersion tag", Reader.RAW, Preview.EMBEDDED, None,
           no_share_because=_RAW_WHY),
    Format("image/x-canon-cr2", Kind.IMAGE, QT_TRANSLATE_NOOP("formats", "Raw photo (Canon CR2)"), ("cr2",),
           "TIFF header followed by 'CR' version 2 at byte 8", Reader.RAW, Preview.EMBEDDED, None,
           no_share_because=_RAW_WHY),
    Format("image/x-nikon-nef", Kind.IMAGE, QT_TRANSLATE_NOOP("formats", "Raw photo (Nikon NEF)"), ("nef", "nrw"),
           "TIFF whose camera make is NIKON, named .nef", Reader.RAW, Preview.EMBEDDED, None,
           no_share_because=_RAW_WHY),
    Format("image/x-sony-arw", Kind.IMAGE, QT_TRANSLATE_NOOP("formats", "Raw photo (Sony ARW)"), ("arw", "srf", "sr2"),
           "TIFF whose camera make is SONY, named .arw", Reader.RAW, Preview.EMBEDDED, None,
           no_share_because=_RAW_WHY),
    # -- video -----------------------------------------------------------------------------------------------
    Format("video/mp4", Kind.VIDEO, QT_TRANSLATE_NOOP("formats", "Video (MP4)"), ("mp4",),
           "ISO-BMFF ftyp with an MP4 brand (isom, mp41, mp42, avc1...)", Reader.AUDIO_VIDEO, Preview.VIDEO_FRAME,
           Sanitiser.VIDEO, _MP4),
    Format("video/quicktime", Kind.VIDEO, QT_TRANSLATE_NOOP("formats", "Video (MOV)"), ("mov", "qt"),
           "ftyp brand 'qt  ', or top-level atoms moov/mdat/wide/free/skip/pnot without ftyp (older cameras)",
           Reader.AUDIO_VIDEO, Preview.VIDEO_FRAME, Sanitiser.VIDEO, _MP4),
    Format("video/x-m4v", Kind.VIDEO, QT_TRANSLATE_NOOP("formats", "Video (M4V)"), ("m4v",),
           "ISO-BMFF ftyp with brand M4V", Reader.AUDIO_VIDEO, Preview.VIDEO_FRAME, Sanitiser.VIDEO, _MP4),
    Format("video/3gpp", Kind.VIDEO, QT_TRANSLATE_NOOP("formats", "Video (3GP)"), ("3gp",),
           "ISO-BMFF ftyp with a 3gp brand", Reader.AUDIO_VIDEO, Preview.VIDEO_FRAME, Sanitiser.VIDEO, _MP4),
    Format("video/3gpp2", Kind.VIDEO, QT_TRANSLATE_NOOP("formats", "Video (3G2)"), ("3g2",),
           "ISO-BMFF ftyp with a 3g2 brand", Reader.AUDIO_VIDEO, Preview.VIDEO_FRAME, Sanitiser.VIDEO, _MP4),
    Format("video/x-matroska", Kind.VIDEO, QT_TRANSLATE_NOOP("formats", "Video (MKV)"), ("mkv",),
           "EBML header with DocType matroska", Reader.AUDIO_VIDEO, Preview.VIDEO_FRAME, Sanitiser.VIDEO, _MP4),
    Format("video/webm", Kind.VIDEO, QT_TRANSLATE_NOOP("formats", "Video (WebM)"), ("webm",),
           "EBML header with DocType webm", Reader.AUDIO_VIDEO, Preview.VIDEO_FRAME, Sanitiser.VIDEO, _MP4),
    Format("video/x-msvideo", Kind.VIDEO, QT_TRANSLATE_NOOP("formats", "Video (AVI)"), ("avi",),
           "RIFF container of form 'AVI '", Reader.AUDIO_VIDEO, Preview.VIDEO_FRAME, Sanitiser.VIDEO, _MP4),
    Format("video/mp2t", Kind.VIDEO, QT_TRANSLATE_NOOP("formats", "Video (MTS/M2TS)"), ("mts", "m2ts", "ts"),
           "MPEG transport stream sync bytes every 188 bytes (192 with the M2TS time code)", Reader.AUDIO_VIDEO,
           Preview.VIDEO_FRAME, Sanitiser.VIDEO, _MP4),
    Format("video/mpeg", Kind.VIDEO, QT_TRANSLATE_NOOP("formats", "Video (MPEG)"), ("mpg", "mpeg", "vob"),
           "MPEG program stream pack header 00 00 01 BA", Reader.AUDIO_VIDEO, Preview.VIDEO_FRAME, Sanitiser.VIDEO,
           _MP4),
    # -- sound -----------------------------------------------------------------------------------------------
    Format("audio/mpeg", Kind.AUDIO, QT_TRANSLATE_NOOP("formats", "Sound (MP3)"), ("mp3",),
           "ID3 tag or MPEG audio frame sync", Reader.AUDIO_VIDEO, Preview.NONE, Sanitiser.AUDIO,
           ("mp3", "audio/mpeg")),
    Format("audio/mp4", Kind.AUDIO, QT_TRANSLATE_NOOP("formats", "Sound (M4A)"), ("m4a", "m4b"),
           "ISO-BMFF ftyp with brand M4A, or an MP4 brand named .m4a", Reader.AUDIO_VIDEO, Preview.NONE,
           Sanitiser.AUDIO, _M4A, aliases=("audio/x-m4a",)),
    Format("audio/ogg", Kind.AUDIO, QT_TRANSLATE_NOOP("formats", "Sound (OGG/Opus)"), ("ogg", "oga", "opus"),
           "Ogg page header OggS", Reader.AUDIO_VIDEO, Preview.NONE, Sanitiser.AUDIO, ("ogg", "audio/ogg")),
    Format("audio/wav", Kind.AUDIO, QT_TRANSLATE_NOOP("formats", "Sound (WAV)"), ("wav",),
           "RIFF container of form WAVE", Reader.AUDIO_VIDEO, Preview.NONE, Sanitiser.AUDIO, _WAV,
           aliases=("audio/x-wav",)),
    Format("audio/flac", Kind.AUDIO, QT_TRANSLATE_NOOP("formats", "Sound (FLAC)"), ("flac",),
           "fLaC signature", Reader.AUDIO_VIDEO, Preview.NONE, Sanitiser.AUDIO, _WAV, aliases=("audio/x-flac",)),
    Format("audio/amr", Kind.AUDIO, QT_TRANSLATE_NOOP("formats", "Sound (AMR)"), ("amr",),
           "#!AMR header (voice recorders of older phones)", Reader.AUDIO_VIDEO, Preview.NONE, Sanitiser.AUDIO,
           _M4A),
    Format("audio/aac", Kind.AUDIO, QT_TRANSLATE_NOOP("formats", "Sound (AAC)"), ("aac",),
           "ADTS frame sync FF F1/F9", Reader.AUDIO_VIDEO, Preview.NONE, Sanitiser.AUDIO, _M4A),
    # -- documents -------------------------------------------------------------------------------------------
    Format("application/pdf", Kind.DOCUMENT, QT_TRANSLATE_NOOP("formats", "PDF document"), ("pdf",),
           "%PDF- header in the first kilobyte", Reader.PDF, Preview.PDF_PAGE, Sanitiser.PDF,
           ("pdf", "application/pdf")),
    Format(DOCX, Kind.DOCUMENT, QT_TRANSLATE_NOOP("formats", "Word document"), ("docx",),
           "ZIP whose [Content_Types].xml names a wordprocessingml main part", Reader.OFFICE, Preview.NONE,
           Sanitiser.OFFICE, ("docx", DOCX)),
    Format(XLSX, Kind.DOCUMENT, QT_TRANSLATE_NOOP("formats", "Excel spreadsheet"), ("xlsx",),
           "ZIP whose [Content_Types].xml names a spreadsheetml main part", Reader.OFFICE, Preview.NONE,
           Sanitiser.OFFICE, ("xlsx", XLSX)),
    Format(PPTX, Kind.DOCUMENT, QT_TRANSLATE_NOOP("formats", "PowerPoint presentation"), ("pptx",),
           "ZIP whose [Content_Types].xml names a presentationml main part", Reader.OFFICE, Preview.NONE,
           Sanitiser.OFFICE, ("pptx", PPTX)),
    Format(ODT, Kind.DOCUMENT, QT_TRANSLATE_NOOP("formats", "OpenDocument text"), ("odt",),
           "ZIP whose mimetype entry says opendocument.text", Reader.OFFICE, Preview.NONE, Sanitiser.OFFICE,
           ("odt", ODT)),
    Format(ODS, Kind.DOCUMENT, QT_TRANSLATE_NOOP("formats", "OpenDocument spreadsheet"), ("ods",),
           "ZIP whose mimetype entry says opendocument.spreadsheet", Reader.OFFICE, Preview.NONE, None,
           no_share_because=_NOT_YET_WHY),
    Format(ODP, Kind.DOCUMENT, QT_TRANSLATE_NOOP("formats", "OpenDocument presentation"), ("odp",),
           "ZIP whose mimetype entry says opendocument.presentation", Reader.OFFICE, Preview.NONE, None,
           no_share_because=_NOT_YET_WHY),
    Format("application/epub+zip", Kind.DOCUMENT, QT_TRANSLATE_NOOP("formats", "E-book (EPUB)"), ("epub",),
           "ZIP whose mimetype entry says application/epub+zip", Reader.OFFICE, Preview.NONE, None,
           no_share_because=_NOT_YET_WHY),
    Format("application/rtf", Kind.DOCUMENT, QT_TRANSLATE_NOOP("formats", "RTF document"), ("rtf",),
           "{\\rtf header", Reader.RTF, Preview.NONE, None, no_share_because=_NOT_YET_WHY,
           aliases=("text/rtf",)),
    Format("message/rfc822", Kind.DOCUMENT, QT_TRANSLATE_NOOP("formats", "E-mail (EML)"), ("eml",),
           "text that starts with mail headers (From, Date, Subject, Received...)", Reader.EMAIL, Preview.NONE,
           None, no_share_because=QT_TRANSLATE_NOOP("formats", "an e-mail's headers name its sender, recipients and their servers; copy the text you want to share into a new document instead")),  # noqa: E501
    Format("text/plain", Kind.DOCUMENT, QT_TRANSLATE_NOOP("formats", "Text"), ("txt", "text", "log", "csv", "md"),
           "UTF-8 text without NUL bytes", Reader.TEXT, Preview.NONE, None,
           no_share_because=QT_TRANSLATE_NOOP("formats", "the app cannot tell which words of a text identify someone; copy what you want to share into a new file instead")),  # noqa: E501
    # -- other -----------------------------------------------------------------------------------------------
    Format("application/zip", Kind.OTHER, QT_TRANSLATE_NOOP("formats", "ZIP archive"), ("zip",),
           "ZIP signature and none of the document structures above", None, Preview.NONE, None,
           no_share_because=QT_TRANSLATE_NOOP("formats", "archives are not unpacked: import the files inside it one by one instead")),  # noqa: E501
    Format(UNKNOWN, Kind.OTHER, QT_TRANSLATE_NOOP("formats", "Unknown file"), (),
           "nothing above matched", None, Preview.NONE, None,
           no_share_because=QT_TRANSLATE_NOOP("formats", "the app does not know this type, so it cannot prove a copy of it is clean")),  # noqa: E501
)  # fmt: skip

_BY_TYPE: dict[str, Format] = {f.media_type: f for f in FORMATS} | {a: f for f in FORMATS for a in f.aliases}


def format_of(media_type: str) -> Format:
    """The table's row for a media type (aliases included); the "Unknown file" row for a type not in it."""
    return _BY_TYPE.get(media_type.strip().lower(), _BY_TYPE[UNKNOWN])


def is_known(media_type: str) -> bool:
    return media_type.strip().lower() in _BY_TYPE


def human_name(media_type: str) -> str:
    """How the UI names a type to a person ("Photo (JPEG)", "Word document"), untranslated."""
    return format_of(media_type).name


def kind_of(media_type: str) -> Kind:
    return format_of(media_type).kind


def canonical(media_type: str) -> str:
    """The table's own spelling of a type ("audio/x-wav" -> "audio/wav"); unknown types are kept as they are."""
    found = _BY_TYPE.get(media_type.strip().lower())
    return found.media_type if found else media_type


def extension_of(name: str) -> str:
    return PurePath(name).suffix.lower().lstrip(".")


def choose_media_type(candidates: list[str] | tuple[str, ...], name: str) -> str:
    """The type of a file from what its structure allows (most likely first) and its name.

    The name only chooses between structurally valid candidates: a `.docx` name on a JPEG never makes it a Word
    document. With no candidate the file is unknown.
    """
    if not candidates:
        return UNKNOWN
    extension = extension_of(name)
    for candidate in candidates:
        if extension and extension in format_of(candidate).extensions:
            return canonical(candidate)
    return canonical(candidates[0])


def shareable_names() -> str:
    """The share-copy types, by their short names ("JPEG, PNG, ..."), in table order, for the refusal text."""
    short: list[str] = []
    for f in FORMATS:
        if f.sanitiser is not None:
            label = f.name[f.name.find("(") + 1 : -1] if "(" in f.name else f.extensions[0].upper()
            if label not in short:
                short.append(label)
    return ", ".join(short)


def refusal(media_type: str) -> str:
    """Why a type gets no share copy: the table's sentence, and the types that do get one."""
    row = format_of(media_type)
    because = row.no_share_because or "we cannot prove such a copy is clean"
    return f"no share copy for files of type {media_type} ({row.name}): {because} (supported: {shareable_names()})"
