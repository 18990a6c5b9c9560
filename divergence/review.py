"""Analysts' review decisions on flags, kept in the case file.

A decision is one of ``confirm``, ``dismiss`` or ``reopen``, or a ``note``; each is a row
appended to the store's ``reviews`` table (a log: nothing is overwritten), with the flag's
rule and evidence. A flag's status is its latest decision: ``confirmed``, ``dismissed`` or
``open``; its notes are all notes in order.

Decisions survive re-ingest and re-computation because a flag's id is a hash of its rule and
evidence. When new articles add evidence to a flag, its id changes; the decision then carries
over to the flag of the same rule whose evidence contains all the reviewed evidence, marked
``carried_from`` so the analyst can look again.

Stage contract: :func:`with_reviews` requires a FLAGS frame and a REVIEWS frame and adds the
columns of :data:`REVIEW_COLUMNS`.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import polars as pl

from gapline.errors import InputError
from timeline.schema import FLAGS, require
from timeline.store import connect

__all__ = ["ACTIONS", "REVIEWS", "REVIEW_COLUMNS", "record_review", "load_reviews", "with_reviews", "resolve_flag", "not_dismissed"]

ACTIONS = ("confirm", "dismiss", "reopen", "note")
_STATUS = {"confirm": "confirmed", "dismiss": "dismissed", "reopen": "open"}

REVIEWS: dict[str, pl.DataType] = {
    "seq": pl.Int64,
    "flag_id": pl.String,
    "action": pl.String,
    "note": pl.String,
    "reviewer": pl.String,
    "at": pl.Datetime("us"),
    "rule": pl.String,
    "evidence": pl.List(pl.String),
}

REVIEW_COLUMNS: dict[str, pl.DataType] = {
    "status": pl.String,
    "notes": pl.List(pl.String),
    "reviewed_at": pl.Datetime("us"),
    "carried_from": pl.String,
}

_TABLE = """
CREATE TABLE IF NOT EXISTS reviews (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    flag_id  TEXT NOT NULL,
    action   TEXT NOT NULL,
    note     TEXT NOT NULL DEFAULT '',
    reviewer TEXT NOT NULL DEFAULT '',
    at       TEXT NOT NULL,
    rule     TEXT NOT NULL,
    evidence TEXT NOT NULL
);
"""


def resolve_flag(flags: pl.DataFrame, flag_id: str) -> dict:
    """The flag whose id is ``flag_id`` or starts with it (at least 4 characters, unambiguous)."""
    key = flag_id.strip().lower()
    exact = flags.filter(pl.col("flag_id") == key)
    if exact.height:
        return exact.row(0, named=True)
    if len(key) < 4:
        raise InputError(f"flag id {flag_id!r} is too short; give at least 4 characters of the id 'gapline divergences' shows")
    hits = flags.filter(pl.col("flag_id").str.starts_with(key))
    if hits.height == 0:
        raise InputError(f"no flag {flag_id!r} in this case; 'gapline divergences --all' lists the flag ids")
    if hits.height > 1:
        raise InputError(f"flag id {flag_id!r} is ambiguous ({', '.join(hits['flag_id'])}); give more characters")
    return hits.row(0, named=True)


def record_review(store: str | Path, flag: dict, action: str, *, note: str = "", reviewer: str = "",
                  at: dt.datetime | None = None) -> None:
    """Append one decision or note on ``flag`` (a FLAGS row) to the store, in one transaction."""
    if action not in ACTIONS:
        raise InputError(f"unknown review action {action!r}; use one of {', '.join(ACTIONS)}")
    if action == "note" and not note.strip():
        raise InputError("a note needs text")
    evidence = sorted([*flag["official_ids"], *flag["other_ids"]])
    stamp = (at or dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)).isoformat(timespec="microseconds")
    with connect(store, create=False) as con:
        con.executescript(_TABLE)
        con.execute("BEGIN IMMEDIATE")
        try:
            con.execute(
                "INSERT INTO reviews (flag_id, action, note, reviewer, at, rule, evidence) VALUES (?,?,?,?,?,?,?)",
                (flag["flag_id"], action, note.strip(), reviewer, stamp, flag["rule"], json.dumps(evidence)),
            )
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise


def load_reviews(store: str | Path) -> pl.DataFrame:
    """The review log of a store, oldest first (empty when nothing was reviewed)."""
    with connect(store, create=False) as con:
        con.executescript(_TABLE)
        rows = con.execute("SELECT seq, flag_id, action, note, reviewer, at, rule, evidence FROM reviews ORDER BY seq").fetchall()
    data = [
        dict(zip(REVIEWS, (*r[:5], dt.datetime.fromisoformat(r[5]), r[6], json.loads(r[7])), strict=True)) for r in rows
    ]
    return pl.DataFrame(data, schema=REVIEWS) if data else pl.DataFrame(schema=REVIEWS)


def _summaries(log: pl.DataFrame) -> dict[str, dict]:
    """Per reviewed flag id: status, notes, last time, rule and evidence."""
    out: dict[str, dict] = {}
    for r in log.sort("seq").iter_rows(named=True):
        s = out.setdefault(r["flag_id"], {"status": "open", "notes": [], "at": None, "rule": r["rule"], "evidence": set()})
        if r["action"] in _STATUS:
            s["status"] = _STATUS[r["action"]]
        if r["note"]:
            s["notes"].append(r["note"])
        s["at"] = r["at"]
        s["evidence"] = set(r["evidence"])
    return out


def with_reviews(flags: pl.DataFrame, log: pl.DataFrame) -> pl.DataFrame:
    """Add each flag's review status, notes, time of the last decision and where a decision was carried from.

    Examples
    --------
    >>> flags = pl.DataFrame([{"flag_id": "f1", "kind": "say_vs_do", "rule": "r.v1", "score": 0.9, "explanation": "",
    ...     "matter": "m", "official_ids": ["a"], "other_ids": ["b", "c"]}], schema=FLAGS)
    >>> log = pl.DataFrame([{"seq": 1, "flag_id": "old", "action": "dismiss", "note": "same quote twice", "reviewer": "",
    ...     "at": dt.datetime(2025, 1, 1), "rule": "r.v1", "evidence": ["a", "b"]}], schema=REVIEWS)
    >>> with_reviews(flags, log).select("status", "notes", "carried_from").row(0)
    ('dismissed', ['same quote twice'], 'old')
    """
    require(flags, FLAGS, stage="with_reviews")
    require(log, REVIEWS, stage="with_reviews")
    summaries = _summaries(log)
    rows = []
    for f in flags.select("flag_id", "rule", "official_ids", "other_ids").iter_rows(named=True):
        s, source = summaries.get(f["flag_id"]), None
        if s is None:
            evidence = {*f["official_ids"], *f["other_ids"]}
            earlier = [(k, v) for k, v in summaries.items() if v["rule"] == f["rule"] and v["evidence"] and v["evidence"] <= evidence]
            if earlier:
                source, s = max(earlier, key=lambda kv: kv[1]["at"])
        rows.append(
            {"status": s["status"] if s else "open", "notes": s["notes"] if s else [], "reviewed_at": s["at"] if s else None,
             "carried_from": source}
        )
    extra = pl.DataFrame(rows, schema=REVIEW_COLUMNS) if rows else pl.DataFrame(schema=REVIEW_COLUMNS)
    return pl.concat([flags.drop([c for c in REVIEW_COLUMNS if c in flags.columns]), extra], how="horizontal")


def not_dismissed(flags: pl.DataFrame) -> pl.DataFrame:
    """The flags an analyst has not dismissed (all of them when no review column is there)."""
    return flags.filter(pl.col("status") != "dismissed") if "status" in flags.columns else flags
