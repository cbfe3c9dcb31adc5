"""Settings: panic behaviour and shortcut, auto-lock, wrong-passphrase limit, duress passphrase, language."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from locker.errors import LockerError
from locker.panic import attempts
from locker.panic.duress import clear_duress, has_duress, set_duress
from locker.settings import AppSettings
from locker.vault.vault import Vault
from ui.worker import TaskRunner


class SettingsDialog(QDialog):
    """Edits AppSettings (saved by the caller through `save`) and the vault's own panic options."""

    #: The accepted settings, after they were saved.
    applied = Signal(object)
    #: A duress passphrase was set or removed (the argument: whether one is now set).
    duress_changed = Signal(bool)

    def __init__(
        self,
        settings: AppSettings,
        vault: Vault,
        runner: TaskRunner,
        save: Callable[[AppSettings], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._vault = vault
        self._runner = runner
        self._save = save
        self.setWindowTitle(self.tr("Settings"))
        layout = QVBoxLayout(self)

        panic = QGroupBox(self.tr("Panic"))
        form = QFormLayout(panic)
        self.panic_mode = QComboBox()
        self.panic_mode.addItem(self.tr("Lock the vault and hide everything"), "lock")
        self.panic_mode.addItem(self.tr("Erase the vault (cannot be undone)"), "erase")
        self.panic_mode.setCurrentIndex(max(0, self.panic_mode.findData(settings.panic_mode)))
        self.panic_mode.setAccessibleName(self.tr("What the panic shortcut does"))
        form.addRow(self.tr("Panic shortcut does:"), self.panic_mode)
        self.shortcut = QKeySequenceEdit(QKeySequence(settings.panic_shortcut))
        self.shortcut.setAccessibleName(self.tr("Panic shortcut"))
        form.addRow(self.tr("Panic shortcut:"), self.shortcut)
        self.wipe_after = QSpinBox()
        self.wipe_after.setRange(0, attempts.MAX_LIMIT)
        self.wipe_after.setSpecialValueText(self.tr("never"))
        policy = attempts.read_policy(vault.paths.root)
        self.wipe_after.setValue(policy.limit if policy else 0)
        self.wipe_after.setAccessibleName(self.tr("Erase after this many wrong passphrases in a row"))
        form.addRow(self.tr("Erase after wrong passphrases:"), self.wipe_after)
        layout.addWidget(panic)

        lock = QGroupBox(self.tr("Auto-lock"))
        lock_form = QFormLayout(lock)
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(0, 240)
        self.idle_minutes.setSpecialValueText(self.tr("never"))
        self.idle_minutes.setSuffix(self.tr(" min"))
        self.idle_minutes.setValue(round(settings.idle_minutes))
        self.idle_minutes.setAccessibleName(self.tr("Lock after this many idle minutes"))
        lock_form.addRow(self.tr("Lock when idle for:"), self.idle_minutes)
        self.language = QComboBox()
        for label, code in ((self.tr("System language"), ""), ("English", "en"), ("Русский", "ru")):
            self.language.addItem(label, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        lock_form.addRow(self.tr("Language (after restart):"), self.language)
        layout.addWidget(lock)

        trusted = QGroupBox(self.tr("Trusted time for bundles"))
        trusted_form = QFormLayout(trusted)
        self.tsa_urls = QPlainTextEdit("\n".join(settings.tsa_urls))
        self.tsa_urls.setMaximumHeight(70)
        self.tsa_urls.setAccessibleName(self.tr("Timestamp authority addresses, one per line"))
        trusted_form.addRow(self.tr("Timestamp authorities:"), self.tsa_urls)
        self.proxy = QLineEdit(settings.proxy)
        self.proxy.setPlaceholderText("socks5h://127.0.0.1:9050")
        self.proxy.setAccessibleName(self.tr("Proxy"))
        trusted_form.addRow(self.tr("Proxy (optional):"), self.proxy)
        layout.addWidget(trusted)

        layout.addWidget(self._duress_group())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept_and_save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _duress_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Duress passphrase"))
        box = QVBoxLayout(group)
        warning = QLabel(
            self.tr(
                "Typing a duress passphrase instead of your real one erases this vault and then looks like a wrong "
                "passphrase. Destroying evidence when the police demand access can be a crime of its own, and it "
                "may be noticed. Decide this with your lawyer."
            )
        )
        warning.setWordWrap(True)
        box.addWidget(warning)
        self.duress_status = QLabel()
        box.addWidget(self.duress_status)
        row = QHBoxLayout()
        self.duress_first = QLineEdit()
        self.duress_first.setEchoMode(QLineEdit.EchoMode.Password)
        self.duress_first.setPlaceholderText(self.tr("Duress passphrase"))
        self.duress_first.setAccessibleName(self.tr("Duress passphrase"))
        self.duress_second = QLineEdit()
        self.duress_second.setEchoMode(QLineEdit.EchoMode.Password)
        self.duress_second.setPlaceholderText(self.tr("Repeat"))
        self.duress_second.setAccessibleName(self.tr("Repeat the duress passphrase"))
        self.set_duress_button = QPushButton(self.tr("Set"))
        self.set_duress_button.clicked.connect(self.set_duress)
        self.clear_duress_button = QPushButton(self.tr("Remove"))
        self.clear_duress_button.clicked.connect(self.clear_duress)
        for widget in (self.duress_first, self.duress_second, self.set_duress_button, self.clear_duress_button):
            row.addWidget(widget)
        box.addLayout(row)
        self._show_duress(has_duress(self._vault))
        return group

    def _show_duress(self, present: bool) -> None:
        self.duress_status.setText(
            self.tr("A duress passphrase is set.") if present else self.tr("No duress passphrase.")
        )
        self.clear_duress_button.setEnabled(present)

    def set_duress(self) -> None:
        first, second = self.duress_first.text(), self.duress_second.text()
        if not first or first != second:
            self.duress_status.setText(self.tr("The two duress passphrases are empty or differ."))
            return
        self.set_duress_button.setEnabled(False)
        self._runner.run(lambda: set_duress(self._vault, first), self._duress_done, self._duress_failed)

    def clear_duress(self) -> None:
        clear_duress(self._vault)
        self._show_duress(False)
        self.duress_changed.emit(False)

    def _duress_done(self, _result: object) -> None:
        self.set_duress_button.setEnabled(True)
        self.duress_first.clear()
        self.duress_second.clear()
        self._show_duress(True)
        self.duress_changed.emit(True)

    def _duress_failed(self, exc: BaseException) -> None:
        self.set_duress_button.setEnabled(True)
        self.duress_status.setText(str(exc) if isinstance(exc, LockerError) else type(exc).__name__)

    def chosen(self) -> AppSettings:
        return self._settings.with_changes(
            panic_mode=self.panic_mode.currentData(),
            panic_shortcut=self.shortcut.keySequence().toString() or self._settings.panic_shortcut,
            idle_minutes=float(self.idle_minutes.value()),
            language=self.language.currentData(),
            tsa_urls=tuple(u.strip() for u in self.tsa_urls.toPlainText().splitlines() if u.strip()),
            proxy=self.proxy.text().strip(),
        )

    def accept_and_save(self) -> None:
        settings = self.chosen()
        if settings.panic_mode == "erase" and self._settings.panic_mode != "erase":
            answer = QMessageBox.warning(
                self,
                self.tr("Panic will erase"),
                self.tr("From now on the panic shortcut erases this vault at once, without asking. Continue?"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        limit = self.wipe_after.value()
        if limit:
            attempts.enable(self._vault.paths.root, limit)
        else:
            attempts.disable(self._vault.paths.root)
        self._save(settings)
        self.applied.emit(settings)
        self.accept()
