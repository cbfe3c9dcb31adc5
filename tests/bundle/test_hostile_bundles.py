"""Hostile bundles, each made from a real export: `locker verify` says INVALID with one reason line and exit 1,
never a traceback, within 10 s, under 200 MiB of memory, and without writing anything under TMPDIR or HOME."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from locker.bundle import reader as reader_module
from locker.bundle.export import ExportRequest, export_bundle
from locker.bundle.reader import BagReader
from locker.ingest.importer import ImportOptions, import_files
from locker.vault.custody import canonical_line
from locker.vault.vault import Vault
from tests.conftest import LOCKER_COMMAND, PASSPHRASE, WEAK_PARAMS, write_file

GIB = 1024 * 1024 * 1024
# A hang guard, not a speed test (the machines are shared): a verify still running after this long has hung.
HANG_GUARD_SECONDS = 120
RSS_LIMIT_MIB = 200
SEVENZIP_PASSWORD = "secret for counsel"


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_rss_mib: float
    new_files: list[str]

    @property
    def report(self) -> dict:  # type: ignore[type-arg]
        return json.loads(self.stdout)


def _listing(folder: Path) -> set[str]:
    return {str(p) for p in folder.rglob("*")}


# Linux carries a process's peak RSS across fork and exec, so a child of this (large) test process would report
# pytest's peak as its own. A small Python in between starts `locker`, and reports only that child's peak.
MEASURE = (
    "import os, subprocess, sys; child = subprocess.Popen(sys.argv[2:]); _, status, usage = os.wait4(child.pid, 0);"
    "open(sys.argv[1], 'w').write(str(usage.ru_maxrss)); sys.exit(os.waitstatus_to_exitcode(status))"
)


def run_isolated(tmp_path: Path, *args: str, stdin: str = "") -> Run:
    """`python -m locker ARGS` with HOME and TMPDIR fresh and empty; its own peak RSS, from os.wait4."""
    home, tmp = tmp_path / "home", tmp_path / "tmpdir"
    home.mkdir(exist_ok=True)
    tmp.mkdir(exist_ok=True)
    before = _listing(home) | _listing(tmp)
    env = dict(os.environ, HOME=str(home), TMPDIR=str(tmp), XDG_CONFIG_HOME=str(home / ".config"))
    out, err, rss = tmp_path / "stdout.txt", tmp_path / "stderr.txt", tmp_path / "rss.txt"
    command = [sys.executable, "-c", MEASURE, str(rss), *LOCKER_COMMAND, *args]
    started = time.monotonic()
    with out.open("wb") as stdout, err.open("wb") as stderr:
        proc = subprocess.run(command, input=stdin.encode(), stdout=stdout, stderr=stderr, env=env, timeout=HANG_GUARD_SECONDS)
    seconds = time.monotonic() - started
    after = _listing(home) | _listing(tmp)
    peak = int(rss.read_text()) / 1024
    return Run(proc.returncode, out.read_text(), err.read_text(), seconds, peak, sorted(after - before))


def assert_invalid(run: Run, first_failure: str | None = None) -> None:
    """Exit 1, one INVALID line naming the first failed check, no traceback, bounded memory, nothing written (and it
    finished: `run_isolated` fails on a hang)."""
    assert run.returncode == 1, run.stdout + run.stderr
    assert "Traceback" not in run.stdout + run.stderr, run.stderr
    invalid = [line for line in run.stdout.splitlines() if line.startswith("INVALID")]
    assert len(invalid) == 1, run.stdout
    if first_failure is not None:
        assert f"First failed check - {first_failure}:" in invalid[0], invalid[0]
    assert run.peak_rss_mib < RSS_LIMIT_MIB, run.peak_rss_mib
    assert run.new_files == []


@pytest.fixture(scope="module")
def source_vault(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("hostile-src")
    root = base / "v.locker"
    with Vault.create(root, PASSPHRASE, WEAK_PARAMS) as vault:
        files = [write_file(base / "photo.jpg", b"photo" * 3000), write_file(base / "note.txt", "протокол".encode())]
        import_files(vault, files, ImportOptions(case="C", extract_metadata=False))
    return root


@pytest.fixture
def bundle(source_vault: Path, tmp_path: Path) -> Path:
    """A fresh, intact folder bundle at tmp_path/work/bundle."""
    shutil.copytree(source_vault, tmp_path / "v.locker")
    with Vault.open(tmp_path / "v.locker", PASSPHRASE) as vault:
        export_bundle(vault, tmp_path / "work" / "bundle", ExportRequest(case="C"))
    return tmp_path / "work" / "bundle"


def first_payload(bag: Path) -> str:
    return next(p for p in sorted((bag / "data").rglob("*")) if p.is_file()).relative_to(bag).as_posix()


Member = Callable[[zipfile.ZipFile, str], None]


def zip_bag(bag: Path, out: Path, replace: dict[str, Member] | None = None, method: int = zipfile.ZIP_STORED) -> Path:
    """The folder bundle as a zip under 'bundle/', with some members written by `replace[relative]` instead."""
    replace = replace or {}
    with zipfile.ZipFile(out, "w", compression=method) as archive:
        for path in sorted(bag.rglob("*")):
            relative = path.relative_to(bag).as_posix()
            if relative in replace:
                replace.pop(relative)(archive, f"bundle/{relative}")
            elif path.is_file():
                archive.write(path, f"bundle/{relative}")
        for relative, write in replace.items():
            write(archive, f"bundle/{relative}")
    return out


def _deflated_bomb(bag: Path, relative: str, out: Path) -> Path:
    def write(archive: zipfile.ZipFile, name: str) -> None:
        info = zipfile.ZipInfo(name)
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as member:
            member.write((bag / relative).read_bytes())
            zeros = bytes(1 << 20)
            for _ in range(1024):
                member.write(zeros)

    return zip_bag(bag, out, {relative: write})


def _link_member(target: str) -> Member:
    def write(archive: zipfile.ZipFile, name: str) -> None:
        info = zipfile.ZipInfo(name)
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(info, target)

    return write


def _fingerprint_args(bag: Path) -> list[str]:
    info = (bag / "bag-info.txt").read_text()
    return ["--fingerprint", next(line.split(": ", 1)[1] for line in info.splitlines() if "Fingerprint" in line)]


# -- folder bundles ------------------------------------------------------------------------------------------------


def test_a_fifo_in_place_of_minisign_pub(bundle: Path, tmp_path: Path) -> None:
    key = bundle / "signatures" / "minisign.pub"
    key.unlink()
    os.mkfifo(key)
    assert_invalid(run_isolated(tmp_path, "verify", str(bundle)), "regular files only")


def test_bag_info_linked_to_dev_zero(bundle: Path, tmp_path: Path) -> None:
    (bundle / "bag-info.txt").unlink()
    (bundle / "bag-info.txt").symlink_to("/dev/zero")
    assert_invalid(run_isolated(tmp_path, "verify", str(bundle)), "regular files only")


def test_a_payload_linked_to_identical_bytes_outside(bundle: Path, tmp_path: Path) -> None:
    payload = bundle / first_payload(bundle)
    outside = tmp_path / "outside.bin"
    outside.write_bytes(payload.read_bytes())
    payload.unlink()
    payload.symlink_to(outside)
    assert_invalid(run_isolated(tmp_path, "verify", str(bundle)), "regular files only")


def test_invalid_utf8_in_a_manifest(bundle: Path, tmp_path: Path) -> None:
    with (bundle / "manifest-sha256.txt").open("ab") as manifest:
        manifest.write(b"\xff\xfe  data/x\n")
    run = run_isolated(tmp_path, "verify", str(bundle))
    assert_invalid(run, "payload")
    assert "manifest-sha256.txt is not UTF-8 text" in run.stdout


def test_invalid_utf8_in_the_custody_log(bundle: Path, tmp_path: Path) -> None:
    with (bundle / "metadata" / "custody-log.jsonl").open("ab") as log:
        log.write(b'{"seq": \xc3\x28}\n')
    run = run_isolated(tmp_path, "verify", "--json", str(bundle))
    assert run.returncode == 1 and "Traceback" not in run.stderr
    custody = next(c for c in run.report["checks"] if c["name"] == "custody log")
    assert custody["status"] == "fail" and "not UTF-8 text" in custody["detail"]
    assert_invalid(run_isolated(tmp_path, "verify", str(bundle)))


def test_deeply_nested_json_in_the_custody_log(bundle: Path, tmp_path: Path) -> None:
    with (bundle / "metadata" / "custody-log.jsonl").open("a") as log:
        log.write("[" * 100_000 + "\n")
    run = run_isolated(tmp_path, "verify", "--json", str(bundle))
    custody = next(c for c in run.report["checks"] if c["name"] == "custody log")
    assert custody["status"] == "fail", custody
    assert_invalid(run_isolated(tmp_path, "verify", str(bundle)))


def _rewrite_last_event(bag: Path, change: Callable[[dict], object]) -> None:  # type: ignore[type-arg]
    """Replace the log's last event with a re-hashed one, and name it as the head in bag-info, so the chain
    itself still holds and the check reaches the event's contents."""
    log = bag / "metadata" / "custody-log.jsonl"
    lines = log.read_text().splitlines()
    lines[-1] = canonical_line(change(json.loads(lines[-1])))  # type: ignore[arg-type]
    log.write_text("\n".join(lines) + "\n")
    from locker.vault.custody import line_hash

    info = bag / "bag-info.txt"
    text = "".join(
        f"Custody-Log-Head: {line_hash(lines[-1])}\n" if line.startswith("Custody-Log-Head:") else line + "\n"
        for line in info.read_text().splitlines()
    )
    info.write_text(text)


def test_a_number_where_the_export_event_has_details(bundle: Path, tmp_path: Path) -> None:
    _rewrite_last_event(bundle, lambda event: {**event, "details": 5})
    run = run_isolated(tmp_path, "verify", "--json", str(bundle))
    custody = next(c for c in run.report["checks"] if c["name"] == "custody log")
    assert custody["status"] == "fail" and "int" in custody["detail"], custody
    assert_invalid(run_isolated(tmp_path, "verify", str(bundle)))


def test_a_list_where_an_event_is_expected(bundle: Path, tmp_path: Path) -> None:
    log = bundle / "metadata" / "custody-log.jsonl"
    log.write_text(log.read_text() + "[1, 2, 3]\n")
    run = run_isolated(tmp_path, "verify", "--json", str(bundle))
    custody = next(c for c in run.report["checks"] if c["name"] == "custody log")
    assert custody["status"] == "fail", custody
    assert_invalid(run_isolated(tmp_path, "verify", str(bundle)))


# -- zip bundles ---------------------------------------------------------------------------------------------------


def test_the_plain_zip_of_a_fresh_bundle_is_intact(bundle: Path, tmp_path: Path) -> None:
    """The baseline for the zip cases below: zip_bag itself makes a bundle that verifies."""
    run = run_isolated(tmp_path, "verify", str(zip_bag(bundle, tmp_path / "b.zip")))
    assert run.returncode == 3, run.stdout + run.stderr
    assert run.new_files == []


def test_a_zip_bomb_in_bag_info(bundle: Path, tmp_path: Path) -> None:
    bomb = _deflated_bomb(bundle, "bag-info.txt", tmp_path / "b.zip")
    assert bomb.stat().st_size < 4 * 1024 * 1024
    run = run_isolated(tmp_path, "verify", str(bomb))
    assert_invalid(run, "bundle readable")
    assert "refused as a bomb" in run.stdout


def test_a_zip_bomb_as_a_payload_file(bundle: Path, tmp_path: Path) -> None:
    run = run_isolated(tmp_path, "verify", str(_deflated_bomb(bundle, first_payload(bundle), tmp_path / "b.zip")))
    assert_invalid(run, "bundle readable")
    assert "refused as a bomb" in run.stdout


def test_a_zip_member_that_inflates_past_its_declared_size_is_never_read_past_it(
    bundle: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The central directory says 100 bytes; the deflate stream holds 64 MiB. The local header, which says 64 MiB,
    makes the zip unreadable; and without that check (the layout check switched off), only 100 bytes are read."""
    payload = first_payload(bundle)

    def write(archive: zipfile.ZipFile, name: str) -> None:
        info = zipfile.ZipInfo(name)
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, bytes(64 * 1024 * 1024))
        archive.getinfo(name).file_size = 100  # written into the central directory when the zip closes

    packed = zip_bag(bundle, tmp_path / "b.zip", {payload: write})
    run = run_isolated(tmp_path, "verify", str(packed))
    assert_invalid(run, "bundle readable")
    assert "has local sizes unlike its central directory entry" in run.stdout
    monkeypatch.setattr(reader_module, "check_zip_layout", lambda *args: None)
    reader, seen = BagReader(packed), 0
    with pytest.raises(zipfile.BadZipFile, match="Bad CRC-32"):
        for data in reader.chunks(payload):
            seen += len(data)
    reader.close()
    assert seen <= 100


def test_a_link_member_in_a_zip_is_irregular_and_never_read(bundle: Path, tmp_path: Path) -> None:
    target = (bundle / "bag-info.txt").read_bytes().decode()
    bomb = zip_bag(bundle, tmp_path / "b.zip", {"bag-info.txt": _link_member(target)})
    assert_invalid(run_isolated(tmp_path, "verify", str(bomb)), "regular files only")


@pytest.mark.filterwarnings("ignore:Duplicate name")
@pytest.mark.parametrize(
    ("name", "reason"),
    [("bundle/bag-info.txt", "two files named"), ("bundle/../evil.txt", "outside itself"), ("/etc/x", "outside")],
)
def test_duplicate_absolute_and_dotdot_names_in_a_zip(bundle: Path, tmp_path: Path, name: str, reason: str) -> None:
    packed = zip_bag(bundle, tmp_path / "b.zip")
    with zipfile.ZipFile(packed, "a") as archive:
        archive.writestr(zipfile.ZipInfo(name), b"x")
    run = run_isolated(tmp_path, "verify", str(packed))
    assert_invalid(run, "bundle readable")
    assert reason in run.stdout


@pytest.mark.parametrize("method", [zipfile.ZIP_BZIP2, 99])
def test_an_unsupported_zip_compression_method(bundle: Path, tmp_path: Path, method: int) -> None:
    packed = zip_bag(bundle, tmp_path / "b.zip", method=zipfile.ZIP_BZIP2)
    if method == 99:  # 99 is WinZip AES, which zipfile cannot read: patch the method fields in place
        data = bytearray(packed.read_bytes())
        for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
            start = data.find(signature)
            data[start + offset : start + offset + 2] = method.to_bytes(2, "little")
        packed.write_bytes(data)
    run = run_isolated(tmp_path, "verify", str(packed))
    assert_invalid(run, "bundle readable")
    assert f"compression method {method}" in run.stdout


def test_a_flipped_bit_in_a_zip_member(bundle: Path, tmp_path: Path) -> None:
    packed = zip_bag(bundle, tmp_path / "b.zip")
    data = bytearray(packed.read_bytes())
    offset = data.find(b"photophoto") + 5
    data[offset] ^= 0x01
    packed.write_bytes(data)
    run = run_isolated(tmp_path, "verify", str(packed))
    assert_invalid(run, "payload")
    assert "Bad CRC-32" in run.stdout


def test_a_truncated_zip(bundle: Path, tmp_path: Path) -> None:
    packed = zip_bag(bundle, tmp_path / "b.zip")
    packed.write_bytes(packed.read_bytes()[: packed.stat().st_size // 2])
    assert_invalid(run_isolated(tmp_path, "verify", str(packed)), "bundle readable")


def test_a_zip_with_more_than_100000_members(bundle: Path, tmp_path: Path) -> None:
    packed = zip_bag(bundle, tmp_path / "b.zip")
    with zipfile.ZipFile(packed, "a") as archive:
        for number in range(100_001):
            archive.writestr(f"bundle/data/x/{number}", b"")
    run = run_isolated(tmp_path, "verify", str(packed))
    assert_invalid(run, "bundle readable")
    assert "more than the 100000" in run.stdout


# -- encrypted bundles ---------------------------------------------------------------------------------------------


def test_a_zip_bomb_inside_an_age_bundle(bundle: Path, tmp_path: Path) -> None:
    pyrage = pytest.importorskip("pyrage")
    identity = pyrage.x25519.Identity.generate()
    key = tmp_path / "counsel.key"
    key.write_text(f"{identity}\n")
    bomb = _deflated_bomb(bundle, "bag-info.txt", tmp_path / "b.zip")
    sealed = tmp_path / "b.age"
    sealed.write_bytes(pyrage.encrypt(bomb.read_bytes(), [identity.to_public()]))
    run = run_isolated(tmp_path, "verify", "--age-identity", str(key), str(sealed))
    assert_invalid(run, "bundle readable")
    assert "refused as a bomb" in run.stdout


@pytest.mark.skipif(shutil.which("7z") is None, reason="7z (p7zip-full) is not installed")
def test_a_7z_bomb(bundle: Path, tmp_path: Path) -> None:
    """bag-info.txt grown to 1 GiB with zeros (a sparse file, packed by 7-Zip to a few hundred KiB)."""
    with (bundle / "bag-info.txt").open("ab") as info:
        info.truncate(GIB)
    bomb = tmp_path / "b.7z"
    subprocess.run(["7z", "a", "-mx=1", "-mhe=on", f"-p{SEVENZIP_PASSWORD}", str(bomb), str(bundle)],
                   check=True, capture_output=True)  # fmt: skip
    (bundle / "bag-info.txt").unlink()
    assert bomb.stat().st_size < 16 * 1024 * 1024
    run = run_isolated(tmp_path, "verify", "--password-stdin", str(bomb), stdin=SEVENZIP_PASSWORD + "\n")
    assert_invalid(run, "bundle readable")
    assert "refused as a bomb" in run.stdout


def test_an_error_no_check_expected_is_a_failed_bundle_readable_check(
    bundle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last resort in verify_bundle: the verdict is invalid, and the reason is kept."""
    from locker.bundle import verify

    def broken(*args: object) -> None:
        raise RuntimeError("an error\nover two lines")

    monkeypatch.setattr(verify, "_check_tags", broken)
    result = verify.verify_bundle(bundle)
    assert result.verdict is verify.Verdict.INVALID
    assert [(c.name, c.detail) for c in result.checks] == [("bundle readable", "RuntimeError: an error over two lines")]
