"""The allow-list copier behind PDF share copies: what a page needs to be drawn, and nothing else.

Each dictionary is copied according to the role it has where it was reached from (a page's resources, a font, a
colour space ...), never according to what it says it is. A key that is not on its role's list is not copied, so
data hidden in a private key, a direct dictionary or an unusual action never reaches the copy. Objects are copied
into a new document (nothing of the original's file survives but what is copied here); an object reached twice in
the same role is copied once, which also ends reference cycles.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, Stream

from locker.share import report_labels as labels
from locker.share.pdf_content import clean_content
from locker.share.pdf_fonts import EMBEDDED_FONT, GLYPH_MAP, NeedsPictures, check_content_size
from locker.share.pdf_images import copy_image_data, pixel_components
from locker.share.pdf_names import (
    NAMES_REMOVED,
    PROCESS_COLOURANTS,
    cid_system_info,
    font_name,
    is_standard_glyph,
)
from locker.share.pdf_postscript import calculator, cmap
from locker.share.pdf_schemas import (
    DEVICE_BY_COMPONENTS,
    DEVICE_SPACES,
    FONT_PROGRAMS,
    MAP_CATEGORY,
    MAX_DEPTH,
    PLAIN,
    RESOURCE_PREFIX,
    SCHEMAS,
    TEXT,
    keys_of,
    neutral_names,
    plain,
    sample_table,
)

__all__ = ["PLAIN", "RESOURCE_PREFIX", "PdfCopier", "keys_of"]


class PdfCopier:
    """Copies what pages need from `source` into `target`; `dropped` collects the keys left behind."""

    def __init__(self, target: pikepdf.Pdf) -> None:
        self.target = target
        self.dropped: set[str] = set()
        self.removed: set[str] = set()  # what the copy's report says, beyond the dropped keys
        self._memo: dict[tuple[tuple[int, int], str], Any] = {}
        self.layers: dict[tuple[int, int], Dictionary] = {}
        # The source resource dictionaries in force while instructions are cleaned (a form without its own uses
        # its parent's), and the renaming of each (see RESOURCE_PREFIX).
        self.resources: list[Any] = []
        self._renamings: dict[tuple[int, int], dict[str, str]] = {}
        self._fonts = 0
        self._font_name: Name | None = None
        self._glyphs: dict[str, str] | None = None
        self._spots: dict[str, Name] = {}

    def copy(self, value: Any, role: str, depth: int = 0) -> Any:
        """`value` as it may appear in the copy in this role, or None when nothing of it may."""
        if depth > MAX_DEPTH:
            raise ValueError("the PDF nests its drawing instructions too deeply to be checked")
        if role in (PLAIN, TEXT):
            return plain(value, role == TEXT, depth)
        if role.startswith("map:"):
            return self._map(value, role[4:], depth)
        if role.startswith("array:"):
            items: Any = value if isinstance(value, Array) else []
            copied: list[Any] = [self.copy(v, role[6:], depth + 1) for v in items]
            return Array([c for c in copied if c is not None])
        special = getattr(self, "_role_" + role, None)
        if special is not None:
            return special(value, depth)
        return self._schema(value, role, depth)

    def content_stream(self, data: bytes) -> Stream:
        return Stream(self.target, data)

    def resource_name(self, category: str, name: Any) -> Name:
        """The copy's name for the resource `name` of `category` in the resources in force: a name that is not
        there gets one that is nowhere (it drew nothing in the original either)."""
        resources = self.resources[-1] if self.resources else None
        found = resources.get(category) if isinstance(resources, Dictionary) else None
        renaming = neutral_names(found, category, self._renamings) if isinstance(found, Dictionary) else {}
        return Name(renaming.get(str(name), "/" + RESOURCE_PREFIX[category] + "0"))

    def _map(self, value: Any, role: str, depth: int) -> Dictionary | None:
        if not isinstance(value, Dictionary):
            return None
        category = MAP_CATEGORY.get(role)
        renaming = neutral_names(value, category, self._renamings) if category else {}
        if renaming:
            self.removed.add(NAMES_REMOVED)
        out = Dictionary()
        for key in keys_of(value):
            copied = self.copy(value[key], role, depth + 1)
            if copied is not None:
                out[renaming.get(key, key)] = copied
        return out

    def _schema(self, value: Any, role: str, depth: int, extra: dict[str, Any] | None = None) -> Any:
        """A dictionary or stream with only its role's keys; a stream's data is copied by `_stream_data`."""
        if not isinstance(value, Dictionary | Stream):
            return None
        key = (value.objgen, role)
        if value.is_indirect and key in self._memo:
            return self._memo[key]
        is_stream = isinstance(value, Stream)
        out: Any = Stream(self.target, b"") if is_stream else Dictionary()
        if not is_stream and value.is_indirect:
            out = self.target.make_indirect(out)
        if value.is_indirect:
            self._memo[key] = out
        schema = SCHEMAS[role]
        for name in keys_of(value):
            if name not in schema:
                if name not in ("/Length", "/Filter", "/DecodeParms"):
                    self.dropped.add(name)
                continue
            copied = self.copy(value[name], schema[name], depth + 1)
            if copied is not None:
                out[name] = copied
        for name, item in (extra or {}).items():
            out[name] = item
        if isinstance(value, Stream):
            self._stream_data(value, out, role, depth)
        return out

    def _stream_data(self, source: Stream, out: Stream, role: str, depth: int) -> None:
        if role == "image":
            copy_image_data(source, out, self)
            return
        try:
            data = source.read_bytes()
        except pikepdf.PdfError as error:
            raise ValueError("a part of the PDF uses a compression this copy cannot check") from error
        if role == "shading":
            # A mesh's vertices run to the end of the data: nothing says where they stop, so bytes after the last
            # one could hold anything.
            raise ValueError("the PDF draws a gradient mesh, whose data the copy cannot check; it is refused")
        if role == "function" and source.get("/FunctionType") == 0:
            data = sample_table(data, source)
        if role in ("content", "form", "tiling"):
            check_content_size(source)
            own = source.get("/Resources")
            self.resources.append(own if isinstance(own, Dictionary) else (self.resources or [None])[-1])
            try:
                data = clean_content(pikepdf.parse_content_stream(source), self)
            finally:
                self.resources.pop()
        elif role == "cmap":
            data = cmap(data, 1 if source.get("/WMode") == 1 else 0)
        elif role == "function" and source.get("/FunctionType") == 4:
            data = calculator(data)
        out.write(data)

    def _role_xobject(self, value: Any, depth: int) -> Any:
        subtype = value.get("/Subtype") if isinstance(value, Stream) else None
        if subtype == Name.Image:
            return self._schema(value, "image", depth)
        if subtype == Name.Form:
            return self._schema(value, "form", depth)
        return None  # PostScript XObjects and anything else: no renderer draws them

    def _role_mask(self, value: Any, depth: int) -> Any:
        return self._schema(value, "image", depth) if isinstance(value, Stream) else plain(value, False, depth)

    def _role_font(self, value: Any, depth: int) -> Any:
        """A font under a neutral name (locker.share.pdf_names); a Type 3 font's glyphs under standard or neutral
        names, its glyph procedures drawn with its own resources."""
        if not isinstance(value, Dictionary):
            return None
        if value.is_indirect and (value.objgen, "font") in self._memo:
            return self._memo[(value.objgen, "font")]
        self._fonts += 1
        descriptor = value.get("/FontDescriptor")
        if value.get("/Subtype") == Name.Type0:
            kids = value.get("/DescendantFonts")
            descriptor = kids[0].get("/FontDescriptor") if isinstance(kids, Array) and len(kids) else None
        if isinstance(descriptor, Dictionary) and any(k in descriptor for k in FONT_PROGRAMS):
            raise NeedsPictures(EMBEDDED_FONT)
        name = font_name(value, descriptor, self._fonts, embedded=False)
        if "/BaseFont" in value and value.BaseFont != name:
            self.removed.add(NAMES_REMOVED)
        procs = value.get("/CharProcs") if value.get("/Subtype") == Name.Type3 else None
        saved = self._font_name, self._glyphs
        self._font_name = name
        self._glyphs = _glyph_renaming(procs) if isinstance(procs, Dictionary) else None
        own = value.get("/Resources")
        self.resources.append(own if isinstance(own, Dictionary) else (self.resources or [None])[-1])
        try:
            return self._schema(value, "font", depth, {"/BaseFont": name})
        finally:
            self.resources.pop()
            self._font_name, self._glyphs = saved

    def _role_fontdescriptor(self, value: Any, depth: int) -> Any:
        name = self._font_name if self._font_name is not None else Name("/Font0")
        return self._schema(value, "fontdescriptor", depth, {"/FontName": name})

    def _role_charprocs(self, value: Any, depth: int) -> Any:
        if not isinstance(value, Dictionary):
            return None
        glyphs = self._glyphs or {}
        out = Dictionary()
        for key in keys_of(value):
            copied = self.copy(value[key], "content", depth + 1)
            if copied is not None:
                out[glyphs.get(key, key)] = copied
        return out

    def _role_differences(self, value: Any, depth: int) -> Any:
        """Codes and glyph names: standard names stay; a Type 3 font's own names are renamed with its glyphs; a font
        that is not embedded (an embedded one makes the copy pictures) has only standard glyphs, so another name
        draws nothing (.notdef)."""
        if not isinstance(value, Array):
            return None
        out = []
        for item in value:
            if isinstance(item, int) or (isinstance(item, Name) and is_standard_glyph(item)):
                out.append(item)
            elif isinstance(item, Name):
                out.append(Name((self._glyphs or {}).get(str(item), "/.notdef")))
                self.removed.add(NAMES_REMOVED)
        return Array(out)

    def _role_cidsysinfo(self, value: Any, depth: int) -> Any:
        return cid_system_info(value)

    def _role_encoding(self, value: Any, depth: int) -> Any:
        if isinstance(value, Stream):
            return self._schema(value, "cmap", depth)
        return self._schema(value, "encoding", depth) if isinstance(value, Dictionary) else plain(value, False, depth)

    def _role_cmap(self, value: Any, depth: int) -> Any:
        return self._schema(value, "cmap", depth) if isinstance(value, Stream) else plain(value, False, depth)

    def _role_cidtogid(self, value: Any, depth: int) -> Any:
        # A glyph map as a stream: two bytes a CID, and which CIDs the text uses is recorded nowhere cheap to read,
        # so entries nobody uses could hold anything. Only /Identity is copied.
        if isinstance(value, Stream):
            raise NeedsPictures(GLYPH_MAP)
        return plain(value, False, depth)

    def _role_fontfile(self, value: Any, depth: int) -> Any:
        raise NeedsPictures(EMBEDDED_FONT)  # a font program (locker.share.pdf_fonts)

    def _role_softmask(self, value: Any, depth: int) -> Any:
        return self._schema(value, "softmask", depth) if isinstance(value, Dictionary) else plain(value, False, depth)

    def _role_transfer(self, value: Any, depth: int) -> Any:
        return self._role_functions(value, depth) if isinstance(value, Dictionary | Stream | Array) else plain(
            value, False, depth)  # fmt: skip

    def _role_functions(self, value: Any, depth: int) -> Any:
        if isinstance(value, Array):
            return self.copy(value, "array:function", depth)
        return self._schema(value, "function", depth)

    def _role_pattern(self, value: Any, depth: int) -> Any:
        if not isinstance(value, Dictionary | Stream):
            return None
        return self._schema(value, "tiling" if value.get("/PatternType") == 1 else "shadingpattern", depth)

    def _role_properties(self, value: Any, depth: int) -> Any:
        layer = self._role_oc(value, depth)
        return layer if layer is not None else Dictionary()  # a marked-content property list: nothing in it is drawn

    def _role_oc(self, value: Any, depth: int) -> Any:
        if not isinstance(value, Dictionary):
            return None
        if value.get("/Type") == Name.OCMD:
            return self._schema(value, "ocmd", depth)
        if value.get("/Type") != Name.OCG:
            return None
        known = self._memo.get((value.objgen, "ocg")) if value.is_indirect else None
        if known is not None:
            return known
        layer = self._schema(value, "ocg", depth, {"/Name": pikepdf.String(f"Layer {len(self.layers) + 1}")})
        if value.is_indirect:
            self.layers[value.objgen] = layer
        if "/Name" in value:
            self.dropped.add("/OCGName")
        return layer

    def _role_gsfont(self, value: Any, depth: int) -> Any:
        """A graphics state's font: [font size]."""
        if not isinstance(value, Array) or len(value) != 2 or not isinstance(value[1], int | float | Decimal):
            return None
        font = self._role_font(value[0], depth + 1)
        return None if font is None else Array([font, value[1]])

    def _role_ve(self, value: Any, depth: int) -> Any:
        """A visibility expression ([/Not layer], [/And ...], [/Or ...]) with its layers copied."""
        if depth > MAX_DEPTH:
            raise ValueError("the PDF nests its values too deeply to be checked")
        if isinstance(value, Dictionary):
            return self._role_oc(value, depth)
        if not isinstance(value, Array) or len(value) < 2 or value[0] not in (Name.And, Name.Or, Name.Not):
            return None
        items = [self._role_ve(v, depth + 1) for v in list(value)[1:]]
        return None if any(i is None for i in items) else Array([value[0], *items])

    def _role_ocgs(self, value: Any, depth: int) -> Any:
        if isinstance(value, Array):
            return Array([c for c in (self._role_oc(v, depth + 1) for v in value) if c is not None])
        return self._role_oc(value, depth)

    def _role_colorspace(self, value: Any, depth: int) -> Any:
        if isinstance(value, Name):
            return value if str(value) in DEVICE_SPACES else None
        if not isinstance(value, Array) or len(value) == 0 or not isinstance(value[0], Name):
            return None
        family = str(value[0])
        rest = [value[i] for i in range(1, len(value))]
        if family in DEVICE_SPACES and not rest:
            return Array([Name(family)])
        if family == "/ICCBased" and rest and isinstance(rest[0], Stream):
            # ICC profiles name the device or the person who made them: the matching device space draws the same.
            self.removed.add(labels.PDF_COLOUR_PROFILES)
            return DEVICE_BY_COMPONENTS.get(int(rest[0].get("/N", 0)))
        if family in ("/CalRGB", "/CalGray", "/Lab") and rest:
            return Array([Name(family), self._schema(rest[0], "calspace", depth)])
        if family == "/Pattern":
            base = [self._role_colorspace(rest[0], depth + 1)] if rest else []
            return Array([Name.Pattern, *[b for b in base if b is not None]])
        if family in ("/Indexed", "/I") and len(rest) >= 3:
            base, highest, lookup = self._role_colorspace(rest[0], depth + 1), rest[1], rest[2]
            components = pixel_components(base)
            if base is None or components is None or not isinstance(highest, int) or not 0 <= highest <= 255:
                return None
            try:
                table = bytes(lookup) if isinstance(lookup, pikepdf.String) else lookup.read_bytes()
            except (AttributeError, pikepdf.PdfError):
                return None
            # The palette's own size: bytes after its last colour are used by nobody.
            table = table[: (highest + 1) * components]
            return Array([Name.Indexed, base, highest, Stream(self.target, table)])
        if family in ("/Separation", "/DeviceN") and len(rest) >= 3:
            alternate = self._role_colorspace(rest[1], depth + 1)
            tint = self._role_functions(rest[2], depth + 1)
            if alternate is None or tint is None:
                return None
            return Array([Name(family), self._colourants(rest[0]), alternate, tint])
        return None

    def _colourants(self, value: Any) -> Any:
        """Process colourants keep their names; a spot colour's name (a printing plate's) becomes Spot1, Spot2 ..."""
        if isinstance(value, Array):
            return Array([self._colourants(v) for v in value])
        text = str(value)
        if text in PROCESS_COLOURANTS:
            return value
        self.removed.add(NAMES_REMOVED)
        return self._spots.setdefault(text, Name(f"/Spot{len(self._spots) + 1}"))


def _glyph_renaming(procs: Dictionary) -> dict[str, str]:
    names = sorted(keys_of(procs))
    return {n: ("/" + n[1:] if is_standard_glyph(n) else f"/g{i + 1}") for i, n in enumerate(names)}
