"""Import throughput against the raw SQLCipher insert rate of the same bytes, and peak memory.

Not a test: run it by hand (`.venv/bin/python benchmarks/import_throughput.py [--size-mib N] [--rounds R]`).
It prints ratios measured in one run on one machine, so a noisy shared machine shifts both sides together.

  ceiling  = MiB/s of inserting the same bytes as 1 MiB blobs into a SQLCipher table in one transaction, opened
             by the vault's own `db.connect` (raw key, temp_store, secure_delete, journal, synchronous) — no hashing.
  import   = MiB/s of `import_files` on the file: streaming read, SHA-256 + SHA-512 of the file, SHA-256 per
             chunk, chunk and item rows, custody event, commit.
  ratio    = import / ceiling (goal >= 0.9); peak RSS of the importing process (goal <= 200 MiB for 1 GiB).

Each measurement runs in a fresh process after `sync`, and the order alternates between rounds, so neither side
inherits the other's dirty page cache or warm-up.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

CHUNK = 1 << 20

_RAW = """
import resource, sys, time
from pathlib import Path
from locker.crypto.keys import new_master_key
from locker.vault import db
source, workdir = Path(sys.argv[1]), Path(sys.argv[2])
conn = db.connect(workdir / "raw.db", new_master_key())
conn.execute("CREATE TABLE chunks (id INTEGER PRIMARY KEY, item_id TEXT, seq INTEGER, data BLOB)")
start = time.perf_counter()
with open(source, "rb", buffering=0) as fh, db.transaction(conn):
    seq = 0
    while data := fh.read(1 << 20):
        conn.execute("INSERT INTO chunks (item_id, seq, data) VALUES (?, ?, ?)", ("X", seq, data))
        seq += 1
elapsed = time.perf_counter() - start
conn.close()
print(elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

_IMPORT = """
import resource, sys, time
from pathlib import Path
from locker.crypto.kdf import KdfParams
from locker.ingest.importer import import_files
from locker.vault.vault import Vault
source, workdir = Path(sys.argv[1]), Path(sys.argv[2])
vault = Vault.create(workdir / "bench.locker", "bench", KdfParams(8, 1, 1))
start = time.perf_counter()
[outcome] = import_files(vault, [source])
elapsed = time.perf_counter() - start
assert outcome.status == "imported", outcome
vault.close()
print(elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def write_source(path: Path, size_mib: int) -> None:
    block = os.urandom(CHUNK)
    with open(path, "wb") as fh:
        for i in range(size_mib):
            fh.write(i.to_bytes(8, "big") + block[8:])


def measure(code: str, source: Path, size_mib: int) -> tuple[float, int]:
    """MiB/s and peak RSS (MiB) of `code` run in a fresh process in a fresh folder."""
    os.sync()
    with tempfile.TemporaryDirectory(dir=source.parent) as work:
        out = subprocess.run(
            [sys.executable, "-c", code, str(source), work], capture_output=True, text=True, check=True
        ).stdout.split()
    elapsed, peak_kib = float(out[0]), int(out[1])
    return size_mib / elapsed, peak_kib // 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size-mib", type=int, default=1024)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    ratios = []
    peaks = []
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as tmp:
        source = Path(tmp) / "source.bin"
        write_source(source, args.size_mib)
        for round_no in range(1, args.rounds + 1):
            if round_no % 2:
                ceiling, _ = measure(_RAW, source, args.size_mib)
                rate, peak = measure(_IMPORT, source, args.size_mib)
            else:
                rate, peak = measure(_IMPORT, source, args.size_mib)
                ceiling, _ = measure(_RAW, source, args.size_mib)
            ratios.append(rate / ceiling)
            peaks.append(peak)
            print(
                f"round {round_no}: {args.size_mib} MiB  raw SQLCipher insert {ceiling:6.1f} MiB/s  "
                f"import {rate:6.1f} MiB/s  ratio {rate / ceiling:.2f}  import peak RSS {peak} MiB",
                flush=True,
            )
    print(f"median ratio {statistics.median(ratios):.2f}  max import peak RSS {max(peaks)} MiB")


if __name__ == "__main__":
    main()
