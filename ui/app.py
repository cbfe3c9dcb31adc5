"""Composition root of the desktop app: picks the vault, asks for the passphrase, shows the main window.

Only this module chooses implementations (how vaults are created and opened); tests build the same parts with
their own choices (fast KDF parameters) instead of switching anything in production code.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QDialog

from locker.vault.paths import default_vault_dir
from locker.vault.vault import Vault, vault_exists
from ui.main_window import MainWindow
from ui.passphrase_dialogs import CreateVaultDialog, OpenVault, UnlockDialog
from ui.worker import TaskRunner

TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"


def install_translators(app: QApplication, locale: QLocale) -> list[QTranslator]:
    """Load our .qm and Qt's own for `locale`; English is the built-in source language."""
    installed = []
    for directory, prefix in (
        (TRANSLATIONS_DIR, "locker_"),
        (Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)), "qtbase_"),
    ):
        translator = QTranslator(app)
        if translator.load(locale, prefix.rstrip("_"), "_", str(directory)):
            app.installTranslator(translator)
            installed.append(translator)
    return installed


class LockerApp:
    """The app's flow: (create or unlock) -> main window -> lock -> unlock again."""

    def __init__(self, vault_dir: Path, create: OpenVault, open_vault: OpenVault, runner: TaskRunner) -> None:
        self.vault_dir = vault_dir
        self._create = create
        self._open = open_vault
        self.runner = runner
        self.window: MainWindow | None = None
        self.vault: Vault | None = None

    def passphrase_dialog(self) -> CreateVaultDialog | UnlockDialog:
        if vault_exists(self.vault_dir):
            return UnlockDialog(self.vault_dir, self.runner, self._open)
        return CreateVaultDialog(self.vault_dir, self.runner, self._create)

    def show_vault(self, vault: Vault) -> MainWindow:
        self.vault = vault
        self.window = MainWindow(vault, self.runner)
        self.window.lock_requested.connect(self.lock)
        self.window.show()
        return self.window

    def lock(self) -> None:
        """Close the vault, zero its key, drop the window, and ask for the passphrase again."""
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
            self.window = None
        if self.vault is not None:
            self.vault.close()
            self.vault = None
        self.start()

    def start(self) -> None:
        dialog = self.passphrase_dialog()
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.vault is not None:
            self.show_vault(dialog.vault)
        else:
            QApplication.quit()


def main(argv: list[str] | None = None, create: Callable[[Path, str], Vault] | None = None) -> int:
    """`locker-gui [--vault PATH]`."""
    parser = argparse.ArgumentParser(prog="locker-gui")
    parser.add_argument("--vault", metavar="PATH", help="vault folder (default: the user data dir)")
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Evidence Locker")
    install_translators(app, QLocale.system())
    vault_dir = Path(args.vault).expanduser() if args.vault else default_vault_dir()
    flow = LockerApp(vault_dir, create or Vault.create, Vault.open, TaskRunner())
    flow.start()
    if flow.vault is None:
        return 0
    code = app.exec()
    if flow.vault is not None:
        flow.vault.close()
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
