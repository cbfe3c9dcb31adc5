"""Verifying a bundle in a separate process, so the app that holds the vault key never parses one.

A bundle is a stranger's zip, 7z, age file, ASN.1 tokens and JSON. The app runs `verify_bundle` in a child started
afresh (no key in its memory), with a clean environment, no core dumps, not dumpable, an address-space limit and,
where the kernel has Landlock, no right to write, create or remove any file, to open TCP connections or to signal
other processes. The request (paths, the fingerprint, the 7z password, confirmed senders, extra roots) goes in on
stdin as JSON; the verification comes back on stdout as the same JSON `locker verify --json` prints.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import selectors
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.serialization import Encoding

from locker.bundle.checks import CHECK_NAMES, TIMESTAMP_CHECK, Check, Timestamp
from locker.bundle.errors import VerifierFailed, VerifierTooMuchOutput, VerifyStopped, VerifyTimedOut
from locker.bundle.tsa_trust import TrustedRoot
from locker.bundle.verify import Verification, confirmation
from locker.errors import LockerError, UsageError, error_from_json, error_to_json
from locker.textsafe import printable

#: Enough for zipfile, py7zr and the hashes; a bundle crafted to exhaust memory fails instead of the machine.
ADDRESS_SPACE = 2 << 30
MAX_ANSWER = 16 << 20


#: A signing key's fingerprint as `locker.crypto.identity.fingerprint` writes it.
_FINGERPRINT = re.compile(r"SHA256:[A-Za-z0-9+/]{43}")


def verification_from_json(
    untrusted: dict[str, Any], fingerprint: str | None, known_senders: Mapping[str, str]
) -> Verification:
    """The Verification the child's answer describes, checked as far as the app can without the bundle: every
    check's name is one the verifier has, the signer is a fingerprint, and who confirmed it is worked out here from
    the fingerprint and the senders the app gave (the child's own claim is ignored). VerifierFailed when the answer
    is not one the verifier writes."""
    try:
        checks = tuple(
            Check(
                _check_name(c["name"]),
                c["ok"] is True,
                str(c["detail"]),
                not_recorded=c.get("status") == "not recorded",
                untrusted=c.get("status") == "untrusted time",
            )
            for c in untrusted["checks"]
        )
        signer = untrusted["signer"]["fingerprint"] if untrusted.get("signer") else None
        if signer is not None and not (isinstance(signer, str) and _FINGERPRINT.fullmatch(signer)):
            raise ValueError("the signer is not a fingerprint")
        stamps = tuple(
            Timestamp(
                printable(str(t["folder"])),
                printable(str(t["time"])) if t.get("time") is not None else None,
                str(t["tsa"]) if t.get("tsa") is not None else None,
                t.get("trusted") is True,
            )
            for t in untrusted.get("timestamps", [])
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise VerifierFailed(details=f"its answer is malformed ({printable(str(exc))[:200]})") from None
    if not checks:
        raise VerifierFailed(details="its answer has no checks")
    return Verification(checks, signer, confirmation(signer, fingerprint, known_senders), stamps)


def _check_name(untrusted: object) -> str:
    """A check's name, if it is one the verifier gives (a timestamp's names its folder); ValueError otherwise."""
    name = str(untrusted)
    prefix = TIMESTAMP_CHECK.split("{", 1)[0]
    if name in CHECK_NAMES or (name.startswith(prefix) and printable(name) == name and len(name) < 300):
        return name
    raise ValueError(f"no check is called {name[:80]!r}")


def _from_the_verifier(cls: type[LockerError]) -> bool:
    """The errors verify_bundle lets out: the person verifying made a mistake (no bundle there, no age key...).
    Everything a bundle itself does becomes a failed check, never an error, so no other class can come back."""
    return issubclass(cls, UsageError) and cls.__module__.startswith("locker.bundle.")


def child_command() -> list[str]:
    from locker.sandbox.entry import sandbox_command  # noqa: PLC0415 - keeps this module light for the child

    return sandbox_command("verifier")


def verify_in_child(
    bundle: Path,
    fingerprint: str | None = None,
    age_identity: Path | None = None,
    password: str | None = None,
    known_senders: Mapping[str, str] | None = None,
    extra_roots: tuple[TrustedRoot, ...] = (),
    timeout: float | None = None,
    cancel: threading.Event | None = None,
) -> Verification:
    """Verify in a fresh, confined process; LockerError with the child's one-line reason if it could not.
    Setting `cancel` (the dialog's Stop button) or passing `timeout` kills the child and raises Interrupted."""
    request = {
        "bundle": os.fsdecode(bundle.absolute()),
        "fingerprint": fingerprint,
        "age_identity": os.fsdecode(age_identity.absolute()) if age_identity else None,
        "password": password,
        "known": dict(known_senders or {}),
        "roots": [
            {"name": r.name, "source": r.source, "pem": r.certificate.public_bytes(Encoding.PEM).decode("ascii")}
            for r in extra_roots
        ],
    }
    from locker.sandbox.confine import clean_environment  # noqa: PLC0415

    payload = json.dumps(request).encode("utf-8")
    returncode, stdout, stderr = _run_child(payload, clean_environment(dict(os.environ)), timeout, cancel)
    try:
        data = json.loads(stdout)
    except ValueError:
        data = None
    if not isinstance(data, dict):
        reason = stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"exit {returncode}"]
        raise VerifierFailed(details=reason[0][:300])
    if "error" in data:
        raise error_from_json(data["error"], allowed=_from_the_verifier)
    return verification_from_json(data, fingerprint, known_senders or {})


def _run_child(
    payload: bytes, env: dict[str, str], timeout: float | None, cancel: threading.Event | None
) -> tuple[int, bytes, bytes]:
    """Run the child with `payload` on stdin; its exit code, stdout and stderr. The answer is read with a cap (a
    child taken over by a hostile bundle must not fill the app's memory), and the child with anything it started is
    killed when it is cancelled, too slow, or too talkative."""
    process = subprocess.Popen(
        child_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
        start_new_session=True,
    )  # fmt: skip
    assert process.stdin is not None and process.stdout is not None and process.stderr is not None
    deadline = None if timeout is None else time.monotonic() + timeout
    out, err = bytearray(), bytearray()
    buffers = {process.stdout.fileno(): out, process.stderr.fileno(): err}
    try:
        with contextlib.suppress(BrokenPipeError):
            process.stdin.write(payload)
            process.stdin.close()
        with selectors.DefaultSelector() as selector:
            for stream in (process.stdout, process.stderr):
                selector.register(stream, selectors.EVENT_READ)
            while selector.get_map():
                if cancel is not None and cancel.is_set():
                    raise VerifyStopped()
                if deadline is not None and time.monotonic() > deadline:
                    raise VerifyTimedOut()
                for key, _events in selector.select(timeout=0.2):
                    data = os.read(key.fd, 1 << 16)
                    if not data:
                        selector.unregister(key.fileobj)
                        continue
                    buffers[key.fd] += data
                    if len(buffers[key.fd]) > MAX_ANSWER:
                        raise VerifierTooMuchOutput()
        returncode = process.wait()
    finally:
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        for stream in (process.stdout, process.stderr):
            stream.close()
    return returncode, bytes(out), bytes(err)


def confine() -> list[str]:
    """Limit this process before it reads the bundle; the names of the layers in force."""
    import resource  # noqa: PLC0415

    from locker.sandbox.confine import confine_read_only  # noqa: PLC0415

    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))
    return ["address space", *(layer.name for layer in confine_read_only() if layer.active)]


def main() -> None:
    """The child: read the request, confine, verify, answer. Imports everything it needs before confining."""
    import py7zr  # noqa: F401, PLC0415 - loaded before Landlock, like everything verify may need
    import pyrage  # noqa: F401, PLC0415

    from locker.bundle.tsa_trust import TrustStore, curated_roots  # noqa: PLC0415
    from locker.bundle.verify import verify_bundle  # noqa: PLC0415

    request = json.loads(sys.stdin.buffer.read(1 << 20))
    from cryptography import x509  # noqa: PLC0415

    extra = [
        TrustedRoot(str(r["name"]), x509.load_pem_x509_certificate(str(r["pem"]).encode("ascii")), str(r["source"]))
        for r in request.get("roots", [])
    ]
    trust = TrustStore((*curated_roots(), *extra))
    confine()
    try:
        result = verify_bundle(
            Path(request["bundle"]),
            request.get("fingerprint"),
            Path(request["age_identity"]) if request.get("age_identity") else None,
            request.get("password"),
            known_senders=request.get("known") or {},
            tsa_trust=trust,
        )
    except LockerError as exc:
        sys.stdout.write(json.dumps({"error": error_to_json(exc)}))
        return
    sys.stdout.write(json.dumps(result.to_json()))


if __name__ == "__main__":
    main()
