"""Per-actor and per-bloc timelines from an EVENTS frame.

Stage contract: requires EVENTS; :func:`actor_timelines` returns the events ordered by bloc,
actor and date with a ``seq`` column numbering each actor's events in time; :func:`bloc_timelines`
orders them by bloc (the root of each actor's affiliation chain) and date.
"""

from __future__ import annotations

import polars as pl

from timeline.schema import EVENTS, require

__all__ = ["actor_timelines", "bloc_timelines"]


def actor_timelines(events: pl.DataFrame, *, actors: list[str] | None = None) -> pl.DataFrame:
    """Events per actor in time order; ``actors`` keeps only those ids or names.

    Examples
    --------
    >>> import datetime as dt
    >>> from timeline.schema import empty
    >>> ev = pl.concat([empty(EVENTS), pl.DataFrame({"event_id": ["b", "a"], "actor": ["X", "X"], "bloc": ["x", "x"],
    ...     "actor_id": ["x", "x"], "date_start": [dt.date(2024, 2, 1), dt.date(2024, 1, 1)]})], how="diagonal_relaxed")
    >>> actor_timelines(ev).select("event_id", "seq").rows()
    [('a', 1), ('b', 2)]
    """
    require(events, EVENTS, stage="actor_timelines")
    ev = events
    if actors:
        ev = ev.filter(pl.col("actor_id").is_in(actors) | pl.col("actor").is_in(actors))
    return ev.sort(["bloc", "actor", "date_start", "doc_id", "sentence"], nulls_last=True).with_columns(
        pl.int_range(1, pl.len() + 1).over("actor_id").alias("seq")
    )


def bloc_timelines(events: pl.DataFrame) -> pl.DataFrame:
    """Events per bloc in time order."""
    require(events, EVENTS, stage="bloc_timelines")
    return events.sort(["bloc", "date_start", "actor", "sentence"], nulls_last=True)
