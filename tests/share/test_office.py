"""Share copies of Word, Excel and PowerPoint files: made and re-checked in the sandbox like every other copy, and
clean by an independent look (every ZIP member decompressed and searched, ExifTool on the document and on its
pictures), while the text and the package structure survive."""

from __future__ import annotations

import json
import os
import posixpath
import re
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from defusedxml import ElementTree

from locker.sandbox.runner import SandboxRunner
from locker.sandbox.source import FileSource
from locker.share.options import ShareOptions
from locker.share.service import CopyRefused, make_clean_copy
from tests.share import office_files
from tests.share.checks import exiftool_leftovers
from tests.share.planted import Planted

KEEP = "Протокол задержания"
FACES_OFF = ShareOptions(faces="off")


@pytest.fixture(scope="module")
def runner() -> Iterator[SandboxRunner]:
    with SandboxRunner() as r:
        yield r


def share_copy(runner: SandboxRunner, sample: Planted, tmp: Path) -> Path:
    """The copy as `locker share` makes it: sanitised and re-checked in the sandbox against the planted values."""
    source = FileSource(sample.path)
    fd = os.memfd_create("copy")
    try:
        clean = make_clean_copy(runner, source, sample.media_type, FACES_OFF, list(sample.values), fd)
        copy = tmp / f"copy.{clean.report.extension}"
        copy.write_bytes(os.pread(fd, clean.size, 0))
    finally:
        os.close(fd)
        source.close()
    return copy


def member_hits(path: Path, values: tuple[str, ...]) -> dict[str, list[str]]:
    """Planted values in any decompressed member or member name (UTF-8 or UTF-16, any case)."""
    hits = {}
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            data = (archive.read(info) + info.filename.encode()).lower()
            found = [v for v in values if any(v.lower().encode(e) in data for e in ("utf-8", "utf-16-le", "utf-16-be"))]
            if found:
                hits[info.filename] = found
    return hits


@pytest.mark.parametrize("kind", sorted(office_files.ALL))
def test_an_office_copy_keeps_the_content_and_nothing_identifying(
    kind: str, runner: SandboxRunner, tmp_path: Path
) -> None:
    sample = office_files.ALL[kind](tmp_path)
    planted_in = member_hits(sample.path, sample.values)
    assert set(sample.values) == {v for found in planted_in.values() for v in found}, "every value is planted"
    assert exiftool_leftovers(sample.path), "ExifTool reads the original's properties: its check can fail"

    copy = share_copy(runner, sample, tmp_path)

    assert member_hits(copy, sample.values) == {}
    assert exiftool_leftovers(copy) == {}
    with zipfile.ZipFile(copy) as archive:
        names = archive.namelist()
        assert not [n for n in names if re.search(r"printerSettings|custom|thumbnail|people\.xml", n)], names
        assert any(KEEP.encode() in archive.read(n) for n in names), "the text is still there"
        pictures = [n for n in names if n.endswith(".jpeg")]
        assert pictures
        for name in pictures:
            picture = tmp_path / posixpath.basename(name)
            picture.write_bytes(archive.read(name))
            assert exiftool_leftovers(picture) == {}, name


@pytest.mark.parametrize("kind", sorted(office_files.ALL))
def test_an_office_copy_is_still_a_whole_package(kind: str, runner: SandboxRunner, tmp_path: Path) -> None:
    """Every XML part parses, every relationship inside the package points at a part that is there, and every
    content-type override names one: an office program opens the copy without a repair prompt."""
    sample = office_files.ALL[kind](tmp_path)
    copy = share_copy(runner, sample, tmp_path)
    with zipfile.ZipFile(copy) as archive:
        names = set(archive.namelist())
        for name in names:
            if name.endswith((".xml", ".rels")):
                ElementTree.fromstring(archive.read(name))
        for name in (n for n in names if n.endswith(".rels")):
            folder = posixpath.dirname(posixpath.dirname(name))
            for target, mode in re.findall(r'Target="([^"]*)"(?: TargetMode="(\w+)")?', archive.read(name).decode()):
                if mode != "External":
                    assert posixpath.normpath(posixpath.join(folder, target)) in names, (name, target)
                else:
                    assert "\\" not in target and "/" not in target, (name, target)  # a file name, no folder
        types = archive.read("[Content_Types].xml").decode()
        for part in re.findall(r'PartName="/([^"]*)"', types):
            assert part in names, part
        probe = subprocess.run(["exiftool", "-j", "-Error", "-Warning", str(copy)], capture_output=True, text=True,
                               check=True)  # fmt: skip
        (info,) = json.loads(probe.stdout)
        assert "Error" not in info and "Warning" not in info, info


@pytest.mark.parametrize("kind", sorted(office_files.ALL))
def test_an_office_copy_whose_content_names_the_author_is_refused(
    kind: str, runner: SandboxRunner, tmp_path: Path
) -> None:
    """The re-check decompresses the copy's members: the author's name in the text refuses it."""
    maker = office_files.ALL[kind]
    sample = maker(tmp_path, f"Statement of {office_files.ARTIST}")  # type: ignore[call-arg]
    with pytest.raises(CopyRefused) as refused:
        share_copy(runner, sample, tmp_path)
    assert any(office_files.ARTIST in finding for finding in refused.value.findings), refused.value.findings
