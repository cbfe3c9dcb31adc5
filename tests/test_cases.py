"""Cases and item annotations in the core: names are checked, every change is a custody event."""

from __future__ import annotations

import pytest

from locker.ingest.importer import ImportOptions, import_files
from locker.vault.cases import CaseError, create_case, describe_case, list_cases, rename_case, set_item_case, set_tags
from locker.vault.custody import events, verify_chain
from locker.vault.items import get_item
from locker.vault.vault import Vault
from tests.conftest import write_file


def test_case_life_cycle_is_logged(vault: Vault, tmp_path) -> None:  # type: ignore[no-untyped-def]
    [outcome] = import_files(
        vault, [write_file(tmp_path / "a.txt", b"evidence")], ImportOptions(extract_metadata=False)
    )
    assert outcome.item_id is not None
    with vault.transaction() as conn:
        create_case(conn, "  Fine   of 12 March ")
        with pytest.raises(CaseError, match="already exists"):
            create_case(conn, "Fine of 12 March")
        with pytest.raises(CaseError, match="needs a name"):
            create_case(conn, "   ")
        describe_case(conn, "Fine of 12 March", "Tverskoy court", "5-1/2026", "hearing 20 May", "the fine")
        set_item_case(conn, outcome.item_id, "Fine of 12 March")
        rename_case(conn, "Fine of 12 March", "Appeal")
        assert set_tags(conn, outcome.item_id, ["police", " arrest ", "police", ""]) == ("arrest", "police")
    with vault.session() as conn:
        [case] = list_cases(conn)
        item = get_item(conn, outcome.item_id)
        log = events(conn)
        report = verify_chain(conn)
    assert (case.name, case.court, case.case_number, case.dates, case.item_count) == (
        "Appeal", "Tverskoy court", "5-1/2026", "hearing 20 May", 1,
    )  # fmt: skip
    assert item.case == "Appeal" and item.tags == ("arrest", "police")
    actions = [e.action for e in log]
    assert actions.count("case-updated") == 2 and actions.count("annotated") == 2
    assert report.ok


def test_renaming_onto_an_existing_case_is_refused(vault: Vault) -> None:
    with vault.transaction() as conn:
        create_case(conn, "A")
        create_case(conn, "B")
    with vault.transaction() as conn, pytest.raises(CaseError, match="already exists"):
        rename_case(conn, "A", "B")
    with vault.session() as conn:
        assert [c.name for c in list_cases(conn)] == ["A", "B"]
