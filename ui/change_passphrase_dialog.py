"""Change passphrase: the current one again, the new one twice, and whether to re-encrypt under a new key.

Re-encryption (`Vault.rekey`) is ticked by default when the vault is small enough to finish in about a minute,
and offered with an estimate otherwise. It runs on the worker helper with a progress bar; Cancel stops it before
the switch, with nothing changed.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from locker.crypto.secret import wipe_text
from locker.errors import Interrupted, LockerError
from locker.vault.rekey import rekey_is_quick
from locker.vault.vault import Vault
from ui.error_text import show_on_label
from ui.passphrase_dialogs import take_passphrase
from ui.passphrase_meter import PassphraseMeter, refusal_text
from ui.units import size_text
from ui.worker import TaskRunner


class _ProgressRelay(QObject):
    progressed = Signal(int, int)


class ChangePassphraseDialog(QDialog):
    # Emitted when the passphrase was changed; the argument says whether the vault was re-encrypted.
    changed = Signal(bool)

    def __init__(self, vault: Vault, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Change passphrase"))
        self._vault = vault
        self._runner = runner
        self._cancel = threading.Event()
        self._running = False
        self._in_use: tuple[str, ...] = ()
        self._changed = False
        self._relay = _ProgressRelay()
        self._relay.progressed.connect(self._show_progress)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.current = self._field(form, self.tr("Current passphrase:"), self.tr("Current passphrase"))
        self.new = self._field(form, self.tr("New passphrase:"), self.tr("New passphrase"))
        self.repeat = self._field(form, self.tr("Repeat it:"), self.tr("Repeat the new passphrase"))
        self.meter = PassphraseMeter(self.new, (self.new, self.repeat), (self.current, self.new, self.repeat))
        form.addRow(self.tr("Strength:"), self.meter)
        layout.addLayout(form)
        quick = rekey_is_quick(vault.paths)
        self.rekey = QCheckBox(self.tr("Re-encrypt the vault with a new key"))
        self.rekey.setAccessibleName(self.tr("Re-encrypt the vault with a new key"))
        self.rekey.setChecked(quick)
        layout.addWidget(self.rekey)
        size = vault.paths.database.stat().st_size
        explain = self.tr(
            "Without it, a copy of the vault's key header made before today (a backup, a seized disk image) still "
            "opens the vault with the old passphrase, even items added later. With it, such a copy opens nothing."
        )
        if not quick:
            explain += " " + self.tr(
                "This vault holds %1: re-encrypting it may take several minutes and needs that much free space."
            ).replace("%1", size_text(size))
        self.explanation = QLabel(explain)
        self.explanation.setWordWrap(True)
        layout.addWidget(self.explanation)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Re-encryption progress"))
        self.progress.setVisible(False)
        layout.addWidget(self.progress)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.cancel)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def _field(self, form: QFormLayout, label: str, accessible: str) -> QLineEdit:
        field = QLineEdit()
        field.setEchoMode(QLineEdit.EchoMode.Password)
        field.setAccessibleName(accessible)
        form.addRow(label, field)
        return field

    def submit(self) -> None:
        if not self.meter.acceptable():
            self.message.setText(refusal_text())
            return
        # Read so that the fields keep nothing (take_passphrase), and overwritten once the work is done.
        current, new, repeat = (take_passphrase(field) for field in (self.current, self.new, self.repeat))
        if not new or new != repeat:
            for text in (current, new, repeat):
                wipe_text(text)
            self.message.setText(self.tr("The two new passphrases are empty or differ; nothing was changed."))
            return
        self._in_use = (current, new, repeat)
        rekey = self.rekey.isChecked()
        self._running = True
        self._cancel.clear()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        for widget in (self.current, self.new, self.repeat, self.rekey):
            widget.setEnabled(False)
        self.progress.setVisible(rekey)
        self.progress.setRange(0, 0)
        self.message.setText(self.tr("Re-encrypting the vault...") if rekey else self.tr("Changing the passphrase..."))
        vault, relay, cancel = self._vault, self._relay, self._cancel

        def work() -> bool:
            vault.check_passphrase(current)
            if rekey:
                vault.rekey(new, lambda done, total: relay.progressed.emit(done >> 10, total >> 10), cancel)
            else:
                vault.change_passphrase(new)
            return rekey

        self._runner.run(work, self._done, self._failed)

    def _show_progress(self, done_kib: int, total_kib: int) -> None:
        self.progress.setRange(0, max(1, total_kib))
        self.progress.setValue(min(done_kib, total_kib))

    def cancel(self) -> None:
        """Close, or while re-encrypting, stop it (nothing is changed until the last step)."""
        if self._running:
            self._cancel.set()
            self.message.setText(self.tr("Stopping..."))
            return
        if self._changed:
            self.accept()
        else:
            self.reject()

    def reject(self) -> None:
        """Esc and the window's close button act like Cancel: while re-encrypting, they stop it and the dialog
        stays open until it has stopped (it must never go on unseen)."""
        if self._running:
            self.cancel()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._running:
            event.ignore()
            self.cancel()
            return
        super().closeEvent(event)

    def _finish(self) -> None:
        self._running = False
        for text in self._in_use:
            wipe_text(text)
        self._in_use = ()
        self.progress.setVisible(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
        for widget in (self.current, self.new, self.repeat, self.rekey):
            widget.setEnabled(True)

    def _done(self, rekeyed: bool) -> None:
        self._finish()
        self.message.setText(
            self.tr(
                "Passphrase changed, the vault re-encrypted under a new key and the old database overwritten. A "
                "copy of the key header made before opens nothing on this disk now; a copy of the whole vault "
                "folder made before still opens with the old passphrase."
            )
            if rekeyed
            else self.tr(
                "Passphrase changed. A copy of the key header made before this change still opens the vault with "
                "the old passphrase; re-encrypt with a new key to make such copies useless."
            )
        )
        self._changed = True
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
        self.changed.emit(rekeyed)

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        if isinstance(exc, Interrupted):
            self.message.setText(self.tr("Re-encryption stopped; nothing was changed."))
        elif isinstance(exc, LockerError):
            show_on_label(self.message, exc)
        else:
            self.message.setText(self.tr("Unexpected error: %1").replace("%1", type(exc).__name__))
