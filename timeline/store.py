"""The case file: an embedded SQLite database (WAL) holding the documents of a case.

Everything else (events, timelines, flags) is derived from the documents each time, so a
better extractor improves old cases without migration. Analysts' review decisions live in
the same file (see :mod:`divergence.review`).

Writes happen in one transaction per batch: a failure part-way leaves the store as it was.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing, contextmanager
from pathlib import Path
from typing import NamedTuple

import polars as pl

from gapline.errors import InputError
from timeline.schema import DOCUMENTS, require

__all__ = ["IngestResult", "connect", "add_documents", "load_documents"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_id    TEXT PRIMARY KEY,
    path      TEXT NOT NULL,
    title     TEXT NOT NULL DEFAULT '',
    outlet    TEXT NOT NULL DEFAULT '',
    url       TEXT NOT NULL DEFAULT '',
    published TEXT,
    body      TEXT NOT NULL,
    seq       INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
_VERSION = "1"


class IngestResult(NamedTuple):
    added: int
    already: int
    total: int


@contextmanager
def connect(path: str | Path, *, create: bool = True):
    """Open (and, with ``create``, initialise) the store at ``path``; yields a connection."""
    p = Path(path)
    if not create and not p.exists():
        raise InputError(f"{p}: no such store; create it with 'gapline ingest --store {p} ARTICLES...'")
    if p.exists() and p.is_dir():
        raise InputError(f"{p}: is a folder, not a store file")
    try:
        con = sqlite3.connect(p, isolation_level=None)
    except sqlite3.Error as exc:
        raise InputError(f"{p}: cannot open the store ({exc})") from None
    with closing(con):
        try:
            con.execute("PRAGMA journal_mode=WAL")
            con.executescript(_SCHEMA)
            row = con.execute("SELECT value FROM meta WHERE key='version'").fetchone()
            if row is None:
                con.execute("INSERT INTO meta VALUES ('version', ?)", (_VERSION,))
            elif row[0] != _VERSION:
                raise InputError(f"{p}: store version {row[0]} is not supported (this gapline reads {_VERSION})")
        except sqlite3.DatabaseError as exc:
            raise InputError(f"{p}: is not a gapline store ({exc}); choose another --store") from None
        yield con


def add_documents(path: str | Path, documents: pl.DataFrame) -> IngestResult:
    """Add documents to the store in one transaction; a body already stored is not added again."""
    require(documents, DOCUMENTS, stage="store.add_documents")
    with connect(path) as con:
        try:
            con.execute("BEGIN IMMEDIATE")
            seq = con.execute("SELECT COALESCE(MAX(seq), 0) FROM documents").fetchone()[0]
            added = 0
            for row in documents.iter_rows(named=True):
                published = row["published"].isoformat() if row["published"] else None
                cur = con.execute(
                    "INSERT OR IGNORE INTO documents VALUES (?,?,?,?,?,?,?,?)",
                    (row["doc_id"], row["path"], row["title"], row["outlet"], row["url"], published, row["body"], seq + added + 1),
                )
                added += cur.rowcount
            total = con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
            con.execute("COMMIT")
        except BaseException:
            if con.in_transaction:
                con.execute("ROLLBACK")
            raise
    return IngestResult(added, documents.height - added, total)


def load_documents(path: str | Path) -> pl.DataFrame:
    """All documents of the store, in the order they were added."""
    with connect(path, create=False) as con:
        rows = con.execute(
            "SELECT doc_id, path, title, outlet, url, published, body FROM documents ORDER BY seq"
        ).fetchall()
    data = [
        dict(zip(DOCUMENTS, (*r[:5], dt.date.fromisoformat(r[5]) if r[5] else None, r[6]), strict=True)) for r in rows
    ]
    return pl.DataFrame(data, schema=DOCUMENTS) if data else pl.DataFrame(schema=DOCUMENTS)
