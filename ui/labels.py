"""Names the core keeps in English (custody actions), as the person reading the app says them.

The custody log itself stays in English (it is evidence, compared byte for byte); only what the GUI shows of it
is translated. `tests/ui/test_labels.py` fails when a custody action has no label here.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from locker.bundle.checks import TIMESTAMP_CHECK
from locker.formats import FORMATS, Kind, human_name
from locker.share.report_labels import parse as parse_report_label
from locker.vault.custody import Action
from ui.report_label_text import report_label_texts


def action_labels() -> dict[str, str]:
    """Every custody action, in the app's language (looked up at call time: the language can change)."""
    return {
        Action.CREATED: QCoreApplication.translate("labels", "vault created"),
        Action.CASE_CREATED: QCoreApplication.translate("labels", "case created"),
        Action.CASE_UPDATED: QCoreApplication.translate("labels", "case changed"),
        Action.IMPORTED: QCoreApplication.translate("labels", "imported"),
        Action.RECEIVED: QCoreApplication.translate("labels", "received from a phone"),
        Action.METADATA_EXTRACTED: QCoreApplication.translate("labels", "metadata read"),
        Action.ANNOTATED: QCoreApplication.translate("labels", "notes, tags or case changed"),
        Action.EXPORTED: QCoreApplication.translate("labels", "exported for counsel"),
        Action.EXTRACTED: QCoreApplication.translate("labels", "original saved to a file"),
        Action.SHARED: QCoreApplication.translate("labels", "share copy made"),
        Action.TIMESTAMPED: QCoreApplication.translate("labels", "trusted timestamp added"),
        Action.PASSPHRASE_CHANGED: QCoreApplication.translate("labels", "passphrase changed"),
        Action.CHECKED: QCoreApplication.translate("labels", "vault checked"),
        Action.FORMAT_UPGRADED: QCoreApplication.translate("labels", "vault format upgraded"),
    }


def action_text(action: str) -> str:
    """The custody action `action` in the app's language; an action this version does not know, as recorded."""
    return action_labels().get(action, action)


def check_labels() -> dict[str, str]:
    """Every verify check (locker.bundle.checks.CHECK_NAMES) in plain words, in the app's language."""
    return {
        "bundle readable": QCoreApplication.translate("labels", "The bundle can be opened"),
        "regular files only": QCoreApplication.translate("labels", "Only ordinary files (no links or devices)"),
        "bagit.txt": QCoreApplication.translate("labels", "It is a BagIt bundle"),
        "payload": QCoreApplication.translate("labels", "The evidence files can be read"),
        "payload sha256": QCoreApplication.translate("labels", "Every evidence file is unchanged (first check sum)"),
        "payload sha512": QCoreApplication.translate("labels", "Every evidence file is unchanged (second check sum)"),
        "payload oxum": QCoreApplication.translate("labels", "The number and total size of the files match"),
        "tag files": QCoreApplication.translate("labels", "The bundle's description files are unchanged"),
        "signatures": QCoreApplication.translate("labels", "The signatures are there"),
        "minisign signature": QCoreApplication.translate("labels", "First signature (minisign) is valid"),
        "ssh signature": QCoreApplication.translate("labels", "Second signature (SSH) is valid"),
        "same key": QCoreApplication.translate("labels", "Both signatures were made with one key"),
        "fingerprint in bag-info": QCoreApplication.translate(
            "labels", "The key the bundle names is the key that signed it"
        ),
        "fingerprint you gave": QCoreApplication.translate("labels", "Signed with the key you expected"),
        "custody log": QCoreApplication.translate("labels", "The custody log is whole and unbroken"),
        "custody log imports": QCoreApplication.translate(
            "labels", "The files are the ones the log says were imported"
        ),
        "custody log signing key": QCoreApplication.translate(
            "labels", "Signed with the key of the vault the log describes"
        ),
        "trusted time": QCoreApplication.translate("labels", "Trusted time"),
    }


def check_label(name: str) -> str:
    """A verify check's name in plain words; a timestamp's check names its folder; an unknown name as it is."""
    prefix = TIMESTAMP_CHECK.split("{", 1)[0]
    if name.startswith(prefix):
        return QCoreApplication.translate("labels", "Trusted timestamp (%1)").replace("%1", name.removeprefix(prefix))
    return check_labels().get(name, name)


def check_status_text(status: str) -> str:
    """A check's status ("pass", "fail", "not recorded", "untrusted time") in the app's language."""
    return {
        "pass": QCoreApplication.translate("labels", "passed"),
        "fail": QCoreApplication.translate("labels", "FAILED"),
        "not recorded": QCoreApplication.translate("labels", "not recorded"),
        "untrusted time": QCoreApplication.translate("labels", "time not trusted"),
    }.get(status, status)


def import_name_filters() -> list[str]:
    """The import dialog's file-type choices, from the format table: one per kind, then every file.

    Every file can be imported (an unknown type is stored and hashed, just not read), so "All files" stays there.
    """
    labels = {
        Kind.IMAGE: QCoreApplication.translate("labels", "Photos and pictures (%1)"),
        Kind.VIDEO: QCoreApplication.translate("labels", "Videos (%1)"),
        Kind.AUDIO: QCoreApplication.translate("labels", "Sound recordings (%1)"),
        Kind.DOCUMENT: QCoreApplication.translate("labels", "Documents (%1)"),
    }
    everything = [f"*.{ext}" for row in FORMATS if row.kind in labels for ext in row.extensions]
    filters = [QCoreApplication.translate("labels", "Evidence files (%1)").replace("%1", " ".join(everything))]
    for kind, label in labels.items():
        patterns = " ".join(f"*.{ext}" for row in FORMATS if row.kind is kind for ext in row.extensions)
        filters.append(label.replace("%1", patterns))
    filters.append(QCoreApplication.translate("labels", "All files (*)"))
    return filters


def type_text(media_type: str) -> str:
    """A type as a person reads it ("Word document"); the exact media type is shown only under the details' "Proof"."""
    return QCoreApplication.translate("formats", human_name(media_type))


def _field_key(name: str) -> str:
    """A recorded field's name reduced to compare across readers: "Image Make", "Make", "make" -> "make"."""
    last = name.rsplit("/", 1)[-1].rsplit(":", 1)[-1].strip()
    for prefix in ("Image ", "EXIF ", "GPS ", "Thumbnail ", "Interoperability ", "MakerNote "):
        last = last.removeprefix(prefix)
    return "".join(ch for ch in last.lower() if ch.isalnum())


def metadata_field_labels() -> dict[str, str]:
    """Common metadata fields, keyed as `_field_key` reduces them, in plain words in the app's language.

    The same field has a different name in each reader (exifread's "Image Make", Pillow's "Make", our summary's
    "make", PyAV's "creation_time", PDF's "CreationDate"); the person reading the details needs one plain word."""

    pairs = (
        (("make",), QCoreApplication.translate("labels", "Maker of the camera or phone")),
        (("model",), QCoreApplication.translate("labels", "Model of the camera or phone")),
        (
            (
                "capturetime",
                "datetimeoriginal",
                "creationtime",
                "createdate",
                "creationdate",
                "datetimedigitized",
            ),
            QCoreApplication.translate("labels", "Time taken"),
        ),
        (
            (
                "datetime",
                "modifydate",
                "moddate",
            ),
            QCoreApplication.translate("labels", "Time last changed"),
        ),
        (("capturetimesource",), QCoreApplication.translate("labels", "Where the time was found in the file")),
        (("gpslatitude",), QCoreApplication.translate("labels", "Latitude")),
        (("gpslongitude",), QCoreApplication.translate("labels", "Longitude")),
        (("gpsaltitude",), QCoreApplication.translate("labels", "Altitude")),
        (("gpslatituderef",), QCoreApplication.translate("labels", "Latitude: north or south")),
        (("gpslongituderef",), QCoreApplication.translate("labels", "Longitude: east or west")),
        (("gpsaltituderef",), QCoreApplication.translate("labels", "Altitude: above or below sea level")),
        (("gpsdatestamp",), QCoreApplication.translate("labels", "Date from the satellites")),
        (("gpstimestamp",), QCoreApplication.translate("labels", "Time from the satellites")),
        (("orientation",), QCoreApplication.translate("labels", "Orientation (how to turn the picture)")),
        (
            (
                "duration",
                "durationseconds",
            ),
            QCoreApplication.translate("labels", "Duration (seconds)"),
        ),
        (
            (
                "width",
                "imagewidth",
                "exifimagewidth",
            ),
            QCoreApplication.translate("labels", "Width (pixels)"),
        ),
        (
            (
                "height",
                "imagelength",
                "exifimageheight",
            ),
            QCoreApplication.translate("labels", "Height (pixels)"),
        ),
        (
            (
                "codec",
                "codecname",
            ),
            QCoreApplication.translate("labels", "Codec (how it is compressed)"),
        ),
        (
            (
                "author",
                "artist",
                "byline",
            ),
            QCoreApplication.translate("labels", "Author"),
        ),
        (("creator",), QCoreApplication.translate("labels", "Program or person that made it")),
        (("title",), QCoreApplication.translate("labels", "Title")),
        (
            (
                "description",
                "imagedescription",
            ),
            QCoreApplication.translate("labels", "Description"),
        ),
        (("subject",), QCoreApplication.translate("labels", "Subject")),
        (("keywords",), QCoreApplication.translate("labels", "Keywords")),
        (("copyright",), QCoreApplication.translate("labels", "Copyright")),
        (
            (
                "pages",
                "pagecount",
            ),
            QCoreApplication.translate("labels", "Pages"),
        ),
        (
            (
                "software",
                "encoder",
            ),
            QCoreApplication.translate("labels", "Program"),
        ),
        (("producer",), QCoreApplication.translate("labels", "Program that wrote the file")),
        (
            (
                "serialnumber",
                "serialnumbers",
                "bodyserialnumber",
                "cameraserialnumber",
            ),
            QCoreApplication.translate("labels", "Serial number"),
        ),
        (("lensserialnumber",), QCoreApplication.translate("labels", "Serial number of the lens")),
        (("lensmodel",), QCoreApplication.translate("labels", "Lens")),
        (("lensmake",), QCoreApplication.translate("labels", "Maker of the lens")),
    )
    return {key: label for keys, label in pairs for key in keys}


def metadata_field_label(name: str) -> str | None:
    """A recorded field's name ("pillow_exif/IFD0/Orientation", "Image Make", "make") in plain words, or None for
    a technical field with no plain name (the details show those, as recorded, only under "Proof")."""
    return metadata_field_labels().get(_field_key(name))


def removed_field_texts(names: list[str]) -> list[str]:
    """Recorded field names ("pillow_exif: GPSLatitude", "encoder") in plain words, each once; those with no plain
    name are counted in one last entry (the item's details show them, as recorded, under "Proof")."""
    plain = [label for label in (metadata_field_label(name) for name in names) if label is not None]
    unnamed = sum(1 for name in names if metadata_field_label(name) is None)
    if unnamed:
        plain.append(QCoreApplication.translate("labels", "Other fields: %1").replace("%1", str(unnamed)))
    return list(dict.fromkeys(plain))


def removed_text(label: str) -> str:
    """What a share copy lost (a label of locker.share.report_labels) in the app's language; a label this version
    does not know, as recorded."""
    return _report_text(label)


def share_note_text(note: str) -> str:
    """A share report's note (locker.share.report_labels) in the app's language; an unknown one as recorded."""
    return _report_text(note)


def _report_text(text: str) -> str:
    parsed = parse_report_label(text)
    if parsed is None:
        return text
    template, fields = parsed
    shown = report_label_texts().get(template, template)
    if "names" in fields:  # a container's tag names: field names like any other
        fields["names"] = ", ".join(removed_field_texts(fields["names"].split(", ")))
    for name, value in fields.items():
        shown = shown.replace("{" + name + "}", value)
    return shown
