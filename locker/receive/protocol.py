"""LocalSend protocol v2 messages: checking what a sender declares, and what we answer.

Everything here is pure data handling, so it can be tested without a network. A declaration that does not
fit the limits is refused whole (`BadRequest`), never trimmed into something the user did not see.
"""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass
from typing import Any

from locker.fsutil import sanitise_filename
from locker.textsafe import printable

PROTOCOL_VERSION = "2.1"
DEVICE_TYPES = ("mobile", "desktop", "web", "headless", "server")
#: A prepare-upload body larger than this is refused before it is parsed (previews are the only big part).
MAX_JSON_BYTES = 1 << 20
MAX_FILES = 1000
MAX_ALIAS_CHARS = 64
_SHA256_HEX = re.compile(r"[0-9a-fA-F]{64}")


class BadRequest(ValueError):
    """The request is malformed or declares something we refuse; the message says what, for the window."""


@dataclass(frozen=True)
class DeviceInfo:
    """What a device says about itself, shown and recorded as claimed. Only the fingerprint can be checked, and is
    (peer_check: the certificate its own server presents); the rest is the sender's word."""

    alias: str
    device_model: str | None
    device_type: str
    fingerprint: str | None
    #: Where the sender's own LocalSend server listens, and with which protocol ("https" or "http"), as declared:
    #: what peer_check connects back to (at the request's source address only).
    port: int | None = None
    protocol: str | None = None

    def to_record(self) -> dict[str, Any]:
        return {
            "sender_alias": self.alias,
            "sender_device_model": self.device_model,
            "sender_device_type": self.device_type,
            # The sender's word; whether its own server presents this certificate is recorded beside it.
            "sender_fingerprint_declared": self.fingerprint,
        }


@dataclass(frozen=True)
class DeclaredFile:
    file_id: str
    #: The name exactly as sent (recorded in the custody log), and the one we store and show.
    untrusted_name: str
    name: str
    size: int
    file_type: str
    sha256: str | None
    modified: str | None


@dataclass(frozen=True)
class UploadRequest:
    sender: DeviceInfo
    files: tuple[DeclaredFile, ...]

    @property
    def total_size(self) -> int:
        return sum(f.size for f in self.files)


_ADJECTIVES = ("Quiet", "Sunny", "Green", "Brave", "Calm", "Bright", "Swift", "Gentle", "Little", "Happy")
_FRUITS = ("Apple", "Pear", "Plum", "Cherry", "Lemon", "Melon", "Peach", "Mango", "Grape", "Kiwi")


def neutral_alias() -> str:
    """A name like LocalSend's own ("Nice Orange"): the phone lists it, and the network learns nothing from it
    (not the app, not the user's name)."""
    return f"{secrets.choice(_ADJECTIVES)} {secrets.choice(_FRUITS)}"


def own_info(alias: str, fingerprint: str, port: int, device_type: str = "desktop") -> dict[str, Any]:
    """Our answer to /info and /register (and the body of a multicast announcement, with `announce`)."""
    return {
        "alias": alias,
        "version": PROTOCOL_VERSION,
        # Everything here is told to every device on the network: nothing says what this app is.
        "deviceModel": None,
        "deviceType": device_type,
        "fingerprint": fingerprint,
        "port": port,
        "protocol": "https",
        "download": False,
    }


def parse_json(untrusted_body: bytes) -> dict[str, Any]:
    if len(untrusted_body) > MAX_JSON_BYTES:
        raise BadRequest("The request is too large.")
    try:
        data = json.loads(untrusted_body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise BadRequest("The request is not valid JSON.") from exc
    if not isinstance(data, dict):
        raise BadRequest("The request is not a JSON object.")
    return data


def parse_device_info(untrusted: Any) -> DeviceInfo:
    if not isinstance(untrusted, dict):
        raise BadRequest("The sender did not say who it is.")
    alias = untrusted.get("alias")
    if not isinstance(alias, str) or not alias.strip():
        raise BadRequest("The sender has no name (alias).")
    model = untrusted.get("deviceModel")
    device_type = untrusted.get("deviceType")
    fingerprint = untrusted.get("fingerprint")
    port = untrusted.get("port")
    protocol = untrusted.get("protocol")
    return DeviceInfo(
        alias=_shown_text(alias, MAX_ALIAS_CHARS),
        device_model=_shown_text(model, MAX_ALIAS_CHARS) if isinstance(model, str) else None,
        device_type=device_type if device_type in DEVICE_TYPES else "desktop",
        fingerprint=_shown_text(fingerprint, 128) if isinstance(fingerprint, str) else None,
        port=port if isinstance(port, int) and not isinstance(port, bool) and 0 < port < 65536 else None,
        protocol=protocol if protocol in ("http", "https") else None,
    )


def parse_prepare_upload(untrusted_body: bytes, max_file_size: int) -> UploadRequest:
    """Check a prepare-upload body: who sends, which files, how big. Refuses sizes that are not whole numbers
    from 0 to `max_file_size`, more than MAX_FILES files, and duplicate or missing ids."""
    data = parse_json(untrusted_body)
    sender = parse_device_info(data.get("info"))
    untrusted_files = data.get("files")
    if not isinstance(untrusted_files, dict) or not untrusted_files:
        raise BadRequest("The sender announced no files.")
    if len(untrusted_files) > MAX_FILES:
        raise BadRequest(f"The sender announced more than {MAX_FILES} files at once.")
    files = []
    for key, entry in untrusted_files.items():
        files.append(_parse_file(key, entry, max_file_size))
    return UploadRequest(sender, tuple(files))


def _parse_file(key: str, untrusted: Any, max_file_size: int) -> DeclaredFile:
    if not isinstance(untrusted, dict):
        raise BadRequest("A file entry is not an object.")
    file_id = untrusted.get("id", key)
    if file_id != key or not isinstance(file_id, str) or not 0 < len(file_id) <= 128:
        raise BadRequest("A file entry has a missing or inconsistent id.")
    untrusted_name = untrusted.get("fileName")
    if not isinstance(untrusted_name, str) or len(untrusted_name) > 4096:
        raise BadRequest("A file entry has no usable name.")
    size = untrusted.get("size")
    if not isinstance(size, int) or isinstance(size, bool) or size < 0:
        raise BadRequest("A file entry has no valid size.")
    if size > max_file_size:
        raise BadRequest(f"A file is larger than this receiver accepts ({size} > {max_file_size} bytes).")
    sha256 = untrusted.get("sha256")
    if sha256 is not None and not (isinstance(sha256, str) and _SHA256_HEX.fullmatch(sha256)):
        sha256 = None  # some senders put other things here; an unusable hash is not a promise we can check
    file_type = untrusted.get("fileType")
    metadata = untrusted.get("metadata")
    modified = metadata.get("modified") if isinstance(metadata, dict) else None
    return DeclaredFile(
        file_id=file_id,
        untrusted_name=untrusted_name,
        name=sanitise_filename(untrusted_name),
        size=size,
        file_type=_shown_text(file_type, 128) if isinstance(file_type, str) else "application/octet-stream",
        sha256=sha256.lower() if sha256 else None,
        modified=_shown_text(modified, 40) if isinstance(modified, str) else None,
    )


def _shown_text(untrusted: str, limit: int) -> str:
    """Text from the sender made safe to show and log: control and bidi characters escaped, length capped."""
    return printable(untrusted[:limit])
