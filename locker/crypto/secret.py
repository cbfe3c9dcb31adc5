"""A key held in a mutable buffer that can be zeroed.

Python's `bytes` cannot be wiped, so every long-lived secret lives in a `bytearray` owned by a `SecretKey`.
Libraries (cryptography's AES-GCM, HKDF) hand results back as `bytes`; those short-lived copies are dropped at
once and are the residual risk we accept and document. Each key's pages are locked in RAM (mlock, see
locker/hardening.py) where the system allows it, so the key is not written to swap.
"""

from __future__ import annotations

import hmac
import os

from locker.hardening import lock_in_memory

_HEX = b"0123456789abcdef"


class SecretKey:
    """32 secret bytes with an explicit `wipe()`."""

    __slots__ = ("_buf",)

    def __init__(self, material: bytes | bytearray | memoryview) -> None:
        self._buf = bytearray(material)
        lock_in_memory(self._buf)

    @classmethod
    def _adopt(cls, buf: bytearray) -> SecretKey:
        """Take ownership of `buf` without copying it."""
        key = cls.__new__(cls)
        key._buf = buf
        lock_in_memory(buf)
        return key

    def __len__(self) -> int:
        return len(self._buf)

    @property
    def buffer(self) -> bytearray:
        """The live buffer; do not keep references beyond the call that needs it."""
        if not self._buf:
            raise ValueError("key has been wiped")
        return self._buf

    def wipe(self) -> None:
        """Overwrite the key with zeros and forget its length."""
        for i in range(len(self._buf)):
            self._buf[i] = 0
        self._buf = bytearray()

    @property
    def wiped(self) -> bool:
        return not self._buf

    def equals(self, other: bytes | bytearray) -> bool:
        """Constant-time comparison, without making an immutable copy of either side."""
        return hmac.compare_digest(self.buffer, other)

    def sqlcipher_raw_key(self) -> bytearray:
        """The `x'<hex>'` blob SQLCipher takes as a raw key, built byte by byte into a bytearray.

        Building it with `.hex()` or an f-string would leave immutable `str` copies of the key in memory.
        The caller wipes the returned buffer after `set_key`.
        """
        key = self.buffer
        out = bytearray(3 + 2 * len(key))
        out[0:2] = b"x'"
        for i, byte in enumerate(key):
            out[2 + 2 * i] = _HEX[byte >> 4]
            out[3 + 2 * i] = _HEX[byte & 0x0F]
        out[-1] = ord("'")
        return out


def random_secret(length: int) -> SecretKey:
    """Random bytes read straight into a wipeable buffer (os.urandom would leave an immutable copy behind)."""
    buf = bytearray(length)
    try:
        with open("/dev/urandom", "rb", buffering=0) as source:
            if source.readinto(buf) == length:
                return SecretKey._adopt(buf)
    except OSError:
        pass
    buf[:] = os.urandom(length)  # Windows: no /dev/urandom; the short-lived copy is the accepted residue
    return SecretKey._adopt(buf)


def wipe_buffer(buf: bytearray) -> None:
    """Zero a temporary buffer in place."""
    for i in range(len(buf)):
        buf[i] = 0
