"""PDF share copies are built from an allow-list: a value hidden anywhere but in what a page draws is not copied.

Each attack file (tests/share/pdf_attacks.py) hides CANARY in one place a deny-list missed (review 15c). The copy
is searched in its raw bytes and in every object and stream, decoded, with any zlib data inside decoded too.
"""

from __future__ import annotations

import contextlib
import io
import zlib
from pathlib import Path

import pikepdf
import pytest

from locker.sandbox.runner import SandboxRunner
from locker.share.options import ShareOptions
from locker.share.pdf import sanitise_pdf
from locker.share.sandbox_refusals import PdfNeedsPassword, PdfUnreadable
from locker.share.service import share_item
from locker.vault.vault import Vault
from tests.share.conftest import store
from tests.share.pdf_attacks import ATTACKS, CANARY

_FORMS = [CANARY.lower().encode(enc) for enc in ("utf-8", "utf-16-le", "utf-16-be")]


def _has_canary(blob: bytes) -> bool:
    low = blob.lower()
    if any(form in low for form in _FORMS):
        return True
    # Compressed data inside a stream (a Flate-wrapped JPEG, zlib in an attachment): try every zlib header.
    for pos in range(len(blob) - 2):
        if blob[pos] == 0x78 and blob[pos + 1] in (0x01, 0x5E, 0x9C, 0xDA):
            try:
                inner = zlib.decompressobj().decompress(blob[pos:], 1 << 20)
            except zlib.error:
                continue
            if any(form in inner.lower() for form in _FORMS):
                return True
    return False


def canary_places(data: bytes) -> list[str]:
    """Where CANARY is in a PDF: its bytes, any object, any stream raw or decoded."""
    places = ["file bytes"] if _has_canary(data) else []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                blobs = [obj.read_raw_bytes()]
                with contextlib.suppress(pikepdf.PdfError):  # a picture format (DCT, JPX): searched raw
                    blobs.append(obj.read_bytes())
                blobs.append(bytes(obj.stream_dict.unparse(resolved=True)))
                if any(_has_canary(b) for b in blobs):
                    places.append(f"stream {obj.objgen}")
            elif isinstance(obj, pikepdf.Dictionary | pikepdf.Array | pikepdf.String) and _has_canary(
                bytes(obj.unparse(resolved=True))
            ):
                places.append(f"object {obj.objgen}")
        if _has_canary(bytes(pdf.trailer.unparse(resolved=True))):
            places.append("trailer")
    return places


def share_copy(original: bytes) -> tuple[bytes, list[str]]:
    out = io.BytesIO()
    report = sanitise_pdf(io.BytesIO(original), out)  # type: ignore[arg-type]
    return out.getvalue(), report.removed


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_a_value_hidden_outside_what_pages_draw_is_not_in_the_copy(attack: str) -> None:
    original = ATTACKS[attack]()
    assert canary_places(original), "the attack file must really hold the canary"

    copy, removed = share_copy(original)

    assert canary_places(copy) == []
    assert removed
    with pikepdf.open(io.BytesIO(copy)) as pdf:
        assert len(pdf.pages) == 1
        assert set(pdf.trailer.keys()) <= {"/Root", "/Size", "/ID", "/Type", "/W", "/Index", "/Filter",
                                           "/DecodeParms", "/Length"}  # fmt: skip
        assert set(pdf.Root.keys()) <= {"/Type", "/Pages", "/OCProperties"}


@pytest.mark.parametrize("attack", ["jpx_xml", "inline_jpeg", "screen_rendition", "signature", "ccitt_trailer"])
def test_the_sandboxed_share_path_writes_the_clean_copy(
    attack: str, share_vault: Vault, runner: SandboxRunner, tmp_path: Path
) -> None:
    """The same, through import and `share_item`: the sanitiser runs in the sandbox child (JPEG 2000 decoding
    included), then the re-check."""
    source = tmp_path / f"{attack}.pdf"
    source.write_bytes(ATTACKS[attack]())
    out = tmp_path / "out"
    out.mkdir()

    result = share_item(share_vault, store(share_vault, runner, source), out, ShareOptions(faces="off"), runner)

    assert result.path is not None, result.error
    assert canary_places(result.path.read_bytes()) == []


def test_an_aes256_owner_password_pdf_is_copied_in_the_sandbox(
    share_vault: Vault, runner: SandboxRunner, tmp_path: Path
) -> None:
    """qpdf reads /dev/urandom to open AES-256 (R6) files, and a sandboxed job can open no path: it gets its random
    bytes from getrandom() instead (locker.share.pdf_random; review s6 D3)."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    pdf.pages[0].Contents = pdf.make_stream(b"0 0 m 100 100 l S")
    source = tmp_path / "restricted.pdf"
    pdf.save(source, encryption=pikepdf.Encryption(owner="owner-secret", user="", R=6))
    out = tmp_path / "out"
    out.mkdir()

    result = share_item(share_vault, store(share_vault, runner, source), out, ShareOptions(faces="off"), runner)

    assert result.path is not None, result.error
    with pikepdf.open(result.path) as copy:
        assert not copy.is_encrypted and len(copy.pages) == 1


def test_an_owner_password_pdf_is_copied_unencrypted_with_a_note_and_a_user_password_one_is_refused() -> None:
    def encrypted(user: str) -> bytes:
        pdf = pikepdf.new()
        pdf.add_blank_page(page_size=(200, 200))
        out = io.BytesIO()
        pdf.save(out, encryption=pikepdf.Encryption(owner="owner-secret", user=user, R=4))
        return out.getvalue()

    out = io.BytesIO()
    report = sanitise_pdf(io.BytesIO(encrypted("")), out)  # type: ignore[arg-type]
    with pikepdf.open(io.BytesIO(out.getvalue())) as copy:
        assert not copy.is_encrypted
    assert "the original was encrypted; the copy is not" in report.notes
    with pytest.raises(PdfNeedsPassword):
        sanitise_pdf(io.BytesIO(encrypted("user-secret")), io.BytesIO())  # type: ignore[arg-type]


def test_a_pdf_that_cannot_be_read_at_all_is_refused_as_unreadable() -> None:
    """Neither qpdf nor pdfium can read it: the refusal says so, in a sentence the GUI translates."""
    with pytest.raises(PdfUnreadable):
        sanitise_pdf(io.BytesIO(b"%PDF-1.7\n" + b"\x00garbage" * 50), io.BytesIO())  # type: ignore[arg-type]
