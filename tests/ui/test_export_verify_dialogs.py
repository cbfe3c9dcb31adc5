"""Export and verify from the window: a case to a folder and to a 7z, then the verify dialog on good and bad."""

from __future__ import annotations

import shutil
from pathlib import Path

from pytestqt.qtbot import QtBot

from locker.ingest.importer import ImportOptions, import_files
from locker.vault.vault import Vault
from tests.conftest import write_file
from ui.main_window import MainWindow
from ui.worker import TaskRunner


def _window(qtbot: QtBot, vault: Vault, tmp_path: Path) -> MainWindow:
    import_files(vault, [write_file(tmp_path / "in" / "clip.bin", b"clip" * 5000)], ImportOptions(case="Дело 7"))
    import_files(vault, [write_file(tmp_path / "in" / "other.txt", b"other")], ImportOptions(case="Другое"))
    window = MainWindow(vault, TaskRunner())
    qtbot.addWidget(window)
    window.show()
    return window


def test_export_a_case_then_verify_it_and_a_tampered_copy(qtbot: QtBot, vault: Vault, tmp_path: Path) -> None:
    window = _window(qtbot, vault, tmp_path)
    dialog = window.open_export()
    assert dialog.fingerprint.text() == vault.fingerprint()
    dialog.case_radio.setChecked(True)
    dialog.case.setCurrentText("Дело 7")
    dialog.recipient.setText("адвокат")
    dialog.destination.setText(str(tmp_path / "bundle"))
    with qtbot.waitSignal(dialog.exported, timeout=30_000) as done:
        dialog.export_button.click()
    assert done.args[0].items == 1
    assert "written to" in dialog.message.text()

    verify = window.open_verify()
    verify.bundle.setText(str(tmp_path / "bundle"))
    verify.fingerprint.setText(vault.fingerprint())
    with qtbot.waitSignal(verify.verified, timeout=30_000) as checked:
        verify.verify_button.click()
    assert checked.args[0] and all(check.ok for check in checked.args[0])
    assert verify.summary.text() == "The bundle is intact and signed."

    shutil.copytree(tmp_path / "bundle", tmp_path / "tampered")
    payload = next(p for p in (tmp_path / "tampered" / "data").rglob("*") if p.is_file())
    payload.write_bytes(b"changed")
    verify.bundle.setText(str(tmp_path / "tampered"))
    with qtbot.waitSignal(verify.verified, timeout=30_000):
        verify.verify_button.click()
    assert verify.summary.text() == "The bundle does NOT verify."
    lines = [verify.results.item(i).text() for i in range(verify.results.count())]
    assert any(line.startswith("FAIL  payload sha256") for line in lines)


def test_7z_export_needs_matching_passwords_and_verifies_with_it(qtbot: QtBot, vault: Vault, tmp_path: Path) -> None:
    window = _window(qtbot, vault, tmp_path)
    dialog = window.open_export()
    dialog.case_radio.setChecked(True)
    dialog.case.setCurrentText("Дело 7")
    dialog.format.setCurrentIndex(dialog.format.findData("7z"))
    dialog.destination.setText(str(tmp_path / "for-counsel"))
    dialog.password.setText("one")
    dialog.password_again.setText("two")
    dialog.export_button.click()
    assert dialog.message.text() == "The two 7z passwords are empty or differ."
    dialog.password_again.setText("one")
    with qtbot.waitSignal(dialog.exported, timeout=30_000):
        dialog.export_button.click()
    out = tmp_path / "for-counsel.7z"
    assert out.exists()
    verify = window.open_verify()
    verify.bundle.setText(str(out))
    verify.password.setText("one")
    with qtbot.waitSignal(verify.verified, timeout=30_000) as checked:
        verify.verify_button.click()
    assert checked.args[0] and all(check.ok for check in checked.args[0])
