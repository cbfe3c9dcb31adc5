"""The sender's fingerprint is checked as LocalSend checks it: by connecting back to the sender's own server (at
the request's source address) and hashing the certificate it presents. The outcome is shown before the user
accepts and recorded in the custody log's `received` event."""

from __future__ import annotations

from typing import Any

import pytest

from locker.receive.peer_check import VERIFIED, Unverified, check_sender_certificate
from locker.receive.protocol import parse_device_info
from locker.vault.custody import events
from locker.vault.vault import Vault
from tests.receive.helpers import Recorder, one_file, prepare, running_receiver, send_one
from tests.receive.peer import peer_server, port_with_nothing_listening, self_signed


def received_details(vault: Vault) -> dict[str, Any]:
    with vault.session() as conn:
        (event,) = [e for e in events(conn) if e.action == "received"]
    return dict(event.details)


def test_a_sender_whose_server_presents_the_declared_certificate_is_recorded_as_verified(vault: Vault) -> None:
    phone = self_signed()
    recorder = Recorder()
    with peer_server(phone) as server, running_receiver(vault, recorder) as receiver:
        sender = {"fingerprint": phone.fingerprint, "port": server.port, "protocol": "https"}
        assert send_one(receiver, "a.jpg", b"photo", sender=sender).status == 200
        assert server.connections == ["127.0.0.1"]  # the request's own source address, and once per session
    (asked,) = recorder.asked
    assert asked.sender_check.verified and asked.sender_check.verdict == VERIFIED
    details = received_details(vault)
    assert details["sender_certificate"] == "verified (matches the certificate the sender serves)"
    assert details["sender_certificate_verified"] is True
    assert details["sender_fingerprint_served"] == details["sender_fingerprint_declared"] == phone.fingerprint


def test_a_sender_whose_server_presents_another_certificate_is_recorded_as_a_mismatch(vault: Vault) -> None:
    served, claimed = self_signed(), self_signed()
    recorder = Recorder()
    with peer_server(served) as server, running_receiver(vault, recorder) as receiver:
        sender = {"fingerprint": claimed.fingerprint.lower(), "port": server.port, "protocol": "https"}
        assert send_one(receiver, "a.jpg", b"photo", sender=sender).status == 200
    assert recorder.asked[0].sender_check.why_not is Unverified.MISMATCH
    details = received_details(vault)
    assert details["sender_certificate_verified"] is False
    assert details["sender_certificate"] == (
        "not verified: the certificate the sender serves does not match the fingerprint it declared"
    )
    assert details["sender_fingerprint_served"] == served.fingerprint
    assert details["sender_fingerprint_declared"] == claimed.fingerprint.lower()


def test_a_sender_with_no_server_listening_is_recorded_as_not_verified(vault: Vault) -> None:
    phone = self_signed()
    recorder = Recorder()
    with port_with_nothing_listening() as port, running_receiver(vault, recorder) as receiver:
        sender = {"fingerprint": phone.fingerprint, "port": port, "protocol": "https"}
        assert send_one(receiver, "a.jpg", b"photo", sender=sender).status == 200
    assert recorder.asked[0].sender_check.why_not is Unverified.NO_SERVER
    details = received_details(vault)
    assert details["sender_certificate_verified"] is False
    assert details["sender_certificate"] == f"not verified: no server answered at 127.0.0.1 port {port}"
    assert details["sender_fingerprint_served"] is None


def test_a_plain_http_sender_or_one_without_a_port_is_not_contacted_and_not_verified(vault: Vault) -> None:
    phone = self_signed()
    recorder = Recorder()
    with peer_server(phone) as server, running_receiver(vault, recorder) as receiver:
        plain = {"fingerprint": phone.fingerprint, "port": server.port, "protocol": "http"}
        assert send_one(receiver, "a.jpg", b"photo one", sender=plain).status == 200
        portless = {"fingerprint": phone.fingerprint, "protocol": "https"}
        assert send_one(receiver, "b.jpg", b"photo two", sender=portless).status == 200
        assert server.connections == []
    assert [a.sender_check.why_not for a in recorder.asked] == [Unverified.PLAIN_HTTP, Unverified.NO_PORT]


@pytest.mark.parametrize("port", [0, 65536, -1, True, "53317", 53317.0, None])
def test_a_declared_port_that_is_not_a_port_number_is_not_connected_to(port: object) -> None:
    device = parse_device_info({"alias": "Phone", "port": port, "protocol": "https", "fingerprint": "AB"})
    assert device.port is None
    assert check_sender_certificate("127.0.0.1", device.port, device.protocol, device.fingerprint).why_not is (
        Unverified.NO_PORT
    )


def test_only_http_and_https_are_taken_as_the_declared_protocol() -> None:
    assert parse_device_info({"alias": "P", "protocol": "https"}).protocol == "https"
    assert parse_device_info({"alias": "P", "protocol": "http"}).protocol == "http"
    assert parse_device_info({"alias": "P", "protocol": "gopher"}).protocol is None


def test_the_sender_is_not_contacted_before_its_pin_is_right(vault: Vault) -> None:
    """The network child checks the sender's certificate only when the app says so: after the PIN."""
    phone = self_signed()
    recorder = Recorder()
    with peer_server(phone) as server, running_receiver(vault, recorder) as receiver:
        sender = {"fingerprint": phone.fingerprint, "port": server.port, "protocol": "https"}
        assert prepare(receiver, one_file("a.jpg", b"photo"), pin="000000", sender=sender).status == 401
        assert server.connections == []
        assert recorder.asked == []
