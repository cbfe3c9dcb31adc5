"""Time from the panic trigger to the key header destroyed and fsynced, for a small and a large vault.

Not a test: `.venv/bin/python benchmarks/panic_erase.py [--rounds 7]`. Goal: <= 50 ms, and large/small <= 2.
The trigger is `locker panic`'s own path (crypto_erase) called in-process, timed from the call to the header's
fsync returning; the median of several fresh vaults is printed for each size.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
from pathlib import Path

from locker.crypto.kdf import KdfParams
from locker.ingest.importer import ImportOptions, import_files
from locker.panic.erase import crypto_erase
from locker.vault.vault import Vault


def vault_of_size(workdir: Path, name: str, size: int, source: Path) -> Path:
    root = workdir / name
    with open(source, "wb") as fh:
        block = os.urandom(1 << 20)
        for i in range(max(1, size >> 20)):
            fh.write(i.to_bytes(8, "big") + block[8:])
    with Vault.create(root, "bench", KdfParams(8, 1, 1)) as vault:
        import_files(vault, [source], ImportOptions(extract_metadata=False))
    source.unlink()
    os.sync()
    return root


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    sizes = {"10 MiB": 10 << 20, "1 GiB": 1 << 30}
    results: dict[str, list[float]] = {label: [] for label in sizes}
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as tmp:
        workdir = Path(tmp)
        big = vault_of_size(workdir, "big.locker", sizes["1 GiB"], workdir / "src.bin")
        for round_no in range(args.rounds):
            small = vault_of_size(workdir, f"small-{round_no}.locker", sizes["10 MiB"], workdir / "src.bin")
            report = crypto_erase(small)
            assert report.header_seconds is not None
            results["10 MiB"].append(report.header_seconds * 1000)
            # Re-arm the big vault with a fresh header file of the same size, as a fresh vault would have.
            if round_no:
                big = vault_of_size(workdir, f"big-{round_no}.locker", sizes["1 GiB"], workdir / "src.bin")
            report = crypto_erase(big)
            assert report.header_seconds is not None
            results["1 GiB"].append(report.header_seconds * 1000)
    small_ms, big_ms = statistics.median(results["10 MiB"]), statistics.median(results["1 GiB"])
    for label, values in results.items():
        print(
            f"{label:>7} vault: header destroyed + fsynced, median {statistics.median(values):.2f} ms "
            f"(min {min(values):.2f}, max {max(values):.2f}, {len(values)} runs)"
        )
    print(f"ratio 1 GiB / 10 MiB: {big_ms / small_ms:.2f}")


if __name__ == "__main__":
    main()
