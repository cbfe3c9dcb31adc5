"""Import throughput against SQLCipher writing the same bytes at its best page size, and peak memory.

Not a test: run it by hand (`.venv/bin/python benchmarks/import_throughput.py [--size-mib N] [--rounds R]`).
It prints ratios measured in one run on one machine, so a noisy shared machine shifts both sides together.

  ceiling  = the best MiB/s, over the candidate page sizes (--page-sizes), of inserting the same bytes as 1 MiB
             blobs into a plain SQLCipher table in one transaction, opened by the vault's own `db.connect` (raw key,
             HMAC per page, temp_store, secure_delete, journal, synchronous) - no hashing, no index, no custody.
  import   = MiB/s of `import_files` on the file into a new vault (its own page size), as a script calling it
             runs it: streaming read, SHA-256 + SHA-512 of the file, SHA-256 per chunk, chunk and item rows, custody
             event, commit, then the sandboxed metadata step, with the sandbox's fork server started by the import
             (0.7-0.8 s of CPU importing the parsers, beside the store on a 2-core machine).
  app import = the same as the app and `locker import` run it: the fork server was started before the import (the
             app: when the vault opens and as each import ends; the CLI: before it asks for the passphrase) and had
             loaded its parsers by the time the user chose a file. Here the benchmark waits for its READY first.
  store    = the same without the metadata step (`--no-metadata`): what storing alone reaches.
  With --compare-with DIR, also the import of another source tree (e.g. a checkout of an older release) in the
  same rounds, against the same ceiling.
  ratio    = import / ceiling, app import / ceiling (goal >= 0.9).
  memory   = peak RSS of the process importing the file minus that of one importing a 1-byte file
             (goal <= 100 MiB): what the import itself holds, not the interpreter and libraries.

Each measurement runs in a fresh process after `sync`, in a fresh folder. One raw insert and one import are run first
and thrown away: the first write of a run measured up to twice as slow as the same write a moment later. Each round then
starts with a different kind (raw 16 KiB, raw 64 KiB, import, app import, store only, in turn), so no kind always runs
first. The ratio is the median import over the median raw rate of the best page size: the median of each side, not the
best of two noisy samples per round. BENCH_DIR=/dev/shm keeps a shared disk's noise out of both sides. The machine's
speed drifts between rounds (the same raw insert measured 73 and 125 MiB/s minutes apart), so it also prints the median
of each round's own ratio (the import over the best raw rate of the same round, measured at most a minute apart).

Measured 2026-12-04 (session 9), BENCH_DIR=/dev/shm, 1 GiB, three runs (4, 8 and 6 rounds, load 0.9-1.5), the raw
insert itself between 75 and 141 MiB/s from one measurement to the next. Ratio of medians: app import 0.93, 0.98 and
0.87; import 0.84, 0.92 and 0.86; store only 0.92, 0.81 and 0.86. Over the 18 rounds, each against the best raw rate
of its round: app import median 0.91 (0.74-1.12). Peak RSS growth 17-18 MiB. With its fork server started
beforehand, the import measures as fast as storing alone; the goal of 0.9 is reached in two of three runs and by the
median of all rounds, not in every run (the first two runs waited for the fork server with a 1-byte import, the
third with `wait_ready`).

Measured 2026-12-03 (session 8), 8 rounds of 1 GiB, BENCH_DIR=/dev/shm, load 1.4-1.8, two trees that behave the
same on this machine (one preloaded the fork server on a thread of nice 19, a change that had no effect under
autogroup scheduling and was reverted: docs/VAULT_FORMAT.md), the other as `--compare-with`: medians raw 16 KiB
103.5 MiB/s, raw 64 KiB 95.2, import 99.1 and 90.4, store only 94.5; ratio of medians 0.96 and 0.87 (store only
0.91); median of the rounds' ratios 1.01 and 0.85 (store only 0.98; one tree's import per round 0.51-1.15); peak RSS
growth 17-18 MiB. The same code measured 0.96 and 0.87 in the same rounds: about +-10% of noise here.

Earlier: measured 2026-12-03 on the 2-core development machine, shared with other sessions (load
average 1.0-2.2 in this run): 5 rounds, 1 GiB, BENCH_DIR=/dev/shm. Medians: raw 16 KiB 142.6 MiB/s, raw 64 KiB
119.4, import 106.5, store only 120.3; ratio 0.75, store only 0.84 (per round 0.46-0.86); peak RSS growth 18 MiB.
From one measurement to the next the same raw insert swung between 124 and 188 MiB/s, and six paired 512 MiB imports
with and without the metadata step differed by -3.0 to +3.2 s (median +1.06 s): on this machine these ratios cannot
show a change of a few percent; goal 0.9 not shown. Per thread, the three hashes (SHA-256 and SHA-512 of the file,
SHA-256 per chunk) take 1.34 s of CPU per 512 MiB on the reading thread against 3.05 s for SQLCipher on the storing
thread: storing is the critical path, and on a machine whose two cores are shared the hashing thread competes with
it. Giving each whole-file hash a thread of its own was tried, measured no faster (8.56 s inline, 9.25 s threaded,
medians of 4 paired runs) and left out. An earlier quiet run (load 0.9-1.7) measured 0.87 (0.80-0.91), store only
0.95 (docs/VAULT_FORMAT.md)."""

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
source, workdir, page_size = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
conn = db.connect(workdir / "raw.db", new_master_key(), page_size)
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
from locker.ingest.importer import ImportOptions, import_files
from locker.vault.vault import Vault
from locker.sandbox.runner import SandboxRunner
source, workdir, mode = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:]
options = ImportOptions(extract_metadata=mode != ["store-only"])
runner = SandboxRunner()
if mode == ["sandbox-running"]:
    # As the app runs it: its sandbox started before the import, and had loaded its parsers by the time the user
    # chose a file (a user takes longer than that).
    runner.wait_ready()
vault = Vault.create(workdir / "bench.locker", "bench", KdfParams(8, 1, 1))
start = time.perf_counter()
[outcome] = import_files(vault, [source], options, runner=runner)
elapsed = time.perf_counter() - start
assert outcome.status == "imported", outcome
vault.close()
runner.close()
print(elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def write_source(path: Path, size_mib: int) -> None:
    block = os.urandom(CHUNK)
    with open(path, "wb") as fh:
        for i in range(size_mib):
            fh.write(i.to_bytes(8, "big") + block[8:])


def measure(code: str, source: Path, size_mib: int, *extra: str, tree: str | None = None) -> tuple[float, int]:
    """MiB/s and peak RSS (MiB) of `code` run in a fresh process in a fresh folder (with `tree` first on the path)."""
    os.sync()
    env = dict(os.environ)
    if tree is not None:
        env["PYTHONPATH"] = tree
    with tempfile.TemporaryDirectory(dir=source.parent) as work:
        done = subprocess.run(
            [sys.executable, "-c", code, str(source), work, *extra], capture_output=True, text=True, env=env
        )
    if done.returncode != 0:
        sys.exit(f"a measurement failed:\n{done.stderr}")
    out = done.stdout.split()
    elapsed, peak_kib = float(out[0]), int(out[1])
    return max(size_mib, 1) / elapsed, peak_kib // 1024


def measure_raw(source: Path, size_mib: int, page_sizes: list[int]) -> dict[int, float]:
    """MiB/s of the raw SQLCipher insert at each page size."""
    return {size: measure(_RAW, source, size_mib, str(size))[0] for size in page_sizes}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size-mib", type=int, default=1024)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--page-sizes", default="16384,65536", help="candidate page sizes for the ceiling")
    parser.add_argument("--compare-with", metavar="DIR", help="also measure the import of this source tree")
    args = parser.parse_args()
    page_sizes = [int(size) for size in args.page_sizes.split(",")]
    kinds = [f"raw {size // 1024} KiB" for size in page_sizes] + ["import", "app import", "store only"]
    if args.compare_with:
        kinds.append("other tree")
    rates: dict[str, list[float]] = {kind: [] for kind in kinds}
    growths = []
    # kind -> its rate over the best raw rate of the same round, measured minutes apart at most
    round_ratios: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as tmp:
        source = Path(tmp) / "source.bin"
        write_source(source, args.size_mib)
        tiny = Path(tmp) / "tiny.bin"
        tiny.write_bytes(b"x")
        # The first write of a run measured up to twice as slow as the same write a moment later (a fresh
        # folder's first pages, a cold page cache): one of each kind is run and thrown away.
        measure(_RAW, source, args.size_mib, str(page_sizes[0]))
        measure(_IMPORT, source, args.size_mib)
        for round_no in range(1, args.rounds + 1):
            # Each round starts with a different kind, so no kind always runs first (or right after the same one).
            shift = (round_no - 1) % len(kinds)
            peak = 0
            for kind in kinds[shift:] + kinds[:shift]:
                if kind.startswith("raw"):
                    rate, _ = measure(_RAW, source, args.size_mib, str(page_sizes[kinds.index(kind)]))
                elif kind == "import":
                    rate, peak = measure(_IMPORT, source, args.size_mib)
                elif kind == "app import":
                    rate, _ = measure(_IMPORT, source, args.size_mib, "sandbox-running")
                elif kind == "store only":
                    rate, _ = measure(_IMPORT, source, args.size_mib, "store-only")
                else:
                    rate, _ = measure(_IMPORT, source, args.size_mib, tree=args.compare_with)
                rates[kind].append(rate)
            _, baseline = measure(_IMPORT, tiny, 0)
            growths.append(peak - baseline)
            ceiling = max(rates[kind][-1] for kind in kinds if kind.startswith("raw"))
            for kind in kinds:
                if not kind.startswith("raw"):
                    round_ratios.setdefault(kind, []).append(rates[kind][-1] / ceiling)
            shown = "  ".join(f"{kind} {rates[kind][-1]:6.1f}" for kind in kinds)
            print(
                f"round {round_no}: {args.size_mib} MiB, MiB/s: {shown}  "
                f"import/best raw {rates['import'][-1] / ceiling:.2f}"
                f"  peak RSS growth {peak - baseline} MiB  load {os.getloadavg()[0]:.1f}",
                flush=True,
            )
    medians = {kind: statistics.median(values) for kind, values in rates.items()}
    best = max((kind for kind in kinds if kind.startswith("raw")), key=lambda kind: medians[kind])
    ceiling = medians[best]
    print("medians, MiB/s: " + "  ".join(f"{kind} {medians[kind]:.1f}" for kind in kinds))
    print(
        f"ratio of medians (median import / median {best}, the best page size) {medians['import'] / ceiling:.2f}  "
        f"app import {medians['app import'] / ceiling:.2f}  store only {medians['store only'] / ceiling:.2f}  "
        f"max peak RSS growth {max(growths)} MiB"
    )
    paired = {kind: statistics.median(values) for kind, values in round_ratios.items()}
    print(
        f"median of the rounds' ratios (each against the best raw rate of its own round): import "
        f"{paired['import']:.2f}  app import {paired['app import']:.2f}  store only {paired['store only']:.2f}"
        + (f"  {args.compare_with} {paired['other tree']:.2f}" if args.compare_with else "")
    )
    if args.compare_with:
        print(f"ratio of medians of {args.compare_with}: {medians['other tree'] / ceiling:.2f}")


if __name__ == "__main__":
    main()
