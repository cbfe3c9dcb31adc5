"""Timestamp tokens made in the test, for the cases a real TSA will not produce: a chosen time (backdated, future),
a certificate without the timeStamping EKU, an ESSCertID naming another certificate, a self-made root calling itself
DigiCert. Certificates are made with `cryptography`, tokens with `asn1crypto`, signed with RSA like most TSAs; the
tests check every such token with `openssl ts -verify` too, so these are real tokens, not shapes our code expects."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from asn1crypto import algos, cms, core, tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

VALID_FROM = datetime(2020, 1, 1, tzinfo=UTC)
VALID_UNTIL = datetime(2035, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Authority:
    root: x509.Certificate
    signer: x509.Certificate
    signer_key: rsa.RSAPrivateKey

    def root_pem(self, path: Path) -> Path:
        path.write_bytes(self.root.public_bytes(serialization.Encoding.PEM))
        return path


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def make_authority(
    root_name: str = "Forged Test Root",
    signer_name: str = "Forged Test TSA",
    eku: tuple[x509.ObjectIdentifier, ...] = (ExtendedKeyUsageOID.TIME_STAMPING,),
    eku_critical: bool = True,
) -> Authority:
    root_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    root = (
        x509.CertificateBuilder()
        .subject_name(_name(root_name))
        .issuer_name(_name(root_name))
        .public_key(root_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(VALID_FROM)
        .not_valid_after(VALID_UNTIL)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(root_key.public_key()), critical=False)
        .sign(root_key, hashes.SHA256())
    )
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(signer_name))
        .issuer_name(root.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(VALID_FROM)
        .not_valid_after(VALID_UNTIL)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()), critical=False)
    )
    if eku:
        builder = builder.add_extension(x509.ExtendedKeyUsage(list(eku)), critical=eku_critical)
    return Authority(root, builder.sign(root_key, hashes.SHA256()), key)


def make_token(
    authority: Authority,
    digest: bytes,
    gen_time: datetime | None = None,
    ess: str = "v2",
    signers: int = 1,
    status: str = "granted",
) -> bytes:
    """A TimeStampResp over `digest` with `status` ("granted" or "granted_with_mods"). `ess`: "v2", "v1", "wrong"
    (names another certificate) or "none"."""
    signer_der = authority.signer.public_bytes(serialization.Encoding.DER)
    info = tsp.TSTInfo(
        {
            "version": 1,
            "policy": "1.2.3.4.1",
            "message_imprint": {"hash_algorithm": {"algorithm": "sha256"}, "hashed_message": digest},
            "serial_number": x509.random_serial_number(),
            "gen_time": (gen_time or datetime.now(UTC)).replace(microsecond=0),
        }
    )
    attributes = [
        {"type": "content_type", "values": ["tst_info"]},
        {"type": "message_digest", "values": [hashlib.sha256(info.dump()).digest()]},
    ]
    if ess == "v2":
        cert_id = {"hash_algorithm": {"algorithm": "sha256"}, "cert_hash": hashlib.sha256(signer_der).digest()}
        attributes.append({"type": "signing_certificate_v2", "values": [{"certs": [cert_id]}]})
    elif ess == "v1":
        sha1 = hashlib.sha1(signer_der).digest()  # ESSCertID v1 is SHA-1 by definition
        attributes.append({"type": "signing_certificate", "values": [{"certs": [{"cert_hash": sha1}]}]})
    elif ess == "wrong":
        other = authority.root.public_bytes(serialization.Encoding.DER)
        cert_id = {"hash_algorithm": {"algorithm": "sha256"}, "cert_hash": hashlib.sha256(other).digest()}
        attributes.append({"type": "signing_certificate_v2", "values": [{"certs": [cert_id]}]})
    signed_attrs = cms.CMSAttributes(attributes)
    signature = authority.signer_key.sign(signed_attrs.dump(), padding.PKCS1v15(), hashes.SHA256())
    certificate = asn1_x509.Certificate.load(signer_der)
    signer_info = cms.SignerInfo(
        {
            "version": "v1",
            "sid": cms.SignerIdentifier(
                {
                    "issuer_and_serial_number": {
                        "issuer": certificate.issuer,
                        "serial_number": certificate.serial_number,
                    }
                }
            ),
            "digest_algorithm": algos.DigestAlgorithm({"algorithm": "sha256"}),
            "signed_attrs": signed_attrs,
            "signature_algorithm": algos.SignedDigestAlgorithm({"algorithm": "sha256_rsa"}),
            "signature": signature,
        }
    )
    signed = cms.SignedData(
        {
            "version": "v3",
            "digest_algorithms": [algos.DigestAlgorithm({"algorithm": "sha256"})],
            "encap_content_info": {"content_type": "tst_info", "content": core.ParsableOctetString(info.dump())},
            "certificates": [certificate],
            "signer_infos": [signer_info] * signers,
        }
    )
    token = cms.ContentInfo({"content_type": "signed_data", "content": signed})
    return bytes(tsp.TimeStampResp({"status": {"status": status}, "time_stamp_token": token}).dump())


def place_token(bag: Path, token: bytes, authority: Authority, folder: str = "tsa-1") -> Path:
    """Put a token into a folder bundle as export would (signatures/ is outside the tag manifest)."""
    target = bag / "signatures" / folder
    target.mkdir(parents=True)
    (target / "token.tsr").write_bytes(token)
    (target / "chain.pem").write_bytes(authority.signer.public_bytes(serialization.Encoding.PEM))
    (target / "url.txt").write_text("http://tsa.invalid/\n")
    return target


def days(n: int) -> timedelta:
    return timedelta(days=n)
