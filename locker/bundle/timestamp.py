"""RFC 3161 trusted timestamps over a bundle's tag manifest: request, check, store, and verify.

The app contacts a TSA only when the user named one (`--tsa URL`), through the proxy the user configured, never on
its own. A token is stored raw (token.tsq, token.tsr) with the certificates the TSA sent (chain.pem), in
signatures/tsa-N/, outside the tag manifest, so adding one later does not change the bag. Whether a TSA deserves
trust is decided by counsel, with the TSA's own published root certificate: one shipped inside the bundle would
prove nothing.
"""

from __future__ import annotations

import hashlib
import secrets
import urllib.error
import urllib.request
from dataclasses import dataclass

from asn1crypto import cms, pem, tsp
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509 import Certificate, load_der_x509_certificate

from locker.errors import LockerError

MAX_RESPONSE = 1 << 20
_HASHES = {"sha256": hashes.SHA256(), "sha384": hashes.SHA384(), "sha512": hashes.SHA512()}


class TimestampError(LockerError):
    """The timestamp authority could not be used."""


@dataclass(frozen=True)
class TokenInfo:
    """What a checked token says."""

    gen_time: str
    tsa_subject: str
    serial: int


def build_request(digest: bytes) -> tuple[bytes, int]:
    nonce = secrets.randbits(63)
    request = tsp.TimeStampReq(
        {
            "version": 1,
            "message_imprint": {"hash_algorithm": {"algorithm": "sha256"}, "hashed_message": digest},
            "nonce": nonce,
            "cert_req": True,
        }
    )
    return bytes(request.dump()), nonce


def fetch_token(url: str, request_der: bytes, timeout: float = 20.0, proxy: str | None = None) -> bytes:
    """POST the request; raises TimestampError with a plain reason on any failure."""
    if not url.lower().startswith(("http://", "https://")):
        raise TimestampError(f"A timestamp authority is reached over http(s); {url!r} is not such an address.")
    handlers: list[urllib.request.BaseHandler] = [
        urllib.request.ProxyHandler({"http": proxy, "https": proxy} if proxy else {})
    ]
    opener = urllib.request.build_opener(*handlers)
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked above
        url, data=request_der, headers={"Content-Type": "application/timestamp-query"}, method="POST"
    )
    try:
        with opener.open(request, timeout=timeout) as response:
            body: bytes = response.read(MAX_RESPONSE + 1)
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise TimestampError(f"The timestamp authority {url} could not be reached ({exc}).") from exc
    if len(body) > MAX_RESPONSE:
        raise TimestampError(f"The timestamp authority {url} sent an oversized answer.")
    return body


def _signed_data(untrusted_response: bytes) -> tuple[tsp.TimeStampResp, cms.SignedData]:
    try:
        response = tsp.TimeStampResp.load(untrusted_response)
        status = response["status"]["status"].native
        if status not in {"granted", "granted_with_mods"}:
            raise TimestampError(f"The timestamp authority refused the request ({status}).")
        signed = response["time_stamp_token"]["content"]
        signed.native  # parse everything now, so malformed input fails here  # noqa: B018
    except (ValueError, TypeError, KeyError) as exc:
        raise TimestampError(f"The timestamp token is malformed ({exc}).") from exc
    return response, signed


def check_token(untrusted_response: bytes, digest: bytes, nonce: int | None = None) -> TokenInfo:
    """Check a TimeStampResp: granted, imprint is `digest`, nonce (if given), and the TSA's CMS signature."""
    _, signed = _signed_data(untrusted_response)
    content = signed["encap_content_info"]["content"].parsed
    imprint = content["message_imprint"]
    if imprint["hash_algorithm"]["algorithm"].native != "sha256" or imprint["hashed_message"].native != digest:
        raise TimestampError("The timestamp token is for other data than this tag manifest.")
    if nonce is not None and content["nonce"].native != nonce:
        raise TimestampError("The timestamp token answers another request (nonce mismatch).")
    signer = signed["signer_infos"][0]
    certificate = _signer_certificate(signed, signer)
    signed_attrs = signer["signed_attrs"]
    digest_name = signer["digest_algorithm"]["algorithm"].native
    if digest_name not in _HASHES:
        raise TimestampError(f"The token uses an unsupported digest ({digest_name}).")
    content_bytes = signed["encap_content_info"]["content"].contents
    message_digest = next(a["values"][0].native for a in signed_attrs if a["type"].native == "message_digest")
    if hashlib.new(digest_name, content_bytes).digest() != message_digest:
        raise TimestampError("The timestamp token's signed content was altered.")
    _verify_signature(certificate.public_key(), signer["signature"].native, signed_attrs.untag().dump(), digest_name)
    return TokenInfo(
        gen_time=content["gen_time"].native.isoformat(),
        tsa_subject=certificate.subject.rfc4514_string(),
        serial=int(content["serial_number"].native),
    )


def _signer_certificate(signed: cms.SignedData, signer: cms.SignerInfo) -> Certificate:
    sid = signer["sid"]
    for candidate in signed["certificates"] or []:
        cert = candidate.chosen
        if sid.name == "issuer_and_serial_number":
            if cert.issuer == sid.chosen["issuer"] and cert.serial_number == sid.chosen["serial_number"].native:
                return load_der_x509_certificate(cert.dump())
        elif cert.key_identifier == sid.chosen.native:
            return load_der_x509_certificate(cert.dump())
    raise TimestampError("The timestamp token does not include the TSA's certificate.")


def _verify_signature(public_key: object, signature: bytes, data: bytes, digest_name: str) -> None:
    algorithm = _HASHES[digest_name]
    try:
        if isinstance(public_key, rsa.RSAPublicKey):
            public_key.verify(signature, data, padding.PKCS1v15(), algorithm)
        elif isinstance(public_key, ec.EllipticCurvePublicKey):
            public_key.verify(signature, data, ec.ECDSA(algorithm))
        else:
            raise TimestampError("The TSA uses a key type this version cannot check.")
    except InvalidSignature as exc:
        raise TimestampError("The TSA's signature on the token does not verify.") from exc


def token_files(url: str, request_der: bytes, response_der: bytes) -> dict[str, bytes]:
    """The files of one signatures/tsa-N/ folder: raw request, raw response, the TSA's certificates, its URL."""
    _, signed = _signed_data(response_der)
    chain = b"".join(pem.armor("CERTIFICATE", c.chosen.dump()) for c in signed["certificates"] or [])
    return {"token.tsq": request_der, "token.tsr": response_der, "chain.pem": chain, "url.txt": (url + "\n").encode()}


def request_token(tagmanifest: bytes, url: str, proxy: str | None = None) -> tuple[TokenInfo, dict[str, bytes]]:
    """Request and check one token for `tagmanifest` from `url`; the files to store with it."""
    digest = hashlib.sha256(tagmanifest).digest()
    request_der, nonce = build_request(digest)
    response = fetch_token(url, request_der, proxy=proxy)
    info = check_token(response, digest, nonce)
    return info, token_files(url, request_der, response)


def next_token_folder(existing: set[str]) -> str:
    """'signatures/tsa-N' with the first N not in `existing` (relative paths of the bag's files)."""
    index = 1
    while any(name.startswith(f"signatures/tsa-{index}/") for name in existing):
        index += 1
    return f"signatures/tsa-{index}"
