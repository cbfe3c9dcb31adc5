"""One error tree for the whole core (Borg-style: the class names the situation, the docstring is the message).

Each class's docstring is an English template with named placeholders (`{path}`, `{count}`), and the raise site
passes the values, never a sentence: `raise VaultNotFoundError(path=str(root))`. `str(error)` is the full English
sentence (the CLI prints it); the GUI translates by class (`ui/error_text.py`), so every class needs a template there
too. A parameter whose name ends in `size` is a number of bytes, written as "1.5 MiB". `details` is technical
English (an OS error, a parser's complaint) that the CLI appends and the GUI keeps behind "Details".

A free-text first argument (`LockerError("...")`) is still accepted for the modules not converted yet;
`tests/test_error_raises.py` lists them, and the GUI shows such an error as a generic sentence with the English
text behind "Details". Each class carries the exit code the CLI returns for it.
The classes of three areas live beside their code: locker.bundle.errors (export and verify), locker.cli.errors (the
command line's options) and locker.receive.errors (the network process).
"""

from __future__ import annotations

import string
from collections.abc import Callable
from typing import Any, ClassVar

from locker.textsafe import printable
from locker.units import human_size

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_UNCONFIRMED = 3  # `locker verify`: intact, but nobody has confirmed whose key signed it
EXIT_INTERRUPTED = 130


def is_size_parameter(name: str) -> bool:
    """A parameter whose value is a number of bytes (written as '1.5 MiB', translated in the GUI)."""
    return name == "size" or name.endswith("_size")


def template_fields(template: str) -> list[str]:
    """The named placeholders of `template`, in order."""
    return [name for _text, name, _spec, _conv in string.Formatter().parse(template) if name]


class LockerError(Exception):
    """Something went wrong."""

    #: What the operation finished before it stopped (an import's outcomes), for the caller to report.
    finished: list[object] | None = None

    exit_code: ClassVar[int] = EXIT_FAILED

    def __init__(self, message: str | None = None, /, *, details: str | None = None, **params: Any) -> None:
        self.params = params
        self.details = details
        #: A sentence given instead of parameters (modules not converted yet): the GUI cannot translate it.
        self.free_text = message
        super().__init__(message if message is not None else self.get_message())

    @classmethod
    def template(cls) -> str:
        """This situation's English template: the nearest docstring in the class tree, on one line."""
        for klass in cls.__mro__:
            doc = klass.__dict__.get("__doc__")
            if doc:
                return " ".join(doc.split())
        return ""

    def get_message(self) -> str:
        """The English sentence: the template filled with the parameters, then the technical details if any."""
        values = {name: english_value(name, value) for name, value in self.params.items()}
        message = fill_template(self.template(), values)
        return f"{message} ({self.details})" if self.details else message


def error_to_json(error: LockerError) -> dict[str, Any]:
    """`error` as JSON, to cross a process boundary (the verifier child) without losing its class."""
    cls = type(error)
    return {
        "class": f"{cls.__module__}:{cls.__qualname__}",
        "params": {k: v if isinstance(v, int | float | str) else str(v) for k, v in error.params.items()},
        "details": error.details,
        "message": str(error),
    }


def error_from_json(untrusted: object, allowed: Callable[[type[LockerError]], bool] | None = None) -> LockerError:
    """The error `error_to_json` described, from a process that may have been taken over by what it read.

    Only a class already loaded, and one `allowed` accepts, is rebuilt (nothing is imported by name); any other
    class, or a malformed description, becomes UndescribedError with the English text. Every text (parameters,
    details) is cut to 1000 characters and its control and bidi characters shown as escapes (textsafe.printable):
    a value must not start a new line or reorder the sentence it is shown in."""
    if not isinstance(untrusted, dict):
        return UndescribedError(details=_shown(untrusted))
    known = {f"{c.__module__}:{c.__qualname__}": c for c in _all_subclasses(LockerError)}
    cls = known.get(str(untrusted.get("class")))
    params = untrusted.get("params")
    details = untrusted.get("details")
    if (
        cls is None
        or (allowed is not None and not allowed(cls))
        or not isinstance(params, dict)
        or not all(isinstance(k, str) for k in params)
    ):
        return UndescribedError(details=_shown(untrusted.get("message", "")))
    error = cls.__new__(cls)
    clean = {k: v if isinstance(v, int | float) and not isinstance(v, bool) else _shown(v) for k, v in params.items()}
    LockerError.__init__(error, details=_shown(details) if details is not None else None, **clean)
    return error


def _shown(untrusted: object) -> str:
    return printable(str(untrusted)[:1000])


def _all_subclasses(cls: type[LockerError]) -> list[type[LockerError]]:
    found = []
    for sub in cls.__subclasses__():
        found += [sub, *_all_subclasses(sub)]
    return found


def english_value(name: str, value: object) -> str:
    """A parameter as the English message writes it (sizes as '1.5 MiB')."""
    if is_size_parameter(name) and isinstance(value, int | float):
        return human_size(value)
    return str(value)


def fill_template(template: str, values: dict[str, str]) -> str:
    """`template` with `values`; a forgotten parameter shows as '{name}' rather than turning into a KeyError."""
    return template.format_map(_KeepMissing(values))


class _KeepMissing(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class UndescribedError(LockerError):
    """An error came from another process without a description this version knows."""


# --- usage -------------------------------------------------------------------------------------------------------


class UsageError(LockerError):
    """The command was not used correctly."""

    exit_code = EXIT_USAGE


# --- vaults: create, unlock, lock --------------------------------------------------------------------------------


class VaultNotFoundError(LockerError):
    """There is no vault at {path}."""


class VaultNotFoundCreateOne(VaultNotFoundError):
    """There is no vault at {path}. Create one with `locker init`."""


class VaultExistsError(LockerError):
    """A vault already exists at {path}; it was not touched."""


class FolderNotEmpty(VaultExistsError):
    """{path} already exists and is not an empty folder; choose a new folder name."""


class VaultBusyError(LockerError):
    """This vault is already open in another Evidence Locker window or command. Close that one first."""


class VaultLocked(LockerError):
    """The vault is locked."""


class WrongPassphraseError(LockerError):
    """The passphrase is wrong."""


class WrongPassphraseWipeNear(WrongPassphraseError):
    """The passphrase is wrong. Wrong passphrases in a row left before this vault is erased (wipe-after is on):
    {left}."""


class WeakPassphraseError(LockerError):
    """This passphrase cannot be used."""


class EmptyPassphrase(WeakPassphraseError):
    """The passphrase must not be empty."""


class PassphraseTooLong(WeakPassphraseError):
    """The passphrase is longer than {limit} characters."""


class DuressPassphraseOpensVault(LockerError):
    """This passphrase already opens the vault; choose a different duress passphrase."""


class PassphraseIsDuress(LockerError):
    """This is the duress passphrase of this vault; it cannot also be the passphrase that opens it. Choose another
    one. Nothing was changed."""


class PassphraseNotSet(LockerError):
    """The new passphrase could not be set; nothing was changed."""


# --- the key header ----------------------------------------------------------------------------------------------


class HeaderError(LockerError):
    """The vault's key header is not readable."""


class NotAHeader(HeaderError):
    """This is not an Evidence Locker key header (or it has been overwritten)."""


class HeaderFormatTooNew(HeaderError):
    """This vault uses key header format {version}; this version of Evidence Locker reads formats {oldest} to
    {newest}. Use a newer Evidence Locker."""


class HeaderLayoutUnknown(HeaderError):
    """The vault's key header describes an unknown layout; it was not used."""


class HeaderUnsafeKdf(HeaderError):
    """The vault's key header asks for unsafe key-derivation settings (memory {memory_size}, {iterations} passes,
    {lanes} lanes). It has been damaged or tampered with; the passphrase was not tried."""


class HeaderWriteIncomplete(HeaderError):
    """The key header could not be written completely."""


class SchemaTooNew(HeaderError):
    """This vault was written by a newer Evidence Locker (schema {version}); update the app to open it."""


class HeaderChangedWhileOpen(LockerError):
    """The vault's key header changed while it was open; lock it and unlock it again."""


class UpgradeFailed(LockerError):
    """The vault's format could not be upgraded; nothing was changed."""


# --- damage and tampering ----------------------------------------------------------------------------------------


class TamperedError(LockerError):
    """The vault has been damaged or tampered with."""


class HeaderWrongSize(TamperedError):
    """The vault's key header has the wrong size ({actual} bytes instead of {expected}). It has been damaged or
    tampered with."""


class HeaderChecksumWrong(TamperedError):
    """The vault's key header is damaged (its checksum does not match)."""


class HeaderAltered(TamperedError):
    """The passphrase is right, but the vault's key header has been altered since it was last written. Treat this
    vault as tampered with."""


class HeaderMissing(TamperedError):
    """The vault at {path} has no key header: it was erased or damaged, and cannot be opened."""


class DatabaseMissing(TamperedError):
    """The vault at {path} has lost its database file (vault.db)."""


class DatabaseUnencrypted(TamperedError):
    """vault.db is an unencrypted SQLite database, not an Evidence Locker vault. Someone replaced it; it was not
    opened."""


class DatabaseUndecryptable(TamperedError):
    """The passphrase is right, but the vault database cannot be decrypted: it has been damaged or tampered with."""


class DatabaseWrongLength(TamperedError):
    """The vault database has been damaged or tampered with: it has {actual} bytes but records {pages} pages of
    {page_bytes} bytes (truncated or padded)."""


class DatabaseDamaged(TamperedError):
    """The vault database is damaged or has been tampered with."""


class DatabaseReadOnly(TamperedError):
    """The vault cannot be written: its folder is read-only, or damaged pages were found earlier in this session.
    Run `locker check`."""


class SigningKeyAltered(TamperedError):
    """The vault's signing key has been altered."""


class SigningIdentityMissing(TamperedError):
    """The vault's signing identity is missing."""


class ChunkMissing(TamperedError):
    """Item {item}: part {part} of the file is missing from the vault."""


class ChunkAltered(TamperedError):
    """Item {item}: part {part} of the file does not match its recorded hash."""


class ItemWrongLength(TamperedError):
    """Item {item}: the vault holds {stored_size} in {stored_parts} parts, but {imported_size} in {imported_parts}
    parts were imported."""


class ItemHashesDiffer(TamperedError):
    """Item {item}: the file's SHA-256/SHA-512 no longer match the recorded values."""


class RekeyLostRows(LockerError):
    """The re-encrypted copy lost rows of {table}; the vault was not changed."""


# --- items, cases, outputs ---------------------------------------------------------------------------------------


class ItemNotFoundError(LockerError):
    """There is no item '{item}' in this vault."""


class CaseError(LockerError):
    """The case could not be changed."""


class CaseExists(CaseError):
    """A case named "{name}" already exists."""


class CaseNotFound(CaseError):
    """There is no case named "{name}"."""


class CaseNameEmpty(CaseError):
    """A case needs a name."""


class CaseNameTooLong(CaseError):
    """A case name can be at most {limit} characters."""


class ImportFailedError(LockerError):
    """A file could not be imported."""


class SourceMissing(ImportFailedError):
    """{name}: no such file."""


class SourcePathTooLong(ImportFailedError):
    """{name}: the path is longer than this system allows."""


class SourceUnreachable(ImportFailedError):
    """{name}: cannot be reached."""


class NotARegularFile(ImportFailedError):
    """{name}: not a regular file (folders are expanded, links are not followed)."""


class SourceUnreadable(ImportFailedError):
    """{name}: cannot be read."""


class SourceChanged(ImportFailedError):
    """{name}: the file changed while it was being imported; try again."""


class InsideVaultFolder(ImportFailedError):
    """inside the vault's folder: not imported"""


class FolderUnreadable(ImportFailedError):
    """folder cannot be read"""


class GivenTwice(ImportFailedError):
    """the same file was given twice"""


class OutputExistsError(LockerError):
    """{path} already exists; it was not overwritten."""


class OutputAppeared(OutputExistsError):
    """{path} appeared while exporting; nothing was overwritten."""


class DiskFullError(LockerError):
    """There is not enough free space for the operation; nothing was changed."""


class DiskFullForBundle(DiskFullError):
    """The disk is full: {missing_size} more are needed for the bundle {name} ({free_size} free of the {needed_size}
    needed). Nothing was written."""


class DiskFullForRekey(DiskFullError):
    """The disk is full: {missing_size} more are needed for the re-encrypted copy of the vault ({free_size} free of
    the {needed_size} needed). Nothing was written."""


class DiskFullForUpgrade(DiskFullError):
    """The disk is full: {missing_size} more are needed for the upgraded copy of the vault ({free_size} free of the
    {needed_size} needed). Nothing was written."""


class DiskFullWhileSaving(DiskFullError):
    """The disk is full: the vault could not save this change, so nothing was changed. Free some space and try
    again."""


# --- stopping ----------------------------------------------------------------------------------------------------


class Interrupted(LockerError):
    """Stopped by the user. The file in progress was not stored; everything before it was."""

    exit_code = EXIT_INTERRUPTED


class StoppedByPanic(Interrupted):
    """Stopped by panic: the vault was erased; nothing more was written."""


class CheckStopped(Interrupted):
    """Check stopped by the user."""


class ExtractStopped(Interrupted):
    """Stopped by the user; no file was written."""


class RekeyStopped(Interrupted):
    """Re-encryption stopped; nothing was changed."""


class UpgradeStopped(Interrupted):
    """The upgrade was stopped; nothing was changed."""


class ExportStopped(Interrupted):
    """Export stopped by the user; nothing was written."""


# --- trusted time ------------------------------------------------------------------------------------------------


class RootFileUnreadable(UsageError):
    """The root certificate file {path} could not be read."""


class RootFileTooLarge(UsageError):
    """{path} is too large to be a root certificate file."""


class RootFileNoCertificate(UsageError):
    """{path} holds no PEM certificate (-----BEGIN CERTIFICATE-----)."""


# --- known senders -----------------------------------------------------------------------------------------------


class SenderNameMissing(UsageError):
    """Give the sender a name."""


class NotAFingerprint(UsageError):
    """That is not a key fingerprint: it looks like SHA256: followed by 43 characters."""
