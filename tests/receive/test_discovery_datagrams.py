"""What the discovery listener does with datagrams, including hostile ones (no multicast needed: its answers are
sent to a plain UDP socket on 127.0.0.1 standing in for the group)."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator

import pytest

from locker.receive.discovery import Discovery
from locker.receive.protocol import DeviceInfo, own_info


@pytest.fixture
def group() -> Iterator[socket.socket]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    sock.settimeout(0.5)
    yield sock
    sock.close()


def listener(group: socket.socket, seen: list[tuple[str, DeviceInfo]]) -> Discovery:
    port = group.getsockname()[1]
    info = own_info("Evidence Locker", "OURS", 4443)
    discovery = Discovery(info, lambda address, device: seen.append((address, device)), port, "127.0.0.1")
    discovery._sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)  # what start() would open, minus the group
    return discovery


def answers(group: socket.socket) -> list[dict[str, object]]:
    found = []
    try:
        while True:
            found.append(json.loads(group.recv(65536)))
    except TimeoutError:
        return found


def announcement(**extra: object) -> bytes:
    body = {"alias": "Phone", "version": "2.0", "deviceType": "mobile", "fingerprint": "PHONE", "port": 53317}
    return json.dumps({**body, **extra}).encode()


def test_an_announcement_is_answered_once_with_our_description(group: socket.socket) -> None:
    seen: list[tuple[str, DeviceInfo]] = []
    discovery = listener(group, seen)
    discovery._heard(announcement(announce=True), "192.168.1.23")
    discovery._heard(announcement(announce=True), "192.168.1.23")  # again at once: not answered twice
    (answer,) = answers(group)
    assert answer["alias"] == "Evidence Locker" and answer["fingerprint"] == "OURS" and answer["announce"] is False
    assert answer["port"] == 4443 and answer["protocol"] == "https"
    assert [(address, device.alias) for address, device in seen] == [("192.168.1.23", "Phone")] * 2


def test_answers_to_an_answer_or_to_ourselves_are_never_sent(group: socket.socket) -> None:
    seen: list[tuple[str, DeviceInfo]] = []
    discovery = listener(group, seen)
    discovery._heard(announcement(announce=False), "192.168.1.23")  # an answer: no ping-pong
    discovery._heard(announcement(announce=True, fingerprint="OURS"), "192.168.1.5")  # our own, looped back
    assert answers(group) == []
    assert len(seen) == 1


@pytest.mark.parametrize(
    ("data", "sender"),
    [
        (announcement(announce=True), "8.8.8.8"),  # not the local network
        (b"\xff\xfe not json", "192.168.1.23"),
        (b"[1, 2]", "192.168.1.23"),
        (json.dumps({"announce": True, "fingerprint": "X"}).encode(), "192.168.1.23"),  # no alias
        (b"[" * 100_000, "192.168.1.23"),  # nesting bomb
    ],
)
def test_hostile_or_foreign_datagrams_are_ignored(group: socket.socket, data: bytes, sender: str) -> None:
    seen: list[tuple[str, DeviceInfo]] = []
    listener(group, seen)._heard(data, sender)
    assert seen == [] and answers(group) == []


def test_a_flood_of_new_senders_neither_grows_the_table_nor_floods_the_network(group: socket.socket) -> None:
    """Announcements from made-up addresses (review, session 8): each new sender cost a multicast answer and a
    table entry, without limit."""
    from locker.receive import discovery as module

    seen: list[tuple[str, DeviceInfo]] = []
    discovery = listener(group, seen)
    group.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 22)
    for i in range(module._MAX_REMEMBERED + 200):
        discovery._heard(announcement(announce=True), f"192.168.{i // 250}.{i % 250 + 1}")
    assert len(discovery._answered) <= module._MAX_REMEMBERED
    assert len(answers(group)) == module._MAX_REMEMBERED
