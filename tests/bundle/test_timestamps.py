"""RFC 3161 tokens from a real local TSA: verified by `openssl ts -verify` and by `locker verify`."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from locker.bundle.export import ExportRequest, export_bundle
from locker.ingest.importer import ImportOptions, import_files
from locker.vault.custody import events
from locker.vault.vault import Vault
from tests.bundle.local_tsa import local_tsa
from tests.bundle.test_export_verify import _bagit_py
from tests.conftest import PASSPHRASE, run_cli, write_file


@pytest.fixture
def filled_vault(vault: Vault, tmp_path: Path) -> Vault:
    import_files(vault, [write_file(tmp_path / "clip.bin", b"evidence bytes" * 1000)], ImportOptions(case="C1"))
    return vault


def _openssl_verify(bag: Path, folder: str, ca: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["openssl", "ts", "-verify", "-data", str(bag / "tagmanifest-sha256.txt"),
         "-in", str(bag / "signatures" / folder / "token.tsr"), "-CAfile", str(ca),
         "-untrusted", str(bag / "signatures" / folder / "chain.pem")],
        capture_output=True, text=True,
    )  # fmt: skip


def test_export_with_a_tsa_gets_a_token_that_openssl_verifies(filled_vault: Vault, tmp_path: Path) -> None:
    with local_tsa() as tsa:
        result = export_bundle(filled_vault, tmp_path / "bag", ExportRequest(case="C1", tsa_urls=(tsa.url,)))
        assert len(result.timestamps) == 1 and not result.timestamp_errors
        check = _openssl_verify(tmp_path / "bag", "tsa-1", tsa.ca_pem)
        assert check.returncode == 0, check.stderr + check.stdout
        assert "Verification: OK" in check.stdout
    verified = run_cli("verify", "--json", str(tmp_path / "bag"))
    assert verified.returncode == 3, verified.stdout  # intact; the signer is not confirmed (no --fingerprint)
    assert '"timestamp tsa-1"' in verified.stdout
    with filled_vault.session() as conn:
        assert events(conn)[-1].action == "timestamped"


def test_a_token_over_other_data_fails_both_checks(filled_vault: Vault, tmp_path: Path) -> None:
    with local_tsa() as tsa:
        export_bundle(filled_vault, tmp_path / "bag", ExportRequest(case="C1", tsa_urls=(tsa.url,)))
        bag = tmp_path / "bag"
        manifest = bag / "tagmanifest-sha256.txt"
        manifest.write_text(manifest.read_text() + "0" * 64 + " metadata/extra.txt\n")
        assert _openssl_verify(bag, "tsa-1", tsa.ca_pem).returncode != 0
    result = run_cli("verify", str(bag))
    assert result.returncode == 1
    assert "FAIL  timestamp tsa-1" in result.stdout


def test_unreachable_or_failing_tsa_still_writes_the_bundle(filled_vault: Vault, tmp_path: Path) -> None:
    with local_tsa(broken=True) as tsa:
        result = export_bundle(
            filled_vault, tmp_path / "bag", ExportRequest(case="C1", tsa_urls=(tsa.url, "http://127.0.0.1:9/none"))
        )
    assert not result.timestamps and len(result.timestamp_errors) == 2
    assert all("could not be reached" in e for e in result.timestamp_errors)
    assert run_cli("verify", str(tmp_path / "bag")).returncode == 3  # no trusted time; intact, signer unconfirmed


def test_locker_timestamp_adds_a_token_later_without_changing_the_bag(closed_vault: Path, tmp_path: Path) -> None:
    with Vault.open(closed_vault, PASSPHRASE) as vault:
        import_files(vault, [write_file(tmp_path / "a.bin", b"a" * 5000)], ImportOptions(extract_metadata=False))
        export_bundle(vault, tmp_path / "bag", _all(vault))
    bag = tmp_path / "bag"
    before = (bag / "tagmanifest-sha256.txt").read_bytes()
    with local_tsa() as tsa:
        added = run_cli("timestamp", str(bag), "--tsa", tsa.url)
        assert added.returncode == 0, added.stderr
        assert _openssl_verify(bag, "tsa-1", tsa.ca_pem).returncode == 0
    assert (bag / "tagmanifest-sha256.txt").read_bytes() == before
    bagit_py = _bagit_py()
    assert bagit_py
    assert subprocess.run([bagit_py, "--validate", str(bag)], capture_output=True).returncode == 0
    assert run_cli("verify", str(bag)).returncode == 3  # intact; signer not confirmed


def _all(vault: Vault) -> ExportRequest:
    from locker.vault.items import list_items

    with vault.session() as conn:
        return ExportRequest(item_ids=tuple(item.id for item in list_items(conn)))


def test_locker_timestamp_adds_a_token_to_a_zip_bundle(filled_vault: Vault, tmp_path: Path) -> None:
    out = tmp_path / "bundle.zip"
    export_bundle(filled_vault, out, ExportRequest(case="C1"))
    with local_tsa() as tsa:
        added = run_cli("timestamp", str(out), "--tsa", tsa.url)
    assert added.returncode == 0, added.stderr
    verified = run_cli("verify", "--json", str(out))
    assert verified.returncode == 3 and '"timestamp tsa-1"' in verified.stdout
