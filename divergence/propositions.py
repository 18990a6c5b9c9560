"""What an event is about: its matter, as action classes and places.

Stage contract: :func:`propositions` requires an EVENTS frame and adds
``matters`` (list[str], the action classes its sentence speaks of), ```places`` (list[str], as state ids where the place is a state),
``military`` (bool: any matter is armed involvement) and ``named`` (list[str]: the actors its
sentence names, with the blocs they belong to). A statement's content goes
through the same taxonomy as a reported deed, so "we will not authorise any intrusion into
Syrian territory" and "announced the deployment of fighters to Syria" share a matter.
The taxonomy and gazetteer are data files (``data/lexicons/actions_en.yaml``,
``data/places.yaml``).
"""

from __future__ import annotations

import polars as pl

from timeline.actors import load_registry
from timeline.extract import load_lexicon
from timeline.schema import EVENTS, require

__all__ = ["propositions", "PROPOSITION_COLUMNS"]

PROPOSITION_COLUMNS = {
    "matters": pl.List(pl.String),
    "places": pl.List(pl.String),
    "military": pl.Boolean,
    "named": pl.List(pl.String),
}


def _classes(text: str) -> list[str]:
    lex = load_lexicon()
    found = []
    for m in lex.action_noun.finditer(text):
        found.append(lex.class_of[f"n:{m.group().lower()}"])
    for m in lex.action_verb.finditer(text):
        found.append(lex.class_of[m.group().lower()])
    return sorted(set(found))


def _places(text: str) -> list[str]:
    lex = load_lexicon()
    return sorted({lex.place_of[m.group().lower()] for m in lex.place.finditer(text)})


def _named(text: str, registry) -> list[str]:
    ids = {m.actor_id for m in registry.mentions(text)}
    return sorted(ids | {registry.bloc(i) for i in ids} | {registry.country(i) for i in ids} - {""})


def propositions(events: pl.DataFrame, *, registry=None) -> pl.DataFrame:
    """Add the matter columns to an EVENTS frame.

    Examples
    --------
    >>> from timeline.schema import empty
    >>> ev = empty(EVENTS).vstack(pl.DataFrame([{"text": "They announced the deployment of fighters to Syria.",
    ...     "kind": "action", "action_class": "MOBILIZE", "place": "Syria"}], schema_overrides=EVENTS).select(
    ...     [pl.col(c) if c in ("text", "kind", "action_class", "place") else pl.lit(None, dtype=t).alias(c)
    ...      for c, t in EVENTS.items()]))
    >>> propositions(ev).select("matters", "places", "military").row(0)
    (['MOBILIZE'], ['Syria'], True)
    """
    require(events, EVENTS, stage="propositions")
    lex = load_lexicon()
    registry = registry or load_registry()
    military = list(lex.military)
    texts = events.get_column("text").to_list()
    cache: dict[str, tuple[list[str], list[str], list[str]]] = {}
    for t in set(texts):
        cache[t] = (_classes(t or ""), _places(t or ""), _named(t or "", registry))
    out = events.with_columns(
        pl.Series("matters", [cache[t][0] for t in texts], dtype=pl.List(pl.String)),
        pl.Series("places", [cache[t][1] for t in texts], dtype=pl.List(pl.String)),
        pl.Series("named", [cache[t][2] for t in texts], dtype=pl.List(pl.String)),
    )
    # an action's own class and place always count
    out = out.with_columns(
        pl.when(pl.col("action_class").is_not_null())
        .then(pl.concat_list("matters", "action_class").list.unique().list.sort())
        .otherwise(pl.col("matters"))
        .alias("matters"),
        pl.when(pl.col("place").is_not_null())
        .then(pl.concat_list("places", "place").list.unique().list.sort())
        .otherwise(pl.col("places"))
        .alias("places"),
    )
    return out.with_columns(pl.col("matters").list.eval(pl.element().is_in(military)).list.any().fill_null(False).alias("military"))
