"""Times are shown in the laptop's time zone with the zone named, in the app's locale; a file's own offset is kept
for the details, and a time recorded without a zone says so instead of pretending to know it."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QLocale, Qt
from pytestqt.qtbot import QtBot

from locker.timeutil import shown_time
from locker.vault.items import Item, ItemId
from ui.items_model import CAPTURED, IMPORTED, ItemsModel
from ui.time_text import recorded_text, time_text

SetZone = Callable[[str], None]


@pytest.fixture
def laptop_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[SetZone]:
    """Sets the laptop's time zone for one test (TZ + tzset), and restores it after."""

    def set_zone(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield set_zone
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def russian_locale() -> Iterator[None]:
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Russian, QLocale.Country.Russia))
    yield
    QLocale.setDefault(previous)


def _item(item_id: str, imported_at: str, capture_time: str | None) -> Item:
    summary = {"capture_time": capture_time} if capture_time else {}
    return Item(
        id=ItemId(item_id), name=f"{item_id}.jpg", size=10, sha256="a" * 64, sha512="b" * 128, chunk_count=1,
        media_type="image/jpeg", source_mtime=None, source_birthtime=None, imported_at=imported_at, case=None,
        notes="", tags=(), metadata={"status": "ok", "reader": "image", "summary": summary},
    )  # fmt: skip


def test_a_utc_time_is_converted_to_the_laptop_zone_and_names_it(laptop_zone: SetZone) -> None:
    laptop_zone("Europe/Moscow")
    moscow = shown_time("2026-03-12T14:05:31.123456Z")
    assert moscow is not None
    assert (moscow.moment.hour, moscow.moment.minute, moscow.zone, moscow.recorded_offset) == (17, 5, "MSK", "+00:00")
    laptop_zone("America/New_York")
    new_york = shown_time("2026-03-12T14:05:31.123456Z")
    assert new_york is not None
    assert (new_york.moment.hour, new_york.zone) == (10, "EDT"), "summer time began on 8 March 2026 there"
    laptop_zone("Asia/Yerevan")
    yerevan = shown_time("2026-03-12T14:05:31+00:00")
    assert yerevan is not None and yerevan.zone == "UTC+04:00", "the tz database calls it '+04': not a name"


def test_a_time_without_a_zone_is_not_converted(laptop_zone: SetZone) -> None:
    laptop_zone("America/New_York")
    naive = shown_time("2024-02-29T23:58:41")
    assert naive is not None
    assert (naive.moment.hour, naive.moment.minute, naive.zone, naive.recorded_offset) == (23, 58, None, None)
    assert shown_time("not a time") is None and shown_time("") is None


def test_list_shows_both_times_in_the_laptop_zone_in_russian(
    qtbot: QtBot, laptop_zone: SetZone, russian_locale: None
) -> None:
    laptop_zone("Europe/Moscow")
    model = ItemsModel()
    model.set_items([
        _item("A", "2026-03-12T14:05:31.000000Z", "2026-03-12T16:05:31+05:00"),  # a camera set to Yekaterinburg
        _item("B", "2026-03-12T14:06:00.000000Z", "2026-03-12T11:00:00"),  # a camera that gave no zone
    ])  # fmt: skip
    assert model.index(0, IMPORTED).data() == "12.03.2026 17:05 MSK"
    assert model.index(0, CAPTURED).data() == "12.03.2026 14:05 MSK", (
        "to the minute; +05:00 converted, not shown as written"
    )
    assert model.index(1, CAPTURED).data() == "12.03.2026 11:00 (zone unknown)"


def test_list_in_new_york_shows_new_york_times(qtbot: QtBot, laptop_zone: SetZone) -> None:
    laptop_zone("America/New_York")
    model = ItemsModel()
    model.set_items([_item("A", "2026-03-12T14:05:31.000000Z", None)])
    assert model.index(0, IMPORTED).data().endswith(" EDT")
    assert "10:05 EDT" in model.index(0, IMPORTED).data()


def test_sorting_by_time_is_chronological_not_by_the_text(
    qtbot: QtBot, laptop_zone: SetZone, russian_locale: None
) -> None:
    laptop_zone("Europe/Moscow")
    model = ItemsModel()
    model.set_items([
        _item("NEW", "2026-01-01T10:00:00.000000Z", "2026-01-01T09:00:00Z"),  # "01.01.2026" sorts first as text
        _item("OLD", "2025-12-31T10:00:00.000000Z", "2025-12-31T09:00:00Z"),
    ])  # fmt: skip
    for column in (IMPORTED, CAPTURED):
        model.sort(column, Qt.SortOrder.AscendingOrder)
        assert [model.item_at(row).id for row in range(2)] == ["OLD", "NEW"]


def test_details_keep_what_the_file_recorded(laptop_zone: SetZone, russian_locale: None) -> None:
    laptop_zone("Europe/Moscow")
    assert time_text("2026-03-12T14:05:31Z") == "12.03.2026 17:05:31 MSK"
    assert recorded_text("2026-03-12T14:05:31Z") == "recorded in the file as 2026-03-12 14:05:31 +00:00"
    assert "no time zone" in recorded_text("2024-02-29T23:58:41")
    assert recorded_text(None) == ""


def test_the_date_filter_writes_dates_as_the_list_does(qtbot: QtBot, russian_locale: None) -> None:
    """The filter showed 2026-03-12 while the list wrote 12.03.2026 (review of issue 19)."""
    from ui.filter_bar import FilterBar

    bar = FilterBar()
    qtbot.addWidget(bar)
    assert bar.date_from.displayFormat() == "dd.MM.yyyy" and bar.date_to.displayFormat() == "dd.MM.yyyy"
