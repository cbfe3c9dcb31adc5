"""What a receiver session is: the settings, what the user is asked, what is reported, and the state of one
accepted transfer. Plain data; the routes (endpoints.py) change it under their lock, the lifecycle (receiver.py)
starts and ends it.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from locker.errors import LockerError
from locker.receive.peer_check import PeerCheck
from locker.receive.protocol import DeclaredFile, DeviceInfo, neutral_alias
from locker.receive.server import ServerLimits

API = "/api/localsend/v2/"
DEFAULT_PORT = 53317


@dataclass(frozen=True)
class ReceiverSettings:
    #: The name the phone lists; by default a neutral one (protocol.neutral_alias).
    alias: str = field(default_factory=neutral_alias)
    #: Where to listen. None: the address of the interface that leads to the local network (Wi-Fi, cable), so
    #: nothing listens on any other; with "0.0.0.0" every interface, still serving local-network peers only.
    host: str | None = None
    port: int = DEFAULT_PORT
    #: None: no PIN asked (the user chose --no-pin).
    pin: str | None = field(default_factory=lambda: new_pin())
    case: str | None = None
    max_file_size: int = 64 << 30
    #: Wrong PINs in a row after which the receiver stops.
    max_pin_failures: int = 3
    #: After a wrong PIN, further attempts within this many seconds are refused (HTTP 429) without being checked.
    pin_retry_seconds: float = 2.0
    #: The receiver stops after this long without any request.
    idle_seconds: float = 600.0
    #: A transfer the user accepted but the phone stopped using (no upload running) for this long gives way to
    #: the next phone that asks, instead of answering "busy" until the receiver stops.
    session_idle_seconds: float = 60.0
    limits: ServerLimits = field(default_factory=ServerLimits)
    #: Read metadata and make a thumbnail in the sandbox after each file, as a local import does.
    extract_metadata: bool = True
    #: Announce on the LocalSend multicast group and answer phones' announcements (protocol 3.1). Without it the
    #: phone finds this computer only by scanning the network (its "HTTP (legacy)" discovery).
    discovery: bool = True
    device_type: str = "desktop"


def new_pin() -> str:
    return f"{secrets.randbelow(1_000_000):06d}"


@dataclass(frozen=True)
class IncomingSession:
    """What the user is asked to accept: who sends, how many files, how big, and whether the sender's own server
    presents the certificate whose fingerprint it declared."""

    sender: DeviceInfo
    peer: str
    files: tuple[DeclaredFile, ...]
    sender_check: PeerCheck

    @property
    def total_size(self) -> int:
        return sum(f.size for f in self.files)


class NoLocalNetworkError(LockerError):
    """This computer has no local-network address to listen on."""


class PortInUseError(LockerError):
    """Another program already listens on the receiver's port."""


class EventKind(StrEnum):
    NOTICE = "notice"
    SEEN = "seen"
    REFUSED = "refused"
    SESSION_ACCEPTED = "session-accepted"
    SESSION_DECLINED = "session-declined"
    STORED = "stored"
    DUPLICATE = "duplicate"
    FAILED = "failed"
    CANCELLED = "cancelled"
    STOPPED = "stopped"


@dataclass(frozen=True)
class ReceiveEvent:
    kind: EventKind
    #: A sentence for the user (sender-supplied parts already made printable).
    message: str
    item_id: str | None = None
    #: Whom or what it is about (the file's stored name, or the sender's alias), for a translated sentence.
    subject: str = ""
    #: Why the receiver stopped, when an error says it (the window words it in the user's language).
    error: LockerError | None = None


AcceptCallback = Callable[[IncomingSession], bool]
ReportCallback = Callable[[ReceiveEvent], None]
#: (file name, bytes received so far, bytes announced), called as the bytes of a file arrive.
ProgressCallback = Callable[[str, int, int], None]


@dataclass
class Session:
    """An accepted transfer: its id, one token per announced file, the files not yet uploaded."""

    session_id: str
    incoming: IncomingSession
    tokens: dict[str, str]
    pending: set[str]
    cancel: threading.Event = field(default_factory=threading.Event)
    uploading: int = 0
    last_activity: float = field(default_factory=time.monotonic)
