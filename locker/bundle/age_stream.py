"""A seekable, read-only view of an age v1 file's plaintext, for X25519 identities (age-encryption.org/v1).

`zipfile.ZipFile` reads the decrypted zip inside an .age bundle through this, by seeking: nothing decrypted is
written anywhere, and at most one 64 KiB chunk of plaintext is held at a time. Every chunk is authenticated
before a byte of it is returned; any failure raises LockerError, never returns wrong bytes. The last chunk is
found from the file size and decrypted when the file is opened, so a truncated file, an appended chunk or a
missing last-chunk flag is refused at once.

Only the ciphers come from `cryptography`; this module does the framing the spec describes: the header (strict
stanza and line rules, X25519 file-key unwrap, header MAC), the payload key and the STREAM chunk nonces.
"""

from __future__ import annotations

import base64
import hmac
import io
import os
import stat
from hashlib import sha256
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from locker.errors import LockerError

VERSION_LINE = b"age-encryption.org/v1\n"
CHUNK = 64 * 1024
TAG = 16
SEALED_CHUNK = CHUNK + TAG
#: A header is a few hundred bytes per recipient; a stranger's file may not make us read more than this.
MAX_HEADER = 1024 * 1024
X25519_LABEL = b"age-encryption.org/v1/X25519"
BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


class AgeError(LockerError):
    """The .age bundle could not be decrypted."""


class AgeDamaged(AgeError):
    """The .age bundle is damaged, or was altered."""


class AgeWrongKey(AgeError):
    """The .age bundle is not encrypted to this age key."""


class AgePassphraseBundle(AgeError):
    """The .age bundle is encrypted to a passphrase (scrypt); it needs an X25519 key instead."""


class AgeArmored(AgeError):
    """The .age bundle is ASCII-armored; only binary age files are supported."""


class NotAnAgeFile(AgeError):
    """This is not an age v1 file."""


class AgeIdentityInvalid(AgeError):
    """The age identity file holds something that is not a valid age secret key."""


class AgeIdentityNoKey(AgeError):
    """{path} holds no AGE-SECRET-KEY-1... line."""


class AgeIdentityNotAFile(AgeError):
    """{path} is not a regular file."""


def _hkdf(ikm: bytes, salt: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(ikm)


def _b64(text: bytes) -> bytes:
    """Canonical unpadded base64, as the spec requires: anything else is refused."""
    try:
        raw = base64.b64decode(text + b"=" * (-len(text) % 4), validate=True)
    except ValueError as exc:
        raise AgeDamaged(details="The .age header holds invalid base64.") from exc
    if base64.b64encode(raw).rstrip(b"=") != text:
        raise AgeDamaged(details="The .age header holds non-canonical base64.")
    return raw


def _bech32_polymod(values: list[int]) -> int:
    generator = [0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3]
    check = 1
    for value in values:
        top = check >> 25
        check = (check & 0x1FFFFFF) << 5 ^ value
        for i in range(5):
            check ^= generator[i] if (top >> i) & 1 else 0
    return check


def parse_identity(line: str) -> X25519PrivateKey:
    """An `AGE-SECRET-KEY-1...` line (Bech32, checksum verified) as an X25519 private key."""
    text = line.strip().lower()
    hrp, sep, data_part = text.rpartition("1")
    if hrp != "age-secret-key-" or not sep or any(c not in BECH32 for c in data_part) or len(data_part) < 7:
        raise AgeIdentityInvalid(details="a line that is not an AGE-SECRET-KEY-1... key")
    values = [BECH32.index(c) for c in data_part]
    expanded = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    if _bech32_polymod(expanded + values) != 1:
        raise AgeIdentityInvalid(details="a key with a wrong checksum")
    acc, bits, out = 0, 0, bytearray()
    for value in values[:-6]:
        acc, bits = (acc << 5) | value, bits + 5
        if bits >= 8:
            bits -= 8
            out.append((acc >> bits) & 0xFF)
    if len(out) != 32 or acc & ((1 << bits) - 1):
        raise AgeIdentityInvalid(details="a key of the wrong length")
    return X25519PrivateKey.from_private_bytes(bytes(out))


def read_identities(path: Path) -> list[X25519PrivateKey]:
    keys = [parse_identity(line) for line in path.read_text().splitlines() if line.strip().startswith("AGE-SECRET")]
    if not keys:
        raise AgeIdentityNoKey(path=str(path))
    return keys


def _read_line(fh: io.BufferedReader, budget: int) -> bytes:
    line = fh.readline(budget)
    if not line.endswith(b"\n"):
        raise AgeDamaged(details="The .age header is truncated or too long.")
    return line


def _parse_header(fh: io.BufferedReader) -> tuple[list[tuple[list[bytes], bytes]], bytes, bytes]:
    """The stanzas (arguments, body), the header bytes the MAC covers, and the MAC."""
    first = fh.readline(len(VERSION_LINE))
    if first.startswith(b"-----BEGIN"):
        raise AgeArmored()
    if first != VERSION_LINE:
        raise NotAnAgeFile()
    covered = bytearray(first)
    stanzas: list[tuple[list[bytes], bytes]] = []
    while True:
        line = _read_line(fh, MAX_HEADER - len(covered))
        if line.startswith(b"--- "):
            covered += b"---"
            mac = _b64(line[4:-1])
            if len(mac) != 32:
                raise AgeDamaged(details="The .age header MAC has the wrong length.")
            return stanzas, bytes(covered), mac
        covered += line
        args = line[:-1].split(b" ")
        if args[0] != b"->" or len(args) < 2 or any(not a or any(c < 0x21 or c > 0x7E for c in a) for a in args[1:]):
            raise AgeDamaged(details="The .age header holds a malformed stanza line.")
        body = bytearray()
        while True:  # body lines are exactly 64 columns, the last one shorter (possibly empty)
            body_line = _read_line(fh, MAX_HEADER - len(covered))
            covered += body_line
            if len(body_line) > 65:
                raise AgeDamaged(details="The .age header holds an over-long body line.")
            body += _b64(body_line[:-1])
            if len(body_line) < 65:
                break
        stanzas.append((args[1:], bytes(body)))


def _unwrap(stanzas: list[tuple[list[bytes], bytes]], identities: list[X25519PrivateKey]) -> bytes:
    types = {args[0] for args, _ in stanzas}
    if b"scrypt" in types:
        raise AgePassphraseBundle()
    for args, body in stanzas:
        if args[0] != b"X25519":
            continue  # other recipients' stanzas, and grease, are skipped as the spec says
        if len(args) != 2 or len(body) != 32:
            raise AgeDamaged(details="The .age header holds a malformed X25519 stanza.")
        share = _b64(args[1])
        if len(share) != 32:
            raise AgeDamaged(details="The .age header holds a malformed X25519 stanza.")
        for identity in identities:
            try:
                shared = identity.exchange(X25519PublicKey.from_public_bytes(share))
            except ValueError as exc:  # an all-zero shared secret: a share crafted to be a low-order point
                raise AgeDamaged(details="The .age header holds a malformed X25519 stanza.") from exc
            mine = identity.public_key().public_bytes_raw()
            wrap_key = _hkdf(shared, share + mine, X25519_LABEL)
            try:
                return ChaCha20Poly1305(wrap_key).decrypt(b"\x00" * 12, body, None)
            except InvalidTag:
                continue
    others = sorted(t.decode("ascii", "replace") for t in types - {b"X25519"})
    hint = f" (it has stanzas for: {', '.join(others)})" if others else ""
    raise AgeWrongKey(details=hint.strip(" ()") or None)


class AgeReader(io.RawIOBase):
    """The plaintext of an age file, seekable; `size` is known from the file size without decrypting."""

    def __init__(self, path: Path, identities: list[X25519PrivateKey]) -> None:
        super().__init__()
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise AgeIdentityNotAFile(path=str(path))
        os.set_blocking(fd, True)
        self._file = os.fdopen(fd, "rb")
        try:
            self._open(identities)
        except BaseException:
            self._file.close()
            raise

    def _open(self, identities: list[X25519PrivateKey]) -> None:
        stanzas, covered, mac = _parse_header(self._file)
        file_key = _unwrap(stanzas, identities)
        if not hmac.compare_digest(hmac.new(_hkdf(file_key, b"", b"header"), covered, sha256).digest(), mac):
            raise AgeDamaged(details="The .age header was altered (its MAC does not match).")
        nonce = self._file.read(16)
        if len(nonce) != 16:
            raise AgeDamaged(details="The .age file is truncated: it has no payload.")
        self._aead = ChaCha20Poly1305(_hkdf(file_key, nonce, b"payload"))
        self._start = self._file.tell()
        sealed = os.fstat(self._file.fileno()).st_size - self._start
        # Every chunk but the last is full; the last may be full, and is empty only when the whole payload is.
        self._chunks = max(1, -(-sealed // SEALED_CHUNK))
        last = sealed - (self._chunks - 1) * SEALED_CHUNK
        if last < TAG or (last == TAG and self._chunks > 1):
            raise AgeDamaged(details="The .age file is truncated or has a malformed last chunk.")
        self.size = sealed - self._chunks * TAG
        self._pos = 0
        self._cached: tuple[int, bytes] = (-1, b"")
        self._chunk(self._chunks - 1)  # authenticates the end now: truncation or an appended chunk fails here

    def _chunk(self, index: int) -> bytes:
        if self._cached[0] != index:
            self._file.seek(self._start + index * SEALED_CHUNK)
            sealed = self._file.read(SEALED_CHUNK)
            last = index == self._chunks - 1
            chunk_nonce = index.to_bytes(11, "big") + (b"\x01" if last else b"\x00")
            try:
                self._cached = (index, self._aead.decrypt(chunk_nonce, sealed, None))
            except (InvalidTag, ValueError) as exc:
                raise AgeDamaged(details=f"The .age bundle is damaged: chunk {index} failed authentication.") from exc
        return self._cached[1]

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: self.size}[whence]
        if base + offset < 0:
            raise ValueError("negative seek position")
        self._pos = base + offset
        return self._pos

    def read(self, size: int | None = -1) -> bytes:
        end = self.size if size is None or size < 0 else min(self.size, self._pos + size)
        parts = []
        while self._pos < end:
            index, within = divmod(self._pos, CHUNK)
            piece = self._chunk(index)[within : within + end - self._pos]
            parts.append(piece)
            self._pos += len(piece)
        return b"".join(parts)

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def readall(self) -> bytes:
        return self.read()

    def close(self) -> None:
        if not self.closed:
            self._file.close()
        super().close()
