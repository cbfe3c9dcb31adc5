"""Which timestamp authorities' roots a verifier trusts: a short curated list, plus the roots the user adds.

A token proves *when* only if its signer chains to a root the verifier trusts; a certificate shipped inside a
bundle proves nothing, since anyone can make one that calls itself "DigiCert". The curated roots are the roots of
the public TSAs the app offers (public_tsas.py). They are never fetched at run time: they are taken from the
installed `certifi` package (Mozilla's CA list, packaged with the app) or, failing that, from the system's
ca-certificates bundle, and picked by their SHA-256 fingerprint pinned below, so a changed certificate store cannot
add a root to this list. Provenance and the reasoning for each root: docs/TSA_ROOTS.md.

Roots the user adds (a local or national TSA, a court's own) live in a private 0o600 JSON file in the user's config
folder, the same way as known senders; `--tsa-root PEM` adds one for a single run.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from pathlib import Path

import platformdirs
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from locker.errors import RootFileNoCertificate, RootFileTooLarge, RootFileUnreadable
from locker.private_records import PrivateRecords

#: name -> SHA-256 of the root certificate's DER. Each is the root the named public TSA's signing chain ends in.
CURATED_ROOTS: dict[str, str] = {
    "DigiCert Trusted Root G4": "552f7bdcf1a7af9e6ce672017f4f12abf77240c78e761ac203d1d9d20ac89988",
    "USERTrust RSA Certification Authority (Sectigo)": (
        "e793c9b02fd8aa13e21c31228accb08119643b749c898964b1746d46c3d4cbd2"
    ),
    "GlobalSign Root CA - R6": "2cabeafe37d06ca22aba7391c0033d25982952c453647349763a3ab5ad6ccf69",
    "GlobalSign Root CA - R3": "cbb522d7b7f127ad6a0113865bdf1cd4102e7d0759af635a7cf4720dc963c53b",
    "Certum Trusted Network CA": "5c58468d55f58e497e743982d2b50010b6d165374acf83a7d4a32db768c4408e",
}

_SYSTEM_BUNDLES = (Path("/etc/ssl/certs/ca-certificates.crt"), Path("/etc/pki/tls/certs/ca-bundle.crt"))
MAX_PEM = 1 << 20


@dataclass(frozen=True)
class TrustedRoot:
    name: str
    certificate: x509.Certificate
    source: str  # "curated", "yours" (kept in the config folder) or "this run" (--tsa-root)

    @property
    def fingerprint(self) -> str:
        return certificate_fingerprint(self.certificate)


def certificate_fingerprint(certificate: x509.Certificate) -> str:
    return hashlib.sha256(certificate.public_bytes(Encoding.DER)).hexdigest()


def _certificate_name(certificate: x509.Certificate) -> str:
    names = certificate.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    value = names[0].value if names else certificate.subject.rfc4514_string()
    return value if isinstance(value, str) else value.decode("utf-8", "replace")


def _bundle_texts() -> list[bytes]:
    texts = []
    try:
        import certifi  # noqa: PLC0415 - optional at import time; the packaged app always has it

        texts.append(Path(certifi.where()).read_bytes())
    except (ImportError, OSError):
        pass
    for path in _SYSTEM_BUNDLES:
        try:
            texts.append(path.read_bytes())
        except OSError:
            continue
    return texts


def curated_roots() -> list[TrustedRoot]:
    """The curated roots found in the installed certificate stores (a root missing from both is left out)."""
    wanted = {digest: name for name, digest in CURATED_ROOTS.items()}
    found: dict[str, TrustedRoot] = {}
    for text in _bundle_texts():
        for der in _pem_blocks(text):
            digest = hashlib.sha256(der).hexdigest()  # only the pinned ones are parsed at all
            if digest in wanted and digest not in found:
                found[digest] = TrustedRoot(wanted[digest], x509.load_der_x509_certificate(der), "curated")
    return [found[d] for d in wanted if d in found]


def _pem_blocks(data: bytes) -> list[bytes]:
    """The DER of every CERTIFICATE block in a PEM text (blocks that do not decode are skipped)."""
    blocks = []
    for chunk in data.split(b"-----BEGIN CERTIFICATE-----")[1:]:
        body = chunk.split(b"-----END CERTIFICATE-----", 1)[0]
        try:
            blocks.append(base64.b64decode(b"".join(body.split()), validate=True))
        except ValueError:
            continue
    return blocks


def _load_pem_certificates(data: bytes) -> list[x509.Certificate]:
    """Every certificate in a PEM text that parses."""
    certificates = []
    for der in _pem_blocks(data):
        try:
            certificates.append(x509.load_der_x509_certificate(der))
        except ValueError:
            continue
    return certificates


def load_root_file(path: Path) -> list[x509.Certificate]:
    """The certificates in a PEM file the user named; a clear UsageError when there are none."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_PEM + 1)
    except OSError as exc:
        raise RootFileUnreadable(path=str(path), details=exc.strerror) from exc
    if len(data) > MAX_PEM:
        raise RootFileTooLarge(path=str(path))
    certificates = _load_pem_certificates(data)
    if not certificates:
        raise RootFileNoCertificate(path=str(path))
    return certificates


def default_roots_path() -> Path:
    return Path(platformdirs.user_config_dir("locker", appauthor=False)) / "tsa-roots.json"


class TsaRootStore:
    """The roots the user chose to trust for timestamps; with no path it lives only in memory."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._records = PrivateRecords(path, "roots")

    def roots(self) -> list[TrustedRoot]:
        """The stored roots; a damaged file reads as none (the worst outcome is "untrusted time")."""
        found = []
        for entry in self._records.load():
            if not isinstance(entry.get("pem"), str):
                continue
            try:
                certificate = x509.load_pem_x509_certificate(entry["pem"].encode("ascii"))
            except (ValueError, UnicodeEncodeError):
                continue
            name = entry.get("name")
            name = name if isinstance(name, str) and name.strip() else _certificate_name(certificate)
            found.append(TrustedRoot(name, certificate, "yours"))
        return found

    def add(self, certificate: x509.Certificate, name: str | None = None) -> TrustedRoot:
        """Add a root (or rename it, when the same certificate is already there)."""
        root = TrustedRoot((name or "").strip() or _certificate_name(certificate), certificate, "yours")
        kept = [r for r in self.roots() if r.fingerprint != root.fingerprint]
        self._save([*kept, root])
        return root

    def remove(self, name_or_fingerprint: str) -> bool:
        """Remove by name or by (a prefix of at least 8 characters of) the SHA-256 fingerprint."""
        key = name_or_fingerprint.strip()
        lowered = key.lower().replace(":", "")

        def matches(root: TrustedRoot) -> bool:
            return root.name == key or (len(lowered) >= 8 and root.fingerprint.startswith(lowered))

        roots = self.roots()
        kept = [r for r in roots if not matches(r)]
        if len(kept) == len(roots):
            return False
        self._save(kept)
        return True

    def _save(self, roots: list[TrustedRoot]) -> None:
        records = [{"name": r.name, "pem": r.certificate.public_bytes(Encoding.PEM).decode("ascii")} for r in roots]
        self._records.save(records)


@dataclass(frozen=True)
class TrustStore:
    """Every root a token may chain to in this verification."""

    roots: tuple[TrustedRoot, ...]

    @classmethod
    def build(cls, store: TsaRootStore | None = None, extra: tuple[x509.Certificate, ...] = ()) -> TrustStore:
        """Curated roots, the user's stored roots and this run's extra ones, each certificate once."""
        candidates = [*curated_roots(), *(store.roots() if store else [])]
        candidates += [TrustedRoot(_certificate_name(c), c, "this run") for c in extra]
        unique: dict[str, TrustedRoot] = {}
        for root in candidates:
            unique.setdefault(root.fingerprint, root)
        return cls(tuple(unique.values()))

    def certificates(self) -> list[x509.Certificate]:
        return [root.certificate for root in self.roots]

    def pem(self) -> bytes:
        """All roots as one PEM text: what `openssl ts -verify -CAfile` takes to check the same way."""
        return b"".join(root.certificate.public_bytes(Encoding.PEM) for root in self.roots)
