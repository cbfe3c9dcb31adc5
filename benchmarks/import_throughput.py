"""Import throughput against the raw SQLCipher insert rate of the same bytes, and peak memory.

Not a test: run it by hand (`.venv/bin/python benchmarks/import_throughput.py [--size-mib N]`). It prints
ratios measured in one run on one machine, so a noisy shared machine shifts both sides together.

  ceiling  = MiB/s of inserting the same bytes as 1 MiB blobs into a SQLCipher table in one transaction, with
             the vault's own settings (raw key, temp_store, secure_delete, journal, synchronous) — no hashing.
  import   = MiB/s of `import_files` on the file (streaming read, SHA-256 + SHA-512, per-chunk SHA-256, rows).
  ratio    = import / ceiling (goal >= 0.9).
  peak RSS = of a fresh process doing only the import (goal <= 200 MiB for 1 GiB).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHUNK = 1 << 20


def write_source(path: Path, size_mib: int) -> None:
    block = os.urandom(CHUNK)
    with open(path, "wb") as fh:
        for i in range(size_mib):
            fh.write(i.to_bytes(8, "big") + block[8:])


def drop_page_cache_hint(path: Path) -> None:
    # Both runs read the source once before timing, so both read it from the page cache.
    with open(path, "rb") as fh:
        while fh.read(8 * CHUNK):
            pass


def raw_sqlcipher_rate(source: Path, workdir: Path) -> float:
    from locker.crypto.keys import new_master_key
    from locker.vault import db

    key = new_master_key()
    db_path = workdir / "raw.db"
    conn = db.connect(db_path, key)
    conn.execute("CREATE TABLE chunks (id INTEGER PRIMARY KEY, item_id TEXT, seq INTEGER, data BLOB)")
    start = time.perf_counter()
    with open(source, "rb", buffering=0) as fh, db.transaction(conn):
        seq = 0
        while data := fh.read(CHUNK):
            conn.execute("INSERT INTO chunks (item_id, seq, data) VALUES (?, ?, ?)", ("X", seq, data))
            seq += 1
    elapsed = time.perf_counter() - start
    conn.close()
    db_path.unlink()
    return source.stat().st_size / CHUNK / elapsed


def import_rate(source: Path, workdir: Path) -> tuple[float, int]:
    """Run the import in a fresh process so its peak RSS is the import's alone."""
    code = f"""
import resource, sys, time
from pathlib import Path
from locker.crypto.kdf import KdfParams
from locker.ingest.importer import import_files
from locker.vault.vault import Vault
v = Vault.create(Path({str(workdir / "bench.locker")!r}), 'bench', KdfParams(8, 1, 1))
start = time.perf_counter()
[o] = import_files(v, [Path({str(source)!r})])
elapsed = time.perf_counter() - start
assert o.status == 'imported', o
v.close()
print(elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    elapsed, peak_kib = float(out[0]), int(out[1])
    return source.stat().st_size / CHUNK / elapsed, peak_kib // 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size-mib", type=int, default=1024)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as tmp:
        workdir = Path(tmp)
        source = workdir / "source.bin"
        write_source(source, args.size_mib)
        drop_page_cache_hint(source)
        for round_no in range(1, args.rounds + 1):
            ceiling = raw_sqlcipher_rate(source, workdir)
            rate, peak = import_rate(source, workdir)
            for leftover in workdir.glob("bench.locker/*"):
                leftover.unlink()
            (workdir / "bench.locker").rmdir()
            print(
                f"round {round_no}: {args.size_mib} MiB  raw SQLCipher insert {ceiling:7.1f} MiB/s  "
                f"import {rate:7.1f} MiB/s  ratio {rate / ceiling:.2f}  import peak RSS {peak} MiB"
            )
    print(f"(benchmark process peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MiB)")


if __name__ == "__main__":
    main()
