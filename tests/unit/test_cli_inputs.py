"""The command line on the new inputs: warnings of reading, --workers and the progress bar."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from gapline.cli import _progress, cli, main

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_progress_bar_is_drawn_on_a_terminal_only():
    assert _progress("extracting", io.StringIO()) is None
    screen = Terminal()
    update = _progress("extracting", screen)
    for done in (2, 5, 7):
        update(done, 7)
    drawn = screen.getvalue()
    assert "extracting" in drawn and "7/7" in drawn


def test_the_same_events_with_one_worker_or_two(capsys):
    _, one, _ = run(capsys, "extract", DEMO, "--format", "jsonl", "--workers", "1")
    code, two, err = run(capsys, "extract", DEMO, "--format", "jsonl", "--workers", "2")
    assert code == 0 and one and one == two
    assert err == ""  # no bar, no noise, when stderr is not a terminal


@pytest.mark.parametrize("command", ["extract", "divergences", "timeline", "export", "report", "dashboard", "ingest"])
def test_commands_that_read_or_extract_take_workers(command):
    assert "--workers" in [opt for p in cli.commands[command].params for opt in p.opts]


def test_workers_below_one_is_a_misused_option(capsys):
    code, _, err = run(capsys, "extract", DEMO, "--workers", "0")
    assert code == 2 and "--workers" in err


def test_warnings_of_reading_are_shown_by_extract(tmp_path, capsys):
    page = tmp_path / "story.html"
    page.write_text("<html><head><title>T</title></head><body><article><p>The Iraqi army said on Monday that the border "
                    "was closed to all trucks.</p></article></body></html>")
    code, out, err = run(capsys, "extract", page, "--format", "jsonl")
    assert code == 0 and out
    assert err == f"warning: {page}: no 'published' date in the page; relative dates stay unresolved\n"
