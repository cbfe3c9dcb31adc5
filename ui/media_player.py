"""Video and sound played from pixels and PCM that the sandbox decoded: no Qt or FFmpeg code here sees the file.

A decoder thread drives a MediaSession (locker.sandbox.stream) and hands batches of raw frames and PCM to the GUI
thread through signals. The GUI keeps a small buffer ahead of the play position, pushes PCM into a QAudioSink and
shows each picture through a QVideoSink when its time comes. The clock is the sound actually played (the
sink's processed time) when there is sound and a device; a monotonic clock otherwise. Late pictures are dropped.
"""

from __future__ import annotations

import time
from collections import deque
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QImage, QKeySequence, QShortcut
from PySide6.QtMultimedia import QAudioFormat, QAudioSink, QMediaDevices, QtAudio, QVideoFrame
from PySide6.QtWidgets import (
    QAbstractSlider,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from locker.sandbox.stream import AudioChunk, Batch, MediaInfo, MediaSession, VideoFrame
from locker.vault.chunks import ItemReader
from locker.vault.items import Item
from locker.vault.vault import Vault
from ui.media_decoder import _Decoder, _Relay
from ui.video_view import VideoView

LONG_SIDE = 1280
AHEAD_SECONDS = 0.6  # decoded ahead of the play position
BATCH_MILLISECONDS = 250
MAX_QUEUED_VIDEO_BYTES = 64 * 1024 * 1024  # beyond this the oldest pictures are dropped
MAX_QUEUED_PCM_BYTES = 8 * 1024 * 1024  # about 40 s of 48 kHz stereo; no more is asked for beyond it
TICK_MILLISECONDS = 10


def _clock_text(seconds: float) -> str:
    whole = max(0, int(seconds))
    hours, rest = divmod(whole, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


class MediaPlayerWidget(QWidget):
    """Plays a video or sound item of the vault. Call `close_player()` when done: it kills the decoder."""

    #: The file was opened in the sandbox; duration and streams are known.
    opened = Signal()
    #: The first picture is on screen (a still, before play is pressed).
    first_frame_shown = Signal()
    #: Decoding failed; the text says why (for diagnostics; the widget shows its own message).
    failed = Signal(str)

    def __init__(self, vault: Vault, item: Item, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.info: MediaInfo | None = None
        self.error: str | None = None
        self.frames_shown = 0
        self.frames_dropped = 0
        self.pcm_bytes_received = 0
        self._generation = 0
        self._frames: deque[VideoFrame] = deque()
        self._queued_video_bytes = 0
        self._pcm: deque[AudioChunk] = deque()
        self._pcm_offset = 0  # bytes of _pcm[0] already written
        self._video_until = self._audio_until = 0.0
        self._requested = False
        self._end_of_media = False
        self._playing = False
        self._waiting = True  # after a seek: hold the clock until the new position's first batch arrives
        self._still_wanted = True  # paused: show the first picture that arrives
        self._position = 0.0
        self._anchor = time.monotonic()
        self._closed = False
        self._sink: QAudioSink | None = None
        self._audio_io: Any = None
        self._audio_base: float | None = None  # media time of the first PCM written since the sink started
        self._audio_clock_ok = False  # the sink's processed time is the clock
        self._build()
        self._relay = _Relay(self)
        self._relay.opened.connect(self._on_opened)
        self._relay.batch.connect(self._on_batch)
        self._relay.failed.connect(self._on_failed)
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(TICK_MILLISECONDS)
        self._timer.timeout.connect(self._tick)
        self._session = MediaSession(ItemReader(vault.session, item), item.media_type, long_side=LONG_SIDE)
        self._decoder = _Decoder(self._session, self._relay)
        self._decoder.start()
        self.destroyed.connect(self._decoder.stop)  # deleted without close_player(): the child still goes

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.video = VideoView(self)
        self.video.setAccessibleName(self.tr("Video"))
        layout.addWidget(self.video, 1)
        self.message = QLabel(self.tr("Opening..."))
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # the reason for a failure comes from the sandbox
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.message)
        row = QHBoxLayout()
        self.play_button = QPushButton(self.tr("Play"))
        self.play_button.setEnabled(False)
        self.play_button.clicked.connect(self.toggle_play)
        QShortcut(QKeySequence(Qt.Key.Key_Space), self, self.toggle_play)  # at once, not the button's animated click
        row.addWidget(self.play_button)
        self.position_slider = QSlider(Qt.Orientation.Horizontal)
        self.position_slider.setAccessibleName(self.tr("Position"))
        self.position_slider.setEnabled(False)
        self.position_slider.sliderMoved.connect(lambda ms: self._show_time(ms / 1000))
        self.position_slider.sliderReleased.connect(lambda: self.seek(self.position_slider.value() / 1000))
        self.position_slider.actionTriggered.connect(self._slider_action)
        row.addWidget(self.position_slider, 1)
        self.time_label = QLabel(_clock_text(0))
        row.addWidget(self.time_label)
        volume_label = QLabel(self.tr("Volume"))
        row.addWidget(volume_label)
        self.volume_slider = QSlider(Qt.Orientation.Horizontal)
        self.volume_slider.setAccessibleName(self.tr("Volume"))
        self.volume_slider.setRange(0, 100)
        self.volume_slider.setValue(80)
        self.volume_slider.setMaximumWidth(120)
        self.volume_slider.valueChanged.connect(self._set_volume)
        volume_label.setBuddy(self.volume_slider)
        row.addWidget(self.volume_slider)
        layout.addLayout(row)

    # -- public --------------------------------------------------------------------------------------------------

    @property
    def session_pid(self) -> int | None:
        """The sandbox child's pid while it runs (diagnostics and tests)."""
        return self._session.pid if not self._session.closed else None

    def is_playing(self) -> bool:
        return self._playing

    def duration(self) -> float:
        return self.info.duration if self.info is not None else 0.0

    def position(self) -> float:
        """The play position in seconds."""
        return self._clock()

    def current_image(self) -> QImage:
        """The picture on screen now (a null image before the first one)."""
        return self.video.videoSink().videoFrame().toImage()

    def play(self) -> None:
        if self.info is None or self._playing or self.error is not None:
            return
        if self._end_of_media and not self._frames and not self._pcm:
            self.seek(0.0)
        self._playing = True
        self._anchor = time.monotonic()  # the monotonic clock runs on from the paused position
        if self._sink is not None and self._sink.state() == QtAudio.State.SuspendedState:
            self._sink.resume()
        self.play_button.setText(self.tr("Pause"))
        self._timer.start()
        self._tick()

    def pause(self) -> None:
        if not self._playing:
            return
        self._position = self._clock()
        self._playing = False
        self._timer.stop()
        if self._sink is not None and self._sink.state() in (QtAudio.State.ActiveState, QtAudio.State.IdleState):
            self._sink.suspend()
        self.play_button.setText(self.tr("Play"))

    def toggle_play(self) -> None:
        if self._playing:
            self.pause()
        else:
            self.play()

    def seek(self, seconds: float) -> None:
        """Jump to `seconds`; playing goes on from there (or, paused, the picture there is shown)."""
        if self.info is None or self.error is not None:
            return
        seconds = min(max(0.0, seconds), self.info.duration or float("inf"))
        self._generation += 1
        self._frames.clear()
        self._queued_video_bytes = 0
        self._pcm.clear()
        self._pcm_offset = 0
        self._video_until = self._audio_until = seconds
        self._end_of_media = False
        self._requested = False
        self._position = seconds
        self._anchor = time.monotonic()
        self._waiting = True
        self._still_wanted = True
        self._restart_audio()
        self._decoder.seek(self._generation, seconds)
        self._request()
        self._show_time(seconds)

    def close_player(self) -> None:
        """Stop playing and kill the sandbox child. The widget shows nothing more afterwards."""
        if self._closed:
            return
        self._closed = True
        self._playing = False
        self._timer.stop()
        if self._sink is not None:
            self._sink.stop()
            self._sink = None
            self._audio_io = None
        self._decoder.stop()
        self._frames.clear()
        self._pcm.clear()

    # -- from the decoder ----------------------------------------------------------------------------------------

    def _on_opened(self, info: MediaInfo) -> None:
        if self._closed:
            return
        self.info = info
        self.message.setText("" if info.has_video else self.tr("Sound only"))
        self.video.setVisible(info.has_video)
        self.position_slider.setRange(0, int(info.duration * 1000))
        self.position_slider.setEnabled(info.duration > 0)
        self.play_button.setEnabled(True)
        if info.has_audio:
            self._open_audio(info)
        self._show_time(0.0)
        self._request()
        self.opened.emit()

    def _on_batch(self, generation: int, batch: Batch) -> None:
        if self._closed or generation != self._generation:
            return  # asked for before a seek
        self._requested = False
        self._end_of_media = batch.end_of_media
        for frame in batch.video:
            self._frames.append(frame)
            self._queued_video_bytes += len(frame.rgb)
            self._video_until = max(self._video_until, frame.seconds)
        while self._queued_video_bytes > MAX_QUEUED_VIDEO_BYTES and len(self._frames) > 1:
            self._queued_video_bytes -= len(self._frames.popleft().rgb)
            self.frames_dropped += 1
        for chunk in batch.audio:
            assert self.info is not None
            self._pcm.append(chunk)
            self.pcm_bytes_received += len(chunk.pcm)
            self._audio_until = max(self._audio_until, chunk.seconds + chunk.duration(self.info))
        if self._waiting and (batch.video or batch.audio or batch.end_of_media):
            self._waiting = False
            self._anchor = time.monotonic()
        if self._still_wanted and self._frames:
            self._still_wanted = False
            if not self._playing:
                still = self._frames.popleft()
                self._queued_video_bytes -= len(still.rgb)
                self._display(still)
        if self._playing:
            self._tick()
        else:
            self._request_if_low(self._position)

    def _on_failed(self, reason: str) -> None:
        if self._closed:
            return
        self.error = reason
        self.pause()
        self.play_button.setEnabled(False)
        self.position_slider.setEnabled(False)
        self.message.setText(self.tr("This video or sound could not be displayed.") + "\n" + reason)
        self.failed.emit(reason)

    # -- playing -------------------------------------------------------------------------------------------------

    def _tick(self) -> None:
        if not self._playing or self._closed:
            return
        self._feed_audio()
        now = self._clock()
        shown: VideoFrame | None = None
        while self._frames and self._frames[0].seconds <= now:
            if shown is not None:
                self.frames_dropped += 1  # late: a newer picture is due already
            shown = self._frames.popleft()
            self._queued_video_bytes -= len(shown.rgb)
        if shown is not None:
            self._display(shown)
        info = self.info
        if info is not None and (self._sink is None or not self._audio_clock_ok):
            while self._pcm and self._pcm[0].seconds + self._pcm[0].duration(info) < now:
                self._pcm.popleft()  # nobody will play it
                self._pcm_offset = 0
        sink = self._sink
        audio_done = self._end_of_media and not self._pcm and sink is not None and self._audio_clock_ok
        if audio_done and self._frames and sink is not None and sink.state() == QtAudio.State.IdleState:
            # The sound ended before the pictures: go on without it.
            self._position, self._anchor = now, time.monotonic()
            self._audio_clock_ok = False
        if not self.position_slider.isSliderDown():
            self._show_time(now)
        self._request_if_low(now)
        drained = self._end_of_media and not self._frames and not self._pcm and not self._requested
        sound_over = sink is None or not self._audio_clock_ok or sink.state() == QtAudio.State.IdleState
        if drained and sound_over:
            self.pause()
            self._position = max(now, self.info.duration if self.info else now)

    def _clock(self) -> float:
        if not self._playing or self._waiting:
            return self._position
        if self._sink is not None and self._audio_clock_ok and self._audio_base is not None:
            return self._audio_base + self._sink.processedUSecs() / 1_000_000
        return self._position + (time.monotonic() - self._anchor)

    def _request_if_low(self, now: float) -> None:
        if self.info is None or self._requested or self._end_of_media:
            return
        if sum(len(c.pcm) for c in self._pcm) > MAX_QUEUED_PCM_BYTES:
            return  # the decoder's times do not add up (a hostile file?): wait until this is played
        low_video = self.info.has_video and self._video_until < now + AHEAD_SECONDS
        low_audio = self.info.has_audio and self._audio_until < now + AHEAD_SECONDS
        if low_video or low_audio:
            self._request()

    def _request(self) -> None:
        if self._requested or self._closed or self._end_of_media:
            return
        self._requested = True
        self._decoder.request(self._generation, BATCH_MILLISECONDS)

    def _display(self, frame: VideoFrame) -> None:
        image = QImage(frame.rgb, frame.width, frame.height, frame.width * 3, QImage.Format.Format_RGB888)
        owned = image.convertToFormat(QImage.Format.Format_RGBX8888)  # a copy Qt owns, in a video pixel format
        self.video.videoSink().setVideoFrame(QVideoFrame(owned))
        self.frames_shown += 1
        if self.frames_shown == 1:
            self.first_frame_shown.emit()

    def _show_time(self, seconds: float) -> None:
        total = self.info.duration if self.info is not None else 0.0
        shown = min(max(0.0, seconds), total) if total else max(0.0, seconds)
        self.time_label.setText(f"{_clock_text(shown)} / {_clock_text(total)}")
        if not self.position_slider.isSliderDown():
            self.position_slider.setValue(int(shown * 1000))

    def _slider_action(self, action: int) -> None:
        if action == QAbstractSlider.SliderAction.SliderMove.value:
            return  # dragging: the seek happens on release
        QTimer.singleShot(0, lambda: self.seek(self.position_slider.sliderPosition() / 1000))

    # -- sound ---------------------------------------------------------------------------------------------------

    def _open_audio(self, info: MediaInfo) -> None:
        """Without a device (or one that refuses the format) the pictures play on the monotonic clock."""
        self._sink = self._make_sink(info)
        if self._sink is not None:
            self._sink.setVolume(self.volume_slider.value() / 100)
            self._sink.stateChanged.connect(self._audio_state)

    def _make_sink(self, info: MediaInfo) -> QAudioSink | None:
        """A push-mode sink for the session's PCM format on the default device."""
        device = QMediaDevices.defaultAudioOutput()
        audio_format = QAudioFormat()
        audio_format.setSampleRate(info.sample_rate)
        audio_format.setChannelCount(info.channels)
        audio_format.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        if device.isNull() or not device.isFormatSupported(audio_format):
            return None
        return QAudioSink(device, audio_format, self)

    def _restart_audio(self) -> None:
        """Drop what the sink still holds (after a seek): it starts again with the next PCM written."""
        if self._sink is not None and self._audio_io is not None:
            self._sink.stop()
        self._audio_io = None
        self._audio_base = None
        self._audio_clock_ok = False

    def _feed_audio(self) -> None:
        if self._sink is None or self.info is None:
            return
        if self._audio_io is None:
            if not self._pcm:
                return
            self._audio_io = self._sink.start()
            if self._audio_io is None or self._sink.error() != QtAudio.Error.NoError:
                self._give_up_audio()
                return
            self._audio_base = self._pcm[0].seconds + self._pcm_offset / self.info.bytes_per_second
            self._audio_clock_ok = True
        free = self._sink.bytesFree()
        while self._pcm and free > 0:
            chunk = self._pcm[0]
            piece = chunk.pcm[self._pcm_offset : self._pcm_offset + free]
            written = int(self._audio_io.write(piece))
            if written <= 0:
                break
            free -= written
            self._pcm_offset += written
            if self._pcm_offset >= len(chunk.pcm):
                self._pcm.popleft()
                self._pcm_offset = 0

    def _audio_state(self, _state: QtAudio.State) -> None:
        if self._sink is not None and self._sink.error() not in (QtAudio.Error.NoError, QtAudio.Error.UnderrunError):
            self._give_up_audio()

    def _give_up_audio(self) -> None:
        """No usable sound device: keep playing the pictures on the monotonic clock, from where we are."""
        now = self._clock()
        sink, self._sink = self._sink, None
        self._audio_io = None
        self._audio_clock_ok = False
        self._position, self._anchor = now, time.monotonic()
        if sink is not None:
            sink.stop()
            sink.deleteLater()

    def _set_volume(self, value: int) -> None:
        if self._sink is not None:
            self._sink.setVolume(value / 100)
