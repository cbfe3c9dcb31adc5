"""Names and strings a copy kept as they were (review s6 L2, L3): each carries CANARY."""

from __future__ import annotations

from pikepdf import Array, Dictionary, Name, Stream, String

from tests.share.pdf_attack_pictures import CANARY, saved
from tests.share.pdf_attacks_code import _base


def name_basefont() -> bytes:
    pdf = _base()
    pdf.pages[0].Resources.Font.F1.BaseFont = Name(f"/ABCDEF+{CANARY}-Handwriting")
    return saved(pdf)


def name_resource_key() -> bytes:
    pdf = _base(b"BT /" + CANARY.encode() + b" 12 Tf 72 720 Td (Fine) Tj ET")
    resources = pdf.pages[0].Resources
    resources.Font = Dictionary({"/" + CANARY: resources.Font.F1})
    return saved(pdf)


def name_separation() -> bytes:
    tint = Dictionary(FunctionType=2, Domain=[0, 1], C0=[1], C1=[0], N=1)
    pdf = _base(b"/CS0 cs 1 scn 0 0 100 100 re f")
    pdf.pages[0].Resources.ColorSpace = Dictionary(CS0=Array([Name.Separation, Name("/" + CANARY), Name.DeviceGray,
                                                              tint]))  # fmt: skip
    return saved(pdf)


def name_image_intent() -> bytes:
    pdf = _base(b"q 100 0 0 100 0 0 cm /Im0 Do Q")
    image = Stream(pdf, b"\x80" * 16)
    image.Type, image.Subtype, image.Width, image.Height = Name.XObject, Name.Image, 4, 4
    image.ColorSpace, image.BitsPerComponent, image.Intent = Name.DeviceGray, 8, Name("/" + CANARY)
    pdf.pages[0].Resources.XObject = Dictionary(Im0=image)
    return saved(pdf)


def name_differences() -> bytes:
    pdf = _base()
    pdf.pages[0].Resources.Font.F1.Encoding = Dictionary(Type=Name.Encoding, Differences=[65, Name("/" + CANARY)])
    return saved(pdf)


def name_ocg_intent() -> bytes:
    pdf = _base(b"/OC /L0 BDC 0 0 m 9 9 l S EMC")
    layer = Dictionary(Type=Name.OCG, Name=String("Layer"), Intent=Array([Name.View, Name("/" + CANARY)]))
    layer = pdf.make_indirect(layer)
    pdf.Root.OCProperties = Dictionary(OCGs=[layer], D=Dictionary(ON=[layer]))
    pdf.pages[0].Resources.Properties = Dictionary(L0=layer)
    return saved(pdf)


def extgstate_names() -> bytes:
    pdf = _base(b"/GS0 gs 0 0 m 10 10 l S")
    state = Dictionary(Type=Name.ExtGState, BM=Array([Name.Normal, Name("/" + CANARY)]), RI=Name("/" + CANARY))
    pdf.pages[0].Resources.ExtGState = Dictionary(GS0=state)
    return saved(pdf)


def form_group_cs_name() -> bytes:
    pdf = _base(b"/Fm0 Do")
    form = Stream(pdf, b"0 0 m 10 10 l S")
    form.Type, form.Subtype, form.BBox = Name.XObject, Name.Form, [0, 0, 100, 100]
    form.Group = Dictionary(Type=Name.Group, S=Name("/" + CANARY), CS=Name.DeviceRGB)
    pdf.pages[0].Resources.XObject = Dictionary(Fm0=form)
    return saved(pdf)


def cidsysinfo_string() -> bytes:
    pdf = _base(b"BT /F2 12 Tf 72 100 Td <0001> Tj ET")
    info = Dictionary(Registry=String(CANARY), Ordering=String(f"C:\\Users\\{CANARY}"), Supplement=0)
    descriptor = Dictionary(Type=Name.FontDescriptor, FontName=Name.Helvetica, Flags=32, FontBBox=[0, 0, 1000, 1000],
                            ItalicAngle=0, Ascent=800, Descent=-200, CapHeight=700, StemV=80)  # fmt: skip
    cid = Dictionary(Type=Name.Font, Subtype=Name.CIDFontType2, BaseFont=Name.Helvetica, CIDSystemInfo=info,
                     FontDescriptor=descriptor, DW=1000)  # fmt: skip
    pdf.pages[0].Resources.Font.F2 = Dictionary(Type=Name.Font, Subtype=Name.Type0, BaseFont=Name.Helvetica,
                                                Encoding=Name("/Identity-H"), DescendantFonts=[cid])  # fmt: skip
    return saved(pdf)


NAME_ATTACKS = {
    f.__name__: f
    for f in (
        name_basefont,
        name_resource_key,
        name_separation,
        name_image_intent,
        name_differences,
        name_ocg_intent,
        extgstate_names,
        form_group_cs_name,
        cidsysinfo_string,
    )
}
