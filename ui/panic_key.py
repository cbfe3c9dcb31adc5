"""Which key combinations may be the panic key.

The panic key acts at once and, in erase mode, destroys the vault; so it must never be a key pressed in ordinary
use. Esc closes dialogs and a single key or a one-modifier key is typed by accident: we require two modifiers.
Combinations a desktop takes before any window sees them would silently never reach the app, so they are refused
too.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence

from locker.settings import DEFAULT_PANIC_SHORTCUT

_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier,
    Qt.KeyboardModifier.AltModifier,
    Qt.KeyboardModifier.ShiftModifier,
    Qt.KeyboardModifier.MetaModifier,
)
_MODIFIER_KEYS = {Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Shift, Qt.Key.Key_Meta, Qt.Key.Key_AltGr}
_CTRL_ALT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
# Taken by common desktops before an application sees them: Windows' security screen and GNOME's log-out
# (Ctrl+Alt+Del), X's server kill (Ctrl+Alt+Backspace), Linux console switching (Ctrl+Alt+F1..F12), the lock screen
# on KDE, Xfce and Cinnamon (Ctrl+Alt+L), Ubuntu's terminal (Ctrl+Alt+T), GNOME's workspace switching (arrows).
_DESKTOP_KEYS = {
    Qt.Key.Key_Delete, Qt.Key.Key_Backspace, Qt.Key.Key_L, Qt.Key.Key_T, Qt.Key.Key_Up, Qt.Key.Key_Down,
    Qt.Key.Key_Left, Qt.Key.Key_Right, *(Qt.Key(Qt.Key.Key_F1.value + n) for n in range(12)),
}  # fmt: skip


def panic_key_problem(sequence: QKeySequence) -> str | None:
    """Why `sequence` cannot be the panic key (a sentence for the user), or None if it can."""
    if sequence.count() != 1:
        return QCoreApplication.translate("PanicKey", "Press one key combination, for example Ctrl+Shift+F12.")
    combination = sequence[0]  # type: ignore[index]  # QKeySequence has operator[]; the stubs miss it
    key, modifiers = combination.key(), combination.keyboardModifiers()
    if key == Qt.Key.Key_Escape:
        return QCoreApplication.translate(
            "PanicKey", "Esc cannot be the panic key: it closes dialogs, so it would be pressed by accident."
        )
    if key in _MODIFIER_KEYS or key == Qt.Key.Key_unknown:
        return QCoreApplication.translate(
            "PanicKey", "Press a key together with the modifier keys, for example Ctrl+Shift+F12."
        )
    if sum(bool(modifiers & modifier) for modifier in _MODIFIERS) < 2:
        return QCoreApplication.translate(
            "PanicKey",
            "Hold two of Ctrl, Alt and Shift with the key (for example Ctrl+Shift+F12): a single key or a key with "
            "one modifier is too easily pressed by accident.",
        )
    if modifiers & _CTRL_ALT == _CTRL_ALT and key in _DESKTOP_KEYS:
        return QCoreApplication.translate(
            "PanicKey", "The desktop may take this combination before Evidence Locker sees it. Choose another one."
        )
    return None


def usable_panic_key(text: str) -> QKeySequence:
    """The panic key written in the settings, or the default when it is not allowed (a file from an older release
    may hold Esc)."""
    sequence = QKeySequence(text)
    return sequence if panic_key_problem(sequence) is None else QKeySequence(DEFAULT_PANIC_SHORTCUT)
