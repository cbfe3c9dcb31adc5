"""One error tree for the whole core.

Each error's docstring is the message the user sees when no more specific message is given; each class carries
the exit code the CLI returns for it. The GUI shows `str(error)` in a dialog; nothing else is translated here.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_UNCONFIRMED = 3  # `locker verify`: intact, but nobody has confirmed whose key signed it
EXIT_INTERRUPTED = 130


class LockerError(Exception):
    """Something went wrong."""

    #: What the operation finished before it stopped (an import's outcomes), for the caller to report.
    finished: list[object] | None = None

    exit_code = EXIT_FAILED

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or (self.__doc__ or "").strip())


class UsageError(LockerError):
    """The command was not used correctly."""

    exit_code = EXIT_USAGE


class VaultNotFoundError(LockerError):
    """There is no vault at this location."""


class VaultExistsError(LockerError):
    """A vault already exists at this location; it was not touched."""


class VaultBusyError(LockerError):
    """This vault is already open in another Evidence Locker window or command. Close that one first."""


class WrongPassphraseError(LockerError):
    """The passphrase is wrong."""


class WeakPassphraseError(LockerError):
    """This passphrase cannot be used."""


class HeaderError(LockerError):
    """The vault's key header is not readable."""


class TamperedError(LockerError):
    """The vault has been damaged or tampered with."""


class ItemNotFoundError(LockerError):
    """There is no item with this id in the vault."""


class ImportFailedError(LockerError):
    """A file could not be imported."""


class OutputExistsError(LockerError):
    """The output file already exists; it was not overwritten."""


class DiskFullError(LockerError):
    """There is not enough free space for the operation; nothing was changed."""


class Interrupted(LockerError):
    """Stopped by the user. The file in progress was not stored; everything before it was."""

    exit_code = EXIT_INTERRUPTED


class StoppedByPanic(Interrupted):
    """The vault was erased (panic) while an operation was running; it stopped at once and wrote nothing more."""

    def __init__(self, message: str = "Stopped by panic: the vault was erased; nothing more was written.") -> None:
        super().__init__(message)
