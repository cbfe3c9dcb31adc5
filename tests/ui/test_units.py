"""Sizes in the GUI speak the user's language: translated unit names and the locale's decimal separator."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from ui.app import install_translators
from ui.units import size_text


@pytest.fixture
def russian(qapp: QApplication) -> Iterator[None]:
    before = QLocale()
    locale = QLocale(QLocale.Language.Russian, QLocale.Country.Russia)
    QLocale.setDefault(locale)
    translators = install_translators(qapp, locale)
    yield
    for translator in translators:
        qapp.removeTranslator(translator)
    QLocale.setDefault(before)


def test_english_sizes(qapp: QApplication) -> None:
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    try:
        assert [size_text(n) for n in (0, 900, 1536, 5_500_000, 3 * 1024**3)] == [
            "0 B", "900 B", "1.5 KiB", "5.2 MiB", "3.0 GiB",
        ]  # fmt: skip
    finally:
        QLocale.setDefault(before)


def test_russian_sizes_use_cyrillic_units_and_a_decimal_comma(russian: None) -> None:
    assert [size_text(n) for n in (900, 1536, 5_500_000, 3 * 1024**3, 5 * 1024**4)] == [
        "900 Б", "1,5 КиБ", "5,2 МиБ", "3,0 ГиБ", "5,0 ТиБ",
    ]  # fmt: skip
