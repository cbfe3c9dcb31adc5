"""A share copy with faces covered leaves no file of onnxruntime (or any other library) in ~/.cache or $TMPDIR."""

from __future__ import annotations

import json
from pathlib import Path

from PIL import Image
from skimage import data

from tests.conftest import PASSPHRASE, run_cli


def _listing(*folders: Path) -> list[str]:
    return sorted(str(p) for folder in folders for p in folder.rglob("*"))


def test_sharing_with_faces_leaves_nothing_in_the_cache_or_temp_folders(tmp_path: Path) -> None:
    home, temp, work = tmp_path / "home", tmp_path / "tmp", tmp_path / "work"
    for folder in (home, temp, work):
        folder.mkdir()
    env = {"HOME": str(home), "TMPDIR": str(temp), "XDG_CACHE_HOME": str(home / ".cache")}
    vault = work / "v.locker"
    photo = work / "astronaut.jpg"
    Image.fromarray(data.astronaut()).save(photo, quality=90)
    assert run_cli("init", "--passphrase-stdin", vault=vault, stdin=PASSPHRASE + "\n", env=env).returncode == 0
    imported = run_cli("import", "--json", "--passphrase-stdin", str(photo), vault=vault, stdin=PASSPHRASE + "\n",
                       env=env)  # fmt: skip
    assert imported.returncode == 0, imported.stderr
    item = json.loads(imported.stdout)[0]["id"]
    before = _listing(home, temp)
    out = work / "share"
    out.mkdir()
    shared = run_cli("share", "--json", "--passphrase-stdin", "--faces", "auto", "--out", str(out), item,
                     vault=vault, stdin=PASSPHRASE + "\n", env=env)  # fmt: skip
    assert shared.returncode == 0, shared.stderr
    assert json.loads(shared.stdout)[0]["faces_covered"] >= 1, "the face detector really ran"
    assert _listing(home, temp) == before == []
