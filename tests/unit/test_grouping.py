"""Pairs into flags: the best pair's matter, episodes, and events given by number."""

from __future__ import annotations

import datetime as dt

import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from divergence._grouping import _rounded, reduce_pairs
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
