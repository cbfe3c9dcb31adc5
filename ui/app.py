"""Composition root of the desktop app: picks the vault, asks for the passphrase, shows the main window.

Only this module chooses implementations (how vaults are created and opened); tests build the same parts with
their own choices (fast KDF parameters) instead of switching anything in production code.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLibraryInfo, QLocale, QObject, QSettings, QTimer, QTranslator, Signal
from PySide6.QtWidgets import QApplication, QDialog

from locker.bundle.tsa_trust import TsaRootStore, default_roots_path
from locker.freed_memory import restart_with_scrubbing_allocator
from locker.hardening import harden_process
from locker.panic.channel import PanicMode
from locker.senders import SenderStore, default_senders_path
from locker.settings import DEFAULT_PANIC_SHORTCUT, AppSettings, default_settings_path, load_settings, save_settings
from locker.vault.paths import default_vault_dir
from locker.vault.vault import Vault, vault_exists
from ui.first_run_panic import FirstRunPanicSetup
from ui.panic_practice import open_practice
from ui.passphrase_dialogs import CreateVaultDialog, OpenVault, UnlockDialog
from ui.session_guard import ClipboardWatch, SessionGuard
from ui.settings_dialog import SettingsDialog
from ui.system_events import SystemEvents
from ui.worker import TaskRunner

if TYPE_CHECKING:
    from ui.main_window import MainWindow

STARTED = time.monotonic()  # for the smoke test's start-up time: this module is imported first

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


class LockerApp(QObject):
    """The app's flow: (create or unlock) -> main window -> lock or panic -> unlock again (or quit after erase)."""

    #: The vault was locked (by the user, auto-lock or a lock panic); the passphrase dialog is showing.
    locked = Signal()
    #: The vault was erased by a panic; the app is quitting.
    erased = Signal()

    def __init__(
        self,
        vault_dir: Path,
        create: OpenVault,
        open_vault: OpenVault,
        runner: TaskRunner,
        guard: SessionGuard,
        quit_app: Callable[[], None] = QApplication.quit,
        settings_path: Path | None = None,
        senders: SenderStore | None = None,
        tsa_roots: TsaRootStore | None = None,
    ) -> None:
        super().__init__()
        self.settings_path = settings_path
        self.senders = senders
        # One store for the verify dialog and the settings: a root added in one is trusted by the other at once.
        self.tsa_roots = tsa_roots or TsaRootStore(None)
        self.settings = load_settings(settings_path) if settings_path else AppSettings()
        self.vault_dir = vault_dir
        self._create = create
        self._open = open_vault
        self.runner = runner
        self.guard = guard
        self._quit = quit_app
        self._closing_everything = False
        self.window: MainWindow | None = None
        self.vault: Vault | None = None
        self._previous_dir: Path | None = None
        self.dialog: CreateVaultDialog | UnlockDialog | None = None
        #: The panic setup shown over the main window right after a vault was created (None otherwise).
        self.first_run: FirstRunPanicSetup | None = None
        self.clipboard = ClipboardWatch(self)
        #: Set by main(): holds logind's sleep inhibitor while a vault is unlocked.
        self.system_events: SystemEvents | None = None
        guard.panic.connect(self.on_panic)
        guard.idle_timeout.connect(self.on_idle)

    def passphrase_dialog(self) -> CreateVaultDialog | UnlockDialog:
        if vault_exists(self.vault_dir):
            return UnlockDialog(self.vault_dir, self.runner, self._open)
        return CreateVaultDialog(self.vault_dir, self.runner, self._create)

    def start(self) -> None:
        """Show the passphrase dialog; the main window follows when it succeeds, the app quits if cancelled."""
        self.dialog = self.passphrase_dialog()
        self.dialog.vault_ready.connect(self.show_vault)
        if isinstance(self.dialog, CreateVaultDialog):  # after show_vault: the setup opens over the main window
            self.dialog.vault_ready.connect(lambda _vault: self.show_first_run())
        self.dialog.rejected.connect(self._cancelled)
        # A duress passphrase or the last allowed wrong one erases the vault and then looks like any wrong one.
        self.dialog.unlock_failed.connect(forget_dialog_history)
        self.dialog.show()
        # The main window's code (and the parsers' and bundle code it imports: about 0.8 s) loads once the
        # passphrase dialog is up, while the user types, not before it appears.
        QTimer.singleShot(0, load_main_window_code)

    def _cancelled(self) -> None:
        """Cancelling the passphrase quits, except after switching vaults: then the previous one is offered."""
        if self._previous_dir is not None:
            self.vault_dir, self._previous_dir = self._previous_dir, None
            QTimer.singleShot(0, self.start)
            return
        self._quit()

    def switch_vault(self, folder: str) -> None:
        """Close this vault and unlock (or create) the one at `folder`."""
        target = Path(folder).expanduser()
        if self.vault is not None and target.resolve() == self.vault.paths.root.resolve():
            return
        self._previous_dir = self.vault_dir
        if self.vault is not None:
            self._close_everything()
            self.vault.close()
            self.vault = None
        self.vault_dir = target
        QTimer.singleShot(0, self.start)

    def show_vault(self, vault: Vault) -> MainWindow:
        if self.dialog is not None:  # accepted: it must not count as a cancelled unlock when Lock closes windows
            self.dialog.rejected.disconnect(self._cancelled)
            self.dialog.deleteLater()
        self.dialog = None
        self._previous_dir = None
        self.vault = vault
        self.vault_dir = vault.paths.root
        self.window = load_main_window_code()(vault, self.runner, self.senders, self.tsa_roots)
        self.window.lock_requested.connect(self.lock)
        self.window.settings_requested.connect(self.open_settings)
        self.window.switch_vault_requested.connect(self.switch_vault)
        self.window.export_defaults = (self.settings.tsa_urls, self.settings.proxy)
        self.window.panic_requested.connect(lambda: self.on_panic(self.guard.panic_mode))
        self.window.practice_requested.connect(lambda: open_practice(self.guard, self.window))
        self.window.set_panic(self.guard.panic_mode, self.guard.shortcut().toString())
        self.window.installEventFilter(self)  # the user closing it quits; Lock closing it does not
        self.window.show()
        # The import's sandbox starts now, while the user looks for files, not beside the first import.
        self.window.import_panel.sandbox.prepare()
        self.guard.listen_for(vault.paths.root, vault.erase)
        if self.system_events is not None:
            self.system_events.hold_sleep()
        return self.window

    def show_first_run(self) -> FirstRunPanicSetup:
        """The panic setup over the main window of a vault just created (skippable; saved as Settings saves)."""
        self.first_run = FirstRunPanicSetup(self.settings, self._save_settings, self.window)
        self.first_run.chosen.connect(self._first_run_chosen)
        self.first_run.finished.connect(self._first_run_closed)
        self.first_run.open()
        return self.first_run

    def _first_run_chosen(self, settings: AppSettings, try_now: bool) -> None:
        self.apply_settings(settings)
        if try_now and self.window is not None:
            open_practice(self.guard, self.window)  # locks (never erases), as the real key would

    def _first_run_closed(self) -> None:
        if self.first_run is not None:
            self.first_run.deleteLater()
        self.first_run = None

    def _save_settings(self, settings: AppSettings) -> None:
        if self.settings_path is not None:
            save_settings(self.settings_path, settings)

    def apply_settings(self, settings: AppSettings) -> None:
        self.settings = settings
        self.guard.panic_mode = PanicMode(settings.panic_mode)
        self.guard.set_shortcut(settings.panic_shortcut)
        self.guard.idle_minutes = settings.idle_minutes
        if self.window is not None:
            self.window.export_defaults = (settings.tsa_urls, settings.proxy)
            self.window.set_panic(self.guard.panic_mode, self.guard.shortcut().toString())

    def open_settings(self) -> SettingsDialog | None:
        if self.vault is None:
            return None
        dialog = SettingsDialog(
            self.settings, self.vault, self.runner, self._save_settings, self.tsa_roots, self.window
        )
        dialog.applied.connect(self.apply_settings)
        dialog.open()
        return dialog

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The main window closed by the user (not by Lock) ends the app: with the vault locked behind it, Lock
        keeps the app running at the passphrase dialog (the app does not quit when its last window closes)."""
        if watched is self.window and event.type() == QEvent.Type.Close and not self._closing_everything:
            QTimer.singleShot(0, self._quit)
        return False

    def _close_everything(self) -> None:
        """Close every window and dialog of the app (modal ones included) and drop the vault from memory."""
        self.guard.stop_listening()
        self._closing_everything = True
        try:
            for widget in QApplication.topLevelWidgets():
                if isinstance(widget, QDialog):
                    widget.reject()
                widget.close()
                # Closed is not gone: a dialog a long-lived signal still points at (the share dialog, a viewer and
                # its decoder) kept its item, pictures and a decrypted chunk after Lock. Deleting it ends that.
                widget.deleteLater()
        finally:
            self._closing_everything = False
        if self.window is not None:
            self.window.deleteLater()
            self.window = None

    def lock(self) -> None:
        """Close the vault, zero its key, empty every view, and ask for the passphrase again."""
        if self.vault is None:
            return
        self._close_everything()
        self.vault.close()
        self.vault = None
        if self.system_events is not None:
            self.system_events.release_sleep()
        forget_dialog_history()
        self.clipboard.clear_if_ours()
        self.locked.emit()
        QTimer.singleShot(0, self.start)  # after the current event (a shortcut, a dialog) has unwound

    def on_panic(self, mode: PanicMode) -> None:
        if mode is PanicMode.LOCK:
            self.lock()
            return
        if self.vault is not None:
            self.vault.erase()  # already done by the listener for `locker panic`; destroying twice is harmless
            self.vault = None
        self._close_everything()
        forget_dialog_history()
        self.clipboard.clear_if_ours()
        self.erased.emit()
        self._quit()

    def on_idle(self) -> None:
        if self.vault is not None:
            self.lock()


def load_main_window_code() -> type[MainWindow]:
    """The main window class, imported on first use: the numpy, Pillow, reportlab and bundle code it pulls in need
    not delay the passphrase dialog."""
    from ui.main_window import MainWindow  # noqa: PLC0415

    return MainWindow


def forget_dialog_history() -> None:
    """Qt keeps the last folders of file dialogs in QtProject.conf: they say where the evidence came from."""
    settings = QSettings(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, "QtProject")
    settings.remove("FileDialog")
    settings.sync()


def main(argv: list[str] | None = None, create: Callable[[Path, str], Vault] | None = None) -> int:
    """`locker-gui [--vault PATH]`."""
    if argv is None:  # the real command line, not a test calling main(): restart once with memory scrubbing
        restart_with_scrubbing_allocator()
    harden_process()  # before any passphrase is typed: no core file, not dumpable
    parser = argparse.ArgumentParser(prog="locker-gui")
    parser.add_argument("--vault", metavar="PATH", help="vault folder (default: the user data dir)")
    parser.add_argument(
        "--panic-mode", choices=[m.value for m in PanicMode], default=None,
        help=f"override the setting: what the panic shortcut ({DEFAULT_PANIC_SHORTCUT} by default) does",
    )  # fmt: skip
    parser.add_argument("--idle-minutes", type=float, default=None, help="override the setting (0: never)")
    parser.add_argument("--smoke", action="store_true", help="open a throwaway vault, show the window, quit (checks)")
    args = parser.parse_args(argv)
    if args.smoke:
        from ui.smoke import run_smoke  # noqa: PLC0415

        return run_smoke(STARTED)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Evidence Locker")
    # Lock closes every window and then shows the passphrase dialog: that must not end the app (LockerApp quits
    # when the user closes the main window or cancels the passphrase).
    app.setQuitOnLastWindowClosed(False)
    settings_path = default_settings_path()
    language = load_settings(settings_path).language
    locale = QLocale(language) if language else QLocale.system()
    QLocale.setDefault(locale)  # numbers and sizes (ui/units.py) in the language the app speaks
    install_translators(app, locale)
    vault_dir = Path(args.vault).expanduser() if args.vault else default_vault_dir()
    guard = SessionGuard(app)
    flow = LockerApp(vault_dir, create or Vault.create, Vault.open, TaskRunner(), guard, settings_path=settings_path,
                     senders=SenderStore(default_senders_path()),
                     tsa_roots=TsaRootStore(default_roots_path()))  # fmt: skip
    overrides = {
        k: v for k, v in (("panic_mode", args.panic_mode), ("idle_minutes", args.idle_minutes)) if v is not None
    }
    flow.apply_settings(flow.settings.with_changes(**overrides))
    # Owned (and kept alive) by the application object. PrepareForSleep(true) emits idle_timeout, which locks
    # synchronously; SystemEvents then releases the inhibitor.
    flow.system_events = SystemEvents(guard.system_suspending, app)
    flow.start()
    code = app.exec()
    guard.stop_listening()
    if flow.vault is not None:
        flow.vault.close()
    forget_dialog_history()
    flow.clipboard.clear_if_ours()
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
