"""Video and sound decoded in the sandbox child and checked on the app side (locker.sandbox.stream)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from locker.sandbox import protocol
from locker.sandbox.source import BytesSource
from locker.sandbox.stream import (
    MAX_PCM_FRAMES,
    MediaInfo,
    MediaSession,
    MediaSessionError,
    parse_audio,
    parse_info,
    parse_video,
)
from tests.view.media_files import close_to, colour_of_second, make_media, mean_colour


class CountingSource(BytesSource):
    """Counts the bytes the child asked for."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.served = 0

    def read_at(self, offset: int, length: int) -> bytes:
        data = super().read_at(offset, length)
        self.served += len(data)
        return data


def _session(path: Path, media_type: str = "video/mp4", long_side: int = 1280) -> MediaSession:
    return MediaSession(BytesSource(path.read_bytes()), media_type, long_side=long_side)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_open_describes_the_streams_and_the_frame_size(clip: Path) -> None:
    with _session(clip) as session:
        info = session.open()
    assert (info.has_video, info.has_audio, info.width, info.height) == (True, True, 320, 240)
    assert (info.sample_rate, info.channels) == (48000, 2)
    assert abs(info.duration - 5.0) < 0.1


@pytest.mark.parametrize("second", [3, 1, 4, 0])
def test_after_a_seek_the_first_picture_is_the_one_of_that_moment(clip: Path, second: int) -> None:
    with _session(clip) as session:
        session.open()
        session.seek(float(second))
        batch = session.next_batch(200)
    first = batch.video[0]
    assert abs(first.seconds - second) < 0.01
    assert close_to(mean_colour(first.rgb, first.width, first.height), colour_of_second(second))
    assert batch.audio and abs(batch.audio[0].seconds - second) < 0.03


def test_a_seek_between_pictures_shows_the_picture_on_screen_then(clip: Path) -> None:
    with _session(clip) as session:
        session.open()
        session.seek(2.99)  # the frame at 2.96 s is on screen until 3.00 s
        frame = session.next_batch(100).video[0]
    assert close_to(mean_colour(frame.rgb, frame.width, frame.height), colour_of_second(2))


def test_the_whole_tone_comes_as_pcm_of_the_right_length_and_pitch(clip: Path) -> None:
    pcm = []
    pictures = 0
    with _session(clip) as session:
        info = session.open()
        while True:
            batch = session.next_batch(500)
            pcm.extend(chunk.pcm for chunk in batch.audio)
            pictures += len(batch.video)
            if batch.end_of_media:
                break
    samples = np.frombuffer(b"".join(pcm), np.int16).reshape(-1, info.channels)
    assert abs(len(samples) - 5 * 48000) < 4096
    assert pictures == 125
    left = samples[48000:96000, 0].astype(float)
    assert np.sqrt(np.mean(left**2)) > 5000  # 0.5 full scale sine: rms ~ 11,600
    assert abs(int(np.argmax(np.abs(np.fft.rfft(left)))) - 440) <= 2  # one second: bin = Hz


def test_a_sound_only_file_plays_in_its_own_rate_and_channels(song: Path) -> None:
    total = 0
    with _session(song, "audio/mp4") as session:
        info = session.open()
        assert (info.has_video, info.has_audio, info.sample_rate, info.channels) == (False, True, 44100, 1)
        session.seek(1.0)
        first = session.next_batch(100)
        assert not first.video and abs(first.audio[0].seconds - 1.0) < 0.03
        total += sum(len(c.pcm) for c in first.audio)
        while not (batch := session.next_batch(1000)).end_of_media:
            total += sum(len(c.pcm) for c in batch.audio)
        total += sum(len(c.pcm) for c in batch.audio)
    assert abs(total / 2 - 2 * 44100) < 4096


def test_pictures_are_turned_upright_and_scaled_to_the_long_side(tmp_path: Path) -> None:
    turned = make_media(tmp_path / "phone.mp4", seconds=1, rotation=90, audio=False)
    with _session(turned) as session:
        info = session.open()
        frame = session.next_batch(100).video[0]
    assert (info.width, info.height) == (240, 320)
    assert (frame.width, frame.height) == (240, 320)
    big = make_media(tmp_path / "big.mp4", seconds=1, size=(1920, 1080), audio=False)
    with _session(big, long_side=640) as session:
        info = session.open()
    assert (info.width, info.height) == (640, 360)


def test_a_long_video_is_read_on_demand_not_whole(tmp_path: Path) -> None:
    long = make_media(tmp_path / "long.mp4", seconds=20, audio=False, noise=True)
    source = CountingSource(long.read_bytes())
    assert source.size > 4_000_000
    with MediaSession(source, "video/mp4") as session:
        session.open()
        session.next_batch(500)
        assert source.served < source.size / 4
        session.seek(17.0)
        frame = session.next_batch(100).video[0]
    assert source.served < source.size / 2
    assert close_to(mean_colour(frame.rgb, frame.width, frame.height), colour_of_second(17))


def test_closing_kills_the_child_and_its_fork_server(clip: Path) -> None:
    session = _session(clip)
    session.open()
    session.next_batch(100)
    pid = session.pid
    assert pid is not None and _alive(pid)
    session.close()
    assert not os.path.exists(f"/proc/{pid}")
    with pytest.raises(MediaSessionError):
        session.next_batch(100)
    session.close()  # twice is harmless


def test_a_file_that_is_not_media_is_an_error_not_a_crash() -> None:
    session = MediaSession(BytesSource(os.urandom(200_000)), "video/mp4")
    with pytest.raises(MediaSessionError, match="decoder failed"):
        session.open()
    assert session.closed and session.pid is not None and not os.path.exists(f"/proc/{session.pid}")


@pytest.mark.parametrize(
    ("mode", "message"),
    [
        ("oversized", "invalid message"),
        ("wrong_size", "wrong size"),
        ("short_picture", "wrong length"),
        ("bad_info", "invalid width"),
        ("pcm_flood", "more than was asked"),
        ("nan_time", "invalid time"),
        # A job runs as PID 1 of its own namespace, where SIGABRT is ignored: abort() then ends it with SIGSEGV.
        ("aborts", r"crashed \(signal (6|11)\)"),
        ("aborts_later", r"crashed \(signal (6|11)\)"),
    ],
)
def test_a_hostile_child_ends_the_session_with_an_error(
    hostile_sandbox: Callable[[str], None], mode: str, message: str
) -> None:
    hostile_sandbox(mode)
    session = MediaSession(BytesSource(b"\0" * 1000), "video/mp4")
    with pytest.raises(MediaSessionError, match=message):
        session.open()
        session.next_batch(200)
    assert session.closed and session.pid is not None and not os.path.exists(f"/proc/{session.pid}")


INFO = MediaInfo(5.0, True, True, 320, 240, 48000, 2)


def test_every_field_of_a_message_is_checked() -> None:
    good = b'{"duration": 5, "has_video": true, "has_audio": false, "width": 320, "height": 240, '
    assert parse_info(good + b'"sample_rate": 0, "channels": 0}', 1280).width == 320
    for bad in (b"[]", b"{", good + b'"sample_rate": 44100, "channels": 0}', good + b'"sample_rate": 0}',
                b'{"duration": 1e400, "has_video": false, "has_audio": true, "width": 0, "height": 0, '
                b'"sample_rate": 48000, "channels": 2}'):  # fmt: skip
        with pytest.raises(MediaSessionError):
            parse_info(bad, 1280)
    with pytest.raises(MediaSessionError):
        parse_info(good.replace(b"320", b"1281") + b'"sample_rate": 0, "channels": 0}', 1280)
    with pytest.raises(MediaSessionError):  # more than a week: the slider counts milliseconds in an int
        parse_info(good.replace(b'"duration": 5', b'"duration": 700000') + b'"sample_rate": 0, "channels": 0}', 1280)
    picture = protocol.VIDEO_HEADER.pack(1.0, 320, 240) + b"\0" * (320 * 240 * 3)
    assert parse_video(picture, INFO).seconds == 1.0
    with pytest.raises(MediaSessionError):
        parse_video(picture + b"\0", INFO)
    with pytest.raises(MediaSessionError):
        parse_video(picture[:5], INFO)
    sound = protocol.AUDIO_HEADER.pack(1.0, 10) + b"\0" * 40
    assert len(parse_audio(sound, INFO).pcm) == 40
    with pytest.raises(MediaSessionError):
        parse_audio(sound[:-1], INFO)
    with pytest.raises(MediaSessionError):
        parse_audio(protocol.AUDIO_HEADER.pack(1.0, MAX_PCM_FRAMES + 1) + b"\0" * (MAX_PCM_FRAMES + 1) * 4, INFO)
    with pytest.raises(MediaSessionError):
        parse_audio(protocol.AUDIO_HEADER.pack(float("inf"), 10) + b"\0" * 40, INFO)


CHILD_AUDIT = """
import socket, sys, threading
from locker.sandbox import zygote
zygote.preload()  # exactly what the fork server has imported before it forks
from locker.sandbox.child import run_job
from locker.sandbox.source import BytesSource
from locker.sandbox.stream import MediaSession

WATCHED = {"import", "open", "socket.__new__", "os.fork", "os.forkpty", "subprocess.Popen", "os.posix_spawn",
           "os.exec", "os.system", "ctypes.dlopen", "os.listdir", "os.scandir"}
events, child = [], {}

def hook(event, args):
    if threading.get_ident() == child.get("id") and event in WATCHED:
        events.append(f"{event} {args!r:.200}")

sys.addaudithook(hook)

class InThread:
    zygote_pid = None
    def start_session(self, limits):
        app, kid = socket.socketpair()
        def run():
            child["id"] = threading.get_ident()
            try:
                run_job(kid.makefile("rb"), kid.makefile("wb"))
            except OSError:
                pass  # the app closed the channel; a forked child would just exit
        threading.Thread(target=run, daemon=True).start()
        return app, 0
    def end_session(self, pid, grace=0.0):
        return {}
    def close(self):
        pass

session = MediaSession(BytesSource(open(sys.argv[1], "rb").read()), sys.argv[2], runner=InThread())
session.open()
session.next_batch(300)
session.seek(1.5)
session.next_batch(300)
session.close()
print(repr(events))
"""


@pytest.mark.parametrize(("fixture", "media_type"), [("clip", "video/mp4"), ("song", "audio/mp4")])
def test_the_decoding_child_imports_opens_and_starts_nothing_after_the_preload(
    request: pytest.FixtureRequest, fixture: str, media_type: str
) -> None:
    """The seccomp/Landlock confinement forbids it: every module must come from the zygote's PRELOAD."""
    path = request.getfixturevalue(fixture)
    result = subprocess.run([sys.executable, "-c", CHILD_AUDIT, str(path), media_type], capture_output=True,
                            text=True, check=False, timeout=120)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"
