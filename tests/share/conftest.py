"""One vault and one sandbox runner per module: share tests import many small files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from locker.ingest.importer import ImportStatus, import_files
from locker.sandbox.runner import SandboxRunner
from locker.vault.vault import Vault
from tests.conftest import PASSPHRASE, WEAK_PARAMS


@pytest.fixture(scope="module")
def share_vault(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Vault]:
    vault = Vault.create(tmp_path_factory.mktemp("share") / "v.locker", PASSPHRASE, WEAK_PARAMS)
    yield vault
    vault.close()


@pytest.fixture(scope="module")
def runner() -> Iterator[SandboxRunner]:
    with SandboxRunner() as r:
        yield r


def store(vault: Vault, runner: SandboxRunner, path: Path) -> str:
    """Import one file (with its metadata read in the sandbox) and return its item id."""
    outcome = import_files(vault, [path], runner=runner)[0]
    assert outcome.item_id is not None, outcome
    assert outcome.status in {ImportStatus.IMPORTED, ImportStatus.DUPLICATE}
    return outcome.item_id
