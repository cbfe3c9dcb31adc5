"""Export and verify from the window: a case to a folder and to a 7z, then the verify dialog on good and bad."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from locker.bundle.export import ExportRequest, export_bundle
from locker.bundle.public_tsas import DEFAULT_TSA_URLS
from locker.bundle.tsa_trust import TsaRootStore
from locker.bundle.verify import Verification
from locker.crypto.identity import spoken_fingerprint
from locker.errors import LockerError
from locker.ingest.importer import ImportOptions, import_files
from locker.senders import SenderStore
from locker.vault.vault import Vault
from tests.bundle.local_tsa import local_tsa
from tests.conftest import write_file
from ui.main_window import MainWindow
from ui.verify_dialog import VerifyDialog
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
    assert dialog.spoken.text().split() == spoken_fingerprint(vault.fingerprint()).split()
    dialog.case_radio.setChecked(True)
    dialog.case.setCurrentText("Дело 7")
    dialog.recipient.setText("адвокат")
    dialog.destination.setText(str(tmp_path / "bundle"))
    with qtbot.waitSignal(dialog.exported, timeout=30_000) as done:
        dialog.export_button.click()
    assert done.args[0].items == 1
    assert "Exported 1 item(s): clip.bin." in dialog.message.text()

    verify = window.open_verify()
    verify.bundle.setText(str(tmp_path / "bundle"))
    verify.fingerprint.setText(vault.fingerprint())
    with qtbot.waitSignal(verify.verified, timeout=30_000) as checked:
        verify.verify_button.click()
    assert checked.args[0].verdict.value == "confirmed" and all(check.ok for check in checked.args[0].checks)
    assert verify.headline.text() == "Confirmed: intact, and signed by a confirmed sender."

    shutil.copytree(tmp_path / "bundle", tmp_path / "tampered")
    payload = next(p for p in (tmp_path / "tampered" / "data").rglob("*") if p.is_file())
    payload.write_bytes(b"changed")
    verify.bundle.setText(str(tmp_path / "tampered"))
    with qtbot.waitSignal(verify.verified, timeout=30_000):
        verify.verify_button.click()
    assert verify.headline.text() == "Invalid: the bundle does NOT verify."
    assert verify.explanation.text() == "The evidence files were changed, added or removed after the export."
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
    assert checked.args[0].verdict.value == "unconfirmed"  # no fingerprint given
    assert all(check.ok for check in checked.args[0].checks)


def test_three_verdicts_and_confirming_the_sender_from_the_dialog(qtbot: QtBot, vault: Vault, tmp_path: Path) -> None:
    import_files(vault, [write_file(tmp_path / "in" / "clip.bin", b"clip" * 500)], ImportOptions(case="Дело 7"))
    export_bundle(vault, tmp_path / "bundle", ExportRequest(case="Дело 7"))
    store = SenderStore(tmp_path / "config" / "known-senders.json")
    verify = VerifyDialog(TaskRunner(), store)
    qtbot.addWidget(verify)
    verify.show()
    verify.bundle.setText(str(tmp_path / "bundle"))
    with qtbot.waitSignal(verify.verified, timeout=30_000) as checked:
        verify.verify_button.click()
    assert checked.args[0].verdict.value == "unconfirmed"
    assert verify.headline.text() == "Intact, but the signer is NOT confirmed."
    assert verify.key.text() == vault.fingerprint()
    assert verify.spoken.text().split() == spoken_fingerprint(vault.fingerprint()).split()
    assert verify.confirm_button.isVisible()
    name = "<b>Мария</b>"  # shown as typed, never as rich text
    with qtbot.waitSignal(verify.verified, timeout=30_000) as checked:
        verify.confirm_sender(name)
    assert checked.args[0].verdict.value == "confirmed" and checked.args[0].confirmed_by == name
    assert store.by_fingerprint() == {vault.fingerprint(): name}
    assert verify.headline.text() == "Confirmed: intact, and signed by a confirmed sender."
    assert name in verify.explanation.text() and not verify.confirm_button.isVisible()
    assert verify.explanation.textFormat() == Qt.TextFormat.PlainText
    senders = verify.open_senders()
    assert senders.list.count() == 1 and vault.fingerprint() in senders.list.item(0).text()
    senders.list.setCurrentRow(0)
    senders.remove_selected()
    assert senders.list.count() == 0 and store.senders() == []
    senders.close()
    verify.fingerprint.setText("SHA256:" + "A" * 43)
    with qtbot.waitSignal(verify.verified, timeout=30_000):
        verify.verify_button.click()
    assert verify.headline.text() == "Invalid: the bundle does NOT verify."
    assert verify.explanation.text() == "The signing key is NOT the one the sender gave you."


def _lines(verify: VerifyDialog) -> list[str]:
    return [verify.results.item(i).text() for i in range(verify.results.count())]


def _verify(qtbot: QtBot, verify: VerifyDialog) -> Verification | None:
    with qtbot.waitSignal(verify.verified, timeout=30_000) as checked:
        verify.verify_button.click()
    result = checked.args[0]
    assert result is None or isinstance(result, Verification)
    return result


def test_export_asks_the_ticked_tsas_only_when_trusted_time_is_on_and_verify_tells_untrusted_from_trusted(
    qtbot: QtBot, vault: Vault, tmp_path: Path
) -> None:
    window = _window(qtbot, vault, tmp_path)
    dialog = window.open_export()
    dialog.case_radio.setChecked(True)
    dialog.case.setCurrentText("Дело 7")
    assert not dialog.timestamp.isChecked() and not dialog.tsas.isVisible()
    assert dialog.request().tsa_urls == ()  # the defaults are ticked, but trusted time is off: no network
    dialog.timestamp.setChecked(True)
    assert dialog.tsas.isVisible()
    assert [url for url, box in dialog.tsas.public.items() if box.isChecked()] == list(DEFAULT_TSA_URLS)
    assert dialog.request().tsa_urls == DEFAULT_TSA_URLS
    for box in dialog.tsas.public.values():
        box.setChecked(False)
    with pytest.raises(LockerError, match="Tick at least one timestamp authority"):
        dialog.request()
    dialog.destination.setText(str(tmp_path / "stamped"))
    with local_tsa() as tsa:
        ca = tmp_path / "throwaway-root.pem"
        shutil.copy(tsa.ca_pem, ca)
        dialog.tsas.other.setPlainText(tsa.url)
        assert dialog.request().tsa_urls == (tsa.url,)
        with qtbot.waitSignal(dialog.exported, timeout=30_000) as done:
            dialog.export_button.click()
    # Only the local TSA was asked: an unticked public one would have failed here without a network.
    assert len(done.args[0].timestamps) == 1 and done.args[0].timestamp_errors == ()
    assert "Timestamp: " in dialog.message.text() and "UNTRUSTED time" in dialog.message.text()
    assert "Trusted time" not in dialog.message.text()  # the root is not trusted yet
    dialog.close()

    verify = window.open_verify()
    verify.bundle.setText(str(tmp_path / "stamped"))
    result = _verify(qtbot, verify)
    assert result is not None and result.verdict.value == "unconfirmed"
    assert [stamp.trusted for stamp in result.timestamps] == [False]
    assert verify.time_kind == "untrusted" and verify.time_frame.isVisible()
    assert verify.time_text.text().startswith("UNTRUSTED time: a token dated ")
    assert "Throwaway Test TSA" in verify.time_text.text() and "add its root certificate in Settings" in (
        verify.time_text.text()
    )
    assert "Trusted time" not in verify.time_text.text()
    assert any(line.startswith("WARN  timestamp tsa-1") for line in _lines(verify))
    assert not any(line.startswith("OK  timestamp") for line in _lines(verify))

    verify.run_root.setText(str(tmp_path / "clip-not-a-root.bin"))
    (tmp_path / "clip-not-a-root.bin").write_bytes(b"not a certificate")
    assert _verify(qtbot, verify) is None
    assert "holds no PEM certificate" in verify.headline.text() and verify.verify_button.isEnabled()

    verify.run_root.setText(str(ca))
    result = _verify(qtbot, verify)
    assert result is not None and [stamp.trusted for stamp in result.timestamps] == [True]
    assert verify.time_kind == "trusted"
    assert verify.time_text.text().startswith("Trusted time: the bundle existed at ")
    assert verify.time_text.text().endswith(" UTC (CN=Throwaway Test TSA).")
    assert any(line.startswith("OK  timestamp tsa-1") for line in _lines(verify))


def test_a_bundle_without_a_token_says_no_trusted_time_and_an_invalid_one_says_nothing_of_time(
    qtbot: QtBot, vault: Vault, tmp_path: Path
) -> None:
    import_files(vault, [write_file(tmp_path / "in" / "clip.bin", b"clip" * 500)], ImportOptions(case="Дело 7"))
    export_bundle(vault, tmp_path / "bundle", ExportRequest(case="Дело 7"))
    verify = VerifyDialog(TaskRunner(), SenderStore(None), TsaRootStore(None))
    qtbot.addWidget(verify)
    verify.show()
    verify.bundle.setText(str(tmp_path / "bundle"))
    verify.fingerprint.setText(vault.fingerprint())
    result = _verify(qtbot, verify)
    assert result is not None and result.verdict.value == "confirmed"
    assert verify.time_kind == "none"
    assert verify.time_text.text() == "No trusted time: nothing in the bundle proves when it was made."
    (tmp_path / "bundle" / "bagit.txt").write_text("BagIt-Version: 0.97\n")
    result = _verify(qtbot, verify)
    assert result is not None and result.verdict.value == "invalid"
    assert verify.headline.text() == "Invalid: the bundle does NOT verify."
    assert not verify.time_frame.isVisible()


def test_the_app_never_verifies_a_bundle_in_its_own_process(
    qtbot: QtBot, vault: Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app holds the vault key: a stranger's bundle is parsed only in the verifier child. With the in-process
    verification broken, the dialog still gives the verdict, so it came from the child."""
    from locker.bundle import verify as verify_module
    from locker.bundle.export import ExportRequest, export_bundle

    window = _window(qtbot, vault, tmp_path)
    export_bundle(vault, tmp_path / "bundle", ExportRequest(case="Дело 7"))

    def parsed_here(*args: object, **kwargs: object) -> None:
        raise AssertionError("a bundle was parsed in the process that holds the key")

    monkeypatch.setattr(verify_module, "_verify", parsed_here)
    monkeypatch.setattr(verify_module, "open_bundle", parsed_here)
    verify = window.open_verify()
    verify.bundle.setText(str(tmp_path / "bundle"))
    verify.fingerprint.setText(vault.fingerprint())
    result = _verify(qtbot, verify)
    assert result is not None and result.verdict.value == "confirmed"
