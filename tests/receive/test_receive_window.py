"""The Receive from phone window: shows PIN and fingerprint, asks before each transfer, stops when closed."""

from __future__ import annotations

import hashlib
import socket
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from locker.panic.channel import PanicMode
from locker.receive.errors import TooManyFilesOffered
from locker.receive.protocol import MAX_FILES
from locker.receive.receiver import ReceiverSettings
from locker.sandbox.confine import landlock_abi
from locker.vault.items import list_items
from locker.vault.vault import Vault
from tests.conftest import PROJECT_ROOT
from tests.receive.helpers import PIN, Reply, item_count, one_file, prepare, request, tls_socket, upload
from tests.ui.running_app import running_app
from ui.error_text import error_text
from ui.receive_window import ReceiveWindow
from ui.session_guard import SessionGuard

SAFE = {"host": "127.0.0.1", "port": 0, "pin": PIN, "discovery": False, "extract_metadata": False}


def window(qtbot: QtBot, vault: Vault, **settings: Any) -> ReceiveWindow:
    shown = ReceiveWindow(vault, ReceiverSettings(**{**SAFE, **settings}))
    qtbot.addWidget(shown)
    shown.show()
    return shown


def prepare_in_background(shown: ReceiveWindow, files: dict[str, Any]) -> tuple[threading.Thread, list[Reply | None]]:
    """The phone's prepare-upload waits for the user's answer, so it runs beside the event loop. A connection
    closed before the answer arrives is recorded as None."""
    receiver = shown.receiver
    assert receiver is not None
    replies: list[Reply | None] = []

    def ask() -> None:
        try:
            replies.append(prepare(receiver, files))
        except OSError:
            replies.append(None)

    thread = threading.Thread(target=ask, daemon=True)
    thread.start()
    return thread, replies


def test_the_window_shows_pin_and_fingerprint_and_stores_what_the_user_accepts(qtbot: QtBot, vault: Vault) -> None:
    shown = window(qtbot, vault)
    assert shown.receiver is not None
    assert shown.pin_label.text() == PIN
    sock = tls_socket(shown.receiver)
    der = sock.getpeercert(binary_form=True) or b""
    sock.close()
    assert shown.fingerprint_label.text().replace(" ", "") == hashlib.sha256(der).hexdigest().upper()

    data = b"footage" * 5000
    thread, replies = prepare_in_background(shown, one_file("VID_0007.mp4", data))
    qtbot.waitUntil(lambda: shown.question_box is not None and shown.question_box.isVisible(), timeout=30_000)
    assert shown.question_box is not None
    assert "“Test phone” (127.0.0.1) wants to send 1 file(s)" in shown.question_box.text()
    assert "VID_0007.mp4" in shown.question_box.informativeText()
    # The test phone names no port for its own server, so it cannot be checked, and the user is told so.
    assert "Not verified: the phone did not say where its own LocalSend server listens." in (
        shown.question_box.informativeText()
    )
    shown.answer(True)
    qtbot.waitUntil(lambda: bool(replies), timeout=30_000)
    thread.join()
    assert replies[0] is not None
    answer = replies[0].json()
    with qtbot.waitSignal(shown.item_received, timeout=30_000) as stored:
        assert upload(shown.receiver, answer["sessionId"], "f1", answer["files"]["f1"], data).status == 200
    with vault.session() as conn:
        (item,) = list_items(conn)
    assert stored.args == [item.id] and item.sha256 == hashlib.sha256(data).hexdigest()
    lines = [shown.log.item(i).text() for i in range(shown.log.count())]
    assert "Receiving files from “Test phone”..." in lines
    assert f"VID_0007.mp4: stored in the vault as {item.id}." in lines


def test_a_declined_transfer_stores_nothing(qtbot: QtBot, vault: Vault) -> None:
    shown = window(qtbot, vault)
    thread, replies = prepare_in_background(shown, one_file("a.jpg", b"x"))
    qtbot.waitUntil(lambda: shown.question_box is not None and shown.question_box.isVisible(), timeout=30_000)
    shown.answer(False)
    thread.join(30)
    assert replies[0] is not None and replies[0].status == 403
    with vault.session() as conn:
        assert list_items(conn) == []


def test_closing_the_window_stops_listening_and_declines_an_open_question(qtbot: QtBot, vault: Vault) -> None:
    shown = window(qtbot, vault)
    receiver = shown.receiver
    assert receiver is not None
    thread, replies = prepare_in_background(shown, one_file("a.jpg", b"x"))
    qtbot.waitUntil(lambda: shown.question_box is not None and shown.question_box.isVisible(), timeout=30_000)
    shown.close()
    thread.join(30)
    assert replies and (replies[0] is None or replies[0].status == 403)  # declined, or cut off by the stop
    assert receiver.stopped
    refused = False
    try:
        request(receiver, "GET", "info")
    except OSError:
        refused = True
    assert refused


def test_locking_the_vault_stops_the_receiver(qtbot: QtBot, closed_vault: Path) -> None:
    def guard(qapp: QApplication) -> SessionGuard:
        return SessionGuard(qapp, PanicMode.LOCK, idle_minutes=5, check_interval_ms=60_000)

    for app in running_app(qtbot, closed_vault, guard):
        assert app.vault is not None and app.window is not None
        shown = ReceiveWindow(app.vault, ReceiverSettings(**SAFE), parent=app.window)
        shown.open()
        receiver = shown.receiver
        assert receiver is not None and not receiver.stopped
        app.lock()
        assert receiver.stopped


def test_the_window_says_when_the_port_is_taken(qtbot: QtBot, vault: Vault) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        shown = window(qtbot, vault, port=port)
    assert shown.receiver is None
    assert f"Cannot receive: port {port} is in use" in shown.state_label.text()
    shown.close()  # closing a window that never listened is fine


def test_the_window_says_when_there_is_no_local_network(
    qtbot: QtBot, vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What the kernel answers on a computer with no network (tests/receive/test_receive_command.py checks that
    # answer for real, in an empty network namespace).
    monkeypatch.setattr("locker.receive.receiver.local_network_address", lambda: None)
    shown = window(qtbot, vault, host=None)
    assert shown.receiver is None
    assert "not connected to a local network" in shown.state_label.text()


def test_the_window_says_when_the_network_process_asked_for_too_much(
    qtbot: QtBot, vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A network child past a bound (here: an offer of 1001 files) stops the receiver; the window says why in the
    app's words for that error (ui/error_text.py), not in the core's English."""
    monkeypatch.setenv("PYTHONPATH", str(Path(__file__).resolve().parents[2]))
    overstepping = [sys.executable, "-m", "tests.receive.overstepping_child", "files-offered"]
    monkeypatch.setattr("locker.receive.link.sandbox_command", lambda _name: overstepping)
    shown = window(qtbot, vault, pin=None)
    assert shown.receiver is not None
    qtbot.waitUntil(lambda: shown.receiver is not None and shown.receiver.stopped, timeout=30_000)
    expected = error_text(TooManyFilesOffered(limit=MAX_FILES)).text
    qtbot.waitUntil(lambda: expected in shown.state_label.text(), timeout=30_000)
    assert shown.log.item(shown.log.count() - 1).text() == expected
    assert item_count(vault) == 0


def test_the_question_shows_the_phones_name_as_text_never_as_markup(qtbot: QtBot, vault: Vault) -> None:
    """A name with markup must not hide who is sending, from where, or how much (review, session 8); a "%2" in
    it is not filled with the next value."""
    shown = window(qtbot, vault)
    receiver = shown.receiver
    assert receiver is not None
    alias = 'Mom<font style="font-size:1px;color:#fff"> %2 %3'
    files = {f"f{i}": one_file(f"IMG_{i}.jpg", b"x" * 10, file_id=f"f{i}")[f"f{i}"] for i in range(40)}
    replies: list[Reply | None] = []

    def ask() -> None:
        try:
            replies.append(prepare(receiver, files, alias=alias))
        except OSError:
            replies.append(None)

    thread = threading.Thread(target=ask, daemon=True)
    thread.start()
    qtbot.waitUntil(lambda: shown.question_box is not None and shown.question_box.isVisible(), timeout=30_000)
    box = shown.question_box
    assert box is not None
    assert box.text().startswith(f"“{alias}” (127.0.0.1) wants to send 40 file(s), "), box.text()
    labels = [label for label in box.findChildren(QLabel) if label.text()]
    assert labels and all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)
    # What the user sees: the markup as characters, the address and the count readable.
    shown_text = " ".join(label.text() for label in labels if label.isVisible())
    assert "<font" in shown_text and "127.0.0.1" in shown_text and "40 file(s)" in shown_text
    shown.answer(False)
    thread.join(30)


def test_the_log_keeps_the_newest_lines_only(qtbot: QtBot, vault: Vault) -> None:
    """A flood of dropped connections (one line each) must not grow the window's log for ever (review, session 8)."""
    from locker.receive.session import EventKind, ReceiveEvent
    from ui.receive_window import MAX_LOG_LINES

    shown = window(qtbot, vault)
    for i in range(MAX_LOG_LINES + 100):
        shown._show_event(ReceiveEvent(EventKind.REFUSED, f"A connection from 192.168.1.{i % 250} was closed: {i}."))
    assert shown.log.count() == MAX_LOG_LINES
    assert shown.log.item(MAX_LOG_LINES - 1).text().endswith(f"{MAX_LOG_LINES + 99}.")


def test_the_window_warns_when_the_network_process_could_not_be_locked_out_of_files(
    qtbot: QtBot, vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a kernel without Landlock the child says so; the user reads what that means before a phone connects."""
    monkeypatch.setenv("PYTHONPATH", str(PROJECT_ROOT))
    monkeypatch.setattr(
        "locker.receive.link.sandbox_command",
        lambda role: [sys.executable, "-m", "tests.receive.fake_child", "not-locked"],
    )
    shown = window(qtbot, vault)
    assert shown.confinement_warning.isVisible()
    assert "could not lock the receiver's network process out of your files" in shown.confinement_warning.text()
    shown.close()


def test_the_window_gives_no_such_warning_when_the_network_process_is_locked_out(qtbot: QtBot, vault: Vault) -> None:
    if not (sys.platform == "linux" and landlock_abi() > 0):
        pytest.skip("this kernel has no Landlock: the warning is right here")
    shown = window(qtbot, vault)
    assert not shown.confinement_warning.isVisible()
    assert shown.confinement_warning.text() == ""
    shown.close()
