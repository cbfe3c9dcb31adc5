"""Import files into the vault: one streaming pass that hashes and stores, one transaction per file.

The source is read in 1 MiB chunks and hashed on a second thread while the calling thread stores them, so hashing
costs almost no wall time; memory stays bounded by a small queue of chunks, whatever the file size.
"""

from __future__ import annotations

import dataclasses
import io
import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from locker.errors import ImportFailedError, Interrupted, LockerError
from locker.fsutil import is_regular_file, overwrite_and_unlink, sanitise_filename
from locker.ingest.reader import ChunkReader
from locker.ingest.sniff import SNIFF_BYTES, sniff_media_type
from locker.metadata.model import MetadataRecord
from locker.metadata.store import extract_metadata
from locker.sandbox.runner import SandboxRunner
from locker.timeutil import from_timestamp, utc_now
from locker.vault.chunks import insert_chunk
from locker.vault.custody import Action, append_event
from locker.vault.items import ItemId, NewItem, ensure_case, find_by_sha256, insert_item, new_item_id
from locker.vault.vault import Vault

_QUEUE_DEPTH = 4


class ImportStatus(StrEnum):
    IMPORTED = "imported"
    DUPLICATE = "duplicate"
    FAILED = "failed"


@dataclass(frozen=True)
class ImportOutcome:
    """What happened to one source file. `name` is the sanitised base name, safe to show."""

    name: str
    status: ImportStatus
    item_id: ItemId | None = None
    message: str = ""
    source_removed: bool = False
    metadata: MetadataRecord | None = None


@dataclass(frozen=True)
class ImportProgress:
    files_done: int
    files_total: int
    bytes_done: int
    bytes_total: int
    current_name: str


ProgressCallback = Callable[[ImportProgress], None]


@dataclass(frozen=True)
class ImportOptions:
    case: str | None = None
    note: str = ""
    remove_source: bool = False
    #: Read metadata and make a thumbnail in the sandbox right after each file is stored.
    extract_metadata: bool = True


def collect_files(untrusted_paths: Iterable[Path]) -> list[Path]:
    """Expand folders into the regular files under them (symlinks are not followed), in a stable order."""
    found: list[Path] = []
    for path in untrusted_paths:
        if path.is_dir() and not path.is_symlink():
            for dirpath, dirnames, filenames in os.walk(path, followlinks=False):
                dirnames.sort()
                found.extend(Path(dirpath) / name for name in sorted(filenames))
        else:
            found.append(path)
    return found


def import_files(
    vault: Vault,
    untrusted_paths: Iterable[Path],
    options: ImportOptions | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    runner: SandboxRunner | None = None,
) -> list[ImportOutcome]:
    """Import files and folders. A failure of one file is reported and does not stop the others.

    Cancelling (the event, or Ctrl-C) raises Interrupted after rolling back the file in progress; the files
    before it stay imported. Metadata is read in the sandbox (`runner`, or one made for this call).
    """
    options = options or ImportOptions()
    if options.extract_metadata and runner is None:
        with SandboxRunner() as own_runner:
            return import_files(vault, untrusted_paths, options, progress, cancel, own_runner)
    files = collect_files(untrusted_paths)
    sizes = [_size_or_zero(path) for path in files]
    total = sum(sizes)
    done_bytes = 0
    outcomes: list[ImportOutcome] = []
    for index, path in enumerate(files):
        name = sanitise_filename(path.name)

        def file_progress(file_bytes: int, _base: int = done_bytes, _name: str = name, _i: int = index) -> None:
            if progress is not None:
                progress(ImportProgress(_i, len(files), _base + file_bytes, total, _name))

        try:
            outcome = import_one(vault, path, options, file_progress, cancel)
        except KeyboardInterrupt as exc:
            raise Interrupted() from exc
        except Interrupted:
            raise
        except LockerError as exc:
            outcome = ImportOutcome(name, ImportStatus.FAILED, message=str(exc))
        if outcome.status is ImportStatus.IMPORTED and outcome.item_id and options.extract_metadata and runner:
            try:
                outcome = dataclasses.replace(outcome, metadata=extract_metadata(vault, outcome.item_id, runner))
            except KeyboardInterrupt as exc:
                raise Interrupted(
                    f"Stopped by the user. {name} was stored, but its metadata was not read yet "
                    "(`locker reindex` reads it)."
                ) from exc
        outcomes.append(outcome)
        done_bytes += sizes[index]
        if progress is not None:
            progress(ImportProgress(index + 1, len(files), done_bytes, total, name))
    return outcomes


def _size_or_zero(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def import_one(
    vault: Vault,
    path: Path,
    options: ImportOptions,
    progress: Callable[[int], None] | None = None,
    cancel: threading.Event | None = None,
) -> ImportOutcome:
    """Store one file, or report it as a duplicate. Raises ImportFailedError for unreadable sources."""
    name = sanitise_filename(path.name)
    if not path.exists() and not path.is_symlink():
        raise ImportFailedError(f"{name}: no such file.")
    if not is_regular_file(path):
        raise ImportFailedError(f"{name}: not a regular file (folders are expanded, links are not followed).")
    try:
        source = io.FileIO(path, "rb")
    except OSError as exc:
        raise ImportFailedError(f"{name}: cannot be read ({exc.strerror}).") from exc
    try:
        before = os.fstat(source.fileno())
        reader = ChunkReader(source, name)
        with vault.transaction() as conn:
            item_id = new_item_id(conn)
            seq = 0
            size = 0
            media_type = "application/octet-stream"
            try:
                for data, digest in reader.chunks():
                    if cancel is not None and cancel.is_set():
                        raise Interrupted()
                    if seq == 0:
                        media_type = sniff_media_type(data[:SNIFF_BYTES])
                    insert_chunk(conn, item_id, seq, data, digest)
                    seq += 1
                    size += len(data)
                    if progress is not None:
                        progress(size)
            finally:
                sha256, sha512 = reader.close()
            after = os.fstat(source.fileno())
            if (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns) or size != after.st_size:
                raise ImportFailedError(f"{name}: the file changed while it was being imported; try again.")
            existing = find_by_sha256(conn, sha256)
            if existing is not None:
                # Leaving the with-block by exception rolls back the chunks just written.
                raise _Duplicate(existing.id)
            case_id = ensure_case(conn, options.case) if options.case else None
            insert_item(
                conn,
                NewItem(
                    id=item_id,
                    name=name,
                    size=size,
                    sha256=sha256,
                    sha512=sha512,
                    chunk_count=seq,
                    media_type=media_type,
                    source_mtime=from_timestamp(before.st_mtime),
                    source_birthtime=_birth_time(before),
                    imported_at=utc_now(),
                    case_id=case_id,
                    notes=options.note,
                ),
            )
            details: dict[str, object] = {
                "name": name,
                "size": size,
                "sha256": sha256,
                "sha512": sha512,
                "media_type": media_type,
            }
            if options.case:
                details["case"] = options.case
            if options.note:
                details["notes"] = options.note
            if options.remove_source:
                details["source_removal_requested"] = True
            append_event(conn, Action.IMPORTED, item=item_id, details=details)
    except _Duplicate as dup:
        return ImportOutcome(name, ImportStatus.DUPLICATE, dup.item_id, f"already in the vault as {dup.item_id}")
    finally:
        source.close()
    removed = False
    if options.remove_source:
        try:
            overwrite_and_unlink(path)
            removed = True
        except OSError as exc:
            return ImportOutcome(
                name, ImportStatus.IMPORTED, item_id, f"stored, but the source could not be removed ({exc.strerror})"
            )
    return ImportOutcome(name, ImportStatus.IMPORTED, item_id, source_removed=removed)


class _Duplicate(Exception):
    def __init__(self, item_id: ItemId) -> None:
        super().__init__(item_id)
        self.item_id = item_id


def _birth_time(st: os.stat_result) -> str | None:
    birth = getattr(st, "st_birthtime", None)
    return from_timestamp(birth) if birth else None
