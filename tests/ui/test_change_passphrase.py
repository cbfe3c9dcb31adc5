"""The app's "Change passphrase": re-encryption on by default for a small vault, offered for a large one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from locker.crypto.header import parse_header, unlock_header
from locker.errors import TamperedError, WrongPassphraseError
from locker.ingest.importer import ImportOptions, import_files
from locker.panic.duress import set_duress
from locker.vault import rekey as rekey_module
from locker.vault.rekey import opens
from locker.vault.vault import Vault
from tests.conftest import PASSPHRASE, write_file
from ui.change_passphrase_dialog import ChangePassphraseDialog
from ui.main_window import MainWindow
from ui.worker import TaskRunner

NEW = "a brand new passphrase"


def _dialog(qtbot: QtBot, vault: Vault) -> ChangePassphraseDialog:
    window = MainWindow(vault, TaskRunner())
    qtbot.addWidget(window)
    dialog = window.open_change_passphrase()
    qtbot.addWidget(dialog)
    return dialog


def _fill(dialog: ChangePassphraseDialog, current: str, new: str) -> None:
    dialog.current.setText(current)
    dialog.new.setText(new)
    dialog.repeat.setText(new)


def test_a_small_vault_is_re_encrypted_by_default_and_an_old_header_copy_then_opens_nothing(
    qtbot: QtBot, vault: Vault, tmp_path: Path
) -> None:
    import_files(vault, [write_file(tmp_path / "a.bin", os.urandom(2_000_000))], ImportOptions(extract_metadata=False))
    old_header = vault.paths.header.read_bytes()
    dialog = _dialog(qtbot, vault)
    assert dialog.rekey.isChecked()
    _fill(dialog, PASSPHRASE, NEW)
    with qtbot.waitSignal(dialog.changed, timeout=60_000) as changed:
        dialog.submit()
    assert changed.args == [True]
    assert "re-encrypted under a new key" in dialog.message.text()
    # The fields were read so that they keep nothing (the passphrases are overwritten once the work is done).
    assert [f.displayText() for f in (dialog.current, dialog.new, dialog.repeat)] == ["", "", ""]
    assert dialog._in_use == ()
    old = unlock_header(parse_header(old_header), PASSPHRASE)
    try:
        assert not opens(vault.paths.database, old.master_key)
    finally:
        old.master_key.wipe()
    root = vault.paths.root
    vault.close()
    with pytest.raises(WrongPassphraseError):
        Vault.open(root, PASSPHRASE)
    Vault.open(root, NEW).close()


def test_a_large_vault_is_offered_re_encryption_with_its_size_and_plain_change_says_what_it_leaves(
    qtbot: QtBot, vault: Vault, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(rekey_module, "QUICK_REKEY_BYTES", 1000)
    old_header = vault.paths.header.read_bytes()
    dialog = _dialog(qtbot, vault)
    assert not dialog.rekey.isChecked()
    assert "several minutes" in dialog.explanation.text()
    _fill(dialog, PASSPHRASE, NEW)
    with qtbot.waitSignal(dialog.changed, timeout=60_000) as changed:
        dialog.submit()
    assert changed.args == [False]
    assert "still opens the vault with the old passphrase" in dialog.message.text()
    seized = tmp_path / "seized.locker"
    seized.mkdir()
    (seized / "header").write_bytes(old_header)
    (seized / "vault.db").write_bytes(vault.paths.database.read_bytes())
    Vault.open(seized, PASSPHRASE).close()  # what the message warns about


def test_a_wrong_current_passphrase_or_the_duress_one_as_new_changes_nothing(qtbot: QtBot, vault: Vault) -> None:
    set_duress(vault, "the duress words here")
    header = vault.paths.header.read_bytes()
    dialog = _dialog(qtbot, vault)
    _fill(dialog, "not my passphrase", NEW)
    dialog.submit()
    qtbot.waitUntil(lambda: "wrong" in dialog.message.text(), timeout=30_000)
    _fill(dialog, PASSPHRASE, "the duress words here")
    dialog.submit()
    qtbot.waitUntil(lambda: "duress passphrase" in dialog.message.text(), timeout=30_000)
    assert vault.paths.header.read_bytes() == header
    assert dialog.new.isEnabled()


def test_the_old_header_copy_is_refused_as_tampered_after_the_app_re_encrypted(
    qtbot: QtBot, vault: Vault, tmp_path: Path
) -> None:
    old_header = vault.paths.header.read_bytes()
    dialog = _dialog(qtbot, vault)
    _fill(dialog, PASSPHRASE, NEW)
    with qtbot.waitSignal(dialog.changed, timeout=60_000):
        dialog.submit()
    seized = tmp_path / "seized.locker"
    seized.mkdir()
    (seized / "header").write_bytes(old_header)
    (seized / "vault.db").write_bytes(vault.paths.database.read_bytes())
    with pytest.raises(TamperedError):
        Vault.open(seized, PASSPHRASE)


def test_esc_during_a_re_encryption_stops_it_and_the_dialog_stays_until_it_has(
    qtbot: QtBot, vault: Vault, tmp_path: Path
) -> None:
    """Esc (reject) and the close button act like Cancel: the re-key never goes on unseen."""
    import_files(vault, [write_file(tmp_path / "a.bin", os.urandom(60 << 20))], ImportOptions(extract_metadata=False))
    dialog = _dialog(qtbot, vault)
    dialog.show()
    _fill(dialog, PASSPHRASE, NEW)
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.progress.isVisible(), timeout=30_000)
    dialog.reject()  # what Esc does
    assert dialog.isVisible()
    dialog.close()  # the window's close button
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: "stopped" in dialog.message.text() or "changed" in dialog.message.text(), timeout=60_000)
    root = vault.paths.root
    stopped = "stopped" in dialog.message.text()
    assert stopped, dialog.message.text()  # Esc came long before the copy of 60 MiB was done
    vault.close()
    Vault.open(root, PASSPHRASE if stopped else NEW).close()  # the message says which passphrase opens
