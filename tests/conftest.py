"""Shared fixtures: real vaults in temp dirs with weak Argon2 parameters injected here, never by env switch."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from locker.crypto.kdf import KdfParams
from locker.vault.vault import Vault

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CORPUS = PROJECT_ROOT.parent / "shared" / "corpus"

# Argon2's minimum cost: unlocking takes microseconds, so hundreds of test unlocks stay fast.
WEAK_PARAMS = KdfParams(memory_kib=8, iterations=1, lanes=1)
PASSPHRASE = "correct horse battery staple"
# The `locker` under test: the source tree, or a packaged build (see run_cli).
LOCKER_COMMAND = (
    [os.environ["LOCKER_EXECUTABLE"]] if os.environ.get("LOCKER_EXECUTABLE") else [sys.executable, "-m", "locker"]
)


def pytest_report_header() -> str:
    return f"locker under test: {' '.join(LOCKER_COMMAND)}"


@pytest.fixture(autouse=True)
def private_config_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test (and every `locker` it runs) gets its own config folder: the user's known senders and settings
    are never read or written by the suite. platformdirs honours XDG_CONFIG_HOME."""
    home = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    return home


@pytest.fixture
def weak_params() -> KdfParams:
    return WEAK_PARAMS


@pytest.fixture
def vault_dir(tmp_path: Path) -> Path:
    return tmp_path / "test.locker"


@pytest.fixture
def vault(vault_dir: Path) -> Iterator[Vault]:
    """An unlocked, empty vault with fast KDF parameters."""
    v = Vault.create(vault_dir, PASSPHRASE, WEAK_PARAMS)
    yield v
    v.close()


@pytest.fixture
def closed_vault(vault_dir: Path) -> Path:
    """A created and locked vault; returns its folder."""
    Vault.create(vault_dir, PASSPHRASE, WEAK_PARAMS).close()
    return vault_dir


@dataclass
class CliResult:
    returncode: int
    stdout: str
    stderr: str


def run_cli(
    *args: str,
    vault: Path | None = None,
    stdin: str | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 600,
) -> CliResult:
    """Run `python -m locker ARGS` in a real subprocess, as a user would.

    With LOCKER_EXECUTABLE set (scripts/build sets it to the packaged `locker`), the same tests run that instead.
    """
    full_env = dict(os.environ)
    if vault is not None:
        full_env["LOCKER_VAULT"] = str(vault)
    full_env.update(env or {})
    proc = subprocess.run(
        [*LOCKER_COMMAND, *args],
        input=stdin if stdin is not None else "",
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
        check=False,
    )
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


def write_file(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file's bytes and modification time under `folder`."""
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def start_sandbox_as(monkeypatch: pytest.MonkeyPatch, module: str, mode: str) -> None:
    """Make the next sandbox runners start `python -m MODULE MODE ...` (a misbehaving fork server) instead."""
    from locker.sandbox import runner

    def command(role: str, *args: str) -> list[str]:
        return [sys.executable, "-m", module, mode, *args]

    monkeypatch.setattr(runner, "sandbox_command", command)


@contextlib.contextmanager
def small_tmpfs(size: str) -> Iterator[Path]:
    """A real file system of `size` (e.g. "1m") that runs out of space; skips where it cannot be mounted."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small tmpfs needs root (CI runs as root)")
    target = Path(tempfile.mkdtemp(prefix="locker-full-"))
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(target)], capture_output=True)
    if mounted.returncode != 0:
        target.rmdir()
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield target
    finally:
        subprocess.run(["umount", "-l", str(target)], check=False)
        target.rmdir()
