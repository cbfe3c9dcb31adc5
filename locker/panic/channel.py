"""The local socket through which `locker panic` (bound to a desktop-wide shortcut) reaches a running app.

One socket per vault, in the user's runtime directory (not in the vault folder, which may be erased or on a
removable drive), readable by the owner only. The message is one word: `erase` or `lock`. A listener acts on it
on its own thread, so a busy GUI event loop cannot delay destroying the header.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import socket
import threading
import warnings
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path

import platformdirs

from locker.fsutil import make_private_dir


class PanicMode(StrEnum):
    LOCK = "lock"  # close the vault, zero keys, hide everything
    ERASE = "erase"  # crypto-erase the vault


def socket_path(root: Path) -> Path:
    """Where the app that has `root` open listens. The name hides the vault's path (it is a hash)."""
    digest = hashlib.sha256(str(root.resolve()).encode("utf-8")).hexdigest()[:24]
    with warnings.catch_warnings():
        # Without XDG_RUNTIME_DIR (a plain root shell, CI) platformdirs warns and uses /tmp/runtime-<uid>, which
        # PanicListener makes owner-only; the warning would only confuse someone pressing the panic shortcut.
        warnings.simplefilter("ignore")
        base = Path(platformdirs.user_runtime_dir("locker", appauthor=False))
    return base / f"panic-{digest}.sock"


class PanicListener:
    """Accepts panic messages for one vault and calls `on_panic(mode)` on the listener thread."""

    def __init__(self, root: Path, on_panic: Callable[[PanicMode], None]) -> None:
        self._path = socket_path(root)
        self._on_panic = on_panic
        make_private_dir(self._path.parent)
        with contextlib.suppress(FileNotFoundError):
            self._path.unlink()  # a stale socket of a process that died
        self._server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._server.bind(str(self._path))
        os.chmod(self._path, 0o600)
        self._server.listen(4)
        self._thread = threading.Thread(target=self._serve, name="panic-listener", daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self._server.accept()
            except OSError:
                return  # closed
            with conn:
                conn.settimeout(2)
                try:
                    word = conn.recv(16).strip().decode("ascii", "replace")
                except OSError:
                    continue
                if word in {m.value for m in PanicMode}:
                    self._on_panic(PanicMode(word))
                    with contextlib.suppress(OSError):
                        conn.sendall(b"ok\n")

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._server.close()
        with contextlib.suppress(FileNotFoundError):
            self._path.unlink()


def send_panic(root: Path, mode: PanicMode, timeout: float = 2.0) -> bool:
    """Tell a running app that has `root` open to panic. True if an app acknowledged it."""
    path = socket_path(root)
    if not path.exists():
        return False
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        client.settimeout(timeout)
        try:
            client.connect(str(path))
            client.sendall(mode.value.encode("ascii") + b"\n")
            return client.recv(8).startswith(b"ok")
        except OSError:
            return False
