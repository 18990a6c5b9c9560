"""The command line, end to end on the demo case and on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from gapline.cli import cli, main

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo"
CONTRACT = {"event_id", "doc_path", "actor", "kind", "stance", "date_start", "date_end", "date_precision", "text",
            "char_start", "char_end", "quote", "reported_by"}


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_extract_jsonl_follows_the_contract(capsys):
    code, out, _ = run(capsys, "extract", DEMO, "--format", "jsonl")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows and all(CONTRACT <= set(r) for r in rows)
    for r in rows:
        body = Path(r["doc_path"]).read_text(encoding="utf-8").split("---\n", 2)[2]
        assert body[r["char_start"] : r["char_end"]] == r["text"]


def test_divergences_jsonl_holds_both_sides(capsys):
    code, out, _ = run(capsys, "divergences", DEMO, "--format", "jsonl")
    flags = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    top = [f for f in flags if any(e["actor"] == "Abu al-Fadl al-Abbas militia" for e in f["other"])]
    assert top, flags
    assert top[0]["kind"] == "say_vs_do"
    assert any(e["actor"] == "Government of Iraq" and e["stance"] == "deny" for e in top[0]["official"])


def test_ingest_then_read_the_store(tmp_path, capsys):
    store = tmp_path / "case.db"
    code, out, _ = run(capsys, "ingest", "--store", store, DEMO)
    assert code == 0 and "3 added" in out
    code, out, _ = run(capsys, "ingest", "--store", store, DEMO)
    assert "0 added, 3 already stored, 3 in the case" in out
    code, out, _ = run(capsys, "timeline", "--store", store, "--actor", "abu_fadl_abbas")
    assert code == 0 and "Abu al-Fadl al-Abbas militia" in out and "MOBILIZE".lower() in out.lower()


def test_dates_prints_resolved_expressions(capsys):
    code, out, _ = run(capsys, "dates", DEMO / "01-lawmakers-deny.txt", "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    wednesday = [r for r in rows if "Wednesday" in r["text"]]
    assert code == 0 and wednesday
    assert (wednesday[0]["date_start"], wednesday[0]["date_end"], wednesday[0]["date_precision"]) == ("2024-12-04", "2024-12-04", "day")


@pytest.mark.parametrize(
    ("content", "mode", "message"),
    [
        (None, None, "no such file"),
        ("", "w", "no text"),
        (b"\x00\xff\x00binary", "wb", "binary"),
    ],
)
def test_bad_input_is_one_clear_line_and_exit_1(tmp_path, capsys, content, mode, message):
    path = tmp_path / "article.txt"
    if mode == "w":
        path.write_text(content)
    elif mode == "wb":
        path.write_bytes(content)
    code, out, err = run(capsys, "extract", path)
    assert code == 1
    assert message in err and "Traceback" not in err
    assert err.count("\n") == 1


def test_article_without_date_warns_and_goes_on(tmp_path, capsys):
    path = tmp_path / "undated.txt"
    path.write_text("The Iraqi government denied the reports.")
    code, out, err = run(capsys, "ingest", "--store", tmp_path / "c.db", path)
    assert code == 0
    assert "no 'published' date" in err


def test_failed_ingest_keeps_what_was_stored(tmp_path, capsys):
    store = tmp_path / "case.db"
    run(capsys, "ingest", "--store", store, DEMO)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "x.txt").write_bytes(b"\x00\x00")
    code, _, err = run(capsys, "ingest", "--store", store, bad)
    assert code == 1 and "binary" in err
    code, out, _ = run(capsys, "extract", "--store", store, "--format", "jsonl")
    assert code == 0 and len(out.splitlines()) > 5


def test_empty_store_says_how_to_fill_it(tmp_path, capsys):
    code, _, err = run(capsys, "divergences", "--store", tmp_path / "none.db")
    assert code == 1 and "gapline ingest" in err


def test_misused_options_exit_2(capsys):
    code, _, _ = run(capsys, "extract", "--format", "xml", DEMO)
    assert code == 2


def test_every_command_has_help_and_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, command in cli.commands.items():
        assert command.help and len(command.help) > 30, name
        assert f"gapline {name}" in readme, f"README does not document 'gapline {name}'"


def test_console_script_runs():
    out = subprocess.run([sys.executable, "-m", "gapline", "--help"], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0 and "divergences" in out.stdout


def test_output_is_the_same_on_every_run():
    outs = []
    for seed in ("1", "2"):
        env = {**__import__("os").environ, "PYTHONHASHSEED": seed}
        out = subprocess.run(
            [sys.executable, "-m", "gapline", "divergences", str(DEMO), "--format", "jsonl"],
            capture_output=True, text=True, cwd=ROOT, env=env,
        )
        outs.append(out.stdout)
    assert outs[0] and outs[0] == outs[1]


def test_timeline_per_bloc_puts_an_affiliation_chain_together(capsys):
    code, out, _ = run(capsys, "timeline", DEMO, "--by", "bloc")
    iraq = out.split("[iraq]")[1].split("\n[")[0]
    assert code == 0
    assert "Government of Iraq" in iraq and "Karim Abu Suda" in iraq and "Abu al-Fadl" not in iraq


@pytest.mark.parametrize(
    "registry, message",
    [
        ("actors:\n  - {id: a, name: A, affiliation: [b]}\n  - {id: b, name: B, affiliation: [a]}\n", "affiliation cycle: a -> b -> a"),
        ("actors:\n  - {id: a, name: A, affiliation: [zzz]}\n", "affiliated with unknown actor 'zzz'"),
        ("actors: {a: 1}\n", "holds a list under 'actors:'"),
    ],
)
def test_a_bad_registry_is_one_line_and_exit_1(tmp_path, capsys, registry, message):
    path = tmp_path / "extra.yaml"
    path.write_text(registry, encoding="utf-8")
    code, _, err = run(capsys, "divergences", DEMO, "--registry", path)
    assert code == 1 and message in err and err.count("\n") == 1 and "Traceback" not in err


def test_unknown_actor_lists_the_known_ones(capsys):
    code, _, err = run(capsys, "timeline", DEMO, "--actor", "nope")
    assert code == 1 and "no events for nope" in err and "iraq_gov" in err
