"""What becomes of a received file: stored once, and handed to counsel like any imported item."""

from __future__ import annotations

from pathlib import Path

from locker.bundle.export import ExportRequest, export_bundle
from locker.bundle.verify import verify_bundle
from locker.vault.items import list_items
from locker.vault.vault import Vault
from tests.receive.helpers import Recorder, chunk_count, item_count, running_receiver, send_one


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
