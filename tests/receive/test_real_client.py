"""Files sent by a real LocalSend implementation nobody here wrote (localsendd, run as a subprocess) inside a
private network namespace: they land bit-exact in the vault with custody events, and nothing else is left."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from locker.vault.check import check_vault
from locker.vault.custody import events, verify_chain
from locker.vault.items import list_items
from locker.vault.vault import Vault
from tests.conftest import PASSPHRASE, PROJECT_ROOT, WEAK_PARAMS
from tests.metadata.makers import MOSCOW, exif_block, picture, video_with_location_device_and_subtitles

LOCALSENDD = Path(sys.executable).parent / "localsendd"
CANARY = b"CANARY-7f3c91e0-received-bytes"

pytestmark = pytest.mark.skipif(
    not LOCALSENDD.exists(), reason="localsendd (dev extra) is not installed: run scripts/setup"
)


def run_scenario(tmp_path: Path, **orders: Any) -> dict[str, Any]:
    """Run tests/receive/scenario.py in a new network namespace with its own HOME and TMPDIR."""
    receiver_home = tmp_path / "receiver-home"
    receiver_tmp = tmp_path / "receiver-tmp"
    for folder in (receiver_home, receiver_tmp):
        folder.mkdir(exist_ok=True)
    env = dict(os.environ, HOME=str(receiver_home), TMPDIR=str(receiver_tmp), PYTHONPATH=str(PROJECT_ROOT))
    orders = {"vault": str(tmp_path / "v.locker"), "passphrase": PASSPHRASE, "sender_home": str(tmp_path / "phone"),
              "mode": "send", **orders}  # fmt: skip
    done = subprocess.run(
        ["unshare", "--net", "--map-root-user", sys.executable, "-m", "tests.receive.scenario"],
        input=json.dumps(orders), capture_output=True, text=True, env=env, cwd=PROJECT_ROOT, timeout=1200,
        check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return dict(json.loads(done.stdout))


def make_vault(tmp_path: Path) -> Path:
    Vault.create(tmp_path / "v.locker", PASSPHRASE, WEAK_PARAMS).close()
    return tmp_path / "v.locker"


def phone_files(tmp_path: Path) -> list[Path]:
    """A JPEG with GPS, a PDF and a short video with a location, as a phone holds them; each carries a canary."""
    folder = tmp_path / "phone-files"
    folder.mkdir()
    jpeg = folder / "IMG_0001.jpg"
    picture().save(jpeg, "JPEG", exif=exif_block("Apple", "iPhone 12", *MOSCOW, "2026:03:26 12:00:00"))
    jpeg.write_bytes(jpeg.read_bytes() + CANARY)  # after the end-of-image marker: viewers ignore it
    pdf = folder / "постановление.pdf"
    Image.new("RGB", (200, 100), "white").save(pdf, "PDF")
    pdf.write_bytes(pdf.read_bytes() + b"%" + CANARY + b"\n")
    video = video_with_location_device_and_subtitles(folder / "VID_0001.mp4", CANARY.decode(), *MOSCOW)
    return [jpeg, pdf, video]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def found_anywhere(folders: list[Path], needle: bytes) -> list[Path]:
    hits = []
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file() and not path.is_symlink() and needle in path.read_bytes():
                hits.append(path)
    return hits


@pytest.mark.slow
def test_files_sent_from_a_real_localsend_client_land_bit_exact_with_custody_and_metadata(tmp_path: Path) -> None:
    vault_dir = make_vault(tmp_path)
    files = phone_files(tmp_path)
    result = run_scenario(tmp_path, files=[str(f) for f in files], pin="735119", metadata=True, case="Rally 26 March")
    assert [s["rc"] for s in result["sends"]] == [0], result
    # Found by multicast on the namespace's loopback: no register call was made by hand.
    assert result["discovered"]
    assert any(e["kind"] == "seen" and "Phone of Masha" in e["message"] for e in result["events"])
    assert result["asked"] == [{"alias": "Phone of Masha", "files": 3, "size": sum(f.stat().st_size for f in files)}]

    with Vault.open(vault_dir, PASSPHRASE) as vault, vault.session() as conn:
        items = {item.name: item for item in list_items(conn)}
        log = events(conn)
        assert verify_chain(conn).ok
    assert set(items) == {f.name for f in files}
    for source in files:
        item = items[source.name]
        assert item.sha256 == sha256(source) and item.size == source.stat().st_size  # the sender's hashes
        assert item.case == "Rally 26 March"
    summary = (items["IMG_0001.jpg"].metadata or {})["summary"]
    assert round(summary["gps_latitude"], 3) == round(MOSCOW[0], 3) and summary["model"] == "iPhone 12"
    received = {e.item: e.details for e in log if e.action == "received"}
    assert set(received) == {item.id for item in items.values()}
    jpeg_event = received[items["IMG_0001.jpg"].id]
    assert jpeg_event["sender_alias"] == "Phone of Masha"
    assert jpeg_event["sender_device_type"] == "mobile"
    assert jpeg_event["name_as_sent"] == "IMG_0001.jpg"
    assert jpeg_event["sha256"] == sha256(files[0]) and jpeg_event["size"] == files[0].stat().st_size
    assert jpeg_event["sender_fingerprint_declared"]  # localsendd's certificate hash, as it declared it
    # localsendd runs its own server, as the LocalSend app does: the receiver connected back and hashed it.
    assert jpeg_event["sender_certificate"] == "verified (matches the certificate the sender serves)", jpeg_event
    assert jpeg_event["sender_fingerprint_served"] == jpeg_event["sender_fingerprint_declared"].upper()
    assert jpeg_event["received_at"].endswith("Z")
    assert {e.item for e in log if e.action == "imported"} == set(received)
    assert {e.item for e in log if e.action == "metadata-extracted"} == set(received)

    # The sent bytes exist nowhere on this side but encrypted in the vault.
    receiver_side = [tmp_path / "receiver-home", tmp_path / "receiver-tmp", vault_dir]
    assert found_anywhere(receiver_side, CANARY) == []
    assert found_anywhere([tmp_path / "phone-files"], CANARY)  # the control: the canary is findable


def test_a_wrong_pin_from_the_real_client_is_refused_and_three_stop_the_receiver(tmp_path: Path) -> None:
    vault_dir = make_vault(tmp_path)
    files = phone_files(tmp_path)
    result = run_scenario(
        tmp_path,
        files=[str(files[0])],
        pin="735119",
        send_pins=["111111", "222222", "333333", "735119"],
        discovery=False,  # the other way a phone finds us: it registers over HTTP (protocol 3.2)
    )
    assert [s["rc"] for s in result["sends"]] == [1, 1, 1, 1], result
    assert "PIN" in result["sends"][0]["out"]
    assert result["asked"] == []
    assert "wrong PIN was given 3 times" in result["stop_reason"]
    with Vault.open(vault_dir, PASSPHRASE) as vault, vault.session() as conn:
        assert list_items(conn) == []


@pytest.mark.slow
def test_a_300_mib_video_arrives_bit_exact_with_bounded_memory(tmp_path: Path) -> None:
    vault_dir = make_vault(tmp_path)
    folder = tmp_path / "phone-files"
    folder.mkdir()
    short = video_with_location_device_and_subtitles(tmp_path / "short.mp4", "x", *MOSCOW)
    video = folder / "VID_0300.mp4"
    padding = 300 * (1 << 20)
    with video.open("wb") as out:
        out.write(short.read_bytes())
        # A 'free' box is legal padding in MP4: the file stays a valid video of 300 MiB, incompressible.
        out.write((padding + 8).to_bytes(4, "big") + b"free")
        for _ in range(300):
            out.write(os.urandom(1 << 20))
        out.write(CANARY)
    result = run_scenario(tmp_path, files=[str(video)], pin=None)
    assert [s["rc"] for s in result["sends"]] == [0], result
    with Vault.open(vault_dir, PASSPHRASE) as vault, vault.session() as conn:
        (item,) = list_items(conn)
    assert item.sha256 == sha256(video) and item.size == video.stat().st_size
    # Bounded memory: neither the receiving process nor its network child held the file (300 MiB), only a few
    # chunks of it.
    assert result["peak_rss_kib"] < 200 * 1024, result["peak_rss_kib"]
    assert result["child_peak_rss_kib"] < 200 * 1024, result["child_peak_rss_kib"]
    assert found_anywhere([tmp_path / "receiver-home", tmp_path / "receiver-tmp", vault_dir], CANARY) == []


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["kill-half", "cancel-half"])
def test_a_transfer_stopped_half_way_leaves_no_item_and_a_clean_check(tmp_path: Path, mode: str) -> None:
    vault_dir = make_vault(tmp_path)
    big = tmp_path / "phone-files" / "VID_0002.mp4"
    big.parent.mkdir()
    with big.open("wb") as out:
        for _ in range(24):
            out.write(os.urandom(1 << 20))
    result = run_scenario(tmp_path, files=[str(big)], pin=None, mode=mode)
    kinds = [e["kind"] for e in result["events"]]
    assert "stored" not in kinds and ("failed" in kinds or "cancelled" in kinds), result
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        with vault.session() as conn:
            assert list_items(conn) == []
            assert conn.execute("SELECT count(*) FROM chunks").fetchone()[0] == 0
            assert not [e for e in events(conn) if e.action in ("received", "imported")]
        assert check_vault(vault).ok


def test_unshare_is_there() -> None:
    """The namespace the real-client tests need: util-linux's unshare (on every Debian)."""
    assert shutil.which("unshare")
