"""Encoder banners that no option turns off, removed from finished audio without re-encoding it.

A share copy must not say which program made it (the same string in every copy marks it as made by this app).
The muxers run with `bitexact` (no "Lavf" tag, no ISFT in a WAV) and H.264's SEI messages are dropped by FFmpeg's
own filter (locker.share.media). Two banners remain, and are removed here:

- LAME fills the unused bits of an MP3 frame (its "ancillary data") with "LAME" and its version ("LAME3.100"),
  at any bit position, and a string may run on into the next frame's data. Those bits are set to zero; decoders
  never read them, so the sound is bit-for-bit the same.
- FFmpeg's Ogg muxer writes "ffmpeg" as the vendor of the OpusTags header (with `bitexact`; "Lavf62..."
  without). The header is rewritten with an empty vendor and no comments, and its page's checksum recomputed.

Both walk our own encoder's output: anything unexpected raises EncoderNameLeft, so no copy is made rather than one
with a banner left in it.
"""

from __future__ import annotations

import struct

from locker.share.sandbox_refusals import EncoderNameLeft

_MP3_BITRATES = {
    3: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),  # MPEG-1 layer III
    2: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),  # MPEG-2 layer III
    0: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),  # MPEG-2.5 layer III
}
_MP3_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}
_LAME = b"LAME"
_VERSION_CHARACTERS = b"0123456789."
_MAX_VERSION = 6  # "3.100"


def scrub_mp3(data: bytes) -> bytes:
    """The MP3 with every "LAME<version>" in the frames' main data (where ancillary bits live) zeroed."""
    regions = list(_mp3_main_data(data))
    main = b"".join(data[start:end] for start, end in regions)
    cleaned = _zero_banners(main)
    if cleaned == main:
        return data
    out = bytearray(data)
    pos = 0
    for start, end in regions:
        out[start:end] = cleaned[pos : pos + end - start]
        pos += end - start
    return bytes(out)


def _mp3_main_data(data: bytes) -> list[tuple[int, int]]:
    """(start, end) of each frame's main data: what follows its header, CRC and side information."""
    regions = []
    pos = 0
    while pos < len(data):
        if pos + 4 > len(data) or data[pos] != 0xFF or data[pos + 1] & 0xE0 != 0xE0:
            raise EncoderNameLeft(audio_format="MP3", details="the encoded MP3 holds something other than frames")
        version, layer = (data[pos + 1] >> 3) & 3, (data[pos + 1] >> 1) & 3
        bitrate_index, rate_index = data[pos + 2] >> 4, (data[pos + 2] >> 2) & 3
        if version not in _MP3_BITRATES or layer != 1 or not 0 < bitrate_index < 15 or rate_index == 3:
            raise EncoderNameLeft(audio_format="MP3", details="the encoded MP3 has a frame we do not expect")
        bitrate, rate = _MP3_BITRATES[version][bitrate_index] * 1000, _MP3_RATES[version][rate_index]
        padding, mono = (data[pos + 2] >> 1) & 1, data[pos + 3] >> 6 == 3
        length = (144 if version == 3 else 72) * bitrate // rate + padding
        side = (17 if mono else 32) if version == 3 else (9 if mono else 17)
        crc = 0 if data[pos + 1] & 1 else 2
        start, end = pos + 4 + crc + side, pos + length
        if end > len(data) or start > end:
            raise EncoderNameLeft(audio_format="MP3", details="the encoded MP3 ends inside a frame")
        regions.append((start, end))
        pos = end
    return regions


def _zero_banners(main: bytes) -> bytes:
    """`main` with each "LAME" found at any bit offset, and the version characters after it, set to zero bits."""
    if not main:
        return main
    width = len(main) * 8
    value = int.from_bytes(main, "big")
    cleaned = bytearray(main)
    for shift in range(8):
        # The bytes as they read when the stream is taken from bit `shift` on: a banner written at that offset
        # shows up here as plain text.
        shifted = ((value << shift) & ((1 << width) - 1)).to_bytes(len(main), "big")
        at = shifted.find(_LAME)
        while at >= 0:
            length = len(_LAME)
            end = min(len(shifted), at + len(_LAME) + _MAX_VERSION)
            while at + length < end and shifted[at + length] in _VERSION_CHARACTERS:
                length += 1
            _clear_bits(cleaned, at * 8 + shift, length * 8)
            at = shifted.find(_LAME, at + length)
    return bytes(cleaned)


def _clear_bits(data: bytearray, first: int, count: int) -> None:
    """Set bits [first, first + count) of `data` to zero, bit 0 being the top bit of the first byte."""
    last = first + count  # exclusive
    head, tail = first // 8, last // 8
    if head == tail:
        data[head] &= ~((0xFF >> (first % 8)) & (0xFF << (8 - last % 8))) & 0xFF
        return
    data[head] &= (0xFF << (8 - first % 8)) & 0xFF
    data[head + 1 : tail] = bytes(tail - head - 1)
    if last % 8:
        data[tail] &= 0xFF >> (last % 8)


_OPUS_TAGS = b"OpusTags"
_EMPTY_OPUS_TAGS = _OPUS_TAGS + struct.pack("<II", 0, 0)  # no vendor, no comments


def scrub_ogg_opus(data: bytes) -> bytes:
    """The Ogg Opus file with its OpusTags header replaced by one with an empty vendor and no comments."""
    pos = 0
    while pos < len(data):
        if data[pos : pos + 4] != b"OggS" or pos + 27 > len(data):
            raise EncoderNameLeft(
                audio_format="Ogg Opus", details="the encoded Ogg file holds something other than pages"
            )
        count = data[pos + 26]
        segments = data[pos + 27 : pos + 27 + count]
        body_start = pos + 27 + count
        end = body_start + sum(segments)
        if len(segments) != count or end > len(data):
            raise EncoderNameLeft(audio_format="Ogg Opus", details="the encoded Ogg file ends inside a page")
        if data[body_start : body_start + len(_OPUS_TAGS)] == _OPUS_TAGS:
            if segments[-1] == 255 or any(s < 255 for s in segments[:-1]):
                raise EncoderNameLeft(audio_format="Ogg Opus", details="the Opus tags header is not alone on its page")
            page = _ogg_page(data[pos : pos + 26], _EMPTY_OPUS_TAGS)
            return data[:pos] + page + data[end:]
        pos = end
    raise EncoderNameLeft(audio_format="Ogg Opus", details="the encoded Ogg file has no Opus tags header")


def _ogg_page(header: bytes, packet: bytes) -> bytes:
    """A page with `header`'s first 26 bytes (checksum field cleared), holding one whole `packet`."""
    lacing = bytes([255] * (len(packet) // 255) + [len(packet) % 255])
    page = bytearray(header[:22] + b"\x00\x00\x00\x00" + bytes([len(lacing)]) + lacing + packet)
    page[22:26] = struct.pack("<I", _ogg_crc(bytes(page)))
    return bytes(page)


def _ogg_crc(data: bytes) -> int:
    """Ogg's CRC-32: polynomial 0x04C11DB7, no reflection, starting from zero (not zlib's)."""
    crc = 0
    for byte in data:
        crc ^= byte << 24
        for _ in range(8):
            crc = ((crc << 1) ^ 0x04C11DB7) & 0xFFFFFFFF if crc & 0x80000000 else (crc << 1) & 0xFFFFFFFF
    return crc
