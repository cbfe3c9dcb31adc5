"""The README's screenshots come from the project's own script; on a HiDPI screen (scale 2) the window renders
at twice the pixels with the same layout."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PIL import Image


def test_screenshot_script_renders_english_and_russian_at_normal_and_double_scale(tmp_path: Path) -> None:
    for scale, size in (("1", (1366, 768)), ("2", (2732, 1536))):
        out = tmp_path / f"scale-{scale}"
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": scale}
        done = subprocess.run([sys.executable, "-m", "ui.screenshots", str(out)], capture_output=True, text=True,
                              env=env, timeout=180, check=False)  # fmt: skip
        assert done.returncode == 0, done.stderr
        shots = sorted(p.name for p in out.iterdir())
        assert shots == ["main-window-en.png", "main-window-ru.png"]
        for name in shots:
            with Image.open(out / name) as image:
                assert image.size == size
                # Not a blank frame: a real window has many colours.
                assert len(image.convert("RGB").getcolors(maxcolors=1_000_000) or []) > 200
