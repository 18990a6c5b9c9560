"""Who stands behind an event: unnamed sources, on sentences written for the tests."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from extraction_helpers import events as article_events
from extraction_helpers import only

from timeline.extract import extract_events
from timeline.schema import DOCUMENTS

PUBLISHED = dt.date(2025, 3, 14)  # a Friday


def events(body: str) -> list[dict]:
    return article_events(body, PUBLISHED)


def one(body: str, **where) -> dict:
    return only(events(body), **where)


@pytest.mark.parametrize(
    ("body", "actor_id"),
    [
        # an unnamed official of a named institution: the institution speaks
        ("An official from the Turkish Ministry of Foreign Affairs, speaking on condition of anonymity, said the talks "
         "had been postponed.", "turkey_mofa"),
        ("Sources close to the presidency said the convoy had been delayed for a week.",
         "group:sources_close_to_the_presidency"),
        ("Armoured columns were massing near the frontier, according to sources close to the Kremlin.", "russia_gov"),
        ("Supply flights resumed at the airbase, according to a senior Ukrainian security source.", "ukraine_gov"),
        ("Two commanders, speaking on condition of anonymity, said the ceasefire line had not moved.",
         "group:two_commanders"),
        ("Malian officials said the runway repairs would take a month.", "mali_gov"),
    ],
)
def test_a_statement_of_an_unnamed_source_is_anonymous(body, actor_id):
    e = one(body, kind="statement")
    assert (e["actor_id"], e["anonymous"]) == (actor_id, True)


@pytest.mark.parametrize(
    ("body", "actor_id"),
    [
        ("Turkish defence ministry spokesman Jane Roe said the talks had been postponed.", "jane_roe"),
        ("Malian lawmakers said the runway repairs would take a month.", "mali_parliament"),
        ("Residents said the convoy had been delayed for a week.", "group:residents"),
        ("The Turkish foreign ministry said the talks had been postponed.", "turkey_mofa"),
    ],
)
def test_a_named_speaker_or_an_institution_is_not_anonymous(body, actor_id):
    e = one(body, kind="statement")
    assert (e["actor_id"], e["anonymous"]) == (actor_id, False)


def test_the_named_speaker_beside_an_anonymous_one_stays_named():
    body = "The Iraqi foreign ministry denied the report on Thursday. Two officials speaking on condition of anonymity said talks were held."
    by_sentence = {e["sentence"]: e for e in events(body) if e["kind"] == "statement"}
    assert (by_sentence[0]["actor_id"], by_sentence[0]["anonymous"]) == ("iraq_mofa", False)
    assert by_sentence[1]["anonymous"] is True


def test_a_deed_reported_by_an_unnamed_source_rests_on_it():
    deed = one("Two officials speaking on condition of anonymity said Russian troops deployed to Mali.", kind="action")
    assert (deed["actor_id"], deed["reported_by"], deed["anonymous"]) == ("russia_armed_forces", "Two officials", True)


def test_a_deed_reported_by_a_named_speaker_does_not():
    deed = one("Malian MP Jane Roe said Russian troops deployed to Mali.", kind="action")
    assert (deed["actor_id"], deed["anonymous"]) == ("russia_armed_forces", False)


def test_a_deed_reported_plainly_does_not():
    deed = one("Russian troops deployed to Mali on Tuesday.", kind="action")
    assert deed["anonymous"] is False


def _article(path, outlet: str, published: str, body: str):
    path.write_text(f"---\ntitle: test\npublished: {published}\noutlet: {outlet}\n---\n{body}\n", encoding="utf-8")
    return path


def test_the_extract_table_and_json_lines_mark_an_unnamed_source(tmp_path, capsys):
    import json

    from gapline.cli import main

    art = _article(tmp_path / "a.txt", "Harbour Gazette", "2025-03-14",
                   "Two officials speaking on condition of anonymity said the ferry service was suspended. "
                   "The Turkish foreign ministry said the talks had been postponed.")
    assert main(["extract", str(art), "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {(r["actor"], r["anonymous"]) for r in rows if r["kind"] == "statement"} == {
        ("Two officials", True), ("Turkish foreign ministry", False)}
    assert main(["extract", str(art)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "source" in lines[0]
    assert [("anonymous" in line) for line in lines[2:] if "statement" in line] == [True, False]


# -- the same deed in several articles -------------------------------------------------------------

GAZETTE = ("Harbour Gazette", dt.date(2025, 3, 12), "Russian troops deployed to Mali on Monday, residents said.")
WIRE = ("Desert Wire", dt.date(2025, 3, 13), "Witnesses said Russian soldiers were deployed to Mali this week.")


def articles(*specs: tuple[str, dt.date, str]) -> pl.DataFrame:
    return pl.DataFrame(
        [{"doc_id": f"d{i}", "path": f"{i}.txt", "title": "", "outlet": outlet, "url": "", "published": published, "body": body}
         for i, (outlet, published, body) in enumerate(specs)],
        schema=DOCUMENTS,
    )


def deeds(*specs) -> list[dict]:
    return extract_events(articles(*specs)).filter(pl.col("kind") == "action").sort("doc_id").to_dicts()


def test_one_deployment_reported_by_two_outlets_is_one_event_with_two_sources():
    a, b = deeds(GAZETTE, WIRE)
    assert (a["actor_id"], b["actor_id"]) == ("russia_armed_forces", "russia_armed_forces")
    assert a["underlying_id"] == b["underlying_id"] == min(a["event_id"], b["event_id"])
    assert (a["sources"], b["sources"]) == (2, 2)
    assert (a["outlet"], b["outlet"]) == ("Harbour Gazette", "Desert Wire")


def test_the_state_and_its_forces_doing_the_same_are_one_event():
    state = ("Desert Wire", dt.date(2025, 3, 13), "Russia sent troops to Mali on Monday, a local official said.")
    a, b = deeds(GAZETTE, state)
    assert (a["actor_id"], b["actor_id"]) == ("russia_armed_forces", "russia_gov")
    assert a["underlying_id"] == b["underlying_id"] and a["sources"] == 2


def test_two_articles_of_one_outlet_are_one_source():
    again = ("harbour gazette ", dt.date(2025, 3, 13), "Witnesses said Russian soldiers were deployed to Mali this week.")
    a, b = deeds(GAZETTE, again)
    assert a["underlying_id"] == b["underlying_id"] and (a["sources"], b["sources"]) == (1, 1)


def test_articles_without_an_outlet_count_one_by_one():
    a, b = deeds(("", *GAZETTE[1:]), ("", *WIRE[1:]))
    assert a["underlying_id"] == b["underlying_id"] and a["sources"] == 2


@pytest.mark.parametrize(
    "other",
    [
        ("Desert Wire", dt.date(2025, 3, 13), "Russian troops deployed to Niger on Monday, residents said."),
        ("Desert Wire", dt.date(2025, 6, 20), "Russian troops deployed to Mali on Tuesday, residents said."),
        ("Desert Wire", dt.date(2025, 3, 13), "Turkish troops deployed to Mali on Monday, residents said."),
    ],
    ids=["another-place", "months-later", "another-actor"],
)
def test_another_place_time_or_actor_is_another_event(other):
    a, b = deeds(GAZETTE, other)
    assert a["underlying_id"] == a["event_id"] and b["underlying_id"] == b["event_id"]
    assert (a["sources"], b["sources"]) == (1, 1)


def row(event_id, actor_id, *, kind="action", chain=None, country="iraq", action_class="MOBILIZE", place="Syria",
        start=dt.date(2025, 3, 10), end=None, quote=None, doc="d1", outlet="", stance=None, official=False, bloc=None,
        text="The fighters deployed to Syria."):
    return {
        "event_id": event_id, "doc_id": doc, "doc_path": f"{doc}.txt", "sentence": 0, "char_start": 0, "char_end": len(text),
        "text": text, "kind": kind, "actor": actor_id, "actor_id": actor_id, "actor_mention": actor_id, "official": official,
        "bloc": bloc or (chain or [actor_id])[-1], "country": country, "chain": chain or [actor_id], "stance": stance,
        "polarity": "negative" if stance == "deny" else "positive", "cue": "deployed", "action_class": action_class,
        "place": place, "quote": quote, "reported_by": None, "date_start": start, "date_end": end or start,
        "date_precision": "day" if start else "unknown", "date_text": None, "extractor": "test", "anonymous": False,
        "outlet": outlet,
    }


def grouped(*rows) -> dict[str, tuple[str, int]]:
    from timeline.corroborate import CORROBORATION, corroborate
    from timeline.schema import EVENTS

    mentions = {k: v for k, v in EVENTS.items() if k not in CORROBORATION}
    out = corroborate(pl.DataFrame(list(rows), schema=mentions))
    assert out.columns == list(EVENTS)
    return {r["event_id"]: (r["underlying_id"], r["sources"]) for r in out.iter_rows(named=True)}


ARMY = ["iraq_armed_forces", "iraq"]
MILITIA = ["kataib_hezbollah", "pmf", "iraq_gov", "iraq"]


def test_sibling_actors_never_join_through_their_government():
    got = grouped(
        row("a1", "iraq_armed_forces", chain=ARMY, doc="d1", outlet="A"),
        row("a2", "iraq_gov", chain=["iraq_gov", "iraq"], doc="d2", outlet="B"),
        row("a3", "kataib_hezbollah", chain=MILITIA, doc="d3", outlet="C"),
    )
    assert got["a1"] == got["a2"] == ("a1", 2)
    assert got["a3"] == ("a3", 1)


def test_one_quote_in_two_outlets_is_one_statement():
    words = "No foreign soldier is deployed on our soil"
    got = grouped(
        row("s1", "mali_gov", kind="statement", action_class=None, place=None, quote=words, doc="d1", outlet="A"),
        row("s2", "mali_gov", kind="statement", action_class=None, place=None, quote=f"“{words.lower()}.”", doc="d2", outlet="B",
            start=dt.date(2025, 3, 8), end=dt.date(2025, 3, 14)),
        row("s3", "mali_gov", kind="statement", action_class=None, place=None, quote="our soil", doc="d3", outlet="C"),
        row("s4", "mali_gov", kind="statement", action_class=None, place=None, quote=None, doc="d4", outlet="D"),
    )
    assert got["s1"] == got["s2"] == ("s1", 2)
    assert got["s3"] == ("s3", 1) and got["s4"] == ("s4", 1)


def test_an_undated_deed_or_an_unclassified_one_stands_alone():
    got = grouped(
        row("u1", "wagner", start=None, doc="d1", outlet="A"),
        row("u2", "wagner", start=None, doc="d2", outlet="B"),
        row("u3", "wagner", action_class=None, doc="d3", outlet="C"),
        row("u4", "wagner", action_class=None, doc="d4", outlet="D"),
    )
    assert got == {"u1": ("u1", 1), "u2": ("u2", 1), "u3": ("u3", 1), "u4": ("u4", 1)}


def test_a_place_left_unnamed_is_compatible():
    got = grouped(row("p1", "wagner", place=None, outlet="A"), row("p2", "wagner", place="Syria", doc="d2", outlet="B"))
    assert got["p1"] == got["p2"] == ("p1", 2)


def test_corroborating_again_replaces_the_columns():
    from timeline.corroborate import corroborate

    first = extract_events(articles(GAZETTE, WIRE))
    again = corroborate(first.filter(pl.col("doc_id") == "d0"))
    assert again.filter(pl.col("kind") == "action").select("underlying_id", "sources").row(0) == (
        again.filter(pl.col("kind") == "action")["event_id"][0], 1)


# -- independent sources in a flag's score ---------------------------------------------------------

def _flag_score(*other_outlets: str) -> float:
    from divergence.flag import find_flags
    from timeline.corroborate import corroborate
    from timeline.schema import EVENTS

    denial = row("den", "iraq_gov", kind="statement", chain=["iraq_gov", "iraq"], action_class=None, stance="deny",
                 official=True, text="The government denied any deployment of fighters to Syria.", outlet="Capital Times")
    deeds = [row(f"dd{i}", "abu_fadl_abbas", country="iraq", chain=["abu_fadl_abbas"], doc=f"w{i}", outlet=o,
                 start=dt.date(2025, 3, 11)) for i, o in enumerate(other_outlets)]
    mentions = {k: v for k, v in EVENTS.items() if k not in ("underlying_id", "sources")}
    flags = find_flags(corroborate(pl.DataFrame([denial, *deeds], schema=mentions)), rules=["deny_vs_affiliated_action.v1"])
    assert flags.height == 1
    return flags["score"][0]


def test_a_deed_retold_by_one_outlet_adds_nothing_and_two_outlets_add_to_the_score():
    one_outlet = _flag_score("Desert Wire")
    assert _flag_score("Desert Wire", "desert wire") == one_outlet
    assert _flag_score("Desert Wire", "Harbour Gazette") == pytest.approx(one_outlet + 0.02)
    assert _flag_score("Desert Wire", "Harbour Gazette", "River Post") == pytest.approx(one_outlet + 0.04)


# -- where corroboration shows -----------------------------------------------------------------------

def test_the_extract_table_counts_the_sources_of_a_deed(tmp_path, capsys):
    from gapline.cli import main

    a = _article(tmp_path / "a.txt", GAZETTE[0], GAZETTE[1].isoformat(), GAZETTE[2])
    b = _article(tmp_path / "b.txt", WIRE[0], WIRE[1].isoformat(), WIRE[2])
    assert main(["extract", str(a), str(b)]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if "Russian armed forces" in line]
    assert len(lines) == 2 and all("2 sources" in line for line in lines)


def test_the_evidence_panel_names_the_outlets_of_a_deed_and_an_unnamed_source(tiny_case, frames):
    from dashboard.app import render_evidence

    retold = tiny_case.events.filter(pl.col("event_id") == "e2").with_columns(
        event_id=pl.lit("e6"), doc_id=pl.lit("d1"), doc_path=pl.lit("articles/baghdad-denial.md"), anonymous=pl.lit(True))
    events = pl.concat([tiny_case.events, retold]).with_columns(
        underlying_id=pl.when(pl.col("event_id").is_in(["e2", "e6"])).then(pl.lit("e2")).otherwise(pl.col("event_id")),
        sources=pl.when(pl.col("event_id").is_in(["e2", "e6"])).then(2).otherwise(1).cast(pl.Int32),
    )
    case = tiny_case._replace(events=events)
    text = str(render_evidence(case, "e6"))
    assert "Reported by 2 sources: The Example Post, Desert Wire" in text and "Unnamed source" in text
    plain = str(render_evidence(case, "e1"))
    assert "Reported by 2 sources" not in plain and "Unnamed source" not in plain
