"""Opening an encrypted bundle (age or 7z) for verification, into a private temporary folder."""

from __future__ import annotations

from pathlib import Path

from locker.errors import LockerError, UsageError


def open_encrypted(
    untrusted_path: Path, workdir: Path, age_identity: Path | None, sevenzip_password: str | None
) -> Path:
    """Decrypt to `workdir`; return the path BagReader should open (a zip file or the bag folder)."""
    if untrusted_path.suffix.lower() == ".age":
        if age_identity is None:
            raise UsageError("An .age bundle needs your age secret key: --age-identity FILE.")
        import pyrage  # noqa: PLC0415

        try:
            identities = [
                pyrage.x25519.Identity.from_str(line.strip())
                for line in age_identity.read_text().splitlines()
                if line.strip().startswith("AGE-SECRET-KEY-")
            ]
            target = workdir / "bundle.zip"
            with open(untrusted_path, "rb") as source, open(target, "xb") as out:
                pyrage.decrypt_io(source, out, identities)
        except Exception as exc:
            raise LockerError(f"The .age bundle could not be decrypted with this key ({exc}).") from exc
        return target
    import py7zr  # noqa: PLC0415

    try:
        with py7zr.SevenZipFile(untrusted_path, "r", password=sevenzip_password) as archive:
            archive.extractall(workdir)
    except Exception as exc:
        raise LockerError(f"The .7z bundle could not be opened with this password ({type(exc).__name__}).") from exc
    tops = [p for p in workdir.iterdir() if p.is_dir()]
    if len(tops) != 1:
        raise LockerError("The .7z bundle does not hold exactly one bag folder.")
    return tops[0]
