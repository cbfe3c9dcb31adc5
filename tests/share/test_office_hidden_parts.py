"""Share copies of office files whose identifying values sit in less common places (review of issue 15): pictures
in any format under any name, a chart's embedded workbook, OLE objects (left out), ODF sub-documents, core properties at
another part name, LibreOffice's printer settings, macros; and needles that are also words of the markup.

Every file goes the real way: imported into a vault (metadata read in the sandbox), then shared (sanitised and
re-checked in the sandbox, with the needles taken from the recorded metadata)."""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from pathlib import Path

import pytest
from defusedxml import ElementTree
from PIL import Image

from locker.sandbox.runner import SandboxRunner
from locker.share.office import sanitise_office
from locker.share.options import ShareOptions
from locker.share.recheck import recheck
from locker.share.refusals import CopyRefused
from locker.share.sandbox_refusals import WorkbookMacroSheets
from locker.share.service import ShareResult, share_item
from locker.vault.vault import Vault
from tests.share import office_parts
from tests.share.conftest import store
from tests.share.office_parts import AUTHOR, BODY, CAMERA_MAKE, CAMERA_MODEL, MACRO_FOLDER, OTHER, PRINTER

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PLANTED = (AUTHOR, OTHER, CAMERA_MAKE, CAMERA_MODEL, PRINTER, MACRO_FOLDER, "opetrova-home", "Petrova Home Office")


def share(vault: Vault, runner: SandboxRunner, path: Path, tmp: Path) -> ShareResult:
    out = tmp / f"out-{path.name}"
    out.mkdir()
    return share_item(vault, store(vault, runner, path), out, ShareOptions(faces="off"), runner)


def members(data: bytes, prefix: str = "", depth: int = 0) -> dict[str, bytes]:
    """Every member of the archive, and of the archives inside it, by its path ('a.xlsx!docProps/core.xml')."""
    found = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            content = archive.read(info)
            found[prefix + info.filename] = content
            if content[:4] == b"PK\x03\x04" and depth < 3:
                found |= members(content, f"{prefix}{info.filename}!", depth + 1)
    return found


def planted_in(path: Path) -> dict[str, list[str]]:
    hits = {}
    for name, data in members(path.read_bytes()).items():
        low = (data + name.encode()).lower()
        found = [v for v in PLANTED if any(v.lower().encode(e) in low for e in ("utf-8", "utf-16-le", "utf-16-be"))]
        if found:
            hits[name] = found
    return hits


def assert_whole_package(path: Path) -> None:
    """Every XML part parses; every internal relationship and content-type override names a part that is there."""
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        for name in names:
            if name.endswith((".xml", ".rels")):
                ElementTree.fromstring(archive.read(name))
        for name in (n for n in names if n.endswith(".rels")):
            folder = posixpath.dirname(posixpath.dirname(name))
            for target in re.findall(r'Target="([^"]*)"', archive.read(name).decode()):
                assert posixpath.normpath(posixpath.join(folder, target)).lstrip("/") in names, (name, target)
        if "[Content_Types].xml" in names:
            for part in re.findall(r'PartName="/([^"]*)"', archive.read("[Content_Types].xml").decode()):
                assert part in names, part


# --- F1: every picture cleaned by what it is, not by its name ---
@pytest.mark.parametrize("kind", ["tiff", "jpeg", "gif", "webp", "bmp", "png"])
@pytest.mark.parametrize("container", ["docx", "odt"])
def test_a_picture_of_any_format_and_name_is_cleaned(
    container: str, kind: str, share_vault: Vault, runner: SandboxRunner, tmp_path: Path
) -> None:
    make = office_parts.docx_with_picture if container == "docx" else office_parts.odt_with_picture
    original = make(tmp_path, kind)
    assert any(OTHER in v for v in planted_in(original).values()), "the picture carries the photographer"

    result = share(share_vault, runner, original, tmp_path)

    assert result.path is not None, (result.error, result.findings)
    assert planted_in(result.path) == {}
    folder = "word/media/" if container == "docx" else "Pictures/"
    (picture,) = [data for name, data in members(result.path.read_bytes()).items() if name.startswith(folder)]
    with Image.open(io.BytesIO(picture)) as image:
        assert image.size == (40, 30)
        assert not {0x013B, 0x010F, 0x0110} & set(image.getexif()), "no artist, make or model"


def test_a_picture_that_cannot_be_cleaned_refuses_the_copy(
    share_vault: Vault, runner: SandboxRunner, tmp_path: Path
) -> None:
    """An EMF whose header's description (naming its program and author) runs past the end of its header record:
    the record chain is broken, so the metafile is not cleaned and no copy is made."""
    result = share(share_vault, runner, office_parts.docx_with_picture(tmp_path, "emf"), tmp_path)
    assert result.path is None
    assert result.error is not None and "word/media/image1.emf" in result.error, result.error
    assert list(tmp_path.glob("out-*/*")) == []


# --- F2: embedded sub-documents ---
def test_a_charts_workbook_is_cleaned_like_the_document(
    share_vault: Vault, runner: SandboxRunner, tmp_path: Path
) -> None:
    result = share(share_vault, runner, office_parts.docx_with_chart(tmp_path, OTHER), tmp_path)
    assert result.path is not None, (result.error, result.findings)
    assert planted_in(result.path) == {}
    inside = members(result.path.read_bytes())
    assert "word/embeddings/embedding1.xlsx!xl/workbook.xml" in inside, "the chart keeps its data"
    assert_whole_package(result.path)


def test_a_chart_made_by_the_documents_own_author_does_not_refuse_the_copy(
    share_vault: Vault, runner: SandboxRunner, tmp_path: Path
) -> None:
    result = share(share_vault, runner, office_parts.docx_with_chart(tmp_path, AUTHOR), tmp_path)
    assert result.path is not None, (result.error, result.findings)
    assert planted_in(result.path) == {}
    assert_whole_package(result.path)


def test_the_names_word_gives_embedded_workbooks_do_not_refuse_the_copy(
    share_vault: Vault, runner: SandboxRunner, tmp_path: Path
) -> None:
    """Word names a chart's workbook "Microsoft_Excel_Worksheet1.xlsx", and member names are not compressed: with a
    company called Microsoft, the copy renames the part (and the relationship to it) rather than refuse."""
    result = share(share_vault, runner, office_parts.docx_with_chart(tmp_path, AUTHOR, "Microsoft"), tmp_path)
    assert result.path is not None, (result.error, result.findings)
    assert_whole_package(result.path)
    assert b"microsoft" not in result.path.read_bytes().lower()
    assert [n for n in members(result.path.read_bytes()) if n.endswith("!xl/workbook.xml")], "the chart keeps its data"


def test_an_ole_object_is_left_out_of_the_copy(share_vault: Vault, runner: SandboxRunner, tmp_path: Path) -> None:
    """An OLE compound file cannot be looked inside: the copy is made without it and without its relationship
    (tests/share/test_office_objects.py: objects shown through a preview picture keep it)."""
    result = share(share_vault, runner, office_parts.docx_with_ole_object(tmp_path), tmp_path)
    assert result.path is not None, (result.error, result.findings)
    assert planted_in(result.path) == {}
    assert not [n for n in members(result.path.read_bytes()) if "embeddings/" in n]
    assert_whole_package(result.path)
    assert result.report is not None and any("OLE" in r for r in result.report.removed), result.report


def test_an_opendocument_sub_document_is_cleaned(share_vault: Vault, runner: SandboxRunner, tmp_path: Path) -> None:
    result = share(share_vault, runner, office_parts.odt_with_chart(tmp_path), tmp_path)
    assert result.path is not None, (result.error, result.findings)
    assert planted_in(result.path) == {}
    with zipfile.ZipFile(result.path) as archive:
        assert "Object 1/content.xml" in archive.namelist(), "the chart is still there"
        assert "ObjectReplacements" not in archive.read("content.xml").decode()
        assert "ObjectReplacements" not in archive.read("META-INF/manifest.xml").decode()


def test_the_recheck_looks_inside_nested_archives(tmp_path: Path) -> None:
    path = office_parts.docx_with_chart(tmp_path, OTHER)
    with path.open("rb") as f:
        findings = recheck(f, office_parts.DOCX, [OTHER])["findings"]
    assert any(OTHER in finding for finding in findings), findings


@pytest.mark.parametrize("hidden", [f"<!-- {OTHER} -->", f"<?editor {OTHER}?>", f"<w:t>{OTHER}</w:t>"])
def test_the_recheck_reads_xml_comments_and_instructions_too(hidden: str, tmp_path: Path) -> None:
    """The XML parser drops comments and processing instructions; the re-check still searches them."""
    path = office_parts.docx(
        tmp_path / "hidden.docx", parts={"word/footer1.xml": f'<w:ftr xmlns:w="{W}">{hidden}</w:ftr>'}
    )
    with path.open("rb") as f:
        findings = recheck(f, office_parts.DOCX, [OTHER])["findings"]
    assert any(OTHER in finding for finding in findings), findings


# --- F3: core properties found through the package relationships ---
def test_core_properties_at_another_part_name_are_emptied(
    share_vault: Vault, runner: SandboxRunner, tmp_path: Path
) -> None:
    original = office_parts.docx(
        tmp_path / "props.docx", core_at="props/core.xml", app_at="props/app.xml", company=CAMERA_MAKE
    )
    result = share(share_vault, runner, original, tmp_path)
    assert result.path is not None, (result.error, result.findings)
    assert planted_in(result.path) == {}
    assert_whole_package(result.path)


# --- F4: LibreOffice's printer settings ---
def test_an_opendocument_copy_has_no_printer_settings(
    share_vault: Vault, runner: SandboxRunner, tmp_path: Path
) -> None:
    result = share(share_vault, runner, office_parts.odt_with_printer(tmp_path), tmp_path)
    assert result.path is not None, (result.error, result.findings)
    assert planted_in(result.path) == {}
    with zipfile.ZipFile(result.path) as archive:
        settings = archive.read("settings.xml").decode()
    ElementTree.fromstring(settings)
    assert "Printer" not in settings and "PrintFaxName" not in settings
    assert "AddParaSpacingToTableCells" in settings, "other settings stay"


# --- F5: macros ---
def test_a_macro_enabled_word_file_becomes_a_macro_free_docx(
    share_vault: Vault, runner: SandboxRunner, tmp_path: Path
) -> None:
    result = share(share_vault, runner, office_parts.docm(tmp_path), tmp_path)
    assert result.path is not None and result.path.suffix == ".docx", (result.error, result.findings)
    assert planted_in(result.path) == {}
    assert_whole_package(result.path)
    with zipfile.ZipFile(result.path) as archive:
        names = archive.namelist()
        types = archive.read("[Content_Types].xml").decode()
        document_rels = archive.read("word/_rels/document.xml.rels").decode()
    assert not [n for n in names if "vba" in n.lower()], names
    assert "macroEnabled" not in types and "vbaProject" not in types
    assert "vbaProject" not in document_rels
    assert 'PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.' in types
    assert result.report is not None and any("macro" in r for r in result.report.removed), result.report


def test_opendocument_basic_macros_are_left_out(share_vault: Vault, runner: SandboxRunner, tmp_path: Path) -> None:
    result = share(share_vault, runner, office_parts.odt_with_basic(tmp_path), tmp_path)
    assert result.path is not None, (result.error, result.findings)
    with zipfile.ZipFile(result.path) as archive:
        assert not [n for n in archive.namelist() if n.startswith("Basic/")]
        assert "Basic/" not in archive.read("META-INF/manifest.xml").decode()
    assert planted_in(result.path) == {}


# --- F6: a needle that is also a word of the markup ---
@pytest.mark.parametrize(("company", "creator"), [("Microsoft", AUTHOR), ("Petrova Legal", "Office")])
def test_a_value_that_is_only_in_the_markup_does_not_refuse_the_copy(
    company: str, creator: str, share_vault: Vault, runner: SandboxRunner, tmp_path: Path
) -> None:
    original = office_parts.docx(tmp_path / f"{creator}.docx", company=company, creator=creator)
    result = share(share_vault, runner, original, tmp_path)
    assert result.path is not None, (result.error, result.findings)


@pytest.mark.parametrize(
    ("company", "creator", "body"),
    [("Microsoft", AUTHOR, f"{BODY}, Microsoft"), ("Petrova Legal", "Office", "Office of the prosecutor")],
)
def test_the_same_value_in_the_text_still_refuses_the_copy(
    company: str, creator: str, body: str, share_vault: Vault, runner: SandboxRunner, tmp_path: Path
) -> None:
    original = office_parts.docx(tmp_path / f"{creator}-text.docx", company=company, creator=creator, body=body)
    result = share(share_vault, runner, original, tmp_path)
    assert result.path is None
    needle = "Microsoft" if company == "Microsoft" else "Office"
    assert any(f"'{needle}'" in f for f in result.findings), result.findings


# --- the sanitiser alone, on packages too small to be worth a vault ---
def sanitised(data: bytes, media_type: str = office_parts.DOCX) -> tuple[dict[str, bytes], list[str]]:
    out = io.BytesIO()
    report = sanitise_office(io.BytesIO(data), media_type, out)
    with zipfile.ZipFile(out) as archive:
        return {n: archive.read(n) for n in archive.namelist()}, report.removed


@pytest.mark.parametrize("kind", sorted(office_parts.MACRO_ENABLED))
def test_a_macro_enabled_workbook_or_presentation_becomes_macro_free(kind: str) -> None:
    main, _, macro_free, _ = office_parts.MACRO_ENABLED[kind]
    media_type = {"xlsm": office_parts.XLSX, "pptm": office_parts.PPTX}[kind]
    parts, removed = sanitised(office_parts.macro_enabled(kind), media_type)
    assert not [n for n in parts if "vba" in n.lower()], list(parts)
    types = parts["[Content_Types].xml"].decode()
    assert f'PartName="/{main}" ContentType="{macro_free}"' in types and "macroEnabled" not in types
    assert "vbaProject" not in types and "vbaProject" not in b"".join(parts.values()).decode("utf-8", "replace")
    assert "macros (VBA project)" in removed


@pytest.mark.parametrize(
    ("picture", "called"),
    [
        (office_parts.heif(), r"The part word/media/image1\.png is a picture in HEIF/AVIF format"),
        (
            b"\xd7\xcd\xc6\x9a" + bytes(40),
            r"The picture word/media/image1\.png is damaged.*the metafile's header is damaged",
        ),
    ],
)
def test_a_heif_or_malformed_wmf_picture_refuses_the_copy(picture: bytes, called: str) -> None:
    data = office_parts.package("word/document.xml", office_parts.WORD_MAIN, "<w:document/>",
                                {"word/media/image1.png": picture})  # fmt: skip
    with pytest.raises(CopyRefused, match=called):
        sanitised(data)


def test_a_workbook_with_excel_4_macro_sheets_is_refused() -> None:
    data = office_parts.package("xl/workbook.xml", office_parts.MACRO_ENABLED["xlsm"][1], "<workbook/>",
                                {"xl/macrosheets/sheet1.xml": "<xm:macrosheet/>"})  # fmt: skip
    with pytest.raises(WorkbookMacroSheets, match=r"Excel 4 macro or dialog sheets \(xl/macrosheets\)"):
        sanitised(data, office_parts.XLSX)


def test_an_svg_picture_loses_its_metadata_and_keeps_its_drawing() -> None:
    data = office_parts.package("word/document.xml", office_parts.WORD_MAIN, "<w:document/>",
                                {"word/media/image1.bin": office_parts.SVG})  # fmt: skip
    parts, _ = sanitised(data)
    svg = parts["word/media/image1.bin"].decode()
    assert OTHER not in svg and "<metadata" not in svg and "docname" not in svg
    assert '<rect width="10" height="10" fill="red"/>' in svg
    ElementTree.fromstring(svg)


@pytest.mark.parametrize(
    ("main", "main_type", "media_type", "picture"),
    [
        ("xl/workbook.xml", office_parts.MACRO_ENABLED["xlsm"][2], office_parts.XLSX, "xl/media/image1.jpe"),
        ("ppt/presentation.xml", office_parts.MACRO_ENABLED["pptm"][2], office_parts.PPTX, "ppt/media/image1.tiff"),
    ],
)
def test_pictures_in_workbooks_and_presentations_are_cleaned_by_their_bytes(
    main: str, main_type: str, media_type: str, picture: str
) -> None:
    kind = "jpeg" if picture.endswith(".jpe") else "tiff"
    data = office_parts.package(main, main_type, "<root/>", {picture: office_parts.picture(kind)})
    parts, _ = sanitised(data, media_type)
    assert OTHER.encode() not in parts[picture] and CAMERA_MAKE.encode() not in parts[picture]
    with Image.open(io.BytesIO(parts[picture])) as image:
        assert image.size == (40, 30)
