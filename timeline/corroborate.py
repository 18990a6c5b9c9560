"""The same deed reported by several outlets is one underlying event with several mentions.

Stage contract: :func:`corroborate` requires the EVENTS columns (see :mod:`timeline.schema`)
other than the two it produces, and returns the frame with

- ``underlying_id`` (str): the smallest event id among the mentions of one underlying event
  (an event reported once is its own underlying event, so this is its ``event_id``);
- ``sources`` (int32): how many independent sources report it: distinct outlets among its
  mentions, an article without an outlet counting as its own source.

Two mentions are of one underlying event when they are

- actions of the same action class, or statements with the same quoted words (one quote
  containing the other, at least :data:`MIN_QUOTE_WORDS` words);
- by the same actor, or by an actor and what it belongs to ("Russian troops" and "Russia",
  which acts through its government; a militia and the forces it is part of);
- at a compatible place (the same, or one of them names none);
- in overlapping date intervals (an undated mention has no interval and stays alone).

Grouping is complete-link: every two mentions of a group are compatible, so two sibling actors
(an army and a militia of the same state) never join through a third mention.
Recomputing on a frame that already has the two columns replaces them.
"""

from __future__ import annotations

import re

import polars as pl

from timeline.schema import EVENTS, require

__all__ = ["CORROBORATION", "MIN_QUOTE_WORDS", "corroborate", "source_key"]

CORROBORATION: dict[str, pl.DataType] = {"underlying_id": pl.String, "sources": pl.Int32}
MIN_QUOTE_WORDS = 3
_REQUIRES = {k: v for k, v in EVENTS.items() if k not in CORROBORATION}
_NEEDED = ("event_id", "doc_id", "outlet", "kind", "actor_id", "country", "chain", "action_class", "place", "quote",
           "date_start", "date_end")


def source_key() -> pl.Expr:
    """An event's source: its outlet (case and spacing folded), else its document.

    Examples
    --------
    >>> ev = pl.DataFrame({"outlet": ["Desert Wire ", "desert wire", "", None], "doc_id": ["d1", "d2", "d3", "d4"]})
    >>> ev.select(source_key()).to_series().to_list()
    ['outlet:desert wire', 'outlet:desert wire', 'doc:d3', 'doc:d4']
    """
    outlet = pl.col("outlet").fill_null("").str.strip_chars().str.to_lowercase().str.replace_all(r"\s+", " ")
    return pl.when(outlet != "").then(pl.lit("outlet:") + outlet).otherwise(pl.lit("doc:") + pl.col("doc_id")).alias("source")


def _words(quote: str | None) -> str | None:
    if not quote:
        return None
    words = re.findall(r"\w+", quote.lower())
    return " ".join(words) if len(words) >= MIN_QUOTE_WORDS else None


def _who(e: dict) -> str:
    """A state's government stands for the state."""
    return e["country"] if e["country"] and e["actor_id"] == f"{e['country']}_gov" else e["actor_id"]


def _related(a: dict, b: dict) -> bool:
    if a["actor_id"] == b["actor_id"]:
        return True
    return _who(a) in (b["chain"] or [b["actor_id"]]) or _who(b) in (a["chain"] or [a["actor_id"]])


def _compatible(a: dict, b: dict) -> bool:
    if not _related(a, b):
        return False
    if a["place"] and b["place"] and a["place"].lower() != b["place"].lower():
        return False
    if not (a["date_start"] <= (b["date_end"] or b["date_start"]) and b["date_start"] <= (a["date_end"] or a["date_start"])):
        return False
    if a["kind"] == "statement":
        qa, qb = a["words"], b["words"]
        return qa in qb or qb in qa
    return True


def _group(e: dict) -> tuple | None:
    """Mentions that may be of one event share this key (related actors share the root of their
    chain); ``None`` for one that stands alone."""
    if e["date_start"] is None:
        return None
    root = (e["chain"] or [e["actor_id"]])[-1]
    if e["kind"] == "action" and e["action_class"]:
        return ("action", e["action_class"], root)
    if e["kind"] == "statement" and e["words"]:
        return ("statement", root)
    return None


def corroborate(events: pl.DataFrame) -> pl.DataFrame:
    """``events`` with ``underlying_id`` and ``sources``: mentions of one deed or quote grouped.

    Examples
    --------
    >>> import datetime as dt
    >>> from timeline.schema import empty
    >>> day = dt.date(2025, 3, 10)
    >>> rows = pl.DataFrame({"event_id": ["e2", "e1"], "doc_id": ["d2", "d1"], "outlet": ["Desert Wire", "Harbour Gazette"],
    ...     "kind": ["action", "action"], "actor_id": ["x", "x"], "chain": [["x"], ["x"]], "country": ["", ""],
    ...     "action_class": ["MOBILIZE", "MOBILIZE"], "place": ["Mali", None], "date_start": [day, day], "date_end": [day, day]})
    >>> ev = pl.concat([empty(EVENTS), rows], how="diagonal_relaxed")
    >>> corroborate(ev).select("event_id", "underlying_id", "sources").rows()
    [('e2', 'e1', 2), ('e1', 'e1', 2)]
    """
    require(events, _REQUIRES, stage="corroborate")
    base = events.drop([c for c in CORROBORATION if c in events.columns])
    rows = base.select(*_NEEDED, source_key()).to_dicts()
    groups: dict[tuple, list[dict]] = {}
    for e in rows:
        e["words"] = _words(e["quote"])
        key = _group(e)
        if key is not None:
            groups.setdefault(key, []).append(e)
    underlying: dict[str, str] = {}
    sources: dict[str, int] = {}
    for members in groups.values():
        clusters: list[list[dict]] = []
        open_: list[list[dict]] = []
        for e in sorted(members, key=lambda e: (e["date_start"], e["date_end"] or e["date_start"], e["event_id"])):
            # mentions come in order of start: a group with a member that ended before this one
            # starts can take no later mention either
            open_ = [c for c in open_ if min(m["date_end"] or m["date_start"] for m in c) >= e["date_start"]]
            home = next((c for c in open_ if all(_compatible(e, m) for m in c)), None)
            if home is None:
                clusters.append([e])
                open_.append(clusters[-1])
            else:
                home.append(e)
        for c in clusters:
            uid = min(m["event_id"] for m in c)
            n = len({m["source"] for m in c})
            for m in c:
                underlying[m["event_id"]], sources[m["event_id"]] = uid, n
    ids = base.get_column("event_id")
    return base.with_columns(
        pl.Series("underlying_id", [underlying.get(i, i) for i in ids], dtype=pl.String),
        pl.Series("sources", [sources.get(i, 1) for i in ids], dtype=pl.Int32),
    )
