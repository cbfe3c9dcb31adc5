"""Forensic check of crypto-erase on a real ext4 file system: nothing that could open the vault is left on disk.

Needs root (mount -o loop); skips with the reason where that is not possible.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from locker.crypto import header as hdr
from locker.ingest.importer import ImportOptions, import_files
from locker.vault.vault import Vault
from tests.conftest import WEAK_PARAMS

IMAGE_MIB = 96
CANARIES = [
    b"CANARY-FORENSIC-4d2f-\xd0\x9f\xd0\xa0\xd0\x9e\xd0\xa2\xd0\x9e\xd0\x9a\xd0\x9e\xd0\x9b",
    b"CANARY-GPS-55.7558",
]
PASSPHRASES = ["first passphrase", "second passphrase", "third passphrase", "fourth passphrase"]


def _why_not() -> str | None:
    if os.geteuid() != 0:
        return "needs root to loop-mount an ext4 image"
    for tool in ("mkfs.ext4", "mount", "umount"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed"
    if not Path("/dev/loop-control").exists():
        return "this machine has no loop devices"
    return None


@pytest.fixture
def ext4_mount(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    reason = _why_not()
    if reason:
        pytest.skip(reason)
    image = tmp_path / "disk.img"
    mountpoint = tmp_path / "mnt"
    mountpoint.mkdir()
    with open(image, "wb") as fh:
        fh.truncate(IMAGE_MIB << 20)
    # 4 KiB blocks, as on real disks (mke2fs picks 1 KiB for an image this small).
    subprocess.run(["mkfs.ext4", "-q", "-F", "-b", "4096", str(image)], check=True)
    mounted = subprocess.run(["mount", "-o", "loop", str(image), str(mountpoint)], capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"loop mount refused here: {mounted.stderr.strip()}")
    try:
        yield image, mountpoint
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):
            subprocess.run(["umount", str(mountpoint)], check=True)


@pytest.mark.slow
def test_erased_vault_leaves_no_key_no_header_and_no_canary_on_the_disk(
    ext4_mount: tuple[Path, Path], tmp_path: Path
) -> None:
    image, mountpoint = ext4_mount
    root = mountpoint / "default.locker"
    sources = tmp_path / "sources"  # the originals live outside the image: their remnants are out of scope
    sources.mkdir()
    for index, canary in enumerate(CANARIES):
        (sources / f"evidence-{index}.txt").write_bytes((canary + b"\n") * 20000)
    headers_written: list[bytes] = []
    with Vault.create(root, PASSPHRASES[0], WEAK_PARAMS) as vault:
        headers_written.append((root / "header").read_bytes())
        import_files(vault, sorted(sources.iterdir()), ImportOptions(extract_metadata=False))
        for new in PASSPHRASES[1:]:
            vault.change_passphrase(new)
            headers_written.append((root / "header").read_bytes())
        master = bytes(vault.master_key.buffer)  # test-only: the key the image must not contain
        os.sync()
        before = _brute_force(image.read_bytes())
        vault.erase()
    subprocess.run(["umount", str(mountpoint)], check=True)
    subprocess.run(["mount", "-o", "loop", str(image), str(mountpoint)], check=True)  # the fixture unmounts again
    disk = image.read_bytes()

    assert master not in disk
    assert master[16:] not in disk
    for raw in headers_written:
        assert raw[:4096] not in disk and raw[hdr.CHECKSUM_END : hdr.CHECKSUM_END + 4096] not in disk
        for index in range(hdr.SLOT_COUNT):
            slot = raw[hdr.FIXED_END + index * hdr.SLOT_SIZE : hdr.FIXED_END + (index + 1) * hdr.SLOT_SIZE]
            assert slot not in disk, f"keyslot {index} of an earlier header survived"
    for canary in CANARIES:
        assert canary not in disk

    # Control: before the erase, the same search finds the vault, with the current passphrase only (the earlier
    # ones were overwritten in place, at the disk level too).
    assert before == {PASSPHRASES[-1]: 1}
    assert _brute_force(disk) == {}


def _brute_force(disk: bytes) -> dict[str, int]:
    """As an examiner would: every passphrase ever used, on every region read as a header.

    Regions start at every 4 KiB boundary (ext4's block size, so a superset of the 64 KiB-aligned ones): a file's
    first block is only block-aligned on the disk.
    """
    opened: dict[str, int] = {}
    for offset in range(0, len(disk), 4096):
        region = disk[offset : offset + hdr.HEADER_SIZE]
        candidate = hdr.Header(version=1, params=WEAK_PARAMS, salt=region[24:56], raw=region)
        for passphrase in PASSPHRASES:
            try:
                hdr.unlock_header(candidate, passphrase)
            except Exception:  # noqa: BLE001 - failing to open is the expected outcome
                continue
            opened[passphrase] = opened.get(passphrase, 0) + 1
    return opened
