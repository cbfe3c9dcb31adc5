"""Metadata as the user meets it: thumbnails upright and encrypted, `show`, `list`, `reindex`, the custody log."""

from __future__ import annotations

import json
from pathlib import Path

from PIL import Image

from locker.ingest.importer import ImportOptions, import_files
from locker.metadata.model import MetadataStatus
from locker.metadata.store import thumbnail
from locker.vault.custody import events
from locker.vault.vault import Vault
from tests.conftest import PASSPHRASE, run_cli
from tests.metadata import makers

STDIN = PASSPHRASE + "\n"


def _oriented_jpeg(path: Path, orientation: int) -> Path:
    exif = Image.Exif()
    exif[0x0112] = orientation
    makers.picture(400, 200).save(path, "JPEG", exif=exif.tobytes())  # landscape pixels
    return path


def test_thumbnail_is_upright_and_has_no_metadata(vault: Vault, tmp_path: Path) -> None:
    rotated = _oriented_jpeg(tmp_path / "rotated.jpg", 6)  # 6: display rotated 90 degrees: portrait
    plain = _oriented_jpeg(tmp_path / "plain.jpg", 1)
    outcomes = import_files(vault, [rotated, plain])
    sizes = []
    for outcome in outcomes:
        assert outcome.item_id is not None
        data = thumbnail(vault, outcome.item_id)
        assert data is not None
        sizes.append((data.width, data.height))  # raw pixels: there is nothing else it could carry
    (rot_w, rot_h), (plain_w, plain_h) = sizes
    assert rot_h > rot_w, "orientation 6 must be applied: the thumbnail is portrait"
    assert plain_w > plain_h


def test_thumbnails_are_not_on_disk_in_the_clear(closed_vault: Path, tmp_path: Path) -> None:
    path = _oriented_jpeg(tmp_path / "photo.jpg", 1)
    assert run_cli("import", "--passphrase-stdin", str(path), vault=closed_vault, stdin=STDIN).returncode == 0
    with Vault.open(closed_vault, PASSPHRASE) as vault, vault.session() as conn:
        thumb = bytes(conn.execute("SELECT thumbnail FROM items").fetchone()[0])
    assert len(thumb) > 500
    on_disk = b"".join(p.read_bytes() for p in closed_vault.iterdir() if p.is_file())
    assert thumb[200:264] not in on_disk


def test_import_records_a_metadata_event_per_item(vault: Vault, tmp_path: Path) -> None:
    path = makers.jpeg_with_xmp_gps_and_iptc_byline(tmp_path / "a.jpg", "By Line", *makers.MOSCOW)
    [outcome] = import_files(vault, [path])
    with vault.session() as conn:
        history = events(conn, outcome.item_id)
    assert [e.action for e in history] == ["imported", "metadata-extracted"]
    assert history[1].details["status"] == "ok" and history[1].details["has_gps"] is True
    assert len(history[1].details["raw_sha256"]) == 64


def test_reindex_reads_items_imported_without_metadata(closed_vault: Path, tmp_path: Path) -> None:
    path = makers.jpeg_with_xmp_gps_and_iptc_byline(tmp_path / "later.jpg", "Someone", *makers.MOSCOW)
    with Vault.open(closed_vault, PASSPHRASE) as vault:
        [outcome] = import_files(vault, [path], ImportOptions(extract_metadata=False))
    listed = json.loads(run_cli("list", "--passphrase-stdin", "--json", vault=closed_vault, stdin=STDIN).stdout)
    assert listed[0]["metadata_status"] is None and listed[0]["has_gps"] is None
    result = run_cli("reindex", "--passphrase-stdin", vault=closed_vault, stdin=STDIN)
    assert result.returncode == 0 and "Metadata read for 1 item(s); unreadable: 0." in result.stdout
    listed = json.loads(run_cli("list", "--passphrase-stdin", "--json", vault=closed_vault, stdin=STDIN).stdout)
    assert listed[0]["metadata_status"] == "ok" and listed[0]["has_gps"] is True
    again = run_cli("reindex", "--passphrase-stdin", vault=closed_vault, stdin=STDIN)
    assert "Metadata read for 0 item(s)" in again.stdout
    assert outcome.item_id is not None


def test_show_and_list_present_the_summary(closed_vault: Path, tmp_path: Path) -> None:
    exif = makers.exif_block("ShowMake", "ShowModel", 55.75, 37.61, "2026:05:09 10:00:00", serial="SER-77")
    photo = tmp_path / "photo.jpg"
    makers.picture().save(photo, "JPEG", exif=exif.tobytes())
    text = tmp_path / "readme.txt"
    text.write_text("no metadata here")
    imported = json.loads(
        run_cli("import", "--passphrase-stdin", "--json", str(photo), str(text), vault=closed_vault, stdin=STDIN).stdout
    )
    photo_id = imported[0]["id"]
    shown = run_cli("show", "--passphrase-stdin", photo_id, vault=closed_vault, stdin=STDIN).stdout
    assert "Captured (file says):  2026-05-09T10:00:00  [EXIF DateTimeOriginal]" in shown
    assert "GPS position:          55.750000, 37.610000" in shown
    assert "Device:                ShowMake ShowModel" in shown
    assert "Serial numbers:        SER-77" in shown
    full = json.loads(run_cli("show", "--passphrase-stdin", "--json", photo_id, vault=closed_vault, stdin=STDIN).stdout)
    assert full["metadata"]["summary"]["make"] == "ShowMake"
    assert full["raw_metadata"]["exif"]["Image Make"] == "ShowMake"
    table = run_cli("list", "--passphrase-stdin", vault=closed_vault, stdin=STDIN).stdout.splitlines()
    assert "CAPTURED" in table[0] and "GPS" in table[0]
    photo_row = next(line for line in table if line.startswith(photo_id))
    text_row = next(line for line in table if line.startswith(imported[1]["id"]))
    assert "2026-05-09 10:00:00" in photo_row and " yes " in photo_row
    assert " - " in text_row


def test_unreadable_metadata_is_said_plainly(closed_vault: Path, tmp_path: Path) -> None:
    bad = tmp_path / "huge.png"
    bad.write_bytes(makers.png_claiming_huge_size())
    result = run_cli("import", "--passphrase-stdin", str(bad), vault=closed_vault, stdin=STDIN)
    assert result.returncode == 0
    assert "metadata unreadable: DecompressionBombError" in result.stdout
    item_id = result.stdout.split()[1]
    shown = run_cli("show", "--passphrase-stdin", item_id, vault=closed_vault, stdin=STDIN).stdout
    assert "Metadata:              metadata unreadable: DecompressionBombError" in shown
    with Vault.open(closed_vault, PASSPHRASE) as vault, vault.session() as conn:
        status = json.loads(conn.execute("SELECT metadata_json FROM items").fetchone()[0])["status"]
    assert status == str(MetadataStatus.UNREADABLE)


def test_hostile_names_are_stored_and_listed_safely(closed_vault: Path, tmp_path: Path) -> None:
    # 250 ASCII characters: the most ext4 allows; longer names are covered in tests/test_filenames.py.
    names = ["bidi\u202egnp.exe", "new\nline.txt", "a" * 246 + ".txt", "...."]
    paths = []
    for index, name in enumerate(names):
        folder = tmp_path / str(index)
        folder.mkdir()
        path = folder / name
        path.write_bytes(f"content {index}".encode())
        paths.append(path)
    result = run_cli("import", "--passphrase-stdin", "--json", *map(str, paths), vault=closed_vault, stdin=STDIN)
    stored = [o["name"] for o in json.loads(result.stdout)]
    assert stored[0] == "bidignp.exe"
    assert stored[1] == "newline.txt"
    assert stored[2].endswith(".txt") and len(stored[2].encode()) <= 200
    assert stored[3] == "file"
    listing = run_cli("list", "--passphrase-stdin", vault=closed_vault, stdin=STDIN).stdout
    assert "\u202e" not in listing and len(listing.splitlines()) == 5


def _rotated_video(path: Path) -> Path:
    """320x180 frames, red on the left third, stored with a 90 degree (counter-clockwise) display rotation."""
    import av

    out = av.open(str(path), "w")
    stream = out.add_stream("libx264", rate=10)
    stream.width, stream.height, stream.pix_fmt = 320, 180, "yuv420p"
    stream.set_display_rotation(90)
    frame_image = Image.new("RGB", (320, 180), (20, 20, 200))
    frame_image.paste((220, 20, 20), (0, 0, 100, 180))
    for _ in range(3):
        for packet in stream.encode(av.VideoFrame.from_image(frame_image)):
            out.mux(packet)
    for packet in stream.encode():
        out.mux(packet)
    out.close()
    return path


def test_video_poster_frame_honours_the_display_rotation(vault: Vault, tmp_path: Path) -> None:
    [outcome] = import_files(vault, [_rotated_video(tmp_path / "portrait.mp4")])
    assert outcome.item_id is not None
    data = thumbnail(vault, outcome.item_id)
    assert data is not None
    thumb = Image.frombytes("RGB", (data.width, data.height), data.data)
    width, height = thumb.size
    assert height > width, "a phone video shot upright must get an upright poster"
    bottom = thumb.getpixel((width // 2, height - 5))
    top = thumb.getpixel((width // 2, 5))
    assert bottom[0] > 150 and bottom[2] < 100, "rotated counter-clockwise: the left edge ends at the bottom"
    assert top[2] > 150
