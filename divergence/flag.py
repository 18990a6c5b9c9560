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

:func:`flags_from_propositions` does the same from events that already carry their
propositions (:mod:`divergence.propositions`): it requires the columns of :data:`FLAG_INPUT`,
one row per event id, and takes a ``LazyFrame`` too, so that a large table can be scanned from
Parquet rather than held in memory whole: it reads, once, only the columns the rules it runs
declare, of the rows they can use, with names as codes and events by number
(:func:`divergence._joins.coded`). Names may come as codes already (``Categorical`` columns, as
polars writes them to Parquet as dictionary columns): a large table stored that way is read in
about half the time, as no name is looked up again. It groups pairs into flags on whole columns
(:mod:`divergence._grouping`); :func:`explain` words one flag the same way.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from functools import cache, partial
from typing import TypeVar

import polars as pl

from divergence._grouping import MEMBER_COLUMNS, PLURAL_NAME, flags, member_info, reduce_pairs
from divergence._joins import AS_CODES, CODED, at_once, coded
from divergence.propositions import PROPOSITION_COLUMNS, propositions
from divergence.rules import DEFAULT_RULES, PAIRS, Settings, get_rule, input_of, window_of
from timeline._data import lexicon
from timeline.corroborate import source_key
from timeline.dates import describe_interval
from timeline.schema import EVENTS, FLAGS, empty, require

FrameT = TypeVar("FrameT", pl.DataFrame, pl.LazyFrame)

__all__ = ["find_flags", "flags_from_propositions", "names_as_codes", "explain", "DEFAULT_RULES", "FLAG_INPUT", "NAME_COLUMNS"]

#: The columns :func:`flags_from_propositions` reads: what the rules compare and what the
#: explanations name.
FLAG_INPUT = {
    c: t
    for c, t in {**EVENTS, **PROPOSITION_COLUMNS}.items()
    if c in {*MEMBER_COLUMNS, "kind", "stance", "polarity", "official", "actor_id", "bloc", "country", "country_place", "chain",
             "matters", "military", "action_class", "place", "sentence", "named", "subjects", "certainty", "framings"}
}

#: The columns of :data:`FLAG_INPUT` that hold names (of actors, places, matters, stances): text, or codes
#: (``Categorical``, lists of them for list columns), which :func:`flags_from_propositions` reads as they are.
NAME_COLUMNS = [c for c, t in FLAG_INPUT.items() if c in CODED and t in AS_CODES]


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


@cache
def _framing_words() -> dict[str, tuple[str, str]]:
    """``framing:side/side`` → how each side puts it ("a state-to-state arrangement", "a private, commercial arrangement")."""
    out = {}
    for name, entry in (lexicon("actions").get("framings") or {}).items():
        sides = entry["sides"]
        for a, spec_a in sides.items():
            for b, spec_b in sides.items():
                if a != b:
                    out[f"{name}:{a}/{b}"] = (spec_a.get("label", a), spec_b.get("label", b))
    return out


def _be(rows: list[dict]) -> str:
    names = {r["actor"] for r in rows}
    return "was" if len(names) == 1 and not re.search(PLURAL_NAME, next(iter(names))) else "were"


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
    >>> explain("say_vs_say", "sponsor:state/private", [d], [{**a, "actor": "A minister"}])
    'Government of Iraq spoke of a state-to-state arrangement in Syria (2024-12-05), while A minister spoke of a private, commercial arrangement (Dec 2024).'
    """
    topic = _labels().get(matter, matter.lower().replace("_", " "))
    def named_places(r: dict) -> list[str]:
        return (r["where"] if "where" in r else r.get("places")) or []

    shared = {p for r in official for p in named_places(r)} & {p for r in other for p in named_places(r)}
    places = sorted(shared)[:3]
    where = f" in {', '.join(places)}" if places else ""
    if matter in _framing_words():
        ours, theirs = _framing_words()[matter]
        return (f"{_names(official)} spoke of {ours}{where} ({_when(official)}), "
                f"while {_names(other)} spoke of {theirs} ({_when(other)}).")
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


def find_flags(
    events: pl.DataFrame, *, settings: Settings | None = None, rules: Sequence[str] | None = None, registry=None
) -> pl.DataFrame:
    """Flags of the given events, best first (``rules`` defaults to those the settings enable)."""
    require(events, EVENTS, stage="find_flags")
    if events.is_empty():
        return empty(FLAGS)
    return flags_from_propositions(propositions(events, registry=registry), settings=settings, rules=rules)


def flags_from_propositions(
    events: pl.DataFrame | pl.LazyFrame, *, settings: Settings | None = None, rules: Sequence[str] | None = None
) -> pl.DataFrame:
    """Flags of events that carry their propositions, best first.

    Each rule's pairs are grouped into flags as soon as the rule is done, and the rules run two at
    a time, but for the one with the most rows to read, which runs last and alone: the pairs of
    more than two rules are never held at once. A flag's id is the first 12 hex digits of the
    SHA-1 of its rule, its official ids and its other ids (sorted, joined by ``|``).

    Examples
    --------
    >>> ev = pl.DataFrame([
    ...     {"event_id": "d1", "kind": "statement", "stance": "deny", "polarity": "negative", "official": True,
    ...      "actor": "Government of Iraq", "actor_id": "iraq_gov", "bloc": "iraq", "country": "iraq",
    ...      "country_place": "Iraq", "matters": ["MOBILIZE"], "military": True, "places": ["Syria"],
    ...      "date_start": dt.date(2024, 12, 5), "date_end": dt.date(2024, 12, 5), "date_precision": "day",
    ...      "doc_id": "a", "sentence": 1, "cue": "denied"},
    ...     {"event_id": "a1", "kind": "action", "official": False, "actor": "A militia", "actor_id": "militia",
    ...      "bloc": "militia", "country": "iraq", "action_class": "MOBILIZE", "place": "Syria",
    ...      "matters": ["MOBILIZE"], "military": True, "places": ["Syria"], "date_start": dt.date(2024, 12, 6),
    ...      "date_end": dt.date(2024, 12, 6), "date_precision": "day", "doc_id": "b", "sentence": 4,
    ...      "cue": "deployed", "certainty": 0.9},
    ... ], schema=FLAG_INPUT)
    >>> f = flags_from_propositions(ev).row(0, named=True)
    >>> f["rule"], f["official_ids"], f["other_ids"], f["score"]
    ('deny_vs_affiliated_action.v1', ['d1'], ['a1'], 0.862)
    >>> f["explanation"]
    'Government of Iraq denied armed involvement in Syria (2024-12-05), while A militia was reported doing it (deployed; 2024-12-06).'
    """
    require(events, _as_given(events), stage="flags_from_propositions")
    settings = settings or Settings()
    score = (
        settings.w_official * pl.col("officialness").fill_null(0.0)  # not known to be official: not official
        + settings.w_link * pl.col("link")
        + settings.w_time * (1 - pl.col("gap_days") / max(settings.window_days, 1)).clip(0, 1)
        + settings.w_matter * pl.col("directness")
    ) * (0.6 + 0.4 * pl.col("certainty"))
    names = tuple(settings.rules if rules is None else rules)
    usable = input_of(names)[1]
    sources = _sources(events)
    # what the rules and the wording read of the rows the rules can use, in memory once, names as
    # codes and events by number
    events, ids = coded(events, _kept(names), usable)
    if sources is not None:
        sources = sources.join(pl.DataFrame({"event_id": ids, "number": pl.int_range(ids.len(), dtype=pl.UInt32, eager=True)}),
                               on="event_id").select(pl.col("number").alias("event_id"), "source")
    # events come out of the rules by number, and matters as codes: text once grouped
    as_they_are = {"official_id", "other_id", "matter"}

    def grouped(name: str, events: pl.DataFrame, ids: pl.Series) -> pl.DataFrame:
        pairs = get_rule(name)[1](events, settings).lazy().select(
            pl.col(c) if c in as_they_are else pl.col(c).cast(t) for c, t in PAIRS.items()
        ).collect()
        return reduce_pairs(pairs, score, window_of(name, settings), ids)

    if not names:
        return empty(FLAGS)
    # Two rules at a time, so that while one waits on a step that runs on one core the other has the
    # second; but the rule with the most rows to read runs last and alone, since it needs the most memory.
    loads = events.select(input_of([name])[1].sum().alias(str(i)) for i, name in enumerate(names)).row(0)
    *rest, largest = sorted(range(len(names)), key=lambda i: (loads[i], i))
    by_rule = dict(zip(rest, at_once(partial(grouped, events=events, ids=ids), [names[i] for i in rest])))
    # the last rule reads its own columns, the wording the members' own: the others can go
    events = events.select(c for c in _kept([names[largest]]) if c in events.columns)
    by_rule[largest] = grouped(names[largest], events, ids)
    groups = pl.concat([by_rule[i] for i in range(len(names))])  # in the order of the rules, whichever ended first
    info = member_info(groups, events, ids)
    del events, ids  # the wording reads only the members' own columns
    found = flags(groups, info, _labels(), framing=_framing_words(), sources=sources,
                  step=settings.corroboration_step, cap=settings.corroboration_cap)
    found = found.filter(pl.col("score") >= settings.min_score)
    # the same evidence on two matters is one flag, under its best-scoring matter
    return _first_of_each_flag(found)


def _first_of_each_flag(found: pl.DataFrame) -> pl.DataFrame:
    """The first row of each flag id, in order. Ids (12 hex digits) are told apart as numbers, and the
    few rows left out (flags of the same evidence on another matter) are cut out of the frame rather than
    every other row copied."""
    first = found.get_column("flag_id").str.to_integer(base=16).is_first_distinct()
    if first.all():
        return found
    out = (~first).arg_true().to_list()
    if len(out) > 100:
        return found.filter(first)
    bounds = [-1, *out, found.height]
    return pl.concat([found.slice(a + 1, b - a - 1) for a, b in zip(bounds, bounds[1:])])


def names_as_codes(events: FrameT) -> FrameT:
    """``events`` with the names (:data:`NAME_COLUMNS`) it holds as text as codes (``Categorical``, lists of
    them for list columns). Written to Parquet, such a table keeps them as dictionary columns, and
    :func:`flags_from_propositions` reads it in about half the time it takes for names as text.

    >>> names_as_codes(pl.DataFrame({"actor_id": ["mod"], "places": [["Syria"]], "sentence": [1]})).dtypes
    [Categorical, List(Categorical), Int64]
    """
    have = events.collect_schema()
    return events.with_columns(pl.col(c).cast(AS_CODES[have[c]]) for c in NAME_COLUMNS if have.get(c) in AS_CODES)


def _as_given(events: pl.DataFrame | pl.LazyFrame) -> dict[str, pl.DataType]:
    """:data:`FLAG_INPUT`, but for the columns of :data:`NAME_COLUMNS` that ``events`` holds as codes
    (``Categorical``, or lists of them) rather than text: those are read as they are."""
    have = events.collect_schema()
    return {c: AS_CODES[t] if c in NAME_COLUMNS and have.get(c) == AS_CODES[t] else t for c, t in FLAG_INPUT.items()}


def _kept(names: Sequence[str]) -> list[str]:
    """The columns the rules ``names`` read and those the wording reads of each flag's events."""
    return [*dict.fromkeys([*input_of(names)[0], *MEMBER_COLUMNS, "where"])]


def _sources(events: pl.DataFrame | pl.LazyFrame) -> pl.DataFrame | None:
    """Event id → each source (outlet, else article) reporting its underlying event, where the events
    say which mentions share an underlying event; ``None`` when they do not (each article counts)."""
    have = events.collect_schema().names() if isinstance(events, pl.LazyFrame) else events.columns
    if not {"underlying_id", "outlet"} <= set(have):
        return None
    ev = events.lazy().select("event_id", pl.coalesce("underlying_id", "event_id").alias("u"), source_key())
    return ev.select("event_id", "u").join(ev.select("u", "source").unique(), on="u").select("event_id", "source").collect()
