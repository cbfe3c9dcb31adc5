"""Nothing readable is left on disk: not in the vault folder, not in the temp folder, not from a big sort."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from locker.crypto.keys import new_master_key
from locker.vault import db
from locker.vault.vault import Vault
from tests.conftest import PASSPHRASE, run_cli, write_file

CANARY = "CANARY-7f3a9b-ПРОТОКОЛ-ИВАНОВ"


def _all_bytes_under(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def _needles() -> list[bytes]:
    return [CANARY.encode("utf-8"), CANARY.encode("utf-16-le"), b"CANARY-7f3a9b"]


def test_no_canary_in_vault_files_or_tmpdir_after_import_notes_and_extract(closed_vault: Path, tmp_path: Path) -> None:
    private_tmp = tmp_path / "tmpdir"
    private_tmp.mkdir()
    src_dir = tmp_path / "sources"
    text = write_file(src_dir / f"{CANARY}.txt", (CANARY + "\n").encode() * 5000)
    binary = write_file(src_dir / "photo.jpg", b"\xff\xd8\xff\xe0" + os.urandom(3 << 20) + CANARY.encode() * 100)
    env = {"TMPDIR": str(private_tmp), "SQLITE_TMPDIR": str(private_tmp)}
    stdin = PASSPHRASE + "\n"
    assert (
        run_cli(
            "import",
            "--passphrase-stdin",
            "--note",
            CANARY,
            str(text),
            str(binary),
            vault=closed_vault,
            stdin=stdin,
            env=env,
        ).returncode
        == 0
    )
    listed = run_cli("list", "--passphrase-stdin", "--json", vault=closed_vault, stdin=stdin, env=env)
    assert CANARY in listed.stdout  # the name really went in, so the scan below can fail
    assert run_cli("check", "--passphrase-stdin", vault=closed_vault, stdin=stdin, env=env).returncode == 0
    assert run_cli("log", "--passphrase-stdin", vault=closed_vault, stdin=stdin, env=env).returncode == 0
    on_disk = _all_bytes_under(closed_vault) + _all_bytes_under(private_tmp)
    for needle in _needles():
        assert needle not in on_disk
    assert not [p for p in private_tmp.rglob("*")], "nothing may be written to the temp folder"


def _open_temp_files(pattern: str) -> list[str]:
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if pattern in target:
            found.append(target)
    return found


def _sort_spills_temp_file(temp_store: str, tmp_path: Path) -> bool:
    """Run a sort bigger than the page cache and watch this process's open files while it runs."""
    conn = db.connect(tmp_path / f"sort-{temp_store}.db", new_master_key())
    conn.execute(f"PRAGMA temp_store = {temp_store}")
    conn.execute("PRAGMA cache_size = 100")
    conn.execute("CREATE TABLE t (v TEXT)")
    with db.transaction(conn):
        conn.executemany("INSERT INTO t VALUES (?)", ((CANARY + os.urandom(200).hex(),) for _ in range(20000)))
    seen: list[str] = []

    def watch() -> int:
        seen.extend(_open_temp_files("etilqs_"))
        return 0

    conn.set_progress_handler(watch, 1000)
    conn.execute("SELECT v FROM t ORDER BY substr(v, 40)").fetchall()
    conn.close()
    return bool(seen)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="watches /proc/self/fd, which only Linux has")
def test_large_sort_writes_no_etilqs_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SQLITE_TMPDIR", str(tmp_path))
    # Control: with temp_store=FILE the same sort does spill, so this test can see a spill when there is one.
    assert _sort_spills_temp_file("FILE", tmp_path)
    # The vault's setting: db.connect applies temp_store=MEMORY.
    conn = db.connect(tmp_path / "check.db", new_master_key())
    assert conn.execute("PRAGMA temp_store").fetchone()[0] == 2
    conn.close()
    assert not _sort_spills_temp_file("MEMORY", tmp_path)


def test_vault_settings_are_applied_on_every_open(vault: Vault) -> None:
    with vault.session() as conn:
        assert conn.execute("PRAGMA temp_store").fetchone()[0] == 2
        assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("PRAGMA cipher_version").fetchone()[0].startswith("4.")
