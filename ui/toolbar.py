"""The main window's toolbar: icons with labels, buttons reachable with Tab, and the panic button apart at the end."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QSizePolicy, QStyle, QToolBar, QToolButton, QWidget

from locker.panic.channel import PanicMode

# Red and verb-labelled like a destructive button in Signal Desktop: it says what it will do.
_PANIC_STYLE = (
    "#panic { background: #c62828; color: white; font-weight: bold; padding: 4px 14px; border-radius: 3px; }"
    "#panic:focus { outline: 2px solid black; }"
)


class ActionsToolBar(QToolBar):
    """Actions shown as an icon to find and a word to read."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.setMovable(False)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)

    def add_with_icon(self, action: QAction, theme: QIcon.ThemeIcon, standard: QStyle.StandardPixmap) -> None:
        """The desktop's icon theme where there is one (Linux), Qt's own icon elsewhere."""
        action.setIcon(QIcon.fromTheme(theme, self.style().standardIcon(standard)))
        self._add_focusable(action)

    def add_panic(self, action: QAction) -> QToolButton:
        """The panic button, red, apart at the far end, where it is found without reading."""
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.addWidget(spacer)
        button = self._add_focusable(action)
        button.setObjectName("panic")
        button.setStyleSheet(_PANIC_STYLE)
        return button

    def _add_focusable(self, action: QAction) -> QToolButton:
        self.addAction(action)
        button = self.widgetForAction(action)
        assert isinstance(button, QToolButton)
        # Qt gives toolbar buttons no focus at all: reachable with Tab, while a click leaves the focus where it is.
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        return button


def label_panic(action: QAction, mode: PanicMode, shortcut: str) -> None:
    """Say on the panic button what a panic does now, and name its key."""
    if mode is PanicMode.ERASE:
        action.setText(QCoreApplication.translate("PanicButton", "Erase now"))
        tip = QCoreApplication.translate("PanicButton", "Panic: erases the vault at once, without asking (%1)")
    else:
        action.setText(QCoreApplication.translate("PanicButton", "Lock now"))
        tip = QCoreApplication.translate("PanicButton", "Panic: locks the vault at once and hides everything (%1)")
    action.setToolTip(tip.replace("%1", shortcut))
