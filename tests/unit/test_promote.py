"""Actors found in text, listed and promoted into a registry file; texts written for the tests."""

from __future__ import annotations

import datetime as dt
import json

import polars as pl
import pytest

from divergence.case import build_case
from gapline.cli import main
from gapline.errors import ConfigError
from timeline.actors import Actor, discover, load_registry, promote
from timeline.extract import extract_events
from timeline.schema import DOCUMENTS

BODY = (
    "Malian MP Awa Traore said on Tuesday that no foreign troops had landed in Gao. "
    "Traore added that the committee would hear the defence minister. "
    "The Sahel Monitoring Centre, a research group, said convoys crossed the border on Monday."
)


def docs(body: str = BODY) -> pl.DataFrame:
    return pl.DataFrame(
        [{"doc_id": "d1", "path": "t.txt", "title": "", "outlet": "Desert Wire", "url": "",
          "published": dt.date(2025, 3, 13), "body": body}],
        schema=DOCUMENTS,
    )


def discovered_row(actor_id: str, registry_files=()) -> dict:
    registry = load_registry(registry_files)
    case = build_case(docs(), registry=registry)
    found = case.actors.filter(pl.col("actor_id") == actor_id)
    assert found.height == 1, case.actors
    return found.row(0, named=True)


def test_a_discovered_person_promoted_loads_as_a_registered_actor(tmp_path):
    found = dict(discover(BODY, load_registry()))
    person = next(a for a in found if a.name == "Awa Traore")
    target = tmp_path / "mine.yaml"
    added = promote(person, target)
    registry = load_registry([target])
    assert registry["awa_traore"] == added
    got = registry["awa_traore"]
    assert (got.name, got.kind, got.official, got.affiliation, got.discovered) == (
        "Awa Traore", "person", True, ("mali_parliament",), False)
    assert registry.chain("awa_traore") == ("awa_traore", "mali_parliament", "mali")
    # extraction with the file knows her, by name and by surname
    events = extract_events(docs(), registry=registry)
    assert set(events.filter(pl.col("actor") == "Awa Traore")["actor_id"]) == {"awa_traore"}
    assert events.filter(pl.col("actor_id") == "awa_traore").height == 2


def test_the_case_row_of_a_discovered_actor_promotes_the_same(tmp_path):
    row = discovered_row("awa_traore")
    assert (row["kind"], row["affiliation"], row["aliases"], row["discovered"]) == ("person", ["mali_parliament"], ["Traore"], True)
    target = tmp_path / "mine.yaml"
    promote(row, target)
    assert load_registry([target])["awa_traore"].affiliation == ("mali_parliament",)
    assert discovered_row("awa_traore", [target])["discovered"] is False


def test_a_named_organisation_loses_its_prefix_and_is_then_found_in_text(tmp_path):
    row = discovered_row("org:sahel_monitoring_centre")
    target = tmp_path / "mine.yaml"
    added = promote(row, target)
    assert (added.actor_id, added.kind, added.official) == ("sahel_monitoring_centre", "organisation", False)
    registry = load_registry([target])
    assert [m.actor_id for m in registry.mentions("The Sahel Monitoring Centre said so.")] == ["sahel_monitoring_centre"]


def test_promotion_appends_and_keeps_the_file_as_it_was(tmp_path):
    target = tmp_path / "mine.yaml"
    before = (
        "# Actors of our desk.  Keep this comment.\n"
        "actors:\n"
        "    # the first one\n"
        "    - {id: river_post, name: River Post, kind: media, official: false, affiliation: [], aliases: []}\n"
        "    - id: harbour_militia\n"
        "      name: Harbour Militia\n"
        "      kind: militia\n"
        "      aliases:\n"
        "        - the harbour men\n"
    )
    target.write_text(before, encoding="utf-8")
    promote(discovered_row("awa_traore"), target)
    after = target.read_text(encoding="utf-8")
    assert after.startswith(before)
    assert after[len(before):] == (
        "    - {id: awa_traore, name: Awa Traore, kind: person, official: true, affiliation: [mali_parliament], aliases: [Traore]}\n"
    )
    assert {"river_post", "harbour_militia", "awa_traore"} <= set(load_registry([target]).by_id)


def test_a_duplicate_id_is_refused_and_the_file_left_alone(tmp_path):
    target = tmp_path / "mine.yaml"
    row = discovered_row("awa_traore")
    promote(row, target)
    kept = target.read_text(encoding="utf-8")
    with pytest.raises(ConfigError, match=r"already has an actor with id 'awa_traore'; choose another id"):
        promote(row, target)
    with pytest.raises(ConfigError, match=r"actor id 'iraq_gov' is already registered \(Government of Iraq\)"):
        promote(row, target, actor_id="iraq_gov")
    assert target.read_text(encoding="utf-8") == kept
    assert not list(tmp_path.glob(".*"))


@pytest.mark.parametrize(
    ("actor", "message"),
    [
        (Actor("jane_doe", "Jane Doe", "person", affiliation=("org:unheard_of",), discovered=True),
         "belongs to 'unheard_of', which the registry does not know"),
        (Actor("sudani_again", "Mohammed Shia al-Sudani", "person", discovered=True), "already belongs to registered actor 'sudani'"),
        (Actor("jane_doe", "Jane Doe", "person", discovered=False), "only actors found in text"),
        (Actor("Jane Doe", "Jane Doe", "person", discovered=True), "cannot be a registry id"),
    ],
)
def test_what_cannot_be_promoted_says_why(tmp_path, actor, message):
    with pytest.raises(ConfigError, match=message):
        promote(actor, tmp_path / "mine.yaml")
    assert not (tmp_path / "mine.yaml").exists()


@pytest.mark.parametrize(
    "text",
    ["actors:\n  - {id: a_one, name: A One}\nnotes: kept last\n", "actors: []\n", "states:\n  - {id: x, name: X}\n"],
)
def test_a_file_it_cannot_append_to_is_refused(tmp_path, text):
    target = tmp_path / "mine.yaml"
    target.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=str(target)):
        promote(Actor("jane_doe", "Jane Doe", "person", discovered=True), target)
    assert target.read_text(encoding="utf-8") == text


# -- the command line ----------------------------------------------------------------------------------


def _article(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(f"---\ntitle: t\npublished: 2025-03-13\noutlet: Desert Wire\n---\n{BODY}\n", encoding="utf-8")
    return path


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_gapline_actors_lists_known_and_discovered_actors_with_counts(tmp_path, capsys):
    code, out, _ = run(capsys, "actors", _article(tmp_path), "--format", "jsonl")
    rows = {r["actor_id"]: r for r in map(json.loads, out.splitlines())}
    assert code == 0
    assert (rows["awa_traore"]["events"], rows["awa_traore"]["documents"], rows["awa_traore"]["discovered"]) == (2, 1, True)
    assert rows["awa_traore"]["affiliation"] == ["mali_parliament"] and rows["awa_traore"]["kind"] == "person"
    code, out, _ = run(capsys, "actors", _article(tmp_path))
    line = next(x for x in out.splitlines() if x.startswith("awa_traore"))
    assert code == 0 and "mali_parliament" in line and "text" in line


def test_gapline_actors_promote_writes_the_file_then_refuses_a_second_time(tmp_path, capsys):
    article, target = _article(tmp_path), tmp_path / "mine.yaml"
    code, out, _ = run(capsys, "actors", "promote", "Awa Traore", article, "--to", target)
    assert code == 0 and "added awa_traore" in out
    code, out, _ = run(capsys, "actors", article, "--registry", target)
    assert next(x for x in out.splitlines() if x.startswith("awa_traore")).rstrip().endswith("registry")
    code, _, err = run(capsys, "actors", "promote", "awa_traore", article, "--registry", target)
    assert code == 1 and len(err.splitlines()) == 1 and "already has an actor with id 'awa_traore'" in err


def test_gapline_actors_promote_needs_a_file_and_a_known_actor(tmp_path, capsys):
    article = _article(tmp_path)
    code, _, _ = run(capsys, "actors", "promote", "awa_traore", article)
    assert code == 2
    code, _, err = run(capsys, "actors", "promote", "nobody_here", article, "--to", tmp_path / "mine.yaml")
    assert code == 1 and "no actor 'nobody_here' in this case" in err
