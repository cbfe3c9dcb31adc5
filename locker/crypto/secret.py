"""A key held in a mutable buffer that can be zeroed.

Python's `bytes` cannot be wiped, so every long-lived secret lives in a `bytearray` owned by a `SecretKey`.
Libraries (cryptography's AES-GCM, HKDF) hand results back as `bytes`; those short-lived copies are dropped at
once and are the residual risk we accept and document.
"""

from __future__ import annotations

import hmac

_HEX = b"0123456789abcdef"


class SecretKey:
    """32 secret bytes with an explicit `wipe()`."""

    __slots__ = ("_buf",)

    def __init__(self, material: bytes | bytearray) -> None:
        self._buf = bytearray(material)

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
        """Constant-time comparison."""
        return hmac.compare_digest(bytes(self.buffer), bytes(other))

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


def wipe_buffer(buf: bytearray) -> None:
    """Zero a temporary buffer in place."""
    for i in range(len(buf)):
        buf[i] = 0
