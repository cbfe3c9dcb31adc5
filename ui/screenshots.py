"""Screenshots for the README and the user guide, from a demo vault built on the spot (python -m ui.screenshots DIR).

The demo evidence is generated (a photo with GPS, a court fine as PDF, a short video); no real file is used.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QLocale, QTimer
from PySide6.QtWidgets import QApplication

from locker.crypto.kdf import KdfParams
from locker.vault.vault import Vault
from ui.app import install_translators

DEMO_KDF = KdfParams(memory_kib=8 * 1024, iterations=1, lanes=1)
SIZE = (1366, 768)


def demo_files(folder: Path) -> list[Path]:
    """A photo with GPS (Pillow), a court fine (PDF, pikepdf) and a short video (PyAV), written into `folder`."""
    import pikepdf  # noqa: PLC0415 - demo data only
    from PIL import Image, ImageDraw  # noqa: PLC0415

    photo = folder / "IMG_2031.jpg"
    picture = Image.new("RGB", (960, 640), (70, 110, 150))
    draw = ImageDraw.Draw(picture)
    draw.rectangle((0, 420, 960, 640), fill=(90, 90, 90))
    for x in range(60, 900, 140):
        draw.rectangle((x, 250, x + 60, 430), fill=(40, 40, 60))
        draw.ellipse((x + 8, 200, x + 52, 250), fill=(200, 170, 140))
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "Apple", "iPhone 13"
    exif.get_ifd(0x8769)[0x9003] = "2026:03:12 14:05:31"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (55.0, 45.0, 30.0), "E", (37.0, 37.0, 2.0)
    picture.save(photo, "JPEG", exif=exif.tobytes())
    fine = folder / "fine-2026-03-12.pdf"
    with pikepdf.new() as pdf:
        pdf.add_blank_page(page_size=(595, 842))
        pdf.docinfo["/Title"] = "Fine"
        pdf.save(fine)
    video = folder / "VID_2032.mp4"
    _demo_video(video)
    return [photo, fine, video]


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


def render(out: Path) -> list[Path]:
    from locker.ingest.importer import ImportOptions, import_files  # noqa: PLC0415
    from ui.main_window import MainWindow  # noqa: PLC0415
    from ui.worker import TaskRunner  # noqa: PLC0415

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        files = demo_files(Path(tmp))
        for language, case, note in (("en", "Fine of 12 March", "Taken at the metro exit"),
                                     ("ru", "Штраф от 12 марта", "Снято у выхода из метро")):  # fmt: skip
            QLocale.setDefault(QLocale(language))  # as main() does: numbers and sizes in the shown language
            translators = install_translators(app, QLocale(language))
            vault = Vault.create(Path(tmp) / f"demo-{language}.locker", "demo passphrase", DEMO_KDF)
            import_files(vault, files, ImportOptions(case=case, note=note))
            window = MainWindow(vault, TaskRunner())
            window.resize(*SIZE)
            window.show()
            photo = next(r for r in range(window.model.rowCount()) if window.model.item_at(r).name == "IMG_2031.jpg")
            window.select_item(window.model.item_at(photo).id)
            QTimer.singleShot(100, app.quit)
            app.exec()
            path = out / f"main-window-{language}.png"
            window.grab().save(str(path))
            written.append(path)
            window.close()
            vault.close()
            for translator in translators:
                app.removeTranslator(translator)
    return written


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots")
    for path in render(out):
        print(path)


if __name__ == "__main__":
    main()
