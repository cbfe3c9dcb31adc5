"""Side by side with mat2 (Debian package `mat2`): what each tool leaves behind in the same planted files.

Not a test: `.venv/bin/python -m benchmarks.share_vs_mat2` from the project root (needs `apt-get install mat2`).
Prints a Markdown table: per format, the identifying ExifTool tags and the planted values (raw byte search) left
in each tool's output; "no output" means mat2 refused or failed on the file.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from locker.crypto.kdf import KdfParams
from locker.ingest.importer import import_files
from locker.sandbox.runner import SandboxRunner
from locker.share.options import ShareOptions
from locker.share.service import share_item
from locker.vault.vault import Vault
from tests.share import planted
from tests.share.checks import exiftool_leftovers, raw_hits


def describe(path: Path | None, values: tuple[str, ...]) -> str:
    if path is None:
        return "no output"
    tags = sorted(exiftool_leftovers(path))
    hits = raw_hits(path, values)
    parts = []
    if tags:
        parts.append("tags: " + ", ".join(t.split(":")[-1] for t in tags[:8]) + (" ..." if len(tags) > 8 else ""))
    if hits:
        parts.append("values: " + ", ".join(hits))
    return "; ".join(parts) or "nothing"


def run_mat2(source: Path, work: Path) -> Path | None:
    copy = work / source.name
    shutil.copy(source, copy)
    done = subprocess.run(["mat2", "--inplace", str(copy)], capture_output=True, text=True, check=False)
    return copy if done.returncode == 0 else None


def main() -> None:
    if shutil.which("mat2") is None:
        raise SystemExit("mat2 is not installed: apt-get install mat2")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        vault = Vault.create(root / "v.locker", "bench passphrase 1", KdfParams(8, 1, 1))
        rows = []
        with SandboxRunner() as runner:
            for kind, make in planted.ALL.items():
                folder = root / kind
                folder.mkdir()
                sample = make(folder)
                mat2_work = root / f"mat2-{kind}"
                mat2_work.mkdir()
                mat2_out = run_mat2(sample.path, mat2_work)
                [outcome] = import_files(vault, [sample.path], runner=runner)
                ours_dir = root / f"ours-{kind}"
                ours_dir.mkdir()
                assert outcome.item_id is not None
                result = share_item(vault, outcome.item_id, ours_dir, ShareOptions(faces="off"), runner)
                rows.append((kind, describe(mat2_out, sample.values), describe(result.path, sample.values)))
        vault.close()
    print("| format | mat2 0.13 leaves | Evidence Locker leaves |")
    print("| --- | --- | --- |")
    for kind, theirs, ours in rows:
        print(f"| {kind} | {theirs} | {ours} |")


if __name__ == "__main__":
    main()
