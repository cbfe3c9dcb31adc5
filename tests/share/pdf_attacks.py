"""PDFs that hide one value (CANARY) where a reader does not look: review 15c's 21 files, ported, plus a few more.

The canary is never in the Info dictionary or the document's XMP (except in `info_alias` and `document_level`), so
the re-check, which searches for recorded values, cannot catch it: only the sanitiser can keep it out of the copy.
Each builder returns the file's bytes; all are one 200x200 page and build in milliseconds.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from tests.share.pdf_attack_pictures import (
    CANARY,
    XMP,
    base,
    flate_dct,
    icc,
    image_page,
    inline_jpeg,
    jpx_xml,
    pages_thumb,
    pixels_trailer,
    saved,
)
from tests.share.pdf_attacks_annots import ANNOT_ATTACKS
from tests.share.pdf_attacks_code import CODE_ATTACKS
from tests.share.pdf_attacks_fonts import FONT_ATTACKS
from tests.share.pdf_attacks_inline import INLINE_ATTACKS
from tests.share.pdf_attacks_names import NAME_ATTACKS
from tests.share.pdf_attacks_streams import STREAM_ATTACKS


def _embedded(pdf: pikepdf.Pdf, text: str) -> pikepdf.Stream:
    stream = pikepdf.Stream(pdf, text.encode())
    stream.Type = Name.EmbeddedFile
    return stream


def _annots(pdf: pikepdf.Pdf, *annots: Dictionary) -> None:
    pdf.pages[0].Annots = pdf.make_indirect(Array([pdf.make_indirect(a) for a in annots]))


def launch_ef() -> bytes:
    pdf = base()
    path = String(f"C:\\Users\\{CANARY}\\notes.txt")
    spec = Dictionary(Type=Name.Filespec, F=path, UF=path, EF=Dictionary(F=_embedded(pdf, f"notes by {CANARY}")))
    _annots(
        pdf, Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=[0, 0, 50, 50], A=Dictionary(S=Name.Launch, F=spec))
    )
    return saved(pdf)


def aa_js() -> bytes:
    pdf = base()
    pdf.Root.AA = Dictionary(WC=Dictionary(S=Name.JavaScript, JS=String(f"app.alert('{CANARY}')")))
    pdf.pages[0].AA = Dictionary(O=Dictionary(S=Name.JavaScript, JS=String(f"var who='{CANARY}'")))
    pdf.Root.OpenAction = Array([pdf.pages[0].obj, Name.Fit])
    return saved(pdf)


def form() -> bytes:
    pdf = base()
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
    return saved(pdf)


def private() -> bytes:
    pdf = base()
    private_xmp = f"<xmp:CreatorTool>{CANARY}</xmp:CreatorTool>".encode()
    pdf.Root.AIPrivateData1 = pdf.make_indirect(pikepdf.Stream(pdf, private_xmp))
    pdf.pages[0].obj.PrivateInfo = Dictionary(User=String(f"C:\\Users\\{CANARY}\\Desktop"))
    return saved(pdf)


def ocg_note() -> bytes:
    pdf = base()
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
    return saved(pdf)


def info_alias() -> bytes:
    pdf = base()
    with pdf.open_metadata() as meta:
        meta["dc:creator"] = [CANARY]
    info = pdf.make_indirect(Dictionary(Author=String(CANARY), Producer=String("Word")))
    pdf.trailer.Info = info
    pdf.Root.Extra = info  # the same object reachable from the catalog
    return saved(pdf)


def outline_uri() -> bytes:
    pdf = base()
    entry = pdf.make_indirect(
        Dictionary(Title=String(f"C:\\Users\\{CANARY}\\case.docx"), Dest=[pdf.pages[0].obj, Name.Fit])
    )
    pdf.Root.Outlines = pdf.make_indirect(Dictionary(Type=Name.Outlines, First=entry, Last=entry, Count=1))
    entry.Parent = pdf.Root.Outlines
    uri = Dictionary(S=Name.URI, URI=String(f"file:///C:/Users/{CANARY}/x.pdf"))
    _annots(pdf, Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=[0, 0, 9, 9], A=uri))
    return saved(pdf)


def irt_attachment() -> bytes:
    pdf = base()
    spec = Dictionary(Type=Name.Filespec, F=String(f"{CANARY}.txt"), EF=Dictionary(F=_embedded(pdf, f"by {CANARY}")))
    attached = pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.FileAttachment, Rect=[0, 0, 5, 5], FS=spec))
    reply = pdf.make_indirect(
        Dictionary(Type=Name.Annot, Subtype=Name.Text, Rect=[0, 0, 5, 5], IRT=attached, Contents=String("ok"))
    )
    pdf.pages[0].Annots = Array([attached, reply])
    return saved(pdf)


def ptex() -> bytes:
    pdf = base()
    form_x = pikepdf.Stream(pdf, b"0 0 m 10 10 l S")
    form_x.Type, form_x.Subtype, form_x.BBox = Name.XObject, Name.Form, [0, 0, 10, 10]
    form_x[Name("/PTEX.FileName")] = String(f"/home/{CANARY}/cases/scan.pdf")
    form_x[Name("/PTEX.InfoDict")] = pdf.make_indirect(Dictionary(Author=String(CANARY)))
    pdf.pages[0].Resources = Dictionary(XObject=Dictionary(Fm0=form_x))
    pdf.pages[0].Contents = pikepdf.Stream(pdf, b"/Fm0 Do")
    return saved(pdf)


def ocg_user() -> bytes:
    pdf = base()
    usage = Dictionary(
        CreatorInfo=Dictionary(Creator=String("AutoCAD"), Subtype=Name.Artwork),
        User=Dictionary(Type=Name.Ind, Name=String(CANARY)),
    )
    layer = pdf.make_indirect(Dictionary(Type=Name.OCG, Name=String("Layer 1"), Usage=usage))
    pdf.Root.OCProperties = Dictionary(OCGs=[layer], D=Dictionary(Order=[layer]))
    return saved(pdf)


def signature() -> bytes:
    pdf = base()
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
    return saved(pdf)


def trailer_next() -> bytes:
    pdf = base()
    pdf.trailer.MyApp = String(f"C:\\Users\\{CANARY}")
    pdf.Root.OpenAction = Dictionary(
        S=Name.GoTo, D=[pdf.pages[0].obj, Name.Fit], Next=Dictionary(S=Name.JavaScript, JS=String(f"// {CANARY}"))
    )
    return saved(pdf)


def refxobj() -> bytes:
    pdf = base()
    form_x = pikepdf.Stream(pdf, b"")
    form_x.Type, form_x.Subtype, form_x.BBox = Name.XObject, Name.Form, [0, 0, 10, 10]
    form_x.Ref = Dictionary(F=Dictionary(Type=Name.Filespec, F=String(f"C:\\Users\\{CANARY}\\orig.pdf")), Page=0)
    pdf.pages[0].Resources = Dictionary(XObject=Dictionary(Fm0=form_x))
    pdf.pages[0].Contents = pikepdf.Stream(pdf, b"/Fm0 Do")
    return saved(pdf)


def screen_rendition() -> bytes:
    pdf = base()
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
    return saved(pdf)


def gotoe() -> bytes:
    pdf = base()
    target = Dictionary(
        Type=Name.Filespec,
        F=String(f"{CANARY}_draft.pdf"),
        EF=Dictionary(F=_embedded(pdf, f"%PDF-1.4 target by {CANARY}")),
    )
    action = Dictionary(S=Name.GoToE, NewWindow=True, D=[0, Name.Fit], F=target)
    _annots(pdf, Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=[0, 0, 9, 9], A=action))
    return saved(pdf)


def direct_dicts() -> bytes:
    pdf = base()
    xmp = pikepdf.Stream(pdf, XMP)
    xmp.Type, xmp.Subtype = Name.Metadata, Name.XML
    spec = Dictionary(Type=Name.Filespec, F=String("x.txt"), EF=Dictionary(F=_embedded(pdf, f"file of {CANARY}")))
    pdf.pages[0].Resources = Dictionary(Properties=Dictionary(MC0=Dictionary(Metadata=xmp)))
    pdf.pages[0].Annots = Array([Dictionary(Type=Name.Annot, Subtype=Name.Square, Rect=[0, 0, 9, 9], AF=[spec])])
    pdf.pages[0].Contents = pikepdf.Stream(pdf, b"/OC /MC0 BDC EMC")
    return saved(pdf)


def unused_resources() -> bytes:
    """A page that lists a picture and a form it never draws: what an editor leaves behind after a replacement."""
    pdf = base()
    image_page(pdf, zlib.compress(b"\x80" * 16 * 16 * 3), Name.FlateDecode)
    old_scan = pikepdf.Stream(pdf, zlib.compress(f"pixels spelling {CANARY} ".encode() * 40))
    old_scan.Type, old_scan.Subtype, old_scan.Width, old_scan.Height = Name.XObject, Name.Image, 32, 10
    old_scan.ColorSpace, old_scan.BitsPerComponent, old_scan.Filter = Name.DeviceRGB, 8, Name.FlateDecode
    old_text = pikepdf.Stream(pdf, f"BT /F1 9 Tf ({CANARY}) Tj ET".encode())
    old_text.Type, old_text.Subtype, old_text.BBox = Name.XObject, Name.Form, [0, 0, 100, 20]
    pdf.pages[0].Resources.XObject.Old = old_scan
    pdf.pages[0].Resources.XObject.Fm9 = old_text
    return saved(pdf)


def document_level() -> bytes:
    """The usual places, all at once: Info, XMP, attached files and scripts by name, structure alt texts, piece
    info, an alt text written in the page's instructions, a private key on a font and XMP on a picture."""
    pdf = base()
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
    image = image_page(pdf, zlib.compress(b"\x10" * 16 * 16 * 3), Name.FlateDecode)
    image.Metadata = pdf.make_indirect(pikepdf.Stream(pdf, XMP))
    page.Resources.Font = Dictionary(F1=font)
    page.Contents = pikepdf.Stream(
        pdf,
        f"/Figure << /MCID 0 /Alt ({CANARY}) >> BDC q 100 0 0 100 0 0 cm /Im0 Do Q "
        f"EMC BT /F1 12 Tf 10 150 Td (Fine) Tj ET % by {CANARY}".encode(),
    )
    return saved(pdf)


ATTACKS: dict[str, Callable[[], bytes]] = (
    {
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
            unused_resources,
            document_level,
        )
    }
    | ANNOT_ATTACKS
    | NAME_ATTACKS
    | STREAM_ATTACKS
    | INLINE_ATTACKS
    | CODE_ATTACKS
    | FONT_ATTACKS
)
