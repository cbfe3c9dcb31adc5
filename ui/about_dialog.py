"""About Evidence Locker: the version, the components a court expert may ask about, and which layers of the parser
sandbox are in force on this machine (checked by starting a real sandbox job, on the worker)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from locker import __version__
from locker.sandbox.confine import Layer
from locker.sandbox.probe import check_layers
from locker.sandbox.runner import SandboxRunner
from locker.versions import component_versions
from ui.error_text import error_text
from ui.worker import TaskRunner


def _check() -> list[Layer]:
    with SandboxRunner() as runner:
        layers, _checks = check_layers(runner)
    return layers


class AboutDialog(QDialog):
    #: The sandbox check finished and the layers are shown.
    layers_shown = Signal()

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Evidence Locker"))
        self.resize(640, 420)
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Evidence Locker %1").replace("%1", __version__))
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        layout.addWidget(title)
        versions = "\n".join(f"{name}: {value}" for name, value in component_versions().items())
        components = QLabel(versions)
        components.setWordWrap(True)
        layout.addWidget(components)
        heading = QLabel(self.tr("Protection of the app from hostile files (the parser sandbox):"))
        heading.setWordWrap(True)
        layout.addWidget(heading)
        self.layers_label = QLabel(self.tr("Checking..."))
        self.layers_label.setWordWrap(True)
        self.layers_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.layers_label.setAccessibleName(self.tr("Sandbox layers"))
        layout.addWidget(self.layers_label, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        runner.run(_check, self._show_layers, self._show_failure)

    def layer_title(self, name: str) -> str:
        titles = {
            "process": self.tr("Clean process (no environment, no open files, own process group)"),
            "namespaces": self.tr("Namespaces (no network, no folders, no other processes)"),
            "landlock": self.tr("Landlock (no file or network access)"),
            "seccomp": self.tr("System call filter (seccomp)"),
        }
        return titles.get(name, name)

    def _show_layers(self, layers: list[Layer]) -> None:
        lines, details = [], []
        for layer in layers:
            state = self.tr("on") if layer.active else self.tr("OFF")
            lines.append(f"{state} — {self.layer_title(layer.name)}")
            details.append(f"{layer.name}: {layer.detail}")  # the kernel's terms, in English: for an expert
        self.layers_label.setText("\n".join(lines))
        self.layers_label.setToolTip("\n".join(details))
        self.layers_shown.emit()

    def _show_failure(self, exc: BaseException) -> None:
        shown = error_text(exc)
        self.layers_label.setText(self.tr("The sandbox could not be checked: %1").replace("%1", shown.text))
        self.layers_label.setToolTip(shown.details)
        self.layers_shown.emit()
