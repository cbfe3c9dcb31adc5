"""A real RFC 3161 timestamp authority on 127.0.0.1 for tests: `openssl ts -reply` behind a tiny HTTP server,
with a throwaway CA made by openssl at test time."""

from __future__ import annotations

import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

_CONFIG = """
[ tsa ]
default_tsa = tsa_config1
[ tsa_config1 ]
serial = {serial}
crypto_device = builtin
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
"""


@dataclass(frozen=True)
class LocalTsa:
    url: str
    ca_pem: Path
    tsa_pem: Path


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


def _make_ca(folder: Path) -> None:
    _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
             "-subj", "/CN=Throwaway Test Root", cwd=folder)  # fmt: skip
    (folder / "tsa.ext").write_text("extendedKeyUsage = critical,timeStamping\nbasicConstraints = CA:FALSE\n")
    _openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "tsa.key", "-out", "tsa.csr",
             "-subj", "/CN=Throwaway Test TSA", cwd=folder)  # fmt: skip
    _openssl("x509", "-req", "-in", "tsa.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
             "-out", "tsa.pem", "-days", "2", "-extfile", "tsa.ext", cwd=folder)  # fmt: skip
    (folder / "serial").write_text("01\n")
    (folder / "tsa.cnf").write_text(_CONFIG.format(serial=folder / "serial"))


@contextmanager
def local_tsa(broken: bool = False) -> Iterator[LocalTsa]:
    """Yields a running TSA; with `broken`, it answers every request with HTTP 500."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _make_ca(folder)
        lock = threading.Lock()

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if broken:
                    self.send_error(500)
                    return
                with lock, tempfile.TemporaryDirectory(dir=folder) as work:
                    query, reply = Path(work) / "q.tsq", Path(work) / "r.tsr"
                    query.write_bytes(body)
                    subprocess.run(
                        ["openssl", "ts", "-reply", "-config", str(folder / "tsa.cnf"), "-queryfile", str(query),
                         "-signer", str(folder / "tsa.pem"), "-inkey", str(folder / "tsa.key"), "-out", str(reply)],
                        check=True, capture_output=True,
                    )  # fmt: skip
                    data = reply.read_bytes()
                self.send_response(200)
                self.send_header("Content-Type", "application/timestamp-reply")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield LocalTsa(f"http://127.0.0.1:{server.server_address[1]}/tsa", folder / "ca.pem", folder / "tsa.pem")
        finally:
            server.shutdown()
            server.server_close()
