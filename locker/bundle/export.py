"""`locker export --to-counsel`: write a signed BagIt bundle of items or a case.

The bundle is written in one pass from the vault into its destination: a hidden partial folder or file next to OUT,
moved into place only when complete; an existing file or folder is never overwritten. Encrypted outputs (age, 7z)
are encrypted as they are written, so no plaintext copy is staged on disk. The "exported" custody event commits in
one transaction with the completed, synced partial output and its "written" mark in the vault's journal of pending
outputs (locker/vault/pending_outputs.py): a failed export leaves neither files nor event, and one killed at the
final rename is completed at the next unlock.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import json
import os
import secrets
import threading
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from locker import __version__
from locker.bundle.bagit import BAGIT_TXT, bag_info_text, manifest_text
from locker.bundle.custody_export import export_lines
from locker.bundle.errors import (
    AgeEncryptionFailed,
    BundleExists,
    DiskFullDuringAge,
    DiskFullDuringExport,
    NotABundleToTimestamp,
    NotAnAgeRecipient,
    NothingToExport,
    NothingToExportInCase,
    TwoEncryptions,
)
from locker.bundle.readme_verify import readme_text
from locker.bundle.report import ReportItem, build_report
from locker.bundle.signing import NAMESPACE, allowed_signers_line, minisign_public_key, minisign_sign, sshsig_sign
from locker.bundle.timestamp import TimestampError, next_token_folder, request_token
from locker.bundle.writers import BagWriter, DirWriter, SevenZipWriter, ZipWriter
from locker.crypto.identity import fingerprint as key_fingerprint
from locker.crypto.identity import unwrap_identity
from locker.diskspace import DiskFullError, is_disk_full, require_space
from locker.errors import DiskFullForBundle, ExportStopped, LockerError
from locker.fsutil import display_name, open_private_file, sanitise_filename
from locker.metadata.legacy_thumbnails import convert_legacy_thumbnails
from locker.metadata.store import raw_metadata, thumbnail
from locker.vault import db, pending_outputs
from locker.vault.chunks import iter_verified_chunks
from locker.vault.custody import Action, append_event, events
from locker.vault.items import Item, get_item, list_items
from locker.vault.vault import Vault

PRINCIPAL = "evidence-locker-sender"
_ID_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


@dataclass(frozen=True)
class ExportRequest:
    """What to export (item ids, or every item of a case), for whom, and how to protect it on the way."""

    item_ids: tuple[str, ...] = ()
    case: str | None = None
    recipient: str = ""
    tsa_urls: tuple[str, ...] = ()
    proxy: str | None = None
    age_recipient: str | None = None  # counsel's age public key: OUT is an .age file
    sevenzip_password: str | None = None  # OUT is an AES-256 7z with encrypted names


@dataclass(frozen=True)
class ExportResult:
    bundle_id: str
    path: Path
    items: int
    payload_bytes: int
    fingerprint: str
    timestamps: tuple[str, ...] = ()  # one line per token: TSA and its time
    timestamp_errors: tuple[str, ...] = ()  # why a TSA gave none; the bundle is written anyway
    timestamp_failures: tuple[LockerError, ...] = ()  # the same, as errors the GUI can translate


def payload_path(item_id: str, untrusted_name: str) -> str:
    """data/items/<id>/<safe name>: the id keeps names from colliding, the sanitiser keeps them harmless."""
    return f"data/items/{item_id}/{sanitise_filename(untrusted_name)}"


def _select(vault: Vault, request: ExportRequest) -> list[Item]:
    with vault.session() as conn:
        if request.item_ids:
            chosen = [get_item(conn, item_id) for item_id in request.item_ids]
        else:
            chosen = list_items(conn, request.case)
    unique = {item.id: item for item in chosen}
    if not unique:
        raise NothingToExportInCase(case=request.case) if request.case else NothingToExport()
    return list(unique.values())


def export_bundle(
    vault: Vault,
    out: Path,
    request: ExportRequest,
    progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
) -> ExportResult:
    """Write the bundle to `out`: a folder, a .zip, an .age or a .7z file. Refuses to overwrite anything."""
    if out.exists() or out.is_symlink():
        raise BundleExists(path=str(out))
    if request.age_recipient and request.sevenzip_password:
        raise TwoEncryptions()
    items = _select(vault, request)
    # The report shows thumbnails only as raw pixels; ones written by older releases are converted first.
    convert_legacy_thumbnails(vault, cancel=cancel)
    # Payload, plus the report, manifests and custody log (a few MiB at most) and the zip/7z structures.
    needed = sum(item.size for item in items) * 51 // 50 + 8 * 1024 * 1024
    require_space(out.absolute().parent, needed, functools.partial(DiskFullForBundle, name=out.name))
    token = secrets.token_hex(4)
    partial = out.with_name(f".{out.name}.partial-{token}")
    with vault.transaction() as conn:
        pending = pending_outputs.begin(conn, token, partial, out)
    try:
        result = _write(vault, partial, out, items, request, progress, cancel, pending)
    except BaseException as exc:
        if pending_outputs.remove_partial(partial, pending.device):  # else the next unlock tries again
            with contextlib.suppress(Exception), vault.transaction() as conn:
                pending_outputs.finish(conn, token)
        if is_disk_full(exc) or isinstance(exc, DiskFullError):  # the bundle's disk, or the vault's (db.py)
            raise DiskFullDuringExport() from exc
        raise
    # The event is committed with the journal saying "written": from here the bundle is completed, also by the
    # next unlock if this process dies now.
    final = pending_outputs.place_finished(partial, out, token)
    with contextlib.suppress(Exception), vault.transaction() as conn:
        pending_outputs.finish(conn, token)
    return dataclasses.replace(result, path=final)


def _write(
    vault: Vault,
    partial: Path,
    out: Path,
    items: list[Item],
    request: ExportRequest,
    progress: Callable[[int, int], None] | None,
    cancel: threading.Event | None,
    pending: pending_outputs.PendingOutput,
) -> ExportResult:
    """Write the partial output; the `exported` event commits only once it is complete and on disk."""
    # The folder inside a zip or 7z is named after OUT: as valid UTF-8, and as a safe file name.
    top = sanitise_filename(display_name(out).split(".")[0], "bundle")
    if request.age_recipient:
        return _write_age(vault, partial, out, top, items, request, progress, cancel, pending)
    if request.sevenzip_password:
        sevenzip = SevenZipWriter(partial, request.sevenzip_password, top)

        def complete_7z() -> None:
            sevenzip.close()
            _fsync_path(partial)

        return _guarded(sevenzip.close, lambda: _assemble(vault, sevenzip, items, request, progress, cancel, out,
                                                          complete_7z, pending))  # fmt: skip
    if out.suffix.lower() == ".zip":
        fh = open_private_file(partial)  # closed by complete() or on failure
        zipped = ZipWriter(fh, top)

        def complete_zip() -> None:
            zipped.close()
            fh.flush()
            os.fsync(fh.fileno())
            fh.close()

        def release_zip() -> None:
            with contextlib.suppress(Exception):
                zipped.close()  # else the ZipFile tries again when it is collected, on a closed file
            fh.close()

        return _guarded(release_zip, lambda: _assemble(vault, zipped, items, request, progress, cancel, out,
                                                       complete_zip, pending))  # fmt: skip
    folder = DirWriter(partial)
    return _assemble(vault, folder, items, request, progress, cancel, out, lambda: _fsync_tree(partial), pending)


def _guarded(release: Callable[[], None], work: Callable[[], ExportResult]) -> ExportResult:
    """Run `work`; on failure release the output's resources (errors from that are secondary and dropped)."""
    try:
        return work()
    except BaseException:
        with contextlib.suppress(Exception):
            release()
        raise


def _fsync_path(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_tree(root: Path) -> None:
    """Every file and folder of a folder bundle on disk before the event that names it is committed."""
    for folder, _dirs, names in os.walk(root):
        for name in names:
            _fsync_path(Path(folder) / name)
        _fsync_path(Path(folder))


def _write_age(
    vault: Vault,
    partial: Path,
    out: Path,
    top: str,
    items: list[Item],
    request: ExportRequest,
    progress: Callable[[int, int], None] | None,
    cancel: threading.Event | None,
    pending: pending_outputs.PendingOutput,
) -> ExportResult:
    """Zip streamed through a pipe into age: the plaintext bundle exists only in memory, a chunk at a time."""
    import pyrage  # noqa: PLC0415 - only for this output type

    try:
        recipient = pyrage.x25519.Recipient.from_str(request.age_recipient)
    except Exception as exc:
        raise NotAnAgeRecipient(recipient=request.age_recipient) from exc
    read_fd, write_fd = os.pipe()
    failure: list[BaseException] = []

    def encrypt() -> None:
        try:
            with os.fdopen(read_fd, "rb") as source, open_private_file(partial) as target:
                pyrage.encrypt_io(source, target, [recipient])
                target.flush()
                os.fsync(target.fileno())
        except BaseException as exc:  # noqa: BLE001 - re-raised on the exporting thread
            failure.append(exc)

    worker = threading.Thread(target=encrypt, name="age-encrypt", daemon=True)
    worker.start()
    pipe = os.fdopen(write_fd, "wb")
    writer = ZipWriter(pipe, top)

    def complete() -> None:
        writer.close()
        pipe.close()
        worker.join()
        if failure:
            raise _age_failure(failure[0])

    def release() -> None:
        with contextlib.suppress(Exception):
            writer.close()  # else the ZipFile tries again when it is collected, on a closed pipe
        with contextlib.suppress(Exception):
            pipe.close()  # the encrypting thread sees the end of its input and stops
        worker.join()

    try:
        return _guarded(release, lambda: _assemble(vault, writer, items, request, progress, cancel, out, complete,
                                                   pending))  # fmt: skip
    except BrokenPipeError as exc:  # the encrypting side stopped first: its error is the real cause
        raise _age_failure(failure[0]) if failure else exc from exc


def _age_failure(exc: BaseException) -> LockerError:
    if is_disk_full(exc):
        return DiskFullDuringAge()
    return AgeEncryptionFailed(details=str(exc))


def _verified_chunks(
    vault: Vault, item: Item, counter: list[int], total: int, progress: Callable[[int, int], None] | None,
    cancel: threading.Event | None,
) -> Iterator[bytes]:  # fmt: skip
    """The item's bytes; iter_verified_chunks checks every chunk and, before the last one, the whole-file hashes,
    so a bundle is never completed with bytes that differ from what was imported."""
    with vault.session() as conn:
        for data in iter_verified_chunks(conn, item):
            if cancel is not None and cancel.is_set():
                raise ExportStopped()
            vault.stop_if_erased()
            counter[0] += len(data)
            if progress is not None:
                progress(counter[0], total)
            yield data


def _assemble(
    vault: Vault,
    writer: BagWriter,
    items: list[Item],
    request: ExportRequest,
    progress: Callable[[int, int], None] | None,
    cancel: threading.Event | None,
    out: Path,
    complete: Callable[[], None],
    pending: pending_outputs.PendingOutput,
) -> ExportResult:
    """Write payload and tag files; then, in the transaction that appends the `exported` event, the timestamps,
    the output's completion (closed and on disk) and the journal's "written" state, committed together."""
    bundle_id = "B" + "".join(secrets.choice(_ID_ALPHABET) for _ in range(9))
    total = sum(item.size for item in items)
    counter = [0]
    sha256_entries: list[tuple[str, str]] = []
    sha512_entries: list[tuple[str, str]] = []
    records: list[dict[str, Any]] = []
    report_items: list[ReportItem] = []
    for item in items:
        relative = payload_path(item.id, item.name)
        writer.add_stream(relative, _verified_chunks(vault, item, counter, total, progress, cancel), item.size)
        sha256_entries.append((relative, item.sha256))
        sha512_entries.append((relative, item.sha512))
        record = item.to_json()
        record["path"] = relative
        record["raw_metadata"] = raw_metadata(vault, item.id) if item.metadata is not None else None
        records.append(record)
        summary = (item.metadata or {}).get("summary") if item.metadata else None
        report_items.append(
            ReportItem(item.id, relative, item.size, item.sha256, item.sha512, item.media_type, item.imported_at,
                       item.notes, summary if isinstance(summary, dict) else None, thumbnail(vault, item.id),
                       item.sanitised)
        )  # fmt: skip
    tags: dict[str, bytes] = {
        "bagit.txt": BAGIT_TXT.encode(),
        "manifest-sha256.txt": manifest_text(sha256_entries).encode(),
        "manifest-sha512.txt": manifest_text(sha512_entries).encode(),
        "metadata/items.json": (json.dumps(records, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode(),
    }
    identity = vault.identity()
    fingerprint = key_fingerprint(identity.public_raw)
    item_ids = [item.id for item in items]
    with vault.transaction() as conn:
        event = append_event(
            conn,
            Action.EXPORTED,
            details={"bundle_id": bundle_id, "recipient": request.recipient, "items": item_ids, "case": request.case},
        )
        lines = export_lines(events(conn), set(item_ids), request.case, event.seq)
        tags["metadata/custody-log.jsonl"] = "".join(line + "\n" for line in lines).encode()
        tags["metadata/report.pdf"] = build_report(
            bundle_id, request.case, request.recipient, fingerprint, report_items, lines, event.time_utc
        )
        tags["README-VERIFY.txt"] = readme_text(fingerprint, PRINCIPAL, NAMESPACE).encode()
        info = [
            ("Bagging-Date", event.time_utc[:10]),
            ("Payload-Oxum", f"{total}.{len(items)}"),
            ("External-Identifier", bundle_id),
            ("Bag-Group-Identifier", request.case or ""),
            ("Internal-Sender-Description", f"For: {request.recipient}" if request.recipient else ""),
            ("Custody-Log-Head", event.sha256),
            ("Signing-Key-Fingerprint", fingerprint),
            ("Bag-Software-Agent", f"Evidence Locker {__version__}"),
        ]
        tags["bag-info.txt"] = bag_info_text([(k, v) for k, v in info if v]).encode()
        tagmanifest = manifest_text((path, hashlib.sha256(data).hexdigest()) for path, data in tags.items()).encode()
        tags["tagmanifest-sha256.txt"] = tagmanifest
        tags.update(_signatures(vault, tagmanifest, bundle_id, identity.public_raw))
        for path, data in tags.items():
            writer.add_bytes(path, data)
        stamped, failures = _timestamps(conn, writer, tagmanifest, request, set(tags))
        complete()
        pending_outputs.mark_written(conn, pending)
    errors = tuple(str(failure) for failure in failures)
    return ExportResult(bundle_id, out, len(items), total, fingerprint, stamped, errors, failures)


def _signatures(vault: Vault, tagmanifest: bytes, bundle_id: str, public_raw: bytes) -> dict[str, bytes]:
    private = unwrap_identity(vault.master_key, vault.identity())
    comment = f"Evidence Locker bundle {bundle_id}, key {key_fingerprint(public_raw)}"
    signers = allowed_signers_line(PRINCIPAL, public_raw)
    return {
        "signatures/tagmanifest-sha256.txt.minisig": minisign_sign(private, tagmanifest, comment).encode(),
        "signatures/tagmanifest-sha256.txt.sshsig": sshsig_sign(private, tagmanifest).encode(),
        "signatures/minisign.pub": minisign_public_key(public_raw).encode(),
        "signatures/allowed_signers": signers.encode(),
        # The same key as a plain OpenSSH public key, for `ssh-keygen -lf` to print its fingerprint.
        "signatures/signing-key.pub": signers.split(" ", 2)[2].encode(),
    }


def _timestamps(
    conn: db.Connection | None, writer: BagWriter, tagmanifest: bytes, request: ExportRequest, existing: set[str]
) -> tuple[tuple[str, ...], tuple[LockerError, ...]]:
    """Ask each TSA for a token over the tag manifest; a failure is reported, never fatal."""
    stamped: list[str] = []
    errors: list[LockerError] = []
    for url in request.tsa_urls:
        try:
            info, files = request_token(tagmanifest, url, request.proxy)
        except TimestampError as exc:
            errors.append(exc)
            continue
        folder = next_token_folder(existing)
        for name, data in files.items():
            writer.add_bytes(f"{folder}/{name}", data)
            existing.add(f"{folder}/{name}")
        stamped.append(info.summary)
        if conn is not None:
            details = {"tsa": url, "time": info.time_text, "trusted": info.trusted}
            append_event(conn, Action.TIMESTAMPED, details=details)
    return tuple(stamped), tuple(errors)


def add_timestamps(
    bundle: Path, urls: tuple[str, ...], proxy: str | None = None
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """`locker timestamp`: add tokens to an existing bundle, a folder or a .zip (signatures/ is outside the tag
    manifest, so the bag itself does not change)."""
    request = ExportRequest(tsa_urls=urls, proxy=proxy)
    if bundle.is_dir():
        existing = {p.relative_to(bundle).as_posix() for p in bundle.rglob("*") if p.is_file()}
        tagmanifest = (bundle / "tagmanifest-sha256.txt").read_bytes()
        stamped, failures = _timestamps(None, _ExistingDir(bundle), tagmanifest, request, existing)
        return stamped, tuple(str(failure) for failure in failures)
    if not zipfile.is_zipfile(bundle):
        raise NotABundleToTimestamp(path=str(bundle))
    with zipfile.ZipFile(bundle, "a", compression=zipfile.ZIP_STORED) as archive:
        names = [n for n in archive.namelist() if not n.endswith("/")]
        top = names[0].split("/", 1)[0]
        existing = {n.split("/", 1)[1] for n in names}
        tagmanifest = archive.read(f"{top}/tagmanifest-sha256.txt")
        stamped, failures = _timestamps(None, _AppendZip(archive, top), tagmanifest, request, existing)
        return stamped, tuple(str(failure) for failure in failures)


class _ExistingDir(DirWriter):
    def __init__(self, root: Path) -> None:
        self.root = root


class _AppendZip(ZipWriter):
    def __init__(self, archive: zipfile.ZipFile, top: str) -> None:
        self._zip = archive
        self._top = top
