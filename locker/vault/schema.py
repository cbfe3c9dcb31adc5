"""Schema and migrations. `PRAGMA user_version` is the schema version; each migration moves it up by one."""

from __future__ import annotations

from locker.errors import SchemaTooNew
from locker.vault.db import Connection

_MIGRATIONS: tuple[str, ...] = (
    # 1: the first schema.
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE identity (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        public_key BLOB NOT NULL,
        wrapped_private BLOB NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE TABLE cases (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        court TEXT NOT NULL DEFAULT '',
        case_number TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
    );
    CREATE TABLE items (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL UNIQUE,
        sha512 TEXT NOT NULL,
        chunk_count INTEGER NOT NULL,
        media_type TEXT NOT NULL,
        source_mtime TEXT,
        source_birthtime TEXT,
        imported_at TEXT NOT NULL,
        case_id INTEGER REFERENCES cases(id),
        notes TEXT NOT NULL DEFAULT '',
        metadata_json TEXT,
        raw_metadata_json TEXT,
        thumbnail BLOB
    );
    CREATE TABLE chunks (
        id INTEGER PRIMARY KEY,
        item_id TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
        seq INTEGER NOT NULL,
        sha256 BLOB NOT NULL,
        data BLOB NOT NULL,
        UNIQUE (item_id, seq)
    );
    CREATE TABLE tags (
        item_id TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        tag TEXT NOT NULL,
        PRIMARY KEY (item_id, tag)
    );
    CREATE TABLE custody (
        seq INTEGER PRIMARY KEY,
        line TEXT NOT NULL,
        sha256 TEXT NOT NULL
    );
    """,
    # 2: items stored as sanitised copies (import --strip) say what they were made from and what was removed.
    """
    ALTER TABLE items ADD COLUMN sanitised_json TEXT
    """,
    # 3: a case's dates (hearing, fine issued, appeal deadline: free text, as people write them).
    """
    ALTER TABLE cases ADD COLUMN dates TEXT NOT NULL DEFAULT ''
    """,
)

SCHEMA_VERSION = len(_MIGRATIONS)


def migrate(conn: Connection) -> None:
    """Bring the schema to SCHEMA_VERSION; refuse a database from a newer version."""
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    if current > SCHEMA_VERSION:
        raise SchemaTooNew(version=current)
    for version in range(current, SCHEMA_VERSION):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _MIGRATIONS[version].split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
