"""`locker verify BUNDLE`: every check a court expert would run, done by us, each reported by name."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from locker.bundle.bagit import BAGIT_TXT
from locker.bundle.custody_export import verify_exported_chain
from locker.bundle.encrypted import open_encrypted
from locker.bundle.reader import BagReader
from locker.bundle.signing import minisign_verify, sshsig_verify
from locker.bundle.timestamp import TimestampError, check_token
from locker.crypto.identity import fingerprint as key_fingerprint

SIGNATURES = "signatures/"


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _decode_path(text: str) -> str:
    return text.replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")


def _manifest(reader: BagReader, name: str) -> dict[str, str] | None:
    if not reader.exists(name):
        return None
    entries: dict[str, str] = {}
    for line in reader.read(name).decode("utf-8").splitlines():
        if line.strip():
            digest, _, path = line.partition(" ")
            entries[_decode_path(path.strip())] = digest.strip().lower()
    return entries


def _bag_info(reader: BagReader) -> dict[str, str]:
    info: dict[str, str] = {}
    if reader.exists("bag-info.txt"):
        for line in reader.read("bag-info.txt").decode("utf-8").splitlines():
            label, sep, value = line.partition(":")
            if sep:
                info[label.strip()] = value.strip()
    return info


def _hash_payload(reader: BagReader, paths: set[str]) -> dict[str, tuple[str, str, int]]:
    """SHA-256, SHA-512 and size of every payload file, in one read of each."""
    found = {}
    for path in sorted(paths):
        h256, h512 = hashlib.sha256(), hashlib.sha512()
        size = 0
        for data in reader.chunks(path):
            h256.update(data)
            h512.update(data)
            size += len(data)
        found[path] = (h256.hexdigest(), h512.hexdigest(), size)
    return found


def _check_payload(reader: BagReader, files: list[str]) -> list[Check]:
    checks = []
    payload = {f for f in files if f.startswith("data/")}
    hashed = _hash_payload(reader, payload)
    for algorithm in ("sha256", "sha512"):
        manifest = _manifest(reader, f"manifest-{algorithm}.txt")
        if manifest is None:
            checks.append(Check(f"payload {algorithm}", False, f"manifest-{algorithm}.txt is missing"))
            continue
        problems = [f"missing: {p}" for p in sorted(set(manifest) - payload)]
        problems += [f"not in the manifest: {p}" for p in sorted(payload - set(manifest))]
        for path in sorted(set(manifest) & payload):
            sha256, sha512, _size = hashed[path]
            if not hmac.compare_digest(sha256 if algorithm == "sha256" else sha512, manifest[path]):
                problems.append(f"changed: {path}")
        detail = "; ".join(problems[:10]) if problems else f"{len(manifest)} files match"
        checks.append(Check(f"payload {algorithm}", not problems, detail))
    oxum = _bag_info(reader).get("Payload-Oxum", "")
    expected = f"{sum(size for _, _, size in hashed.values())}.{len(payload)}"
    checks.append(Check("payload oxum", oxum == expected, f"bag-info says {oxum or 'nothing'}, found {expected}"))
    return checks


def _check_tags(reader: BagReader, files: list[str]) -> Check:
    manifest = _manifest(reader, "tagmanifest-sha256.txt")
    if manifest is None:
        return Check("tag files", False, "tagmanifest-sha256.txt is missing")
    tags = {
        f for f in files
        if not f.startswith(("data/", SIGNATURES)) and not f.split("/")[-1].startswith("tagmanifest-")
    }  # fmt: skip
    problems = [f"missing: {p}" for p in sorted(set(manifest) - tags)]
    problems += [f"not in the tag manifest: {p}" for p in sorted(tags - set(manifest))]
    for path in sorted(set(manifest) & tags):
        if not hmac.compare_digest(hashlib.sha256(reader.read(path)).hexdigest(), manifest[path]):
            problems.append(f"changed: {path}")
    if reader.exists("bagit.txt") and reader.read("bagit.txt").decode("utf-8", "replace") != BAGIT_TXT:
        problems.append("bagit.txt is not BagIt 1.0")
    return Check("tag files", not problems, "; ".join(problems[:10]) if problems else f"{len(manifest)} files match")


def _check_signatures(reader: BagReader, expected_fingerprint: str | None) -> list[Check]:
    tagmanifest = reader.read("tagmanifest-sha256.txt") if reader.exists("tagmanifest-sha256.txt") else b""
    try:
        pub_text = reader.read(SIGNATURES + "minisign.pub").decode("ascii")
        minisig = reader.read(SIGNATURES + "tagmanifest-sha256.txt.minisig").decode("utf-8")
        signers = reader.read(SIGNATURES + "allowed_signers").decode("ascii")
        sshsig = reader.read(SIGNATURES + "tagmanifest-sha256.txt.sshsig").decode("ascii")
    except (KeyError, OSError, UnicodeDecodeError) as exc:
        return [Check("signatures", False, f"a signature file is missing or unreadable ({exc})")]
    try:
        ssh_blob = base64.b64decode(signers.split()[-1])
        ssh_public = ssh_blob[-32:]
        minisign_public = base64.b64decode(pub_text.splitlines()[1])[10:]
    except (ValueError, IndexError):
        return [Check("signatures", False, "the public key files are malformed")]
    checks = [
        Check("minisign signature", minisign_verify(pub_text, minisig, tagmanifest), "tagmanifest-sha256.txt"),
        Check("ssh signature", sshsig_verify(ssh_public, sshsig, tagmanifest), "tagmanifest-sha256.txt"),
        Check("same key", ssh_public == minisign_public, "minisign.pub and allowed_signers name the same key"),
    ]
    found = key_fingerprint(ssh_public) if len(ssh_public) == 32 else "?"
    stated = _bag_info(reader).get("Signing-Key-Fingerprint")
    checks.append(Check("fingerprint in bag-info", stated == found, f"key {found}, bag-info says {stated}"))
    if expected_fingerprint is not None:
        checks.append(
            Check(
                "fingerprint you gave",
                expected_fingerprint.strip() == found,
                f"key {found}, expected {expected_fingerprint}",
            )
        )
    return checks


def _check_custody(reader: BagReader, files: list[str]) -> Check:
    if not reader.exists("metadata/custody-log.jsonl"):
        return Check("custody log", False, "metadata/custody-log.jsonl is missing")
    lines = reader.read("metadata/custody-log.jsonl").decode("utf-8").splitlines()
    ok, head, problem = verify_exported_chain(lines)
    if not ok:
        return Check("custody log", False, problem)
    info = _bag_info(reader)
    if head != info.get("Custody-Log-Head"):
        return Check("custody log", False, "its last event is not the Custody-Log-Head in bag-info.txt")
    last = json.loads(lines[-1])
    items_in_bag = sorted({f.split("/")[2] for f in files if f.startswith("data/items/")})
    if last.get("action") != "exported" or last.get("details", {}).get("bundle_id") != info.get("External-Identifier"):
        return Check("custody log", False, "it does not end with this bundle's export")
    if sorted(last["details"].get("items", [])) != items_in_bag:
        return Check("custody log", False, "the export event names other items than the bundle holds")
    return Check("custody log", True, f"{len(lines)} events chained, ending with this export")


def verify_bundle(
    untrusted_path: Path,
    expected_fingerprint: str | None = None,
    age_identity: Path | None = None,
    sevenzip_password: str | None = None,
) -> list[Check]:
    """Every check, by name. Encrypted bundles are opened into a private temporary folder first."""
    suffix = untrusted_path.suffix.lower()
    if suffix in {".age", ".7z"}:
        with tempfile.TemporaryDirectory(prefix="locker-verify-") as tmp:
            opened = open_encrypted(untrusted_path, Path(tmp), age_identity, sevenzip_password)
            return _verify(opened, expected_fingerprint)
    return _verify(untrusted_path, expected_fingerprint)


def _verify(untrusted_path: Path, expected_fingerprint: str | None) -> list[Check]:
    reader = BagReader(untrusted_path)
    try:
        files = reader.files()
        checks = [Check("bagit.txt", reader.exists("bagit.txt"), "BagIt declaration present")]
        checks += _check_payload(reader, files)
        checks.append(_check_tags(reader, files))
        checks += _check_signatures(reader, expected_fingerprint)
        checks.append(_check_custody(reader, files))
        timestamps = sorted({f.split("/")[1] for f in files if f.startswith("signatures/tsa-")})
        if not timestamps:
            checks.append(Check("trusted time", True, "none: the bundle has no trusted time (informational)"))
        tagmanifest = reader.read("tagmanifest-sha256.txt") if reader.exists("tagmanifest-sha256.txt") else b""
        digest = hashlib.sha256(tagmanifest).digest()
        for folder in timestamps:
            try:
                info = check_token(reader.read(f"signatures/{folder}/token.tsr"), digest)
            except (TimestampError, KeyError, OSError) as exc:
                checks.append(Check(f"timestamp {folder}", False, str(exc)))
                continue
            detail = (
                f"the tag manifest existed at {info.gen_time} (signed by {info.tsa_subject}); "
                "check that TSA's root with openssl ts -verify -CAfile"
            )
            checks.append(Check(f"timestamp {folder}", True, detail))
    finally:
        reader.close()
    return checks
