"""What an adversarial review of the receiver (session 8) did to it, each now refused: a body sent a byte at a time,
one device taking every connection, requests without the PIN keeping the receiver awake, and a phone name of
characters whose escapes are long."""

from __future__ import annotations

import ssl
import time

from locker.receive.server import ServerLimits
from locker.vault.vault import Vault
from tests.receive.helpers import (
    PIN,
    Recorder,
    closed_by_peer,
    item_count,
    one_file,
    prepare,
    request,
    running_receiver,
    send_one,
    tls_socket,
    wait_until,
)


def _slow_prepare_head(length: int) -> bytes:
    return (
        f"POST /api/localsend/v2/prepare-upload?pin={PIN} HTTP/1.1\r\nHost: x\r\nContent-Length: {length}\r\n\r\n"
    ).encode()


def test_a_body_sent_a_byte_at_a_time_is_dropped_and_does_not_keep_the_receiver_awake(vault: Vault) -> None:
    recorder = Recorder()
    # Every byte comes well within the stall limit, but far below the minimum rate once the grace has passed.
    limits = ServerLimits(head_seconds=1.0, stall_seconds=5.0, min_body_rate=1024)
    with running_receiver(vault, recorder, limits=limits, idle_seconds=3.0) as receiver:
        sock = tls_socket(receiver)
        sock.sendall(_slow_prepare_head(20_000))
        start = time.monotonic()
        dropped = False
        while time.monotonic() - start < 15:
            try:
                sock.sendall(b" ")
            except OSError:
                dropped = True
                break
            if closed_by_peer(sock, wait_seconds=0.5):
                dropped = True
                break
        held = time.monotonic() - start
        sock.close()
        assert dropped, "a body sent a byte every half second was never dropped"
        assert held < 6, f"held for {held:.1f} s with a grace of 1 s and 1 KiB/s required"
        assert wait_until(lambda: "too slowly" in recorder.messages(), seconds=10), recorder.messages()
        # Nothing it sent counts as a transfer: the receiver still stops when idle.
        assert wait_until(lambda: receiver.stopped, seconds=10)
        assert "without any transfer" in receiver.stop_reason
    assert item_count(vault) == 0


def test_an_honest_sender_is_served_under_the_same_limits(vault: Vault) -> None:
    limits = ServerLimits(head_seconds=1.0, stall_seconds=5.0, min_body_rate=1024)
    with running_receiver(vault, Recorder(), limits=limits) as receiver:
        assert send_one(receiver, "note.txt", b"evidence " * 2000).status == 200
    assert item_count(vault) == 1


def test_one_address_cannot_take_every_connection(vault: Vault) -> None:
    recorder = Recorder()
    limits = ServerLimits(head_seconds=5.0, max_connections=16, max_per_address=3)
    with running_receiver(vault, recorder, limits=limits) as receiver:
        held = [tls_socket(receiver) for _ in range(3)]
        for sock in held:
            sock.sendall(b"GET /api/localsend/v2/info HTTP/1.1\r\n")  # a head that never ends
        extra: ssl.SSLSocket | None = None
        refused = False
        try:
            extra = tls_socket(receiver)
            refused = closed_by_peer(extra, wait_seconds=5)
        except OSError:
            refused = True
        assert refused
        assert "too many connections from this address" in recorder.messages()
        for sock in held:
            sock.close()
        if extra is not None:
            extra.close()
        # Once they are gone, the same address is served again.
        assert wait_until(lambda: _answers(receiver), seconds=10)


def _answers(receiver: object) -> bool:
    try:
        return request(receiver, "GET", "info").status == 200  # type: ignore[arg-type]
    except OSError:
        return False


def test_requests_without_the_pin_do_not_keep_the_receiver_listening(vault: Vault) -> None:
    with running_receiver(vault, Recorder(), idle_seconds=2.0) as receiver:
        start = time.monotonic()
        while not receiver.stopped and time.monotonic() - start < 12:
            for method, route in (("GET", "info"), ("POST", "cancel?sessionId=x"),
                                  ("POST", "upload?sessionId=a&fileId=b&token=c")):  # fmt: skip
                try:
                    request(receiver, method, route, b"" if method == "POST" else None)
                except OSError:
                    break
            time.sleep(0.3)
        assert receiver.stopped, "requests anyone can make kept the receiver listening past its idle timeout"
        assert "without any transfer" in receiver.stop_reason


def test_a_phone_name_of_flags_and_unassigned_characters_does_not_stop_the_receiver(vault: Vault) -> None:
    recorder = Recorder()
    scotland = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
    for alias, extra in ((scotland * 9, {}), ("\U0010ffff" * 64, {"deviceModel": "\U000e0001" * 64})):
        with running_receiver(vault, recorder) as receiver:
            files = one_file("a.jpg", b"x", fileType="\U000e0001" * 128)
            assert prepare(receiver, files, alias=alias, sender=extra).status == 200
            assert not receiver.stopped, receiver.stop_reason
            wrong = prepare(receiver, one_file("b.jpg", b"y"), pin="000000", alias=alias, sender=extra)
            assert wrong.status in (401, 409)  # a wrong PIN (or, the first offer still open, busy)
            assert not receiver.stopped, receiver.stop_reason
    assert "taken over" not in recorder.messages()


def test_busy_counts_every_open_connection_while_only_transfers_count_against_the_idle_stop(vault: Vault) -> None:
    """`busy` (a caller waits for it before stopping, so the sender gets its answer) is about connections; what
    keeps the receiver from its idle stop is a transfer only."""
    with running_receiver(vault, Recorder()) as receiver:
        sock = tls_socket(receiver)
        sock.sendall(b"GET /api/localsend/v2/info HTTP/1.1\r\n")  # a head not finished yet
        assert wait_until(lambda: receiver.busy, seconds=10)
        assert not receiver.transferring
        sock.close()
        assert wait_until(lambda: not receiver.busy, seconds=20)


def test_the_limits_are_the_ones_the_threat_model_states() -> None:
    """docs/THREAT_MODEL.md: a head within 10 s, then 32 KiB/s on average, at most 4 of the 16 connections from one
    address."""
    limits = ServerLimits()
    assert limits.head_seconds == 10
    assert limits.min_body_rate == 32 * 1024
    assert (limits.max_per_address, limits.max_connections) == (4, 16)
