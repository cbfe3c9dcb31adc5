"""One transfer from a real LocalSend implementation (localsendd, from PyPI) to our receiver, inside a private
network namespace: `python -m tests.receive.scenario` reads its orders as JSON on stdin and prints what happened
as JSON. Run by tests/receive/test_real_client.py under `unshare --net --map-root-user`, so the sender's announcements
and its listening socket never reach a real network; only the namespace's own loopback exists.
"""

from __future__ import annotations

import json
import os
import signal
import ssl
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

from locker.receive.receiver import IncomingSession, ReceiveEvent, Receiver, ReceiverSettings
from locker.sandbox.runner import SandboxRunner
from locker.vault.vault import Vault

SENDER_PORT = 53317  # LocalSend's default: free in a namespace of our own
BIN = Path(sys.executable).parent


def loopback_with_multicast() -> None:
    """A new network namespace has its loopback down and no multicast route: bring it up, with multicast on it,
    so both sides' LocalSend announcements (224.0.0.167) travel over this loopback and nowhere else."""
    subprocess.run(["ip", "link", "set", "lo", "up", "multicast", "on"], check=True)
    subprocess.run(["ip", "route", "add", "224.0.0.0/4", "dev", "lo", "src", "127.0.0.1"], check=True)


def sender_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        HOME=str(home),
        XDG_STATE_HOME=str(home / "state"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_RUNTIME_DIR=str(home),
        TMPDIR=str(home),
    )
    return env


def start_sender(home: Path, pin: str | None) -> subprocess.Popen[bytes]:
    home.mkdir(parents=True, exist_ok=True)
    command = [str(BIN / "localsendd"), "--port", str(SENDER_PORT), "--socket", str(home / "ctl.sock"),
               "--alias", "Phone of Masha", "--device-type", "mobile", "--download-dir", str(home / "dl"),
               "--encryption", "--no-log-time", "--log-level", "warning"]  # fmt: skip
    if pin:
        command += ["--pin", pin]
    process = subprocess.Popen(command, env=sender_env(home), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(600):
        if (home / "ctl.sock").exists():
            return process
        time.sleep(0.05)
    raise RuntimeError("localsendd did not start")


def sender_knows(home: Path, alias: str) -> bool:
    """Wait until the sender has discovered `alias` (from our multicast announcement or our answer to its own)."""
    for _ in range(400):
        listed = ctl(home, "devices", "--json")
        if listed.returncode == 0 and any(d.get("alias") == alias for d in json.loads(listed.stdout or "[]")):
            return True
        time.sleep(0.05)
    return False


def register_with(receiver: Receiver) -> None:
    """What a receiver does when it hears an announcement (protocol 3.1): POST /register to the announcer."""
    body = {
        "alias": receiver.alias,
        "version": "2.1",
        "deviceModel": "Evidence Locker",
        "deviceType": "desktop",
        "fingerprint": receiver.fingerprint,
        "port": receiver.port,
        "protocol": "https",
        "download": False,
    }
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    request = urllib.request.Request(
        f"https://127.0.0.1:{SENDER_PORT}/api/localsend/v2/register",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, context=context, timeout=30) as response:
        response.read()


def ctl(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [str(BIN / "localsendctl"), "--socket", str(home / "ctl.sock"), *args]
    return subprocess.run(command, env=sender_env(home), capture_output=True, text=True, timeout=900, check=False)


def main() -> int:
    orders: dict[str, Any] = json.load(sys.stdin)
    loopback_with_multicast()
    home = Path(orders["sender_home"])
    events: list[dict[str, Any]] = []
    asked: list[dict[str, Any]] = []
    sender = start_sender(home, None)
    half_reached = threading.Event()

    def accept(incoming: IncomingSession) -> bool:
        asked.append({"alias": incoming.sender.alias, "files": len(incoming.files), "size": incoming.total_size})
        return True

    def report(event: ReceiveEvent) -> None:
        events.append({"kind": str(event.kind), "message": event.message, "item": event.item_id})

    def progress(_name: str, done: int, size: int) -> None:
        if orders["mode"] != "send" and done >= size // 2 and not half_reached.is_set():
            half_reached.set()
            if orders["mode"] == "kill-half":
                os.kill(sender.pid, signal.SIGKILL)
            else:
                threading.Thread(target=ctl, args=(home, "cancel"), daemon=True).start()

    settings = ReceiverSettings(
        # host None: the receiver picks the local-network address itself (here the namespace's loopback, which
        # carries the multicast route).
        alias="Evidence Locker", host=None, port=0, pin=orders.get("pin"), case=orders.get("case"),
        extract_metadata=orders.get("metadata", False), pin_retry_seconds=0, discovery=orders.get("discovery", True),
    )  # fmt: skip
    vault = Vault.open(Path(orders["vault"]), orders["passphrase"])
    runner = SandboxRunner() if orders.get("metadata") else None
    receiver = Receiver(vault, settings, accept, report, runner=runner, progress=progress)
    receiver.start()
    sends = []
    discovered = False
    try:
        if settings.discovery:
            discovered = sender_knows(home, settings.alias)
        else:
            register_with(receiver)
        for pin in orders.get("send_pins", [orders.get("pin")]):
            pin_args = ["--pin", pin] if pin else []
            wait = ["--wait"] if orders["mode"] == "send" else []
            done = ctl(home, "send", *orders["files"], "--to", "Evidence Locker", *pin_args, *wait, "--quiet")
            sends.append({"rc": done.returncode, "out": done.stdout + done.stderr})
        if orders["mode"] != "send":
            half_reached.wait(600)
            finished = {"failed", "cancelled"}
            for _ in range(1200):
                if any(e["kind"] in finished for e in events):
                    break
                time.sleep(0.05)
    finally:
        child_peak = _peak_rss_kib(receiver.child_pid)  # the network child, which read the TLS and HTTP
        receiver.stop()
        if runner is not None:
            runner.close()
        vault.close()
        if sender.poll() is None:
            sender.terminate()
        sender.wait(30)
    outcome = {
        "peak_rss_kib": _peak_rss_kib(),
        "child_peak_rss_kib": child_peak,
        "discovered": discovered,
        "events": events,
        "asked": asked,
        "sends": sends,
        "fingerprint": receiver.fingerprint,
        "stop_reason": receiver.stop_reason,
    }
    json.dump(outcome, sys.stdout)
    return 0


def _peak_rss_kib(pid: int | str = "self") -> int:
    """A process's peak resident size (VmHWM). Not getrusage's ru_maxrss: Linux carries that across exec
    from the process that forked it, so under a large pytest process it reported pytest's size, not ours."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmHWM in /proc/{pid}/status")


if __name__ == "__main__":
    sys.exit(main())
