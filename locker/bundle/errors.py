"""Errors of exporting a counsel bundle and of reading and verifying one (see locker.errors for how errors work)."""

from __future__ import annotations

from locker.errors import DiskFullError, Interrupted, LockerError, OutputExistsError, UsageError

# --- export ------------------------------------------------------------------------------------------------------


class NothingToExport(LockerError):
    """There is nothing to export."""


class NothingToExportInCase(NothingToExport):
    """There is nothing to export in case "{case}"."""


class BundleExists(OutputExistsError):
    """{path} already exists; choose another name. Nothing was written."""


class TwoEncryptions(UsageError):
    """Choose one encryption: age or 7z."""


class NotAnAgeRecipient(UsageError):
    """{recipient} is not an age public key (age1...)."""


class AgeEncryptionFailed(LockerError):
    """The bundle could not be encrypted for age."""


class DiskFullDuringExport(DiskFullError):
    """The disk is full: the bundle could not be completed. Nothing was exported, no partial files were left and the
    vault is as it was; free some space and export again."""


class DiskFullDuringAge(DiskFullError):
    """The disk is full: the encrypted bundle could not be written. Nothing was exported."""


class NotABundleToTimestamp(UsageError):
    """{path} is neither a bundle folder nor a .zip bundle (encrypted bundles: decrypt first)."""


# --- reading and verifying a bundle ------------------------------------------------------------------------------


class NotABundle(UsageError):
    """{path} is neither a bundle folder nor a .zip bundle."""


class NoBundleThere(UsageError):
    """There is no bundle at {path}."""


class AgeKeyNeeded(UsageError):
    """An .age bundle needs your age secret key: --age-identity FILE."""


class AgeKeyNotAFile(UsageError):
    """{path} is not a file: give the file that holds your age secret key."""


class BundleDamaged(LockerError):
    """The bundle cannot be read safely: it is damaged, or made so that other tools would read it differently."""


class SevenZipDamaged(LockerError):
    """The .7z bundle cannot be read safely: it is damaged, or asks for more work than verify allows."""


class SevenZipWrongPassword(LockerError):
    """The .7z bundle could not be opened with this password."""


class SevenZipMethodUnsupported(LockerError):
    """The .7z bundle uses {method}, which verify does not read."""


class VerifierFailed(LockerError):
    """The bundle could not be verified."""


class VerifierTooMuchOutput(LockerError):
    """The verifier answered with far too much output and was stopped."""


class VerifyStopped(Interrupted):
    """Verification stopped; nothing was decided about this bundle."""


class VerifyTimedOut(Interrupted):
    """Verifying took too long and was stopped."""


class ReportFontMissing(LockerError):
    """The report needs the DejaVu Sans font (Debian package fonts-dejavu-core); it is not installed."""
