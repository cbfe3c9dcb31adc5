"""After a crash during an export, unlocking in the app removes its partial files and says so."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from locker.vault import pending_outputs
from locker.vault.vault import Vault
from tests.conftest import PASSPHRASE, WEAK_PARAMS
from ui.main_window import MainWindow
from ui.worker import TaskRunner


def test_unlocking_removes_an_interrupted_exports_partial_files_and_says_so(qtbot: QtBot, tmp_path: Path) -> None:
    partial = tmp_path / ".bag.partial-0a1b2c3d"
    (partial / "data").mkdir(parents=True)
    (partial / "data" / "photo.jpg").write_bytes(b"plaintext evidence")
    with Vault.create(tmp_path / "v.locker", PASSPHRASE, WEAK_PARAMS) as vault, vault.transaction() as conn:
        pending_outputs.begin(conn, "0a1b2c3d", partial, tmp_path / "bag")  # then the process died
    vault = Vault.open(tmp_path / "v.locker", PASSPHRASE)
    try:
        assert not partial.exists()
        window = MainWindow(vault, TaskRunner())
        qtbot.addWidget(window)
        window.show()
        box = window.recovered_box
        assert box.isVisible() and "partial files were removed" in box.text()
        box.grab().save(str(tmp_path / "recovered.png"))
    finally:
        vault.close()
