"""From events to ranked, explained flags.

Stage contract: :func:`find_flags` requires an EVENTS frame and produces a FLAGS frame
(see :mod:`timeline.schema`), best first. Each flag holds the event ids of both sides, the
rule that made it, a score in [0, 1] and one plain-English sentence naming both actors, both
dates and the matter. A flag's id is a hash of its rule and evidence, so the same evidence
gives the same id on every run.

Independent reports raise a flag's score a little (``corroboration_step`` for each source beyond
the first, at most ``corroboration_cap`` of them): the sources are the distinct outlets (an article
without one counts by itself) among all mentions of the other side's underlying events
(``underlying_id``), so one deed retold in two articles of one outlet counts once, and an outlet
that reports it without being paired by the rule still counts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from functools import cache

import polars as pl

from divergence.propositions import propositions
from divergence.rules import DEFAULT_RULES, PAIRS, Settings, get_rule
from timeline._data import lexicon
from timeline.corroborate import source_key
from timeline.dates import describe_interval
from timeline.schema import EVENTS, FLAGS, empty, require

__all__ = ["find_flags", "explain", "DEFAULT_RULES"]




def _names(rows: list[dict]) -> str:
    names = list(dict.fromkeys(r["actor"] for r in rows))
    if len(names) > 3:
        return ", ".join(names[:3]) + f" and {len(names) - 3} more"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "quarter": 3, "year": 4}


def _when(rows: list[dict]) -> str:
    """The most precise date among the rows (the earliest of those)."""
    first = min(rows, key=lambda r: (_PRECISION_RANK.get(r["date_precision"], 9), r["date_start"] or dt.date.max))
    return describe_interval(first["date_start"], first["date_end"], first["date_precision"])


@cache
def _labels() -> dict[str, str]:
    acts = lexicon("actions")
    out = {cls: entry.get("label", cls.lower()) for cls, entry in acts["classes"].items()}
    out["armed involvement"] = acts.get("armed_label", "armed involvement")
    return out


def _be(rows: list[dict]) -> str:
    return "was" if len({r["actor"] for r in rows}) == 1 else "were"


def explain(kind: str, matter: str, official: list[dict], other: list[dict]) -> str:
    """One sentence naming both sides' actors, dates and the matter.

    Examples
    --------
    >>> d = {"actor": "Government of Iraq", "date_start": dt.date(2024, 12, 5), "date_end": dt.date(2024, 12, 5),
    ...      "date_precision": "day", "places": ["Syria"], "kind": "statement", "cue": "denied"}
    >>> a = {"actor": "A militia", "date_start": dt.date(2024, 12, 1), "date_end": dt.date(2024, 12, 31),
    ...      "date_precision": "month", "places": ["Syria"], "kind": "action", "cue": "deployed"}
    >>> explain("say_vs_do", "armed involvement", [d], [a])
    'Government of Iraq denied armed involvement in Syria (2024-12-05), while A militia was reported doing it (deployed; Dec 2024).'
    """
    topic = _labels().get(matter, matter.lower().replace("_", " "))
    shared = {p for r in official for p in (r.get("places") or [])} & {p for r in other for p in (r.get("places") or [])}
    places = sorted(shared)[:3]
    where = f" in {', '.join(places)}" if places else ""
    deny = f"{_names(official)} denied {topic}{where} ({_when(official)})"
    if kind == "say_vs_do":
        deeds = sorted({(r["cue"] or "").lower() for r in other if r["kind"] == "action"} - {""})
        what = f"{', '.join(deeds[:3])}; " if deeds else ""
        return f"{deny}, while {_names(other)} {_be(other)} reported doing it ({what}{_when(other)})."
    if kind == "reversal":
        if official[0].get("stance") == "deny":
            return f"{deny}, then {_names(other)} admitted it ({_when(other)})."
        said = f"{_names(official)} acknowledged {topic}{where} ({_when(official)})"
        return f"{said}, then {_names(other)} denied it ({_when(other)})."
    return f"{deny}, while {_names(other)} said otherwise ({_when(other)})."


def _sources_of_underlying(events: pl.DataFrame) -> dict[str, set[str]]:
    """Underlying event id → the sources (outlets, else documents) of all its mentions."""
    grouped = events.group_by(pl.coalesce("underlying_id", "event_id").alias("u")).agg(source_key().unique())
    return {u: set(src) for u, src in grouped.iter_rows()}


def find_flags(
    events: pl.DataFrame, *, settings: Settings | None = None, rules: Sequence[str] | None = None, registry=None
) -> pl.DataFrame:
    """Flags of the given events, best first (``rules`` defaults to those the settings enable)."""
    require(events, EVENTS, stage="find_flags")
    settings = settings or Settings()
    if events.is_empty():
        return empty(FLAGS)
    ev = propositions(events, registry=registry)
    pairs = [get_rule(name)[1](ev, settings).select(list(PAIRS)) for name in (settings.rules if rules is None else rules)]
    allpairs = pl.concat(pairs) if pairs else pl.DataFrame(schema=PAIRS)
    if allpairs.is_empty():
        return empty(FLAGS)
    score = (
        settings.w_official * pl.col("officialness")
        + settings.w_link * pl.col("link")
        + settings.w_time * (1 - pl.col("gap_days") / max(settings.window_days, 1)).clip(0, 1)
        + settings.w_matter * pl.col("directness")
    )
    grouped = (
        allpairs.with_columns((score * (0.6 + 0.4 * pl.col("certainty"))).alias("pair_score"))
        .sort(["pair_score", "official_id", "other_id"], descending=[True, False, False])
        .group_by("kind", "rule", "group", maintain_order=True)
        .agg(
            pl.col("matter").first(),
            pl.col("official_id").unique(maintain_order=True).alias("official_ids"),
            pl.col("other_id").unique(maintain_order=True).alias("other_ids"),
            pl.col("pair_score").max().alias("score"),
        )
    )
    by_id = {r["event_id"]: r for r in ev.iter_rows(named=True)}
    reach = _sources_of_underlying(ev)
    rows = []
    for g in grouped.iter_rows(named=True):
        def in_time(rows: list[dict]) -> list[dict]:
            return sorted(rows, key=lambda r: (r["date_start"] or dt.date.max, r["actor"], r["event_id"]))

        official = in_time([by_id[i] for i in g["official_ids"]])
        other = in_time([by_id[i] for i in g["other_ids"] if i not in set(g["official_ids"])])
        if not other:
            continue
        official_ids = sorted(g["official_ids"])
        other_ids = sorted(r["event_id"] for r in other)
        key = "|".join([g["rule"], *official_ids, "/", *other_ids])
        # independent reports of the other side: outlets of every mention of its underlying events
        independent = set().union(*(reach[r["underlying_id"] or r["event_id"]] for r in other))
        corroboration = min(len(independent) - 1, settings.corroboration_cap) * settings.corroboration_step
        rows.append(
            {
                "flag_id": hashlib.sha1(key.encode()).hexdigest()[:12],
                "kind": g["kind"],
                "rule": g["rule"],
                "score": round(min(g["score"] + corroboration, 1.0), 3),
                "explanation": explain(g["kind"], g["matter"], official, other),
                "matter": g["matter"],
                "official_ids": official_ids,
                "other_ids": other_ids,
            }
        )
    if not rows:
        return empty(FLAGS)
    flags = pl.DataFrame(rows, schema=FLAGS).filter(pl.col("score") >= settings.min_score)
    # the same evidence on two matters is one flag, under its best-scoring matter
    flags = flags.sort(["score", "flag_id"], descending=[True, False])
    return flags.unique(subset="flag_id", keep="first", maintain_order=True)

