"""Embedded objects (OLE) and sounds and videos in office documents: the copy is made without them instead of
refused. An object keeps its preview picture (cleaned), so the page or slide shows the same thing; a clip keeps
its poster picture. Files are written by hand (zipfile + XML, real pictures, a real MP4 and WAV) and shared the
way `locker share` shares them: imported into a vault, sanitised and re-checked in the sandbox."""

from __future__ import annotations

import io
import posixpath
import re
import struct
import wave
import zipfile
from pathlib import Path

import av
import numpy as np
import pytest
from PIL import Image, PngImagePlugin

from locker.sandbox.runner import SandboxRunner
from locker.share.office import sanitise_office
from locker.share.refusals import CopyRefused
from locker.share.sandbox_refusals import EmbeddedProgramObject, EmbeddedSoundOrVideo
from locker.vault.vault import Vault
from tests.share import office_parts
from tests.share.office_parts import _CT, _HEAD, _PKG, _R, _rels, _types
from tests.share.test_office_hidden_parts import assert_whole_package, members, share
from tests.share.test_office_metafiles import (
    CANARY,
    EMR_EOF,
    META_EOF,
    POLYLINE,
    WMF_POLYLINE,
    emf,
    emf_comment,
    has_canary,
    walk_emf,
    walk_wmf,
    wmf,
    wmf_comment,
)

PPTX = office_parts.PPTX
_VML = 'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"'
_OLE_TYPE = f"{_CT}.oleObject"
_P = (
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    f'xmlns:r="{_R}" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
)
_P14 = 'xmlns:p14="http://schemas.microsoft.com/office/powerpoint/2010/main"'
_MEDIA_REL = "http://schemas.microsoft.com/office/2007/relationships/media"


def ole_compound_file() -> bytes:
    """The start of an OLE compound file (the workbook of an older Excel) naming its author and folder."""
    inside = f"{CANARY} C:\\Users\\{CANARY}\\budget.xls".encode("utf-16-le")
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + inside + bytes(512)


def preview(kind: str) -> bytes:
    if kind == "emf":
        return emf(emf_comment(CANARY.encode("utf-16-le")), POLYLINE)
    return wmf(wmf_comment(CANARY.encode()), WMF_POLYLINE)


def png_with_author() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", CANARY)
    out = io.BytesIO()
    Image.new("RGB", (32, 24), (10, 120, 40)).save(out, "PNG", pnginfo=info)
    return out.getvalue()


def mp4_with_title() -> bytes:
    out = io.BytesIO()
    with av.open(out, "w", format="mp4") as container:
        container.metadata["title"] = CANARY
        container.metadata["artist"] = CANARY
        stream = container.add_stream("mpeg4", rate=5)
        stream.width, stream.height, stream.pix_fmt = 32, 32, "yuv420p"
        for _ in range(2):
            frame = av.VideoFrame.from_ndarray(np.zeros((32, 32, 3), np.uint8), format="rgb24")
            container.mux(stream.encode(frame))
        container.mux(stream.encode(None))
    return out.getvalue()


def wav_with_artist() -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(8000)
        sound.writeframes(bytes(1600))
    artist = CANARY.encode() + b"\0"
    info = b"INFO" + b"IART" + struct.pack("<I", len(artist)) + artist + bytes(len(artist) % 2)
    data = out.getvalue() + b"LIST" + struct.pack("<I", len(info)) + info
    return data[:4] + struct.pack("<I", len(data) - 8) + data[8:]


# The object's picture in DrawingML, as Word writes it in a strict (ISO 29500) document.
_DRAWN_PREVIEW = (
    '<w:drawing><a:blip xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" r:embed="rIdI"/></w:drawing>'
)


def docx_with_object(tmp: Path, prog_id: str, kind: str, body: str = office_parts.BODY) -> Path:
    """An object as Word inserts it: a VML shape showing the preview picture, and the OLE object behind it (or, in
    a strict document, a DrawingML picture and w:objectEmbed)."""
    if prog_id.endswith("strict"):
        inside = f'{_DRAWN_PREVIEW}<w:objectEmbed w:progId="{prog_id}" w:drawAspect="content" r:id="rIdO"/>'
    else:
        inside = (
            '<v:shape id="_x0000_i1025" type="#_x0000_t75" style="width:72pt;height:36pt" o:ole="">'
            '<v:imagedata r:id="rIdI" o:title=""/></v:shape>'
            f'<o:OLEObject Type="Embed" ProgID="{prog_id}" ShapeID="_x0000_i1025" DrawAspect="Content" '
            'ObjectID="_1761234567" r:id="rIdO"/>'
        )
    obj = f'<w:p><w:r><w:object {_VML} w:dxaOrig="1440" w:dyaOrig="720">{inside}</w:object></w:r></w:p>'
    if prog_id.endswith("package"):  # an Office document embedded as an object: a package, not a compound file
        payload, rel_type, data = "embeddings/Microsoft_Excel_Worksheet1.xlsx", "package", office_parts.xlsx(CANARY)
    else:
        payload, rel_type, data = "embeddings/oleObject1.bin", "oleObject", ole_compound_file()
    return office_parts.docx(
        tmp / f"object-{kind}.docx",
        creator=CANARY,
        body=body,
        parts={f"word/{payload}": data, f"word/media/image1.{kind}": preview(kind)},
        document_rels=(("rIdI", f"{_R}/image", f"media/image1.{kind}"), ("rIdO", f"{_R}/{rel_type}", payload)),
        defaults={"bin": _OLE_TYPE, "xlsx": f"{_CT}.spreadsheetml.sheet", kind: f"image/x-{kind}"},
        types={f"word/{payload}": _OLE_TYPE},  # an override too, which must go with the part
        drawing=obj,
    )


def _pic(shape_id: int, name: str, media: str) -> str:
    return (
        f'<p:pic><p:nvPicPr><p:cNvPr id="{shape_id}" name="{name}"><a:hlinkClick r:id="" action="ppaction://media"/>'
        f"</p:cNvPr><p:cNvPicPr/><p:nvPr>{media}</p:nvPr></p:nvPicPr>"
        '<p:blipFill><a:blip r:embed="rIdP"/></p:blipFill><p:spPr/></p:pic>'
    )


def pptx_with_objects(tmp: Path, slide_text: str = office_parts.BODY) -> Path:
    """A slide with an embedded worksheet (OLE, EMF preview), a video and a sound clip (each with its poster), a
    transition sound, and the timing tree that plays the video."""
    ext = '<p:extLst><p:ext uri="{DAA4B4D4-6D37-4C85-A4EC-2D5E7EAEC5E0}">' + f'<p14:media {_P14} r:embed="%s"/>'
    ole = (
        '<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="2" name="Object 1"/><p:cNvGraphicFramePr/><p:nvPr/>'
        '</p:nvGraphicFramePr><p:xfrm><a:off x="0" y="0"/><a:ext cx="100" cy="100"/></p:xfrm><a:graphic>'
        '<a:graphicData uri="http://schemas.openxmlformats.org/presentationml/2006/ole">'
        '<p:oleObj name="Worksheet" r:id="rIdO" imgW="100" imgH="100" progId="Excel.Sheet.8"><p:embed/>'
        '<p:pic><p:nvPicPr><p:cNvPr id="0" name=""/><p:cNvPicPr/><p:nvPr/></p:nvPicPr>'
        '<p:blipFill><a:blip r:embed="rIdE"/></p:blipFill><p:spPr/></p:pic></p:oleObj></a:graphicData></a:graphic>'
        "</p:graphicFrame>"
    )
    frame = (
        '<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="5" name="Object 2"/><p:cNvGraphicFramePr/><p:nvPr/>'
        '</p:nvGraphicFramePr><p:xfrm><a:off x="200" y="0"/><a:ext cx="100" cy="100"/></p:xfrm><a:graphic>'
        '<a:graphicData uri="http://schemas.openxmlformats.org/presentationml/2006/ole">%s</a:graphicData>'
        "</a:graphic></p:graphicFrame>"
    )
    fallback_pic = (
        '<p:pic><p:nvPicPr><p:cNvPr id="0" name=""/><p:cNvPicPr/><p:nvPr/></p:nvPicPr>'
        '<p:blipFill><a:blip r:embed="rIdE"/></p:blipFill><p:spPr/></p:pic>'
    )
    # As PowerPoint 2010 and later write it: for VML programs without the picture, then the fallback with it.
    obj = (
        '<p:oleObj %s name="Worksheet" r:id="rIdO" imgW="100" imgH="100" progId="Excel.Sheet.8"><p:embed/>%s</p:oleObj>'
    )
    ole_2010 = (
        '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        '<mc:Choice xmlns:v="urn:schemas-microsoft-com:vml" Requires="v">'
        + frame % (obj % ('spid="_x0000_s1026"', ""))
        + "</mc:Choice><mc:Fallback>"
        + frame % (obj % ("", fallback_pic))
        + "</mc:Fallback></mc:AlternateContent>"
    )
    video = _pic(3, "clip", '<a:videoFile r:link="rIdV"/>' + ext % "rIdM" + "</p:ext></p:extLst>")
    sound = _pic(4, "voice", '<a:audioFile r:link="rIdA"/>' + ext % "rIdB" + "</p:ext></p:extLst>")
    timing = (
        '<p:timing><p:tnLst><p:par><p:cTn id="1" dur="indefinite" restart="never" nodeType="tmRoot"><p:childTnLst>'
        '<p:video><p:cMediaNode vol="80000"><p:cTn id="2" fill="hold" display="0"><p:stCondLst>'
        '<p:cond delay="indefinite"/></p:stCondLst></p:cTn><p:tgtEl><p:spTgt spid="3"/></p:tgtEl></p:cMediaNode>'
        "</p:video></p:childTnLst></p:cTn></p:par></p:tnLst></p:timing>"
    )
    slide = (
        f"{_HEAD}<p:sld {_P}><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>{slide_text}</a:t></a:r></a:p>"
        f"</p:txBody></p:sp>{ole}{ole_2010}{video}{sound}</p:spTree></p:cSld>"
        '<p:transition><p:sndAc><p:stSnd><p:snd r:embed="rIdS" name="chime.wav"/></p:stSnd></p:sndAc></p:transition>'
        f"{timing}</p:sld>"
    )
    parts: dict[str, bytes | str] = {
        "[Content_Types].xml": _types(
            {
                "ppt/presentation.xml": f"{_CT}.presentationml.presentation.main+xml",
                "ppt/slides/slide1.xml": f"{_CT}.presentationml.slide+xml",
                "docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
            },
            {"bin": _OLE_TYPE, "emf": "image/x-emf", "png": "image/png", "mp4": "video/mp4", "wav": "audio/wav"},
        ),
        "_rels/.rels": _rels(
            ("rId1", f"{_R}/officeDocument", "ppt/presentation.xml"),
            ("rId2", f"{_PKG}/metadata/core-properties", "docProps/core.xml"),
        ),
        "docProps/core.xml": office_parts.core(CANARY),
        "ppt/presentation.xml": (
            f'{_HEAD}<p:presentation {_P}><p:sldIdLst><p:sldId id="256" r:id="rId1"/></p:sldIdLst>'
            '<p:sldSz cx="9144000" cy="6858000"/><p:notesSz cx="6858000" cy="9144000"/></p:presentation>'
        ),
        "ppt/_rels/presentation.xml.rels": _rels(("rId1", f"{_R}/slide", "slides/slide1.xml")),
        "ppt/slides/slide1.xml": slide,
        "ppt/slides/_rels/slide1.xml.rels": _rels(
            ("rIdO", f"{_R}/oleObject", "../embeddings/oleObject1.bin"),
            ("rIdE", f"{_R}/image", "../media/image1.emf"),
            ("rIdV", f"{_R}/video", "../media/media1.mp4"),
            ("rIdM", _MEDIA_REL, "../media/media1.mp4"),
            ("rIdA", f"{_R}/audio", "../media/media2.wav"),
            ("rIdB", _MEDIA_REL, "../media/media2.wav"),
            ("rIdS", f"{_R}/audio", "../media/media3.wav"),
            ("rIdP", f"{_R}/image", "../media/image2.png"),
        ),
        "ppt/embeddings/oleObject1.bin": ole_compound_file(),
        "ppt/media/image1.emf": preview("emf"),
        "ppt/media/image2.png": png_with_author(),
        "ppt/media/media1.mp4": mp4_with_title(),
        "ppt/media/media2.wav": wav_with_artist(),
        "ppt/media/media3.wav": wav_with_artist(),
    }
    path = tmp / "objects.pptx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data.encode("utf-8") if isinstance(data, str) else data)
    return path


def canary_parts(path: Path) -> list[str]:
    return [name for name, data in members(path.read_bytes()).items() if has_canary(data + name.encode())]


def dangling_ids(path: Path) -> list[tuple[str, str]]:
    """(part, id) for each relationship id an XML part uses that its relationships do not have."""
    found = []
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        for name in names:
            if name.endswith(".rels") or not name.endswith((".xml", ".vml")):
                continue
            rels = posixpath.join(posixpath.dirname(name), "_rels", posixpath.basename(name) + ".rels")
            ids = set(re.findall(r'Id="([^"]*)"', archive.read(rels).decode())) if rels in names else set()
            used = re.findall(r'\s(?:r|o):(?:id|embed|link|relid|pict)="([^"]*)"', archive.read(name).decode())
            found += [(name, i) for i in used if i and i not in ids]
    return found


@pytest.mark.parametrize(
    ("prog_id", "kind"),
    [
        ("Excel.Sheet.8", "emf"),
        ("Equation.3", "wmf"),
        ("Excel.Sheet.12 strict", "emf"),
        ("Excel.Sheet.12 package", "emf"),
    ],
)
def test_a_word_object_is_replaced_by_its_clean_picture(
    prog_id: str, kind: str, share_vault: Vault, runner: SandboxRunner, tmp_path: Path
) -> None:
    original = docx_with_object(tmp_path, prog_id, kind)
    assert [n for n in canary_parts(original) if n.startswith("word/embeddings/")]

    result = share(share_vault, runner, original, tmp_path)

    assert result.path is not None, (result.error, result.findings)
    assert canary_parts(result.path) == []
    parts = members(result.path.read_bytes())
    assert not [n for n in parts if "embeddings/" in n], list(parts)
    walk = walk_emf if kind == "emf" else walk_wmf
    assert walk(parts[f"word/media/image1.{kind}"])[-1] in {EMR_EOF, META_EOF}, "the picture stays, whole"
    document = parts["word/document.xml"].decode()
    assert ('<v:imagedata r:id="rIdI"' in document or _DRAWN_PREVIEW in document) and "rIdO" not in document
    assert "OLEObject" not in document and "objectEmbed" not in document
    assert b"embeddings" not in parts["word/_rels/document.xml.rels"]
    assert_whole_package(result.path)
    assert dangling_ids(result.path) == []
    assert result.report is not None
    assert "embedded objects of other programs (OLE), each replaced by its picture" in result.report.removed


def test_a_presentations_object_sound_and_video_are_left_out_and_the_slide_keeps_its_pictures(
    share_vault: Vault, runner: SandboxRunner, tmp_path: Path
) -> None:
    original = pptx_with_objects(tmp_path)
    assert {"ppt/embeddings/oleObject1.bin", "ppt/media/media1.mp4", "ppt/media/media2.wav"} <= set(
        canary_parts(original)
    )

    result = share(share_vault, runner, original, tmp_path)

    assert result.path is not None, (result.error, result.findings)
    assert canary_parts(result.path) == []
    parts = members(result.path.read_bytes())
    assert sorted(n for n in parts if "/media/" in n or "/embeddings/" in n) == [
        "ppt/media/image1.emf",
        "ppt/media/image2.png",
    ]
    walk_emf(parts["ppt/media/image1.emf"])
    slide = parts["ppt/slides/slide1.xml"].decode()
    for gone in ("videoFile", "audioFile", "p14:media", "p:snd", "<p:timing", "ppaction://media", 'r:id="rIdO"'):
        assert gone not in slide, gone
    assert slide.count("<p:pic>") == 4, "both objects' previews and both posters stay"
    assert "oleObj" not in slide and "graphicFrame" not in slide, "each object's frame is now its picture"
    assert "AlternateContent" not in slide and "Choice" not in slide, "the 2010 form is now just its fallback picture"
    assert '<p:cNvPr id="2" name="Object 1"/>' in slide and '<p:cNvPr id="5" name="Object 2"/>' in slide
    assert slide.count('<a:blip r:embed="rIdE"/>') == 2
    assert '<a:xfrm><a:off x="0" y="0"/><a:ext cx="100" cy="100"/></a:xfrm>' in slide
    assert '<a:xfrm><a:off x="200" y="0"/><a:ext cx="100" cy="100"/></a:xfrm>' in slide
    assert_whole_package(result.path)
    assert dangling_ids(result.path) == []
    assert result.report is not None
    assert "sounds and videos (and the animations of the slides that played them)" in result.report.removed


def test_an_object_does_not_hide_the_author_named_on_the_slide(
    share_vault: Vault, runner: SandboxRunner, tmp_path: Path
) -> None:
    result = share(share_vault, runner, pptx_with_objects(tmp_path, f"Presented by {CANARY}"), tmp_path)
    assert result.path is None
    assert any(CANARY in finding for finding in result.findings), result.findings


@pytest.mark.parametrize(
    ("part", "data", "called"),
    [
        ("Pictures/clip.wav", wav_with_artist(), EmbeddedSoundOrVideo),
        ("Object 2", ole_compound_file(), EmbeddedProgramObject),
    ],
)
def test_an_opendocument_sound_or_ole_object_still_refuses_the_copy(
    part: str, data: bytes, called: type[CopyRefused], tmp_path: Path
) -> None:
    """ODT has no relationships to follow: a sound, a video or an OLE object in it is refused, as before."""
    path = office_parts.odt(tmp_path, "sound.odt", {part: data})
    with path.open("rb") as f, pytest.raises(called) as refused:
        sanitise_office(f, office_parts.ODT, io.BytesIO())
    assert refused.value.params == {"part": part}


def xlsx_with_object() -> bytes:
    """A worksheet with an embedded Word 97 document, as Excel 2010+ writes it: the picture is drawn by the legacy
    VML drawing, the sheet's oleObject names the object and its picture."""
    x = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    mc = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    sheet = (
        f'{_HEAD}<worksheet {x} xmlns:r="{_R}" {mc}><sheetData/><legacyDrawing r:id="rId2"/><oleObjects>'
        '<mc:AlternateContent><mc:Choice Requires="x14"><oleObject progId="Word.Document.8" shapeId="1025" '
        'r:id="rId3"><objectPr defaultSize="0" r:id="rId4"/></oleObject></mc:Choice><mc:Fallback>'
        '<oleObject progId="Word.Document.8" shapeId="1025" r:id="rId3"/></mc:Fallback></mc:AlternateContent>'
        "</oleObjects></worksheet>"
    )
    vml = (
        f"<xml {_VML} "
        'xmlns:x="urn:schemas-microsoft-com:office:excel"><v:shape id="_x0000_s1025" type="#_x0000_t75">'
        '<v:imagedata o:relid="rId1" o:title=""/><x:ClientData ObjectType="Pict"><x:CF>Pict</x:CF></x:ClientData>'
        "</v:shape></xml>"
    )
    return office_parts.package(
        "xl/workbook.xml",
        f"{_CT}.spreadsheetml.sheet.main+xml",
        f'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="{_R}"><sheets>'
        '<sheet name="Costs" sheetId="1" r:id="rId1"/></sheets></workbook>',
        {
            "xl/worksheets/sheet1.xml": sheet,
            "xl/worksheets/_rels/sheet1.xml.rels": _rels(
                ("rId2", f"{_R}/vmlDrawing", "../drawings/vmlDrawing1.vml"),
                ("rId3", f"{_R}/oleObject", "../embeddings/oleObject1.bin"),
                ("rId4", f"{_R}/image", "../media/image1.emf"),
            ),
            "xl/drawings/vmlDrawing1.vml": vml,
            "xl/drawings/_rels/vmlDrawing1.vml.rels": _rels(("rId1", f"{_R}/image", "../media/image1.emf")),
            "xl/embeddings/oleObject1.bin": ole_compound_file(),
            "xl/media/image1.emf": preview("emf"),
        },
        _rels(("rId1", f"{_R}/worksheet", "worksheets/sheet1.xml")),
    )


def test_a_workbooks_object_is_left_out_and_its_drawing_keeps_the_picture(tmp_path: Path) -> None:
    original = tmp_path / "object.xlsx"
    original.write_bytes(xlsx_with_object())
    assert "xl/embeddings/oleObject1.bin" in canary_parts(original)

    copy = tmp_path / "copy.xlsx"
    with original.open("rb") as f, copy.open("wb") as out:
        report = sanitise_office(f, office_parts.XLSX, out)

    assert canary_parts(copy) == []
    parts = members(copy.read_bytes())
    assert "xl/embeddings/oleObject1.bin" not in parts
    walk_emf(parts["xl/media/image1.emf"])
    assert b'<v:imagedata o:relid="rId1"' in parts["xl/drawings/vmlDrawing1.vml"]
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    assert sheet.count('<oleObject progId="Word.Document.8" shapeId="1025"') == 2 and 'r:id="rId3"' not in sheet
    assert_whole_package(copy)
    assert dangling_ids(copy) == []
    assert "embedded objects of other programs (OLE), each replaced by its picture" in report.removed


def test_embedded_fonts_are_kept_as_they_are(tmp_path: Path) -> None:
    """Word's obfuscated fonts stay, byte for byte (see locker.share.office_media: a font names its vendor, and
    all but its first 32 bytes stay searchable by the re-check)."""
    # The obfuscated first bytes are random; these happen to read as an MP3 frame header, which outside a media
    # folder means nothing.
    font = b"\xff\xfb\x90\x64" + bytes(range(28)) + b"\x00\x01\x00\x00" + "Vendor Sans".encode("utf-16-be") + bytes(64)
    path = office_parts.docx(
        tmp_path / "fonts.docx",
        parts={"word/fonts/font1.odttf": font, "word/_rels/fontTable.xml.rels": _rels(
            ("rId1", f"{_R}/font", "fonts/font1.odttf"))},
        defaults={"odttf": "application/vnd.openxmlformats-officedocument.obfuscatedFont"},
    )  # fmt: skip
    out = io.BytesIO()
    with path.open("rb") as f:
        sanitise_office(f, office_parts.DOCX, out)
    with zipfile.ZipFile(out) as archive:
        assert archive.read("word/fonts/font1.odttf") == font


def mp3_without_tag() -> bytes:
    """An MP3 as LAME writes it, with its ID3 tag cut off: it starts with a bare frame header."""
    out = io.BytesIO()
    with av.open(out, "w", format="mp3") as container:
        stream = container.add_stream("libmp3lame", rate=44100)
        frame = av.AudioFrame.from_ndarray(np.zeros((1, 1152 * 4), np.int16), format="s16", layout="mono")
        frame.sample_rate = 44100
        for packet in (*stream.encode(frame), *stream.encode(None)):
            container.mux(packet)
    data = out.getvalue()
    if data.startswith(b"ID3"):
        size = (data[6] & 0x7F) << 21 | (data[7] & 0x7F) << 14 | (data[8] & 0x7F) << 7 | data[9] & 0x7F  # syncsafe
        data = data[10 + size :]
    return data


def test_a_sound_without_a_tag_in_a_media_folder_is_left_out() -> None:
    sound = mp3_without_tag()
    assert sound[0] == 0xFF and sound[1] & 0xE0 == 0xE0, sound[:4]
    picture = _pic(3, "voice", '<a:audioFile r:link="rIdA"/>')
    slide = f"<p:sld {_P}><p:cSld><p:spTree>{picture}</p:spTree></p:cSld></p:sld>"
    data = office_parts.package(
        "ppt/presentation.xml", f"{_CT}.presentationml.presentation.main+xml", f"<p:presentation {_P}/>",
        {"ppt/slides/slide1.xml": slide, "ppt/media/image2.png": png_with_author(), "ppt/media/media1.mp3": sound,
         "ppt/slides/_rels/slide1.xml.rels": _rels(("rIdA", f"{_R}/audio", "../media/media1.mp3"),
                                                   ("rIdP", f"{_R}/image", "../media/image2.png"))},
        _rels(("rId1", f"{_R}/slide", "slides/slide1.xml")),
    )  # fmt: skip
    out = io.BytesIO()
    report = sanitise_office(io.BytesIO(data), PPTX, out)
    with zipfile.ZipFile(out) as archive:
        assert "ppt/media/media1.mp3" not in archive.namelist()
        assert b"audioFile" not in archive.read("ppt/slides/slide1.xml")
        assert b"Relationship " in archive.read("ppt/slides/_rels/slide1.xml.rels"), "the poster's stays"
    assert "sounds and videos (and the animations of the slides that played them)" in report.removed
