"""Receive from phone: while this window is open, the vault takes files from LocalSend on a phone.

It shows what the phone's user must see (this computer's name, the PIN, the certificate fingerprint), asks before
each transfer (who, how many files, how big), and lists what happened. Closing it, or locking the vault, stops the
receiver: nothing listens while the window is closed. The receiver's callbacks arrive on its connection threads;
a relay object brings them to the GUI thread.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from locker.receive.peer_check import PeerCheck, Unverified
from locker.receive.receiver import (
    EventKind,
    IncomingSession,
    NoLocalNetworkError,
    PortInUseError,
    ReceiveEvent,
    Receiver,
    ReceiverSettings,
)
from locker.sandbox.runner import SandboxRunner
from locker.textsafe import printable
from locker.vault.vault import Vault
from ui.error_text import error_text
from ui.units import size_text

#: How long a phone's request waits for the user's answer before it is declined.
_ANSWER_SECONDS = 120.0
_SHOWN_NAMES = 8


@dataclass
class _Question:
    incoming: IncomingSession
    answered: threading.Event = field(default_factory=threading.Event)
    accepted: bool = False


#: Lines the window's log keeps (the oldest go first): enough for a day's transfers.
MAX_LOG_LINES = 500


class _Relay(QObject):
    """Signals emitted on the receiver's threads, delivered (queued) on the GUI thread."""

    reported = Signal(object)
    progress = Signal(str, int, int)
    question = Signal(object)


class ReceiveWindow(QDialog):
    """Runs a receiver for as long as it is open. `item_received(id)` fires for each file stored."""

    item_received = Signal(str)

    def __init__(self, vault: Vault, settings: ReceiverSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Receive from phone"))
        self._relay = _Relay(self)
        self._relay.reported.connect(self._show_event)
        self._relay.progress.connect(self._show_progress)
        self._relay.question.connect(self._ask)
        self._questions: list[_Question] = []
        self.question_box: QMessageBox | None = None
        self.receiver: Receiver | None = None
        self._sandbox: SandboxRunner | None = None

        self.alias_label = QLabel()
        self.pin_label = QLabel()
        pin_font = QFont(self.pin_label.font())
        pin_font.setPointSizeF(pin_font.pointSizeF() * 2)
        pin_font.setBold(True)
        self.pin_label.setFont(pin_font)
        self.fingerprint_label = QLabel()
        self.fingerprint_label.setWordWrap(True)
        self.fingerprint_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        #: Shown only where the network process could not be locked out of the user's files (no Landlock).
        self.confinement_warning = QLabel()
        self.confinement_warning.setWordWrap(True)
        self.confinement_warning.setStyleSheet("color: #a04000; font-weight: bold")
        self.confinement_warning.setVisible(False)
        self.progress_bar = QProgressBar()
        self.progress_bar.setVisible(False)
        self.log = QListWidget()
        self.log.setAccessibleName(self.tr("What the receiver did"))
        form = QFormLayout()
        form.addRow(self.tr("This computer appears as:"), self.alias_label)
        form.addRow(self.tr("PIN:"), self.pin_label)
        form.addRow(self.tr("Certificate fingerprint:"), self.fingerprint_label)
        help_text = QLabel(
            self.tr(
                "On the phone, open LocalSend, tap Send, choose the files, then tap this computer and type the PIN. "
                "The files go straight into the vault; the originals stay on the phone: delete them there."
            )
        )
        help_text.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(help_text)
        layout.addWidget(self.state_label)
        layout.addWidget(self.confinement_warning)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.log, 1)
        layout.addWidget(buttons)
        self.resize(560, 480)
        self._start(vault, settings or ReceiverSettings())

    def _start(self, vault: Vault, settings: ReceiverSettings) -> None:
        try:
            self._sandbox = SandboxRunner() if settings.extract_metadata else None
            self.receiver = Receiver(
                vault, settings, self._accept_on_receiver_thread, self._relay.reported.emit, self._sandbox,
                progress=self._relay.progress.emit,
            )  # fmt: skip
        except PortInUseError:
            self._close_sandbox()
            self.state_label.setText(
                self.tr("Cannot receive: port %1 is in use. Close LocalSend on this computer and try again.")
                .replace("%1", str(settings.port))
            )  # fmt: skip
            return
        except NoLocalNetworkError:
            self._close_sandbox()
            self.state_label.setText(
                self.tr("Cannot receive: this computer is not connected to a local network. Connect the phone and "
                        "the computer to the same Wi-Fi, then open this window again.")
            )  # fmt: skip
            return
        except OSError as exc:  # the address went away, or the system refused
            self._close_sandbox()
            self.state_label.setText(self.tr("Cannot receive: %1").replace("%1", exc.strerror or str(exc)))
            return
        self.receiver.start()
        self.alias_label.setText(printable(settings.alias))
        self.pin_label.setText(settings.pin or self.tr("none: anyone on this network can offer files"))
        fingerprint = self.receiver.fingerprint
        self.fingerprint_label.setText(" ".join(fingerprint[i : i + 4] for i in range(0, len(fingerprint), 4)))
        self.state_label.setText(self.tr("Waiting for a phone on port %1...").replace("%1", str(self.receiver.port)))
        if not self.receiver.network_process_locked_out_of_files:
            self.confinement_warning.setVisible(True)
            self.confinement_warning.setText(
                self.tr("Warning: this system could not lock the receiver's network process out of your files "
                        "(it needs Linux 5.13 or later with Landlock). That process never has the vault or its key, "
                        "but a phone that took it over could read your other files. Receive only from your own "
                        "phone on a network you trust.")
            )  # fmt: skip

    # -- the receiver's threads ----------------------------------------------------------------------------------

    def _accept_on_receiver_thread(self, incoming: IncomingSession) -> bool:
        question = _Question(incoming)
        self._relay.question.emit(question)
        question.answered.wait(_ANSWER_SECONDS)
        question.answered.set()  # unanswered in time: declined, and a late click changes nothing
        return question.accepted

    # -- the GUI thread ------------------------------------------------------------------------------------------

    def _ask(self, question: _Question) -> None:
        if question.answered.is_set():
            return
        self._questions.append(question)
        incoming = question.incoming
        names = [f"{printable(f.name)} ({size_text(f.size)})" for f in incoming.files[:_SHOWN_NAMES]]
        if len(incoming.files) > _SHOWN_NAMES:
            names.append(self.tr("... and %1 more").replace("%1", str(len(incoming.files) - _SHOWN_NAMES)))
        text = _numbered(
            self.tr("“%1” (%2) wants to send %3 file(s), %4 in all. Accept them into the vault?"),
            incoming.sender.alias, incoming.peer, str(len(incoming.files)), size_text(incoming.total_size),
        )  # fmt: skip
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Files from a phone"), text, parent=self)
        box.setInformativeText("\n".join([self._check_sentence(incoming.sender_check), "", *names]))
        # The phone chose its name and the files' names: shown as text, never as markup that could hide who is
        # sending or how much (an alias such as `Mom<font style="font-size:1px">`).
        box.setTextFormat(Qt.TextFormat.PlainText)
        for label in box.findChildren(QLabel):
            label.setTextFormat(Qt.TextFormat.PlainText)
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.finished.connect(lambda result: self._answered(question, result == QMessageBox.StandardButton.Yes))
        self.question_box = box
        box.open()

    def _check_sentence(self, check: PeerCheck) -> str:
        """Whether the phone is the device whose fingerprint it declared, in the app's language."""
        if check.verified:
            return self.tr("Verified: the phone's own LocalSend server presents the certificate it declared.")
        why = {
            Unverified.NO_FINGERPRINT: self.tr("the phone declared no certificate fingerprint"),
            Unverified.PLAIN_HTTP: self.tr("the phone uses plain HTTP, which has no certificate"),
            Unverified.NO_PORT: self.tr("the phone did not say where its own LocalSend server listens"),
            Unverified.NO_SERVER: self.tr("no LocalSend server answered on the phone"),
            Unverified.MISMATCH: self.tr("the certificate the phone serves does not match the one it declared"),
        }
        reason = why.get(check.why_not, check.verdict) if check.why_not is not None else check.verdict
        return self.tr("Not verified: %1.").replace("%1", reason)

    def answer(self, accepted: bool) -> None:
        """Answer the open question (what the Yes/No buttons do)."""
        if self.question_box is not None:
            button = QMessageBox.StandardButton.Yes if accepted else QMessageBox.StandardButton.No
            self.question_box.done(button)

    def _answered(self, question: _Question, accepted: bool) -> None:
        if not question.answered.is_set():
            question.accepted = accepted
            question.answered.set()
        if self.question_box is not None and self.question_box.isVisible() is False:
            self.question_box = None

    def _show_progress(self, name: str, done: int, size: int) -> None:
        self.progress_bar.setVisible(done < size)
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setValue(int(done * 1000 / size) if size else 1000)
        self.progress_bar.setFormat(f"{printable(name)}  {size_text(done)} / {size_text(size)}")

    def _show_event(self, event: ReceiveEvent) -> None:
        if event.kind is EventKind.SEEN:
            return  # phones nearby announce themselves every half minute: not news
        self.log.addItem(self._sentence(event))
        while self.log.count() > MAX_LOG_LINES:  # a flood of dropped connections must not grow it for ever
            self.log.takeItem(0)
        self.log.scrollToBottom()
        if event.kind is EventKind.STORED and event.item_id:
            self.item_received.emit(event.item_id)
        if event.kind in (EventKind.FAILED, EventKind.CANCELLED):
            self.progress_bar.setVisible(False)
        if event.kind is EventKind.STOPPED:
            why = error_text(event.error).text if event.error is not None else event.message
            self.state_label.setText(self.tr("Not receiving: %1").replace("%1", why))
            self.pin_label.setText("—")

    def _sentence(self, event: ReceiveEvent) -> str:
        """The event in the app's language where the window knows the sentence; the core's words otherwise."""
        subject = printable(event.subject)
        if event.error is not None:
            return error_text(event.error).text
        if event.kind is EventKind.STORED:
            return self.tr("%1: stored in the vault as %2.").replace("%1", subject).replace("%2", event.item_id or "")
        if event.kind is EventKind.DUPLICATE:
            return self.tr("%1: already in the vault as %2.").replace("%1", subject).replace("%2", event.item_id or "")
        if event.kind is EventKind.SESSION_ACCEPTED:
            return self.tr("Receiving files from “%1”...").replace("%1", subject)
        if event.kind is EventKind.SESSION_DECLINED:
            return self.tr("You declined the files from “%1”.").replace("%1", subject)
        return event.message

    # -- closing -------------------------------------------------------------------------------------------------

    def done(self, result: int) -> None:
        """Closing the window stops the receiver (a file in transfer is not stored) and declines open questions."""
        self.stop()
        super().done(result)

    def stop(self) -> None:
        for question in self._questions:
            question.answered.set()
        if self.receiver is not None:
            self.receiver.stop(self.tr("The window was closed."))
        self._close_sandbox()

    def _close_sandbox(self) -> None:
        if self._sandbox is not None:
            self._sandbox.close()
            self._sandbox = None


def _numbered(template: str, *values: str) -> str:
    """`template` with %1, %2... replaced in one pass: a value the phone chose (its name) may itself hold "%2",
    which a chain of replace() calls would then fill with the next value."""
    return re.sub(r"%([1-9])", lambda m: values[int(m.group(1)) - 1] if int(m.group(1)) <= len(values) else m.group(0),
                  template)  # fmt: skip
