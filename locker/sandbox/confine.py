"""Confinement of a sandbox child, in layers, applied after the fork server forked it and before it reads a byte.

The fork server (zygote) has already imported every parser, so the child needs no file, no socket and no process
of its own: it talks to the app only over the job channel it inherited. Each layer below takes something away;
each is tried on its own and reported, so a system without one (Ubuntu's AppArmor rule against unprivileged user
namespaces, a kernel without Landlock, a machine without libseccomp) still gets the others:

1. a clean process: its own session and process group (the app kills the whole group at the timeout), no
   environment, every inherited descriptor closed except the job channel, no core dumps, rlimits;
2. namespaces: user, network (no interface but a dead loopback), IPC, UTS, cgroup and PID namespaces, entered
   once by the fork server before it imports anything (enter_shared_namespaces: it is PID 1 there, so when it
   ends every job ends), and a mount namespace per job whose root is an empty read-only tmpfs: no path to the
   home folder, the vault or the panic socket;
3. Landlock with no rules: no path may be opened, created, removed or renamed, no TCP bind or connect, no signal
   or abstract Unix socket outside the job (whatever the kernel's Landlock ABI covers);
4. no_new_privs and a seccomp-BPF allowlist built with libseccomp (pyseccomp): no open/openat/creat or any call
   that changes the file system, no socket/connect/bind, sendto only without an address, no execve, no new
   processes (threads only), no ptrace or process_vm_readv/writev, no signals (and no F_SETOWN, which would make
   the kernel send them), no mount, unshare or setns. Anything not on the list fails with EPERM instead of
   killing the child, so a parser probing an optional feature gets an error it already handles.

Why these building blocks (and not bubblewrap): bubblewrap confines a process it executes, before that process
imports anything; our children are forked from a server that has imported Pillow, PyAV, pikepdf and onnxruntime
once (0.3-0.5 s per job otherwise), so confinement must start after the fork, inside the process. The namespace
steps are the same system calls bubblewrap makes (unshare, a tmpfs root, pivot_root); the seccomp filter is
compiled by libseccomp, the maintained library Flatpak, systemd and Chromium's Linux sandbox rely on, never
hand-assembled; Landlock is three documented system calls with a stable ABI, called through ctypes.
"""

from __future__ import annotations

import ctypes
import errno
import functools
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass

LAYERS = ("process", "namespaces", "landlock", "seccomp")


@dataclass(frozen=True)
class Layer:
    """One layer of confinement, and whether it is in force in this process."""

    name: str
    active: bool
    detail: str

    def to_json(self) -> dict[str, object]:
        return {"name": self.name, "active": self.active, "detail": self.detail}


# -- Linux constants (uapi headers; identical on x86_64 and aarch64) -----------------------------------------

CLONE_NEWNS = 0x00020000
CLONE_NEWCGROUP = 0x02000000
CLONE_NEWUTS = 0x04000000
CLONE_NEWIPC = 0x08000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000
CLONE_THREAD = 0x00010000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REMOUNT, MS_REC, MS_PRIVATE = 1, 2, 4, 8, 32, 16384, 1 << 18
MNT_DETACH = 2
PR_SET_NO_NEW_PRIVS, PR_GET_NO_NEW_PRIVS, PR_SET_DUMPABLE, PR_GET_DUMPABLE = 38, 39, 4, 3
PR_SET_NAME, PR_GET_NAME, PR_SET_PDEATHSIG = 15, 16, 1
SYS_PIVOT_ROOT = {"x86_64": 155, "aarch64": 41}
SYS_LANDLOCK_CREATE_RULESET, SYS_LANDLOCK_RESTRICT_SELF = 444, 446
LANDLOCK_CREATE_RULESET_VERSION = 1
AT_EMPTY_PATH = 0x1000
SENSITIVE_ENVIRONMENT = (
    "HOME", "DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS", "SSH_AUTH_SOCK", "XAUTHORITY", "USER",
)  # fmt: skip
# Kept in the fork server's environment: they change how numerical libraries run, not what the child may reach
# (OPENBLAS_CORETYPE avoids OpenBLAS crashes on some processors); PYTHONPATH lets a source checkout find itself.
KEPT_ENVIRONMENT = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "PYTHONPATH", "LANG", "LC_ALL")


class _LandlockAttr(ctypes.Structure):
    _fields_ = (("handled_access_fs", ctypes.c_uint64), ("handled_access_net", ctypes.c_uint64),
                ("scoped", ctypes.c_uint64))  # fmt: skip


@functools.cache
def _libc() -> ctypes.CDLL:
    # dlopen(NULL): the C library is already loaded. (ctypes.util.find_library would start `ldconfig`: a new
    # process per job, slow, and impossible once the job is confined.)
    return ctypes.CDLL(None, use_errno=True)


def clean_environment(environ: dict[str, str]) -> dict[str, str]:
    """The environment the fork server starts with: nothing that names the user, her session or her desktop."""
    clean = {key: environ[key] for key in KEPT_ENVIRONMENT if key in environ}
    clean["OMP_NUM_THREADS"] = clean["OPENBLAS_NUM_THREADS"] = "1"
    return clean


# -- layer 1: a clean process ----------------------------------------------------------------------------------


def _clean_process(keep_fds: Iterable[int], new_session: bool = True) -> Layer:
    details = []
    if new_session and hasattr(os, "setsid"):
        try:
            os.setsid()  # own session and process group: the app's killpg at the timeout reaches all of it
        except OSError:
            if os.getpgrp() != os.getpid():  # a spawned child may already lead its own session
                details.append("no process group of its own")
    os.environ.clear()
    keep = sorted({0, 1, 2, *keep_fds})
    previous = -1
    for fd in [*keep, 65536]:
        if fd > previous + 1:
            os.closerange(previous + 1, fd)
        previous = fd
    try:
        import resource  # noqa: PLC0415 - POSIX only

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ImportError, OSError, ValueError):
        details.append("core dumps not disabled")
    if sys.platform == "linux":
        _libc().prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
    return Layer("process", not details, "; ".join(details) or "own process group, empty environment, "
                 "only the job channel open, not dumpable")  # fmt: skip


# -- layer 2: namespaces ---------------------------------------------------------------------------------------


SHARED_NAMESPACES = (("network", CLONE_NEWNET), ("ipc", CLONE_NEWIPC), ("uts", CLONE_NEWUTS),
                     ("cgroup", CLONE_NEWCGROUP), ("pid", CLONE_NEWPID))  # fmt: skip


def _unshare_namespaces(libc: ctypes.CDLL, inherited: Iterable[str] = ()) -> tuple[list[str], str]:
    """Enter the namespaces this process is not already in (`inherited`: entered by the fork server for all its
    jobs), and a mount namespace of its own with an empty root. Returns the names in force and what failed."""
    entered: list[str] = list(inherited)
    problems: list[str] = []
    if "user" not in entered:
        if libc.unshare(CLONE_NEWUSER) == 0:
            entered.append("user")
        elif os.geteuid() != 0:
            return entered, f"no user namespace ({os.strerror(ctypes.get_errno())})"
    for name, flag in SHARED_NAMESPACES:
        if name in entered:
            continue
        if libc.unshare(flag) == 0:
            entered.append(name)
        else:
            problems.append(f"no {name} namespace ({os.strerror(ctypes.get_errno())})")
    if libc.unshare(CLONE_NEWNS) != 0:
        problems.append(f"no mount namespace ({os.strerror(ctypes.get_errno())})")
    else:
        why = _empty_root(libc)
        if why:
            problems.append(why)
        else:
            entered.append("mount")
    return entered, "; ".join(problems)


def enter_shared_namespaces() -> list[str]:
    """For the fork server, before it imports anything (it must be single-threaded): a user namespace, then
    network, IPC, UTS, cgroup and PID namespaces that all its jobs share, so a job does not pay to create them.
    The fork server then continues as PID 1 of the new PID namespace (the process that started it only waits),
    so when it ends, every job ends with it. Returns the names entered; each job adds its own mount namespace."""
    if sys.platform != "linux":
        return []
    libc = _libc()
    entered: list[str] = []
    if libc.unshare(CLONE_NEWUSER) == 0:
        entered.append("user")
    elif os.geteuid() != 0:
        return entered
    for name, flag in SHARED_NAMESPACES:
        if libc.unshare(flag) == 0:
            entered.append(name)
    if "uts" in entered:
        libc.sethostname(b"sandbox", 7)  # the new UTS namespace starts with a copy of the real host name
    if "pid" in entered:
        fork_and_mirror()
        # The app kills the waiting parent: this dies with it. (Had the parent died before this call, the control
        # channel would still end this process: it exits when the app's end of that socket closes.)
        libc.prctl(PR_SET_PDEATHSIG, 9, 0, 0, 0)
    return entered


def _empty_root(libc: ctypes.CDLL) -> str:
    """Make the root of this mount namespace an empty, read-only tmpfs (what bubblewrap does with --tmpfs /)."""
    pivot = SYS_PIVOT_ROOT.get(os.uname().machine)
    if pivot is None:
        return "no empty root (unknown architecture)"
    flags = MS_NOSUID | MS_NODEV | MS_NOEXEC
    steps = (
        lambda: libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None),
        lambda: libc.mount(b"tmpfs", b"/tmp", b"tmpfs", flags, b"size=4k,nr_inodes=2,mode=0555"),
        lambda: _chdir(libc, b"/tmp"),
        lambda: libc.syscall(pivot, b".", b"."),
        lambda: libc.umount2(b".", MNT_DETACH),
        lambda: _chdir(libc, b"/"),
        lambda: libc.mount(b"none", b"/", None, MS_REMOUNT | MS_RDONLY | flags, None),
    )
    for step in steps:
        if step() != 0:
            return f"no empty root ({os.strerror(ctypes.get_errno())})"
    return ""


def _chdir(libc: ctypes.CDLL, path: bytes) -> int:
    return int(libc.chdir(path))


def fork_and_mirror() -> None:
    """Fork; the parent waits and ends exactly as the child does, the child returns and goes on.

    Used where only a child can be what we need: a single-threaded process (the parsers' libraries may have
    started threads, and namespaces and Landlock need one thread), or PID 1 of a new PID namespace.
    """
    import signal  # noqa: PLC0415

    pid = os.fork()
    if pid == 0:
        return
    os.closerange(3, 65536)  # the waiting parent keeps nothing of the job's
    while True:
        try:
            _, status = os.waitpid(pid, 0)
            break
        except InterruptedError:
            continue
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        signal.signal(number, signal.SIG_DFL)
        os.kill(os.getpid(), number)
    os._exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 3)


def _threads() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            return int(status.read().split("Threads:")[1].split()[0])
    except (OSError, IndexError, ValueError):
        return 1


# -- layer 3: Landlock -----------------------------------------------------------------------------------------


def landlock_abi(libc: ctypes.CDLL | None = None) -> int:
    """The kernel's Landlock ABI version, 0 where it has none."""
    if sys.platform != "linux":
        return 0
    libc = libc or _libc()
    version = int(libc.syscall(SYS_LANDLOCK_CREATE_RULESET, None, 0, LANDLOCK_CREATE_RULESET_VERSION))
    return max(version, 0)


def landlock_all_fs_rights(abi: int) -> int:
    """Every file-system right the kernel's Landlock `abi` knows: handled with no rule, none is left."""
    fs = (1 << 13) - 1  # ABI 1: execute, read/write files, read dirs, remove, make every kind of entry
    if abi >= 2:
        fs |= 1 << 13  # refer (links and renames across folders)
    if abi >= 3:
        fs |= 1 << 14  # truncate
    if abi >= 5:
        fs |= 1 << 15  # ioctl on devices
    return fs


def _landlock(libc: ctypes.CDLL, read_only: bool = False) -> Layer:
    """No file-system access at all; with `read_only`, reading files and listing folders stays allowed (for the
    bundle verifier, which must read the bundle the user chose but may write nothing anywhere)."""
    abi = landlock_abi(libc)
    if abi <= 0:
        return Layer("landlock", False, "this kernel has no Landlock")
    fs = landlock_all_fs_rights(abi)
    if read_only:
        fs &= ~((1 << 2) | (1 << 3))  # unhandled rights stay allowed: read files, read folders
    attr = _LandlockAttr(fs, 3 if abi >= 4 else 0, 3 if abi >= 6 else 0)  # TCP bind+connect; signals+abstract
    ruleset = int(libc.syscall(SYS_LANDLOCK_CREATE_RULESET, ctypes.byref(attr), ctypes.sizeof(attr), 0))
    if ruleset < 0:
        return Layer("landlock", False, f"ruleset refused ({os.strerror(ctypes.get_errno())})")
    try:
        libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
        if libc.syscall(SYS_LANDLOCK_RESTRICT_SELF, ruleset, 0) != 0:
            return Layer("landlock", False, f"not applied ({os.strerror(ctypes.get_errno())})")
    finally:
        os.close(ruleset)
    covers = ["read only" if read_only else "no path"]
    covers += (["no TCP"] if abi >= 4 else []) + (["signals and abstract sockets scoped"] if abi >= 6 else [])
    return Layer("landlock", True, f"ABI {abi}: " + ", ".join(covers))


def confine_read_only() -> list[Layer]:
    """For a process that must read user-chosen files but never write, connect or signal: clean process (no core,
    not dumpable), then Landlock read-only. Used by the bundle verifier (locker/bundle/verify_child.py)."""
    layers = [_clean_process((), new_session=False)]
    if sys.platform == "linux":
        layers.append(_landlock(_libc(), read_only=True))
    return layers


# -- layer 4: seccomp ------------------------------------------------------------------------------------------

# Calls a parser needs once its libraries are loaded: memory, threads, time, and I/O on descriptors it already
# has (the job channel). Nothing here takes a path, makes a descriptor that reaches outside, or starts a process.
ALLOWED_CALLS = (
    "read", "readv", "write", "writev", "close", "lseek", "fstat", "recvfrom", "recvmsg", "sendmsg", "shutdown",
    "poll", "ppoll", "select", "pselect6", "epoll_create1", "epoll_ctl", "epoll_wait", "epoll_pwait", "eventfd2",
    "mmap", "munmap", "mremap", "mprotect", "brk", "madvise", "mincore", "membarrier",
    "futex", "futex_waitv", "set_robust_list", "get_robust_list", "rseq", "set_tid_address",
    "rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "sigaltstack", "restart_syscall",
    "exit", "exit_group", "getpid", "gettid", "getppid", "getuid", "geteuid", "getgid", "getegid", "getresuid",
    "getresgid", "getgroups", "getrandom", "clock_gettime", "clock_getres", "clock_nanosleep", "nanosleep",
    "gettimeofday", "time", "times", "getrusage", "sched_yield", "sched_getaffinity", "sched_getparam",
    "sched_getscheduler", "sched_get_priority_max", "sched_get_priority_min", "getcpu", "getpriority", "uname",
    "sysinfo", "dup", "arch_prctl", "getrlimit",
)  # fmt: skip
FIONBIO, FIOCLEX, FIONCLEX, TCGETS, FIONREAD = 0x5421, 0x5451, 0x5450, 0x5401, 0x541B
F_DUPFD, F_GETFD, F_SETFD, F_GETFL, F_SETFL, F_DUPFD_CLOEXEC = 0, 1, 2, 3, 4, 1030


class _SockFprog(ctypes.Structure):
    _fields_ = (("len", ctypes.c_ushort), ("filter", ctypes.c_void_p))


PR_SET_SECCOMP, SECCOMP_MODE_FILTER = 22, 2


@functools.cache
def compiled_filter() -> bytes:
    """The allowlist, compiled to BPF by libseccomp. The fork server compiles it once; a job only loads it."""
    import pyseccomp as seccomp  # noqa: PLC0415 - loads libseccomp; absent on Windows/macOS

    sandbox_filter = seccomp.SyscallFilter(seccomp.ERRNO(errno.EPERM))
    for name in ALLOWED_CALLS:
        try:
            sandbox_filter.add_rule(seccomp.ALLOW, name)
        except (OSError, ValueError, RuntimeError):
            continue  # a call this architecture does not have (arch_prctl on aarch64, time, select...)
    arg, eq, masked = seccomp.Arg, seccomp.EQ, seccomp.MASKED_EQ
    sandbox_filter.add_rule(seccomp.ALLOW, "clone", arg(0, masked, CLONE_THREAD, CLONE_THREAD))  # threads only
    sandbox_filter.add_rule(seccomp.ERRNO(errno.ENOSYS), "clone3")  # flags hidden in a struct: make libc use clone
    # No kill/tgkill at all, not even to itself: a parser that calls abort() then dies of SIGSEGV instead.
    sandbox_filter.add_rule(seccomp.ALLOW, "sendto", arg(4, eq, 0))  # to the connected job channel only
    # glibc's fstat() is fstatat(fd, "", AT_EMPTY_PATH); a path lookup with that flag still finds nothing where the
    # mount namespace made the root empty.
    sandbox_filter.add_rule(seccomp.ALLOW, "newfstatat", arg(3, masked, AT_EMPTY_PATH, AT_EMPTY_PATH))
    sandbox_filter.add_rule(seccomp.ALLOW, "statx", arg(2, masked, AT_EMPTY_PATH, AT_EMPTY_PATH))
    sandbox_filter.add_rule(seccomp.ALLOW, "prlimit64", arg(2, eq, 0))  # read limits, never raise them
    # fcntl only for descriptor flags: F_SETOWN/F_SETSIG with O_ASYNC would make the kernel signal any process.
    for command in (F_DUPFD, F_GETFD, F_SETFD, F_GETFL, F_SETFL, F_DUPFD_CLOEXEC):
        sandbox_filter.add_rule(seccomp.ALLOW, "fcntl", arg(1, eq, command))
    for request in (FIONBIO, FIOCLEX, FIONCLEX, TCGETS, FIONREAD):
        sandbox_filter.add_rule(seccomp.ALLOW, "ioctl", arg(1, eq, request))
    for option in (PR_SET_NAME, PR_GET_NAME, PR_GET_NO_NEW_PRIVS, PR_GET_DUMPABLE):  # thread names; own state
        sandbox_filter.add_rule(seccomp.ALLOW, "prctl", arg(0, eq, option))
    read_end, write_end = os.pipe()
    try:
        with os.fdopen(write_end, "wb", closefd=False) as out:
            sandbox_filter.export_bpf(out)
        os.close(write_end)
        write_end = -1
        chunks = []
        while chunk := os.read(read_end, 65536):
            chunks.append(chunk)
    finally:
        os.close(read_end)
        if write_end >= 0:
            os.close(write_end)
    return b"".join(chunks)


def _seccomp() -> Layer:
    try:
        program = compiled_filter()
    except (ImportError, OSError, ValueError, RuntimeError) as exc:
        return Layer("seccomp", False, f"libseccomp is not available or failed ({exc})")
    if not program or len(program) % 8:
        return Layer("seccomp", False, "libseccomp produced no filter")
    libc = _libc()
    buffer = ctypes.create_string_buffer(program, len(program))
    fprog = _SockFprog(len(program) // 8, ctypes.cast(buffer, ctypes.c_void_p))
    if (
        libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0
        or libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0) != 0
    ):
        return Layer("seccomp", False, f"the filter could not be loaded ({os.strerror(ctypes.get_errno())})")
    return Layer("seccomp", True, "allowlist: no paths, sockets, exec, new processes, ptrace or signals")


# -- all layers ------------------------------------------------------------------------------------------------


def confine(
    keep_fds: Iterable[int], skip: Iterable[str] = (), inherited: Iterable[str] = (), new_session: bool = True
) -> list[Layer]:
    """Apply every layer not in `skip` to this (single-threaded, freshly forked) process, in order.

    `new_session`: False where the process is already in the group the app kills (a spawned child, started in a
    session of its own). `inherited`: namespaces the fork server entered for all its jobs. Without them,
    this may fork once (a PID namespace of its own): the caller continues in the child, which runs the job.
    Returns what is in force; never raises for a layer the system does not offer.
    """
    skipped = set(skip)
    layers: list[Layer] = []
    threads = _threads() if sys.platform == "linux" else 1
    if "process" not in skipped:
        process = _clean_process(keep_fds, new_session)
        if threads > 1:  # namespaces, Landlock and seccomp would hold for one thread only: a bug, say so
            process = Layer("process", False, f"{threads} threads at confinement; {process.detail}")
        layers.append(process)
    if sys.platform != "linux":
        return [*layers, *(Layer(name, False, "Linux only") for name in LAYERS[1:] if name not in skipped)]
    libc = _libc()
    if "namespaces" not in skipped:
        shared = list(inherited)
        entered, problems = _unshare_namespaces(libc, shared)
        if "pid" in entered and "pid" not in shared:
            fork_and_mirror()  # after unshare(CLONE_NEWPID) only a child enters the new namespace
        detail = ", ".join(entered) + (f"; {problems}" if problems else "")
        layers.append(Layer("namespaces", {"network", "mount", "pid"} <= set(entered), detail or "none"))
    elif inherited:
        layers.append(Layer("namespaces", False, "only the fork server's: " + ", ".join(inherited)))
    if "landlock" not in skipped:
        layers.append(_landlock(libc))
    if "seccomp" not in skipped:
        layers.append(_seccomp())
    return layers
