"""The sandboxed side: apply limits, read the job, parse through a remote file, send the result back.

Run as `python -m locker.sandbox.child` (spawn mode, job channel on stdin/stdout) or forked by the zygote.
"""

from __future__ import annotations

import io
import json
import os
import sys
import traceback
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from locker.sandbox import protocol
from locker.sandbox.confine import Layer, confine, fork_and_mirror
from locker.sandbox.probe import run_probe

if TYPE_CHECKING:
    from locker.share.faces import FaceDetector


@dataclass(frozen=True)
class Limits:
    """What one sandboxed job may use."""

    memory_bytes: int = 1536 * 1024 * 1024
    cpu_seconds: int = 30
    wall_seconds: float = 30.0
    #: Confinement layers left out (locker.sandbox.confine.LAYERS). Only `sandbox-probe --no-sandbox` and tests
    #: that show a layer's absence set this; every job of the app runs with all layers.
    skip_layers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Preloaded:
    """What the fork server built once, before any fork, for its jobs to use: a confined child could not build it
    (it may not open the model file) and building it per job would cost more than the job (the face detector's
    session: ~0.1-0.3 s)."""

    face_detector: FaceDetector | None = None


def apply_limits(limits: Limits) -> None:
    """Address space, CPU time, no file writes, no core dumps. POSIX only; a no-op elsewhere."""
    try:
        import resource  # noqa: PLC0415 - POSIX only
    except ImportError:  # pragma: no cover - Windows
        return
    resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


class Positioned(io.RawIOBase):
    """A file position over a known size, for the remote files that cross the job channel."""

    def __init__(self, size: int = 0) -> None:
        super().__init__()
        self._size = size
        self._pos = 0

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: self._size}[whence]
        self._pos = max(0, base + offset)
        return self._pos


class RemoteFile(Positioned):
    """A read-only, seekable file whose bytes come from the app over the job channel."""

    def __init__(self, rfile: BinaryIO, wfile: BinaryIO, size: int) -> None:
        super().__init__(size)
        self._rfile = rfile
        self._wfile = wfile

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        wanted = min(len(buffer), max(0, self._size - self._pos), protocol.MAX_FRAME)
        if wanted == 0:
            return 0
        protocol.send_frame(self._wfile, protocol.READ, protocol.READ_REQUEST.pack(self._pos, wanted))
        kind, data = protocol.recv_frame(self._rfile)
        if kind != protocol.DATA:
            raise protocol.ProtocolError("expected data")
        buffer[: len(data)] = data
        self._pos += len(data)
        return len(data)


def run_job(
    rfile: BinaryIO, wfile: BinaryIO, layers: list[Layer] | None = None, channel_fd: int = -1,
    tools: Preloaded | None = None,
) -> bool:  # fmt: skip
    """Serve one job on an already-limited and confined process (`layers`: what confine() put in force; `tools`:
    what the fork server built for its jobs). True when the app said another file of the same batch follows
    (a metadata job with "more": see SandboxRunner.run_batch): the caller then serves the next job."""
    from PIL import Image  # noqa: PLC0415

    # A decompression bomb is an error, not a warning: the image is never decoded.
    warnings.simplefilter("error", Image.DecompressionBombWarning)
    Image.MAX_IMAGE_PIXELS = 64_000_000
    kind, payload = protocol.recv_frame(rfile)
    if kind != protocol.JOB:
        raise protocol.ProtocolError("expected a job")
    job = json.loads(payload)
    if job.get("kind") == "layers":
        answer = {"layers": [layer.to_json() for layer in layers or []], "checks": _self_check()}
        protocol.send_frame(wfile, protocol.RESULT, json.dumps(answer).encode())
        protocol.send_frame(wfile, protocol.END)
        return False
    if job.get("kind") == "probe":
        run_probe(job, wfile, channel_fd)
        protocol.send_frame(wfile, protocol.END)
        return False
    media_type = str(job["media_type"])
    remote = io.BufferedReader(RemoteFile(rfile, wfile, int(job["size"])), buffer_size=256 * 1024)
    if job.get("kind") in TASKS:
        _run_task(remote, job, rfile, wfile, tools or Preloaded())
        return False
    try:
        from locker.metadata.readers.registry import reader_for  # noqa: PLC0415
        from locker.metadata.recognise import recognised_types  # noqa: PLC0415

        # The app's guess came from the first bytes only; the structure, read here, decides (the app then lets
        # the file's extension choose among what is recognised).
        recognised = recognised_types(remote, media_type)
        media_type = recognised[0]
        found = reader_for(media_type)
        if found is None:
            record = {"status": "no-reader", "reader": "none", "summary": {}, "raw": {}, "warnings": []}
        else:
            name, reader = found
            result = reader(remote, media_type)
            record = {
                "status": "ok", "reader": name, "summary": result.summary, "raw": result.raw,
                "warnings": result.warnings,
            }  # fmt: skip
        record["recognised"] = recognised
        protocol.send_frame(wfile, protocol.METADATA, json.dumps(record, default=str).encode("utf-8"))
        if job.get("thumbnail") and found is not None:
            from locker.metadata.thumbnail import make_thumbnail  # noqa: PLC0415

            try:
                thumb = make_thumbnail(remote, media_type)
            except Exception as exc:  # noqa: BLE001 - metadata is already sent; a thumbnail is optional
                protocol.send_frame(wfile, protocol.FAILED, f"thumbnail: {_describe(exc)}".encode())
            else:
                if thumb:
                    protocol.send_frame(wfile, protocol.THUMBNAIL, thumb.to_bytes())
    except MemoryError:
        protocol.send_frame(wfile, protocol.FAILED, b"the file needs more memory than the sandbox allows")
    except Exception as exc:  # noqa: BLE001 - any parser failure is reported, never raised into the app
        protocol.send_frame(wfile, protocol.FAILED, _describe(exc).encode("utf-8", "replace"))
    protocol.send_frame(wfile, protocol.END)
    return job.get("more") is True


TASKS = ("share", "recheck", "faces", "render", "pdf-page", "thumbnail", "media")


def _run_task(remote: BinaryIO, job: dict[str, object], rfile: BinaryIO, wfile: BinaryIO, tools: Preloaded) -> None:
    """A share-copy task (see locker.share.task) or media playback (locker.view.media_decode); failures are
    reported like parser failures."""
    try:
        if job.get("kind") == "media":
            from locker.view.media_decode import serve_media  # noqa: PLC0415 - preloaded by the zygote

            serve_media(remote, job, rfile, wfile)
        else:
            from locker.share.task import run_task  # noqa: PLC0415 - only share jobs load numpy and the detector

            run_task(remote, job, wfile, tools.face_detector)
    except MemoryError:
        protocol.send_frame(wfile, protocol.FAILED, b"the file needs more memory than the sandbox allows")
    except Exception as exc:  # noqa: BLE001 - reported, never raised into the app
        protocol.send_frame(wfile, protocol.FAILED, _describe(exc).encode("utf-8", "replace"))
    protocol.send_frame(wfile, protocol.END)


def _self_check() -> dict[str, bool]:
    """What the confinement really stops, tried from inside: True means the attempt failed, as it should."""
    import socket  # noqa: PLC0415

    def open_a_path() -> None:
        os.close(os.open("/", os.O_RDONLY))

    def make_a_socket() -> None:
        socket.socket().close()

    checks = {}
    for name, attempt in (("open a path", open_a_path), ("make a socket", make_a_socket)):
        try:
            attempt()
        except OSError:
            checks[name] = True
        else:
            checks[name] = False
    return checks


def _describe(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" in {Path(frames[-1].filename).name}" if frames else ""
    return f"{type(exc).__name__}{where}: {str(exc)[:300]}"


def main() -> None:
    """Spawn mode: limits from argv, channel on stdin/stdout; the parsers are loaded before confinement."""
    from locker.sandbox.zygote import preload  # noqa: PLC0415 - the zygote module imports this one

    memory, cpu = int(sys.argv[1]), int(sys.argv[2])
    skip = tuple(sys.argv[3].split(",")) if len(sys.argv) > 3 and sys.argv[3] else ()
    tools = preload(faces=True)
    if hasattr(os, "fork"):
        fork_and_mirror()  # the job runs in a single-threaded child, as a zygote's child does
    apply_limits(Limits(memory_bytes=memory, cpu_seconds=cpu))
    rfile, wfile = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a parser that prints must not corrupt the channel
    layers = confine([0, 1], skip, new_session=False)  # stays in the group the app kills at the timeout
    try:
        while run_job(rfile, wfile, layers, 0, tools):
            pass
        wfile.flush()
    except BaseException:  # noqa: BLE001 - the app sees the exit code
        os._exit(3)
    # Never a normal exit: library destructors (onnxruntime's) would wait for threads this forked child lacks.
    os._exit(0)


if __name__ == "__main__":
    main()
