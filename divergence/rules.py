"""Divergence rules, registered by name and version.

A rule is a pure function ``(events_with_propositions, settings) -> pairs`` returning one
row per conflicting pair of events with the columns of :data:`PAIRS`; :mod:`divergence.flag`
groups pairs into flags, scores and explains them. Rules are looked up by name
(``deny_vs_affiliated_action.v1``) so every flag says which rule made it, and each declares the
columns it reads and the rows it can use (:func:`input_of`). A rule takes a ``DataFrame`` or a
``LazyFrame`` (each side it needs is read from it once) and returns a ``DataFrame``.

The rules never join every denial to every event on the same matter: that join grows with the
square of the events. Each condition that ties two events (the same state, the same bloc, the
denier's soil, a name, a shared subject) becomes a join key of its own next to the matter, and
each of those joins only pairs events within the rule's window (:mod:`divergence._joins`). The
candidates are then checked against the rule's full condition, so the pairs are the same as
those of the plain join on the matter.

- ``deny_vs_affiliated_action.v1`` (say_vs_do): an official's denial against a reported deed
  on the same matter by the same actor or one of the same state — through the affiliation
  chain (a militia within a state force) or the state it is based in — within a window.
- ``deny_vs_assertion.v1`` (say_vs_say): a denial against another source's assertion or
  claim on the same matter and place, within a window.
- ``reversal.v1`` (reversal): one actor, or two office holders of one bloc, deny a matter and
  admit it at another time.
- ``contrary_framing.v1`` (say_vs_say): two camps characterise one situation in contrary terms
  (``framings`` of the propositions: "a state-to-state partnership" against "present on a
  commercial basis"), speaking of a shared place and a shared actor, within a window.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import NamedTuple

import polars as pl

from divergence._joins import Unless, at_once, by_matter, gather, may_meet, mixed_hash, places_meet, row_list, same, side, within
from gapline.errors import RuleError
from timeline._data import lexicon
from timeline.schema import require

__all__ = ["Settings", "RULES", "DEFAULT_RULES", "rule", "get_rule", "window_of", "input_of", "PAIRS"]


DEFAULT_RULES = ("deny_vs_affiliated_action.v1", "deny_vs_assertion.v1", "reversal.v1", "contrary_framing.v1")


class Settings(NamedTuple):
    """Windows, weights and thresholds of the rules and of scoring.

    The documented file ``data/gapline.toml`` holds these same defaults; :mod:`divergence.config`
    reads a user's file into a ``Settings``.
    """

    window_days: int = 120
    say_window_days: int = 120
    reversal_days: int = 400
    framing_days: int = 365
    w_official: float = 0.3
    w_link: float = 0.25
    w_time: float = 0.2
    w_matter: float = 0.25
    corroboration_step: float = 0.02
    corroboration_cap: int = 3
    min_score: float = 0.0
    rules: tuple[str, ...] = DEFAULT_RULES


#: The columns of a rule's pairs. The pairs of one flag share a ``group``: a 64-bit hash of what they
#: have in common (say_vs_do: the denier's bloc, the matter and the doer's bloc), made of their codes and
#: compared only within one run. Where the events' names are codes (:func:`divergence._joins.coded`), so
#: is the ``matter`` (``Categorical``).
PAIRS = {
    "kind": pl.String,
    "rule": pl.String,
    "group": pl.UInt64,
    "official_id": pl.String,
    "other_id": pl.String,
    "matter": pl.String,
    "link": pl.Float64,
    "directness": pl.Float64,
    "gap_days": pl.Int64,
    "certainty": pl.Float64,
    "officialness": pl.Float64,
    "at": pl.Date,
}

RULES: dict[str, tuple[str, Callable[[pl.DataFrame, Settings], pl.DataFrame]]] = {}


#: The setting that holds each rule's window, in days: pairs of one flag further apart than it are
#: separate episodes (:func:`divergence._grouping.reduce_pairs`).
WINDOW_OF: dict[str, str] = {}


#: The columns each rule reads and the rows it can use (an expression that holds for them).
INPUT_OF: dict[str, tuple[list[str], pl.Expr]] = {}

STATEMENT = pl.col("kind") == "statement"
DEED = pl.col("kind") == "action"
DENIAL = STATEMENT & (pl.col("stance") == "deny")
OFFICIAL_DENIAL = DENIAL & pl.col("official")
ASSERTION = STATEMENT & pl.col("stance").is_in(["assert", "claim", "confirm"]) & (pl.col("polarity") == "positive")
ADMISSION = STATEMENT & (pl.col("stance") == "confirm") & (pl.col("polarity") == "positive")
FRAMED = (
    STATEMENT & pl.col("stance").is_in(["assert", "claim", "confirm", "deny"])
    & (pl.col("framings").list.len() > 0) & (pl.col("places").list.len() > 0)
)


def rule(name: str, kind: str, *, reads: list[str], rows: pl.Expr, window: str = "window_days"):
    """Register a rule function under ``name`` for flags of ``kind``: it reads the columns ``reads``
    (and those ``rows`` reads) of the rows for which ``rows`` holds, and its window is the setting
    ``window``."""

    def deco(fn):
        RULES[name] = (kind, fn)
        WINDOW_OF[name] = window
        INPUT_OF[name] = (list(dict.fromkeys([*reads, *rows.meta.root_names()])), rows)
        return fn

    return deco


def input_of(names: list[str] | tuple[str, ...]) -> tuple[list[str], pl.Expr]:
    """The columns the rules ``names`` read, and an expression that holds for every row one of them can use."""
    for name in names:
        get_rule(name)  # an unknown name stops here
    columns = list(dict.fromkeys(c for name in names for c in INPUT_OF[name][0]))
    rows = pl.any_horizontal([INPUT_OF[name][1].fill_null(False) for name in names]) if names else pl.lit(False)
    return columns, rows


def window_of(name: str, settings: Settings) -> int:
    """The window of the rule ``name`` under ``settings``, in days."""
    return getattr(settings, WINDOW_OF[name])


def get_rule(name: str):
    try:
        return RULES[name]
    except KeyError:
        raise RuleError(f"unknown rule {name!r}; known rules: {', '.join(sorted(RULES))}") from None


def _separate(a: str, b: str) -> pl.Expr:
    """Two pieces of evidence: not the same sentence of the same article."""
    return (pl.col(f"{a}doc_id") != pl.col(f"{b}doc_id")) | (pl.col(f"{a}sentence") != pl.col(f"{b}sentence"))


def _gap(a: str, b: str) -> pl.Expr:
    later_start = pl.max_horizontal(pl.col(f"{a}date_start"), pl.col(f"{b}date_start"))
    earlier_end = pl.min_horizontal(pl.col(f"{a}date_end"), pl.col(f"{b}date_end"))
    return pl.max_horizontal((later_start - earlier_end).dt.total_days(), pl.lit(0)).fill_null(0).cast(pl.Int64)


def _moment(a: str, b: str) -> pl.Expr:
    """When a pair happened: the earlier start of its two events (null where neither is dated)."""
    return pl.min_horizontal(pl.col(f"{a}date_start"), pl.col(f"{b}date_start"))


_COMMON = ["event_id", "actor_id", "bloc", "country", "date_start", "date_end", "places", "matters", "military", "doc_id",
           "sentence", "named"]
_DENIAL_SIDE, _DEED_SIDE = [*_COMMON, "country_place"], [*_COMMON, "place", "certainty", "official"]


@rule("deny_vs_affiliated_action.v1", "say_vs_do", reads=[*_DENIAL_SIDE, *_DEED_SIDE, "action_class"],
      rows=OFFICIAL_DENIAL | DEED)
def deny_vs_affiliated_action(events: pl.DataFrame | pl.LazyFrame, settings: Settings) -> pl.DataFrame:
    # whether the denial names anyone but its own camp depends on the denial alone
    names_others = pl.col("d_named").list.set_difference(row_list("d_country", "d_bloc", "d_actor_id")).list.len() > 0
    d = side(events, "d_", _DENIAL_SIDE, rows=OFFICIAL_DENIAL).with_columns(names_others.alias("d_names_others"))
    # a deed is of one matter, its class
    a = side(events, "a_", [c for c in _DEED_SIDE if c != "matters"] + ["action_class"], rows=DEED)
    a = a.with_columns(row_list("a_action_class").alias("a_matters")).drop("a_action_class")
    dk = by_matter(d, "d_", ["d_bloc", "d_country", "d_country_place", "d_named"])
    ak = by_matter(a, "a_", ["a_bloc", "a_country", "a_place", "a_actor_id"])
    # One join per way the two can be tied, each next to the matter: the same state, the same
    # bloc, the deed on the denier's soil, the denial naming the doer. Each join leaves out the
    # pairs an earlier one found, so every pair comes once; all check the window and that the
    # two place lists may meet.
    # a missing value ties nothing: the ties are false, never null, so "not found by an earlier join" holds
    by_state = ((pl.col("d_country") != "") & same("d_country", "a_country")).fill_null(False)
    by_bloc = same("d_bloc", "a_bloc").fill_null(False)
    by_soil = ((pl.col("d_country") != "") & same("d_country_place", "a_place")).fill_null(False)
    near = (_gap("d_", "a_") <= settings.window_days) & may_meet("d_", "a_")
    stated = dk.filter(pl.col("d_country") != "")
    # Where every deed of a denier's bloc is of the denier's state, the state join found them
    # all: that denial needs no bloc join. Where all who deny on a soil are of one state, that
    # state's deeds there were found by the state join: they need no soil join.
    def states(frame: pl.DataFrame, by: str, country: str) -> pl.DataFrame:
        return frame.group_by(by).agg(pl.col(country).n_unique().alias("n"), pl.col(country).first().alias("c"))

    bloc_side = (
        dk.join(states(ak, "a_bloc", "a_country"), left_on="d_bloc", right_on="a_bloc", how="left")
        .filter(~((pl.col("d_country") != "") & (pl.col("n") == 1) & same("c", "d_country")))
        .drop("n", "c")
    )
    soil_side = (
        ak.join(states(stated, "d_country_place", "d_country"), left_on="a_place", right_on="d_country_place", how="left")
        .filter(~((pl.col("n") == 1) & same("c", "a_country")))
        .drop("n", "c")
    )
    window = {"a": "d_", "b": "a_", "window": settings.window_days}
    candidates = pl.concat([
        within(stated, ak, "d_country", "a_country", keep=near, **window),
        within(bloc_side, ak, "d_bloc", "a_bloc", keep=near & ~by_state, **window),
        within(stated, soil_side, "d_country_place", "a_place", keep=near & ~by_state & ~by_bloc, **window),
        within(dk, ak, "d_named", "a_actor_id", keep=near & ~by_state & ~by_bloc & ~by_soil, **window),
    ])
    del dk, ak, stated, bloc_side, soil_side  # the joins' narrow rows, not needed from here on
    same_state = (pl.col("d_country") != "") & (pl.col("d_country") == pl.col("a_country"))
    same_bloc = pl.col("d_bloc") == pl.col("a_bloc")
    # the denial names the doer, or the deed happens on the denier's own soil
    named = pl.col("d_named").list.contains(pl.col("a_actor_id"))
    # on the denier's soil counts when the denial names no one, or names the doer's camp
    names_others = pl.col("d_names_others")
    names_doer = pl.col("d_named").list.contains(pl.col("a_country")) | pl.col("d_named").list.contains(pl.col("a_bloc"))
    on_soil = (
        (pl.col("d_country") != "")
        & (pl.col("a_place") == pl.col("d_country_place"))
        & (names_doer | ~names_others & ~pl.col("a_official"))
    )
    # the conditions, cheapest first (gather checks each on the pairs the ones before it left)
    conflict = [
        (_gap("d_", "a_") <= settings.window_days) & _separate("d_", "a_"),
        Unless(same_state | same_bloc, named | on_soil),  # the lists only where the two are of two states and blocs
        *places_meet("d_", "a_"),
    ]
    # the deed's own report ties the doer to the denier ("in coordination with Iraqi officials")
    tied = pl.col("a_named").list.contains(pl.col("d_actor_id")) | pl.col("a_named").list.contains(pl.col("d_bloc"))
    link = pl.when(same_bloc).then(1.0).when(tied | named).then(0.9).when(on_soil).then(0.8).otherwise(0.7)
    return gather(d, a, candidates, a="d_", b="a_", keep=conflict, columns=[
        pl.lit("say_vs_do").alias("kind"),
        pl.lit("deny_vs_affiliated_action.v1").alias("rule"),
        mixed_hash("d_bloc", "matter", "a_bloc").alias("group"),
        pl.col("d_event_id").alias("official_id"),
        pl.col("a_event_id").alias("other_id"),
        pl.col("matter"),
        link.alias("link"),
        pl.when(pl.col("matter") == "armed involvement").then(0.9).otherwise(1.0).alias("directness"),
        _gap("d_", "a_").alias("gap_days"),
        pl.col("a_certainty").alias("certainty"),
        pl.lit(1.0).alias("officialness"),
        _moment("d_", "a_").alias("at"),
    ])


_SAY_SIDE = ["event_id", "actor_id", "bloc", "country", "date_start", "date_end", "places", "matters", "military", "doc_id",
             "sentence", "subjects", "chain", "official", "certainty"]


@rule("deny_vs_assertion.v1", "say_vs_say", reads=_SAY_SIDE, rows=DENIAL | ASSERTION, window="say_window_days")
def deny_vs_assertion(events: pl.DataFrame | pl.LazyFrame, settings: Settings) -> pl.DataFrame:
    keys = ["subjects", "actor_id", "bloc", "official"]

    def read(p: str, rows: pl.Expr) -> tuple[pl.DataFrame, pl.DataFrame]:
        full = side(events, p, _SAY_SIDE, rows=rows)
        return full, by_matter(full, p, [f"{p}{k}" for k in keys])

    # both sides at once: the denials, and the claims (the larger side, which look up the denials)
    (d, dk), (c, ck) = at_once(lambda s: read(*s), [("d_", DENIAL), ("c_", ASSERTION)])
    # the two must share a subject: join on it, next to the matter; the candidates already meet the
    # rule's condition but for the chain of command, which is checked with the rest below
    near = (
        (_gap("d_", "c_") <= settings.say_window_days)
        & may_meet("d_", "c_")
        & ~same("d_actor_id", "c_actor_id")
        & ((pl.col("d_bloc") != pl.col("c_bloc")) | pl.col("d_official") & pl.col("c_official"))
    )
    candidates = within(ck, dk, "c_subjects", "d_subjects", a="c_", b="d_", window=settings.say_window_days, keep=near)
    del dk, ck  # the join's narrow rows, not needed from here on
    # two camps, or two office holders of one state who are not in each other's chain of command
    related = pl.col("d_chain").list.contains(pl.col("c_actor_id")) | pl.col("c_chain").list.contains(pl.col("d_actor_id"))
    two_sides = Unless(pl.col("d_bloc") != pl.col("c_bloc"), pl.col("d_official") & pl.col("c_official") & ~related)
    # the two speak of the same actors, not only of the same kind of deed: the join on the
    # subjects pairs only statements that share one
    conflict = [
        (pl.col("d_actor_id") != pl.col("c_actor_id")) & _separate("d_", "c_") & (_gap("d_", "c_") <= settings.say_window_days),
        two_sides,
        *places_meet("d_", "c_"),
    ]
    return gather(d, c, candidates, a="d_", b="c_", keep=conflict, columns=[
        pl.lit("say_vs_say").alias("kind"),
        pl.lit("deny_vs_assertion.v1").alias("rule"),
        mixed_hash("d_bloc", "matter").alias("group"),
        pl.col("d_event_id").alias("official_id"),
        pl.col("c_event_id").alias("other_id"),
        pl.col("matter"),
        pl.when(pl.col("d_country") == pl.col("c_country")).then(0.8).otherwise(0.6).alias("link"),
        pl.lit(0.8).alias("directness"),
        _gap("d_", "c_").alias("gap_days"),
        pl.col("c_certainty").alias("certainty"),
        pl.col("d_official").cast(pl.Float64).alias("officialness"),
        _moment("d_", "c_").alias("at"),
    ])


_REVERSAL_SIDE = ["event_id", "actor_id", "bloc", "country", "date_start", "date_end", "places", "matters", "military",
                  "doc_id", "sentence", "subjects", "official", "certainty"]


# besides the two sides, a deed's place and an admitting speaker's soil tell whose deed is admitted
@rule("reversal.v1", "reversal", reads=[*_REVERSAL_SIDE, "place", "country_place"], rows=DENIAL | ADMISSION | DEED, window="reversal_days")
def reversal(events: pl.DataFrame | pl.LazyFrame, settings: Settings) -> pl.DataFrame:
    """The same actor, or two office holders of one bloc, deny a matter at one time and admit it at another
    (or the other way round): the earlier statement is the ``official`` side, the later one the ``other``."""
    # an admission is said as one ("admitted", "confirmed", "acknowledged"), not any assertion on the matter,
    # and admits a deed of the speaker's own side or one on its own soil, where its sentence reports a deed
    deeds = events.lazy().filter(DEED).select(
        "doc_id", "sentence", pl.col("bloc").alias("deed_bloc"), pl.col("place").alias("deed_place")
    )
    # the admissions whose sentence reports deeds, none of them of the speaker's side or on its soil
    admitting_others = (
        events.lazy().filter(ADMISSION).select("event_id", "doc_id", "sentence", "bloc", "country_place")
        .join(deeds, on=["doc_id", "sentence"], how="left")
        .group_by("event_id")
        .agg(
            (
                pl.col("deed_bloc").is_null().all()
                | ((pl.col("deed_bloc") == pl.col("bloc")) | (pl.col("deed_place") == pl.col("country_place"))).any()
            ).alias("own_deed")
        )
        .filter(~pl.col("own_deed"))
        .collect()
        .get_column("event_id")
    )
    admitted = ADMISSION & ~pl.col("event_id").is_in(admitting_others.implode())
    # whom each statement names besides its own bloc and state, worked out once per statement: how many, the
    # first and the last
    def others(p: str) -> list[pl.Expr]:
        named = pl.col(f"{p}subjects").list.set_difference(row_list(f"{p}bloc", f"{p}country"))
        return [named.list.len().alias(f"{p}others"), named.list.first().alias(f"{p}first_other"),
                named.list.last().alias(f"{p}last_other")]

    d, c = (side(events, p, _REVERSAL_SIDE, rows=rows).with_columns(others(p)) for rows, p in ((DENIAL, "d_"), (admitted, "c_")))
    keys = ["bloc", "actor_id", "official"]
    dk = by_matter(d, "d_", [f"d_{k}" for k in keys])
    ck = by_matter(c, "c_", [f"c_{k}" for k in keys])
    same_actor = pl.col("d_actor_id") == pl.col("c_actor_id")
    d_first = pl.col("d_date_end") < pl.col("c_date_start")
    c_first = pl.col("c_date_end") < pl.col("d_date_start")
    speaks_for = same_actor | pl.col("d_official") & pl.col("c_official")
    near = (_gap("d_", "c_") <= settings.reversal_days) & may_meet("d_", "c_") & (d_first | c_first)
    # one bloc's own words only, within the window: one join on the matter and the actor, and one on the
    # matter and the bloc among office holders for the pairs of two actors
    window = {"a": "c_", "b": "d_", "window": settings.reversal_days}
    candidates = pl.concat([
        within(ck, dk, "c_actor_id", "d_actor_id", keep=near & same("d_bloc", "c_bloc"), **window),
        within(ck.filter(pl.col("c_official")), dk.filter(pl.col("d_official")), "c_bloc", "d_bloc",
               keep=near & ~same("d_actor_id", "c_actor_id"), **window),
    ])
    del ck, dk  # the join's narrow rows, not needed from here on
    same_subject = pl.col("d_subjects").list.set_intersection(pl.col("c_subjects")).list.len() > 0
    # a bare denial ("no foreign troops are on our soil") names no one but its own side: the
    # others it names (at most two, all distinct) are all of the other statement's bloc or state
    def within_own(p: str, x: str) -> pl.Expr:
        n, first, last = pl.col(f"{p}others"), pl.col(f"{p}first_other"), pl.col(f"{p}last_other")
        one_of = [pl.col(f"{x}bloc"), pl.col(f"{x}country")]
        return (
            (n == 0)
            | (n == 1) & (same(first, one_of[0]) | same(first, one_of[1]))
            | (n == 2) & same(first, one_of[0]) & same(last, one_of[1])
            | (n == 2) & same(first, one_of[1]) & same(last, one_of[0])
        )

    bare = within_own("d_", "c_") | within_own("c_", "d_")
    conflict = [
        (pl.col("d_bloc") == pl.col("c_bloc")) & speaks_for & (d_first | c_first) & (_gap("d_", "c_") <= settings.reversal_days)
        & _separate("d_", "c_"),
        *places_meet("d_", "c_"),
        Unless(bare, same_subject),
    ]
    return gather(d, c, candidates, a="d_", b="c_", keep=conflict, columns=[
        pl.lit("reversal").alias("kind"),
        pl.lit("reversal.v1").alias("rule"),
        mixed_hash("d_bloc", "matter", d_first).alias("group"),  # and which came first
        pl.when(d_first).then(pl.col("d_event_id")).otherwise(pl.col("c_event_id")).alias("official_id"),
        pl.when(d_first).then(pl.col("c_event_id")).otherwise(pl.col("d_event_id")).alias("other_id"),
        pl.col("matter"),
        pl.when(same_actor).then(1.0).otherwise(0.8).alias("link"),
        pl.lit(0.9).alias("directness"),
        _gap("d_", "c_").alias("gap_days"),
        pl.min_horizontal("d_certainty", "c_certainty").alias("certainty"),
        (pl.col("d_official") & pl.col("c_official")).cast(pl.Float64).alias("officialness"),
        _moment("d_", "c_").alias("at"),
    ])


FRAMING_INPUT = {"framings": pl.List(pl.String)}


@cache
def _first_sides() -> dict[str, str]:
    return {name: next(iter(entry["sides"])) for name, entry in (lexicon("actions").get("framings") or {}).items()}


def _framed(events: pl.DataFrame | pl.LazyFrame, prefix: str, columns: list[str]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """One side of the framing rule (the framed statements), and a narrow row per event and framing: ``matter``
    the framing, ``{prefix}pole`` the side of it the event takes."""
    full = side(events, prefix, columns, rows=FRAMED)
    keyed = (
        full.lazy()
        .select(f"{prefix}row", f"{prefix}date_start", f"{prefix}date_end", f"{prefix}sig", f"{prefix}places",
                f"{prefix}bloc", f"{prefix}named", f"{prefix}framings")
        .explode(f"{prefix}framings")
        .with_columns(pl.col(f"{prefix}framings").str.split_exact(":", 1).struct.rename_fields(["matter", f"{prefix}pole"]))
        .unnest(f"{prefix}framings")
        .collect()
    )
    return full, keyed


_FRAMING_SIDE = ["event_id", "actor_id", "bloc", "country", "date_start", "date_end", "places", "framings", "doc_id", "sentence",
                 "named", "official", "certainty"]


@rule("contrary_framing.v1", "say_vs_say", reads=_FRAMING_SIDE, rows=FRAMED, window="framing_days")
def contrary_framing(events: pl.DataFrame | pl.LazyFrame, settings: Settings) -> pl.DataFrame:
    """Two camps characterise one situation in contrary terms, neither denying it: "Bamako only took
    part in a state-to-state partnership" against "they are present there on a commercial basis".

    The two statements share a place, one names the other's bloc, and they speak of the same parties
    (two or more of those each names or speaks for: Mali's government and Russia, say). The side of
    the framing that the lexicon gives first (the account a government gives of itself:
    "state-to-state", "trainers", "volunteers", "humanitarian aid") is the ``official`` side, as a
    denial is in the other rules. The matter is ``framing:side/side`` ("sponsor:state/private"),
    the official side's first."""
    require(events, FRAMING_INPUT, stage="contrary_framing.v1")
    a, ak = _framed(events, "a_", _FRAMING_SIDE)
    # both sides are the same statements: read once
    b, bk = (f.rename({c: "b_" + c[2:] for c in f.columns if c.startswith("a_")}) for f in (a, ak))
    near = (_gap("a_", "b_") <= settings.framing_days) & may_meet("a_", "b_") & (pl.col("a_bloc") != pl.col("b_bloc"))
    # each pair once: the first side of the framing on the left, the other on the right
    first_side = pl.col("matter").replace_strict(_first_sides(), default=None, return_dtype=pl.String)
    ak, bk = ak.filter(pl.col("a_pole") == first_side), bk.filter(pl.col("b_pole") != first_side)
    # the two speak of each other's camp: one names the other's bloc (a join on it, next to the
    # framing, within the window); the place and the parties are checked with the rest below
    window = {"a": "a_", "b": "b_", "window": settings.framing_days}
    named_by_b = pl.col("b_named").list.contains(pl.col("a_bloc")).fill_null(False)
    candidates = pl.concat([
        within(ak, bk, "a_bloc", "b_named", keep=near, **window),
        within(ak, bk, "a_named", "b_bloc", keep=near & ~named_by_b, **window),
    ])
    candidates = (
        candidates.join(ak.select("a_row", "matter", "a_pole"), on=["a_row", "matter"])
        .join(bk.select("b_row", "matter", "b_pole"), on=["b_row", "matter"])
        .with_columns(pl.concat_str("matter", pl.lit(":"), "a_pole", pl.lit("/"), "b_pole").alias("matter"))
        .select("a_row", "b_row", "matter")
    )
    # the two speak of the same parties: at least two of those each names or speaks for
    parties_a = pl.col("a_named").list.concat(row_list("a_bloc", "a_country")).list.unique().list.set_difference([""])
    parties_b = pl.col("b_named").list.concat(row_list("b_bloc", "b_country")).list.unique()
    shared_subject = parties_a.list.set_intersection(parties_b).list.len() >= 2
    conflict = [
        (pl.col("a_bloc") != pl.col("b_bloc")) & (_gap("a_", "b_") <= settings.framing_days) & _separate("a_", "b_"),
        pl.col("a_places").list.set_intersection(pl.col("b_places")).list.len() > 0,
        shared_subject,
    ]
    return gather(a, b, candidates, a="a_", b="b_", keep=conflict, columns=[
        pl.lit("say_vs_say").alias("kind"),
        pl.lit("contrary_framing.v1").alias("rule"),
        mixed_hash("a_bloc", "matter").alias("group"),
        pl.col("a_event_id").alias("official_id"),
        pl.col("b_event_id").alias("other_id"),
        pl.col("matter"),
        pl.when(pl.col("a_country") == pl.col("b_country")).then(0.8).otherwise(0.6).alias("link"),
        pl.lit(0.7).alias("directness"),
        _gap("a_", "b_").alias("gap_days"),
        pl.col("b_certainty").alias("certainty"),
        pl.col("a_official").cast(pl.Float64).alias("officialness"),
        _moment("a_", "b_").alias("at"),
    ])
