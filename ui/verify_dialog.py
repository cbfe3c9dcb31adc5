"""Verify a received bundle: the verdict first (confirmed, unconfirmed, invalid) in a large coloured banner, the key
in both forms, what the timestamps prove, then the checks in plain words; every check by its technical name, as
`locker verify` prints it, behind "Details". After an unconfirmed verdict the lawyer can record the sender.

The bundle is a stranger's file and this app holds the vault key, so it is never parsed here: verification runs in a
confined child process (verify_child.py), which gets the confirmed senders and the TSA roots the user trusts.
"""

from __future__ import annotations

import threading
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
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from locker.bundle.checks import Timestamp
from locker.bundle.tsa_trust import TrustedRoot, TsaRootStore, load_root_file
from locker.bundle.verify import Verdict, Verification
from locker.bundle.verify_child import verify_in_child
from locker.errors import LockerError
from locker.senders import SenderStore
from ui.error_text import error_text
from ui.rows import row_widget
from ui.senders_dialog import SendersDialog
from ui.tsa_choice import choose_root_file
from ui.verify_words import Outcome, plain_checks
from ui.worker import TaskRunner

# Background, border and icon of each verdict: colour is never the only sign (icon and headline say it too).
_LOOK = {
    Verdict.CONFIRMED: ("#e3f4e5", "#2e7d32", QStyle.StandardPixmap.SP_DialogApplyButton),
    Verdict.UNCONFIRMED: ("#fff4d6", "#b26a00", QStyle.StandardPixmap.SP_MessageBoxWarning),
    Verdict.INVALID: ("#fde4e4", "#c62828", QStyle.StandardPixmap.SP_MessageBoxCritical),
}


# Icon of each plain-words line; the sentence itself says holds or fails, the icon only helps the eye.
_OUTCOME_ICON = {
    Outcome.HOLDS: QStyle.StandardPixmap.SP_DialogApplyButton,
    Outcome.FAILS: QStyle.StandardPixmap.SP_MessageBoxCritical,
    Outcome.WARNS: QStyle.StandardPixmap.SP_MessageBoxWarning,
    Outcome.NOTE: QStyle.StandardPixmap.SP_MessageBoxInformation,
}

# Border and icon of the trusted-time line: untrusted time is never shown like trusted time.
_TIME_LOOK = {
    "trusted": ("#2e7d32", QStyle.StandardPixmap.SP_DialogApplyButton),
    "untrusted": ("#b26a00", QStyle.StandardPixmap.SP_MessageBoxWarning),
    "none": ("#757575", QStyle.StandardPixmap.SP_MessageBoxInformation),
}


def _when(stamp: Timestamp) -> str:
    """The token's time as a person reads it: 2026-12-03 07:58:00 UTC."""
    if not stamp.time:
        return "?"
    text = stamp.time.replace("T", " ")
    return text[: -len("+00:00")] + " UTC" if text.endswith("+00:00") else text


def _two_lines(spoken: str) -> str:
    """Six groups a line: twelve do not fit at this size, and a lone group on a second line is easily missed."""
    groups = spoken.split(" ")
    return " ".join(groups[:6]) + "\n" + " ".join(groups[6:])


class VerifyDialog(QDialog):
    #: The Verification, or None when the bundle could not be opened at all.
    verified = Signal(object)

    def __init__(
        self,
        runner: TaskRunner,
        senders: SenderStore,
        tsa_roots: TsaRootStore | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._senders = senders
        self._tsa_roots = tsa_roots or TsaRootStore(None)
        self._signer: str | None = None
        self.setWindowTitle(self.tr("Verify a bundle"))
        self.setMinimumWidth(760)
        # Room for the verdict panel, whose wrapped Russian text is the tallest; but whole on a 1366x768 laptop
        # screen, title bar included (the list of checks gives up height first).
        self.resize(860, min(820, self.screen().availableGeometry().height() - 40))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.bundle = QLineEdit()
        self.bundle.setAccessibleName(self.tr("Bundle folder or file"))
        # A bundle is a folder (the default export) or one file (.zip, .7z, .age); no single Qt file dialog picks
        # both, so "Choose..." asks which.
        self.choose_button = QPushButton(self.tr("Choose..."))
        choose_menu = QMenu(self.choose_button)
        choose_menu.addAction(self.tr("A bundle folder..."), self.choose_folder)
        choose_menu.addAction(self.tr("A bundle file (.zip, .7z, .age)..."), self.choose_file)
        self.choose_button.setMenu(choose_menu)
        form.addRow(self.tr("Bundle:"), row_widget(self.bundle, self.choose_button))
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
        self.run_root = QLineEdit()
        self.run_root.setAccessibleName(self.tr("Timestamp authority root certificate for this run (PEM file)"))
        choose_root = QPushButton(self.tr("Choose..."))
        choose_root.clicked.connect(self._choose_root)
        form.addRow(self.tr("TSA root for this run (PEM):"), row_widget(self.run_root, choose_root))
        layout.addLayout(form)
        # The key file and the password rows only for the bundles that need them: a folder or a ZIP needs neither.
        self._form = form
        self.bundle.textChanged.connect(self._bundle_changed)
        self._bundle_changed(self.bundle.text())
        self.verify_button = QPushButton(self.tr("Verify"))
        self.verify_button.clicked.connect(self.start)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setEnabled(False)
        self.stop_button.clicked.connect(self.stop)
        self._stop = threading.Event()
        self.senders_button = QPushButton(self.tr("Confirmed senders..."))
        self.senders_button.clicked.connect(self.open_senders)
        layout.addWidget(row_widget(self.verify_button, self.stop_button, self.senders_button))
        layout.addWidget(self._verdict_panel())
        self.checks = QListWidget()
        self.checks.setAccessibleName(self.tr("What was checked"))
        self.checks.setMinimumHeight(110)
        layout.addWidget(self.checks, 1)
        self.details_button = QPushButton(self.tr("Details"))
        self.details_button.setCheckable(True)
        self.details_button.setToolTip(self.tr("Every check by its technical name, as locker verify prints it"))
        layout.addWidget(self.details_button, alignment=Qt.AlignmentFlag.AlignLeft)
        self.results = QListWidget()
        self.results.setAccessibleName(self.tr("Verification results"))
        self.results.setMinimumHeight(120)
        self.results.setVisible(False)  # technical: behind "Details"
        self.details_button.toggled.connect(self.results.setVisible)
        layout.addWidget(self.results, 1)

    def _bundle_changed(self, text: str) -> None:
        suffix = Path(text.strip()).suffix.lower()
        self._form.setRowVisible(self.age_identity, suffix == ".age")
        self._form.setRowVisible(self.password, suffix == ".7z")

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
        font.setPointSizeF(font.pointSizeF() * 1.8)  # the verdict is read before anything else
        font.setBold(True)
        self.headline.setFont(font)
        top.addWidget(self.headline, 1)
        panel_layout.addLayout(top)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        panel_layout.addWidget(self.explanation)
        key_font = QFont("monospace")
        key_font.setStyleHint(QFont.StyleHint.Monospace)
        key_font.setPointSizeF(self.headline.font().pointSizeF() / 1.3)
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
        panel_layout.addWidget(self._time_frame())
        # Check details quote the bundle (file names), sender names are typed by the user and TSA names come from
        # the bundle: never rich text.
        for label in (self.headline, self.explanation, self.key, self.spoken, self.time_text):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.confirm_button = QPushButton(self.tr("I have confirmed this key with the sender..."))
        self.confirm_button.clicked.connect(self._ask_sender_name)
        panel_layout.addWidget(self.confirm_button)
        self._show(None, "")
        return self.panel

    def _time_frame(self) -> QFrame:
        """What the timestamps prove: trusted time, UNTRUSTED time (with how to fix it) or no trusted time."""
        self.time_frame = QFrame()
        self.time_frame.setObjectName("time")
        # "trusted", "untrusted" (at least one token does not chain to a trusted root) or "none".
        self.time_kind = "none"
        row = QHBoxLayout(self.time_frame)
        self.time_icon = QLabel()
        self.time_icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.time_icon)
        self.time_text = QLabel()
        self.time_text.setWordWrap(True)
        self.time_text.setAccessibleName(self.tr("Trusted time"))
        row.addWidget(self.time_text, 1)
        return self.time_frame

    def _chooser(self, title: str, mode: QFileDialog.FileMode) -> QFileDialog:
        # Qt's own dialog: the native one may record recent files in the desktop's history.
        dialog = QFileDialog(self, title)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setFileMode(mode)
        dialog.fileSelected.connect(self.bundle.setText)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def choose_folder(self) -> QFileDialog:
        """Ask for a bundle folder (the form an export writes by default)."""
        return self._chooser(self.tr("Open a bundle folder"), QFileDialog.FileMode.Directory)

    def choose_file(self) -> QFileDialog:
        """Ask for a bundle in one file: .zip, .7z or .age."""
        dialog = self._chooser(self.tr("Open a bundle file"), QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters([self.tr("Bundles (*.zip *.7z *.age)"), self.tr("All files (*)")])
        return dialog

    def _choose_root(self) -> None:
        chosen = choose_root_file(self)
        if chosen is not None:
            self.run_root.setText(str(chosen))

    def trusted_roots(self) -> tuple[TrustedRoot, ...]:
        """The user's stored roots, then the one chosen for this run (UsageError if that file holds none)."""
        roots = list(self._tsa_roots.roots())
        text = self.run_root.text().strip()
        if text:
            for certificate in load_root_file(Path(text)):
                roots.append(TrustedRoot(self.tr("root for this run"), certificate, "this run"))
        return tuple(roots)

    def start(self) -> None:
        path = Path(self.bundle.text().strip())
        fingerprint = self.fingerprint.text().strip() or None
        identity = Path(self.age_identity.text().strip()) if self.age_identity.text().strip() else None
        password = self.password.text() or None
        known = self._senders.by_fingerprint()
        self.results.clear()
        self.checks.clear()
        try:
            roots = self.trusted_roots()
        except LockerError as exc:
            self._failed(exc)
            return
        self.verify_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        self._stop = stop = threading.Event()
        self._show(None, self.tr("Verifying..."))
        self._runner.run(
            lambda: verify_in_child(
                path, fingerprint, identity, password, known_senders=known, extra_roots=roots, cancel=stop
            ),
            self._done,
            self._failed,
        )

    def stop(self) -> None:
        """Kill the verifying process (a huge or hostile bundle can take long); no verdict is given."""
        self._stop.set()
        self.stop_button.setEnabled(False)

    def _done(self, result: Verification) -> None:
        self.show_verification(result)
        self.verified.emit(result)

    def show_verification(self, result: Verification) -> None:
        """Show a finished verification: the verdict banner, the plain checks and the technical ones."""
        self.verify_button.setEnabled(True)
        self.stop_button.setEnabled(False)
        self.results.clear()
        self.checks.clear()
        marks = {
            "pass": self.tr("OK"),
            "fail": self.tr("FAIL"),
            "not recorded": self.tr("N/A"),
            "untrusted time": self.tr("WARN"),
        }
        for check in result.checks:
            self.results.addItem(f"{marks[check.status]}  {check.name}: {check.detail}")
        for line in plain_checks(result.checks):
            icon = self.style().standardIcon(_OUTCOME_ICON[line.outcome])
            self.checks.addItem(QListWidgetItem(icon, line.sentence))
        self._show(result, "")

    def _failed(self, exc: BaseException) -> None:
        self.verify_button.setEnabled(True)
        self.stop_button.setEnabled(False)
        shown = error_text(exc)
        self._show(None, shown.text)
        self.headline.setToolTip(shown.details)
        self.verified.emit(None)

    def _show(self, result: Verification | None, message: str) -> None:
        """The verdict panel for a result; with none, just a message (working, or why the bundle would not open)."""
        self._signer = result.signer if result else None
        verdict = result.verdict if result else None
        if result is None:
            self.headline.setText(message)
            self.explanation.setText("")
        elif result.verdict is Verdict.CONFIRMED:
            self.headline.setText(self.tr("Confirmed: intact, and signed by a confirmed sender."))
            if result.confirmed_by == "--fingerprint" or not result.confirmed_by:
                self.explanation.setText(self.tr("The signing key matches the fingerprint you entered."))
            else:
                confirmed = self.tr("The signing key is the one you confirmed for %1.")
                self.explanation.setText(confirmed.replace("%1", result.confirmed_by))
        elif result.verdict is Verdict.UNCONFIRMED:
            self.headline.setText(self.tr("Intact, but the signer is NOT confirmed."))
            self.explanation.setText(
                self.tr(
                    "Anyone can make and sign a bundle like this one. Call the sender on a number you already "
                    'know, compare the key below with theirs (either line), then press "I have confirmed this '
                    'key with the sender...".'
                )
            )
        else:
            # In plain words here; the failed check's technical name and detail are behind "Details".
            failed = [line.sentence for line in plain_checks(result.checks) if line.outcome is Outcome.FAILS]
            self.headline.setText(self.tr("Invalid: the bundle does NOT verify."))
            self.explanation.setText(failed[0] if failed else self.tr("No signing key could be read."))
        self.explanation.setVisible(bool(self.explanation.text()))
        has_key = self._signer is not None
        self.key.setText(self._signer or "")
        self.spoken.setText(_two_lines(result.spoken) if result and result.spoken else "")
        for widget in (self.key_caption, self.key, self.spoken_caption, self.spoken):
            widget.setVisible(has_key)
        self.confirm_button.setVisible(verdict is Verdict.UNCONFIRMED)
        self._show_time(result if verdict in (Verdict.CONFIRMED, Verdict.UNCONFIRMED) else None)
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

    def _show_time(self, result: Verification | None) -> None:
        """The timestamps of an intact bundle, trusted and untrusted ones in different words, icon and border."""
        self.time_frame.setVisible(result is not None)
        if result is None:
            self.time_text.setText("")
            return
        lines = []
        for stamp in result.timestamps:
            tsa = stamp.tsa or self.tr("an unnamed authority")
            if stamp.trusted:
                text = self.tr("Trusted time: the bundle existed at %1 (%2).")
                lines.append(text.replace("%1", _when(stamp)).replace("%2", tsa))
            else:
                text = self.tr(
                    "UNTRUSTED time: a token dated %1 (%2) does not chain to a root you trust; it proves nothing "
                    "about when. If you trust this authority, add its root certificate in Settings, Timestamps "
                    "(or choose it above for this run) and verify again."
                )
                lines.append(text.replace("%1", _when(stamp)).replace("%2", tsa))
        if not lines:
            lines.append(self.tr("No trusted time: nothing in the bundle proves when it was made."))
        kind = "none"
        if result.timestamps:
            kind = "trusted" if all(stamp.trusted for stamp in result.timestamps) else "untrusted"
        border, icon = _TIME_LOOK[kind]
        self.time_kind = kind
        self.time_text.setText("\n".join(lines))
        self.time_frame.setStyleSheet(
            f"QFrame#time {{ background: #ffffff; border: 2px solid {border}; border-radius: 4px; }}"
        )
        self.time_icon.setPixmap(self.style().standardIcon(icon).pixmap(32, 32))

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
