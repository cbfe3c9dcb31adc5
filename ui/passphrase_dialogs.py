"""Asking for a passphrase: a new vault (twice, with a strength meter that refuses easily guessed ones, show/hide,
a generator and a plain warning) or an unlock."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from locker.crypto.secret import wipe_text
from locker.errors import LockerError
from locker.vault.vault import Vault
from ui.error_text import error_text
from ui.fit import fit_height
from ui.passphrase_meter import PassphraseMeter, refusal_text
from ui.worker import TaskRunner

OpenVault = Callable[[Path, str], Vault]


def take_passphrase(field: QLineEdit) -> str:
    """The field's text, leaving none of it in the widget: Qt's buffer is overwritten in place, then emptied.

    Read one character at a time: PySide converts a whole `text()` through a temporary UTF-8 buffer that is freed
    without being zeroed, a full copy of the passphrase we could not wipe. The returned `str` is the only copy left;
    the caller wipes it (`wipe_text`) once the vault has used it.
    """
    length = len(field.displayText())  # the echo characters, one per character typed
    characters = []
    for at in range(length):
        field.setSelection(at, 1)
        characters.append(field.selectedText())
    text = "".join(characters)
    characters.clear()
    field.selectAll()
    field.insert("\u2022" * length)  # same length: written over the old characters, not into a new buffer
    field.clear()
    return text


class _PassphraseDialog(QDialog):
    """Shared layout: a message, passphrase fields, an error line, OK/Cancel, and a worker for the slow KDF."""

    vault_ready = Signal(object)
    #: The passphrase was refused (wrong, duress, or the last allowed attempt); the dialog stays open.
    unlock_failed = Signal()

    def __init__(self, vault_dir: Path, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault_dir = vault_dir
        self._runner = runner
        self.vault: Vault | None = None
        self._in_use: tuple[str, ...] = ()
        self._layout = QVBoxLayout(self)
        self._form = QFormLayout()
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #b00020")
        self.error_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)

    def _finish_layout(self) -> None:
        self._layout.addLayout(self._form)
        self._layout.addWidget(self.error_label)
        self._layout.addWidget(self.buttons)
        self._layout.activate()
        # Wide enough that messages wrap into a few readable lines, not a narrow column.
        self.resize(max(480, self.sizeHint().width()), self.sizeHint().height())
        fit_height(self)

    def _passphrase_field(self, label: str, accessible: str) -> QLineEdit:
        field = QLineEdit()
        field.setEchoMode(QLineEdit.EchoMode.Password)
        field.setAccessibleName(accessible)
        self._form.addRow(label, field)
        return field

    def _busy(self, busy: bool, text: str = "") -> None:
        self.buttons.setEnabled(not busy)
        self.error_label.setStyleSheet("color: palette(text)" if busy else "color: #b00020")
        self.error_label.setText(text)
        fit_height(self)

    def _submit(self) -> None:
        raise NotImplementedError

    def _run(self, work: Callable[[], Vault], *passphrases: str) -> None:
        self._in_use = passphrases
        self._runner.run(work, self._done, self._failed)

    def _forget_passphrases(self) -> None:
        for text in self._in_use:
            wipe_text(text)
        self._in_use = ()

    def _done(self, vault: Vault) -> None:
        self._forget_passphrases()
        self.vault = vault
        self._busy(False)
        self.vault_ready.emit(vault)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._forget_passphrases()
        # An explicit context: self.tr() in a base class looks up the subclass's context at run time.
        unexpected = QCoreApplication.translate("PassphraseDialog", "Unexpected error: %1")
        shown = error_text(exc).text if isinstance(exc, LockerError) else unexpected.replace("%1", type(exc).__name__)
        self._busy(False, shown)
        self.unlock_failed.emit()


class CreateVaultDialog(_PassphraseDialog):
    """First launch: choose the passphrase of a new vault."""

    def __init__(self, vault_dir: Path, runner: TaskRunner, create: OpenVault, parent: QWidget | None = None) -> None:
        super().__init__(vault_dir, runner, parent)
        self._create = create
        self.setWindowTitle(self.tr("Create your evidence vault"))
        intro = QLabel(
            self.tr(
                "Everything you import is kept encrypted in this vault. Choose a passphrase of several words.\n\n"
                "If you forget it, nobody can recover the vault: not you, not us."
            )
        )
        intro.setWordWrap(True)
        self._layout.addWidget(intro)
        self.first = self._passphrase_field(self.tr("Passphrase:"), self.tr("New passphrase"))
        self.second = self._passphrase_field(self.tr("Repeat:"), self.tr("Repeat the passphrase"))
        self.meter = PassphraseMeter(self.first, (self.first, self.second), (self.first, self.second))
        self._form.addRow(self.tr("Strength:"), self.meter)
        self.second.textChanged.connect(self.error_label.clear)
        self._finish_layout()

    def _submit(self) -> None:
        if not self.first.text():
            self._busy(False, self.tr("The passphrase must not be empty."))
            return
        if self.first.text() != self.second.text():
            self._busy(False, self.tr("The two passphrases differ."))
            return
        if not self.meter.acceptable():
            self._busy(False, refusal_text())
            return
        first, second = take_passphrase(self.first), take_passphrase(self.second)
        self._busy(True, self.tr("Creating the vault (this takes a few seconds)..."))
        self._run(lambda: self._create(self.vault_dir, first), first, second)


class UnlockDialog(_PassphraseDialog):
    """Later launches: the passphrase of an existing vault."""

    def __init__(
        self, vault_dir: Path, runner: TaskRunner, open_vault: OpenVault, parent: QWidget | None = None
    ) -> None:
        super().__init__(vault_dir, runner, parent)
        self._open = open_vault
        self.setWindowTitle(self.tr("Unlock your evidence vault"))
        where = QLabel(self.tr("Vault: %1").replace("%1", str(vault_dir)))
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._layout.addWidget(where)
        self.passphrase = self._passphrase_field(self.tr("Passphrase:"), self.tr("Vault passphrase"))
        self._finish_layout()

    def _submit(self) -> None:
        phrase = take_passphrase(self.passphrase)
        self._busy(True, self.tr("Unlocking..."))
        self._run(lambda: self._open(self.vault_dir, phrase), phrase)

    def _failed(self, exc: BaseException) -> None:
        super()._failed(exc)
        self.passphrase.setFocus()  # the field was emptied when the passphrase was taken: type it again
