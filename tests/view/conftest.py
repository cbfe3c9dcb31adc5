"""Media files shared by the playback tests (made once per session: encoding takes a moment)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import start_sandbox_as
from tests.view.media_files import make_media


@pytest.fixture(scope="session")
def clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """5 s, 320x240, a colour per second, a 440 Hz stereo tone at 48 kHz."""
    return make_media(tmp_path_factory.mktemp("media") / "clip.mp4")


@pytest.fixture(scope="session")
def song(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """3 s of sound only: a mono 44.1 kHz tone."""
    return make_media(tmp_path_factory.mktemp("media") / "song.m4a", seconds=3, video=False, rate=44100, channels=1)


@pytest.fixture
def hostile_sandbox(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """Make the next sandbox runners start tests.view.hostile_zygote in the given mode."""
    return lambda mode: start_sandbox_as(monkeypatch, "tests.view.hostile_zygote", mode)
