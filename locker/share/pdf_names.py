"""Name objects a PDF share copy may keep: the ones the PDF standard defines, never a writer's own words.

A PDF name can hold any text (`/BaseFont /Olga#20Petrova-Signature`, a blend mode `/Ivanov`), so a name value is
copied only when it is one of the standard names below; otherwise it is left out, or replaced where drawing needs
a name: fonts are called Font1, Font2 ... (an embedded subset keeps the "ABCDEF+" form), a font that is not
embedded keeps a standard or common system font name (else the standard font its descriptor describes), spot
colours become Spot1, Spot2 ... (readers draw them through their alternate space), a CID font's collection is
Adobe's, and a glyph name must be one of the Adobe Glyph List (reportlab ships it) or a uniXXXX / numbered form.
Resource names (the keys a page's instructions use) are renamed by locker.share.pdf_copy.
"""

from __future__ import annotations

import re
from typing import Any

from pikepdf import Dictionary, Name, String
from reportlab.pdfbase._glyphlist import _glyphname2unicode

from locker.share import report_labels as labels

_STANDARD_WORDS = (
    # /Type and /Subtype values, font file subtypes
    "Font FontDescriptor Encoding XObject Image Form ExtGState Pattern Group Mask OCG OCMD CMap Type0 Type1 "
    "MMType1 Type3 TrueType CIDFontType0 CIDFontType2 Type1C CIDFontType0C OpenType Halftone "
    # encodings, procedure sets, CID to GID
    "StandardEncoding MacRomanEncoding WinAnsiEncoding PDFDocEncoding MacExpertEncoding Identity "
    "PDF Text ImageB ImageC ImageI "
    # blend modes, rendering intents, groups and soft masks, transfer functions, optional content
    "Normal Compatible Multiply Screen Overlay Darken Lighten ColorDodge ColorBurn HardLight SoftLight "
    "Difference Exclusion Hue Saturation Color Luminosity AbsoluteColorimetric RelativeColorimetric Perceptual "
    "Transparency Alpha None Default AllOn AnyOn AnyOff AllOff View Design All ON OFF Unchanged "
    # font stretch, colour space families
    "UltraCondensed ExtraCondensed Condensed SemiCondensed SemiExpanded Expanded ExtraExpanded UltraExpanded "
    "DeviceGray DeviceRGB DeviceCMYK CalGray CalRGB Lab ICCBased Indexed Separation DeviceN "
    "G RGB CMYK I"
)
_STANDARD = frozenset("/" + word for word in _STANDARD_WORDS.split())
# Predefined CMaps (ISO 32000-2 Table 116 and Adobe's later ones): a Type 0 font's /Encoding or a /UseCMap.
_PREDEFINED_CMAP = re.compile(
    r"/(?:(?:Identity|Uni(?:GB|CNS|JIS|JIS2004|JISX0213|JISX02132004|KS|AKR)-(?:UCS2|UCS2-HW|UTF8|UTF16|UTF32)|"
    r"GB-EUC|GBpc-EUC|GBK-EUC|GBKp-EUC|GBK2K|GBT-EUC|GBTpc-EUC|GBT|B5pc|B5|HKscs-B5|ETen-B5|ETenms-B5|ETHK-B5|"
    r"HKdla-B5|HKdlb-B5|HKgccs-B5|HKm314-B5|HKm471-B5|CNS-EUC|CNS1|CNS2|83pv-RKSJ|90ms-RKSJ|90msp-RKSJ|90pv-RKSJ|"
    r"78-RKSJ|78ms-RKSJ|78-EUC|78|Add-RKSJ|Add|EUC|Ext-RKSJ|Ext|NWP|RKSJ|Hankaku|Hiragana|Katakana|Roman|"
    r"WP-Symbol|KSC-EUC|KSCms-UHC|KSCms-UHC-HW|KSCpc-EUC|KSC|KSC-Johab)-[HV]|H|V)"
)
_STANDARD_FONT = re.compile(
    r"/(?:Times|Helvetica|Courier|Symbol|ZapfDingbats|Arial|ArialMT|ArialNarrow|TimesNewRoman|TimesNewRomanPS|"
    r"TimesNewRomanPSMT|CourierNew|CourierNewPS|CourierNewPSMT|Calibri|Cambria|CambriaMath|Candara|Consolas|"
    r"Constantia|Corbel|Georgia|Verdana|Tahoma|Trebuchet|TrebuchetMS|SegoeUI|Garamond|BookAntiqua|Bookman|"
    r"CenturyGothic|Century|ComicSansMS|Impact|LucidaConsole|LucidaSans|PalatinoLinotype|Palatino|SymbolMT|"
    r"Wingdings|Webdings|MSGothic|MS-Gothic|MSMincho|MS-Mincho|SimSun|SimHei|MingLiU|Batang|Gulim|Dotum|"
    r"DejaVuSans|DejaVuSerif|DejaVuSansMono|LiberationSans|LiberationSerif|LiberationMono|NotoSans|NotoSerif)"
    r"(?:[-,](?:Roman|Regular|Bold|Italic|Oblique|BoldItalic|BoldOblique|Light|Medium|Semibold|Black|Condensed|"
    r"MT|PSMT|BoldMT|ItalicMT|BoldItalicMT|Identity-H|Identity-V))*"
)
_NUMBERED_GLYPH = re.compile(r"(?:uni(?:[0-9A-F]{4})+|u[0-9A-F]{4,6}|(?:g|G|glyph|cid|c|a|index)\d{1,5})")
_GLYPH_SUFFIX = re.compile(r"[a-z0-9]{1,6}")
PROCESS_COLOURANTS = frozenset({"/Cyan", "/Magenta", "/Yellow", "/Black", "/All", "/None"})
_CID_ORDERINGS = frozenset({"Identity", "Japan1", "Japan2", "GB1", "CNS1", "Korea1", "KR", "UCS"})
NAMES_REMOVED = labels.PDF_WRITER_NAMES


def is_standard(name: Any) -> bool:
    text = str(name)
    return text in _STANDARD or bool(_PREDEFINED_CMAP.fullmatch(text))


def is_standard_glyph(name: Any) -> bool:
    """An Adobe Glyph List name, uniXXXX / uXXXX / a numbered glyph, ligatures of those joined by "_", and a short
    lower-case variant suffix (".sc", ".alt1")."""
    text = str(name)[1:]
    if text == ".notdef":
        return True
    base, _, suffix = text.partition(".")
    if suffix and not _GLYPH_SUFFIX.fullmatch(suffix):
        return False
    parts = base.split("_")
    return bool(base) and all(p in _glyphname2unicode or _NUMBERED_GLYPH.fullmatch(p) for p in parts)


def font_name(font: Dictionary, descriptor: Any, number: int, embedded: bool) -> Name:
    """The name a copied font goes by: neutral when it is embedded (readers draw it from its own program), else a
    standard or common system font name, which readers need to pick a substitute."""
    original = font.get("/BaseFont")
    if embedded or font.get("/Subtype") in (Name.Type3, Name.Type0):
        subset = isinstance(original, Name) and re.fullmatch(r"/[A-Z]{6}\+.*", str(original))
        return Name(f"/{_subset_tag(number)}+Font{number}" if subset else f"/Font{number}")
    if isinstance(original, Name) and _STANDARD_FONT.fullmatch(str(original)):
        return original
    return _standard_like(descriptor, str(original) if isinstance(original, Name) else "")


def _subset_tag(number: int) -> str:
    letters = ""
    for _ in range(6):
        number, digit = divmod(number, 26)
        letters = chr(ord("A") + digit) + letters
    return letters


def _standard_like(descriptor: Any, original: str) -> Name:
    """The standard font nearest to what the descriptor says (fixed pitch, serif, bold, italic)."""
    flags = int(descriptor.get("/Flags", 0)) if isinstance(descriptor, Dictionary) else 0
    weight = descriptor.get("/FontWeight", 400) if isinstance(descriptor, Dictionary) else 400
    bold = bool(flags & (1 << 18)) or float(weight) >= 600 or "bold" in original.lower()
    italic = bool(flags & (1 << 6)) or "italic" in original.lower() or "oblique" in original.lower()
    if flags & 1:
        family, styles = "Courier", ("", "-Bold", "-Oblique", "-BoldOblique")
    elif flags & 2:
        family, styles = "Times", ("-Roman", "-Bold", "-Italic", "-BoldItalic")
    else:
        family, styles = "Helvetica", ("", "-Bold", "-Oblique", "-BoldOblique")
    return Name("/" + family + styles[bold + 2 * italic])


def cid_system_info(value: Any) -> Dictionary | None:
    """Adobe's registry, a standard ordering (else Identity), the supplement number."""
    if not isinstance(value, Dictionary):
        return None
    ordering = value.get("/Ordering")
    text = str(ordering) if isinstance(ordering, String) else ""
    supplement = value.get("/Supplement", 0)
    return Dictionary(
        Registry=String("Adobe"),
        Ordering=String(text if text in _CID_ORDERINGS else "Identity"),
        Supplement=supplement if isinstance(supplement, int) else 0,
    )
