"""The offer to upgrade a vault made by an older release (`Vault.upgrade`), shown when such a vault is unlocked.

The vault works as it is; the upgrade only makes large imports faster, so "Later" is always a fine answer and the
offer comes back at the next unlock. It runs on the worker helper with a progress bar; Stop ends it before the
switch with nothing changed, and a crash at any moment leaves a vault that opens (locker/vault/upgrade.py).
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from locker.errors import Interrupted, LockerError
from locker.vault.vault import Vault
from ui.error_text import show_on_label
from ui.units import size_text
from ui.worker import TaskRunner


class _ProgressRelay(QObject):
    progressed = Signal(int, int)


class UpgradeDialog(QDialog):
    #: Emitted once the vault has the current format.
    upgraded = Signal()

    def __init__(self, vault: Vault, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Upgrade this vault"))
        self._vault = vault
        self._runner = runner
        self._cancel = threading.Event()
        self._running = False
        self._relay = _ProgressRelay()
        self._relay.progressed.connect(self._show_progress)
        layout = QVBoxLayout(self)
        self.explanation = QLabel(
            self.tr(
                "This vault was made by an older version of Evidence Locker. It works as it is; upgrading rewrites it "
                "in the current format, in which large files import faster. Your passphrase, items, signing key and "
                "custody log stay the same. It needs %1 of free space and may take a few minutes for a large vault."
            ).replace("%1", size_text(vault.paths.database.stat().st_size))
        )
        self.explanation.setWordWrap(True)
        layout.addWidget(self.explanation)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Upgrade progress"))
        self.progress.setVisible(False)
        layout.addWidget(self.progress)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox()
        self.upgrade_button = QPushButton(self.tr("Upgrade now"))
        self.buttons.addButton(self.upgrade_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.later_button = self.buttons.addButton(self.tr("Later"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)

    def start(self) -> None:
        """Run the upgrade on the worker; the dialog stays open until it has ended."""
        self._running = True
        self._cancel.clear()
        self.upgrade_button.setEnabled(False)
        self.later_button.setText(self.tr("Stop"))
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.message.setText(self.tr("Upgrading the vault..."))
        vault, relay, cancel = self._vault, self._relay, self._cancel

        def work() -> None:
            vault.upgrade(lambda done, total: relay.progressed.emit(done >> 10, total >> 10), cancel)

        self._runner.run(work, self._done, self._failed)

    def _show_progress(self, done_kib: int, total_kib: int) -> None:
        self.progress.setRange(0, max(1, total_kib))
        self.progress.setValue(min(done_kib, total_kib))

    def reject(self) -> None:
        """Later, Esc and the close button close the offer; while upgrading they stop it, and the dialog stays open
        until it has stopped (it must never go on unseen)."""
        if self._running:
            self._cancel.set()
            self.message.setText(self.tr("Stopping..."))
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._running:
            event.ignore()
            self.reject()
            return
        super().closeEvent(event)

    def _finish(self) -> None:
        self._running = False
        self.progress.setVisible(False)
        self.later_button.setText(self.tr("Close"))

    def _done(self, _result: object) -> None:
        self._finish()
        self.message.setText(self.tr("The vault has been upgraded. Everything in it is unchanged."))
        self.upgrade_button.setVisible(False)
        self.upgraded.emit()

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        self.upgrade_button.setEnabled(True)
        if isinstance(exc, Interrupted):
            self.message.setText(self.tr("The upgrade was stopped; nothing was changed."))
        elif isinstance(exc, LockerError):
            show_on_label(self.message, exc)
        else:
            self.message.setText(self.tr("Unexpected error: %1").replace("%1", type(exc).__name__))
