"""The re-check finds a recorded name however a PDF writes it: split over text runs, through a font's encoding or
ToUnicode map, or as a name object (review s6 L13)."""

from __future__ import annotations

import io
import zlib
from pathlib import Path

import pikepdf
import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from locker.sandbox.runner import SandboxRunner
from locker.share import recheck as recheck_module
from locker.share import report_labels as labels
from locker.share.options import ShareOptions
from locker.share.recheck import recheck
from locker.share.refusals import CopyStillIdentifying, FindingKind
from locker.share.sandbox_refusals import RecheckTooLarge
from locker.share.service import share_item
from locker.vault.vault import Vault
from tests.share.conftest import store
from tests.share.pdf_attacks_recheck import AUTHOR, RECHECK_ATTACKS, signed_with_embedded_font
from tests.share.test_pdf_allowlist import share_copy


@pytest.mark.parametrize("attack", sorted(RECHECK_ATTACKS))
def test_the_recheck_finds_a_recorded_name_however_the_pdf_writes_it(attack: str) -> None:
    build, needle = RECHECK_ATTACKS[attack]

    findings = recheck(io.BytesIO(build()), "application/pdf", [needle])["findings"]

    assert ["value-compressed", needle] in findings


def test_a_share_copy_of_a_kerned_name_is_refused_by_the_recheck() -> None:
    build, _ = RECHECK_ATTACKS["kerned_tj"]
    copy, _ = share_copy(build())

    assert recheck(io.BytesIO(copy), "application/pdf", [AUTHOR])["findings"] == []  # pictures: no text
    assert recheck(io.BytesIO(build()), "application/pdf", [AUTHOR], original=True)["findings"]


def test_a_page_without_the_name_passes() -> None:
    build, _ = RECHECK_ATTACKS["kerned_tj"]

    assert recheck(io.BytesIO(build()), "application/pdf", ["Olga Petrova"])["findings"] == []


def test_the_recheck_of_an_original_searches_its_page_text_only() -> None:
    """A picture copy has no text: the re-check reads the original's pages (what the pictures show) instead."""
    original = signed_with_embedded_font()

    assert recheck(io.BytesIO(original), "application/pdf", [AUTHOR], original=True)["findings"] == [
        ["value-shown", AUTHOR]
    ]
    assert recheck(io.BytesIO(original), "application/pdf", ["Olga Petrova"], original=True)["findings"] == []


def test_a_picture_copy_of_a_page_showing_the_recorded_author_is_refused(
    share_vault: Vault, runner: SandboxRunner, tmp_path: Path
) -> None:
    source = tmp_path / "signed.pdf"
    source.write_bytes(signed_with_embedded_font())
    out = tmp_path / "out"
    out.mkdir()

    result = share_item(share_vault, store(share_vault, runner, source), out, ShareOptions(faces="off"), runner)

    assert isinstance(result.refusal, CopyStillIdentifying), result.error
    assert [(f.kind, f.value) for f in result.findings] == [(FindingKind.VALUE_SHOWN, AUTHOR)]
    assert list(out.iterdir()) == []


def test_a_picture_copy_of_a_pdf_with_only_generic_metadata_is_made(
    share_vault: Vault, runner: SandboxRunner, tmp_path: Path
) -> None:
    source = tmp_path / "generic.pdf"
    source.write_bytes(
        signed_with_embedded_font(
            "Notice of fine",
            {
                "Producer": "ReportLab PDF Library - www.reportlab.com",
                "Creator": "(unspecified)",
                "Title": "untitled",
                "CreationDate": "D:20260101120000+00'00'",
            },
        )
    )
    out = tmp_path / "out"
    out.mkdir()

    result = share_item(share_vault, store(share_vault, runner, source), out, ShareOptions(faces="off"), runner)

    assert result.path is not None, result.error
    assert result.report is not None and labels.NOTE_PDF_PICTURES in result.report.notes


def _pictures_and_a_note(pictures: int, pixels_needle: bytes, note: bytes) -> bytes:
    """`pictures` grey 1024 x 1024 pictures (1 MiB of pixels each; the first holds `pixels_needle` in its pixels)
    and a page whose drawing instructions hold `note`."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    images = pikepdf.Dictionary()
    for number in range(pictures):
        pixels = bytearray(1024 * 1024)
        if number == 0:
            pixels[4096 : 4096 + len(pixels_needle)] = pixels_needle
        image = pikepdf.Stream(pdf, zlib.compress(bytes(pixels)))
        image.Filter, image.Type, image.Subtype = pikepdf.Name.FlateDecode, pikepdf.Name.XObject, pikepdf.Name.Image
        image.Width, image.Height, image.BitsPerComponent, image.ColorSpace = 1024, 1024, 8, pikepdf.Name.DeviceGray
        images[f"/Im{number}"] = image
    pdf.pages[0].Resources = pikepdf.Dictionary(XObject=images)
    pdf.pages[0].Contents = pdf.make_stream(zlib.compress(b"% " + note + b"\n0 0 m 10 10 l S"))
    pdf.pages[0].Contents.Filter = pikepdf.Name.FlateDecode
    out = io.BytesIO()
    pdf.save(out, compress_streams=False)
    return out.getvalue()


def test_pictures_past_the_pixel_budget_are_searched_as_stored_and_the_rest_still_decoded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A copy made of many pictures (200 colour pages decode to 1.3 GB) was refused as "expands to more than the
    re-check may read". Pixels within the budget are still decoded and searched, and so is every other stream."""
    monkeypatch.setattr(recheck_module, "MAX_PIXELS_SEARCHED", 2 * 1024 * 1024)  # two of the five pictures
    copy = _pictures_and_a_note(5, b"Tatiana Hidden Witness", b"Valentin Recorder Name")

    findings = recheck(io.BytesIO(copy), "application/pdf", ["Tatiana Hidden Witness", "Valentin Recorder Name"])

    assert ["value-compressed", "Tatiana Hidden Witness"] in findings["findings"]  # in the first picture's pixels
    assert ["value-compressed", "Valentin Recorder Name"] in findings["findings"]  # in the compressed instructions


def test_streams_other_than_pictures_still_have_a_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(recheck_module, "MAX_EXPANDED", 16)
    with pytest.raises(RecheckTooLarge):
        recheck(io.BytesIO(_pictures_and_a_note(1, b"", b"x" * 64)), "application/pdf", ["Valentin Recorder"])


DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
COURT_TEXT = [
    "Постановление по делу об административном правонарушении",
    "Указанная сумма штрафа подлежит уплате в течение шестидесяти дней;",
    "данная копия выдана заявителю, длинная выписка прилагается.",
]


def court_ruling(author: str, extra_line: str | None = None) -> bytes:
    """A Russian court ruling typeset by reportlab in DejaVuSans (embedded: its copy is made of pictures), with Info
    /Author `author`; `extra_line` is drawn below the text."""
    if not DEJAVU.exists():
        pytest.skip(f"{DEJAVU} is absent (Debian package fonts-dejavu-core)")
    pdfmetrics.registerFont(TTFont("DejaVuSans", str(DEJAVU)))
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=(595, 842))
    page.setAuthor(author)
    page.setFont("DejaVuSans", 12)
    for number, line in enumerate([*COURT_TEXT, *([extra_line] if extra_line else [])]):
        page.drawString(50, 780 - 20 * number, line)
    page.save()
    return out.getvalue()


@pytest.mark.parametrize("name", ["Анна", "Инна"])
def test_a_short_name_inside_ordinary_words_is_not_found(name: str) -> None:
    """Only whole words are the name: "Анна" is inside "Указанная" and "данная", "Инна" inside "длинная" (review s7
    F1)."""
    original = court_ruling(name)

    assert recheck(io.BytesIO(original), "application/pdf", [name], original=True)["findings"] == []


@pytest.mark.parametrize("name", ["Анна", "анна", "Петрова", "Анна Петрова"])
def test_a_short_name_shown_as_a_word_is_found_in_any_case(name: str) -> None:
    original = court_ruling("Анна", "Потерпевшая: АННА Петрова.")

    assert recheck(io.BytesIO(original), "application/pdf", [name], original=True)["findings"] == [
        ["value-shown", name]
    ]


def test_a_picture_copy_of_a_ruling_whose_words_contain_the_author_is_made(
    share_vault: Vault, runner: SandboxRunner, tmp_path: Path
) -> None:
    source = tmp_path / "ruling.pdf"
    source.write_bytes(court_ruling("Анна"))
    out = tmp_path / "out"
    out.mkdir()

    result = share_item(share_vault, store(share_vault, runner, source), out, ShareOptions(faces="off"), runner)

    assert result.path is not None, result.error
    assert result.report is not None and labels.NOTE_PDF_PICTURES in result.report.notes
