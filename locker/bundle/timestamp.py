"""RFC 3161 trusted timestamps over a bundle's tag manifest: request, check, store, and verify.

The app contacts a TSA only when the user named one, through the proxy the user configured, never on its own. A
token is stored raw (token.tsq, token.tsr) with the certificates the TSA sent (chain.pem), in signatures/tsa-N/,
outside the tag manifest, so adding one later does not change the bag.

A token is *well-formed* when it is granted, its imprint is this tag manifest, its signer's certificate is bound
by the ESSCertID (v1 or v2) attribute, that certificate is for timestamping only (critical EKU) and its signature
verifies. It is *trusted time* only when, in addition, its signer chains to a root in the verifier's trust store
(tsa_trust.py), checked at the token's time by the `rfc3161-client` library. A certificate shipped inside the
token or the bundle proves nothing by itself: anyone can make one that calls itself "DigiCert".
"""

from __future__ import annotations

import hashlib
import secrets
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import rfc3161_client
from asn1crypto import cms, pem, tsp
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509 import Certificate, load_der_x509_certificate
from cryptography.x509.oid import ExtendedKeyUsageOID

from locker.bundle.tsa_trust import TrustStore, TsaRootStore, default_roots_path
from locker.errors import LockerError

MAX_RESPONSE = 1 << 20
_DER = Encoding.DER
_HASHES = {"sha256": hashes.SHA256(), "sha384": hashes.SHA384(), "sha512": hashes.SHA512()}


class TimestampError(LockerError):
    """The timestamp authority could not be used, or a token is not a well-formed token over this data."""


class TsaNotHttp(TimestampError):
    """A timestamp authority is reached over http(s); {url} is not such an address."""


class TsaUnreachable(TimestampError):
    """The timestamp authority {url} could not be reached."""


class TsaAnswerTooLarge(TimestampError):
    """The timestamp authority {url} sent an oversized answer."""


class TsaRefused(TimestampError):
    """The timestamp authority refused the request."""


class TokenMalformed(TimestampError):
    """The timestamp token is malformed."""


class TokenForOtherData(TimestampError):
    """The timestamp token is for other data than this tag manifest."""


class TokenNonceMismatch(TimestampError):
    """The timestamp token answers another request (nonce mismatch)."""


class TokenSignerCount(TimestampError):
    """The timestamp token must have exactly one signer."""


class TokenDigestUnsupported(TimestampError):
    """The token uses an unsupported digest ({digest})."""


class TokenContentAltered(TimestampError):
    """The timestamp token's signed content was altered."""


class TokenAttributeRepeated(TimestampError):
    """The timestamp token repeats its {attribute} attribute."""


class TokenCertHashUnsupported(TimestampError):
    """The token's ESSCertIDv2 uses an unsupported hash ({algorithm})."""


class TokenNoCertId(TimestampError):
    """The timestamp token does not name its signer's certificate (no ESSCertID)."""


class TokenCertIdOther(TimestampError):
    """The token's ESSCertID names another certificate than the one that signed it."""


class TokenCertSerialOther(TimestampError):
    """The token's ESSCertID names another certificate serial than its signer's."""


class TsaCertMalformed(TimestampError):
    """The TSA's certificate has malformed extensions."""


class TsaCertNotForTimestamps(TimestampError):
    """The certificate that signed the token is not a timestamping certificate (EKU)."""


class TokenNoTsaCert(TimestampError):
    """The timestamp token does not include the TSA's certificate."""


class TsaKeyTypeUnknown(TimestampError):
    """The TSA uses a key type this version cannot check."""


class TsaSignatureInvalid(TimestampError):
    """The TSA's signature on the token does not verify."""


class TokenRequestMismatch(TimestampError):
    """The stored timestamp request (token.tsq) is for other data than this tag manifest."""


@dataclass(frozen=True)
class TokenInfo:
    """What a checked token says, and whether it is trusted time."""

    gen_time: datetime
    tsa_subject: str
    serial: int
    trusted: bool
    #: Which trusted root it chains to, or why it is not trusted time.
    trust_detail: str

    @property
    def time_text(self) -> str:
        return self.gen_time.isoformat()

    @property
    def summary(self) -> str:
        kind = "trusted time" if self.trusted else "UNTRUSTED time"
        return f"{self.time_text} by {self.tsa_subject} ({kind}: {self.trust_detail})"


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
        raise TsaNotHttp(url=url)
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
        raise TsaUnreachable(url=url, details=str(exc)) from exc
    if len(body) > MAX_RESPONSE:
        raise TsaAnswerTooLarge(url=url)
    return body


def _signed_data(untrusted_response: bytes) -> tuple[tsp.TimeStampResp, cms.SignedData]:
    try:
        response = tsp.TimeStampResp.load(untrusted_response)
        status = response["status"]["status"].native
        if status not in {"granted", "granted_with_mods"}:
            raise TsaRefused(details=str(status))
        signed = response["time_stamp_token"]["content"]
        signed.native  # parse everything now, so malformed input fails here  # noqa: B018
    except (ValueError, TypeError, KeyError) as exc:
        raise TokenMalformed(details=str(exc)) from exc
    return response, signed


def check_token(
    untrusted_response: bytes, digest: bytes, nonce: int | None = None, trust: TrustStore | None = None
) -> TokenInfo:
    """Check a TimeStampResp over `digest` (see the module's docstring); raises TimestampError when it is not a
    well-formed token over this data, and says in `trusted` whether it chains to a root in `trust`."""
    _, signed = _signed_data(untrusted_response)
    content = signed["encap_content_info"]["content"].parsed
    imprint = content["message_imprint"]
    if imprint["hash_algorithm"]["algorithm"].native != "sha256" or imprint["hashed_message"].native != digest:
        raise TokenForOtherData()
    if nonce is not None and content["nonce"].native != nonce:
        raise TokenNonceMismatch()
    if len(signed["signer_infos"]) != 1:
        raise TokenSignerCount()
    signer = signed["signer_infos"][0]
    certificate = _signer_certificate(signed, signer)
    signed_attrs = signer["signed_attrs"]
    digest_name = signer["digest_algorithm"]["algorithm"].native
    if digest_name not in _HASHES:
        raise TokenDigestUnsupported(digest=digest_name)
    content_bytes = signed["encap_content_info"]["content"].contents
    message_digest = _attribute(signed_attrs, "message_digest")
    if message_digest is None or hashlib.new(digest_name, content_bytes).digest() != message_digest.native:
        raise TokenContentAltered()
    _check_ess_cert_id(signed_attrs, certificate)
    _check_timestamping_eku(certificate)
    _verify_signature(certificate.public_key(), signer["signature"].native, signed_attrs.untag().dump(), digest_name)
    trusted, trust_detail = _chains_to(untrusted_response, digest, trust)
    return TokenInfo(
        gen_time=content["gen_time"].native,
        tsa_subject=certificate.subject.rfc4514_string(),
        serial=int(content["serial_number"].native),
        trusted=trusted,
        trust_detail=trust_detail,
    )


def _attribute(signed_attrs: cms.CMSAttributes, name: str) -> Any:
    values = [a["values"] for a in signed_attrs if a["type"].native == name]
    if len(values) > 1 or (values and len(values[0]) != 1):
        raise TokenAttributeRepeated(attribute=name)
    return values[0][0] if values else None


def _check_ess_cert_id(signed_attrs: cms.CMSAttributes, certificate: Certificate) -> None:
    """RFC 3161/5816: the signed attributes name the signer's certificate by hash, so another certificate with the
    same key or name cannot be swapped in."""
    der = certificate.public_bytes(_DER)
    v2 = _attribute(signed_attrs, "signing_certificate_v2")
    v1 = _attribute(signed_attrs, "signing_certificate")
    if v2 is not None:
        cert_id = v2["certs"][0]
        algorithm = cert_id["hash_algorithm"]["algorithm"].native
        if algorithm not in _HASHES:
            raise TokenCertHashUnsupported(algorithm=algorithm)
        expected = hashlib.new(algorithm, der).digest()
    elif v1 is not None:
        cert_id = v1["certs"][0]
        expected = hashlib.sha1(der).digest()  # noqa: S324 - ESSCertID v1 is defined over SHA-1
    else:
        raise TokenNoCertId()
    if cert_id["cert_hash"].native != expected:
        raise TokenCertIdOther()
    issuer_serial = cert_id["issuer_serial"]
    if issuer_serial.native is not None and issuer_serial["serial_number"].native != certificate.serial_number:
        raise TokenCertSerialOther()


def _check_timestamping_eku(certificate: Certificate) -> None:
    """RFC 3161 2.3: the TSA's certificate has exactly one, critical, extended key usage: timeStamping."""
    try:
        eku = certificate.extensions.get_extension_for_class(x509.ExtendedKeyUsage)
    except x509.ExtensionNotFound:
        eku = None
    except ValueError as exc:
        raise TsaCertMalformed(details=str(exc)) from exc
    if eku is None or not eku.critical or list(eku.value) != [ExtendedKeyUsageOID.TIME_STAMPING]:
        raise TsaCertNotForTimestamps()


def _chains_to(untrusted_response: bytes, digest: bytes, trust: TrustStore | None) -> tuple[bool, str]:
    """(True, root) when the token verifies against one root of `trust`, at the token's time; else (False, why)."""
    if trust is None or not trust.roots:
        return False, "no trust store was given"
    try:
        decoded = rfc3161_client.decode_timestamp_response(untrusted_response)
    except Exception as exc:  # noqa: BLE001 - the library's parser raises several types on malformed input
        return False, f"the token could not be read for the chain check ({type(exc).__name__})"
    for root in trust.roots:
        try:
            rfc3161_client.VerifierBuilder(roots=[root.certificate]).build().verify(decoded, digest)
        except (rfc3161_client.VerificationError, ValueError):
            continue
        return True, f"chains to {root.name} ({root.source})"
    return False, "its signer does not chain to any root you trust"


def _signer_certificate(signed: cms.SignedData, signer: cms.SignerInfo) -> Certificate:
    sid = signer["sid"]
    for candidate in signed["certificates"] or []:
        cert = candidate.chosen
        if sid.name == "issuer_and_serial_number":
            if cert.issuer == sid.chosen["issuer"] and cert.serial_number == sid.chosen["serial_number"].native:
                return load_der_x509_certificate(cert.dump())
        elif cert.key_identifier == sid.chosen.native:
            return load_der_x509_certificate(cert.dump())
    raise TokenNoTsaCert()


def _verify_signature(public_key: object, signature: bytes, data: bytes, digest_name: str) -> None:
    algorithm = _HASHES[digest_name]
    try:
        if isinstance(public_key, rsa.RSAPublicKey):
            public_key.verify(signature, data, padding.PKCS1v15(), algorithm)
        elif isinstance(public_key, ec.EllipticCurvePublicKey):
            public_key.verify(signature, data, ec.ECDSA(algorithm))
        else:
            raise TsaKeyTypeUnknown()
    except InvalidSignature as exc:
        raise TsaSignatureInvalid() from exc


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
    info = check_token(response, digest, nonce, TrustStore.build(TsaRootStore(default_roots_path())))
    return info, token_files(url, request_der, response)


def next_token_folder(existing: set[str]) -> str:
    """'signatures/tsa-N' with the first N not in `existing` (relative paths of the bag's files)."""
    index = 1
    while any(name.startswith(f"signatures/tsa-{index}/") for name in existing):
        index += 1
    return f"signatures/tsa-{index}"
