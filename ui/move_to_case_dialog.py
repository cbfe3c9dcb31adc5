"""Choose the case to put the selected items in (an existing one, a new name, or none)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget


class MoveToCaseDialog(QDialog):
    """Asks for a case name; `chosen_case()` is "" for no case."""

    def __init__(self, cases: list[str], count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Move to case"))
        layout = QVBoxLayout(self)
        question = QLabel(self.tr("Put %n selected item(s) in this case (type a new name to create one):", "", count))
        question.setWordWrap(True)
        layout.addWidget(question)
        self.case = QComboBox()
        self.case.setEditable(True)
        self.case.addItems(["", *cases])
        self.case.setCurrentText(cases[0] if cases else "")
        self.case.setAccessibleName(self.tr("Case"))
        layout.addWidget(self.case)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def chosen_case(self) -> str:
        return " ".join(self.case.currentText().split())
