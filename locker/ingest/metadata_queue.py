"""Metadata of freshly stored items, read in the sandbox several files at a time, recorded in the order of the files.

Stored items are grouped into batches (up to BATCH_FILES files and BATCH_BYTES bytes, in file order); each batch is
one sandbox job that reads the files one after the other (SandboxRunner.run_batch: one fork and confinement for
several photos). Batches run on `runner.parallel` threads while the import goes on storing the next files; what
they found is written by the importing thread only, oldest file first. So the custody log does not depend on which
job finishes first, nor on the machine: it depends only on the files, their sizes and the constants below.
"""

from __future__ import annotations

import threading
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass

from locker.errors import Interrupted
from locker.metadata.model import MetadataRecord
from locker.metadata.store import record_metadata
from locker.sandbox.runner import SandboxOutcome, SandboxRunner
from locker.vault.chunks import ItemReader
from locker.vault.items import Item, ItemId, get_item
from locker.vault.vault import Vault

#: Batches started and not yet recorded. A constant, never the number of cores: the order of the custody log must
#: be the same on every machine. Three keeps two batches running while the files of the next one are stored.
WINDOW = 3
#: Files per batch, and their bytes together: a batch is cut when either would be exceeded (a file at least
#: BATCH_BYTES large is a batch of its own). Eight photos share one fork; a video gets a child to itself.
BATCH_FILES = 8
BATCH_BYTES = 32 * 1024 * 1024
#: Before storing a file this large, wait for the running jobs: they read their items through the vault, which
#: the store holds for its whole transaction, and their time limit keeps running meanwhile.
LARGE_FILE = 64 * 1024 * 1024


@dataclass(frozen=True)
class _Batch:
    positions: list[int]  # of the files' outcomes in the caller's list
    items: list[Item]
    future: Future[list[SandboxOutcome]]


Recorded = list[tuple[int, MetadataRecord]]  # (position given to submit, what was recorded), oldest first


class MetadataQueue:
    """Submit each stored item; call `finish` at the end and `close` always (it waits for running jobs)."""

    def __init__(self, vault: Vault, runner: SandboxRunner) -> None:
        self._vault = vault
        self._runner = runner
        self._pool = ThreadPoolExecutor(max_workers=runner.parallel, thread_name_prefix="sandbox-job")
        self._pending: list[tuple[int, Item]] = []  # stored, waiting for their batch to fill
        self._batches: deque[_Batch] = deque()
        self._stopping = threading.Event()
        runner.prepare()  # the fork server starts while the first files are stored

    def submit(self, item_id: ItemId, position: int) -> Recorded:
        """Add the item to the batch being filled, start the batch when it is full, and record the oldest batches
        while WINDOW of them are waiting to be recorded."""
        with self._vault.session() as conn:
            item = get_item(conn, item_id)
        if self._pending and self._pending_bytes() + item.size > BATCH_BYTES:
            self._start_batch()
        self._pending.append((position, item))
        if len(self._pending) >= BATCH_FILES or self._pending_bytes() >= BATCH_BYTES:
            self._start_batch()
        recorded: Recorded = []
        while len(self._batches) >= WINDOW:
            recorded.extend(self._record_oldest())
        return recorded

    def settle(self) -> None:
        """Wait until no job is running (recording nothing, starting nothing): see LARGE_FILE."""
        wait([batch.future for batch in self._batches])

    def finish(self) -> Recorded:
        """Record every file still waiting, in file order."""
        if self._pending:
            self._start_batch()
        recorded: Recorded = []
        while self._batches:
            recorded.extend(self._record_oldest())
        return recorded

    def abandon(self) -> list[int]:
        """The positions of the files whose metadata is not recorded (the import stops); their jobs are forgotten."""
        positions = [position for batch in self._batches for position in batch.positions]
        positions += [position for position, _ in self._pending]
        self._batches.clear()
        self._pending.clear()
        return positions

    def stop_running(self) -> None:
        """The import stops: running jobs get no more bytes (their next read fails, which ends them)."""
        self._stopping.set()

    def close(self) -> None:
        """Cancel jobs not started and wait for the running ones."""
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _pending_bytes(self) -> int:
        return sum(item.size for _, item in self._pending)

    def _start_batch(self) -> None:
        positions = [position for position, _ in self._pending]
        items = [item for _, item in self._pending]
        files = [(_Stoppable(ItemReader(self._vault.session, i), self._stopping), i.media_type) for i in items]
        future = self._pool.submit(self._runner.run_batch, files, True)
        self._batches.append(_Batch(positions, items, future))
        self._pending = []

    def _record_oldest(self) -> Recorded:
        """Record the oldest batch, in the order of its files, in one transaction (one commit, not one per file:
        a commit waits for the disk, and small files are many). A failure records none of the batch."""
        batch = self._batches[0]
        found = batch.future.result()  # the runner never raises for anything a file does
        with self._vault.transaction() as conn:
            for item, outcome in zip(batch.items, found, strict=True):
                record_metadata(conn, item, outcome.record, outcome.raw, outcome.thumbnail)
        self._batches.popleft()
        return [(position, outcome.record) for position, outcome in zip(batch.positions, found, strict=True)]


class _Stoppable:
    """An item's bytes for a job, until the import stops."""

    def __init__(self, reader: ItemReader, stopping: threading.Event) -> None:
        self._reader = reader
        self._stopping = stopping
        self.size = reader.size

    def read_at(self, offset: int, length: int) -> bytes:
        if self._stopping.is_set():
            raise Interrupted()
        return self._reader.read_at(offset, length)
