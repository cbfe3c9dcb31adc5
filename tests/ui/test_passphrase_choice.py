"""Choosing a passphrase (first run and Change passphrase): zxcvbn refuses easily guessed ones unless an expert
overrides, the fields can be shown, and the generator makes word passphrases from the EFF long list."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from locker.errors import WrongPassphraseError
from locker.vault.vault import Vault
from tests.conftest import PASSPHRASE, WEAK_PARAMS
from ui.change_passphrase_dialog import ChangePassphraseDialog
from ui.passphrase_dialogs import CreateVaultDialog
from ui.passphrase_strength import MIN_SCORE, eff_words, generate_passphrase, strength
from ui.worker import TaskRunner

REFUSAL = "This passphrase is too easy to guess. Generate one, add words, or tick the box if you know the risk."


def _create_fast(root: Path, passphrase: str) -> Vault:
    return Vault.create(root, passphrase, WEAK_PARAMS)


@pytest.mark.parametrize(("passphrase", "highest"), [("1", 0), ("Password1234!", 1), ("12345678901234567890", 2)])
def test_passphrases_that_only_look_strong_are_rated_below_the_minimum(passphrase: str, highest: int) -> None:
    assert strength(passphrase) <= highest < MIN_SCORE


def test_generated_passphrases_are_six_eff_words_and_rated_strong() -> None:
    words = eff_words()
    assert len(words) == len(set(words)) == 7776 and words[0] == "abacus"
    first, second = generate_passphrase(), generate_passphrase()
    assert first != second
    for phrase in (first, second):
        assert len(phrase.split("-")) == 6 and all(word in words for word in phrase.split("-"))
        assert strength(phrase) == 4


@pytest.fixture
def create(qtbot: QtBot, tmp_path: Path) -> CreateVaultDialog:
    dialog = CreateVaultDialog(tmp_path / "new.locker", TaskRunner(), _create_fast)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


@pytest.mark.parametrize(("weak", "word"), [("1", "very weak"), ("Password1234!", "weak")])
def test_first_run_refuses_a_weak_passphrase_until_the_expert_box_is_ticked(
    qtbot: QtBot, create: CreateVaultDialog, weak: str, word: str
) -> None:
    create.first.setText(weak)
    create.second.setText(weak)
    assert create.meter.verdict.text().startswith(f"{word}: too easy to guess")
    assert create.meter.override.isVisible() and not create.meter.override.isChecked()
    create.buttons.accepted.emit()
    assert create.error_label.text() == REFUSAL
    assert not create.vault_dir.exists(), "no vault was created"
    create.meter.override.setChecked(True)
    with qtbot.waitSignal(create.vault_ready, timeout=20_000) as ready:
        create.buttons.accepted.emit()
    ready.args[0].close()
    Vault.open(create.vault_dir, weak).close()


def test_a_strong_passphrase_needs_no_override(create: CreateVaultDialog) -> None:
    create.first.setText(PASSPHRASE)
    assert create.meter.verdict.text() == "strong" and not create.meter.override.isVisible()
    assert create.meter.acceptable()
    create.first.setText("Password1234!")  # and a weaker one afterwards takes the tick away again
    create.meter.override.setChecked(True)
    create.first.setText("Password1234!x")
    create.first.setText(PASSPHRASE)
    create.first.setText("1")
    assert not create.meter.override.isChecked() and not create.meter.acceptable()


def test_show_the_passphrase_shows_both_fields_and_hides_them_again(qtbot: QtBot, create: CreateVaultDialog) -> None:
    assert {create.first.echoMode(), create.second.echoMode()} == {QLineEdit.EchoMode.Password}
    qtbot.mouseClick(create.meter.show_text, Qt.MouseButton.LeftButton)
    assert {create.first.echoMode(), create.second.echoMode()} == {QLineEdit.EchoMode.Normal}
    qtbot.mouseClick(create.meter.show_text, Qt.MouseButton.LeftButton)
    assert {create.first.echoMode(), create.second.echoMode()} == {QLineEdit.EchoMode.Password}


def test_a_generated_passphrase_fills_both_fields_shown_and_creates_the_vault(
    qtbot: QtBot, create: CreateVaultDialog
) -> None:
    qtbot.mouseClick(create.meter.generate_button, Qt.MouseButton.LeftButton)
    phrase = create.first.text()
    assert phrase == create.second.text() and len(phrase.split("-")) == 6
    assert create.first.echoMode() == QLineEdit.EchoMode.Normal, "shown, to be written down"
    assert create.meter.verdict.text() == "strong"
    with qtbot.waitSignal(create.vault_ready, timeout=20_000) as ready:
        create.buttons.accepted.emit()
    ready.args[0].close()
    Vault.open(create.vault_dir, phrase).close()


def test_change_passphrase_refuses_a_weak_new_one_and_changes_nothing(qtbot: QtBot, vault: Vault) -> None:
    dialog = ChangePassphraseDialog(vault, TaskRunner())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.current.setText(PASSPHRASE)
    dialog.new.setText("12345678901234567890")
    dialog.repeat.setText("12345678901234567890")
    dialog.submit()
    assert dialog.message.text() == REFUSAL
    vault.close()
    Vault.open(vault.paths.root, PASSPHRASE).close()
    with pytest.raises(WrongPassphraseError):
        Vault.open(vault.paths.root, "12345678901234567890")


def test_the_generator_in_change_passphrase_fills_the_new_fields_and_leaves_the_current_one(
    qtbot: QtBot, vault: Vault
) -> None:
    dialog = ChangePassphraseDialog(vault, TaskRunner())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.current.setText(PASSPHRASE)
    qtbot.mouseClick(dialog.meter.generate_button, Qt.MouseButton.LeftButton)
    assert dialog.current.text() == PASSPHRASE
    assert dialog.new.text() == dialog.repeat.text() != PASSPHRASE
    assert dialog.current.echoMode() == dialog.new.echoMode() == QLineEdit.EchoMode.Normal
