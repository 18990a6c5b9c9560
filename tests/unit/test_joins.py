"""Pieces of the range joins: place signatures, short lists of names and the sides of a rule."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from divergence._joins import Unless, gather, may_meet, mixed_hash, places_meet, row_list, side, signature

# place lists as they come: empty, missing, with repeats and with missing elements
_places = st.one_of(st.none(), st.lists(st.one_of(st.none(), st.sampled_from([f"P{i}" for i in range(90)])), max_size=5))


def _signed(a: list, b: list, coded: bool) -> pl.DataFrame:
    dtype = pl.List(pl.Categorical if coded else pl.String)
    frame = pl.DataFrame({"a_places": a, "b_places": b}, schema={"a_places": dtype, "b_places": dtype})
    longest = max(frame.select(pl.max_horizontal(pl.col(c).list.len().max() for c in frame.columns)).item() or 0, 0)
    return frame.with_columns(signature(f"{p}places", longest, coded).alias(f"{p}sig") for p in ("a_", "b_"))


@pytest.mark.parametrize("coded", [False, True], ids=["text", "codes"])
@given(pairs=st.lists(st.tuples(_places, _places), min_size=1, max_size=40))
def test_lists_that_share_a_place_may_meet_and_lists_without_places_sign_nothing(pairs, coded):
    a, b = [x for x, _ in pairs], [y for _, y in pairs]
    got = _signed(a, b, coded)
    meet = got.select(may_meet("a_", "b_")).to_series().to_list()
    for x, y, m, sig in zip(a, b, meet, got.get_column("a_sig")):
        named = {p for p in x or [] if p is not None}
        if named & {p for p in y or [] if p is not None}:
            assert m, (x, y)  # the signature never rules out two lists that share a place
        assert (sig == 0) == (not named)  # and an empty list, or one of nulls, sets no bit


def test_row_list_is_the_list_concat_list_makes():
    frame = pl.DataFrame({"a": ["x", None, "z"], "b": ["y", "q", None]}).with_columns(pl.all().cast(pl.Categorical))
    got = frame.select(row_list("a", "b").alias("x"), pl.concat_list("a", "b").alias("y"))
    assert got.get_column("x").to_list() == got.get_column("y").to_list() == [["x", "y"], [None, "q"], ["z", None]]


@given(rows=st.lists(st.tuples(st.sampled_from(["statement", "action"]), _places, st.integers(0, 9)), max_size=30))
def test_a_side_gathered_from_a_frame_is_the_side_its_lazy_filter_reads(rows):
    frame = pl.DataFrame(
        [{"event_id": f"e{i}", "kind": k, "places": p, "sentence": s} for i, (k, p, s) in enumerate(rows)],
        schema={"event_id": pl.String, "kind": pl.String, "places": pl.List(pl.String), "sentence": pl.Int64},
    )
    # two chunks, as a frame read from several files comes
    frame = pl.concat([frame.head(len(rows) // 2), frame.tail(len(rows) - len(rows) // 2)], rechunk=False)
    deeds = pl.col("kind") == "action"
    gathered = side(frame, "a_", ["event_id", "places", "sentence"], rows=deeds)
    filtered = side(frame.lazy(), "a_", ["event_id", "places", "sentence"], rows=deeds)
    assert gathered.equals(filtered)
    assert gathered.get_column("a_event_id").to_list() == [f"e{i}" for i, (k, _, _) in enumerate(rows) if k == "action"]
    assert gathered.get_column("a_row").to_list() == list(range(gathered.height))
    assert all(n == 1 for n in gathered.n_chunks("all"))  # one buffer per column, for quick gathers


@pytest.mark.parametrize("coded", [False, True], ids=["text", "codes"])
@given(pairs=st.lists(st.tuples(_places, _places), min_size=1, max_size=40))
def test_places_meet_keeps_the_pairs_the_plain_test_of_their_lists_keeps(pairs, coded):
    dtype = pl.List(pl.Categorical if coded else pl.String)
    a, b = (side(pl.DataFrame({"places": [p[i] for p in pairs]}, schema={"places": dtype}), f"{s}_", ["places"])
            for i, s in enumerate("ab"))
    candidates = pl.DataFrame({"a_row": range(len(pairs)), "b_row": range(len(pairs))}, schema={"a_row": pl.UInt32, "b_row": pl.UInt32})
    got = gather(a, b, candidates, a="a_", b="b_", keep=places_meet("a_", "b_"), columns=[pl.col("a_row")])
    pa, pb = pl.col("a_places"), pl.col("b_places")
    plain = (pa.list.len() == 0) | (pb.list.len() == 0) | (pa.list.set_intersection(pb).list.len() > 0)
    expected = pl.concat([a, b], how="horizontal").filter(plain)
    assert sorted(got.get_column("a_row").to_list()) == expected.get_column("a_row").to_list()


def test_unless_keeps_a_pair_its_quick_test_lets_through_and_checks_only_the_others():
    left = pl.DataFrame({"a_row": [0, 1, 2, 3], "a_x": [9, 9, 1, 1]}, schema={"a_row": pl.UInt32, "a_x": pl.Int64})
    right = pl.DataFrame({"b_row": [0, 1, 2, 3], "b_y": [1, 9, 9, 1]}, schema={"b_row": pl.UInt32, "b_y": pl.Int64})
    candidates = pl.DataFrame({"a_row": [0, 1, 2, 3], "b_row": [0, 1, 2, 3]}, schema={"a_row": pl.UInt32, "b_row": pl.UInt32})
    seen = []

    def check(y: pl.Series) -> pl.Series:
        seen.extend(y.to_list())
        return y > 5

    got = gather(left, right, candidates, a="a_", b="b_", keep=Unless(pl.col("a_x") > 5, pl.col("b_y").map_batches(check, pl.Boolean)),
                 columns=[pl.col("a_row")])
    assert sorted(got.get_column("a_row").to_list()) == [0, 1, 2]  # 0 and 1 by the quick test, 2 by the check
    assert sorted(seen) == [1, 9]  # the check only saw the pairs the quick test did not let through


@pytest.mark.parametrize("coded", [False, True], ids=["text", "codes"])
@given(rows=st.lists(st.tuples(st.one_of(st.none(), st.sampled_from(["iraq", "syria", "russia"])),
                               st.one_of(st.none(), st.sampled_from(["MOBILIZE", "AID"])), st.booleans()), min_size=1, max_size=30))
def test_mixed_hash_tells_rows_apart_as_their_values_do(rows, coded):
    # a rule's group: rows with the same bloc, matter and flag share it, rows that differ in any of them do not
    names = pl.Categorical if coded else pl.String
    frame = pl.DataFrame(rows, schema={"bloc": names, "matter": names, "first": pl.Boolean}, orient="row")
    hashes = frame.select(mixed_hash("bloc", "matter", pl.col("first"))).to_series().to_list()
    for i in range(len(rows)):
        for j in range(len(rows)):
            assert (hashes[i] == hashes[j]) == (rows[i] == rows[j])
    # the order of the values counts: (a, b) is not (b, a)
    swapped = frame.select(mixed_hash("matter", "bloc", pl.col("first"))).to_series().to_list()
    assert [h == s for h, s in zip(hashes, swapped)] == [r[0] == r[1] for r in rows]
