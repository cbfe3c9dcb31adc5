"""What becomes of a received file: stored once, and handed to counsel like any imported item."""

from __future__ import annotations

import hashlib
from pathlib import Path

from locker.bundle.export import ExportRequest, export_bundle
from locker.bundle.verify import verify_bundle
from locker.errors import DiskFullError
from locker.receive.receiver import Receiver, ReceiverSettings
from locker.sandbox.runner import RandomAccessSource, SandboxOutcome, SandboxRunner
from locker.vault.items import list_items
from locker.vault.vault import Vault
from tests.receive.helpers import (
    PIN,
    Recorder,
    chunk_count,
    item_count,
    one_file,
    prepare,
    running_receiver,
    send_one,
    tls_socket,
)


def test_a_file_already_in_the_vault_is_reported_and_stored_once(vault: Vault) -> None:
    recorder = Recorder()
    data = b"the same photo" * 100_000  # more than one chunk
    with running_receiver(vault, recorder) as receiver:
        assert send_one(receiver, "first.jpg", data).status == 200
        assert send_one(receiver, "again.jpg", data).status == 200  # the phone is told it arrived
    assert item_count(vault) == 1 and chunk_count(vault) == 2
    assert "again.jpg: already in the vault as" in recorder.messages()


def test_a_received_file_goes_to_counsel_like_an_imported_one(vault: Vault, tmp_path: Path) -> None:
    """The bundle's custody check finds the item's `imported` event; the `received` event travels with it."""
    data = b"photo of the fine" * 1000
    with running_receiver(vault, Recorder()) as receiver:
        assert send_one(receiver, "fine.jpg", data).status == 200
    with vault.session() as conn:
        (item,) = list_items(conn)
    export_bundle(vault, tmp_path / "bundle", ExportRequest(item_ids=(item.id,)))
    verification = verify_bundle(tmp_path / "bundle", expected_fingerprint=vault.fingerprint())
    assert verification.first_failure is None, verification.first_failure
    log = (tmp_path / "bundle" / "metadata" / "custody-log.jsonl").read_text(encoding="utf-8")
    assert '"action":"received"' in log and '"sender_alias":"Test phone"' in log


class _FullDiskSandbox(SandboxRunner):
    """A sandbox whose metadata step fails the way a full disk makes it fail (the file itself is already stored)."""

    def __init__(self) -> None:  # starts no child process
        pass

    def run(self, source: RandomAccessSource, media_type: str, thumbnail: bool = True) -> SandboxOutcome:
        raise DiskFullError("The disk is full.")

    def close(self) -> None:
        pass


def test_a_file_whose_metadata_cannot_be_saved_stays_stored_and_the_user_is_told(vault: Vault) -> None:
    recorder = Recorder()
    settings = ReceiverSettings(host="127.0.0.1", port=0, pin=PIN, discovery=False, extract_metadata=True)
    receiver = Receiver(vault, settings, recorder.accept, recorder.report, runner=_FullDiskSandbox())
    receiver.start()
    try:
        assert send_one(receiver, "IMG_1.jpg", b"\xff\xd8\xff" + b"x" * 1000).status == 200
    finally:
        receiver.stop()
    assert item_count(vault) == 1
    assert "IMG_1.jpg: stored, but its metadata was not read" in recorder.messages()


def test_a_body_sent_with_its_head_in_one_write_is_stored_bit_exact_in_whole_chunks(vault: Vault) -> None:
    """The upload body is read in chunk-sized pieces straight from TLS; the part that arrived together with the
    request head (held by the HTTP parser) must be the start of the file, not lost or repeated."""
    data = bytes(range(256)) * (10 * 1024 + 7)  # 2.5 MiB and a bit: two whole chunks and a short one
    with running_receiver(vault, Recorder()) as receiver:
        answer = prepare(receiver, one_file("v.mp4", data)).json()
        target = f"/api/localsend/v2/upload?sessionId={answer['sessionId']}&fileId=f1&token={answer['files']['f1']}"
        sock = tls_socket(receiver)
        head = f"POST {target} HTTP/1.1\r\nHost: x\r\nContent-Length: {len(data)}\r\n\r\n".encode()
        sock.sendall(head + data)
        reply = sock.recv(4096)
        sock.close()
        assert reply.startswith(b"HTTP/1.1 200"), reply
    with vault.session() as conn:
        (item,) = list_items(conn)
        sizes = [row[0] for row in conn.execute("SELECT length(data) FROM chunks ORDER BY seq")]
    assert item.sha256 == hashlib.sha256(data).hexdigest() and item.size == len(data)
    assert sizes == [1 << 20, 1 << 20, len(data) - (2 << 20)]
