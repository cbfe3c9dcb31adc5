"""The app's child verifier opens encrypted bundles although it may write nowhere: .age and .7z are decrypted in
memory (no scratch folder, no temporary file)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pyrage
import pytest

from locker.bundle.export import ExportRequest, export_bundle
from locker.bundle.verify import Verdict
from locker.bundle.verify_child import verify_in_child
from locker.ingest.importer import ImportOptions, import_files
from locker.vault.vault import Vault
from tests.conftest import write_file


@pytest.mark.parametrize("form", ["7z", "age"])
def test_the_child_verifier_opens_encrypted_bundles_and_writes_nothing(
    vault: Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, form: str
) -> None:
    import_files(vault, [write_file(tmp_path / "clip.bin", b"evidence" * 500)], ImportOptions(case="C1"))
    key = pyrage.x25519.Identity.generate()
    (tmp_path / "age.key").write_text(f"{key}\n")
    request = (
        ExportRequest(case="C1", sevenzip_password="one")
        if form == "7z"
        else ExportRequest(case="C1", age_recipient=str(key.to_public()))
    )
    bundle = tmp_path / f"for-counsel.{form}"
    export_bundle(vault, bundle, request)
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    result = verify_in_child(
        bundle, vault.fingerprint(), age_identity=tmp_path / "age.key" if form == "age" else None, password="one"
    )
    assert result.verdict is Verdict.CONFIRMED and all(check.ok for check in result.checks)
    assert list(temp.iterdir()) == []
