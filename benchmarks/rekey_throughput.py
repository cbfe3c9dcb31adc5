"""Re-key throughput against the raw SQLCipher write rate of the same bytes, measured in the same run.

Not a test: run it by hand (`.venv/bin/python benchmarks/rekey_throughput.py [--size-mib N] [--rounds R]`).

  ceiling  = MiB/s of inserting as many bytes as vault.db holds, as 1 MiB blobs into a fresh SQLCipher table in
             one transaction, opened by the vault's own `db.connect` (raw key, secure_delete, journal, synchronous).
  rekey    = MiB/s of `Vault.rekey` over that vault.db: sqlcipher_export of every page under a new key into
             vault.db-rekey, row counts compared, signing key rewrapped, custody event, fsync, header write, the old
             vault.db overwritten with zeros, rename.
             The Argon2id cost is the test fixture's (8 KiB, 1 pass), so this is the data path, not the KDF.
  ratio    = rekey / ceiling. A re-key reads every page, writes it under the new key and then overwrites the old
             file (so that its blocks do not stay readable with an old header copy): about two writes of the same
             bytes, so about 0.5 is the reachable goal (no copy-then-PRAGMA-rekey, no journal of old pages).

Each measurement runs in a fresh process after `sync`, and the order alternates between rounds. The vault is built
once (not timed) and re-keyed again in every round, each time to a new passphrase.
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
import sys, time
from pathlib import Path
from locker.crypto.keys import new_master_key
from locker.vault import db
size, workdir = int(sys.argv[1]), Path(sys.argv[2])
conn = db.connect(workdir / "raw.db", new_master_key())
conn.execute("CREATE TABLE chunks (id INTEGER PRIMARY KEY, item_id TEXT, seq INTEGER, data BLOB)")
block = bytes(range(256)) * 4096
start = time.perf_counter()
with db.transaction(conn):
    for seq in range(size // len(block)):
        conn.execute("INSERT INTO chunks (item_id, seq, data) VALUES (?, ?, ?)", ("X", seq, block))
elapsed = time.perf_counter() - start
conn.close()
print(elapsed)
"""

_REKEY = """
import sys, time
from pathlib import Path
from locker.vault.vault import Vault
root, old, new = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
with Vault.open(root, old) as vault:
    start = time.perf_counter()
    vault.rekey(new)
    elapsed = time.perf_counter() - start
print(elapsed)
"""


def build_vault(root: Path, size_mib: int) -> None:
    from locker.crypto.kdf import KdfParams
    from locker.ingest.importer import ImportOptions, import_files
    from locker.vault.vault import Vault

    source = root.parent / "source.bin"
    with open(source, "wb") as fh:
        for _ in range(size_mib):
            fh.write(os.urandom(CHUNK))
    with Vault.create(root, "bench 0", KdfParams(8, 1, 1)) as vault:
        import_files(vault, [source], ImportOptions(extract_metadata=False))
    source.unlink()


def run(code: str, *args: str) -> float:
    os.sync()
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True).stdout
    return float(out.split()[0])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size-mib", type=int, default=512)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    ratios = []
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as tmp:
        root = Path(tmp) / "bench.locker"
        build_vault(root, args.size_mib)
        for round_no in range(1, args.rounds + 1):
            size = (root / "vault.db").stat().st_size
            mib = size / CHUNK
            old, new = f"bench {round_no - 1}", f"bench {round_no}"
            with tempfile.TemporaryDirectory(dir=tmp) as work:
                if round_no % 2:
                    raw = run(_RAW, str(size), work)
                    rekey = run(_REKEY, str(root), old, new)
                else:
                    rekey = run(_REKEY, str(root), old, new)
                    raw = run(_RAW, str(size), work)
            ceiling, rate = mib / raw, mib / rekey
            ratios.append(rate / ceiling)
            print(
                f"round {round_no}: vault.db {mib:.0f} MiB  raw SQLCipher write {ceiling:6.1f} MiB/s  "
                f"re-key {rate:6.1f} MiB/s ({rekey:.2f} s)  ratio {rate / ceiling:.2f}",
                flush=True,
            )
    print(f"median ratio {statistics.median(ratios):.2f}")


if __name__ == "__main__":
    main()
