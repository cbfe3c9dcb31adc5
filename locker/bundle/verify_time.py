"""The timestamp part of `verify`: is each token well-formed, trusted time, and plausible in time?

A token says the tag manifest existed at its time. The tag manifest covers the custody log, so a token dated before
the log's last event contradicts the bundle (a backdated token, or a forged one), and a token dated after the
moment of verifying cannot exist yet. Either makes the bundle invalid. Clocks are not perfect: the custody times come
from the sender's laptop (CLOCK_TOLERANCE), and the verifier's own clock may be a little behind (FUTURE_TOLERANCE).
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from asn1crypto import tsp

from locker.bundle.checks import TIMESTAMP_CHECK, Check, Timestamp
from locker.bundle.timestamp import TimestampError, TokenRequestMismatch, check_token
from locker.bundle.tsa_trust import TrustStore
from locker.errors import LockerError

#: How far a laptop's clock may be off (NTP-synced machines are within seconds; one hour covers a laptop that was
#: offline for weeks or that just woke up). A mismatch beyond this is reported, with both times, as invalid.
CLOCK_TOLERANCE = timedelta(hours=1)
#: A TSA's clock is synchronised; a token more than a few minutes ahead of the verifier's clock is not plausible.
FUTURE_TOLERANCE = timedelta(minutes=5)

#: What reading a hostile token can raise besides TimestampError: each becomes a failed check with its reason.
_MALFORMED = (TimestampError, LockerError, KeyError, IndexError, TypeError, AttributeError, OSError, ValueError)


class _Reader(Protocol):
    def read(self, relative: str) -> bytes: ...
    def exists(self, relative: str) -> bool: ...


def _event_time(event: dict[str, Any]) -> datetime | None:
    value = event.get("time_utc")
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def latest_event_time(events: list[dict[str, Any]]) -> datetime | None:
    times = [t for t in (_event_time(e) for e in events) if t is not None]
    return max(times) if times else None


def _plausible(gen_time: datetime, latest_event: datetime | None, now: datetime) -> str | None:
    """Why the token's time cannot be right, or None."""
    if latest_event is not None and gen_time < latest_event - CLOCK_TOLERANCE:
        return (
            f"the token is dated {gen_time.isoformat()}, before the custody log it covers was written "
            f"(last event {latest_event.isoformat()}): a backdated or forged token"
        )
    if gen_time > now + FUTURE_TOLERANCE:
        return f"the token is dated {gen_time.isoformat()}, in the future (now {now.isoformat(timespec='seconds')})"
    return None


def _request_nonce(reader: _Reader, path: str, digest: bytes) -> int | None:
    """The nonce of the stored request (token.tsq), which the token must repeat; None when no request is stored
    (older bundles, or a token added by other tools). A stored request for other data is a contradiction."""
    if not reader.exists(path):
        return None
    request = tsp.TimeStampReq.load(reader.read(path))
    imprint = request["message_imprint"]
    if imprint["hashed_message"].native != digest:
        raise TokenRequestMismatch()
    nonce = request["nonce"].native
    return int(nonce) if nonce is not None else None


def check_timestamps(
    reader: _Reader,
    files: list[str],
    events: list[dict[str, Any]],
    trust: TrustStore | None,
    now: datetime | None = None,
) -> tuple[list[Check], list[Timestamp]]:
    """One check per token in signatures/tsa-N/, and what each token says."""
    folders = sorted({f.split("/")[1] for f in files if f.startswith("signatures/tsa-") and f.count("/") >= 2})
    if not folders:
        return [Check("trusted time", True, "none: the bundle has no trusted time (informational)")], []
    try:
        tagmanifest = reader.read("tagmanifest-sha256.txt") if reader.exists("tagmanifest-sha256.txt") else b""
    except (LockerError, OSError):
        tagmanifest = b""
    digest = hashlib.sha256(tagmanifest).digest()
    latest = latest_event_time(events)
    moment = now or datetime.now(UTC)
    checks, stamps = [], []
    for folder in folders:
        name = TIMESTAMP_CHECK.format(folder=folder)
        try:
            nonce = _request_nonce(reader, f"signatures/{folder}/token.tsq", digest)
            info = check_token(reader.read(f"signatures/{folder}/token.tsr"), digest, nonce, trust=trust)
        except _MALFORMED as exc:
            checks.append(Check(name, False, str(exc) or type(exc).__name__))
            stamps.append(Timestamp(folder, None, None, False))
            continue
        problem = _plausible(info.gen_time, latest, moment)
        stamps.append(Timestamp(folder, info.time_text, info.tsa_subject, info.trusted))
        if problem:
            checks.append(Check(name, False, problem))
        elif info.trusted:
            detail = (
                f"TRUSTED TIME: the tag manifest existed at {info.time_text} ({info.tsa_subject}; {info.trust_detail})"
            )
            checks.append(Check(name, True, detail))
        else:
            detail = (
                f"UNTRUSTED TIME: a token dated {info.time_text} signed by {info.tsa_subject}, but "
                f"{info.trust_detail}; it proves nothing about time until you trust its TSA's root (--tsa-root)"
            )
            checks.append(Check(name, True, detail, untrusted=True))
    return checks, stamps
