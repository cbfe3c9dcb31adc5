"""What the document readers record: authors, titles and times of office files, e-books, RTF and e-mail; plain
text's shape. Readers are called directly on files made at test time (the sandbox is tested elsewhere)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from locker import formats
from locker.metadata.readers.base import ReaderResult
from locker.metadata.readers.registry import reader_for
from locker.metadata.recognise import recognise
from tests.metadata import samples
from tests.share import office_parts


def _read(path: Path, media_type: str) -> ReaderResult:
    found = reader_for(media_type)
    assert found is not None
    with path.open("rb") as f:
        return found[1](f, media_type)


@pytest.mark.parametrize("extension", ["docx", "xlsx", "pptx"])
def test_office_open_xml_authors_and_comment_authors(extension: str, tmp_path: Path) -> None:
    media_type = {"docx": formats.DOCX, "xlsx": formats.XLSX, "pptx": formats.PPTX}[extension]
    result = _read(samples.ooxml(tmp_path, extension), media_type)
    assert result.summary["author"] == samples.AUTHOR
    office = result.raw["office"]
    assert office["last_modified_by"] == "Second Editor" and office["created"].startswith("2024-02-29T23:58:41")
    others = {"docx": "Tracked Changer", "xlsx": "Comment Writer", "pptx": "Comment Writer"}[extension]
    assert office["comment_and_change_authors"] == [others]


def test_office_open_xml_properties_are_found_through_the_package_relationships(tmp_path: Path) -> None:
    """OPC finds the core and application properties by `_rels/.rels`, not by a fixed part name."""
    path = office_parts.docx(
        tmp_path / "props.docx", core_at="props/core.xml", app_at="props/app.xml", company="Petrova Legal"
    )
    result = _read(path, formats.DOCX)
    assert result.summary["author"] == office_parts.AUTHOR
    assert result.raw["office"]["company"] == "Petrova Legal"


@pytest.mark.parametrize(("kind", "media_type"), [("xlsm", formats.XLSX), ("pptm", formats.PPTX)])
def test_macro_enabled_workbooks_and_presentations_are_read_as_xlsx_and_pptx(kind: str, media_type: str) -> None:
    """docs/FORMATS.md says so (the .docm case goes through import in tests/share/test_office_hidden_parts.py)."""
    assert recognise(io.BytesIO(office_parts.macro_enabled(kind)))[0] == media_type


def test_an_outlook_msg_is_not_claimed_as_an_email() -> None:
    """An Outlook .msg is an OLE compound file, not RFC 822 text: no row of the table offers the extension."""
    assert not [f.media_type for f in formats.FORMATS if "msg" in f.extensions]


@pytest.mark.parametrize("extension", ["odt", "ods", "odp"])
def test_opendocument_creator(extension: str, tmp_path: Path) -> None:
    media_type = {"odt": formats.ODT, "ods": formats.ODS, "odp": formats.ODP}[extension]
    result = _read(samples.odf(tmp_path, extension, media_type), media_type)
    assert result.summary["author"] == samples.AUTHOR
    assert result.raw["office"]["created"] == "2024-02-29T23:58:41"


def test_epub_creator_and_title(tmp_path: Path) -> None:
    result = _read(samples.epub(tmp_path), "application/epub+zip")
    assert (result.summary["author"], result.summary["title"]) == (samples.AUTHOR, "Хроника")


def test_rtf_info_group(tmp_path: Path) -> None:
    result = _read(samples.rtf(tmp_path), "application/rtf")
    assert (result.summary["author"], result.summary["title"]) == (samples.AUTHOR, "Appeal")
    assert result.raw["rtf_info"]["creatim"] == "2024-02-29T23:58:00"


def test_rtf_escapes_are_decoded(tmp_path: Path) -> None:
    path = tmp_path / "letter.rtf"
    path.write_bytes(b"{\\rtf1{\\info{\\author Ren\\'e9 \\u1040?\\u1085?\\u1085?\\u1072?}}}")
    assert _read(path, "application/rtf").summary["author"] == "René Анна"


def test_email_headers_sender_subject_and_date(tmp_path: Path) -> None:
    result = _read(samples.eml(tmp_path), "message/rfc822")
    assert result.summary["author"] == "Анастасия <lawyer@example.org>"  # RFC 2047 decoded
    assert result.summary["title"] == "Court date"
    assert result.summary["capture_time"] == "2024-02-29T23:58:41+03:00"
    assert result.summary["software"] == "Planted Mailer 1.0"
    assert ["Received", "from mx.example.org by mail.example.net"] in result.raw["headers"]


def test_email_body_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "m.eml"
    path.write_bytes(b"From: a@example.org\nTo: b@example.org\nSubject: s\n\nFrom: body@example.org\n")
    result = _read(path, "message/rfc822")
    assert [h[0] for h in result.raw["headers"]] == ["From", "To", "Subject"]


def test_plain_text_shape(tmp_path: Path) -> None:
    result = _read(samples.text(tmp_path), "text/plain")
    assert result.raw["text"] == {"bytes_read": len(samples.text(tmp_path).read_bytes()), "line_breaks": 2,
                                  "utf8": True}  # fmt: skip
    assert result.summary == {}
    latin1 = tmp_path / "old.txt"
    latin1.write_bytes("café\n".encode("latin-1"))
    assert _read(latin1, "text/plain").raw["text"]["utf8"] is False


def test_modern_powerpoint_comment_authors_and_shared_workbook_users_are_recorded(tmp_path: Path) -> None:
    """The share re-check searches the copy for these names, so the reader must record them."""
    authors = (
        '<p188:authorLst xmlns:p188="http://schemas.microsoft.com/office/powerpoint/2018/8/main">'
        "<p188:author id='{1}' name='Modern Commenter' initials='MC' userId='mc@example.org'/></p188:authorLst>"
    )
    pptx = tmp_path / "a.pptx"
    pptx.write_bytes(
        office_parts.package(
            "ppt/presentation.xml",
            office_parts.PPTX + ".main+xml",
            '<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>',
            {"ppt/authors.xml": authors},
        )
    )
    assert _read(pptx, formats.PPTX).raw["office"]["comment_and_change_authors"] == [
        "Modern Commenter",
        "mc@example.org",
    ]
    users = (
        '<users xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1">'
        "<userInfo guid='{6F2B1C44-1111-2222-3333-444455556666}' name='Shared User' id='1'/></users>"
    )
    xlsx = tmp_path / "a.xlsx"
    xlsx.write_bytes(
        office_parts.package(
            "xl/workbook.xml",
            office_parts.XLSX + ".main+xml",
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>',
            {"xl/revisions/userNames.xml": users},
        )
    )
    assert _read(xlsx, formats.XLSX).raw["office"]["comment_and_change_authors"] == ["Shared User"]
