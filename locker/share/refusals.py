"""Why a share copy was not written, as errors and typed findings the GUI can translate.

A refusal is a LockerError subclass per situation (the sandbox's own English complaint, if any, goes in `details`).
Why a sanitiser gave up is in locker.share.sandbox_refusals; a refusal raised in the sandbox crosses it as data and
is rebuilt only from these two modules' classes (locker.share.refusal_answers).
A finding is one thing the re-check still found in a copy: a kind (a key) and the value it is about; it is also the
English sentence, so the CLI and the custody-free JSON output keep printing it.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from locker.errors import LockerError
from locker.formats import format_of, shareable_names


class CopyRefused(LockerError):
    """The share copy could not be made."""

    def __init__(self, message: str | None = None, /, *, findings: list[Finding] | None = None, **params: Any) -> None:
        super().__init__(message, **params)
        self.findings: list[Finding] = findings or []


class CopyTypeNotShared(CopyRefused):
    """no share copy for files of type {media_type} ({type_name}): {format_reason} (supported: {supported})"""


class CopyNotMade(CopyRefused):
    """The copy could not be made."""


class CopyAnswerMalformed(CopyRefused):
    """The sanitiser answered something malformed; no copy was written."""


class CopyWrongType(CopyRefused):
    """The sanitiser produced a file of an unexpected type; no copy was written."""


class CopyNotRechecked(CopyRefused):
    """The copy could not be re-checked, so it was not written."""


class CopyStillIdentifying(CopyRefused):
    """The copy still contains identifying data, so it was not written."""


class CopyNameTaken(CopyRefused):
    """Too many files with the same name in the target folder."""


class CopyNeedsMemoryFile(CopyRefused):
    """Stripping on import needs an in-memory file, which this system does not offer."""


class CopyPdfTooManyPages(CopyRefused):
    """The PDF has too many pages for a copy made of pictures of its pages."""


class CopyPdfPageTooLarge(CopyRefused):
    """A page of the PDF is larger than a copy made of pictures of its pages may draw (A0 at most)."""


class CopyPdfPagesTooLarge(CopyRefused):
    """The PDF's pages together are larger than a copy made of pictures of its pages may draw (the area of 1000 A4
    pages at most)."""


class CopyPdfTooSlow(CopyRefused):
    """Drawing the PDF's pages took more than ten minutes, so the copy was not made."""


class FacesNotDetected(CopyRefused):
    """Faces could not be detected."""


class FaceReviewMalformed(CopyRefused):
    """The face review answered something malformed."""


class FindingKind(StrEnum):
    READER_FIELD = "reader-field"  # our metadata reader still finds an identifying field
    READER_SECTION = "reader-section"  # ... or a whole metadata section (XMP, IPTC, a comment)
    VALUE_COMPRESSED = "value-compressed"  # a value of the original is inside a PDF stream or ZIP member
    VALUE_BYTES = "value-bytes"  # a value of the original is in the copy's bytes as they are
    VALUE_SHOWN = "value-shown"  # a value of the original is in the text its pages show (a PDF's pictures show it)


FINDING_TEMPLATES = {
    FindingKind.READER_FIELD: "our reader still finds '{value}' in the copy",
    FindingKind.READER_SECTION: "our reader still finds a {value} section in the copy",
    FindingKind.VALUE_COMPRESSED: "the value '{value}' from the original's metadata is inside the copy's compressed "
    "parts",
    FindingKind.VALUE_BYTES: "the value '{value}' from the original's metadata is in the copy",
    FindingKind.VALUE_SHOWN: "the value '{value}' from the original's metadata is shown on its pages, which the copy's "
    "pictures show",
}


class Finding(str):
    """One finding of the re-check: its English sentence, with its `kind` and `value` for translation."""

    kind: FindingKind
    value: str

    def __new__(cls, kind: FindingKind, value: str) -> Finding:
        finding = super().__new__(cls, FINDING_TEMPLATES[kind].format(value=value))
        finding.kind, finding.value = kind, value
        return finding

    def to_json(self) -> list[str]:
        return [str(self.kind), self.value]

    @classmethod
    def from_json(cls, untrusted: object) -> Finding:
        """A finding the sandbox sent: [kind, value]. Raises ValueError if it is not one."""
        if not (isinstance(untrusted, list) and len(untrusted) == 2 and all(isinstance(x, str) for x in untrusted)):
            raise ValueError("a finding is [kind, value]")
        return cls(FindingKind(untrusted[0]), untrusted[1])


def type_not_shared(media_type: str) -> CopyTypeNotShared:
    """The refusal for a type that gets no share copy: its name, the format table's reason, what is supported."""
    row = format_of(media_type)
    return CopyTypeNotShared(
        media_type=media_type,
        type_name=row.name,
        format_reason=row.no_share_because or "we cannot prove such a copy is clean",
        supported=shareable_names(),
    )
