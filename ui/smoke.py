"""`locker-gui --smoke`: start, open a throwaway vault, show the main window, quit with 0 (packaging checks).

Offscreen unless QT_QPA_PLATFORM says otherwise (under Xvfb it shows a real window, for timing the start).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from locker.crypto.kdf import KdfParams
from locker.freed_memory import scrubbing_status

SMOKE_KDF = KdfParams(memory_kib=64 * 1024, iterations=1, lanes=1)
TIMEOUT_SECONDS = 20.0


def run_smoke(started: float) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QLocale  # noqa: PLC0415 - after the platform is chosen
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    from locker.vault.vault import Vault  # noqa: PLC0415
    from ui.app import install_translators  # noqa: PLC0415
    from ui.main_window import MainWindow  # noqa: PLC0415
    from ui.worker import TaskRunner  # noqa: PLC0415

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    install_translators(app, QLocale.system())
    with tempfile.TemporaryDirectory(prefix="locker-smoke-") as tmp:
        vault = Vault.create(Path(tmp) / "smoke.locker", "smoke test passphrase", SMOKE_KDF)
        try:
            window = MainWindow(vault, TaskRunner())
            window.show()
            deadline = time.monotonic() + TIMEOUT_SECONDS
            handle = window.windowHandle()
            while not (handle is not None and handle.isExposed()) and time.monotonic() < deadline:
                app.processEvents()
                handle = window.windowHandle()
            shown = handle is not None and handle.isExposed() and not window.grab().isNull()
            elapsed = _process_age() or time.monotonic() - started
            window.close()
        finally:
            vault.close()
    if not shown:
        print("smoke: the main window did not appear", file=sys.stderr)
        return 1
    print(f"smoke: main window {window.width()}x{window.height()} shown {elapsed:.2f} s after start "
          f"({os.environ['QT_QPA_PLATFORM']})")  # fmt: skip
    print(f"smoke: {scrubbing_status()}")
    return 0


def _process_age() -> float | None:
    """Seconds since this process started (Linux), so the figure includes Python's and Qt's own start-up."""
    try:
        fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        uptime = float(Path("/proc/uptime").read_text().split()[0])
    except (OSError, IndexError, ValueError):
        return None
    return uptime - int(fields[19]) / os.sysconf("SC_CLK_TCK")
