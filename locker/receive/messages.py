"""What each frame (frames.py) says, written by one side and checked field by field by the other.

The app reads only what the network child sends it here, and trusts none of it: `read_prepare` and the other
readers check sizes, counts, ids and hashes again (the child may have been taken over by what it parsed), and
every text that will be shown or recorded is made printable again here, in the app.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum

from locker.fsutil import sanitise_filename
from locker.receive.bounds import Overstepped
from locker.receive.errors import TooManyFilesOffered
from locker.receive.frames import FrameError, Reader, Writer
from locker.receive.peer_check import PeerCheck, Unverified, check_from_verdict
from locker.receive.protocol import (
    DEVICE_TYPES,
    MAX_ALIAS_CHARS,
    MAX_FILES,
    DeclaredFile,
    DeviceInfo,
    UploadRequest,
)
from locker.textsafe import printable

_SHA256_HEX = re.compile(r"[0-9a-f]{64}")
_FINGERPRINT_HEX = re.compile(r"[0-9A-F]{64}")
MAX_ADDRESS_CHARS = 64
MAX_PIN_CHARS = 64
MAX_PROBLEM_CHARS = 512
#: A text the child made printable (textsafe.printable) may have grown: a hidden character becomes an escape of up
#: to eight characters (`\u10ffff`; six below U+10000). A phone's name of subdivision flags (U+1F3F4 and six tag
#: characters each) must not read as an oversized field, which stops the receiver (review, session 8).
_ESCAPED = 8


class Problem(IntEnum):
    """How the child found a prepare-upload body."""

    NONE = 0
    TOO_LARGE = 1
    BAD_REQUEST = 2


class ReportKind(IntEnum):
    DROPPED = 1
    UNKNOWN_ADDRESS = 2
    WRONG_METHOD = 3
    BAD_REGISTRATION = 4
    SEEN = 5
    NO_ANNOUNCE = 6


_VERDICTS = (None, *Unverified)  # 0: verified; then each reason, in its declared order


@dataclass(frozen=True)
class Prepare:
    peer: str
    pin: str | None
    problem: Problem
    problem_text: str
    declared: UploadRequest | None


def write_prepare(
    peer: str,
    pin: str | None,
    problem: Problem,
    problem_text: str = "",
    declared: UploadRequest | None = None,
) -> bytes:
    out = Writer().text(peer).opt_text(pin).u8(problem).text(problem_text[:MAX_PROBLEM_CHARS])
    if declared is None:
        return out.payload()
    sender = declared.sender
    out.text(sender.alias).opt_text(sender.device_model).text(sender.device_type).opt_text(sender.fingerprint)
    out.u32(sender.port or 0).opt_text(sender.protocol)
    out.u32(len(declared.files))
    for f in declared.files:
        out.text(f.file_id).text(f.untrusted_name).u64(f.size).text(f.file_type)
        out.opt_text(f.sha256).opt_text(f.modified)
    return out.payload()


def read_prepare(payload: bytes | bytearray, max_file_size: int) -> Prepare:
    """Check a PREPARE frame whole; FrameError for anything out of bounds."""
    data = Reader(payload)
    peer = _address(data.text(MAX_ADDRESS_CHARS))
    pin = data.opt_text(MAX_PIN_CHARS)
    try:
        problem = Problem(data.u8())
    except ValueError as exc:
        raise FrameError("an unknown problem code") from exc
    problem_text = printable(data.text(MAX_PROBLEM_CHARS))
    if problem is not Problem.NONE:
        data.done()
        return Prepare(peer, pin, problem, problem_text, None)
    alias = printable(data.text(MAX_ALIAS_CHARS * _ESCAPED))
    if not alias.strip():
        raise FrameError("a sender without a name")
    model = _shown(data.opt_text(MAX_ALIAS_CHARS * _ESCAPED))
    device_type = data.text(16)
    if device_type not in DEVICE_TYPES:
        raise FrameError("an unknown device type")
    fingerprint = _shown(data.opt_text(128 * _ESCAPED))
    port = data.u32()
    if port > 65535:
        raise FrameError("a port number out of range")
    protocol = data.opt_text(8)
    if protocol not in (None, "http", "https"):
        raise FrameError("an unknown protocol")
    sender = DeviceInfo(alias, model, device_type, fingerprint, port or None, protocol)
    count = data.u32()
    if count == 0:
        raise FrameError("an offer of no files")
    if count > MAX_FILES:  # the child refuses such an offer itself (protocol.parse_prepare_upload)
        raise Overstepped(TooManyFilesOffered(limit=MAX_FILES))
    files = [_read_file(data, max_file_size) for _ in range(count)]
    data.done()
    if len({f.file_id for f in files}) != len(files):
        raise FrameError("two files with one id")
    return Prepare(peer, pin, problem, problem_text, UploadRequest(sender, tuple(files)))


def write_checked(check: PeerCheck) -> bytes:
    """The sender check's outcome (CHECKED), sent once the app has let the request go that far."""
    return Writer().u8(_VERDICTS.index(check.why_not)).opt_text(check.served_fingerprint).payload()


def read_checked(payload: bytes | bytearray, peer: str, declared_port: int | None) -> PeerCheck:
    data = Reader(payload)
    verdict = data.u8()
    if verdict >= len(_VERDICTS):
        raise FrameError("an unknown verdict")
    served = data.opt_text(64)
    data.done()
    if served is not None and not _FINGERPRINT_HEX.fullmatch(served):
        raise FrameError("a served certificate hash that is not one")
    if verdict == 0 and served is None:
        raise FrameError("a verified sender without the certificate it served")
    return check_from_verdict(_VERDICTS[verdict], served, peer, declared_port)


def _read_file(data: Reader, max_file_size: int) -> DeclaredFile:
    file_id = data.text(128)
    if not file_id:
        raise FrameError("a file without an id")
    untrusted_name = data.text(4096)
    size = data.u64()
    if size > max_file_size:
        raise FrameError("a file larger than this receiver accepts")
    file_type = printable(data.text(128 * _ESCAPED))
    sha256 = data.opt_text(64)
    if sha256 is not None and not _SHA256_HEX.fullmatch(sha256):
        raise FrameError("a file hash that is not one")
    modified = _shown(data.opt_text(40 * _ESCAPED))
    return DeclaredFile(file_id, untrusted_name, sanitise_filename(untrusted_name), size, file_type, sha256, modified)


@dataclass(frozen=True)
class Upload:
    peer: str
    session_id: str
    file_id: str
    token: str
    #: The Content-Length the sender gave, -1 without one.
    content_length: int


def write_upload(upload: Upload) -> bytes:
    out = Writer().text(upload.peer).text(upload.session_id).text(upload.file_id).text(upload.token)
    return out.u64(upload.content_length + 1).payload()


def read_upload(payload: bytes | bytearray) -> Upload:
    data = Reader(payload)
    upload = Upload(_address(data.text(MAX_ADDRESS_CHARS)), data.text(128), data.text(128), data.text(128),
                    data.u64() - 1)  # fmt: skip
    data.done()
    return upload


def write_cancel(peer: str, session_id: str) -> bytes:
    return Writer().text(peer).text(session_id).payload()


def read_cancel(payload: bytes | bytearray) -> tuple[str, str]:
    data = Reader(payload)
    peer, session_id = _address(data.text(MAX_ADDRESS_CHARS)), data.text(128)
    data.done()
    return peer, session_id


def write_report(kind: ReportKind, peer: str, text: str = "") -> bytes:
    return Writer().u8(kind).text(peer[:MAX_ADDRESS_CHARS]).text(text[:512]).payload()


def read_report(payload: bytes | bytearray) -> tuple[ReportKind, str, str]:
    data = Reader(payload)
    try:
        kind = ReportKind(data.u8())
    except ValueError as exc:
        raise FrameError("an unknown report") from exc
    peer, text = printable(data.text(MAX_ADDRESS_CHARS)), printable(data.text(512))
    data.done()
    return kind, peer, text


def write_ready(port: int, error: int = 0, files_locked: bool = False) -> bytes:
    """The child's first frame: the port it listens on, or (`error`, an errno) why it does not; and whether its
    lock-down took away every file access (Landlock). Sent before the child reads anything from the network, so a
    phone cannot have made it lie."""
    return Writer().u32(port).u32(error).u8(int(files_locked)).payload()


def read_ready(payload: bytes | bytearray) -> tuple[int, int, bool]:
    data = Reader(payload)
    port, error, files_locked = data.u32(), data.u32(), data.u8()
    data.done()
    if port > 65535 or (error == 0) == (port == 0):
        raise FrameError("a listening port out of range")
    if files_locked > 1:
        raise FrameError("a lock-down report that is neither yes nor no")
    return port, error, bool(files_locked)


def write_abort(reason: str) -> bytes:
    return Writer().text(reason[:200]).payload()


def read_abort(payload: bytes | bytearray) -> str:
    data = Reader(payload)
    reason = printable(data.text(200))
    data.done()
    return reason


def read_status(payload: bytes | bytearray) -> int:
    data = Reader(payload)
    active = data.u32()
    data.done()
    return active


@dataclass(frozen=True)
class Answer:
    """The app's answer to one request: the HTTP status and JSON body the child sends, or (`go`) a go-ahead to
    stream an upload's body (`expect`: at most this many bytes of it, which the child holds the sender to);
    `notify` asks the child to say (SENT) once the answer is on its way."""

    status: int
    body: bytes = b""
    go: bool = False
    notify: bool = False
    expect: int = 0
    #: Run in the app once the child says the answer was sent (not part of the frame).
    then: Callable[[], None] | None = None


def write_answer(answer: Answer) -> bytes:
    return Writer().u16(answer.status).u8(answer.go).u8(answer.notify).u64(answer.expect).blob(answer.body).payload()


def read_answer(payload: bytes | bytearray) -> Answer:
    data = Reader(payload)
    status, go, notify, expect = data.u16(), data.flag(), data.flag(), data.u64()
    answer = Answer(status, go=go, notify=notify, expect=expect, body=data.blob(8 << 20))
    data.done()
    return answer


def _shown(text: str | None) -> str | None:
    return printable(text) if text is not None else None


def _address(text: str) -> str:
    """An IP address as the child's socket gave it; anything else is refused."""
    try:
        return str(ipaddress.ip_address(text))
    except ValueError as exc:
        raise FrameError("a source address that is not one") from exc
