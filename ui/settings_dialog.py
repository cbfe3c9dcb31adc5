"""Settings: panic behaviour and shortcut, auto-lock, wrong-passphrase limit, duress passphrase, language; and on a
tab of their own the timestamp authorities an export asks and the TSA roots a verification trusts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from locker.bundle.tsa_trust import TsaRootStore, curated_roots, load_root_file
from locker.errors import LockerError
from locker.panic import attempts
from locker.panic.duress import clear_duress, has_duress, set_duress
from locker.settings import AppSettings
from locker.vault.vault import Vault
from ui.error_text import show_on_label
from ui.panic_choice import PanicControls
from ui.rows import row_widget
from ui.tsa_choice import TsaChoice, choose_root_file
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
        tsa_roots: TsaRootStore | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._vault = vault
        self._runner = runner
        self._save = save
        self._tsa_roots = tsa_roots or TsaRootStore(None)
        self.setWindowTitle(self.tr("Settings"))
        outer = QVBoxLayout(self)
        self.tabs = QTabWidget()
        outer.addWidget(self.tabs)
        general = QWidget()
        layout = QVBoxLayout(general)
        self.tabs.addTab(general, self.tr("General"))

        panic = QGroupBox(self.tr("Panic"))
        form = QFormLayout(panic)
        self.panic = PanicControls(settings.panic_mode, settings.panic_shortcut, self)
        self.panic.add_to(form)
        self.panic_mode, self.shortcut, self.shortcut_problem = self.panic.mode, self.panic.shortcut, self.panic.problem
        self.wipe_after = QSpinBox()
        self.wipe_after.setRange(0, attempts.MAX_LIMIT)
        self.wipe_after.setSpecialValueText(self.tr("never"))
        policy = attempts.read_policy(vault.paths.root)
        self.wipe_after.setValue(policy.limit if policy else 0)
        self.wipe_after.setAccessibleName(self.tr("Erase after this many wrong passphrases in a row"))
        form.addRow(self.tr("Erase after wrong passphrases:"), self.wipe_after)
        self.wipe_after_note = QLabel(
            self.tr(
                "Each wrong passphrase says how many tries are left. After the erase the vault looks like one whose "
                "passphrase nobody knows: your own passphrase no longer opens it, and the evidence cannot be "
                "brought back. It does not help against someone who copied the vault folder first."
            )
        )
        self.wipe_after_note.setWordWrap(True)
        form.addRow(self.wipe_after_note)
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

        layout.addWidget(self._duress_group())
        layout.addStretch(1)
        # In a scroll area: its wrapped text is taller than the tab widget reckons, and a small screen must not
        # squeeze the checkboxes into each other.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._timestamps_tab(settings))
        self.tabs.addTab(scroll, self.tr("Timestamps"))
        self.setMinimumWidth(620)
        self.resize(680, 720)  # the Timestamps tab whole on a 768-pixel screen; smaller ones scroll
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept_and_save)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)

    def _timestamps_tab(self, settings: AppSettings) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        asked = QGroupBox(self.tr("Timestamp authorities"))
        asked_box = QVBoxLayout(asked)
        intro = QLabel(
            self.tr(
                "Asked when you turn on trusted time in an export; only then is the network used. Two authorities "
                "run by different operators keep the time provable if one of them fails."
            )
        )
        intro.setWordWrap(True)
        asked_box.addWidget(intro)
        self.tsas = TsaChoice()
        self.tsas.set_urls(settings.tsa_urls)
        asked_box.addWidget(self.tsas)
        proxy_form = QFormLayout()
        self.proxy = QLineEdit(settings.proxy)
        self.proxy.setPlaceholderText("socks5h://127.0.0.1:9050")
        self.proxy.setAccessibleName(self.tr("Proxy"))
        proxy_form.addRow(self.tr("Proxy (optional):"), self.proxy)
        asked_box.addLayout(proxy_form)
        layout.addWidget(asked)

        roots = QGroupBox(self.tr("Trusted TSA roots"))
        roots_box = QVBoxLayout(roots)
        roots_intro = QLabel(
            self.tr(
                "A timestamp proves when a bundle existed only if its authority chains to one of these roots. "
                "Add the root of a local or national authority you trust from its PEM file."
            )
        )
        roots_intro.setWordWrap(True)
        roots_box.addWidget(roots_intro)
        self.roots_list = QListWidget()
        self.roots_list.setAccessibleName(self.tr("Trusted TSA roots"))
        self.roots_list.currentRowChanged.connect(self._root_selected)
        roots_box.addWidget(self.roots_list, 1)
        self.add_root_button = QPushButton(self.tr("Add from a PEM file..."))
        self.add_root_button.clicked.connect(self._choose_root)
        self.remove_root_button = QPushButton(self.tr("Remove"))
        self.remove_root_button.clicked.connect(self.remove_selected_root)
        roots_box.addWidget(row_widget(self.add_root_button, self.remove_root_button, QWidget(), stretch_index=2))
        self.roots_message = QLabel()
        self.roots_message.setWordWrap(True)
        self.roots_message.setTextFormat(Qt.TextFormat.PlainText)  # quotes a file name
        roots_box.addWidget(self.roots_message)
        layout.addWidget(roots, 1)
        self._curated = curated_roots()
        self._show_roots()
        return tab

    def _show_roots(self) -> None:
        """Built-in roots first (not removable), then the user's, each with the start of its fingerprint."""
        self.roots_list.clear()
        for root in self._curated:
            item = QListWidgetItem(self.tr("%1 (built in)").replace("%1", root.name))
            item.setData(Qt.ItemDataRole.UserRole, None)
            self.roots_list.addItem(item)
        for root in self._tsa_roots.roots():
            label = self.tr("%1 (yours, SHA-256 %2...)").replace("%1", root.name).replace("%2", root.fingerprint[:16])
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, root.fingerprint)
            self.roots_list.addItem(item)
        self._root_selected(self.roots_list.currentRow())

    def _root_selected(self, row: int) -> None:
        item = self.roots_list.item(row) if row >= 0 else None
        self.remove_root_button.setEnabled(item is not None and item.data(Qt.ItemDataRole.UserRole) is not None)

    def _choose_root(self) -> None:
        chosen = choose_root_file(self)
        if chosen is not None:
            self.add_root_file(chosen)

    def add_root_file(self, path: Path) -> bool:
        """Trust every certificate in a PEM file from now on; a file with none leaves a message, not an error."""
        try:
            certificates = load_root_file(path)
        except LockerError as exc:
            show_on_label(self.roots_message, exc)
            return False
        added = [self._tsa_roots.add(certificate) for certificate in certificates]
        self.roots_message.setText(self.tr("Now trusted: %1").replace("%1", ", ".join(root.name for root in added)))
        self._show_roots()
        return True

    def remove_selected_root(self) -> None:
        item = self.roots_list.currentItem()
        fingerprint = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if fingerprint is None:
            return  # a built-in root: not removable here
        self._tsa_roots.remove(fingerprint)
        self.roots_message.setText("")
        self._show_roots()

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
        self.duress_first.setPlaceholderText(self.tr("Duress passphrase", "a short placeholder in a narrow field"))
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
        show_on_label(self.duress_status, exc)

    def chosen(self) -> AppSettings:
        return self._settings.with_changes(
            panic_mode=self.panic.chosen_mode(),
            panic_shortcut=self.panic.chosen_key(),
            idle_minutes=float(self.idle_minutes.value()),
            language=self.language.currentData(),
            tsa_urls=self.tsas.urls(),
            proxy=self.proxy.text().strip(),
        )

    def accept_and_save(self) -> None:
        if self.panic.show_problem() is not None:  # never saved: Esc or a single key would fire by accident
            self.tabs.setCurrentIndex(0)
            self.shortcut.setFocus()
            return
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
