"""Zip and 7z bundles that other tools would extract differently from what verify reads, or that cost verify
unbounded work: each is made from a real export and `locker verify` says INVALID with one reason line, exit 1."""

from __future__ import annotations

import io
import os
import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from locker.bundle.export import ExportRequest, export_bundle
from locker.ingest.importer import ImportOptions, import_files
from locker.vault.vault import Vault
from tests.bundle.test_hostile_bundles import (
    SEVENZIP_PASSWORD,
    _fingerprint_args,
    assert_invalid,
    bundle,
    run_isolated,
    source_vault,
    zip_bag,
)
from tests.conftest import PASSPHRASE, WEAK_PARAMS, write_file

__all__ = ["bundle", "source_vault"]  # fixtures used here


def unicode_path(stored: str, shown: str) -> bytes:
    """Info-ZIP Unicode Path extra field (0x7075): version 1, CRC-32 of the stored name, the name tools show."""
    data = b"\x01" + struct.pack("<I", zlib.crc32(stored.encode())) + shown.encode()
    return struct.pack("<HH", 0x7075, len(data)) + data


def bundle_zip(bag: Path, out: Path) -> tuple[Path, list[str]]:
    """The bag as bundle/... in a stored zip, and its member names in order."""
    zip_bag(bag, out)
    with zipfile.ZipFile(out) as archive:
        return out, archive.namelist()


def verify_zip(tmp_path: Path, packed: Path, reason: str) -> None:
    run = run_isolated(tmp_path, "verify", str(packed))
    assert_invalid(run, "bundle readable")
    assert reason in run.stdout, run.stdout


# -- zip: what unzip / 7-Zip would extract differently ---------------------------------------------------------


def test_the_reviewers_unicode_path_replacement(bundle: Path, tmp_path: Path) -> None:
    """One added member, stored under a name verify skips, whose 0x7075 field names a payload file: unzip and
    7-Zip would extract it over the genuine photo."""
    payload = next(p for p in sorted((bundle / "data").rglob("*")) if p.is_file()).relative_to(bundle).as_posix()

    def hidden(archive: zipfile.ZipFile, name: str) -> None:
        info = zipfile.ZipInfo(name)
        info.extra = unicode_path(name, f"bundle/{payload}")
        archive.writestr(info, b"DOCTORED")

    packed = zip_bag(bundle, tmp_path / "b.zip", {"metadata/tagmanifest-x.bin": hidden})
    verify_zip(tmp_path, packed, "zip extra field 0x7075 (Info-ZIP Unicode Path) in its central directory")


def test_a_unicode_path_only_in_a_local_header(bundle: Path, tmp_path: Path) -> None:
    """The central directory is clean; the local header (what streaming extractors read) renames the member."""
    payload = next(p for p in sorted((bundle / "data").rglob("*")) if p.is_file()).relative_to(bundle).as_posix()

    def renamed(archive: zipfile.ZipFile, name: str) -> None:
        info = zipfile.ZipInfo(name)
        field = unicode_path(name, "bundle/data/other.bin")
        info.extra = struct.pack("<HH", 0x5455, len(field) - 4) + field[4:]  # same length, an accepted id
        archive.writestr(info, (bundle / payload).read_bytes())

    packed = zip_bag(bundle, tmp_path / "b.zip", {payload: renamed})
    data = bytearray(packed.read_bytes())
    local = data.find(b"\x55\x54", data.find(f"bundle/{payload}".encode()))  # the local header's copy comes first
    data[local : local + 2] = b"\x75\x70"
    packed.write_bytes(data)
    verify_zip(tmp_path, packed, "zip extra field 0x7075 (Info-ZIP Unicode Path) in its local header")


def test_an_unknown_extra_field(bundle: Path, tmp_path: Path) -> None:
    def odd(archive: zipfile.ZipFile, name: str) -> None:
        info = zipfile.ZipInfo(name)
        info.extra = struct.pack("<HH", 0x4242, 2) + b"hi"
        archive.writestr(info, b"x")

    packed = zip_bag(bundle, tmp_path / "b.zip", {"metadata/extra.txt": odd})
    verify_zip(tmp_path, packed, "zip extra field 0x4242 (not accepted)")


def test_a_folder_entry_that_holds_data(bundle: Path, tmp_path: Path) -> None:
    """zipfile lists bundle/metadata/dir/ as a folder and verify skips it; unzip writes its bytes somewhere."""

    def folder(archive: zipfile.ZipFile, name: str) -> None:
        archive.writestr(zipfile.ZipInfo(name), b"DOCTORED")

    packed = zip_bag(bundle, tmp_path / "b.zip", {"metadata/dir/": folder})
    verify_zip(tmp_path, packed, "folder entry bundle/metadata/dir/ holds data")


def test_a_local_header_that_names_another_file(bundle: Path, tmp_path: Path) -> None:
    packed, names = bundle_zip(bundle, tmp_path / "b.zip")
    name = next(n for n in names if n.endswith("bag-info.txt")).encode()
    data = bytearray(packed.read_bytes())
    local = data.find(name)  # the local header comes before the central directory
    data[local : local + len(name)] = name[:-3] + b"TXT"
    packed.write_bytes(data)
    verify_zip(tmp_path, packed, "has a local header unlike its central directory entry")


@pytest.mark.parametrize(
    ("first", "second"),
    [("bundle/data/Photo.jpg", "bundle/data/photo.JPG"), ("bundle/data/caf\u00e9.txt", "bundle/data/cafe\u0301.txt")],
)
def test_names_equal_after_case_folding_or_normalisation(bundle: Path, tmp_path: Path, first: str, second: str) -> None:
    """On macOS or Windows one would overwrite the other when extracted."""
    packed = zip_bag(bundle, tmp_path / "b.zip")
    with zipfile.ZipFile(packed, "a") as archive:
        archive.writestr(first, b"one")
        archive.writestr(second, b"two")
    verify_zip(tmp_path, packed, "differs only in case or Unicode form")


def test_hidden_bytes_between_members(bundle: Path, tmp_path: Path) -> None:
    """Bytes no central directory entry accounts for: a member another tool could find by scanning."""

    def smuggle(archive: zipfile.ZipFile, name: str) -> None:
        hidden = zipfile.ZipInfo("bundle/data/hidden.jpg")
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as other:
            other.writestr(hidden, b"DOCTORED")
        archive.write(bundle / "bag-info.txt", name)
        assert archive.fp is not None
        archive.fp.write(buffer.getvalue()[: buffer.getvalue().find(b"PK\x01\x02")])  # a whole local member
        archive.start_dir = archive.fp.tell()  # type: ignore[attr-defined]  # where zipfile writes next

    packed = zip_bag(bundle, tmp_path / "b.zip", {"bag-info.txt": smuggle})
    verify_zip(tmp_path, packed, "bytes no member accounts for")


def test_a_prefix_before_the_first_member(bundle: Path, tmp_path: Path) -> None:
    """zipfile reads a zip with a prefix (a self-extractor's stub) by shifting every offset; verify refuses."""
    packed, _ = bundle_zip(bundle, tmp_path / "b.zip")
    packed.write_bytes(b"MZ" + bytes(1000) + packed.read_bytes())
    verify_zip(tmp_path, packed, "central directory is not where its end record says")


def test_bytes_after_the_end_record(bundle: Path, tmp_path: Path) -> None:
    packed, _ = bundle_zip(bundle, tmp_path / "b.zip")
    with packed.open("ab") as fh:
        fh.write(b"PK\x03\x04 trailing")
    verify_zip(tmp_path, packed, "bytes after its end record")


def test_two_entries_over_one_local_member(bundle: Path, tmp_path: Path) -> None:
    """Overlapping members (how overlap bombs and zip quines are made): the last central directory entry is made
    to point at the first member's local header."""
    packed, _ = bundle_zip(bundle, tmp_path / "b.zip")
    data = bytearray(packed.read_bytes())
    last = data.rfind(b"PK\x01\x02")
    data[last + 42 : last + 46] = struct.pack("<L", 0)
    packed.write_bytes(data)
    verify_zip(tmp_path, packed, "members overlap")


def _streamed_zip(bag: Path, out: Path) -> Path:
    """As `locker export` writes into age: to a pipe, so every member has a data descriptor (and zip64)."""

    class Pipe(io.RawIOBase):
        def __init__(self) -> None:
            self.data = bytearray()

        def writable(self) -> bool:
            return True

        def write(self, chunk: bytes) -> int:  # type: ignore[override]
            self.data += chunk
            return len(chunk)

    pipe = Pipe()
    with zipfile.ZipFile(pipe, "w") as archive:
        for path in sorted(p for p in bag.rglob("*") if p.is_file()):
            with archive.open(f"bundle/{path.relative_to(bag).as_posix()}", "w", force_zip64=True) as member:
                member.write(path.read_bytes())
    out.write_bytes(pipe.data)
    return out


def test_a_streamed_zip_verifies_and_a_data_descriptor_that_lies_does_not(bundle: Path, tmp_path: Path) -> None:
    packed = _streamed_zip(bundle, tmp_path / "b.zip")
    run = run_isolated(tmp_path, "verify", *_fingerprint_args(bundle), str(packed))
    assert run.returncode == 0, run.stdout + run.stderr
    data = bytearray(packed.read_bytes())
    descriptor = data.find(b"PK\x07\x08")
    data[descriptor + 8] ^= 1  # the compressed size, which only the descriptor and central directory hold
    packed.write_bytes(data)
    verify_zip(tmp_path, packed, "data descriptor that disagrees with the central directory")


def test_a_unicode_path_inside_an_age_bundle(bundle: Path, tmp_path: Path) -> None:
    pyrage = pytest.importorskip("pyrage")
    identity = pyrage.x25519.Identity.generate()
    key = tmp_path / "counsel.key"
    key.write_text(f"{identity}\n")

    def renamed(archive: zipfile.ZipFile, name: str) -> None:
        info = zipfile.ZipInfo(name)
        info.extra = unicode_path(name, "bundle/data/other.bin")
        archive.writestr(info, (bundle / "bag-info.txt").read_bytes())

    packed = zip_bag(bundle, tmp_path / "b.zip", {"bag-info.txt": renamed})
    sealed = tmp_path / "b.age"
    sealed.write_bytes(pyrage.encrypt(packed.read_bytes(), [identity.to_public()]))
    run = run_isolated(tmp_path, "verify", "--age-identity", str(key), str(sealed))
    assert_invalid(run, "bundle readable")
    assert "0x7075 (Info-ZIP Unicode Path)" in run.stdout


# -- 7z ------------------------------------------------------------------------------------------------------------


def _seven(bag: Path, out: Path, filters: list[dict[str, int]], header_encryption: bool = True) -> Path:
    py7zr = pytest.importorskip("py7zr")
    with py7zr.SevenZipFile(
        out, "w", password=SEVENZIP_PASSWORD, filters=filters, header_encryption=header_encryption
    ) as z:
        z.writeall(bag, arcname="bundle")
    return out


def verify_7z(tmp_path: Path, packed: Path, reason: str) -> None:
    run = run_isolated(tmp_path, "verify", "--password-stdin", str(packed), stdin=SEVENZIP_PASSWORD + "\n")
    assert_invalid(run, "bundle readable")
    assert reason in run.stdout, run.stdout


@pytest.mark.parametrize(
    ("method", "name"), [("FILTER_PPMD", "PPMd"), ("FILTER_BZIP2", "BZip2"), ("FILTER_ZSTD", "Zstandard")]
)
def test_a_7z_coder_verify_does_not_accept(bundle: Path, tmp_path: Path, method: str, name: str) -> None:
    """Refused from the header, before any payload is decrypted."""
    py7zr = pytest.importorskip("py7zr")
    filters = [{"id": getattr(py7zr, method)}, {"id": py7zr.FILTER_CRYPTO_AES256_SHA256}]
    try:
        packed = _seven(bundle, tmp_path / "b.7z", filters)
    except py7zr.exceptions.UnsupportedCompressionMethodError:
        pytest.skip(f"py7zr here cannot write {name}")
    verify_7z(tmp_path, packed, f"The .7z bundle uses {name}, which verify does not read.")


def test_7zips_default_lzma2_with_aes_is_accepted(bundle: Path, tmp_path: Path) -> None:
    py7zr = pytest.importorskip("py7zr")
    filters = [{"id": py7zr.FILTER_LZMA2}, {"id": py7zr.FILTER_CRYPTO_AES256_SHA256}]
    packed = _seven(bundle, tmp_path / "b.7z", filters)
    run = run_isolated(tmp_path, "verify", "--password-stdin", *_fingerprint_args(bundle), str(packed),
                       stdin=SEVENZIP_PASSWORD + "\n")  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.fixture
def aes_salt_and_cycles(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, int]]:
    """py7zr's AES writer, with the cycles asked for and (if `salted`) a fresh random salt per folder."""
    from py7zr import compressor
    from py7zr.helpers import calculate_key

    settings = {"cycles": 19, "salted": 0}
    original = compressor.AESCompressor.__init__

    def patched(self: compressor.AESCompressor, password: str, *args: object, **kwargs: object) -> None:
        original(self, password, *args, **kwargs)  # type: ignore[arg-type]
        self.cycles = settings["cycles"]
        self.salt = os.urandom(8) if settings["salted"] else b""
        key = calculate_key(password.encode("utf-16LE"), self.cycles, self.salt, "sha256")
        self.cipher = compressor.AES.new(key, compressor.AES.MODE_CBC, self.iv)

    monkeypatch.setattr(compressor.AESCompressor, "__init__", patched)
    yield settings


def _folders(bag: Path, out: Path, count: int, settings: dict[str, int] | None = None) -> Path:
    """The bag in one AES folder, then `count` more appended, one small member each (py7zr appends a folder),
    with a salt of its own each if `settings` says so."""
    import py7zr

    # Files only: py7zr misreads its own appended archives when the first one holds folder entries.
    filters = [{"id": py7zr.FILTER_COPY}, {"id": py7zr.FILTER_CRYPTO_AES256_SHA256}]
    with py7zr.SevenZipFile(out, "w", password=SEVENZIP_PASSWORD, filters=filters, header_encryption=False) as z:
        for path in sorted(p for p in bag.rglob("*") if p.is_file()):
            z.write(path, arcname=f"bundle/{path.relative_to(bag).as_posix()}")
    if settings is not None:
        settings["salted"] = 1
    for number in range(count):
        with py7zr.SevenZipFile(out, "a", password=SEVENZIP_PASSWORD) as z:
            z.writestr(b"x", f"bundle/metadata/pad{number}.txt")
    return out


def test_a_7z_asking_for_2_to_the_20_key_rounds(
    bundle: Path, tmp_path: Path, aes_salt_and_cycles: dict[str, int]
) -> None:
    pytest.importorskip("py7zr")
    aes_salt_and_cycles["cycles"] = 20
    packed = _folders(bundle, tmp_path / "b.7z", 0)
    verify_7z(tmp_path, packed, "asks for 2^20 key derivation rounds, over the 2^19 verify accepts")


def test_many_7z_folders_with_one_key_are_derived_once(
    bundle: Path, tmp_path: Path, aes_salt_and_cycles: dict[str, int]
) -> None:
    """As py7zr and 7-Zip write them (no salt): 41 folders, one derivation. The extra members are tag files no tag
    manifest lists, so the verdict is not 'confirmed'; every file is read."""
    packed = _folders(bundle, tmp_path / "b.7z", 40)
    run = run_isolated(tmp_path, "verify", "--password-stdin", "--json", str(packed), stdin=SEVENZIP_PASSWORD + "\n")
    assert "Traceback" not in run.stderr, run.stderr
    checks = {c["name"]: c["status"] for c in run.report["checks"]}
    assert "bundle readable" not in checks and checks["payload sha256"] == "pass", run.stdout


def test_many_7z_folders_each_with_its_own_salt(
    bundle: Path, tmp_path: Path, aes_salt_and_cycles: dict[str, int]
) -> None:
    """33 distinct derivations at 2^19 rounds are over the budget (32): refused before the 33rd is done."""
    packed = _folders(bundle, tmp_path / "b.7z", 32, aes_salt_and_cycles)
    verify_7z(tmp_path, packed, "key derivation rounds in all")


def test_a_7z_folder_over_64_mib_that_inflates_over_1000_to_1(bundle: Path, tmp_path: Path) -> None:
    """The total stays within 100x the archive (1 MiB of noise in its own folder), one folder is a bomb."""
    py7zr = pytest.importorskip("py7zr")
    (bundle / "metadata" / "noise.bin").write_bytes(os.urandom(1024 * 1024))
    packed = _seven(bundle, tmp_path / "b.7z", [{"id": py7zr.FILTER_COPY}, {"id": py7zr.FILTER_CRYPTO_AES256_SHA256}])
    filters = [{"id": py7zr.FILTER_LZMA2, "preset": 1}, {"id": py7zr.FILTER_CRYPTO_AES256_SHA256}]
    with py7zr.SevenZipFile(packed, "a", password=SEVENZIP_PASSWORD, filters=filters) as z:
        z.writestr(bytes(65 * 1024 * 1024), "bundle/metadata/zeros.bin")
    assert packed.stat().st_size > 1024 * 1024
    verify_7z(tmp_path, packed, "A block of the .7z bundle inflates over 1000:1: refused as a bomb.")


@pytest.mark.slow
def test_an_exported_7z_of_300_items_verifies(tmp_path: Path) -> None:
    """The real exporter's .7z (one AES folder, 2^19 rounds, plus the encrypted header) passes every new limit."""
    password = "counsel 300"
    with Vault.create(tmp_path / "v.locker", PASSPHRASE, WEAK_PARAMS) as vault:
        files = [write_file(tmp_path / "src" / f"f{i}.txt", f"file {i}".encode() * 40) for i in range(300)]
        import_files(vault, files, ImportOptions(case="C", extract_metadata=False))
        export_bundle(vault, tmp_path / "b.7z", ExportRequest(case="C", sevenzip_password=password))
        export_bundle(vault, tmp_path / "b.zip", ExportRequest(case="C"))
        fingerprint = vault.fingerprint()
    for name in ("b.7z", "b.zip"):
        run = run_isolated(tmp_path, "verify", "--password-stdin", "--fingerprint", fingerprint, str(tmp_path / name),
                           stdin=password + "\n")  # fmt: skip
        assert run.returncode == 0, run.stdout + run.stderr
