"""The import panel: progress in bytes and files, per-file results, and a Cancel button.

The import runs on the worker helper; progress reports cross to the GUI thread through a signal, and Cancel sets
the core's cancel event, which rolls back the file in progress.

Each import gets a sandbox (fork server) started before it: the app starts the first when the vault opens
(ui.app.LockerApp.show_vault) and the next as each import ends, so its start (importing every parser, 0.7-0.8 s of
CPU here) happens while the user chooses files, not beside the import on a 2-core machine
(benchmarks/import_throughput.py measures both). It is a program of its own (not a copy of the app's memory) and
holds about 100 MiB of memory while it waits; the last one ends when the window closes (after the import in
progress, if any, has been cancelled and has stopped).
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from locker.errors import Interrupted
from locker.ingest.importer import ImportOptions, ImportOutcome, ImportProgress, ImportStatus, import_files
from locker.metadata.model import MetadataStatus
from locker.sandbox.runner import SandboxRunner
from locker.vault.vault import Vault
from ui.error_text import error_text
from ui.units import size_text
from ui.worker import TaskRunner


class _ProgressRelay(QObject):
    progressed = Signal(object)


class ImportPanel(QWidget):
    #: The outcomes of a finished import (also after a cancel: the files imported before it).
    finished = Signal(list)
    #: The import stopped with an error or was cancelled; the argument is the message shown.
    stopped = Signal(str)
    #: An ImportProgress, on the GUI thread, after the panel showed it.
    progressed = Signal(object)

    def __init__(self, vault: Vault, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vault = vault
        self._runner = runner
        self.sandbox = SandboxRunner()  # started by the app when the vault opens, or by the first import
        self._closing = threading.Event()  # set when the window closes; read on the worker too
        self._cancel = threading.Event()
        self._relay = _ProgressRelay()
        self._relay.progressed.connect(self._show_progress)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.strip = QCheckBox(self.tr("Strip identifying metadata on import (keep a clean copy, not the original)"))
        self.strip.setToolTip(
            self.tr(
                "For files whose GPS position or device details you must not keep, e.g. a fine photographed at "
                "home. The original's hashes and the names of the removed fields are recorded."
            )
        )
        self.strip.setAccessibleName(self.tr("Strip identifying metadata on import"))
        layout.addWidget(self.strip)
        self.activity = QWidget()
        activity = QVBoxLayout(self.activity)
        activity.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Import progress"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        activity.addLayout(row)
        self.current = QLabel()
        activity.addWidget(self.current)
        self.results = QListWidget()
        self.results.setAccessibleName(self.tr("Import results"))
        self.results.setMaximumHeight(110)
        activity.addWidget(self.results)
        layout.addWidget(self.activity)
        self.running = False
        self.activity.setVisible(False)

    def start(self, paths: list[Path]) -> None:
        self._cancel.clear()
        self.running = True
        self.results.clear()
        self.progress.setValue(0)
        self.current.setText(self.tr("Preparing..."))
        self.cancel_button.setEnabled(True)
        self.activity.setVisible(True)
        relay, cancel, vault, sandbox, closing = self._relay, self._cancel, self._vault, self.sandbox, self._closing
        options = ImportOptions(strip=self.strip.isChecked())

        def work() -> list[ImportOutcome]:
            try:
                return import_files(vault, paths, options, relay.progressed.emit, cancel, sandbox)
            finally:
                # One fork server per import, as when each import started its own: a file that took over its
                # parser and then the fork server reaches no later import's files. The next one starts now, and
                # loads its parsers while the user chooses files; none once the window has closed (it may be
                # gone before it hears of this end).
                sandbox.close()
                if not closing.is_set():
                    sandbox.prepare()

        self._runner.run(work, self._done, self._failed)

    def close_sandbox(self) -> None:
        """End the sandbox (the window closes): now, or once the import in progress has stopped (it is cancelled:
        a sandbox ended under it would fail its files' metadata, and its next job would start another)."""
        self._closing.set()
        if self.running:
            self.cancel()
        else:
            self.sandbox.close()

    def _ended(self) -> None:
        if self._closing.is_set():
            self.sandbox.close()  # the window closed while the import's end started the next one
        self.running = False
        self.cancel_button.setEnabled(False)

    def cancel(self) -> None:
        self._cancel.set()
        self.cancel_button.setEnabled(False)
        self.current.setText(self.tr("Stopping after the current file is rolled back..."))

    def _show_progress(self, p: ImportProgress) -> None:
        percent = int(100 * p.bytes_done / p.bytes_total) if p.bytes_total else 100
        self.progress.setValue(percent)
        text = self.tr("%1 of %2 · file %3 of %4: %5")
        for key, value in (
            ("%1", size_text(p.bytes_done)), ("%2", size_text(p.bytes_total)),
            ("%3", str(min(p.files_done + 1, p.files_total))), ("%4", str(p.files_total)), ("%5", p.current_name),
        ):  # fmt: skip
            text = text.replace(key, value)
        self.current.setText(text)
        self.progressed.emit(p)

    def _done(self, outcomes: list[ImportOutcome]) -> None:
        self._ended()
        self.progress.setValue(100)
        self._list(outcomes)
        self.current.setText(self._summary(outcomes))
        self.finished.emit(outcomes)

    def _list(self, outcomes: list[ImportOutcome]) -> None:
        """One line per path given or found, with the reason for anything refused or left in place."""
        labels = {
            ImportStatus.IMPORTED: self.tr("imported"),
            ImportStatus.DUPLICATE: self.tr("already in the vault"),
            ImportStatus.FAILED: self.tr("failed"),
        }
        for outcome in outcomes:
            line = f"{labels[outcome.status]}: {outcome.name}"
            technical = []
            if outcome.error is not None:  # a situation, in the app's language; the OS's words behind the tooltip
                shown = error_text(outcome.error)
                line += f" ({shown.text})"
                technical.append(shown.details)
            elif outcome.message and outcome.status is not ImportStatus.DUPLICATE:  # a duplicate's label says it all
                line += f" ({outcome.message})"
            if outcome.source_removed:
                line += " — " + self.tr("source removed")
            if outcome.metadata is not None and outcome.metadata.status is MetadataStatus.UNREADABLE:
                # The parser's complaint is English and technical ("PdfError in _methods.py: ..."): a tooltip.
                line += " — " + self.tr("its metadata could not be read")
                technical.append(outcome.metadata.reason)
            row = QListWidgetItem(line)
            row.setToolTip("\n".join(t for t in technical if t))
            self.results.addItem(row)

    def _summary(self, outcomes: list[ImportOutcome]) -> str:
        counts = [sum(o.status is status for o in outcomes) for status in ImportStatus]
        text = self.tr("%1 imported, %2 already in the vault, %3 failed.")
        for key, value in zip(("%1", "%2", "%3"), counts, strict=True):
            text = text.replace(key, str(value))
        return text

    def _failed(self, exc: BaseException) -> None:
        self._ended()
        finished = [o for o in getattr(exc, "finished", None) or [] if isinstance(o, ImportOutcome)]
        self._list(finished)  # what was stored, and which sources were removed, before it stopped
        if isinstance(exc, Interrupted):
            message = self.tr("Import cancelled: the file in progress was not stored; the files before it were.")
        else:
            message = error_text(exc).text
        self.current.setText(message)
        self.current.setToolTip(error_text(exc).details)
        self.stopped.emit(message)
