"""The app offers to upgrade a vault made by an older release when it is unlocked, and never a current one."""

from __future__ import annotations

import shutil
from pathlib import Path

from pytestqt.qtbot import QtBot

from locker.vault.vault import Vault
from tests.conftest import PASSPHRASE
from tests.test_format_upgrade import FIXTURE_VAULT
from ui.main_window import MainWindow
from ui.upgrade_dialog import UpgradeDialog
from ui.worker import TaskRunner


def _old_vault(tmp_path: Path) -> Vault:
    root = tmp_path / "old.locker"
    shutil.copytree(FIXTURE_VAULT, root)
    return Vault.open(root, PASSPHRASE)


def _offer(qtbot: QtBot, vault: Vault) -> UpgradeDialog | None:
    window = MainWindow(vault, TaskRunner())
    qtbot.addWidget(window)
    offer = getattr(window, "upgrade_offer", None)
    if offer is not None:
        qtbot.addWidget(offer)
    return offer


def test_unlocking_an_old_vault_offers_the_upgrade_and_upgrade_now_converts_it(qtbot: QtBot, tmp_path: Path) -> None:
    vault = _old_vault(tmp_path)
    try:
        offer = _offer(qtbot, vault)
        assert offer is not None and offer.isVisible()
        assert "older version" in offer.explanation.text()
        with qtbot.waitSignal(offer.upgraded, timeout=60_000):
            offer.upgrade_button.click()
        assert vault.format_version == 2
        assert not vault.needs_upgrade
        assert "has been upgraded" in offer.message.text()
    finally:
        vault.close()
    Vault.open(vault.paths.root, PASSPHRASE).close()


def test_a_current_vault_is_offered_nothing(qtbot: QtBot, vault: Vault) -> None:
    assert _offer(qtbot, vault) is None


def test_stop_ends_the_upgrade_with_nothing_changed_and_later_closes_the_offer(qtbot: QtBot, tmp_path: Path) -> None:
    vault = _old_vault(tmp_path)
    try:
        offer = _offer(qtbot, vault)
        assert offer is not None
        database = vault.paths.database.read_bytes()
        # Holding the vault keeps the worker waiting before it writes anything, so Stop lands before the switch.
        with vault.session():
            offer.upgrade_button.click()
            assert offer.later_button.text() == "Stop"
            offer.later_button.click()
            assert offer.isVisible()  # it stays until the upgrade has stopped
        qtbot.waitUntil(lambda: "stopped" in offer.message.text(), timeout=60_000)
        assert "nothing was changed" in offer.message.text()
        assert vault.format_version == 1
        assert vault.paths.database.read_bytes() == database
        offer.later_button.click()
        assert not offer.isVisible()
    finally:
        vault.close()
