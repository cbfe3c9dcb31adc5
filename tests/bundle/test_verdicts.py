"""Three verdicts (confirmed 0, unconfirmed 3, invalid 1), known senders, the spoken fingerprint, and custody
cross-checks that catch a forger who re-signs with their own key - which minisign, ssh-keygen and bagit.py accept."""

from __future__ import annotations

import hashlib
import json
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from locker.bundle.export import PRINCIPAL, ExportRequest, export_bundle
from locker.bundle.signing import NAMESPACE, allowed_signers_line, minisign_public_key, minisign_sign, sshsig_sign
from locker.bundle.verify import Verdict, verify_bundle
from locker.crypto.identity import fingerprint, spoken_fingerprint
from locker.ingest.importer import ImportOptions, import_files
from locker.senders import SenderStore, default_senders_path
from locker.vault.custody import canonical_line, line_hash
from locker.vault.vault import Vault
from tests.conftest import PASSPHRASE, WEAK_PARAMS, run_cli, write_file

STDIN = PASSPHRASE + "\n"


@pytest.fixture(scope="module")
def source_vault(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("verdict-src")
    root = base / "v.locker"
    with Vault.create(root, PASSPHRASE, WEAK_PARAMS) as vault:
        files = [write_file(base / "photo.jpg", b"photo" * 3000), write_file(base / "note.txt", "протокол".encode())]
        import_files(vault, files, ImportOptions(case="Дело 9", extract_metadata=False))
        import_files(vault, [write_file(base / "other.txt", b"other")], ImportOptions(extract_metadata=False))
    return root


@pytest.fixture
def bundle(source_vault: Path, tmp_path: Path) -> Path:
    shutil.copytree(source_vault, tmp_path / "v.locker")
    with Vault.open(tmp_path / "v.locker", PASSPHRASE) as vault:
        export_bundle(vault, tmp_path / "bundle", ExportRequest(case="Дело 9", recipient="адвокат"))
    return tmp_path / "bundle"


def _true_fingerprint(source_vault: Path) -> str:
    with Vault.open(source_vault, PASSPHRASE) as vault:
        return vault.fingerprint()


def _verify(bundle: Path, *extra: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    result = run_cli("verify", "--json", *extra, str(bundle))
    return result.returncode, json.loads(result.stdout)


def _tool_results(bag: Path) -> dict[str, int]:
    """What the standard tools say: they only check that the bundle agrees with itself."""
    bagit_py = Path(sys.executable).parent / "bagit.py"
    bagit = str(bagit_py) if bagit_py.exists() else shutil.which("bagit.py")
    assert bagit
    tag = (bag / "tagmanifest-sha256.txt").read_bytes()
    return {
        "bagit": subprocess.run([bagit, "--validate", str(bag)], capture_output=True).returncode,
        "minisign": subprocess.run(
            [
                "minisign",
                "-Vm",
                "tagmanifest-sha256.txt",
                "-x",
                "signatures/tagmanifest-sha256.txt.minisig",
                "-p",
                "signatures/minisign.pub",
            ],
            cwd=bag,
            capture_output=True,
        ).returncode,
        "ssh-keygen": subprocess.run(
            [
                "ssh-keygen",
                "-Y",
                "verify",
                "-f",
                "signatures/allowed_signers",
                "-I",
                PRINCIPAL,
                "-n",
                NAMESPACE,
                "-s",
                "signatures/tagmanifest-sha256.txt.sshsig",
            ],
            cwd=bag,
            input=tag,
            capture_output=True,
        ).returncode,
    }


def _forge(bag: Path, rewrite_log: bool) -> str:
    """Replace one payload file and re-sign everything consistently with a new key; return the new fingerprint.

    With rewrite_log the forger also rewrites the custody log (the vault's key, the file's import hashes) and
    re-chains it, so nothing inside the bundle disagrees with anything else.
    """
    other = Ed25519PrivateKey.generate()
    public = other.public_key().public_bytes_raw()
    new_fp = fingerprint(public)
    target = next(p for p in sorted((bag / "data").rglob("*")) if p.is_file())
    forged = b"a different photo"
    target.write_bytes(forged)
    item_id = target.relative_to(bag).parts[2]
    log = bag / "metadata" / "custody-log.jsonl"
    lines = log.read_text(encoding="utf-8").splitlines()
    head = None
    if rewrite_log:
        new_lines, previous = [], None
        for line in lines:
            record = json.loads(line)
            if record.get("redacted"):
                new_lines.append(line)
                previous = record["sha256"]
                continue
            if record["action"] == "created":
                record["details"]["signing_key"] = new_fp
            if record["action"] == "imported" and record["item"] == item_id:
                record["details"].update(
                    sha256=hashlib.sha256(forged).hexdigest(), sha512=hashlib.sha512(forged).hexdigest(),
                    size=len(forged),
                )  # fmt: skip
            if previous is not None:
                record["prev_sha256"] = previous
            new_line = canonical_line(record)
            new_lines.append(new_line)
            previous = line_hash(new_line)
        log.write_text("".join(line + "\n" for line in new_lines), encoding="utf-8")
        head = previous
    return _resign(bag, other, head)


def _resign(bag: Path, other: Ed25519PrivateKey, head: str | None = None) -> str:
    """Recompute manifests, bag-info and the tag manifest, and sign with `other`; return its fingerprint."""
    public = other.public_key().public_bytes_raw()
    new_fp = fingerprint(public)
    payload = sorted(p for p in (bag / "data").rglob("*") if p.is_file())
    for algorithm in ("sha256", "sha512"):
        (bag / f"manifest-{algorithm}.txt").write_text(
            "".join(f"{hashlib.new(algorithm, p.read_bytes()).hexdigest()}  {p.relative_to(bag)}\n" for p in payload)
        )
    info_lines = []
    for line in (bag / "bag-info.txt").read_text(encoding="utf-8").splitlines():
        label = line.split(":", 1)[0]
        if label == "Payload-Oxum":
            line = f"Payload-Oxum: {sum(p.stat().st_size for p in payload)}.{len(payload)}"
        elif label == "Signing-Key-Fingerprint":
            line = f"Signing-Key-Fingerprint: {new_fp}"
        elif label == "Custody-Log-Head" and head:
            line = f"Custody-Log-Head: {head}"
        info_lines.append(line)
    (bag / "bag-info.txt").write_text("\n".join(info_lines) + "\n", encoding="utf-8")
    tags = sorted(
        p for p in bag.rglob("*")
        if p.is_file() and p.relative_to(bag).parts[0] not in {"data", "signatures"}
        and not p.name.startswith("tagmanifest-")
    )  # fmt: skip
    (bag / "tagmanifest-sha256.txt").write_text(
        "".join(f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.relative_to(bag)}\n" for p in tags)
    )
    tag = (bag / "tagmanifest-sha256.txt").read_bytes()
    sig = bag / "signatures"
    (sig / "tagmanifest-sha256.txt.minisig").write_text(minisign_sign(other, tag, "forged"))
    (sig / "tagmanifest-sha256.txt.sshsig").write_text(sshsig_sign(other, tag))
    (sig / "minisign.pub").write_text(minisign_public_key(public))
    signer_line = allowed_signers_line(PRINCIPAL, public)
    (sig / "allowed_signers").write_text(signer_line)
    (sig / "signing-key.pub").write_text(signer_line.split(" ", 2)[2])
    return new_fp


def test_spoken_fingerprint_is_twelve_groups_of_five_digits_and_one_bit_changes_it() -> None:
    key = Ed25519PrivateKey.generate().public_key().public_bytes_raw()
    spoken = spoken_fingerprint(fingerprint(key))
    groups = spoken.split(" ")
    assert len(groups) == 12 and all(len(g) == 5 and g.isdigit() for g in groups)
    assert spoken_fingerprint(fingerprint(key)) == spoken
    flipped = bytes([key[0] ^ 1]) + key[1:]
    assert spoken_fingerprint(fingerprint(flipped)) != spoken
    with pytest.raises(ValueError):
        spoken_fingerprint("MD5:abc")


def test_the_same_digits_in_the_cli_readme_report_and_verify_json(bundle: Path, source_vault: Path) -> None:
    fp = _true_fingerprint(source_vault)
    spoken = spoken_fingerprint(fp)
    printed = run_cli("fingerprint", "--passphrase-stdin", vault=source_vault, stdin=STDIN)
    assert printed.returncode == 0, printed.stderr
    assert fp in printed.stdout and spoken in printed.stdout
    readme = (bundle / "README-VERIFY.txt").read_text(encoding="utf-8")
    assert readme.count(spoken) == 2  # the English and the Russian half
    if shutil.which("pdftotext"):
        report = subprocess.run(
            ["pdftotext", "-layout", str(bundle / "metadata" / "report.pdf"), "-"], capture_output=True, text=True
        ).stdout
        assert spoken in " ".join(report.split()) and fp in report  # two lines of six groups in the PDF
    code, report_json = _verify(bundle)
    assert code == 3
    assert report_json["signer"] == {"fingerprint": fp, "spoken": spoken}


def test_an_untouched_bundle_is_unconfirmed_until_the_key_is_confirmed(bundle: Path, source_vault: Path) -> None:
    fp = _true_fingerprint(source_vault)
    result = run_cli("verify", str(bundle))
    assert result.returncode == 3, result.stdout
    assert "UNCONFIRMED" in result.stdout and "locker senders add NAME FINGERPRINT" in result.stdout
    assert fp in result.stdout and spoken_fingerprint(fp) in result.stdout
    code, report = _verify(bundle, "--fingerprint", fp)
    assert (code, report["verdict"], report["confirmed_by"]) == (0, "confirmed", "--fingerprint")
    statuses = {c["name"]: c["status"] for c in report["checks"]}
    assert statuses["custody log imports"] == statuses["custody log signing key"] == "pass"  # created names the key
    code, report = _verify(
        bundle, "--fingerprint", fingerprint(Ed25519PrivateKey.generate().public_key().public_bytes_raw())
    )
    assert (code, report["verdict"], report["first_failure"]) == (1, "invalid", "fingerprint you gave")
    added = run_cli("senders", "add", "Мария (Мемориал)", fp)
    assert added.returncode == 0, added.stderr
    code, report = _verify(bundle)
    assert (code, report["verdict"], report["confirmed_by"]) == (0, "confirmed", "Мария (Мемориал)")
    assert "CONFIRMED" in run_cli("verify", str(bundle)).stdout


def test_a_forged_payload_re_signed_with_a_new_key_fails_the_custody_cross_check(bundle: Path) -> None:
    new_fp = _forge(bundle, rewrite_log=False)
    assert _tool_results(bundle) == {"bagit": 0, "minisign": 0, "ssh-keygen": 0}
    for extra in ((), ("--fingerprint", new_fp)):
        code, report = _verify(bundle, *extra)
        failed = {c["name"] for c in report["checks"] if not c["ok"]}
        assert code == 1 and report["verdict"] == "invalid", report
        assert failed == {"custody log imports", "custody log signing key"}, failed
    run_cli("senders", "add", "forger", new_fp)
    assert _verify(bundle)[0] == 1
    text = run_cli("verify", str(bundle)).stdout
    assert "INVALID" in text and "First failed check - custody log imports" in text


def test_a_fully_re_forged_bundle_is_unconfirmed_and_fails_the_true_fingerprint(
    bundle: Path, source_vault: Path
) -> None:
    new_fp = _forge(bundle, rewrite_log=True)
    assert _tool_results(bundle) == {"bagit": 0, "minisign": 0, "ssh-keygen": 0}
    code, report = _verify(bundle)
    assert (code, report["verdict"], report["signer"]["fingerprint"]) == (3, "unconfirmed", new_fp)
    code, report = _verify(bundle, "--fingerprint", _true_fingerprint(source_vault))
    assert (code, report["verdict"]) == (1, "invalid")


def test_a_log_that_names_no_key_is_reported_as_not_recorded(bundle: Path, source_vault: Path) -> None:
    log = bundle / "metadata" / "custody-log.jsonl"
    lines = log.read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    del first["details"]["signing_key"]  # what vaults made before the key was recorded look like
    lines[0] = canonical_line(first)
    log.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    result = verify_bundle(bundle, _true_fingerprint(source_vault))
    check = next(c for c in result.checks if c.name == "custody log signing key")
    assert check.status == "not recorded" and check.not_recorded
    # The edit itself breaks the chain, which is reported as a failure on its own.
    assert result.verdict is Verdict.INVALID and result.first_failure is not None
    assert "N/A   custody log signing key" in run_cli("verify", str(bundle)).stdout


def test_known_senders_live_in_a_private_file_in_the_config_folder(private_config_home: Path) -> None:
    path = default_senders_path()
    assert path.is_relative_to(private_config_home)
    fp = fingerprint(Ed25519PrivateKey.generate().public_key().public_bytes_raw())
    assert run_cli("senders", "add", "Иван", fp).returncode == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert SenderStore(path).by_fingerprint() == {fp: "Иван"}
    listed = run_cli("senders", "list", "--json")
    assert json.loads(listed.stdout) == [{"name": "Иван", "fingerprint": fp, "spoken": spoken_fingerprint(fp)}]
    assert run_cli("senders", "add", "X", "SHA256:not-a-key").returncode == 2
    assert run_cli("senders", "remove", "Иван").returncode == 0
    assert run_cli("senders", "remove", "Иван").returncode == 1
    assert "No confirmed senders yet." in run_cli("senders", "list").stdout
    memory = SenderStore(None)
    memory.add("A", fp)
    assert memory.by_fingerprint() == {fp: "A"}
    path.write_text("{broken")
    assert SenderStore(path).senders() == []


def test_a_log_whose_creation_event_is_hidden_is_invalid(bundle: Path) -> None:
    """A forger keeps the original log but hides the event that names the true key behind its own hash (the chain
    still links), then re-signs: that must not pass as 'not recorded'. Export never hides the vault's creation."""
    log = bundle / "metadata" / "custody-log.jsonl"
    lines = log.read_text(encoding="utf-8").splitlines()
    lines[0] = canonical_line({"seq": 1, "sha256": line_hash(lines[0]), "redacted": True})
    log.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    new_fp = _resign(bundle, Ed25519PrivateKey.generate())
    code, report = _verify(bundle, "--fingerprint", new_fp)
    assert code == 1 and report["first_failure"] == "custody log signing key", report
    assert next(c for c in report["checks"] if c["name"] == "custody log")["ok"]  # the chain itself still links


def test_two_import_events_for_one_item_that_disagree_are_invalid(bundle: Path) -> None:
    log = bundle / "metadata" / "custody-log.jsonl"
    lines = log.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    imported = next(r for r in records if r.get("action") == "imported")
    extra = {**imported, "details": {**imported["details"], "sha256": "0" * 64}}
    export = records[-1]
    rebuilt, previous = [], None
    for record in [*records[:-1], extra, export]:
        if record.get("redacted"):
            rebuilt.append(canonical_line(record))
            previous = record["sha256"]
            continue
        record = {**record, "seq": len(rebuilt) + 1}
        if previous is not None:
            record["prev_sha256"] = previous
        rebuilt.append(canonical_line(record))
        previous = line_hash(rebuilt[-1])
    log.write_text("".join(line + "\n" for line in rebuilt), encoding="utf-8")
    new_fp = _resign(bundle, Ed25519PrivateKey.generate(), head=previous)
    code, report = _verify(bundle, "--fingerprint", new_fp)
    assert code == 1, report
    detail = next(c for c in report["checks"] if c["name"] == "custody log imports")["detail"]
    assert "name different SHA-256s" in detail


@pytest.mark.parametrize(
    "extra",
    ["metadata/tagmanifest-statement.txt", "signatures/NOTE-from-sender.txt", "tagmanifest-md5.txt",
     "signatures/tsa-1/readme.txt"],
)  # fmt: skip
def test_a_file_that_no_manifest_or_signature_covers_makes_the_bundle_invalid(
    bundle: Path, source_vault: Path, extra: str
) -> None:
    assert _verify(bundle, "--fingerprint", _true_fingerprint(source_vault))[0] == 0
    (bundle / extra).parent.mkdir(parents=True, exist_ok=True)
    (bundle / extra).write_text("read this: the evidence was fine\n")
    code, report = _verify(bundle, "--fingerprint", _true_fingerprint(source_vault))
    assert code == 1 and report["first_failure"] == "tag files"
    assert (
        f"in no manifest and not a signature or token: {extra}"
        in report["checks"][[c["name"] for c in report["checks"]].index("tag files")]["detail"]
    )


@pytest.mark.parametrize("form", ["spoken", "lowercase", "spaced"])
def test_the_fingerprint_may_be_given_in_either_form_the_app_shows(bundle: Path, source_vault: Path, form: str) -> None:
    true = _true_fingerprint(source_vault)
    given = {
        "spoken": spoken_fingerprint(true),
        "lowercase": "sha256:" + true[7:],
        "spaced": "SHA256: " + true[7:] + " ",
    }[form]
    assert _verify(bundle, "--fingerprint", given)[0] == 0
    wrong_digits = spoken_fingerprint(true)[:-1] + ("1" if spoken_fingerprint(true)[-1] != "1" else "2")
    assert _verify(bundle, "--fingerprint", wrong_digits)[0] == 1


def test_mistakes_of_the_person_verifying_are_usage_errors(tmp_path: Path) -> None:
    missing = run_cli("verify", str(tmp_path / "no-such-bundle"))
    assert missing.returncode == 2 and "There is no bundle at" in missing.stderr
    (tmp_path / "b.age").write_bytes(b"age-encryption.org/v1\n")
    no_key = run_cli("verify", str(tmp_path / "b.age"))
    assert no_key.returncode == 2 and "--age-identity" in no_key.stderr
    folder_key = run_cli("verify", "--age-identity", str(tmp_path), str(tmp_path / "b.age"))
    assert folder_key.returncode == 2 and "is not a file" in folder_key.stderr
