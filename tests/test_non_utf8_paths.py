"""Paths that are not valid UTF-8 (names from FAT cards, old cameras, other locales) work everywhere in the CLI:
import, export of each form, extract, verify and share read and write them, show them with U+FFFD, and never crash
after the work is done."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import PASSPHRASE, run_cli

STDIN = PASSPHRASE + "\n"


def _bad(base: Path, name: bytes) -> Path:
    return Path(os.fsdecode(os.fsencode(base) + b"/" + name))


@pytest.fixture
def photo(tmp_path: Path) -> Path:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (120, 30, 200)).save(buffer, "PNG")
    source = _bad(tmp_path, b"\xc1\xe5\xeb\xfb\xe9.png")  # "Белый" in cp1251: not UTF-8
    source.write_bytes(buffer.getvalue())
    return source


def test_every_command_handles_names_that_are_not_utf8(closed_vault: Path, tmp_path: Path, photo: Path) -> None:
    imported = run_cli("import", "--passphrase-stdin", "--json", "--case", "C", str(photo), vault=closed_vault,
                       stdin=STDIN)  # fmt: skip
    assert imported.returncode == 0, imported.stderr
    [row] = json.loads(imported.stdout)
    assert row["status"] == "imported" and row["name"] == "\ufffd" * 5 + ".png"
    out_dir = _bad(tmp_path, b"out\xff")
    out_dir.mkdir()
    for name in ("bag", "bag.zip"):
        exported = run_cli("export", "--passphrase-stdin", "--to-counsel", str(out_dir / name), "--case", "C",
                           vault=closed_vault, stdin=STDIN)  # fmt: skip
        assert exported.returncode == 0, exported.stderr
        assert "out\ufffd/" in exported.stdout  # one U+FFFD for the one byte that is not UTF-8
        verified = run_cli("verify", str(out_dir / name))
        assert verified.returncode == 3 and "Traceback" not in verified.stderr, verified.stdout + verified.stderr
    target = _bad(out_dir, b"copy\xfe.png")
    extracted = run_cli("extract", "--passphrase-stdin", row["id"], "--out", str(target), vault=closed_vault,
                        stdin=STDIN)  # fmt: skip
    assert extracted.returncode == 0, extracted.stderr
    assert target.read_bytes() == photo.read_bytes()
    shared = run_cli("share", "--passphrase-stdin", row["id"], "--out", str(out_dir), "--faces", "off", "--json",
                     vault=closed_vault, stdin=STDIN)  # fmt: skip
    assert shared.returncode == 0, shared.stdout + shared.stderr
    assert json.loads(shared.stdout)[0]["ok"] is True
    log = run_cli("log", "--passphrase-stdin", "--json", "--verify", vault=closed_vault, stdin=STDIN)
    assert log.returncode == 0, log.stderr
    extracted_event = next(e for e in json.loads(log.stdout)["events"] if e["action"] == "extracted")
    assert extracted_event["details"]["to_name"] == "copy\ufffd.png"


def test_text_arguments_that_are_not_utf8_are_kept_as_replacement_characters(
    closed_vault: Path, tmp_path: Path, photo: Path
) -> None:
    bad = os.fsdecode(b"\xff")
    imported = run_cli("import", "--passphrase-stdin", "--json", "--no-metadata", "--case", f"c{bad}",
                       "--note", f"n{bad}", str(photo), vault=closed_vault, stdin=STDIN)  # fmt: skip
    assert imported.returncode == 0, imported.stderr
    item = json.loads(imported.stdout)[0]["id"]
    noted = run_cli("note", "--passphrase-stdin", item, f"note {bad}", vault=closed_vault, stdin=STDIN)
    assert noted.returncode == 0, noted.stderr
    for name, extra, stdin in (("o\udcffut.zip", [], STDIN), ("o\udcffut.7z", ["--encrypt", "7z"], STDIN + "pw\npw\n")):
        exported = run_cli("export", "--passphrase-stdin", "--to-counsel", str(tmp_path / name), "--case", "c\ufffd",
                           "--recipient", f"r{bad}", *extra, vault=closed_vault, stdin=stdin)  # fmt: skip
        assert exported.returncode == 0 and "Traceback" not in exported.stderr, exported.stderr
    listed = json.loads(run_cli("list", "--passphrase-stdin", "--json", vault=closed_vault, stdin=STDIN).stdout)
    assert listed[0]["case"] == "c\ufffd" and listed[0]["notes"] == "note \ufffd"
    verified = run_cli("verify", str(tmp_path / "o\udcffut.zip"))
    assert verified.returncode == 3, verified.stdout
