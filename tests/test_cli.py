"""The `locker` command line, run as a real subprocess: output formats, exit codes, passphrase handling."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from locker.vault.vault import Vault
from tests.conftest import PASSPHRASE, run_cli, write_file

STDIN = PASSPHRASE + "\n"


def _import(vault: Path, *paths: Path, extra: tuple[str, ...] = ()) -> list[dict[str, object]]:
    result = run_cli("import", "--passphrase-stdin", "--json", *extra, *map(str, paths), vault=vault, stdin=STDIN)
    assert result.returncode == 0, result
    return list(json.loads(result.stdout))


def test_init_creates_a_calibrated_vault_and_prints_the_fingerprint(tmp_path: Path) -> None:
    root = tmp_path / "new.locker"
    result = run_cli("init", "--passphrase-stdin", "--vault", str(root), stdin="a long enough passphrase\n")
    assert result.returncode == 0, result
    assert "Signing key fingerprint: SHA256:" in result.stdout
    assert "nobody can recover" in result.stderr
    from locker.crypto.header import parse_header

    params = parse_header((root / "header").read_bytes()).params
    assert params.iterations >= 1
    free_kib = os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") // 1024
    # Calibration asks for 256 MiB wherever four times that is free, never less than 64 MiB.
    assert params.memory_kib == 256 * 1024 if free_kib >= 1024 * 1024 else params.memory_kib >= 64 * 1024
    again = run_cli("init", "--passphrase-stdin", "--vault", str(root), stdin="other\n")
    assert again.returncode == 1 and "already exists" in again.stderr


def test_init_refuses_an_empty_passphrase(tmp_path: Path) -> None:
    result = run_cli("init", "--passphrase-stdin", "--vault", str(tmp_path / "v.locker"), stdin="\n")
    assert result.returncode == 1
    assert "must not be empty" in result.stderr
    assert not (tmp_path / "v.locker").exists()


def test_list_json_has_the_documented_fields(closed_vault: Path, tmp_path: Path) -> None:
    data = os.urandom(2000)
    src = write_file(tmp_path / "штраф.pdf", b"%PDF-1.7\n" + data)
    [outcome] = _import(closed_vault, src, extra=("--case", "Дело 1", "--note", "из суда"))
    assert outcome["status"] == "imported"
    listed = run_cli("list", "--passphrase-stdin", "--json", vault=closed_vault, stdin=STDIN)
    assert listed.returncode == 0
    [item] = json.loads(listed.stdout)
    for key in ("id", "name", "size", "sha256", "sha512", "media_type", "case", "imported_at"):
        assert key in item, key
    assert item["id"] == outcome["id"]
    assert item["name"] == "штраф.pdf"
    assert item["media_type"] == "application/pdf"
    assert item["sha256"] == hashlib.sha256(src.read_bytes()).hexdigest()
    assert item["case"] == "Дело 1"
    other_case = run_cli("list", "--passphrase-stdin", "--json", "--case", "other", vault=closed_vault, stdin=STDIN)
    assert json.loads(other_case.stdout) == []


def test_show_json_adds_metadata_and_custody(closed_vault: Path, tmp_path: Path) -> None:
    [outcome] = _import(closed_vault, write_file(tmp_path / "a.txt", b"evidence"))
    item_id = str(outcome["id"])
    assert (
        run_cli("note", "--passphrase-stdin", item_id, "seen at 14:02", vault=closed_vault, stdin=STDIN).returncode == 0
    )
    shown = run_cli("show", "--passphrase-stdin", "--json", item_id.lower(), vault=closed_vault, stdin=STDIN)
    assert shown.returncode == 0, shown
    data = json.loads(shown.stdout)
    assert data["id"] == item_id
    assert data["notes"] == "seen at 14:02"
    assert "metadata" in data
    assert [e["action"] for e in data["custody"]] == ["imported", "metadata-extracted", "annotated"]
    human = run_cli("show", "--passphrase-stdin", item_id, vault=closed_vault, stdin=STDIN)
    assert "SHA-256:" in human.stdout and item_id in human.stdout


def test_extract_is_bit_exact_and_refuses_to_overwrite(closed_vault: Path, tmp_path: Path) -> None:
    src = write_file(tmp_path / "clip.mp4", os.urandom(3 << 20))
    [outcome] = _import(closed_vault, src)
    out = tmp_path / "restored.mp4"
    result = run_cli(
        "extract", "--passphrase-stdin", str(outcome["id"]), "--out", str(out), vault=closed_vault, stdin=STDIN
    )
    assert result.returncode == 0, result
    assert out.read_bytes() == src.read_bytes()
    again = run_cli(
        "extract", "--passphrase-stdin", str(outcome["id"]), "--out", str(out), vault=closed_vault, stdin=STDIN
    )
    assert again.returncode == 1 and "not overwritten" in again.stderr


def test_duplicates_are_reported(closed_vault: Path, tmp_path: Path) -> None:
    src = write_file(tmp_path / "a.bin", b"same bytes")
    copy = write_file(tmp_path / "b.bin", b"same bytes")
    outcomes = _import(closed_vault, src, copy)
    assert [o["status"] for o in outcomes] == ["imported", "duplicate"]
    human = run_cli("import", "--passphrase-stdin", str(src), vault=closed_vault, stdin=STDIN)
    assert human.returncode == 0 and "duplicate" in human.stdout and str(outcomes[0]["id"]) in human.stdout


def test_remove_source_deletes_and_warns_about_ssds(closed_vault: Path, tmp_path: Path) -> None:
    src = write_file(tmp_path / "a.bin", b"to be removed")
    result = run_cli("import", "--passphrase-stdin", "--remove-source", str(src), vault=closed_vault, stdin=STDIN)
    assert result.returncode == 0
    assert not src.exists()
    assert "SSD" in result.stderr


def test_log_verify_succeeds_then_reports_a_broken_link(closed_vault: Path, tmp_path: Path) -> None:
    _import(closed_vault, write_file(tmp_path / "a.bin", b"a"), write_file(tmp_path / "b.bin", b"b"))
    ok = run_cli("log", "--passphrase-stdin", "--verify", "--json", vault=closed_vault, stdin=STDIN)
    assert ok.returncode == 0
    data = json.loads(ok.stdout)
    assert data["verified"] is True
    # Metadata is recorded in file order, up to two imports later (locker/ingest/metadata_queue.py).
    assert [e["action"] for e in data["events"]] == [
        "created", "imported", "imported", "metadata-extracted", "metadata-extracted"
    ]  # fmt: skip
    with Vault.open(closed_vault, PASSPHRASE) as v, v.session() as conn:
        line = conn.execute("SELECT line FROM custody WHERE seq = 2").fetchone()[0]
        conn.execute("UPDATE custody SET line = ? WHERE seq = 2", (line.replace("a.bin", "x.bin"),))
    broken = run_cli("log", "--passphrase-stdin", "--verify", vault=closed_vault, stdin=STDIN)
    assert broken.returncode == 1
    assert "BROKEN at event 3" in broken.stdout


def test_passwd_reads_old_then_new_from_stdin(closed_vault: Path) -> None:
    result = run_cli("passwd", "--passphrase-stdin", vault=closed_vault, stdin=f"{PASSPHRASE}\nnew secret words\n")
    assert result.returncode == 0, result
    assert run_cli("list", "--passphrase-stdin", vault=closed_vault, stdin=STDIN).returncode == 1
    assert run_cli("list", "--passphrase-stdin", vault=closed_vault, stdin="new secret words\n").returncode == 0


def test_check_reports_ok_on_a_healthy_vault(closed_vault: Path, tmp_path: Path) -> None:
    _import(closed_vault, write_file(tmp_path / "a.bin", os.urandom(100_000)))
    result = run_cli("check", "--passphrase-stdin", vault=closed_vault, stdin=STDIN)
    assert result.returncode == 0, result
    assert result.stdout.startswith("Vault OK")


@pytest.mark.parametrize(
    ("args", "stdin", "code", "message"),
    [
        (("list", "--passphrase-stdin"), "wrong\n", 1, "passphrase is wrong"),
        (("show", "--passphrase-stdin", "ZZZZZZZZ"), STDIN, 1, "no item"),
        (("extract", "--passphrase-stdin", "ZZZZZZZZ", "--out", "/nonexistent/x"), STDIN, 1, "no item"),
        (("list", "--bogus"), STDIN, 2, "unrecognized arguments"),
        (("frobnicate",), STDIN, 2, "invalid choice"),
        ((), "", 2, "usage"),
        (("list",), "", 2, "--passphrase-stdin"),
        (("list", "--passphrase-stdin"), "", 2, "found none"),
    ],
)
def test_errors_are_one_plain_line_with_the_documented_exit_code(
    closed_vault: Path, args: tuple[str, ...], stdin: str, code: int, message: str
) -> None:
    result = run_cli(*args, vault=closed_vault, stdin=stdin)
    assert result.returncode == code, result
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    if code == 1:
        assert len(result.stderr.strip().splitlines()) == 1


def test_missing_vault_is_reported_without_asking_for_a_passphrase(tmp_path: Path) -> None:
    result = run_cli("list", vault=tmp_path / "none.locker")
    assert result.returncode == 1
    assert "There is no vault" in result.stderr


def test_version_names_app_sqlcipher_openssl_and_qt() -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    for needle in ("Evidence Locker", "SQLCipher: 4.", "OpenSSL", "Qt:"):
        assert needle in result.stdout


def test_python_dash_m_and_the_console_script_agree() -> None:
    import shutil
    import subprocess
    import sys

    script = Path(sys.executable).parent / "locker"
    exe = str(script) if script.exists() else shutil.which("locker")
    assert exe, "the locker console script is not installed"
    out = subprocess.run([exe, "--version"], capture_output=True, text=True, check=True).stdout
    assert out == run_cli("--version").stdout


def test_hostile_file_names_are_stored_sanitised_and_printed_safely(closed_vault: Path, tmp_path: Path) -> None:
    src = write_file(tmp_path / "photo\u202egpj.exe\x1b[31m", b"x")
    [outcome] = _import(closed_vault, src)
    assert outcome["name"] == "photogpj.exe[31m"
    listed = run_cli("list", "--passphrase-stdin", vault=closed_vault, stdin=STDIN)
    assert "\x1b" not in listed.stdout and "\u202e" not in listed.stdout
