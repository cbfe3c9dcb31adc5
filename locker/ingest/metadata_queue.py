"""Metadata of freshly stored items, read in the sandbox several files at a time, recorded in the order of the files.

The sandbox jobs (metadata and thumbnail, one job per file) run on `runner.parallel` threads while the import
goes on storing the next files; what they found is written by the importing thread only, oldest file first. So the
custody log does not depend on which job finishes first: file i's "metadata extracted" event always follows file
(i + WINDOW - 1)'s "imported" event (counting only files that were stored), or ends the import.
"""

from __future__ import annotations

import threading
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass

from locker.errors import Interrupted
from locker.metadata.model import MetadataRecord
from locker.metadata.store import store_metadata
from locker.sandbox.runner import SandboxOutcome, SandboxRunner
from locker.vault.chunks import ItemReader
from locker.vault.items import Item, ItemId, get_item
from locker.vault.vault import Vault

#: Jobs started and not yet recorded. A constant, never the number of cores: the order of the custody log must be
#: the same on every machine. Three keeps two jobs running while the next file is being stored.
WINDOW = 3
#: Before storing a file this large, wait for the running jobs: they read their items through the vault, which
#: the store holds for its whole transaction, and their time limit keeps running meanwhile.
LARGE_FILE = 64 * 1024 * 1024


@dataclass(frozen=True)
class _Job:
    position: int  # of the file's outcome in the importer's list
    item: Item
    future: Future[SandboxOutcome]


Recorded = list[tuple[int, MetadataRecord]]  # (position given to submit, what was recorded), oldest first


class MetadataQueue:
    """Submit each stored item; call `finish` at the end and `close` always (it waits for running jobs)."""

    def __init__(self, vault: Vault, runner: SandboxRunner) -> None:
        self._vault = vault
        self._runner = runner
        self._pool = ThreadPoolExecutor(max_workers=runner.parallel, thread_name_prefix="sandbox-job")
        self._jobs: deque[_Job] = deque()
        self._stopping = threading.Event()
        runner.prepare()  # the fork server starts while the first files are stored

    def submit(self, item_id: ItemId, position: int) -> Recorded:
        """Start the item's job; record the oldest ones while WINDOW jobs are waiting to be recorded."""
        with self._vault.session() as conn:
            item = get_item(conn, item_id)
        reader = _Stoppable(ItemReader(self._vault.session, item), self._stopping)
        future = self._pool.submit(self._runner.run, reader, item.media_type, True)
        self._jobs.append(_Job(position, item, future))
        recorded: Recorded = []
        while len(self._jobs) >= WINDOW:
            recorded.append(self._record_oldest())
        return recorded

    def settle(self) -> None:
        """Wait until no job is running (recording nothing): see LARGE_FILE."""
        wait([job.future for job in self._jobs])

    def finish(self) -> Recorded:
        """Record every job still waiting, in file order."""
        return [self._record_oldest() for _ in range(len(self._jobs))]

    def abandon(self) -> list[int]:
        """The positions of the files whose metadata is not recorded (the import stops); their jobs are forgotten."""
        positions = [job.position for job in self._jobs]
        self._jobs.clear()
        return positions

    def stop_running(self) -> None:
        """The import stops: running jobs get no more bytes (their next read fails, which ends them)."""
        self._stopping.set()

    def close(self) -> None:
        """Cancel jobs not started and wait for the running ones."""
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _record_oldest(self) -> tuple[int, MetadataRecord]:
        job = self._jobs[0]
        found = job.future.result()  # the runner never raises for anything a file does
        store_metadata(self._vault, job.item, found.record, found.raw, found.thumbnail)
        self._jobs.popleft()
        return job.position, found.record


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
