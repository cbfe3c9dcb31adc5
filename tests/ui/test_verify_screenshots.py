"""The verify dialog's panels, rendered in English and Russian: three verdicts and untrusted time, each distinct,
and no wrapped text squeezed. LOCKER_SCREENS_DIR keeps the PNGs (to look at them); otherwise they go to tmp_path."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from locker.bundle.export import ExportRequest, export_bundle
from locker.bundle.tsa_trust import TsaRootStore, load_root_file
from locker.ingest.importer import ImportOptions, import_files
from locker.senders import SenderStore
from locker.vault.vault import Vault
from tests.bundle.local_tsa import local_tsa
from tests.conftest import write_file
from ui.app import install_translators
from ui.verify_dialog import VerifyDialog
from ui.worker import TaskRunner


@dataclass(frozen=True)
class Bundles:
    plain: Path
    stamped: Path
    tampered: Path
    root: Path
    fingerprint: str


@pytest.fixture
def bundles(vault: Vault, tmp_path: Path) -> Bundles:
    import_files(vault, [write_file(tmp_path / "in" / "IMG_2031.jpg", b"photo" * 2000)], ImportOptions(case="C1"))
    export_bundle(vault, tmp_path / "plain", ExportRequest(case="C1"))
    with local_tsa() as tsa:
        export_bundle(vault, tmp_path / "stamped", ExportRequest(case="C1", tsa_urls=(tsa.url,)))
        shutil.copy(tsa.ca_pem, tmp_path / "root.pem")
    shutil.copytree(tmp_path / "plain", tmp_path / "tampered")
    next(p for p in (tmp_path / "tampered" / "data").rglob("*") if p.is_file()).write_bytes(b"changed")
    return Bundles(tmp_path / "plain", tmp_path / "stamped", tmp_path / "tampered", tmp_path / "root.pem",
                   vault.fingerprint())  # fmt: skip


@pytest.fixture(params=["en", "ru"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translators(app, QLocale(request.param)) if request.param == "ru" else []
    yield request.param
    for translator in translators:
        app.removeTranslator(translator)


def _squeezed(dialog: QWidget) -> list[str]:
    """Visible wrapped labels given less height than their text needs, and inputs smaller than their minimum."""
    labels = [
        label.text()[:60]
        for label in dialog.findChildren(QLabel)
        if label.isVisible() and label.wordWrap() and label.text()
        and label.height() < label.heightForWidth(label.width())
    ]  # fmt: skip
    inputs = [
        widget.objectName() or type(widget).__name__
        for kind in (QCheckBox, QPushButton, QLineEdit, QPlainTextEdit)
        for widget in dialog.findChildren(kind)
        if widget.isVisible()
        and widget.height() < (widget.minimumHeight() or widget.minimumSizeHint().height())
    ]  # fmt: skip
    boxes = [
        type(widget).__name__
        for widget in dialog.findChildren(QWidget)
        if widget.isVisible() and widget.layout() is not None
        and widget.height() < widget.layout().minimumSize().height()
    ]  # fmt: skip
    return labels + inputs + boxes


def test_verdict_panels_in_english_and_russian(qtbot: QtBot, bundles: Bundles, language: str, tmp_path: Path) -> None:
    out = Path(os.environ.get("LOCKER_SCREENS_DIR") or tmp_path / "screens")
    out.mkdir(parents=True, exist_ok=True)
    roots = TsaRootStore(None)
    dialog = VerifyDialog(TaskRunner(), SenderStore(None), roots)
    qtbot.addWidget(dialog)
    dialog.show()
    states = (
        ("confirmed", bundles.stamped, bundles.fingerprint, True),
        ("unconfirmed", bundles.plain, "", False),
        ("untrusted-time", bundles.stamped, "", False),
        ("invalid", bundles.tampered, "", False),
    )
    seen: dict[str, tuple[str, str]] = {}
    for name, bundle, fingerprint, trust_root in states:
        for root in roots.roots():
            roots.remove(root.fingerprint)
        if trust_root:
            roots.add(load_root_file(bundles.root)[0])
        dialog.bundle.setText(str(bundle))
        dialog.fingerprint.setText(fingerprint)
        with qtbot.waitSignal(dialog.verified, timeout=30_000) as checked:
            dialog.verify_button.click()
        assert checked.args[0] is not None
        QApplication.processEvents()
        assert _squeezed(dialog) == [], name
        assert dialog.layout().minimumSize().height() <= dialog.height(), name
        seen[name] = (dialog.headline.text(), dialog.time_text.text() if dialog.time_frame.isVisible() else "")
        path = out / f"verify-{name}-{language}.png"
        assert dialog.grab().save(str(path))
        with Image.open(path) as image:
            assert len(image.convert("RGB").getcolors(maxcolors=1_000_000) or []) > 50
    assert dialog.time_kind == "none" or not dialog.time_frame.isVisible()
    headlines = {headline for headline, _ in seen.values()}
    assert len(headlines) == 3  # confirmed, unconfirmed, invalid; untrusted time shares unconfirmed's headline
    times = [time for _, time in seen.values()]
    assert len(set(times)) == 4 and seen["invalid"][1] == ""  # trusted, none, UNTRUSTED, not shown
    if language == "ru":
        assert seen["confirmed"][1].startswith("Доверенное время: пакет существовал в ")
        assert seen["untrusted-time"][1].startswith("НЕДОВЕРЕННОЕ время: метка от ")
        assert seen["unconfirmed"][1] == "Нет доверенного времени: ничто в пакете не доказывает, когда он был сделан."
    else:
        assert seen["confirmed"][1].startswith("Trusted time: the bundle existed at ")
        assert seen["untrusted-time"][1].startswith("UNTRUSTED time: a token dated ")


def test_timestamp_settings_and_export_choices_in_english_and_russian(
    qtbot: QtBot, bundles: Bundles, vault: Vault, language: str, tmp_path: Path
) -> None:
    from locker.settings import AppSettings
    from ui.export_dialog import ExportDialog
    from ui.settings_dialog import SettingsDialog

    out = Path(os.environ.get("LOCKER_SCREENS_DIR") or tmp_path / "screens")
    out.mkdir(parents=True, exist_ok=True)
    roots = TsaRootStore(None)
    roots.add(load_root_file(bundles.root)[0])
    settings = SettingsDialog(AppSettings(), vault, TaskRunner(), lambda _s: None, roots)
    qtbot.addWidget(settings)
    settings.tabs.setCurrentIndex(1)
    settings.show()
    QApplication.processEvents()
    assert settings.roots_list.count() >= 1 and _squeezed(settings) == []
    assert settings.grab().save(str(out / f"settings-timestamps-{language}.png"))
    export = ExportDialog(vault, TaskRunner(), ["C1"], [])
    qtbot.addWidget(export)
    export.show()
    export.timestamp.setChecked(True)
    QApplication.processEvents()
    assert _squeezed(export) == []
    assert export.grab().save(str(out / f"export-timestamps-{language}.png"))
