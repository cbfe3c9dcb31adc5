"""`locker verify BUNDLE`: every check a court expert would run, done by us, each reported by name."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import zipfile
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from locker.bundle.bagit import BAGIT_TXT
from locker.bundle.checks import Check, Timestamp
from locker.bundle.custody_export import verify_exported_chain
from locker.bundle.encrypted import open_bundle
from locker.bundle.errors import AgeKeyNeeded, AgeKeyNotAFile, NoBundleThere
from locker.bundle.reader import Bag
from locker.bundle.signing import minisign_verify, sshsig_verify
from locker.bundle.tsa_trust import TrustStore
from locker.bundle.verify_time import check_timestamps
from locker.crypto.identity import fingerprint as key_fingerprint
from locker.crypto.identity import same_key, spoken_fingerprint
from locker.errors import EXIT_FAILED, EXIT_OK, EXIT_UNCONFIRMED, LockerError, UsageError

SIGNATURES = "signatures/"
T = TypeVar("T")
#: What reading hostile content raises: a damaged or capped file, bad UTF-8, bad or too deeply nested JSON, JSON
#: of the wrong shape, a zip that is corrupt or uses a method we refuse. Each makes its own check fail.
UNREADABLE = (LockerError, OSError, KeyError, ValueError, RecursionError, TypeError, AttributeError,
              NotImplementedError, EOFError, zipfile.BadZipFile, zlib.error)  # fmt: skip


class Verdict(StrEnum):
    CONFIRMED = "confirmed"  # intact, and signed by a key the lawyer confirmed with the sender
    UNCONFIRMED = "unconfirmed"  # intact, but only self-consistent: anyone could have made and signed it
    INVALID = "invalid"  # a check failed


@dataclass(frozen=True)
class Verification:
    """Every check by name, the key that signed (when readable) and who confirmed it (when anyone did)."""

    checks: tuple[Check, ...]
    signer: str | None  # SHA256:... of the signing key
    confirmed_by: str | None = None  # a known sender's name, or "--fingerprint"
    timestamps: tuple[Timestamp, ...] = ()

    @property
    def first_failure(self) -> Check | None:
        return next((check for check in self.checks if not check.ok), None)

    @property
    def verdict(self) -> Verdict:
        if self.first_failure is not None or self.signer is None:
            return Verdict.INVALID
        return Verdict.CONFIRMED if self.confirmed_by else Verdict.UNCONFIRMED

    @property
    def exit_code(self) -> int:
        return {Verdict.CONFIRMED: EXIT_OK, Verdict.UNCONFIRMED: EXIT_UNCONFIRMED}.get(self.verdict, EXIT_FAILED)

    @property
    def spoken(self) -> str:
        return spoken_fingerprint(self.signer) if self.signer else ""

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.verdict is not Verdict.INVALID,
            "verdict": str(self.verdict),
            "signer": {"fingerprint": self.signer, "spoken": self.spoken} if self.signer else None,
            "confirmed_by": self.confirmed_by,
            "first_failure": self.first_failure.name if self.first_failure else None,
            "timestamps": [stamp.to_json() for stamp in self.timestamps],
            "checks": [check.to_json() for check in self.checks],
        }


def _decode_path(text: str) -> str:
    return text.replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")


class MalformedError(LockerError):
    """A tag file of the bundle is not what BagIt or Evidence Locker writes: {name} is not UTF-8 text (byte
    {offset})."""


def _text(reader: Bag, name: str) -> str:
    try:
        return reader.read(name).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise MalformedError(name=name, offset=exc.start) from exc


def _manifest(reader: Bag, name: str) -> dict[str, str] | None:
    if not reader.exists(name):
        return None
    entries: dict[str, str] = {}
    for line in _text(reader, name).splitlines():
        if line.strip():
            digest, _, path = line.partition(" ")
            entries[_decode_path(path.strip())] = digest.strip().lower()
    return entries


def _bag_info(reader: Bag) -> dict[str, str]:
    info: dict[str, str] = {}
    if reader.exists("bag-info.txt"):
        for line in _text(reader, "bag-info.txt").splitlines():
            label, sep, value = line.partition(":")
            if sep:
                info[label.strip()] = value.strip()
    return info


def _hash_payload(reader: Bag, paths: set[str]) -> dict[str, tuple[str, str, int]]:
    """SHA-256, SHA-512 and size of every payload file, from the reader (one read of each, or computed while
    a .7z bundle streamed)."""
    return {path: reader.digests(path) for path in sorted(paths)}


def _check_payload(reader: Bag, files: list[str]) -> tuple[list[Check], dict[str, tuple[str, str, int]]]:
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
    return checks, hashed


#: Files outside both manifests that a bundle may hold: the signatures over the tag manifest, and timestamp tokens
#: (added later, so they cannot be listed in it). Every other file must be in a manifest, or the bundle is invalid:
#: a file nobody signed must not ride along in a bundle we call intact.
SIGNATURE_FILES = frozenset(
    SIGNATURES + name
    for name in ("tagmanifest-sha256.txt.minisig", "tagmanifest-sha256.txt.sshsig", "minisign.pub",
                 "allowed_signers", "signing-key.pub")
)  # fmt: skip
_TOKEN_FILE = re.compile(r"signatures/tsa-[1-9][0-9]{0,3}/(token\.tsq|token\.tsr|chain\.pem|url\.txt)")


def _check_tags(reader: Bag, files: list[str]) -> Check:
    manifest = _manifest(reader, "tagmanifest-sha256.txt")
    if manifest is None:
        return Check("tag files", False, "tagmanifest-sha256.txt is missing")
    unsigned = {"tagmanifest-sha256.txt", *SIGNATURE_FILES}
    tags = {f for f in files if not f.startswith("data/") and f not in unsigned and not _TOKEN_FILE.fullmatch(f)}
    problems = [f"missing: {p}" for p in sorted(set(manifest) - tags)]
    problems += [f"in no manifest and not a signature or token: {p}" for p in sorted(tags - set(manifest))]
    for path in sorted(set(manifest) & tags):
        if not hmac.compare_digest(hashlib.sha256(reader.read(path)).hexdigest(), manifest[path]):
            problems.append(f"changed: {path}")
    if reader.exists("bagit.txt") and reader.read("bagit.txt").decode("utf-8", "replace") != BAGIT_TXT:
        problems.append("bagit.txt is not BagIt 1.0")
    return Check("tag files", not problems, "; ".join(problems[:10]) if problems else f"{len(manifest)} files match")


def _check_signatures(reader: Bag, expected_fingerprint: str | None) -> tuple[list[Check], str | None]:
    """The signature checks and the fingerprint of the key that made both signatures (None if they do not)."""
    tagmanifest = reader.read("tagmanifest-sha256.txt") if reader.exists("tagmanifest-sha256.txt") else b""
    try:
        pub_text = reader.read(SIGNATURES + "minisign.pub").decode("ascii")
        minisig = reader.read(SIGNATURES + "tagmanifest-sha256.txt.minisig").decode("utf-8")
        signers = reader.read(SIGNATURES + "allowed_signers").decode("ascii")
        sshsig = reader.read(SIGNATURES + "tagmanifest-sha256.txt.sshsig").decode("ascii")
    except (KeyError, OSError, UnicodeDecodeError) as exc:
        return [Check("signatures", False, f"a signature file is missing or unreadable ({exc})")], None
    try:
        ssh_blob = base64.b64decode(signers.split()[-1])
        ssh_public = ssh_blob[-32:]
        minisign_public = base64.b64decode(pub_text.splitlines()[1])[10:]
    except (ValueError, IndexError):
        return [Check("signatures", False, "the public key files are malformed")], None
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
                same_key(expected_fingerprint, found),
                f"key {found}, expected {expected_fingerprint}",
            )
        )
    signed = all(check.ok for check in checks[:3]) and len(ssh_public) == 32
    return checks, found if signed else None


def _custody_records(reader: Bag) -> list[str] | None:
    if not reader.exists("metadata/custody-log.jsonl"):
        return None
    return _text(reader, "metadata/custody-log.jsonl").splitlines()


def _check_custody(reader: Bag, files: list[str], lines: list[str] | None) -> Check:
    if lines is None:
        return Check("custody log", False, "metadata/custody-log.jsonl is missing")
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


def _whole_events(lines: list[str] | None) -> list[dict[str, Any]]:
    """The log's events that are not redacted; the chain itself is judged by `_check_custody`."""
    found = []
    for line in lines or []:
        try:
            record = json.loads(line)
        except (ValueError, RecursionError):
            continue  # _check_custody reports it
        if isinstance(record, dict) and not record.get("redacted"):
            found.append(record)
    return found


def _check_custody_imports(events: list[dict[str, Any]], hashed: dict[str, tuple[str, str, int]]) -> Check:
    """Each payload file is the file whose SHA-256 its item's `imported` event recorded (one such event per item:
    two that disagree are a rewritten log)."""
    imported: dict[str, str] = {}
    problems = []
    for event in events:
        details = event.get("details")
        if event.get("action") == "imported" and isinstance(event.get("item"), str) and isinstance(details, dict):
            recorded = str(details.get("sha256", ""))
            if imported.setdefault(event["item"], recorded) != recorded:
                problems.append(f"two import events for item {event['item']} name different SHA-256s")
    for path, (sha256, _sha512, _size) in sorted(hashed.items()):
        parts = path.split("/")
        if len(parts) < 4 or parts[1] != "items":
            problems.append(f"not an item: {path}")
        elif parts[2] not in imported:
            problems.append(f"no import event for {path}")
        elif not hmac.compare_digest(imported[parts[2]], sha256):
            problems.append(f"the import event names another SHA-256 than {path}")
    detail = "; ".join(problems[:10]) if problems else f"{len(hashed)} files are the files the log says were imported"
    return Check("custody log imports", not problems, detail)


def _first_event(lines: list[str] | None) -> dict[str, Any] | None:
    """The log's first event when it is whole (export never hides the vault's creation)."""
    try:
        record = json.loads(lines[0]) if lines else None
    except (ValueError, RecursionError):
        return None
    return record if isinstance(record, dict) and not record.get("redacted") else None


def _check_custody_key(lines: list[str] | None, signer: str | None) -> Check:
    """The vault recorded its signing key when it was created; that must be the key that signed the bundle."""
    name = "custody log signing key"
    created = _first_event(lines)
    if created is None or created.get("action") != "created" or created.get("seq") != 1:
        return Check(name, False, "the log's first event, the vault's creation, is missing or hidden")
    details = created.get("details")
    recorded = details.get("signing_key") if isinstance(details, dict) else None
    if not isinstance(recorded, str):
        return Check(name, True, "not recorded: this log (an older vault's) does not name the key", not_recorded=True)
    return Check(name, recorded == signer, f"the log's vault was created with {recorded}, signed by {signer}")


def check_inputs(bundle: Path, age_identity: Path | None) -> None:
    """Mistakes of the person verifying, not faults of the bundle: a usage error, never an "invalid" verdict."""
    if not os.path.lexists(bundle):
        raise NoBundleThere(path=str(bundle))
    if bundle.suffix.lower() == ".age":
        if age_identity is None:
            raise AgeKeyNeeded()
        if not age_identity.is_file():
            raise AgeKeyNotAFile(path=str(age_identity))


def verify_bundle(
    untrusted_path: Path,
    expected_fingerprint: str | None = None,
    age_identity: Path | None = None,
    sevenzip_password: str | None = None,
    known_senders: Mapping[str, str] | None = None,
    tsa_trust: TrustStore | None = None,
) -> Verification:
    """Every check, by name, and the verdict. Encrypted bundles are decrypted in memory as they are read; nothing
    decrypted is written to disk. A bundle that cannot be opened, or that makes verify fail in a way no check
    caught, is invalid with one failed check, "bundle readable", that says why.

    `known_senders` maps the fingerprints the lawyer confirmed earlier to the senders' names; `tsa_trust` holds the
    roots a timestamp must chain to for trusted time (without it, no token is trusted time).
    """
    check_inputs(untrusted_path, age_identity)
    try:
        reader = open_bundle(untrusted_path, age_identity, sevenzip_password)
    except UsageError:
        raise
    except UNREADABLE as exc:
        return Verification((_failed("bundle readable", exc),), None)
    try:
        return _verify(reader, expected_fingerprint, known_senders or {}, tsa_trust)
    except Exception as exc:  # noqa: BLE001 - the last resort: what a stranger's bundle makes us raise is a verdict
        return Verification((_failed("bundle readable", exc),), None)


def _failed(name: str, exc: BaseException) -> Check:
    """A failed check whose detail is the error, on one line."""
    detail = str(exc) if isinstance(exc, LockerError) else f"{type(exc).__name__}: {exc}"
    return Check(name, False, " ".join(detail.split())[:300])


def _attempt(name: str, check: Callable[[], T], on_failure: Callable[[Check], T]) -> T:
    try:
        return check()
    except UNREADABLE as exc:
        return on_failure(_failed(name, exc))


def _verify(
    reader: Bag, expected_fingerprint: str | None, known: Mapping[str, str], tsa_trust: TrustStore | None
) -> Verification:
    try:
        files = reader.files()
        irregular = ", ".join(reader.irregular[:5])
        checks = [
            Check("regular files only", not reader.irregular,
                  f"not a regular file or folder (never opened): {irregular}" if irregular else
                  "no links, FIFOs, devices or sockets"),
            Check("bagit.txt", reader.exists("bagit.txt"), "BagIt declaration present"),
        ]  # fmt: skip
        no_hashes: dict[str, tuple[str, str, int]] = {}
        payload_checks, hashed = _attempt("payload", lambda: _check_payload(reader, files), lambda c: ([c], no_hashes))
        checks += payload_checks
        checks.append(_attempt("tag files", lambda: _check_tags(reader, files), lambda c: c))
        signature_checks, signer = _attempt(
            "signatures", lambda: _check_signatures(reader, expected_fingerprint), lambda c: ([c], None)
        )
        checks += signature_checks
        unreadable_log: list[Check] = []  # a log that cannot be read as text is not checked further
        lines = _attempt("custody log", lambda: _custody_records(reader), unreadable_log.append)
        checks += unreadable_log or [_attempt("custody log", lambda: _check_custody(reader, files, lines), lambda c: c)]
        events = _whole_events(lines)
        checks.append(_attempt("custody log imports", lambda: _check_custody_imports(events, hashed), lambda c: c))
        checks.append(_attempt("custody log signing key", lambda: _check_custody_key(lines, signer), lambda c: c))
        time_checks, stamps = check_timestamps(reader, files, events, tsa_trust)
        checks += time_checks
    finally:
        reader.close()
    return Verification(tuple(checks), signer, confirmation(signer, expected_fingerprint, known), tuple(stamps))


def confirmation(signer: str | None, expected_fingerprint: str | None, known: Mapping[str, str]) -> str | None:
    """Who confirmed the signing key: "--fingerprint" when it is the one the lawyer gave, a known sender's name
    when it is hers, else None."""
    if signer is not None and expected_fingerprint is not None and same_key(expected_fingerprint, signer):
        return "--fingerprint"
    if signer is not None and signer in known:
        return known[signer]
    return None
