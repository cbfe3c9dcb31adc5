"""Making share copies, app side: run the sanitiser and the re-check in the sandbox, write only a clean copy.

A copy is first written under a hidden partial name in the target folder, re-checked (in the sandbox: our reader
and a search of its PDF streams or ZIP members; here, while hashing it: a raw-byte search that parses nothing),
and only then given its real name. Any finding, failure or cancellation removes the partial file. A "shared"
custody event records what was removed (names of fields, never their values) and the copy's hash.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path

from locker.fsutil import create_private_file, sanitise_filename
from locker.metadata.model import MetadataStatus, MetadataSummary
from locker.metadata.store import raw_metadata
from locker.pixels import Pixels
from locker.sandbox.child import Limits
from locker.sandbox.runner import OutputSink, RandomAccessSource, SandboxRunner
from locker.share import report_labels as labels
from locker.share.faces import Box
from locker.share.formats import PDF, kind_of, output_type
from locker.share.needles import NeedleSearch, identifying_values, removed_fields
from locker.share.options import SanitiseReport, ShareOptions
from locker.share.recheck import CHUNK
from locker.share.refusal_answers import refusal_in
from locker.share.refusals import (
    CopyAnswerMalformed,
    CopyNameTaken,
    CopyNeedsMemoryFile,
    CopyNotMade,
    CopyNotRechecked,
    CopyStillIdentifying,
    CopyWrongType,
    FaceReviewMalformed,
    FacesNotDetected,
    Finding,
    FindingKind,
    type_not_shared,
)
from locker.share.refusals import (
    CopyRefused as CopyRefused,  # re-exported: callers catch it from here
)
from locker.vault.chunks import ItemReader
from locker.vault.custody import Action, append_event
from locker.vault.items import Item, ItemId, get_item
from locker.vault.vault import Vault

GIB = 1024**3
# Re-encoding a long video takes a while; the limits still stop a runaway decoder.
SHARE_LIMITS = Limits(memory_bytes=4 * GIB, cpu_seconds=8 * 3600, wall_seconds=4 * 3600)
RECHECK_LIMITS = Limits(memory_bytes=3 * GIB, cpu_seconds=3600, wall_seconds=1800)
FACES_LIMITS = Limits(memory_bytes=4 * GIB, cpu_seconds=900, wall_seconds=600)
REVIEW_PREVIEW_LONG_SIDE = 1280  # locker.share.task.PREVIEW_LONG_SIDE: the face review's pictures are no larger
MIN_OUTPUT_CAP = 512 * 1024 * 1024


@dataclass
class ShareResult:
    """One item's share copy: where it went, or why there is none."""

    item_id: ItemId
    name: str
    path: Path | None = None
    report: SanitiseReport | None = None
    findings: list[Finding] = field(default_factory=list)
    #: Why there is no copy: `refusal` for the GUI to translate, `error` its English sentence.
    error: str | None = None
    refusal: CopyRefused | None = None
    sha256: str | None = None

    @property
    def ok(self) -> bool:
        return self.path is not None


@dataclass(frozen=True)
class Clean:
    """A sanitised copy that passed the re-check, still in the sink it was written to."""

    report: SanitiseReport
    size: int
    sha256: str
    sha512: str


def make_clean_copy(
    runner: SandboxRunner,
    source: RandomAccessSource,
    media_type: str,
    options: ShareOptions,
    needles: list[str],
    fd: int,
) -> Clean:
    """Sanitise `source` into the open file `fd` (empty, read-write) and re-check it. Raises CopyRefused: the one
    the sandbox named when a sanitiser gave up (locker.share.refusal_answers), or the app's own."""
    if kind_of(media_type) is None:
        raise type_not_shared(media_type)
    sink = OutputSink(fd, max(4 * source.size, MIN_OUTPUT_CAP))
    job = {"kind": "share", "media_type": media_type, "options": options.to_json()}
    outcome = runner.run_task(source, job, SHARE_LIMITS, sink)
    if (refused := refusal_in(outcome.result)) is not None:
        raise refused
    if outcome.error or outcome.result is None:
        raise CopyNotMade(details=outcome.error)
    try:
        report = SanitiseReport.from_json(outcome.result)
    except (ValueError, TypeError) as exc:
        raise CopyAnswerMalformed(details=str(exc)) from exc
    if (report.extension, report.media_type) != output_type(media_type):
        raise CopyWrongType()
    os.ftruncate(fd, sink.size)
    copy = _FdSource(fd, sink.size)
    check = runner.run_task(copy, {"kind": "recheck", "media_type": report.media_type, "needles": needles},
                            RECHECK_LIMITS)  # fmt: skip
    if (refused := refusal_in(check.result)) is not None:
        raise refused
    if check.error or check.result is None:
        raise CopyNotRechecked(details=check.error)
    answers = [check.result]
    # A PDF copy is pictures, with no text: the original's pages are searched. Decided by the original's type, which
    # the app knows, never by the share job's report, which a taken-over job could write without its note.
    if media_type == PDF and needles:
        check = runner.run_task(source, {"kind": "recheck", "media_type": media_type, "needles": needles,
                                         "original": True}, RECHECK_LIMITS)  # fmt: skip
        if (refused := refusal_in(check.result)) is not None:
            raise refused
        if check.error or check.result is None:
            raise CopyNotRechecked(details=check.error)
        answers.append(check.result)
    try:
        findings = [Finding.from_json(f) for answer in answers for f in list(answer.get("findings") or [])]
    except (ValueError, TypeError) as exc:
        raise CopyAnswerMalformed(details=str(exc)) from exc
    sha256, sha512, hits = _hash_and_search(fd, needles)
    findings.extend(Finding(FindingKind.VALUE_BYTES, hit) for hit in hits
                    if not any(hit in f for f in findings))  # fmt: skip
    if findings:
        raise CopyStillIdentifying(findings=findings)
    return Clean(report, sink.size, sha256, sha512)


def _hash_and_search(fd: int, needles: list[str]) -> tuple[str, str, list[str]]:
    """Hashes of the finished copy, and the app's own raw-byte search of it (no parsing)."""
    h256, h512 = hashlib.sha256(), hashlib.sha512()
    search = NeedleSearch(needles, size=os.fstat(fd).st_size)
    offset = 0
    while chunk := os.pread(fd, CHUNK, offset):
        h256.update(chunk)
        h512.update(chunk)
        search.feed(chunk)
        offset += len(chunk)
    return h256.hexdigest(), h512.hexdigest(), list(search.hits)


class _FdSource:
    def __init__(self, fd: int, size: int) -> None:
        self._fd = fd
        self.size = size

    def read_at(self, offset: int, length: int) -> bytes:
        return os.pread(self._fd, min(length, max(0, self.size - offset)), offset)


def original_needles(vault: Vault, item: Item, runner: SandboxRunner) -> tuple[list[str], list[str], list[str]]:
    """(identifying values, removed field names, notes) from the item's recorded metadata."""
    notes = []
    record = item.metadata or {}
    raw = raw_metadata(vault, item.id)
    if record.get("status") != str(MetadataStatus.OK):
        # Not read yet, or unreadable at import: try once more now, for the re-check's sake.
        outcome = runner.run(ItemReader(vault.session, item), item.media_type, thumbnail=False)
        if outcome.record.status is MetadataStatus.OK:
            record, raw = outcome.record.to_json(), outcome.raw
        else:
            notes.append(labels.NOTE_METADATA_UNREADABLE)
    summary = MetadataSummary.from_json(record.get("summary"))
    return identifying_values(summary, raw), removed_fields(raw), notes


def share_item(vault: Vault, item_id: str, out_dir: Path, options: ShareOptions, runner: SandboxRunner) -> ShareResult:
    """Make one share copy in `out_dir`. Never overwrites a file; never leaves a partial one behind."""
    with vault.session() as conn:
        item = get_item(conn, item_id)
    result = ShareResult(item.id, item.name)
    if kind_of(item.media_type) is None:
        result.refusal = type_not_shared(item.media_type)
        result.error = str(result.refusal)
        return result
    extension, _ = output_type(item.media_type)
    needles, fields, notes = original_needles(vault, item, runner)
    remove_stale_partials(out_dir)
    partial = out_dir / f".{secrets.token_hex(8)}{PARTIAL_SUFFIX}"
    fd = create_private_file(partial)
    try:
        try:
            clean = make_clean_copy(runner, ItemReader(vault.session, item), item.media_type, options, needles, fd)
        except CopyRefused as exc:
            result.error, result.refusal, result.findings = str(exc), exc, exc.findings
            return result
        os.fsync(fd)
        final = _link_unique(partial, out_dir, _copy_name(item.name, extension))
    finally:
        os.close(fd)
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
    clean.report.notes.extend(notes)
    result.path, result.report, result.sha256 = final, clean.report, clean.sha256
    details = {
        "copy_name": final.name,
        "copy_size": clean.size,
        "copy_sha256": clean.sha256,
        "copy_media_type": clean.report.media_type,
        "removed": clean.report.removed,
        "removed_fields": fields[:300],
        "faces": options.faces if options.boxes is None else "reviewed",
        "faces_covered": clean.report.faces_covered,
        "audio_kept": options.keep_audio,
    }
    with vault.transaction() as conn:
        append_event(conn, Action.SHARED, item=item.id, details=details)
    return result


PARTIAL_SUFFIX = ".locker-partial"
STALE_PARTIAL_SECONDS = 3600.0


def remove_stale_partials(out_dir: Path, now: float | None = None) -> list[Path]:
    """Delete copies left half-written by a crash: they were never re-checked, so they must not stay.

    Only our own hidden `.<16 hex>.locker-partial` files untouched for an hour go: a copy still being written (a long
    video) is touched every few seconds.
    """
    now = time.time() if now is None else now
    removed = []
    for path in out_dir.glob(f".*{PARTIAL_SUFFIX}"):
        stem = path.name[1 : -len(PARTIAL_SUFFIX)]
        if len(stem) != 16 or not all(c in "0123456789abcdef" for c in stem) or not path.is_file():
            continue
        with contextlib.suppress(OSError):
            if now - path.stat().st_mtime > STALE_PARTIAL_SECONDS:
                path.unlink()
                removed.append(path)
    return removed


def _copy_name(original: str, extension: str) -> str:
    stem = Path(sanitise_filename(original)).stem or "item"
    return sanitise_filename(f"{stem}-shared.{extension}")


def _link_unique(partial: Path, out_dir: Path, name: str) -> Path:
    """Give the finished copy its name without ever replacing an existing file."""
    stem, suffix = Path(name).stem, Path(name).suffix
    for n in range(1, 10_000):
        candidate = out_dir / (name if n == 1 else f"{stem}-{n}{suffix}")
        try:
            os.link(partial, candidate)
        except FileExistsError:
            continue
        except OSError:
            # No hard links here (a FAT-formatted USB stick): rename, after making sure nothing is replaced.
            if candidate.exists():
                continue
            partial.rename(candidate)
        return candidate
    raise CopyNameTaken()


@dataclass(frozen=True)
class StrippedFile:
    """A sanitised copy of a file about to be imported, held in memory (never on disk) until it is stored."""

    fd: int
    clean: Clean
    removed_fields: list[str]
    notes: list[str]


def strip_for_import(runner: SandboxRunner, path: Path, media_type: str) -> StrippedFile:
    """Sanitise a file the user is importing with --strip (faces are kept: this is still the evidence)."""
    from locker.sandbox.source import FileSource  # noqa: PLC0415

    source = FileSource(path)
    try:
        outcome = runner.run(source, media_type, thumbnail=False)
        notes = []
        if outcome.record.status is not MetadataStatus.OK:
            notes.append(labels.NOTE_METADATA_UNREADABLE)
        needles = identifying_values(outcome.record.summary, outcome.raw)
        fd = _memory_file()
        try:
            clean = make_clean_copy(runner, source, media_type, ShareOptions(faces="off", keep_audio=True), needles, fd)
        except BaseException:
            os.close(fd)
            raise
    finally:
        source.close()
    return StrippedFile(fd, clean, removed_fields(outcome.raw), notes)


def _memory_file() -> int:
    """An anonymous file in memory: the sanitised copy of an import must not touch the disk in plaintext."""
    if not hasattr(os, "memfd_create"):
        raise CopyNeedsMemoryFile()
    return os.memfd_create("locker-strip", os.MFD_CLOEXEC)


@dataclass(frozen=True)
class ReviewFrame:
    """A photo, or a sampled video frame, as the face review shows it: detected boxes in full-size pixels."""

    seconds: float
    width: int
    height: int
    boxes: tuple[Box, ...]
    preview: Pixels


def review_faces(vault: Vault, item_id: str, runner: SandboxRunner) -> list[ReviewFrame]:
    """Detect faces for the review dialog (in the sandbox). Raises CopyRefused if the item cannot be looked at."""
    with vault.session() as conn:
        item = get_item(conn, item_id)
    if kind_of(item.media_type) not in {"image", "video"}:
        return []
    outcome = runner.run_task(ItemReader(vault.session, item), {"kind": "faces", "media_type": item.media_type},
                              FACES_LIMITS)  # fmt: skip
    if (refused := refusal_in(outcome.result)) is not None:
        raise refused
    if outcome.error or outcome.result is None:
        raise FacesNotDetected(details=outcome.error)
    frames = list(outcome.result.get("frames") or [])
    if len(frames) != len(outcome.pictures) or any(
        max(p.width, p.height) > REVIEW_PREVIEW_LONG_SIDE for p in outcome.pictures
    ):
        raise FaceReviewMalformed()
    review = []
    try:
        for frame, preview in zip(frames, outcome.pictures, strict=True):
            review.append(
                ReviewFrame(
                    float(frame["t"]), int(frame["width"]), int(frame["height"]),
                    tuple(Box.from_json(b) for b in frame["boxes"]), preview,
                )
            )  # fmt: skip
    except (ValueError, TypeError, KeyError) as exc:  # the child's answer, not ours: never raised as it is
        raise FaceReviewMalformed(details=str(exc)[:300]) from exc
    return review


def removed_field_names(vault: Vault, item_id: str) -> list[str]:
    """Names of the recorded metadata fields a share copy of this item leaves out (for the dialog)."""
    return removed_fields(raw_metadata(vault, ItemId(item_id)))
