"""Versions of the components a court expert may ask about."""

from __future__ import annotations

import importlib

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
    # Looked up by name so that the core never imports Qt at module level and still works without it.
    try:
        qtcore = importlib.import_module("PySide6.QtCore")
    except ImportError:
        return "not installed"
    return f"{qtcore.qVersion()} (PySide6 {importlib.import_module('PySide6').__version__})"
