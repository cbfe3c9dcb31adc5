"""Small Word and Writer files written by hand (zipfile + XML) with identifying values in the less common places
Office and LibreOffice put them: pictures in formats other than JPEG and PNG (whatever their names), a chart's
embedded workbook, an OLE object, an ODF sub-document, core properties at a part name other than
docProps/core.xml, LibreOffice's printer settings, macros; and values that are also words of the XML's own markup
("Microsoft", "Office")."""

from __future__ import annotations

import io
import posixpath
import struct
import zipfile
from pathlib import Path

from PIL import Image

AUTHOR = "Olga Vasilievna Petrova"
OTHER = "Ivan Sergeevich Kuznetsov"  # a second person: a picture's photographer, an embedded workbook's author
CAMERA_MAKE = "Kuznetsov Camera Works"
CAMERA_MODEL = "KZ-9000 Field"
PRINTER = "Petrova Home Office LaserJet"
MACRO_FOLDER = r"C:\Users\opetrova-home\Documents\Macros"
BODY = "Court letter about the detention"

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_CT = "application/vnd.openxmlformats-officedocument"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_W = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    f'xmlns:r="{_R}" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="w14"'
)


# Font names are markup too: Word names them in every run.
_FONTS = '<w:rFonts w:ascii="Microsoft Sans Serif" w:hAnsi="Microsoft Sans Serif" w:cs="Microsoft Sans Serif"/>'


def _rels(*relationships: tuple[str, str, str]) -> str:
    items = "".join(f'<Relationship Id="{i}" Type="{t}" Target="{target}"/>' for i, t, target in relationships)
    return f'{_HEAD}<Relationships xmlns="{_PKG}">{items}</Relationships>'


def _types(overrides: dict[str, str], defaults: dict[str, str] | None = None) -> str:
    found = {"rels": "application/vnd.openxmlformats-package.relationships+xml", "xml": "application/xml"}
    found |= defaults or {}
    default = "".join(f'<Default Extension="{e}" ContentType="{t}"/>' for e, t in found.items())
    override = "".join(f'<Override PartName="/{n}" ContentType="{t}"/>' for n, t in overrides.items())
    return f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">{default}{override}</Types>'


def core(creator: str) -> str:
    return (
        f'{_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-'
        'properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">'
        f"<dc:creator>{creator}</dc:creator><cp:lastModifiedBy>{creator}</cp:lastModifiedBy></cp:coreProperties>"
    )


def app(company: str) -> str:
    return (
        f'{_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<Application>Microsoft Office Word</Application><Company>{company}</Company></Properties>"
    )


def docx(
    path: Path,
    *,
    creator: str = AUTHOR,
    company: str = "Petrova Legal",
    body: str = BODY,
    core_at: str = "docProps/core.xml",
    app_at: str = "docProps/app.xml",
    parts: dict[str, bytes | str] | None = None,
    document_rels: tuple[tuple[str, str, str], ...] = (),
    types: dict[str, str] | None = None,
    defaults: dict[str, str] | None = None,
    main_type: str = f"{_CT}.wordprocessingml.document.main+xml",
    drawing: str = "",
) -> Path:
    """A Word file as Word writes it: every part declares Word's namespaces, properties found by `_rels/.rels`."""
    overrides = {
        "word/document.xml": main_type,
        core_at: "application/vnd.openxmlformats-package.core-properties+xml",
        app_at: f"{_CT}.extended-properties+xml",
        "word/settings.xml": f"{_CT}.wordprocessingml.settings+xml",
    } | (types or {})
    all_parts: dict[str, bytes | str] = {
        "[Content_Types].xml": _types(overrides, defaults),
        "_rels/.rels": _rels(
            ("rId1", f"{_R}/officeDocument", "word/document.xml"),
            ("rId2", f"{_PKG}/metadata/core-properties", core_at),
            ("rId3", f"{_R}/extended-properties", app_at),
        ),
        core_at: core(creator),
        app_at: app(company),
        "word/document.xml": (
            f"{_HEAD}<w:document {_W}><w:body><w:p><w:r><w:rPr>{_FONTS}</w:rPr><w:t>{body}</w:t></w:r></w:p>{drawing}"
            "</w:body></w:document>"
        ),
        "word/settings.xml": f"{_HEAD}<w:settings {_W}><w:zoom w:percent='100'/></w:settings>",
        "word/_rels/document.xml.rels": _rels(("rIdS", f"{_R}/settings", "settings.xml"), *document_rels),
    } | (parts or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in all_parts.items():
            archive.writestr(name, data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _exif() -> Image.Exif:
    exif = Image.Exif()
    exif[0x013B] = OTHER  # Artist
    exif[0x010F] = CAMERA_MAKE
    exif[0x0110] = CAMERA_MODEL
    return exif


def picture(kind: str) -> bytes:
    """A picture with the photographer and camera in it (EXIF, or a comment where the format has no EXIF)."""
    image = Image.new("RGB", (40, 30), (120, 30, 200))
    out = io.BytesIO()
    if kind in {"jpeg", "tiff", "webp"}:
        image.save(out, kind.upper(), exif=_exif().tobytes())
    elif kind == "gif":
        image.save(out, "GIF", comment=f"{OTHER} {CAMERA_MAKE} {CAMERA_MODEL}".encode())
    elif kind == "png":
        image.save(out, "PNG", exif=_exif().tobytes())
    elif kind == "bmp":
        image.save(out, "BMP")
        out.write(f"{OTHER} {CAMERA_MAKE} {CAMERA_MODEL}".encode())  # bytes after the pixels
    elif kind == "emf":
        out.write(_emf())
    else:
        raise ValueError(kind)
    return out.getvalue()


def _emf() -> bytes:
    """An EMF header whose description names the program and the picture's author, then an EOF record."""
    description = f"{CAMERA_MAKE}\0{OTHER}\0\0".encode("utf-16-le")
    header_size = 108
    fields = struct.pack("<II4i4i", 1, header_size, 0, 0, 40, 30, 0, 0, 1000, 800)
    fields += b" EMF" + struct.pack("<IIIHHII", 0x10000, 0, 2, 1, 0, len(description) // 2, header_size)
    fields += struct.pack("<III", 0, 1024, 768) + struct.pack("<II", 320, 240)
    header = fields.ljust(header_size, b"\0") + description
    eof = struct.pack("<IIIII", 14, 20, 0, 16, 20)
    total = len(header) + len(eof)
    header = header[:48] + struct.pack("<I", total) + header[52:]
    return header + eof


# Where each picture kind is stored, under a name that does not say what it is.
PICTURE_NAMES = {"tiff": "image1.tiff", "jpeg": "image1.jpe", "gif": "image1.gif", "webp": "image1.webp",
                 "bmp": "image1.bmp", "png": "image1.dat", "emf": "image1.emf"}  # fmt: skip
_BLIP = (
    '<w:p><w:r><w:drawing><a:blip xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" r:embed="rIdP"/>'
    "</w:drawing></w:r></w:p>"
)


def docx_with_picture(tmp: Path, kind: str) -> Path:
    name = PICTURE_NAMES[kind]
    extension = name.rsplit(".", 1)[1]
    return docx(
        tmp / f"picture-{kind}.docx",
        parts={f"word/media/{name}": picture(kind)},
        document_rels=(("rIdP", f"{_R}/image", f"media/{name}"),),
        defaults={extension: f"image/{kind}"},
        drawing=_BLIP,
    )


def xlsx(creator: str) -> bytes:
    """The workbook behind a chart, as Word embeds it: a whole package with its own core properties."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            _types({"xl/workbook.xml": f"{_CT}.spreadsheetml.sheet.main+xml",
                    "docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml"}),
        )  # fmt: skip
        archive.writestr(
            "_rels/.rels",
            _rels(("rId1", f"{_R}/officeDocument", "xl/workbook.xml"),
                  ("rId2", f"{_PKG}/metadata/core-properties", "docProps/core.xml")),
        )  # fmt: skip
        archive.writestr("docProps/core.xml", core(creator))
        archive.writestr(
            "xl/workbook.xml",
            f'{_HEAD}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>',
        )
    return out.getvalue()


def docx_with_chart(tmp: Path, workbook_creator: str, company: str = "Petrova Legal") -> Path:
    chart = (
        f'{_HEAD}<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="{_R}">'
        '<c:chart/><c:externalData r:id="rId1"/></c:chartSpace>'
    )
    return docx(
        tmp / "chart.docx",
        company=company,
        parts={
            "word/charts/chart1.xml": chart,
            "word/charts/_rels/chart1.xml.rels": _rels(
                ("rId1", f"{_R}/package", "../embeddings/Microsoft_Excel_Worksheet1.xlsx")
            ),
            "word/embeddings/Microsoft_Excel_Worksheet1.xlsx": xlsx(workbook_creator),
        },
        document_rels=(("rIdC", f"{_R}/chart", "charts/chart1.xml"),),
        types={"word/charts/chart1.xml": f"{_CT}.drawingml.chart+xml"},
        defaults={"xlsx": f"{_CT}.spreadsheetml.sheet"},
    )


def ole_object() -> bytes:
    """The start of an OLE compound file (an embedded object of some older program), naming its author."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + OTHER.encode("utf-16-le") + bytes(512)


def docx_with_ole_object(tmp: Path) -> Path:
    return docx(
        tmp / "ole.docx",
        parts={"word/embeddings/oleObject1.bin": ole_object()},
        document_rels=(("rIdO", f"{_R}/oleObject", "embeddings/oleObject1.bin"),),
        defaults={"bin": f"{_CT}.oleObject"},
    )


def docm(tmp: Path) -> Path:
    """A macro-enabled Word file (.docm): a VBA project naming the author's folder, declared by content type."""
    vba = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + MACRO_FOLDER.encode("utf-16-le") + bytes(512)
    return docx(
        tmp / "macro.docm",
        main_type="application/vnd.ms-word.document.macroEnabled.main+xml",
        parts={
            "word/vbaProject.bin": vba,
            "word/_rels/vbaProject.bin.rels": _rels(
                ("rId1", "http://schemas.microsoft.com/office/2006/relationships/wordVbaData", "vbaData.xml")
            ),
            "word/vbaData.xml": (
                f'{_HEAD}<wne:vbaSuppData xmlns:wne="http://schemas.microsoft.com/office/word/2006/wordml">'
                '<wne:mcds><wne:mcd wne:macroName="PROJECT.NEWMACROS.CLEANUP" wne:name="Project.NewMacros.Cleanup" '
                'wne:bEncrypt="00" wne:cmg="56"/></wne:mcds></wne:vbaSuppData>'
            ),
        },
        document_rels=(
            ("rIdV", "http://schemas.microsoft.com/office/2006/relationships/vbaProject", "vbaProject.bin"),
        ),
        types={"word/vbaData.xml": "application/vnd.ms-word.vbaData+xml"},
        defaults={"bin": "application/vnd.ms-office.vbaProject"},
    )


# --- OpenDocument ---
_O = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:xlink="http://www.w3.org/1999/xlink" '
    'xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0" office:version="1.3"'
)


def _meta(creator: str) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {_O}><office:meta>'
        f"<meta:initial-creator>{creator}</meta:initial-creator><dc:creator>{creator}</dc:creator>"
        "<meta:generator>LibreOffice/7.6</meta:generator></office:meta></office:document-meta>"
    )


def odt(tmp: Path, name: str, parts: dict[str, bytes | str], frames: str = "") -> Path:
    """A Writer file: the given parts besides content, meta and a manifest listing every part."""
    entries = "".join(f'<manifest:file-entry manifest:full-path="{p}" manifest:media-type=""/>' for p in parts)
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_O}><office:body><office:text>'
        f"<text:p>{BODY}</text:p>{frames}</office:text></office:body></office:document-content>"
    )
    path = tmp / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), ODT)
        archive.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
            'opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" '
            f'manifest:media-type="{ODT}"/><manifest:file-entry manifest:full-path="content.xml" '
            f'manifest:media-type="text/xml"/>{entries}</manifest:manifest>',
        )
        archive.writestr("content.xml", content)
        archive.writestr("meta.xml", _meta(AUTHOR))
        for part, data in parts.items():
            archive.writestr(part, data.encode("utf-8") if isinstance(data, str) else data)
    return path


def odt_with_picture(tmp: Path, kind: str) -> Path:
    name = "Pictures/10000000." + PICTURE_NAMES[kind].rsplit(".", 1)[1]
    frame = f'<draw:frame><draw:image xlink:href="{name}"/></draw:frame>'
    return odt(tmp, f"picture-{kind}.odt", {name: picture(kind)}, frame)


def odt_with_chart(tmp: Path) -> Path:
    """A chart as LibreOffice keeps it: a sub-document with its own meta.xml, and a replacement picture."""
    frame = (
        '<draw:frame><draw:object xlink:href="./Object 1"/>'
        '<draw:image xlink:href="./ObjectReplacements/Object 1"/></draw:frame>'
    )
    chart = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_O}><office:body><office:chart/>'
        "</office:body></office:document-content>"
    )
    replacement = b"VCLMTF\x01\x00" + OTHER.encode("utf-16-le") + bytes(64)  # a StarView metafile's start
    return odt(
        tmp, "chart.odt",
        {"Object 1/content.xml": chart, "Object 1/meta.xml": _meta(OTHER), "ObjectReplacements/Object 1": replacement},
        frame,
    )  # fmt: skip


def odt_with_printer(tmp: Path) -> Path:
    setup = "SGFwcHkgcHJpbnRlcg=="  # base64, as LibreOffice stores the printer's driver setup
    settings = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-settings {_O}><office:settings>'
        '<config:config-item-set config:name="ooo:configuration-settings">'
        f'<config:config-item config:name="PrinterName" config:type="string">{PRINTER}</config:config-item>'
        f'<config:config-item config:name="PrinterSetup" config:type="base64Binary">{setup}'
        f"{PRINTER.encode('utf-16-le').hex()}</config:config-item>"
        '<config:config-item config:name="PrintFaxName" config:type="string">Fax of Petrova Home Office'
        "</config:config-item>"
        '<config:config-item config:name="AddParaSpacingToTableCells" config:type="boolean">true</config:config-item>'
        "</config:config-item-set></office:settings></office:document-settings>"
    )
    return odt(tmp, "printer.odt", {"settings.xml": settings})


def odt_with_basic(tmp: Path) -> Path:
    module = (
        '<?xml version="1.0" encoding="UTF-8"?><script:module xmlns:script="http://openoffice.org/2000/script" '
        f'script:name="Module1" script:language="StarBasic">REM {MACRO_FOLDER}\nSub Main\nEnd Sub</script:module>'
    )
    return odt(tmp, "macro.odt", {"Basic/Standard/Module1.xml": module, "Basic/script-lc.xml": "<library/>"})


# --- minimal packages for the sanitiser alone ---
MACRO_ENABLED = {
    "xlsm": ("xl/workbook.xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
             f"{_CT}.spreadsheetml.sheet.main+xml", "<workbook/>"),
    "pptm": ("ppt/presentation.xml", "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
             f"{_CT}.presentationml.presentation.main+xml", "<presentation/>"),
}  # fmt: skip


def package(main: str, main_type: str, body: str, parts: dict[str, bytes | str], main_rels: str = "") -> bytes:
    """An OOXML package: a main part of `main_type`, its relationships, and `parts`."""
    folder = posixpath.dirname(main)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml", _types({main: main_type}, {"bin": "application/vnd.ms-office.vbaProject"})
        )
        archive.writestr("_rels/.rels", _rels(("rId1", f"{_R}/officeDocument", main)))
        archive.writestr(main, f"{_HEAD}{body}")
        if main_rels:
            archive.writestr(f"{folder}/_rels/{posixpath.basename(main)}.rels", main_rels)
        for name, data in parts.items():
            archive.writestr(name, data.encode("utf-8") if isinstance(data, str) else data)
    return out.getvalue()


def macro_enabled(kind: str) -> bytes:
    main, main_type, _, body = MACRO_ENABLED[kind]
    folder = posixpath.dirname(main)
    vba = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + MACRO_FOLDER.encode("utf-16-le")
    rels = _rels(("rIdV", "http://schemas.microsoft.com/office/2006/relationships/vbaProject", "vbaProject.bin"))
    return package(main, main_type, body, {f"{folder}/vbaProject.bin": vba}, rels)


def heif() -> bytes:
    """The start of a HEIC file (an ftyp box), which a share copy cannot rewrite as HEIC."""
    return b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(32)


SVG = (
    '<?xml version="1.0" encoding="UTF-8"?><svg xmlns="http://www.w3.org/2000/svg" '
    'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" '
    f'sodipodi:docname="{OTHER} diagram.svg" width="10" height="10"><metadata><rdf:RDF><rdf:Description>'
    f"<dc:creator>{OTHER}</dc:creator></rdf:Description></rdf:RDF></metadata>"
    '<rect width="10" height="10" fill="red"/></svg>'
)
