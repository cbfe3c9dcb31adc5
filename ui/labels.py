"""Names the core keeps in English (custody actions), as the person reading the app says them.

The custody log itself stays in English (it is evidence, compared byte for byte); only what the GUI shows of it
is translated. `tests/ui/test_labels.py` fails when a custody action has no label here.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from locker.vault.custody import Action


def action_labels() -> dict[str, str]:
    """Every custody action, in the app's language (looked up at call time: the language can change)."""
    return {
        Action.CREATED: QCoreApplication.translate("labels", "vault created"),
        Action.CASE_CREATED: QCoreApplication.translate("labels", "case created"),
        Action.CASE_UPDATED: QCoreApplication.translate("labels", "case changed"),
        Action.IMPORTED: QCoreApplication.translate("labels", "imported"),
        Action.METADATA_EXTRACTED: QCoreApplication.translate("labels", "metadata read"),
        Action.ANNOTATED: QCoreApplication.translate("labels", "notes, tags or case changed"),
        Action.EXPORTED: QCoreApplication.translate("labels", "exported for counsel"),
        Action.EXTRACTED: QCoreApplication.translate("labels", "original saved to a file"),
        Action.SHARED: QCoreApplication.translate("labels", "share copy made"),
        Action.TIMESTAMPED: QCoreApplication.translate("labels", "trusted timestamp added"),
        Action.PASSPHRASE_CHANGED: QCoreApplication.translate("labels", "passphrase changed"),
        Action.CHECKED: QCoreApplication.translate("labels", "vault checked"),
    }


def action_text(action: str) -> str:
    """The custody action `action` in the app's language; an action this version does not know, as recorded."""
    return action_labels().get(action, action)
