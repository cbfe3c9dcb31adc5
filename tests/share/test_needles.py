"""The re-check searches a copy for identifying values only: a generic value must never refuse a clean file, and a
real name, serial or position must still refuse a copy that carries it."""

from __future__ import annotations

import io
import subprocess
import wave
from pathlib import Path

import numpy as np
import pikepdf
from PIL import Image

from locker.metadata.jsonable import jsonable
from locker.metadata.model import MetadataSummary
from locker.metadata.readers.images import read_image
from locker.metadata.readers.pdf import read_pdf
from locker.sandbox.runner import SandboxRunner
from locker.share.needles import NeedleSearch, identifying_values
from locker.share.options import ShareOptions
from locker.share.service import share_item
from locker.vault.vault import Vault
from tests.share import planted
from tests.share.checks import exiftool_leftovers
from tests.share.conftest import store

FACES_OFF = ShareOptions(faces="off")
LIBRARY_PRODUCER = "pikepdf 9.4.2"
CREATED = "D:20240301100000Z"


def _pdf(path: Path, page_text: str, author: str | None = None) -> Path:
    """One page with a picture (so the file has a /ColorSpace) and text; metadata that names a colour mode, a
    library producer, a program, PDF keywords and dates, plus an author when one is given."""
    picture = io.BytesIO()
    Image.new("RGB", (64, 48), (10, 20, 30)).save(picture, "JPEG")
    with pikepdf.new() as doc:
        doc.add_blank_page(page_size=(595, 842))
        page = doc.pages[0]
        image = pikepdf.Stream(doc, picture.getvalue())
        image.Type, image.Subtype, image.Width, image.Height = pikepdf.Name.XObject, pikepdf.Name.Image, 64, 48
        image.ColorSpace, image.BitsPerComponent, image.Filter = pikepdf.Name.DeviceRGB, 8, pikepdf.Name.DCTDecode
        font = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)
        page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image), Font=pikepdf.Dictionary(F1=font))
        text = page_text.encode("latin-1")
        page.Contents = doc.make_stream(
            b"q 64 0 0 48 100 600 cm /Im0 Do Q BT /F1 12 Tf 72 500 Td (" + text + b") Tj ET"
        )
        with doc.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["photoshop:ColorMode"] = "COLOR"
            meta["pdf:Producer"] = LIBRARY_PRODUCER
            meta["xmp:CreatorTool"] = "LibreOffice"
            meta["xmp:CreateDate"] = "2024-03-01T10:00:00Z"
            meta["pdf:Trapped"] = "False"
            meta["dc:format"] = "application/pdf"
            if author:
                meta["dc:creator"] = [author]
        doc.docinfo["/Producer"] = LIBRARY_PRODUCER
        doc.docinfo["/Creator"] = "LibreOffice"
        doc.docinfo["/CreationDate"] = CREATED
        doc.docinfo["/ModDate"] = CREATED
        doc.docinfo["/Trapped"] = pikepdf.Name("/False")
        if author:
            doc.docinfo["/Author"] = author
        doc.save(path)
    return path


def _needles(path: Path) -> list[str]:
    result = read_pdf(io.BytesIO(path.read_bytes()), "application/pdf")
    return identifying_values(MetadataSummary.from_json(jsonable(result.summary)), jsonable(result.raw))


def test_generic_pdf_metadata_gives_nothing_to_search_for(tmp_path: Path) -> None:
    assert _needles(_pdf(tmp_path / "generic.pdf", "Decision")) == []


def test_a_pdf_author_is_searched_for(tmp_path: Path) -> None:
    assert planted.ARTIST in _needles(_pdf(tmp_path / "authored.pdf", "Decision", author=planted.ARTIST))


def test_identifying_fields_of_a_photo_are_searched_for(tmp_path: Path) -> None:
    """Names, the device, its serial number, the place and free text: each one a needle."""
    sample = planted.jpeg(tmp_path)
    result = read_image(io.BytesIO(sample.path.read_bytes()), "image/jpeg")
    needles = identifying_values(MetadataSummary.from_json(jsonable(result.summary)), jsonable(result.raw))
    for value in (planted.ARTIST, planted.MAKE, planted.MODEL, planted.SERIAL, planted.SOFTWARE, planted.COMMENT,
                  f"{planted.LAT:.4f}", f"{planted.LON:.4f}"):  # fmt: skip
        assert value in needles, value


def test_structural_values_are_never_needles() -> None:
    """Colour spaces, codec names, booleans, PDF names, media types, dates, short words and library names."""
    raw = {
        "xmp": {"{http://ns.adobe.com/photoshop/1.0/}ColorMode": "COLOR", "dc:format": "application/pdf",
                "{http://ns.adobe.com/xap/1.0/}CreatorTool": "Microsoft® Word for Microsoft 365",
                "{http://ns.adobe.com/camera-raw-settings/1.0/}WhiteBalance": "As Shot"},
        "info": {"/Producer": "Skia/PDF m116", "/Trapped": "/False", "/Creator": "Mozilla/5.0 (X11; Linux x86_64)"},
        "container": {"metadata": {"encoder": "Lavf59.27.100", "handler_name": "VideoHandler",
                                   "creation_time": "2024-02-29T23:58:41.000000Z"}},
        "exif": {"Image Make": "Canon", "GPS GPSMapDatum": "WGS-84", "Image ImageDescription": "OLYMPUS DIGITAL CAMERA",
                 "EXIF ColorSpace": "sRGB", "Image Software": "Adobe Photoshop", "GPS GPSLatitudeRef": "N"},
        "icc_profile": {"description": "sRGB IEC61966-2.1", "model": "IEC 61966-2.1"},
    }  # fmt: skip
    summary = MetadataSummary(capture_time="2024-02-29T23:58:41", software="Lavf59.27.100", make="Canon")
    assert identifying_values(summary, raw) == ["Adobe Photoshop"]  # a program, not a library: still searched


def test_a_pdf_with_only_generic_metadata_gets_a_copy(
    share_vault: Vault, runner: SandboxRunner, tmp_path: Path
) -> None:
    """Its page names the creation date and the program (as court documents do), and its picture has a
    /ColorSpace: none of that is identifying, so the copy is made."""
    original = _pdf(tmp_path / "decision.pdf", "Printed 2024-03-01 10:00:00 with LibreOffice, colour")
    out = tmp_path / "out"
    out.mkdir()
    result = share_item(share_vault, store(share_vault, runner, original), out, FACES_OFF, runner)
    assert result.ok, (result.error, result.findings)


def test_a_pdf_whose_page_names_its_author_is_still_refused(
    share_vault: Vault, runner: SandboxRunner, tmp_path: Path
) -> None:
    original = _pdf(tmp_path / "statement.pdf", f"Statement of {planted.ARTIST}", author=planted.ARTIST)
    out = tmp_path / "out"
    out.mkdir()
    result = share_item(share_vault, store(share_vault, runner, original), out, FACES_OFF, runner)
    assert not result.ok
    assert any(planted.ARTIST in finding for finding in result.findings), result.findings
    assert list(out.iterdir()) == []


def test_places_devices_and_free_text_are_searched_for() -> None:
    """Addresses and places, device and host names, descriptions and IPTC fields keyed by number."""
    raw = {
        "xmp": {"{http://ns.adobe.com/photoshop/1.0/}City": "Sankt-Peterburg",
                "{http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/}Location": "Dvortsovaya ploshchad",
                "{http://purl.org/dc/elements/1.1/}description": "protest at the square",
                "{http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/}CreatorContactInfo/CiAdrExtadr": "Nevsky prospekt 28"},
        "exif": {"Image HostComputer": "ivan-thinkpad", "MakerNote OwnerName": "Ivan Petrov",
                 "EXIF BodySerialNumber": "0123456789"},
        "container": {"metadata": {"com.apple.quicktime.location.name": "Palace Square",
                                   "com.android.manufacturer": "Xiaomi Redmi"}},
        "iptc": {"2:80": ["Olga Sidorova"], "2:90": ["Petersburg"], "2:120": ["Detention of a student"]},
    }  # fmt: skip
    needles = identifying_values(MetadataSummary(), raw)
    for value in ("Sankt-Peterburg", "Dvortsovaya ploshchad", "protest at the square", "Nevsky prospekt 28",
                  "ivan-thinkpad", "Ivan Petrov", "0123456789", "Palace Square", "Xiaomi Redmi", "Olga Sidorova",
                  "Petersburg", "Detention of a student"):  # fmt: skip
        assert value in needles, value


def test_a_short_needle_is_not_looked_for_where_chance_would_find_it() -> None:
    """A 4-letter name turns up by chance about once in 270 MB of compressed data; a long one never does."""
    data = b"...olga sidorova...OLGA..."
    big = NeedleSearch(["Olga", "Olga Sidorova"], size=1_000_000_000)
    big.feed(data)
    assert list(big.hits) == ["Olga Sidorova"]
    small = NeedleSearch(["Olga", "Olga Sidorova"], size=len(data))
    small.feed(data)
    assert sorted(small.hits) == ["Olga", "Olga Sidorova"]


def test_a_piece_is_searched_for_what_its_size_allows() -> None:
    """A text part is searched for every needle; a large picture's bytes only for the long ones."""
    search = NeedleSearch(["Olga", "Olga Sidorova"])
    search.feed_piece(bytes(4_000_000) + b"Olga")
    assert list(search.hits) == []
    search.feed_piece(b"<w:t>Olga</w:t>")
    assert list(search.hits) == ["Olga"]
    search.feed_piece(bytes(4_000_000) + b"Olga Sidorova")
    assert sorted(search.hits) == ["Olga", "Olga Sidorova"]


def _recording_whose_samples_spell(path: Path, text: bytes, artist: str) -> Path:
    """Ten seconds of 16-bit noise, with `text` among the sample bytes, and `artist` in the WAV's INFO tags."""
    rng = np.random.default_rng(3)
    samples = bytearray(rng.integers(-3000, 3000, 441_000, dtype=np.int16).tobytes())
    samples[400_000 : 400_000 + len(text)] = text
    plain = path.with_name("plain.wav")
    with wave.open(str(plain), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(44100)
        out.writeframes(bytes(samples))
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-i", str(plain), "-c", "copy", "-metadata",
                    f"artist={artist}", str(path)], check=True)  # fmt: skip
    return path


def test_a_recording_whose_samples_happen_to_spell_a_short_name_gets_a_copy(
    share_vault: Vault, runner: SandboxRunner, tmp_path: Path
) -> None:
    """Sound is copied sample for sample into a WAV copy: 'Olga' among the sample bytes is chance, not metadata."""
    original = _recording_whose_samples_spell(tmp_path / "voice.wav", b"Olga", "Olga")
    out = tmp_path / "out"
    out.mkdir()
    result = share_item(share_vault, store(share_vault, runner, original), out, FACES_OFF, runner)
    assert result.path is not None, (result.error, result.findings)
    assert b"Olga" in result.path.read_bytes(), "the samples are in the copy as they were"
    assert exiftool_leftovers(result.path) == {}, "the tag is gone"


def test_a_short_single_word_is_searched_for_only_when_it_names_a_person() -> None:
    assert identifying_values(MetadataSummary(author="Olga", make="Canon", model="Nikon"), {}) == ["Olga"]
