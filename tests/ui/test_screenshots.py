"""scripts/screenshots walks the whole app on a 1366x768 screen: every step's screen is written, full size and not
blank; at scale 2 (a HiDPI laptop) the same screen has twice the pixels."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from ui.screenshots import STEPS


def _walk(out: Path, *args: str) -> list[str]:
    done = subprocess.run([sys.executable, "-m", "ui.screenshots", str(out), "--languages", "ru", *args],
                          capture_output=True, text=True, timeout=300, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return sorted(p.name for p in out.iterdir())


def _colours(path: Path) -> int:
    with Image.open(path) as image:
        return len(image.convert("RGB").getcolors(maxcolors=1_000_000) or [])


@pytest.mark.slow
def test_the_walk_writes_every_step_in_russian_at_1366x768(tmp_path: Path) -> None:
    names = _walk(tmp_path, "--scales", "1")
    # A first-run panic setup, where the app shows one after the vault is made, is one more step.
    assert sorted(names) == sorted(f"{step}-ru.png" for step in STEPS)
    for name in names:
        with Image.open(tmp_path / name) as image:
            assert image.size == (1366, 768), name
        # Not blank: a screen with a window on it has many colours, a blank frame one.
        assert _colours(tmp_path / name) > 30, name


@pytest.mark.slow
def test_at_scale_two_a_screen_has_twice_the_pixels(tmp_path: Path) -> None:
    names = _walk(tmp_path, "--scales", "2", "--steps", "first-run,main-window")
    assert names == ["first-run-ru@2x.png", "main-window-ru@2x.png"]
    for name in names:
        with Image.open(tmp_path / name) as image:
            assert image.size == (2732, 1536), name
        assert _colours(tmp_path / name) > 30, name


DOCS = Path(__file__).resolve().parent.parent.parent / "docs"


@pytest.mark.parametrize(("guide", "language"), [("USER_GUIDE.md", "en"), ("USER_GUIDE.ru.md", "ru")])
def test_each_guide_shows_the_committed_screenshots_in_its_own_language(guide: str, language: str) -> None:
    shown = re.findall(r"\]\((screenshots/[^)]+)\)", (DOCS / guide).read_text(encoding="utf-8"))
    assert shown, guide
    assert [name for name in shown if not name.endswith(f"-{language}.png")] == []
    assert [name for name in shown if not (DOCS / name).is_file()] == []
    # Every step of the walk is in the guide (the first-run panic setup only once the app has one).
    steps = {name.removeprefix("screenshots/").removesuffix(f"-{language}.png") for name in shown}
    assert steps == set(STEPS)
