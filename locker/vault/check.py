"""`locker check`: SQLCipher page authentication, SQLite structure, every item's hashes, the custody chain."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from locker.errors import CheckStopped, TamperedError
from locker.vault.chunks import iter_verified_chunks
from locker.vault.custody import Action, append_event, verify_chain
from locker.vault.db import Connection, DatabaseError, check_page_count
from locker.vault.items import Item, list_items
from locker.vault.vault import Vault


@dataclass
class CheckReport:
    """What `check` found. `problems` is empty when everything holds."""

    items_checked: int = 0
    bytes_checked: int = 0
    custody_events: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_vault(
    vault: Vault,
    progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
) -> CheckReport:
    """Check everything that can be checked without counsel's tools, and log a `checked` custody event."""
    report = CheckReport()
    with vault.session() as conn:
        _step(report, "Size", lambda: check_page_count(conn, vault.paths.database))
        report.problems.extend(_pragma_problems(conn, "PRAGMA cipher_integrity_check", empty_is_ok=True))
        report.problems.extend(_pragma_problems(conn, "PRAGMA integrity_check", empty_is_ok=False))
        items = _safe_list(conn, report)
        for index, item in enumerate(items):
            if cancel is not None and cancel.is_set():
                raise CheckStopped()
            try:
                for data in iter_verified_chunks(conn, item):
                    report.bytes_checked += len(data)
            except (TamperedError, DatabaseError) as exc:
                report.problems.append(str(exc))
            report.items_checked += 1
            if progress is not None:
                progress(index + 1, len(items))

        def chain() -> None:
            result = verify_chain(conn)
            report.custody_events = result.events
            if not result.ok:
                report.problems.append(f"Custody log: {result.reason}.")

        _step(report, "Custody log", chain)
    try:
        with vault.transaction() as conn:
            append_event(
                conn,
                Action.CHECKED,
                details={"ok": report.ok, "items": report.items_checked, "problems": len(report.problems)},
            )
    except (TamperedError, DatabaseError) as exc:
        report.problems.append(f"The result could not be written to the custody log ({exc}).")
    return report


def _step(report: CheckReport, label: str, action: Callable[[], None]) -> None:
    """Run one check; a failure becomes a reported problem and the remaining checks still run."""
    try:
        action()
    except (TamperedError, DatabaseError) as exc:
        report.problems.append(f"{label}: {exc}")


def _pragma_problems(conn: Connection, pragma: str, empty_is_ok: bool) -> list[str]:
    try:
        rows = [str(row[0]) for row in conn.execute(pragma).fetchall()]
    except (DatabaseError, TamperedError) as exc:
        return [f"{pragma.removeprefix('PRAGMA ')}: {exc}"]
    if rows == ["ok"] or (empty_is_ok and not rows):
        return []
    return [f"{pragma.removeprefix('PRAGMA ')}: {row}" for row in rows[:20]]


def _safe_list(conn: Connection, report: CheckReport) -> list[Item]:
    try:
        return list_items(conn)
    except (DatabaseError, TamperedError) as exc:
        report.problems.append(f"The item list cannot be read: {exc}")
        return []
