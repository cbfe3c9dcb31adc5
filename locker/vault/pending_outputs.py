"""A journal of files the vault is writing outside itself (bundles for counsel), so the custody log tells only the
truth and no half-written copy of the evidence is left behind, whatever moment the process dies at.

An export is written to a hidden partial file or folder next to its destination. The journal (rows in the
encrypted `meta` table: the paths are private) records it in three steps:

1. `begin` (committed before the first byte is written): state "writing".
2. `mark_written`, in the *same transaction* as the `exported` custody event, after the partial output is complete
   and on disk: state "written". Either both are committed or neither is.
3. `finish`: the row is removed once the output is in place.

On every unlock, `recover` completes what a killed process left: a "writing" row's partial output is removed (it
may be plaintext evidence) and no event exists for it; a "written" row's partial output is moved into place, since
its event is in the log. So at rest there is never an event without a bundle, nor a bundle without an event.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from locker.errors import OutputExistsError
from locker.vault import db

_PREFIX = "pending-output:"


@dataclass(frozen=True)
class PendingOutput:
    token: str
    partial: Path
    out: Path
    state: str  # "writing" or "written"


def _key(token: str) -> str:
    return _PREFIX + token


def _save(conn: db.Connection, pending: PendingOutput) -> None:
    paths = {"partial": os.fsdecode(pending.partial), "out": os.fsdecode(pending.out)}
    value = json.dumps({**paths, "state": pending.state})
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (_key(pending.token), value),
    )


def begin(conn: db.Connection, token: str, partial: Path, out: Path) -> PendingOutput:
    pending = PendingOutput(token, partial, out, "writing")
    _save(conn, pending)
    return pending


def mark_written(conn: db.Connection, pending: PendingOutput) -> None:
    _save(conn, PendingOutput(pending.token, pending.partial, pending.out, "written"))


def finish(conn: db.Connection, token: str) -> None:
    conn.execute("DELETE FROM meta WHERE key = ?", (_key(token),))


def pending_outputs(conn: db.Connection) -> list[PendingOutput]:
    rows = conn.execute("SELECT key, value FROM meta WHERE key LIKE ?", (_PREFIX + "%",)).fetchall()
    found = []
    for key, value in rows:
        try:
            data = json.loads(value)
            found.append(
                PendingOutput(key[len(_PREFIX) :], Path(data["partial"]), Path(data["out"]), str(data["state"]))
            )
        except (ValueError, KeyError, TypeError):
            continue
    return found


def remove_partial(partial: Path) -> None:
    """Remove a partial output (a folder or a file), never following a link."""
    try:
        if partial.is_dir() and not partial.is_symlink():
            shutil.rmtree(partial, ignore_errors=True)
        else:
            partial.unlink(missing_ok=True)
    except OSError:
        pass


def move_into_place(partial: Path, out: Path) -> None:
    """A folder by rename; a file by link, which fails instead of replacing a file that appeared meanwhile."""
    if partial.is_dir():
        if out.exists() or out.is_symlink():
            raise OutputExistsError(f"{out} appeared while exporting; nothing was overwritten.")
        partial.rename(out)
        return
    try:
        os.link(partial, out)
    except FileExistsError as exc:
        raise OutputExistsError(f"{out} appeared while exporting; nothing was overwritten.") from exc
    partial.unlink(missing_ok=True)


def recover(conn: db.Connection) -> list[str]:
    """Complete or undo what an interrupted export left; one plain sentence per output, for the user."""
    said = []
    for pending in pending_outputs(conn):
        if pending.state == "written" and (pending.partial.exists() or pending.partial.is_symlink()):
            try:
                move_into_place(pending.partial, pending.out)
                said.append(f"An export interrupted at its last step was completed: {os.fsdecode(pending.out)}.")
            except OSError as exc:
                # Its event is in the log; the finished bundle stays under its hidden name rather than be lost.
                said.append(
                    f"A finished export could not be moved to {os.fsdecode(pending.out)} ({exc}); it is at "
                    f"{os.fsdecode(pending.partial)}."
                )
                continue
        elif pending.state != "written":
            remove_partial(pending.partial)
            said.append(f"An interrupted export's partial files were removed ({os.fsdecode(pending.out)}).")
        finish(conn, pending.token)
    return said
