"""The re-check finds a recorded name however a PDF writes it: split over text runs, through a font's encoding or
ToUnicode map, or as a name object (review s6 L13)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from locker.sandbox.runner import SandboxRunner
from locker.share import report_labels as labels
from locker.share.options import ShareOptions
from locker.share.recheck import recheck
from locker.share.refusals import CopyStillIdentifying, FindingKind
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

    assert recheck(io.BytesIO(copy), "application/pdf", [AUTHOR])["findings"]


def test_a_page_without_the_name_passes() -> None:
    build, _ = RECHECK_ATTACKS["kerned_tj"]

    assert recheck(io.BytesIO(build()), "application/pdf", ["Olga Petrova"])["findings"] == []


def test_the_recheck_of_an_original_searches_its_page_text_only() -> None:
    """A picture copy has no text: the re-check reads the original's pages (what the pictures show) instead."""
    original = signed_with_embedded_font()

    assert recheck(io.BytesIO(original), "application/pdf", [AUTHOR], original=True)["findings"] == [
        ["value-compressed", AUTHOR]
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
    assert [(f.kind, f.value) for f in result.findings] == [(FindingKind.VALUE_COMPRESSED, AUTHOR)]
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
