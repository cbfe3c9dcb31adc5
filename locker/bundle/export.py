"""`locker export --to-counsel`: write a signed BagIt bundle of items or a case.

The bag is assembled in a hidden partial folder next to the destination and moved into place only when complete;
an existing file or folder is never overwritten. The "exported" custody event is written in the same transaction
that produces the files naming it, so a failed export leaves no event behind.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import threading
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from locker import __version__
from locker.bundle.bagit import BAGIT_TXT, bag_info_text, manifest_text, tag_files
from locker.bundle.custody_export import export_lines
from locker.bundle.readme_verify import readme_text
from locker.bundle.report import ReportItem, build_report
from locker.bundle.signing import NAMESPACE, allowed_signers_line, minisign_public_key, minisign_sign, sshsig_sign
from locker.bundle.timestamp import TimestampError, timestamp_bag
from locker.crypto.identity import fingerprint as key_fingerprint
from locker.crypto.identity import unwrap_identity
from locker.errors import Interrupted, LockerError, OutputExistsError
from locker.fsutil import make_private_dir, sanitise_filename
from locker.metadata.store import raw_metadata, thumbnail
from locker.vault.chunks import iter_verified_chunks
from locker.vault.custody import Action, append_event, events
from locker.vault.items import Item, get_item, list_items
from locker.vault.vault import Vault

PRINCIPAL = "evidence-locker-sender"
_ID_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


@dataclass(frozen=True)
class ExportRequest:
    """What to export: explicit item ids, or every item of a case."""

    item_ids: tuple[str, ...] = ()
    case: str | None = None
    recipient: str = ""
    tsa_urls: tuple[str, ...] = ()
    proxy: str | None = None


@dataclass(frozen=True)
class ExportResult:
    bundle_id: str
    path: Path
    items: int
    payload_bytes: int
    fingerprint: str
    timestamps: tuple[str, ...] = ()  # one line per token: TSA and its time
    timestamp_errors: tuple[str, ...] = ()  # why a TSA gave none; the bundle is written anyway


def _select(vault: Vault, request: ExportRequest) -> list[Item]:
    with vault.session() as conn:
        if request.item_ids:
            chosen = [get_item(conn, item_id) for item_id in request.item_ids]
        else:
            chosen = list_items(conn, request.case)
    unique = {item.id: item for item in chosen}
    if not unique:
        where = f" in case {request.case!r}" if request.case else ""
        raise LockerError(f"There is nothing to export{where}.")
    return list(unique.values())


def export_bundle(
    vault: Vault,
    out: Path,
    request: ExportRequest,
    progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
) -> ExportResult:
    """Write the bundle to `out` (a folder, or a .zip file). Refuses to overwrite anything."""
    if out.exists() or out.is_symlink():
        raise OutputExistsError(f"{out} already exists; choose another name. Nothing was written.")
    items = _select(vault, request)
    work = out.parent / f".{out.name}.partial-{secrets.token_hex(4)}"
    make_private_dir(work)
    try:
        result = _assemble(vault, work, items, request, progress, cancel)
        stamped, errors = add_timestamps(vault, work, request.tsa_urls, request.proxy)
        _finish(work, out)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return ExportResult(result.bundle_id, out, result.items, result.payload_bytes, result.fingerprint, stamped, errors)


def add_timestamps(
    vault: Vault | None, bag: Path, urls: tuple[str, ...], proxy: str | None = None
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Ask each TSA for a token over the tag manifest; a failure is reported, never fatal."""
    stamped: list[str] = []
    errors: list[str] = []
    tagmanifest = (bag / "tagmanifest-sha256.txt").read_bytes()
    for url in urls:
        try:
            info = timestamp_bag(bag / "signatures", tagmanifest, url, proxy)
        except TimestampError as exc:
            errors.append(str(exc))
            continue
        stamped.append(f"{info.gen_time} by {info.tsa_subject}")
        if vault is not None:
            with vault.transaction() as conn:
                append_event(conn, Action.TIMESTAMPED, details={"tsa": url, "time": info.gen_time})
    return tuple(stamped), tuple(errors)


def _assemble(
    vault: Vault,
    bag: Path,
    items: list[Item],
    request: ExportRequest,
    progress: Callable[[int, int], None] | None,
    cancel: threading.Event | None,
) -> ExportResult:
    bundle_id = "B" + "".join(secrets.choice(_ID_ALPHABET) for _ in range(9))
    total = sum(item.size for item in items)
    done = 0
    sha256_entries: list[tuple[str, str]] = []
    sha512_entries: list[tuple[str, str]] = []
    records: list[dict[str, Any]] = []
    report_items: list[ReportItem] = []
    for item in items:
        relative = f"data/items/{item.id}/{sanitise_filename(item.name)}"
        target = bag / relative
        make_private_dir(target.parent)
        h256, h512 = hashlib.sha256(), hashlib.sha512()
        with vault.session() as conn, open(target, "xb") as fh:
            # Every chunk and the whole file are re-verified against the vault's records on the way out.
            for data in iter_verified_chunks(conn, item):
                if cancel is not None and cancel.is_set():
                    raise Interrupted("Export stopped by the user; nothing was written.")
                fh.write(data)
                h256.update(data)
                h512.update(data)
                done += len(data)
                if progress is not None:
                    progress(done, total)
        if (h256.hexdigest(), h512.hexdigest()) != (item.sha256, item.sha512):
            raise LockerError(f"Item {item.id} changed while it was exported; nothing was written.")
        sha256_entries.append((relative, item.sha256))
        sha512_entries.append((relative, item.sha512))
        record = item.to_json()
        record["path"] = relative
        record["raw_metadata"] = raw_metadata(vault, item.id) if item.metadata is not None else None
        records.append(record)
        summary = (item.metadata or {}).get("summary") if item.metadata else None
        report_items.append(
            ReportItem(item.id, relative, item.size, item.sha256, item.sha512, item.media_type, item.imported_at,
                       item.notes, summary if isinstance(summary, dict) else None, thumbnail(vault, item.id))
        )  # fmt: skip
    metadata_dir = bag / "metadata"
    make_private_dir(metadata_dir)
    (metadata_dir / "items.json").write_text(json.dumps(records, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    (bag / "manifest-sha256.txt").write_text(manifest_text(sha256_entries))
    (bag / "manifest-sha512.txt").write_text(manifest_text(sha512_entries))
    (bag / "bagit.txt").write_text(BAGIT_TXT)

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
        (metadata_dir / "custody-log.jsonl").write_text("".join(line + "\n" for line in lines))
        (metadata_dir / "report.pdf").write_bytes(
            build_report(bundle_id, request.case, request.recipient, fingerprint, report_items, lines, event.time_utc)
        )
        (bag / "README-VERIFY.txt").write_text(readme_text(fingerprint, PRINCIPAL, NAMESPACE))
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
        (bag / "bag-info.txt").write_text(bag_info_text([(k, v) for k, v in info if v]))
        tag_entries = [
            (str(p.relative_to(bag).as_posix()), hashlib.sha256(p.read_bytes()).hexdigest()) for p in tag_files(bag)
        ]
        tagmanifest = manifest_text(tag_entries).encode("utf-8")
        (bag / "tagmanifest-sha256.txt").write_bytes(tagmanifest)
        _sign(vault, bag, tagmanifest, bundle_id, identity.public_raw)
    return ExportResult(bundle_id, bag, len(items), total, fingerprint)


def _sign(vault: Vault, bag: Path, tagmanifest: bytes, bundle_id: str, public_raw: bytes) -> None:
    signatures = bag / "signatures"
    make_private_dir(signatures)
    private = unwrap_identity(vault.master_key, vault.identity())
    comment = f"Evidence Locker bundle {bundle_id}, key {key_fingerprint(public_raw)}"
    (signatures / "tagmanifest-sha256.txt.minisig").write_text(minisign_sign(private, tagmanifest, comment))
    (signatures / "tagmanifest-sha256.txt.sshsig").write_text(sshsig_sign(private, tagmanifest))
    (signatures / "minisign.pub").write_text(minisign_public_key(public_raw))
    (signatures / "allowed_signers").write_text(allowed_signers_line(PRINCIPAL, public_raw))
    # The same key as a plain OpenSSH public key, for `ssh-keygen -lf` to print its fingerprint.
    (signatures / "signing-key.pub").write_text(allowed_signers_line(PRINCIPAL, public_raw).split(" ", 2)[2])


def _finish(work: Path, out: Path) -> None:
    """Move the finished bag into place: a folder by rename, a .zip written beside it then linked."""
    for path in work.rglob("*"):
        os.chmod(path, 0o700 if path.is_dir() else 0o600)
    if out.suffix.lower() != ".zip":
        if out.exists():
            raise OutputExistsError(f"{out} appeared while exporting; nothing was overwritten.")
        work.rename(out)
        return
    partial_zip = out.with_name(f".{out.name}.partial-{secrets.token_hex(4)}")
    with zipfile.ZipFile(partial_zip, "x", compression=zipfile.ZIP_STORED) as archive:
        root = out.stem
        for path in sorted(work.rglob("*")):
            if path.is_file():
                archive.write(path, f"{root}/{path.relative_to(work).as_posix()}")
    try:
        os.link(partial_zip, out)  # fails instead of replacing a file that appeared meanwhile
    except FileExistsError as exc:
        raise OutputExistsError(f"{out} appeared while exporting; nothing was overwritten.") from exc
    finally:
        partial_zip.unlink()
    shutil.rmtree(work)
