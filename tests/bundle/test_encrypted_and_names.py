"""Encrypted bundles open with the age and 7z command-line tools; hostile item names land safely in the bag."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path, PurePosixPath

import pytest
from hypothesis import given
from hypothesis import strategies as st

from locker.bundle.export import ExportRequest, export_bundle, payload_path
from locker.ingest.importer import ImportOptions, import_files
from locker.vault.items import list_items
from locker.vault.vault import Vault
from tests.bundle.test_export_verify import _bagit_py
from tests.conftest import PASSPHRASE, run_cli, write_file

needs_age = pytest.mark.skipif(shutil.which("age") is None or shutil.which("age-keygen") is None, reason="no age")
needs_7z = pytest.mark.skipif(shutil.which("7z") is None, reason="7z (p7zip-full) is not installed")


@pytest.fixture
def filled_vault(closed_vault: Path, tmp_path: Path) -> Path:
    with Vault.open(closed_vault, PASSPHRASE) as vault:
        import_files(
            vault,
            [write_file(tmp_path / "in" / "clip.bin", b"CANARY-ENCRYPTED-EXPORT " * 4000),
             write_file(tmp_path / "in" / "note.txt", "Протокол задержания".encode())],
            ImportOptions(case="C", extract_metadata=False),
        )  # fmt: skip
    return closed_vault


def _bag_files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@needs_age
def test_age_bundle_decrypts_with_the_age_cli_to_a_valid_bag(filled_vault: Path, tmp_path: Path) -> None:
    key_file = tmp_path / "counsel.key"
    subprocess.run(["age-keygen", "-o", str(key_file)], check=True, capture_output=True)
    recipient = next(line.split(": ")[1] for line in key_file.read_text().splitlines() if "public key" in line)
    out = tmp_path / "bundle.age"
    result = run_cli("export", "--passphrase-stdin", "--to-counsel", str(out), "--case", "C",
                     "--encrypt", f"age:{recipient}", vault=filled_vault, stdin=PASSPHRASE + "\n")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert b"CANARY-ENCRYPTED-EXPORT" not in out.read_bytes()
    assert not [p for p in tmp_path.iterdir() if ".partial-" in p.name], "no plaintext staging left behind"
    zipped = tmp_path / "decrypted.zip"
    subprocess.run(["age", "-d", "-i", str(key_file), "-o", str(zipped), str(out)], check=True)
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(zipped) as archive:
        archive.extractall(unpacked)
    bag = unpacked / "bundle"
    bagit_py = _bagit_py()
    assert bagit_py and subprocess.run([bagit_py, "--validate", str(bag)], capture_output=True).returncode == 0
    verified = run_cli("verify", str(out), "--age-identity", str(key_file))
    assert verified.returncode == 3, verified.stdout  # intact, signer not confirmed
    wrong_key = tmp_path / "other.key"
    subprocess.run(["age-keygen", "-o", str(wrong_key)], check=True, capture_output=True)
    assert run_cli("verify", str(out), "--age-identity", str(wrong_key)).returncode == 1


@needs_7z
def test_7z_bundle_opens_with_7z_and_hides_file_names(filled_vault: Path, tmp_path: Path) -> None:
    out = tmp_path / "bundle.7z"
    result = run_cli("export", "--passphrase-stdin", "--to-counsel", str(out), "--case", "C", "--encrypt", "7z",
                     vault=filled_vault, stdin=f"{PASSPHRASE}\nsecret for counsel\n")  # fmt: skip
    assert result.returncode == 0, result.stderr
    raw = out.read_bytes()
    assert b"CANARY-ENCRYPTED-EXPORT" not in raw and b"manifest-sha256" not in raw
    listing = subprocess.run(["7z", "l", "-pwrong", str(out)], capture_output=True, text=True)
    assert "manifest-sha256.txt" not in listing.stdout, "file names are encrypted too"
    extracted = tmp_path / "x"
    subprocess.run(["7z", "x", "-psecret for counsel", f"-o{extracted}", str(out)], check=True, capture_output=True)
    bag = extracted / "bundle"
    bagit_py = _bagit_py()
    assert bagit_py and subprocess.run([bagit_py, "--validate", str(bag)], capture_output=True).returncode == 0
    assert run_cli("verify", "--password-stdin", str(out), stdin="secret for counsel\n").returncode == 3
    assert run_cli("verify", "--password-stdin", str(out), stdin="nope\n").returncode == 1


def test_zip_bundle_holds_the_same_bag_as_a_folder(filled_vault: Path, tmp_path: Path) -> None:
    with Vault.open(filled_vault, PASSPHRASE) as vault:
        export_bundle(vault, tmp_path / "folder", ExportRequest(case="C"))
        export_bundle(vault, tmp_path / "packed.zip", ExportRequest(case="C"))
    with zipfile.ZipFile(tmp_path / "packed.zip") as archive:
        names = sorted(n.split("/", 1)[1] for n in archive.namelist())
    assert names == sorted(_bag_files(tmp_path / "folder"))


HOSTILE = ["../../.bashrc", "C:\\Windows\\x.dll", "CON", "a\u202egpj.exe", "я" * 300, "", "..", "a/../../b"]


def test_hostile_item_names_land_inside_the_bag_under_safe_names(filled_vault: Path, tmp_path: Path) -> None:
    with Vault.open(filled_vault, PASSPHRASE) as vault:
        with vault.session() as conn:
            items = list_items(conn)
        # Names from an older version or a tampered database: the exporter must not trust them either.
        with vault.transaction() as conn:
            for item, name in zip(items, HOSTILE, strict=False):
                conn.execute("UPDATE items SET name = ? WHERE id = ?", (name, item.id))
        export_bundle(vault, tmp_path / "bag", ExportRequest(case="C"))
    bag = (tmp_path / "bag").resolve()
    for path in (bag / "data").rglob("*"):
        assert path.resolve().is_relative_to(bag / "data")
    names = [json.loads((bag / "metadata" / "items.json").read_text())[i]["path"] for i in range(2)]
    assert all(n.startswith("data/items/") for n in names)
    assert not (tmp_path / ".bashrc").exists()
    assert run_cli("verify", str(bag)).returncode == 3  # intact; signer not confirmed


@given(st.text(max_size=400))
def test_payload_path_is_always_one_safe_name_under_the_item_folder(untrusted: str) -> None:
    path = PurePosixPath(payload_path("ABCD1234", untrusted))
    assert path.parts[:3] == ("data", "items", "ABCD1234") and len(path.parts) == 4
    name = path.parts[3]
    assert name not in {"", ".", ".."} and "\\" not in name and len(name.encode()) <= 200
    assert name.split(".")[0].upper() not in {"CON", "PRN", "AUX", "NUL"}
