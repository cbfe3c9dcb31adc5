"""Counsel bundles checked with third-party tools (bagit.py, minisign, ssh-keygen, sha256sum) and `locker verify`."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from locker.bundle.export import PRINCIPAL, ExportRequest, export_bundle
from locker.bundle.signing import NAMESPACE, minisign_public_key
from locker.bundle.verify import verify_bundle
from locker.errors import OutputExistsError
from locker.ingest.importer import ImportOptions, import_files
from locker.vault.custody import events
from locker.vault.vault import Vault
from tests.conftest import PASSPHRASE, WEAK_PARAMS, run_cli
from tests.metadata import makers

CASE = "Дело №5-1234/2026 (Тверской суд)"


def _bagit_py() -> str | None:
    script = Path(sys.executable).parent / "bagit.py"
    return str(script) if script.exists() else shutil.which("bagit.py")


@pytest.fixture(scope="module")
def source_vault(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed vault with a case of three items (photo with GPS, PDF fine, video) and one item outside it."""
    base = tmp_path_factory.mktemp("bundle-src")
    root = base / "v.locker"
    photo = base / "rally.jpg"
    exif = makers.exif_block("Cam", "Phone 1", *makers.MOSCOW, "2026:05:06 14:02:00")
    makers.picture().save(photo, "JPEG", exif=exif.tobytes())
    fine = makers.pdf_with_incremental_author_change(base / "постановление.pdf", "Clerk A", "Clerk B")
    video = makers.video_with_location_device_and_subtitles(base / "arrest.mp4", "x", *makers.MOSCOW)
    other = base / "private-diary.txt"
    other.write_text("not for this case")
    with Vault.create(root, PASSPHRASE, WEAK_PARAMS) as vault:
        import_files(vault, [photo, fine, video], ImportOptions(case=CASE, note="снято у метро"))
        import_files(vault, [other], ImportOptions(case="Другое дело"))
    return root


@pytest.fixture
def bundle(source_vault: Path, tmp_path: Path) -> Path:
    work_vault = tmp_path / "v.locker"
    shutil.copytree(source_vault, work_vault)
    out = tmp_path / "bundle"
    with Vault.open(work_vault, PASSPHRASE) as vault:
        export_bundle(vault, out, ExportRequest(case=CASE, recipient="адвокат Иванова"))
    return out


def _fingerprint(bundle: Path) -> str:
    return next(
        line.split(": ", 1)[1]
        for line in (bundle / "bag-info.txt").read_text().splitlines()
        if line.startswith("Signing-Key-Fingerprint")
    )


def test_fresh_bundle_passes_every_third_party_tool(bundle: Path) -> None:
    keygen = subprocess.run(
        ["ssh-keygen", "-lf", "signatures/signing-key.pub"], cwd=bundle, capture_output=True, text=True, check=True
    )
    assert keygen.stdout.split()[1] == _fingerprint(bundle)
    bagit_py = _bagit_py()
    assert bagit_py, "bagit.py is installed with the dev dependencies"
    validated = subprocess.run([bagit_py, "--validate", str(bundle)], capture_output=True, text=True)
    assert validated.returncode == 0, validated.stderr
    for algorithm in ("sha256", "sha512"):
        check = subprocess.run([f"{algorithm}sum", "-c", f"manifest-{algorithm}.txt"], cwd=bundle, capture_output=True)
        assert check.returncode == 0, check.stdout
    minisign = subprocess.run(
        ["minisign", "-Vm", "tagmanifest-sha256.txt", "-x", "signatures/tagmanifest-sha256.txt.minisig",
         "-p", "signatures/minisign.pub"],
        cwd=bundle, capture_output=True, text=True,
    )  # fmt: skip
    assert minisign.returncode == 0, minisign.stderr
    ssh = subprocess.run(
        ["ssh-keygen", "-Y", "verify", "-f", "signatures/allowed_signers", "-I", PRINCIPAL, "-n", NAMESPACE,
         "-s", "signatures/tagmanifest-sha256.txt.sshsig"],
        cwd=bundle, input=(bundle / "tagmanifest-sha256.txt").read_bytes(), capture_output=True,
    )  # fmt: skip
    assert ssh.returncode == 0, ssh.stderr


def test_bundle_layout_and_contents(bundle: Path, source_vault: Path) -> None:
    info = (bundle / "bag-info.txt").read_text()
    assert "BagIt-Version: 1.0" in (bundle / "bagit.txt").read_text()
    for label in ("Bagging-Date", "Payload-Oxum", "External-Identifier", "Bag-Group-Identifier", "Custody-Log-Head",
                  "Signing-Key-Fingerprint"):  # fmt: skip
        assert f"{label}: " in info
    assert f"Bag-Group-Identifier: {CASE}" in info
    items = json.loads((bundle / "metadata" / "items.json").read_text())
    assert sorted(i["name"] for i in items) == ["arrest.mp4", "rally.jpg", "постановление.pdf"]
    for item in items:
        payload = (bundle / item["path"]).read_bytes()
        assert hashlib.sha256(payload).hexdigest() == item["sha256"]
        assert item["case"] == CASE and item["notes"] == "снято у метро"
    photo = next(i for i in items if i["name"] == "rally.jpg")
    assert photo["metadata"]["summary"]["gps_latitude"] == pytest.approx(makers.MOSCOW[0], abs=1e-4)
    readme = (bundle / "README-VERIFY.txt").read_text()
    assert "bagit.py --validate" in readme and "ПАКЕТ ДОКАЗАТЕЛЬСТВ" in readme and _fingerprint(bundle) in readme
    assert "signatures/tagmanifest-sha256.txt" not in (bundle / "tagmanifest-sha256.txt").read_text()


def test_custody_log_in_the_bundle_hides_other_items_and_records_the_export(bundle: Path) -> None:
    lines = (bundle / "metadata" / "custody-log.jsonl").read_text().splitlines()
    text = "\n".join(lines)
    assert "private-diary" not in text and "Другое дело" not in text
    assert any(json.loads(line).get("redacted") for line in lines)
    last = json.loads(lines[-1])
    assert last["action"] == "exported" and last["details"]["recipient"] == "адвокат Иванова"
    assert hashlib.sha256(lines[-1].encode()).hexdigest() in (bundle / "bag-info.txt").read_text()


def test_report_pdf_keeps_hashes_and_the_cyrillic_case_title(bundle: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(
        ["pdftotext", "-layout", str(bundle / "metadata" / "report.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert CASE in text
    assert _fingerprint(bundle) in text
    for item in json.loads((bundle / "metadata" / "items.json").read_text()):
        assert item["sha256"] in text


def test_locker_verify_passes_a_fresh_bundle_and_its_zip(bundle: Path, source_vault: Path, tmp_path: Path) -> None:
    assert all(check.ok for check in verify_bundle(bundle, _fingerprint(bundle)).checks)
    result = run_cli("verify", str(bundle), "--fingerprint", _fingerprint(bundle))
    assert result.returncode == 0, result.stdout
    assert "CONFIRMED: the bundle is intact and signed by a confirmed sender" in result.stdout
    work_vault = tmp_path / "z.locker"
    shutil.copytree(source_vault, work_vault)
    with Vault.open(work_vault, PASSPHRASE) as vault:
        export_bundle(vault, tmp_path / "bundle.zip", ExportRequest(case=CASE))
    zipped = run_cli("verify", "--json", str(tmp_path / "bundle.zip"))
    assert zipped.returncode == 3 and json.loads(zipped.stdout)["verdict"] == "unconfirmed"


def _flip_payload_byte(bag: Path) -> None:
    target = next(p for p in sorted((bag / "data").rglob("*")) if p.is_file())
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 1
    target.write_bytes(bytes(data))


def _replace_payload_and_recompute_manifests(bag: Path) -> None:
    """What a careful forger does: swap a file and redo every BagIt manifest (but cannot sign)."""
    target = next(p for p in sorted((bag / "data").rglob("*")) if p.is_file())
    target.write_bytes(b"a different photo")
    bagit_py = _bagit_py()
    assert bagit_py
    import bagit

    bag_obj = bagit.Bag(str(bag))
    bag_obj.save(manifests=True)


def _plant_extra_file(bag: Path) -> None:
    (bag / "data" / "items" / "planted.txt").write_text("planted")


def _delete_custody_event(bag: Path) -> None:
    log = bag / "metadata" / "custody-log.jsonl"
    lines = log.read_text().splitlines()
    del lines[2]
    log.write_text("\n".join(lines) + "\n")


def _edit_bag_info(bag: Path) -> None:
    info = bag / "bag-info.txt"
    info.write_text(info.read_text().replace("Bag-Group-Identifier: ", "Bag-Group-Identifier: X"))


def _resign_with_another_key(bag: Path) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from locker.bundle.signing import allowed_signers_line, minisign_sign, sshsig_sign

    other = Ed25519PrivateKey.generate()
    tag = (bag / "tagmanifest-sha256.txt").read_bytes()
    sig = bag / "signatures"
    (sig / "tagmanifest-sha256.txt.minisig").write_text(minisign_sign(other, tag, "forged"))
    (sig / "tagmanifest-sha256.txt.sshsig").write_text(sshsig_sign(other, tag))
    (sig / "minisign.pub").write_text(minisign_public_key(other.public_key().public_bytes_raw()))
    line = allowed_signers_line(PRINCIPAL, other.public_key().public_bytes_raw())
    (sig / "allowed_signers").write_text(line)
    (sig / "signing-key.pub").write_text(line.split(" ", 2)[2])


TAMPERS: dict[str, tuple[Callable[[Path], None], str, str]] = {
    # case: (tamper, check that must fail in `locker verify`, third-party tool that must fail)
    "flipped payload byte": (_flip_payload_byte, "payload sha256", "bagit"),
    "payload replaced, manifests recomputed": (
        _replace_payload_and_recompute_manifests,
        "minisign signature",
        "minisign",
    ),
    "extra file planted": (_plant_extra_file, "payload sha256", "bagit"),
    "custody event deleted": (_delete_custody_event, "custody log", "bagit"),
    "bag-info edited": (_edit_bag_info, "tag files", "bagit"),
    "re-signed with another key": (_resign_with_another_key, "fingerprint you gave", "fingerprint"),
}


@pytest.mark.parametrize("case", list(TAMPERS))
def test_tampering_is_caught_by_locker_verify_and_by_the_responsible_tool(bundle: Path, case: str) -> None:
    fingerprint = _fingerprint(bundle)
    tamper, failing_check, tool = TAMPERS[case]
    tamper(bundle)
    result = run_cli("verify", "--json", "--fingerprint", fingerprint, str(bundle))
    assert result.returncode == 1, result.stdout
    report = json.loads(result.stdout)
    failed = {c["name"] for c in report["checks"] if not c["ok"]}
    assert failing_check in failed, failed
    if tool == "bagit":
        bagit_py = _bagit_py()
        assert bagit_py
        assert subprocess.run([bagit_py, "--validate", str(bundle)], capture_output=True).returncode != 0
    elif tool == "minisign":
        assert subprocess.run(
            ["minisign", "-Vm", "tagmanifest-sha256.txt", "-x", "signatures/tagmanifest-sha256.txt.minisig",
             "-p", "signatures/minisign.pub"], cwd=bundle, capture_output=True,
        ).returncode != 0  # fmt: skip
    else:
        keygen = subprocess.run(["ssh-keygen", "-lf", str(bundle / "signatures" / "signing-key.pub")],
                                capture_output=True, text=True, check=True)  # fmt: skip
        assert keygen.stdout.split()[1] != fingerprint, "counsel comparing fingerprints sees the other key"


def test_export_never_overwrites_and_leaves_no_event_when_it_fails(source_vault: Path, tmp_path: Path) -> None:
    work_vault = tmp_path / "v.locker"
    shutil.copytree(source_vault, work_vault)
    existing = tmp_path / "exists"
    existing.mkdir()
    (existing / "keep.txt").write_text("keep")
    with Vault.open(work_vault, PASSPHRASE) as vault:
        with vault.session() as conn:
            before = len(events(conn))
        with pytest.raises(OutputExistsError):
            export_bundle(vault, existing, ExportRequest(case=CASE))
        with vault.session() as conn:
            assert len(events(conn)) == before
    assert [p.name for p in existing.iterdir()] == ["keep.txt"]
    assert not [p for p in tmp_path.iterdir() if ".partial-" in p.name]


def test_export_refuses_bytes_that_differ_from_what_was_imported(source_vault: Path, tmp_path: Path) -> None:
    from locker.errors import TamperedError

    work_vault = tmp_path / "v.locker"
    shutil.copytree(source_vault, work_vault)
    with Vault.open(work_vault, PASSPHRASE) as vault:
        with vault.transaction() as conn:
            # Someone with the key swaps a stored chunk and fixes up its per-chunk hash: only the whole-file
            # hashes recorded at import can tell.
            row = conn.execute("SELECT id, data FROM chunks ORDER BY id LIMIT 1").fetchone()
            forged = b"X" + bytes(row[1])[1:]
            conn.execute(
                "UPDATE chunks SET data = ?, sha256 = ? WHERE id = ?", (forged, hashlib.sha256(forged).digest(), row[0])
            )
        with pytest.raises(TamperedError):
            export_bundle(vault, tmp_path / "out", ExportRequest(case=CASE))
    assert not (tmp_path / "out").exists()
    assert not [p for p in tmp_path.iterdir() if ".partial-" in p.name]


def _first_payload(bag: Path) -> Path:
    return next(p for p in sorted((bag / "data").rglob("*")) if p.is_file())


def test_a_payload_file_replaced_by_a_link_to_the_same_bytes_outside_is_invalid(bundle: Path, tmp_path: Path) -> None:
    """Identical bytes, but not in the bundle: a link is never followed, and the bundle is not intact."""
    payload = _first_payload(bundle)
    outside = tmp_path / "outside.bin"
    outside.write_bytes(payload.read_bytes())
    payload.unlink()
    payload.symlink_to(outside)
    result = run_cli("verify", "--json", "--fingerprint", _fingerprint(bundle), str(bundle))
    assert result.returncode == 1, result.stdout
    report = json.loads(result.stdout)
    assert report["verdict"] == "invalid"
    failed = [c["name"] for c in report["checks"] if not c["ok"]]
    assert failed[0] == "regular files only", failed


def test_a_fifo_in_place_of_a_signature_file_is_invalid_at_once(bundle: Path) -> None:
    import os

    key = bundle / "signatures" / "minisign.pub"
    key.unlink()
    os.mkfifo(key)  # opened naively, verify would wait forever for a writer
    result = run_cli("verify", "--json", "--fingerprint", _fingerprint(bundle), str(bundle), timeout=60)
    assert result.returncode == 1, result.stdout + result.stderr
    assert json.loads(result.stdout)["verdict"] == "invalid"


def test_a_tag_file_over_64_mib_is_refused_without_reading_it_whole(bundle: Path) -> None:
    with (bundle / "bag-info.txt").open("ab") as info:
        info.write(b" " * (65 * 1024 * 1024))
    result = run_cli("verify", "--fingerprint", _fingerprint(bundle), str(bundle), timeout=120)
    assert result.returncode == 1
    assert "bag-info.txt is larger than 64 MiB" in result.stderr + result.stdout
