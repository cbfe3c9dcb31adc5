"""Import accounts for every path it was given or found, and --remove-source never leaves the user with less than
she had: a source that cannot be deleted is left whole, and the report says exactly which sources were removed.

Permission cases run the real CLI as an unprivileged user (root ignores file modes): `setpriv` to nobody when the
suite runs as root, as CI does, or directly when it already runs unprivileged."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from locker.errors import Interrupted
from locker.ingest.importer import ImportOptions, ImportStatus, import_files
from locker.ingest.source_removal import SourceIdentity, remove_source
from locker.vault.vault import Vault
from tests.conftest import PASSPHRASE, WEAK_PARAMS, write_file

NOBODY = 65534


def _as_user() -> list[str]:
    if os.geteuid() != 0:
        return []
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: cannot drop privileges to test file permissions")
    return ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]


@pytest.fixture
def user_dir() -> Iterator[Path]:
    """A folder the unprivileged user owns (pytest's tmp_path is private to root)."""
    base = Path(tempfile.mkdtemp(prefix="locker-perm-"))
    base.chmod(0o755)
    if os.geteuid() == 0:
        os.chown(base, NOBODY, NOBODY)
    probe = subprocess.run([*_as_user(), sys.executable, "-c", "import locker"], capture_output=True, timeout=60)
    if probe.returncode != 0:
        shutil.rmtree(base)
        pytest.skip(f"the unprivileged user cannot run this Python: {probe.stderr.decode()[-200:]}")
    try:
        yield base
    finally:
        subprocess.run(["chmod", "-R", "u+rwx", str(base)], check=False)
        shutil.rmtree(base, ignore_errors=True)


def _run(base: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(base),
        "XDG_CONFIG_HOME": str(base / "config"),
        "LOCKER_VAULT": str(base / "v.locker"),
        "PYTHONPATH": str(Path(__file__).resolve().parents[1]),
    }
    return subprocess.run(
        [*_as_user(), sys.executable, "-m", "locker", *args],
        input=PASSPHRASE + "\n",
        capture_output=True, text=True, env=env, timeout=300, cwd=base,
    )  # fmt: skip


def _init(base: Path) -> None:
    """A vault with fast KDF parameters, owned by the unprivileged user."""
    Vault.create(base / "v.locker", PASSPHRASE, WEAK_PARAMS).close()
    if os.geteuid() == 0:
        subprocess.run(["chown", "-R", f"{NOBODY}:{NOBODY}", str(base / "v.locker")], check=True)


def _mkdir(path: Path, mode: int = 0o755) -> Path:
    path.mkdir()
    path.chmod(mode)
    if os.geteuid() == 0:
        os.chown(path, NOBODY, NOBODY)
    return path


def _file(path: Path, data: bytes) -> Path:
    write_file(path, data)
    if os.geteuid() == 0:
        os.chown(path, NOBODY, NOBODY)
    return path


def test_remove_source_in_a_read_only_folder_leaves_the_original_whole(user_dir: Path) -> None:
    _init(user_dir)
    folder = _mkdir(user_dir / "card")
    source = _file(folder / "clip.mp4", os.urandom(300_000))
    original = source.read_bytes()
    folder.chmod(0o555)
    done = _run(user_dir, "import", "--passphrase-stdin", "--no-metadata", "--remove-source", "--json", str(source))
    assert done.returncode == 1, done.stdout + done.stderr
    [row] = json.loads(done.stdout)
    assert row["status"] == "imported" and row["source_removed"] is False
    assert "left in place" in row["message"] and "read-only" in row["message"]
    assert source.read_bytes() == original  # not one byte zeroed
    assert "1 imported source(s) were left in place" in done.stderr
    assert "Traceback" not in done.stderr


def test_unreadable_and_unenterable_folders_are_reported_and_the_rest_imported(user_dir: Path) -> None:
    _init(user_dir)
    top = _mkdir(user_dir / "phone")
    _file(top / "a.jpg", b"a" * 1000)
    locked = _mkdir(top / "locked")
    _file(locked / "hidden.jpg", b"h" * 1000)
    locked.chmod(0o000)
    listable = _mkdir(top / "listable")
    _file(listable / "seen.jpg", b"s" * 1000)
    listable.chmod(0o444)  # names can be read, but nothing inside can be opened
    _file(top / "z.jpg", b"z" * 1000)
    done = _run(user_dir, "import", "--passphrase-stdin", "--no-metadata", "--json", str(top))
    assert done.returncode == 1, done.stderr
    rows = {row["name"]: row for row in json.loads(done.stdout)}
    assert rows["a.jpg"]["status"] == rows["z.jpg"]["status"] == "imported"
    assert rows["locked"]["status"] == "failed" and "folder cannot be read" in rows["locked"]["message"]
    assert rows["seen.jpg"]["status"] == "failed" and "cannot be reached" in rows["seen.jpg"]["message"]
    assert "2 imported, 0 already in the vault, 2 refused." in done.stderr


def test_a_path_longer_than_the_system_allows_is_reported(vault: Vault, tmp_path: Path) -> None:
    top = tmp_path / "deep"
    top.mkdir()
    fd = os.open(top, os.O_RDONLY)
    for _ in range(20):  # 20 x 250 characters: beyond PATH_MAX (4096), built relative to each folder
        os.mkdir("d" * 250, dir_fd=fd)
        inner = os.open("d" * 250, os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd = inner
    with open(os.open("f.jpg", os.O_WRONLY | os.O_CREAT, 0o600, dir_fd=fd), "wb") as fh:
        fh.write(b"deep")
    os.close(fd)
    write_file(top / "near.jpg", b"near")
    outcomes = import_files(vault, [top], ImportOptions(extract_metadata=False))
    assert [o.status for o in outcomes if o.name == "near.jpg"] == [ImportStatus.IMPORTED]
    refused = [o for o in outcomes if o.status is ImportStatus.FAILED]
    assert refused and all("cannot be read" in o.message or "longer" in o.message for o in refused)
    subprocess.run(["rm", "-rf", str(top)], check=False)


def test_a_name_that_is_not_utf8_is_imported_and_shown_with_replacement_characters(
    vault: Vault, tmp_path: Path
) -> None:
    raw = os.fsencode(tmp_path) + b"/caf\xe9 \xff.jpg"
    with open(raw, "wb") as fh:
        fh.write(b"bytes")
    [outcome] = import_files(vault, [Path(os.fsdecode(raw))], ImportOptions(extract_metadata=False))
    assert outcome.status is ImportStatus.IMPORTED and outcome.name == "caf\ufffd \ufffd.jpg"


def test_a_source_with_another_hard_link_is_left_whole(vault: Vault, tmp_path: Path) -> None:
    source = write_file(tmp_path / "a.jpg", b"shared bytes" * 100)
    os.link(source, tmp_path / "also.jpg")
    [outcome] = import_files(vault, [source], ImportOptions(remove_source=True, extract_metadata=False))
    assert outcome.status is ImportStatus.IMPORTED and not outcome.source_removed
    assert "hard links" in outcome.message
    assert source.read_bytes() == (tmp_path / "also.jpg").read_bytes() == b"shared bytes" * 100


def test_a_source_changed_after_it_was_stored_is_left_whole(tmp_path: Path) -> None:
    source = write_file(tmp_path / "a.jpg", b"stored version")
    stored = SourceIdentity.of(source.stat())
    source.write_bytes(b"a newer, longer version")
    removal = remove_source(source, stored)
    assert not removal.removed and "changed after it was stored" in removal.message
    assert source.read_bytes() == b"a newer, longer version"


def test_a_removed_source_is_overwritten_after_its_name_is_gone(tmp_path: Path) -> None:
    source = write_file(tmp_path / "a.jpg", b"secret" * 50_000)
    watcher = os.open(source, os.O_RDONLY)  # sees the inode's bytes after the name is gone
    try:
        removal = remove_source(source, SourceIdentity.of(source.stat()))
        assert removal.removed and removal.message == ""
        assert not source.exists()
        assert os.pread(watcher, 300_000, 0) == bytes(300_000)
    finally:
        os.close(watcher)


def test_an_interrupted_import_reports_which_sources_were_already_removed(vault: Vault, tmp_path: Path) -> None:
    sources = [write_file(tmp_path / f"{i}.jpg", os.urandom(2_000_000)) for i in range(3)]
    cancel = threading.Event()

    def stop_during_the_second(progress: object) -> None:
        if getattr(progress, "files_done", 0) >= 1 and getattr(progress, "bytes_done", 0) > 2_500_000:
            cancel.set()

    options = ImportOptions(remove_source=True, extract_metadata=False)
    with pytest.raises(Interrupted) as stopped:
        import_files(vault, sources, options, stop_during_the_second, cancel)
    finished = stopped.value.finished or []
    assert [getattr(o, "name", None) for o in finished] == ["0.jpg"]
    assert getattr(finished[0], "source_removed", False) is True
    assert not sources[0].exists() and sources[1].exists() and sources[2].exists()


def test_every_path_of_random_trees_is_accounted_for(user_dir: Path) -> None:
    """Runs the hypothesis property in tests/property_import_tree.py as the unprivileged user."""
    done = subprocess.run(
        [*_as_user(), sys.executable, "-m", "pytest", str(Path(__file__).with_name("property_import_tree.py")),
         "-q", "-p", "no:cacheprovider"],
        capture_output=True, text=True, timeout=600, cwd=user_dir,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(user_dir),
             "PYTHONPATH": str(Path(__file__).resolve().parents[1])},
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "1 passed" in done.stdout


def test_ctrl_c_during_remove_source_still_reports_the_removed_source(closed_vault: Path, tmp_path: Path) -> None:
    """SIGINT while a big source is overwritten: the removal finishes, and every source that is gone is reported
    as removed (and its item is in the vault); no source is reported removed that is still there."""
    sources = [write_file(tmp_path / f"{i}.mp4", os.urandom(150_000_000 if i == 0 else 1_000_000)) for i in range(2)]
    process = subprocess.Popen(
        [sys.executable, "-m", "locker", "import", "--passphrase-stdin", "--no-metadata", "--remove-source", "--json",
         *map(str, sources)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "LOCKER_VAULT": str(closed_vault)},
    )  # fmt: skip
    assert process.stdin is not None
    process.stdin.write(PASSPHRASE + "\n")
    process.stdin.close()
    process.stdin = None
    while sources[0].exists() and process.poll() is None:
        pass
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=120)
    assert "Traceback" not in stderr, stderr
    rows = json.loads(stdout)
    removed = {row["name"] for row in rows if row["source_removed"]}
    assert removed == {p.name for p in sources if not p.exists()}, (rows, stderr)
    assert "0.mp4" in removed
    listed = json.loads(
        subprocess.run([sys.executable, "-m", "locker", "list", "--passphrase-stdin", "--json"], input=PASSPHRASE,
                       capture_output=True, text=True, env={**os.environ, "LOCKER_VAULT": str(closed_vault)}).stdout
    )  # fmt: skip
    assert {item["name"] for item in listed} >= removed


def test_the_same_file_given_twice_is_a_duplicate_not_a_failure(closed_vault: Path, tmp_path: Path) -> None:
    source = write_file(tmp_path / "a.jpg", b"once" * 100)
    done = subprocess.run(
        [sys.executable, "-m", "locker", "import", "--passphrase-stdin", "--no-metadata", "--remove-source", "--json",
         str(source), str(source), str(source.parent / "." / "a.jpg")],
        input=PASSPHRASE + "\n", capture_output=True, text=True,
        env={**os.environ, "LOCKER_VAULT": str(closed_vault)},
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    statuses = [(row["status"], row["message"]) for row in json.loads(done.stdout)]
    assert statuses[0] == ("imported", "")
    assert statuses[1:] == [("duplicate", "the same file was given twice")] * 2


def test_the_vaults_own_files_are_never_imported(closed_vault: Path, tmp_path: Path) -> None:
    """Importing a folder that holds the vault (a home folder) with --remove-source must not eat the vault."""
    write_file(tmp_path / "photo.jpg", b"a photo")
    done = subprocess.run(
        [sys.executable, "-m", "locker", "import", "--passphrase-stdin", "--no-metadata", "--remove-source", "--json",
         str(tmp_path)],
        input=PASSPHRASE + "\n", capture_output=True, text=True,
        env={**os.environ, "LOCKER_VAULT": str(closed_vault)},
    )  # fmt: skip
    rows = json.loads(done.stdout)
    refused = [row for row in rows if row["message"] == "inside the vault's folder: not imported"]
    assert {row["name"] for row in refused} >= {"header", "vault.db"}
    assert [row["name"] for row in rows if row["status"] == "imported"] == ["photo.jpg"]
    assert (closed_vault / "header").exists() and done.returncode == 1


def test_verify_reports_a_bundle_folder_it_cannot_read(user_dir: Path, tmp_path: Path) -> None:
    """A folder bundle whose subfolder cannot be listed is not 'intact': what it hides was never checked."""
    from locker.bundle.export import ExportRequest, export_bundle
    from locker.ingest.importer import ImportOptions as Options

    with Vault.create(tmp_path / "v.locker", PASSPHRASE, WEAK_PARAMS) as vault:
        import_files(vault, [write_file(tmp_path / "a.jpg", b"a" * 100)], Options(case="C", extract_metadata=False))
        export_bundle(vault, user_dir / "bag", ExportRequest(case="C"))
    subprocess.run(["chown", "-R", f"{NOBODY}:{NOBODY}", str(user_dir / "bag")], check=False)
    hidden = _mkdir(user_dir / "bag" / "metadata" / "extra")
    _file(hidden / "unsigned.txt", b"rides along")
    hidden.chmod(0o000)
    done = _run(user_dir, "verify", str(user_dir / "bag"))
    assert done.returncode == 1, done.stdout + done.stderr
    assert "metadata/extra (cannot be read)" in done.stdout


def test_an_immutable_source_is_left_whole(vault: Vault, tmp_path: Path) -> None:
    """`chattr +i` (which needs ext4, here a loop-mounted image): the delete is refused, so nothing is zeroed."""
    tools = [shutil.which(t) for t in ("mkfs.ext4", "chattr", "mount")]
    if os.geteuid() != 0 or not all(tools):
        pytest.skip("needs root, mkfs.ext4, chattr and mount (CI runs as root on Debian)")
    image, mountpoint = tmp_path / "ext4.img", tmp_path / "ext4"
    mountpoint.mkdir()
    with open(image, "wb") as fh:
        fh.truncate(8 << 20)
    subprocess.run(["mkfs.ext4", "-q", "-F", str(image)], check=True, capture_output=True)
    mounted = subprocess.run(["mount", "-o", "loop", str(image), str(mountpoint)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot loop-mount here: {mounted.stderr.decode().strip()}")
    try:
        source = write_file(mountpoint / "clip.mp4", b"original bytes" * 1000)
        subprocess.run(["chattr", "+i", str(source)], check=True)
        [outcome] = import_files(vault, [source], ImportOptions(remove_source=True, extract_metadata=False))
        assert outcome.status is ImportStatus.IMPORTED and not outcome.source_removed
        assert "left in place" in outcome.message
        assert source.read_bytes() == b"original bytes" * 1000
    finally:
        subprocess.run(["chattr", "-i", str(mountpoint / "clip.mp4")], check=False, capture_output=True)
        subprocess.run(["umount", str(mountpoint)], check=False)
