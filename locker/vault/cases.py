"""Cases (a court fine, a trial) and the annotations that place items in them: case, tags. Every change is a
custody event, so the log says who put what where, and when."""

from __future__ import annotations

from dataclasses import dataclass

from locker.errors import CaseError as CaseError
from locker.errors import CaseExists, CaseNameEmpty, CaseNameTooLong, CaseNotFound
from locker.vault.custody import Action, append_event
from locker.vault.db import Connection
from locker.vault.items import ItemId, case_id, ensure_case

MAX_CASE_NAME = 200
MAX_TAG = 64
MAX_TAGS = 50


@dataclass(frozen=True)
class Case:
    name: str
    court: str
    case_number: str
    dates: str
    description: str
    item_count: int


def list_cases(conn: Connection) -> list[Case]:
    rows = conn.execute(
        "SELECT c.name, c.court, c.case_number, c.dates, c.notes, "
        "(SELECT count(*) FROM items i WHERE i.case_id = c.id) FROM cases c ORDER BY c.name"
    ).fetchall()
    return [Case(*row) for row in rows]


def create_case(conn: Connection, name: str) -> None:
    """Create an empty case. Call inside a transaction."""
    name = _clean_name(name)
    if case_id(conn, name) is not None:
        raise CaseExists(name=name)
    ensure_case(conn, name)


def rename_case(conn: Connection, old: str, new: str) -> None:
    new = _clean_name(new)
    found = case_id(conn, old)
    if found is None:
        raise CaseNotFound(name=old)
    if new != old and case_id(conn, new) is not None:
        raise CaseExists(name=new)
    conn.execute("UPDATE cases SET name = ? WHERE id = ?", (new, found))
    append_event(conn, Action.CASE_UPDATED, details={"case": new, "renamed_from": old})


def describe_case(conn: Connection, name: str, court: str, case_number: str, dates: str, description: str) -> None:
    found = case_id(conn, name)
    if found is None:
        raise CaseNotFound(name=name)
    values = {"court": court.strip(), "case_number": case_number.strip(), "dates": dates.strip(),
              "description": description.strip()}  # fmt: skip
    conn.execute(
        "UPDATE cases SET court = ?, case_number = ?, dates = ?, notes = ? WHERE id = ?",
        (values["court"], values["case_number"], values["dates"], values["description"], found),
    )
    append_event(conn, Action.CASE_UPDATED, details={"case": name, **values})


def set_item_case(conn: Connection, item_id: ItemId, name: str | None) -> None:
    """Put an item in a case (created if needed), or in none. Call inside a transaction."""
    target = ensure_case(conn, _clean_name(name)) if name else None
    conn.execute("UPDATE items SET case_id = ? WHERE id = ?", (target, item_id))
    append_event(conn, Action.ANNOTATED, item=item_id, details={"case": name or None})


def set_tags(conn: Connection, item_id: ItemId, tags: list[str]) -> tuple[str, ...]:
    """Replace an item's tags (trimmed, de-duplicated, sorted) and record them. Call inside a transaction."""
    clean = sorted({t.strip()[:MAX_TAG] for t in tags if t.strip()})[:MAX_TAGS]
    conn.execute("DELETE FROM tags WHERE item_id = ?", (item_id,))
    conn.executemany("INSERT INTO tags (item_id, tag) VALUES (?, ?)", [(item_id, t) for t in clean])
    append_event(conn, Action.ANNOTATED, item=item_id, details={"tags": clean})
    return tuple(clean)


def _clean_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise CaseNameEmpty()
    if len(cleaned) > MAX_CASE_NAME:
        raise CaseNameTooLong(limit=MAX_CASE_NAME)
    return cleaned
