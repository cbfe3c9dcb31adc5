"""Settings: panic mode, shortcut, auto-lock, wrong-passphrase limit and duress, applied and persisted."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from locker.bundle.export import ExportRequest, export_bundle
from locker.bundle.public_tsas import DEFAULT_TSA_URLS, PUBLIC_TSAS
from locker.bundle.tsa_trust import curated_roots
from locker.errors import WrongPassphraseError
from locker.ingest.importer import ImportOptions, import_files
from locker.panic.channel import PanicMode
from locker.settings import AppSettings, load_settings, save_settings
from locker.vault.vault import Vault
from tests.bundle.local_tsa import local_tsa
from tests.conftest import PASSPHRASE, write_file
from tests.ui.running_app import running_app
from ui.app import LockerApp
from ui.session_guard import SessionGuard
from ui.settings_dialog import SettingsDialog


@pytest.fixture
def app_with_settings(qtbot: QtBot, closed_vault: Path, tmp_path: Path) -> Iterator[LockerApp]:
    def guard(qapp: QApplication) -> SessionGuard:
        return SessionGuard(qapp, check_interval_ms=60_000)

    yield from running_app(qtbot, closed_vault, guard, settings_path=tmp_path / "config" / "settings.json")


def _open(qtbot: QtBot, flow: LockerApp) -> SettingsDialog:
    dialog = flow.open_settings()
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=2000)
    return dialog


def test_erase_mode_and_a_new_shortcut_apply_at_once_and_persist(
    qtbot: QtBot, app_with_settings: LockerApp, closed_vault: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    flow = app_with_settings
    dialog = _open(qtbot, flow)
    dialog.panic_mode.setCurrentIndex(dialog.panic_mode.findData("erase"))
    dialog.shortcut.setKeySequence(QKeySequence("Ctrl+Alt+P"))
    dialog.idle_minutes.setValue(3)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(dialog.applied, timeout=2000):
        dialog.accept_and_save()
    assert flow.settings_path is not None
    saved = json.loads(flow.settings_path.read_text())
    assert saved == {"panic_mode": "erase", "panic_shortcut": "Ctrl+Alt+P", "idle_minutes": 3.0, "language": "",
                     "tsa_urls": list(DEFAULT_TSA_URLS), "proxy": ""}  # fmt: skip
    assert flow.guard.panic_mode is PanicMode.ERASE and flow.guard.idle_minutes == 3
    qtbot.keyClick(flow.window, Qt.Key.Key_F12, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert (closed_vault / "header").exists(), "the old shortcut no longer does anything"
    with qtbot.waitSignal(flow.erased, timeout=2000):
        qtbot.keyClick(flow.window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert not (closed_vault / "header").exists()


def test_cancelling_the_erase_warning_keeps_lock_mode(
    qtbot: QtBot, app_with_settings: LockerApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _open(qtbot, app_with_settings)
    dialog.panic_mode.setCurrentIndex(dialog.panic_mode.findData("erase"))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    dialog.accept_and_save()
    assert app_with_settings.guard.panic_mode is PanicMode.LOCK
    assert app_with_settings.settings_path is not None and not app_with_settings.settings_path.exists()


def test_duress_and_wrong_passphrase_limit_from_the_dialog(
    qtbot: QtBot, app_with_settings: LockerApp, closed_vault: Path
) -> None:
    dialog = _open(qtbot, app_with_settings)
    dialog.duress_first.setText("give them this")
    dialog.duress_second.setText("give them this")
    with qtbot.waitSignal(dialog.duress_changed, timeout=10_000) as changed:
        dialog.set_duress_button.click()
    assert changed.args == [True]
    assert "is set" in dialog.duress_status.text()
    dialog.wipe_after.setValue(5)
    dialog.accept_and_save()
    assert json.loads((closed_vault / "attempts").read_text())["limit"] == 5
    app_with_settings.lock()
    with pytest.raises(WrongPassphraseError):
        Vault.open(closed_vault, "give them this")
    with pytest.raises(WrongPassphraseError):  # erased: the owner's passphrase opens nothing any more
        Vault.open(closed_vault, PASSPHRASE)


def test_settings_file_with_nonsense_falls_back_to_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"panic_mode": "explode", "idle_minutes": "soon", "language": "xx", "extra": 1}))
    assert load_settings(path) == AppSettings()
    path.write_text("{not json")
    assert load_settings(path) == AppSettings()
    save_settings(path, AppSettings(panic_mode="erase", idle_minutes=2))
    assert load_settings(path) == AppSettings(panic_mode="erase", idle_minutes=2)
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_a_new_settings_file_offers_two_independent_public_tsas_and_old_files_keep_their_choice(
    tmp_path: Path,
) -> None:
    path = tmp_path / "settings.json"
    assert load_settings(path).tsa_urls == DEFAULT_TSA_URLS  # no file yet
    operators = {tsa.operator for tsa in PUBLIC_TSAS if tsa.url in DEFAULT_TSA_URLS}
    assert len(DEFAULT_TSA_URLS) == 2 and len(operators) == 2
    path.write_text(json.dumps({"panic_mode": "erase"}))  # written before the key existed
    assert load_settings(path).tsa_urls == DEFAULT_TSA_URLS
    path.write_text(json.dumps({"tsa_urls": []}))  # an old file where the user asked none: still none
    assert load_settings(path).tsa_urls == ()
    path.write_text(json.dumps({"tsa_urls": ["http://a.example/tsa", "http://a.example/tsa", "nonsense"]}))
    assert load_settings(path).tsa_urls == ("http://a.example/tsa",)
    path.write_text(json.dumps({"tsa_urls": "http://a.example/tsa"}))  # not a list: the default
    assert load_settings(path).tsa_urls == DEFAULT_TSA_URLS


def test_timestamp_authorities_and_proxy_are_offered_in_the_export_dialog(
    qtbot: QtBot, app_with_settings: LockerApp
) -> None:
    flow = app_with_settings
    dialog = _open(qtbot, flow)
    public = dialog.tsas.public
    assert [url for url, box in public.items() if box.isChecked()] == list(DEFAULT_TSA_URLS)
    assert dialog.tsas.other.toPlainText() == ""
    globalsign = next(tsa for tsa in PUBLIC_TSAS if tsa.name == "GlobalSign")
    assert public[globalsign.url].text() == "GlobalSign, run by GlobalSign nv-sa (Belgium, Japan)"
    public[DEFAULT_TSA_URLS[0]].setChecked(False)
    public[globalsign.url].setChecked(True)
    dialog.tsas.other.setPlainText("http://127.0.0.1:8318/tsa\nnot a url\nhttps://tsa.example.org/")
    dialog.proxy.setText("socks5h://127.0.0.1:9050")
    with qtbot.waitSignal(dialog.applied, timeout=2000):
        dialog.accept_and_save()
    assert flow.settings_path is not None
    saved = load_settings(flow.settings_path)
    # The ticked public ones, then the other addresses; the nonsense line dropped.
    assert saved.tsa_urls == (DEFAULT_TSA_URLS[1], globalsign.url, "http://127.0.0.1:8318/tsa",
                              "https://tsa.example.org/")  # fmt: skip
    assert saved.proxy == "socks5h://127.0.0.1:9050"
    again = _open(qtbot, flow)
    assert [url for url, box in again.tsas.public.items() if box.isChecked()] == [DEFAULT_TSA_URLS[1], globalsign.url]
    assert again.tsas.other.toPlainText().splitlines() == ["http://127.0.0.1:8318/tsa", "https://tsa.example.org/"]
    again.reject()
    assert flow.window is not None
    export = flow.window.open_export()
    export.case.addItem("Дело 1")  # the vault is empty and the dialog makes no case up: one to export
    export.case.setCurrentIndex(0)
    assert not export.timestamp.isChecked() and export.request().tsa_urls == ()  # off until ticked
    export.timestamp.setChecked(True)
    assert export.request().tsa_urls == saved.tsa_urls
    assert export.proxy.text() == "socks5h://127.0.0.1:9050"
    export.close()


def test_trusted_tsa_roots_added_in_settings_make_a_local_tsa_token_trusted_time(
    qtbot: QtBot, app_with_settings: LockerApp, tmp_path: Path
) -> None:
    flow = app_with_settings
    assert flow.vault is not None and flow.window is not None
    import_files(flow.vault, [write_file(tmp_path / "in" / "clip.bin", b"clip" * 500)], ImportOptions(case="C1"))
    with local_tsa() as tsa:
        export_bundle(flow.vault, tmp_path / "bundle", ExportRequest(case="C1", tsa_urls=(tsa.url,)))
        root_pem = tmp_path / "throwaway-root.pem"
        shutil.copy(tsa.ca_pem, root_pem)
    verify = flow.window.open_verify()
    verify.bundle.setText(str(tmp_path / "bundle"))
    with qtbot.waitSignal(verify.verified, timeout=30_000):
        verify.verify_button.click()
    assert verify.time_kind == "untrusted" and verify.time_text.text().startswith("UNTRUSTED time:")

    dialog = _open(qtbot, flow)
    rows = [dialog.roots_list.item(i).text() for i in range(dialog.roots_list.count())]
    assert rows == [f"{root.name} (built in)" for root in curated_roots()]
    if rows:  # a built-in root cannot be removed
        dialog.roots_list.setCurrentRow(0)
        assert not dialog.remove_root_button.isEnabled()
    (tmp_path / "notes.txt").write_text("not a certificate")
    assert not dialog.add_root_file(tmp_path / "notes.txt")
    assert (
        dialog.roots_message.text()
        == f"{tmp_path / 'notes.txt'} holds no PEM certificate (-----BEGIN CERTIFICATE-----)."
    )
    assert dialog.roots_list.count() == len(rows) and flow.tsa_roots.roots() == []
    assert dialog.add_root_file(root_pem)
    assert dialog.roots_message.text() == "Now trusted: Throwaway Test Root"
    assert [root.name for root in flow.tsa_roots.roots()] == ["Throwaway Test Root"]
    mine = dialog.roots_list.item(dialog.roots_list.count() - 1)
    assert mine.text().startswith("Throwaway Test Root (yours, SHA-256 ")
    dialog.reject()  # roots are kept at once, like confirmed senders; Cancel is about the other settings

    with qtbot.waitSignal(verify.verified, timeout=30_000) as checked:
        verify.verify_button.click()
    assert [stamp.trusted for stamp in checked.args[0].timestamps] == [True]
    assert verify.time_kind == "trusted"
    assert verify.time_text.text().startswith("Trusted time: the bundle existed at ")

    dialog = _open(qtbot, flow)
    dialog.roots_list.setCurrentRow(dialog.roots_list.count() - 1)
    assert dialog.remove_root_button.isEnabled()
    dialog.remove_root_button.click()
    assert flow.tsa_roots.roots() == [] and dialog.roots_list.count() == len(rows)
    dialog.reject()
    with qtbot.waitSignal(verify.verified, timeout=30_000):
        verify.verify_button.click()
    assert verify.time_kind == "untrusted"
