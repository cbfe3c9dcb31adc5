"""Why a sanitiser or the re-check gave up on a file, one class per situation (raised in the sandbox child).

The child sends the class's name and its parameters, never a sentence (locker.share.refusal_answers); the app
rebuilds the error, so the GUI can say it in the user's language. `part` is the name of a part inside an office
document as the archive spells it ("word/media/image1.emf", "word/embeddings/Book1.xlsx!xl/media/image2.png").
"""

from __future__ import annotations

from locker.share.refusals import CopyRefused

# --- sound and video ---------------------------------------------------------------------------------------------


class NoSoundToKeep(CopyRefused):
    """The file has no sound track, so there is no sound to copy."""


class NoVideoTrack(CopyRefused):
    """The file has no video track, so there is no video to copy."""


class NoVideoFrame(CopyRefused):
    """Not one frame of the video could be decoded, so there is nothing to copy."""


class RecordingUnreadable(CopyRefused):
    """The recording could not be read: it is damaged, or encoded in a way we cannot decode."""


class EncoderNameLeft(CopyRefused):
    """The name of the program that encoded the {audio_format} sound could not be removed from the copy, so it was
    not written."""


# --- pictures ----------------------------------------------------------------------------------------------------


class PictureUnreadable(CopyRefused):
    """The picture could not be read: it is damaged, or stored in a way we cannot decode."""


class PictureTooLarge(CopyRefused):
    """The picture is too large to copy safely: it has more than {limit} million pixels."""


class FaceDetectorMissing(CopyRefused):
    """Faces cannot be covered: a part of the face detector is not installed here ({component})."""


# --- office documents --------------------------------------------------------------------------------------------


class DocumentDamaged(CopyRefused):
    """The document is damaged: its archive cannot be read, so it cannot be cleaned."""


class DocumentTooLarge(CopyRefused):
    """The document is too large to clean safely: it holds more than {limit} parts or unpacks to more than
    {limit_size}."""


class NestedTooDeep(CopyRefused):
    """The part {part} holds documents nested too deep to clean."""


class EmbeddedArchiveNotDocument(CopyRefused):
    """The part {part} is an archive that is not an office document, which cannot be cleaned."""


class EmbeddedArchiveDamaged(CopyRefused):
    """The part {part} is a damaged archive, which cannot be cleaned."""


class PictureFormatUncleanable(CopyRefused):
    """The part {part} is a picture in {picture_format} format, which cannot be cleaned."""


class EmbeddedProgramObject(CopyRefused):
    """The part {part} is an embedded object of another program (an OLE compound file), which cannot be cleaned."""


class EmbeddedSoundOrVideo(CopyRefused):
    """The part {part} is a sound or video, which cannot be cleaned inside a document."""


class EmbeddedPdf(CopyRefused):
    """The part {part} is a PDF, which cannot be cleaned inside a document."""


class MediaFormatUnknown(CopyRefused):
    """The part {part} is a picture or sound in a format we cannot clean."""


class PictureNotCleaned(CopyRefused):
    """The picture {part} is damaged or built in a way we cannot clean."""


class PictureInsideSvg(CopyRefused):
    """The part {part} is an SVG picture with another picture inside it, which cannot be cleaned."""


class TextPartDamaged(CopyRefused):
    """The part {part} is damaged: its text is not valid {encoding}, so it cannot be cleaned."""


class WorkbookMacroSheets(CopyRefused):
    """The workbook has Excel 4 macro or dialog sheets ({part}), which cannot be taken out without breaking it."""


# --- PDF documents -----------------------------------------------------------------------------------------------


class PdfNeedsPassword(CopyRefused):
    """The PDF can only be opened with its password, so no copy can be made of it."""


class PdfUnreadable(CopyRefused):
    """The PDF could not be read, even to draw its pages: it is damaged, or written in a way we cannot read."""


# --- the re-check ------------------------------------------------------------------------------------------------


class RecheckTooLarge(CopyRefused):
    """The copy unpacks to more than the re-check may read ({limit_size}), so it was not written."""


class RecheckNestedTooDeep(CopyRefused):
    """The copy holds archives nested deeper than the re-check reads, so it was not written."""
