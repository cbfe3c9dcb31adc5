"""Export for counsel: what, for whom, in which form, with or without trusted time; the key fingerprint, large."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from locker.bundle.export import ExportRequest, ExportResult, export_bundle
from locker.bundle.public_tsas import DEFAULT_TSA_URLS
from locker.crypto.identity import spoken_fingerprint
from locker.errors import LockerError
from locker.vault.items import get_item, list_items
from locker.vault.vault import Vault
from ui.error_text import ShownError, error_text, show_on_label
from ui.fit import fit_height
from ui.rows import row_widget
from ui.tsa_choice import TsaChoice
from ui.worker import TaskRunner

FORMATS = ("folder", "zip", "age", "7z")


class _Relay(QObject):
    progressed = Signal(int, int)


class ExportDialog(QDialog):
    #: The bundle was written (ExportResult).
    exported = Signal(object)
    #: The export failed; the message shown.
    failed = Signal(str)

    def __init__(
        self,
        vault: Vault,
        runner: TaskRunner,
        cases: list[str],
        selected: list[str],
        parent: QWidget | None = None,
        case: str | None = None,
    ) -> None:
        """`case`: the case shown in the main window, offered when nothing is selected. Without one, no case is
        pre-chosen: the first case by name was offered before, and exported as offered it sent the wrong evidence."""
        super().__init__(parent)
        self._vault = vault
        self._runner = runner
        self._selected = selected
        self._request = ExportRequest()
        self._relay = _Relay()
        self.setWindowTitle(self.tr("Export for counsel"))
        layout = QVBoxLayout(self)
        form = self._form = QFormLayout()
        self.selected_radio = QRadioButton(self.tr("Selected items (%1)").replace("%1", str(len(selected))))
        self.case_radio = QRadioButton(self.tr("Every item of the case:"))
        self.case = QComboBox()
        self.case.addItems(cases)
        self.case.setCurrentIndex(cases.index(case) if case in cases else -1)
        self.case.setAccessibleName(self.tr("Case to export"))
        (self.selected_radio if selected else self.case_radio).setChecked(True)
        self.selected_radio.setEnabled(bool(selected))
        # The two radios live in different parent widgets (one sits in a row with the case box), so Qt's automatic
        # exclusivity does not join them: without this group both could be on and the selection won silently.
        self.what = QButtonGroup(self)
        self.what.addButton(self.selected_radio)
        self.what.addButton(self.case_radio)
        self.case.activated.connect(lambda _index: self.case_radio.setChecked(True))
        form.addRow(self.tr("What:"), self.selected_radio)
        form.addRow("", row_widget(self.case_radio, self.case, stretch_index=1))
        self.recipient = QLineEdit()
        self.recipient.setPlaceholderText(self.tr("e.g. lawyer's name (goes into the custody log)"))
        self.recipient.setAccessibleName(self.tr("Recipient"))
        form.addRow(self.tr("For:"), self.recipient)
        self.destination = QLineEdit()
        self.destination.setAccessibleName(self.tr("Destination"))
        choose = QPushButton(self.tr("Choose..."))
        choose.clicked.connect(self._choose)
        form.addRow(self.tr("Save to:"), row_widget(self.destination, choose))
        self.format = QComboBox()
        for label, code in zip(
            (self.tr("Folder"), self.tr("ZIP file"), self.tr("Encrypted for counsel's age key"),
             self.tr("Encrypted 7z (password)")), FORMATS, strict=True,
        ):  # fmt: skip
            self.format.addItem(label, code)
        self.format.setAccessibleName(self.tr("Bundle format"))
        self.format.currentIndexChanged.connect(self._format_changed)
        form.addRow(self.tr("Form:"), self.format)
        self.age_key = QLineEdit()
        self.age_key.setPlaceholderText("age1...")
        self.age_key.setAccessibleName(self.tr("Counsel's age public key"))
        form.addRow(self.tr("Counsel's age key:"), self.age_key)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("7z password"))
        self.password_again = QLineEdit()
        self.password_again.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_again.setAccessibleName(self.tr("Repeat the 7z password"))
        form.addRow(self.tr("7z password:"), self.password)
        form.addRow(self.tr("Repeat:"), self.password_again)
        # Off unless the user ticks it: only then does the export use the network.
        self.timestamp = QCheckBox(self.tr("Add trusted time from these timestamp authorities (uses the network):"))
        self.timestamp.setChecked(False)
        self.timestamp.toggled.connect(self._timestamp_toggled)
        form.addRow("", self.timestamp)
        self.tsas = TsaChoice()
        self.tsas.set_urls(DEFAULT_TSA_URLS)
        form.addRow("", self.tsas)
        self.proxy = QLineEdit()
        self.proxy.setAccessibleName(self.tr("Proxy"))
        form.addRow(self.tr("Proxy (optional):"), self.proxy)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Signing key fingerprint - read it to counsel by phone:")))
        self.fingerprint = QLabel(vault.fingerprint())
        font = QFont(self.fingerprint.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.fingerprint.setFont(font)
        self.fingerprint.setWordWrap(True)
        # On one line wherever the screen allows: wrapped, it broke at a "/" in the middle and was read as two keys.
        screen_width = self.screen().availableGeometry().width() - 80
        self.fingerprint.setMinimumWidth(
            min(QFontMetrics(font).horizontalAdvance(vault.fingerprint()) + 4, screen_width)
        )
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.fingerprint)
        layout.addWidget(QLabel(self.tr("The same key as digits, easiest to read aloud:")))
        groups = spoken_fingerprint(vault.fingerprint()).split(" ")
        self.spoken = QLabel(" ".join(groups[:6]) + "\n" + " ".join(groups[6:]))  # six groups a line
        self.spoken.setFont(font)
        self.spoken.setWordWrap(True)
        self.spoken.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.spoken)
        self.progress = QProgressBar()
        self.progress.setVisible(False)  # until an export starts: idle, it looks like one more field to fill in
        self._relay.progressed.connect(lambda done, total: self.progress.setValue(int(100 * done / max(total, 1))))
        layout.addWidget(self.progress)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # it lists file names, which may look like markup
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # the path, to copy
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.export_button = QPushButton(self.tr("Export"))
        self.export_button.clicked.connect(self.start)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self._format_changed()
        self._timestamp_toggled(False)

    def _choose(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the bundle as"), options=QFileDialog.Option.DontUseNativeDialog
        )
        if name:
            self.destination.setText(name)

    def _format_changed(self) -> None:
        """Only the chosen form's fields are shown: counsel's age key, or the 7z password twice."""
        code = self.format.currentData()
        for field, form in ((self.age_key, "age"), (self.password, "7z"), (self.password_again, "7z")):
            field.setEnabled(code == form)
            self._form.setRowVisible(field, code == form)
        self._fit()

    def _timestamp_toggled(self, on: bool) -> None:
        self._form.setRowVisible(self.tsas, on)
        self._fit()

    def _fit(self) -> None:
        """Take the size the shown rows need (rows shown or hidden change it)."""
        layout = self.layout()
        if layout is not None:
            layout.activate()  # the new rows count before the dialog takes its size, or they overlap
        self.adjustSize()
        if layout is not None and layout.hasHeightForWidth():  # the wrapped fingerprint needs its full height too
            self.resize(self.width(), max(self.height(), layout.totalHeightForWidth(self.width())))

    def set_timestamp_defaults(self, urls: tuple[str, ...], proxy: str) -> None:
        """The TSAs (pre-ticked when the user turns trusted time on) and the proxy from the settings."""
        self.tsas.set_urls(urls)
        self.proxy.setText(proxy)

    def request(self) -> ExportRequest:
        """The ExportRequest the form describes; raises LockerError with a message for the user."""
        code = self.format.currentData()
        if code == "7z" and (not self.password.text() or self.password.text() != self.password_again.text()):
            raise ShownError(self.tr("The two 7z passwords are empty or differ."))
        if code == "age" and not self.age_key.text().strip().startswith("age1"):
            raise ShownError(self.tr("Paste counsel's age public key (it starts with age1)."))
        if not self.selected_radio.isChecked() and not self.case.currentText():
            raise ShownError(self.tr("Choose the case to export."))
        urls = self.tsas.urls() if self.timestamp.isChecked() else ()
        if self.timestamp.isChecked() and not urls:
            raise ShownError(self.tr("Tick at least one timestamp authority, or turn trusted time off."))
        return ExportRequest(
            item_ids=tuple(self._selected) if self.selected_radio.isChecked() else (),
            case=None if self.selected_radio.isChecked() else self.case.currentText(),
            recipient=self.recipient.text().strip(),
            tsa_urls=urls,
            proxy=self.proxy.text().strip() or None,
            age_recipient=self.age_key.text().strip() if code == "age" else None,
            sevenzip_password=self.password.text() if code == "7z" else None,
        )

    def destination_path(self) -> Path:
        text = self.destination.text().strip()
        if not text:
            raise ShownError(self.tr("Choose where to save the bundle."))
        path = Path(text)
        suffix = {"zip": ".zip", "age": ".age", "7z": ".7z"}.get(self.format.currentData(), "")
        return path if not suffix or path.suffix.lower() == suffix else path.with_name(path.name + suffix)

    def start(self) -> None:
        try:
            request, out = self.request(), self.destination_path()
        except LockerError as exc:
            show_on_label(self.message, exc)
            return
        self._request = request  # what the result will list, whatever the form shows by then
        self.progress.setValue(0)
        self.progress.setVisible(True)
        fit_height(self)
        self.export_button.setEnabled(False)
        self.message.setText(self.tr("Exporting..."))
        vault, relay, cancel = self._vault, self._relay, threading.Event()
        self._runner.run(
            lambda: export_bundle(vault, out, request, relay.progressed.emit, cancel), self._done, self._failed
        )

    def exported_names(self, request: ExportRequest) -> list[str]:
        """The file names of the items `request` covers, as the vault holds them now."""
        with self._vault.session() as conn:
            if request.item_ids:
                return [get_item(conn, item_id).name for item_id in request.item_ids]
            return [item.name for item in list_items(conn, request.case)]

    def _done(self, result: ExportResult) -> None:
        self.export_button.setEnabled(True)
        names = self.exported_names(self._request)
        lines = [
            self.tr("Exported %n item(s): %1.", "", result.items).replace("%1", ", ".join(names)),
            self.tr("The bundle is at: %1").replace("%1", str(result.path)),
            self.tr(
                "Next: give it to counsel and read them the fingerprint above by phone. Counsel checks the bundle "
                'with README-VERIFY.txt inside it, or with "Verify a bundle..." in Evidence Locker.'
            ),
            self.tr("Bundle id: %1").replace("%1", result.bundle_id),
        ]
        # Each line says itself whether it is trusted or UNTRUSTED time: the label never claims it.
        lines += [self.tr("Timestamp: %1").replace("%1", t) for t in result.timestamps]
        lines += [self.tr("No trusted time: %1").replace("%1", error_text(e).text) for e in result.timestamp_failures]
        self.message.setText("\n".join(lines))
        fit_height(self)  # the list of names and the next step, whole
        self.exported.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(True)
        show_on_label(self.message, exc)
        self.failed.emit(self.message.text())
