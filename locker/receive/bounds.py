"""What the network child may ask of the app at once, and the app's ledger that holds it to that.

The child keeps the phones within these bounds itself: it passes on one transfer offer and one upload at a time
and holds the others until the app has answered (a LocalSend phone uploads two files at once and simply waits),
refuses offers of more than `MAX_FILES` files, and cuts off a body longer than the app said to expect. So an
honest child never exceeds a bound, whatever the phones do, and one that does may have been taken over by what it
parsed: the ledger raises `Overstepped` with the error the window shows, and the link ends the child. Every
count is taken on the link's reader thread, in the order the child wrote its frames, so a request the child
started only after the app's final answer to another is never counted twice.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from locker.receive.errors import (
    BytesForNoUpload,
    MoreBytesThanAnnounced,
    ReceiverProcessOverstepped,
    TooManyOffersAtOnce,
    TooManyUploadsAtOnce,
)
from locker.receive.frames import FrameError, Kind

#: Transfer offers (prepare-upload) the child passes on at once: the user answers one at a time anyway.
OFFERS_AT_ONCE = 1
#: Uploads the child passes on at once: the vault stores one file at a time anyway.
UPLOADS_AT_ONCE = 1


class Overstepped(FrameError):
    """The child asked for more than it ever should; `error` says what, for the window."""

    def __init__(self, error: ReceiverProcessOverstepped) -> None:
        super().__init__(str(error))
        self.error = error


@dataclass
class _Upload:
    name: str
    #: Bytes the app said to expect (set with the go-ahead); None before it.
    expected: int | None = None
    received: int = 0


class Ledger:
    """The requests the child has open, as the app knows them. `opened`, `data` and `ended` are called by the
    link's reader thread; `answered` and `expect` by request threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open: dict[int, Kind] = {}
        self._uploads: dict[int, _Upload] = {}
        #: The last upload the app answered before its body ended: the child may still be sending a few pieces of
        #: it, within what was expected, until it passes on the next upload.
        self._closing: tuple[int, _Upload] | None = None

    def opened(self, conn_id: int, kind: Kind) -> None:
        """A request frame (PREPARE, UPLOAD) arrived; Overstepped past a bound."""
        with self._lock:
            if conn_id in self._open:
                raise FrameError("a second request on one connection")
            count = sum(1 for open_kind in self._open.values() if open_kind is kind)
            if kind is Kind.PREPARE and count >= OFFERS_AT_ONCE:
                raise Overstepped(TooManyOffersAtOnce(limit=OFFERS_AT_ONCE))
            if kind is Kind.UPLOAD:
                if count >= UPLOADS_AT_ONCE:
                    raise Overstepped(TooManyUploadsAtOnce(limit=UPLOADS_AT_ONCE))
                self._closing = None  # the child has finished with the previous upload's body
                self._uploads[conn_id] = _Upload("")
            self._open[conn_id] = kind

    def expect(self, conn_id: int, name: str, size: int) -> None:
        """The app lets an upload's body come: at most `size` bytes of `name`."""
        with self._lock:
            upload = self._uploads.get(conn_id)
            if upload is not None:
                upload.name, upload.expected = name, size

    def data(self, conn_id: int, size: int) -> bool:
        """A DATA frame of `size` bytes: True to pass it on, False to drop it (an upload the app has answered
        already); Overstepped if no upload asked for it or it goes past what the sender announced."""
        with self._lock:
            upload = self._uploads.get(conn_id)
            deliver = upload is not None
            if upload is None and self._closing is not None and self._closing[0] == conn_id:
                upload = self._closing[1]
            if upload is None or upload.expected is None:
                raise Overstepped(BytesForNoUpload())
            upload.received += size
            if upload.received > upload.expected:
                raise Overstepped(MoreBytesThanAnnounced(name=upload.name, size=upload.expected))
            return deliver

    def ended(self, conn_id: int) -> None:
        """The child ended a request itself (ABORT, or SENT once a notified answer was sent)."""
        with self._lock:
            self._open.pop(conn_id, None)
            self._uploads.pop(conn_id, None)

    def answered(self, conn_id: int) -> None:
        """The app is about to send its final answer (or gives none): the child may start another request once it
        has read it, and may still send a few pieces of a body it was streaming."""
        with self._lock:
            self._open.pop(conn_id, None)
            upload = self._uploads.pop(conn_id, None)
            if upload is not None and upload.expected is not None:
                self._closing = (conn_id, upload)
