"""Opening the SQLCipher database with a raw key and the settings that keep plaintext off the disk."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2 as sqlcipher

from locker.crypto.header import DATABASE_PAGE_SIZES, FORMAT_VERSION
from locker.crypto.secret import SecretKey, wipe_buffer
from locker.errors import (
    DatabaseDamaged,
    DatabaseReadOnly,
    DatabaseUndecryptable,
    DatabaseUnencrypted,
    DatabaseWrongLength,
    DiskFullWhileSaving,
)

PLAINTEXT_SQLITE_MAGIC = b"SQLite format 3\x00"

#: The page size of vault.db in the format new vaults get (older vaults: their header's format says).
CURRENT_PAGE_SIZE = DATABASE_PAGE_SIZES[FORMAT_VERSION]

Connection = Any  # sqlcipher3 ships no type information
DatabaseError = sqlcipher.DatabaseError

# Each setting here is a security decision; see DESIGN.md "SQLCipher settings that matter".
_PRAGMAS = (
    # With FILE, a large sort spills plaintext rows into etilqs_* files in the system temp folder.
    "PRAGMA temp_store = MEMORY",
    # Freed pages (deleted notes, rolled-back imports) are zeroed before reuse.
    "PRAGMA secure_delete = ON",
    "PRAGMA foreign_keys = ON",
    # A rollback journal, not WAL: a 1 GiB import is written once instead of twice, and a crash leaves a hot
    # journal (encrypted like the pages) that the next open rolls back.
    "PRAGMA journal_mode = DELETE",
    "PRAGMA synchronous = FULL",
)


def refuse_plaintext_database(path: Path) -> None:
    """A vault.db that is a plain SQLite file was put there by someone else: never read or write it."""
    try:
        with open(path, "rb") as fh:
            start = fh.read(len(PLAINTEXT_SQLITE_MAGIC))
    except FileNotFoundError:
        return
    if start == PLAINTEXT_SQLITE_MAGIC:
        raise DatabaseUnencrypted()


def connect(path: Path, key: SecretKey, page_size: int = CURRENT_PAGE_SIZE) -> Connection:
    """Open (or create) the database keyed with `key` and apply the security settings.

    The key is passed as a raw `x'..'` blob in a bytearray that is wiped right after use, so SQLCipher runs no
    KDF of its own and no `str` copy of the key is made. `page_size` must be the one the file was written with
    (the key header's format says which): SQLCipher cannot read it from the encrypted file, and any other value
    fails to decrypt page 1.
    """
    refuse_plaintext_database(path)
    conn = sqlcipher.connect(str(path), isolation_level=None, check_same_thread=False)
    raw = key.sqlcipher_raw_key()
    try:
        # SQLCipher otherwise logs decryption failures to stderr, which looks like a crash to the user.
        conn.execute("PRAGMA cipher_log_level = NONE")
        # SQLCipher zeroes every block it frees (page cache, decrypted rows) only with this on; since 4.5 it is off
        # by default. Without it, item text and notes stay readable in freed memory after Lock.
        conn.execute("PRAGMA cipher_memory_security = ON")
        conn.set_key(raw)
        # An int from the header's format table, never user text; PRAGMA takes no bound parameters.
        conn.execute(f"PRAGMA cipher_page_size = {int(page_size):d}")
    finally:
        wipe_buffer(raw)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        for pragma in _PRAGMAS:
            conn.execute(pragma)
    except DatabaseError as exc:
        conn.close()
        raise DatabaseUndecryptable() from exc
    check_page_count(conn, path)
    return conn


def check_page_count(conn: Connection, path: Path) -> None:
    """The page count recorded in encrypted page 1 must match the file's size: catches truncation."""
    page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
    pages = int(conn.execute("PRAGMA page_count").fetchone()[0])
    actual = path.stat().st_size
    if actual != page_size * pages:
        raise DatabaseWrongLength(actual=actual, pages=pages, page_bytes=page_size)


@contextlib.contextmanager
def transaction(conn: Connection) -> Iterator[Connection]:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception, including KeyboardInterrupt."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        # SQLite may have rolled back by itself (a full disk does that): then ROLLBACK fails with "no transaction
        # is active", and that error must not hide the real cause.
        if conn.in_transaction:
            with contextlib.suppress(DatabaseError):
                conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    except DatabaseError:
        if conn.in_transaction:
            with contextlib.suppress(DatabaseError):
                conn.execute("ROLLBACK")
        raise


@contextlib.contextmanager
def tamper_errors() -> Iterator[None]:
    """Report a SQLCipher decryption or corruption error as tampering, in words the user can act on."""
    try:
        yield
    except DatabaseError as exc:
        text = str(exc).lower()
        if "not a database" in text or "malformed" in text or "corrupt" in text:
            raise DatabaseDamaged(details=str(exc)) from exc
        if "disk is full" in text or "database or disk is full" in text:
            raise DiskFullWhileSaving() from exc
        if "readonly" in text:
            # SQLCipher also turns a database read-only after it met a page that failed authentication.
            raise DatabaseReadOnly() from exc
        raise
