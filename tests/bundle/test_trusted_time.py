"""Trusted time anchored to real roots: a token is trusted time only when it chains to a root in the trust store,
and `openssl ts -verify` with the same trust store agrees on every token here. Backdated and future tokens, a wrong
EKU, an ESSCertID naming another certificate and malformed tokens make a bundle invalid."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import ExtendedKeyUsageOID

from locker.bundle.export import ExportRequest, export_bundle
from locker.bundle.public_tsas import DEFAULT_TSA_URLS, PUBLIC_TSAS
from locker.bundle.tsa_trust import CURATED_ROOTS, TrustStore, TsaRootStore, curated_roots
from locker.bundle.verify import Verdict
from locker.bundle.verify_child import verify_in_child
from locker.ingest.importer import ImportOptions, import_files
from locker.vault.vault import Vault
from tests.bundle.forged_tsa import Authority, days, make_authority, make_token, place_token
from tests.bundle.local_tsa import local_tsa
from tests.conftest import PASSPHRASE, WEAK_PARAMS, run_cli, write_file


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A folder bundle without tokens, and the true fingerprint of its signer."""
    base = tmp_path_factory.mktemp("trusted-time")
    with Vault.create(base / "v.locker", PASSPHRASE, WEAK_PARAMS) as vault:
        import_files(vault, [write_file(base / "fine.pdf", b"%PDF-1.4 fine" * 500)], ImportOptions(case="C"))
        export_bundle(vault, base / "bag", ExportRequest(case="C"))
        return base / "bag", vault.fingerprint()


@pytest.fixture
def bag(exported: tuple[Path, str], tmp_path: Path) -> Path:
    shutil.copytree(exported[0], tmp_path / "bag")
    return tmp_path / "bag"


def _digest(bag: Path) -> bytes:
    import hashlib

    return hashlib.sha256((bag / "tagmanifest-sha256.txt").read_bytes()).digest()


def _verify(bag: Path, *extra: str, env: dict[str, str] | None = None) -> tuple[int, dict]:  # type: ignore[type-arg]
    result = run_cli("verify", "--json", *extra, str(bag), env=env)
    return result.returncode, json.loads(result.stdout)


def _check(report: dict, name: str) -> dict:  # type: ignore[type-arg]
    return next(c for c in report["checks"] if c["name"] == name)


def _store_pem(tmp_path: Path, *extra: Path) -> Path:
    """The trust store verify uses (curated roots and `extra`), as one file for openssl ts -verify -CAfile."""
    roots = tuple(x509.load_pem_x509_certificate(p.read_bytes()) for p in extra)
    target = tmp_path / "store.pem"
    target.write_bytes(TrustStore.build(None, roots).pem())
    return target


def _openssl_trusts(bag: Path, folder: str, cafile: Path) -> bool:
    done = subprocess.run(
        ["openssl", "ts", "-verify", "-data", str(bag / "tagmanifest-sha256.txt"),
         "-in", str(bag / "signatures" / folder / "token.tsr"), "-CAfile", str(cafile),
         "-untrusted", str(bag / "signatures" / folder / "chain.pem")],
        capture_output=True, text=True,
    )  # fmt: skip
    return done.returncode == 0 and "Verification: OK" in done.stdout


def _forged(bag: Path, authority: Authority, tmp_path: Path, **token: object) -> Path:
    place_token(bag, make_token(authority, _digest(bag), **token), authority)  # type: ignore[arg-type]
    return authority.root_pem(tmp_path / "root.pem")


# -- the trust store ------------------------------------------------------------------------------------------


def test_the_curated_roots_are_the_pinned_ones_and_cover_every_public_tsa() -> None:
    roots = curated_roots()
    assert {r.name for r in roots} == set(CURATED_ROOTS), "a pinned root is missing from certifi and the system"
    assert all(CURATED_ROOTS[r.name] == r.fingerprint for r in roots)
    assert {tsa.root for tsa in PUBLIC_TSAS} <= set(CURATED_ROOTS)
    defaults = [tsa for tsa in PUBLIC_TSAS if tsa.url in DEFAULT_TSA_URLS]
    assert len(defaults) == 2 and defaults[0].operator != defaults[1].operator
    assert defaults[0].root != defaults[1].root  # one CA's compromise does not take both


def test_a_self_made_root_that_calls_itself_digicert_is_not_trusted(bag: Path, tmp_path: Path) -> None:
    name = "DigiCert Trusted Root G4"
    impostor = make_authority(root_name=name, signer_name="DigiCert Timestamp 2026")
    _forged(bag, impostor, tmp_path)
    code, report = _verify(bag)
    assert code == 3, report  # the bundle itself is intact; its time is simply not proven
    assert report["timestamps"] == [
        {"folder": "tsa-1", "time": report["timestamps"][0]["time"], "tsa": "CN=DigiCert Timestamp 2026",
         "trusted": False}
    ]  # fmt: skip
    check = _check(report, "timestamp tsa-1")
    assert check["status"] == "untrusted time" and check["detail"].startswith("UNTRUSTED TIME")
    assert "TRUSTED TIME" not in check["detail"].replace("UNTRUSTED TIME", "")
    assert not _openssl_trusts(bag, "tsa-1", _store_pem(tmp_path))


def test_a_local_tsa_is_untrusted_until_its_root_is_added(bag: Path, tmp_path: Path) -> None:
    with local_tsa() as tsa:
        added = run_cli("timestamp", str(bag), "--tsa", tsa.url)
        assert added.returncode == 0, added.stderr
        assert "UNTRUSTED time" in added.stdout  # said at export time too
        ca = tmp_path / "ca.pem"
        shutil.copy(tsa.ca_pem, ca)
    code, report = _verify(bag)
    assert code == 3 and report["timestamps"][0]["trusted"] is False
    assert not _openssl_trusts(bag, "tsa-1", _store_pem(tmp_path))

    code, report = _verify(bag, "--tsa-root", str(ca))
    assert code == 3 and report["timestamps"][0]["trusted"] is True
    check = _check(report, "timestamp tsa-1")
    assert check["status"] == "pass" and check["detail"].startswith("TRUSTED TIME")
    assert _openssl_trusts(bag, "tsa-1", _store_pem(tmp_path, ca))

    kept = run_cli("tsa-roots", "add", str(ca), "--name", "Court TSA")
    assert kept.returncode == 0, kept.stderr
    listed = json.loads(run_cli("tsa-roots", "list", "--json").stdout)
    assert [r["name"] for r in listed if r["source"] == "yours"] == ["Court TSA"]
    assert len([r for r in listed if r["source"] == "curated"]) == len(CURATED_ROOTS)
    assert _verify(bag)[1]["timestamps"][0]["trusted"] is True
    assert run_cli("tsa-roots", "remove", "Court TSA").returncode == 0
    assert _verify(bag)[1]["timestamps"][0]["trusted"] is False
    assert run_cli("tsa-roots", "remove", "Court TSA").returncode == 1


def test_the_roots_file_is_private(tmp_path: Path) -> None:
    authority = make_authority()
    store = TsaRootStore(tmp_path / "cfg" / "tsa-roots.json")
    store.add(authority.root)
    assert (tmp_path / "cfg" / "tsa-roots.json").stat().st_mode & 0o777 == 0o600
    assert [r.name for r in store.roots()] == ["Forged Test Root"]
    (tmp_path / "cfg" / "tsa-roots.json").write_text("{not json")
    assert store.roots() == []  # damaged: nothing trusted, never something wrong


def test_a_root_file_without_a_certificate_is_a_clear_error(bag: Path, tmp_path: Path) -> None:
    (tmp_path / "empty.pem").write_text("nothing here\n")
    result = run_cli("verify", "--tsa-root", str(tmp_path / "empty.pem"), str(bag))
    assert result.returncode == 2 and "holds no PEM certificate" in result.stderr
    assert "Traceback" not in result.stderr


# -- well-formed tokens and time ------------------------------------------------------------------------------


@pytest.mark.parametrize("ess", ["v2", "v1"])
def test_a_well_formed_token_from_an_added_root_is_trusted_time(bag: Path, tmp_path: Path, ess: str) -> None:
    root = _forged(bag, make_authority(), tmp_path, ess=ess)
    code, report = _verify(bag, "--tsa-root", str(root))
    assert code == 3 and report["timestamps"][0]["trusted"] is True, report
    assert _openssl_trusts(bag, "tsa-1", _store_pem(tmp_path, root))


def test_a_backdated_token_makes_the_bundle_invalid(bag: Path, tmp_path: Path) -> None:
    root = _forged(bag, make_authority(), tmp_path, gen_time=datetime(2023, 5, 1, tzinfo=UTC))
    code, report = _verify(bag, "--tsa-root", str(root))
    assert code == 1 and report["first_failure"] == "timestamp tsa-1"
    assert "before the custody log" in _check(report, "timestamp tsa-1")["detail"]
    # openssl checks the signature and chain, not the time: it trusts the token, and so does our JSON.
    assert report["timestamps"][0]["trusted"] is True
    assert _openssl_trusts(bag, "tsa-1", _store_pem(tmp_path, root))
    plain = run_cli("verify", "--tsa-root", str(root), str(bag))
    assert "INVALID: the bundle does NOT verify. First failed check - timestamp tsa-1" in plain.stdout


def test_a_token_dated_in_the_future_makes_the_bundle_invalid(bag: Path, tmp_path: Path) -> None:
    root = _forged(bag, make_authority(), tmp_path, gen_time=datetime.now(UTC) + days(30))
    code, report = _verify(bag, "--tsa-root", str(root))
    assert code == 1 and "in the future" in _check(report, "timestamp tsa-1")["detail"]
    # An untrusted future token is just as invalid: the time check does not depend on trust.
    assert _verify(bag)[0] == 1


@pytest.mark.parametrize(
    ("authority_args", "token_args", "reason"),
    [
        ({"eku": (ExtendedKeyUsageOID.CODE_SIGNING,)}, {}, "not a timestamping certificate"),
        ({"eku_critical": False}, {}, "not a timestamping certificate"),
        ({"eku": ()}, {}, "not a timestamping certificate"),
        ({}, {"ess": "wrong"}, "ESSCertID names another certificate"),
        ({}, {"ess": "none"}, "no ESSCertID"),
        ({}, {"signers": 2}, "exactly one signer"),
        ({}, {"signers": 0}, "exactly one signer"),
    ],
)
def test_malformed_tokens_are_caught_and_openssl_agrees(
    bag: Path,
    tmp_path: Path,
    authority_args: dict,
    token_args: dict,
    reason: str,  # type: ignore[type-arg]
) -> None:
    root = _forged(bag, make_authority(**authority_args), tmp_path, **token_args)
    code, report = _verify(bag, "--tsa-root", str(root))
    assert code == 1 and report["first_failure"] == "timestamp tsa-1", report
    assert reason in _check(report, "timestamp tsa-1")["detail"]
    assert report["timestamps"][0]["trusted"] is False
    assert not _openssl_trusts(bag, "tsa-1", _store_pem(tmp_path, root))


def test_garbage_in_place_of_a_token_is_one_line_not_a_traceback(bag: Path, tmp_path: Path) -> None:
    target = place_token(bag, b"\x30\x82\xff\xff" + os.urandom(200), make_authority())
    assert target.exists()
    result = run_cli("verify", str(bag))
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    assert "FAIL  timestamp tsa-1" in result.stdout


# -- the verdict in words -------------------------------------------------------------------------------------


def test_the_verdict_is_in_russian_by_flag_or_locale(bag: Path, exported: tuple[Path, str]) -> None:
    by_flag = run_cli("verify", "--lang", "ru", str(bag))
    assert by_flag.returncode == 3 and "НЕ ПОДТВЕРЖДЕНО: пакет цел" in by_flag.stdout
    assert "Нет доверенного времени" in by_flag.stdout
    env = {**os.environ, "LC_ALL": "", "LC_MESSAGES": "", "LANG": "ru_RU.UTF-8"}
    by_locale = run_cli("verify", "--fingerprint", exported[1], str(bag), env=env)
    assert by_locale.returncode == 0 and "ПОДТВЕРЖДЕНО: пакет цел и подписан" in by_locale.stdout
    english = run_cli("verify", "--lang", "en", "--fingerprint", exported[1], str(bag), env=env)
    assert "CONFIRMED: the bundle is intact" in english.stdout
    assert "No trusted time" in english.stdout


def test_untrusted_time_is_never_worded_as_trusted_in_the_verdict(bag: Path, tmp_path: Path) -> None:
    root = _forged(bag, make_authority(), tmp_path)
    untrusted = run_cli("verify", str(bag)).stdout
    trusted = run_cli("verify", "--tsa-root", str(root), str(bag)).stdout
    assert "UNTRUSTED time" in untrusted and "Trusted time:" not in untrusted
    assert "Trusted time:" in trusted and "UNTRUSTED" not in trusted
    assert "WARN  timestamp tsa-1" in untrusted and "OK    timestamp tsa-1" in trusted


# -- the app's verifier process -------------------------------------------------------------------------------


def test_the_child_verifier_gives_the_same_answer_as_the_cli(bag: Path, tmp_path: Path) -> None:
    authority = make_authority()
    root = _forged(bag, authority, tmp_path)
    cli = _verify(bag, "--tsa-root", str(root))[1]
    from locker.bundle.tsa_trust import TrustedRoot

    child = verify_in_child(bag, extra_roots=(TrustedRoot("Forged Test Root", authority.root, "this run"),))
    assert child.to_json()["verdict"] == cli["verdict"] == "unconfirmed"
    assert [c.to_json() for c in child.checks] == cli["checks"]
    assert child.timestamps[0].trusted is True
    (bag / "data").joinpath("extra.bin").write_bytes(b"slipped in")
    assert verify_in_child(bag).verdict is Verdict.INVALID


def test_the_child_verifier_cannot_write_connect_or_dump(tmp_path: Path) -> None:
    """What verify_child.py's docstring promises, checked inside a process confined by the same function."""
    from locker.sandbox.confine import landlock_abi

    abi = landlock_abi()
    target = tmp_path / "written"
    (tmp_path / "readable").write_text("can read")
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    code = f"""
import ctypes, os, resource, socket
from locker.bundle.verify_child import confine
print("layers", confine())
print("env", sorted(os.environ))
print("core", resource.getrlimit(resource.RLIMIT_CORE), "as", resource.getrlimit(resource.RLIMIT_AS))
print("dumpable", ctypes.CDLL(None).prctl(3, 0, 0, 0, 0))
print(open({str(tmp_path / "readable")!r}).read())
try:
    open({str(target)!r}, "w")
except PermissionError:
    print("write refused")
try:
    socket.create_connection(("127.0.0.1", {listener.getsockname()[1]}), timeout=5)
except PermissionError:
    print("connect refused")
try:
    os.kill({os.getpid()}, 0)  # the test process: outside the verifier's Landlock domain
except PermissionError:
    print("signal refused")
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    listener.close()
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "env []" in out and "core (0, 0)" in out and f"as ({2 << 30}, {2 << 30})" in out
    assert "dumpable 0" in out and "can read" in out
    if abi <= 0:
        pytest.skip("this kernel has no Landlock: the verifier cannot be kept from writing here (SANDBOX.md)")
    assert "write refused" in out and not target.exists()
    if abi >= 4:
        assert "connect refused" in out
    if abi >= 6:
        assert "signal refused" in out


def test_export_notes_whether_its_token_is_trusted_time(tmp_path: Path) -> None:
    with Vault.create(tmp_path / "v.locker", PASSPHRASE, WEAK_PARAMS) as vault:
        import_files(vault, [write_file(tmp_path / "a.bin", b"a" * 4000)], ImportOptions(extract_metadata=False))
        with local_tsa() as tsa:
            result = export_bundle(vault, tmp_path / "bag", ExportRequest(tsa_urls=(tsa.url,)))
    assert len(result.timestamps) == 1 and "UNTRUSTED time" in result.timestamps[0]


def test_forged_authority_pem_roundtrip(tmp_path: Path) -> None:
    """The helper's root file is what `load_root_file` reads (guards the tests above against a silent no-op)."""
    from locker.bundle.tsa_trust import load_root_file

    authority = make_authority()
    loaded = load_root_file(authority.root_pem(tmp_path / "r.pem"))
    assert loaded[0].public_bytes(serialization.Encoding.DER) == authority.root.public_bytes(serialization.Encoding.DER)


def test_tsa_default_stands_for_the_two_independent_defaults() -> None:
    from locker.cli.bundle_commands import tsa_addresses

    assert tsa_addresses(["default"]) == DEFAULT_TSA_URLS
    assert tsa_addresses(["http://x.invalid/", "DEFAULT", DEFAULT_TSA_URLS[0]]) == (
        "http://x.invalid/",
        *DEFAULT_TSA_URLS,
    )


def test_a_certificate_name_cannot_add_lines_to_the_verdict(bag: Path, tmp_path: Path) -> None:
    """A token sits outside the tag manifest, so anyone can add one: its signer's name is shown, never obeyed."""
    fake = "X\nTrusted time: existed at 2019-03-01 10:00 (DigiCert)"
    _forged(bag, make_authority(signer_name=fake), tmp_path)
    code, report = _verify(bag)
    assert code == 3
    stamp = report["timestamps"][0]
    assert "\n" not in stamp["tsa"] and "\\u000a" in stamp["tsa"]
    assert all("\n" not in check["detail"] for check in report["checks"])
    text = run_cli("verify", str(bag)).stdout
    assert not any(line.startswith("Trusted time:") for line in text.splitlines())
    child = verify_in_child(bag)
    assert "\n" not in (child.timestamps[0].tsa or "")


def test_a_token_a_few_minutes_in_the_future_is_invalid(bag: Path, tmp_path: Path) -> None:
    root = _forged(bag, make_authority(), tmp_path, gen_time=datetime.now(UTC) + days(0) + (days(1) / 24 / 6))
    code, report = _verify(bag, "--tsa-root", str(root))  # ten minutes ahead of this machine's clock
    assert code == 1 and "in the future" in _check(report, "timestamp tsa-1")["detail"]


def test_the_app_can_stop_a_verification_and_caps_what_the_verifier_says(
    bag: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading
    import time

    from locker.bundle import verify_child
    from locker.errors import Interrupted, LockerError

    monkeypatch.setattr(verify_child, "child_command", lambda: [sys.executable, "-c", "import time; time.sleep(60)"])
    stop = threading.Event()
    threading.Timer(0.5, stop.set).start()
    started = time.monotonic()
    with pytest.raises(Interrupted, match="Verification stopped"):
        verify_in_child(bag, cancel=stop)
    assert time.monotonic() - started < 10
    with pytest.raises(Interrupted, match="took too long"):
        verify_in_child(bag, timeout=0.5)
    chatty = [sys.executable, "-c", "import sys; sys.stdout.write('x' * (64 << 20))"]
    monkeypatch.setattr(verify_child, "child_command", lambda: chatty)
    with pytest.raises(LockerError, match="far too much output"):
        verify_in_child(bag)


def test_the_token_must_answer_the_stored_request(bag: Path) -> None:
    """Each tsa-N/ keeps the request that was sent (token.tsq): the token must repeat its nonce."""
    with local_tsa() as tsa:
        for _ in range(2):
            assert run_cli("timestamp", str(bag), "--tsa", tsa.url).returncode == 0
    assert _verify(bag)[0] == 3
    first, second = bag / "signatures" / "tsa-1" / "token.tsq", bag / "signatures" / "tsa-2" / "token.tsq"
    first_bytes = first.read_bytes()
    first.write_bytes(second.read_bytes())
    second.write_bytes(first_bytes)
    code, report = _verify(bag)
    assert code == 1 and "nonce mismatch" in _check(report, "timestamp tsa-1")["detail"]


def test_a_token_granted_with_modifications_is_never_trusted_time(bag: Path, tmp_path: Path) -> None:
    """What docs/TSA_ROOTS.md says: such a token is well-formed but never trusted time here (openssl accepts it)."""
    root = _forged(bag, make_authority(), tmp_path, status="granted_with_mods")
    code, report = _verify(bag, "--tsa-root", str(root))
    assert code == 3 and report["timestamps"][0]["trusted"] is False
    assert _check(report, "timestamp tsa-1")["status"] == "untrusted time"
