"""`locker reindex` reads items on the import's parallel queue: a few items to a job, recorded in the given order."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from PIL import Image

from locker.ingest.importer import ImportOptions, import_files
from locker.ingest.reindex import reindex
from locker.metadata.store import items_without_metadata
from locker.vault.custody import events
from locker.vault.items import ItemId
from locker.vault.vault import Vault
from tests.ingest.counting import CountingRunner

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="batches need the fork server (Linux)")


def test_reindex_reads_several_items_to_a_job_and_records_them_in_order(vault: Vault, tmp_path: Path) -> None:
    paths = []
    for index in range(10):
        out = io.BytesIO()
        Image.new("RGB", (30 + index, 20), (index * 20, 0, 0)).save(out, "PNG")
        path = tmp_path / f"scan-{index}.png"
        path.write_bytes(out.getvalue())
        paths.append(path)
    imported = import_files(vault, paths, ImportOptions(extract_metadata=False))
    ids = [ItemId(outcome.item_id) for outcome in imported if outcome.item_id]
    assert items_without_metadata(vault) == ids
    seen: list[ItemId] = []
    with CountingRunner(parallel=2) as runner:
        records = reindex(vault, ids, runner, lambda item_id, _record: seen.append(item_id))
    assert runner.jobs == 2, "eight items in one job, two in the next"
    assert seen == ids
    assert [record.summary.width for record in records] == [30 + index for index in range(10)]
    assert items_without_metadata(vault) == []
    with vault.session() as conn:
        extracted = [event.item for event in events(conn) if event.action == "metadata-extracted"]
    assert extracted == ids
