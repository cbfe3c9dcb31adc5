"""A small HTTPS server: TLS from the standard library, HTTP/1.1 parsing by h11, one thread per connection.

Only what a LocalSend receiver needs: one request per connection, bodies streamed to the handler, and limits that
a hostile device on the same network cannot outwait: a request head must arrive whole within `head_seconds`
(slowloris), a body must keep up an average of `min_body_rate` bytes a second once `head_seconds` have passed and
is dropped when it stops moving for `stall_seconds` (slowloris on the body), at most `max_connections` at once and
`max_per_address` from one address, and only addresses of the local network may connect at all.
"""

from __future__ import annotations

import contextlib
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import h11

from locker.receive.addresses import is_local_network

_RECV_BYTES = 256 * 1024
#: A body with a Content-Length is read straight from TLS in pieces of this size (the vault's chunk size): one
#: `recv_into` fills most of a piece, with no HTTP-parser event or copy per TLS record (profiled: those copies and
#: the GIL hand-offs they cost were what kept the vault's writer thread waiting).
BODY_PIECE = 1 << 20
#: How much of an unread body is drained before an error answer, so the sender reads the answer, not a reset.
_DRAIN_LIMIT = 256 * 1024


@dataclass(frozen=True)
class ServerLimits:
    handshake_seconds: float = 10.0
    head_seconds: float = 10.0
    stall_seconds: float = 30.0
    #: Bytes a second a body must average once `head_seconds` have passed since it began: a phone on Wi-Fi sends
    #: megabytes a second, a body sent a byte at a time would otherwise hold its connection for hours.
    min_body_rate: int = 32 * 1024
    max_connections: int = 16
    #: A phone uses two or three connections at once (two uploads, and a register or cancel); one device cannot
    #: take every slot.
    max_per_address: int = 4
    max_head_bytes: int = 16 * 1024


class TransferBroken(Exception):
    """The sender stopped sending (closed the connection, stalled, or broke the HTTP framing) in mid-body."""


class BodyTooLarge(TransferBroken):
    """A small body (`Request.read`) went past its limit: the request is refused, the sender is not at fault."""


@dataclass
class Request:
    """One request; the body is read on demand with `chunks()` (streamed) or `read()` (small bodies only)."""

    method: str
    path: str
    query: dict[str, str]
    peer: str
    headers: dict[str, str]
    _next_piece: Callable[[], bytes | bytearray | None]
    _body_done: bool = field(default=False)

    def chunks(self) -> Iterator[bytes | bytearray]:
        """The body as it arrives; raises TransferBroken when it does not arrive whole."""
        while not self._body_done:
            piece = self._next_piece()
            if piece is None:
                self._body_done = True
                return
            yield piece

    def read(self, limit: int) -> bytes:
        """The whole body, refused (TransferBroken) past `limit` bytes."""
        parts = bytearray()
        for piece in self.chunks():
            parts += piece
            if len(parts) > limit:
                raise BodyTooLarge("The request body is too large.")
        return bytes(parts)

    @property
    def body_consumed(self) -> bool:
        return self._body_done


@dataclass(frozen=True)
class Response:
    status: int
    json_body: bytes = b""
    #: Run once the answer is sent (stopping the server from inside a request must not cut its own answer off).
    then: Callable[[], None] | None = None


Handler = Callable[[Request], Response]


class HttpsServer:
    """Listens on (host, port) once `start()` is called; `stop()` closes the listener and every connection."""

    def __init__(
        self,
        listener: socket.socket,
        context: ssl.SSLContext,
        handler: Handler,
        limits: ServerLimits,
        on_dropped: Callable[[str, str], None],
        on_count: Callable[[int], None] | None = None,
    ) -> None:
        self._context = context
        self._handler = handler
        self._limits = limits
        self._on_dropped = on_dropped
        self._on_count = on_count
        self._listener = listener
        self._listener.settimeout(0.2)
        self.port: int = self._listener.getsockname()[1]
        self._stopping = threading.Event()
        self._slots = threading.BoundedSemaphore(limits.max_connections)
        self._open: set[socket.socket] = set()
        self._per_address: dict[str, int] = {}
        self._open_lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self.last_activity = time.monotonic()

    def start(self) -> None:
        self._thread = threading.Thread(target=self._accept_loop, name="receive-accept", daemon=True)
        self._thread.start()

    @property
    def active_connections(self) -> int:
        with self._open_lock:
            return len(self._open)

    def stop(self) -> None:
        self._stopping.set()
        with contextlib.suppress(OSError):
            self._listener.close()
        with self._open_lock:
            for sock in list(self._open):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=5)

    def _accept_loop(self) -> None:
        while not self._stopping.is_set():
            try:
                sock, address = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return  # the listener was closed by stop()
            peer = str(address[0])
            if not is_local_network(peer):
                self._on_dropped(peer, "an address outside the local network tried to connect")
                sock.close()
                continue
            with self._open_lock:
                crowded = self._per_address.get(peer, 0) >= self._limits.max_per_address
                if not crowded:
                    self._per_address[peer] = self._per_address.get(peer, 0) + 1
            if crowded:
                self._on_dropped(peer, "too many connections from this address at once")
                sock.close()
                continue
            if not self._slots.acquire(blocking=False):
                self._left(peer)
                self._on_dropped(peer, "too many connections at once")
                sock.close()
                continue
            with self._open_lock:
                self._open.add(sock)
            self._count()
            threading.Thread(target=self._serve, args=(sock, peer), name="receive-conn", daemon=True).start()

    def _serve(self, sock: socket.socket, peer: str) -> None:
        try:
            self._serve_one(sock, peer)
        except (OSError, ssl.SSLError, TransferBroken, h11.ProtocolError) as exc:
            self._on_dropped(peer, _why(exc))
        finally:
            with self._open_lock:
                self._open.discard(sock)
            with contextlib.suppress(OSError):
                sock.close()
            self._slots.release()
            self._left(peer)
            self._count()

    def _left(self, peer: str) -> None:
        with self._open_lock:
            count = self._per_address.get(peer, 0) - 1
            if count > 0:
                self._per_address[peer] = count
            else:
                self._per_address.pop(peer, None)

    def _count(self) -> None:
        if self._on_count is not None:
            self._on_count(self.active_connections)

    def _serve_one(self, raw: socket.socket, peer: str) -> None:
        raw.settimeout(self._limits.handshake_seconds)
        tls = self._context.wrap_socket(raw, server_side=True)
        with self._open_lock:  # stop() must reach the TLS socket's descriptor too (it is the same one)
            self._open.add(tls)
        try:
            conn = h11.Connection(h11.SERVER, max_incomplete_event_size=self._limits.max_head_bytes)
            head_deadline = time.monotonic() + self._limits.head_seconds
            event = _next_event(conn, tls, head_deadline, self._limits.stall_seconds)
            if not isinstance(event, h11.Request):
                return
            self.last_activity = time.monotonic()
            names = {name.lower() for name, _ in event.headers}
            if b"transfer-encoding" in names and b"content-length" in names:
                # Two framings in one request is how requests are smuggled past a proxy: refuse, never guess.
                _send(conn, tls, Response(400))
                raise TransferBroken("the request declared its length twice (Content-Length and chunked)")
            request = self._request(conn, tls, event, peer)
            try:
                response = self._handler(request)
            except TransferBroken:
                raise
            except Exception as exc:  # noqa: BLE001 - a bug or a surprise must not leave the sender without an answer
                self._on_dropped(peer, f"the receiver failed ({type(exc).__name__}); the sender was told so")
                response = Response(500)
            if not request.body_consumed:
                _drain(request)
            _send(conn, tls, response)
            if response.then is not None:
                response.then()
        finally:
            with self._open_lock:
                self._open.discard(tls)
            with contextlib.suppress(OSError):
                tls.close()

    def _request(self, conn: h11.Connection, tls: ssl.SSLSocket, event: h11.Request, peer: str) -> Request:
        target = urlsplit(event.target.decode("ascii", "replace"))
        headers = {name.decode("ascii").lower(): value.decode("latin-1") for name, value in event.headers}
        length = headers.get("content-length")
        if length is not None and "transfer-encoding" not in headers:
            # h11 has checked the head (one Content-Length, digits only); the body is then just that many bytes,
            # the first of which h11 may already hold.
            next_piece = self._length_body(conn, tls, int(length))
        else:
            next_piece = self._framed_body(conn, tls)
        return Request(
            method=event.method.decode("ascii", "replace"),
            path=target.path,
            query=dict(parse_qsl(target.query)),
            peer=peer,
            headers=headers,
            _next_piece=next_piece,
        )

    def _pace(self) -> _Pace:
        return _Pace(self._limits.min_body_rate, self._limits.head_seconds, self._limits.stall_seconds)

    def _framed_body(self, conn: h11.Connection, tls: ssl.SSLSocket) -> Callable[[], bytes | bytearray | None]:
        """A chunked body, de-chunked by h11."""
        pace = self._pace()

        def next_piece() -> bytes | bytearray | None:
            body_event = _next_event(conn, tls, None, self._limits.stall_seconds, pace)
            if isinstance(body_event, h11.Data):
                self.last_activity = time.monotonic()
                return bytes(body_event.data)
            if isinstance(body_event, h11.EndOfMessage):
                return None
            raise TransferBroken("the connection ended before the whole body arrived")

        return next_piece

    def _length_body(
        self, conn: h11.Connection, tls: ssl.SSLSocket, length: int
    ) -> Callable[[], bytes | bytearray | None]:
        """A body of exactly `length` bytes, in pieces of BODY_PIECE (the last one shorter)."""
        buffered, _closed = conn.trailing_data
        pending = memoryview(bytes(buffered[:length]))
        remaining = length - len(pending)
        pace = self._pace()
        pace.arrived(len(pending))

        def next_piece() -> bytes | bytearray | None:
            nonlocal pending, remaining
            size = min(BODY_PIECE, len(pending) + remaining)
            if size == 0:
                return None
            piece = bytearray(size)
            view = memoryview(piece)
            filled = min(len(pending), size)
            view[:filled] = pending[:filled]
            pending = pending[filled:]
            while filled < size:
                tls.settimeout(pace.timeout())
                try:
                    got = tls.recv_into(view[filled:], size - filled)
                except TimeoutError as exc:
                    raise pace.why_timed_out() from exc
                except (OSError, ssl.SSLError) as exc:
                    raise TransferBroken("the connection was lost") from exc
                if got == 0:
                    raise TransferBroken("the connection ended before the whole body arrived")
                filled += got
                remaining -= got
                pace.arrived(got)
                self.last_activity = time.monotonic()
            view.release()
            return piece  # a buffer of its own for each piece: handed on as it is, not copied once more

        return next_piece


def open_listener(host: str, port: int) -> socket.socket:
    """The listening socket, opened by the network child where the app says (the app never holds one)."""
    return socket.create_server((host, port), family=_family(host), reuse_port=False)


def _family(host: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in host else socket.AF_INET


class _Pace:
    """How long the next read of a body may wait: never longer than `stall`, and once `grace` seconds have passed
    since the body's first read, never past the moment by which `rate` bytes a second would have brought one more
    byte. The clock starts at the first read, not with the request: a phone's second upload waits for the first
    (the child's gate) before its body is read at all."""

    def __init__(self, rate: int, grace: float, stall: float) -> None:
        self._rate = rate
        self._grace = grace
        self._stall = stall
        self._start: float | None = None
        self._received = 0
        self._slow = False

    def arrived(self, count: int) -> None:
        self._received += count

    def timeout(self) -> float:
        if self._start is None:
            self._start = time.monotonic()
        due = self._start + self._grace + (self._received + 1) / self._rate
        left = due - time.monotonic()
        self._slow = left < self._stall
        if left <= 0:
            raise TransferBroken("the sender sent too slowly")
        return min(self._stall, left)

    def why_timed_out(self) -> TransferBroken:
        if self._slow:
            return TransferBroken("the sender sent too slowly")
        return TransferBroken("the sender stopped sending (timed out)")


def _next_event(
    conn: h11.Connection, tls: ssl.SSLSocket, deadline: float | None, stall: float, pace: _Pace | None = None
) -> Any:
    """The next h11 event, reading from the socket as needed. With a deadline, the whole event must arrive by then
    (a head sent a byte at a time is dropped); with a pace, bytes must keep coming at its rate (a body); else only a
    pause longer than `stall` drops the connection."""
    while True:
        try:
            event = conn.next_event()
        except h11.RemoteProtocolError as exc:
            raise TransferBroken("the request broke the HTTP rules (or ended too early)") from exc
        if event is not h11.NEED_DATA:
            return event
        timeout = stall if pace is None else pace.timeout()
        if deadline is not None:
            timeout = min(timeout, deadline - time.monotonic())
            if timeout <= 0:
                raise TransferBroken("the request did not arrive in time (too slow)")
        tls.settimeout(timeout)
        try:
            data = tls.recv(_RECV_BYTES)
        except TimeoutError as exc:
            if deadline is not None:
                raise TransferBroken("the request did not arrive in time (too slow)") from exc
            if pace is not None:
                raise pace.why_timed_out() from exc
            raise TransferBroken("the sender stopped sending (timed out)") from exc
        except (OSError, ssl.SSLError) as exc:  # reset, or TLS torn down: the sender is gone
            raise TransferBroken("the connection was lost") from exc
        if pace is not None:
            pace.arrived(len(data))
        conn.receive_data(data)


def _drain(request: Request) -> None:
    """Read what remains of a small body (so the sender gets our answer); give up quietly on a large one."""
    with contextlib.suppress(TransferBroken):
        request.read(_DRAIN_LIMIT)


def _send(conn: h11.Connection, tls: ssl.SSLSocket, response: Response) -> None:
    headers = [("content-length", str(len(response.json_body))), ("connection", "close")]
    if response.json_body:
        headers.append(("content-type", "application/json"))
    tls.settimeout(10)
    data = conn.send(h11.Response(status_code=response.status, headers=headers))
    if response.json_body:
        data = (data or b"") + (conn.send(h11.Data(data=response.json_body)) or b"")
    data = (data or b"") + (conn.send(h11.EndOfMessage()) or b"")
    tls.sendall(data)


def _why(exc: BaseException) -> str:
    if isinstance(exc, TransferBroken):
        return str(exc)
    if isinstance(exc, h11.ProtocolError):
        return "the request broke the HTTP rules and was refused"
    if isinstance(exc, ssl.SSLError):
        return "the secure connection could not be set up"
    if isinstance(exc, TimeoutError):
        return "the connection did not start in time"
    return "the connection failed"
