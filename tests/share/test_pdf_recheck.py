"""The re-check finds a recorded name however a PDF writes it: split over text runs, through a font's encoding or
ToUnicode map, or as a name object (review s6 L13)."""

from __future__ import annotations

import io

import pytest

from locker.share.recheck import recheck
from tests.share.pdf_attacks_recheck import AUTHOR, RECHECK_ATTACKS
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
