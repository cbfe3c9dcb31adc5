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
    """Qt's version as loaded, when the process already has Qt (the desktop app); otherwise the installed PySide6
    package's version from its metadata, without loading Qt (PySide6 wheels carry the Qt of the same version):
    `locker --version` never uses Qt, and importing it would cost most of that command's start-up."""
    # Looked up by name so that the core never imports Qt at module level and still works without it.
    loaded = sys.modules.get("PySide6.QtCore")
    if loaded is not None:
        return f"{loaded.qVersion()} (PySide6 {importlib.import_module('PySide6').__version__})"
    try:
        if importlib.util.find_spec("PySide6") is None:
            return "not installed"
    except ImportError:  # blocked or broken: as good as absent for us
        return "not installed"
    for distribution in ("PySide6", "PySide6-Essentials"):
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            return f"PySide6 {importlib.metadata.version(distribution)}"
    # A frozen app carries no package metadata: only Qt itself can tell.
    qtcore = importlib.import_module("PySide6.QtCore")
    return f"{qtcore.qVersion()} (PySide6 {importlib.import_module('PySide6').__version__})"
