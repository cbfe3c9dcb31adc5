"""Times as the locker writes them: UTC, ISO 8601, microseconds, a trailing Z."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now() -> str:
    """The laptop's clock in UTC. Not trusted time: that comes from RFC 3161 tokens."""
    return format_utc(datetime.now(UTC))


def format_utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def from_timestamp(seconds: float) -> str:
    return format_utc(datetime.fromtimestamp(seconds, UTC))
