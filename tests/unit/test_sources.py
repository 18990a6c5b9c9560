"""Who stands behind an event: unnamed sources, on sentences written for the tests."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from timeline.extract import extract_events
from timeline.schema import DOCUMENTS

PUBLISHED = dt.date(2025, 3, 14)  # a Friday


def events(body: str) -> list[dict]:
    docs = pl.DataFrame(
        [{"doc_id": "d1", "path": "t.txt", "title": "", "outlet": "", "url": "", "published": PUBLISHED, "body": body}],
        schema=DOCUMENTS,
    )
    return extract_events(docs).to_dicts()


def one(body: str, **where) -> dict:
    found = [e for e in events(body) if all(e[k] == v for k, v in where.items())]
    assert len(found) == 1, found
    return found[0]


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
