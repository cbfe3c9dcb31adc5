"""Wipe-after warns the owner before the last try and then answers exactly like any wrong passphrase; panic and the
attempt counter never follow a link planted in the vault folder."""

from __future__ import annotations

from pathlib import Path

from locker.panic import attempts
from tests.conftest import PASSPHRASE, run_cli, write_file


def _wrong(vault: Path) -> str:
    result = run_cli("list", "--passphrase-stdin", vault=vault, stdin="not the passphrase\n")
    assert result.returncode == 1
    return result.stderr.strip()


def test_wipe_after_warns_before_the_last_try_then_looks_like_any_wrong_passphrase(
    closed_vault: Path, tmp_path: Path
) -> None:
    plain = tmp_path / "plain.locker"
    __import__("shutil").copytree(closed_vault, plain)
    ordinary = _wrong(plain)  # a vault without wipe-after
    assert ordinary == "locker: The passphrase is wrong."
    assert run_cli("wipe-after", "3", "--passphrase-stdin", vault=closed_vault, stdin=PASSPHRASE + "\n").returncode == 0
    assert "left before this vault is erased (wipe-after is on): 2." in _wrong(closed_vault)
    assert "left before this vault is erased (wipe-after is on): 1." in _wrong(closed_vault)
    assert _wrong(closed_vault) == ordinary  # the erasing try: word for word what any wrong passphrase gets
    owner = run_cli("list", "--passphrase-stdin", vault=closed_vault, stdin=PASSPHRASE + "\n")
    assert owner.returncode == 1 and "The passphrase is wrong." in owner.stderr  # the vault looks locked, for good
    assert (closed_vault / "header").exists() and (closed_vault / "vault.db").exists()


def test_panic_removes_a_planted_header_link_and_leaves_its_target_untouched(
    closed_vault: Path, tmp_path: Path
) -> None:
    precious = write_file(tmp_path / "precious.jpg", b"the user's own photo" * 100)
    header = closed_vault / "header"
    header.rename(tmp_path / "real-header")
    header.symlink_to(precious)
    result = run_cli("panic", vault=closed_vault)
    assert result.returncode in (0, 1) and "Traceback" not in result.stderr
    assert precious.read_bytes() == b"the user's own photo" * 100
    assert not header.is_symlink() and not header.exists()


def test_the_attempt_counter_never_writes_through_a_link(closed_vault: Path, tmp_path: Path) -> None:
    target = write_file(tmp_path / "notes.txt", b'{"limit": 3, "failures": 0}')
    (closed_vault / attempts.FILE_NAME).symlink_to(target)
    assert attempts.read_policy(closed_vault) is None  # a link is not the counter: wipe-after reads as off
    _wrong(closed_vault)
    assert target.read_bytes() == b'{"limit": 3, "failures": 0}'
    assert (closed_vault / "header").exists()
