"""The cases side panel: all items or one case at a time; create, rename and describe cases.

Changes go through the core (locker.vault.cases), which records each one in the custody log.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from locker.errors import LockerError
from locker.vault.cases import Case, create_case, describe_case, list_cases, rename_case
from locker.vault.vault import Vault
from ui.case_dialog import CaseDialog
from ui.error_text import show_on_label

ALL = ""  # the "All items" row's case key


class CasesPanel(QWidget):
    #: The chosen case's name, or "" for all items.
    case_chosen = Signal(str)
    #: Cases changed (created, renamed, described): the item list should reload.
    cases_changed = Signal()

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vault = vault
        self._cases: dict[str, Case] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Cases")))
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Cases"))
        self.list.currentItemChanged.connect(self._chosen)
        layout.addWidget(self.list, 1)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.details)
        row = QHBoxLayout()
        self.new_button = QPushButton(self.tr("New..."))
        self.new_button.setAccessibleName(self.tr("New case"))
        self.new_button.clicked.connect(self.new_case)
        self.edit_button = QPushButton(self.tr("Edit..."))
        self.edit_button.setAccessibleName(self.tr("Rename or describe the case"))
        self.edit_button.clicked.connect(self.edit_case)
        row.addWidget(self.new_button)
        row.addWidget(self.edit_button)
        layout.addLayout(row)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.reload()

    def reload(self, keep: str | None = None) -> None:
        current = self.current_case() if keep is None else keep
        with self._vault.session() as conn:
            cases = list_cases(conn)
        self._cases = {c.name: c for c in cases}
        self.list.blockSignals(True)
        self.list.clear()
        all_row = QListWidgetItem(self.tr("All items"))
        all_row.setData(Qt.ItemDataRole.UserRole, ALL)
        self.list.addItem(all_row)
        for case in cases:
            row = QListWidgetItem(f"{case.name} ({case.item_count})")
            row.setData(Qt.ItemDataRole.UserRole, case.name)
            self.list.addItem(row)
        self.list.blockSignals(False)
        self.select(current if current in self._cases else ALL)

    def case_names(self) -> list[str]:
        return sorted(self._cases)

    def current_case(self) -> str:
        row = self.list.currentItem()
        return str(row.data(Qt.ItemDataRole.UserRole)) if row is not None else ALL

    def select(self, name: str) -> None:
        for index in range(self.list.count()):
            if self.list.item(index).data(Qt.ItemDataRole.UserRole) == name:
                self.list.setCurrentRow(index)
                return

    def _chosen(self) -> None:
        name = self.current_case()
        self.edit_button.setEnabled(name != ALL)
        case = self._cases.get(name)
        if case is None:
            self.details.setText("")
        else:
            lines = [
                (self.tr("Court: %1"), case.court), (self.tr("Case number: %1"), case.case_number),
                (self.tr("Dates: %1"), case.dates), ("%1", case.description),
            ]  # fmt: skip
            self.details.setText("\n".join(label.replace("%1", value) for label, value in lines if value))
        self.case_chosen.emit(name)

    def new_case(self) -> CaseDialog:
        dialog = CaseDialog(None, self)
        dialog.accepted.connect(lambda: self._save(None, dialog))
        dialog.open()
        return dialog

    def edit_case(self) -> CaseDialog | None:
        case = self._cases.get(self.current_case())
        if case is None:
            return None
        dialog = CaseDialog(case, self)
        dialog.accepted.connect(lambda: self._save(case, dialog))
        dialog.open()
        return dialog

    def _save(self, case: Case | None, dialog: CaseDialog) -> None:
        name = dialog.name.text()
        try:
            with self._vault.transaction() as conn:
                if case is None:
                    create_case(conn, name)
                elif " ".join(name.split()) != case.name:
                    rename_case(conn, case.name, name)
                new_name = " ".join(name.split())
                describe_case(conn, new_name, dialog.court.text(), dialog.case_number.text(), dialog.dates.text(),
                              dialog.description.toPlainText())  # fmt: skip
        except LockerError as exc:
            show_on_label(self.message, exc)
            return
        self.message.setText(self.tr("Saved and recorded in the custody log."))
        self.reload(keep=new_name)
        self.cases_changed.emit()
