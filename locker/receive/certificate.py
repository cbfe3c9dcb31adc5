"""The receiver's TLS certificate: made once per vault, kept inside it (encrypted), never written out in the clear.

LocalSend identifies a device by the SHA-256 of its certificate, so the certificate must stay the same across
sessions (the phone remembers the laptop); keeping it in the vault means it is erased with the vault, and a seized
laptop without the passphrase does not reveal which phone sent what.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import json
import os
import secrets
import ssl
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

if TYPE_CHECKING:  # the network child loads this module and must not load the vault's code
    from locker.vault.vault import Vault

_META_KEY = "receive_certificate"
_VALID_DAYS = 10 * 365


@dataclass(frozen=True)
class ReceiverCertificate:
    cert_pem: bytes
    key_pem: bytes

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the DER certificate in upper-case hex: what LocalSend shows and remembers."""
        return certificate_fingerprint(self.cert_pem)

    def server_context(self) -> ssl.SSLContext:
        """A TLS server context with this certificate. The key reaches OpenSSL encrypted with a one-time password
        through an anonymous in-memory file (Linux), or a private temporary file removed at once elsewhere."""
        password = secrets.token_bytes(32)
        key = serialization.load_pem_private_key(self.key_pem, password=None)
        protected = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(password),
        )
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        with _file_holding(self.cert_pem) as cert_path, _file_holding(protected) as key_path:
            context.load_cert_chain(cert_path, key_path, password=password)
        return context


def certificate_fingerprint(cert_pem: bytes) -> str:
    der = x509.load_pem_x509_certificate(cert_pem).public_bytes(serialization.Encoding.DER)
    return hashlib.sha256(der).hexdigest().upper()


def receiver_certificate(vault: Vault) -> ReceiverCertificate:
    """The vault's receiver certificate, made and stored on first use."""
    with vault.transaction() as conn:
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (_META_KEY,)).fetchone()
        if row is not None:
            stored = json.loads(row[0])
            return ReceiverCertificate(stored["cert"].encode("ascii"), stored["key"].encode("ascii"))
        made = _new_certificate()
        value = json.dumps({"cert": made.cert_pem.decode("ascii"), "key": made.key_pem.decode("ascii")})
        conn.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (_META_KEY, value))
    return made


def _new_certificate() -> ReceiverCertificate:
    key = ec.generate_private_key(ec.SECP256R1())
    # A neutral name: the certificate is shown to every device on the network that asks.
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "LocalSend")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=_VALID_DAYS))
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return ReceiverCertificate(cert.public_bytes(serialization.Encoding.PEM), key_pem)


@contextlib.contextmanager
def _file_holding(data: bytes) -> Iterator[str]:
    """A path OpenSSL can read `data` from, gone when the block ends."""
    if hasattr(os, "memfd_create"):
        fd = os.memfd_create("locker-receive", os.MFD_CLOEXEC)
        try:
            os.write(fd, data)
            yield f"/proc/self/fd/{fd}"
        finally:
            os.close(fd)
        return
    handle, path = tempfile.mkstemp(prefix="locker-receive-")  # pragma: no cover - not Linux
    try:
        os.write(handle, data)
        os.close(handle)
        yield path
    finally:
        Path(path).unlink()
