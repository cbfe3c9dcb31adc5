"""The format table (locker.formats) is the one place that says what a type is; these tests walk it.

Every row gets a real file made at test time (tests/metadata/samples.py) that goes through import, metadata,
thumbnail and share copy (or the refusal the table documents).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from locker import formats
from locker.formats import FORMATS, Format, Preview, choose_media_type, human_name, refusal
from locker.ingest.importer import ImportStatus, import_files
from locker.metadata.model import MetadataRecord, MetadataStatus
from locker.metadata.readers.registry import reader_for
from locker.pixels import is_stored
from locker.sandbox.runner import SandboxRunner
from locker.share.formats import kind_of, output_type
from locker.share.options import ShareOptions
from locker.share.service import share_item
from locker.vault.items import get_item
from locker.vault.vault import Vault
from tests.conftest import PASSPHRASE, WEAK_PARAMS
from tests.metadata import formats_doc
from tests.metadata.samples import SAMPLES

ROWS = {row.media_type: row for row in FORMATS}


def test_importing_the_table_loads_no_parser() -> None:
    """The app's process reads the table; it must not pull in a library that parses files."""
    code = (
        "import sys, locker.formats, locker.share.formats, locker.ingest.sniff\n"
        "print(sorted(m for m in ('PIL', 'av', 'pikepdf', 'pypdfium2', 'exifread', 'mutagen', 'pillow_heif', "
        "'defusedxml', 'zipfile') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_every_media_type_and_alias_is_in_one_row_only() -> None:
    names = [name for row in FORMATS for name in (row.media_type, *row.aliases)]
    assert len(names) == len(set(names))
    assert len({row.name for row in FORMATS}) == len(FORMATS), "two types with one name could not be told apart"


@pytest.mark.parametrize("row", FORMATS, ids=[row.media_type for row in FORMATS])
def test_a_row_says_everything_the_other_parts_ask(row: Format) -> None:
    assert row.name and row.recognised_by and isinstance(row.kind, formats.Kind)
    assert human_name(row.media_type) == row.name
    assert all(e == e.lower() and not e.startswith(".") for e in row.extensions)
    if row.reader is None:
        assert reader_for(row.media_type) is None
    else:
        found = reader_for(row.media_type)
        assert found is not None and found[0] == str(row.reader) and callable(found[1])
    if row.sanitiser is None:
        assert row.share_as is None and row.no_share_because, "no share copy needs a sentence saying why"
        assert kind_of(row.media_type) is None
        assert row.no_share_because in refusal(row.media_type)
        with pytest.raises(ValueError, match="no share copy"):
            output_type(row.media_type)
    else:
        assert row.share_as is not None and not row.no_share_because
        assert kind_of(row.media_type) == str(row.sanitiser)
        assert output_type(row.media_type) == row.share_as
    for alias in row.aliases:
        assert formats.format_of(alias) is row and formats.canonical(alias) == row.media_type


def test_the_refusal_lists_exactly_the_types_that_get_a_copy() -> None:
    listed = refusal("application/zip").rsplit("(supported: ", 1)[1].rstrip(")").split(", ")
    shareable = [row for row in FORMATS if row.sanitiser is not None]
    assert len(listed) == len(shareable)
    for row in shareable:
        assert any(label in row.name or label == row.extensions[0].upper() for label in listed), row.media_type
    assert "AVIF" in listed and "M4V" in listed  # both were missing from the old hand-written list


def test_docs_formats_md_is_generated_from_the_table() -> None:
    assert formats_doc.DOC.read_text(encoding="utf-8") == formats_doc.render(), (
        "docs/FORMATS.md is out of date: run PYTHONPATH=. python -m tests.metadata.formats_doc"
    )


def test_the_name_only_chooses_between_what_the_structure_allows() -> None:
    mp4_family = ["video/mp4", "video/x-m4v", "audio/mp4", "video/quicktime"]
    assert choose_media_type(mp4_family, "interview.M4A") == "audio/mp4"
    assert choose_media_type(mp4_family, "clip.mov") == "video/quicktime"
    assert choose_media_type(mp4_family, "clip") == "video/mp4"
    assert choose_media_type(["image/jpeg"], "decision.docx") == "image/jpeg"
    assert choose_media_type(["image/x-nikon-nef", "image/tiff"], "scan.TIF") == "image/tiff"
    assert choose_media_type([], "photo.jpg") == formats.UNKNOWN
    assert choose_media_type(["audio/x-wav"], "a.wav") == "audio/wav"


def test_every_row_has_a_sample() -> None:
    assert set(SAMPLES) == set(ROWS)


@pytest.fixture(scope="module")
def vault(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Vault]:
    v = Vault.create(tmp_path_factory.mktemp("formats") / "v.locker", PASSPHRASE, WEAK_PARAMS)
    yield v
    v.close()


@pytest.fixture(scope="module")
def runner() -> Iterator[SandboxRunner]:
    with SandboxRunner() as r:
        yield r


@pytest.mark.parametrize("media_type", list(ROWS))
def test_a_real_file_of_every_type_goes_through_import_metadata_thumbnail_and_share(
    media_type: str, vault: Vault, runner: SandboxRunner, tmp_path: Path
) -> None:
    row = ROWS[media_type]
    sample = SAMPLES[media_type](tmp_path)

    [outcome] = import_files(vault, [sample], runner=runner)

    assert outcome.status is ImportStatus.IMPORTED and outcome.item_id, outcome
    with vault.session() as conn:
        item = get_item(conn, outcome.item_id)
        thumbnail = conn.execute("SELECT thumbnail FROM items WHERE id = ?", (item.id,)).fetchone()[0]
    assert item.media_type == media_type
    assert item.metadata is not None
    record = MetadataRecord.from_json(item.metadata)
    if row.reader is None:
        assert record.status is MetadataStatus.NO_READER
    else:
        assert record.status is MetadataStatus.OK, record.reason
        assert record.reader == str(row.reader)
    if row.preview is Preview.NONE:
        assert thumbnail is None
    else:
        assert thumbnail is not None and is_stored(bytes(thumbnail)), record.warnings

    out = tmp_path / "out"
    out.mkdir()
    result = share_item(vault, item.id, out, ShareOptions(faces="off"), runner)
    if row.share_as is None:
        assert not result.ok
        assert result.error is not None and row.no_share_because in result.error
        assert list(out.iterdir()) == []
    else:
        assert result.ok, (result.error, result.findings)
        assert result.path is not None and result.path.suffix == f".{row.share_as[0]}"
