"""`locker panic` (what a desktop shortcut runs while the door is being broken), `locker --help` and `locker
--version` load only what they need: no parsers, no Qt, no numpy, no bundle code; panic not even the database or
the cryptography library. Checked by the modules a real run has loaded when it exits, not by timing it
(benchmarks/panic_start.py measures the time)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from locker.cli.main import COMMANDS, build_parser
from tests.conftest import PROJECT_ROOT

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("LOCKER_EXECUTABLE")), reason="needs the Python entry points, not a frozen binary"
)

#: Loaded by no entry point checked here. Packages count with everything under them.
PARSERS_QT_AND_BUNDLES = (
    "PySide6", "shiboken6", "PIL", "pillow_heif", "av", "pikepdf", "pypdfium2", "reportlab", "numpy",
    "onnxruntime", "onnx", "py7zr", "pyrage", "rfc3161_client", "asn1crypto", "exifread", "mutagen",
    "locker.bundle", "locker.share", "locker.metadata", "locker.ingest", "locker.view",
)  # fmt: skip
#: Also not loaded by `locker panic` and `locker --help`: the vault's database and key code.
VAULT_AND_CRYPTO = (
    "sqlcipher3", "cryptography", "argon2", "_cffi_backend", "nacl", "locker.vault.vault", "locker.crypto",
    "locker.sandbox",
)  # fmt: skip
#: The frozen executables first check whether they were started as a sandbox process: that module imports only sys.
SANDBOX_CHECK = {"locker.sandbox", "locker.sandbox.entry"}

#: Runs an entry point exactly as a user's command line would, then (at exit, after the command's own sys.exit)
#: writes the names of every loaded module to the file named by $LEAN_MODULES_OUT.
WRAPPER = textwrap.dedent(
    """
    import atexit, json, os, runpy, sys

    def dump():
        with open(os.environ["LEAN_MODULES_OUT"], "w") as out:
            json.dump(sorted(sys.modules), out)

    atexit.register(dump)
    entry, script = sys.argv[1], sys.argv[2]
    sys.argv = ["locker", *sys.argv[3:]]
    if entry == "module":
        runpy.run_module("locker", run_name="__main__", alter_sys=True)
    else:
        sys.argv[0] = script
        runpy.run_path(script, run_name="__main__")
    """
)

CONSOLE_SCRIPT = Path(sys.executable).parent / "locker"
#: `python -m locker`; the installed `locker` console script; the script PyInstaller freezes as `locker`.
ENTRIES = {
    "python -m locker": ("module", ""),
    "console script": ("script", str(CONSOLE_SCRIPT)),
    "frozen entry script": ("script", str(PROJECT_ROOT / "packaging" / "entry_cli.py")),
}


def loaded_modules(tmp_path: Path, entry: str, *args: str) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    kind, script = ENTRIES[entry]
    if kind == "script" and not Path(script).exists():
        pytest.skip(f"{script} is not installed here")
    out = tmp_path / "modules.json"
    env = {**os.environ, "LEAN_MODULES_OUT": str(out)}
    proc = subprocess.run(
        [sys.executable, "-c", WRAPPER, kind, script, *args],
        capture_output=True, text=True, env=env, timeout=120, check=False, cwd=PROJECT_ROOT,
    )  # fmt: skip
    assert out.exists(), proc.stderr
    return proc, json.loads(out.read_text())


def heavy(
    modules: list[str], forbidden: tuple[str, ...], allowed: frozenset[str] = frozenset(SANDBOX_CHECK)
) -> list[str]:
    return [m for m in modules if m not in allowed and any(m == name or m.startswith(name + ".") for name in forbidden)]


@pytest.mark.parametrize("entry", list(ENTRIES))
def test_panic_erases_the_vault_loading_nothing_but_the_erase(closed_vault: Path, tmp_path: Path, entry: str) -> None:
    proc, modules = loaded_modules(tmp_path, entry, "panic", "--vault", str(closed_vault))
    assert proc.returncode == 0, proc.stderr
    assert "key header destroyed in" in proc.stdout
    assert not closed_vault.exists()
    assert "locker.panic.erase" in modules  # the check below looked at a run that really erased
    assert heavy(modules, PARSERS_QT_AND_BUNDLES + VAULT_AND_CRYPTO) == []


def test_panic_lock_only_loads_nothing_but_the_channel(closed_vault: Path, tmp_path: Path) -> None:
    proc, modules = loaded_modules(tmp_path, "python -m locker", "panic", "--lock-only", "--vault", str(closed_vault))
    assert proc.returncode == 0 and "No running app had this vault open." in proc.stdout, proc.stderr
    assert (closed_vault / "header").exists()
    assert heavy(modules, PARSERS_QT_AND_BUNDLES + VAULT_AND_CRYPTO) == []


def test_help_lists_every_command_loading_none_of_them(tmp_path: Path) -> None:
    proc, modules = loaded_modules(tmp_path, "python -m locker", "--help")
    assert proc.returncode == 0, proc.stderr
    for spec in COMMANDS:
        assert f"    {spec.name} " in proc.stdout
    assert heavy(modules, PARSERS_QT_AND_BUNDLES + VAULT_AND_CRYPTO) == []
    assert not [m for m in modules if m.startswith("locker.cli.") and m not in {"locker.cli.main", "locker.cli.common"}]


def test_version_loads_no_parser_qt_or_bundle_code(tmp_path: Path) -> None:
    proc, modules = loaded_modules(tmp_path, "python -m locker", "--version")
    assert proc.returncode == 0, proc.stderr
    assert "SQLCipher: 4." in proc.stdout and "Qt: PySide6 6." in proc.stdout and "Parser sandbox:" in proc.stdout
    # The sandbox runner checks the child's answers with the metadata record (plain dataclasses, no parser).
    assert heavy(modules, PARSERS_QT_AND_BUNDLES, frozenset({"locker.metadata", "locker.metadata.model"})) == []


def test_the_help_listing_does_not_depend_on_the_command_chosen() -> None:
    """A command's help is written twice (COMMANDS, and the parser of the chosen command, which for share,
    senders, tsa-roots and sandbox-probe their own module builds): the two must agree."""
    listing = build_parser(None).format_help()
    for spec in COMMANDS:
        assert build_parser(spec.name).format_help() == listing, spec.name


def test_every_command_of_the_table_leads_to_its_function() -> None:
    for spec in COMMANDS:
        args = build_parser(spec.name).parse_args([spec.name, *_required_arguments(spec.name)])
        assert callable(args.func)
        if not spec.own_parser:
            module, _, function = spec.target.partition(":")
            assert callable(getattr(__import__(module, fromlist=[function]), function)), spec.target


def _required_arguments(name: str) -> list[str]:
    return {
        "import": ["a"], "show": ["x"], "extract": ["x", "--out", "o"], "note": ["x", "t"], "duress": ["set"],
        "wipe-after": ["3"], "export": ["--to-counsel", "o"], "timestamp": ["b", "--tsa", "u"], "verify": ["b"],
        "share": ["x", "--out", "o"], "senders": ["list"], "tsa-roots": ["list"],
    }.get(name, [])  # fmt: skip


def test_the_erase_overwrites_at_least_a_whole_key_header() -> None:
    from locker.crypto.header import HEADER_SIZE
    from locker.panic.erase import HEADER_BYTES

    assert HEADER_BYTES == HEADER_SIZE


#: The desktop app's first window is the passphrase dialog: it shows before the main window's code (with numpy,
#: Pillow, reportlab and the bundle code under it) is loaded, which happens right after, while the user types.
GUI_START = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    from locker.vault.vault import Vault
    from ui.app import LockerApp
    from ui.session_guard import SessionGuard
    from ui.worker import TaskRunner

    app = QApplication([])
    flow = LockerApp(Path(sys.argv[1]), Vault.create, Vault.open, TaskRunner(), SessionGuard(app), quit_app=app.quit)
    flow.start()
    print("dialog shown", flow.dialog.isVisible(), flush=True)
    print("before", *sorted(sys.modules), flush=True)
    app.processEvents()
    print("after", *sorted(sys.modules), flush=True)
    """
)


def test_the_passphrase_dialog_shows_before_the_parsers_and_numpy_load(closed_vault: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(
        [sys.executable, "-c", GUI_START, str(closed_vault)],
        capture_output=True, text=True, env=env, timeout=120, check=False, cwd=PROJECT_ROOT,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    lines = {line.split(" ", 1)[0]: line.split()[1:] for line in proc.stdout.splitlines()}
    assert lines["dialog"] == ["shown", "True"]
    parsers_and_models = ("PIL", "av", "pikepdf", "pypdfium2", "reportlab", "numpy", "onnxruntime", "locker.share")
    assert heavy(lines["before"], parsers_and_models) == []
    assert "ui.main_window" not in lines["before"]
    assert "ui.main_window" in lines["after"]  # loaded once the dialog was up, not when the vault is unlocked


def test_the_qt_version_line_is_the_same_whether_or_not_qt_is_loaded() -> None:
    script = (
        "from locker.versions import component_versions\n"
        "before = component_versions()['Qt']\n"
        "import PySide6.QtCore\n"
        "print(before)\n"
        "print(component_versions()['Qt'])\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False, cwd=PROJECT_ROOT)
    assert proc.returncode == 0, proc.stderr
    before, after = proc.stdout.splitlines()
    assert before == after and before.startswith("PySide6 6.")
