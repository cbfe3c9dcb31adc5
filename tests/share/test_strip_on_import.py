"""`locker import --strip` and `locker share`, end to end through the command line, as a user runs them."""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE, run_cli
from tests.share import planted
from tests.share.checks import exiftool_leftovers, raw_hits

STDIN = PASSPHRASE + "\n"


@pytest.fixture
def cli_vault(closed_vault: Path) -> Path:
    return closed_vault


def _json(*args: str, vault: Path) -> object:
    result = run_cli(*args, "--passphrase-stdin", "--json", vault=vault, stdin=STDIN)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_import_strip_stores_a_clean_copy_and_documents_the_original(cli_vault: Path, tmp_path: Path) -> None:
    sample = planted.jpeg(tmp_path)
    original = sample.path.read_bytes()

    [outcome] = _json("import", "--strip", str(sample.path), vault=cli_vault)  # type: ignore[misc]
    assert outcome["status"] == "imported", outcome

    shown = _json("show", outcome["id"], vault=cli_vault)
    assert isinstance(shown, dict)
    sanitised = shown["sanitised"]
    assert sanitised["original_sha256"] == hashlib.sha256(original).hexdigest()
    assert sanitised["original_sha512"] == hashlib.sha512(original).hexdigest()
    assert sanitised["original_size"] == len(original)
    assert any("GPS" in name for name in sanitised["removed_fields"])  # names of removed fields ...
    assert raw_hits_in_text(json.dumps(sanitised), sample.values) == []  # ... never their values
    assert shown["sha256"] != sanitised["original_sha256"]
    imported = [e for e in shown["custody"] if e["action"] == "imported"]
    assert imported[0]["details"]["sanitised"]["original_sha256"] == sanitised["original_sha256"]

    stored = tmp_path / "stored.jpg"
    extracted = run_cli("extract", "--passphrase-stdin", outcome["id"], "--out", str(stored), vault=cli_vault,
                        stdin=STDIN)  # fmt: skip
    assert extracted.returncode == 0, extracted.stderr
    assert exiftool_leftovers(stored) == {}
    assert raw_hits(stored, sample.values) == []
    # Nothing of the original's metadata reached the vault's files either (they are encrypted anyway).
    for path in cli_vault.rglob("*"):
        if path.is_file():
            assert raw_hits(path, (planted.SERIAL, planted.ARTIST)) == [], path


def raw_hits_in_text(text: str, values: tuple[str, ...]) -> list[str]:
    return [v for v in values if v.lower() in text.lower()]


def test_a_stripped_item_says_so_in_the_counsel_bundle(cli_vault: Path, tmp_path: Path) -> None:
    sample = planted.pdf(tmp_path)
    [outcome] = _json("import", "--strip", str(sample.path), vault=cli_vault)  # type: ignore[misc]
    assert outcome["status"] == "imported", outcome
    bundle = tmp_path / "bundle"
    exported = run_cli("export", "--passphrase-stdin", "--to-counsel", str(bundle), outcome["id"], vault=cli_vault,
                       stdin=STDIN)  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    [record] = json.loads((bundle / "metadata" / "items.json").read_text(encoding="utf-8"))
    assert record["sanitised"]["original_sha256"] == hashlib.sha256(sample.path.read_bytes()).hexdigest()
    custody = (bundle / "metadata" / "custody-log.jsonl").read_text(encoding="utf-8")
    assert '"sanitised"' in custody
    verified = run_cli("verify", str(bundle))
    assert verified.returncode == 3, verified.stdout + verified.stderr  # intact (imports match), signer unconfirmed
    report = subprocess.run(["pdftotext", str(bundle / "metadata" / "report.pdf"), "-"], capture_output=True,
                            text=True, check=True).stdout  # fmt: skip
    assert "sanitised copy" in report and hashlib.sha256(sample.path.read_bytes()).hexdigest()[:32] in report


def test_import_strip_refuses_types_it_cannot_clean(cli_vault: Path, tmp_path: Path) -> None:
    text = tmp_path / "note.txt"
    text.write_text("written at home\n", encoding="utf-8")
    result = run_cli("import", "--strip", "--passphrase-stdin", str(text), vault=cli_vault, stdin=STDIN)
    assert result.returncode == 1
    assert "no share copy for files of type text/plain" in result.stdout
    listed = _json("list", vault=cli_vault)
    assert listed == []


def test_share_command_writes_copies_and_reports_refusals(cli_vault: Path, tmp_path: Path) -> None:
    photo = planted.png(tmp_path)
    text = tmp_path / "note.txt"
    text.write_text("plain\n", encoding="utf-8")
    outcomes = _json("import", str(photo.path), str(text), vault=cli_vault)
    assert isinstance(outcomes, list)
    out = tmp_path / "out"
    out.mkdir()
    ids = [o["id"] for o in outcomes]
    result = run_cli("share", "--passphrase-stdin", *ids, "--out", str(out), "--faces", "off", "--json",
                     vault=cli_vault, stdin=STDIN)  # fmt: skip
    assert result.returncode == 1  # one item could not be shared
    made, refused = json.loads(result.stdout)
    assert made["ok"] and Path(made["path"]).is_file()
    assert raw_hits(Path(made["path"]), photo.values) == []
    assert not refused["ok"] and "text/plain" in refused["error"]
    assert sorted(p.name for p in out.iterdir()) == ["screen-shared.png"]
    missing = run_cli("share", "--passphrase-stdin", ids[0], "--out", str(tmp_path / "nope"), vault=cli_vault,
                      stdin=STDIN)  # fmt: skip
    assert missing.returncode == 2 and "not a folder" in missing.stderr
