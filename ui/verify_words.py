"""The verifier's checks in plain words: one line per question a lawyer asks, not one per file format.

`locker verify` names its checks technically ("payload sha256", "tag files", "ssh signature"). The dialog groups
them by what they establish (the evidence files, their description, the signature, the key, the custody log, the
time) and says for each group, in a sentence, whether it holds. The technical lines stay behind "Details".
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QCoreApplication

from locker.bundle.checks import Check


class Outcome(Enum):
    HOLDS = "holds"
    FAILS = "fails"
    WARNS = "warns"  # well-formed but proves nothing (untrusted time)
    NOTE = "note"  # nothing to check (no timestamp at all): neither a pass nor a failure


@dataclass(frozen=True)
class PlainCheck:
    outcome: Outcome
    sentence: str


# Group of each check name `locker verify` gives (timestamps are named "timestamp <folder>").
_GROUP_OF = {
    "bundle readable": "bundle", "bagit.txt": "bundle", "regular files only": "files", "payload": "files",
    "payload sha256": "files", "payload sha512": "files", "payload oxum": "files", "tag files": "description",
    "signatures": "signature",
    "minisign signature": "signature", "ssh signature": "signature", "same key": "signature",
    "fingerprint in bag-info": "signature", "fingerprint you gave": "key", "custody log": "custody",
    "custody log imports": "custody", "custody log signing key": "custody", "trusted time": "time",
}  # fmt: skip
_ORDER = ("bundle", "files", "description", "signature", "key", "custody", "time")


def _group(check: Check) -> str:
    if check.name.startswith("timestamp "):
        return "time"
    return _GROUP_OF.get(check.name, check.name)


def _sentences(group: str) -> dict[Outcome, str]:
    """The sentence for a group, by outcome; an unknown group (a newer verifier's check) is named as it is."""
    table = {
        "bundle": (
            QCoreApplication.translate("VerifyWords", "This is an evidence bundle (BagIt) that could be read."),
            QCoreApplication.translate(
                "VerifyWords",
                "This is not an evidence bundle, or it is too damaged to read: there is nothing in it to check.",
            ),
        ),
        "files": (
            QCoreApplication.translate(
                "VerifyWords",
                "The evidence files are exactly as they were exported: nothing changed, added or removed.",
            ),
            QCoreApplication.translate(
                "VerifyWords", "The evidence files were changed, added or removed after the export."
            ),
        ),
        "description": (
            QCoreApplication.translate(
                "VerifyWords", "The description of the evidence (file list, report, custody log) is unchanged."
            ),
            QCoreApplication.translate(
                "VerifyWords", "The description of the evidence (file list, report, custody log) was changed."
            ),
        ),
        "signature": (
            QCoreApplication.translate("VerifyWords", "The bundle is signed, and the signature matches its content."),
            QCoreApplication.translate(
                "VerifyWords", "The signature is missing, damaged or does not match the content."
            ),
        ),
        "key": (
            QCoreApplication.translate("VerifyWords", "The signing key is the one the sender gave you."),
            QCoreApplication.translate("VerifyWords", "The signing key is NOT the one the sender gave you."),
        ),
        "custody": (
            QCoreApplication.translate(
                "VerifyWords", "The record of who did what (custody log) is complete and matches the files and the key."
            ),
            QCoreApplication.translate(
                "VerifyWords",
                "The record of who did what (custody log) is broken or does not match the files or the key.",
            ),
        ),
        "time": (
            QCoreApplication.translate("VerifyWords", "The timestamps are valid."),
            QCoreApplication.translate("VerifyWords", "A timestamp is damaged or its time is impossible."),
        ),
    }
    holds, fails = table.get(group, (group, group))
    warns = QCoreApplication.translate(
        "VerifyWords", "A timestamp comes from an authority you do not trust: it proves nothing about when."
    )
    return {Outcome.HOLDS: holds, Outcome.FAILS: fails, Outcome.WARNS: warns}


def plain_checks(checks: tuple[Check, ...]) -> list[PlainCheck]:
    """One line per group of checks, in the order a reader asks: files, description, signature, key, log, time."""
    groups: dict[str, list[Check]] = {}
    for check in checks:
        groups.setdefault(_group(check), []).append(check)
    if not all(c.ok for c in groups.get("bundle", [])):
        # A folder or archive that is not a bundle fails every other check too; "the evidence files were changed"
        # would be false: nothing was ever exported into it.
        return [PlainCheck(Outcome.FAILS, _sentences("bundle")[Outcome.FAILS])]
    groups.pop("bundle", None)  # readable: the lines below say what that is worth
    ordered = sorted(groups, key=lambda g: (_ORDER.index(g) if g in _ORDER else len(_ORDER), g))
    lines = []
    for group in ordered:
        members = groups[group]
        if group == "time" and all(c.name == "trusted time" for c in members):
            lines.append(
                PlainCheck(
                    Outcome.NOTE,
                    QCoreApplication.translate(
                        "VerifyWords", "The bundle has no trusted time: nothing proves when it was made."
                    ),
                )
            )
            continue
        if not all(c.ok for c in members):
            outcome = Outcome.FAILS
        elif any(c.untrusted for c in members):
            outcome = Outcome.WARNS
        else:
            outcome = Outcome.HOLDS
        lines.append(PlainCheck(outcome, _sentences(group)[outcome]))
    return lines
