"""Which SQLCipher page size suits the vault: 1 MiB chunk writes against the small-row workloads.

Not a test: run it by hand (`.venv/bin/python benchmarks/page_size.py [--chunk-mib N] [--rounds R]`).
Every database is opened by the vault's own `db.connect` (raw key, HMAC-SHA512 per page as SQLCipher 4 does by
default, secure_delete, rollback journal, synchronous=FULL) with the vault's schema (`migrate`), so the figures are
the vault's, not a bare SQLite's. Each measurement runs in a fresh process after `sync`, in a fresh folder.

  chunks   MiB/s of writing N MiB as 1 MiB chunk rows (with their SHA-256 computed beforehand) in one transaction,
           as an import does, commit included;
  list     ms to open the vault database and list 10,000 items (`list_items`: names, hashes, notes, metadata
           summary), each with a 1 KiB metadata summary, a 4 KiB raw dump and a 16 KiB thumbnail stored;
  custody  ms per custody event appended in its own transaction (each commit is fsynced);
  notes    ms per note changed on a random item of those 10,000, in its own transaction with its custody event.

The chunk and list workloads are also given in CPU time (user + system of the process): on a shared machine other
processes stretch wall time, but hardly the CPU work of encrypting and authenticating pages, which is what the
page size changes. The custody and note workloads are bound by fsync, so only their wall time is shown.

The table also shows each column relative to the best page size in the same column (1.00 = best).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

PAGE_SIZES = (4096, 8192, 16384, 32768, 65536)

_CHILD = """
import hashlib, json, os, random, resource, statistics, sys, time
from pathlib import Path
from locker.crypto.keys import new_master_key
from locker.vault import db
from locker.vault.custody import Action, append_event
from locker.vault.items import ItemId, list_items, set_notes
from locker.vault.schema import migrate

page_size, workdir, chunk_mib = int(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])

def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime

key = new_master_key()
path = workdir / "vault.db"
result = {}

conn = db.connect(path, key, page_size)
migrate(conn)
block = os.urandom(1 << 20)
chunks = [(i.to_bytes(8, "big") + block[8:]) for i in range(min(chunk_mib, 64))]
digests = [hashlib.sha256(c).digest() for c in chunks]
start, start_cpu = time.perf_counter(), cpu()
with db.transaction(conn):
    conn.execute(
        "INSERT INTO items (id, name, size, sha256, sha512, chunk_count, media_type, imported_at) "
        "VALUES ('BIG', 'big.bin', ?, 'x', 'y', ?, 'application/octet-stream', '2026-01-01T00:00:00Z')",
        (chunk_mib << 20, chunk_mib),
    )
    for seq in range(chunk_mib):
        conn.execute(
            "INSERT INTO chunks (item_id, seq, sha256, data) VALUES ('BIG', ?, ?, ?)",
            (seq, digests[seq % len(chunks)], chunks[seq % len(chunks)]),
        )
result["chunks_mib_s"] = chunk_mib / (time.perf_counter() - start)
result["chunks_mib_cpu_s"] = chunk_mib / (cpu() - start_cpu)

rng = random.Random(1)
summary = json.dumps({"camera": "x" * 900})
raw = json.dumps({"exif": "y" * 4000})
thumb = os.urandom(16 << 10)
ids = [f"I{n:07d}" for n in range(10_000)]
with db.transaction(conn):
    for n, item_id in enumerate(ids):
        conn.execute(
            "INSERT INTO items (id, name, size, sha256, sha512, chunk_count, media_type, imported_at, "
            "metadata_json, raw_metadata_json, thumbnail, notes) VALUES (?, ?, 1, ?, ?, 0, 'image/jpeg', "
            "'2026-01-01T00:00:00Z', ?, ?, ?, 'a note')",
            (item_id, f"IMG_{n:05d}.jpg", f"{n:064x}", f"{n:0128x}", summary, raw, thumb),
        )
conn.close()

times = []
cpus = []
for _ in range(5):
    start, start_cpu = time.perf_counter(), cpu()
    conn = db.connect(path, key, page_size)
    assert len(list_items(conn)) == 10_001
    conn.close()
    times.append(time.perf_counter() - start)
    cpus.append(cpu() - start_cpu)
result["list_ms"] = statistics.median(times) * 1000
result["list_cpu_ms"] = statistics.median(cpus) * 1000

conn = db.connect(path, key, page_size)
start = time.perf_counter()
for n in range(100):
    with db.transaction(conn):
        append_event(conn, Action.CHECKED, details={"n": n})
result["custody_ms"] = (time.perf_counter() - start) * 10

start = time.perf_counter()
for n in range(100):
    with db.transaction(conn):
        set_notes(conn, ItemId(rng.choice(ids)), f"note {n} " + "z" * 200)
result["notes_ms"] = (time.perf_counter() - start) * 10
conn.close()
print(json.dumps(result))
"""

_COLUMNS = (
    ("chunks_mib_s", "1 MiB chunks MiB/s", True),
    ("chunks_mib_cpu_s", "chunks MiB/CPU-s", True),
    ("list_ms", "list 10k ms", False),
    ("list_cpu_ms", "list 10k CPU ms", False),
    ("custody_ms", "custody append ms", False),
    ("notes_ms", "note change ms", False),
)


def measure(page_size: int, chunk_mib: int, parent: str | None) -> dict[str, float]:
    os.sync()
    with tempfile.TemporaryDirectory(dir=parent) as work:
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, str(page_size), work, str(chunk_mib)], capture_output=True, text=True
        )
    if done.returncode != 0:
        sys.exit(f"page size {page_size}: the measurement failed:\n{done.stderr}")
    return dict(json.loads(done.stdout))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chunk-mib", type=int, default=256)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    runs: dict[int, list[dict[str, float]]] = {size: [] for size in PAGE_SIZES}
    for round_no in range(args.rounds):
        # Alternate the order so no page size always runs first (cold disk) or last (warm).
        order = PAGE_SIZES if round_no % 2 == 0 else tuple(reversed(PAGE_SIZES))
        for size in order:
            runs[size].append(measure(size, args.chunk_mib, os.environ.get("BENCH_DIR")))
        print(f"round {round_no + 1} of {args.rounds} done", flush=True)
    medians = {
        size: {key: statistics.median(run[key] for run in runs[size]) for key, _, _ in _COLUMNS} for size in PAGE_SIZES
    }
    best = {key: (max if higher else min)(medians[size][key] for size in PAGE_SIZES) for key, _, higher in _COLUMNS}
    print(f"medians of {args.rounds} rounds, {args.chunk_mib} MiB of chunks; (x.xx) = relative to the best page size")
    print("page size " + "".join(f"{title:>22}" for _, title, _ in _COLUMNS))
    for size in PAGE_SIZES:
        cells = []
        for key, _, higher in _COLUMNS:
            value = medians[size][key]
            relative = value / best[key] if higher else best[key] / value
            cells.append(f"{value:.1f} ({relative:4.2f})")
        print(f"{size // 1024:>6} KiB" + "".join(f"{cell:>22}" for cell in cells))


if __name__ == "__main__":
    main()
