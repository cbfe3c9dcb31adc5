"""Our signatures verify with the real minisign and ssh-keygen, and with our own verifiers; tampering fails all."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from locker.bundle.signing import (
    NAMESPACE,
    allowed_signers_line,
    minisign_public_key,
    minisign_sign,
    minisign_verify,
    sshsig_sign,
    sshsig_verify,
)
from locker.crypto.identity import fingerprint, spoken_fingerprint, unwrap_identity
from locker.vault.vault import Vault
from tests.conftest import PASSPHRASE, run_cli

needs_minisign = pytest.mark.skipif(shutil.which("minisign") is None, reason="minisign is not installed")
needs_ssh_keygen = pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="ssh-keygen is not installed")
DATA = "manifest-sha256.txt contents — дело №5-123/2026\n".encode() * 50


@pytest.fixture
def key(vault: Vault) -> Ed25519PrivateKey:
    return unwrap_identity(vault.master_key, vault.identity())


def _write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


@needs_minisign
def test_minisign_accepts_our_signature_and_rejects_changed_data(key: Ed25519PrivateKey, tmp_path: Path) -> None:
    public_raw = key.public_key().public_bytes_raw()
    data = _write(tmp_path, "tagmanifest-sha256.txt", DATA)
    sig = _write(tmp_path, "tagmanifest-sha256.txt.minisig", minisign_sign(key, DATA, "bundle B-1 for counsel"))
    pub = _write(tmp_path, "minisign.pub", minisign_public_key(public_raw))
    ok = subprocess.run(["minisign", "-Vm", str(data), "-x", str(sig), "-p", str(pub)], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    assert "bundle B-1 for counsel" in ok.stdout
    data.write_bytes(DATA + b"x")
    bad = subprocess.run(["minisign", "-Vm", str(data), "-x", str(sig), "-p", str(pub)], capture_output=True)
    assert bad.returncode != 0


@needs_ssh_keygen
def test_ssh_keygen_accepts_our_signature_and_rejects_changed_data(key: Ed25519PrivateKey, tmp_path: Path) -> None:
    public_raw = key.public_key().public_bytes_raw()
    sig = _write(tmp_path, "t.sshsig", sshsig_sign(key, DATA))
    signers = _write(tmp_path, "allowed_signers", allowed_signers_line("evidence-locker-vault", public_raw))
    command = ["ssh-keygen", "-Y", "verify", "-f", str(signers), "-I", "evidence-locker-vault", "-n", NAMESPACE,
               "-s", str(sig)]  # fmt: skip
    ok = subprocess.run(command, input=DATA, capture_output=True)
    assert ok.returncode == 0, ok.stderr
    assert b"Good" in ok.stdout
    assert subprocess.run(command, input=DATA + b"x", capture_output=True).returncode != 0
    wrong_ns = [*command[:8], "other-namespace", *command[9:]]
    assert subprocess.run(wrong_ns, input=DATA, capture_output=True).returncode != 0


@needs_ssh_keygen
def test_ssh_keygen_prints_the_same_fingerprint_we_show(key: Ed25519PrivateKey, tmp_path: Path) -> None:
    public_raw = key.public_key().public_bytes_raw()
    signers = _write(tmp_path, "allowed_signers", allowed_signers_line("v", public_raw))
    pub = _write(tmp_path, "key.pub", signers.read_text().split(" ", 2)[2])
    out = subprocess.run(["ssh-keygen", "-lf", str(pub)], capture_output=True, text=True, check=True).stdout
    assert out.split()[1] == fingerprint(public_raw)


def test_our_verifiers_accept_good_and_reject_tampered_or_foreign_signatures(key: Ed25519PrivateKey) -> None:
    public_raw = key.public_key().public_bytes_raw()
    other = Ed25519PrivateKey.generate()
    pub = minisign_public_key(public_raw)
    good_minisig = minisign_sign(key, DATA, "c")
    assert minisign_verify(pub, good_minisig, DATA)
    assert not minisign_verify(pub, good_minisig, DATA + b"!")
    assert not minisign_verify(pub, good_minisig.replace("trusted comment: c", "trusted comment: d"), DATA)
    assert not minisign_verify(pub, minisign_sign(other, DATA, "c"), DATA)
    assert sshsig_verify(public_raw, sshsig_sign(key, DATA), DATA)
    assert not sshsig_verify(public_raw, sshsig_sign(key, DATA), DATA + b"!")
    assert not sshsig_verify(public_raw, sshsig_sign(other, DATA), DATA)
    assert not sshsig_verify(public_raw, sshsig_sign(key, DATA, "other-namespace"), DATA)


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=2000))
def test_any_data_round_trips_through_both_formats(data: bytes) -> None:
    key = Ed25519PrivateKey.generate()
    public_raw = key.public_key().public_bytes_raw()
    assert minisign_verify(minisign_public_key(public_raw), minisign_sign(key, data, "t"), data)
    assert sshsig_verify(public_raw, sshsig_sign(key, data), data)


def test_locker_fingerprint_prints_the_vault_key(closed_vault: Path) -> None:
    with Vault.open(closed_vault, PASSPHRASE) as vault:
        expected = vault.fingerprint()
    result = run_cli("fingerprint", "--passphrase-stdin", vault=closed_vault, stdin=PASSPHRASE + "\n")
    first, spoken = result.stdout.splitlines()
    assert result.returncode == 0 and first == expected  # the first line alone, for scripts
    assert spoken.endswith(spoken_fingerprint(expected))
