"""The records the network child and the app exchange: fixed binary layouts, no JSON.

They travel over the child's standard input (app to child) and output (child to app): plain pipes, which every
platform has, so nothing depends on passing descriptors between processes.

Every frame is a header (kind, connection id, payload length: `!BII`) and a payload of fields written one after
another: unsigned integers of fixed width and UTF-8 texts with a 32-bit length. The reader refuses, with
FrameError, any frame whose kind is unknown, whose payload is longer than that kind allows, whose text is not
UTF-8 or longer than its field allows, or that has bytes left over: the app never guesses what the child meant.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import struct
import sys
from enum import IntEnum

HEADER = struct.Struct("!BII")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
#: One DATA frame carries at most this much of an upload (the vault's chunk size).
MAX_DATA = 1 << 20


class Kind(IntEnum):
    # child -> app
    PREPARE = 1
    UPLOAD = 2
    DATA = 3
    END = 4
    ABORT = 5
    CANCEL = 6
    REPORT = 7
    STATUS = 8
    SENT = 9
    CHECKED = 10
    #: The child's first frame: the port it listens on, or the error that kept it from listening.
    READY = 11
    # app -> child
    RESPONSE = 20
    STOP = 21


#: The longest payload each kind may have (a PREPARE lists up to 1000 files with their names as sent).
MAX_PAYLOAD = {
    Kind.PREPARE: 8 << 20,
    Kind.UPLOAD: 4096,
    Kind.DATA: MAX_DATA,
    Kind.END: 0,
    Kind.ABORT: 1024,
    Kind.CANCEL: 1024,
    Kind.REPORT: 4096,
    Kind.STATUS: 8,
    Kind.SENT: 0,
    Kind.CHECKED: 128,
    Kind.READY: 9,
    Kind.RESPONSE: 8 << 20,
    Kind.STOP: 0,
}


class FrameError(ValueError):
    """A frame that breaks the layout; the message says how (never shown with the frame's content)."""


class Writer:
    def __init__(self) -> None:
        self._parts: list[bytes] = []

    def u8(self, value: int) -> Writer:
        self._parts.append(struct.pack("!B", value))
        return self

    def u16(self, value: int) -> Writer:
        self._parts.append(struct.pack("!H", value))
        return self

    def u32(self, value: int) -> Writer:
        self._parts.append(struct.pack("!I", value))
        return self

    def u64(self, value: int) -> Writer:
        self._parts.append(struct.pack("!Q", value))
        return self

    def text(self, value: str) -> Writer:
        # JSON can carry half a UTF-16 pair ("\ud800"), which UTF-8 cannot: it travels as U+FFFD, one character
        # for one, so no text grows past the length the app allows.
        return self.blob(_LONE_SURROGATE.sub("\ufffd", value).encode("utf-8"))

    def opt_text(self, value: str | None) -> Writer:
        self.u8(value is not None)
        return self.text(value) if value is not None else self

    def blob(self, value: bytes) -> Writer:
        self._parts.append(struct.pack("!I", len(value)))
        self._parts.append(value)
        return self

    def payload(self) -> bytes:
        return b"".join(self._parts)


class Reader:
    """Reads the fields of one payload in order; `done()` refuses bytes left over."""

    def __init__(self, payload: bytes | bytearray) -> None:
        self._data = memoryview(payload)
        self._at = 0

    def _take(self, size: int) -> memoryview:
        if self._at + size > len(self._data):
            raise FrameError("a frame ended in the middle of a field")
        piece = self._data[self._at : self._at + size]
        self._at += size
        return piece

    def u8(self) -> int:
        return int(self._take(1)[0])

    def u16(self) -> int:
        return int(struct.unpack("!H", self._take(2))[0])

    def u32(self) -> int:
        return int(struct.unpack("!I", self._take(4))[0])

    def u64(self) -> int:
        return int(struct.unpack("!Q", self._take(8))[0])

    def flag(self) -> bool:
        value = self.u8()
        if value > 1:
            raise FrameError("a yes/no field holds another value")
        return bool(value)

    def blob(self, limit: int) -> bytes:
        size = self.u32()
        if size > limit:
            raise FrameError("a field is longer than allowed")
        return bytes(self._take(size))

    def text(self, limit_chars: int) -> str:
        raw = self.blob(limit_chars * 4)
        try:
            value = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise FrameError("a text field is not UTF-8") from exc
        if len(value) > limit_chars:
            raise FrameError("a text field is longer than allowed")
        return value

    def opt_text(self, limit_chars: int) -> str | None:
        return self.text(limit_chars) if self.flag() else None

    def done(self) -> None:
        if self._at != len(self._data):
            raise FrameError("a frame has bytes after its last field")


#: What the pipes between app and child may hold (Linux lets a pipe grow to this without privileges): a whole DATA
#: frame fits, so a megabyte crosses in one write and one read instead of sixteen.
_PIPE_BYTES = 1 << 20


class Pipe:
    """One end of the frame channel: frames are read from the descriptor `incoming` and written to `outgoing`
    (pipes). Writers hold a lock of their own, so frames never mix."""

    def __init__(self, incoming: int, outgoing: int) -> None:
        self._in = incoming
        # Reads go straight into each frame's own buffer (readinto): a payload that arrives in parts, as one of
        # a megabyte through a pipe of a megabyte does, is not joined (profiled: that copy was two thirds of the
        # reader's time).
        self._reader = io.FileIO(incoming, "rb", closefd=False)
        self._out = outgoing
        self._closed = False
        for fd in (incoming, outgoing):
            _widen(fd)

    @classmethod
    def of_this_process(cls) -> Pipe:
        """The child's end: its standard input and output. Standard output then points at standard error, so a
        stray print cannot land in the middle of a frame."""
        pipe = cls(os.dup(sys.stdin.fileno()), os.dup(sys.stdout.fileno()))
        os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
        return pipe

    def send(self, kind: Kind, conn_id: int, payload: bytes | bytearray = b"") -> None:
        """One frame: the header, then the payload, not joined (a megabyte is not copied once more for nine
        bytes). Raises OSError once the other end is gone."""
        if len(payload) > MAX_PAYLOAD[kind]:
            raise FrameError("a frame is longer than its kind allows")
        self.write_all(HEADER.pack(kind, conn_id, len(payload)))
        if payload:
            self.write_all(payload)

    def write_all(self, data: bytes | bytearray) -> None:
        """Raw bytes, not a frame (the configuration the app sends first)."""
        if self._closed:
            raise BrokenPipeError("the channel is closed")
        view = memoryview(data)
        while view:
            view = view[os.write(self._out, view) :]

    def recv(self) -> tuple[Kind, int, bytearray] | None:
        """The next frame, or None when the other side closed the channel cleanly between frames. The payload is a
        buffer of its own, handed on as it is."""
        head = self._read_exactly(HEADER.size, eof_ok=True)
        if head is None:
            return None
        raw_kind, conn_id, size = HEADER.unpack(head)
        try:
            kind = Kind(raw_kind)
        except ValueError as exc:
            raise FrameError("a frame of an unknown kind") from exc
        if size > MAX_PAYLOAD[kind]:
            raise FrameError("a frame is longer than its kind allows")
        payload = self._read_exactly(size, eof_ok=False) if size else None
        return kind, conn_id, payload if payload is not None else bytearray()

    def read_exactly(self, size: int) -> bytearray:
        """Raw bytes, not a frame (the configuration the child reads first)."""
        data = self._read_exactly(size, eof_ok=False)
        return data if data is not None else bytearray()

    def _read_exactly(self, size: int, eof_ok: bool) -> bytearray | None:
        if self._closed:
            raise ConnectionResetError("the channel is closed")
        data = bytearray(size)
        with memoryview(data) as view:
            got = 0
            while got < size:
                more = self._reader.readinto(view[got:])
                if not more:
                    if got == 0 and eof_ok:
                        return None
                    raise ConnectionResetError("the other side ended in the middle of a frame")
                got += more
        return data

    def close(self) -> None:
        """Close both descriptors (once)."""
        if self._closed:
            return
        self._closed = True
        self._reader.close()  # not the descriptor: that is closed below
        for fd in (self._in, self._out):
            with contextlib.suppress(OSError):
                os.close(fd)


def _widen(fd: int) -> None:
    if sys.platform != "linux":
        return
    import fcntl  # noqa: PLC0415 - POSIX only

    with contextlib.suppress(OSError):  # a system limit below a megabyte: frames still cross, in more reads
        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, _PIPE_BYTES)
