"""Pairs into flags: the best pair's matter, episodes, and events given by number."""

from __future__ import annotations

import datetime as dt

import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from divergence._grouping import _id_order, _rounded, _shared_places, flags, member_info, reduce_pairs
from divergence.rules import PAIRS

D = dt.date


def _pairs(rows: list[tuple]) -> pl.DataFrame:
    """(group, official id, other id, matter, link, day of January 2024) per pair."""
    return pl.DataFrame(
        [{"kind": "say_vs_do", "rule": "r.v1", "group": g, "official_id": o, "other_id": x, "matter": m, "link": link,
          "directness": 1.0, "gap_days": 0, "certainty": 1.0, "officialness": 1.0, "at": D(2024, 1, day)}
         for g, o, x, m, link, day in rows],
        schema={**PAIRS, "group": pl.String},  # a group is told by its value, whatever its type: names read best here
    )


def _by_group(reduced: pl.DataFrame) -> dict[str, dict]:
    return {r["group"]: r for r in reduced.sort("group").iter_rows(named=True)}


SCORE = pl.col("link")


def test_the_best_pair_gives_the_matter_and_equal_best_pairs_go_by_the_lowest_ids():
    pairs = _pairs([
        ("g1", "d2", "a1", "AID", 0.9, 1), ("g1", "d1", "a9", "FIGHT", 0.9, 2), ("g1", "d0", "a0", "AGREE", 0.5, 3),
        ("g2", "d5", "a5", "SECURE", 0.4, 1), ("g2", "d6", "a6", "REQUEST", 0.8, 2),
    ])
    got = _by_group(reduce_pairs(pairs, SCORE, window=30))
    assert got["g1"]["matter"] == "FIGHT"  # d1 < d2 among the two best pairs; AGREE scores less
    assert sorted(got["g1"]["official_ids"]) == ["d0", "d1", "d2"] and got["g1"]["score"] == 0.9
    assert got["g2"]["matter"] == "REQUEST"


def test_events_given_by_number_break_ties_by_their_ids_not_their_numbers():
    ids = pl.Series(["e-z", "e-b", "e-a", "e-y"])  # number 0 is "e-z", the last id in order
    pairs = _pairs([("g1", "0", "3", "AID", 0.9, 1), ("g1", "2", "1", "FIGHT", 0.9, 2)]).with_columns(
        pl.col("official_id", "other_id").cast(pl.UInt32)
    )
    got = reduce_pairs(pairs, SCORE, window=30, ids=ids).row(0, named=True)
    assert got["matter"] == "FIGHT"  # its official side is "e-a", before "e-z"
    assert sorted(got["official_ids"]) == [0, 2]


def test_pairs_of_two_rules_with_one_group_value_are_two_flags():
    first = _pairs([("g1", "d1", "a1", "AID", 0.9, 1)])
    second = _pairs([("g1", "d2", "a2", "AID", 0.8, 2)]).with_columns(pl.lit("r.v2").alias("rule"))
    got = reduce_pairs(pl.concat([first, second]), SCORE, window=30).sort("rule")
    assert got.get_column("rule").to_list() == ["r.v1", "r.v2"]
    assert [sorted(x) for x in got.get_column("official_ids")] == [["d1"], ["d2"]]


def test_pairs_further_apart_than_the_window_are_separate_episodes():
    pairs = _pairs([("g1", "d1", "a1", "AID", 0.9, 1), ("g1", "d2", "a2", "AID", 0.7, 5), ("g1", "d3", "a3", "AID", 0.6, 31)])
    got = reduce_pairs(pairs, SCORE, window=10).sort("score", descending=True)
    assert [sorted(x) for x in got.get_column("official_ids")] == [["d1", "d2"], ["d3"]]


# scores as they come: any fraction, and ones that sit (as written in decimal) halfway between two thousandths
_scores = st.one_of(
    st.floats(min_value=0.0, max_value=2.0, allow_nan=False),
    st.integers(min_value=0, max_value=1999).map(lambda k: (2 * k + 1) / 2000),
)


@given(st.lists(_scores, max_size=50))
def test_scores_are_rounded_as_python_rounds_them(values):
    got = _rounded(pl.Series(values, dtype=pl.Float64)).to_list()
    assert got == [round(min(v, 1.0), 3) for v in values]


def _members(starts: list, ends: list, actors: list[str], precisions: list[str]) -> pl.DataFrame:
    """member_info of one group holding every event (numbered in the order given)."""
    n = len(starts)
    events = pl.DataFrame({
        "event_id": pl.Series(range(n), dtype=pl.UInt32), "actor": pl.Series(actors, dtype=pl.Categorical),
        "date_start": pl.Series(starts, dtype=pl.Date), "date_end": pl.Series(ends, dtype=pl.Date),
        "date_precision": precisions, "places": [[] for _ in range(n)], "kind": ["statement"] * n, "cue": ["said"] * n,
        "doc_id": pl.Series(range(n), dtype=pl.UInt64), "stance": ["deny"] * n,
    })
    groups = pl.DataFrame({"official_ids": [list(range(n))], "other_ids": [[]]},
                          schema={"official_ids": pl.List(pl.UInt32), "other_ids": pl.List(pl.UInt32)})
    return member_info(groups, events, pl.Series([f"e{i}" for i in range(n)]))


_RANK = {"day": 0, "week": 1, "month": 2, "year": 4}


def _in_time_order(starts, ends, actors, precisions) -> list[str]:
    never = D.max
    keys = {f"e{i}": (s or never, a, e or never, _RANK[p]) for i, (s, e, a, p) in enumerate(zip(starts, ends, actors, precisions))}
    return sorted(keys, key=keys.get)


@given(st.lists(st.tuples(st.one_of(st.none(), st.dates(D(2000, 1, 1), D(2030, 12, 31))), st.integers(0, 40),
                          st.sampled_from(["Army", "Ministry", "Wagner"]), st.sampled_from(list(_RANK))),
                min_size=1, max_size=30))
def test_member_events_are_in_time_order_start_actor_end_precision(rows):
    starts = [s for s, *_ in rows]
    ends = [s and s + dt.timedelta(days=k) for s, k, *_ in rows]
    actors, precisions = [a for *_, a, _ in rows], [p for *_, p in rows]
    info = _members(starts, ends, actors, precisions)
    got = info.sort("_t").get_column("id_text").to_list()
    want = _in_time_order(starts, ends, actors, precisions)
    # each place in time order names the row that holds it
    assert info.get_column("_t").gather(info.get_column("_in_time")).to_list() == list(range(len(rows)))
    # events equal in all four may come in either order
    keyed = {i: (s, a, e, p) for i, s, e, a, p in zip((f"e{j}" for j in range(len(rows))), starts, ends, actors, precisions)}
    assert [keyed[i] for i in got] == [keyed[i] for i in want]


def test_time_order_holds_where_the_dates_span_too_much_for_one_integer():
    # dates from year 1 to year 9999 and forty thousand events need more than 63 bits: two sort keys
    n = 40_000
    starts = [D(1, 1, 1) + dt.timedelta(days=(i * 7919) % 3_652_000) for i in range(n)]
    ends = [D.max - dt.timedelta(days=(i * 104729) % 3_652_000) for i in range(n)]
    actors = [["Army", "Ministry"][i % 2] for i in range(n)]
    precisions = ["day"] * n
    got = _members(starts, ends, actors, precisions).sort("_t").get_column("id_text").to_list()
    assert got == _in_time_order(starts, ends, actors, precisions)


@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 1), st.lists(st.sampled_from(["Mali", "Syria", "Iraq", "Chad"]),
                                                                              max_size=3)), max_size=40))
def test_shared_places_are_the_same_as_codes_and_as_text(members):
    frame = pl.DataFrame([{"flag": f, "side": s, "places": p} for f, s, p in members],
                         schema={"flag": pl.UInt32, "side": pl.Int8, "places": pl.List(pl.String)})
    as_text = _shared_places(frame).sort("flag")
    as_codes = _shared_places(frame.with_columns(pl.col("places").cast(pl.List(pl.Categorical)))).sort("flag")
    want = {}
    for f in {f for f, _, _ in members}:
        both = {p for g, s, ps in members if g == f and s == 0 for p in ps} & {p for g, s, ps in members if g == f and s == 1 for p in ps}
        if both:
            want[f] = sorted(both)[:3]
    assert dict(as_text.iter_rows()) == dict(as_codes.iter_rows()) == want


@given(st.integers(1, 16).flatmap(lambda n: st.lists(st.text("0123456789abcdef", min_size=n, max_size=n), min_size=1, max_size=30)))
def test_ids_of_one_length_in_hex_digits_are_in_text_order_by_their_value(ids):
    order = _id_order(pl.Series(ids))
    assert [i for _, i in sorted(zip(order.to_list(), ids))] == sorted(ids)


@given(st.lists(st.text("0123456789abcdefA-", min_size=1, max_size=17), min_size=1, max_size=30))
def test_ids_in_no_such_form_have_no_number_order(ids):
    n = {len(i) for i in ids}
    hex_only = all(set(i) <= set("0123456789abcdef") for i in ids)
    assert (_id_order(pl.Series(ids)) is None) == (len(n) > 1 or max(n) > 16 or not hex_only)


def _worded_flags(sides: list[tuple[list[int], list[int]]]) -> list[dict]:
    """Flags of hand-made groups, each (official event numbers, other event numbers), of four dated denials."""
    n = 4
    events = pl.DataFrame({
        "event_id": pl.Series(range(n), dtype=pl.UInt32), "actor": pl.Series([f"Actor {i}" for i in range(n)], dtype=pl.Categorical),
        "date_start": [D(2024, 1, i + 1) for i in range(n)], "date_end": [D(2024, 1, i + 1) for i in range(n)],
        "date_precision": ["day"] * n, "places": [[] for _ in range(n)], "kind": ["statement"] * n, "cue": ["denied"] * n,
        "doc_id": pl.Series(range(n), dtype=pl.UInt64), "stance": ["deny"] * n,
    })
    ids = pl.Series([f"e{i}" for i in range(n)])
    groups = pl.DataFrame(
        [{"kind": "say_vs_say", "rule": "r.v1", "group": g, "matter": "AID", "official_ids": o, "other_ids": x, "score": 0.5}
         for g, (o, x) in enumerate(sides)],
        schema={"kind": pl.String, "rule": pl.String, "group": pl.UInt64, "matter": pl.String,
                "official_ids": pl.List(pl.UInt32), "other_ids": pl.List(pl.UInt32), "score": pl.Float64},
    )
    found = flags(groups, member_info(groups, events, ids), {})
    return sorted(found.select("official_ids", "other_ids").to_dicts(), key=str)


def test_an_event_on_both_sides_of_a_flag_counts_on_the_official_side_only():
    assert _worded_flags([([0, 1], [1, 2])]) == [{"official_ids": ["e0", "e1"], "other_ids": ["e2"]}]


def test_an_event_on_one_side_of_a_flag_and_the_other_side_of_another_stays_on_both():
    got = _worded_flags([([0], [1]), ([1], [2])])
    assert got == sorted([{"official_ids": ["e0"], "other_ids": ["e1"]}, {"official_ids": ["e1"], "other_ids": ["e2"]}], key=str)
