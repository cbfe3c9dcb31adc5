"""The fork server: imports the parser libraries once, then forks one limited child per job.

Starting Python and importing Pillow, PyAV and pikepdf costs ~0.2-0.5 s; forking a process that already has them
costs milliseconds, so sandboxing every file stays cheap. The zygote itself never touches a file's bytes: it only
receives a job channel (a socket passed with SCM_RIGHTS), forks, reports the child's pid, and reaps it.

Control channels (SOCK_SEQPACKET pairs, one message per datagram; one channel per job that may run at the same
time, so two jobs can use both cores): on each channel the app sends JSON limits with the job socket attached; the
zygote answers b"P" + pid (in its own PID namespace), then b"H" + the same process's pid as the app sees it (the one
to kill), and later b"S" + JSON {"exit": code} or {"signal": n}. A channel carries one job at a time; the zygote
reads nothing more from it until that job's b"S" is sent. Before all that, once its preload is done, the zygote sends
READY (b"R") on every channel: the app waits for it before a channel's first job (forkserver.ForkServer.wait_ready),
so importing the parsers, slow on a busy machine, never counts against the seconds a job has to be forked.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import select
import signal
import socket
import sys
from typing import TYPE_CHECKING

from locker.sandbox.child import Limits, Preloaded, apply_limits, run_job
from locker.sandbox.confine import confine, enter_shared_namespaces
from locker.sandbox.forkserver import READY

if TYPE_CHECKING:
    from locker.share.faces import FaceDetector

# Everything a job may need, imported before any child exists: a confined child cannot open a file, so it cannot
# import a module either (a module missing here fails that job with "unreadable", never more).
PRELOAD = (
    "PIL.Image", "PIL.ImageOps", "PIL.ImageCms", "PIL.IptcImagePlugin", "PIL.ImageSequence", "PIL.ImageDraw",
    "exifread", "pillow_heif", "av", "mutagen", "pikepdf", "pypdfium2", "defusedxml.ElementTree", "numpy",
    "encodings.idna", "encodings.utf_16", "encodings.utf_32", "encodings.latin_1",
    "encodings.cp1252", "encodings.cp1251", "encodings.ascii", "encodings.mac_roman", "fcntl", "ctypes",
    "locker.metadata.readers.registry", "locker.metadata.readers.images", "locker.metadata.readers.av_media",
    "locker.metadata.readers.pdf", "locker.metadata.readers.office", "locker.metadata.readers.isobmff",
    "locker.metadata.readers.xmp", "locker.metadata.thumbnail", "locker.share.task", "locker.share.recheck",
    "locker.share.images", "locker.share.media", "locker.share.pdf", "locker.share.office", "locker.share.faces",
    "locker.sandbox.probe", "pyseccomp", "locker.view.render",
    "locker.view.media_decode",
)  # fmt: skip


# Packages that import their own submodules lazily (PyAV's subtitles, mutagen's format modules): every
# submodule is imported up front.
PRELOAD_WHOLE = (
    "encodings", "av", "mutagen", "exifread", "pikepdf", "pypdfium2", "pillow_heif", "defusedxml", "locker.metadata",
    "locker.share", "locker.view",
)  # fmt: skip


# Only share copies detect faces: onnxruntime (which starts a thread and doubles the cost of every fork) and the
# face model are loaded by a separate fork server for those jobs (SandboxRunner starts it when one comes).
PRELOAD_FACES = ("onnxruntime",)


def preload(faces: bool = True) -> Preloaded:
    """Import every parser and warm it up; with `faces`, also build the face detector (runtime, model and an
    inference session, which a confined child could neither read nor afford to build per job)."""
    for name in PRELOAD + (PRELOAD_FACES if faces else ()):
        # A missing optional library surfaces later as a per-file "unreadable" instead.
        with contextlib.suppress(ImportError):
            __import__(name)
    for name in PRELOAD_WHOLE:
        _import_submodules(name)
    _warm_up()
    tools = Preloaded(face_detector=_face_detector() if faces else None)
    with contextlib.suppress(Exception):
        from locker.sandbox.confine import compiled_filter  # noqa: PLC0415

        compiled_filter()  # a job then only loads it
    # Objects that exist now are never collected: the GC then does not touch (and copy) them in every child.
    gc.freeze()
    return tools


def _face_detector() -> FaceDetector | None:
    """The detector every share job inherits. One inference thread: a thread pool's workers would not exist in
    the forked child (fork copies only the calling thread), so the session must never need them."""
    try:
        from locker.share.faces import FaceDetector  # noqa: PLC0415

        detector = FaceDetector(threads=1)
        detector.warm_up()
    except Exception:  # noqa: BLE001 - a share job then reports the detector as unavailable
        return None
    return detector


def _import_submodules(package_name: str) -> None:
    import importlib  # noqa: PLC0415
    import pkgutil  # noqa: PLC0415

    try:
        package = importlib.import_module(package_name)
    except ImportError:
        return
    for module in pkgutil.walk_packages(getattr(package, "__path__", []), prefix=package_name + "."):
        if ".tests" in module.name or ".test_" in module.name:
            continue
        with contextlib.suppress(Exception):
            importlib.import_module(module.name)


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


def _child(job_sock: socket.socket, controls: list[socket.socket], tools: Preloaded, limits: Limits,
           shared: list[str]) -> None:  # fmt: skip
    # The fork server's way of noticing ended jobs is not the job's: no wake-up byte into a descriptor number
    # that the job's own code might reuse.
    signal.set_wakeup_fd(-1)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    for control in controls:
        control.close()
    try:
        apply_limits(limits)
        layers = confine([job_sock.fileno()], limits.skip_layers, shared)
        rfile = job_sock.makefile("rb")
        wfile = job_sock.makefile("wb")
        while run_job(rfile, wfile, layers, job_sock.fileno(), tools):
            pass  # the next file of the same batch (SandboxRunner.run_batch)
        wfile.flush()
    except BaseException:  # noqa: BLE001 - the app sees the exit code
        os._exit(3)
    os._exit(0)


def serve(controls: list[socket.socket], shared: list[str] | None = None, faces: bool = True) -> None:
    """Serve jobs on every control channel, one job per channel at a time, until the app closes one.

    `shared`: the namespaces entered for every job (enter_shared_namespaces), before anything was imported;
    `faces`: whether jobs may detect faces (see PRELOAD_FACES)."""
    shared = shared or []
    tools = preload(faces)
    for control in controls:
        try:
            control.send(READY)
        except OSError:
            return  # the app is gone already
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C in the terminal is the app's to handle
    # An ended job wakes the loop through this pipe (SIGCHLD), wherever it is waiting.
    woken, wake = os.pipe()
    os.set_blocking(woken, False)
    os.set_blocking(wake, False)
    signal.set_wakeup_fd(wake)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    running: dict[int, socket.socket] = {}  # job pid -> the channel it was asked on
    try:
        while True:
            idle = [control for control in controls if control not in running.values()]
            try:
                ready, _, _ = select.select([woken, *(control.fileno() for control in idle)], [], [])
            except OSError:
                return
            if woken in ready:
                with contextlib.suppress(BlockingIOError):
                    os.read(woken, 512)
                _reap(running)
            for control in idle:
                if control.fileno() in ready and not _start_job(control, controls, tools, shared, running):
                    return  # the app closed the channel: it exited, or it stopped this fork server
    except OSError:
        return  # a channel broke while we answered on it: the app is gone


def _start_job(
    control: socket.socket, controls: list[socket.socket], tools: Preloaded, shared: list[str],
    running: dict[int, socket.socket],
) -> bool:  # fmt: skip
    """Fork the job asked for on `control`; False when the channel is closed."""
    try:
        message, fds, _flags, _addr = socket.recv_fds(control, 65536, 1)
    except OSError:
        return False
    if not message:
        return False
    if not fds:
        return True
    job_sock = socket.socket(fileno=fds[0])
    try:
        wanted = json.loads(message)
        wanted["skip_layers"] = tuple(str(name) for name in wanted.get("skip_layers", ()))
        limits = Limits(**wanted)
    except (ValueError, TypeError, AttributeError):
        job_sock.close()
        return True
    told, tell = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(told)
        os.write(tell, str(_host_pid()).encode())  # before confinement: our own code, not the job's
        os.close(tell)
        _child(job_sock, controls, tools, limits, shared)
    os.close(tell)
    job_sock.close()
    running[pid] = control  # before anything can fail: an ended job is always reported on its channel
    control.send(b"P" + str(pid).encode())  # at once: the app starts serving the job while it confines itself
    answer = os.read(told, 32)
    os.close(told)
    # The app lives outside our PID namespace: it must be told (and may kill) the job by its pid there.
    control.send(b"H" + (answer if answer.isdigit() else str(pid).encode()))
    return True


def _reap(running: dict[int, socket.socket]) -> None:
    """Report every job that has ended on its channel, and reap anything else that ended.

    Each job is seen ended without being reaped first (WNOWAIT), so its pid cannot be reused while its process
    group is killed: nothing the job started may outlive it, even where no PID namespace ended it already."""
    while True:
        try:
            ended = os.waitid(os.P_ALL, 0, os.WEXITED | os.WNOHANG | os.WNOWAIT)
        except ChildProcessError:
            return
        if ended is None or ended.si_pid == 0:
            return
        pid = ended.si_pid
        control = running.pop(pid, None)
        if control is not None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        if control is not None:
            result = {"signal": os.WTERMSIG(status)} if os.WIFSIGNALED(status) else {"exit": os.WEXITSTATUS(status)}
            control.send(b"S" + json.dumps(result).encode())


def _host_pid() -> int:
    """This process's pid as the app sees it: the first NSpid entry (the fork server may be in a PID namespace)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("NSpid:"):
                    return int(line.split()[1])
    except (OSError, IndexError, ValueError):
        pass
    return os.getpid()


def main() -> None:
    """argv: the control channels' descriptors, comma-separated, then "faces" or "lean"."""
    shared = enter_shared_namespaces()  # first: it needs a single thread, and the imports may start others
    controls = [socket.socket(fileno=int(fd)) for fd in sys.argv[1].split(",")]
    serve(controls, shared, faces=len(sys.argv) > 2 and sys.argv[2] == "faces")


if __name__ == "__main__":
    main()
