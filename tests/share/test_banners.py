"""No share copy names the programs that made it: no x264 SEI banner, no Lavf/Lavc tag, no LAME version in MP3
frames, no "ffmpeg" vendor in Ogg, checked by a byte search of every video and audio copy made at test time."""

from __future__ import annotations

import io
import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import av
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from locker.sandbox.runner import SandboxRunner
from locker.share.banners import _clear_bits, scrub_mp3, scrub_ogg_opus
from locker.share.options import ShareOptions
from locker.share.sandbox_refusals import EncoderNameLeft
from locker.share.service import share_item
from locker.vault.vault import Vault
from tests.share import planted
from tests.share.conftest import store

# Names, versions and option strings FFmpeg, x264, LAME, libvpx and libopus write when nothing stops them.
BANNERS = (b"x264", b"H.264/MPEG-4 AVC codec", b"Lavf", b"Lavc", b"Lavu", b"libavformat", b"LAME", b"libmp3lame",
           b"libvpx", b"libopus", b"ffmpeg", b"FFmpeg")  # fmt: skip

MAKERS: dict[str, Callable[[Path], planted.Planted]] = {
    "mp4": lambda tmp: planted.video(tmp, "mp4", seconds=1.0),
    "mov": lambda tmp: planted.video(tmp, "mov", seconds=1.0),
    "3gp": lambda tmp: planted.video(tmp, "3gp", seconds=1.0),
    "mp3": planted.mp3,
    "m4a": lambda tmp: planted.audio(tmp, "m4a"),
    "ogg": lambda tmp: planted.audio(tmp, "ogg"),
    "wav": lambda tmp: planted.audio(tmp, "wav"),
}


def banners_in(data: bytes) -> list[str]:
    return [banner.decode() for banner in BANNERS if banner in data]


CASES = [(kind, False) for kind in sorted(MAKERS)] + [(kind, True) for kind in ("3gp", "mov", "mp4")]


@pytest.mark.parametrize(("kind", "keep_audio"), CASES)
def test_no_share_copy_of_a_video_or_a_recording_names_its_encoder(
    kind: str, keep_audio: bool, share_vault: Vault, runner: SandboxRunner, tmp_path: Path
) -> None:
    sample = MAKERS[kind](tmp_path)
    assert banners_in(sample.path.read_bytes()), "ffmpeg marks the original: the search can find a banner"
    out = tmp_path / "out"
    out.mkdir()
    result = share_item(share_vault, store(share_vault, runner, sample.path), out, ShareOptions("off", keep_audio),
                        runner)  # fmt: skip
    assert result.path is not None, (result.error, result.findings)
    assert banners_in(result.path.read_bytes()) == []
    with av.open(str(result.path)) as copy:  # still a playable file
        assert sum(1 for _ in copy.decode(copy.streams[0])) > 0


def test_the_video_stream_of_a_copy_holds_no_sei_unit(
    share_vault: Vault, runner: SandboxRunner, tmp_path: Path
) -> None:
    """Every NAL unit of every packet (length-prefixed in MP4) is looked at, not only the first packet's."""
    sample = planted.video(tmp_path, "mp4", seconds=1.0)
    out = tmp_path / "out"
    out.mkdir()
    result = share_item(share_vault, store(share_vault, runner, sample.path), out, ShareOptions("off"), runner)
    assert result.path is not None, result.error
    types: set[int] = set()
    with av.open(str(result.path)) as copy:
        for packet in copy.demux(copy.streams.video[0]):
            data, pos = bytes(packet), 0
            while pos + 4 < len(data):
                length = int.from_bytes(data[pos : pos + 4], "big")
                types.add(data[pos + 4] & 0x1F)
                pos += 4 + length
    assert 5 in types, "the walk finds the picture units, so it would find an SEI unit (6) too"
    assert 6 not in types


# The sanitiser's muxer settings (locker.share.media): no ID3 tags, no Xing/LAME header frame.
QUIET = {"mp3": {"fflags": "+bitexact", "id3v2_version": "0", "write_xing": "0", "write_id3v1": "0"},
         "ogg": {"fflags": "+bitexact"}}  # fmt: skip


def _encode(codec: str, fmt: str, rate: int) -> bytes:
    """A second of a chord, encoded as the sanitiser encodes (bitexact muxer and encoder)."""
    out = io.BytesIO()
    t = np.arange(rate) / rate
    samples = (0.3 * np.sin(2 * np.pi * 440 * t) + 0.2 * np.sin(2 * np.pi * 660 * t)).astype(np.float32)
    with av.open(out, "w", format=fmt, container_options=QUIET[fmt]) as target:
        stream = target.add_stream(codec, rate=rate, layout="mono")
        stream.codec_context.flags |= 1 << 23
        for start in range(0, rate, 1152):
            frame = av.AudioFrame.from_ndarray(samples[None, start : start + 1152], format="flt", layout="mono")
            frame.rate = rate
            for packet in stream.encode(frame):
                target.mux(packet)
        for packet in stream.encode(None):
            target.mux(packet)
    return out.getvalue()


def _decoded(data: bytes) -> np.ndarray:
    with av.open(io.BytesIO(data)) as container:
        return np.concatenate([f.to_ndarray().ravel() for f in container.decode(audio=0)])


def test_removing_lame_banners_leaves_the_sound_bit_for_bit() -> None:
    encoded = _encode("libmp3lame", "mp3", 44100)
    assert b"LAME" in encoded, "LAME really writes its banner into the frames"
    scrubbed = scrub_mp3(encoded)
    assert len(scrubbed) == len(encoded)
    assert b"LAME" not in scrubbed and b"3.100" not in scrubbed
    assert np.array_equal(_decoded(scrubbed), _decoded(encoded))


def test_an_opus_copy_has_an_empty_vendor_and_plays_the_same() -> None:
    """The page checksum is recomputed: FFmpeg refuses a page whose checksum is wrong."""
    encoded = _encode("libopus", "ogg", 48000)
    assert b"ffmpeg" in encoded
    scrubbed = scrub_ogg_opus(encoded)
    assert b"ffmpeg" not in scrubbed
    assert np.array_equal(_decoded(scrubbed), _decoded(encoded))


def test_exiftool_reads_the_rewritten_opus_header_without_complaint(tmp_path: Path) -> None:
    """An independent reader sees a well-formed header whose vendor is empty."""
    path = tmp_path / "voice.ogg"
    path.write_bytes(scrub_ogg_opus(_encode("libopus", "ogg", 48000)))
    out = subprocess.run(["exiftool", "-j", "-a", "-G1", "-Warning", "-Error", "-Vendor", str(path)],
                         capture_output=True, text=True, check=True)  # fmt: skip
    (info,) = json.loads(out.stdout)
    assert "Vorbis:Vendor" in info and info["Vorbis:Vendor"] == ""
    assert "ExifTool:Warning" not in info and "ExifTool:Error" not in info


def test_an_encoded_file_of_an_unexpected_shape_is_refused_not_passed_on() -> None:
    with pytest.raises(EncoderNameLeft, match="other than frames") as mp3:
        scrub_mp3(b"ID3\x04\x00" + bytes(100))
    assert mp3.value.params == {"audio_format": "MP3"}
    with pytest.raises(EncoderNameLeft, match="no Opus tags") as ogg:
        scrub_ogg_opus(b"")
    assert str(ogg.value).startswith("The name of the program that encoded the Ogg Opus sound could not be removed")


def _frames_with_banner_across_the_boundary() -> tuple[bytes, int]:
    """Two MPEG-1 layer III frames (128 kbit/s, 44.1 kHz, mono: 417 bytes, 17 bytes of side information) whose
    main data holds "LAME3.100" starting 3 bits into a byte and running on from the first frame into the second."""
    header, side, main_length = bytes.fromhex("fffb90c0"), bytes(17), 417 - 4 - 17
    bits = ["0"] * (2 * main_length * 8)
    banner = "".join(f"{byte:08b}" for byte in b"LAME3.100")
    start = main_length * 8 - 37  # 4 bytes and 5 bits before the boundary
    bits[start : start + len(banner)] = banner
    main = int("".join(bits), 2).to_bytes(2 * main_length, "big")
    frames = header + side + main[:main_length] + header + side + main[main_length:]
    return frames, main_length


def test_a_banner_running_across_a_frame_boundary_at_any_bit_is_removed() -> None:
    frames, main_length = _frames_with_banner_across_the_boundary()
    scrubbed = scrub_mp3(frames)
    assert scrubbed[:21] == frames[:21] and scrubbed[417 : 417 + 21] == frames[417 : 417 + 21]  # headers kept
    assert scrubbed[21:417] == bytes(main_length) and scrubbed[417 + 21 :] == bytes(main_length)


@given(st.binary(min_size=1, max_size=12), st.data())
def test_clearing_bits_touches_exactly_the_given_range(data: bytes, draw: st.DataObject) -> None:
    first = draw.draw(st.integers(0, len(data) * 8 - 1))
    count = draw.draw(st.integers(1, len(data) * 8 - first))
    bits = "".join(f"{byte:08b}" for byte in data)
    cleared = bytearray(data)
    _clear_bits(cleared, first, count)
    assert "".join(f"{byte:08b}" for byte in cleared) == bits[:first] + "0" * count + bits[first + count :]
