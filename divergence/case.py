"""A case: the documents of a store with everything derived from them.

``Case`` is the one value the dashboard, the exporter and the report read. It holds four
frames that follow :mod:`timeline.schema`: ``documents``, ``actors``, ``events``, ``flags``.
:func:`build_case` derives it from a DOCUMENTS frame.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import polars as pl

from divergence.flag import find_flags
from divergence.rules import Settings
from timeline.actors import Registry, load_registry
from timeline.extract import extract_events
from timeline.schema import ACTORS, DOCUMENTS, require

__all__ = ["Case", "build_case", "case_actors"]


class Case(NamedTuple):
    documents: pl.DataFrame
    actors: pl.DataFrame
    events: pl.DataFrame
    flags: pl.DataFrame


def case_actors(events: pl.DataFrame, registry: Registry) -> pl.DataFrame:
    """The ACTORS frame of the actors that appear in ``events``: registry rows, then discovered ones.

    A discovered actor is what the text makes of it: a person (with the surname as alias, as
    discovery uses it) unless its id says an unnamed ``group:`` or a named ``org:``; its
    affiliation is the next link of its events' chain.
    """
    known = registry.frame().filter(pl.col("actor_id").is_in(events.get_column("actor_id").unique().to_list()))
    kind = (
        pl.when(pl.col("actor_id").str.starts_with("group:")).then(pl.lit("group"))
        .when(pl.col("actor_id").str.starts_with("org:")).then(pl.lit("organisation"))
        .otherwise(pl.lit("person"))
    )
    words = pl.col("name").str.split(" ")
    new = (
        events.filter(~pl.col("actor_id").is_in(known.get_column("actor_id").to_list()))
        .group_by("actor_id", maintain_order=True)
        .agg(pl.col("actor").first().alias("name"), pl.col("official").first(), pl.col("bloc").first(), pl.col("country").first(),
             pl.col("chain").first())
        .with_columns(kind.alias("kind"))
        .select(
            "actor_id",
            "name",
            pl.when((pl.col("kind") == "person") & (words.list.len() > 1))
            .then(words.list.slice(-1, 1))
            .otherwise(pl.lit([], dtype=pl.List(pl.String)))
            .alias("aliases"),
            "kind",
            "official",
            pl.col("chain").fill_null([]).list.slice(1, 1).alias("affiliation"),
            "country",
            "bloc",
            pl.lit(True).alias("discovered"),
        )
    )
    return pl.concat([known, new.cast(ACTORS)]) if new.height else known


def build_case(
    documents: pl.DataFrame,
    *,
    registry: Registry | None = None,
    settings: Settings | None = None,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Case:
    """Extract events, find flags and gather the actors of a DOCUMENTS frame.

    ``workers`` and ``progress`` go to :func:`~timeline.extract.extract_events`.
    """
    require(documents, DOCUMENTS, stage="build_case")
    registry = registry or load_registry()
    events = extract_events(documents, registry=registry, workers=workers, progress=progress)
    flags = find_flags(events, settings=settings, registry=registry)
    return Case(documents, case_actors(events, registry), events, flags)
