"""How the app starts its sandbox processes, from the source tree and from a packaged (frozen) app.

From source the sandbox is `python -m locker.sandbox.zygote`. A PyInstaller bundle has no `python -m`: there the
app's own executables double as the sandbox when started with SANDBOX_FLAG, which their entry scripts check
before importing anything else (packaging/entry_cli.py, packaging/entry_gui.py).
"""

from __future__ import annotations

import sys

SANDBOX_FLAG = "--locker-sandbox"
ROLES = ("zygote", "child", "verifier", "receiver")


_MODULES = {
    "zygote": "locker.sandbox.zygote",
    "child": "locker.sandbox.child",
    "verifier": "locker.bundle.verify_child",
    "receiver": "locker.receive.child",
}


def sandbox_command(role: str, *args: str) -> list[str]:
    """The argv that starts the sandbox `role` ("zygote" or "child") with `args`."""
    if role not in ROLES:
        raise ValueError(role)
    if getattr(sys, "frozen", False):
        return [sys.executable, SANDBOX_FLAG, role, *args]
    return [sys.executable, "-m", _MODULES[role], *args]


def run_if_requested(argv: list[str]) -> None:
    """If this process was started as a sandbox, run that role and exit; otherwise return at once."""
    if len(argv) < 3 or argv[1] != SANDBOX_FLAG or argv[2] not in ROLES:
        return
    sys.argv = [argv[0], *argv[3:]]
    if argv[2] == "zygote":
        from locker.sandbox.zygote import main  # noqa: PLC0415
    elif argv[2] == "verifier":
        from locker.bundle.verify_child import main  # noqa: PLC0415
    elif argv[2] == "receiver":
        from locker.receive.child import main  # noqa: PLC0415
    else:
        from locker.sandbox.child import main  # noqa: PLC0415
    main()
    raise SystemExit(0)
