"""Verify a received bundle: every check by name, as `locker verify` prints it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from locker.bundle.verify import Verification, verify_bundle
from locker.errors import LockerError
from ui.rows import row_widget
from ui.worker import TaskRunner


class VerifyDialog(QDialog):
    #: The list of Check results.
    verified = Signal(list)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self.setWindowTitle(self.tr("Verify a bundle"))
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
        self.results = QListWidget()
        self.results.setAccessibleName(self.tr("Verification results"))
        layout.addWidget(self.results)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.verify_button = QPushButton(self.tr("Verify"))
        self.verify_button.clicked.connect(self.start)
        layout.addWidget(self.verify_button)

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
        self.verify_button.setEnabled(False)
        self.results.clear()
        self.summary.setText(self.tr("Verifying..."))
        self._runner.run(lambda: verify_bundle(path, fingerprint, identity, password), self._done, self._failed)

    def _done(self, result: Verification) -> None:
        checks = list(result.checks)
        self.verify_button.setEnabled(True)
        for check in checks:
            mark = self.tr("OK") if check.ok else self.tr("FAIL")
            self.results.addItem(f"{mark}  {check.name}: {check.detail}")
        ok = all(check.ok for check in checks)
        self.summary.setText(
            self.tr("The bundle is intact and signed.") if ok else self.tr("The bundle does NOT verify.")
        )
        self.verified.emit(checks)

    def _failed(self, exc: BaseException) -> None:
        self.verify_button.setEnabled(True)
        self.summary.setText(str(exc) if isinstance(exc, LockerError) else type(exc).__name__)
        self.verified.emit([])
