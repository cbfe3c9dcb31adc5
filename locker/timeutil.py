"""Times as the locker writes them (UTC, ISO 8601, microseconds, a trailing Z), and as the GUI shows them (in the
laptop's time zone, with that zone named)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta


def utc_now() -> str:
    """The laptop's clock in UTC. Not trusted time: that comes from RFC 3161 tokens."""
    return format_utc(datetime.now(UTC))


def format_utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def from_timestamp(seconds: float) -> str:
    return format_utc(datetime.fromtimestamp(seconds, UTC))


@dataclass(frozen=True)
class ShownTime:
    """A recorded time as the laptop's owner reads it.

    `moment` is in the laptop's time zone when the record named its zone (`zone` then says which, e.g. "MSK" or
    "UTC+03:00"); when the record gave no zone (a camera's naive clock), `moment` is that clock's reading as written
    and `zone` is None: converting it would pretend to know where the camera was set.
    """

    moment: datetime
    zone: str | None
    #: The moment as written in the record (naive or with its own offset), for "recorded as ...".
    recorded: datetime

    @property
    def recorded_offset(self) -> str | None:
        """The offset the record itself gave ("+00:00"), None when it gave none."""
        return offset_text(self.recorded) if self.recorded.tzinfo is not None else None

    @property
    def sort_key(self) -> float:
        """Chronological order (seconds since 1970) for records with a zone; naive readings sort as if UTC."""
        aware = self.recorded if self.recorded.tzinfo is not None else self.recorded.replace(tzinfo=UTC)
        return aware.timestamp()


def shown_time(recorded: str | None) -> ShownTime | None:
    """`recorded` (ISO 8601, with or without an offset) for display in the laptop's current zone; None if empty or
    not a time this parser reads (the caller then shows the text as it is)."""
    if not recorded:
        return None
    try:
        moment = datetime.fromisoformat(recorded.strip())
    except ValueError:
        return None
    if moment.tzinfo is None:
        return ShownTime(moment, None, moment)
    local = moment.astimezone()  # the zone the laptop is set to (TZ on Unix), at that moment: summer time counts
    return ShownTime(local, zone_name(local), moment)


def offset_text(moment: datetime) -> str:
    """The UTC offset of an aware `moment` as "+03:00" (Z and +00:00 both give "+00:00")."""
    offset = moment.utcoffset() or timedelta(0)
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def zone_name(local: datetime) -> str:
    """The zone's abbreviation when the system has a real one ("MSK", "EDT"), else "UTC+04:00": zones without an
    abbreviation are named "+04" by the tz database, and Windows gives long names like "Russia TZ 2 Standard Time"."""
    name = local.tzname() or ""
    if 2 <= len(name) <= 5 and name.isascii() and name.isalpha() and name.isupper():
        return name
    return f"UTC{offset_text(local)}"
