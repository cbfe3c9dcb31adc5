"""The desktop app under load: event-loop stalls while importing and exporting, and the start with 10,000 items.

Not a test: `QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/gui_responsiveness.py [--size-mib 1024]`.

  stall     = the longest gap between two ticks of a 10 ms heartbeat timer on the GUI thread, while the import
              panel imports one file of --size-mib (hash, encrypt, store, metadata in the sandbox) and while the
              export dialog writes a bundle of it; goal <= 100 ms
  10k start = from the moment the key is derived (Vault.open returned) to the main window shown with its list of
              10,000 items filled and the event loop idle; goal <= 1 s
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from locker.crypto.kdf import KdfParams
from locker.timeutil import utc_now
from locker.vault.chunks import insert_chunk
from locker.vault.items import NewItem, insert_item, new_item_id
from locker.vault.vault import Vault
from ui.main_window import MainWindow
from ui.worker import TaskRunner

PASSPHRASE = "benchmark passphrase 1"


class Heartbeat:
    """Ticks every 10 ms on the GUI thread and remembers the gaps between ticks."""

    def __init__(self) -> None:
        self.gaps: list[float] = []
        self._clock = QElapsedTimer()
        self._timer = QTimer()
        self._timer.setInterval(10)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.gaps.clear()
        self._clock.start()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        self.gaps.append(self._clock.restart() / 1000)

    def report(self, label: str) -> None:
        gaps = sorted(self.gaps)
        p99 = gaps[int(len(gaps) * 0.99)] if gaps else 0.0
        print(f"{label}: longest stall {max(gaps, default=0) * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms, "
              f"median {statistics.median(gaps) * 1000 if gaps else 0:.0f} ms over {len(gaps)} ticks")  # fmt: skip


def wait_for(signal: object, timeout_s: float) -> list[object]:
    loop = QEventLoop()
    got: list[object] = []

    def done(*args: object) -> None:
        got.extend(args)
        loop.quit()

    signal.connect(done)  # type: ignore[attr-defined]
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    loop.exec()
    return got


def big_file(folder: Path, size_mib: int) -> Path:
    path = folder / "long-video.bin"
    with path.open("wb") as out:
        for _ in range(size_mib):
            out.write(os.urandom(1024 * 1024))
    return path


def load_and_export(app: QApplication, root: Path, size_mib: int) -> None:
    vault = Vault.create(root / "load.locker", PASSPHRASE, KdfParams(8, 1, 1))
    window = MainWindow(vault, TaskRunner())
    window.show()
    app.processEvents()
    source = big_file(root, size_mib)
    beat = Heartbeat()
    beat.start()
    window.import_paths([source])
    outcomes = wait_for(window.import_finished, 1800)
    beat.stop()
    assert outcomes, "the import did not finish"
    beat.report(f"import of {size_mib} MiB")
    source.unlink()
    window.table.selectRow(0)
    dialog = window.open_export()
    dialog.destination.setText(str(root / "bundle"))
    beat.start()
    dialog.export_button.click()
    exported = wait_for(dialog.exported, 1800)
    beat.stop()
    assert exported, dialog.message.text()
    beat.report(f"export of {size_mib} MiB")
    dialog.close()
    window.close()
    vault.close()


def fill(vault: Vault, count: int) -> None:
    """`count` small items with a metadata record each, written directly (importing them would take minutes)."""
    record = json.dumps({"status": "ok", "reader": "image", "reason": "", "warnings": [],
                         "summary": {"capture_time": "2026-03-12T14:05:00", "gps_latitude": 55.75,
                                     "gps_longitude": 37.61, "make": "Bench", "model": "B-1"}})  # fmt: skip
    with vault.transaction() as conn:
        for index in range(count):
            item_id = new_item_id(conn)
            data = index.to_bytes(8, "big") * 8
            insert_chunk(conn, item_id, 0, data, hashlib.sha256(data).digest())
            insert_item(conn, NewItem(item_id, f"IMG_{index:05d}.jpg", len(data), hashlib.sha256(data).hexdigest(),
                                      hashlib.sha512(data).hexdigest(), 1, "image/jpeg", None, None, utc_now(), None,
                                      ""))  # fmt: skip
            conn.execute("UPDATE items SET metadata_json = ? WHERE id = ?", (record, item_id))


def ten_thousand(app: QApplication, root: Path, count: int) -> None:
    path = root / "big.locker"
    Vault.create(path, PASSPHRASE, KdfParams(8, 1, 1)).close()
    with Vault.open(path, PASSPHRASE) as vault:
        fill(vault, count)
    for _ in range(3):
        began = time.perf_counter()
        vault = Vault.open(path, PASSPHRASE)
        key_ready = time.perf_counter()
        window = MainWindow(vault, TaskRunner())
        window.show()
        app.processEvents()
        window.table.selectRow(0)
        app.processEvents()
        shown = time.perf_counter()
        rows = window.filtered.rowCount()
        print(f"{rows} items: window usable {shown - key_ready:.2f} s after the key was derived "
              f"(unlock itself {key_ready - began:.2f} s with test KDF parameters)")  # fmt: skip
        window.close()
        vault.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size-mib", type=int, default=1024)
    parser.add_argument("--items", type=int, default=10_000)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory() as tmp:
        ten_thousand(app, Path(tmp), args.items)
        load_and_export(app, Path(tmp), args.size_mib)
    sys.stdout.flush()
    # Skip interpreter finalisation: PySide6 6.12 can abort while collecting Qt objects at exit, after the results.
    os._exit(0)


if __name__ == "__main__":
    main()
