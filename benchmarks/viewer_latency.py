"""Time from opening the viewer on a video to its first picture on screen, and how playback keeps up.

Not a test: `PYTHONPATH=. QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/viewer_latency.py [--runs 5]`.

  first picture = ViewerDialog() created -> MediaPlayerWidget.first_frame_shown, which includes starting the fork
                  server (it preloads PyAV and Pillow), forking the child, opening the file through the job channel,
                  decoding, scaling and sending the first picture, and painting it. Median over --runs.
  playback      = pictures shown and dropped in --play seconds of playing (1080p 30 fps source, shown at 1280x720)
  PDF page      = page 3 of a 5-page A4 PDF rendered in the sandbox at 900x680 and back as checked pixels: with a
                  new sandbox (fork server started, as when the viewer opens) and with a running one (paging)
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

from locker.crypto.kdf import KdfParams
from locker.ingest.importer import import_files
from locker.vault.items import get_item
from locker.vault.vault import Vault
from tests.view.media_files import make_media
from ui.viewer_dialog import ViewerDialog


def _wait(app: QApplication, until: object, timeout: float = 30.0) -> None:
    end = time.monotonic() + timeout
    while not until() and time.monotonic() < end:  # type: ignore[operator]
        app.processEvents()
        time.sleep(0.001)


def _dispose(app: QApplication, dialog: ViewerDialog) -> None:
    """Closed and deleted now: top-level widgets left for interpreter shutdown can crash PySide6 there."""
    dialog.close()
    dialog.deleteLater()
    app.processEvents()


def _moving_hd(path: Path) -> Path:
    """FFmpeg's moving test pattern at 1080p30, about 7 Mbit/s: like phone footage to decode."""
    video = "testsrc2=size=1920x1080:rate=30:duration=8"
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i", video, "-f", "lavfi", "-i",
                    "sine=frequency=440:duration=8", "-c:v", "libx264", "-preset", "veryfast", "-crf", "20",
                    "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", str(path)], check=True)  # fmt: skip
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--play", type=float, default=4.0)
    args = parser.parse_args()
    app = QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        vault = Vault.create(
            work / "bench.locker", "benchmark passphrase", KdfParams(memory_kib=8, iterations=1, lanes=1)
        )
        files = {
            "320x240 25 fps + AAC": make_media(work / "small.mp4", seconds=5),
            "1920x1080 30 fps + AAC": _moving_hd(work / "hd.mp4"),
        }
        for label, path in files.items():
            [outcome] = import_files(vault, [path])
            assert outcome.item_id is not None
            with vault.session() as conn:
                item = get_item(conn, outcome.item_id)
            latencies = []
            for _ in range(args.runs):
                shown: list[float] = []
                start = time.monotonic()
                dialog = ViewerDialog(vault, item, None)
                dialog.show()
                dialog.player_widget.first_frame_shown.connect(lambda shown=shown: shown.append(time.monotonic()))
                _wait(app, lambda shown=shown: shown)
                latencies.append((shown[0] - start) * 1000)
                _dispose(app, dialog)
            print(f"{label} ({path.stat().st_size / 1e6:.1f} MB): first picture after "
                  f"{statistics.median(latencies):.0f} ms median (min {min(latencies):.0f}, max {max(latencies):.0f}, "
                  f"{args.runs} runs)")  # fmt: skip
            dialog = ViewerDialog(vault, item, None)
            dialog.show()
            player = dialog.player_widget
            _wait(app, lambda player=player: player.frames_shown)
            player.play()
            began = time.monotonic()
            _wait(app, lambda began=began: time.monotonic() - began > args.play, timeout=args.play + 5)
            position = player.position()
            print(f"  playing {args.play:g} s: position {position:.2f} s, {player.frames_shown} pictures shown, "
                  f"{player.frames_dropped} dropped late")  # fmt: skip
            _dispose(app, dialog)
        _pdf_pages(vault, work, args.runs)
        vault.close()


def _pdf_pages(vault: Vault, work: Path, runs: int) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from locker.sandbox.runner import SandboxRunner
    from locker.view.service import render_pdf_page

    path = work / "five.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for number in range(1, 6):
        pdf.setFont("Helvetica", 28)
        pdf.drawString(72, 700, f"Page {number}: a court decision, paragraph after paragraph")
        pdf.showPage()
    pdf.save()
    [outcome] = import_files(vault, [path])
    assert outcome.item_id is not None
    cold, warm = [], []
    for _ in range(runs):
        start = time.monotonic()
        with SandboxRunner() as runner:
            render_pdf_page(vault, outcome.item_id, 2, runner, fit=(900, 680))
            cold.append((time.monotonic() - start) * 1000)
            for _ in range(3):
                start = time.monotonic()
                render_pdf_page(vault, outcome.item_id, 2, runner, fit=(900, 680))
                warm.append((time.monotonic() - start) * 1000)
    print(f"PDF page 3 of 5 at 900x680: {statistics.median(cold):.0f} ms with a new sandbox, "
          f"{statistics.median(warm):.0f} ms with a running one (medians of {runs} and {len(warm)})")  # fmt: skip


if __name__ == "__main__":
    main()
