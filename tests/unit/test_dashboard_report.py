"""The briefing: flags ranked with both sides' evidence, sources, and per-actor timelines."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import polars as pl
import pytest

from dashboard.report import render_report, write_report
from gapline.errors import InputError


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts, self.tags, self._skip = [], [], 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible(page: str) -> tuple[str, list]:
    parser = _Text()
    parser.feed(page)
    return " ".join(" ".join(parser.parts).split()), parser.tags


def test_markdown_ranks_flags_with_both_sides(tiny_case, frames):
    md = render_report(tiny_case, fmt="md", title="Border briefing")
    assert md.startswith("# Border briefing\n")
    assert "Events dated 2024-01-01 to 2024-12-31 · 2 documents, 5 events, 2 flags." in md
    first, second = md.index("### 1. "), md.index("### 2. ")
    assert md.index(frames.FLAG_EXPLANATION) == first + len("### 1. ")
    assert first < second < md.index("## Timelines")
    section = md[first:second]
    assert "Kind: say_vs_do · score: 0.87" in section
    assert f"“{frames.DENIAL_QUOTE}”" in section
    assert frames.MOVE_SENTENCE in section
    assert "| official | Iraqi Ministry of Defence | 2024-12-03 (day) | deny |" in section
    assert "| other | Northern Brigades | week ending 2024-12-05 (week) | action: MOBILIZE |" in section
    assert "The Example Post, Baghdad rejects reports of troop moves, 2024-12-03, articles/baghdad-denial.md" in section
    assert "Desert Wire, Convoys seen near the border, 2024-12-06, articles/border-convoys.md" in section
    assert frames.ASSERT_QUOTE in md[second:] and frames.CLAIM_QUOTE in md[second:]


def test_markdown_tables_escape_pipes(tiny_case):
    md = render_report(tiny_case, fmt="md")
    assert "where forces go\" \\| not any faction." in md
    for line in md.splitlines():
        if line.startswith("| official") or line.startswith("| other"):
            assert len(re.findall(r"(?<!\\)\|", line)) == 7, line


def test_markdown_timelines_group_by_bloc_and_order_by_date(tiny_case):
    md = render_report(tiny_case, fmt="md")
    timelines = md[md.index("## Timelines"):]
    headings = re.findall(r"^#{3,4} .*$", timelines, flags=re.M)
    assert headings == ["### Iraq", "#### Iraqi Ministry of Defence", "#### Iraqi Prime Minister",
                        "### Northern Brigades", "#### Northern Brigades",
                        "### Ruritania", "#### Ruritanian Foreign Ministry"]
    brigades = timelines[timelines.index("#### Northern Brigades"):timelines.index("### Ruritania")]
    year = brigades.index("**2024 (year)** · threaten")
    assert year < brigades.index("**week ending 2024-12-05 (week)** · action: MOBILIZE")


def test_markdown_lists_sources(tiny_case):
    md = render_report(tiny_case, fmt="md")
    row = "| The Example Post | Baghdad rejects reports of troop moves | 2024-12-03 | articles/baghdad-denial.md |"
    assert row in md


def test_html_is_self_contained_with_both_sides(tiny_case, frames):
    page = render_report(tiny_case, fmt="html", title="Border briefing")
    text, tags = visible(page)
    assert "<title>Border briefing</title>" in page
    assert re.findall(r"<script[^>]*\bsrc=", page) == []
    assert re.findall(r"<link[^>]*stylesheet", page) == []
    assert "Plotly.newPlot" in page
    assert "<style>" in page
    assert frames.FLAG_EXPLANATION in text
    assert f"<mark>{frames.DENIAL_QUOTE}</mark>" in page
    assert frames.MOVE_SENTENCE in text
    assert "week ending 2024-12-05 (week)" in text and "2024-12-03 (day)" in text
    assert "Desert Wire, Convoys seen near the border , 2024-12-06" in text
    assert "articles/border-convoys.md" in text
    assert text.index("1. " + frames.FLAG_EXPLANATION) < text.index("2. The prime minister")


def test_html_escapes_text(tiny_case):
    events = tiny_case.events.with_columns(
        text=pl.when(pl.col("event_id") == "e5").then(pl.lit("The leader said <script>alert(1)</script> & left."))
        .otherwise(pl.col("text"))
    )
    page = render_report(tiny_case._replace(events=events), fmt="html", title="A <b>bold</b> title", figure=False)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; left." in page
    assert "<title>A &lt;b&gt;bold&lt;/b&gt; title</title>" in page
    assert "Plotly.newPlot" not in page


def test_report_without_flags_says_so(tiny_case):
    case = tiny_case._replace(flags=tiny_case.flags.clear())
    assert "No divergences were flagged." in render_report(case, fmt="md")
    assert "No divergences were flagged." in visible(render_report(case, fmt="html", figure=False))[0]


def test_flag_pointing_at_a_missing_event_is_reported(tiny_case):
    case = tiny_case._replace(events=tiny_case.events.filter(pl.col("event_id") != "e2"))
    assert "event e2 is not in this case" in render_report(case, fmt="md")


@pytest.mark.parametrize(("name", "marker"), [("brief.md", "# Weekly"), ("brief.html", "<!DOCTYPE html>")])
def test_write_report_picks_the_format_by_suffix(tiny_case, tmp_path, name, marker):
    out = write_report(tiny_case, tmp_path / name, title="Weekly", figure=False)
    assert out.read_text(encoding="utf-8").startswith(marker)
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_write_report_rejects_other_suffixes(tiny_case, tmp_path):
    with pytest.raises(InputError, match="use .md or .html"):
        write_report(tiny_case, tmp_path / "brief.pdf")
    with pytest.raises(InputError, match="unknown report format"):
        render_report(tiny_case, fmt="pdf")
