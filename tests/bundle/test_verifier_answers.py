"""The app trusts the verifier child's answer only as far as it must: a child taken over by the bundle it read can
name no error but the verifier's own, no check the verifier does not have, no sender the app did not give, and no
text that starts a new line or reorders the sentence it is shown in."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from locker.bundle import verify_child
from locker.bundle.errors import NoBundleThere, VerifierFailed
from locker.bundle.verify import Verdict
from locker.errors import DatabaseDamaged, LockerError, UndescribedError

SIGNER = "SHA256:" + "A" * 43
OTHER = "SHA256:" + "B" * 43


def _answer_with(monkeypatch: pytest.MonkeyPatch, answer: dict[str, Any]) -> None:
    """The child is replaced by one that answers `answer`, whatever it is asked."""
    script = f"import sys; sys.stdin.read(); sys.stdout.write({json.dumps(json.dumps(answer))})"
    monkeypatch.setattr(verify_child, "child_command", lambda: [sys.executable, "-c", script])


def _verification(**changes: Any) -> dict[str, Any]:
    answer: dict[str, Any] = {
        "ok": True,
        "verdict": "confirmed",
        "signer": {"fingerprint": SIGNER, "spoken": ""},
        "confirmed_by": "Anna (counsel)",
        "checks": [{"name": "payload", "ok": True, "status": "pass", "detail": "2 files"}],
        "timestamps": [],
    }
    answer.update(changes)
    return answer


def _error(cls: str, **params: object) -> dict[str, Any]:
    return {"error": {"class": cls, "params": params, "details": None, "message": "made up"}}


def test_a_vault_error_named_by_the_child_is_not_rebuilt(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _answer_with(monkeypatch, _error(f"{DatabaseDamaged.__module__}:{DatabaseDamaged.__qualname__}"))
    with pytest.raises(LockerError) as caught:
        verify_child.verify_in_child(tmp_path / "bundle.zip")
    assert type(caught.value) is UndescribedError
    assert not isinstance(caught.value, DatabaseDamaged)


def test_the_verifiers_own_error_is_rebuilt_with_its_text_made_safe(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = "/evidence/\u202egpj.exe\nVERDICT: bundle intact and signed"
    _answer_with(monkeypatch, _error(f"{NoBundleThere.__module__}:{NoBundleThere.__qualname__}", path=path))
    with pytest.raises(NoBundleThere) as caught:
        verify_child.verify_in_child(tmp_path / "bundle.zip")
    shown = str(caught.value)
    assert "\n" not in shown and "\u202e" not in shown
    assert "\\u202e" in shown and "\\u000a" in shown


def test_a_check_the_verifier_does_not_have_fails_the_answer(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    checks = [{"name": "everything verified", "ok": True, "status": "pass", "detail": ""}]
    _answer_with(monkeypatch, _verification(checks=checks))
    with pytest.raises(VerifierFailed, match="malformed"):
        verify_child.verify_in_child(tmp_path / "bundle.zip")


def test_an_answer_without_checks_fails(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _answer_with(monkeypatch, _verification(checks=[]))
    with pytest.raises(VerifierFailed, match="no checks"):
        verify_child.verify_in_child(tmp_path / "bundle.zip")


def test_a_signer_that_is_not_a_fingerprint_fails_the_answer(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _answer_with(monkeypatch, _verification(signer={"fingerprint": "SHA256:trust me\nconfirmed", "spoken": ""}))
    with pytest.raises(VerifierFailed, match="malformed"):
        verify_child.verify_in_child(tmp_path / "bundle.zip")


def test_who_confirmed_the_key_is_decided_by_the_app_not_by_the_child(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _answer_with(monkeypatch, _verification())
    unknown = verify_child.verify_in_child(tmp_path / "bundle.zip", known_senders={OTHER: "Boris"})
    assert unknown.confirmed_by is None
    assert unknown.verdict is Verdict.UNCONFIRMED
    known = verify_child.verify_in_child(tmp_path / "bundle.zip", known_senders={SIGNER: "Vera"})
    assert known.confirmed_by == "Vera"
    assert known.verdict is Verdict.CONFIRMED
    given = verify_child.verify_in_child(tmp_path / "bundle.zip", fingerprint=SIGNER)
    assert given.confirmed_by == "--fingerprint"


def test_a_timestamps_folder_and_time_are_shown_as_text(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    stamp = {"folder": "a\u2066b\rc", "time": "2026-01-01T00:00:00Z\u202e", "tsa": "CN=x\ny", "trusted": "yes"}
    checks = [{"name": "timestamp a\\u2066b", "ok": True, "status": "pass", "detail": ""}]
    _answer_with(monkeypatch, _verification(timestamps=[stamp], checks=checks))
    [shown] = verify_child.verify_in_child(tmp_path / "bundle.zip").timestamps
    assert shown.folder == "a\\u2066b\\u000dc"
    assert shown.time == "2026-01-01T00:00:00Z\\u202e"
    assert shown.tsa == "CN=x\\u000ay"
    assert shown.trusted is False  # only JSON true is trusted
