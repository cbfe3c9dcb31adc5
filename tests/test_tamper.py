"""Tampering with a vault on disk is reported as tampering: never a crash, never silently wrong bytes."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from locker.errors import LockerError, TamperedError
from locker.ingest.importer import import_files
from locker.vault import db
from locker.vault.check import check_vault
from locker.vault.extract import extract_item
from locker.vault.items import list_items
from locker.vault.vault import Vault
from tests.conftest import PASSPHRASE, WEAK_PARAMS, run_cli, write_file

PAGE = db.CURRENT_PAGE_SIZE  # the tampers below act on whole pages of a vault made today


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    """A closed vault holding a small and a 6 MiB item; returns its folder and the original bytes by item id."""
    base = tmp_path_factory.mktemp("pristine")
    root = base / "v.locker"
    originals: dict[str, bytes] = {}
    with Vault.create(root, PASSPHRASE, WEAK_PARAMS) as v:
        for name, data in (("note.txt", b"small evidence " * 10), ("video.mp4", os.urandom(6 << 20))):
            [outcome] = import_files(v, [write_file(base / name, data)])
            assert outcome.item_id is not None
            originals[outcome.item_id] = data
    return root, originals


def _flip(offset: int) -> Callable[[Path], None]:
    def tamper(root: Path) -> None:
        path = root / "vault.db"
        with open(path, "r+b") as fh:
            fh.seek(offset)
            byte = fh.read(1)
            fh.seek(offset)
            fh.write(bytes([byte[0] ^ 0x40]))

    return tamper


def _flip_header(offset: int) -> Callable[[Path], None]:
    def tamper(root: Path) -> None:
        raw = bytearray((root / "header").read_bytes())
        raw[offset] ^= 0x01
        (root / "header").write_bytes(bytes(raw))

    return tamper


def _flip_in_chunk_area(root: Path) -> None:
    size = (root / "vault.db").stat().st_size
    _flip((size // 2 // PAGE) * PAGE + 1234)(root)


def _copy_page(src: int, dst: int) -> Callable[[Path], None]:
    def tamper(root: Path) -> None:
        path = root / "vault.db"
        data = bytearray(path.read_bytes())
        data[dst * PAGE : (dst + 1) * PAGE] = data[src * PAGE : (src + 1) * PAGE]
        path.write_bytes(bytes(data))

    return tamper


def _copy_chunk_page_over_another(root: Path) -> None:
    pages = (root / "vault.db").stat().st_size // PAGE
    _copy_page(pages // 2, pages // 2 + 7)(root)


def _truncate(pages: int) -> Callable[[Path], None]:
    def tamper(root: Path) -> None:
        path = root / "vault.db"
        os.truncate(path, path.stat().st_size - pages * PAGE)

    return tamper


TAMPERS: dict[str, Callable[[Path], None]] = {
    "header salt byte": _flip_header(30),
    "header used slot byte": _flip_header(64 + 20),
    "header padding byte": _flip_header(40_000),
    "page 1 byte": _flip(100),
    "page 1 salt byte": _flip(3),
    "data page 2 byte": _flip(PAGE + 500),
    "data page 3 byte": _flip(2 * PAGE + 77),
    "chunk page byte": _flip_in_chunk_area,
    "page 2 copied over page 4": _copy_page(1, 3),
    "chunk page copied over another": _copy_chunk_page_over_another,
    "truncated by 3 pages": _truncate(3),
    "truncated by 40 pages": _truncate(40),
}


def _exercise(root: Path, originals: dict[str, bytes], out_dir: Path) -> list[str]:
    """Do everything a user would do; return how tampering was detected. Fails on wrong bytes or a crash."""
    detected: list[str] = []
    try:
        vault = Vault.open(root, PASSPHRASE)
    except TamperedError:
        return ["unlock"]
    with vault:
        report = check_vault(vault)
        if not report.ok:
            detected.append("check")
        try:
            with vault.session() as conn:
                ids = [item.id for item in list_items(conn)]
        except TamperedError:
            detected.append("list")
            ids = list(originals)
        for item_id in ids:
            out = out_dir / f"{item_id}.out"
            try:
                extract_item(vault, item_id, out)
            except TamperedError:
                detected.append(f"extract {item_id}")
                assert not out.exists(), "a failed extract must not leave a file behind"
                continue
            except LockerError as exc:
                detected.append(f"extract {item_id}: {type(exc).__name__}")
                continue
            assert out.read_bytes() == originals[item_id], "extract returned wrong bytes without noticing"
    return detected


@pytest.mark.parametrize("case", list(TAMPERS))
def test_tampering_is_reported_never_crashes_never_returns_wrong_bytes(
    case: str, pristine: tuple[Path, dict[str, bytes]], tmp_path: Path
) -> None:
    source, originals = pristine
    root = tmp_path / "copy.locker"
    shutil.copytree(source, root)
    TAMPERS[case](root)
    detected = _exercise(root, originals, tmp_path)
    assert detected, f"{case}: not detected by unlock, check, list or extract"


@pytest.mark.parametrize("case", ["header used slot byte", "page 1 byte", "chunk page byte", "truncated by 3 pages"])
def test_cli_reports_tampering_in_one_line_with_exit_code_1(
    case: str, pristine: tuple[Path, dict[str, bytes]], tmp_path: Path
) -> None:
    source, _ = pristine
    root = tmp_path / "copy.locker"
    shutil.copytree(source, root)
    TAMPERS[case](root)
    result = run_cli("check", "--passphrase-stdin", vault=root, stdin=PASSPHRASE + "\n")
    assert result.returncode == 1, result
    assert "Traceback" not in result.stderr + result.stdout
    text = (result.stderr + result.stdout).lower()
    assert "tamper" in text or "damaged" in text or "failed" in text, text


def test_untampered_copy_passes_every_check(pristine: tuple[Path, dict[str, bytes]], tmp_path: Path) -> None:
    """The control: the same exercise on an intact copy detects nothing, so the cases above can fail."""
    source, originals = pristine
    root = tmp_path / "copy.locker"
    shutil.copytree(source, root)
    assert _exercise(root, originals, tmp_path) == []
