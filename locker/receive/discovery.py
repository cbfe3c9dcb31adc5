"""Multicast discovery (LocalSend protocol 3.1): announce this receiver, answer phones that announce themselves.

The phone lists the laptop once it has heard either our announcement or our answer to its own. Only datagrams
from local-network addresses are answered, each sender at most once per `_ANSWER_INTERVAL`, and nothing a
datagram says is acted on beyond sending our own description back to the group.
"""

from __future__ import annotations

import contextlib
import json
import socket
import struct
import threading
import time
from collections.abc import Callable
from typing import Any

from locker.receive.addresses import is_local_network
from locker.receive.protocol import BadRequest, DeviceInfo, parse_device_info

MULTICAST_GROUP = "224.0.0.167"
MULTICAST_PORT = 53317
_MAX_DATAGRAM = 16 * 1024
_ANSWER_INTERVAL = 2.0
#: Senders whose announcements were answered within the last interval, at most (each new one costs a multicast
#: answer; a flood from made-up addresses must neither grow the table nor make us flood the network).
_MAX_REMEMBERED = 256
#: Announce at start and again shortly after (a datagram can be lost; phones may open LocalSend a moment later).
_ANNOUNCE_DELAYS = (0.0, 1.0, 3.0)


class Discovery:
    """Announces `info` to the LocalSend group and answers announcements; `on_seen` hears of each device."""

    def __init__(
        self,
        info: dict[str, Any],
        on_seen: Callable[[str, DeviceInfo], None],
        port: int = MULTICAST_PORT,
        group: str = MULTICAST_GROUP,
    ) -> None:
        self._info = info
        self._on_seen = on_seen
        self._port = port
        self._group = group
        self._stop = threading.Event()
        self._answered: dict[str, float] = {}
        self._sock: socket.socket | None = None

    def start(self) -> None:
        """Join the group; OSError if the port or group cannot be used (another LocalSend app is running, or
        the network has no multicast): the receiver then still works, the phone finds it by scanning."""
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_UDP)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                # Bound to the group, the socket receives the group's datagrams only, never ones sent to this
                # computer directly; systems that refuse this (Windows) get every interface instead.
                sock.bind((self._group, self._port))
            except OSError:
                sock.bind(("", self._port))
            # Joined on the interface the routing table picks for the group (the Wi-Fi, on a laptop).
            membership = socket.inet_aton(self._group) + struct.pack("=I", socket.INADDR_ANY)
            sock.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, membership)
            sock.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 1)  # this network only, never routed on
            sock.settimeout(0.5)
        except OSError:
            sock.close()
            raise
        self._sock = sock
        threading.Thread(target=self._listen, name="receive-discovery", daemon=True).start()
        threading.Thread(target=self._announce_burst, name="receive-announce", daemon=True).start()

    def stop(self) -> None:
        self._stop.set()
        if self._sock is not None:
            with contextlib.suppress(OSError):
                self._sock.close()

    def _send(self, announce: bool) -> None:
        if self._sock is None:
            return
        message = json.dumps({**self._info, "announce": announce}).encode("utf-8")
        with contextlib.suppress(OSError):
            self._sock.sendto(message, (self._group, self._port))

    def _announce_burst(self) -> None:
        started = time.monotonic()
        for delay in _ANNOUNCE_DELAYS:
            if self._stop.wait(max(0.0, started + delay - time.monotonic())):
                return
            self._send(announce=True)

    def _listen(self) -> None:
        while not self._stop.is_set() and self._sock is not None:
            try:
                untrusted_data, address = self._sock.recvfrom(_MAX_DATAGRAM)
            except TimeoutError:
                continue
            except OSError:
                return  # closed by stop()
            self._heard(untrusted_data, str(address[0]))

    def _heard(self, untrusted_data: bytes, sender: str) -> None:
        if not is_local_network(sender):
            return
        try:
            untrusted = json.loads(untrusted_data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            return
        if not isinstance(untrusted, dict) or untrusted.get("fingerprint") == self._info["fingerprint"]:
            return  # our own announcement, looped back
        try:
            device = parse_device_info(untrusted)
        except BadRequest:
            return
        self._on_seen(sender, device)
        if untrusted.get("announce") is True:
            now = time.monotonic()
            if now - self._answered.get(sender, -_ANSWER_INTERVAL) >= _ANSWER_INTERVAL:
                if len(self._answered) >= _MAX_REMEMBERED:  # forget the answers older than the interval
                    self._answered = {k: t for k, t in self._answered.items() if now - t < _ANSWER_INTERVAL}
                if len(self._answered) >= _MAX_REMEMBERED:
                    return  # more new senders in one interval than a network has phones: answer none of them
                self._answered[sender] = now
                self._send(announce=False)
