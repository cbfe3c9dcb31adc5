"""Lock, in the app as `locker-gui` runs it, shows the passphrase dialog again; closing the main window quits.

The child runs `ui.app.main()` itself (the real QApplication settings, the real unlock dialog and its task), types
the passphrase, then either presses Ctrl+L or closes the main window, and reports what is left.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from locker.vault.vault import Vault
from tests.conftest import PASSPHRASE, PROJECT_ROOT, WEAK_PARAMS

CHILD = textwrap.dedent(
    """
    import sys, time
    from PySide6.QtCore import QTimer, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    import ui.app

    flows = []
    original_start = ui.app.LockerApp.start

    def start(self):
        original_start(self)
        if not flows:
            flows.append(self)
            QTimer.singleShot(0, drive)

    ui.app.LockerApp.start = start

    def wait(condition, seconds=20):
        end = time.monotonic() + seconds
        while not condition() and time.monotonic() < end:
            QApplication.processEvents()
            time.sleep(0.01)
        return condition()

    def drive():
        flow = flows[0]
        QTest.keyClicks(flow.dialog.passphrase, sys.argv[3])
        QTest.keyClick(flow.dialog.passphrase, Qt.Key.Key_Return)
        assert wait(lambda: flow.window is not None), "unlock failed"
        if sys.argv[4] == "lock":
            QTest.keyClick(flow.window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        else:
            flow.window.close()
        QTimer.singleShot(1500, report)

    def report():
        flow = flows[0]
        shown = sorted(type(w).__name__ for w in QApplication.topLevelWidgets() if w.isVisible())
        print("running", "locked" if flow.vault is None else "open", shown, flush=True)
        QApplication.exit(7)

    code = ui.app.main(["--vault", sys.argv[2]])
    print("exit", code, flush=True)
    """
)


def _run(tmp_path: Path, action: str) -> list[str]:
    root = tmp_path / "v.locker"
    Vault.create(root, PASSPHRASE, WEAK_PARAMS).close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path), PYTHONPATH=str(PROJECT_ROOT))
    result = subprocess.run(
        [sys.executable, "-c", CHILD, "x", str(root), PASSPHRASE, action],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    return [line for line in result.stdout.splitlines() if line.startswith(("running", "exit"))] + [
        result.stderr[-500:]
    ]


def test_lock_shows_the_passphrase_dialog_and_the_app_keeps_running(tmp_path: Path) -> None:
    lines = _run(tmp_path, "lock")
    assert lines[:2] == ["running locked ['UnlockDialog']", "exit 7"], lines


def test_closing_the_main_window_quits(tmp_path: Path) -> None:
    lines = _run(tmp_path, "close")
    assert lines[0] == "exit 0", lines
