"""The viewer's player: pictures and sound from the sandbox reach Qt's sinks; no QMediaPlayer in the app."""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtMultimedia import QtAudio
from pytestqt.qtbot import QtBot

from locker.ingest.importer import import_files
from locker.sandbox.stream import MediaInfo
from locker.vault.items import Item, get_item
from locker.vault.vault import Vault
from tests.view.media_files import close_to, colour_of_second
from ui.media_player import MediaPlayerWidget
from ui.viewer_dialog import ViewerDialog


def _item(vault: Vault, path: Path) -> Item:
    [outcome] = import_files(vault, [path])
    assert outcome.item_id is not None
    with vault.session() as conn:
        return get_item(conn, outcome.item_id)


def _colour(widget: MediaPlayerWidget) -> tuple[int, int, int]:
    pixel = widget.current_image().pixelColor(8, 8)
    return pixel.red(), pixel.green(), pixel.blue()


@pytest.fixture
def player(qtbot: QtBot, vault: Vault, clip: Path) -> MediaPlayerWidget:
    widget = MediaPlayerWidget(vault, _item(vault, clip))
    qtbot.addWidget(widget)
    widget.resize(640, 520)
    widget.show()
    yield widget
    widget.close_player()


def test_the_video_plays_with_its_sound_seeks_and_pauses(qtbot: QtBot, player: MediaPlayerWidget) -> None:
    frames = []
    player.video.videoSink().videoFrameChanged.connect(frames.append)
    with qtbot.waitSignal(player.first_frame_shown, timeout=20_000):
        pass
    assert close_to(_colour(player), colour_of_second(0))  # a still before play is pressed
    assert player.duration() == pytest.approx(5.0, abs=0.1)
    player.play()
    qtbot.waitUntil(lambda: player.position() > 1.3, timeout=10_000)
    assert player.is_playing() and len(frames) >= 20
    assert player.pcm_bytes_received > 48000 * 4  # more than a second of stereo s16
    assert close_to(_colour(player), colour_of_second(1), 40)
    player.grab().save("/tmp/media-playing.png")
    player.seek(3.0)
    qtbot.waitUntil(lambda: close_to(_colour(player), colour_of_second(3)), timeout=10_000)
    assert 3.0 <= player.position() < 4.0
    player.pause()
    paused_at = player.position()
    qtbot.wait(300)
    assert player.position() == paused_at and not player.is_playing()
    shown = player.frames_shown
    player.activateWindow()
    qtbot.waitActive(player)
    qtbot.keyClick(player, Qt.Key.Key_Space)  # Space plays again
    qtbot.waitUntil(lambda: player.frames_shown > shown + 5, timeout=10_000)
    assert player.is_playing()


def test_playing_to_the_end_stops_at_the_end(qtbot: QtBot, player: MediaPlayerWidget) -> None:
    qtbot.waitSignal(player.opened, timeout=20_000).wait()
    player.seek(4.2)
    player.play()
    qtbot.waitUntil(lambda: not player.is_playing(), timeout=10_000)
    assert player.position() == pytest.approx(player.duration(), abs=0.1)
    assert close_to(_colour(player), colour_of_second(4))


def test_a_sound_only_file_plays(qtbot: QtBot, vault: Vault, song: Path) -> None:
    widget = MediaPlayerWidget(vault, _item(vault, song))
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.opened, timeout=20_000):
        pass
    assert widget.info is not None and not widget.info.has_video and not widget.video.isVisibleTo(widget)
    widget.play()
    qtbot.waitUntil(lambda: widget.position() > 0.5, timeout=10_000)
    assert widget.pcm_bytes_received > 44100 and widget.frames_shown == 0
    widget.close_player()


def test_closing_the_player_kills_the_decoder(qtbot: QtBot, player: MediaPlayerWidget) -> None:
    qtbot.waitSignal(player.first_frame_shown, timeout=20_000).wait()
    pid = player.session_pid
    assert pid is not None and os.path.exists(f"/proc/{pid}")
    player.close_player()
    assert not os.path.exists(f"/proc/{pid}")
    assert player.session_pid is None


def test_a_file_the_decoder_cannot_read_shows_a_message(qtbot: QtBot, vault: Vault, tmp_path: Path) -> None:
    junk = tmp_path / "junk.bin"
    junk.write_bytes(os.urandom(100_000))
    item = dataclasses.replace(_item(vault, junk), media_type="video/mp4")
    widget = MediaPlayerWidget(vault, item)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.failed, timeout=20_000):
        pass
    assert "could not be displayed" in widget.message.text()
    assert not widget.play_button.isEnabled()
    widget.close_player()


@pytest.mark.parametrize("mode", ["aborts_later", "oversized"])
def test_a_decoder_that_crashes_or_misbehaves_leaves_the_app_running(
    qtbot: QtBot, vault: Vault, clip: Path, hostile_sandbox: Callable[[str], None], mode: str
) -> None:
    item = _item(vault, clip)
    hostile_sandbox(mode)
    widget = MediaPlayerWidget(vault, item)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.failed, timeout=20_000) as failure:
        pass
    assert "could not be displayed" in widget.message.text()
    assert failure.args and ("crashed" in failure.args[0] or "invalid" in failure.args[0])
    widget.close_player()


def test_the_viewer_plays_media_without_a_qmediaplayer(
    qtbot: QtBot, vault: Vault, clip: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import PySide6.QtMultimedia

    class Forbidden:
        def __init__(self, *args: object) -> None:
            raise AssertionError("QMediaPlayer would parse the file in the app")

    monkeypatch.setattr(PySide6.QtMultimedia, "QMediaPlayer", Forbidden)
    dialog = ViewerDialog(vault, _item(vault, clip), None)
    qtbot.addWidget(dialog)
    assert isinstance(dialog.player_widget, MediaPlayerWidget)
    player = dialog.player_widget
    qtbot.waitSignal(player.first_frame_shown, timeout=20_000).wait()
    dialog.toggle_play()
    qtbot.waitUntil(lambda: player.position() > 0.5, timeout=10_000)
    pid = player.session_pid
    dialog.close()
    assert pid is not None and not os.path.exists(f"/proc/{pid}")


class FakeSink(QObject):
    """Plays pushed PCM in real time, like a sound device: the player's clock is what it has played."""

    stateChanged = Signal(object)

    def __init__(self, bytes_per_second: int) -> None:
        super().__init__()
        self.rate = bytes_per_second
        self.buffer = bytes_per_second // 5
        self.starts = self.suspends = 0
        self.total_written = 0
        self.volume = 1.0
        self._reset(QtAudio.State.StoppedState)

    def _reset(self, state: QtAudio.State) -> None:
        self._state = state
        self.written = 0
        self._played_before = 0.0
        self._since = time.monotonic()

    def _played(self) -> int:
        seconds = self._played_before
        if self._state in (QtAudio.State.ActiveState, QtAudio.State.IdleState):
            seconds += time.monotonic() - self._since
        return min(self.written, int(seconds * self.rate))

    def start(self) -> FakeSink:
        self.starts += 1
        self._reset(QtAudio.State.ActiveState)
        return self

    def write(self, data: bytes) -> int:
        accepted = min(len(data), self.bytesFree())
        self.written += accepted
        self.total_written += accepted
        return accepted

    def bytesFree(self) -> int:
        return self.buffer - (self.written - self._played())

    def processedUSecs(self) -> int:
        return int(self._played() / self.rate * 1_000_000)

    def state(self) -> QtAudio.State:
        if self._state == QtAudio.State.ActiveState and self._played() >= self.written:
            return QtAudio.State.IdleState
        return self._state

    def error(self) -> QtAudio.Error:
        return QtAudio.Error.NoError

    def suspend(self) -> None:
        self.suspends += 1
        self._played_before += time.monotonic() - self._since
        self._state = QtAudio.State.SuspendedState

    def resume(self) -> None:
        self._since = time.monotonic()
        self._state = QtAudio.State.ActiveState

    def stop(self) -> None:
        self._reset(QtAudio.State.StoppedState)

    def setVolume(self, volume: float) -> None:
        self.volume = volume


def test_with_a_sound_device_the_pictures_follow_the_sound_played(
    qtbot: QtBot, vault: Vault, clip: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sinks: list[FakeSink] = []

    def make_sink(self: MediaPlayerWidget, info: MediaInfo) -> FakeSink:
        sinks.append(FakeSink(info.bytes_per_second))
        return sinks[-1]

    monkeypatch.setattr(MediaPlayerWidget, "_make_sink", make_sink)
    widget = MediaPlayerWidget(vault, _item(vault, clip))
    qtbot.addWidget(widget)
    qtbot.waitSignal(widget.first_frame_shown, timeout=20_000).wait()
    [sink] = sinks
    widget.volume_slider.setValue(30)
    assert sink.volume == pytest.approx(0.3)
    widget.play()
    qtbot.waitUntil(lambda: widget.position() > 1.5, timeout=10_000)
    assert sink.total_written > 48000 * 4 * 1.5
    assert abs(widget.position() - sink.processedUSecs() / 1e6) < 0.01  # the clock is the sound played
    assert close_to(_colour(widget), colour_of_second(1))
    widget.pause()
    assert sink.suspends == 1
    paused_at = widget.position()
    qtbot.wait(200)
    assert widget.position() == pytest.approx(paused_at, abs=0.001)
    widget.seek(3.5)
    widget.play()
    qtbot.waitUntil(lambda: widget.position() > 3.8, timeout=10_000)
    assert sink.starts == 2 and widget.position() < 4.5  # the sink started again at the new position
    assert close_to(_colour(widget), colour_of_second(3))
    qtbot.waitUntil(lambda: not widget.is_playing(), timeout=10_000)  # the end
    assert widget.position() == pytest.approx(5.0, abs=0.1)
    widget.close_player()


def test_rapid_seeks_end_at_the_last_position(qtbot: QtBot, player: MediaPlayerWidget) -> None:
    qtbot.waitSignal(player.first_frame_shown, timeout=20_000).wait()
    for seconds in (0.5, 1.5, 2.5, 0.2, 4.0, 2.0):
        player.seek(seconds)
    qtbot.waitUntil(lambda: close_to(_colour(player), colour_of_second(2)), timeout=10_000)
    qtbot.wait(300)
    assert close_to(_colour(player), colour_of_second(2)) and player.position() == pytest.approx(2.0)


def test_a_player_deleted_without_closing_still_kills_the_decoder(qtbot: QtBot, vault: Vault, clip: Path) -> None:
    widget = MediaPlayerWidget(vault, _item(vault, clip))
    qtbot.waitSignal(widget.first_frame_shown, timeout=20_000).wait()
    pid = widget.session_pid
    assert pid is not None
    widget.deleteLater()
    qtbot.waitUntil(lambda: not os.path.exists(f"/proc/{pid}"), timeout=5_000)
