"""Every custody action the core can record has a label in the GUI, and the Russian label is Russian."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from locker.vault.custody import Action
from ui.app import install_translators
from ui.labels import action_labels, action_text


@pytest.fixture
def russian(qapp: QApplication) -> Iterator[None]:
    translators = install_translators(qapp, QLocale(QLocale.Language.Russian, QLocale.Country.Russia))
    yield
    for translator in translators:
        qapp.removeTranslator(translator)


def test_every_custody_action_has_a_label(qapp: QApplication) -> None:
    assert set(action_labels()) == {str(action) for action in Action}
    assert all(label.strip() for label in action_labels().values())


@pytest.mark.parametrize("action", list(Action))
def test_every_custody_action_reads_in_russian(russian: None, action: Action) -> None:
    text = action_text(action)
    assert not re.search(r"[A-Za-z]", text), f"{action}: {text!r}"


def test_an_action_from_a_newer_version_is_shown_as_recorded(qapp: QApplication) -> None:
    assert action_text("teleported") == "teleported"
