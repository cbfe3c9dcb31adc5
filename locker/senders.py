"""Known senders: the keys a lawyer has confirmed with the people who send them bundles.

A bundle carries its own public key, so a bundle alone can only prove it was not changed after someone signed it.
Who signed it is known only when the lawyer compared the key with the sender over another channel (a phone call)
and recorded it here. The list is private - it says whom the lawyer works with - so it lives in a 0o600 JSON file
in the user's config folder (never in a vault, never in a bundle), written to a new file and renamed into place.
A damaged file reads as an empty list: the worst outcome is "unconfirmed", never a false "confirmed".
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import platformdirs

from locker.crypto.identity import is_fingerprint
from locker.errors import NotAFingerprint, SenderNameMissing
from locker.private_records import PrivateRecords


@dataclass(frozen=True)
class Sender:
    name: str
    fingerprint: str


def default_senders_path() -> Path:
    return Path(platformdirs.user_config_dir("locker", appauthor=False)) / "known-senders.json"


class SenderStore:
    """The list of confirmed senders; with no path it lives only in memory (nothing is written anywhere)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._records = PrivateRecords(path, "senders")

    def senders(self) -> list[Sender]:
        found = []
        for entry in self._records.load():
            name, fingerprint = entry.get("name"), entry.get("fingerprint")
            if isinstance(name, str) and name.strip() and isinstance(fingerprint, str) and is_fingerprint(fingerprint):
                found.append(Sender(name.strip(), fingerprint.strip()))
        return found

    def by_fingerprint(self) -> dict[str, str]:
        """fingerprint -> name, for `verify_bundle`."""
        return {sender.fingerprint: sender.name for sender in self.senders()}

    def add(self, name: str, fingerprint: str) -> Sender:
        """Add or replace the sender with this name."""
        name, fingerprint = name.strip(), fingerprint.strip()
        if not name:
            raise SenderNameMissing()
        if not is_fingerprint(fingerprint):
            raise NotAFingerprint()
        sender = Sender(name, fingerprint)
        self._save([s for s in self.senders() if s.name != name] + [sender])
        return sender

    def remove(self, name: str) -> bool:
        senders = self.senders()
        kept = [s for s in senders if s.name != name.strip()]
        if len(kept) == len(senders):
            return False
        self._save(kept)
        return True

    def _save(self, senders: list[Sender]) -> None:
        self._records.save([{"name": s.name, "fingerprint": s.fingerprint} for s in senders])
