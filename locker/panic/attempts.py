"""Optional: erase the vault after N wrong passphrases in a row (off by default).

The counter must be readable before the vault is unlocked, so it lives in a small plain file, `<vault>/attempts`,
that exists only when the user turned the feature on. Anyone who looks at the folder can therefore see that it is
on (and how many tries remain); the README says so. The file is rewritten in place, never replaced.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from locker.fsutil import create_private_file

FILE_NAME = "attempts"
MAX_LIMIT = 100
_SIZE = 64  # fixed size, so rewriting in place never changes the length


@dataclass(frozen=True)
class AttemptPolicy:
    limit: int
    failures: int


def _path(root: Path) -> Path:
    return root / FILE_NAME


def read_policy(root: Path) -> AttemptPolicy | None:
    """The policy, or None when the feature is off (or the file is unreadable: then it fails safe to off)."""
    try:
        fd = os.open(_path(root), os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        try:
            raw = os.read(fd, _SIZE) if stat.S_ISREG(os.fstat(fd).st_mode) else b""
        finally:
            os.close(fd)
        data = json.loads(raw.rstrip(b" \x00"))
        limit, failures = int(data["limit"]), int(data["failures"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not 1 <= limit <= MAX_LIMIT or failures < 0:
        return None
    return AttemptPolicy(limit, failures)


def _write(root: Path, policy: AttemptPolicy) -> None:
    payload = json.dumps({"limit": policy.limit, "failures": policy.failures}).encode().ljust(_SIZE)
    path = _path(root)
    # Never through a link: a planted `attempts` link must not make a wrong passphrase write into another file.
    fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0)) if path.exists() else create_private_file(path)
    try:
        os.pwrite(fd, payload, 0)
        os.fsync(fd)
    finally:
        os.close(fd)


def enable(root: Path, limit: int) -> None:
    if not 1 <= limit <= MAX_LIMIT:
        raise ValueError(f"the limit must be between 1 and {MAX_LIMIT}")
    _write(root, AttemptPolicy(limit, 0))


def disable(root: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        _path(root).unlink()


def record_failure(root: Path) -> int | None:
    """Count one wrong passphrase; how many tries are left (0: the limit is reached, the caller erases), or None
    when the feature is off."""
    policy = read_policy(root)
    if policy is None:
        return None
    failures = policy.failures + 1
    _write(root, AttemptPolicy(policy.limit, failures))
    return max(policy.limit - failures, 0)


def reset(root: Path) -> None:
    """Start counting again (after an erase: the vault then behaves like any vault with wipe-after on)."""
    policy = read_policy(root)
    if policy is not None:
        _write(root, AttemptPolicy(policy.limit, 0))


def record_success(root: Path) -> None:
    policy = read_policy(root)
    if policy is not None and policy.failures:
        _write(root, AttemptPolicy(policy.limit, 0))
