"""Saving what the user typed in the details (notes, tags, case) through the core, when she presses Save and
before the details show another item. Each change is its own custody event; the outcome goes to the status line."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel

from locker.errors import LockerError
from locker.vault.cases import set_item_case, set_tags
from locker.vault.items import ItemId, get_item, set_notes
from locker.vault.vault import Vault
from ui.cases_panel import CasesPanel
from ui.detail_panel import DetailPanel
from ui.error_text import show_on_label


class AnnotationSaver(QObject):
    #: An item's annotations were saved by Save: the window reloads its list keeping that item (a signal, not a
    #: callback into the window, which would keep a locked window alive through this object).
    saved = Signal(str)

    def __init__(
        self, vault: Vault, detail: DetailPanel, cases: CasesPanel, status: QLabel, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._vault = vault
        self._detail = detail
        self._cases = cases
        self._status = status

    def keep_unsaved_edits(self, next_id: str | None) -> bool:
        """Save what was typed in the details before they show `next_id` instead; True if something was saved.

        Saving without asking: a question at every click would teach her to click it away, and the custody log
        records each change anyway, so nothing is hidden by saving."""
        edits = self._detail.unsaved_edits()
        if edits is None or edits.item_id == next_id:
            return False
        with self._vault.session() as conn:
            item = get_item(conn, edits.item_id)
        case, unknown_case = edits.case, ""
        if case and case not in self._cases.case_names():
            # A case name typed but never confirmed (half-typed, then another row clicked) would silently make a
            # new case and take the item out of its own: only "Save" creates a case.
            case, unknown_case = item.case or "", edits.case
        kept = ""
        if (edits.notes, sorted(set(edits.tags)), case) != (item.notes, sorted(item.tags), item.case or ""):
            if not self.write(edits.item_id, edits.notes, list(edits.tags), case):
                return False
            kept = self.tr("Your notes for %1 were saved.").replace("%1", item.name)
        if unknown_case:
            refused = self.tr('The case of %1 was not changed: there is no case "%2" (press Save to create it).')
            kept = " ".join(filter(None, [kept, refused.replace("%1", item.name).replace("%2", unknown_case)]))
        self._status.setText(kept)
        return bool(kept)

    def save(self, item_id: str, notes: str, tags: list[str], case: str) -> None:
        """Apply the changed notes, tags and case through the core; each change is its own custody event."""
        if not self.write(item_id, notes, tags, case):
            return
        self._cases.reload()
        self.saved.emit(item_id)
        self._status.setText(self.tr("Saved and recorded in the custody log."))

    def write(self, item_id: str, notes: str, tags: list[str], case: str) -> bool:
        """Write the changes through the core; False (and the reason in the status line) if that failed."""
        try:
            with self._vault.transaction() as conn:
                item = get_item(conn, ItemId(item_id))
                if notes != item.notes:
                    set_notes(conn, item.id, notes)
                if sorted(set(tags)) != sorted(item.tags):
                    set_tags(conn, item.id, tags)
                if (case or None) != item.case:
                    set_item_case(conn, item.id, case or None)
        except LockerError as exc:
            show_on_label(self._status, exc)
            return False
        return True
