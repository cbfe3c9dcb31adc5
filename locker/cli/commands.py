"""The `locker` subcommands. Each takes parsed arguments and a `Console` and returns an exit code."""

from __future__ import annotations

import argparse
import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from locker import __version__
from locker.bundle.export import ExportRequest, add_timestamps, export_bundle
from locker.bundle.public_tsas import DEFAULT_TSA_URLS
from locker.bundle.tsa_trust import TrustStore, TsaRootStore, default_roots_path, load_root_file
from locker.bundle.verify import verify_bundle
from locker.cli.format import TerminalProgress, human_size, printable
from locker.cli.metadata_view import record_of, sanitised_lines, summary_lines
from locker.cli.passphrase import PassphraseSource
from locker.cli.verdict_text import cli_language, verdict_lines
from locker.crypto.identity import spoken_fingerprint
from locker.errors import (
    EXIT_FAILED,
    EXIT_OK,
    DiskFullError,
    Interrupted,
    UsageError,
    VaultExistsError,
    VaultNotFoundError,
)
from locker.ingest.importer import ImportOptions, ImportOutcome, ImportProgress, ImportStatus, import_files
from locker.metadata.legacy_thumbnails import convert_legacy_thumbnails
from locker.metadata.model import MetadataStatus
from locker.metadata.store import extract_metadata, items_without_metadata, raw_metadata
from locker.panic import attempts
from locker.panic.channel import PanicMode, send_panic
from locker.panic.duress import DURESS_WARNING, clear_duress, set_duress
from locker.panic.erase import crypto_erase
from locker.sandbox.runner import SandboxRunner
from locker.senders import SenderStore, default_senders_path
from locker.vault.check import check_vault
from locker.vault.custody import CustodyEvent, events, verify_chain
from locker.vault.extract import extract_item
from locker.vault.items import get_item, list_items, set_notes
from locker.vault.paths import default_vault_dir
from locker.vault.vault import Vault, vault_exists


@dataclass
class Console:
    """The streams a command talks to; injected so tests need no globals."""

    stdin: TextIO
    stdout: TextIO
    stderr: TextIO

    def out(self, text: str = "") -> None:
        self.stdout.write(valid_text(text) + "\n")

    def err(self, text: str) -> None:
        self.stderr.write(valid_text(text) + "\n")

    def json(self, data: Any) -> None:
        self.stdout.write(valid_text(json.dumps(data, ensure_ascii=False, indent=2)) + "\n")


def valid_text(text: str) -> str:
    """`text` with the lone surrogates that stand for a path's non-UTF-8 bytes shown as U+FFFD: printing them would
    fail in a UTF-8 locale (after the work is done) or write invalid UTF-8 in others."""
    if not any("\ud800" <= ch <= "\udfff" for ch in text):
        return text
    return "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in text)


def vault_dir(args: argparse.Namespace) -> Path:
    return Path(args.vault).expanduser() if args.vault else default_vault_dir()


def open_vault(args: argparse.Namespace, console: Console) -> Vault:
    source = PassphraseSource(args.passphrase_stdin, console.stdin, console.stderr)
    root = vault_dir(args)
    if not vault_exists(root):
        # Ask for nothing if there is nothing to open.
        raise VaultNotFoundError(f"There is no vault at {root}. Create one with `locker init`.")
    vault = Vault.open(root, source.read(f"Passphrase for {root}: "))
    for sentence in vault.recovered:
        console.err(f"locker: {sentence}")
    return vault


def cmd_init(args: argparse.Namespace, console: Console) -> int:
    root = vault_dir(args)
    if vault_exists(root):
        raise VaultExistsError(f"A vault already exists at {root}; it was not touched.")
    console.err("If you forget this passphrase, nobody can recover the vault: not you, not us.")
    passphrase = PassphraseSource(args.passphrase_stdin, console.stdin, console.stderr).read_new("New passphrase: ")
    console.err("Measuring this computer to set the passphrase cost (about a second)...")
    with Vault.create(root, passphrase) as vault:
        console.out(f"Created vault: {root}")
        console.out(f"Signing key fingerprint: {vault.fingerprint()}")
    return EXIT_OK


def cmd_import(args: argparse.Namespace, console: Console) -> int:
    progress_line = TerminalProgress(console.stderr)

    def on_progress(p: ImportProgress) -> None:
        progress_line.show(
            f"{human_size(p.bytes_done)} / {human_size(p.bytes_total)}  "
            f"file {min(p.files_done + 1, p.files_total)} of {p.files_total}: {printable(p.current_name)}"
        )

    options = ImportOptions(
        case=args.case,
        note=args.note or "",
        remove_source=args.remove_source,
        extract_metadata=not args.no_metadata,
        strip=args.strip,
    )
    with open_vault(args, console) as vault:
        try:
            outcomes = import_files(vault, [Path(p) for p in args.paths], options, on_progress, threading.Event())
        except (Interrupted, DiskFullError) as exc:
            progress_line.done()
            _report_imports(args, console, [o for o in exc.finished or [] if isinstance(o, ImportOutcome)])
            raise
        finally:
            progress_line.done()
    return _report_imports(args, console, outcomes)


def _report_imports(args: argparse.Namespace, console: Console, outcomes: list[ImportOutcome]) -> int:
    """Every file's outcome, which sources were removed, one summary line; exit 0 only if nothing was refused
    and every source asked to be removed was removed."""
    if args.json:
        console.json(
            [
                {
                    "name": o.name,
                    "status": str(o.status),
                    "id": o.item_id,
                    "message": o.message,
                    "source_removed": o.source_removed,
                }
                for o in outcomes
            ]
        )
    else:
        for o in outcomes:
            text = f"{o.status:<9}  {o.item_id or '-':<8}  {printable(o.name)}"
            notes = [o.message] if o.message else []
            if o.metadata is not None and o.metadata.status is not MetadataStatus.OK:
                notes.append(o.metadata.describe_status())
            elif o.metadata is not None and o.metadata.summary.has_gps:
                notes.append("carries a GPS position")
            if o.source_removed:
                notes.append("source removed")
            console.out(text + (f"  ({printable('; '.join(notes))})" if notes else ""))
    removed = [o for o in outcomes if o.source_removed]
    kept = [o for o in outcomes if args.remove_source and o.status is ImportStatus.IMPORTED and not o.source_removed]
    if removed:
        console.err(
            f"{len(removed)} source(s) were overwritten and deleted. On SSDs and some file systems old copies may "
            "survive on the disk; only full-disk encryption protects against that."
        )
    if kept:
        console.err(f"{len(kept)} imported source(s) were left in place, unchanged (the reason is on each line).")
    failed = sum(o.status is ImportStatus.FAILED for o in outcomes)
    imported = sum(o.status is ImportStatus.IMPORTED for o in outcomes)
    duplicates = sum(o.status is ImportStatus.DUPLICATE for o in outcomes)
    console.err(f"{imported} imported, {duplicates} already in the vault, {failed} refused.")
    return EXIT_FAILED if failed or kept else EXIT_OK


def cmd_list(args: argparse.Namespace, console: Console) -> int:
    with open_vault(args, console) as vault, vault.session() as conn:
        items = list_items(conn, args.case)
    if args.json:
        rows = []
        for item in items:
            data = item.to_json()
            record = record_of(item.metadata)
            data["metadata_status"] = str(record.status) if record else None
            data["capture_time"] = record.summary.capture_time if record else None
            data["has_gps"] = record.summary.has_gps if record else None
            rows.append(data)
        console.json(rows)
        return EXIT_OK
    if not items:
        console.out("The vault holds no items" + (f" in case {printable(args.case)!r}." if args.case else "."))
        return EXIT_OK
    console.out(f"{'ID':<8}  {'SIZE':>10}  {'TYPE':<20}  {'CAPTURED (file says)':<25}  {'GPS':<3}  NAME")
    for item in items:
        record = record_of(item.metadata)
        if record is None:
            captured, gps = "not read yet", "?"
        elif record.status is not MetadataStatus.OK:
            captured, gps = "unreadable" if record.status is MetadataStatus.UNREADABLE else "-", "?"
        else:
            captured = (record.summary.capture_time or "-").replace("T", " ")
            gps = "yes" if record.summary.has_gps else "no"
        console.out(
            f"{item.id:<8}  {human_size(item.size):>10}  {item.media_type[:20]:<20}  {captured[:25]:<25}  "
            f"{gps:<3}  {printable(item.name)}"
        )
    return EXIT_OK


def _event_json(event: CustodyEvent) -> dict[str, Any]:
    return {
        "seq": event.seq,
        "time_utc": event.time_utc,
        "action": event.action,
        "item": event.item,
        "details": event.details,
        "prev_sha256": event.prev_sha256,
        "sha256": event.sha256,
    }


def cmd_show(args: argparse.Namespace, console: Console) -> int:
    with open_vault(args, console) as vault:
        with vault.session() as conn:
            item = get_item(conn, args.item)
            history = events(conn, item.id)
        raw = raw_metadata(vault, item.id) if args.json and item.metadata is not None else None
    if args.json:
        data = item.to_json()
        data["raw_metadata"] = raw
        data["custody"] = [_event_json(e) for e in history]
        console.json(data)
        return EXIT_OK
    rows = [
        ("Item", item.id),
        ("Name", printable(item.name)),
        ("Size", f"{item.size} bytes ({human_size(item.size)})"),
        ("Type", item.media_type),
        ("Case", printable(item.case or "-")),
        ("SHA-256", item.sha256),
        ("SHA-512", item.sha512),
        ("Imported (UTC)", item.imported_at),
        ("File modified (UTC)", item.source_mtime or "unknown"),
        ("Notes", printable(item.notes) or "-"),
        ("Tags", ", ".join(item.tags) or "-"),
        *sanitised_lines(item.sanitised),
        *summary_lines(record_of(item.metadata)),
    ]
    for label, value in rows:
        console.out(f"{label + ':':<23}{value}")
    console.out("Custody (laptop clock, UTC):")
    for event in history:
        console.out(f"  #{event.seq:<5} {event.time_utc}  {event.action}")
    return EXIT_OK


def cmd_extract(args: argparse.Namespace, console: Console) -> int:
    with open_vault(args, console) as vault:
        result = extract_item(vault, args.item, Path(args.out), cancel=threading.Event())
    console.out(f"Wrote {args.out}: {result.item.size} bytes, SHA-256 {result.item.sha256} (verified).")
    if not result.logged:
        console.err("Warning: the extraction could not be recorded in the custody log (the vault is not writable).")
    return EXIT_OK


def cmd_note(args: argparse.Namespace, console: Console) -> int:
    with open_vault(args, console) as vault, vault.transaction() as conn:
        item = get_item(conn, args.item)
        set_notes(conn, item.id, args.text)
    console.out(f"Notes of {item.id} updated.")
    return EXIT_OK


def cmd_log(args: argparse.Namespace, console: Console) -> int:
    with open_vault(args, console) as vault, vault.session() as conn:
        history = events(conn)
        report = verify_chain(conn) if args.verify else None
    if args.json:
        data: Any = [_event_json(e) for e in history]
        if report is not None:
            data = {
                "events": data,
                "verified": report.ok,
                "head_sha256": report.head_sha256,
                "first_broken_seq": report.first_broken_seq,
                "reason": report.reason,
            }
        console.json(data)
    else:
        for event in history:
            console.out(f"#{event.seq:<5} {event.time_utc}  {event.action:<19} {event.item or '-':<8}  {event.sha256}")
        if report is not None:
            if report.ok:
                console.out(f"Custody log verified: {report.events} events, head {report.head_sha256}.")
            else:
                console.out(f"Custody log BROKEN at event {report.first_broken_seq}: {report.reason}.")
    return EXIT_OK if report is None or report.ok else EXIT_FAILED


SLOT_REWRAPPED_MESSAGE = (
    "Passphrase changed. The old passphrase no longer opens this vault's header; a copy of the header taken before "
    "this change still opens it with the old passphrase - use --rekey to make such copies useless."
)
REKEYED_MESSAGE = (
    "The vault was re-encrypted under a new key, and the old database overwritten. A copy of the key header taken "
    "before opens nothing on this disk now, whatever passphrase it is used with. A copy of the whole vault folder "
    "taken before still opens with the passphrase it had then, and shows what the vault held at that time. (SSDs "
    "and copy-on-write file systems may keep old blocks we cannot reach.)"
)


def cmd_passwd(args: argparse.Namespace, console: Console) -> int:
    source = PassphraseSource(args.passphrase_stdin, console.stdin, console.stderr)
    root = vault_dir(args)
    with Vault.open(root, source.read(f"Current passphrase for {root}: ")) as vault:
        for sentence in vault.recovered:
            console.err(f"locker: {sentence}")
        new_passphrase = source.read_new("New passphrase: ")
        if not args.rekey:
            vault.change_passphrase(new_passphrase)
            console.out(SLOT_REWRAPPED_MESSAGE)
            return EXIT_OK
        progress_line = TerminalProgress(console.stderr)
        try:
            vault.rekey(
                new_passphrase,
                lambda done, total: progress_line.show(f"re-encrypting: {human_size(done)} / {human_size(total)}"),
            )
        finally:
            progress_line.done()
    console.out(REKEYED_MESSAGE)
    return EXIT_OK


def cmd_check(args: argparse.Namespace, console: Console) -> int:
    progress_line = TerminalProgress(console.stderr)
    with open_vault(args, console) as vault:
        try:
            report = check_vault(vault, lambda done, total: progress_line.show(f"item {done} of {total}"))
        finally:
            progress_line.done()
    if report.ok:
        console.out(
            f"Vault OK: pages authenticated, structure intact, {report.items_checked} items "
            f"({human_size(report.bytes_checked)}) match their hashes, {report.custody_events} custody events chained."
        )
        return EXIT_OK
    console.out(f"Vault check FAILED ({len(report.problems)} problems):")
    for problem in report.problems:
        console.out(f"  - {problem}")
    return EXIT_FAILED


def cmd_reindex(args: argparse.Namespace, console: Console) -> int:
    progress_line = TerminalProgress(console.stderr)
    with open_vault(args, console) as vault:
        if args.all:
            with vault.session() as conn:
                targets = [item.id for item in list_items(conn)]
        else:
            targets = items_without_metadata(vault)
        unreadable = 0
        with SandboxRunner() as runner:
            converted = convert_legacy_thumbnails(vault, runner)
            if converted:
                console.out(f"Thumbnails converted to the current format: {converted}.")
            try:
                for index, item_id in enumerate(targets, start=1):
                    progress_line.show(f"reading metadata: item {index} of {len(targets)}")
                    vault.stop_if_erased()
                    record = extract_metadata(vault, item_id, runner)
                    if record.status is MetadataStatus.UNREADABLE:
                        unreadable += 1
                        console.out(f"{item_id}  {printable(record.describe_status())}")
            finally:
                progress_line.done()
    console.out(f"Metadata read for {len(targets)} item(s); unreadable: {unreadable}.")
    return EXIT_OK


def cmd_panic(args: argparse.Namespace, console: Console) -> int:
    """No passphrase, no questions: tell a running app, then (unless --lock-only) crypto-erase."""
    root = vault_dir(args)
    mode = PanicMode.LOCK if args.lock_only else PanicMode.ERASE
    reached = send_panic(root, mode)
    if mode is PanicMode.LOCK:
        console.out("The running app locked the vault." if reached else "No running app had this vault open.")
        return EXIT_OK
    report = crypto_erase(root)
    if report.header_destroyed and report.header_seconds is not None:
        console.out(f"Vault erased: key header destroyed in {report.header_seconds * 1000:.1f} ms.")
    elif reached:
        console.out("Vault erased by the running app.")
    else:
        console.out(f"There was no vault to erase at {root}.")
    return EXIT_OK


def cmd_duress(args: argparse.Namespace, console: Console) -> int:
    source = PassphraseSource(args.passphrase_stdin, console.stdin, console.stderr)
    with open_vault(args, console) as vault:
        if args.action == "clear":
            removed = clear_duress(vault)
            console.out("Duress passphrase removed." if removed else "This vault had no duress passphrase.")
            return EXIT_OK
        console.err(DURESS_WARNING)
        set_duress(vault, source.read_new("Duress passphrase: "))
    console.out(
        "Duress passphrase set. Typing it instead of your passphrase will erase this vault. Afterwards the vault "
        "looks like one whose passphrase is not known: every passphrase, yours too, gets 'The passphrase is wrong.'"
    )
    return EXIT_OK


def cmd_wipe_after(args: argparse.Namespace, console: Console) -> int:
    with open_vault(args, console) as vault:
        if args.count == "off":
            attempts.disable(vault.paths.root)
            console.out("Wrong passphrases no longer erase this vault.")
            return EXIT_OK
        try:
            limit = int(args.count)
            attempts.enable(vault.paths.root, limit)
        except ValueError as exc:
            raise UsageError(f"Give a number from 1 to {attempts.MAX_LIMIT}, or off.") from exc
    console.out(
        f"This vault will be erased after {limit} wrong passphrases in a row; each wrong one says how many are "
        "left. Afterwards the vault looks like one whose passphrase is not known: every passphrase, yours too, gets "
        "'The passphrase is wrong.' The setting is visible to anyone who looks at the vault folder, and it does "
        "nothing against someone who copied the folder first."
    )
    return EXIT_OK


def cmd_fingerprint(args: argparse.Namespace, console: Console) -> int:
    with open_vault(args, console) as vault:
        fingerprint = vault.fingerprint()
    console.out(fingerprint)
    console.out(f"Read aloud / Для чтения вслух: {spoken_fingerprint(fingerprint)}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace, console: Console) -> int:
    if args.case and args.items:
        raise UsageError("Export either a case (--case) or items, not both.")
    if not args.case and not args.items:
        raise UsageError("Say what to export: --case NAME, or one or more item ids.")
    progress_line = TerminalProgress(console.stderr)
    source = PassphraseSource(args.passphrase_stdin, console.stdin, console.stderr)
    age_recipient = sevenzip_password = None
    if args.encrypt and args.encrypt.startswith("age:"):
        age_recipient = args.encrypt.removeprefix("age:")
    elif args.encrypt == "7z":
        pass  # asked for after the vault's passphrase, below
    elif args.encrypt:
        raise UsageError("--encrypt takes age:RECIPIENT or 7z.")
    with open_vault(args, console) as vault:
        if args.encrypt == "7z":
            sevenzip_password = source.read_new("Password for the 7z archive (give it to counsel separately): ")
            if not sevenzip_password:
                raise UsageError("The 7z password must not be empty.")
        request = ExportRequest(
            item_ids=tuple(args.items), case=args.case, recipient=args.recipient or "",
            tsa_urls=tsa_addresses(args.tsa), proxy=args.proxy, age_recipient=age_recipient,
            sevenzip_password=sevenzip_password,
        )  # fmt: skip
        try:
            result = export_bundle(
                vault, Path(args.to_counsel), request,
                lambda done, total: progress_line.show(f"{human_size(done)} / {human_size(total)}"),
            )  # fmt: skip
        finally:
            progress_line.done()
    console.out(f"Bundle {result.bundle_id} written to {result.path}: {result.items} item(s), "
                f"{human_size(result.payload_bytes)}.")  # fmt: skip
    console.out(f"Signing key fingerprint (read it to counsel by phone): {result.fingerprint}")
    for line in result.timestamps:
        console.out(f"Trusted timestamp: {line}")
    for error in result.timestamp_errors:
        console.err(f"No trusted timestamp: {error}")
    if not result.timestamps:
        console.out("The bundle has no trusted time; add one later with `locker timestamp BUNDLE --tsa URL`.")
    return EXIT_OK


def cmd_timestamp(args: argparse.Namespace, console: Console) -> int:
    stamped, errors = add_timestamps(Path(args.bundle), tsa_addresses(args.tsa), args.proxy)
    for line in stamped:
        console.out(f"Trusted timestamp added: {line}")
    for error in errors:
        console.err(f"No trusted timestamp: {error}")
    return EXIT_OK if stamped else EXIT_FAILED


def tsa_addresses(given: list[str] | None) -> tuple[str, ...]:
    """The TSA URLs to ask: 'default' stands for the two independent public defaults."""
    urls: list[str] = []
    for url in given or ():
        for expanded in DEFAULT_TSA_URLS if url.strip().lower() == "default" else (url.strip(),):
            if expanded not in urls:
                urls.append(expanded)
    return tuple(urls)


def cmd_verify(args: argparse.Namespace, console: Console) -> int:
    password = None
    if Path(args.bundle).suffix.lower() == ".7z":
        password = PassphraseSource(args.password_stdin, console.stdin, console.stderr).read("7z password: ")
    identity = Path(args.age_identity) if args.age_identity else None
    store = SenderStore(default_senders_path())
    extra = tuple(cert for path in args.tsa_root or () for cert in load_root_file(Path(path)))
    trust = TrustStore.build(TsaRootStore(default_roots_path()), extra)
    result = verify_bundle(
        Path(args.bundle), args.fingerprint, identity, password, known_senders=store.by_fingerprint(), tsa_trust=trust
    )
    if args.json:
        console.json(result.to_json())
    else:
        for check in result.checks:
            mark = {"pass": "OK  ", "fail": "FAIL", "not recorded": "N/A ", "untrusted time": "WARN"}[check.status]
            console.out(f"{mark}  {check.name:<24} {printable(check.detail)}")
        console.out()
        for line in verdict_lines(result, cli_language(args.lang)):
            console.out(line)
    return result.exit_code


def cmd_self_test(args: argparse.Namespace, console: Console) -> int:
    from locker.selftest import run_self_test  # noqa: PLC0415 - loads the parsers only for this command

    console.out(f"Evidence Locker {__version__} self-test in a temporary folder:")
    ok = run_self_test(console.out)
    console.out("Self-test passed." if ok else "Self-test FAILED.")
    return EXIT_OK if ok else EXIT_FAILED


def cmd_gui(args: argparse.Namespace, console: Console) -> int:
    try:
        from ui.app import main as gui_main  # noqa: PLC0415 - the core runs without Qt; only this command needs it
    except ImportError as exc:
        raise UsageError(f"the desktop app is not installed here ({exc.name} is missing)") from exc
    vault = args.vault or os.environ.get("LOCKER_VAULT")
    return gui_main(["--vault", vault] if vault else [])
