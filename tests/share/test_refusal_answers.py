"""A refusal crosses the sandbox as data, and the app trusts none of it (locker/share/refusal_answers.py).

Answers are written as the child writes them (a RESULT frame, then END, on the job channel) and read back through
the app's own channel code (locker.sandbox.answers.serve, task_outcome) before `refusal_in` rebuilds the refusal:
the same path a share copy's answer takes. Forged answers stand for a child taken over by the file it read.
"""

from __future__ import annotations

import io
import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from locker.errors import WrongPassphraseError
from locker.pixels import HEADER as PIXELS_HEADER
from locker.pixels import Pixels
from locker.sandbox import protocol
from locker.sandbox.answers import TaskOutcome, serve, task_outcome
from locker.sandbox.child import Limits
from locker.sandbox.runner import SandboxRunner
from locker.share import refusals, sandbox_refusals
from locker.share.options import ShareOptions
from locker.share.refusal_answers import ALLOWED, MAX_PARAMETER, refusal_answer, refusal_in
from locker.share.refusals import (
    CopyAnswerMalformed,
    CopyNotMade,
    CopyRefused,
    CopyTypeNotShared,
    FaceReviewMalformed,
)
from locker.share.sandbox_refusals import DocumentTooLarge, EmbeddedPdf, NoSoundToKeep, PictureUnreadable
from locker.share.service import review_faces, share_item
from locker.share.task import run_task
from locker.vault.vault import Vault
from tests.share import refused_files
from tests.share.conftest import store

RLO, LRI, PDI = "\u202e", "\u2066", "\u2069"


class _NoBytes:
    size = 0

    def read_at(self, offset: int, length: int) -> bytes:
        return b""


def wire(answer: bytes) -> bytes:
    """A task's answer as the child puts it on the channel: the RESULT frame, then END."""
    channel = io.BytesIO()
    protocol.send_frame(channel, protocol.RESULT, answer)
    protocol.send_frame(channel, protocol.END)
    return channel.getvalue()


def received(channel_bytes: bytes) -> CopyRefused | None:
    """What the app makes of those bytes: read by its channel code, then `refusal_in`."""
    served = serve(io.BytesIO(channel_bytes), io.BytesIO(), _NoBytes(), b"{}")
    return refusal_in(task_outcome(served, {"exit": 0}, False, Limits()).result)


def forged(refused: Any) -> CopyRefused | None:
    return received(wire(json.dumps({"refused": refused}).encode()))


def test_a_refusal_the_child_raises_arrives_as_the_same_class_and_sentence() -> None:
    channel = io.BytesIO()
    job = {"kind": "share", "media_type": "text/plain", "options": ShareOptions().to_json()}
    run_task(io.BytesIO(b"notes"), job, channel)  # the child's own code
    protocol.send_frame(channel, protocol.END)
    refusal = received(channel.getvalue())
    assert type(refusal) is CopyTypeNotShared
    assert refusal.params["media_type"] == "text/plain" and "no share copy for files of type text/plain" in str(refusal)
    sizes = received(wire(json.dumps(refusal_answer(DocumentTooLarge(limit=5000, limit_size=512 * 1024**2))).encode()))
    assert type(sizes) is DocumentTooLarge and sizes.params == {"limit": "5000", "limit_size": 512 * 1024**2}
    assert str(sizes).endswith("more than 5000 parts or unpacks to more than 512.0 MiB.")


def test_a_class_outside_the_allow_list_is_never_raised_but_its_text_is_kept_as_details() -> None:
    for name in ("WrongPassphraseError", "CopyRefused", "LockerError", "ValueError", "Finding", "__class__"):
        refusal = forged({"refusal": name, "params": {}, "message": f"forged {RLO}sentence\n"})
        assert type(refusal) is CopyNotMade, name
        assert refusal.details == "forged sentence" and refusal.params == {}
    assert not isinstance(forged({"refusal": "WrongPassphraseError", "params": {}}), WrongPassphraseError)
    assert "WrongPassphraseError" not in ALLOWED and "LockerError" not in ALLOWED


def test_the_allow_list_is_every_refusal_class_of_the_two_modules() -> None:
    expected = {
        name
        for module in (refusals, sandbox_refusals)
        for name, value in vars(module).items()
        if isinstance(value, type) and issubclass(value, CopyRefused) and value.__module__ == module.__name__
    } - {"CopyRefused"}
    assert set(ALLOWED) == expected and {"NoSoundToKeep", "CopyTypeNotShared"} <= expected
    assert all(issubclass(cls, CopyRefused) and cls is not CopyRefused for cls in ALLOWED.values())


def test_only_the_parameters_the_template_declares_are_kept() -> None:
    refusal = forged({"refusal": "EmbeddedPdf", "params": {"part": "word/media/a.pdf", "evil": "x", "findings": "y"}})
    assert type(refusal) is EmbeddedPdf and refusal.params == {"part": "word/media/a.pdf"}
    assert refusal.findings == []


def test_a_huge_parameter_is_cut() -> None:
    refusal = forged({"refusal": "EmbeddedPdf", "params": {"part": "p" * 100_000}, "details": "d" * 100_000})
    assert type(refusal) is EmbeddedPdf
    assert len(refusal.params["part"]) == MAX_PARAMETER and refusal.params["part"].endswith("…")
    assert refusal.details is not None and len(refusal.details) <= 1000
    assert len(str(refusal)) < 2 * MAX_PARAMETER + 1000


def test_control_and_bidi_characters_are_removed_from_every_parameter() -> None:
    hostile = f"word/media/{RLO}fdp.exe{LRI}\n\r\x1b[31mOK\x00\u200b{PDI}"
    refusal = forged({"refusal": "EmbeddedPdf", "params": {"part": hostile}, "details": f"a{RLO}\nb"})
    assert type(refusal) is EmbeddedPdf
    assert refusal.params["part"] == "word/media/fdp.exe[31mOK" and refusal.details == "ab"
    hidden = [ch for ch in str(refusal) if unicodedata.category(ch) in {"Cc", "Cf"}]
    assert not hidden, hidden


@pytest.mark.parametrize(
    "refused",
    [
        "NoSoundToKeep",  # not an object
        ["NoSoundToKeep", {}],
        {"params": {}},  # no class
        {"refusal": "NoSoundToKeep"},  # no parameters
        {"refusal": "NoSoundToKeep", "params": []},
        {"refusal": "NoSoundToKeep", "params": {}, "details": ["x"]},
        {"refusal": "EmbeddedPdf", "params": {}},  # a parameter the template needs is missing
        {"refusal": "EmbeddedPdf", "params": {"part": 42}},  # not a string
        {"refusal": "EmbeddedPdf", "params": {"part": ["word/media/a.pdf"]}},
        {"refusal": "EmbeddedPdf", "params": {"part": {"nested": "x"}}},
        {"refusal": "DocumentTooLarge", "params": {"limit": "5000", "limit_size": "1e999"}},  # a size, not digits
        {"refusal": "DocumentTooLarge", "params": {"limit": "5000", "limit_size": "9" * 100}},
        {"refusal": "DocumentTooLarge", "params": {"limit": "5000", "limit_size": "٣"}},  # a digit, not ASCII
    ],
)
def test_a_malformed_refusal_is_said_to_be_malformed(refused: Any) -> None:
    assert type(forged(refused)) is CopyAnswerMalformed


def test_an_answer_that_is_not_a_refusal_is_left_to_the_task() -> None:
    assert received(wire(json.dumps({"extension": "jpg", "media_type": "image/jpeg"}).encode())) is None
    assert received(wire(b"not json")) is None
    assert refusal_in(None) is None


def test_a_real_sanitiser_refusal_comes_out_of_the_sandbox_as_its_class(
    share_vault: Vault, runner: SandboxRunner, tmp_path: Path
) -> None:
    """A recording that holds no sound: the sandboxed sanitiser refuses, the app gets NoSoundToKeep itself, and
    the sentence the command line prints names the reason."""
    item = store(share_vault, runner, refused_files.silent_m4a(tmp_path))
    out = tmp_path / "out"
    out.mkdir()
    result = share_item(share_vault, item, out, ShareOptions(faces="off"), runner)
    assert type(result.refusal) is NoSoundToKeep and result.refusal.free_text is None
    assert result.error == "The file has no sound track, so there is no sound to copy."
    assert list(out.iterdir()) == []


def test_the_face_review_of_a_photo_cut_short_says_the_picture_cannot_be_read(
    share_vault: Vault, runner: SandboxRunner, tmp_path: Path
) -> None:
    item = store(share_vault, runner, refused_files.truncated_png(tmp_path))
    with pytest.raises(PictureUnreadable, match="The picture could not be read"):
        review_faces(share_vault, item, runner)


class _ForgingChild:
    """A taken-over child: its answer is whatever bytes it chooses, read by the app's own channel code."""

    def __init__(self, answer: dict[str, Any]) -> None:
        self._bytes = wire(json.dumps(answer).encode())

    def run_task(self, *_args: object, **_kwargs: object) -> TaskOutcome:
        served = serve(io.BytesIO(self._bytes), io.BytesIO(), _NoBytes(), b"{}")
        return task_outcome(served, {"exit": 0}, False, Limits())


@pytest.mark.parametrize(
    "frames",
    [
        [{"t": 0, "width": 10, "height": 10, "boxes": [{"x0": "a"}]}],
        [{"t": "soon", "width": 10, "height": 10, "boxes": []}],
        [{"width": 10, "height": 10, "boxes": []}],
        [{"t": 0, "width": 10, "height": 10, "boxes": 7}],
    ],
)
def test_a_forged_face_review_is_malformed_not_raised_as_it_is(
    share_vault: Vault, runner: SandboxRunner, tmp_path: Path, frames: list[dict[str, Any]]
) -> None:
    item = store(share_vault, runner, refused_files.truncated_png(tmp_path))
    child = _ForgingChild({"frames": frames})
    child._bytes = _with_picture(child._bytes)
    with pytest.raises(FaceReviewMalformed):
        review_faces(share_vault, item, child)  # type: ignore[arg-type]


def _with_picture(answer: bytes) -> bytes:
    """`answer` preceded by one 2x2 RGB preview picture, as the child sends a frame's preview."""
    channel = io.BytesIO()
    pixels = Pixels(2, 2, 3, bytes(12))
    protocol.send_frame(channel, protocol.PICTURE, pixels.to_bytes()[: PIXELS_HEADER.size])
    protocol.send_frame(channel, protocol.PICTURE_DATA, pixels.to_bytes()[PIXELS_HEADER.size :])
    return channel.getvalue() + answer
