"""Analysts' review decisions: kept in the store, stable across re-ingest and re-computation."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import polars as pl
import pytest

from divergence.review import REVIEWS, load_reviews, record_review, resolve_flag, with_reviews
from gapline import api
from gapline.cli import main
from gapline.errors import InputError
from timeline.schema import FLAGS

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo"
MORE = """---
title: More fighters cross
published: 2024-12-06
outlet: Test Wire
---
The Abu al-Fadl al-Abbas militia sent more fighters to Syria on Thursday, local sources said.
"""


@pytest.fixture
def store(tmp_path):
    path = tmp_path / "case.db"
    api.ingest([DEMO], store=path)
    return path


def top_flag(store):
    flags = api.case_from_store(store).flags
    return flags.filter(pl.col("explanation").str.contains("Abu al-Fadl al-Abbas militia")).row(0, named=True)


def test_a_decision_persists_and_survives_reingest(store):
    f = top_flag(store)
    assert f["status"] == "open"
    out = api.review(store, f["flag_id"][:6], "confirm", note="both sides checked", reviewer="ana")
    assert (out["flag_id"], out["status"], out["notes"]) == (f["flag_id"], "confirmed", ["both sides checked"])
    api.ingest([DEMO], store=store)
    again = top_flag(store)
    assert (again["flag_id"], again["status"], again["carried_from"]) == (f["flag_id"], "confirmed", None)


def test_new_evidence_carries_the_decision_over(store, tmp_path):
    f = top_flag(store)
    api.review(store, f["flag_id"], "dismiss")
    (tmp_path / "more.txt").write_text(MORE, encoding="utf-8")
    api.ingest([tmp_path / "more.txt"], store=store)
    grown = api.case_from_store(store).flags.filter(pl.col("carried_from") == f["flag_id"])
    assert grown.height == 1
    g = grown.row(0, named=True)
    assert g["flag_id"] != f["flag_id"] and g["status"] == "dismissed"
    assert set(f["other_ids"]) < set(g["other_ids"])


def test_latest_decision_wins_and_notes_accumulate(store):
    f = top_flag(store)
    for action, note in [("confirm", ""), ("note", "ask the desk"), ("dismiss", "same quote twice"), ("reopen", "")]:
        api.review(store, f["flag_id"], action, note=note)
    g = top_flag(store)
    assert g["status"] == "open" and g["notes"] == ["ask the desk", "same quote twice"]
    assert load_reviews(store).get_column("action").to_list() == ["confirm", "note", "dismiss", "reopen"]


@pytest.mark.parametrize(
    "flag_id, action, note, message",
    [
        ("zz", "confirm", "", "too short"),
        ("ffffffff", "confirm", "", "no flag 'ffffffff'"),
        (None, "approve", "", "unknown review action"),
        (None, "note", "  ", "a note needs text"),
    ],
)
def test_bad_reviews_are_refused_and_lose_nothing(store, flag_id, action, note, message):
    f = top_flag(store)
    api.review(store, f["flag_id"], "confirm")
    with pytest.raises(InputError, match=message):
        api.review(store, flag_id or f["flag_id"], action, note=note)
    assert load_reviews(store).height == 1 and top_flag(store)["status"] == "confirmed"


def test_ambiguous_prefix_is_refused():
    flags = pl.DataFrame(
        [{"flag_id": i, "kind": "say_vs_do", "rule": "r", "score": 1.0, "explanation": "", "matter": "m",
          "official_ids": ["a"], "other_ids": ["b"]} for i in ("abcd1111", "abcd2222")], schema=FLAGS)
    with pytest.raises(InputError, match="ambiguous"):
        resolve_flag(flags, "abcd")
    assert resolve_flag(flags, "ABCD2")["flag_id"] == "abcd2222"


def test_reviewing_needs_an_existing_store(tmp_path):
    with pytest.raises(InputError, match="no such store"):
        api.review(tmp_path / "none.db", "abcd", "confirm")
    assert not (tmp_path / "none.db").exists()


def test_a_decision_on_other_evidence_does_not_leak():
    flags = pl.DataFrame([{"flag_id": "f1", "kind": "say_vs_do", "rule": "r.v1", "score": 0.9, "explanation": "",
                           "matter": "m", "official_ids": ["a"], "other_ids": ["b"]}], schema=FLAGS)
    log = pl.DataFrame([{"seq": 1, "flag_id": "f0", "action": "confirm", "note": "", "reviewer": "",
                         "at": dt.datetime(2025, 1, 1), "rule": "r.v1", "evidence": ["a", "c"]}], schema=REVIEWS)
    assert with_reviews(flags, log).select("status", "carried_from").row(0) == ("open", None)
    other_rule = log.with_columns(pl.lit(["a", "b"]).alias("evidence"), pl.lit("s.v1").alias("rule"))
    assert with_reviews(flags, other_rule).get_column("status").to_list() == ["open"]


def test_record_review_writes_one_row(store):
    f = top_flag(store)
    record_review(store, f, "confirm", reviewer="ana", at=dt.datetime(2025, 3, 1, 9, 30))
    row = load_reviews(store).row(0, named=True)
    assert (row["flag_id"], row["reviewer"], row["at"]) == (f["flag_id"], "ana", dt.datetime(2025, 3, 1, 9, 30))
    assert sorted(row["evidence"]) == sorted([*f["official_ids"], *f["other_ids"]])


def test_cli_review_round_trip(store, tmp_path, capsys):
    fid = top_flag(store)["flag_id"]
    assert main(["report", "--store", str(store), "-o", str(tmp_path / "before.md")]) == 0
    assert "Abu al-Fadl al-Abbas militia was reported doing it" in (tmp_path / "before.md").read_text(encoding="utf-8")
    assert main(["review", "dismiss", fid[:5], "--store", str(store), "--note", "not our case"]) == 0
    assert f"{fid}: dismissed" in capsys.readouterr().out
    assert main(["divergences", "--store", str(store)]) == 0
    out = capsys.readouterr().out
    assert fid not in out and "1 dismissed flag not shown" in out
    assert main(["divergences", "--store", str(store), "--all"]) == 0
    out = capsys.readouterr().out
    assert f"{fid} score" in out and "[dismissed]" in out and "note: not our case" in out
    assert main(["report", "--store", str(store), "-o", str(tmp_path / "brief.md")]) == 0
    assert "Abu al-Fadl al-Abbas militia was reported doing it" not in (tmp_path / "brief.md").read_text(encoding="utf-8")
    assert main(["review", "log", "--store", str(store)]) == 0
    assert "dismiss" in capsys.readouterr().out


def test_cli_review_of_unknown_flag_is_one_line(store, capsys):
    assert main(["review", "confirm", "ffffffff", "--store", str(store)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "gapline divergences --all" in err


def test_store_copy_keeps_its_reviews(store, tmp_path):
    fid = top_flag(store)["flag_id"]
    api.review(store, fid, "confirm")
    copy = tmp_path / "copy.db"
    shutil.copy(store, copy)
    assert top_flag(copy)["status"] == "confirmed"


def test_the_briefing_shows_confirmed_flags_and_notes(store, tmp_path, capsys):
    fid = top_flag(store)["flag_id"]
    api.review(store, fid, "confirm", note="checked against the wire copy")
    for name in ("brief.md", "brief.html"):
        assert main(["report", "--store", str(store), "-o", str(tmp_path / name)]) == 0
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert "confirmed by an analyst" in text and "Analyst's note: checked against the wire copy" in text
        assert text.count("confirmed by an analyst") == 1
