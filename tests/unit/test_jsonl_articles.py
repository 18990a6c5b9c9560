"""JSON lines of articles: one article per line, bad lines reported by number."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from gapline.errors import InputError
from timeline.extract import extract_events
from timeline.ingest import read_article, read_articles
from timeline.store import add_documents, load_documents

GOOD = [
    {"text": "Iraqi MP Jane Roe denied the reports on Wednesday.", "title": "Denial", "published": "2024-12-05",
     "outlet": "Example News", "url": "https://news.example/a"},
    {"body": "The army said the road was open.", "date": "2024-12-06T08:00:00Z"},
]


def write_lines(tmp_path, lines, name="articles.jsonl"):
    path = tmp_path / name
    path.write_text("".join((x if isinstance(x, str) else json.dumps(x, ensure_ascii=False)) + "\n" for x in lines), encoding="utf-8")
    return path


def test_each_line_is_an_article_with_its_line_as_path(tmp_path):
    path = write_lines(tmp_path, GOOD)
    batch = read_articles([path])
    docs = batch.documents
    assert docs["path"].to_list() == [f"{path}:1", f"{path}:2"]
    assert docs.select("title", "outlet", "url", "published").row(0) == (
        "Denial", "Example News", "https://news.example/a", dt.date(2024, 12, 5))
    assert docs.select("title", "published", "body").row(1) == ("", dt.date(2024, 12, 6), "The army said the road was open.")
    assert batch.warnings == [] and batch.problems == []


def test_events_carry_the_line_as_their_document(tmp_path):
    path = write_lines(tmp_path, GOOD)
    docs = read_articles([path]).documents
    events = extract_events(docs)
    denial = events.filter(events["stance"] == "deny").row(0, named=True)
    assert denial["doc_path"] == f"{path}:1" and denial["date_start"] == dt.date(2024, 12, 4)
    assert docs["body"][0][denial["char_start"] : denial["char_end"]] == denial["text"]


BAD = [
    GOOD[0],
    "{not json",
    "",
    {"title": "No text here", "published": "2024-12-05"},
    ["a", "list"],
    {"text": "   "},
    {"text": 42},
    {"text": "A titled line.", "title": {"nested": True}},
    {"text": "A date far off.", "published": "99999-01-01"},
    GOOD[1],
]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (2, "not valid JSON"),
        (4, "no article text"),
        (5, "a JSON array, not an object"),
        (6, "no article text"),
        (7, "no article text"),
        (8, "'title' must be a string, not a JSON object"),
        (9, "published year 99999 is out of range"),
    ],
)
def test_bad_lines_are_reported_by_number(tmp_path, line, message):
    path = write_lines(tmp_path, BAD)
    skipped = read_articles([path], on_error="skip")
    assert skipped.documents["path"].to_list() == [f"{path}:1", f"{path}:10"]
    assert len(skipped.problems) == 7
    assert any(p.startswith(f"{path}:{line}: ") and message in p for p in skipped.problems), skipped.problems


def test_a_bad_line_stops_the_batch_and_keeps_the_store(tmp_path):
    store = tmp_path / "case.db"
    add_documents(store, read_articles([write_lines(tmp_path, [GOOD[1]], name="first.jsonl")]).documents)
    path = write_lines(tmp_path, BAD)
    with pytest.raises(InputError, match=rf"^{path}:2: not valid JSON"):
        read_articles([path])
    assert load_documents(store)["body"].to_list() == ["The army said the road was open."]


def test_a_line_over_the_limit_is_reported_and_the_rest_read(tmp_path, monkeypatch):
    monkeypatch.setattr("timeline.ingest.MAX_BYTES", 200)
    long = {"text": "The minister spoke at length. " * 20}
    path = write_lines(tmp_path, [GOOD[1], long, GOOD[0]])
    skipped = read_articles([path], on_error="skip")
    assert skipped.documents["path"].to_list() == [f"{path}:1", f"{path}:3"]
    assert len(skipped.problems) == 1
    assert skipped.problems[0].startswith(f"{path}:2: the line is over") and "too large for one article" in skipped.problems[0]


def test_an_undated_line_warns_like_a_text_file(tmp_path):
    path = write_lines(tmp_path, [{"text": "The minister said so."}])
    batch = read_articles([path])
    assert batch.documents["published"][0] is None
    assert batch.warnings == [f"{path}:1: no 'published' date on the line; relative dates stay unresolved"]


def test_fields_gapline_does_not_read_are_named_once(tmp_path):
    path = write_lines(tmp_path, [{**GOOD[0], "author": "A. Writer", "tags": ["x"]}, {**GOOD[1], "author": "B"}])
    batch = read_articles([path])
    assert [w for w in batch.warnings if "not read" in w] == [
        f"{path}: fields not read: author, tags (gapline reads text, body, title, published, date, outlet, url)"]


def test_mojibake_in_a_line_is_repaired_and_reported(tmp_path):
    import ftfy.bad_codecs  # noqa: F401  registers the sloppy codecs

    clean = "The ministry’s spokesman said “no” on Tuesday."
    broken = clean.encode("utf-8").decode("sloppy-windows-1252")
    path = write_lines(tmp_path, [GOOD[0], {"text": broken, "published": "2024-12-05"}])
    batch = read_articles([path])
    assert batch.documents["body"][1] == clean
    assert len(batch.warnings) == 1 and batch.warnings[0].startswith(f"{path}:2: repaired broken characters")


def test_a_file_without_articles_is_an_error(tmp_path):
    path = write_lines(tmp_path, ["", "   "])
    with pytest.raises(InputError, match="holds no articles"):
        read_articles([path])


def test_a_jsonl_file_is_not_one_article(tmp_path):
    with pytest.raises(InputError, match="one article per line"):
        read_article(write_lines(tmp_path, GOOD))


def test_ingest_names_the_bad_line_or_skips_it(tmp_path, capsys):
    from gapline.cli import main

    store = tmp_path / "case.db"
    path = write_lines(tmp_path, [GOOD[0], "{not json", GOOD[1]])
    assert main(["ingest", "--store", str(store), str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{path}:2: not valid JSON" in err
    assert main(["ingest", "--store", str(store), "--skip-bad", str(path)]) == 0
    out = capsys.readouterr()
    assert "2 added" in out.out and f"skipped {path}:2: not valid JSON" in out.err


def test_gapline_output_is_not_taken_for_articles(tmp_path):
    event = {"event_id": "4f1c", "doc_path": "a.txt", "kind": "statement", "text": "The army said so."}
    path = write_lines(tmp_path, [event])
    with pytest.raises(InputError, match=rf"{path}:1: an event or flag that gapline wrote"):
        read_articles([tmp_path])


def test_a_repair_of_the_outlet_alone_is_reported_too(tmp_path):
    import ftfy.bad_codecs  # noqa: F401  registers the sloppy codecs

    outlet = "Le Courrier de l’Est".encode("utf-8").decode("sloppy-windows-1252")
    path = write_lines(tmp_path, [{**GOOD[0], "outlet": outlet}])
    batch = read_articles([path])
    assert batch.documents["outlet"][0] == "Le Courrier de l’Est"
    assert len(batch.warnings) == 1 and batch.warnings[0].startswith(f"{path}:1: repaired broken characters")
