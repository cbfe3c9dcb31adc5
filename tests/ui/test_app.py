"""The desktop app, offscreen: first launch creates the vault, later launches unlock it, import fills the list."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from locker.vault.vault import Vault
from tests.conftest import PASSPHRASE, WEAK_PARAMS, write_file
from ui.main_window import MainWindow
from ui.passphrase_dialogs import CreateVaultDialog, UnlockDialog
from ui.worker import TaskRunner

SHOTS = Path(os.environ.get("LOCKER_SCREENSHOTS", "")) if os.environ.get("LOCKER_SCREENSHOTS") else None


def _shot(widget: object, name: str) -> None:
    """Save what the user would see, when LOCKER_SCREENSHOTS names a folder (used to look at the UI)."""
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(SHOTS / f"{name}.png"))  # type: ignore[attr-defined]


def _create_fast(root: Path, passphrase: str) -> Vault:
    return Vault.create(root, passphrase, WEAK_PARAMS)


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    r = TaskRunner()
    yield r
    r.wait()


def test_first_launch_refuses_mismatched_passphrases_then_creates_the_vault(
    qtbot: QtBot, tmp_path: Path, runner: TaskRunner
) -> None:
    root = tmp_path / "default.locker"
    dialog = CreateVaultDialog(root, runner, _create_fast)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "nobody can recover" in " ".join(w.text() for w in dialog.findChildren(QLabel))
    dialog.first.setText("one passphrase")
    dialog.second.setText("another passphrase")
    dialog.buttons.accepted.emit()
    assert dialog.error_label.text() == "The two passphrases differ."
    assert not root.exists()
    dialog.second.setText("one passphrase")
    _shot(dialog, "create-vault")
    with qtbot.waitSignal(dialog.vault_ready, timeout=20_000) as ready:
        dialog.buttons.accepted.emit()
    vault = ready.args[0]
    assert isinstance(vault, Vault) and (root / "header").exists()
    vault.close()
    Vault.open(root, "one passphrase").close()


def test_unlock_shows_a_clear_error_for_a_wrong_passphrase(
    qtbot: QtBot, closed_vault: Path, runner: TaskRunner
) -> None:
    dialog = UnlockDialog(closed_vault, runner, Vault.open)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.passphrase.setText("wrong")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: "passphrase is wrong" in dialog.error_label.text(), timeout=10_000)
    assert dialog.vault is None
    _shot(dialog, "unlock-wrong")
    dialog.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(dialog.vault_ready, timeout=10_000):
        dialog.buttons.accepted.emit()
    assert dialog.vault is not None
    dialog.vault.close()


def test_main_window_imports_on_a_worker_and_lists_the_items(
    qtbot: QtBot, vault: Vault, tmp_path: Path, runner: TaskRunner
) -> None:
    window = MainWindow(vault, runner)
    qtbot.addWidget(window)
    window.show()
    assert window.model.rowCount() == 0
    assert "empty" in window.status.text()
    files = [
        write_file(tmp_path / "протокол-суда.pdf", b"%PDF-1.7\n" + os.urandom(3000)),
        write_file(tmp_path / "IMG_0420.jpg", b"\xff\xd8\xff\xe0" + os.urandom(4 << 20)),
        write_file(tmp_path / "copy.jpg", (tmp_path / "IMG_0420.jpg").read_bytes()),
    ]
    with qtbot.waitSignal(window.import_finished, timeout=30_000):
        window.import_paths(files)
    assert window.model.rowCount() == 2
    names = {window.model.item_at(r).name for r in range(2)}
    assert names == {"протокол-суда.pdf", "IMG_0420.jpg"}
    assert window.import_panel.current.text() == "2 imported, 1 already in the vault, 0 failed."
    assert "already in the vault" not in window.status.text().lower(), "one summary of the import, not two"
    assert vault.fingerprint() in window.statusBar().currentMessage()
    assert str(vault.paths.root.parent) not in window.statusBar().currentMessage(), "the folder's name, not its path"
    _shot(window, "main-window")


def test_lock_action_asks_to_lock(qtbot: QtBot, vault: Vault, runner: TaskRunner) -> None:
    window = MainWindow(vault, runner)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.lock_requested, timeout=1000):
        window.lock_action.trigger()
