"""A network child that asks the app for more than it ever should is treated as taken over: the receiver stops,
the child is ended, nothing of the unfinished file is stored, and the stop says which bound was passed
(locker/receive/bounds.py)."""

from __future__ import annotations

import os
import resource
import sys
import threading
from pathlib import Path

import pytest

from locker.receive.errors import (
    BytesForNoUpload,
    MoreBytesThanAnnounced,
    ReceiverProcessOverstepped,
    TooManyFilesOffered,
    TooManyOffersAtOnce,
    TooManyUploadsAtOnce,
)
from locker.receive.receiver import EventKind, Receiver, ReceiverSettings
from locker.vault.check import check_vault
from locker.vault.vault import Vault
from tests.receive.helpers import (
    Recorder,
    chunk_count,
    item_count,
    one_file,
    prepare,
    running_receiver,
    upload,
    wait_until,
)

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("script", "error"),
    [
        ("offers-at-once", TooManyOffersAtOnce),
        ("files-offered", TooManyFilesOffered),
        ("uploads-at-once", TooManyUploadsAtOnce),
        ("bytes-past-announced", MoreBytesThanAnnounced),
        ("bytes-for-a-sender-check", BytesForNoUpload),
    ],
)
def test_a_child_past_a_bound_stops_the_receiver_and_nothing_is_stored(
    vault: Vault, script: str, error: type[ReceiverProcessOverstepped], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTHONPATH", str(REPO))
    recorder = Recorder()
    settings = ReceiverSettings(host="127.0.0.1", port=0, pin=None, discovery=False, extract_metadata=False)
    command = [sys.executable, "-m", "tests.receive.overstepping_child", script]
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    receiver = Receiver(vault, settings, recorder.accept, recorder.report, child_command=command)
    child = receiver.child_pid
    receiver.start()
    try:
        assert receiver.wait(60)
        assert wait_until(lambda: EventKind.STOPPED in [event.kind for event in recorder.events])
    finally:
        receiver.stop()
    stopped = next(event for event in recorder.events if event.kind is EventKind.STOPPED)
    assert isinstance(stopped.error, error)
    assert receiver.stop_reason == str(stopped.error)
    assert "taken it over" in receiver.stop_reason
    with pytest.raises(ProcessLookupError):  # ended and reaped
        os.kill(child, 0)
    assert EventKind.STORED not in [event.kind for event in recorder.events]
    assert item_count(vault) == 0 and chunk_count(vault) == 0
    assert check_vault(vault).ok
    # A sanity bound, not a measurement: a child pouring bytes in does not swell the app (ru_maxrss is KiB here).
    grown_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before) / 1024
    assert grown_mib < 128


def test_a_phone_uploading_two_files_at_once_as_localsend_does_gets_both_stored(vault: Vault) -> None:
    """LocalSend phones upload two files at a time: the real child holds the second until the first is answered,
    so the app never sees two uploads at once and stops nothing."""
    recorder = Recorder()
    first, second = os.urandom(3 << 20), os.urandom(3 << 20)
    files = {**one_file("a.bin", first), **one_file("b.bin", second, file_id="f2")}
    with running_receiver(vault, recorder) as receiver:
        answer = prepare(receiver, files).json()
        replies: list[int] = []

        def send(file_id: str, data: bytes) -> None:
            replies.append(upload(receiver, answer["sessionId"], file_id, answer["files"][file_id], data).status)

        threads = [threading.Thread(target=send, args=args) for args in (("f1", first), ("f2", second))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert replies == [200, 200]
        assert not receiver.stopped
    assert item_count(vault) == 2
