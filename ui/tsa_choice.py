"""Which timestamp authorities to ask: a checkbox for each well-known public TSA (its operator shown, so two
independent ones are easy to pick) and a field for other addresses. Used by the settings and the export dialog."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QFileDialog, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from locker.bundle.public_tsas import PUBLIC_TSAS


class TsaChoice(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # url -> its checkbox, in the order of PUBLIC_TSAS.
        self.public: dict[str, QCheckBox] = {}
        for tsa in PUBLIC_TSAS:
            box = QCheckBox(self.tr("%1, run by %2").replace("%1", tsa.name).replace("%2", tsa.operator))
            box.setToolTip(tsa.url)
            box.setAccessibleName(self.tr("Public timestamp authority %1").replace("%1", tsa.name))
            self.public[tsa.url] = box
            layout.addWidget(box)
        layout.addWidget(QLabel(self.tr("Other timestamp authorities (addresses, one per line):")))
        self.other = QPlainTextEdit()
        self.other.setMinimumHeight(48)  # two lines at least: never squeezed to a scroll bar
        self.other.setMaximumHeight(60)
        self.other.setAccessibleName(self.tr("Other timestamp authority addresses, one per line"))
        layout.addWidget(self.other)

    def set_urls(self, urls: Iterable[str]) -> None:
        """Tick the public TSAs among `urls`; the rest go to the other addresses."""
        chosen = list(urls)
        for url, box in self.public.items():
            box.setChecked(url in chosen)
        self.other.setPlainText("\n".join(u for u in chosen if u not in self.public))

    def urls(self) -> tuple[str, ...]:
        """The ticked public TSAs, then the other addresses, each once."""
        ticked = [url for url, box in self.public.items() if box.isChecked()]
        others = [u.strip() for u in self.other.toPlainText().splitlines() if u.strip()]
        return tuple(dict.fromkeys([*ticked, *others]))


def choose_root_file(parent: QWidget) -> Path | None:
    """Ask for a timestamp authority's root certificate (PEM); None when the user cancels."""
    name, _ = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("TsaRootFile", "Timestamp authority root certificate"),
        filter=QCoreApplication.translate("TsaRootFile", "PEM certificates (*.pem *.crt *.cer);;All files (*)"),
        options=QFileDialog.Option.DontUseNativeDialog,
    )
    return Path(name) if name else None
