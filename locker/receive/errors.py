"""Errors of receiving from a phone: the network process overstepped (see locker.errors for how errors work)."""

from __future__ import annotations

from locker.errors import LockerError

# --- receiving from a phone: the network process overstepped ------------------------------------------------------


class ReceiverProcessEnded(LockerError):
    """Stopped: the receiver's network process ended; nothing half-received was kept."""


class ReceiverProcessMalformed(LockerError):
    """Stopped: the receiver's network process sent a malformed message, so what a phone sent may have taken it
    over. Nothing half-received was kept."""


class ReceiverProcessOverstepped(LockerError):
    """Stopped: the receiver's network process asked for more than it ever should, so what a phone sent may have
    taken it over. Nothing half-received was kept."""


class TooManyOffersAtOnce(ReceiverProcessOverstepped):
    """Stopped: the receiver's network process passed on more than {limit} transfer offer(s) at once, which it never
    does unless what a phone sent has taken it over. Nothing half-received was kept."""


class TooManyUploadsAtOnce(ReceiverProcessOverstepped):
    """Stopped: the receiver's network process passed on more than {limit} file upload(s) at once, which it never
    does unless what a phone sent has taken it over. Nothing half-received was kept."""


class TooManyFilesOffered(ReceiverProcessOverstepped):
    """Stopped: the receiver's network process passed on an offer of more than {limit} files, which it never does
    unless what a phone sent has taken it over. Nothing half-received was kept."""


class MoreBytesThanAnnounced(ReceiverProcessOverstepped):
    """Stopped: the receiver's network process passed on more of {name} than its sender announced ({size}), which
    it never does unless what a phone sent has taken it over. {name} was not kept."""


class BytesForNoUpload(ReceiverProcessOverstepped):
    """Stopped: the receiver's network process passed on file bytes that no upload asked for, which it never does
    unless what a phone sent has taken it over. Nothing half-received was kept."""
