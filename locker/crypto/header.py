"""The 64 KiB key header: Argon2id parameters, one salt, fixed-size keyslots, padding.

Layout (all integers big-endian):

    0    8  magic b"ELOCKHDR"
    8    2  format version (1 or 2: says the page size of vault.db, see DATABASE_PAGE_SIZES)
    10   1  KDF id (1 = Argon2id)       11  1  reserved (0)
    12   4  memory KiB   16  4  passes   20  4  lanes
    24  32  salt
    56   2  slot count (4)  58  2  slot size (92)   60  4  reserved (0)
    64 368  4 keyslots of 92 bytes: nonce(12) || AES-256-GCM(KEK, MK || kind || zeros)(64) || tag(16)
   432  32  HMAC-SHA256(header-mac key from MK) over bytes [0, 432) and [496, 65536)
   464  32  SHA-256 over bytes [0, 464) and [496, 65536): catches accidental damage before any KDF runs
   496 ...  random padding up to 65536

Security invariants:
- Unused slots are random bytes of the same size as used ones: the file does not say how many are in use.
- Unlock runs the KDF once and tries every slot, so right, duress and wrong passphrases cost the same.
- The fixed fields [0, 64) are the AAD of every slot, so changing the parameters or salt breaks every slot. The
  version field enters the AAD as 1 whatever it says, so `locker upgrade` can raise it without every slot's
  passphrase (the duress one is never known); the version is still authenticated: by the MAC, keyed by the master
  key, which unlock checks before the database is opened with the version's page size.
- A passphrase change rewrites bytes [64, 496) in place with one write and fsync: never a temp file and
  rename, which would leave the old wrapped key on disk for the old passphrase to open. A format upgrade rewrites
  [8, 496) the same way: one write inside the first 512-byte sector.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import struct
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from locker.crypto.kdf import SALT_LENGTH, KdfFunction, KdfParams, derive_kek, normalise_passphrase
from locker.crypto.keys import MASTER_KEY_LENGTH, Purpose, derive_key
from locker.crypto.secret import SecretKey, wipe_buffer
from locker.errors import (
    HeaderAltered,
    HeaderChecksumWrong,
    HeaderFormatTooNew,
    HeaderLayoutUnknown,
    HeaderWriteIncomplete,
    HeaderWrongSize,
    NotAHeader,
    WrongPassphraseError,
)

HEADER_SIZE = 64 * 1024
MAGIC = b"ELOCKHDR"
#: The format new vaults get. Format 1 (until 2026-12) kept vault.db in SQLCipher's default 4 KiB pages.
FORMAT_VERSION = 2
#: The page size vault.db has in each header format (benchmarks/page_size.py chose 2's). SQLCipher cannot read it
#: from the encrypted file, so it lives here, in the data it describes.
DATABASE_PAGE_SIZES = {1: 4096, 2: 16384}
VERSION_OFFSET = 8
#: What the version field reads as in every slot's AAD (see the invariants above).
_SLOT_AAD_VERSION = struct.pack(">H", 1)
KDF_ARGON2ID = 1
SLOT_COUNT = 4
NONCE_SIZE = 12
SLOT_PLAINTEXT_SIZE = 64
SLOT_SIZE = NONCE_SIZE + SLOT_PLAINTEXT_SIZE + 16
FIXED_END = 64
SLOTS_END = FIXED_END + SLOT_COUNT * SLOT_SIZE
MAC_END = SLOTS_END + 32
CHECKSUM_END = MAC_END + 32
_FIXED = struct.Struct(">8sHBBIII32sHH4s")


class SlotKind(IntEnum):
    """What unlocking a slot means. Stored inside the encrypted slot, never visible without its passphrase."""

    OWNER = 1
    DURESS = 2


@dataclass(frozen=True)
class Header:
    """A parsed header. `raw` is the exact 64 KiB read from disk."""

    version: int
    params: KdfParams
    salt: bytes
    raw: bytes

    @property
    def database_page_size(self) -> int:
        """The page size vault.db was written with, by this header's format."""
        return DATABASE_PAGE_SIZES[self.version]

    @property
    def is_current_format(self) -> bool:
        """False for a vault made before format 2: it opens as it is, and `locker upgrade` converts it."""
        return self.version == FORMAT_VERSION

    def slot(self, index: int) -> bytes:
        start = FIXED_END + index * SLOT_SIZE
        return self.raw[start : start + SLOT_SIZE]


@dataclass
class Unlocked:
    """The result of a successful unlock: the master key and which slot opened it."""

    master_key: SecretKey
    slot_index: int
    kind: SlotKind


def _checksum(raw: bytes | bytearray) -> bytes:
    return hashlib.sha256(bytes(raw[:MAC_END]) + bytes(raw[CHECKSUM_END:])).digest()


def _mac(master: SecretKey, raw: bytes | bytearray) -> bytes:
    key = derive_key(master, Purpose.HEADER_MAC)
    try:
        return hmac.new(key.buffer, bytes(raw[:SLOTS_END]) + bytes(raw[CHECKSUM_END:]), "sha256").digest()
    finally:
        key.wipe()


def _wipe_if_mutable(secret: bytes | bytearray) -> None:
    if isinstance(secret, bytearray):
        wipe_buffer(secret)


def _aad(raw: bytes | bytearray, index: int) -> bytes:
    fixed = bytes(raw[:VERSION_OFFSET]) + _SLOT_AAD_VERSION + bytes(raw[VERSION_OFFSET + 2 : FIXED_END])
    return fixed + bytes([index])


def _wrap_slot(kek: bytes | bytearray, master: SecretKey, kind: SlotKind, raw: bytearray, index: int) -> bytes:
    plaintext = bytearray(SLOT_PLAINTEXT_SIZE)
    plaintext[:MASTER_KEY_LENGTH] = master.buffer
    plaintext[MASTER_KEY_LENGTH] = int(kind)
    nonce = os.urandom(NONCE_SIZE)
    try:
        return nonce + AESGCM(kek).encrypt(nonce, plaintext, _aad(raw, index))
    finally:
        wipe_buffer(plaintext)
        _wipe_if_mutable(kek)


def build_header(master: SecretKey, passphrase: str, params: KdfParams, kdf: KdfFunction = derive_kek) -> bytes:
    """A new header with slot 0 opened by `passphrase` (owner) and the other slots random."""
    params.check_bounds()
    raw = bytearray(os.urandom(HEADER_SIZE))
    salt = os.urandom(SALT_LENGTH)
    raw[:FIXED_END] = _FIXED.pack(
        MAGIC,
        FORMAT_VERSION,
        KDF_ARGON2ID,
        0,
        params.memory_kib,
        params.iterations,
        params.lanes,
        salt,
        SLOT_COUNT,
        SLOT_SIZE,
        bytes(4),
    )
    kek = kdf(normalise_passphrase(passphrase), salt, params)
    raw[FIXED_END : FIXED_END + SLOT_SIZE] = _wrap_slot(kek, master, SlotKind.OWNER, raw, 0)
    raw[SLOTS_END:MAC_END] = _mac(master, raw)
    raw[MAC_END:CHECKSUM_END] = _checksum(raw)
    return bytes(raw)


def parse_header(untrusted_raw: bytes) -> Header:
    """Check a header's structure, checksum and parameter bounds. Runs no key derivation."""
    if len(untrusted_raw) != HEADER_SIZE:
        raise HeaderWrongSize(actual=len(untrusted_raw), expected=HEADER_SIZE)
    (magic, version, kdf_id, _r, memory, iterations, lanes, salt, slots, slot_size, _r2) = _FIXED.unpack(
        untrusted_raw[:FIXED_END]
    )
    if magic != MAGIC:
        raise NotAHeader()
    if version not in DATABASE_PAGE_SIZES:
        raise HeaderFormatTooNew(version=version, oldest=min(DATABASE_PAGE_SIZES), newest=max(DATABASE_PAGE_SIZES))
    if not hmac.compare_digest(_checksum(untrusted_raw), untrusted_raw[MAC_END:CHECKSUM_END]):
        raise HeaderChecksumWrong()
    if kdf_id != KDF_ARGON2ID or slots != SLOT_COUNT or slot_size != SLOT_SIZE:
        raise HeaderLayoutUnknown()
    params = KdfParams(memory_kib=memory, iterations=iterations, lanes=lanes)
    params.check_bounds()
    return Header(version=version, params=params, salt=salt, raw=untrusted_raw)


def unlock_header(header: Header, passphrase: str, kdf: KdfFunction = derive_kek) -> Unlocked:
    """Derive the key once, try every slot (no early exit), then check the header MAC with the found key."""
    kek = kdf(normalise_passphrase(passphrase), header.salt, header.params)
    aead = AESGCM(kek)
    _wipe_if_mutable(kek)
    found: Unlocked | None = None
    plaintext = bytearray(SLOT_PLAINTEXT_SIZE)
    for index in range(SLOT_COUNT):
        slot = header.slot(index)
        try:
            # Decrypt into our own buffer: decrypt() would return the master key as immutable bytes.
            aead.decrypt_into(slot[:NONCE_SIZE], slot[NONCE_SIZE:], _aad(header.raw, index), plaintext)
        except InvalidTag:
            continue
        if found is None:
            kind = plaintext[MASTER_KEY_LENGTH]
            found = Unlocked(SecretKey(memoryview(plaintext)[:MASTER_KEY_LENGTH]), index, SlotKind(kind))
        wipe_buffer(plaintext)
    if found is None:
        raise WrongPassphraseError()
    if found.kind is SlotKind.DURESS:
        # A duress slot wraps a random key, not the master key, so it cannot check the MAC; the caller erases.
        return found
    if not hmac.compare_digest(_mac(found.master_key, header.raw), header.raw[SLOTS_END:MAC_END]):
        found.master_key.wipe()
        raise HeaderAltered()
    return found


def rewrap_slot(
    header: Header,
    master: SecretKey,
    index: int,
    passphrase: str,
    kind: SlotKind,
    kdf: KdfFunction = derive_kek,
) -> bytes:
    """The new bytes for [FIXED_END, CHECKSUM_END): slot `index` opened by `passphrase`, MAC and checksum updated.

    Other slots keep their bytes, so other passphrases keep working. `clear_slot` fills a slot with random bytes.
    """
    raw = bytearray(header.raw)
    kek = kdf(normalise_passphrase(passphrase), header.salt, header.params)
    start = FIXED_END + index * SLOT_SIZE
    raw[start : start + SLOT_SIZE] = _wrap_slot(kek, master, kind, raw, index)
    return _seal(raw, master)


def new_duress_slot(
    header: Header, master: SecretKey, index: int, passphrase: str, kdf: KdfFunction = derive_kek
) -> bytes:
    """Region bytes with slot `index` opened by a duress passphrase.

    The slot wraps a random decoy key, never the master key: whoever is told the duress passphrase cannot open a
    copy of the vault made before it was used.
    """
    decoy = SecretKey(os.urandom(MASTER_KEY_LENGTH))
    try:
        raw = bytearray(header.raw)
        kek = kdf(normalise_passphrase(passphrase), header.salt, header.params)
        start = FIXED_END + index * SLOT_SIZE
        raw[start : start + SLOT_SIZE] = _wrap_slot(kek, decoy, SlotKind.DURESS, raw, index)
    finally:
        decoy.wipe()
    return _seal(raw, master)


def clear_slot(header: Header, master: SecretKey, index: int) -> bytes:
    """Region bytes with slot `index` replaced by random bytes (indistinguishable from a slot never used)."""
    raw = bytearray(header.raw)
    start = FIXED_END + index * SLOT_SIZE
    raw[start : start + SLOT_SIZE] = os.urandom(SLOT_SIZE)
    return _seal(raw, master)


def _seal(raw: bytearray, master: SecretKey) -> bytes:
    raw[SLOTS_END:MAC_END] = _mac(master, raw)
    raw[MAC_END:CHECKSUM_END] = _checksum(raw)
    return bytes(raw[FIXED_END:CHECKSUM_END])


def upgraded_region(header: Header, master: SecretKey) -> bytes:
    """The new bytes for [VERSION_OFFSET, CHECKSUM_END): the version raised to FORMAT_VERSION, MAC and checksum
    updated. Every slot keeps its bytes and keeps opening (the AAD reads the version as 1)."""
    raw = bytearray(header.raw)
    struct.pack_into(">H", raw, VERSION_OFFSET, FORMAT_VERSION)
    _seal(raw, master)
    return bytes(raw[VERSION_OFFSET:CHECKSUM_END])


def mac_matches(header: Header, master: SecretKey) -> bool:
    """True when the header's MAC is the one `master` makes: the header as written by the holder of the key."""
    return hmac.compare_digest(_mac(master, header.raw), header.raw[SLOTS_END:MAC_END])


def locked_forever(untrusted_raw: bytes) -> bytes:
    """A header that looks like this one but that no passphrase opens: the same magic, version and KDF parameters,
    and everything else (salt, every slot, MAC, padding) new random bytes, with a valid checksum. Unlocking it costs
    the same KDF run and fails like any wrong passphrase; the master key it wrapped is gone."""
    fresh = bytearray(os.urandom(HEADER_SIZE))
    fresh[:24] = untrusted_raw[:24]  # magic, version, KDF id and parameters
    fresh[56:FIXED_END] = untrusted_raw[56:FIXED_END]  # slot count and size
    fresh[MAC_END:CHECKSUM_END] = _checksum(fresh)
    return bytes(fresh)


def read_header_file(path: Path) -> bytes:
    """The raw header bytes (at most one byte more than a header, to notice a wrong size)."""
    with open(path, "rb") as fh:
        return fh.read(HEADER_SIZE + 1)


def write_header_region_in_place(path: Path, offset: int, data: bytes) -> None:
    """Overwrite part of the header file in place and fsync it. Never via a temporary file."""
    fd = os.open(path, os.O_WRONLY | getattr(os, "O_BINARY", 0))
    try:
        written = os.pwrite(fd, data, offset)
        if written != len(data):
            raise HeaderWriteIncomplete()
        os.fsync(fd)
    finally:
        os.close(fd)


def header_with_region(header: Header, offset: int, data: bytes) -> Header:
    """The header as it will be after `write_header_region_in_place(offset, data)`."""
    raw = header.raw[:offset] + data + header.raw[offset + len(data) :]
    return parse_header(raw)
