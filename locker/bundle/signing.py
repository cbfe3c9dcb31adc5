"""Ed25519 signatures in the two formats counsel can check with standard tools, and our own verifiers for them.

- minisign (`minisign -Vm FILE -x FILE.minisig -p minisign.pub`): the "ED" algorithm, i.e. Ed25519 over the
  BLAKE2b-512 hash of the file, plus the global signature over the signature and the trusted comment.
- OpenSSH SSHSIG (`ssh-keygen -Y verify -f allowed_signers -I ID -n NAMESPACE -s FILE.sshsig < FILE`), as in
  OpenSSH's PROTOCOL.sshsig, with SHA-512.

Both are produced from the vault's one identity key, so both name the same fingerprint.
"""

from __future__ import annotations

import base64
import hashlib
import struct
import textwrap

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from locker.crypto.identity import fingerprint, openssh_public_line

NAMESPACE = "evidence-locker"
_MINISIGN_ALG = b"ED"
_SSHSIG_MAGIC = b"SSHSIG"


def _key_id(public_raw: bytes) -> bytes:
    """minisign's 8-byte key id; ours is derived from the key, so the same vault always has the same id."""
    return hashlib.sha256(b"minisign key id" + public_raw).digest()[:8]


def minisign_public_key(public_raw: bytes) -> str:
    key_id = _key_id(public_raw)
    blob = b"Ed" + key_id + public_raw
    return (
        f"untrusted comment: minisign public key {key_id[::-1].hex().upper()} "
        f"(Evidence Locker {fingerprint(public_raw)})\n{base64.b64encode(blob).decode()}\n"
    )


def minisign_sign(private: Ed25519PrivateKey, data: bytes, trusted_comment: str) -> str:
    """A .minisig for `data`. The trusted comment is signed too (minisign prints it after verifying)."""
    if "\n" in trusted_comment or "\r" in trusted_comment:
        raise ValueError("a trusted comment is one line")
    public_raw = private.public_key().public_bytes_raw()
    signature = private.sign(hashlib.blake2b(data, digest_size=64).digest())
    comment = trusted_comment.encode("utf-8")
    global_signature = private.sign(signature + comment)
    first = base64.b64encode(_MINISIGN_ALG + _key_id(public_raw) + signature).decode()
    return (
        "untrusted comment: signature from Evidence Locker\n"
        f"{first}\ntrusted comment: {trusted_comment}\n{base64.b64encode(global_signature).decode()}\n"
    )


def minisign_verify(public_key_text: str, signature_text: str, data: bytes) -> bool:
    """Our own check of a .minisig (what `minisign -V` checks): key id, signature, global signature."""
    try:
        key_blob = base64.b64decode(public_key_text.splitlines()[1], validate=True)
        lines = signature_text.splitlines()
        sig_blob = base64.b64decode(lines[1], validate=True)
        comment_line = lines[2]
        global_signature = base64.b64decode(lines[3], validate=True)
    except (IndexError, ValueError):
        return False
    if len(key_blob) != 42 or len(sig_blob) != 74 or not comment_line.startswith("trusted comment: "):
        return False
    if key_blob[:2] != b"Ed" or sig_blob[2:10] != key_blob[2:10] or sig_blob[:2] not in {b"Ed", b"ED"}:
        return False
    public = Ed25519PublicKey.from_public_bytes(key_blob[10:])
    signature = sig_blob[10:]
    message = hashlib.blake2b(data, digest_size=64).digest() if sig_blob[:2] == b"ED" else data
    try:
        public.verify(signature, message)
        public.verify(global_signature, signature + comment_line.removeprefix("trusted comment: ").encode())
    except InvalidSignature:
        return False
    return True


def _string(value: bytes) -> bytes:
    return struct.pack(">I", len(value)) + value


def _ssh_public_blob(public_raw: bytes) -> bytes:
    return _string(b"ssh-ed25519") + _string(public_raw)


def _sshsig_signed_data(namespace: str, data: bytes) -> bytes:
    return (
        _SSHSIG_MAGIC + _string(namespace.encode()) + _string(b"") + _string(b"sha512")
        + _string(hashlib.sha512(data).digest())
    )  # fmt: skip


def sshsig_sign(private: Ed25519PrivateKey, data: bytes, namespace: str = NAMESPACE) -> str:
    """An armored SSH signature of `data`, as `ssh-keygen -Y sign -n NAMESPACE` makes."""
    public_raw = private.public_key().public_bytes_raw()
    signature = private.sign(_sshsig_signed_data(namespace, data))
    blob = (
        _SSHSIG_MAGIC + struct.pack(">I", 1) + _string(_ssh_public_blob(public_raw)) + _string(namespace.encode())
        + _string(b"") + _string(b"sha512") + _string(_string(b"ssh-ed25519") + _string(signature))
    )  # fmt: skip
    body = "\n".join(textwrap.wrap(base64.b64encode(blob).decode(), 70))
    return f"-----BEGIN SSH SIGNATURE-----\n{body}\n-----END SSH SIGNATURE-----\n"


def _read_string(blob: bytes, offset: int) -> tuple[bytes, int]:
    (length,) = struct.unpack_from(">I", blob, offset)
    start = offset + 4
    if start + length > len(blob):
        raise ValueError("truncated")
    return blob[start : start + length], start + length


def sshsig_verify(public_raw: bytes, armored: str, data: bytes, namespace: str = NAMESPACE) -> bool:
    """Our own check of an SSHSIG: the embedded key is `public_raw`, the namespace matches, the signature holds."""
    try:
        lines = [line for line in armored.strip().splitlines() if not line.startswith("-----")]
        blob = base64.b64decode("".join(lines), validate=True)
        if blob[:6] != _SSHSIG_MAGIC or struct.unpack_from(">I", blob, 6)[0] != 1:
            return False
        key, offset = _read_string(blob, 10)
        ns, offset = _read_string(blob, offset)
        _reserved, offset = _read_string(blob, offset)
        hash_alg, offset = _read_string(blob, offset)
        sig_blob, offset = _read_string(blob, offset)
        sig_type, inner = _read_string(sig_blob, 0)
        signature, _ = _read_string(sig_blob, inner)
    except (ValueError, struct.error):
        return False
    if key != _ssh_public_blob(public_raw) or ns != namespace.encode() or hash_alg != b"sha512":
        return False
    if sig_type != b"ssh-ed25519":
        return False
    try:
        Ed25519PublicKey.from_public_bytes(public_raw).verify(signature, _sshsig_signed_data(namespace, data))
    except InvalidSignature:
        return False
    return True


def allowed_signers_line(principal: str, public_raw: bytes, namespace: str = NAMESPACE) -> str:
    """One line of an OpenSSH allowed_signers file for the vault's key."""
    if any(ch.isspace() for ch in principal) or not principal:
        raise ValueError("a principal is one word")
    public = Ed25519PublicKey.from_public_bytes(public_raw)
    return f'{principal} namespaces="{namespace}" {openssh_public_line(public)}\n'
