"""The parsing half of the re-check of a finished share copy, run in the sandbox on the copy's bytes.

Two looks, either of which refuses the copy: our own metadata reader must find no identifying summary field, and
the identifying values of the original must not occur in anything the copy holds compressed (PDF streams, ZIP
members and the members of ZIPs inside them, down to MAX_NESTING; each searched for the values a piece of its size
cannot contain by chance, see locker.share.needles). A PDF is also searched where its bytes never hold a name whole:
in its pages' text as a reader extracts it (pdfium applies the fonts' encodings and ToUnicode maps, and joins kerned
runs and one run per word), as whole words whatever the spaces between their letters or their case, and in its
name objects with their #xx escapes decoded. A PDF copy is pictures of its pages and has no text: the text of the
original's pages as they were drawn is searched instead (`original=True`).

An XML member is searched in what can carry someone's data: its text and its attribute values, not its namespace
URIs, schema references, content types and font names, which every file of the format has ("Microsoft" and
"Office" are in every part Word writes: a company called Microsoft must not refuse every copy). An XML member that
does not parse is searched byte for byte.
The raw-byte search needs no parsing, so the app does it itself while hashing the copy (locker.share.service):
the copy's bytes are read once there, not twice.
"""

from __future__ import annotations

import io
import itertools
import re
import zipfile
from typing import IO, Any

from defusedxml import ElementTree

from locker.share.needles import NeedleSearch
from locker.share.refusals import Finding, FindingKind
from locker.share.sandbox_refusals import RecheckNestedTooDeep, RecheckTooLarge

CHUNK = 4 * 1024 * 1024
_IDENTIFYING_SUMMARY = ("gps_latitude", "gps_longitude", "make", "model", "serial_numbers", "software", "author",
                        "capture_time")  # fmt: skip
MAX_EXPANDED = 1024 * 1024 * 1024
#: Of a PDF copy's pictures, the pixels decoded and searched; the rest are searched as stored (_expand_pdf).
MAX_PIXELS_SEARCHED = 512 * 1024 * 1024
MAX_NESTING = 3
# Attributes whose values are markup, never data: markup-compatibility lists, schema locations, relationship
# types, content types, font names.
_MARKUP_ATTRIBUTES = frozenset({
    "Ignorable", "Requires", "PreserveElements", "PreserveAttributes", "ProcessContent", "MustUnderstand",
    "schemaLocation", "noNamespaceSchemaLocation", "Type", "ContentType", "Extension", "typeface", "ascii", "hAnsi",
    "eastAsia", "cs", "font-family", "font-name", "font-family-generic", "panose1",
})  # fmt: skip
_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_WHITESPACE = re.compile(r"\s+")
_COMMENTS = re.compile(rb"<!--.*?-->|<\?(?!xml\s).*?\?>", re.DOTALL)
_SCHEMA_URI = re.compile(
    r"^(?:https?://(?:schemas\.openxmlformats\.org|schemas\.microsoft\.com|purl\.org|www\.w3\.org|"
    r"openoffice\.org|ns\.adobe\.com)/|urn:(?:oasis|schemas-microsoft-com|org\.openoffice):)",
    re.IGNORECASE,
)


def recheck(f: IO[bytes], media_type: str, needles: list[str], original: bool = False) -> dict[str, Any]:
    """{"findings": [[kind, value], ...]} (locker.share.refusals.Finding as JSON): empty when the copy is clean.

    `original`: `f` is the original PDF of a copy made of pictures of its pages, which has no text to search: its
    pictures show what the original's pages show, so the text of the pages as they are drawn (the original with its
    visible annotations and form fields drawn into them: locker.share.pdf_pictures.drawn_original, the same bytes
    pdfium draws) is searched instead (a hit is VALUE_SHOWN: the pictures show it)."""
    if original:
        if media_type != "application/pdf":
            raise ValueError("only a PDF's pages are searched in the original")
        from locker.share.pdf_pictures import drawn_original  # noqa: PLC0415 - PDF re-checks only

        drawn = drawn_original(f)[0]  # type: ignore[arg-type]
        hits = _names_in_page_text(io.BytesIO(drawn), needles)
        return {"findings": [Finding(FindingKind.VALUE_SHOWN, hit).to_json() for hit in hits]}
    findings: list[Finding] = []
    findings.extend(_reader_findings(f, media_type))
    inner = NeedleSearch(needles)
    f.seek(0)
    if media_type == "application/pdf":
        _expand_pdf(f, inner)
        f.seek(0)
        inner.hits.update(dict.fromkeys(_names_in_page_text(f, needles)))
    elif media_type.startswith("application/vnd.") and zipfile.is_zipfile(f):
        f.seek(0)
        _expand_zip(f, inner)
    findings.extend(Finding(FindingKind.VALUE_COMPRESSED, hit) for hit in inner.hits)
    return {"findings": [finding.to_json() for finding in findings]}


def _reader_findings(f: IO[bytes], media_type: str) -> list[Finding]:
    from locker.metadata.readers.registry import reader_for  # noqa: PLC0415

    found = reader_for(media_type)
    if found is None:
        return []
    _name, reader = found
    f.seek(0)
    result = reader(f, media_type)
    findings = []
    for key in _IDENTIFYING_SUMMARY:
        value = result.summary.get(key)
        if value not in (None, "", [], ()):
            findings.append(Finding(FindingKind.READER_FIELD, key))
    for section in ("xmp", "iptc", "comment", "png_text"):
        if result.raw.get(section):
            findings.append(Finding(FindingKind.READER_SECTION, section))
    return findings


def _expand_pdf(f: IO[bytes], search: NeedleSearch) -> None:
    import pikepdf  # noqa: PLC0415

    used = {True: 0, False: 0}  # decoded bytes searched: pictures' pixels, everything else
    with pikepdf.open(f) as pdf:  # type: ignore[arg-type]
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                picture = obj.get("/Subtype") == pikepdf.Name.Image
                if picture and used[True] + _pixel_bytes(obj) > MAX_PIXELS_SEARCHED:
                    # A long copy made of pictures (200 colour pages at 150 dpi decode to 1.3 GB) is not refused
                    # for its pixels, where no recorded text is written: past the budget a picture's stream is
                    # searched as stored, not decoded.
                    search.feed_piece(obj.read_raw_bytes())
                    continue
                try:
                    data = obj.read_bytes()
                except pikepdf.PdfError:
                    data = obj.read_raw_bytes()
                used[picture] += len(data)
                limit = MAX_PIXELS_SEARCHED if picture else MAX_EXPANDED
                if used[picture] > limit:
                    raise RecheckTooLarge(limit_size=limit)
                search.feed_piece(data)
            elif isinstance(obj, pikepdf.String | pikepdf.Dictionary | pikepdf.Array):
                written = bytes(obj.unparse(resolved=True))  # not "4 0 R": the object itself
                search.feed_piece(written)
                # qpdf writes a name's spaces and non-ASCII bytes as #xx ("/Tatiana#20Hidden#20Witness").
                # Lower-cased as text: the search lowers only ASCII letters ("Татьяна" -> "татьяна").
                names = _NAME_ESCAPE.sub(lambda m: bytes([int(m[1], 16)]), written)
                search.feed_piece(names.decode("utf-8", "replace").lower().encode("utf-8"))


def _pixel_bytes(picture: Any) -> int:
    """What a picture's stream decodes to, by its declared size (a copy's pictures are cut to it)."""
    try:
        width, height = int(picture.get("/Width", 0)), int(picture.get("/Height", 0))
        bits = int(picture.get("/BitsPerComponent", 1))
    except (TypeError, ValueError):
        return 0
    colours = {"/DeviceRGB": 3, "/DeviceCMYK": 4}.get(str(picture.get("/ColorSpace", "")), 1)
    return height * ((width * colours * bits + 7) // 8)


def _names_in_page_text(f: IO[bytes], needles: list[str]) -> list[str]:
    """The needles in the pages' text as a reader extracts it (pdfium: through encodings, Differences, ToUnicode
    maps, hex and UTF-16 strings, kerned TJ arrays and one run per word), as whole words in any case, with any
    whitespace (or none) between a needle's characters: a writer splits a name over runs, so its bytes never hold
    it whole. Whole words, because a short first name is part of many ordinary words ("Анна" in "Указанная")."""
    import pypdfium2  # noqa: PLC0415

    wanted = {needle: (_squeezed(needle), pattern) for needle in needles if (pattern := _word_pattern(needle))}
    document = pypdfium2.PdfDocument(f)
    found: dict[str, None] = {}
    try:
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            squeezed = _squeezed(textpage.get_text_range())
            candidates = {needle: pattern for needle, (form, pattern) in wanted.items() if form in squeezed}
            text = _glyph_separated_text(textpage).casefold() if candidates else ""
            textpage.close()
            page.close()
            found.update((needle, None) for needle, pattern in candidates.items() if pattern.search(text))
    finally:
        document.close()
    return list(found)


def _squeezed(text: str) -> str:
    return _WHITESPACE.sub("", text).casefold()


def _word_pattern(needle: str) -> re.Pattern[str] | None:
    """The casefolded needle with optional whitespace between its characters, not preceded or followed by a letter,
    digit or underscore where its own first or last character is one (a needle such as "(Anna)" bounds itself)."""
    characters = _squeezed(needle)
    if not characters:
        return None
    body = r"\s*".join(re.escape(c) for c in characters)
    before = r"(?<!\w)" if re.match(r"\w", characters[0]) else ""
    after = r"(?!\w)" if re.match(r"\w", characters[-1]) else ""
    return re.compile(before + body + after)


def _glyph_separated_text(textpage: Any) -> str:
    """The page's text with a space around each glyph that stands for several characters: a ToUnicode map can
    give one glyph a whole name, which then has the next glyph's letters glued to it ("Fine" read as the name
    followed by "ine"). pdfium gives the characters of one glyph the same origin (and the line breaks it adds
    the origin of the line's end: those are kept apart)."""
    import ctypes  # noqa: PLC0415

    import pypdfium2.raw as pdfium  # noqa: PLC0415

    x, y = ctypes.c_double(), ctypes.c_double()
    characters: list[tuple[object, str]] = []
    for index in range(pdfium.FPDFText_CountChars(textpage.raw)):
        drawn = not pdfium.FPDFText_IsGenerated(textpage.raw, index)
        glyph = (x.value, y.value) if drawn and pdfium.FPDFText_GetCharOrigin(textpage.raw, index, x, y) else index
        characters.append((glyph, chr(pdfium.FPDFText_GetUnicode(textpage.raw, index))))
    runs = ("".join(c for _, c in group) for _, group in itertools.groupby(characters, key=lambda item: item[0]))
    return "".join(f" {run} " if len(run) > 1 else run for run in runs)


def _expand_zip(f: IO[bytes], search: NeedleSearch, expanded: list[int] | None = None, depth: int = 0) -> None:
    expanded = expanded if expanded is not None else [0]
    with zipfile.ZipFile(f) as archive:
        for entry in archive.infolist():
            expanded[0] += entry.file_size
            if expanded[0] > MAX_EXPANDED:
                raise RecheckTooLarge(limit_size=MAX_EXPANDED)
            data = archive.read(entry)
            search.feed_piece(entry.filename.encode("utf-8", "replace"))
            if data[:4] == b"PK\x03\x04":
                if depth + 1 > MAX_NESTING:
                    raise RecheckNestedTooDeep()
                try:
                    _expand_zip(io.BytesIO(data), search, expanded, depth + 1)
                    continue
                except zipfile.BadZipFile:
                    pass  # not an archive after all: searched as bytes
            search.feed_piece(_searchable(data))


def _searchable(data: bytes) -> bytes:
    """An XML member's text and data-carrying attribute values (see the module's docstring); other bytes as they
    are."""
    if not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return data
    try:
        root = ElementTree.fromstring(data)
    except Exception:  # noqa: BLE001 - malformed, or entities defusedxml forbids: searched byte for byte
        return data
    values = [
        value
        for node in root.iter()
        for attribute, value in node.attrib.items()
        if attribute.rsplit("}", 1)[-1] not in _MARKUP_ATTRIBUTES and not _SCHEMA_URI.match(value)
    ]
    # The text in document order, runs joined: Word splits a name over runs ("Olga " "Petrova"). The parser drops
    # comments and processing instructions, which can hold anything: they are searched as they are.
    hidden = b"\n".join(_COMMENTS.findall(data))
    return ("".join(root.itertext()) + "\n" + "\n".join(values) + "\n").encode("utf-8") + hidden
