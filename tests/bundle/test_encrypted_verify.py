"""Encrypted bundles are verified in memory: the age decryptor against pyrage and the age CLI, every way an age
file can be damaged, and a canary run showing that `locker verify` leaves nothing under TMPDIR or HOME."""

from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

import pyrage
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from locker.bundle.age_stream import CHUNK, SEALED_CHUNK, AgeError, AgeReader, parse_identity
from locker.bundle.export import ExportRequest, export_bundle
from locker.bundle.verify import Verdict, verify_bundle
from locker.errors import LockerError
from locker.vault.vault import Vault
from tests.bundle.test_hostile_bundles import bundle, first_payload, run_isolated, source_vault  # noqa: F401
from tests.conftest import PASSPHRASE

needs_age = pytest.mark.skipif(shutil.which("age") is None, reason="the age command-line tool is not installed")
needs_7z = pytest.mark.skipif(shutil.which("7z") is None, reason="7z (p7zip-full) is not installed")
SIZES = [0, 1, CHUNK, CHUNK + 1, 3 * CHUNK]
SEVENZIP_PASSWORD = "secret for counsel"


@pytest.fixture(scope="module")
def identity() -> pyrage.x25519.Identity:
    return pyrage.x25519.Identity.generate()


@pytest.fixture(scope="module")
def key_file(identity: pyrage.x25519.Identity, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("age-key") / "counsel.key"
    path.write_text(f"# a comment line, as age-keygen writes\n{identity}\n")
    return path


def _seal(tool: str, data: bytes, identity: pyrage.x25519.Identity, out: Path, *flags: str) -> Path:
    if tool == "pyrage":
        out.write_bytes(pyrage.encrypt(data, [identity.to_public()]))
    else:
        subprocess.run(["age", *flags, "-r", str(identity.to_public()), "-o", str(out)], input=data, check=True)
    return out


def _open(path: Path, identity: pyrage.x25519.Identity) -> AgeReader:
    return AgeReader(path, [parse_identity(str(identity))])


@pytest.mark.parametrize("tool", ["pyrage", pytest.param("age", marks=needs_age)])
@pytest.mark.parametrize("size", SIZES)
def test_plaintext_is_what_pyrage_decrypts_read_at_random_offsets(
    tool: str, size: int, identity: pyrage.x25519.Identity, tmp_path: Path
) -> None:
    data = random.Random(size).randbytes(size)
    sealed = _seal(tool, data, identity, tmp_path / "f.age")
    with _open(sealed, identity) as reader:
        assert reader.size == size
        assert reader.read() == pyrage.decrypt(sealed.read_bytes(), [identity]) == data
        offsets = random.Random(7)
        for _ in range(200):
            start, length = offsets.randrange(size + 1), offsets.randrange(2 * CHUNK + 3)
            reader.seek(start)
            assert reader.read(length) == data[start : start + length]
            assert reader.tell() == min(size, start + length)


@pytest.fixture
def four_chunks(identity: pyrage.x25519.Identity, tmp_path: Path) -> tuple[Path, int]:
    """A file of three full chunks and a short fourth; returns it and where its payload chunks start."""
    sealed = _seal("pyrage", random.Random(1).randbytes(3 * CHUNK + 100), identity, tmp_path / "f.age")
    raw = sealed.read_bytes()
    return sealed, len(raw) - 3 * SEALED_CHUNK - (100 + 16)


def _other_mac_character(raw: bytes) -> bytes:
    """`raw` with the first base64 character of the header MAC changed (still canonical base64)."""
    at = raw.index(b"\n--- ") + 5
    return raw[:at] + (b"B" if raw[at : at + 1] == b"A" else b"A") + raw[at + 1 :]


def _read_all(path: Path, identity: pyrage.x25519.Identity) -> bytes:
    with _open(path, identity) as reader:
        return reader.read()


@pytest.mark.parametrize("chunk", [0, 1, 2, 3])
def test_a_flipped_bit_in_any_chunk_is_an_error(
    chunk: int, four_chunks: tuple[Path, int], identity: pyrage.x25519.Identity
) -> None:
    sealed, start = four_chunks
    data = bytearray(sealed.read_bytes())
    data[start + chunk * SEALED_CHUNK + 40] ^= 0x04
    sealed.write_bytes(data)
    with pytest.raises(AgeError, match=f"chunk {chunk} failed authentication"):
        _read_all(sealed, identity)


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda raw, start: raw[: start + 3 * SEALED_CHUNK], "chunk 2 failed authentication"),  # last chunk cut off
        (lambda raw, start: raw[:-50], "chunk 3 failed authentication"),  # cut inside the last chunk
        (lambda raw, start: raw[: start - 5], "truncated"),  # cut inside the payload nonce
        (lambda raw, start: raw + raw[start : start + SEALED_CHUNK], "chunk 4 failed authentication"),  # appended
        (
            lambda raw, start: raw[:start] + raw[start + SEALED_CHUNK : start + 2 * SEALED_CHUNK]
            + raw[start : start + SEALED_CHUNK] + raw[start + 2 * SEALED_CHUNK :],
            "chunk 0 failed authentication",
        ),  # chunks 0 and 1 swapped
        (lambda raw, start: _other_mac_character(raw), "MAC"),
    ],
)  # fmt: skip
def test_truncated_extended_swapped_or_altered_files_are_errors(
    damage,
    message: str,
    four_chunks: tuple[Path, int],
    identity: pyrage.x25519.Identity,  # type: ignore[no-untyped-def]
) -> None:
    sealed, start = four_chunks
    raw = sealed.read_bytes()
    sealed.write_bytes(damage(raw, start))
    with pytest.raises(AgeError, match=message):
        _read_all(sealed, identity)


def test_an_empty_last_chunk_after_full_ones_is_an_error(identity: pyrage.x25519.Identity, tmp_path: Path) -> None:
    """Three full chunks, the third marked last; 16 more bytes would make an empty fourth, which only an empty
    payload may have."""
    sealed = _seal("pyrage", bytes(3 * CHUNK), identity, tmp_path / "f.age")
    sealed.write_bytes(sealed.read_bytes() + bytes(16))
    with pytest.raises(AgeError, match="malformed last chunk"):
        _read_all(sealed, identity)


def test_a_reader_never_returns_bytes_of_a_chunk_that_fails(
    four_chunks: tuple[Path, int], identity: pyrage.x25519.Identity
) -> None:
    """Reading up to a damaged chunk works; the read that reaches it raises instead of returning wrong bytes."""
    sealed, start = four_chunks
    plaintext = pyrage.decrypt(sealed.read_bytes(), [identity])
    data = bytearray(sealed.read_bytes())
    data[start + SEALED_CHUNK + 9] ^= 0x80
    sealed.write_bytes(data)
    with _open(sealed, identity) as reader:
        assert reader.read(CHUNK) == plaintext[:CHUNK]
        with pytest.raises(AgeError, match="chunk 1"):
            reader.read(1)


def test_a_wrong_identity_is_a_clear_error(four_chunks: tuple[Path, int]) -> None:
    with pytest.raises(AgeError, match="not encrypted to this age key"):
        _read_all(four_chunks[0], pyrage.x25519.Identity.generate())


def test_a_file_for_a_passphrase_or_an_ssh_key_names_what_it_needs(
    identity: pyrage.x25519.Identity, tmp_path: Path
) -> None:
    scrypt = tmp_path / "p.age"
    scrypt.write_bytes(pyrage.passphrase.encrypt(b"x", "a passphrase"))
    with pytest.raises(AgeError, match=r"passphrase \(scrypt\)"):
        _read_all(scrypt, identity)
    ssh_key = Ed25519PrivateKey.generate().public_key().public_bytes(Encoding.OpenSSH, PublicFormat.OpenSSH)
    ssh = tmp_path / "s.age"
    ssh.write_bytes(pyrage.encrypt(b"x", [pyrage.ssh.Recipient.from_str(ssh_key.decode())]))
    with pytest.raises(AgeError, match=r"it has stanzas for: .*ssh-ed25519"):
        _read_all(ssh, identity)


@needs_age
def test_an_armored_file_is_refused_with_a_clear_message(identity: pyrage.x25519.Identity, tmp_path: Path) -> None:
    armored = _seal("age", b"zip bytes", identity, tmp_path / "a.age", "-a")
    with pytest.raises(AgeError, match="ASCII-armored"):
        _read_all(armored, identity)


def test_header_lines_must_follow_the_spec(identity: pyrage.x25519.Identity, tmp_path: Path) -> None:
    raw = pyrage.encrypt(b"x", [identity.to_public()])
    lines = raw.split(b"\n")
    stanza = next(i for i, line in enumerate(lines) if line.startswith(b"-> X25519"))
    alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    last = alphabet.index(lines[stanza + 1][-1])
    padding_bits_set = lines[stanza + 1][:-1] + alphabet[last | 1 : (last | 1) + 1]  # decodes, but not canonically
    for body, message in [(padding_bits_set, "non-canonical base64"), (lines[stanza + 1][:-1] + b"=", "base64")]:
        broken = b"\n".join([*lines[: stanza + 1], body, *lines[stanza + 2 :]])
        (tmp_path / "h.age").write_bytes(broken)
        with pytest.raises(AgeError, match=message):
            _read_all(tmp_path / "h.age", identity)
    (tmp_path / "h.age").write_bytes(raw.replace(b"-> X25519 ", b"->  X25519 ", 1))
    with pytest.raises(AgeError, match="malformed stanza"):
        _read_all(tmp_path / "h.age", identity)


# -- the whole verify: nothing decrypted on disk ---------------------------------------------------------------------


def _export(vault_dir: Path, tmp_path: Path, out: Path, age: str | None = None, password: str | None = None) -> Path:
    shutil.copytree(vault_dir, tmp_path / "enc.locker")
    with Vault.open(tmp_path / "enc.locker", PASSPHRASE) as vault:
        export_bundle(vault, out, ExportRequest(case="C", age_recipient=age, sevenzip_password=password))
    return out


def _flip_middle(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(data)


def test_an_age_bundle_verifies_with_nothing_written_under_tmpdir_or_home(
    source_vault: Path,  # noqa: F811
    identity: pyrage.x25519.Identity,
    key_file: Path,
    tmp_path: Path,
) -> None:
    sealed = _export(source_vault, tmp_path, tmp_path / "b.age", age=str(identity.to_public()))
    intact = run_isolated(tmp_path, "verify", "--age-identity", str(key_file), str(sealed))
    assert intact.returncode == 3, intact.stdout + intact.stderr
    assert intact.new_files == []
    _flip_middle(sealed)
    tampered = run_isolated(tmp_path, "verify", "--age-identity", str(key_file), str(sealed))
    assert tampered.returncode == 1 and "failed authentication" in tampered.stdout, tampered.stdout
    assert tampered.new_files == []


@needs_7z
def test_a_7z_bundle_verifies_with_nothing_written_under_tmpdir_or_home(
    source_vault: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    packed = _export(source_vault, tmp_path, tmp_path / "b.7z", password=SEVENZIP_PASSWORD)
    stdin = SEVENZIP_PASSWORD + "\n"
    intact = run_isolated(tmp_path, "verify", "--password-stdin", str(packed), stdin=stdin)
    assert intact.returncode == 3, intact.stdout + intact.stderr
    assert intact.new_files == []
    _flip_middle(packed)
    tampered = run_isolated(tmp_path, "verify", "--password-stdin", str(packed), stdin=stdin)
    assert tampered.returncode == 1, tampered.stdout
    assert "Traceback" not in tampered.stdout + tampered.stderr
    assert tampered.new_files == []


def test_a_7z_bundle_gives_the_same_checks_as_its_folder(bundle: Path, tmp_path: Path) -> None:  # noqa: F811
    """Digests computed while py7zr streams are the digests of the files themselves."""
    packed = _seven_zip(bundle, tmp_path / "b.7z")
    folder, sevenzip = verify_bundle(bundle), verify_bundle(packed, sevenzip_password=SEVENZIP_PASSWORD)
    assert sevenzip.verdict is Verdict.UNCONFIRMED
    assert [(c.name, c.ok, c.detail) for c in sevenzip.checks] == [(c.name, c.ok, c.detail) for c in folder.checks]
    wrong = verify_bundle(packed, sevenzip_password="nope")
    assert wrong.verdict is Verdict.INVALID and wrong.checks[0].name == "bundle readable"


def test_a_link_inside_a_7z_bundle_is_irregular(bundle: Path, tmp_path: Path) -> None:  # noqa: F811
    payload = bundle / first_payload(bundle)
    outside = tmp_path / "outside.bin"
    outside.write_bytes(payload.read_bytes())
    payload.unlink()
    payload.symlink_to(outside)
    packed = _seven_zip(bundle, tmp_path / "b.7z")
    result = verify_bundle(packed, sevenzip_password=SEVENZIP_PASSWORD)
    assert result.verdict is Verdict.INVALID
    first = result.first_failure
    assert first is not None and first.name == "regular files only" and first_payload(bundle) in first.detail


def test_a_low_order_x25519_share_is_a_malformed_stanza(identity: pyrage.x25519.Identity, tmp_path: Path) -> None:
    raw = pyrage.encrypt(b"x", [identity.to_public()])
    start = raw.index(b"-> X25519 ") + len(b"-> X25519 ")
    (tmp_path / "z.age").write_bytes(raw[:start] + b"A" * 43 + raw[start + 43 :])  # the all-zero point
    with pytest.raises(AgeError, match="malformed X25519 stanza"):
        _read_all(tmp_path / "z.age", identity)


def test_a_7z_member_may_not_write_past_its_declared_size() -> None:
    from locker.bundle.sevenzip_stream import _Budget, _Sink

    sink = _Sink("bag-info.txt", 3, _Budget(100))
    sink.write(b"abc")
    with pytest.raises(LockerError, match="more bytes than its 7z entry declares"):
        sink.write(b"d")


def _seven_zip(bag: Path, out: Path) -> Path:
    import py7zr

    with py7zr.SevenZipFile(out, "w", password=SEVENZIP_PASSWORD, header_encryption=True) as archive:
        archive.writeall(bag, "bundle")
    return out


def test_7z_tag_files_are_kept_only_within_their_limits(
    bundle: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Over the per-file or the total limit, a tag file is still hashed but never read whole; verify says why."""
    from locker.bundle import sevenzip_stream

    packed = _seven_zip(bundle, tmp_path / "b.7z")
    monkeypatch.setattr(sevenzip_stream, "MAX_READ", 100)
    opened = sevenzip_stream.SevenZipBag(packed, SEVENZIP_PASSWORD)
    assert opened.read("bagit.txt") == (bundle / "bagit.txt").read_bytes()  # under 100 bytes
    with pytest.raises(LockerError, match=r"bag-info\.txt is larger than"):
        opened.read("bag-info.txt")
    assert opened.digests("bag-info.txt")[2] == (bundle / "bag-info.txt").stat().st_size
    monkeypatch.setattr(sevenzip_stream, "MAX_READ", 64 * 1024 * 1024)
    monkeypatch.setattr(sevenzip_stream, "MAX_TAGS", 200)
    result = verify_bundle(packed, sevenzip_password=SEVENZIP_PASSWORD)
    assert result.verdict is Verdict.INVALID
    assert any("tag files together exceed" in check.detail for check in result.checks if not check.ok)
