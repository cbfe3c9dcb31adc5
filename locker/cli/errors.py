"""Errors of the command line's own options and input (see locker.errors for how errors work)."""

from __future__ import annotations

from locker.errors import UsageError

# --- the command line --------------------------------------------------------------------------------------------


class ExportCaseAndItems(UsageError):
    """Export either a case (--case) or items, not both."""


class ExportWhat(UsageError):
    """Say what to export: --case NAME, or one or more item ids."""


class EncryptOption(UsageError):
    """--encrypt takes age:RECIPIENT or 7z."""


class SevenZipPasswordEmpty(UsageError):
    """The 7z password must not be empty."""


class DesktopAppMissing(UsageError):
    """The desktop app is not installed here ({module} is missing)."""


class WipeAfterCount(UsageError):
    """Give a number from 1 to {limit}, or off."""


class NoPassphraseOnStdin(UsageError):
    """Expected a passphrase on standard input, found none."""


class NoTerminal(UsageError):
    """There is no terminal to ask for the passphrase. Use --passphrase-stdin to pass it on standard input."""


class NoPassphraseTyped(UsageError):
    """No passphrase was typed; nothing was tried."""


class PassphrasesDiffer(UsageError):
    """The two passphrases differ; nothing was changed."""


class PassphraseTooLongForTerminal(UsageError):
    """The passphrase is too long for a terminal prompt, which cuts a line at 4095 bytes; nothing was tried. Use
    --passphrase-stdin."""


class PassphraseNotUtf8(UsageError):
    """The passphrase typed is not valid UTF-8; check the terminal's encoding."""


class PortOption(UsageError):
    """--port must be between 0 and 65535."""


class BindOption(UsageError):
    """--bind must be an address of the local network (or 0.0.0.0)."""


class IdleMinutesOption(UsageError):
    """--idle-minutes must be more than 0."""


class NotAFolder(UsageError):
    """{path} is not a folder; create it first."""


class RootFileNotOne(UsageError):
    """{path} holds {count} certificates; give a file with just the root."""
