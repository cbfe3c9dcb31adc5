"""Is the sender who it says it is? The check LocalSend itself makes: connect to the sender's own server.

In LocalSend v2 over HTTPS a device's fingerprint is the SHA-256 of its own TLS certificate, and every sender
also runs a server (the port it declares). A sender that declares a fingerprint can therefore be checked by
connecting back to it and hashing the certificate it serves. Only the address the request came from is ever
contacted (never an address the sender names), with short timeouts, and nothing it answers is parsed: the
certificate is taken as DER bytes from the TLS handshake and hashed.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import socket
import ssl
import threading
from dataclasses import dataclass
from enum import StrEnum

#: Connecting, the TLS handshake and the request together get this long; a phone on the same Wi-Fi answers in
#: well under a second.
CHECK_SECONDS = 3.0
_INFO_REQUEST = b"GET /api/localsend/v2/info HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n"

VERIFIED = "verified (matches the certificate the sender serves)"


class Unverified(StrEnum):
    """Why a sender could not be verified (the window words each in the user's language)."""

    NO_FINGERPRINT = "no-fingerprint"
    PLAIN_HTTP = "plain-http"
    NO_PORT = "no-port"
    NO_SERVER = "no-server"
    MISMATCH = "mismatch"


@dataclass(frozen=True)
class PeerCheck:
    """The outcome, as recorded in the custody log and shown before the user accepts."""

    verified: bool
    #: VERIFIED, or "not verified: <why>".
    verdict: str
    #: SHA-256 (upper-case hex) of the certificate the sender's server presented, when one answered.
    served_fingerprint: str | None = None
    why_not: Unverified | None = None

    def to_record(self) -> dict[str, object]:
        return {
            "sender_certificate": self.verdict,
            "sender_certificate_verified": self.verified,
            "sender_fingerprint_served": self.served_fingerprint,
        }


def not_verified(why: Unverified, reason: str, served: str | None = None) -> PeerCheck:
    return PeerCheck(False, f"not verified: {reason}", served, why)


def check_sender_certificate(
    source_address: str,
    declared_port: int | None,
    declared_protocol: str | None,
    declared_fingerprint: str | None,
    timeout: float = CHECK_SECONDS,
) -> PeerCheck:
    """Connect to `source_address` (the request's own source address) on the port the sender declared, read the
    certificate its server presents, and compare its SHA-256 with the fingerprint the sender declared."""
    if not declared_fingerprint:
        return not_verified(Unverified.NO_FINGERPRINT, "the sender declared no fingerprint")
    if declared_protocol == "http":
        return not_verified(Unverified.PLAIN_HTTP, "the sender uses plain HTTP, which has no certificate to check")
    if declared_port is None:
        return not_verified(Unverified.NO_PORT, "the sender did not say on which port its own server listens")
    try:
        der = _served_certificate(source_address, declared_port, timeout)
    except (OSError, ssl.SSLError, ValueError):
        return not_verified(Unverified.NO_SERVER, f"no server answered at {source_address} port {declared_port}")
    served = hashlib.sha256(der).hexdigest().upper()
    if hmac.compare_digest(served.encode(), _normal(declared_fingerprint).encode()):
        return PeerCheck(True, VERIFIED, served)
    return not_verified(
        Unverified.MISMATCH, "the certificate the sender serves does not match the fingerprint it declared", served
    )


def check_from_verdict(
    why_not: Unverified | None, served: str | None, source_address: str, declared_port: int | None
) -> PeerCheck:
    """The outcome the network child found (`why_not` None: verified), worded here, in the app, as
    `check_sender_certificate` words it."""
    if why_not is None:
        if served is None:
            raise ValueError("a verified sender without the certificate it served")
        return PeerCheck(True, VERIFIED, served)
    reasons = {
        Unverified.NO_FINGERPRINT: "the sender declared no fingerprint",
        Unverified.PLAIN_HTTP: "the sender uses plain HTTP, which has no certificate to check",
        Unverified.NO_PORT: "the sender did not say on which port its own server listens",
        Unverified.NO_SERVER: f"no server answered at {source_address} port {declared_port}",
        Unverified.MISMATCH: "the certificate the sender serves does not match the fingerprint it declared",
    }
    return not_verified(why_not, reasons[why_not], served)


def _served_certificate(address: str, port: int, timeout: float) -> bytes:
    # LocalSend certificates are self-signed: there is no CA to check; the hash is the identity.
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    with socket.create_connection((address, port), timeout=timeout) as raw:
        # The socket timeout bounds each read; this bounds the whole check (a server that drips its handshake
        # a byte at a time must not hold the sender's request for longer).
        deadline = threading.Timer(timeout, _cut, args=(raw,))
        deadline.start()
        try:
            with context.wrap_socket(raw) as tls:
                der = tls.getpeercert(binary_form=True) or b""
                # Ask for /info as LocalSend does, so the sender sees an ordinary check; its answer is not read.
                with contextlib.suppress(OSError):
                    tls.sendall(_INFO_REQUEST % _host(address).encode("ascii"))
                return der
        finally:
            deadline.cancel()


def _cut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


def _host(address: str) -> str:
    return f"[{address}]" if ":" in address else address


def _normal(fingerprint: str) -> str:
    """Upper-case hex without separators (some senders write aa:bb:...)."""
    return fingerprint.replace(":", "").replace(" ", "").upper()
