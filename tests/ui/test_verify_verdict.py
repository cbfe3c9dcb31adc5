"""Verify: "Choose..." takes a bundle folder or a bundle file; the verdict comes first as a coloured banner, then the
checks in plain words, and the technical lines only behind "Details"."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from locker.bundle.export import ExportRequest, export_bundle
from locker.ingest.importer import ImportOptions, import_files
from locker.senders import SenderStore
from locker.vault.vault import Vault
from tests.conftest import write_file
from ui.verify_dialog import VerifyDialog
from ui.worker import TaskRunner


@pytest.fixture
def bundle(vault: Vault, tmp_path: Path) -> Path:
    import_files(vault, [write_file(tmp_path / "in" / "ruling.txt", "Постановление".encode())], ImportOptions(case="Д"))
    export_bundle(vault, tmp_path / "bundle", ExportRequest(case="Д"))
    return tmp_path / "bundle"


def _dialog(qtbot: QtBot, tmp_path: Path) -> VerifyDialog:
    verify = VerifyDialog(TaskRunner(), SenderStore(None))
    qtbot.addWidget(verify)
    verify.show()
    return verify


def _pick(qtbot: QtBot, chooser: QFileDialog, path: Path) -> None:
    qtbot.waitUntil(chooser.isVisible, timeout=2000)
    chooser.setDirectory(str(path.parent))
    chooser.selectFile(path.name)
    chooser.accept()


def test_choose_picks_a_bundle_folder_or_a_bundle_file(
    qtbot: QtBot, vault: Vault, bundle: Path, tmp_path: Path
) -> None:
    verify = _dialog(qtbot, tmp_path)
    labels = [action.text() for action in verify.choose_button.menu().actions()]
    assert labels == ["A bundle folder...", "A bundle file (.zip, .7z, .age)..."]
    _pick(qtbot, verify.choose_folder(), bundle)
    assert Path(verify.bundle.text()) == bundle
    export_bundle(vault, tmp_path / "bundle.zip", ExportRequest(case="Д"))
    _pick(qtbot, verify.choose_file(), tmp_path / "bundle.zip")
    assert Path(verify.bundle.text()) == tmp_path / "bundle.zip"


def _verify(qtbot: QtBot, verify: VerifyDialog) -> None:
    with qtbot.waitSignal(verify.verified, timeout=30_000):
        verify.verify_button.click()


def _sentences(verify: VerifyDialog) -> list[str]:
    return [verify.checks.item(i).text() for i in range(verify.checks.count())]


def test_a_confirmed_and_a_tampered_bundle_give_different_banners_and_plain_checks(
    qtbot: QtBot, vault: Vault, bundle: Path, tmp_path: Path
) -> None:
    verify = _dialog(qtbot, tmp_path)
    verify.bundle.setText(str(bundle))
    verify.fingerprint.setText(vault.fingerprint())
    _verify(qtbot, verify)
    assert verify.headline.text() == "Confirmed: intact, and signed by a confirmed sender."
    assert "#2e7d32" in verify.panel.styleSheet()  # green
    assert verify.headline.font().pointSizeF() >= 1.7 * verify.font().pointSizeF()
    assert _sentences(verify) == [
        "The evidence files are exactly as they were exported: nothing changed, added or removed.",
        "The description of the evidence (file list, report, custody log) is unchanged.",
        "The bundle is signed, and the signature matches its content.",
        "The signing key is the one the sender gave you.",
        "The record of who did what (custody log) is complete and matches the files and the key.",
        "The bundle has no trusted time: nothing proves when it was made.",
    ]
    assert not verify.results.isVisible() and verify.results.count() > len(_sentences(verify))
    assert not any("sha256" in s or "oxum" in s or "bagit" in s for s in _sentences(verify)), "no jargon"

    tampered = tmp_path / "tampered"
    shutil.copytree(bundle, tampered)
    next(p for p in (tampered / "data").rglob("*") if p.is_file()).write_bytes(b"changed")
    verify.bundle.setText(str(tampered))
    _verify(qtbot, verify)
    assert verify.headline.text() == "Invalid: the bundle does NOT verify."
    assert "#c62828" in verify.panel.styleSheet()  # red
    assert _sentences(verify)[0] == "The evidence files were changed, added or removed after the export."
    assert verify.explanation.text() == _sentences(verify)[0], "the banner says what failed, in the same words"
    assert not verify.results.isVisible()
    qtbot.mouseClick(verify.details_button, Qt.MouseButton.LeftButton)
    assert verify.results.isVisible()
    assert any(verify.results.item(i).text().startswith("FAIL  payload sha256") for i in range(verify.results.count()))


def test_a_folder_or_a_file_that_is_no_bundle_is_called_so_not_tampered(qtbot: QtBot, tmp_path: Path) -> None:
    """A plain folder and a random .zip were reported as "the evidence files were changed" (review of issue 19)."""
    folder = tmp_path / "holiday"
    folder.mkdir()
    (folder / "a.txt").write_text("hi")
    junk = tmp_path / "random.zip"
    junk.write_bytes(bytes(range(256)) * 4)
    verify = _dialog(qtbot, tmp_path)
    for target in (folder, junk):
        verify.bundle.setText(str(target))
        _verify(qtbot, verify)
        assert verify.headline.text() == "Invalid: the bundle does NOT verify."
        assert _sentences(verify) == [
            "This is not an evidence bundle, or it is too damaged to read: there is nothing in it to check."
        ], target
