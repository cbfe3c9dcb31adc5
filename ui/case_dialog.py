"""Describe a case: its name, the court, the case number, the dates that matter, a description."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QPlainTextEdit, QWidget

from locker.vault.cases import Case


class CaseDialog(QDialog):
    def __init__(self, case: Case | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New case") if case is None else self.tr("Case: %1").replace("%1", case.name))
        form = QFormLayout(self)
        self.name = QLineEdit(case.name if case else "")
        self.name.setAccessibleName(self.tr("Case name"))
        self.name.setPlaceholderText(self.tr("e.g. Fine of 12 March"))
        self.court = QLineEdit(case.court if case else "")
        self.court.setAccessibleName(self.tr("Court"))
        self.case_number = QLineEdit(case.case_number if case else "")
        self.case_number.setAccessibleName(self.tr("Case number"))
        self.dates = QLineEdit(case.dates if case else "")
        self.dates.setAccessibleName(self.tr("Dates"))
        self.dates.setPlaceholderText(self.tr("e.g. fine issued 2026-03-12; hearing 2026-05-20"))
        self.description = QPlainTextEdit(case.description if case else "")
        self.description.setAccessibleName(self.tr("Description"))
        self.description.setMaximumHeight(100)
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("Court:"), self.court)
        form.addRow(self.tr("Case number:"), self.case_number)
        form.addRow(self.tr("Dates:"), self.dates)
        form.addRow(self.tr("Description:"), self.description)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(520, 300)
