"""Converting thumbnails written by older releases (JPEG) to checked raw pixels, by decoding them in the sandbox.

Older releases stored each thumbnail as a JPEG made in the sandbox, and the app decoded it. Now the app decodes no
picture format at all (locker.pixels), so a legacy thumbnail is shown as no thumbnail until it is converted: the
sandbox decodes the old JPEG and sends raw pixels back (or, if that fails, makes a new thumbnail from the item);
the app checks them and stores them in its own format. Idempotent: only blobs without our magic prefix are
touched, each with a compare-and-set update, so running it twice, or beside an import, changes nothing more.
Thumbnails are derived display data, not evidence, so the custody log is not involved.
"""

from __future__ import annotations

import threading

from locker.pixels import STORED_MAGIC, THUMBNAIL_EDGE, Pixels
from locker.sandbox.child import Limits
from locker.sandbox.runner import RandomAccessSource, SandboxRunner
from locker.sandbox.source import BytesSource
from locker.vault.chunks import ItemReader
from locker.vault.items import ItemId, get_item
from locker.vault.vault import Vault

THUMBNAIL_LIMITS = Limits(memory_bytes=1536 * 1024 * 1024, cpu_seconds=60, wall_seconds=60.0)


def legacy_thumbnail_ids(vault: Vault) -> list[ItemId]:
    """Items whose stored thumbnail is not (yet) in the raw-pixel format."""
    with vault.session() as conn:
        rows = conn.execute(
            "SELECT id FROM items WHERE thumbnail IS NOT NULL AND substr(thumbnail, 1, ?) != ? "
            "ORDER BY imported_at, id",
            (len(STORED_MAGIC), STORED_MAGIC),
        ).fetchall()
    return [ItemId(row[0]) for row in rows]


def convert_legacy_thumbnails(
    vault: Vault, runner: SandboxRunner | None = None, cancel: threading.Event | None = None
) -> int:
    """Convert every legacy thumbnail; returns how many were converted or made anew. Starts a sandbox only when
    there is something to convert. One that can be neither converted nor remade stays as it is: it is shown as no
    thumbnail, and the next run tries again."""
    targets = legacy_thumbnail_ids(vault)
    if not targets:
        return 0
    if runner is None:
        with SandboxRunner() as own:
            return convert_legacy_thumbnails(vault, own, cancel)
    converted = 0
    for item_id in targets:
        if cancel is not None and cancel.is_set():
            break
        with vault.session() as conn:
            row = conn.execute("SELECT thumbnail FROM items WHERE id = ?", (item_id,)).fetchone()
            item = get_item(conn, item_id)
        if row is None or row[0] is None:
            continue
        old = bytes(row[0])
        # The old JPEG, decoded in the sandbox; if it will not decode, a new thumbnail from the item itself.
        pixels = _thumbnail_in_sandbox(runner, BytesSource(old), "image/jpeg")
        if pixels is None:
            pixels = _thumbnail_in_sandbox(runner, ItemReader(vault.session, item), item.media_type)
        if pixels is None:
            continue  # kept as it is (never decoded here); the next run tries again
        with vault.transaction() as conn:
            changed = conn.execute(
                "UPDATE items SET thumbnail = ? WHERE id = ? AND thumbnail = ?", (pixels.to_stored(), item_id, old)
            ).rowcount
        converted += int(changed > 0)
    return converted


def _thumbnail_in_sandbox(runner: SandboxRunner, source: RandomAccessSource, media_type: str) -> Pixels | None:
    outcome = runner.run_task(source, {"kind": "thumbnail", "media_type": media_type}, THUMBNAIL_LIMITS)
    if outcome.error or len(outcome.pictures) != 1:
        return None
    [pixels] = outcome.pictures
    if pixels.channels != 3 or max(pixels.width, pixels.height) > THUMBNAIL_EDGE:
        return None
    return pixels
