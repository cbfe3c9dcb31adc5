"""A key held in a mutable buffer that can be zeroed.

Python's `bytes` cannot be wiped, so every long-lived secret lives in a `bytearray` owned by a `SecretKey`.
Libraries (cryptography's AES-GCM, HKDF) hand results back as `bytes`; those short-lived copies are dropped at
once and are the residual risk we accept and document. Each key's pages are locked in RAM (mlock, see
locker/hardening.py) where the system allows it, so the key is not written to swap.
"""

from __future__ import annotations

import ctypes
import hmac
import os
import sys

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


def _str_layout() -> tuple[int, int] | None:
    """Offsets of the character data in a compact ASCII and a compact non-ASCII CPython `str` (None: unknown)."""
    if sys.implementation.name != "cpython" or not (3, 11) <= sys.version_info[:2] <= (3, 13):
        return None
    ascii_two = "".join([chr(97), chr(98)])  # fresh objects: no cached UTF-8 or wchar_t copy inflates their size
    latin_two = "".join([chr(0xE9), chr(0xE9)])
    return sys.getsizeof(ascii_two) - 3, sys.getsizeof(latin_two) - 3


_STR_LAYOUT = _str_layout()


def wipe_text(text: str) -> bool:
    """Overwrite a passphrase `str` in place with zeros, and its cached UTF-8 copy if CPython made one.

    Python strings are immutable, so this writes behind the interpreter's back: call it only on a string nobody
    will use again (the one read from a passphrase field or a terminal), never on a constant or a dictionary key.
    Strings of fewer than two characters are skipped (CPython shares those). True if wiped; False where the
    layout of `str` is not known (another Python), which leaves the copy to the allocator like any freed object.
    """
    if _STR_LAYOUT is None or len(text) < 2:
        return False
    ascii_offset, compact_offset = _STR_LAYOUT
    widest = max(map(ord, text))
    kind = 1 if widest < 0x100 else 2 if widest < 0x10000 else 4
    address = id(text)  # CPython: the object's address
    if widest < 0x80:
        ctypes.memset(address + ascii_offset, 0, len(text))
        return True
    ctypes.memset(address + compact_offset, 0, len(text) * kind)
    # PyCompactUnicodeObject: after the ASCII header come utf8_length and the utf8 pointer (a separate buffer).
    utf8_length = ctypes.c_ssize_t.from_address(address + ascii_offset).value
    utf8 = ctypes.c_void_p.from_address(address + ascii_offset + ctypes.sizeof(ctypes.c_ssize_t)).value
    if utf8:
        ctypes.memset(utf8, 0, utf8_length)
    return True
