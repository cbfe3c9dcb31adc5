"""Share copies of office files whose XML parts name the user's folders or other people (review 15b): Word's
mail-merge data source and document variables, field codes with local paths, relative links that climb folders,
XML comments, Excel's data connections. Files are written by hand (zipfile + XML) and sanitised for real."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from locker.share.office import sanitise_office
from locker.share.refusals import CopyRefused
from locker.share.sandbox_refusals import PictureInsideSvg
from tests.share import office_parts
from tests.share.office_parts import _CT, _HEAD, _R, _W, DOCX, ODT, PPTX, XLSX, _rels, _types

HIDDEN = "TatianaHiddenWitness"
FOLDER = rf"C:\Users\{HIDDEN}\Documents"
_MAIL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/mailMergeSource"


def copied(path: Path, media_type: str) -> dict[str, bytes]:
    out = io.BytesIO()
    with path.open("rb") as f:
        sanitise_office(f, media_type, out)
    with zipfile.ZipFile(out) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def hidden_in(parts: dict[str, bytes]) -> list[str]:
    return [name for name, data in parts.items() if HIDDEN.lower().encode() in data.lower()]


def test_mail_merge_source_and_document_variables_are_removed(tmp_path: Path) -> None:
    settings = (
        f"{_HEAD}<w:settings {_W}><w:zoom w:percent='100'/>"
        f'<w:mailMerge><w:mainDocumentType w:val="formLetters"/>'
        f'<w:connectString w:val="Provider=Microsoft.ACE.OLEDB.12.0;Data Source={FOLDER}\\clients.xlsx"/>'
        f'<w:query w:val="SELECT * FROM `{FOLDER}\\clients.xlsx`.`Sheet1$`"/>'
        f'<w:dataSource r:id="rIdM"/></w:mailMerge>'
        f'<w:docVars><w:docVar w:name="PreparedBy" w:val="{HIDDEN}"/></w:docVars></w:settings>'
    )
    path = office_parts.docx(
        tmp_path / "merge.docx",
        parts={
            "word/settings.xml": settings,
            "word/_rels/settings.xml.rels": _rels(("rIdM", _MAIL, f"file:///{FOLDER}\\clients.xlsx")),
        },
    )
    parts = copied(path, DOCX)
    assert hidden_in(parts) == []
    assert b"mailMerge" not in parts["word/settings.xml"]
    assert b"<w:zoom" in parts["word/settings.xml"]
    assert b"Relationship " not in parts["word/_rels/settings.xml.rels"]


def test_field_codes_keep_only_the_linked_files_name(tmp_path: Path) -> None:
    body = (
        f'<w:p><w:r><w:instrText xml:space="preserve"> INCLUDEPICTURE "{FOLDER}\\\\a.jpg" \\* MERGEFORMAT '
        "</w:instrText></w:r></w:p>"
        f'<w:p><w:fldSimple w:instr="INCLUDETEXT &quot;/home/{HIDDEN}/notes.docx&quot;"/></w:p>'
        f'<w:p><w:fldSimple w:instr=" LINK Excel.Sheet.12 &quot;..\\\\..\\\\{HIDDEN}\\\\b.xlsx&quot; "/></w:p>'
        '<w:p><w:fldSimple w:instr=" DATE \\@ &quot;dd/MM/yyyy&quot; "/></w:p>'
        '<w:p><w:fldSimple w:instr=" HYPERLINK &quot;https://example.org/a/b&quot; "/></w:p>'
    )
    document = f"{_HEAD}<w:document {_W}><w:body>{body}<!-- made by {HIDDEN} --></w:body></w:document>"
    path = office_parts.docx(tmp_path / "fields.docx", parts={"word/document.xml": document})
    parts = copied(path, DOCX)
    assert hidden_in(parts) == []
    text = parts["word/document.xml"]
    for kept in (b'"a.jpg" \\* MERGEFORMAT', b"&quot;notes.docx&quot;", b"&quot;b.xlsx&quot;"):
        assert kept in text
    assert b"&quot;dd/MM/yyyy&quot;" in text  # a date format is not a path
    assert b"&quot;https://example.org/a/b&quot;" in text


def test_a_relative_link_that_climbs_folders_keeps_only_the_file_name(tmp_path: Path) -> None:
    link = f"{_R}/hyperlink"
    path = office_parts.docx(
        tmp_path / "relative.docx",
        document_rels=(
            ("rIdL", link, f"../../{HIDDEN}/Documents/notes.docx"),
            ("rIdW", link, "https://example.org/x/y"),
        ),
    )
    with zipfile.ZipFile(path) as archive:  # mark both links external, as Word does
        data = archive.read("word/_rels/document.xml.rels")
    fixed = data.replace(b'Target="../', b'TargetMode="External" Target="../').replace(
        b'Target="https', b'TargetMode="External" Target="https'
    )
    rebuilt = tmp_path / "relative2.docx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(rebuilt, "w") as target:
        for name in source.namelist():
            target.writestr(name, fixed if name == "word/_rels/document.xml.rels" else source.read(name))
    parts = copied(rebuilt, DOCX)
    assert hidden_in(parts) == []
    assert b'Target="notes.docx"' in parts["word/_rels/document.xml.rels"]
    assert b'Target="https://example.org/x/y"' in parts["word/_rels/document.xml.rels"]


def test_excel_data_connections_keep_no_connection_string_or_folder(tmp_path: Path) -> None:
    connections = (
        f'{_HEAD}<connections xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<connection id="1" name="clients" type="5" odcFile="{FOLDER}\\My Data Sources\\clients.odc">'
        f'<dbPr connection="Provider=Microsoft.ACE.OLEDB.12.0;User ID={HIDDEN};Data Source={FOLDER}\\clients.xlsx" '
        f'command="SELECT * FROM `{FOLDER}\\clients.xlsx`"/></connection>'
        f"<connection id='2' name='text'><textPr sourceFile='{FOLDER}\\list.csv'/></connection></connections>"
    )
    path = tmp_path / "connection.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            _types({"xl/workbook.xml": f"{_CT}.spreadsheetml.sheet.main+xml",
                    "xl/connections.xml": f"{_CT}.spreadsheetml.connections+xml"}),
        )  # fmt: skip
        archive.writestr("_rels/.rels", _rels(("rId1", f"{_R}/officeDocument", "xl/workbook.xml")))
        archive.writestr(
            "xl/workbook.xml",
            f'{_HEAD}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>',
        )
        archive.writestr("xl/_rels/workbook.xml.rels", _rels(("rId9", f"{_R}/connections", "connections.xml")))
        archive.writestr("xl/connections.xml", connections)
    parts = copied(path, XLSX)
    assert hidden_in(parts) == []
    text = parts["xl/connections.xml"]
    assert b'odcFile="clients.odc"' in text
    assert b"sourceFile='list.csv'" in text


# --- N4: names in modern PowerPoint comment authors and shared-workbook users, however the XML is written ---
_P188 = "http://schemas.microsoft.com/office/powerpoint/2018/8/main"
_PPT_MAIN = f"{_CT}.presentationml.presentation.main+xml"
_AUTHORS = {
    "single quotes": f"<p188:author id='{{1}}' name='{HIDDEN}' initials='TH' userId='t@example.org' providerId='AD'/>",
    "spaces around =": f'<p188:author id="{{1}}" name = "{HIDDEN}" initials = "TH" userId = "t@example.org"/>',
}


def _presentation(tmp_path: Path, authors: bytes) -> Path:
    path = tmp_path / "authors.pptx"
    body = '<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>'
    path.write_bytes(office_parts.package("ppt/presentation.xml", _PPT_MAIN, body, {"ppt/authors.xml": authors}))
    return path


@pytest.mark.parametrize("variant", [*_AUTHORS, "UTF-16"])
def test_modern_comment_authors_are_emptied_whatever_the_quoting_or_encoding(variant: str, tmp_path: Path) -> None:
    author = _AUTHORS.get(variant, _AUTHORS["spaces around ="])
    xml = f'<?xml version="1.0" encoding="UTF-16"?><p188:authorLst xmlns:p188="{_P188}">{author}</p188:authorLst>'
    data = ("\ufeff" + xml).encode("utf-16-le") if variant == "UTF-16" else xml.replace("UTF-16", "UTF-8").encode()
    parts = copied(_presentation(tmp_path, data), PPTX)
    assert hidden_in(parts) == [] and b"t@example.org" not in parts["ppt/authors.xml"]
    assert b"initials" in parts["ppt/authors.xml"]  # required attributes stay, empty
    if variant == "UTF-16":
        assert parts["ppt/authors.xml"].startswith(b'<?xml version="1.0" encoding="UTF-8"?>')


def test_shared_workbook_user_names_are_emptied(tmp_path: Path) -> None:
    users = (
        f'{_HEAD}<users xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1">'
        f"<userInfo guid='{{6F2B1C44-1111-2222-3333-444455556666}}' name='{HIDDEN}' id='1' "
        "dateTime='2026-11-30T10:00:00'/></users>"
    )
    body = '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>'
    path = tmp_path / "users.xlsx"
    path.write_bytes(
        office_parts.package(
            "xl/workbook.xml", f"{_CT}.spreadsheetml.sheet.main+xml", body, {"xl/revisions/userNames.xml": users}
        )
    )
    parts = copied(path, XLSX)
    text = parts["xl/revisions/userNames.xml"]
    assert hidden_in(parts) == [] and b"6F2B1C44" not in text and b"2026-11-30" not in text


# --- N6: OpenDocument links to local files, and printer settings however they are quoted ---
def test_opendocument_local_links_keep_only_the_file_name(tmp_path: Path) -> None:
    frames = (
        f'<text:p><text:a xlink:type="simple" xlink:href="file:///home/{HIDDEN}/Documents/notes.odt">a</text:a>'
        f"<text:a xlink:type='simple' xlink:href='../../{HIDDEN}/Documents/other.odt'>b</text:a>"
        '<text:a xlink:type="simple" xlink:href="https://example.org/a/b">c</text:a>'
        '<text:a xlink:type="simple" xlink:href="#Chapter 2">d</text:a></text:p>'
        f'<text:section text:name="S1"><text:section-source xlink:href="file:///C:/Users/{HIDDEN}/part.odt"/>'
        "</text:section>"
    )
    parts = copied(office_parts.odt(tmp_path, "links.odt", {}, frames), ODT)
    assert hidden_in(parts) == []
    text = parts["content.xml"]
    for kept in (b"../notes.odt", b"../other.odt", b"../part.odt", b"https://example.org/a/b", b"#Chapter 2"):
        assert b'xlink:href="' + kept + b'"' in text


def test_opendocument_printer_settings_in_single_quotes_are_removed(tmp_path: Path) -> None:
    settings = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-settings '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0"><office:settings>'
        "<config:config-item-set config:name='ooo:configuration-settings'>"
        f"<config:config-item config:type='string' config:name='PrinterName'>{HIDDEN} LaserJet</config:config-item>"
        "<config:config-item config:name = 'AddParaSpacingToTableCells' config:type='boolean'>true"
        "</config:config-item></config:config-item-set></office:settings></office:document-settings>"
    )
    parts = copied(office_parts.odt(tmp_path, "printer.odt", {"settings.xml": settings}), ODT)
    assert hidden_in(parts) == [] and b"AddParaSpacingToTableCells" in parts["settings.xml"]


# --- N2: pictures in formats without a cleaner, and unknown parts in media folders, refuse the copy ---
def _ico() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (16, 16), "red").save(out, "ICO")
    return out.getvalue()


@pytest.mark.parametrize(
    ("part", "data"),
    [
        ("word/media/image1.ico", _ico()),
        ("word/media/image1.jp2", b"\x00\x00\x00\x0cjP  \r\n\x87\n" + bytes(32)),
        ("word/media/hdphoto1.wdp", b"II\xbc\x01" + bytes(32) + HIDDEN.encode()),
        ("word/media/sound1.xyz", b"unknown format " + HIDDEN.encode()),
        ("word/other/image2.ico", _ico()),  # known by its bytes, outside a media folder
    ],
)
def test_a_picture_without_a_cleaner_refuses_the_copy(part: str, data: bytes, tmp_path: Path) -> None:
    path = office_parts.docx(tmp_path / "picture.docx", parts={part: data})
    with pytest.raises(CopyRefused) as refused:
        copied(path, DOCX)
    assert refused.value.params["part"] == part


# --- N5: custom XML found by its relationship, not its folder ---
def test_custom_xml_in_another_folder_is_left_out(tmp_path: Path) -> None:
    item = f'{_HEAD}<root xmlns="urn:x-case"><witness>{HIDDEN}</witness></root>'
    props = f'{_HEAD}<ds:datastoreItem xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"/>'
    path = office_parts.docx(
        tmp_path / "custom.docx",
        parts={
            "word/data/item1.xml": item,
            "word/data/itemProps1.xml": props,
            "word/data/_rels/item1.xml.rels": _rels(("rId1", f"{_R}/customXmlProps", "itemProps1.xml")),
        },
        document_rels=(("rIdC", f"{_R}/customXml", "data/item1.xml"),),
    )
    parts = copied(path, DOCX)
    assert hidden_in(parts) == []
    assert not any(name.startswith("word/data/") for name in parts)
    assert b"data/item1.xml" not in parts["word/_rels/document.xml.rels"]


# --- N7: SVG metadata wherever the root starts, and pictures embedded in an SVG ---
_SVG_NS = 'xmlns="http://www.w3.org/2000/svg" xmlns:dc="http://purl.org/dc/elements/1.1/"'


def test_svg_metadata_after_a_long_prolog_is_removed(tmp_path: Path) -> None:
    svg = (
        f'<?xml version="1.0"?><?xml-stylesheet href="{"x" * 4000}.css"?><svg {_SVG_NS} width="10" height="10">'
        f'<metadata><dc:creator>{HIDDEN}</dc:creator></metadata><rect width="5" height="5"/></svg>'
    )
    parts = copied(office_parts.docx(tmp_path / "svg.docx", parts={"word/media/image1.svg": svg}), DOCX)
    assert hidden_in(parts) == [] and b"<rect" in parts["word/media/image1.svg"]


def test_an_svg_with_an_embedded_picture_refuses_the_copy(tmp_path: Path) -> None:
    svg = f'<svg {_SVG_NS} width="10" height="10"><image href="data:image/jpeg;base64,/9j/4AAQSkZJRg=="/></svg>'
    path = office_parts.docx(tmp_path / "svg.docx", parts={"word/media/image1.svg": svg})
    with pytest.raises(PictureInsideSvg, match="SVG picture with another picture inside"):
        copied(path, DOCX)
