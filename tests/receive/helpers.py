"""A receiver on 127.0.0.1 in this process, and a hand-made HTTPS client for the requests no real sender makes."""

from __future__ import annotations

import http.client
import json
import socket
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol

from locker.receive.receiver import IncomingSession, ReceiveEvent, Receiver, ReceiverSettings
from locker.vault.vault import Vault

PIN = "424242"
API = "/api/localsend/v2/"


class Listening(Protocol):
    """Anything with the port a receiver listens on: a Receiver here, or a `locker receive` process."""

    port: int


def client_context() -> ssl.SSLContext:
    """What LocalSend senders do: accept the receiver's self-signed certificate (they pin its fingerprint)."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


@dataclass
class Recorder:
    """The user's side: answers the consent question and keeps everything the receiver reported."""

    answer: bool = True
    asked: list[IncomingSession] = field(default_factory=list)
    events: list[ReceiveEvent] = field(default_factory=list)

    def accept(self, incoming: IncomingSession) -> bool:
        self.asked.append(incoming)
        return self.answer

    def report(self, event: ReceiveEvent) -> None:
        self.events.append(event)

    def messages(self) -> str:
        return "\n".join(event.message for event in self.events)


@contextmanager
def running_receiver(vault: Vault, recorder: Recorder, **settings: Any) -> Iterator[Receiver]:
    # No multicast: these tests run on the host's network, where nothing may be announced.
    defaults: dict[str, Any] = {
        "host": "127.0.0.1", "port": 0, "pin": PIN, "extract_metadata": False, "discovery": False
    }  # fmt: skip
    receiver = Receiver(vault, ReceiverSettings(**{**defaults, **settings}), recorder.accept, recorder.report)
    receiver.start()
    try:
        yield receiver
    finally:
        receiver.stop()


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


def request(
    receiver: Listening,
    method: str,
    route: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> Reply:
    conn = http.client.HTTPSConnection("127.0.0.1", receiver.port, timeout=30, context=client_context())
    try:
        conn.request(method, API + route, body=body, headers=headers or {})
        response = conn.getresponse()
        return Reply(response.status, response.read())
    finally:
        conn.close()


def declaration(
    files: dict[str, dict[str, Any]], alias: str = "Test phone", sender: dict[str, Any] | None = None
) -> bytes:
    """A prepare-upload body; `sender` adds to (or replaces) what the phone says about itself."""
    info = {"alias": alias, "version": "2.0", "deviceModel": "Pixel", "deviceType": "mobile", "fingerprint": "fp"}
    return json.dumps({"info": {**info, **(sender or {})}, "files": files}).encode()


def one_file(name: str, data: bytes, file_id: str = "f1", **extra: Any) -> dict[str, dict[str, Any]]:
    return {
        file_id: {"id": file_id, "fileName": name, "size": len(data), "fileType": "application/octet-stream", **extra}
    }


def prepare(
    receiver: Listening,
    files: dict[str, dict[str, Any]],
    pin: str | None = PIN,
    alias: str = "Test phone",
    sender: dict[str, Any] | None = None,
) -> Reply:
    route = "prepare-upload" + (f"?pin={pin}" if pin is not None else "")
    return request(receiver, "POST", route, declaration(files, alias, sender))


def upload(receiver: Listening, session_id: str, file_id: str, token: str, data: bytes) -> Reply:
    route = f"upload?sessionId={session_id}&fileId={file_id}&token={token}"
    return request(receiver, "POST", route, data, {"Content-Type": "application/octet-stream"})


def send_one(receiver: Listening, name: str, data: bytes, sender: dict[str, Any] | None = None) -> Reply:
    """prepare-upload then upload, as a well-behaved sender does; returns the upload's reply."""
    prepared = prepare(receiver, one_file(name, data), sender=sender)
    assert prepared.status == 200, prepared
    answer = prepared.json()
    return upload(receiver, answer["sessionId"], "f1", answer["files"]["f1"], data)


def tls_socket(receiver: Listening) -> ssl.SSLSocket:
    raw = socket.create_connection(("127.0.0.1", receiver.port), timeout=30)
    return client_context().wrap_socket(raw)


def closed_by_peer(sock: ssl.SSLSocket, wait_seconds: float = 30) -> bool:
    """True once the other side has closed the connection (read returns nothing or the connection resets)."""
    sock.settimeout(wait_seconds)
    try:
        while True:
            data = sock.recv(4096)
            if not data:
                return True
    except (ConnectionError, ssl.SSLError):
        return True
    except TimeoutError:
        return False


def item_count(vault: Vault) -> int:
    with vault.session() as conn:
        return int(conn.execute("SELECT count(*) FROM items").fetchone()[0])


def chunk_count(vault: Vault) -> int:
    with vault.session() as conn:
        return int(conn.execute("SELECT count(*) FROM chunks").fetchone()[0])


def wait_until(condition: Any, seconds: float = 30) -> bool:
    """Poll `condition()` until true (no assertion on how long it took: the bound only keeps a hang finite)."""
    done = threading.Event()
    for _ in range(int(seconds * 20)):
        if condition():
            return True
        done.wait(0.05)
    return bool(condition())
