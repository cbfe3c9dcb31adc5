"""One named check of a verification, and one timestamp as the verifier judged it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from locker.textsafe import printable

#: Every name a check can have (a timestamp's check is TIMESTAMP_CHECK with its folder); the GUI has a label for
#: each in plain words (ui/labels.py), and tests/ui/test_labels.py finds every name used in locker/bundle here.
CHECK_NAMES = (
    "bundle readable", "regular files only", "bagit.txt", "payload", "payload sha256", "payload sha512",
    "payload oxum", "tag files", "signatures", "minisign signature", "ssh signature", "same key",
    "fingerprint in bag-info", "fingerprint you gave", "custody log", "custody log imports",
    "custody log signing key", "trusted time",
)  # fmt: skip
TIMESTAMP_CHECK = "timestamp {folder}"


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    #: True when the bundle holds nothing to check against (an old vault's log): not a failure, not a pass.
    not_recorded: bool = False
    #: True for a well-formed token that is not trusted time: not a failure, never reported as a pass.
    untrusted: bool = False

    def __post_init__(self) -> None:
        # Details quote the bundle (paths, certificate names): one line, shown as text, wherever they are shown.
        object.__setattr__(self, "detail", printable(self.detail))

    @property
    def status(self) -> str:
        if self.not_recorded:
            return "not recorded"
        if self.untrusted:
            return "untrusted time"
        return "pass" if self.ok else "fail"

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "ok": self.ok, "status": self.status, "detail": self.detail}


@dataclass(frozen=True)
class Timestamp:
    """One token as the verifier judged it; `time` and `tsa` are None when it could not be read."""

    folder: str
    time: str | None
    tsa: str | None
    trusted: bool

    def __post_init__(self) -> None:
        if self.tsa is not None:  # a certificate subject is the token maker's to choose, line breaks included
            object.__setattr__(self, "tsa", printable(self.tsa))

    def to_json(self) -> dict[str, Any]:
        return {"folder": self.folder, "time": self.time, "tsa": self.tsa, "trusted": self.trusted}
