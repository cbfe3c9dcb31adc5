"""Verify a received bundle: the verdict first (confirmed, unconfirmed, invalid), the key in both forms, then every
check by name, as `locker verify` prints it. After an unconfirmed verdict the lawyer can record the sender."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from locker.bundle.verify import Verdict, Verification, verify_bundle
from locker.errors import LockerError
from locker.senders import SenderStore
from ui.rows import row_widget
from ui.senders_dialog import SendersDialog
from ui.worker import TaskRunner

# Background, border and icon of each verdict: colour is never the only sign (icon and headline say it too).
_LOOK = {
    Verdict.CONFIRMED: ("#e3f4e5", "#2e7d32", QStyle.StandardPixmap.SP_DialogApplyButton),
    Verdict.UNCONFIRMED: ("#fff4d6", "#b26a00", QStyle.StandardPixmap.SP_MessageBoxWarning),
    Verdict.INVALID: ("#fde4e4", "#c62828", QStyle.StandardPixmap.SP_MessageBoxCritical),
}


def _two_lines(spoken: str) -> str:
    """Six groups a line: twelve do not fit at this size, and a lone group on a second line is easily missed."""
    groups = spoken.split(" ")
    return " ".join(groups[:6]) + "\n" + " ".join(groups[6:])


class VerifyDialog(QDialog):
    #: The Verification, or None when the bundle could not be opened at all.
    verified = Signal(object)

    def __init__(self, runner: TaskRunner, senders: SenderStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._senders = senders
        self._signer: str | None = None
        self.setWindowTitle(self.tr("Verify a bundle"))
        self.setMinimumWidth(760)
        self.resize(860, 820)  # room for the verdict panel, whose wrapped Russian text is the tallest
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.bundle = QLineEdit()
        self.bundle.setAccessibleName(self.tr("Bundle folder or file"))
        choose = QPushButton(self.tr("Choose..."))
        choose.clicked.connect(self._choose)
        form.addRow(self.tr("Bundle:"), row_widget(self.bundle, choose))
        self.fingerprint = QLineEdit()
        self.fingerprint.setPlaceholderText("SHA256:...")
        self.fingerprint.setAccessibleName(self.tr("Fingerprint the sender read to you"))
        form.addRow(self.tr("Fingerprint (from the sender):"), self.fingerprint)
        self.age_identity = QLineEdit()
        self.age_identity.setAccessibleName(self.tr("Your age secret key file"))
        form.addRow(self.tr("age key file (.age bundles):"), self.age_identity)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("7z password"))
        form.addRow(self.tr("7z password (.7z bundles):"), self.password)
        layout.addLayout(form)
        self.verify_button = QPushButton(self.tr("Verify"))
        self.verify_button.clicked.connect(self.start)
        self.senders_button = QPushButton(self.tr("Confirmed senders..."))
        self.senders_button.clicked.connect(self.open_senders)
        layout.addWidget(row_widget(self.verify_button, self.senders_button))
        layout.addWidget(self._verdict_panel())
        self.results = QListWidget()
        self.results.setAccessibleName(self.tr("Verification results"))
        self.results.setMinimumHeight(120)
        layout.addWidget(self.results, 1)

    def _verdict_panel(self) -> QFrame:
        self.panel = QFrame()
        self.panel.setObjectName("verdict")
        # Never squeezed: the list of checks below gives up height first.
        self.panel.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        panel_layout = QVBoxLayout(self.panel)
        top = QHBoxLayout()
        self.icon = QLabel()
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.icon)
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        font = QFont(self.headline.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.headline.setFont(font)
        top.addWidget(self.headline, 1)
        panel_layout.addLayout(top)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        panel_layout.addWidget(self.explanation)
        key_font = QFont("monospace")
        key_font.setStyleHint(QFont.StyleHint.Monospace)
        key_font.setPointSizeF(self.headline.font().pointSizeF())
        key_font.setBold(True)
        self.key_caption = QLabel(self.tr("Key that signed the bundle:"))
        self.key = QLabel()
        self.spoken_caption = QLabel(self.tr("The same key, to read aloud:"))
        self.spoken = QLabel()
        for label in (self.key, self.spoken):
            label.setFont(key_font)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for widget in (self.key_caption, self.key, self.spoken_caption, self.spoken):
            panel_layout.addWidget(widget)
        # Check details quote the bundle (file names) and sender names are typed by the user: never rich text.
        for label in (self.headline, self.explanation, self.key, self.spoken):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.confirm_button = QPushButton(self.tr("I have confirmed this key with the sender..."))
        self.confirm_button.clicked.connect(self._ask_sender_name)
        panel_layout.addWidget(self.confirm_button)
        self._show(None, "")
        return self.panel

    def _choose(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open a bundle"), options=QFileDialog.Option.DontUseNativeDialog
        )
        if name:
            self.bundle.setText(name)

    def start(self) -> None:
        path = Path(self.bundle.text().strip())
        fingerprint = self.fingerprint.text().strip() or None
        identity = Path(self.age_identity.text().strip()) if self.age_identity.text().strip() else None
        password = self.password.text() or None
        known = self._senders.by_fingerprint()
        self.verify_button.setEnabled(False)
        self.results.clear()
        self._show(None, self.tr("Verifying..."))
        self._runner.run(
            lambda: verify_bundle(path, fingerprint, identity, password, known_senders=known), self._done, self._failed
        )

    def _done(self, result: Verification) -> None:
        self.verify_button.setEnabled(True)
        marks = {"pass": self.tr("OK"), "fail": self.tr("FAIL"), "not recorded": self.tr("N/A")}
        for check in result.checks:
            self.results.addItem(f"{marks[check.status]}  {check.name}: {check.detail}")
        self._show(result, "")
        self.verified.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self.verify_button.setEnabled(True)
        self._show(None, str(exc) if isinstance(exc, LockerError) else type(exc).__name__)
        self.verified.emit(None)

    def _show(self, result: Verification | None, message: str) -> None:
        """The verdict panel for a result; with none, just a message (working, or why the bundle would not open)."""
        self._signer = result.signer if result else None
        verdict = result.verdict if result else None
        if result is None:
            self.headline.setText(message)
            self.explanation.setText("")
        elif result.verdict is Verdict.CONFIRMED:
            who = (
                result.confirmed_by
                if result.confirmed_by != "--fingerprint"
                else self.tr("the fingerprint you entered")
            )
            self.headline.setText(self.tr("Confirmed: intact, and signed by a confirmed sender."))
            self.explanation.setText(self.tr("The signing key is the one of: %1").replace("%1", who or ""))
        elif result.verdict is Verdict.UNCONFIRMED:
            self.headline.setText(self.tr("Intact, but the signer is NOT confirmed."))
            self.explanation.setText(
                self.tr(
                    "Anyone can make and sign a bundle like this one. Call the sender on a number you already "
                    'know, compare the key below with theirs (either line), then press "I have confirmed this '
                    'key with the sender...". On the command line: locker senders add NAME FINGERPRINT, or '
                    "locker verify --fingerprint FINGERPRINT."
                )
            )
        else:
            failure = result.first_failure
            self.headline.setText(self.tr("Invalid: the bundle does NOT verify."))
            self.explanation.setText(
                self.tr("First failed check: %1 - %2").replace("%1", failure.name).replace("%2", failure.detail)
                if failure
                else self.tr("No signing key could be read.")
            )
        self.explanation.setVisible(bool(self.explanation.text()))
        has_key = self._signer is not None
        self.key.setText(self._signer or "")
        self.spoken.setText(_two_lines(result.spoken) if result and result.spoken else "")
        for widget in (self.key_caption, self.key, self.spoken_caption, self.spoken):
            widget.setVisible(has_key)
        self.confirm_button.setVisible(verdict is Verdict.UNCONFIRMED)
        self.panel.setVisible(bool(message) or result is not None)
        if verdict is None:
            self.panel.setStyleSheet("")
            self.icon.clear()
            return
        background, border, icon = _LOOK[verdict]
        self.panel.setStyleSheet(
            f"QFrame#verdict {{ background: {background}; border: 2px solid {border}; border-radius: 6px; }}"
            f" QFrame#verdict QLabel {{ color: #1a1a1a; background: transparent; border: none; }}"
        )
        self.icon.setPixmap(self.style().standardIcon(icon).pixmap(48, 48))

    @property
    def verdict_text(self) -> str:
        return self.headline.text()

    def _ask_sender_name(self) -> None:
        name, ok = QInputDialog.getText(
            self, self.tr("Confirmed sender"), self.tr("Name of the sender whose key you compared by phone:")
        )
        if ok and name.strip():
            self.confirm_sender(name)

    def open_senders(self) -> SendersDialog:
        dialog = SendersDialog(self._senders, self)
        dialog.open()
        return dialog

    def confirm_sender(self, name: str) -> None:
        """Record the key just shown as this sender's, then verify again (now it comes out confirmed)."""
        if self._signer is None:
            return
        self._senders.add(name, self._signer)
        self.start()
