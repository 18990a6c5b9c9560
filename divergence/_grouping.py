"""Pairs into flags, on whole columns: grouping, flag ids, scores and explanations.

:func:`flags` does for all flags at once what :func:`divergence.flag.explain` does for one: it
never builds a Python object per event. Python only runs once per flag (a SHA-1 for the flag id,
so that it is exactly what it was), once per score that lies halfway between two roundings (where
``round`` itself decides), once per distinct date interval (``describe_interval``) and once per
distinct matter and cue.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from functools import partial

import polars as pl

from divergence._joins import SLICES_AT_ONCE, at_once, mixed_hash, slices, sort_order, take
from divergence.propositions import PROPOSITION_COLUMNS
from timeline.dates import describe_interval
from timeline.schema import EVENTS, FLAGS, empty

_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "quarter": 3, "year": 4}
_NEVER = dt.date.max  # an event without a date comes last in time
_DAY_ONE = (dt.date.min - dt.date(1970, 1, 1)).days  # the earliest date there is, as a day number
KEY = ["kind", "rule", "group"]
# a name whose last word is a plural common noun ("Russian mercenaries", "Iraqi armed forces") takes "were"
PLURAL_NAME = r"(?:^|\s)[a-z][a-z-]*[a-rt-z]s$"
MEMBER_COLUMNS = ["event_id", "actor", "date_start", "date_end", "date_precision", "places", "kind", "cue", "doc_id", "stance"]


def reduce_pairs(pairs: pl.DataFrame, pair_score: pl.Expr, window: int | None = None, ids: pl.Series | None = None) -> pl.DataFrame:
    """One row per (kind, rule, group) and episode: the best pair's score and matter, and both sides' ids.

    The matter is that of the best pair (highest score, then the lowest official and other ids).
    With a ``window``, the pairs of a group are taken in time order (``at``, undated first) and a
    new episode starts where a pair comes more than ``window`` days after the one before it, so
    that a denial in 2017 and another in 2024 are two flags, not one. With ``ids``, the pairs'
    events are numbers (number ``i`` is the event ``ids[i]``), and the ids themselves break ties. The matter
    may be a code (``Categorical``); it comes out as text.
    """
    # a group is told by a 64-bit hash of its key (kind, rule, group), then by a number, its place among the
    # distinct hashes
    ordered = pairs.lazy().select("matter", "official_id", "other_id", pl.col("at").cast(pl.Int32),
                                  pair_score.alias("pair_score"), mixed_hash(*KEY).alias("_key")).collect()
    numbers = ordered.select(pl.col("_key").unique()).with_row_index("_g")
    ordered = ordered.with_columns(
        ordered.select("_key").join(numbers, on="_key", how="left", maintain_order="left").get_column("_g")
    ).drop("_key")
    # each group's pairs in time order (undated first), by one integer: the group's number above the day
    first, last = ordered.select(pl.col("at").min().alias("first"), pl.col("at").max().alias("last")).row(0)
    days = (last - first + 2).bit_length() if first is not None else 1
    day = (pl.col("at").cast(pl.Int64) - (first or 0) + 1).fill_null(0)
    order = sort_order(ordered.select(pl.col("_g").cast(pl.Int64) * 2**days + day).to_series())
    ordered = take(ordered.with_row_index("_row"), order)
    # an episode starts at a new group, or (with a window) after a gap longer than the window
    starts = (pl.col("_g") != pl.col("_g").shift()).fill_null(True)
    if window is not None:
        starts = starts | (pl.col("at").diff().fill_null(0) > window)
    ordered = ordered.with_columns(starts.cast(pl.UInt32).cum_sum().set_sorted().alias("episode"))
    # an episode is a run of rows: grouping by its sorted number takes the runs as they stand, in order
    reduced = ordered.group_by("episode", maintain_order=True).agg(
        pl.col("_row").first(),
        pl.col("official_id").unique().alias("official_ids"),
        pl.col("other_id").unique().alias("other_ids"),
        pl.col("pair_score").max().alias("score"),
    )
    # the matter of the best pairs (episodes are numbered from 1, so episode e is row e - 1)
    best = ordered.filter(pl.col("pair_score") == reduced.get_column("score").gather(ordered.get_column("episode") - 1))
    best = best.group_by("episode", maintain_order=True).agg(pl.col("matter").min(), (pl.col("matter").n_unique() > 1).alias("_tied"))
    reduced = pl.concat([take(pairs.select(KEY), reduced.get_column("_row")), reduced.drop("_row"),
                         best.drop("episode")], how="horizontal")
    tied = reduced.filter("_tied")
    if tied.height:
        # best pairs of different matters: the lowest official id, then other id, decides (by the ids themselves)
        text = (lambda c: pl.lit(ids).gather(pl.col(c))) if ids is not None else pl.col
        decided = (
            ordered.join(tied.select("episode", pl.col("score").alias("_best")), on="episode")
            .filter(pl.col("pair_score") == pl.col("_best"))
            .with_columns(text("official_id").alias("_o"), text("other_id").alias("_x"))
            .group_by("episode")
            .agg(pl.col("matter").sort_by(["_o", "_x"]).first().alias("_matter"))
        )
        reduced = reduced.join(decided, on="episode", how="left").with_columns(pl.coalesce("_matter", "matter").alias("matter"))
    return reduced.select(*KEY, pl.col("matter").cast(pl.String), "official_ids", "other_ids", "score")


def _names(names: pl.Expr) -> pl.Expr:
    """"A", "A and B", "A, B and C", "A, B, C and 2 more"."""
    n = names.list.len()
    return (
        pl.when(n == 1)
        .then(names.list.first())
        .when(n <= 3)
        .then(pl.concat_str(names.list.head(n - 1).list.join(", "), pl.lit(" and "), names.list.last()))
        .otherwise(pl.concat_str(names.list.head(3).list.join(", "), pl.lit(" and "), (n - 3).cast(pl.String), pl.lit(" more")))
    )


def _shared_places(members: pl.DataFrame) -> pl.DataFrame:
    """``flag`` and ``shared``: the places both sides of a flag speak of, the first three as text. Where the
    places are codes, each (flag, place, side) is one integer, the place as its rank in the order of the names,
    so that finding those on both sides, in that order, takes a sort."""
    places = members.select("flag", "side", "places").explode("places").drop_nulls("places")
    flag_bits = int(places.get_column("flag").max() or 0).bit_length()
    coded = places.schema["places"] == pl.Categorical
    if coded:  # the distinct places, and their order by name
        distinct = places.get_column("places").unique()
        texts, codes = distinct.cast(pl.String).to_list(), distinct.to_physical().to_list()
        by_name = sorted(range(len(texts)), key=texts.__getitem__)
        rank_bits = max(len(texts) - 1, 1).bit_length()
    if not coded or flag_bits + rank_bits + 1 > 64:  # places as text, or too many to pack: a join
        places = places.unique()
        return (
            places.filter(pl.col("side") == 0)
            .join(places.filter(pl.col("side") == 1), on=["flag", "places"], how="inner")
            .group_by("flag")
            .agg(pl.col("places").cast(pl.String).sort().head(3).alias("shared"))
        )
    rank = places.get_column("places").to_physical().replace_strict({codes[i]: r for r, i in enumerate(by_name)},
                                                                    return_dtype=pl.UInt64)
    # (flag, place) above the side: sorted, the rows of a pair on both sides are a run in which the side
    # turns from 0 to 1 once
    flag, side = (places.get_column(c).cast(pl.UInt64) for c in ("flag", "side"))
    key = ((flag * 2**rank_bits + rank) * 2 + side).sort()
    pair = key // 2
    both = pair.filter((pair == pair.shift(1)) & (key != key.shift(1)))
    if both.is_empty():
        return pl.DataFrame(schema={"flag": pl.UInt32, "shared": pl.List(pl.String)})
    # a flag's places are a run, in the order of their names: the first three of each
    flag = (both // 2**rank_bits).cast(pl.UInt32)
    first = pl.int_range(flag.len(), dtype=pl.UInt32, eager=True) - flag.search_sorted(flag, side="left").cast(pl.UInt32) < 3
    return (
        pl.DataFrame([flag.alias("flag"),
                      (both % 2**rank_bits).replace_strict({r: texts[i] for r, i in enumerate(by_name)}, return_dtype=pl.String)
                      .alias("shared")])
        .filter(first)
        .group_by("flag", maintain_order=True)
        .agg("shared")
    )


def _lookup(frame: pl.DataFrame, cols: list[str], fn: Callable[..., str], name: str) -> pl.DataFrame:
    """``frame`` with ``name`` = ``fn(*row)`` over ``cols``, called once per distinct combination."""
    distinct = frame.select(cols).unique(maintain_order=True)
    table = distinct.with_columns(pl.Series(name, [fn(*row) for row in distinct.iter_rows()], dtype=pl.String))
    # each row's value, found by its columns alone (a null matches a null), in the frame's order
    found = frame.select(cols).join(table, on=cols, how="left", maintain_order="left", nulls_equal=True)
    return frame.with_columns(found.get_column(name))


MEMBERS_AT_ONCE = 2_000_000  # member rows (a flag's events, side by side) handled at once


def flags(groups: pl.DataFrame, info: pl.DataFrame, labels: dict[str, str], *,
          framing: dict[str, tuple[str, str]] | None = None,
          sources: pl.DataFrame | None = None, step: float = 0.02, cap: int = 3) -> pl.DataFrame:
    """The FLAGS frame of the reduced groups, best first. ``info`` (:func:`member_info`) gives each
    member's actor, dates, places, kind, cue, stance and article; ``labels`` the wording of known
    matters, and ``framing`` that of each side of a contrary framing (``framing:side/side``).
    ``sources`` (event → source) says who independently reports each event of the other side;
    without it each article counts as one. Each source beyond the first adds ``step``, at most
    ``cap`` of them.

    The flags are worded a slice at a time, of about ``MEMBERS_AT_ONCE`` member rows each (a few slices
    at once, :data:`divergence._joins.SLICES_AT_ONCE`), so that memory stays bounded however many flags there are."""
    if groups.is_empty():
        return empty(FLAGS)
    groups = groups.with_row_index("flag")
    sizes = groups.select((pl.col("official_ids").list.len() + pl.col("other_ids").list.len()).cum_sum()).to_series()
    if info.is_empty():  # no flag has events on both sides
        return empty(FLAGS)
    cuts = slices(sizes, MEMBERS_AT_ONCE)
    # each member event's place in time order, by its number
    at = pl.Series([None], dtype=pl.UInt32).extend_constant(None, int(info.get_column("event_id").max()))
    at = at.scatter(info.get_column("event_id"), info.get_column("_t"))
    def worded(bounds: tuple[int, int]) -> pl.DataFrame:
        a, b = bounds
        return _worded(groups.slice(a, b - a), info, at, labels, framing=framing, sources=sources, step=step, cap=cap)

    # several slices at a time: while one is in Python (flag ids, dates in words), the others are in polars
    out = pl.concat(list(at_once(worded, zip(cuts, cuts[1:]), SLICES_AT_ONCE)))
    return (
        out.select(list(FLAGS))
        .sort(["score", "flag_id", "kind", "rule", "matter", "explanation"], descending=[True, False, False, False, False, False])
    )


def member_info(groups: pl.DataFrame, events: pl.DataFrame, ids: pl.Series) -> pl.DataFrame:
    """Each event of any of the groups' flags once, numbered ``_t`` in time order (start, undated
    last; actor; end; precision; ``_in_time`` is the row of each number in turn), with the columns the
    wording reads: ``id_text`` (its id), where the ids allow
    it ``_id_order`` (:func:`_id_order`, their text order as numbers), ``deed`` (the cue
    in lower case, for deeds; else null) and ``_precise``, which is least for the most precise date, then the
    earliest, then the first in time order (its low bits are ``_t``).
    ``events`` is what :func:`divergence._joins.coded` makes of the events: event ``i`` is its row
    ``i``, whose id is ``ids[i]``, as in the groups."""
    # each event of the flags once, in the order of the rows: marked in a column of one flag per event
    numbers = pl.concat([groups.get_column(c).explode() for c in ("official_ids", "other_ids")]).drop_nulls()
    rows = pl.zeros(events.height, dtype=pl.Boolean, eager=True).scatter(numbers, True).arg_true()
    types = {**EVENTS, **PROPOSITION_COLUMNS}
    # the places a flag's sentence names are those its events name as places, where the events say
    source = {"places": "where"} if "where" in events.columns else {}
    names = {c: source.get(c, c) for c in MEMBER_COLUMNS if c != "event_id"}
    # a column of nulls may come untyped and a coded one is text again, but names stay codes (compared,
    # collected and gathered as integers) and articles their hashed ids (only counted)
    kept = {"actor": pl.Categorical, "doc_id": pl.UInt64, "places": pl.List(pl.Categorical), "kind": pl.Categorical,
            "stance": pl.Categorical, "date_precision": pl.Categorical}
    typed = [pl.col(c) if kept.get(c) == events.schema[n] else pl.col(c).cast(types[c]) for c, n in names.items()]
    info = take(events.select("event_id", *(pl.col(n).alias(c) for c, n in names.items())), rows).select("event_id", *typed)

    def texts() -> list[pl.Series]:
        """The events' ids, and their order (:func:`_id_order`) where the ids allow it."""
        text = ids.gather(rows).alias("id_text")
        return [text] if (order := _id_order(text)) is None else [text, order]

    # the ids and the time order at once: one of them is mostly a step on one core
    text, in_time = at_once(lambda job: job(), [texts, partial(_in_time, info)])
    # the rows stay where they are: each knows its place in time order, and each place its row
    t = pl.zeros(info.height, dtype=pl.UInt32, eager=True).scatter(in_time, pl.int_range(info.height, dtype=pl.UInt32, eager=True))
    info = info.with_columns(*text, t.alias("_t"), in_time.alias("_in_time"))
    cues = info.get_column("cue").drop_nulls().unique().to_list()
    lower = {c: c.lower() for c in cues if c}
    deed = pl.when(pl.col("kind") == "action").then(pl.col("cue").replace_strict(lower, default=None, return_dtype=pl.String))
    # the most precise date first, then the earliest, then the first in time order: one integer, whose low bits are _t
    places = _t_bits(info.height)
    return info.with_columns(
        deed.alias("deed"),
        ((_rank() * 10_000_000 + _day_number("date_start")) * 2**places + pl.col("_t").cast(pl.Int64)).alias("_precise"),
    ).drop("cue", "kind")


def _rank() -> pl.Expr:
    """The rank of a date's precision (the day first)."""
    return pl.col("date_precision").replace_strict(_PRECISION_RANK, default=9, return_dtype=pl.Int64)


def _day_number(c: str) -> pl.Expr:
    """Column ``c``, a date, as days since the earliest date there is (undated: the latest)."""
    return pl.col(c).fill_null(_NEVER).cast(pl.Int32).cast(pl.Int64) - _DAY_ONE


def _in_time(info: pl.DataFrame) -> pl.Series:
    """The rows of ``info`` in time order (``UInt32``): by start (undated last), actor, end (undated last) and precision."""
    # actors are compared by their rank among the distinct actors, which is quicker than by name
    actors = sorted(info.get_column("actor").drop_nulls().unique().cast(pl.String).to_list())
    actor_rank = pl.col("actor").replace_strict({a: i + 1 for i, a in enumerate(actors)}, default=0, return_dtype=pl.Int64)
    rank = _rank()
    # in order of the start (undated last), the actor, the end (undated last) and the precision, put in one
    # integer where they fit, else two: the start above the actor, the end above the precision. Events equal
    # in all four are worded alike, whatever their order.
    def since_first(c: str) -> tuple[pl.Expr, int]:
        """The day as a number from 0 (undated after the last), and the bits it takes."""
        lo, hi = info.select(pl.col(c).min().alias("lo"), pl.col(c).max().alias("hi")).row(0)
        if lo is None:
            return pl.lit(0, pl.Int64), 1
        span = (hi - lo).days + 1
        return (pl.col(c).cast(pl.Int32).cast(pl.Int64) - (lo - dt.date(1970, 1, 1)).days).fill_null(span), span.bit_length()

    (start, start_bits), (end, end_bits) = since_first("date_start"), since_first("date_end")
    actor_bits = (len(actors) + 1).bit_length()
    if start_bits + actor_bits + end_bits + 4 + max(info.height, 2).bit_length() <= 63:
        key = ((start * 2**actor_bits + actor_rank) * 2**end_bits + end) * 16 + rank
        in_time = sort_order(info.select(key).to_series())
    else:
        in_time = info.select(pl.int_range(pl.len(), dtype=pl.UInt32).sort_by(
            _day_number("date_start") * 2**32 + actor_rank, _day_number("date_end") * 16 + rank, maintain_order=True)).to_series()
    return in_time.cast(pl.UInt32)


def _id_order(ids: pl.Series) -> pl.Series | None:
    """``_id_order``: a number per id in the order of the ids as text, where that order is the order of their
    values as hexadecimal numbers of up to 16 digits: ids of one length, all of digits and lower-case
    letters a to f, as gapline's own are (16 hex digits of a SHA-1). Otherwise ``None``.

    >>> _id_order(pl.Series(["0a", "09", "ff"])).to_list()
    [10, 9, 255]
    >>> _id_order(pl.Series(["0a", "9"])) is None  # of two lengths
    True
    """
    lengths = ids.str.len_bytes()
    if ids.is_empty() or ids.null_count() or lengths.max() > 16 or lengths.min() != lengths.max():
        return None
    if not ids.str.contains(r"^[0-9a-f]+$").all():
        return None
    return ids.str.to_integer(base=16, dtype=pl.UInt64).alias("_id_order")


def _t_bits(n: int) -> int:
    """The bits that hold a place in time order among ``n`` member events."""
    return max(n, 1).bit_length()


def _worded(groups: pl.DataFrame, info: pl.DataFrame, at: pl.Series, labels: dict[str, str], *,
            framing: dict[str, tuple[str, str]] | None, sources: pl.DataFrame | None, step: float, cap: int) -> pl.DataFrame:
    """:func:`flags` for a slice of the groups, unsorted; ``at`` gives a numbered event's place in ``info``."""
    def side(ids: str, number: int) -> pl.DataFrame:
        return groups.select("flag", pl.col(ids).alias("event_id")).explode("event_id").with_columns(side=pl.lit(number, pl.Int8))

    official, other = side("official_ids", 0), side("other_ids", 1)
    # an event on both sides of a flag counts as the official side's; only an event that is on an official side
    # and on an other side in the slice can be
    if other.get_column("event_id").is_in(official.get_column("event_id").implode()).any():
        other = other.join(official, on=["flag", "event_id"], how="anti")
    members = pl.concat([official, other]).filter(pl.col("event_id").is_not_null())
    # a member is one number: its (side, flag) above the low bits, its event's place in time order in them.
    # Sorted, the numbers put members in (side, flag, time) order; each then takes its event's columns from the row of its place
    low = _t_bits(info.height)
    flag_bits = int(groups.get_column("flag").max()).bit_length()
    slot = pl.col("side").cast(pl.UInt64) * 2**flag_bits + pl.col("flag").cast(pl.UInt64)
    key = (members.select(slot * 2**low).to_series() + at.gather(members.get_column("event_id")).cast(pl.UInt64)).sort()
    slot = (key // 2**low).alias("_slot")
    in_time = info.get_column("_in_time")  # the row of each place in time order
    # what the wording reads of each member (the dates only of the most precise event of each side, below)
    read = [c for c in info.columns if c not in ("_t", "_in_time", "date_start", "date_end", "date_precision")]
    members = pl.concat([pl.DataFrame([(slot % 2**flag_bits).cast(pl.UInt32).alias("flag"),
                                       (slot // 2**flag_bits).cast(pl.Int8).alias("side"), slot.set_sorted()]),
                         take(info.select(read), in_time.gather((key % 2**low).cast(pl.UInt32)))], how="horizontal")
    # one flag's side is a run of rows: grouping by the sorted number takes the runs as they stand, the official
    # sides first, each with what its wording reads
    common = [
        pl.col("flag").first(),
        (pl.col("id_text").sort_by("_id_order") if "_id_order" in info.columns else pl.col("id_text").sort()).alias("ids"),
        pl.col("actor").unique(maintain_order=True).alias("names"),
        pl.col("_precise").min(),
    ]
    officials = members.height - int(members.get_column("side").sum())
    off = members.head(officials).group_by("_slot", maintain_order=True).agg(*common, pl.col("stance").first().alias("first_stance"))
    others = members.slice(officials)
    oth = others.group_by("_slot", maintain_order=True).agg(*common, pl.col("doc_id").n_unique().alias("docs"))
    # the deeds of each other side, read from those of its members that are deeds alone
    deeds = (others.filter(pl.col("deed").is_not_null()).group_by("_slot", maintain_order=True)
             .agg(pl.col("deed").unique().sort().head(3).alias("deeds")))
    oth = oth.join(deeds, on="_slot", how="left", maintain_order="left")

    def when(sides: pl.DataFrame) -> pl.DataFrame:
        """``sides`` with ``when``: the dates of each side's most precise event (found by its place in time order), in words."""
        first = in_time.gather((sides.get_column("_precise") % 2**low).cast(pl.UInt32))
        dates = take(info.select(pl.col("date_start").alias("w_start"), pl.col("date_end").alias("w_end"),
                                 pl.col("date_precision").alias("w_precision")), first)
        sides = pl.concat([sides.drop("_precise"), dates], how="horizontal").with_columns(
            pl.col("w_precision").cast(pl.String), pl.col("names").cast(pl.List(pl.String))
        )
        return _lookup(sides, ["w_start", "w_end", "w_precision"], describe_interval, "when")

    off, oth = when(off), when(oth)
    shared = _shared_places(members)
    if sources is not None:
        # independent reports: the distinct sources of every mention of the other side's events
        reach = (
            members.slice(officials).select("flag", "event_id")
            .join(sources, on="event_id", how="inner")
            .group_by("flag").agg(pl.col("source").n_unique().alias("sources"))
        )
        oth = oth.join(reach, on="flag", how="left", maintain_order="left").with_columns(
            pl.col("sources").fill_null(1).alias("docs")
        ).drop("sources")
    off = off.select(
        "flag", pl.col("ids").alias("official_ids"), pl.col("names").alias("off_names"), pl.col("when").alias("off_when"),
        "first_stance",
    )
    oth = oth.select(
        "flag", pl.col("ids").alias("other_ids"), pl.col("names").alias("oth_names"), pl.col("when").alias("oth_when"),
        "deeds", "docs",
    )
    # both sides are in the order of their flags: side by side where every flag has both, as most do;
    # a flag needs someone on the other side
    if not off.get_column("flag").equals(oth.get_column("flag")):
        off = off.filter(pl.col("flag").is_in(oth.get_column("flag").implode()))
        oth = oth.filter(pl.col("flag").is_in(off.get_column("flag").implode()))
    first = groups.get_column("flag").min()  # the slice's flags are numbered one after another from it
    out = pl.concat([
        take(groups.select("kind", "rule", "matter", "score"), (off.get_column("flag") - first).cast(pl.UInt32)),
        off, oth.drop("flag"),
    ], how="horizontal").join(shared, on="flag", how="left")
    matters = out.get_column("matter").unique().to_list()
    topic = {m: labels.get(m, m.lower().replace("_", " ")) for m in matters if m is not None}  # as explain() words it
    where = pl.when(pl.col("shared").list.len() > 0).then(pl.concat_str(pl.lit(" in "), pl.col("shared").list.join(", ")))
    topic = pl.col("matter").replace_strict(topic, default=None, return_dtype=pl.String)
    what = pl.when(pl.col("deeds").list.len() > 0).then(pl.concat_str(pl.col("deeds").list.join(", "), pl.lit("; ")))
    plural = pl.col("oth_names").list.first().str.contains(PLURAL_NAME)
    be = pl.when((pl.col("oth_names").list.len() == 1) & ~plural).then(pl.lit("was")).otherwise(pl.lit("were"))
    framing = {m: w for m, w in (framing or {}).items() if m in matters}
    ours = pl.col("matter").replace_strict({m: w[0] for m, w in framing.items()}, default=None, return_dtype=pl.String)
    theirs = pl.col("matter").replace_strict({m: w[1] for m, w in framing.items()}, default=None, return_dtype=pl.String)
    said = [_names(pl.col("off_names")), pl.lit(" "), None, pl.lit(" "), topic, where.otherwise(pl.lit("")), pl.lit(" ("),
            pl.col("off_when"), pl.lit(")")]

    def official_said(verb: str) -> pl.Expr:
        return pl.concat_str([pl.lit(verb) if e is None else e for e in said])

    deny = official_said("denied")
    # each kind of flag is worded by its own expression, on its own rows
    wordings = [
        (ours.is_not_null(),
         pl.concat_str(_names(pl.col("off_names")), pl.lit(" spoke of "), ours, where.otherwise(pl.lit("")), pl.lit(" ("),
                       pl.col("off_when"), pl.lit("), while "), _names(pl.col("oth_names")), pl.lit(" spoke of "), theirs,
                       pl.lit(" ("), pl.col("oth_when"), pl.lit(").")),),
        (pl.col("kind") == "say_vs_do",
         pl.concat_str(deny, pl.lit(", while "), _names(pl.col("oth_names")), pl.lit(" "), be,
                       pl.lit(" reported doing it ("), what.otherwise(pl.lit("")), pl.col("oth_when"), pl.lit(")."))),
        ((pl.col("kind") == "reversal") & (pl.col("first_stance") == "deny"),
         pl.concat_str(deny, pl.lit(", then "), _names(pl.col("oth_names")), pl.lit(" admitted it ("), pl.col("oth_when"),
                       pl.lit(")."))),
        (pl.col("kind") == "reversal",
         pl.concat_str(official_said("acknowledged"), pl.lit(", then "), _names(pl.col("oth_names")), pl.lit(" denied it ("),
                       pl.col("oth_when"), pl.lit(")."))),
        (None,
         pl.concat_str(deny, pl.lit(", while "), _names(pl.col("oth_names")), pl.lit(" said otherwise ("), pl.col("oth_when"),
                       pl.lit(")."))),
    ]
    # the first wording whose test holds (the last words the rest), each on its own rows
    which = pl.lit(len(wordings) - 1, pl.UInt8)
    for i, (test, _) in reversed(list(enumerate(wordings[:-1]))):
        which = pl.when(test.fill_null(False)).then(pl.lit(i, pl.UInt8)).otherwise(which)
    parts = out.with_columns(which.alias("_wording")).partition_by("_wording", as_dict=True, include_key=False)
    out = pl.concat([part.with_columns(wordings[i][1].alias("explanation")) for (i,), part in parts.items()])
    key = pl.concat_str(pl.col("rule"), pl.col("official_ids").list.join("|"), pl.lit("/"), pl.col("other_ids").list.join("|"),
                        separator="|")
    corroboration = (pl.col("docs").cast(pl.Int64) - 1).clip(lower_bound=0, upper_bound=cap) * step
    out = out.with_columns(key.alias("_key"), (pl.col("score") + corroboration).alias("_score"))
    # once per flag: the id, a hash of the rule and evidence
    sha1 = hashlib.sha1
    flag_ids = [sha1(k).hexdigest()[:12] for k in out.get_column("_key").cast(pl.Binary).to_list()]
    return out.with_columns(pl.Series("flag_id", flag_ids, dtype=pl.String), _rounded(out.get_column("_score")).alias("score"))


def _rounded(values: pl.Series, digits: int = 3) -> pl.Series:
    """Each value, at most 1, rounded to ``digits`` places as Python's ``round`` rounds it: on the whole
    column, and by ``round`` itself where a value lies within a hair of halfway between two roundings
    (elsewhere the nearest whole number of thousandths is the same however it is computed)."""
    scale = 10**digits
    values = values.cast(pl.Float64).clip(upper_bound=1.0)
    scaled = values * scale
    # divided by a column of the scale, not by a number: polars would multiply by its inverse, which can be a bit off
    out = (scaled.round() / pl.Series([float(scale)]).new_from_index(0, len(values))).alias(values.name)
    halfway = ((scaled - scaled.floor() - 0.5).abs() < 1e-6).fill_null(False)
    if halfway.any():
        at = halfway.arg_true()
        out = out.scatter(at, [round(v, digits) for v in values.gather(at)])
    return out
