"""A file's type comes from its structure, read in the sandbox; its name only chooses among what the structure allows.

Files are made at test time: ZIP documents written with zipfile in different entry orders, an ftyp-less MOV made by
rewriting the atoms of an ffmpeg-made MOV (tests/metadata/samples.py).
"""

from __future__ import annotations

import io
import json
import shutil
import struct
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from locker import formats
from locker.ingest.importer import ImportOptions, ImportStatus, import_files
from locker.ingest.sniff import SNIFF_BYTES, sniff_media_type
from locker.metadata.model import MetadataRecord, MetadataStatus
from locker.metadata.recognise import recognise
from locker.metadata.store import extract_metadata
from locker.sandbox.runner import SandboxRunner
from locker.share.options import ShareOptions
from locker.share.service import share_item
from locker.vault.custody import Action, events
from locker.vault.items import Item, get_item
from locker.vault.vault import Vault
from tests.conftest import PASSPHRASE, WEAK_PARAMS
from tests.metadata import samples


@pytest.fixture(scope="module")
def vault(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Vault]:
    v = Vault.create(tmp_path_factory.mktemp("recognition") / "v.locker", PASSPHRASE, WEAK_PARAMS)
    yield v
    v.close()


@pytest.fixture(scope="module")
def runner() -> Iterator[SandboxRunner]:
    with SandboxRunner() as r:
        yield r


def _import(vault: Vault, runner: SandboxRunner, path: Path) -> tuple[Item, MetadataRecord]:
    [outcome] = import_files(vault, [path], runner=runner)
    assert outcome.status is ImportStatus.IMPORTED and outcome.item_id, outcome
    with vault.session() as conn:
        item = get_item(conn, outcome.item_id)
    assert item.metadata is not None
    return item, MetadataRecord.from_json(item.metadata)


def _exiftool(path: Path) -> dict[str, object]:
    out = subprocess.run(["exiftool", "-j", "-n", str(path)], capture_output=True, text=True, check=True).stdout
    entry = json.loads(out)[0]
    assert isinstance(entry, dict)
    return entry


@pytest.mark.parametrize("order", ["types-first", "word-first-parts"])
def test_a_docx_is_recognised_by_its_parts_in_any_entry_order_and_its_author_read(
    order: str, vault: Vault, runner: SandboxRunner, tmp_path: Path
) -> None:
    path = samples.ooxml(tmp_path, "docx", order, name=f"decision-{order}.docx")
    with zipfile.ZipFile(path) as archive:
        first = archive.namelist()[0]
    assert first == ("[Content_Types].xml" if order == "types-first" else "word/document.xml")
    # The app's own guess sees only a ZIP: the structure is read in the sandbox.
    assert sniff_media_type(path.read_bytes()[:SNIFF_BYTES]) == "application/zip"

    item, record = _import(vault, runner, path)

    assert item.media_type == formats.DOCX
    assert record.status is MetadataStatus.OK and record.reader == "office"
    # (ExifTool needs Archive::Zip to read DOCX properties, which this system lacks: the planted value decides.)
    assert record.summary.author == samples.AUTHOR
    out = tmp_path / "out"
    out.mkdir()
    shared = share_item(vault, item.id, out, ShareOptions(faces="off"), runner)
    assert shared.ok and shared.path is not None, shared.error
    with zipfile.ZipFile(shared.path) as copy:
        contents = b"".join(copy.read(name) for name in copy.namelist())
    assert samples.AUTHOR.encode() not in contents and b"Tracked Changer" not in contents


def test_the_custody_log_says_which_type_the_structure_showed(
    vault: Vault, runner: SandboxRunner, tmp_path: Path
) -> None:
    path = samples.ooxml(tmp_path, "xlsx", name="budget.xlsx")
    item, _ = _import(vault, runner, path)
    with vault.session() as conn:
        imported, extracted = events(conn, item.id)
    assert imported.action == Action.IMPORTED and imported.details["media_type"] == "application/zip"
    assert extracted.action == Action.METADATA_EXTRACTED
    assert extracted.details["media_type"] == formats.XLSX
    assert extracted.details["media_type_before"] == "application/zip"


def test_a_name_never_makes_a_file_something_its_structure_is_not(
    vault: Vault, runner: SandboxRunner, tmp_path: Path
) -> None:
    jpeg = samples.image("jpg", "JPEG")(tmp_path)
    disguised = jpeg.rename(tmp_path / "court-decision.docx")
    item, record = _import(vault, runner, disguised)
    assert item.media_type == "image/jpeg" and record.reader == "image"

    docx = samples.ooxml(tmp_path, "docx", name="letter.zip")
    with zipfile.ZipFile(docx, "a") as archive:
        archive.comment = b"not the same bytes as the other tests' documents"
    item, record = _import(vault, runner, docx)
    assert item.media_type == formats.DOCX and record.summary.author == samples.AUTHOR


def test_the_extension_chooses_between_structurally_valid_candidates(
    vault: Vault, runner: SandboxRunner, tmp_path: Path
) -> None:
    """An MP4-branded file that holds only sound is an M4A when named so, and a video otherwise."""
    sound = samples.sound("mp4", "-c:a", "aac", "-f", "mp4")(tmp_path)
    assert recognise(io.BytesIO(sound.read_bytes()))[0] == "video/mp4"
    item, _ = _import(vault, runner, sound)
    assert item.media_type == "video/mp4"
    renamed = tmp_path / "interview.m4a"
    renamed.write_bytes(sound.read_bytes() + b"\x00\x00\x00\x08free")  # a new item: other bytes, same structure
    item, record = _import(vault, runner, renamed)
    assert item.media_type == "audio/mp4" and record.status is MetadataStatus.OK


@pytest.mark.parametrize("where", ["udta", "keys"])
def test_an_ftyp_less_mov_is_recognised_and_its_make_and_model_agree_with_exiftool(
    where: str, vault: Vault, runner: SandboxRunner, tmp_path: Path
) -> None:
    path = samples.mov_without_ftyp(tmp_path, in_keys=where == "keys")
    assert b"ftyp" not in path.read_bytes()[:64]
    assert sniff_media_type(path.read_bytes()[:SNIFF_BYTES]) == formats.UNKNOWN

    item, record = _import(vault, runner, path)

    reference = _exiftool(path)
    assert reference["FileType"] == "MOV"
    assert item.media_type == "video/quicktime"
    assert (record.summary.make, record.summary.model) == (reference["Make"], reference["Model"])
    assert (record.summary.make, record.summary.model) == (samples.MAKE, samples.MODEL)
    out = tmp_path / "out"
    out.mkdir()
    shared = share_item(vault, item.id, out, ShareOptions(faces="off"), runner)
    assert shared.ok and shared.path is not None, shared.error
    assert samples.MAKE.encode() not in shared.path.read_bytes()


def test_recognition_runs_in_the_sandbox_not_in_the_app_process(tmp_path: Path) -> None:
    """After importing a DOCX, the process that holds the key has not loaded the structural recogniser."""
    path = samples.ooxml(tmp_path, "docx", "types-first")
    code = f"""
import sys
from pathlib import Path
from locker.ingest.importer import import_files
from locker.sandbox.runner import SandboxRunner
from locker.vault.items import get_item
from locker.vault.vault import Vault
from tests.conftest import PASSPHRASE, WEAK_PARAMS
vault = Vault.create(Path({str(tmp_path / "v.locker")!r}), PASSPHRASE, WEAK_PARAMS)
with SandboxRunner() as runner:
    [outcome] = import_files(vault, [Path({str(path)!r})], runner=runner)
with vault.session() as conn:
    print(get_item(conn, outcome.item_id).media_type)
print("locker.metadata.recognise" in sys.modules, "locker.metadata.readers.office" in sys.modules)
vault.close()
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[:2] == [formats.DOCX, "False False"]


# -- the recogniser on its own: edge cases and hostile structures ------------------------------------------------


def _zip(entries: dict[str, bytes]) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer


def test_odf_and_epub_are_recognised_by_their_mimetype_entry_and_others_stay_zip() -> None:
    assert recognise(_zip({"mimetype": formats.ODS.encode(), "content.xml": b"<x/>"})) == [formats.ODS]
    assert recognise(_zip({"mimetype": b"application/epub+zip"})) == ["application/epub+zip"]
    assert recognise(_zip({"mimetype": b"application/x-unknown", "a.txt": b"a"})) == ["application/zip"]
    assert recognise(_zip({"word/document.xml": b"<w/>"})) == ["application/zip"]  # no [Content_Types].xml
    broken_types = {"[Content_Types].xml": b"<Types", "ppt/presentation.xml": b"<p/>"}
    assert recognise(_zip(broken_types)) == [formats.PPTX]  # the main part still says what it is


def test_a_damaged_zip_is_a_zip_not_an_error() -> None:
    assert recognise(io.BytesIO(b"PK\x03\x04" + bytes(200))) == ["application/zip"]


def test_atoms_that_lie_about_their_size_are_not_followed() -> None:
    huge = struct.pack(">I4s", 0xFFFFFFF0, b"moov") + bytes(64)
    assert recognise(io.BytesIO(huge)) == [formats.UNKNOWN]
    looping = struct.pack(">I4s", 1, b"wide") + struct.pack(">Q", 0) + bytes(64)
    assert recognise(io.BytesIO(looping)) == [formats.UNKNOWN]
    ftyp_late = struct.pack(">I4s", 16, b"wide") + bytes(8) + struct.pack(">I4s4sI", 16, b"ftyp", b"qt  ", 0)
    assert recognise(io.BytesIO(ftyp_late))[0] == "video/quicktime"


def test_only_the_first_atoms_are_walked() -> None:
    padding = struct.pack(">I4s", 8, b"free") * 40
    late_ftyp = padding + struct.pack(">I4s4sI", 16, b"ftyp", b"isom", 0)
    assert recognise(io.BytesIO(late_ftyp)) == [formats.UNKNOWN]


def test_an_email_needs_real_mail_headers_and_text_stays_text() -> None:
    mail = b"From: a@example.org\nTo: b@example.org\nSubject: hi\nDate: Thu, 29 Feb 2024 10:00:00 +0300\n\nbody\n"
    assert recognise(io.BytesIO(mail)) == ["message/rfc822", "text/plain"]
    assert recognise(io.BytesIO(b"Subject: notes for the lawyer\n\nwitnesses: two\n")) == ["text/plain"]
    assert recognise(io.BytesIO("Свидетели: двое\n".encode())) == ["text/plain"]
    koi8 = mail.replace(b"body", "Заседание в понедельник".encode("koi8-r"))
    assert recognise(io.BytesIO(koi8)) == ["message/rfc822"]
    assert recognise(io.BytesIO(b"\x00\x01From: a\nTo: b\nSubject: c\n\n")) == [formats.UNKNOWN]


def test_transport_streams_need_sync_bytes_in_every_packet() -> None:
    packet = b"\x47" + bytes(187)
    assert recognise(io.BytesIO(packet * 6)) == ["video/mp2t"]
    m2ts = (bytes(4) + packet) * 6
    assert recognise(io.BytesIO(m2ts)) == ["video/mp2t"]
    assert recognise(io.BytesIO(packet + bytes(188 * 5))) == [formats.UNKNOWN]


@pytest.mark.skipif(shutil.which("exiftool") is None, reason="exiftool is not installed")
@pytest.mark.parametrize(
    "media_type", ["image/x-adobe-dng", "image/x-canon-cr2", "image/x-nikon-nef", "image/x-sony-arw"]
)
def test_raw_files_are_recognised_like_exiftool_does(media_type: str, tmp_path: Path) -> None:
    path = samples.SAMPLES[media_type](tmp_path)
    candidates = recognise(io.BytesIO(path.read_bytes()))
    assert formats.choose_media_type(candidates, path.name) == media_type
    assert _exiftool(path)["MIMEType"] == media_type


def test_import_with_strip_recognises_a_docx_and_stores_its_clean_copy(
    vault: Vault, runner: SandboxRunner, tmp_path: Path
) -> None:
    path = samples.ooxml(tmp_path, "docx", "types-first", name="stripped.docx")
    with zipfile.ZipFile(path, "a") as archive:
        archive.comment = b"the stripped import's own document"
    [outcome] = import_files(vault, [path], ImportOptions(strip=True), runner=runner)
    assert outcome.status is ImportStatus.IMPORTED and outcome.item_id, outcome
    with vault.session() as conn:
        item = get_item(conn, outcome.item_id)
    assert item.name == "stripped-stripped.docx" and item.media_type == formats.DOCX
    assert item.sanitised is not None and item.sanitised["original_media_type"] == formats.DOCX


def test_without_metadata_the_first_guess_stands_until_the_metadata_is_read(
    vault: Vault, runner: SandboxRunner, tmp_path: Path
) -> None:
    """`locker import --no-metadata` keeps the first-bytes guess; `locker reindex` (extract_metadata) corrects it."""
    path = samples.ooxml(tmp_path, "pptx", name="slides.pptx")
    [outcome] = import_files(vault, [path], ImportOptions(extract_metadata=False))
    assert outcome.item_id is not None
    with vault.session() as conn:
        assert get_item(conn, outcome.item_id).media_type == "application/zip"
    extract_metadata(vault, outcome.item_id, runner)
    with vault.session() as conn:
        assert get_item(conn, outcome.item_id).media_type == formats.PPTX


def test_zip_reading_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    from locker.metadata import recognise as module

    many = _zip({"mimetype": formats.ODT.encode(), **{f"f{i}.xml": b"" for i in range(20)}})
    assert recognise(many) == [formats.ODT]
    monkeypatch.setattr(module, "ZIP_MAX_ENTRIES", 10)
    assert recognise(many) == ["application/zip"]  # too many entries: not looked into

    types = b'<Types xmlns="x"><Override ContentType="' + formats.DOCX.encode() + b'.main+xml"/></Types>'
    assert recognise(_zip({"[Content_Types].xml": types})) == [formats.DOCX]
    monkeypatch.setattr(module, "ZIP_MAX_PART", len(types) - 1)
    assert recognise(_zip({"[Content_Types].xml": types})) == ["application/zip"]  # too large to read
