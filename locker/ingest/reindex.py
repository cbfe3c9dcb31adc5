"""Reading metadata again for items already in the vault (`locker reindex`), on the import's parallel queue.

The items are read as an import reads them (locker.ingest.metadata_queue): several small items to a sandbox job,
up to `runner.parallel` jobs at a time, recorded one by one in the order given, so the custody log does not depend
on which job finished first.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

from locker.errors import Interrupted
from locker.ingest.metadata_queue import MetadataQueue
from locker.metadata.model import MetadataRecord
from locker.sandbox.runner import SandboxRunner
from locker.vault.items import ItemId
from locker.vault.vault import Vault

#: Called with each item's id and record as it is recorded, in the order of the items.
RecordedCallback = Callable[[ItemId, MetadataRecord], None]


def reindex(
    vault: Vault,
    item_ids: Sequence[ItemId],
    runner: SandboxRunner,
    recorded: RecordedCallback | None = None,
    cancel: threading.Event | None = None,
) -> list[MetadataRecord]:
    """Read and store the metadata (and thumbnail) of each item, replacing what it had; the records in the order
    of `item_ids`. A file's failure is recorded as unreadable, never raised; a panic, a full disk or cancelling
    stops the run (what was recorded before stays)."""
    queue = MetadataQueue(vault, runner)
    records: list[MetadataRecord] = []

    def keep(done: list[tuple[int, MetadataRecord]]) -> None:
        for position, record in done:
            records.append(record)
            if recorded is not None:
                recorded(item_ids[position], record)

    try:
        for position, item_id in enumerate(item_ids):
            if cancel is not None and cancel.is_set():
                raise Interrupted()
            vault.stop_if_erased()
            keep(queue.submit(item_id, position))
        keep(queue.finish())
    except BaseException:
        queue.stop_running()  # no waiting for jobs whose results are dropped
        raise
    finally:
        queue.close()
    return records
