"""Opening an encrypted bundle (age or 7z) for verification, in memory: nothing decrypted is written to disk."""

from __future__ import annotations

import io
from pathlib import Path

from locker.bundle.age_stream import CHUNK, AgeReader, read_identities
from locker.bundle.errors import AgeKeyNeeded
from locker.bundle.reader import Bag, BagReader
from locker.bundle.sevenzip_stream import SevenZipBag


def open_encrypted(untrusted_path: Path, age_identity: Path | None, sevenzip_password: str | None) -> Bag:
    """A reader over the bag inside: an .age bundle's zip is decrypted chunk by chunk as it is read; a .7z
    bundle is decrypted in one streamed pass that hashes the payload and keeps only the tag files."""
    if untrusted_path.suffix.lower() == ".age":
        if age_identity is None:
            raise AgeKeyNeeded()
        plaintext = AgeReader(untrusted_path, read_identities(age_identity))
        return BagReader(untrusted_path, source=io.BufferedReader(plaintext, buffer_size=CHUNK))
    return SevenZipBag(untrusted_path, sevenzip_password)


def open_bundle(untrusted_path: Path, age_identity: Path | None, sevenzip_password: str | None) -> Bag:
    if untrusted_path.suffix.lower() in {".age", ".7z"}:
        return open_encrypted(untrusted_path, age_identity, sevenzip_password)
    return BagReader(untrusted_path)
