"""Versions of the components a court expert may ask about."""

from __future__ import annotations

import contextlib
import importlib
import importlib.metadata
import importlib.util
import sys

from cryptography.hazmat.backends.openssl.backend import backend as openssl_backend
from sqlcipher3 import dbapi2 as sqlcipher


def component_versions() -> dict[str, str]:
    """SQLCipher, its OpenSSL, the OpenSSL of `cryptography`, SQLite and Qt (if PySide6 is installed)."""
    conn = sqlcipher.connect(":memory:")
    try:
        key = bytearray(b"x'" + b"0" * 64 + b"'")  # a throwaway key: the provider is reported only once keyed
        conn.set_key(key)
        cipher = conn.execute("PRAGMA cipher_version").fetchone()[0]
        provider_row = conn.execute("PRAGMA cipher_provider_version").fetchone()
        sqlite = conn.execute("SELECT sqlite_version()").fetchone()[0]
    finally:
        conn.close()
    versions = {
        "SQLCipher": f"{cipher} (SQLite {sqlite})",
        "SQLCipher OpenSSL": provider_row[0] if provider_row else "unknown",
        "cryptography OpenSSL": openssl_backend.openssl_version_text(),
        "Qt": _qt_version(),
    }
    return versions


def _qt_version() -> str:
    """The installed PySide6's version (its wheels carry the Qt of the same version), from its package metadata:
    `locker --version` never uses Qt, and loading it would cost most of that command's start-up. The line is the same
    whether or not the process has loaded Qt (the desktop app has; a frozen app may have), so the outputs of the source
    tree and of a build compare."""
    # Looked up by name so that the core never imports Qt at module level and still works without it.
    try:
        if importlib.util.find_spec("PySide6") is None:
            return "not installed"
    except ImportError:  # blocked or broken: as good as absent for us
        return "not installed"
    loaded = sys.modules.get("PySide6")
    if loaded is not None:
        return f"PySide6 {loaded.__version__}"
    for distribution in ("PySide6", "PySide6-Essentials"):
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            return f"PySide6 {importlib.metadata.version(distribution)}"
    # No package metadata: the package itself, not Qt, tells its version (if it is more than a folder of libraries).
    version = getattr(importlib.import_module("PySide6"), "__version__", None)
    return f"PySide6 {version}" if version else "PySide6, version unknown"
