"""After lock or erase, no copy of the master key is left anywhere in the process's memory."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from tests.panic.memscan import count_in_memory

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/mem").exists(), reason="reads another process's memory through /proc, which only Linux has"
)

# The child learns its own master key through the test-only route (`vault.master_key`) and reports it masked, so
# that neither process holds it in the clear except where the app itself put it.
CHILD = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from locker.crypto.kdf import KdfParams
    from locker.ingest.importer import ImportOptions, import_files
    from locker.vault.vault import Vault
    root, source, mode = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    Vault.create(root, {passphrase!r}, KdfParams(8, 1, 1)).close()
    vault = Vault.open(root, {passphrase!r})
    import_files(vault, [source], ImportOptions(extract_metadata=False))
    vault.change_passphrase("another passphrase")
    mask = bytearray(os.urandom(32))
    masked = bytearray(m ^ k for m, k in zip(mask, vault.master_key.buffer))
    print(mask.hex(), masked.hex(), flush=True)
    del masked
    if mode == "keep":
        pass                     # control: the vault stays unlocked, so the key must be found
    elif mode == "erase":
        vault.erase()
    else:
        vault.close()
    print("locked", flush=True)
    sys.stdin.readline()         # stay alive while the test reads our memory
    """
).format(passphrase=PASSPHRASE)


def _scan(pid: int, needle: bytes) -> int:
    return count_in_memory(pid, [needle])[0]


@pytest.mark.parametrize("mode", ["keep", "lock", "erase"])
def test_master_key_is_gone_from_memory_after_lock_and_erase(tmp_path: Path, mode: str) -> None:
    source = tmp_path / "evidence.bin"
    source.write_bytes(os.urandom(3 << 20))
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(tmp_path / "v.locker"), str(source), mode],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stdin is not None
    try:
        mask_hex, masked_hex = child.stdout.readline().split()
        assert child.stdout.readline().strip() == "locked"
        key = bytes(m ^ k for m, k in zip(bytes.fromhex(mask_hex), bytes.fromhex(masked_hex), strict=True))
        # Also the key's second half: a freed Python object keeps its bytes but has its start overwritten by the
        # allocator's free-list pointer, so a whole-key search would miss such a leftover copy.
        hits = _scan(child.pid, key) + _scan(child.pid, key[16:])
    finally:
        child.stdin.write("\n")
        child.stdin.close()
        child.wait(10)
    if mode == "keep":
        assert hits >= 1, "control: an unlocked vault's key must be visible to this scan"
    else:
        assert hits == 0, f"{hits} copies of the master key survived {mode}"
