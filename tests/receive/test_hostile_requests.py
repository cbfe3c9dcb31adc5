"""Requests no honest LocalSend sender makes: each is refused, nothing is stored, and the receiver keeps answering."""

from __future__ import annotations

import hashlib
import json
import threading

from locker.receive.receiver import IncomingSession, ReceiverSettings
from locker.receive.server import ServerLimits
from locker.vault.custody import events
from locker.vault.items import list_items
from locker.vault.vault import Vault
from tests.receive.helpers import (
    PIN,
    Recorder,
    chunk_count,
    closed_by_peer,
    item_count,
    one_file,
    prepare,
    request,
    running_receiver,
    send_one,
    tls_socket,
    upload,
    wait_until,
)


def test_upload_without_a_session_is_refused_and_stores_nothing(vault: Vault) -> None:
    recorder = Recorder()
    with running_receiver(vault, recorder) as receiver:
        reply = upload(receiver, "made-up", "f1", "guessed", b"not asked for")
        assert reply.status == 403
        assert "outside an accepted transfer" in recorder.messages()
        assert request(receiver, "GET", "info").status == 200  # still answering
    assert item_count(vault) == 0 and chunk_count(vault) == 0


def test_upload_with_a_wrong_token_is_refused_and_the_right_one_still_works(vault: Vault) -> None:
    data = b"evidence " * 100
    with running_receiver(vault, Recorder()) as receiver:
        answer = prepare(receiver, one_file("a.txt", data)).json()
        assert upload(receiver, answer["sessionId"], "f1", "not-the-token", data).status == 403
        assert item_count(vault) == 0
        assert upload(receiver, answer["sessionId"], "f1", answer["files"]["f1"], data).status == 200
        # A token is good for one upload only.
        assert upload(receiver, answer["sessionId"], "f1", answer["files"]["f1"], data).status == 403
    assert item_count(vault) == 1


def test_a_declared_size_above_the_limit_is_refused_before_the_user_is_asked(vault: Vault) -> None:
    recorder = Recorder()
    with running_receiver(vault, recorder, max_file_size=1000) as receiver:
        files = {"f1": {"id": "f1", "fileName": "big.mp4", "size": 1001, "fileType": "video/mp4"}}
        assert prepare(receiver, files).status == 400
        for bad_size in (-1, True, 1.5, "10", None):
            files = {"f1": {"id": "f1", "fileName": "x", "size": bad_size, "fileType": "video/mp4"}}
            assert prepare(receiver, files).status == 400, bad_size
    assert recorder.asked == []
    assert "larger than this receiver accepts" in recorder.messages()


def test_more_bytes_than_declared_are_refused_and_nothing_is_stored(vault: Vault) -> None:
    declared = b"x" * 10
    with running_receiver(vault, Recorder()) as receiver:
        answer = prepare(receiver, one_file("lie.bin", declared)).json()
        # Content-Length disagrees with the declaration: refused before a byte is stored.
        reply = upload(receiver, answer["sessionId"], "f1", answer["files"]["f1"], b"y" * 20)
        assert reply.status == 400
        assert b"announced 10 bytes" in reply.body
    assert item_count(vault) == 0 and chunk_count(vault) == 0


def test_a_chunked_body_longer_than_declared_is_cut_off_and_nothing_is_stored(vault: Vault) -> None:
    recorder = Recorder()
    with running_receiver(vault, recorder) as receiver:
        answer = prepare(receiver, one_file("lie.bin", b"x" * 10)).json()
        sock = tls_socket(receiver)
        target = f"/api/localsend/v2/upload?sessionId={answer['sessionId']}&fileId=f1&token={answer['files']['f1']}"
        body = b"14\r\n" + b"y" * 20 + b"\r\n0\r\n\r\n"
        sock.sendall(f"POST {target} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n".encode() + body)
        reply = sock.recv(4096)
        sock.close()
        assert reply.startswith(b"HTTP/1.1 400")
        # The network child cuts the body off and answers the phone; the app hears of it just after.
        assert wait_until(lambda: "more bytes than it announced (10)" in recorder.messages())
    assert item_count(vault) == 0 and chunk_count(vault) == 0


def test_a_sender_that_stops_mid_file_is_dropped_and_nothing_is_stored(vault: Vault) -> None:
    recorder = Recorder()
    limits = ServerLimits(stall_seconds=1.0)
    with running_receiver(vault, recorder, limits=limits) as receiver:
        answer = prepare(receiver, one_file("stall.bin", b"x" * 5_000_000)).json()
        sock = tls_socket(receiver)
        target = f"/api/localsend/v2/upload?sessionId={answer['sessionId']}&fileId=f1&token={answer['files']['f1']}"
        sock.sendall(f"POST {target} HTTP/1.1\r\nHost: x\r\nContent-Length: 5000000\r\n\r\n".encode())
        sock.sendall(b"x" * 2_000_000)  # then nothing more
        assert closed_by_peer(sock)
        sock.close()
        assert request(receiver, "GET", "info").status == 200
    assert item_count(vault) == 0 and chunk_count(vault) == 0
    assert "stalled" in recorder.messages() or "stopped sending" in recorder.messages()


def test_a_slowloris_head_is_dropped_while_others_are_served(vault: Vault) -> None:
    recorder = Recorder()
    limits = ServerLimits(head_seconds=1.0, stall_seconds=5.0)
    with running_receiver(vault, recorder, limits=limits) as receiver:
        sock = tls_socket(receiver)
        sock.sendall(b"POST /api/localsend/v2/prepare-upload HTTP/1.1\r\n")
        dropped = False
        for _ in range(200):  # a header line now and then, never the end of the head
            try:
                sock.sendall(b"X-a: b\r\n")
            except (OSError, ConnectionError):
                dropped = True
                break
            if closed_by_peer(sock, wait_seconds=0.3):
                dropped = True
                break
            assert request(receiver, "GET", "info").status == 200
        sock.close()
        assert dropped
    assert "did not arrive in time" in recorder.messages()


def test_content_length_and_chunked_together_are_refused(vault: Vault) -> None:
    """Request smuggling: two framings in one request. h11 refuses it; we store nothing."""
    with running_receiver(vault, Recorder()) as receiver:
        answer = prepare(receiver, one_file("s.bin", b"x" * 4)).json()
        target = f"/api/localsend/v2/upload?sessionId={answer['sessionId']}&fileId=f1&token={answer['files']['f1']}"
        sock = tls_socket(receiver)
        sock.sendall(
            f"POST {target} HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n".encode()
            + b"4\r\nxxxx\r\n0\r\n\r\nPOST /api/localsend/v2/cancel HTTP/1.1\r\n\r\n"
        )
        reply = sock.recv(4096)
        sock.close()
        assert reply.startswith(b"HTTP/1.1 400")
    assert item_count(vault) == 0 and chunk_count(vault) == 0


def test_wrong_pin_is_refused_then_rate_limited_then_the_receiver_stops(vault: Vault) -> None:
    recorder = Recorder()
    data = b"secret"
    with running_receiver(vault, recorder, pin_retry_seconds=3600, max_pin_failures=2) as receiver:
        assert prepare(receiver, one_file("a", data), pin=None).status == 401  # asked for, not counted
        assert prepare(receiver, one_file("a", data), pin="000000").status == 401
        # Within the retry interval even the right PIN is not checked.
        assert prepare(receiver, one_file("a", data), pin=PIN).status == 429
    assert recorder.asked == []
    with running_receiver(vault, recorder, pin_retry_seconds=0, max_pin_failures=2) as receiver:
        assert prepare(receiver, one_file("a", data), pin="000000").status == 401
        assert prepare(receiver, one_file("a", data), pin="111111").status == 401
        assert wait_until(lambda: receiver.stopped)
        assert "wrong PIN was given 2 times" in receiver.stop_reason
        sock_refused = False
        try:
            request(receiver, "GET", "info")
        except OSError:
            sock_refused = True
        assert sock_refused
    assert recorder.asked == [] and item_count(vault) == 0


def test_declined_session_stores_nothing_and_its_tokens_do_not_exist(vault: Vault) -> None:
    recorder = Recorder(answer=False)
    with running_receiver(vault, recorder) as receiver:
        assert prepare(receiver, one_file("a.txt", b"abc")).status == 403
        assert len(recorder.asked) == 1
        assert recorder.asked[0].sender.alias == "Test phone"
        assert recorder.asked[0].total_size == 3
    assert item_count(vault) == 0


def test_a_second_sender_is_told_busy_while_a_transfer_is_open(vault: Vault) -> None:
    with running_receiver(vault, Recorder()) as receiver:
        assert prepare(receiver, one_file("a.txt", b"abc")).status == 200
        assert prepare(receiver, one_file("b.txt", b"def", file_id="f2"), alias="Other").status == 409


def test_bytes_that_do_not_match_the_announced_sha256_are_not_stored(vault: Vault) -> None:
    data = b"the real bytes"
    with running_receiver(vault, Recorder()) as receiver:
        answer = prepare(receiver, one_file("a.txt", data, sha256=hashlib.sha256(b"other").hexdigest())).json()
        assert upload(receiver, answer["sessionId"], "f1", answer["files"]["f1"], data).status == 400
    assert item_count(vault) == 0 and chunk_count(vault) == 0


def test_path_like_and_control_character_names_are_stored_as_a_plain_base_name(vault: Vault) -> None:
    sent = "../../home/ivan/.bashrc\x1b[31m\u202egpj.exe"
    with running_receiver(vault, Recorder()) as receiver:
        assert send_one(receiver, sent, b"payload").status == 200
    with vault.session() as conn:
        (item,) = list_items(conn)
        received = [e for e in events(conn) if e.action == "received"]
    assert "/" not in item.name and "\x1b" not in item.name and "\u202e" not in item.name
    assert item.name.startswith("bashrc")  # leading dots go too: no hidden files
    assert received[0].details["name_as_sent"] == sent  # the custody log keeps what the sender said, as data


def test_the_receiver_stops_after_the_idle_timeout(vault: Vault) -> None:
    defaults = ReceiverSettings()
    assert defaults.idle_seconds == 600 and defaults.max_pin_failures == 3  # what the user guide promises
    assert defaults.pin is not None and len(defaults.pin) == 6  # a PIN by default
    recorder = Recorder()
    with running_receiver(vault, recorder, idle_seconds=0.5) as receiver:
        assert wait_until(lambda: receiver.stopped)
        assert "without any transfer" in receiver.stop_reason


def test_an_unparseable_declaration_is_refused(vault: Vault) -> None:
    recorder = Recorder()
    with running_receiver(vault, recorder) as receiver:
        for body in (b"{", b"[]", json.dumps({"info": {}, "files": {}}).encode(), b"\xff\xfe"):
            reply = request(receiver, "POST", f"prepare-upload?pin={PIN}", body)
            assert reply.status == 400, body
    assert recorder.asked == []


def test_nothing_answers_after_stop(vault: Vault) -> None:
    with running_receiver(vault, Recorder()) as receiver:
        port = receiver.port
    refused = False
    try:
        request(receiver, "GET", "info")
    except OSError:
        refused = True
    assert refused and port


def test_a_session_the_phone_abandoned_gives_way_to_the_next_sender(vault: Vault) -> None:
    recorder = Recorder()
    with running_receiver(vault, recorder, session_idle_seconds=0.2) as receiver:
        first = prepare(receiver, one_file("a.txt", b"abc")).json()
        threading.Event().wait(0.5)  # the first phone goes quiet
        second = prepare(receiver, one_file("b.txt", b"def"), alias="Other phone")
        assert second.status == 200
        # The abandoned session's token no longer opens anything.
        assert upload(receiver, first["sessionId"], "f1", first["files"]["f1"], b"abc").status == 403
        answer = second.json()
        assert upload(receiver, answer["sessionId"], "f1", answer["files"]["f1"], b"def").status == 200
    assert "Test phone stopped sending" in recorder.messages()
    assert item_count(vault) == 1


def test_a_failure_inside_the_receiver_answers_500_and_it_keeps_serving(vault: Vault) -> None:
    class Broken(Recorder):
        def accept(self, incoming: IncomingSession) -> bool:
            raise RuntimeError("a bug")

    recorder = Broken()
    with running_receiver(vault, recorder) as receiver:
        assert prepare(receiver, one_file("a.txt", b"abc")).status == 500
        assert request(receiver, "GET", "info").status == 200
    assert "the receiver failed (RuntimeError)" in recorder.messages()
    assert item_count(vault) == 0
