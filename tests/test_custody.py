"""The custody log: canonical JSON, hash chain, and any edit is found."""

from __future__ import annotations

import hashlib
import itertools
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from locker.vault.custody import GENESIS, Action, append_event, canonical_line, events, verify_chain
from locker.vault.vault import Vault

EVENTS = 1000


@pytest.fixture
def long_log(vault: Vault) -> Vault:
    with vault.transaction() as conn:
        for i in range(EVENTS - 1):  # plus the "created" event
            append_event(conn, Action.ANNOTATED, item=f"ITEM{i % 7}", details={"notes": f"заметка {i}"})
    return vault


def test_a_thousand_events_verify_and_link(long_log: Vault) -> None:
    with long_log.session() as conn:
        report = verify_chain(conn)
        log = events(conn)
    assert report.ok and report.events == EVENTS
    assert log[0].prev_sha256 == GENESIS
    for earlier, later in itertools.pairwise(log):
        assert later.prev_sha256 == hashlib.sha256(earlier.line.encode()).hexdigest()
    assert report.head_sha256 == log[-1].sha256


@pytest.mark.parametrize("seq", [1, 2, 500, 999, EVENTS])
def test_editing_any_one_event_is_found_at_that_event(long_log: Vault, seq: int) -> None:
    with long_log.session() as conn:
        line = conn.execute("SELECT line FROM custody WHERE seq = ?", (seq,)).fetchone()[0]
        record = json.loads(line)
        record["time_utc"] = "2020-01-01T00:00:00.000000Z"
        conn.execute("UPDATE custody SET line = ? WHERE seq = ?", (canonical_line(record), seq))
        report = verify_chain(conn)
    assert not report.ok
    # An edit breaks the link from the next event (or, for the newest, the stored head).
    assert report.first_broken_seq == min(seq + 1, EVENTS)


def test_an_edit_that_also_rewrites_the_stored_hash_column_is_still_found(long_log: Vault) -> None:
    with long_log.session() as conn:
        record = json.loads(conn.execute("SELECT line FROM custody WHERE seq = 300").fetchone()[0])
        record["details"] = {"notes": "forged"}
        forged = canonical_line(record)
        conn.execute(
            "UPDATE custody SET line = ?, sha256 = ? WHERE seq = 300",
            (forged, hashlib.sha256(forged.encode()).hexdigest()),
        )
        report = verify_chain(conn)
    assert not report.ok and report.first_broken_seq == 301


def test_a_deleted_event_is_found(long_log: Vault) -> None:
    with long_log.session() as conn:
        conn.execute("DELETE FROM custody WHERE seq = 42")
        report = verify_chain(conn)
    assert not report.ok and report.first_broken_seq == 43


def test_non_canonical_whitespace_is_found(long_log: Vault) -> None:
    with long_log.session() as conn:
        line = conn.execute("SELECT line FROM custody WHERE seq = 10").fetchone()[0]
        conn.execute("UPDATE custody SET line = ? WHERE seq = 10", (line.replace(",", ", ", 1),))
        report = verify_chain(conn)
    assert not report.ok and report.first_broken_seq == 10


@given(st.dictionaries(st.text(), st.one_of(st.text(), st.integers(), st.booleans(), st.none()), max_size=8))
def test_canonical_line_is_stable_under_reordering_and_round_trips(details: dict[str, object]) -> None:
    record = {"seq": 1, "details": details, "action": "imported"}
    reordered = dict(reversed(list(record.items())))
    line = canonical_line(record)
    assert line == canonical_line(reordered)
    assert json.loads(line) == record
    assert "\n" not in line
