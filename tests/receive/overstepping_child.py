"""A stand-in for the network child that plays one scripted conversation with the app and then asks for more than
the real child ever passes on (locker/receive/bounds.py).

Started by the app exactly as the real child is (`... VARIANT`, tests/receive/fake_child.py); it reads the app's
answers as the real child does, so each script reaches the bound through a valid conversation (an accepted offer,
an upload let through).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable

from locker.receive import messages
from locker.receive.frames import MAX_DATA, Kind, Pipe
from locker.receive.peer_check import Unverified, not_verified
from locker.receive.protocol import DeclaredFile, DeviceInfo, UploadRequest
from tests.receive.fake_child import start_as_child

PEER = "127.0.0.1"


class App:
    """The app at the other end of the pipes, as the scripts talk to it."""

    def __init__(self, control: Pipe) -> None:
        self._control = control

    def send(self, kind: Kind, conn_id: int, payload: bytes = b"") -> None:
        self._control.send(kind, conn_id, payload)

    def answer(self, conn_id: int) -> messages.Answer:
        while True:
            frame = self._control.recv()
            if frame is None or frame[0] is Kind.STOP:
                raise SystemExit("the app stopped before answering")
            kind, got, payload = frame
            if kind is Kind.RESPONSE and got == conn_id:
                return messages.read_answer(payload)

    def offer(self, conn_id: int, sizes: list[int]) -> None:
        files = tuple(
            DeclaredFile(f"f{n}", f"file{n}.bin", f"file{n}.bin", size, "application/octet-stream", None, None)
            for n, size in enumerate(sizes, 1)
        )
        sender = DeviceInfo("Scripted phone", None, "mobile", None)
        self.send(Kind.PREPARE, conn_id, messages.write_prepare(PEER, None, messages.Problem.NONE, "",
                                                                UploadRequest(sender, files)))  # fmt: skip

    def accepted_offer(self, conn_id: int, sizes: list[int]) -> tuple[str, dict[str, str]]:
        """Offer files, pass on the sender check when asked; the session id and tokens the app answers."""
        self.offer(conn_id, sizes)
        assert self.answer(conn_id).go
        check = not_verified(Unverified.NO_FINGERPRINT, "none")
        self.send(Kind.CHECKED, conn_id, messages.write_checked(check))
        answer = self.answer(conn_id)
        body = json.loads(answer.body)
        return body["sessionId"], body["files"]

    def upload(self, conn_id: int, session: str, file_id: str, token: str, size: int) -> messages.Answer:
        self.send(Kind.UPLOAD, conn_id, messages.write_upload(messages.Upload(PEER, session, file_id, token, size)))
        return self.answer(conn_id)


def offers_at_once(app: App) -> None:
    app.offer(1, [10])
    assert app.answer(1).go  # the app waits for the sender check now: the offer is open
    app.offer(2, [10])


def files_offered(app: App) -> None:
    app.offer(1, [1] * 1001)


def uploads_at_once(app: App) -> None:
    session, tokens = app.accepted_offer(1, [4 << 20, 4 << 20])
    assert app.upload(2, session, "f1", tokens["f1"], 4 << 20).go
    app.send(Kind.UPLOAD, 3, messages.write_upload(messages.Upload(PEER, session, "f2", tokens["f2"], 4 << 20)))


def bytes_past_announced(app: App) -> None:
    session, tokens = app.accepted_offer(1, [4 << 20])
    assert app.upload(2, session, "f1", tokens["f1"], 4 << 20).expect == 4 << 20
    piece = b"\x00" * MAX_DATA
    for _ in range(256):  # far past the 4 MiB announced, until the app ends this process
        app.send(Kind.DATA, 2, piece)


def bytes_for_a_sender_check(app: App) -> None:
    app.offer(1, [10])
    app.send(Kind.DATA, 1, b"x")


SCRIPTS: dict[str, Callable[[App], None]] = {
    "offers-at-once": offers_at_once,
    "files-offered": files_offered,
    "uploads-at-once": uploads_at_once,
    "bytes-past-announced": bytes_past_announced,
    "bytes-for-a-sender-check": bytes_for_a_sender_check,
}


def main() -> None:
    control, _listener = start_as_child()
    try:
        SCRIPTS[sys.argv[1]](App(control))
        while control.recv() is not None:  # until the app stops this process or closes the pipes
            pass
    except (OSError, ValueError):
        return  # the app ended the conversation (and this process) part-way: what the tests expect


if __name__ == "__main__":
    main()
