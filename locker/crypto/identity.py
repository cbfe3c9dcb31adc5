"""The vault's Ed25519 identity: generated at creation, stored wrapped in the (already encrypted) database.

Its fingerprint is SHA256 of the OpenSSH public key blob, in the same form `ssh-keygen -l` prints, so counsel can
compare it with standard tools after hearing it over the phone.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from locker.crypto.keys import Purpose, derive_key
from locker.crypto.secret import SecretKey
from locker.errors import SigningKeyAltered

_AAD = b"evidence-locker/v1/ed25519-identity"


@dataclass(frozen=True)
class WrappedIdentity:
    """What the database stores: the public key in clear (within the DB) and the private key wrapped."""

    public_raw: bytes
    wrapped_private: bytes


def openssh_public_line(public: Ed25519PublicKey) -> str:
    """`ssh-ed25519 AAAA...` as in an allowed_signers or authorized_keys file."""
    return public.public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH).decode("ascii")


def fingerprint(public_raw: bytes) -> str:
    """`SHA256:<base64>` of the OpenSSH key blob, exactly what `ssh-keygen -lf` prints for the key."""
    public = Ed25519PublicKey.from_public_bytes(public_raw)
    blob = base64.b64decode(openssh_public_line(public).split()[1])
    digest = hashlib.sha256(blob).digest()
    return "SHA256:" + base64.b64encode(digest).decode("ascii").rstrip("=")


def generate_identity(master: SecretKey) -> WrappedIdentity:
    """A new Ed25519 key pair, the private half wrapped with a key derived from the master key."""
    private = Ed25519PrivateKey.generate()
    private_raw = private.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    public_raw = private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return _wrap(master, private_raw, public_raw)


def _wrap(master: SecretKey, private_raw: bytes, public_raw: bytes) -> WrappedIdentity:
    wrap = derive_key(master, Purpose.IDENTITY_WRAP)
    try:
        nonce = os.urandom(12)
        wrapped = nonce + AESGCM(wrap.buffer).encrypt(nonce, private_raw, _AAD + public_raw)
    finally:
        wrap.wipe()
    return WrappedIdentity(public_raw=public_raw, wrapped_private=wrapped)


def rewrap_identity(old_master: SecretKey, new_master: SecretKey, identity: WrappedIdentity) -> WrappedIdentity:
    """The same signing key wrapped under `new_master` (re-key): the fingerprint counsel knows stays the same."""
    private_raw = unwrap_identity(old_master, identity).private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    return _wrap(new_master, private_raw, identity.public_raw)


def unwrap_identity(master: SecretKey, identity: WrappedIdentity) -> Ed25519PrivateKey:
    """The signing key; raises TamperedError if the stored key was altered."""
    wrap = derive_key(master, Purpose.IDENTITY_WRAP)
    try:
        blob = identity.wrapped_private
        raw = AESGCM(wrap.buffer).decrypt(blob[:12], blob[12:], _AAD + identity.public_raw)
    except InvalidTag as exc:
        raise SigningKeyAltered() from exc
    finally:
        wrap.wipe()
    return Ed25519PrivateKey.from_private_bytes(raw)


SPOKEN_GROUPS = 12
SPOKEN_GROUP_DIGITS = 5


def spoken_fingerprint(fingerprint_text: str) -> str:
    """The same key's SHA-256 as 12 groups of 5 decimal digits, for two people to compare by voice.

    Why digits: they are read the same way in English and Russian (and on any phone line), need no word list that
    would have to exist, and be agreed on, in both languages, and a lawyer can compare them group by group with a
    sender who reads them aloud - the approach of Signal's safety numbers. The digits are the 256-bit digest (the
    bytes behind `SHA256:...`, so both forms name one key) taken as a big-endian integer modulo 10**60: about 199
    bits, far beyond any attempt to make another key with the same digits, and a key that differs in one bit has an
    unrelated digest and so unrelated digits. Raises ValueError when the text is not a `SHA256:` fingerprint.
    """
    text = fingerprint_text.strip()
    if not text.startswith("SHA256:"):
        raise ValueError("not a SHA256: fingerprint")
    body = text.removeprefix("SHA256:")
    digest = base64.b64decode(body + "=" * (-len(body) % 4), validate=True)
    if len(digest) != hashlib.sha256().digest_size:
        raise ValueError("not a SHA256: fingerprint")
    width = SPOKEN_GROUPS * SPOKEN_GROUP_DIGITS
    digits = str(int.from_bytes(digest, "big") % 10**width).zfill(width)
    return " ".join(digits[i : i + SPOKEN_GROUP_DIGITS] for i in range(0, width, SPOKEN_GROUP_DIGITS))


def is_fingerprint(text: str) -> bool:
    """True for a well-formed `SHA256:<43 base64 characters>`."""
    try:
        spoken_fingerprint(text)
    except ValueError:
        return False
    return True


def same_key(given: str, actual: str) -> bool:
    """True when `given` names the key `actual` (a `SHA256:` fingerprint), in either form the app shows: the
    fingerprint (spaces ignored, the prefix in any case; the base64 itself is case-sensitive) or the 60 digits read
    aloud (spaces and line breaks ignored). A lawyer is told she may compare either line, so either must work."""
    compact = "".join(given.split())
    if compact.isdigit() and compact.isascii():
        try:
            return compact == spoken_fingerprint(actual).replace(" ", "")
        except ValueError:
            return False
    if compact[:7].upper() == "SHA256:":
        compact = "SHA256:" + compact[7:]
    return hmac.compare_digest(compact.encode(), actual.encode())
