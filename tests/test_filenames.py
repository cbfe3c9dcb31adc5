"""One function sanitises every file name from outside."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from locker.fsutil import MAX_NAME_BYTES, sanitise_filename


@pytest.mark.parametrize(
    ("untrusted", "expected"),
    [
        ("/home/ivan/Protest/IMG_0001.JPG", "IMG_0001.JPG"),
        ("C:\\Users\\Иван\\Desktop\\штраф.pdf", "штраф.pdf"),
        ("../../etc/passwd", "passwd"),
        ("invoice\u202efdp.exe", "invoicefdp.exe"),
        ("zero\u200bwidth.txt", "zerowidth.txt"),
        ("bell\x07\x1b[2J.txt", "bell[2J.txt"),
        ("CON.txt", "_CON.txt"),
        ("nul", "_nul"),
        ("a:b*c?.txt", "a_b_c_.txt"),
        ("...", "file"),
        ("", "file"),
        (" trailing dot. ", "trailing dot"),
    ],
)
def test_known_hostile_names(untrusted: str, expected: str) -> None:
    assert sanitise_filename(untrusted) == expected


@pytest.mark.parametrize("stem", ["ж" * 500, "a" * 300, "я" * 296])
def test_long_names_are_capped_in_bytes_keeping_the_extension(stem: str) -> None:
    name = sanitise_filename(stem + ".jpeg")
    assert len(name.encode()) <= MAX_NAME_BYTES
    assert name.endswith(".jpeg")
    assert name.encode().decode("utf-8") == name  # never cut inside a character


@given(st.text(max_size=600))
def test_any_name_becomes_a_safe_base_name(untrusted: str) -> None:
    name = sanitise_filename(untrusted)
    assert name and name not in {".", ".."}
    assert "/" not in name and "\\" not in name
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES
    assert all(unicodedata.category(ch) not in {"Cc", "Cf", "Zl", "Zp"} for ch in name)
    assert sanitise_filename(name) == name  # idempotent
