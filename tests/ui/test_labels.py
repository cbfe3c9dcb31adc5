"""Every custody action the core can record has a label in the GUI, and the Russian label is Russian."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from locker.bundle.checks import CHECK_NAMES, TIMESTAMP_CHECK
from locker.formats import FORMATS, Kind
from locker.vault.custody import Action
from tests.conftest import PROJECT_ROOT
from ui.app import install_translators
from ui.labels import (
    action_labels,
    action_text,
    check_label,
    check_labels,
    check_status_text,
    import_name_filters,
    type_text,
)


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


def _names_used_in_the_verifier() -> set[str]:
    """Every literal check name in locker/bundle: Check("..."), _attempt("..."), _failed("..."), name = "..."."""
    names = set()
    for path in (PROJECT_ROOT / "locker" / "bundle").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name | ast.Attribute):
                called = node.func.id if isinstance(node.func, ast.Name) else node.func.attr
                first = node.args[0] if node.args else None
                if called in ("Check", "_attempt", "_failed") and isinstance(first, ast.Constant):
                    names.add(first.value)
            named = isinstance(node, ast.Assign) and [getattr(t, "id", "") for t in node.targets] == ["name"]
            if named and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                names.add(node.value.value)
    return names


def test_every_verify_check_has_a_plain_label(qapp: QApplication) -> None:
    used = _names_used_in_the_verifier()
    assert "custody log signing key" in used and "payload oxum" in used, "control: the scan finds names"
    assert used <= set(CHECK_NAMES), used - set(CHECK_NAMES)
    assert set(check_labels()) == set(CHECK_NAMES)
    assert check_label(TIMESTAMP_CHECK.format(folder="tsa-1")) == "Trusted timestamp (tsa-1)"


# Proper names a Russian sentence keeps in Latin letters.
_PROPER_NAMES = re.compile(r"\b(BagIt|minisign|SSH)\b")


def test_every_verify_check_and_status_reads_in_russian(russian: None) -> None:
    texts = [*check_labels().values(), check_label(TIMESTAMP_CHECK.format(folder="")),
             *(check_status_text(s) for s in ("pass", "fail", "not recorded", "untrusted time"))]  # fmt: skip
    english = [t for t in texts if re.search(r"[A-Za-z]", _PROPER_NAMES.sub("", t))]
    assert english == []


def test_the_import_dialog_offers_the_tables_types(qapp: QApplication) -> None:
    filters = import_name_filters()
    assert filters[0].startswith("Evidence files (") and filters[-1] == "All files (*)"
    offered = set(re.findall(r"\*\.(\w+)", " ".join(filters[:1])))
    expected = {ext for row in FORMATS if row.kind is not Kind.OTHER for ext in row.extensions}
    assert offered == expected and {"docx", "mov", "heic", "eml", "dng"} <= offered


def test_a_type_is_named_for_a_person_without_the_media_type(russian: None) -> None:
    assert type_text("application/vnd.openxmlformats-officedocument.wordprocessingml.document") == "Документ Word"


def test_import_filters_read_in_russian(russian: None) -> None:
    labels = [re.sub(r"\(.*\)", "", f) for f in import_name_filters()]
    assert not [label for label in labels if re.search(r"[A-Za-z]", label)], labels
