"""The face detector is built once, in the fork server, and every share job (copy or face review) uses it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from skimage import data

from locker.sandbox.runner import SandboxRunner
from locker.sandbox.source import BytesSource
from locker.share.options import ShareOptions
from locker.share.service import FACES_LIMITS, share_item
from locker.vault.vault import Vault
from tests.conftest import start_sandbox_as
from tests.share.conftest import store


def test_share_jobs_use_the_detector_the_fork_server_built(
    monkeypatch: pytest.MonkeyPatch, share_vault: Vault, tmp_path: Path
) -> None:
    photo = tmp_path / "astronaut.jpg"
    Image.fromarray(data.astronaut()).save(photo, quality=90)
    start_sandbox_as(monkeypatch, "tests.share.trapped_zygote", "-")
    out = tmp_path / "out"
    out.mkdir()
    with SandboxRunner() as runner:
        item = store(share_vault, runner, photo)
        copies = [share_item(share_vault, item, out, ShareOptions(faces="auto"), runner) for _ in range(2)]
        review = runner.run_task(BytesSource(photo.read_bytes()), {"kind": "faces", "media_type": "image/jpeg"},
                                 FACES_LIMITS)  # fmt: skip
    for copy in copies:
        assert copy.report is not None, copy.error
        assert copy.report.faces_covered >= 1
    assert review.error is None, review.error
    assert review.result is not None and review.result["frames"][0]["boxes"]
