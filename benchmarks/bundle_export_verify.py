"""Export and verify of a large item, each as a ratio against the same work without the bundle around it.

Not a test: `.venv/bin/python benchmarks/bundle_export_verify.py [--size-mib 1024]`.

  export ratio = MiB/s of `export_bundle` (folder) / MiB/s of reading the same item back from the vault
                 (iter_verified_chunks: decrypt + per-chunk and whole-file hash checks), i.e. the cost of writing
                 the bag, its manifests, report and signatures on top of what any read costs
  verify ratio = MiB/s of `verify_bundle` / MiB/s of hashing the same payload file with hashlib SHA-256 + SHA-512
  bagit.py     = seconds of `bagit.py --validate` on the same bundle, for comparison
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from locker.bundle.export import ExportRequest, export_bundle
from locker.bundle.verify import verify_bundle
from locker.crypto.kdf import KdfParams
from locker.ingest.importer import ImportOptions, import_files
from locker.vault.chunks import iter_verified_chunks
from locker.vault.items import list_items
from locker.vault.vault import Vault


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size-mib", type=int, default=1024)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as tmp:
        work = Path(tmp)
        source = work / "video.bin"
        block = os.urandom(1 << 20)
        with open(source, "wb") as fh:
            for i in range(args.size_mib):
                fh.write(i.to_bytes(8, "big") + block[8:])
        with Vault.create(work / "v.locker", "bench", KdfParams(8, 1, 1)) as vault:
            import_files(vault, [source], ImportOptions(case="bench", extract_metadata=False))
            source.unlink()
            os.sync()
            with vault.session() as conn:
                item = list_items(conn)[0]
                start = time.perf_counter()
                for _ in iter_verified_chunks(conn, item):
                    pass
                read_rate = args.size_mib / (time.perf_counter() - start)
            start = time.perf_counter()
            export_bundle(vault, work / "bundle", ExportRequest(case="bench"))
            os.sync()
            export_rate = args.size_mib / (time.perf_counter() - start)
        payload = next((work / "bundle" / "data").rglob("*.bin"))
        start = time.perf_counter()
        h256, h512 = hashlib.sha256(), hashlib.sha512()
        with open(payload, "rb") as fh:
            while data := fh.read(1 << 20):
                h256.update(data)
                h512.update(data)
        hash_rate = args.size_mib / (time.perf_counter() - start)
        start = time.perf_counter()
        checks = verify_bundle(work / "bundle").checks
        verify_rate = args.size_mib / (time.perf_counter() - start)
        assert all(check.ok for check in checks), checks
        bagit_py = str(Path(sys.executable).parent / "bagit.py")
        start = time.perf_counter()
        subprocess.run([bagit_py, "--validate", str(work / "bundle")], check=True, capture_output=True)
        bagit_seconds = time.perf_counter() - start
    print(f"{args.size_mib} MiB item")
    print(
        f"export  {export_rate:7.1f} MiB/s  vs vault read {read_rate:7.1f} MiB/s  ratio {export_rate / read_rate:.2f}"
    )
    print(
        f"verify  {verify_rate:7.1f} MiB/s  vs hashlib    {hash_rate:7.1f} MiB/s  ratio {verify_rate / hash_rate:.2f}"
    )
    print(f"verify  {args.size_mib / verify_rate:.1f} s; bagit.py --validate {bagit_seconds:.1f} s")


if __name__ == "__main__":
    main()
