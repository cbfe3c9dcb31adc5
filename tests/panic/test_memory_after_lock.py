"""After Lock, the app's memory holds neither the passphrase it was typed nor what the vault showed.

The app runs in a child process exactly as a user drives it: the passphrase is typed key by key into the unlock
dialog, an item is selected (details, metadata) and opened in the viewer, a note is typed and saved, then the vault
is locked. This test process scans the child's memory once while unlocked (the control: each secret must be found,
so the scan can see it) and once after Lock. The secrets reach the child masked, one character at a time, so that
its only copies are the ones the app itself makes.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
import zlib
from pathlib import Path

import pytest

from locker.crypto.kdf import KdfParams
from locker.ingest.importer import ImportOptions, import_files
from locker.vault.vault import Vault
from tests.panic.memscan import count_in_memory

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/mem").exists(), reason="reads another process's memory through /proc, which only Linux has"
)

CHILD = textwrap.dedent(
    """
    import gc, sys, time
    from locker.freed_memory import restart_with_scrubbing_allocator, scrubbing_status
    if sys.argv[3] == "scrubbed":
        restart_with_scrubbing_allocator()  # what `locker-gui` does first; nothing has been read from stdin yet
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication
    from locker.hardening import harden_process
    harden_process()
    app = QApplication([])
    from locker.vault.vault import Vault
    from ui.app import LockerApp
    from ui.session_guard import SessionGuard
    from ui.worker import TaskRunner

    def unmask(line):
        mask, masked = (bytes.fromhex(part) for part in line.split())
        codes = [int.from_bytes(mask[i:i + 4], "little") ^ int.from_bytes(masked[i:i + 4], "little")
                 for i in range(0, len(mask), 4)]
        return codes

    def type_into(widget, codes):
        for code in codes:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, chr(code)))

    def wait(condition, seconds=20):
        end = time.monotonic() + seconds
        while not condition() and time.monotonic() < end:
            app.processEvents()
            time.sleep(0.01)
        assert condition(), "timed out"

    root, item_id = Path(sys.argv[1]), sys.argv[2]
    passphrase_codes = unmask(sys.stdin.readline())
    note_codes = unmask(sys.stdin.readline())
    guard = SessionGuard(app)
    runner = TaskRunner()
    flow = LockerApp(root, Vault.create, Vault.open, runner, guard, quit_app=lambda: None)
    flow.start()
    type_into(flow.dialog.passphrase, passphrase_codes)
    del passphrase_codes
    print("typed", flush=True)
    sys.stdin.readline()
    flow.dialog.buttons.button(flow.dialog.buttons.StandardButton.Ok).click()
    wait(lambda: flow.window is not None)
    window = flow.window
    window.select_item(item_id)
    viewer = window.open_viewer(item_id)
    shown = []
    viewer.rendered.connect(lambda: shown.append(1))
    wait(lambda: bool(shown))
    window.detail.notes.setFocus()
    type_into(window.detail.notes, note_codes)
    del note_codes
    window.detail.save_notes.click()
    app.processEvents()
    print("unlocked", flush=True)
    sys.stdin.readline()
    del window, viewer
    # Locked from inside the event loop, as the shortcut, the idle timer and the menu do, so that the windows'
    # deferred deletion runs as in the app.
    QTimer.singleShot(0, flow.lock)
    QTimer.singleShot(700, app.quit)
    app.exec()
    gc.collect()
    print("locked", scrubbing_status(), flush=True)
    sys.stdin.readline()
    """
)


def _masked(text: str) -> str:
    codes = b"".join(ord(ch).to_bytes(4, "little") for ch in text)
    mask = os.urandom(len(codes))
    return mask.hex() + " " + bytes(m ^ c for m, c in zip(mask, codes, strict=True)).hex()


def _png_with_text(text: bytes) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")

    header = (8).to_bytes(4, "big") * 2 + bytes([8, 2, 0, 0, 0])
    pixels = zlib.compress(b"".join(b"\x00" + b"\x80" * 24 for _ in range(8)))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"tEXt", b"Comment\x00" + text)
        + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )


def _needles(secret: str) -> dict[str, bytes]:
    # Also the tail: a freed object keeps its bytes but the allocator overwrites its start with a pointer.
    tail = secret[len(secret) // 3 :]
    return {
        "utf-8": secret.encode(),
        "utf-16": secret.encode("utf-16-le"),
        "utf-8 tail": tail.encode(),
        "utf-16 tail": tail.encode("utf-16-le"),
    }


def _scan(pid: int, secret: str) -> dict[str, int]:
    needles = _needles(secret)
    return dict(zip(needles, count_in_memory(pid, list(needles.values())), strict=True))


@pytest.mark.parametrize("allocator", ["scrubbed", "plain"])
def test_after_lock_memory_holds_no_passphrase_item_or_note(tmp_path: Path, allocator: str) -> None:
    """ "scrubbed" is the app as `locker-gui` starts it; "plain" skips the restart with the scrubbing allocator and is
    the control that Lock alone leaves freed copies behind, so the scan can see what the restart removes."""
    passphrase = "Ёжик в тумане " + os.urandom(6).hex()
    canary = "CANARY-" + os.urandom(12).hex()
    note = "Заметка: свидетель " + os.urandom(6).hex()
    root = tmp_path / "v.locker"
    source = tmp_path / "rally.png"
    vault = Vault.create(root, passphrase, KdfParams(8, 1, 1))
    source.write_bytes(_png_with_text(canary.encode()))
    item_id = str(import_files(vault, [source], ImportOptions())[0].item_id)
    vault.close()
    source.unlink()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONMALLOC", "GLIBC_TUNABLES")}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(root), item_id, allocator],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=dict(env, QT_QPA_PLATFORM="offscreen"),
    )
    assert child.stdin is not None and child.stdout is not None

    try:
        child.stdin.write(_masked(passphrase) + "\n" + _masked(note) + "\n")
        child.stdin.flush()
        assert child.stdout.readline().strip() == "typed"
        typed = _scan(child.pid, passphrase)
        child.stdin.write("\n")
        child.stdin.flush()
        assert child.stdout.readline().strip() == "unlocked"
        unlocked = {"item text": _scan(child.pid, canary), "note": _scan(child.pid, note)}
        child.stdin.write("\n")
        child.stdin.flush()
        status = child.stdout.readline().strip()
        assert status.startswith("locked"), status
        locked = {"passphrase": _scan(child.pid, passphrase), "item text": _scan(child.pid, canary),
                  "note": _scan(child.pid, note)}  # fmt: skip
    finally:
        child.stdin.close()
        child.wait(20)
    print(status, "typed", typed, "unlocked", unlocked, "locked", locked, sep="\n")
    # Controls: this scan sees each secret where the app legitimately holds it.
    assert typed["utf-16"] >= 1, "control: the passphrase field's UTF-16 text must be visible while typed"
    assert unlocked["item text"]["utf-8"] >= 1 and unlocked["note"]["utf-8"] >= 1 and unlocked["note"]["utf-16"] >= 1
    assert locked["passphrase"] == dict.fromkeys(_needles(""), 0), "no copy of the passphrase in any encoding"
    residue = sum(locked["item text"].values()) + sum(locked["note"].values())
    if allocator == "scrubbed":
        assert status == "locked freed memory overwritten: yes"
        assert locked["item text"] == dict.fromkeys(_needles(""), 0), "no copy of the item's bytes"
        assert locked["note"] == dict.fromkeys(_needles(""), 0), "no copy of the note, in UTF-8 or UTF-16"
    else:
        assert "not restarted" in status
        assert residue >= 1, f"control: without the scrubbing allocator freed copies remain: {locked}"


# A small process that only reads a typed passphrase and derives the key: there, the copies that the app's busier
# heap happens to overwrite stay put, so each wipe is tested on its own. "naive" is the control.
KDF_CHILD = textwrap.dedent(
    """
    import sys
    codes = [int(x) ^ 0x5A5A for x in sys.stdin.readline().split()]
    way = sys.argv[1]
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication, QLineEdit
    app = QApplication([])
    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
    from locker.crypto.kdf import KdfParams, derive_kek, normalise_passphrase
    from locker.crypto.secret import wipe_text
    from ui.passphrase_dialogs import take_passphrase
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    for code in codes:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(field, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, chr(code)))
    if way == "ours":
        phrase = take_passphrase(field)
        derive_kek(normalise_passphrase(phrase), bytes(32), KdfParams(1024, 1, 1))
        wipe_text(phrase)
    else:
        phrase = field.text()
        field.clear()
        Argon2id(salt=bytes(32), length=32, iterations=1, lanes=1, memory_cost=1024).derive(phrase.encode())
    del phrase
    print("done", flush=True)
    sys.stdin.readline()
    """
)


@pytest.mark.parametrize("way", ["naive", "ours"])
def test_reading_a_typed_passphrase_and_deriving_the_key_leaves_no_copy(way: str) -> None:
    passphrase = "Ёжик в тумане " + os.urandom(6).hex()
    child = subprocess.Popen(
        [sys.executable, "-c", KDF_CHILD, way],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )
    assert child.stdin is not None and child.stdout is not None
    try:
        child.stdin.write(" ".join(str(ord(ch) ^ 0x5A5A) for ch in passphrase) + "\n")
        child.stdin.flush()
        assert child.stdout.readline().strip() == "done"
        found = _scan(child.pid, passphrase)
    finally:
        child.stdin.close()
        child.wait(20)
    if way == "naive":
        # text() converts through a freed UTF-8 buffer, encode() makes bytes, Argon2 keeps a freed copy, the str stays
        assert found["utf-8"] >= 1 and found["utf-16"] >= 1, f"control: {found}"
    else:
        assert found == dict.fromkeys(_needles(""), 0)


@pytest.mark.parametrize("entry", [["-m", "ui.app"], ["-m", "locker", "gui"]], ids=["locker-gui", "locker gui"])
def test_every_way_to_start_the_app_restarts_it_with_the_scrubbing_allocator(tmp_path: Path, entry: list[str]) -> None:
    """The restart replaces the process's environment: /proc/<pid>/environ shows the settings once it happened."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONMALLOC", "GLIBC_TUNABLES")}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path), LOCKER_VAULT=str(tmp_path / "v.locker"))
    child = subprocess.Popen([sys.executable, *entry, "--vault", str(tmp_path / "v.locker")], env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        environ = b""
        deadline = time.monotonic() + 60
        while b"PYTHONMALLOC=malloc" not in environ and time.monotonic() < deadline and child.poll() is None:
            time.sleep(0.1)
            environ = Path(f"/proc/{child.pid}/environ").read_bytes()
    finally:
        child.kill()
        child.wait(20)
    variables = environ.split(b"\0")
    assert b"PYTHONMALLOC=malloc" in variables, variables
    assert any(v.startswith(b"GLIBC_TUNABLES=") and b"glibc.malloc.tcache_count=0" in v for v in variables)
