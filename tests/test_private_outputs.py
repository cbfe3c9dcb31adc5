"""Every file the app writes is readable by its owner only (0o600) and every folder it makes is 0o700: bundles of
each form, the report inside them, timestamps added later, share copies, extracted originals, the settings, the
known senders and trusted roots, and the vault itself.

The tests run with the common umask 0o022, under which a file opened the ordinary way comes out 0o644: they fail
for any writer that does not go through locker.fsutil's private helpers.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from locker.bundle.export import ExportRequest, add_timestamps, export_bundle
from locker.bundle.tsa_trust import TsaRootStore, load_root_file
from locker.fsutil import create_private_file, make_private_dir
from locker.ingest.importer import ImportOptions, import_files
from locker.sandbox.runner import SandboxRunner
from locker.senders import SenderStore
from locker.settings import AppSettings, save_settings
from locker.share.options import ShareOptions
from locker.share.service import share_item
from locker.vault.extract import extract_item
from locker.vault.vault import Vault
from tests.bundle.local_tsa import local_tsa
from tests.conftest import PASSPHRASE, WEAK_PARAMS, write_file

FINGERPRINT = "SHA256:" + "A" * 43


@pytest.fixture(autouse=True)
def common_umask() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


@pytest.fixture
def filled(tmp_path: Path) -> Iterator[tuple[Vault, str]]:
    """An unlocked vault holding one photo; the id of that item."""
    vault = Vault.create(tmp_path / "v.locker", PASSPHRASE, WEAK_PARAMS)
    photo = tmp_path / "in" / "photo.png"
    photo.parent.mkdir()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(photo)
    (outcome,) = import_files(vault, [photo], ImportOptions(case="C", extract_metadata=False))
    assert outcome.item_id is not None
    try:
        yield vault, outcome.item_id
    finally:
        vault.close()


def not_private(*roots: Path) -> dict[str, str]:
    """Every path under `roots` (the roots included) whose mode is not 0o700 (folder) or 0o600 (file)."""
    wrong = {}
    for root in roots:
        for path in [root, *root.rglob("*")] if root.is_dir() else [root]:
            info = path.lstat()
            wanted = 0o700 if stat.S_ISDIR(info.st_mode) else 0o600
            if stat.S_IMODE(info.st_mode) != wanted:
                wrong[str(path)] = oct(stat.S_IMODE(info.st_mode))
    return wrong


def test_a_folder_bundle_with_its_report_and_later_timestamps_is_private(
    filled: tuple[Vault, str], tmp_path: Path
) -> None:
    vault, _ = filled
    with local_tsa() as tsa:
        out = export_bundle(vault, tmp_path / "bundle", ExportRequest(case="C", tsa_urls=(tsa.url,))).path
        stamped, errors = add_timestamps(out, (tsa.url,))
    assert stamped and not errors
    assert (out / "metadata" / "report.pdf").is_file()
    assert len(list((out / "signatures").glob("*/*.tsr"))) == 2, "the export's token and the one added later"
    assert not_private(out) == {}


@pytest.mark.parametrize("suffix", [".zip", ".7z", ".age"])
def test_a_bundle_file_of_every_form_is_private(suffix: str, filled: tuple[Vault, str], tmp_path: Path) -> None:
    import pyrage

    vault, _ = filled
    request = {
        ".zip": ExportRequest(case="C"),
        ".7z": ExportRequest(case="C", sevenzip_password="counsel's long password"),
        ".age": ExportRequest(case="C", age_recipient=str(pyrage.x25519.Identity.generate().to_public())),
    }[suffix]
    out = export_bundle(vault, tmp_path / f"bundle{suffix}", request).path
    assert out.is_file() and out.stat().st_size > 0
    assert not_private(out) == {}


def test_a_share_copy_is_private(filled: tuple[Vault, str], tmp_path: Path) -> None:
    vault, item = filled
    out = tmp_path / "share"
    out.mkdir()
    with SandboxRunner() as runner:
        result = share_item(vault, item, out, ShareOptions(faces="off"), runner)
    assert result.path is not None, result.error
    assert not_private(result.path) == {}


def test_an_extracted_original_is_private(filled: tuple[Vault, str], tmp_path: Path) -> None:
    vault, item = filled
    out = tmp_path / "photo-back.png"
    extract_item(vault, item, out)
    assert not_private(out) == {}


def test_settings_senders_and_trusted_roots_are_private(tmp_path: Path) -> None:
    config = tmp_path / "config" / "locker"
    save_settings(config / "settings.json", AppSettings(panic_mode="erase"))
    SenderStore(config / "known-senders.json").add("Counsel", FINGERPRINT)
    with local_tsa() as tsa:
        (root,) = load_root_file(tsa.ca_pem)
    TsaRootStore(config / "tsa-roots.json").add(root, "Test root")
    assert sorted(p.name for p in config.iterdir()) == ["known-senders.json", "settings.json", "tsa-roots.json"]
    assert not_private(config) == {}


def test_a_leftover_temporary_settings_file_does_not_lend_its_mode(tmp_path: Path) -> None:
    """A crash can leave the temporary file behind with any mode; the next save makes a new private one."""
    path = tmp_path / "settings.json"
    leftover = write_file(tmp_path / ".settings.json.new", b"{}")
    leftover.chmod(0o666)
    save_settings(path, AppSettings())
    assert not_private(tmp_path) == {}


def test_the_vault_folder_is_private(filled: tuple[Vault, str]) -> None:
    vault, _ = filled
    assert not_private(vault.paths.root) == {}


def test_the_helpers_give_private_modes_under_any_umask(tmp_path: Path) -> None:
    """A umask that takes the owner's write bit (0o277) cannot leave a file read-only or a folder unusable."""
    os.umask(0o277)
    folder = tmp_path / "a" / "b"
    make_private_dir(folder)
    os.close(create_private_file(folder / "file"))
    assert not_private(tmp_path / "a") == {}


def test_a_new_private_file_is_never_made_through_a_link_or_over_a_file(tmp_path: Path) -> None:
    victim = write_file(tmp_path / "victim.txt", b"someone else's")
    (tmp_path / "link").symlink_to(victim)
    for existing in (tmp_path / "link", victim):
        with pytest.raises(FileExistsError):
            create_private_file(existing)
    assert victim.read_bytes() == b"someone else's"
