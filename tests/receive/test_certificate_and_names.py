"""The receiver's certificate lives in the vault; names and declarations from the sender are checked."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from locker.fsutil import MAX_NAME_BYTES
from locker.receive.certificate import receiver_certificate
from locker.receive.protocol import BadRequest, parse_prepare_upload
from locker.receive.receiver import ReceiverSettings
from locker.vault.vault import Vault
from tests.conftest import PASSPHRASE, WEAK_PARAMS
from tests.receive.helpers import Recorder, request, running_receiver, tls_socket


def test_the_fingerprint_is_the_sha256_of_the_certificate_the_receiver_presents(vault: Vault) -> None:
    with running_receiver(vault, Recorder()) as receiver:
        sock = tls_socket(receiver)
        der = sock.getpeercert(binary_form=True)
        sock.close()
    assert der is not None
    assert receiver.fingerprint == hashlib.sha256(der).hexdigest().upper()


def test_the_certificate_is_kept_encrypted_in_the_vault_and_survives_a_lock(vault_dir: Path) -> None:
    vault = Vault.create(vault_dir, PASSPHRASE, WEAK_PARAMS)
    first = receiver_certificate(vault)
    first.server_context()
    vault.close()
    for path in vault_dir.iterdir():
        data = path.read_bytes()
        assert b"PRIVATE KEY" not in data and b"BEGIN CERTIFICATE" not in data, path
    vault = Vault.open(vault_dir, PASSPHRASE)
    try:
        assert receiver_certificate(vault).fingerprint == first.fingerprint
    finally:
        vault.close()


def _declaration(name: str) -> bytes:
    files = {"f": {"id": "f", "fileName": name, "size": 1, "fileType": "image/jpeg"}}
    return json.dumps({"info": {"alias": "phone"}, "files": files}).encode()


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_every_declared_name_becomes_one_safe_base_name(untrusted_name: str) -> None:
    (declared,) = parse_prepare_upload(_declaration(untrusted_name), max_file_size=10).files
    name = declared.name
    assert name and name not in (".", "..")
    assert "/" not in name and "\\" not in name
    assert not any(ord(ch) < 32 or ord(ch) == 127 for ch in name)
    assert "\u202e" not in name and "\u200b" not in name
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES
    assert declared.untrusted_name == untrusted_name  # kept as sent, for the custody log


def test_more_files_than_the_limit_are_refused() -> None:
    files = {str(i): {"id": str(i), "fileName": "a", "size": 1, "fileType": "x"} for i in range(1001)}
    with pytest.raises(BadRequest, match="more than 1000 files"):
        parse_prepare_upload(json.dumps({"info": {"alias": "p"}, "files": files}).encode(), max_file_size=10)


def test_nothing_the_receiver_tells_the_network_names_the_app(vault: Vault) -> None:
    """Alias, device model and certificate are seen by every device on the Wi-Fi: none says "Evidence Locker"."""
    with running_receiver(vault, Recorder(), alias=ReceiverSettings().alias) as receiver:
        info = request(receiver, "GET", "info").json()
        sock = tls_socket(receiver)
        der = sock.getpeercert(binary_form=True) or b""
        sock.close()
    told = json.dumps(info).lower().encode() + der.lower()
    assert b"evidence" not in told and b"locker" not in told
    assert info["alias"] and info["deviceModel"] is None
