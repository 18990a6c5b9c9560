"""Joins for the divergence rules that stay small when the events are many.

The plain way to pair a denial with what contradicts it is to join both sides on the matter
and filter; with millions of events that join holds billions of rows. The rules use these
pieces instead:

- :func:`side` reads one side of a rule once, numbers its rows and adds a place signature;
- :func:`by_matter` gives one narrow row per event and matter for the joins;
- :func:`within` pairs rows on (matter, key) whose dates are within a window, without forming
  the pairs that are further apart: the right side is sorted by (matter, key, start) and each
  left row takes, by binary search, the slice of right rows that can be near it;
- :func:`gather` puts every column of both sides next to the candidate pairs, a slice at a
  time, so that the rule can check its full condition.

Everything here works on row numbers and whole columns; nothing loops over events in Python.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import NamedTuple, TypeVar

import polars as pl

from divergence.propositions import PROPOSITION_COLUMNS
from timeline.schema import EVENTS

TYPES = {**EVENTS, **PROPOSITION_COLUMNS}
ARMED = ["MOBILIZE", "ASSAULT", "FIGHT"]
CHUNK = 500_000  # candidate rows handled at once
T, R = TypeVar("T"), TypeVar("R")
PART_ROWS = 500_000  # rows of the larger side of a range join handled at once
SLICES_AT_ONCE = 3  # parts of a range join, slices of candidates or of flags to word, worked on at once


_POWERS = [2**i for i in range(64)]


def take(frame: pl.DataFrame, rows: pl.Series) -> pl.DataFrame:
    """The ``rows`` of ``frame`` (row places, ``UInt32``), every column gathered at once: the places are
    checked once, not once per column as ``frame.select(pl.all().gather(rows))`` checks them. Each column
    comes out in one buffer, whatever the buffers of ``rows``.

    >>> take(pl.DataFrame({"a": [1, 2, 3], "b": ["x", "y", "z"]}), pl.Series([2, 0], dtype=pl.UInt32)).rows()
    [(3, 'z'), (1, 'x')]
    """
    return frame[rows.rechunk()]


def at_once(fn: Callable[[T], R], items: Iterable[T], n: int = 2) -> Iterator[R]:
    """``fn`` of each item, in the order of the items, ``n`` of them running at once, in threads: much of a
    polars step (a search, a gather, a copy, a filter of one column) runs on one core, and Python code holds
    one, so two or three steps at once keep two cores busy.

    >>> list(at_once(lambda x: x * 2, range(5)))
    [0, 2, 4, 6, 8]
    """
    items = list(items)
    if len(items) <= 1:
        yield from map(fn, items)
        return
    with ThreadPoolExecutor(max_workers=n) as pool:
        yield from pool.map(fn, items)


def signature(col: str, longest: int, coded: bool = False) -> pl.Expr:
    """64 bits, one set for each element of a list, 0 for an empty or missing list (or one of nulls): two
    lists that share an element share a bit (two that share a bit need not share an element). An element
    sets the bit of its hash, or, with ``coded`` (a list of codes, ``Categorical``), of its code, which is
    quicker. ``longest`` is the length of the longest list: the bits are set element by element up to it."""
    powers = pl.lit(pl.Series(_POWERS, dtype=pl.UInt64))

    def bit(i: int) -> pl.Expr:
        element = pl.col(col).list.get(i, null_on_oob=True)
        if coded:  # a missing element has no code
            return powers.gather(element.to_physical() % 64).fill_null(0)
        return pl.when(element.is_not_null()).then(powers.gather(element.hash() % 64)).otherwise(0)

    bits = pl.lit(0, dtype=pl.UInt64)
    for i in range(longest):
        bits = bits | bit(i)
    return bits


def row_list(*cols: str) -> pl.Expr:
    """The values of ``cols`` (columns of one type) as one list per row, as ``pl.concat_list`` makes it, but
    by way of a fixed-size array, which is many times quicker.

    >>> pl.DataFrame({"a": ["x", None], "b": ["y", "z"]}).select(row_list("a", "b")).to_series().to_list()
    [['x', 'y'], [None, 'z']]
    """
    return pl.concat_arr(*cols).arr.to_list()


def may_meet(a: str, b: str) -> pl.Expr:
    """False only where both place lists are non-empty and share no place (by their signatures)."""
    sa, sb = pl.col(f"{a}sig"), pl.col(f"{b}sig")
    return (sa == 0) | (sb == 0) | ((sa & sb) != 0)


class Unless(NamedTuple):
    """A condition for :func:`gather` in two parts: the pairs for which ``holds`` holds pass; the others pass
    where ``check`` holds. ``check`` (and the columns only it reads) is only worked out for those others, so a
    costly test (on list columns) is left to the few pairs that a quick one cannot tell."""

    holds: pl.Expr
    check: pl.Expr


def places_meet(a: str, b: str) -> list[pl.Expr | Unless]:
    """The conditions, for :func:`gather`, that the place lists of two sides (``{a}places``, ``{b}places``) meet:
    one of them is empty, or they share a place (a missing list meets only an empty one). Where both name one
    place, which is the most common, the two first places tell; the lists are only read where one side names
    more than one."""
    na, nb = pl.col(f"{a}nplaces"), pl.col(f"{b}nplaces")
    pa, pb = pl.col(f"{a}places"), pl.col(f"{b}places")
    one_each = (na == 1) & (nb == 1)
    return [
        ~one_each | pl.col(f"{a}place1").eq_missing(pl.col(f"{b}place1")),
        Unless((na == 0) | (nb == 0) | one_each, pa.list.set_intersection(pb).list.len() > 0),
    ]


def mixed_hash(*values: str | pl.Expr) -> pl.Expr:
    """A 64-bit hash of the ``values`` (columns by name, or expressions) together, mixed from the hash of each:
    several times quicker than the hash of them as one struct, and as unlikely to be shared by two rows
    that differ. Like any polars hash, it is only compared within one run.

    >>> frame = pl.DataFrame({"a": ["x", "x", "y"], "b": [1, 2, 1]})
    >>> frame.select(mixed_hash("a", "b").n_unique()).item()
    3
    """
    mixed = None
    for v in values:
        h = (pl.col(v) if isinstance(v, str) else v).hash()
        mixed = h if mixed is None else mixed * 0x9E3779B97F4A7C15 + h
    return mixed.hash()


def same(x: str | pl.Expr, y: str | pl.Expr) -> pl.Expr:
    """``x == y`` (columns by name, or expressions), with null as false."""
    x, y = (pl.col(v) if isinstance(v, str) else v for v in (x, y))
    return (x == y).fill_null(False)


#: Each type of a column of names as text, and the same names as codes.
AS_CODES = {pl.String: pl.Categorical, pl.List(pl.String): pl.List(pl.Categorical)}

#: The columns that name things from a small vocabulary (actors, places, matters, stances): :func:`coded`
#: holds them as codes (``Categorical``), which compare, join and gather as integers.
CODED = ["kind", "stance", "polarity", "actor_id", "bloc", "country", "country_place", "place", "action_class", "matters",
         "places", "named", "subjects", "chain", "actor", "cue", "date_precision", "where"]


def coded(events: pl.DataFrame | pl.LazyFrame, columns: list[str], rows: pl.Expr | None = None) -> tuple[pl.DataFrame, pl.Series]:
    """``columns`` of the ``rows`` of ``events`` (all of them by default) read into memory once, with
    each event id replaced by its row number, those of :data:`CODED` that hold text as codes
    (``Categorical``) and each article's id by a 64-bit hash of it (the rules only ask whether two
    events come from one article); and the event ids (number ``i`` is ``ids[i]``).

    The rules filter, join and gather these columns many times over: as numbers and codes they
    take a fraction of the memory of text and compare as integers. Names come out of a rule as
    they went in (a matter as a code), event ids as numbers."""
    schema = events.collect_schema()

    def code(c: str) -> pl.Expr:
        if c == "doc_id" and schema[c] == pl.String:  # only ever compared: an article by a 64-bit hash of its id
            return pl.col(c).hash()
        if c in CODED and schema[c] in AS_CODES:
            return pl.col(c).cast(AS_CODES[schema[c]])
        return pl.col(c)

    frame = events.lazy()
    if rows is not None:
        frame = frame.filter(rows)
    frame = frame.select(code(c) for c in columns if c in schema).collect()
    ids = frame.get_column("event_id").cast(pl.String)
    frame = frame.with_columns(pl.int_range(pl.len(), dtype=pl.UInt32).alias("event_id"))
    # so that the sides and the members are gathered from it quickly
    return _one_buffer_each(frame), ids


def _one_buffer_each(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` with each column in one buffer: gathering rows from it is quicker. Two columns at a time,
    each put in place as soon as it is done, to keep memory low."""
    for i, column in enumerate(at_once(lambda c: frame.get_column(c).rechunk(), frame.columns)):
        frame.replace_column(i, column)
    return frame


def _typed(c: str, dtype: pl.DataType, alias: str, codes: bool) -> pl.Expr:
    """Column ``c`` as the type the rules expect (a column of nulls may come untyped); what
    :func:`coded` made of it (numbered events, hashed articles) stays as it is, and names are codes
    (``Categorical``) where ``codes``, else text, so that the names of one side are of one type."""
    want = TYPES[c]
    if c == "event_id" and dtype == pl.UInt32 or c == "doc_id" and dtype == pl.UInt64:
        return pl.col(c).alias(alias)
    if codes and c in CODED:
        want = AS_CODES.get(want, want)
    return (pl.col(c) if dtype == want else pl.col(c).cast(want)).alias(alias)


def _codes(schema: pl.Schema) -> bool:
    """Whether the names in ``schema`` are codes: some column of :data:`CODED` is."""
    return any(schema[c] in AS_CODES.values() for c in CODED if c in schema)


def side(events: pl.DataFrame | pl.LazyFrame, prefix: str, columns: list[str], rows: pl.Expr | None = None) -> pl.DataFrame:
    """The ``rows`` of one side of a rule (all of them by default), read once: ``columns`` prefixed, a row
    number ``{prefix}row`` (its position), ``{prefix}sig``, the signature of its places, and the number of
    its places and the first of them (``{prefix}nplaces``, ``{prefix}place1``: most events name one place at
    most, and :func:`places_meet` needs no more of them). Each column is one buffer, so that gathering its
    rows is quick."""
    schema = events.collect_schema()
    codes = _codes(schema)
    typed = [_typed(c, schema[c], f"{prefix}{c}", codes) for c in columns]
    if isinstance(events, pl.DataFrame):
        # the rows gathered by their places: one buffer per column at once
        picked = events.select(pl.col(columns))
        if rows is not None:
            picked = take(picked, events.select(rows.fill_null(False).arg_true()).to_series())
        frame = picked.select(typed).with_row_index(f"{prefix}row")
    else:
        frame = (events if rows is None else events.filter(rows)).select(typed).with_row_index(f"{prefix}row").collect()
    longest = frame.select(pl.col(f"{prefix}places").list.len().max()).item() or 0
    places = pl.col(f"{prefix}places")
    frame = frame.with_columns(
        signature(f"{prefix}places", longest, codes).alias(f"{prefix}sig"),
        places.list.len().cast(pl.UInt32).alias(f"{prefix}nplaces"),
        places.list.first().alias(f"{prefix}place1"),
    )
    return _one_buffer_each(frame) if isinstance(events, pl.LazyFrame) else frame


def by_matter(frame: pl.DataFrame, prefix: str, keys: list[str]) -> pl.DataFrame:
    """One row per event and matter (the armed classes of a military event as one matter, "armed
    involvement"), with the row number, dates, place signature and the columns ``keys``."""
    keep = [f"{prefix}{c}" for c in ("row", "date_start", "date_end", "sig")]
    matters = pl.col(f"{prefix}matters")
    involvement = pl.lit("armed involvement").cast(frame.schema[f"{prefix}matters"].inner)
    armed_as_one = matters.list.eval(pl.when(pl.element().is_in(ARMED)).then(involvement).otherwise(pl.element()))
    return (
        frame.lazy()
        # each matter of an event once (two armed classes are one matter): in its list, before the lists are exploded
        .select(*keep, pl.when(pl.col(f"{prefix}military")).then(armed_as_one).otherwise(matters).list.unique(maintain_order=True)
                .alias("matter"), *keys)
        .explode("matter")
        .filter(pl.col("matter").is_not_null())
        .collect()
    )


def _needs(*exprs: pl.Expr) -> set[str]:
    """The columns the expressions read."""
    return {name for e in exprs for name in e.meta.root_names()}


def _days(col: str) -> pl.Expr:
    return pl.col(col).cast(pl.Int32).cast(pl.Int64)


def _series_days(frame: pl.DataFrame, col: str) -> pl.Series:
    return frame.get_column(col).cast(pl.Int32).cast(pl.Int64)


def _search(values: pl.Series, queries: pl.Series, side: str = "left") -> pl.Series:
    """Where each of ``queries`` goes in the sorted ``values`` (a binary search per query)."""
    return pl.select(pl.lit(values).search_sorted(pl.lit(queries), side=side)).to_series()


def sort_order(key: pl.Series) -> pl.Series:
    """The positions of ``key``'s values (integers, none null or negative) in ascending order, equal values
    in the order they stand. Where the largest value and the positions fit in 63 bits together, each value is
    sorted with its position in its low bits (sorting values is about three times quicker than sorting
    positions by value); otherwise positions are sorted by value.

    >>> sort_order(pl.Series([3, 1, 3, 0])).to_list()
    [3, 1, 0, 2]
    >>> sort_order(pl.Series([2**62, 1, 2**62, None])).to_list()  # too large to pack, and a null (first)
    [3, 1, 0, 2]
    """
    n = key.len()
    low = max(n - 1, 1).bit_length()
    top = key.max() if n else 0
    if n and key.null_count() == 0 and key.min() >= 0 and int(top).bit_length() + low <= 63:
        packed = (key.cast(pl.Int64) * 2**low + pl.int_range(n, dtype=pl.Int64, eager=True)).sort()
        return (packed % 2**low).cast(pl.UInt32 if low <= 32 else pl.UInt64)
    return pl.select(pl.int_range(n, dtype=pl.UInt64).sort_by(key, maintain_order=True)).to_series()


def slices(totals: pl.Series, size: int) -> list[int]:
    """Row bounds, ascending from 0 to the last row, that cut rows with running ``totals`` into slices
    of about ``size`` each (each slice at least one row)."""
    n = totals.len()
    steps = pl.int_range(size, int(totals.max() or 0), size, eager=True)
    inner = _search(totals, steps).to_list() if steps.len() else []
    return sorted({0, *(min(i + 1, n) for i in inner), n})


def _numbered(left: pl.DataFrame, right: pl.DataFrame, lkey: str, rkey: str) -> tuple[pl.DataFrame, pl.DataFrame, bool]:
    """Both sides with ``_gi``, the number (Int64) of their (matter, key) group, equal on both sides for the same
    group; and whether the numbers are exact. Where the matter and keys are codes (``Categorical``), a
    group's number is made of its matter's and key's codes: exact, and a row whose group the other side
    lacks is left out. Otherwise it is the place of a 64-bit hash of the two among the right side's hashes,
    and a left row whose group the right side lacks is left out."""
    codes = [f.schema[c] for f, c in ((left, "matter"), (right, "matter"), (left, lkey), (right, rkey))]
    if all(c == pl.Categorical for c in codes):
        top = max(f.select(pl.col(c).to_physical().max()).item() or 0
                  for f, c in ((left, "matter"), (right, "matter"), (left, lkey), (right, rkey))) + 1
        if top < 2**20:  # a number and a day still fit in 64 bits
            def number(key: str) -> pl.Expr:
                return (pl.col("matter").to_physical().cast(pl.Int64) * top + pl.col(key).to_physical().cast(pl.Int64)).alias("_gi")
            left, right = left.with_columns(number(lkey)), right.with_columns(number(rkey))
            # a row whose group the other side lacks meets no one: it is not sorted, nor searched for
            left = left.filter(pl.col("_gi").is_in(right.get_column("_gi").implode()))
            right = right.filter(pl.col("_gi").is_in(left.get_column("_gi").implode()))
            return left, right, True

    def hashed(key: str) -> pl.Expr:
        return mixed_hash("matter", key).alias("_g")

    right = right.with_columns(hashed(rkey))
    groups = right.select(pl.col("_g").unique()).with_row_index("_gi").with_columns(pl.col("_gi").cast(pl.Int64))
    right = right.join(groups, on="_g").drop("_g")
    left = left.with_columns(hashed(lkey)).join(groups, on="_g").drop("_g")
    return left, right, False


def within(
    left: pl.DataFrame, right: pl.DataFrame, lkey: str, rkey: str, *, a: str, b: str, window: int, keep: pl.Expr,
    part_rows: int | None = None,
) -> pl.DataFrame:
    """``(a_row, b_row, matter)`` of the rows of ``left`` and ``right`` with the same matter and key
    (``lkey`` = ``rkey``) for which ``keep`` holds, each pair once: the same pairs as
    ``left.join(right, left_on=["matter", lkey], right_on=["matter", rkey]).filter(keep)``, as
    long as ``keep`` only holds for rows whose dates are within ``window`` days. A key that is a
    list column pairs rows that share any of its elements.

    Rows with both dates are paired by range: for a left interval [s, e] a right interval
    [s', e'] can only be within the window if s' <= e + window and e' >= s - window, so if
    s' >= s - window - (the longest right interval). The right rows are sorted by (matter, key,
    start); each left row finds its slice by binary search, one pass for short right intervals
    (a month or less) and one for longer ones. Rows without a date go through the plain join.
    Large sides are split by matter into parts of about ``part_rows`` rows, done :data:`SLICES_AT_ONCE` at a time.
    """
    needs = _needs(keep) | {f"{a}date_start", f"{a}date_end", f"{b}date_start", f"{b}date_end", lkey, rkey,
                            f"{a}row", f"{b}row", "matter"}
    left = left.select([c for c in left.columns if c in needs])
    right = right.select([c for c in right.columns if c in needs])
    lists = [k for k, f in ((lkey, left), (rkey, right)) if isinstance(f.schema[k], pl.List)]
    # a row with no key (null, or an empty list) meets no one: it is not split into parts, nor exploded
    left, right = (f.filter(pl.col(k).list.len() > 0 if k in lists else pl.col(k).is_not_null())
                   for f, k in ((left, lkey), (right, rkey)))
    size = max(_exploded_height(left, lkey), _exploded_height(right, rkey))
    parts = max(1, -(-size // (part_rows or PART_ROWS)))

    def pairs_of(lhs: pl.DataFrame, rhs: pl.DataFrame) -> pl.DataFrame:
        if lkey in lists:
            lhs = lhs.explode(lkey)
        if rkey in lists:
            rhs = rhs.explode(rkey)
        pairs = _within_part(lhs, rhs, lkey, rkey, a=a, b=b, window=window, keep=keep)
        del lhs, rhs
        # rows that share two elements of a list key meet twice (in the same part: it holds a matter whole)
        return pairs.filter(_first_of_each(f"{a}row", f"{b}row", pairs)) if lists else pairs

    if parts == 1 or left.is_empty() or right.is_empty():
        return pairs_of(left, right)
    # each part holds whole matters (told by their codes where both sides have them, else by their hashes);
    # a part on one side only meets no one
    codes = left.schema["matter"] == right.schema["matter"] == pl.Categorical
    matter = pl.col("matter").to_physical() if codes else pl.col("matter").hash()
    lparts, rparts = (
        f.with_columns((matter % parts).cast(pl.UInt32).alias("_part")).partition_by("_part", as_dict=True, include_key=False)
        for f in (left, right)
    )
    both = [k for k in lparts if k in rparts]
    if not both:
        return pairs_of(left.clear(), right.clear())
    del left, right  # what is left of them is in the parts
    return pl.concat(list(at_once(lambda k: pairs_of(lparts.pop(k), rparts.pop(k)), both, SLICES_AT_ONCE)))


def _first_of_each(a: str, b: str, pairs: pl.DataFrame) -> pl.Expr:
    """True for the first row of each (``a``, ``b``, matter) of ``pairs``, where ``a`` and ``b`` are row numbers
    (UInt32). Where the matter is a code and the largest values fit, the three are told apart as one 64-bit
    integer; otherwise the row numbers as one integer, next to the matter."""
    coded = pairs.schema["matter"] == pl.Categorical
    code = pl.col("matter").to_physical().cast(pl.UInt64)
    if coded:
        tops = pairs.select(pl.col(a).max(), pl.col(b).max(), pl.col("matter").to_physical().max()).row(0)
        a_bits, b_bits, m_bits = ((v or 0).bit_length() for v in tops)
        if a_bits + b_bits + m_bits <= 64:
            return ((pl.col(a).cast(pl.UInt64) * 2**b_bits + pl.col(b).cast(pl.UInt64)) * 2**m_bits + code).is_first_distinct()
    rows = pl.col(a).cast(pl.UInt64) * 2**32 + pl.col(b).cast(pl.UInt64)
    return pl.struct(rows, code if coded else pl.col("matter")).is_first_distinct()


def _exploded_height(frame: pl.DataFrame, key: str) -> int:
    if isinstance(frame.schema[key], pl.List):
        return int(frame.select(pl.col(key).list.len().clip(lower_bound=1).sum()).item() or 0)
    return frame.height


def _within_part(
    left: pl.DataFrame, right: pl.DataFrame, lkey: str, rkey: str, *, a: str, b: str, window: int, keep: pl.Expr
) -> pl.DataFrame:
    """:func:`within` for one part, with scalar keys."""
    ls, le, rs, re_ = f"{a}date_start", f"{a}date_end", f"{b}date_start", f"{b}date_end"
    out_cols = [f"{a}row", f"{b}row", "matter"]
    left = left.filter(pl.col(lkey).is_not_null())
    right = right.filter(pl.col(rkey).is_not_null())
    left_dated = pl.col(ls).is_not_null() & pl.col(le).is_not_null()
    right_dated = pl.col(rs).is_not_null() & pl.col(re_).is_not_null()
    found = []
    # rows without a date: the plain join
    undated_l, undated_r = left.filter(~left_dated), right.filter(~right_dated)
    for lhs, rhs in ((undated_l, right), (left.filter(left_dated), undated_r)):
        if lhs.height and rhs.height:
            joined = lhs.lazy().join(rhs.lazy().with_columns(pl.col(rkey).alias("_key")), left_on=["matter", lkey],
                                     right_on=["matter", "_key"], how="inner")
            found.append(joined.filter(keep).select(out_cols).collect())
    left, right = left.filter(left_dated), right.filter(right_dated)
    if left.height and right.height:
        right = right.with_columns((_days(re_) - _days(rs)).alias("_len"))
        base = right.select(_days(rs).min()).item()
        span = right.select(_days(rs).max()).item() - base + 1
        left, right, exact = _numbered(left, right, lkey, rkey)
        # a right row's place: its group's number, then its start; the left rows go in about the same order,
        # so that the binary searches walk both sides in step
        right = right.with_columns((pl.col("_gi") * span + _days(rs) - base).alias("_at")).drop("_gi")
        place = left.select(pl.col("_gi") * span + (_days(ls) - base).clip(0, span - 1)).to_series()
        # about that order is enough: where the places and the row numbers do not fit in one integer together,
        # places are cut to their higher bits
        extra = int(place.max() or 0).bit_length() + max(left.height - 1, 1).bit_length() - 63
        left = take(left, sort_order(place // 2**extra if extra > 0 else place))
        short = pl.col("_len") <= 31
        for part in (right.filter(short), right.filter(~short)):
            if not part.height:
                continue
            part = part.sort("_at")
            at = part.get_column("_at")
            longest = max(part.get_column("_len").max(), 0)
            hits_side = part.drop("_at", "_len").rename({"matter": "_matter"})
            offset = left.get_column("_gi") * span
            lo = offset + (_series_days(left, ls) - window - longest - base).clip(0, span)
            hi = offset + (_series_days(left, le) + window - base).clip(-1, span - 1)
            probe = left.drop("_gi").with_columns(
                _search(at, lo, side="left").alias("_lo"), _search(at, hi, side="right").alias("_hi")
            ).filter(pl.col("_hi") > pl.col("_lo"))
            # slices of the left rows that give about CHUNK candidate rows each
            bounds = slices((probe.get_column("_hi") - probe.get_column("_lo")).cast(pl.Int64).cum_sum(), CHUNK)
            # numbers made from codes are exact; those made from hashes are checked against the names
            match = pl.lit(True) if exact else (pl.col("matter") == pl.col("_matter")) & (pl.col(lkey) == pl.col(rkey))
            for start, stop in zip(bounds, bounds[1:]):
                chunk = probe.slice(start, stop - start)
                chunk = chunk.with_columns(pl.int_ranges("_lo", "_hi", dtype=pl.UInt32).alias("_pos")).drop("_lo", "_hi").explode("_pos")
                hits = take(hits_side, chunk.get_column("_pos"))
                pairs = pl.concat([chunk.drop("_pos"), hits], how="horizontal")
                found.append(pairs.lazy().filter(match & keep).select(out_cols).collect())
    if not found:
        return pl.DataFrame(schema={f"{a}row": pl.UInt32, f"{b}row": pl.UInt32, "matter": left.schema["matter"]})
    return pl.concat(found)


def gather(left: pl.DataFrame, right: pl.DataFrame, candidates: pl.DataFrame, *, a: str, b: str,
           keep: pl.Expr | Unless | list[pl.Expr | Unless], columns: list[pl.Expr]) -> pl.DataFrame:
    """``columns`` of the candidate pairs for which ``keep`` holds, with every column of both
    sides gathered by row number, a slice of candidates at a time, :data:`SLICES_AT_ONCE` slices at once.

    ``keep`` may be a list of conditions that must all hold, cheapest first: each is checked on
    the pairs the ones before it left, and a column is gathered only when a condition (or an
    output column) first needs it, so the costly ones (list columns, set operations) only see
    the few pairs that pass the quick ones. A condition may be an :class:`Unless`, whose costly
    part only sees the pairs its quick part does not let through. The pairs come out in no
    particular order.
    """
    conditions = keep if isinstance(keep, list) else [keep]
    parts_of = [[c.holds, c.check] if isinstance(c, Unless) else [c] for c in conditions]
    steps = [e for c in parts_of for e in c] + columns
    left = left.select([c for c in left.columns if c in _needs(*steps)])
    right = right.select([c for c in right.columns if c in _needs(*steps)])
    # what is still needed after each condition: the pairs carry no column further than that
    after = [_needs(*(e for c in parts_of[i + 1:] for e in c), *columns) | set(candidates.columns) for i in range(len(conditions))]

    def read(pairs: pl.DataFrame, *exprs: pl.Expr) -> pl.DataFrame:
        """``pairs`` with the columns of both sides that ``exprs`` read and the pairs lack."""
        needs = _needs(*exprs) - set(pairs.columns)
        parts = [
            take(frame.select(cols), pairs.get_column(row))
            for frame, row in ((left, f"{a}row"), (right, f"{b}row"))
            if (cols := [c for c in frame.columns if c in needs])
        ]
        return pl.concat([pairs, *parts], how="horizontal")

    def kept(pairs: pl.DataFrame, test: pl.Expr, i: int) -> pl.DataFrame:
        pairs = read(pairs, test)
        return pairs.lazy().filter(test).select(c for c in pairs.columns if c in after[i]).collect()

    def chunk(start: int) -> pl.DataFrame:
        pairs = candidates.slice(start, CHUNK)
        for i, step in enumerate(conditions):
            if not isinstance(step, Unless):
                pairs = kept(pairs, step, i)
                continue
            pairs = read(pairs, step.holds)
            holds = pairs.select(step.holds.fill_null(False)).to_series()
            rest = pairs.filter(~holds)
            pairs = pairs.filter(holds).select(c for c in pairs.columns if c in after[i])
            if rest.height:
                pairs = pl.concat([pairs, kept(rest, step.check, i).select(pairs.columns)])
        return read(pairs, *columns).select(columns)

    return pl.concat(list(at_once(chunk, range(0, max(candidates.height, 1), CHUNK), SLICES_AT_ONCE)))
