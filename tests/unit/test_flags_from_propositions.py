"""flags_from_propositions and the joins behind the rules, on small frames built by hand.

The rules join on one tie at a time and only within their window (divergence._joins); the
property tests here check, on random small tables, that they give the same pairs as the plain
join of both sides on the matter that the rules used before.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from divergence import _grouping, _joins
from divergence.flag import FLAG_INPUT, explain, find_flags, flags_from_propositions, names_as_codes
from divergence.propositions import propositions
from divergence.rules import PAIRS, RULES, Settings, _gap, _separate
from timeline.schema import EVENTS, FLAGS

D = dt.date


def _places_ok(a: str, b: str) -> pl.Expr:
    """The plain test the rules make of two place lists: one is empty, or they share a place."""
    pa, pb = pl.col(f"{a}places"), pl.col(f"{b}places")
    return (pa.list.len() == 0) | (pb.list.len() == 0) | (pa.list.set_intersection(pb).list.len() > 0)


def prop(event_id, kind, *, actor="Ministry", actor_id="mod", bloc="iraq", country="iraq", country_place="Iraq",
         official=True, stance=None, matters=("MOBILIZE",), action_class=None, place=None, places=(), named=(),
         start=D(2024, 12, 5), end=None, precision="day", doc="d1", sentence=1, cue=None, certainty=None):
    """One event with its propositions, as flags_from_propositions reads it."""
    military = any(m in ("MOBILIZE", "ASSAULT", "FIGHT") for m in matters)
    return {
        "event_id": event_id, "kind": kind, "stance": stance, "polarity": "negative" if stance == "deny" else "positive",
        "official": official, "actor": actor, "actor_id": actor_id, "bloc": bloc, "country": country,
        "country_place": country_place, "chain": [actor_id, bloc], "matters": list(matters), "military": military,
        "action_class": action_class, "place": place, "places": list(places), "named": list(named),
        "subjects": list(named), "date_start": start, "date_end": end or start, "date_precision": precision,
        "doc_id": doc, "sentence": sentence, "cue": cue or ("denied" if kind == "statement" else "deployed"),
        "certainty": certainty if certainty is not None else (1.0 if kind == "statement" else 0.9),
    }


def frame(*rows):
    return pl.DataFrame(list(rows), schema=FLAG_INPUT)


DENY = prop("d1", "statement", actor="Government of Iraq", actor_id="iraq_gov", stance="deny", places=["Syria"])
DEED = prop("a1", "action", actor="A militia", actor_id="militia", bloc="militia", official=False, action_class="MOBILIZE",
            place="Syria", places=["Syria"], start=D(2024, 12, 6), doc="d2", sentence=4)


def sha(*parts: str) -> str:
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:12]


def test_one_denial_and_one_deed_make_one_flag():
    expected = pl.DataFrame(
        [{
            "flag_id": sha("deny_vs_affiliated_action.v1", "d1", "/", "a1"), "kind": "say_vs_do",
            "rule": "deny_vs_affiliated_action.v1", "score": 0.862,
            "explanation": "Government of Iraq denied armed involvement in Syria (2024-12-05), while A militia was reported "
                           "doing it (deployed; 2024-12-06).",
            "matter": "armed involvement", "official_ids": ["d1"], "other_ids": ["a1"],
        }],
        schema=FLAGS,
    )
    assert_frame_equal(flags_from_propositions(frame(DENY, DEED)), expected)


def test_a_lazy_frame_gives_the_same_flags():
    ev = frame(DENY, DEED, prop("c1", "statement", actor="A paper", actor_id="paper", bloc="paper", country="", official=False,
                                stance="claim", named=["militia"], start=D(2024, 12, 7), doc="d3"))
    assert_frame_equal(flags_from_propositions(ev.lazy()), flags_from_propositions(ev))


def test_columns_of_nulls_may_come_untyped():
    ev = frame(DENY, DEED).with_columns(pl.lit(None).alias("date_precision"), pl.lit(None).alias("named"))
    assert ev.schema["date_precision"] == pl.Null
    assert flags_from_propositions(ev).get_column("explanation").to_list() == [
        "Government of Iraq denied armed involvement in Syria (2024-12-05), while A militia was reported doing it "
        "(deployed; 2024-12-06)."
    ]


def test_no_rules_and_no_events_give_no_flags():
    assert_frame_equal(flags_from_propositions(frame(DENY, DEED), rules=[]), pl.DataFrame(schema=FLAGS))
    assert_frame_equal(flags_from_propositions(pl.DataFrame(schema=FLAG_INPUT)), pl.DataFrame(schema=FLAGS))


def test_find_flags_is_propositions_then_flags_from_propositions():
    text = "The government denied any military intervention in Syria."
    base = {c: None for c in EVENTS} | {"doc_path": "d.txt", "char_start": 0, "char_end": 1, "actor_mention": "x",
                                        "quote": None, "reported_by": None, "date_text": None, "extractor": "test"}
    events = pl.DataFrame([
        {**base, "event_id": "e1", "doc_id": "d1", "sentence": 1, "text": text, "kind": "statement",
         "actor": "Government of Iraq", "actor_id": "iraq_gov", "official": True, "bloc": "iraq", "country": "iraq",
         "chain": [], "stance": "deny", "polarity": "negative", "cue": "denied", "date_start": D(2024, 12, 5),
         "date_end": D(2024, 12, 5), "date_precision": "day"},
        {**base, "event_id": "e2", "doc_id": "d2", "sentence": 2, "text": "The militia deployed fighters to Syria.",
         "kind": "action", "actor": "A militia", "actor_id": "abu_fadl_abbas", "official": False, "bloc": "abu_fadl_abbas",
         "country": "iraq", "chain": [], "polarity": "positive", "cue": "deployed", "action_class": "MOBILIZE",
         "place": "Syria", "date_start": D(2024, 12, 6), "date_end": D(2024, 12, 6), "date_precision": "day"},
    ], schema=EVENTS)
    assert_frame_equal(find_flags(events), flags_from_propositions(propositions(events)))


def test_flag_ids_of_golden_articles_are_unchanged():
    """Ids computed before flags were grouped on whole columns: analysts' review decisions key on them."""
    from pathlib import Path

    from gapline import api

    case = api.case_from_paths([Path(__file__).resolve().parents[1] / "golden" / "border_case" / "article.txt"])
    assert case.flags.select("flag_id", "kind", "score").rows() == [("45aa06665bab", "say_vs_do", 0.936),
                                                                   ("facf9dd60761", "say_vs_say", 0.765)]


def test_explanations_say_what_explain_says():
    denials = [
        prop(f"d{i}", "statement", actor=name, actor_id=f"id{i}", stance="deny", places=places, start=day, precision=precision,
             end=end, doc=f"doc{i}")
        for i, (name, places, day, end, precision) in enumerate([
            ("Defence ministry", ["Syria", "Iraq"], D(2024, 12, 1), D(2024, 12, 31), "month"),
            ("Defence ministry", ["Syria"], D(2024, 12, 9), None, "day"),
            ("Foreign ministry", [], D(2024, 11, 25), D(2024, 12, 1), "week"),
            ("Prime minister", ["Iraq"], D(2024, 12, 3), None, "day"),
            ("Spokesman", [], None, None, "unknown"),
        ])
    ]
    deeds = [
        prop(f"a{i}", "action", actor=name, actor_id=f"x{i}", action_class="MOBILIZE", place="Syria", places=["Syria", "Iraq"],
             start=day, end=day, cue=cue, doc=doc)
        for i, (name, day, cue, doc) in enumerate([
            ("Army", D(2024, 12, 2), "Deployed", "p1"),
            ("Army", D(2024, 12, 4), "sent", "p2"),
            ("Navy", D(2024, 12, 4), "", "p2"),
        ])
    ]
    ev = frame(*denials, *deeds)
    flag = flags_from_propositions(ev, rules=["deny_vs_affiliated_action.v1"]).row(0, named=True)
    rows = {r["event_id"]: r for r in ev.iter_rows(named=True)}

    def in_time(ids):
        return sorted((rows[i] for i in ids), key=lambda r: (r["date_start"] or D.max, r["actor"], r["event_id"]))

    assert flag["official_ids"] == [f"d{i}" for i in range(5)] and flag["other_ids"] == ["a0", "a1", "a2"]
    assert flag["explanation"] == explain("say_vs_do", flag["matter"], in_time(flag["official_ids"]), in_time(flag["other_ids"]))
    assert flag["explanation"] == (
        "Foreign ministry, Defence ministry, Prime minister and 1 more denied armed involvement in Iraq, Syria (2024-12-03), "
        "while Army and Navy were reported doing it (deployed, sent; 2024-12-02)."
    )


# -- the joins give the pairs of the plain join ------------------------------------------------


def _plain_side(ev: pl.DataFrame, p: str, cols: list[str]) -> pl.DataFrame:
    """One side of a rule as the rules read it before the joins: a row per event and matter."""
    return (
        ev.select([pl.col(c).alias(f"{p}{c}") for c in cols])
        .explode(f"{p}matters")
        .filter(pl.col(f"{p}matters").is_not_null())
        .with_columns(pl.when(pl.col(f"{p}military") & pl.col(f"{p}matters").is_in(["MOBILIZE", "ASSAULT", "FIGHT"]))
                      .then(pl.lit("armed involvement")).otherwise(pl.col(f"{p}matters")).alias("matter"))
        .unique(subset=[f"{p}event_id", "matter"])
    )


def _plain_pairs(events: pl.DataFrame, settings: Settings, rule: str) -> pl.DataFrame:
    """The rules as they were: both sides joined on the matter, then filtered."""
    cols = ["event_id", "actor_id", "bloc", "country", "date_start", "date_end", "place", "places", "matters", "military",
            "doc_id", "sentence", "named", "subjects", "certainty", "chain", "official", "country_place"]

    def side(ev: pl.DataFrame, p: str) -> pl.DataFrame:
        return _plain_side(ev, p, cols)

    if rule == "deny_vs_affiliated_action.v1":
        d = side(events.filter((pl.col("kind") == "statement") & (pl.col("stance") == "deny") & pl.col("official")), "d_")
        a = side(events.filter(pl.col("kind") == "action").with_columns(pl.concat_list("action_class").alias("matters")), "a_")
        named = pl.col("d_named").list.contains(pl.col("a_actor_id"))
        others = pl.col("d_named").list.set_difference(pl.concat_list("d_country", "d_bloc", "d_actor_id")).list.len() > 0
        doer = pl.col("d_named").list.contains(pl.col("a_country")) | pl.col("d_named").list.contains(pl.col("a_bloc"))
        at_home = (pl.col("d_country") != "") & (pl.col("a_place") == pl.col("d_country_place"))
        soil = at_home & (doer | ~others & ~pl.col("a_official"))
        state = (pl.col("d_country") != "") & (pl.col("d_country") == pl.col("a_country"))
        tie = state | (pl.col("d_bloc") == pl.col("a_bloc")) | named | soil
        window = settings.window_days
    else:
        stmts = events.filter(pl.col("kind") == "statement")
        d = side(stmts.filter(pl.col("stance") == "deny"), "d_")
        a = side(stmts.filter(pl.col("stance").is_in(["assert", "claim", "confirm"]) & (pl.col("polarity") == "positive")), "a_")
        related = pl.col("d_chain").list.contains(pl.col("a_actor_id")) | pl.col("a_chain").list.contains(pl.col("d_actor_id"))
        tie = (
            (pl.col("d_actor_id") != pl.col("a_actor_id"))
            & ((pl.col("d_bloc") != pl.col("a_bloc")) | pl.col("d_official") & pl.col("a_official") & ~related)
            & (pl.col("d_subjects").list.set_intersection(pl.col("a_subjects")).list.len() > 0)
        )
        window = settings.say_window_days
    pairs = d.join(a, on="matter").filter(tie & _places_ok("d_", "a_") & (_gap("d_", "a_") <= window) & _separate("d_", "a_"))
    pairs = pairs.select(pl.col("d_event_id").alias("official_id"), pl.col("a_event_id").alias("other_id"), "matter")
    return pairs.sort(pl.all())


_ids = st.sampled_from(["a1", "a2", "a3", "s1", "s2", "b1"])
_places = st.sampled_from(["P1", "P2", "P3"])
_row = st.fixed_dictionaries({
    "kind": st.sampled_from(["statement", "action"]),
    "stance": st.sampled_from(["deny", "deny", "deny", "assert", "claim", "confirm", None]),
    "polarity": st.sampled_from(["positive", "positive", "negative"]),
    "official": st.sampled_from([True, True, False, None]),
    "actor_id": _ids,
    "bloc": st.sampled_from(["b1", "b1", "s1", "b2", None]),
    "country": st.sampled_from(["s1", "s1", "", "s2", None]),
    "country_place": st.sampled_from(["P1", "P2", None]),
    "place": st.one_of(st.none(), _places),
    "places": st.lists(_places, max_size=2) | st.just([]),
    "matters": st.lists(st.sampled_from(["MOBILIZE", "FIGHT", "AID", "TALK"]), max_size=3),
    "military": st.sampled_from([None, None, None, True, False]),  # None: from the matters, as propositions gives it
    "action_class": st.sampled_from(["MOBILIZE", "AID", "TALK", None]),
    "named": st.lists(st.sampled_from(["a1", "a2", "s1", "s2", "b1", "b2"]), max_size=3),
    "subjects": st.lists(st.sampled_from(["s1", "s1", "b1", "a1"]), max_size=3),
    "chain": st.lists(_ids, max_size=2),
    "start": st.one_of(st.none(), st.integers(0, 60), st.integers(0, 300)),
    "length": st.sampled_from([0, 0, 6, 30, 365, -3]),
    "doc_id": st.sampled_from(["d1", "d2", "d3"]),
    "sentence": st.integers(0, 2),
    "certainty": st.sampled_from([0.75, 0.9, 1.0]),
})


def _table(rows: list[dict]) -> pl.DataFrame:
    out = []
    for i, r in enumerate(rows):
        start = None if r["start"] is None else D(2024, 1, 1) + dt.timedelta(days=r["start"])
        # a reversed interval (length -3) lacks its end every other row
        end = None if start is None or r["length"] == -3 and i % 2 else start + dt.timedelta(days=r["length"])
        military = r["military"]
        if military is None:
            military = any(m in ("MOBILIZE", "FIGHT") for m in [*r["matters"], r["action_class"]])
        out.append({**{k: v for k, v in r.items() if k not in ("start", "length")}, "event_id": f"e{i}", "actor": r["actor_id"],
                    "military": military, "date_start": start, "date_end": end, "date_precision": "day", "cue": "said"})
    return pl.DataFrame(out, schema=FLAG_INPUT)


_statement = _row.map(lambda r: {**r, "kind": "statement"})


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(_row, min_size=8, max_size=40), window=st.sampled_from([0, 10, 120]))
def test_say_vs_do_pairs_what_the_plain_join_pairs(rows, window):
    _check_pairs(rows, window, "deny_vs_affiliated_action.v1")


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(_statement, min_size=8, max_size=40), window=st.sampled_from([0, 10, 45]))
def test_say_vs_say_pairs_what_the_plain_join_pairs(rows, window):
    _check_pairs(rows, window, "deny_vs_assertion.v1")


# statements of a few blocs that deny or admit, so that reversals are common
_turn = st.tuples(_row, st.sampled_from(["deny", "confirm", "confirm"]), st.sampled_from(["b1", "b2"]),
                  st.sampled_from([True, True, False])).map(
    lambda t: {**t[0], "kind": "statement", "stance": t[1], "bloc": t[2], "official": t[3],
               "polarity": "negative" if t[1] == "deny" else t[0]["polarity"]}
)


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(_turn, min_size=8, max_size=40), window=st.sampled_from([0, 10, 400]))
def test_reversal_pairs_what_the_plain_join_pairs(rows, window):
    events = _table(rows)
    s = Settings(reversal_days=window)
    got = RULES["reversal.v1"][1](events, s)
    assert got.schema == pl.Schema(PAIRS)
    assert_frame_equal(got.select("official_id", "other_id", "matter").sort(pl.all()), _plain_reversal(events, s))


def _plain_reversal(events: pl.DataFrame, settings: Settings) -> pl.DataFrame:
    """The reversal rule as a join of denials and admissions on the matter alone, then filtered."""
    cols = ["event_id", "actor_id", "bloc", "country", "date_start", "date_end", "places", "matters", "military", "doc_id",
            "sentence", "subjects", "official"]
    stmts = events.filter((pl.col("kind") == "statement") & pl.col("stance").is_not_null())
    deeds = events.filter(pl.col("kind") == "action")
    admitted = stmts.filter((pl.col("stance") == "confirm") & (pl.col("polarity") == "positive"))
    own = []
    for r in admitted.iter_rows(named=True):
        here = deeds.filter((pl.col("doc_id") == r["doc_id"]) & (pl.col("sentence") == r["sentence"]))
        own.append(here.height == 0 or any(
            d["bloc"] == r["bloc"] and d["bloc"] is not None or d["place"] == r["country_place"] and d["place"] is not None
            for d in here.iter_rows(named=True)))
    admitted = admitted.filter(pl.Series(own, dtype=pl.Boolean)) if own else admitted

    def side(ev: pl.DataFrame, p: str) -> pl.DataFrame:
        return _plain_side(ev, p, cols)

    d, c = side(stmts.filter(pl.col("stance") == "deny"), "d_"), side(admitted, "c_")
    d_first = pl.col("d_date_end") < pl.col("c_date_start")
    c_first = pl.col("c_date_end") < pl.col("d_date_start")
    own_side = pl.concat_list("d_bloc", "d_country", "c_bloc", "c_country")
    bare = (pl.col("d_subjects").list.set_difference(own_side).list.len() == 0) | (
        pl.col("c_subjects").list.set_difference(own_side).list.len() == 0)
    same_subject = pl.col("d_subjects").list.set_intersection(pl.col("c_subjects")).list.len() > 0
    keep = (
        (pl.col("d_bloc") == pl.col("c_bloc"))
        & ((pl.col("d_actor_id") == pl.col("c_actor_id")) | pl.col("d_official") & pl.col("c_official"))
        & (same_subject | bare) & (d_first | c_first) & _places_ok("d_", "c_")
        & (_gap("d_", "c_") <= settings.reversal_days) & _separate("d_", "c_")
    )
    pairs = d.join(c, on="matter").filter(keep)
    return pairs.select(
        pl.when(d_first).then(pl.col("d_event_id")).otherwise(pl.col("c_event_id")).alias("official_id"),
        pl.when(d_first).then(pl.col("c_event_id")).otherwise(pl.col("d_event_id")).alias("other_id"),
        "matter",
    ).sort(pl.all())


def _check_pairs(rows: list[dict], window: int, rule: str) -> None:
    events = _table(rows)
    s = Settings(window_days=window, say_window_days=window)
    got = RULES[rule][1](events, s)
    assert got.schema == pl.Schema(PAIRS)
    assert_frame_equal(got.select("official_id", "other_id", "matter").sort(pl.all()), _plain_pairs(events, s, rule))


@settings(max_examples=40, deadline=None)
@given(rows=st.lists(_row, min_size=8, max_size=40), rule=st.sampled_from(sorted(RULES)), codes=st.booleans())
def test_parts_and_slices_do_not_change_the_pairs(rows, rule, codes):
    events = names_as_codes(_table(rows)) if codes else _table(rows)
    whole = RULES[rule][1](events, Settings()).sort(pl.all())
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_joins, "PART_ROWS", 3)
        mp.setattr(_joins, "CHUNK", 2)
        assert_frame_equal(RULES[rule][1](events, Settings()).sort(pl.all()), whole)



@settings(max_examples=25, deadline=None)
@given(rows=st.lists(_row, min_size=8, max_size=40))
def test_flags_worded_a_slice_at_a_time_are_the_flags_worded_at_once(rows):
    events = _table(rows)
    whole = flags_from_propositions(events)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_grouping, "MEMBERS_AT_ONCE", 2)
        assert_frame_equal(flags_from_propositions(events), whole)


@settings(max_examples=25, deadline=None)
@given(rows=st.lists(_row, min_size=8, max_size=40))
def test_flags_of_events_with_ids_of_hex_digits_are_those_of_any_ids(rows):
    # gapline's own ids (16 hex digits) are put in order by their value; any others as text
    events = _table(rows)
    hexed = {f"e{i}": hashlib.sha1(f"e{i}".encode()).hexdigest()[:16] for i in range(events.height)}
    named = {h: f"id-{h}" for h in hexed.values()}  # the same order as text, but not of hex digits alone
    as_hex = flags_from_propositions(events.with_columns(pl.col("event_id").replace_strict(hexed)))
    as_text = flags_from_propositions(events.with_columns(pl.col("event_id").replace_strict(hexed).replace_strict(named)))
    back = {v: k for k, v in named.items()}
    sides = as_hex.select("official_ids", "other_ids").rows()
    assert sorted(sides) == sorted(tuple([back[i] for i in ids] for ids in row) for row in as_text.select("official_ids", "other_ids").rows())
    assert all(ids == sorted(ids) for row in sides for ids in row)


@settings(max_examples=40, deadline=None)
@given(rows=st.lists(_row, min_size=8, max_size=40), rule=st.sampled_from(sorted(RULES)))
def test_flags_hold_the_events_of_the_rules_pairs_though_only_the_rows_and_columns_it_declares_are_read(rows, rule):
    events = _table(rows)
    pairs = RULES[rule][1](events, Settings())
    flags = flags_from_propositions(events, rules=[rule])
    in_pairs = set(pairs.get_column("official_id")) | set(pairs.get_column("other_id"))
    in_flags = {e for ids in [*flags.get_column("official_ids"), *flags.get_column("other_ids")] for e in ids}
    assert in_flags == in_pairs

@pytest.mark.parametrize("names", [pl.String, pl.Categorical], ids=["text", "codes"])
def test_within_pairs_rows_of_a_shared_list_element_once(names):
    left = pl.DataFrame({"l_row": [0, 1], "matter": ["M", "M"], "l_keys": [["x", "y"], ["z"]],
                         "l_date_start": [D(2024, 1, 1)] * 2, "l_date_end": [D(2024, 1, 1)] * 2},
                        schema_overrides={"l_row": pl.UInt32, "matter": names, "l_keys": pl.List(names)})
    right = pl.DataFrame({"r_row": [0, 1], "matter": ["M", "N"], "r_keys": [["y", "x"], ["x"]],
                          "r_date_start": [D(2024, 1, 20), D(2024, 1, 1)], "r_date_end": [D(2024, 2, 20), D(2024, 1, 1)]},
                         schema_overrides={"r_row": pl.UInt32, "matter": names, "r_keys": pl.List(names)})
    near = _gap("l_", "r_") <= 30
    got = _joins.within(left, right, "l_keys", "r_keys", a="l_", b="r_", window=30, keep=near)
    assert got.with_columns(pl.col("matter").cast(pl.String)).rows() == [(0, 0, "M")]
    assert _joins.within(left, right, "l_keys", "r_keys", a="l_", b="r_", window=10, keep=_gap("l_", "r_") <= 10).is_empty()


# statements that characterise what they speak of, from a few camps
_framed = st.tuples(_row, st.lists(st.sampled_from(["sponsor:state", "sponsor:private", "role:training", "role:combat"]),
                                   max_size=2, unique=True),
                    st.sampled_from(["b1", "b2", "s1"]), st.sampled_from(["assert", "claim", "deny", "threaten"]),
                    st.sampled_from(["P1", "P2"]), st.lists(st.sampled_from(["b1", "b2", "s1", "s2", "a1"]), max_size=3)).map(
    lambda t: {**t[0], "kind": "statement", "framings": t[1], "bloc": t[2], "stance": t[3],
               "places": sorted({*t[0]["places"], t[4]}), "named": sorted(set(t[5]))}
)


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(_framed, min_size=8, max_size=40), window=st.sampled_from([0, 10, 365]))
def test_contrary_framing_pairs_what_the_plain_join_pairs(rows, window):
    events = _table(rows).with_columns(pl.Series("framings", [r["framings"] for r in rows], dtype=pl.List(pl.String)))
    s = Settings(framing_days=window)
    got = RULES["contrary_framing.v1"][1](events, s)
    assert got.schema == pl.Schema(PAIRS)
    assert_frame_equal(got.select("official_id", "other_id", "matter").sort(pl.all()), _plain_framing(events, s))


def _plain_framing(events: pl.DataFrame, settings: Settings) -> pl.DataFrame:
    """The framing rule as a join of every framed statement with every other on the framing, then filtered."""
    first = {"sponsor": "state", "role": "training"}
    stmts = events.filter((pl.col("kind") == "statement") & pl.col("stance").is_in(["assert", "claim", "confirm", "deny"]))
    cols = ["event_id", "bloc", "country", "date_start", "date_end", "places", "named", "doc_id", "sentence", "framings"]

    def side(p: str) -> pl.DataFrame:
        return (stmts.select([pl.col(c).alias(f"{p}{c}") for c in cols]).explode(f"{p}framings")
                .drop_nulls(f"{p}framings")
                .with_columns(pl.col(f"{p}framings").str.split(":").list.first().alias("framing"),
                              pl.col(f"{p}framings").str.split(":").list.last().alias(f"{p}pole")))

    a, b = side("a_"), side("b_")
    a = a.filter(pl.col("a_pole") == pl.col("framing").replace_strict(first, default=None))
    parties = [pl.concat_list(f"{p}named", f"{p}bloc", f"{p}country").list.unique().list.set_difference([""]) for p in ("a_", "b_")]
    keep = (
        (pl.col("a_pole") != pl.col("b_pole")) & (pl.col("a_bloc") != pl.col("b_bloc"))
        & (pl.col("b_named").list.contains(pl.col("a_bloc")) | pl.col("a_named").list.contains(pl.col("b_bloc")))
        & (pl.col("a_places").list.set_intersection(pl.col("b_places")).list.len() > 0)
        & (parties[0].list.set_intersection(parties[1]).list.len() >= 2)
        & (_gap("a_", "b_") <= settings.framing_days) & _separate("a_", "b_")
    )
    pairs = a.join(b, on="framing").filter(keep.fill_null(False))
    return pairs.select(
        pl.col("a_event_id").alias("official_id"), pl.col("b_event_id").alias("other_id"),
        pl.concat_str("framing", pl.lit(":"), "a_pole", pl.lit("/"), "b_pole").alias("matter"),
    ).unique().sort(pl.all())


@settings(max_examples=25, deadline=None)
@given(rows=st.lists(_row, min_size=8, max_size=40))
def test_names_given_as_codes_give_the_flags_of_names_given_as_text(rows):
    events = _table(rows)
    codes = names_as_codes(events)
    assert codes.schema["actor_id"] == pl.Categorical and codes.schema["places"] == pl.List(pl.Categorical)
    assert_frame_equal(flags_from_propositions(codes.lazy()), flags_from_propositions(events))


def test_a_name_column_of_another_type_is_named_in_the_error():
    from gapline.errors import SchemaError

    with pytest.raises(SchemaError, match="'actor_id' as String, found Int32"):
        flags_from_propositions(frame(DENY, DEED).with_columns(pl.lit(1).alias("actor_id")))


@pytest.mark.parametrize("n", [1, 150], ids=["one", "many"])
def test_the_same_evidence_on_two_matters_is_one_flag_under_the_first_matter(n):
    # n denials, each met by a claim of its own subject, both on the same two matters: each body of evidence
    # once, though both matters give a flag of it
    rows = []
    for i in range(n):
        rows += [
            prop(f"d{i}", "statement", actor=f"Ministry {i}", actor_id=f"mod{i}", bloc=f"state{i}", stance="deny",
                 matters=["AID", "REQUEST"], named=[f"subject{i}"], doc=f"d{i}"),
            prop(f"c{i}", "statement", actor=f"Paper {i}", actor_id=f"paper{i}", bloc=f"paper{i}", country="", official=False,
                 stance="claim", matters=["AID", "REQUEST"], named=[f"subject{i}"], start=D(2024, 12, 6), doc=f"p{i}"),
        ]
    flags = flags_from_propositions(frame(*rows), rules=["deny_vs_assertion.v1"])
    assert sorted(flags.select("official_ids", "other_ids").rows()) == sorted(([f"d{i}"], [f"c{i}"]) for i in range(n))
    assert flags.get_column("matter").unique().to_list() == ["AID"]  # of two equal scores, the first matter by name
