"""Argon2id: turning a passphrase into the key that unwraps a keyslot.

The parameters live in the header they protect. Parameters read from a header are untrusted until
`check_bounds` accepts them: a hostile header must not make us allocate gigabytes or spin for hours.
"""

from __future__ import annotations

import os
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from locker.crypto.secret import wipe_buffer, wipe_text
from locker.errors import EmptyPassphrase, HeaderUnsafeKdf, PassphraseTooLong

KEK_LENGTH = 32
SALT_LENGTH = 32

# Bounds on what a header may ask for. The upper memory bound (1 GiB) is four times what calibration chooses;
# the lower bounds are Argon2's own minimums, so tests can use fast parameters without a special switch.
MIN_MEMORY_KIB = 8
MAX_MEMORY_KIB = 1 << 20
MIN_ITERATIONS = 1
MAX_ITERATIONS = 64
MIN_LANES = 1
MAX_LANES = 16

MAX_PASSPHRASE_CHARS = 1024

CALIBRATION_TARGET_SECONDS = 0.5
CALIBRATION_MEMORY_KIB = 256 * 1024


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost: memory in KiB, number of passes, lanes (parallelism)."""

    memory_kib: int
    iterations: int
    lanes: int

    def check_bounds(self) -> None:
        """Refuse parameters outside what this version will ever run, before any key derivation."""
        ok = (
            MIN_MEMORY_KIB <= self.memory_kib <= MAX_MEMORY_KIB
            and MIN_ITERATIONS <= self.iterations <= MAX_ITERATIONS
            and MIN_LANES <= self.lanes <= MAX_LANES
            and self.memory_kib >= 8 * self.lanes
        )
        if not ok:
            raise HeaderUnsafeKdf(memory_size=self.memory_kib * 1024, iterations=self.iterations, lanes=self.lanes)


KdfFunction = Callable[[bytes | bytearray, bytes, KdfParams], bytes | bytearray]


def normalise_passphrase(passphrase: str) -> bytearray:
    """NFC-normalise and encode, so a passphrase typed on another keyboard layout or OS still matches.

    The UTF-8 bytes are written straight into a bytearray that `derive_kek` wipes: `str.encode` would leave an
    immutable `bytes` copy of the passphrase in memory until the allocator happens to reuse it.
    """
    nfc = unicodedata.normalize("NFC", passphrase)  # the same object when already NFC, the usual case
    out = bytearray(sum(_utf8_length(ord(ch)) for ch in nfc))
    at = 0
    for ch in nfc:
        code = ord(ch)
        length = _utf8_length(code)
        if length == 1:
            out[at] = code
        else:
            for i in range(length - 1, 0, -1):
                out[at + i] = 0x80 | (code & 0x3F)
                code >>= 6
            out[at] = (0xF0, 0xE0, 0xC0)[4 - length] | code
        at += length
    if nfc is not passphrase:
        wipe_text(nfc)
    return out


def _utf8_length(code: int) -> int:
    if 0xD800 <= code <= 0xDFFF:
        raise UnicodeEncodeError("utf-8", chr(code), 0, 1, "surrogates not allowed")
    return 1 if code < 0x80 else 2 if code < 0x800 else 3 if code < 0x10000 else 4


def check_new_passphrase(passphrase: str) -> None:
    """Refuse passphrases that cannot be set (empty, absurdly long). Strength advice is the UI's job."""
    if not passphrase:
        raise EmptyPassphrase()
    if len(passphrase) > MAX_PASSPHRASE_CHARS:
        raise PassphraseTooLong(limit=MAX_PASSPHRASE_CHARS)


def derive_kek(passphrase: bytes | bytearray, salt: bytes, params: KdfParams) -> bytearray:
    """Argon2id(passphrase, salt) with `params`, which must already have passed `check_bounds`.

    A `bytearray` passphrase is zeroed once derived (it is the temporary from `normalise_passphrase`).
    Returned in a bytearray the caller wipes: with the KEK, anyone holding a copy of the header gets the master key.
    """
    params.check_bounds()
    kdf = Argon2id(
        salt=salt,
        length=KEK_LENGTH,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    kek = bytearray(KEK_LENGTH)
    # cryptography reads any buffer (its stubs say bytes): passing the bytearray itself makes no immutable copy.
    kdf.derive_into(cast(bytes, passphrase), kek)
    if isinstance(passphrase, bytearray):
        wipe_buffer(passphrase)  # the normalised passphrase from `normalise_passphrase`, used once
        # The Argon2 implementation under `cryptography` (OpenSSL) leaves a copy of the password in a heap block it
        # frees without zeroing. A minimal run over the zeroed buffer, same length, gets the same block back and
        # overwrites it (measured by tests/panic/test_memory_after_lock.py; microseconds).
        Argon2id(
            salt=bytes(SALT_LENGTH), length=KEK_LENGTH, iterations=1, lanes=1, memory_cost=MIN_MEMORY_KIB
        ).derive_into(cast(bytes, passphrase), bytearray(KEK_LENGTH))
    return kek


def _available_memory_kib() -> int | None:
    try:
        pages = os.sysconf("SC_AVPHYS_PAGES")
        page_size = os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None
    return int(pages * page_size // 1024)


def calibrate(target_seconds: float = CALIBRATION_TARGET_SECONDS) -> KdfParams:
    """Choose parameters costing about `target_seconds` (and at most ~2x that) on this machine.

    Memory is 256 MiB where at least four times that is free, otherwise a quarter of what is free
    (never below 64 MiB); passes are raised until the target is met.
    """
    memory = CALIBRATION_MEMORY_KIB
    free = _available_memory_kib()
    if free is not None and free < 4 * memory:
        memory = max(64 * 1024, free // 4)
    lanes = max(1, min(4, os.cpu_count() or 1))
    salt = os.urandom(SALT_LENGTH)
    one_pass = KdfParams(memory_kib=memory, iterations=1, lanes=lanes)
    start = time.perf_counter()
    derive_kek(b"calibration", salt, one_pass)
    elapsed = time.perf_counter() - start
    # Cost is linear in passes: one measurement is enough to pick the count.
    iterations = max(1, min(MAX_ITERATIONS, round(target_seconds / max(elapsed, 1e-3) + 0.5)))
    return KdfParams(memory_kib=memory, iterations=iterations, lanes=lanes)
