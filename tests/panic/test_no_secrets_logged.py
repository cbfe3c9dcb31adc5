"""Nothing the app logs, at any level, contains a passphrase, a key or an item's file name."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest

from locker.cli.main import main
from tests.conftest import PASSPHRASE, write_file

SECRET_NAME = "protest-route-Petrova.jpg"


def test_every_command_logs_nothing_secret(
    closed_vault: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LOCKER_VAULT", str(closed_vault))
    caplog.set_level(logging.DEBUG)
    logging.getLogger().setLevel(logging.DEBUG)
    source = write_file(tmp_path / SECRET_NAME, b"\xff\xd8\xff\xe0" + b"x" * 5000)
    runs = [
        ["import", "--passphrase-stdin", str(source)],
        ["list", "--passphrase-stdin"],
        ["log", "--passphrase-stdin", "--verify"],
        ["check", "--passphrase-stdin"],
        ["list", "--passphrase-stdin"],  # with a wrong passphrase below
    ]
    stderr_text = ""
    for index, argv in enumerate(runs):
        err = io.StringIO()
        phrase = "a wrong passphrase" if index == len(runs) - 1 else PASSPHRASE
        main(argv, stdin=io.StringIO(phrase + "\n"), stdout=io.StringIO(), stderr=err)
        stderr_text += err.getvalue()
    logged = "\n".join(f"{r.name} {r.levelname} {r.getMessage()}" for r in caplog.records)
    for secret in (PASSPHRASE, "a wrong passphrase", SECRET_NAME, "Petrova"):
        assert secret not in logged
        assert secret not in stderr_text
    assert "passphrase is wrong" in stderr_text  # the streams were really captured
