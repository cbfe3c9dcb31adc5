"""PDFs that hide one value (CANARY) where a reader does not look: review 15c's 21 files, ported, plus a few more.

The canary is never in the Info dictionary or the document's XMP (except in `info_alias` and `document_level`), so
the re-check, which searches for recorded values, cannot catch it: only the sanitiser can keep it out of the copy.
Each builder returns the file's bytes; all are one 200x200 page and build in milliseconds.
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable

import pikepdf
from pikepdf import Array, Dictionary, Name, String
from PIL import Image

CANARY = "TatianaHiddenWitness"
_XMP = f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>{CANARY}</dc:creator></x:xmpmeta>'.encode()


def exif_jpeg(colour: tuple[int, int, int] = (200, 30, 30), size: int = 16) -> bytes:
    """A small JPEG whose EXIF (Artist, Make, BodySerialNumber) and comment name the canary."""
    exif = Image.Exif()
    exif[0x013B], exif[0x010F], exif[0xA431] = CANARY, "Canon", "SN-" + CANARY
    out = io.BytesIO()
    Image.new("RGB", (size, size), colour).save(out, "JPEG", exif=exif.tobytes(), comment=CANARY.encode())
    return out.getvalue()


def _base() -> pikepdf.Pdf:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    return pdf


def _saved(pdf: pikepdf.Pdf) -> bytes:
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def _image_page(pdf: pikepdf.Pdf, raw: bytes, filters: object, **extra: object) -> pikepdf.Stream:
    image = pikepdf.Stream(pdf, raw)
    image.Type, image.Subtype, image.Width, image.Height = Name.XObject, Name.Image, 16, 16
    image.ColorSpace, image.BitsPerComponent, image.Filter = Name.DeviceRGB, 8, filters
    for key, value in extra.items():
        image[Name("/" + key)] = value
    page = pdf.pages[0]
    page.Resources = Dictionary(XObject=Dictionary(Im0=image))
    page.Contents = pikepdf.Stream(pdf, b"q 100 0 0 100 0 0 cm /Im0 Do Q")
    return image


def _embedded(pdf: pikepdf.Pdf, text: str) -> pikepdf.Stream:
    stream = pikepdf.Stream(pdf, text.encode())
    stream.Type = Name.EmbeddedFile
    return stream


def _annots(pdf: pikepdf.Pdf, *annots: Dictionary) -> None:
    pdf.pages[0].Annots = pdf.make_indirect(Array([pdf.make_indirect(a) for a in annots]))


def flate_dct() -> bytes:
    pdf = _base()
    _image_page(pdf, zlib.compress(exif_jpeg()), Array([Name.FlateDecode, Name.DCTDecode]))
    return _saved(pdf)


def jpx_xml() -> bytes:
    pdf = _base()
    out = io.BytesIO()
    Image.new("RGB", (16, 16), (1, 2, 3)).save(out, "JPEG2000")
    _image_page(pdf, out.getvalue() + struct.pack(">I", 8 + len(_XMP)) + b"xml " + _XMP, Name.JPXDecode)
    return _saved(pdf)


def launch_ef() -> bytes:
    pdf = _base()
    path = String(f"C:\\Users\\{CANARY}\\notes.txt")
    spec = Dictionary(Type=Name.Filespec, F=path, UF=path, EF=Dictionary(F=_embedded(pdf, f"notes by {CANARY}")))
    _annots(
        pdf, Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=[0, 0, 50, 50], A=Dictionary(S=Name.Launch, F=spec))
    )
    return _saved(pdf)


def aa_js() -> bytes:
    pdf = _base()
    pdf.Root.AA = Dictionary(WC=Dictionary(S=Name.JavaScript, JS=String(f"app.alert('{CANARY}')")))
    pdf.pages[0].AA = Dictionary(O=Dictionary(S=Name.JavaScript, JS=String(f"var who='{CANARY}'")))
    pdf.Root.OpenAction = Array([pdf.pages[0].obj, Name.Fit])
    return _saved(pdf)


def form() -> bytes:
    pdf = _base()
    kid = pdf.make_indirect(
        Dictionary(
            Type=Name.Annot,
            Subtype=Name.Widget,
            Rect=[0, 0, 1, 1],
            F=2,
            FT=Name.Tx,
            V=String(CANARY),
            TU=String(f"prepared by {CANARY}"),
            P=pdf.pages[0].obj,
        )
    )
    parent = pdf.make_indirect(Dictionary(T=String(f"{CANARY}_fields"), Kids=[kid], V=String(f"{CANARY}@example.org")))
    kid.Parent = parent
    pdf.pages[0].Annots = Array([kid])
    pdf.Root.AcroForm = Dictionary(Fields=[parent])
    return _saved(pdf)


def private() -> bytes:
    pdf = _base()
    private_xmp = f"<xmp:CreatorTool>{CANARY}</xmp:CreatorTool>".encode()
    pdf.Root.AIPrivateData1 = pdf.make_indirect(pikepdf.Stream(pdf, private_xmp))
    pdf.pages[0].obj.PrivateInfo = Dictionary(User=String(f"C:\\Users\\{CANARY}\\Desktop"))
    return _saved(pdf)


def icc() -> bytes:
    from PIL import ImageCms

    pdf = _base()
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    icc_stream = pikepdf.Stream(pdf, profile + f"{CANARY} iPhone".encode())
    icc_stream.N = 3
    _image_page(
        pdf, zlib.compress(b"\x80" * 16 * 16 * 3), Name.FlateDecode, ColorSpace=Array([Name.ICCBased, icc_stream])
    )
    return _saved(pdf)


def ocg_note() -> bytes:
    pdf = _base()
    layer = pdf.make_indirect(Dictionary(Type=Name.OCG, Name=String(f"Layer by {CANARY}")))
    pdf.Root.OCProperties = Dictionary(OCGs=[layer], D=Dictionary(Order=[layer]))
    _annots(
        pdf,
        Dictionary(
            Type=Name.Annot,
            Subtype=Name.Text,
            Rect=[0, 0, 20, 20],
            Contents=String(f"note from {CANARY}"),
            T=String(CANARY),
        ),
    )
    return _saved(pdf)


def info_alias() -> bytes:
    pdf = _base()
    with pdf.open_metadata() as meta:
        meta["dc:creator"] = [CANARY]
    info = pdf.make_indirect(Dictionary(Author=String(CANARY), Producer=String("Word")))
    pdf.trailer.Info = info
    pdf.Root.Extra = info  # the same object reachable from the catalog
    return _saved(pdf)


def outline_uri() -> bytes:
    pdf = _base()
    entry = pdf.make_indirect(
        Dictionary(Title=String(f"C:\\Users\\{CANARY}\\case.docx"), Dest=[pdf.pages[0].obj, Name.Fit])
    )
    pdf.Root.Outlines = pdf.make_indirect(Dictionary(Type=Name.Outlines, First=entry, Last=entry, Count=1))
    entry.Parent = pdf.Root.Outlines
    uri = Dictionary(S=Name.URI, URI=String(f"file:///C:/Users/{CANARY}/x.pdf"))
    _annots(pdf, Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=[0, 0, 9, 9], A=uri))
    return _saved(pdf)


def inline_jpeg() -> bytes:
    pdf = _base()
    pdf.pages[0].Contents = pikepdf.Stream(
        pdf, b"q 100 0 0 100 0 0 cm BI /W 16 /H 16 /CS /RGB /BPC 8 /F /DCT ID " + exif_jpeg() + b"\nEI Q"
    )
    return _saved(pdf)


def irt_attachment() -> bytes:
    pdf = _base()
    spec = Dictionary(Type=Name.Filespec, F=String(f"{CANARY}.txt"), EF=Dictionary(F=_embedded(pdf, f"by {CANARY}")))
    attached = pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.FileAttachment, Rect=[0, 0, 5, 5], FS=spec))
    reply = pdf.make_indirect(
        Dictionary(Type=Name.Annot, Subtype=Name.Text, Rect=[0, 0, 5, 5], IRT=attached, Contents=String("ok"))
    )
    pdf.pages[0].Annots = Array([attached, reply])
    return _saved(pdf)


def ptex() -> bytes:
    pdf = _base()
    form_x = pikepdf.Stream(pdf, b"0 0 m 10 10 l S")
    form_x.Type, form_x.Subtype, form_x.BBox = Name.XObject, Name.Form, [0, 0, 10, 10]
    form_x[Name("/PTEX.FileName")] = String(f"/home/{CANARY}/cases/scan.pdf")
    form_x[Name("/PTEX.InfoDict")] = pdf.make_indirect(Dictionary(Author=String(CANARY)))
    pdf.pages[0].Resources = Dictionary(XObject=Dictionary(Fm0=form_x))
    pdf.pages[0].Contents = pikepdf.Stream(pdf, b"/Fm0 Do")
    return _saved(pdf)


def ocg_user() -> bytes:
    pdf = _base()
    usage = Dictionary(
        CreatorInfo=Dictionary(Creator=String("AutoCAD"), Subtype=Name.Artwork),
        User=Dictionary(Type=Name.Ind, Name=String(CANARY)),
    )
    layer = pdf.make_indirect(Dictionary(Type=Name.OCG, Name=String("Layer 1"), Usage=usage))
    pdf.Root.OCProperties = Dictionary(OCGs=[layer], D=Dictionary(Order=[layer]))
    return _saved(pdf)


def signature() -> bytes:
    pdf = _base()
    sig = pdf.make_indirect(
        Dictionary(
            Type=Name.Sig,
            Filter=Name("/Adobe.PPKLite"),
            Name=String(CANARY),
            Location=String(f"{CANARY} home"),
            ContactInfo=String(f"{CANARY}@example.org"),
            Contents=String(b"\x30\x82" + CANARY.encode()),
            ByteRange=[0, 1, 2, 3],
        )
    )
    widget = pdf.make_indirect(
        Dictionary(
            Type=Name.Annot,
            Subtype=Name.Widget,
            FT=Name.Sig,
            Rect=[0, 0, 0, 0],
            T=String("Signature1"),
            V=sig,
            P=pdf.pages[0].obj,
        )
    )
    pdf.pages[0].Annots = Array([widget])
    pdf.Root.AcroForm = Dictionary(Fields=[widget], SigFlags=3)
    pdf.Root.Perms = Dictionary(DocMDP=sig)
    return _saved(pdf)


def trailer_next() -> bytes:
    pdf = _base()
    pdf.trailer.MyApp = String(f"C:\\Users\\{CANARY}")
    pdf.Root.OpenAction = Dictionary(
        S=Name.GoTo, D=[pdf.pages[0].obj, Name.Fit], Next=Dictionary(S=Name.JavaScript, JS=String(f"// {CANARY}"))
    )
    return _saved(pdf)


def refxobj() -> bytes:
    pdf = _base()
    form_x = pikepdf.Stream(pdf, b"")
    form_x.Type, form_x.Subtype, form_x.BBox = Name.XObject, Name.Form, [0, 0, 10, 10]
    form_x.Ref = Dictionary(F=Dictionary(Type=Name.Filespec, F=String(f"C:\\Users\\{CANARY}\\orig.pdf")), Page=0)
    pdf.pages[0].Resources = Dictionary(XObject=Dictionary(Fm0=form_x))
    pdf.pages[0].Contents = pikepdf.Stream(pdf, b"/Fm0 Do")
    return _saved(pdf)


def pages_thumb() -> bytes:
    pdf = _base()
    thumb = pikepdf.Stream(pdf, exif_jpeg())
    thumb.Width, thumb.Height, thumb.ColorSpace, thumb.BitsPerComponent = 16, 16, Name.DeviceRGB, 8
    thumb.Filter = Name.DCTDecode
    pdf.Root.Pages.Thumb = thumb
    return _saved(pdf)


def screen_rendition() -> bytes:
    pdf = _base()
    video = _embedded(pdf, f"\x00\x00\x00\x18ftypisom udta ART {CANARY} +55.7558+037.6173/")
    clip = Dictionary(
        Type=Name.MediaClip,
        S=Name.MCD,
        CT=String("video/mp4"),
        D=Dictionary(Type=Name.Filespec, F=String("clip.mp4"), EF=Dictionary(F=video)),
    )
    screen = pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Screen, Rect=[0, 0, 50, 50]))
    screen.A = Dictionary(S=Name.Rendition, OP=0, R=Dictionary(Type=Name.Rendition, S=Name.MR, C=clip), AN=screen)
    pdf.pages[0].Annots = Array([screen])
    return _saved(pdf)


def gotoe() -> bytes:
    pdf = _base()
    target = Dictionary(
        Type=Name.Filespec,
        F=String(f"{CANARY}_draft.pdf"),
        EF=Dictionary(F=_embedded(pdf, f"%PDF-1.4 target by {CANARY}")),
    )
    action = Dictionary(S=Name.GoToE, NewWindow=True, D=[0, Name.Fit], F=target)
    _annots(pdf, Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=[0, 0, 9, 9], A=action))
    return _saved(pdf)


def direct_dicts() -> bytes:
    pdf = _base()
    xmp = pikepdf.Stream(pdf, _XMP)
    xmp.Type, xmp.Subtype = Name.Metadata, Name.XML
    spec = Dictionary(Type=Name.Filespec, F=String("x.txt"), EF=Dictionary(F=_embedded(pdf, f"file of {CANARY}")))
    pdf.pages[0].Resources = Dictionary(Properties=Dictionary(MC0=Dictionary(Metadata=xmp)))
    pdf.pages[0].Annots = Array([Dictionary(Type=Name.Annot, Subtype=Name.Square, Rect=[0, 0, 9, 9], AF=[spec])])
    pdf.pages[0].Contents = pikepdf.Stream(pdf, b"/OC /MC0 BDC EMC")
    return _saved(pdf)


def pixels_trailer() -> bytes:
    """Bare pixel rows followed by bytes no renderer draws."""
    pdf = _base()
    _image_page(pdf, zlib.compress(b"\x80" * 16 * 16 * 3 + f"after the pixels: {CANARY}".encode()), Name.FlateDecode)
    return _saved(pdf)


def document_level() -> bytes:
    """The usual places, all at once: Info, XMP, attached files and scripts by name, structure alt texts, piece
    info, an alt text written in the page's instructions, a private key on a font and XMP on a picture."""
    pdf = _base()
    pdf.docinfo["/Author"] = CANARY
    with pdf.open_metadata() as meta:
        meta["dc:creator"] = [CANARY]
    pdf.attachments["a.txt"] = pikepdf.AttachedFileSpec(pdf, f"by {CANARY}".encode(), filename=f"{CANARY}.txt")
    js = Dictionary(S=Name.JavaScript, JS=String(f"// {CANARY}"))
    pdf.Root.Names.JavaScript = Dictionary(Names=[String("x"), pdf.make_indirect(js)])
    element = Dictionary(Type=Name.StructElem, S=Name.Figure, Alt=String(f"photo of {CANARY}"), K=0)
    pdf.Root.StructTreeRoot = Dictionary(Type=Name.StructTreeRoot, K=pdf.make_indirect(element))
    pdf.Root.Lang = String(CANARY)
    page = pdf.pages[0]
    page.obj.PieceInfo = Dictionary(Illustrator=Dictionary(Private=String(CANARY)))
    font = Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica, Creator=String(CANARY))
    image = _image_page(pdf, zlib.compress(b"\x10" * 16 * 16 * 3), Name.FlateDecode)
    image.Metadata = pdf.make_indirect(pikepdf.Stream(pdf, _XMP))
    page.Resources.Font = Dictionary(F1=font)
    page.Contents = pikepdf.Stream(
        pdf,
        f"/Figure << /MCID 0 /Alt ({CANARY}) >> BDC q 100 0 0 100 0 0 cm /Im0 Do Q "
        f"EMC BT /F1 12 Tf 10 150 Td (Fine) Tj ET % by {CANARY}".encode(),
    )
    return _saved(pdf)


ATTACKS: dict[str, Callable[[], bytes]] = {
    f.__name__: f
    for f in (
        aa_js,
        direct_dicts,
        flate_dct,
        form,
        gotoe,
        icc,
        info_alias,
        inline_jpeg,
        irt_attachment,
        jpx_xml,
        launch_ef,
        ocg_note,
        ocg_user,
        outline_uri,
        pages_thumb,
        pixels_trailer,
        private,
        ptex,
        refxobj,
        screen_rendition,
        signature,
        trailer_next,
        document_level,
    )
}
