"""Word, Excel and PowerPoint files written by hand (zipfile + XML), carrying everything that identifies their
author in the places Office puts it: document and custom properties, comments and their authors, tracked changes
(Word revisions, Excel's shared-workbook revision log), threaded and modern comments with their person lists, a
picture with EXIF and GPS, a thumbnail, the printer settings (a DEVMODE naming the printer), the template's path
and the folder the file was saved in."""

from __future__ import annotations

import zipfile
from pathlib import Path

from tests.share import planted
from tests.share.planted import ARTIST, COMMENT, MAKE, SOFTWARE, Planted, _jpeg_with_gps_bytes

USER_FOLDER = "akuznetsova-home"  # the Windows user name, in paths
EMAIL = "a.kuznetsova@example.org"
PRINTER = "Kuznetsova Office LaserJet"
TEMPLATE = rf"C:\Users\{USER_FOLDER}\AppData\Roaming\Microsoft\Templates\Court letters.dotm"
DOCUMENT_GUID = "6F3A1C22-9B7E-4D51-A0C2-5E8B1D4F7A93"
WHEN = "2024-02-29T23:58:41"
USER_GUID = "0D7C9E41-5A2B-4C3D-8E6F-112233445566"  # Excel's id for a user of a shared workbook
REVISION_GUID = "{9A8B7C6D-1111-2222-3333-444455556666}"  # one revision of the log: random, structural
RSID = "00AB12CD"  # Word's editing-session id: the same on every document edited in that session
INITIALS = "AK-initials"
# Planted in every file (properties, custom properties, the picture's EXIF, the template path, the printer).
VALUES = (ARTIST, COMMENT, MAKE, SOFTWARE, planted.MODEL, planted.SERIAL, USER_FOLDER, PRINTER, WHEN)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

_CT = "application/vnd.openxmlformats-officedocument"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def _rels(*relationships: tuple[str, str, str] | tuple[str, str, str, str]) -> str:
    items = []
    for rel in relationships:
        rid, kind, target = rel[:3]
        mode = f' TargetMode="{rel[3]}"' if len(rel) == 4 else ""
        items.append(f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"{mode}/>')
    return f'{_HEAD}<Relationships xmlns="{_PKG}">{"".join(items)}</Relationships>'


def _content_types(overrides: dict[str, str]) -> str:
    parts = "".join(f'<Override PartName="/{name}" ContentType="{kind}"/>' for name, kind in overrides.items())
    return (
        f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/><Default Extension="jpeg" ContentType="image/jpeg"/>'
        f'<Default Extension="bin" ContentType="{_CT}.spreadsheetml.printerSettings"/>{parts}</Types>'
    )


def _devmode() -> bytes:
    """The start of a Windows DEVMODEW: the printer's name in UTF-16, then the settings."""
    name = PRINTER.encode("utf-16-le").ljust(64, b"\x00")
    return name + bytes.fromhex("01040104dc00") + bytes(214)


_CORE = (
    f'{_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    f"<dc:creator>{ARTIST}</dc:creator><cp:lastModifiedBy>{ARTIST}</cp:lastModifiedBy>"
    f'<dcterms:created xsi:type="dcterms:W3CDTF">{WHEN}Z</dcterms:created></cp:coreProperties>'
)
_APP = (
    f'{_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    f"<Template>{TEMPLATE}</Template><Application>{SOFTWARE}</Application><Company>{MAKE} Legal Dept</Company>"
    "</Properties>"
)
_CUSTOM = (
    f'{_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Case officer">'
    f"<vt:lpwstr>{COMMENT}</vt:lpwstr></property></Properties>"
)


def _common(main: str, main_type: str, printer_folder: str) -> tuple[dict[str, str | bytes], dict[str, str]]:
    """Parts every Office file has (properties, thumbnail, custom XML), and their content types."""
    parts: dict[str, str | bytes] = {
        "_rels/.rels": _rels(
            ("rId1", f"{_R}/officeDocument", main),
            ("rId2", f"{_PKG}/metadata/core-properties", "docProps/core.xml"),
            ("rId3", f"{_R}/extended-properties", "docProps/app.xml"),
            ("rId4", f"{_R}/custom-properties", "docProps/custom.xml"),
            ("rId5", f"{_PKG}/metadata/thumbnail", "docProps/thumbnail.jpeg"),
        ),
        "docProps/core.xml": _CORE,
        "docProps/app.xml": _APP,
        "docProps/custom.xml": _CUSTOM,
        "docProps/thumbnail.jpeg": _jpeg_with_gps_bytes(),
        "customXml/item1.xml": f"<case><clerk>{ARTIST}</clerk></case>",
        f"{printer_folder}/printerSettings/printerSettings1.bin": _devmode(),
    }
    types = {
        main: main_type,
        "docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
        "docProps/app.xml": f"{_CT}.extended-properties+xml",
        "docProps/custom.xml": f"{_CT}.custom-properties+xml",
    }
    return parts, types


def _write(path: Path, parts: dict[str, str | bytes], types: dict[str, str]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _content_types(types))
        for name, data in parts.items():
            archive.writestr(name, data.encode("utf-8") if isinstance(data, str) else data)


_X = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_XR = (
    f'xmlns:r="{_R}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:x15ac="http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac" '
    'xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" '
    'xmlns:xr6="http://schemas.microsoft.com/office/spreadsheetml/2016/revision6" '
    'xmlns:xr10="http://schemas.microsoft.com/office/spreadsheetml/2016/revision10"'
)


def xlsx(tmp: Path, cell_text: str = "Протокол задержания") -> Planted:
    path = tmp / "expenses.xlsx"
    parts, types = _common("xl/workbook.xml", f"{_CT}.spreadsheetml.sheet.main+xml", "xl")
    guid = "{" + DOCUMENT_GUID + "}"
    parts |= {
        "xl/workbook.xml": (
            f'{_HEAD}<workbook {_X} {_XR} mc:Ignorable="x15ac xr xr6 xr10">'
            f'<fileVersion appName="xl" lastEdited="7"/><fileSharing userName="{ARTIST}"/>'
            '<mc:AlternateContent><mc:Choice Requires="x15">'
            f'<x15ac:absPath url="C:\\Users\\{USER_FOLDER}\\Documents\\"/></mc:Choice></mc:AlternateContent>'
            f'<xr:revisionPtr revIDLastSave="0" documentId="8_{guid}" '
            f'xr6:coauthVersionLast="47" xr10:uidLastSave="{guid}"/>'
            '<sheets><sheet name="Costs" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": _rels(
            ("rId1", f"{_R}/worksheet", "worksheets/sheet1.xml"),
            ("rId2", "http://schemas.microsoft.com/office/2017/10/relationships/person", "persons/person.xml"),
            ("rId3", f"{_R}/revisionHeaders", "revisions/revisionHeaders.xml"),
            ("rId4", f"{_R}/usernames", "revisions/userNames.xml"),
        ),
        "xl/worksheets/sheet1.xml": (
            f'{_HEAD}<worksheet {_X} {_XR} xr:uid="{guid}"><sheetData><row r="1"><c r="A1" t="inlineStr">'
            f'<is><t>{cell_text}</t></is></c></row></sheetData><pageSetup paperSize="9" r:id="rId1"/>'
            '<drawing r:id="rId4"/><legacyDrawing r:id="rId5"/></worksheet>'
        ),
        "xl/worksheets/_rels/sheet1.xml.rels": _rels(
            ("rId1", f"{_R}/printerSettings", "../printerSettings/printerSettings1.bin"),
            ("rId2", f"{_R}/comments", "../comments1.xml"),
            (
                "rId3",
                "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment",
                "../threadedComments/threadedComment1.xml",
            ),
            ("rId4", f"{_R}/drawing", "../drawings/drawing1.xml"),
            ("rId5", f"{_R}/hyperlink", f"file:///C:\\Users\\{USER_FOLDER}\\Desktop\\receipts.pdf", "External"),
        ),
        "xl/comments1.xml": (
            f"{_HEAD}<comments {_X}><authors><author>tc={{1}}</author><author>{ARTIST}</author></authors>"
            '<commentList><comment ref="A1" authorId="1"><text><r><t>check the total</t></r></text></comment>'
            "</commentList></comments>"
        ),
        "xl/threadedComments/threadedComment1.xml": (
            f'{_HEAD}<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments">'
            f'<threadedComment ref="A1" dT="{WHEN}.00" personId="{{11111111-2222-3333-4444-555555555555}}" '
            'id="{AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE}"><text>see receipt</text></threadedComment></ThreadedComments>'
        ),
        "xl/persons/person.xml": (
            f'{_HEAD}<personList xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments">'
            f'<person displayName="{ARTIST}" id="{{11111111-2222-3333-4444-555555555555}}" userId="{EMAIL}" '
            'providerId="AD"/></personList>'
        ),
        "xl/revisions/revisionHeaders.xml": (
            f'{_HEAD}<headers {_X} {_XR} guid="{REVISION_GUID}"><header guid="{REVISION_GUID}" dateTime="{WHEN}" '
            f'maxSheetId="2" userName="{ARTIST}" r:id="rId1"><sheetIdMap count="1"><sheetId val="1"/></sheetIdMap>'
            "</header></headers>"
        ),
        "xl/revisions/_rels/revisionHeaders.xml.rels": _rels(("rId1", f"{_R}/revisionLog", "revisionLog1.xml")),
        "xl/revisions/revisionLog1.xml": (
            f'{_HEAD}<revisions {_X} {_XR}><rcc rId="1" sId="1"><nc r="A1" t="inlineStr"><is><t>{cell_text}</t></is>'
            "</nc></rcc></revisions>"
        ),
        "xl/revisions/userNames.xml": (
            f'{_HEAD}<users {_X} count="1"><userInfo guid="{{{USER_GUID}}}" name="{ARTIST}" id="1" '
            f'dateTime="{WHEN}"/></users>'
        ),
        "xl/drawings/drawing1.xml": (
            '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
            f'xmlns:r="{_R}"><xdr:pic><xdr:blipFill><a:blip xmlns:a="http://schemas.openxmlformats.org/drawingml/'
            '2006/main" r:embed="rId1"/></xdr:blipFill></xdr:pic></xdr:wsDr>'
        ),
        "xl/drawings/_rels/drawing1.xml.rels": _rels(("rId1", f"{_R}/image", "../media/image1.jpeg")),
        "xl/media/image1.jpeg": _jpeg_with_gps_bytes(),
    }
    types |= {
        "xl/worksheets/sheet1.xml": f"{_CT}.spreadsheetml.worksheet+xml",
        "xl/comments1.xml": f"{_CT}.spreadsheetml.comments+xml",
        "xl/revisions/userNames.xml": f"{_CT}.spreadsheetml.userNames+xml",
    }
    _write(path, parts, types)
    return Planted(path, XLSX, (*VALUES, EMAIL, DOCUMENT_GUID, USER_GUID))


_P = (
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    f'xmlns:r="{_R}" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
)
_P188 = 'xmlns:p188="http://schemas.microsoft.com/office/powerpoint/2018/8/main"'


def pptx(tmp: Path, slide_text: str = "Протокол задержания") -> Planted:
    path = tmp / "hearing.pptx"
    parts, types = _common("ppt/presentation.xml", f"{_CT}.presentationml.presentation.main+xml", "ppt")
    parts |= {
        "ppt/presentation.xml": (
            f'{_HEAD}<p:presentation {_P}><p:sldIdLst><p:sldId id="256" r:id="rId1"/></p:sldIdLst>'
            '<p:sldSz cx="9144000" cy="6858000"/><p:notesSz cx="6858000" cy="9144000"/></p:presentation>'
        ),
        "ppt/_rels/presentation.xml.rels": _rels(
            ("rId1", f"{_R}/slide", "slides/slide1.xml"),
            ("rId2", f"{_R}/commentAuthors", "commentAuthors.xml"),
            ("rId3", "http://schemas.microsoft.com/office/2018/10/relationships/authors", "authors.xml"),
            ("rId4", f"{_R}/printerSettings", "printerSettings/printerSettings1.bin"),
        ),
        "ppt/slides/slide1.xml": (
            f"{_HEAD}<p:sld {_P}><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>{slide_text}</a:t></a:r></a:p>"
            '</p:txBody></p:sp><p:pic><p:blipFill><a:blip r:embed="rId2"/></p:blipFill></p:pic></p:spTree>'
            "</p:cSld></p:sld>"
        ),
        "ppt/slides/_rels/slide1.xml.rels": _rels(
            ("rId1", f"{_R}/comments", "../comments/comment1.xml"),
            ("rId2", f"{_R}/image", "../media/image1.jpeg"),
            (
                "rId3",
                "http://schemas.microsoft.com/office/2018/10/relationships/comments",
                "../comments/modernComment_100_1.xml",
            ),
        ),
        "ppt/comments/comment1.xml": (
            f'{_HEAD}<p:cmLst {_P}><p:cm authorId="0" dt="{WHEN}.000" idx="1"><p:pos x="10" y="10"/>'
            "<p:text>too long</p:text></p:cm></p:cmLst>"
        ),
        "ppt/commentAuthors.xml": (
            f'{_HEAD}<p:cmAuthorLst {_P}><p:cmAuthor id="0" name="{ARTIST}" initials="{INITIALS}" lastIdx="1" '
            'clrIdx="0"/></p:cmAuthorLst>'
        ),
        "ppt/authors.xml": (
            f'{_HEAD}<p188:authorLst {_P} {_P188}><p188:author id="{{11111111-2222-3333-4444-555555555555}}" '
            f'name="{ARTIST}" initials="{INITIALS}" userId="{EMAIL}" providerId="AD"/></p188:authorLst>'
        ),
        "ppt/comments/modernComment_100_1.xml": (
            f'{_HEAD}<p188:cmLst {_P} {_P188}><p188:cm id="{{AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE}}" '
            f'authorId="{{11111111-2222-3333-4444-555555555555}}" created="{WHEN}.000"><p188:txBody><a:bodyPr/>'
            "<a:p><a:r><a:t>cut this</a:t></a:r></a:p></p188:txBody></p188:cm></p188:cmLst>"
        ),
        "ppt/media/image1.jpeg": _jpeg_with_gps_bytes(),
    }
    types |= {
        "ppt/slides/slide1.xml": f"{_CT}.presentationml.slide+xml",
        "ppt/comments/comment1.xml": f"{_CT}.presentationml.comments+xml",
        "ppt/commentAuthors.xml": f"{_CT}.presentationml.commentAuthors+xml",
    }
    _write(path, parts, types)
    return Planted(path, PPTX, (*VALUES, EMAIL, INITIALS))


_W = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    f'xmlns:r="{_R}" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'
)


def docx(tmp: Path, body_text: str = "Протокол задержания") -> Planted:
    """Word's version of the same: tracked changes, comments, people, template and printer."""
    path = tmp / "statement.docx"
    parts, types = _common("word/document.xml", f"{_CT}.wordprocessingml.document.main+xml", "word")
    parts |= {
        "word/document.xml": (
            f'{_HEAD}<w:document {_W}><w:body><w:p w:rsidR="{RSID}" w14:paraId="1A2B3C4D"><w:ins w:id="1" '
            f'w:author="{ARTIST}" w:date="{WHEN}Z"><w:r><w:t>{body_text}</w:t></w:r></w:ins></w:p>'
            '<w:p><w:r><w:drawing><a:blip xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
            'r:embed="rId3"/></w:drawing></w:r></w:p></w:body></w:document>'
        ),
        "word/_rels/document.xml.rels": _rels(
            ("rId1", f"{_R}/comments", "comments.xml"),
            ("rId2", "http://schemas.microsoft.com/office/2011/relationships/people", "people.xml"),
            ("rId3", f"{_R}/image", "media/image1.jpeg"),
            ("rId4", f"{_R}/settings", "settings.xml"),
            ("rId5", f"{_R}/printerSettings", "printerSettings/printerSettings1.bin"),
        ),
        "word/comments.xml": (
            f'{_HEAD}<w:comments {_W}><w:comment w:id="0" w:author="{ARTIST}" w:initials="{INITIALS}" '
            f'w:date="{WHEN}Z"><w:p><w:r><w:t>check</w:t></w:r></w:p></w:comment></w:comments>'
        ),
        "word/people.xml": (
            f'{_HEAD}<w15:people xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"><w15:person '
            f'w15:author="{ARTIST}"><w15:presenceInfo w15:providerId="AD" w15:userId="{EMAIL}"/></w15:person>'
            "</w15:people>"
        ),
        "word/settings.xml": (
            f'{_HEAD}<w:settings {_W} xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml">'
            f'<w:attachedTemplate r:id="rId1"/><w:rsids><w:rsidRoot w:val="{RSID}"/><w:rsid w:val="{RSID}"/>'
            f'</w:rsids><w14:docId w14:val="5E8B1D4F"/><w15:docId w15:val="{{{DOCUMENT_GUID}}}"/></w:settings>'
        ),
        "word/_rels/settings.xml.rels": _rels(
            ("rId1", f"{_R}/attachedTemplate", "file:///" + TEMPLATE.replace("\\", "/"), "External")
        ),
        "word/media/image1.jpeg": _jpeg_with_gps_bytes(),
    }
    types |= {
        "word/comments.xml": f"{_CT}.wordprocessingml.comments+xml",
        "word/people.xml": f"{_CT}.wordprocessingml.people+xml",
        "word/settings.xml": f"{_CT}.wordprocessingml.settings+xml",
    }
    _write(path, parts, types)
    return Planted(path, DOCX, (*VALUES, EMAIL, INITIALS, DOCUMENT_GUID, RSID, "5E8B1D4F", "1A2B3C4D"))


ALL = {"docx": docx, "xlsx": xlsx, "pptx": pptx}
