"""The fork server: imports the parser libraries once, then forks one limited child per job.

Starting Python and importing Pillow, PyAV and pikepdf costs ~0.2-0.5 s; forking a process that already has them
costs milliseconds, so sandboxing every file stays cheap. The zygote itself never touches a file's bytes: it only
receives a job channel (a socket passed with SCM_RIGHTS), forks, reports the child's pid, and reaps it.

Control channel (a SOCK_SEQPACKET pair, one message per datagram): the app sends JSON limits with the job socket
attached; the zygote answers b"P" + pid, and later b"S" + JSON {"exit": code} or {"signal": n}.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import signal
import socket
import sys

from locker.sandbox.child import Limits, apply_limits, run_job

PRELOAD = (
    "PIL.Image", "PIL.ImageOps", "PIL.ImageCms", "PIL.IptcImagePlugin", "exifread", "pillow_heif", "av",
    "mutagen", "pikepdf", "pypdfium2", "defusedxml.ElementTree",
    "locker.metadata.readers.images", "locker.metadata.readers.av_media", "locker.metadata.readers.pdf",
    "locker.metadata.thumbnail",
    "locker.view.media_decode",
)  # fmt: skip


def _preload() -> None:
    for name in PRELOAD:
        # A missing optional library surfaces later as a per-file "unreadable" instead.
        with contextlib.suppress(ImportError):
            __import__(name)
    _warm_up()
    # Objects that exist now are never collected: the GC then does not touch (and copy) them in every child.
    gc.freeze()


def _warm_up() -> None:
    """Run the readers once on pictures we make ourselves, so lazy initialisation (Pillow's plugin registry,
    codec tables) happens here, once, instead of in every forked child."""
    import io  # noqa: PLC0415

    from PIL import Image  # noqa: PLC0415

    from locker.metadata.readers.images import read_image  # noqa: PLC0415
    from locker.metadata.thumbnail import make_thumbnail  # noqa: PLC0415

    Image.init()
    for fmt, media_type in (("JPEG", "image/jpeg"), ("PNG", "image/png"), ("WEBP", "image/webp")):
        sample = io.BytesIO()
        with contextlib.suppress(Exception):
            Image.new("RGB", (64, 48), (10, 20, 30)).save(sample, fmt)
            read_image(io.BytesIO(sample.getvalue()), media_type)
            make_thumbnail(io.BytesIO(sample.getvalue()), media_type)


def _child(job_sock: socket.socket, control: socket.socket, limits: Limits) -> None:
    control.close()
    try:
        apply_limits(limits)
        rfile = job_sock.makefile("rb")
        wfile = job_sock.makefile("wb")
        run_job(rfile, wfile)
        wfile.flush()
    except BaseException:  # noqa: BLE001 - the app sees the exit code
        os._exit(3)
    os._exit(0)


def serve(control: socket.socket) -> None:
    _preload()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C in the terminal is the app's to handle
    while True:
        try:
            message, fds, _flags, _addr = socket.recv_fds(control, 65536, 1)
        except OSError:
            return
        if not message:
            return  # the app closed the channel: it exited
        if not fds:
            continue
        job_sock = socket.socket(fileno=fds[0])
        try:
            limits = Limits(**json.loads(message))
        except (ValueError, TypeError):
            job_sock.close()
            continue
        pid = os.fork()
        if pid == 0:
            _child(job_sock, control, limits)
        job_sock.close()
        control.send(b"P" + str(pid).encode())
        _, status = os.waitpid(pid, 0)
        result = {"signal": os.WTERMSIG(status)} if os.WIFSIGNALED(status) else {"exit": os.WEXITSTATUS(status)}
        control.send(b"S" + json.dumps(result).encode())


def main() -> None:
    control = socket.socket(fileno=int(sys.argv[1]))
    serve(control)


if __name__ == "__main__":
    main()
