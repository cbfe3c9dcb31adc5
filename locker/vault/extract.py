"""Getting an original back out, bit-exact, with every hash re-verified on the way."""

from __future__ import annotations

import contextlib
import os
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from locker.errors import ExtractStopped, LockerError, OutputExistsError
from locker.fsutil import create_private_file, display_name, fsync_dir
from locker.vault.chunks import iter_verified_chunks
from locker.vault.custody import Action, append_event
from locker.vault.db import DatabaseError
from locker.vault.items import Item, get_item
from locker.vault.vault import Vault


@dataclass(frozen=True)
class ExtractResult:
    """The extracted item, and whether the extraction could be recorded in the custody log."""

    item: Item
    logged: bool


def extract_item(
    vault: Vault,
    untrusted_item_id: str,
    out: Path,
    progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
) -> ExtractResult:
    """Write the item's original bytes to `out` (which must not exist) and record it in the custody log.

    Bytes go to a hidden partial file next to `out` and are moved into place only after the whole-file hashes
    matched; if anything fails, the partial file is removed and `out` never appears.
    """
    if out.exists() or out.is_symlink():
        raise OutputExistsError(path=str(out))
    partial = out.with_name(f".{out.name}.partial-{secrets.token_hex(4)}")
    with vault.session() as conn:
        item = get_item(conn, untrusted_item_id)
        fd = create_private_file(partial)
        try:
            written = 0
            with os.fdopen(fd, "wb") as fh:
                for data in iter_verified_chunks(conn, item):
                    if cancel is not None and cancel.is_set():
                        raise ExtractStopped()
                    fh.write(data)
                    written += len(data)
                    if progress is not None:
                        progress(written, item.size)
                fh.flush()
                os.fsync(fh.fileno())
            # link() fails if `out` appeared meanwhile, where rename() would silently replace it.
            os.link(partial, out)
        except FileExistsError as exc:
            raise OutputExistsError(path=str(out)) from exc
        finally:
            with contextlib.suppress(FileNotFoundError):
                partial.unlink()
        fsync_dir(out.parent)
    # The verified original matters more than the log entry: a damaged vault must still give its files back.
    try:
        with vault.transaction() as conn:
            details = {"sha256": item.sha256, "to_name": display_name(out)}
            append_event(conn, Action.EXTRACTED, item=item.id, details=details)
    except (LockerError, DatabaseError):
        return ExtractResult(item, logged=False)
    return ExtractResult(item, logged=True)
