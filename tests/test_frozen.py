"""What a packaged app must do on a new machine, run against the source tree (and, from scripts/build, against
the frozen executables): versions, the self-test, the GUI smoke start, what `locker panic` loads."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import LOCKER_COMMAND, CliResult, run_cli


def _gui_command() -> list[str]:
    if os.environ.get("LOCKER_EXECUTABLE"):
        return [str(Path(os.environ["LOCKER_EXECUTABLE"]).with_name("locker-gui"))]
    return [sys.executable, "-m", "ui.app"]


def test_version_names_the_app_sqlcipher_and_openssl() -> None:
    result = run_cli("--version")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Evidence Locker ")
    text = result.stdout
    assert "SQLCipher: 4." in text and "OpenSSL" in text, text
    # The packaged `locker` carries no Qt; it names the Qt of `locker-gui` from the package metadata it ships.
    assert "Qt: PySide6 6." in text, text


def test_self_test_runs_every_step_and_passes() -> None:
    result = run_cli("self-test", timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    steps = [line for line in result.stdout.splitlines() if line.startswith(("ok ", "FAIL"))]
    assert len(steps) == 9 and all(line.startswith("ok ") for line in steps), result.stdout
    assert "share copy" in result.stdout and "Self-test passed." in result.stdout


def test_gui_smoke_start_shows_the_main_window_and_exits_zero() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([*_gui_command(), "--smoke"], capture_output=True, text=True, env=env, timeout=120,
                            check=False)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "smoke: main window" in result.stdout
    # The app restarts itself once so that freed memory is overwritten (locker/freed_memory.py); the frozen build's
    # embedded interpreter ignores PYTHONMALLOC, so there only glibc's part takes effect, as THREAT_MODEL.md says.
    frozen = bool(os.environ.get("LOCKER_EXECUTABLE"))
    expected = "C and Qt memory only" if frozen else "freed memory overwritten: yes"
    assert expected in result.stdout, result.stdout


def test_the_gui_command_starts_the_desktop_app() -> None:
    """`locker gui`: the packaged `locker` has no Qt of its own and becomes the `locker-gui` beside it."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([*LOCKER_COMMAND, "gui", "--smoke"], capture_output=True, text=True, env=env,
                            timeout=120, check=False)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "smoke: main window" in result.stdout, result.stdout


def test_the_command_under_test_is_the_one_announced() -> None:
    """Guards the parametrisation: with LOCKER_EXECUTABLE set, the frozen binary (not Python) runs the tests."""
    if os.environ.get("LOCKER_EXECUTABLE"):
        assert [os.environ["LOCKER_EXECUTABLE"]] == LOCKER_COMMAND
        assert Path(LOCKER_COMMAND[0]).is_file()
    else:
        assert LOCKER_COMMAND[:2] == [sys.executable, "-m"]


def test_the_threat_model_that_the_first_run_links_to_ships_with_the_app() -> None:
    """ui/first_run_panic.py links to docs/THREAT_MODEL.md beside the app; the packaged app must carry it."""
    if os.environ.get("LOCKER_EXECUTABLE"):
        root = Path(os.environ["LOCKER_EXECUTABLE"]).parent / "_internal"  # PyInstaller 6's contents directory
    else:
        root = Path(__file__).resolve().parent.parent
    assert (root / "docs" / "THREAT_MODEL.md").is_file(), root


#: Path parts of the shared objects (extension modules and the libraries under them) that `locker panic` must not
#: load, frozen or not: parsers, Qt, numpy, the face model, the report and bundle code, the database and the key
#: code (tests/test_lean_entry.py checks the Python modules of the entry scripts; this sees what the frozen
#: executable's bootloader and runtime hooks add).
HEAVY_SHARED_OBJECTS = (
    "PySide6", "shiboken6", "libQt6", "numpy", "onnxruntime", "/av/", "libavcodec", "/PIL/", "pillow_heif",
    "pikepdf", "pypdfium2", "libpdfium", "reportlab", "sqlcipher3", "cryptography", "argon2", "_cffi_backend",
    "nacl", "pyrage",
)  # fmt: skip


def _shared_objects_loaded(*args: str) -> tuple[CliResult, list[str]]:
    """Run `locker ARGS` with the dynamic loader reporting every shared object it loads (LD_DEBUG=files)."""
    result = run_cli(*args, env={"LD_DEBUG": "files"}, timeout=120)
    loaded = re.findall(r"\bfile=(\S+)\s+\[\d+\];\s+(?:dynamically loaded|needed)", result.stderr)
    return result, sorted(set(loaded))


@pytest.mark.skipif(sys.platform != "linux", reason="LD_DEBUG is glibc's dynamic loader's")
def test_panic_loads_no_parser_qt_database_or_crypto_library(closed_vault: Path) -> None:
    control, loaded_by_version = _shared_objects_loaded("--version")
    assert control.returncode == 0, control.stderr[-2000:]
    # `--version` names SQLCipher's version: the loader's report must show its library, or this check sees nothing.
    assert any("sqlcipher3" in path for path in loaded_by_version), loaded_by_version
    result, loaded = _shared_objects_loaded("panic", "--vault", str(closed_vault))
    assert result.returncode == 0, result.stderr[-2000:]
    assert "key header destroyed in" in result.stdout and not closed_vault.exists()  # a run that did its work
    heavy = [path for path in loaded if any(part in path for part in HEAVY_SHARED_OBJECTS)]
    assert heavy == [], heavy
