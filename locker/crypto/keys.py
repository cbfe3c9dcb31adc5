"""Keys derived from the master key, each with an explicit purpose label.

One master key (MK) per vault; every other key is HKDF-SHA256(MK, info="evidence-locker/v1/<purpose>"), so
leaking one derived key (say the SQLCipher key, which SQLCipher keeps in its own memory) does not reveal another.
"""

from __future__ import annotations

from enum import Enum

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from locker.crypto.secret import SecretKey, random_secret

MASTER_KEY_LENGTH = 32


class Purpose(Enum):
    """Every use of a derived key; the value is the HKDF label and must never change for a format version."""

    SQLCIPHER = "sqlcipher-page-key"
    HEADER_MAC = "header-mac"
    IDENTITY_WRAP = "identity-key-wrap"


def new_master_key() -> SecretKey:
    """A fresh random master key."""
    return random_secret(MASTER_KEY_LENGTH)


def derive_key(master: SecretKey, purpose: Purpose) -> SecretKey:
    """The 32-byte key for `purpose`."""
    hkdf = HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=None,
        info=b"evidence-locker/v1/" + purpose.value.encode("ascii"),
    )
    out = bytearray(32)
    hkdf.derive_into(master.buffer, out)  # no immutable copy of the master key or of the result
    return SecretKey._adopt(out)
