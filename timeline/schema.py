"""The frames gapline passes between stages, with their columns and dtypes.

Every stage states which of these it requires and produces and checks its input with
:func:`require`, so a missing column fails at the stage that needs it, by name.

DOCUMENTS — one row per stored article
    doc_id      str   content hash of the body (the same text twice is one document)
    path        str   the path the article was read from, as given
    title       str   front-matter title (may be empty)
    outlet      str   front-matter outlet (may be empty)
    url         str   front-matter url (may be empty)
    published   date  publication date (relative dates resolve against it)
    body        str   the text after the front matter; all offsets point into it

ACTORS — the registry plus actors discovered in text
    actor_id    str        stable id (``iraq_gov``)
    name        str        canonical name
    aliases     list[str]  other names, titles and descriptions that refer to it
    kind        str        state, government, parliament, ministry, military, militia, party, person, media, ...
    official    bool       a state organ or office holder
    affiliation list[str]  what it belongs to or is controlled by (actor ids)
    country     str        the state it belongs to (actor id), where known, else ""
    bloc        str        the root of its affiliation chain (itself when it has none)
    discovered  bool       found in text, not in the registry file

EVENTS — one row per statement or action, with its provenance
    event_id, doc_id, doc_path, sentence, char_start, char_end, text,
    kind ("statement" | "action"), actor, actor_id, actor_mention, official, bloc, country,
    chain (the actor and what it belongs to, nearest first),
    stance ("assert" | "deny" | "claim" | "threaten" | "confirm" | None for actions),
    polarity ("positive" | "negative"), cue, action_class, place, quote, reported_by,
    date_start, date_end, date_precision, date_text, extractor,
    anonymous (bool: the event rests on an unnamed source — a statement whose speaker is not named,
    "a senior security source", "two officials speaking on condition of anonymity", "sources close
    to the government", each standing for its institution where the text names one; or a deed
    reported in the same sentence by such a source),
    outlet (str: the article's outlet, "" where it names none),
    underlying_id (str: the event this is a mention of; mentions of the same deed or the same quote
    in several articles share it — see :mod:`timeline.corroborate`; an event reported once is its own),
    sources (int32: independent sources reporting the underlying event: distinct outlets, an article
    without an outlet counting as one)

FLAGS — one row per divergence
    flag_id, kind ("say_vs_do" | "say_vs_say" | "reversal"), rule, score, explanation, matter,
    official_ids list[str], other_ids list[str]
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from gapline.errors import SchemaError

__all__ = [
    "ACTORS",
    "DOCUMENTS",
    "EVENTS",
    "FLAGS",
    "PRECISIONS",
    "STANCES",
    "empty",
    "require",
]

DOCUMENTS: dict[str, pl.DataType] = {
    "doc_id": pl.String,
    "path": pl.String,
    "title": pl.String,
    "outlet": pl.String,
    "url": pl.String,
    "published": pl.Date,
    "body": pl.String,
}

ACTORS: dict[str, pl.DataType] = {
    "actor_id": pl.String,
    "name": pl.String,
    "aliases": pl.List(pl.String),
    "kind": pl.String,
    "official": pl.Boolean,
    "affiliation": pl.List(pl.String),
    "country": pl.String,
    "bloc": pl.String,
    "discovered": pl.Boolean,
}

EVENTS: dict[str, pl.DataType] = {
    "event_id": pl.String,
    "doc_id": pl.String,
    "doc_path": pl.String,
    "sentence": pl.Int32,
    "char_start": pl.Int64,
    "char_end": pl.Int64,
    "text": pl.String,
    "kind": pl.String,
    "actor": pl.String,
    "actor_id": pl.String,
    "actor_mention": pl.String,
    "official": pl.Boolean,
    "bloc": pl.String,
    "country": pl.String,
    "chain": pl.List(pl.String),
    "stance": pl.String,
    "polarity": pl.String,
    "cue": pl.String,
    "action_class": pl.String,
    "place": pl.String,
    "quote": pl.String,
    "reported_by": pl.String,
    "date_start": pl.Date,
    "date_end": pl.Date,
    "date_precision": pl.String,
    "date_text": pl.String,
    "extractor": pl.String,
    "anonymous": pl.Boolean,
    "outlet": pl.String,
    "underlying_id": pl.String,
    "sources": pl.Int32,
}

FLAGS: dict[str, pl.DataType] = {
    "flag_id": pl.String,
    "kind": pl.String,
    "rule": pl.String,
    "score": pl.Float64,
    "explanation": pl.String,
    "matter": pl.String,
    "official_ids": pl.List(pl.String),
    "other_ids": pl.List(pl.String),
}

STANCES = ("assert", "deny", "claim", "threaten", "confirm")
PRECISIONS = ("day", "week", "month", "quarter", "year", "unknown")


def empty(schema: Mapping[str, pl.DataType]) -> pl.DataFrame:
    """An empty frame with the given columns.

    Examples
    --------
    >>> empty(FLAGS).columns[:3]
    ['flag_id', 'kind', 'rule']
    """
    return pl.DataFrame(schema=dict(schema))


def require(frame: pl.DataFrame | pl.LazyFrame, schema: Mapping[str, pl.DataType], *, stage: str) -> None:
    """Check that ``frame`` has every column of ``schema`` with its dtype.

    Raises :class:`SchemaError` naming the stage and the first missing or mistyped column.

    Examples
    --------
    >>> require(pl.DataFrame({"doc_id": ["a"]}), {"doc_id": pl.String}, stage="demo")
    >>> require(pl.DataFrame({"x": [1]}), {"doc_id": pl.String}, stage="demo")
    Traceback (most recent call last):
    ...
    gapline.errors.SchemaError: demo needs column 'doc_id' (String); the frame has: x
    """
    have = frame.collect_schema() if isinstance(frame, pl.LazyFrame) else frame.schema
    for name, dtype in schema.items():
        if name not in have:
            cols = ", ".join(have.names()) or "no columns"
            raise SchemaError(f"{stage} needs column {name!r} ({dtype}); the frame has: {cols}")
        if have[name] != dtype and have[name] != pl.Null:
            raise SchemaError(f"{stage} needs column {name!r} as {dtype}, found {have[name]}")
