"""Screenshots of the whole walk for the user guides and the review, from a demo vault built on the spot.

`python -m ui.screenshots DIR [--languages en,ru]` writes DIR/<step>-<lang>.png, each a 1366x768 screen: the main
window, and the dialog of the step centred over it (dimmed), as a person sees it. At QT_SCALE_FACTOR=2 the same
walk is written as <step>-<lang>@2x.png at 2732x1536. The demo evidence is generated (a photo with GPS, a court fine
as PDF, a short video, an unrelated note); no real file is used.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QLocale, QRect, Qt, QTimer, SignalInstance
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QWidget

from locker.crypto.kdf import KdfParams
from locker.vault.vault import Vault
from ui.app import install_translators

if TYPE_CHECKING:
    from PIL import Image

DEMO_KDF = KdfParams(memory_kib=8 * 1024, iterations=1, lanes=1)
SIZE = (1366, 768)
_TITLE_BAR = 26  # what a window manager adds above a dialog, drawn in the screenshots
#: Every step of the walk, in the order it is rendered.
STEPS = ("first-run", "first-run-panic", "import", "main-window", "details", "export", "export-result",
         "verify-confirmed", "verify-invalid", "share", "settings", "panic-practice")  # fmt: skip
_WORDS = {
    "en": {"case": "Fine of 12 March", "court": "Tverskoy District Court", "number": "5-1234/2026",
           "note": "Taken at the metro exit", "lawyer": "Counsel Ivanova", "bundle": "for-counsel"},
    "ru": {"case": "Штраф от 12 марта", "court": "Тверской районный суд", "number": "5-1234/2026",
           "note": "Снято у выхода из метро", "lawyer": "адвокат Иванова", "bundle": "для-адвоката"},
}  # fmt: skip


def demo_files(folder: Path) -> list[Path]:
    """A photo with GPS (Pillow), a court fine (PDF, pikepdf) and a short video (PyAV), written into `folder`."""
    import pikepdf  # noqa: PLC0415 - demo data only
    from PIL import Image  # noqa: PLC0415

    photo = folder / "IMG_2031.jpg"
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "Apple", "iPhone 13"
    exif.get_ifd(0x8769)[0x9003] = "2026:03:12 14:05:31"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (55.0, 45.0, 30.0), "E", (37.0, 37.0, 2.0)
    _demo_picture().save(photo, "JPEG", exif=exif.tobytes())
    fine = folder / "fine-2026-03-12.pdf"
    with pikepdf.new() as pdf:
        pdf.add_blank_page(page_size=(595, 842))
        pdf.docinfo["/Title"] = "Fine"
        pdf.save(fine)
    video = folder / "VID_2032.mp4"
    _demo_video(video)
    return [photo, fine, video]


def _demo_picture() -> Image.Image:
    """A face the detector finds (scikit-image's astronaut, when the dev tools are installed), else a drawn street."""
    from PIL import Image, ImageDraw  # noqa: PLC0415

    try:
        from skimage import data  # noqa: PLC0415

        return Image.fromarray(data.astronaut())  # type: ignore[no-untyped-call]
    except ImportError:
        picture = Image.new("RGB", (960, 640), (70, 110, 150))
        draw = ImageDraw.Draw(picture)
        draw.rectangle((0, 420, 960, 640), fill=(90, 90, 90))
        for x in range(60, 900, 140):
            draw.rectangle((x, 250, x + 60, 430), fill=(40, 40, 60))
            draw.ellipse((x + 8, 200, x + 52, 250), fill=(200, 170, 140))
        return picture


def _demo_video(path: Path) -> None:
    import numpy as np  # noqa: PLC0415

    from locker.share.media import write_h264  # noqa: PLC0415

    def frames() -> Iterator[np.ndarray]:
        for index in range(30):
            pixels = np.zeros((360, 640, 3), np.uint8)
            pixels[:, :, 0] = np.linspace(40, 200, 640, dtype=np.uint8)
            pixels[100:260, 20 * index : 20 * index + 80] = (230, 200, 60)
            yield pixels

    write_h264(path, frames(), rate=15)


def settle(ms: int = 60) -> None:
    """Let layouts, fits and deferred calls run, as they would before a person looks."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_for(signal: SignalInstance, start: Callable[[], object], seconds: float = 180) -> tuple[object, ...]:
    """Call `start` and run the event loop until `signal` fires; its arguments."""
    got: list[tuple[object, ...]] = []
    loop = QEventLoop()

    def done(*args: object) -> None:
        got.append(args)
        loop.quit()

    signal.connect(done)
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    start()
    if not got:
        loop.exec()
    signal.disconnect(done)
    if not got:
        raise TimeoutError(f"no {signal} within {seconds} s")
    return got[0]


def wait_until(condition: Callable[[], bool], seconds: float = 60) -> None:
    end = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > end:
            raise TimeoutError("the app did not get there in time")
        settle(20)


def screen(background: QWidget | None, dialog: QWidget | None) -> QPixmap:
    """A 1366x768 screen: the main window (or an empty desktop), and the dialog with a plain title bar centred over
    it, the rest dimmed. A dialog taller than the screen is drawn from the top and cut, as the screen would cut it."""
    if background is not None:
        shot = background.grab(QRect(0, 0, *SIZE))
    else:
        ratio = QApplication.primaryScreen().devicePixelRatio()
        shot = QPixmap(int(SIZE[0] * ratio), int(SIZE[1] * ratio))
        shot.setDevicePixelRatio(ratio)
        shot.fill(QColor("#3c4a5a"))
    if dialog is not None:
        painter = QPainter(shot)
        if background is not None:
            painter.fillRect(QRect(0, 0, *SIZE), QColor(0, 0, 0, 80))
        width, height = dialog.width(), dialog.height() + _TITLE_BAR
        x, y = max(0, (SIZE[0] - width) // 2), max(0, (SIZE[1] - height) // 2)
        painter.fillRect(QRect(x, y, width, _TITLE_BAR), QColor("#2b3440"))
        painter.setPen(QColor("#ffffff"))
        painter.drawText(QRect(x + 10, y, width - 20, _TITLE_BAR), Qt.AlignmentFlag.AlignVCenter, dialog.windowTitle())
        painter.drawPixmap(x, y + _TITLE_BAR, dialog.grab())
        painter.setPen(QColor("#202020"))
        painter.drawRect(x, y, width - 1, height - 1)
        painter.end()
    return shot


class _AllWritten(Exception):
    """Every step asked for is written: the walk ends early (its windows are closed on the way out)."""


class Walk:
    """One language's walk through the app, writing a screen per step."""

    def __init__(
        self, app: QApplication, out: Path, language: str, work: Path, steps: tuple[str, ...] | None = None
    ) -> None:
        self.app = app
        self.steps = steps
        self.out = out
        self.language = language
        self.work = work
        self.words = _WORDS[language]
        ratio = QApplication.primaryScreen().devicePixelRatio()
        self.suffix = "" if ratio == 1 else f"@{ratio:g}x"
        self.written: list[Path] = []

    def shoot(self, step: str, background: QWidget | None, dialog: QWidget | None = None) -> None:
        """Write the screen of `step` (unless only other steps were asked for)."""
        if self.steps is not None and step not in self.steps:
            return
        settle()
        path = self.out / f"{step}-{self.language}{self.suffix}.png"
        screen(background, dialog).save(str(path))
        optimise(path)
        self.written.append(path)
        if self.steps is not None and len(self.written) == len(self.steps):
            raise _AllWritten  # the rest of the walk would write nothing

    def run(self, files: list[Path]) -> None:
        from ui.main_window import MainWindow  # noqa: PLC0415
        from ui.worker import TaskRunner  # noqa: PLC0415

        runner = TaskRunner()
        vault = self.first_run(runner)
        window = MainWindow(vault, runner)
        window.resize(*SIZE)
        window.show()
        try:
            self.first_run_panic(window)
            self.import_and_sort(window, vault, files)
            self.export_and_verify(window)
            self.share_settings_panic(window, vault, runner)
        finally:
            window.close()
            runner.wait()
            vault.close()

    def first_run(self, runner: object) -> Vault:
        from ui.passphrase_dialogs import CreateVaultDialog  # noqa: PLC0415

        made: list[Vault] = []
        dialog = CreateVaultDialog(self.work / f"demo-{self.language}.locker", runner,  # type: ignore[arg-type]
                                   lambda root, phrase: Vault.create(root, phrase, DEMO_KDF))  # fmt: skip
        dialog.vault_ready.connect(made.append)
        dialog.show()
        try:
            dialog.meter.generate()  # the generated passphrase, shown so that she can write it down
            self.shoot("first-run", None, dialog)
            dialog.buttons.accepted.emit()
            wait_until(lambda: bool(made))
        finally:
            dialog.close()
        return made[0]

    def first_run_panic(self, window: QWidget) -> None:
        """The panic setup the app shows over the main window of a vault just created (ui/app.py)."""
        from locker.settings import AppSettings  # noqa: PLC0415
        from ui.first_run_panic import FirstRunPanicSetup  # noqa: PLC0415

        setup = FirstRunPanicSetup(AppSettings(), lambda _settings: None, window)
        setup.show()
        try:
            self.shoot("first-run-panic", window, setup)
        finally:
            setup.close()

    def import_and_sort(self, window: object, vault: Vault, files: list[Path]) -> None:
        from locker.vault.cases import create_case, describe_case, set_item_case  # noqa: PLC0415
        from locker.vault.items import set_notes  # noqa: PLC0415
        from ui.main_window import MainWindow  # noqa: PLC0415

        assert isinstance(window, MainWindow)
        folder = files[0].parent
        (outcomes,) = wait_for(window.import_finished, lambda: window.import_paths([folder]))
        self.shoot("import", window)
        ids = {o.name: o.item_id for o in outcomes}  # type: ignore[attr-defined]
        words = self.words
        with vault.transaction() as conn:
            create_case(conn, words["case"])
            describe_case(conn, words["case"], words["court"], words["number"], "", "")
            for name in ("IMG_2031.jpg", "fine-2026-03-12.pdf"):
                set_item_case(conn, ids[name], words["case"])
            set_notes(conn, ids["IMG_2031.jpg"], words["note"])
        window.cases.reload()
        window.refresh()
        window.import_panel.activity.setVisible(False)  # as after the next start of the app
        self.shoot("main-window", window)
        window.select_item(ids["IMG_2031.jpg"])
        self.shoot("details", window)
        self.ids = ids

    def export_and_verify(self, window: object) -> None:
        from ui.main_window import MainWindow  # noqa: PLC0415

        assert isinstance(window, MainWindow)
        window.select_item(self.ids["VID_2032.mp4"])  # unrelated to the case: the case option must win
        export = window.open_export()
        export.case.setCurrentText(self.words["case"])
        export.case_radio.setChecked(True)
        bundle = self.work / f"{self.words['bundle']}-{self.language}"
        export.destination.setText(str(bundle))
        export.recipient.setText(self.words["lawyer"])
        self.shoot("export", window, export)
        wait_for(export.exported, export.start)
        self.shoot("export-result", window, export)
        fingerprint = export.fingerprint.text()
        export.close()
        verify = window.open_verify()
        verify.bundle.setText(str(bundle))
        verify.fingerprint.setText(fingerprint)
        wait_for(verify.verified, verify.start)
        self.shoot("verify-confirmed", window, verify)
        photo = next(p for p in (bundle / "data").rglob("IMG_2031.jpg"))
        data = bytearray(photo.read_bytes())
        data[len(data) // 2] ^= 0x01  # one bit of one byte
        photo.write_bytes(bytes(data))
        wait_for(verify.verified, verify.start)
        self.shoot("verify-invalid", window, verify)
        verify.close()

    def share_settings_panic(self, window: object, vault: Vault, runner: object) -> None:
        from locker.settings import AppSettings  # noqa: PLC0415
        from ui.main_window import MainWindow  # noqa: PLC0415
        from ui.panic_practice import open_practice  # noqa: PLC0415
        from ui.session_guard import SessionGuard  # noqa: PLC0415
        from ui.settings_dialog import SettingsDialog  # noqa: PLC0415

        assert isinstance(window, MainWindow)
        window.select_item(self.ids["IMG_2031.jpg"])
        share = window.open_share()
        assert share is not None
        looking = share.message.text()  # "Looking for faces...": the sandbox reports on the event loop, not before
        wait_until(lambda: share.message.text() != looking, seconds=120)
        self.shoot("share", window, share)
        share.close()
        settings = SettingsDialog(AppSettings(), vault, runner, lambda _settings: None, None, window)  # type: ignore[arg-type]
        settings.open()
        self.shoot("settings", window, settings)
        settings.close()
        guard = SessionGuard(self.app)
        try:
            practice = open_practice(guard, window)
            self.shoot("panic-practice", window, practice)
            practice.close()
        finally:
            guard.stop_listening()
            self.app.removeEventFilter(guard)


def optimise(path: Path) -> None:
    """Re-save in 256 colours with Pillow's optimiser: a window has few colours, and the files are committed (about
    a third of the size; only the photos in them lose a little)."""
    from PIL import Image  # noqa: PLC0415

    with Image.open(path) as image:
        pixels = image.convert("RGB")
    pixels.quantize(256, Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(path, optimize=True)


def render(out: Path, languages: tuple[str, ...] = ("en", "ru"), steps: tuple[str, ...] | None = None) -> list[Path]:
    """Walk the app in each language; the paths written (of every step, or of `steps`)."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        evidence = Path(tmp) / "evidence"
        evidence.mkdir()
        files = demo_files(evidence)
        (evidence / "shopping.txt").write_text("bread, milk\n", encoding="utf-8")
        for language in languages:
            QLocale.setDefault(QLocale(language))  # as main() does: numbers and sizes in the shown language
            translators = install_translators(app, QLocale(language)) if language != "en" else []
            try:
                walk = Walk(app, out, language, Path(tmp), steps)
                with contextlib.suppress(_AllWritten):
                    walk.run(files)
                written += walk.written
            finally:
                for translator in translators:
                    app.removeTranslator(translator)
    return written


def render_at_scale(
    out: Path, scale: int, languages: tuple[str, ...], steps: tuple[str, ...] | None = None
) -> list[Path]:
    """Run the walk in a child process whose offscreen screen is 1366x768 at `scale` (2: a HiDPI laptop)."""
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "screen.json"
        screen_size = {"width": SIZE[0] * scale, "height": SIZE[1] * scale, "logicalDpi": 96, "dpr": 1}
        config.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, **screen_size}]}))
        env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "QT_SCALE_FACTOR": str(scale)}
        command = [sys.executable, "-m", "ui.screenshots", str(out), "--languages", ",".join(languages)]
        command += ["--steps", ",".join(steps)] if steps else []
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"the screenshot walk failed at scale {scale}:\n{done.stderr}")
    return [Path(line) for line in done.stdout.splitlines() if line.endswith(".png")]


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m ui.screenshots")
    parser.add_argument("out", nargs="?", default="docs/screenshots", help="folder for the PNGs")
    parser.add_argument("--languages", default="en,ru", help="comma-separated (default: en,ru)")
    parser.add_argument("--scales", help="1,2: one child process per scale, each on a 1366x768 screen")
    parser.add_argument("--steps", help="comma-separated: write only these steps (the walk is the same)")
    args = parser.parse_args()
    languages = tuple(args.languages.split(","))
    steps = tuple(args.steps.split(",")) if args.steps else None
    if args.scales:
        paths = []
        for scale in (int(text) for text in args.scales.split(",")):
            paths += render_at_scale(Path(args.out), scale, languages, steps)
    else:
        paths = render(Path(args.out), languages, steps)
    for path in paths:
        print(path)


if __name__ == "__main__":
    main()
