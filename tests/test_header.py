"""The key header: format, keyslots, bounds on hostile parameters, tamper evidence."""

from __future__ import annotations

import hashlib
import struct
import time
import unicodedata

import pytest
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from locker.crypto import header as hdr
from locker.crypto.kdf import KdfParams, derive_kek, normalise_passphrase
from locker.crypto.keys import new_master_key
from locker.errors import HeaderError, TamperedError, WrongPassphraseError
from tests.conftest import WEAK_PARAMS


def _with_checksum(raw: bytearray) -> bytes:
    """What an attacker who knows the format can do: fix up the public checksum after editing."""
    raw[hdr.MAC_END : hdr.CHECKSUM_END] = hashlib.sha256(
        bytes(raw[: hdr.MAC_END]) + bytes(raw[hdr.CHECKSUM_END :])
    ).digest()
    return bytes(raw)


def test_header_is_64_kib_and_unlocks_with_its_passphrase() -> None:
    master = new_master_key()
    raw = hdr.build_header(master, "pass", WEAK_PARAMS)
    assert len(raw) == 64 * 1024
    unlocked = hdr.unlock_header(hdr.parse_header(raw), "pass")
    assert unlocked.master_key.equals(master.buffer)
    assert unlocked.kind is hdr.SlotKind.OWNER


def test_two_headers_share_no_structure_beyond_the_fixed_fields() -> None:
    """Unused slots and padding are random: nothing tells how many slots are in use."""
    a = hdr.build_header(new_master_key(), "pass", WEAK_PARAMS)
    b = hdr.build_header(new_master_key(), "pass", WEAK_PARAMS)
    assert a[:24] == b[:24]  # magic, version, KDF parameters
    assert a[24:56] != b[24:56]  # salt
    for index in range(hdr.SLOT_COUNT):
        start = hdr.FIXED_END + index * hdr.SLOT_SIZE
        assert a[start : start + hdr.SLOT_SIZE] != b[start : start + hdr.SLOT_SIZE]
    assert a[hdr.CHECKSUM_END :] != b[hdr.CHECKSUM_END :]


def test_wrong_passphrase_is_refused() -> None:
    raw = hdr.build_header(new_master_key(), "pass", WEAK_PARAMS)
    with pytest.raises(WrongPassphraseError):
        hdr.unlock_header(hdr.parse_header(raw), "Pass")


def test_nfc_and_nfd_forms_of_a_passphrase_both_unlock() -> None:
    phrase = "Ёжик в тумане café"
    nfd = unicodedata.normalize("NFD", phrase)
    nfc = unicodedata.normalize("NFC", phrase)
    assert nfd != nfc
    raw = hdr.build_header(new_master_key(), nfd, WEAK_PARAMS)
    assert hdr.unlock_header(hdr.parse_header(raw), nfc).slot_index == 0
    assert hdr.unlock_header(hdr.parse_header(raw), nfd).slot_index == 0


def test_unlock_derives_the_key_once_and_tries_every_slot() -> None:
    """Constant work: a key in the last slot costs the same single KDF run as one in the first."""
    master = new_master_key()
    header = hdr.parse_header(hdr.build_header(master, "first", WEAK_PARAMS))
    region = hdr.rewrap_slot(header, master, 3, "last", hdr.SlotKind.OWNER)
    header = hdr.header_with_region(header, hdr.FIXED_END, region)
    calls: list[bytes] = []

    def counting_kdf(passphrase: bytes, salt: bytes, params: KdfParams) -> bytes:
        calls.append(passphrase)
        return derive_kek(passphrase, salt, params)

    for phrase, slot in (("first", 0), ("last", 3)):
        assert hdr.unlock_header(header, phrase, counting_kdf).slot_index == slot
    with pytest.raises(WrongPassphraseError):
        hdr.unlock_header(header, "neither", counting_kdf)
    assert len(calls) == 3


@pytest.mark.parametrize(
    ("memory_kib", "iterations", "lanes"),
    [(2**31, 1, 1), (8, 2**32 - 1, 1), (2**31, 2**32 - 1, 4), (65536, 3, 0), (65536, 0, 1), (4, 1, 1)],
)
def test_hostile_kdf_parameters_are_refused_before_any_key_derivation(
    memory_kib: int, iterations: int, lanes: int
) -> None:
    raw = bytearray(hdr.build_header(new_master_key(), "pass", WEAK_PARAMS))
    struct.pack_into(">III", raw, 12, memory_kib, iterations, lanes)
    hostile = _with_checksum(raw)

    def kdf_must_not_run(passphrase: bytes, salt: bytes, params: KdfParams) -> bytes:
        raise AssertionError("key derivation ran on hostile parameters")

    start = time.perf_counter()
    with pytest.raises(HeaderError, match="unsafe key-derivation settings"):
        header = hdr.parse_header(hostile)
        hdr.unlock_header(header, "pass", kdf_must_not_run)
    assert time.perf_counter() - start < 1.0


def test_derive_kek_itself_refuses_out_of_bounds_parameters() -> None:
    with pytest.raises(HeaderError):
        derive_kek(b"x", bytes(32), KdfParams(memory_kib=2**31, iterations=1, lanes=1))


def test_unknown_format_version_fails_loudly() -> None:
    raw = bytearray(hdr.build_header(new_master_key(), "pass", WEAK_PARAMS))
    struct.pack_into(">H", raw, 8, 3)
    with pytest.raises(HeaderError, match="format 3"):
        hdr.parse_header(_with_checksum(raw))


@pytest.mark.parametrize("offset", [30, hdr.FIXED_END + 5, hdr.SLOTS_END + 3, 5000, 65535])
def test_any_flipped_byte_is_caught_by_the_checksum(offset: int) -> None:
    raw = bytearray(hdr.build_header(new_master_key(), "pass", WEAK_PARAMS))
    raw[offset] ^= 0x01
    with pytest.raises(TamperedError, match="checksum"):
        hdr.parse_header(bytes(raw))


@pytest.mark.parametrize(
    "offset",
    [
        hdr.FIXED_END + hdr.SLOT_SIZE + 7,  # an unused slot
        hdr.CHECKSUM_END + 100,  # padding
        40,  # the salt: changes the KEK, so the owner slot no longer opens
    ],
)
def test_a_deliberate_edit_with_a_fixed_checksum_is_still_caught(offset: int) -> None:
    raw = bytearray(hdr.build_header(new_master_key(), "pass", WEAK_PARAMS))
    raw[offset] ^= 0x80
    header = hdr.parse_header(_with_checksum(raw))
    with pytest.raises((TamperedError, WrongPassphraseError)) as info:
        hdr.unlock_header(header, "pass")
    if offset != 40:
        assert isinstance(info.value, TamperedError), "the header MAC must reveal edits outside the used slot"


def test_rewrapped_slot_no_longer_opens_with_the_old_passphrase() -> None:
    master = new_master_key()
    header = hdr.parse_header(hdr.build_header(master, "old", WEAK_PARAMS))
    old_slot = header.slot(0)
    region = hdr.rewrap_slot(header, master, 0, "new", hdr.SlotKind.OWNER)
    new_header = hdr.parse_header(hdr.header_with_region(header, hdr.FIXED_END, region).raw)
    assert new_header.slot(0) != old_slot
    with pytest.raises(WrongPassphraseError):
        hdr.unlock_header(new_header, "old")
    assert hdr.unlock_header(new_header, "new").master_key.equals(master.buffer)
    # The other slots are untouched.
    assert (
        new_header.raw[hdr.FIXED_END + hdr.SLOT_SIZE : hdr.SLOTS_END]
        == header.raw[hdr.FIXED_END + hdr.SLOT_SIZE : hdr.SLOTS_END]
    )


def test_raw_slot_bytes_do_not_open_with_a_wrong_kek() -> None:
    """The AEAD really authenticates: a KEK from another passphrase fails on every slot."""
    header = hdr.parse_header(hdr.build_header(new_master_key(), "pass", WEAK_PARAMS))
    kek = derive_kek(normalise_passphrase("other"), header.salt, header.params)
    for index in range(hdr.SLOT_COUNT):
        slot = header.slot(index)
        with pytest.raises(InvalidTag):
            AESGCM(kek).decrypt(slot[:12], slot[12:], header.raw[: hdr.FIXED_END] + bytes([index]))
