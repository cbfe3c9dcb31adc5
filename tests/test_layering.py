"""The core never imports Qt: every module of `locker` imports with PySide6 made unimportable."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import locker


def test_every_locker_module_imports_with_pyside6_blocked() -> None:
    modules = sorted(m.name for m in pkgutil.walk_packages(locker.__path__, "locker.") if m.name != "locker.__main__")
    assert "locker.vault.vault" in modules and "locker.cli.main" in modules
    script = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'PySide6' or name.startswith('PySide6.'):\n"
        "            raise ImportError('PySide6 is blocked in this test')\n"
        "sys.meta_path.insert(0, Block())\n"
        f"for name in {modules!r}:\n"
        "    __import__(name)\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')]\n"
        "from locker.cli.main import main\n"
        "sys.exit(main(['--version']))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "Qt: not installed" in result.stdout


def test_blocking_really_blocks() -> None:
    """Control for the test above: the blocker makes `import PySide6` fail."""
    script = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'PySide6':\n"
        "            raise ImportError('blocked')\n"
        "sys.meta_path.insert(0, Block())\n"
        "import PySide6\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert result.returncode != 0 and "blocked" in result.stderr
