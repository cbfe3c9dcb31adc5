"""The sandbox itself: wall-clock timeout, memory and file-write limits, fork and spawn modes, recovery."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image

from locker.metadata.model import MetadataStatus
from locker.sandbox.child import Limits
from locker.sandbox.runner import SandboxRunner
from locker.sandbox.source import BytesSource
from tests.metadata import makers


def _slow_to_decode_png() -> bytes:
    """A legitimate PNG that takes the child far longer than the tiny limit below to thumbnail."""
    out = io.BytesIO()
    Image.effect_noise((4000, 3000), 64).convert("RGB").save(out, "PNG", compress_level=1)
    return out.getvalue()


def _jpeg_with_exif() -> bytes:
    out = io.BytesIO()
    exif = makers.exif_block("SandboxMake", "M1", 10.0, 20.0, "2026:01:02 03:04:05")
    makers.picture().save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


@pytest.mark.parametrize("fork", [True, False], ids=["fork-server", "spawn"])
def test_a_parser_past_its_wall_clock_limit_is_stopped_and_recorded(fork: bool) -> None:
    data = _slow_to_decode_png()
    with SandboxRunner(Limits(wall_seconds=0.3), fork=fork) as runner:
        outcome = runner.run(BytesSource(data), "image/png")
    # Reading the header is quick, the thumbnail is not: either the whole job or the thumbnail was cut off.
    if outcome.record.status is MetadataStatus.UNREADABLE:
        assert "did not finish within 0.3 s" in outcome.record.reason
    else:
        assert "the thumbnail was not finished within 0.3 s" in outcome.record.warnings
        assert outcome.thumbnail is None
    with SandboxRunner(Limits(wall_seconds=60), fork=fork) as runner:
        control = runner.run(BytesSource(data), "image/png")
    assert control.thumbnail is not None, "with time enough, the same file gets its thumbnail"


@pytest.mark.parametrize("fork", [True, False], ids=["fork-server", "spawn"])
def test_both_modes_record_the_same_values(fork: bool) -> None:
    with SandboxRunner(fork=fork) as runner:
        outcome = runner.run(BytesSource(_jpeg_with_exif()), "image/jpeg")
    assert outcome.record.status is MetadataStatus.OK
    assert (outcome.record.summary.make, outcome.record.summary.capture_time) == ("SandboxMake", "2026-01-02T03:04:05")
    assert outcome.thumbnail is not None
    # Raw RGB samples, checked by the runner: no format, so nothing of the original's metadata can ride along.
    assert outcome.thumbnail.channels == 3 and max(outcome.thumbnail.width, outcome.thumbnail.height) <= 320


def test_the_fork_server_is_restarted_if_it_dies() -> None:
    with SandboxRunner() as runner:
        assert runner.run(BytesSource(_jpeg_with_exif()), "image/jpeg").record.status is MetadataStatus.OK
        pid = runner.zygote_pid
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        time.sleep(0.2)
        assert runner.run(BytesSource(_jpeg_with_exif()), "image/jpeg").record.status is MetadataStatus.OK
        assert runner.zygote_pid not in {None, pid}


def _limited(code: str, memory: int = 512 * 1024 * 1024) -> subprocess.CompletedProcess[str]:
    script = (
        "from locker.sandbox.child import Limits, apply_limits\n"
        f"apply_limits(Limits(memory_bytes={memory}, cpu_seconds=5))\n" + code
    )
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)


def test_a_sandboxed_process_cannot_write_files(tmp_path: Path) -> None:
    target = tmp_path / "leak.txt"
    result = _limited(f"f = open({str(target)!r}, 'wb')\nf.write(b'plaintext')\nf.flush()\n")
    assert "File too large" in result.stderr
    assert result.returncode != 0
    assert not target.exists() or target.stat().st_size == 0
    control = subprocess.run([sys.executable, "-c", f"open({str(target)!r}, 'wb').write(b'x')"], check=False)
    assert control.returncode == 0 and target.read_bytes() == b"x"


def test_a_sandboxed_process_cannot_take_more_memory_than_allowed() -> None:
    result = _limited("b = bytearray(1024 * 1024 * 1024)\nprint('allocated')\n", memory=512 * 1024 * 1024)
    assert result.returncode != 0 and "MemoryError" in result.stderr
    control = _limited("b = bytearray(64 * 1024 * 1024)\nprint('allocated')\n", memory=512 * 1024 * 1024)
    assert control.returncode == 0 and "allocated" in control.stdout


def test_the_app_process_never_loads_a_parser_library() -> None:
    """Importing, storing and reading metadata through the sandbox leaves PIL, av and pikepdf out of the app."""
    script = (
        "import sys\n"
        "from locker.sandbox.runner import SandboxRunner\n"
        "from locker.sandbox.source import BytesSource\n"
        f"data = {_jpeg_with_exif()!r}\n"
        "with SandboxRunner() as r:\n"
        "    assert r.run(BytesSource(data), 'image/jpeg').record.status == 'ok'\n"
        "parsers = {'PIL', 'av', 'pikepdf', 'exifread', 'pypdfium2'}\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in parsers))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_lone_surrogates_from_a_parser_become_replacement_characters() -> None:
    from locker.metadata.model import MetadataRecord, scrub

    untrusted = {"status": "ok", "reader": "x", "summary": {"make": "Cam\udce4"}, "raw": {"k\udc80": ["v\ud800"]}}
    clean = scrub(untrusted)
    assert clean["raw"] == {"k\ufffd": ["v\ufffd"]}
    assert MetadataRecord.from_json(clean).summary.make == "Cam\ufffd"
    assert json.dumps(clean, ensure_ascii=False).encode("utf-8")
