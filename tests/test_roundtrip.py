"""Import and extract: bit-exact originals, hashes that match standard tools, duplicates stored once."""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

import pytest

from locker.errors import ItemNotFoundError, OutputExistsError
from locker.ingest.importer import ImportOptions, ImportStatus, import_files
from locker.vault.chunks import CHUNK_SIZE
from locker.vault.custody import events
from locker.vault.extract import extract_item
from locker.vault.items import get_item, list_items
from locker.vault.vault import Vault
from tests.conftest import write_file


def _coreutils_digest(tool: str, path: Path) -> str:
    return subprocess.run([tool, str(path)], capture_output=True, text=True, check=True).stdout.split()[0]


@pytest.mark.parametrize("size", [0, 1, CHUNK_SIZE - 1, CHUNK_SIZE, CHUNK_SIZE + 1, 3 * CHUNK_SIZE + 17])
def test_round_trip_is_bit_exact_and_hashes_match_coreutils(vault: Vault, tmp_path: Path, size: int) -> None:
    source = write_file(tmp_path / "in" / f"file-{size}.bin", os.urandom(size))
    [outcome] = import_files(vault, [source])
    assert outcome.status is ImportStatus.IMPORTED
    assert outcome.item_id is not None
    with vault.session() as conn:
        item = get_item(conn, outcome.item_id)
    assert item.size == size
    assert item.sha256 == _coreutils_digest("sha256sum", source)
    assert item.sha512 == _coreutils_digest("sha512sum", source)
    out = tmp_path / "out.bin"
    extract_item(vault, item.id, out)
    assert out.read_bytes() == source.read_bytes()


def _write_large_file(path: Path, size: int) -> None:
    """Distinct content in every chunk, written without holding the file in memory."""
    block = os.urandom(CHUNK_SIZE)
    with open(path, "wb") as fh:
        written = 0
        counter = 0
        while written < size:
            piece = counter.to_bytes(8, "big") + block[8:]
            piece = piece[: size - written]
            fh.write(piece)
            written += len(piece)
            counter += 1


@pytest.mark.slow
def test_round_trip_of_a_one_and_a_half_gib_file(vault: Vault, tmp_path: Path) -> None:
    size = 3 * (1 << 29) + 12345  # 1.5 GiB and a bit, so the last chunk is partial
    source = tmp_path / "big.bin"
    _write_large_file(source, size)
    [outcome] = import_files(vault, [source])
    assert outcome.status is ImportStatus.IMPORTED
    assert outcome.item_id is not None
    with vault.session() as conn:
        item = get_item(conn, outcome.item_id)
    assert item.sha256 == _coreutils_digest("sha256sum", source)
    assert item.sha512 == _coreutils_digest("sha512sum", source)
    out = tmp_path / "big.out"
    extract_item(vault, item.id, out)
    assert out.stat().st_size == size
    assert _coreutils_digest("sha256sum", out) == item.sha256
    assert _coreutils_digest("sha512sum", out) == item.sha512
    assert subprocess.run(["cmp", "-s", str(source), str(out)], check=False).returncode == 0


def test_duplicate_is_reported_and_stored_once(vault: Vault, tmp_path: Path) -> None:
    data = os.urandom(5000)
    first = write_file(tmp_path / "a.jpg", data)
    second = write_file(tmp_path / "copy of a.jpg", data)
    outcomes = import_files(vault, [first, second])
    assert [o.status for o in outcomes] == [ImportStatus.IMPORTED, ImportStatus.DUPLICATE]
    assert outcomes[1].item_id == outcomes[0].item_id
    with vault.session() as conn:
        assert len(list_items(conn)) == 1
        assert conn.execute("SELECT count(*) FROM chunks").fetchone()[0] == 1


def test_item_records_base_name_size_hashes_type_times_case_and_notes(vault: Vault, tmp_path: Path) -> None:
    png = bytes.fromhex("89504e470d0a1a0a0000000d49484452") + os.urandom(100)
    source = write_file(tmp_path / "home" / "ivan" / "протокол.pdf", png)  # the name lies about the type
    os.utime(source, (1_600_000_000, 1_600_000_000))
    [outcome] = import_files(vault, [source], ImportOptions(case="Дело №5-123/2026", note="штраф"))
    assert outcome.item_id is not None
    with vault.session() as conn:
        item = get_item(conn, outcome.item_id.lower())
    assert item.name == "протокол.pdf"
    assert "ivan" not in item.name
    assert item.media_type == "image/png"
    assert item.size == len(png)
    assert item.sha256 == hashlib.sha256(png).hexdigest()
    assert item.sha512 == hashlib.sha512(png).hexdigest()
    assert item.source_mtime == "2020-09-13T12:26:40.000000Z"
    assert item.imported_at.endswith("Z")
    assert item.case == "Дело №5-123/2026"
    assert item.notes == "штраф"
    with vault.session() as conn:
        imported = [e for e in events(conn, item.id) if e.action == "imported"]
    assert imported[0].details["sha256"] == item.sha256
    assert "/home/ivan" not in imported[0].line


def test_folders_are_imported_recursively_without_following_links(vault: Vault, tmp_path: Path) -> None:
    folder = tmp_path / "rally"
    write_file(folder / "a.txt", b"first")
    write_file(folder / "sub" / "b.txt", b"second")
    outside = write_file(tmp_path / "outside.txt", b"not part of the folder")
    (folder / "link.txt").symlink_to(outside)
    outcomes = import_files(vault, [folder])
    imported = sorted(o.name for o in outcomes if o.status is ImportStatus.IMPORTED)
    assert imported == ["a.txt", "b.txt"]
    assert [o.status for o in outcomes if o.name == "link.txt"] == [ImportStatus.FAILED]


def test_remove_source_overwrites_and_deletes_only_after_storing(vault: Vault, tmp_path: Path) -> None:
    source = write_file(tmp_path / "video.mp4", os.urandom(3 * CHUNK_SIZE))
    data = source.read_bytes()
    [outcome] = import_files(vault, [source], ImportOptions(remove_source=True))
    assert outcome.source_removed
    assert not source.exists()
    out = tmp_path / "back.mp4"
    assert outcome.item_id is not None
    extract_item(vault, outcome.item_id, out)
    assert out.read_bytes() == data


def test_extract_never_overwrites_an_existing_file(vault: Vault, tmp_path: Path) -> None:
    [outcome] = import_files(vault, [write_file(tmp_path / "a.bin", b"abc")])
    out = write_file(tmp_path / "exists.bin", b"keep me")
    assert outcome.item_id is not None
    with pytest.raises(OutputExistsError):
        extract_item(vault, outcome.item_id, out)
    assert out.read_bytes() == b"keep me"


def test_extract_of_an_unknown_item_is_a_clear_error(vault: Vault, tmp_path: Path) -> None:
    with pytest.raises(ItemNotFoundError, match="no item 'NOPE'"):
        extract_item(vault, "NOPE", tmp_path / "x")
    assert not (tmp_path / "x").exists()


def test_missing_and_special_files_fail_alone_with_a_clear_reason(vault: Vault, tmp_path: Path) -> None:
    good = write_file(tmp_path / "good.txt", b"fine")
    outcomes = import_files(vault, [tmp_path / "missing.jpg", Path("/dev/null"), good])
    assert [o.status for o in outcomes] == [ImportStatus.FAILED, ImportStatus.FAILED, ImportStatus.IMPORTED]
    assert "no such file" in outcomes[0].message
    assert "not a regular file" in outcomes[1].message
