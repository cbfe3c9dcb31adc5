"""Median unlock time for the correct, the duress and a wrong passphrase, with this machine's calibrated cost.

Not a test: `.venv/bin/python benchmarks/unlock_timing.py [--rounds 7]`. Goal: the three medians differ by less
than 10%, so timing does not tell an observer which kind of passphrase was typed. Each round uses a fresh vault
(the duress passphrase erases it).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from locker.crypto.kdf import calibrate
from locker.errors import WrongPassphraseError
from locker.panic.duress import set_duress
from locker.vault.vault import Vault

OWNER, DURESS, WRONG = "correct horse battery staple", "duress words here", "wrong guess entirely"


def timed_open(root: Path, passphrase: str) -> float:
    start = time.perf_counter()
    try:
        vault = Vault.open(root, passphrase)
    except WrongPassphraseError:
        return time.perf_counter() - start
    elapsed = time.perf_counter() - start
    vault.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    params = calibrate()
    print(f"calibrated Argon2id: {params.memory_kib // 1024} MiB, {params.iterations} passes, {params.lanes} lanes")
    times: dict[str, list[float]] = {"correct": [], "wrong": [], "duress": []}
    with tempfile.TemporaryDirectory() as tmp:
        for round_no in range(args.rounds):
            root = Path(tmp) / f"v{round_no}.locker"
            with Vault.create(root, OWNER, params) as vault:
                set_duress(vault, DURESS)
            pair = [("correct", OWNER), ("wrong", WRONG)]
            for label, passphrase in pair if round_no % 2 == 0 else pair[::-1]:
                times[label].append(timed_open(root, passphrase))
            times["duress"].append(timed_open(root, DURESS))  # last: it erases the vault
            assert not (root / "header").exists()
    medians = {label: statistics.median(values) for label, values in times.items()}
    for label, value in medians.items():
        print(f"{label:>8}: median {value * 1000:7.1f} ms over {len(times[label])} unlocks")
    spread = (max(medians.values()) - min(medians.values())) / min(medians.values())
    print(f"largest difference between medians: {spread * 100:.1f}%")


if __name__ == "__main__":
    main()
