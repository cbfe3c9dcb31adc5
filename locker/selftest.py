"""`locker self-test`: the whole chain on files made on the spot, in a temporary folder, step by step.

Meant for a packaged app on a new machine: it proves that SQLCipher, the KDF, the sandboxed parsers (Pillow,
PyAV, pikepdf), the bundle writer and verifier and the face model all load and work there. Nothing of the user's
is touched; the temporary vault is crypto-erased at the end.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from locker.bundle.export import ExportRequest, export_bundle
from locker.bundle.verify import verify_bundle
from locker.crypto.kdf import KdfParams
from locker.errors import LockerError
from locker.ingest.importer import ImportStatus, import_files
from locker.metadata.model import MetadataStatus
from locker.panic.erase import crypto_erase
from locker.sandbox.runner import SandboxRunner
from locker.share.options import ShareOptions
from locker.share.service import share_item
from locker.vault.vault import Vault

# A real Argon2id derivation, small enough to keep the self-test quick on a cheap laptop.
SELF_TEST_KDF = KdfParams(memory_kib=64 * 1024, iterations=1, lanes=1)
PASSPHRASE = "self-test passphrase, not secret"  # noqa: S105 - guards a throwaway vault
LATITUDE, LONGITUDE = 55.7558, 37.6173


class StepFailed(Exception):
    pass


def run_self_test(say: Callable[[str], None]) -> bool:
    """Run every step, printing one line each; True only if all passed."""
    with tempfile.TemporaryDirectory(prefix="locker-self-test-") as tmp:
        return _SelfTest(Path(tmp), say).run()


class _SelfTest:
    def __init__(self, root: Path, say: Callable[[str], None]) -> None:
        self.root = root
        self.say = say
        self.vault: Vault | None = None
        self.ids: dict[str, str] = {}

    def run(self) -> bool:
        steps = [
            ("confine a job in the parser sandbox (probe: read, write, connect, exec, linger)", self.sandbox),
            ("create an encrypted vault", self.create),
            ("make a JPEG with GPS, a PDF and a short video", self.make_samples),
            ("import them and read their metadata in the sandbox", self.import_samples),
            ("lock, then unlock with the passphrase", self.reopen),
            ("export a signed bundle for counsel", self.export),
            ("verify the bundle", self.verify),
            ("make a share copy of the photo (faces covered, metadata removed, re-checked)", self.share),
            ("erase the vault", self.erase),
        ]
        with SandboxRunner() as self.runner:
            for name, step in steps:
                start = time.monotonic()
                try:
                    detail = step()
                except (StepFailed, LockerError, OSError, ValueError) as exc:
                    self.say(f"FAIL  {name}: {exc}")
                    self._cleanup()
                    return False
                suffix = f" ({detail})" if detail else ""
                self.say(f"ok    {name}{suffix} [{time.monotonic() - start:.1f} s]")
        return True

    def _cleanup(self) -> None:
        if self.vault is not None:
            self.vault.close()
            self.vault = None

    def _vault(self) -> Vault:
        if self.vault is None:
            raise StepFailed("no vault is open")
        return self.vault

    def sandbox(self) -> str:
        from locker.sandbox.probe import check_layers, describe_layers, run_sandbox_probe  # noqa: PLC0415

        layers, _checks = check_layers(self.runner)
        for line in describe_layers(layers):
            self.say(f"      sandbox layer {line}")
        canary = self.root / "canary.txt"
        canary.write_text("self-test canary\n", encoding="utf-8")
        attempts = [("read", str(canary)), ("write", str(self.root)), ("connect", "127.0.0.1:9"), ("linger", "")]
        if Path("/bin/true").exists():
            attempts.append(("exec", "/bin/true"))
        report = run_sandbox_probe(self.runner, attempts)
        allowed = [attempt.line() for attempt in report.attempts if not attempt.blocked]
        if report.error or allowed or report.leftovers:
            raise StepFailed("; ".join(allowed) or report.error or f"processes left: {list(report.leftovers)}")
        active = [layer.name for layer in layers if layer.active]
        return f"{len(report.attempts)} attempts blocked; layers on: {', '.join(active) or 'none'}"

    def create(self) -> str:
        self.vault = Vault.create(self.root / "self-test.locker", PASSPHRASE, SELF_TEST_KDF)
        return f"fingerprint {self.vault.fingerprint()}"

    def make_samples(self) -> str:
        from PIL import Image, ImageDraw  # noqa: PLC0415 - the app process otherwise never loads Pillow

        photo = Image.new("RGB", (640, 480), (30, 90, 160))
        ImageDraw.Draw(photo).rectangle((80, 80, 300, 260), fill=(230, 200, 40))
        exif = Image.Exif()
        exif[0x010F], exif[0x0110] = "SelfTest", "Camera 1"
        exif.get_ifd(0x8769)[0x9003] = "2026:01:02 03:04:05"
        gps = exif.get_ifd(0x8825)
        gps[1], gps[2] = "N", (55.0, 45.0, 20.88)
        gps[3], gps[4] = "E", (37.0, 37.0, 2.28)
        photo.save(self.root / "photo.jpg", "JPEG", exif=exif.tobytes())
        self._pdf(self.root / "fine.pdf")
        self._video(self.root / "clip.mp4")
        return "3 files"

    @staticmethod
    def _pdf(path: Path) -> None:
        import pikepdf  # noqa: PLC0415

        with pikepdf.new() as pdf:
            pdf.add_blank_page(page_size=(595, 842))
            pdf.docinfo["/Author"] = "Self Test Clerk"
            pdf.save(path)

    @staticmethod
    def _video(path: Path) -> None:
        import numpy as np  # noqa: PLC0415

        from locker.share.media import write_h264  # noqa: PLC0415

        write_h264(path, (np.full((120, 160, 3), index * 20, np.uint8) for index in range(10)), rate=10)

    def import_samples(self) -> str:
        paths = [self.root / name for name in ("photo.jpg", "fine.pdf", "clip.mp4")]
        outcomes = import_files(self._vault(), paths, runner=self.runner)
        for path, outcome in zip(paths, outcomes, strict=True):
            if outcome.status is not ImportStatus.IMPORTED or outcome.item_id is None:
                raise StepFailed(f"{path.name}: {outcome.status} {outcome.message}")
            if outcome.metadata is None or outcome.metadata.status is not MetadataStatus.OK:
                reason = outcome.metadata.describe_status() if outcome.metadata else "not read"
                raise StepFailed(f"{path.name}: {reason}")
            self.ids[path.name] = outcome.item_id
        summary = outcomes[0].metadata.summary if outcomes[0].metadata else None
        if summary is None or summary.gps_latitude is None or abs(summary.gps_latitude - LATITUDE) > 0.001:
            raise StepFailed("the photo's GPS position was not recorded")
        if outcomes[2].metadata is None or not outcomes[2].metadata.summary.duration_seconds:
            raise StepFailed("the video's duration was not recorded")
        return "GPS, PDF author and video duration recorded"

    def reopen(self) -> str:
        root = self._vault().paths.root
        self._cleanup()
        self.vault = Vault.open(root, PASSPHRASE)
        return ""

    def export(self) -> str:
        result = export_bundle(self._vault(), self.root / "bundle", ExportRequest(item_ids=tuple(self.ids.values())))
        return f"bundle {result.bundle_id}"

    def verify(self) -> str:
        checks = verify_bundle(self.root / "bundle", expected_fingerprint=self._vault().fingerprint()).checks
        failed = [c for c in checks if not c.ok]
        if failed:
            raise StepFailed("; ".join(f"{c.name}: {c.detail}" for c in failed))
        return f"{len(checks)} checks passed"

    def share(self) -> str:
        out = self.root / "shared"
        out.mkdir()
        result = share_item(self._vault(), self.ids["photo.jpg"], out, ShareOptions(faces="auto"), self.runner)
        if not result.ok or result.path is None:
            raise StepFailed(f"{result.error} {'; '.join(result.findings)}")
        data = result.path.read_bytes()
        if b"SelfTest" in data or b"Exif" in data:
            raise StepFailed("the share copy still carries EXIF")
        return f"{len(data)} bytes"

    def erase(self) -> str:
        root = self._vault().paths.root
        self._cleanup()
        report = crypto_erase(root)
        try:
            Vault.open(root, PASSPHRASE)
        except LockerError:
            return f"header destroyed in {1000 * (report.header_seconds or 0):.1f} ms; it no longer opens"
        raise StepFailed("the erased vault still opens")
