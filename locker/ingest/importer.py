"""Import files into the vault: one streaming pass that hashes and stores, one transaction per file.

The source is read in 1 MiB chunks and hashed on a second thread while the calling thread stores them, so hashing
costs almost no wall time; memory stays bounded by a small queue of chunks, whatever the file size.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import functools
import io
import os
import signal
import stat
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from locker.diskspace import require_space
from locker.errors import (
    DiskFullError,
    FolderUnreadable,
    GivenTwice,
    InsideVaultFolder,
    Interrupted,
    LockerError,
    NotARegularFile,
    SourceChanged,
    SourceMissing,
    SourcePathTooLong,
    SourceUnreachable,
    SourceUnreadable,
    StoppedByPanic,
)
from locker.fsutil import display_name, is_regular_file, sanitise_filename
from locker.ingest.metadata_queue import LARGE_FILE, MetadataQueue, Recorded
from locker.ingest.new_item import Duplicate, NewFile, record_item, write_chunks
from locker.ingest.reader import ChunkReader
from locker.ingest.sniff import SNIFF_BYTES, sniff_media_type
from locker.ingest.source_removal import SourceIdentity, remove_source
from locker.metadata.model import MetadataRecord
from locker.metadata.store import recognised_media_type
from locker.sandbox.runner import SandboxRunner
from locker.timeutil import from_timestamp
from locker.vault.items import ItemId, new_item_id
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
    #: Why it failed, as a situation the GUI translates (`message` is the same in English, for the CLI).
    error: LockerError | None = None


def _failed(name: str, status: ImportStatus, error: LockerError) -> ImportOutcome:
    return ImportOutcome(name, status, message=str(error), error=error)


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
    #: Read metadata and make a thumbnail in the sandbox (small files a few to a job: metadata_queue) while the
    #: next files are stored.
    extract_metadata: bool = True
    #: Store a sanitised copy (identifying metadata removed, faces kept) instead of the original.
    strip: bool = False


def collect_files(untrusted_paths: Iterable[Path]) -> tuple[list[Path], list[tuple[Path, LockerError]]]:
    """Expand folders into the entries under them (symlinks are not followed), in a stable order, and list every
    folder that could not be read, with the reason: nothing found or given is skipped without a word."""
    found: list[Path] = []
    unreadable: list[tuple[Path, LockerError]] = []

    def on_error(exc: OSError) -> None:
        unreadable.append((Path(os.fsdecode(exc.filename or "")), FolderUnreadable(details=_reason(exc))))

    for path in untrusted_paths:
        if path.is_dir() and not path.is_symlink():
            for dirpath, dirnames, filenames in os.walk(path, onerror=on_error, followlinks=False):
                dirnames.sort()
                # A link to a folder is listed with the folders but never entered: report it, refused, as a file.
                links = [name for name in dirnames if _is_link(Path(dirpath) / name)]
                found.extend(Path(dirpath) / name for name in sorted([*filenames, *links]))
        else:
            found.append(path)
    return found, unreadable


def _file_identity(path: Path, folder: bool = False) -> tuple[int, int] | None:
    try:
        st = path.lstat()
    except OSError:
        return None
    wanted = stat.S_ISDIR(st.st_mode) if folder else stat.S_ISREG(st.st_mode)
    return (st.st_dev, st.st_ino) if wanted else None


def _inside(path: Path, folder: tuple[int, int], known: dict[Path, bool]) -> bool:
    """True when `path` lies in the folder with this (device, inode), under whatever name it was reached. `known`
    remembers folders already looked at: the files of one folder share all their parents."""
    parent = path.parent
    if parent not in known:
        known[parent] = _file_identity(parent, folder=True) == folder or (
            parent != parent.parent and _inside(parent, folder, known)
        )
    return known[parent]


def _is_link(path: Path) -> bool:
    try:
        return stat.S_ISLNK(path.lstat().st_mode)
    except OSError:
        return False  # os.walk then fails to enter it and reports it through onerror


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


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
    before it stay imported. Metadata is read in the sandbox (`runner`, or one made for this call), up to
    `runner.parallel` jobs at a time while the next files are stored, and recorded in the order of the files
    (locker.ingest.metadata_queue).
    """
    options = options or ImportOptions()
    if (options.extract_metadata or options.strip) and runner is None:
        with SandboxRunner() as own_runner:
            return import_files(vault, untrusted_paths, options, progress, cancel, own_runner)
    queue = MetadataQueue(vault, runner) if options.extract_metadata and runner is not None else None
    try:
        return _import_all(vault, untrusted_paths, options, progress, cancel, runner, queue)
    except BaseException:
        if queue is not None:
            queue.stop_running()  # Ctrl-C, a panic, a full disk: no waiting for jobs whose results are dropped
        raise
    finally:
        if queue is not None:
            queue.close()


def _import_all(
    vault: Vault,
    untrusted_paths: Iterable[Path],
    options: ImportOptions,
    progress: ProgressCallback | None,
    cancel: threading.Event | None,
    runner: SandboxRunner | None,
    queue: MetadataQueue | None,
) -> list[ImportOutcome]:
    files, unreadable = collect_files(untrusted_paths)
    sizes = [_size_or_zero(path) for path in files]
    total = sum(sizes)
    # Encrypted pages, the rollback journal and metadata take a little more than the files themselves.
    require_space(vault.paths.root, total * 21 // 20 + 16 * 1024 * 1024, f"importing {len(files)} file(s)")
    done_bytes = 0
    outcomes = [_failed(_shown(path, "folder"), ImportStatus.FAILED, why) for path, why in unreadable]
    # Taken before anything is imported (a removed source has no identity any more).
    identities = [_file_identity(path) for path in files]
    vault_root = _file_identity(vault.paths.root, folder=True)
    seen: set[tuple[int, int]] = set()
    looked_at: dict[Path, bool] = {}
    for index, path in enumerate(files):
        name = _shown(path)
        identity = identities[index]
        if vault_root is not None and _inside(path, vault_root, looked_at):  # never the vault's own files: the header!
            outcomes.append(_failed(name, ImportStatus.FAILED, InsideVaultFolder()))
            continue
        if identity is not None and identity in seen:  # the same file named twice (or a folder and a file in it)
            outcomes.append(_failed(name, ImportStatus.DUPLICATE, GivenTwice()))
            continue
        if identity is not None:
            seen.add(identity)

        def file_progress(file_bytes: int, _base: int = done_bytes, _name: str = name, _i: int = index) -> None:
            if progress is not None:
                progress(ImportProgress(_i, len(files), _base + file_bytes, total, _name))

        try:
            vault.stop_if_erased()
            if queue is not None and sizes[index] >= LARGE_FILE:
                queue.settle()
            if options.strip and runner is not None:
                outcome = import_stripped(vault, path, options, runner, file_progress, cancel)
            else:
                outcome = import_one(vault, path, options, file_progress, cancel)
        except KeyboardInterrupt as exc:
            raise _stopped(Interrupted(), _unrecorded(queue, outcomes)) from exc
        except Interrupted as exc:
            finished = [*outcomes, exc.outcome] if isinstance(exc, _StoppedAfter) else outcomes
            if cancel is not None and cancel.is_set() and queue is not None:
                _record(vault, queue, queue.finish, finished)  # the running jobs end in moments: keep what they found
            raise _stopped(exc, _unrecorded(queue, finished)) from None
        except Exception as exc:
            if vault.erased:  # the database's files are gone: whatever failed, the cause is the panic
                raise _stopped(StoppedByPanic(), _unrecorded(queue, outcomes)) from None
            if isinstance(exc, DiskFullError):  # every next file would fail the same way
                raise _stopped(exc, _unrecorded(queue, outcomes)) from None
            if not isinstance(exc, LockerError):
                raise
            outcome = _failed(name, ImportStatus.FAILED, exc)
        outcomes.append(outcome)
        if outcome.status is ImportStatus.IMPORTED and outcome.item_id and queue is not None:
            _record(vault, queue, functools.partial(queue.submit, outcome.item_id, len(outcomes) - 1), outcomes)
        done_bytes += sizes[index]
        if progress is not None:
            progress(ImportProgress(index + 1, len(files), done_bytes, total, name))
    if queue is not None:
        _record(vault, queue, queue.finish, outcomes)
    return outcomes


def _record(vault: Vault, queue: MetadataQueue, step: Callable[[], Recorded], outcomes: list[ImportOutcome]) -> None:
    """Run a step of the metadata queue and put what it recorded on the files' outcomes; stop the import, saying
    which stored files still lack their metadata, when recording fails."""
    try:
        recorded = step()
    except KeyboardInterrupt as exc:
        raise _stopped(StoppedMetadataUnread(), _unrecorded(queue, outcomes)) from exc
    except DiskFullError as exc:  # the files are stored: say so, then stop
        raise _stopped(exc, _unrecorded(queue, outcomes, _NOT_SAVED)) from None
    except Exception:
        if vault.erased:
            raise _stopped(StoppedByPanic(), _unrecorded(queue, outcomes)) from None
        raise
    for position, record in recorded:
        outcomes[position] = dataclasses.replace(outcomes[position], metadata=record)


_NOT_READ = "stored, but its metadata was not read yet (`locker reindex` reads it)"
_NOT_SAVED = "stored, but its metadata could not be saved (`locker reindex` reads it later)"


def _unrecorded(
    queue: MetadataQueue | None, outcomes: list[ImportOutcome], message: str = _NOT_READ
) -> list[ImportOutcome]:
    """The outcomes, each stored file whose metadata was not recorded saying so (the import stops)."""
    if queue is None:
        return outcomes
    marked = list(outcomes)
    for position in queue.abandon():
        if position < len(marked):
            marked[position] = dataclasses.replace(marked[position], message=message)
    return marked


def _shown(path: Path, fallback: str = "file") -> str:
    """A name safe to show for a path that may not be valid UTF-8 (undecodable bytes become U+FFFD)."""
    return sanitise_filename(display_name(path), fallback)


def _stopped(exc: _Stop, outcomes: list[ImportOutcome]) -> _Stop:
    """The interruption, carrying what was finished before it (which sources were removed, above all)."""
    exc.finished = list(outcomes)
    return exc


_Stop = TypeVar("_Stop", bound=LockerError)


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
    name = _shown(path)
    source = io.FileIO(_open_source(path, name), "rb")
    try:
        identity = SourceIdentity.of(os.fstat(source.fileno()))
        outcome = _store(vault, source, name, options, progress, cancel)
    finally:
        source.close()
    return _remove_source_if_asked(vault, outcome, path, options, identity)


def _open_source(path: Path, name: str) -> int:
    """A descriptor for the regular file at `path` (never through a link); ImportFailedError says why not."""
    try:
        st = path.lstat()
    except OSError as exc:
        if exc.errno == errno.ENOENT:
            raise SourceMissing(name=name) from exc
        if exc.errno == errno.ENAMETOOLONG:
            raise SourcePathTooLong(name=name) from exc
        raise SourceUnreachable(name=name, details=_reason(exc)) from exc
    if not stat.S_ISREG(st.st_mode):
        raise NotARegularFile(name=name)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise SourceUnreadable(name=name, details=_reason(exc)) from exc
    if not stat.S_ISREG(os.fstat(fd).st_mode):  # replaced between the two looks
        os.close(fd)
        raise NotARegularFile(name=name)
    os.set_blocking(fd, True)
    return fd


def _remove_source_if_asked(
    vault: Vault, outcome: ImportOutcome, path: Path, options: ImportOptions, identity: SourceIdentity
) -> ImportOutcome:
    if outcome.status is not ImportStatus.IMPORTED or not options.remove_source:
        return outcome
    if vault.erased:  # the stored copy is gone with the vault: the source is now the only one
        raise StoppedByPanic()
    with _sigint_deferred() as interrupted:  # once the name is gone, the report must say so
        removal = remove_source(path, identity)
    message = f"stored; {removal.message}" if removal.message else ""
    outcome = dataclasses.replace(outcome, source_removed=removal.removed, message=message)
    if interrupted:
        raise _StoppedAfter(name=outcome.name, outcome=outcome)
    return outcome


class _StoppedAfter(Interrupted):
    """Stopped by the user after {name} was stored; files after it were not imported."""

    # Ctrl-C arrived while a source was being removed: the removal finished first, and this file is reported.
    def __init__(self, *, name: str, outcome: ImportOutcome) -> None:
        super().__init__(name=name)
        self.outcome = outcome


class StoppedMetadataUnread(Interrupted):
    """Stopped by the user. The files listed as stored are kept; metadata not read yet is read by `locker reindex`."""


@contextlib.contextmanager
def _sigint_deferred() -> Iterator[list[bool]]:
    """Hold Ctrl-C (SIGINT) until the block ends; the list is non-empty if it came. Only the main thread receives
    signals in Python, so elsewhere (the app's worker thread) there is nothing to hold."""
    received: list[bool] = []
    if threading.current_thread() is not threading.main_thread():
        yield received
        return
    previous = signal.getsignal(signal.SIGINT)
    signal.signal(signal.SIGINT, lambda *_: received.append(True))
    try:
        yield received
    finally:
        signal.signal(signal.SIGINT, previous)


def import_stripped(
    vault: Vault,
    path: Path,
    options: ImportOptions,
    runner: SandboxRunner,
    progress: Callable[[int], None] | None = None,
    cancel: threading.Event | None = None,
) -> ImportOutcome:
    """Store a sanitised copy of `path` instead of it, documenting the original's hashes and what was removed."""
    from locker.share.formats import output_type  # noqa: PLC0415 - only imports with --strip need it
    from locker.share.service import CopyRefused, strip_for_import  # noqa: PLC0415

    name = _shown(path)
    if not is_regular_file(path):
        raise NotARegularFile(name=name)
    try:
        with path.open("rb") as head:
            media_type = sniff_media_type(head.read(SNIFF_BYTES))
        original = io.FileIO(path, "rb")
    except OSError as exc:
        raise SourceUnreadable(name=name, details=exc.strerror) from exc
    try:
        before = os.fstat(original.fileno())
        original_reader = ChunkReader(original, name)
        for _data, _digest in original_reader.chunks():
            if cancel is not None and cancel.is_set():
                raise Interrupted()
        original_sha256, original_sha512 = original_reader.close()
    finally:
        original.close()
    try:
        media_type = recognised_media_type(runner, path, name, media_type)  # a DOCX is more than its ZIP bytes
        extension, _ = output_type(media_type)
        stripped = strip_for_import(runner, path, media_type)
    except (CopyRefused, ValueError) as exc:
        findings = "; ".join(getattr(exc, "findings", [])[:5])
        return ImportOutcome(
            name, ImportStatus.FAILED, message=f"not imported: {exc}" + (f" ({findings})" if findings else "")
        )
    sanitised = {
        "original_name": name,
        "original_size": before.st_size,
        "original_sha256": original_sha256,
        "original_sha512": original_sha512,
        "original_media_type": media_type,
        "removed": stripped.clean.report.removed,
        "removed_fields": stripped.removed_fields[:300],
        "notes": stripped.notes,
    }
    stored_name = sanitise_filename(f"{Path(name).stem or 'item'}-stripped.{extension}")
    try:
        copy = io.FileIO(stripped.fd, "rb", closefd=False)
        outcome = _store(
            vault, copy, stored_name, options, progress, cancel, sanitised=sanitised,
            times=(from_timestamp(before.st_mtime), _birth_time(before)),
        )  # fmt: skip
    finally:
        os.close(stripped.fd)
    return _remove_source_if_asked(vault, outcome, path, options, SourceIdentity.of(before))


def _store(
    vault: Vault,
    source: io.FileIO,
    name: str,
    options: ImportOptions,
    progress: Callable[[int], None] | None,
    cancel: threading.Event | None,
    sanitised: dict[str, object] | None = None,
    times: tuple[str | None, str | None] | None = None,
) -> ImportOutcome:
    """Stream `source` into the vault as one item, in one transaction; a duplicate is reported, not stored."""
    try:
        source.seek(0)
        before = os.fstat(source.fileno())
        reader = ChunkReader(source, name)
        with vault.transaction() as conn:
            item_id = new_item_id(conn)
            try:
                stored = write_chunks(vault, conn, item_id, reader.chunks(), cancel, Interrupted, progress)
            finally:
                sha256, sha512 = reader.close()
            after = os.fstat(source.fileno())
            changed = (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns)
            if changed or stored.size != after.st_size:
                raise SourceChanged(name=name)
            mtime, birthtime = times if times else (from_timestamp(before.st_mtime), _birth_time(before))
            record_item(conn, NewFile(item_id, name, stored, sha256, sha512, mtime, birthtime), options, sanitised)
    except Duplicate as dup:
        return ImportOutcome(name, ImportStatus.DUPLICATE, dup.item_id, f"already in the vault as {dup.item_id}")
    return ImportOutcome(name, ImportStatus.IMPORTED, item_id)


def _birth_time(st: os.stat_result) -> str | None:
    birth = getattr(st, "st_birthtime", None)
    return from_timestamp(birth) if birth else None
