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

import contextlib
import dataclasses
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from locker.errors import LockerError, OutputAppeared, OutputExistsError
from locker.vault import db

_PREFIX = "pending-output:"


@dataclass(frozen=True)
class PendingOutput:
    token: str
    partial: Path
    out: Path
    state: str  # "writing" or "written"
    #: The file system the output is written on: a USB stick that is not plugged in leaves an empty mount point,
    #: where the partial files are "missing" but not gone.
    device: int | None = None


def _key(token: str) -> str:
    return _PREFIX + token


def _save(conn: db.Connection, pending: PendingOutput) -> None:
    paths = {"partial": os.fsdecode(pending.partial), "out": os.fsdecode(pending.out)}
    value = json.dumps({**paths, "state": pending.state, "device": pending.device})
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (_key(pending.token), value),
    )


def begin(conn: db.Connection, token: str, partial: Path, out: Path) -> PendingOutput:
    try:
        device: int | None = partial.parent.stat().st_dev
    except OSError:
        device = None
    pending = PendingOutput(token, partial, out, "writing", device)
    _save(conn, pending)
    return pending


def mark_written(conn: db.Connection, pending: PendingOutput) -> None:
    _save(conn, dataclasses.replace(pending, state="written"))


def finish(conn: db.Connection, token: str) -> None:
    conn.execute("DELETE FROM meta WHERE key = ?", (_key(token),))


def pending_outputs(conn: db.Connection) -> list[PendingOutput]:
    rows = conn.execute("SELECT key, value FROM meta WHERE key LIKE ?", (_PREFIX + "%",)).fetchall()
    found = []
    for key, value in rows:
        try:
            data = json.loads(value)
            device = data.get("device")
            found.append(
                PendingOutput(
                    key[len(_PREFIX) :], Path(data["partial"]), Path(data["out"]), str(data["state"]),
                    device if isinstance(device, int) else None,
                )
            )  # fmt: skip
        except (ValueError, KeyError, TypeError):
            continue
    return found


def remove_partial(partial: Path, device: int | None = None) -> bool:
    """Remove a partial output (a folder or a file), never following a link; True only when it is gone from a
    folder that could be seen on the same file system (a drive that is not mounted proves nothing)."""
    if not _reachable(partial, device):
        return False
    with contextlib.suppress(OSError):
        if partial.is_dir() and not partial.is_symlink():
            shutil.rmtree(partial, ignore_errors=True)
        else:
            partial.unlink(missing_ok=True)
    return not os.path.lexists(partial)


def _reachable(path: Path, device: int | None) -> bool:
    try:
        st = path.parent.stat()
    except OSError:
        return False
    return device is None or st.st_dev == device


def move_into_place(partial: Path, out: Path) -> None:
    """A folder by rename; a file by link, which fails instead of replacing a file that appeared meanwhile."""
    if partial.is_dir():
        if out.exists() or out.is_symlink():
            raise OutputAppeared(path=str(out))
        partial.rename(out)
        return
    try:
        os.link(partial, out)
    except FileExistsError as exc:
        if _same_file(partial, out):  # killed between the link and the unlink: the bundle is in place already
            partial.unlink()
            return
        raise OutputAppeared(path=str(out)) from exc
    partial.unlink(missing_ok=True)


def _same_file(a: Path, b: Path) -> bool:
    try:
        sa, sb = os.lstat(a), os.lstat(b)
    except OSError:
        return False
    return (sa.st_dev, sa.st_ino) == (sb.st_dev, sb.st_ino)


def place_finished(partial: Path, out: Path, token: str) -> Path:
    """Put a finished bundle at `out`; if something appeared there meanwhile, next to it under a visible name
    (never overwriting, never leaving it hidden). Where it ended up."""
    try:
        move_into_place(partial, out)
        return out
    except OutputExistsError:
        beside = out.with_name(f"{out.stem}-{token}{out.suffix}" if out.suffix else f"{out.name}-{token}")
        move_into_place(partial, beside)
        return beside


def recover(conn: db.Connection) -> list[str]:
    """Complete or undo what an interrupted export left; one plain sentence per output, for the user. A row stays
    (and is tried again at the next unlock) while its partial output cannot be confirmed gone or placed."""
    said = []
    for pending in pending_outputs(conn):
        shown_out, shown_partial = os.fsdecode(pending.out), os.fsdecode(pending.partial)
        try:
            if pending.state == "written" and os.path.lexists(pending.partial):
                # Its event is in the log: finish the move (beside OUT if something took its place).
                final = place_finished(pending.partial, pending.out, pending.token)
                said.append(f"An export interrupted at its last step was completed: {os.fsdecode(final)}.")
            elif pending.state == "written" and not _reachable(pending.partial, pending.device):
                said.append(f"A finished export at {shown_partial} cannot be reached now; it will be placed later.")
                continue
            elif pending.state != "written":
                if not remove_partial(pending.partial, pending.device):
                    said.append(
                        f"An interrupted export left partial files at {shown_partial} that could not be removed "
                        "yet (the folder is read-only or not reachable); they will be removed at a later unlock."
                    )
                    continue
                said.append(f"An interrupted export's partial files were removed ({shown_out}).")
        except (OSError, LockerError) as exc:
            said.append(f"An interrupted export at {shown_partial} could not be finished yet ({exc}); retried later.")
            continue
        finish(conn, pending.token)
    return said
