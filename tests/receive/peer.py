"""A sender's own LocalSend server, as a phone runs one: TLS on 127.0.0.1 with a self-signed certificate made at
test time, counting the connections it gets. Used to check that the receiver verifies a sender's fingerprint."""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import socket
import ssl
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


@dataclass(frozen=True)
class Certificate:
    cert_pem: bytes
    key_pem: bytes

    @property
    def fingerprint(self) -> str:
        der = x509.load_pem_x509_certificate(self.cert_pem).public_bytes(serialization.Encoding.DER)
        return hashlib.sha256(der).hexdigest().upper()


def self_signed() -> Certificate:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "LocalSend")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return Certificate(cert.public_bytes(serialization.Encoding.PEM), key_pem)


@dataclass
class PeerServer:
    port: int
    connections: list[str] = field(default_factory=list)


@contextlib.contextmanager
def peer_server(certificate: Certificate) -> Iterator[PeerServer]:
    """A TLS server on 127.0.0.1 (a free port) presenting `certificate`; it completes the handshake, reads what
    the client sends for a moment, and closes."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    with tempfile.TemporaryDirectory() as folder:
        cert_path, key_path = Path(folder, "cert.pem"), Path(folder, "key.pem")
        cert_path.write_bytes(certificate.cert_pem)
        key_path.write_bytes(certificate.key_pem)
        context.load_cert_chain(cert_path, key_path)
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    server = PeerServer(listener.getsockname()[1])
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                raw, address = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            server.connections.append(str(address[0]))
            raw.settimeout(5)
            with contextlib.suppress(OSError, ssl.SSLError), context.wrap_socket(raw, server_side=True) as tls:
                tls.recv(4096)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        stop.set()
        listener.close()
        thread.join(5)


@contextlib.contextmanager
def port_with_nothing_listening() -> Iterator[int]:
    """A port on 127.0.0.1 that is bound (so nobody else takes it) but not listening: connections are refused."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        yield sock.getsockname()[1]
