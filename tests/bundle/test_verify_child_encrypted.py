"""The app's child verifier opens encrypted bundles: it may write only in the scratch folder its parent made."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from locker.bundle.export import ExportRequest, export_bundle
from locker.bundle.verify import Verdict
from locker.bundle.verify_child import verify_in_child
from locker.ingest.importer import ImportOptions, import_files
from locker.sandbox.confine import _libc, landlock_abi
from locker.vault.vault import Vault
from tests.conftest import write_file


def test_the_child_verifier_opens_a_7z_bundle_and_leaves_no_scratch_behind(
    vault: Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_files(vault, [write_file(tmp_path / "clip.bin", b"evidence" * 500)], ImportOptions(case="C1"))
    export_bundle(vault, tmp_path / "for-counsel.7z", ExportRequest(case="C1", sevenzip_password="one"))
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))  # where the parent makes the child's scratch folder
    result = verify_in_child(tmp_path / "for-counsel.7z", vault.fingerprint(), password="one")
    assert result.verdict is Verdict.CONFIRMED and all(check.ok for check in result.checks)
    assert list(temp.iterdir()) == []


@pytest.mark.skipif(sys.platform != "linux" or landlock_abi(_libc()) <= 0, reason="needs Landlock")
def test_a_read_only_process_writes_in_its_scratch_folder_and_nowhere_else(tmp_path: Path) -> None:
    scratch, outside = tmp_path / "scratch", tmp_path / "outside"
    scratch.mkdir()
    outside.mkdir()
    code = textwrap.dedent(f"""
        from pathlib import Path
        from locker.sandbox.confine import confine_read_only
        confine_read_only(Path({str(scratch)!r}))
        (Path({str(scratch)!r}) / "sub").mkdir()
        (Path({str(scratch)!r}) / "sub" / "f").write_text("ok")
        try:
            (Path({str(outside)!r}) / "f").write_text("no")
        except PermissionError:
            print("outside refused")
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "outside refused"
    assert (scratch / "sub" / "f").read_text() == "ok" and list(outside.iterdir()) == []
