"""kill -9 at random moments of a re-key of a vault holding a 300 MiB item, 20 times.

After every kill exactly one of the two passphrases (the one before, the one being set) opens the vault, the other
is refused as wrong, and `locker check` finds every page, structure, item hash and custody link intact.

Two chains of re-keys run side by side (one per core) so the 20 runs fit in about two minutes; within a chain each
run re-keys the vault from whatever passphrase survived the previous kill. Kill moments are drawn uniformly over
the time a whole re-key took in that chain (measured on its first, unkilled run), a little beyond its end.
test_rekey.py kills deterministically at each step of the switch.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from locker.errors import WrongPassphraseError
from locker.ingest.importer import ImportOptions, import_files
from locker.vault.vault import Vault
from tests.conftest import WEAK_PARAMS, run_cli

ITEM_BYTES = 300 << 20
RUNS_PER_CHAIN = 10


@dataclass
class ChainResult:
    outcomes: list[str] = field(default_factory=list)  # "old" / "new" per killed run
    problems: list[str] = field(default_factory=list)


def _start(root: Path, current: str, new: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.rekey_child", str(root)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(f"{current}\n{new}\n")
    proc.stdin.close()
    assert proc.stdout.readline().strip() == "ready"
    return proc


def _opens_with(root: Path, passphrase: str) -> bool:
    try:
        Vault.open(root, passphrase).close()
    except WrongPassphraseError:
        return False
    return True


def _chain(root: Path, name: str, seed: int) -> ChainResult:
    result = ChainResult()
    rng = random.Random(seed)
    current = f"{name} passphrase 0"
    # The first run is not killed: it measures how long a whole re-key takes here.
    started = time.monotonic()
    first = _start(root, current, f"{name} passphrase 1")
    assert first.wait(timeout=120) == 0
    duration = time.monotonic() - started
    current = f"{name} passphrase 1"
    for run in range(2, RUNS_PER_CHAIN + 2):
        new = f"{name} passphrase {run}"
        proc = _start(root, current, new)
        time.sleep(rng.uniform(0, duration * 1.1))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        old_opens, new_opens = _opens_with(root, current), _opens_with(root, new)
        if old_opens == new_opens:
            result.problems.append(f"{name} run {run}: old opens {old_opens}, new opens {new_opens}")
            return result
        current = current if old_opens else new
        result.outcomes.append("old" if old_opens else "new")
        checked = run_cli("check", "--passphrase-stdin", vault=root, stdin=current + "\n")
        if checked.returncode != 0 or "1 items (300.0 MiB) match their hashes" not in checked.stdout:
            result.problems.append(f"{name} run {run}: check: {checked.stdout} {checked.stderr}")
            return result
        leftovers = sorted(p.name for p in root.iterdir() if p.name not in {"header", "vault.db", "lock"})
        if leftovers:
            result.problems.append(f"{name} run {run}: files left behind: {leftovers}")
    return result


def test_twenty_kill_9_during_rekey_of_a_300_mib_vault_always_leave_one_passphrase_and_a_clean_check(
    tmp_path: Path,
) -> None:
    source = tmp_path / "big.bin"
    with open(source, "wb") as fh:
        for _ in range(ITEM_BYTES >> 20):
            fh.write(os.urandom(1 << 20))
    first = tmp_path / "a.locker"
    with Vault.create(first, "a passphrase 0", WEAK_PARAMS) as vault:
        import_files(vault, [source], ImportOptions(extract_metadata=False))
    source.unlink()
    second = tmp_path / "b.locker"
    shutil.copytree(first, second)
    # The copy has the same header: give chain b its own starting passphrase.
    with Vault.open(second, "a passphrase 0") as vault:
        vault.change_passphrase("b passphrase 0")

    seed = int.from_bytes(os.urandom(4), "big")
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(_chain, [first, second], ["a", "b"], [seed, seed + 1]))
    problems = [p for r in results for p in r.problems]
    outcomes = [o for r in results for o in r.outcomes]
    print(f"seed {seed}: {len(outcomes)} kills, {outcomes.count('old')} left the old passphrase, "
          f"{outcomes.count('new')} the new one")  # fmt: skip
    assert not problems, problems
    assert len(outcomes) == 2 * RUNS_PER_CHAIN
