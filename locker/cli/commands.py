"""The `locker` subcommands. Each takes parsed arguments and a `Console` and returns an exit code."""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from locker import __version__

# Re-exported: the command modules take Console from here (the light module is for panic and --help).
from locker.cli.common import Console as Console
from locker.cli.common import vault_dir as vault_dir
from locker.cli.errors import DesktopAppMissing
from locker.cli.format import TerminalProgress, human_size, printable
from locker.cli.metadata_view import record_of, sanitised_lines, summary_lines
from locker.cli.passphrase import PassphraseSource, wipe_handed_out
from locker.errors import EXIT_FAILED, EXIT_OK, DiskFullError, Interrupted, VaultExistsError, VaultNotFoundCreateOne
from locker.ingest.importer import ImportOptions, ImportOutcome, ImportProgress, ImportStatus, import_files
from locker.ingest.reindex import reindex
from locker.metadata.legacy_thumbnails import convert_legacy_thumbnails
from locker.metadata.model import MetadataRecord, MetadataStatus
from locker.metadata.store import items_without_metadata, raw_metadata
from locker.sandbox.runner import SandboxRunner
from locker.vault.check import check_vault
from locker.vault.custody import CustodyEvent, events, verify_chain
from locker.vault.extract import extract_item
from locker.vault.items import ItemId, get_item, list_items, set_notes
from locker.vault.vault import Vault, vault_exists


def open_vault(args: argparse.Namespace, console: Console) -> Vault:
    source = PassphraseSource(args.passphrase_stdin, console.stdin, console.stderr)
    root = vault_dir(args)
    if not vault_exists(root):
        # Ask for nothing if there is nothing to open.
        raise VaultNotFoundCreateOne(path=str(root))
    try:
        vault = Vault.open(root, source.read(f"Passphrase for {root}: "))
    finally:
        wipe_handed_out()  # the vault holds its key now; a long import need not keep the passphrase in memory
    for sentence in vault.recovered:
        console.err(f"locker: {sentence}")
    return vault


def cmd_init(args: argparse.Namespace, console: Console) -> int:
    root = vault_dir(args)
    if vault_exists(root):
        raise VaultExistsError(path=str(root))
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
    with contextlib.ExitStack() as stack:
        runner = None
        if options.extract_metadata or options.strip:
            # Started before the passphrase is asked for: the sandbox loads its parsers (0.7-0.8 s of CPU) while
            # the user types and the key is derived, not beside the import on a 2-core machine. A program of its
            # own, not a copy of this process: it never sees the key.
            runner = stack.enter_context(SandboxRunner())
            runner.prepare()
        vault = stack.enter_context(open_vault(args, console))
        try:
            outcomes = import_files(
                vault, [Path(p) for p in args.paths], options, on_progress, threading.Event(), runner
            )
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
            done = 0

            def recorded(item_id: ItemId, record: MetadataRecord) -> None:
                nonlocal done, unreadable
                done += 1
                progress_line.show(f"reading metadata: item {done} of {len(targets)}")
                if record.status is MetadataStatus.UNREADABLE:
                    unreadable += 1
                    console.out(f"{item_id}  {printable(record.describe_status())}")

            try:
                reindex(vault, targets, runner, recorded)  # several items at a time, recorded in order
            finally:
                progress_line.done()
    console.out(f"Metadata read for {len(targets)} item(s); unreadable: {unreadable}.")
    return EXIT_OK


def cmd_self_test(args: argparse.Namespace, console: Console) -> int:
    from locker.selftest import run_self_test  # noqa: PLC0415 - loads the parsers only for this command

    console.out(f"Evidence Locker {__version__} self-test in a temporary folder:")
    ok = run_self_test(console.out)
    console.out("Self-test passed." if ok else "Self-test FAILED.")
    return EXIT_OK if ok else EXIT_FAILED


def cmd_gui(args: argparse.Namespace, console: Console) -> int:
    vault = args.vault or os.environ.get("LOCKER_VAULT")
    gui_args = (["--vault", vault] if vault else []) + (["--smoke"] if args.smoke else [])
    if getattr(sys, "frozen", False):
        return _run_packaged_gui(gui_args)
    try:
        from ui.app import main as gui_main  # noqa: PLC0415 - the core runs without Qt; only this command needs it
    except ImportError as exc:
        raise DesktopAppMissing(module=str(exc.name)) from exc
    from locker.freed_memory import restart_with_scrubbing_allocator  # noqa: PLC0415

    restart_with_scrubbing_allocator()  # as `locker-gui` does: `locker gui ...` runs again, overwriting freed memory
    return gui_main(gui_args)


def _run_packaged_gui(gui_args: list[str]) -> int:
    """The packaged `locker` carries no Qt: with it, PyInstaller's Qt start-up hook loaded Qt's libraries at every
    start of `locker`, `locker panic` first. The desktop app is the `locker-gui` beside it, which this becomes."""
    gui = Path(sys.executable).with_name("locker-gui.exe" if os.name == "nt" else "locker-gui")
    if not gui.is_file():
        raise DesktopAppMissing(module="locker-gui")
    if os.name == "nt":  # no exec there: run it and pass on how it ended
        return subprocess.call([str(gui), *gui_args])
    os.execv(gui, [str(gui), *gui_args])  # noqa: S606 - our own executable beside this one, no shell
