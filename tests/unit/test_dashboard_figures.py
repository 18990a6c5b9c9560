"""The swimlane figure: lanes, symbols, intervals, hover text, flag highlights, title and credit."""

from __future__ import annotations

from datetime import date, datetime

import polars as pl
import pytest

from dashboard import theme
from dashboard.figures import date_label, flag_figure, timeline_figure, wrap_text
from gapline.errors import SchemaError
from timeline.schema import EVENTS


def markers(fig):
    """event_id -> (trace, point index) for every event marker (not rings)."""
    found = {}
    for trace in fig.data:
        if trace.mode == "markers" and trace.name not in ("in a flag", "selected"):
            for i, event_id in enumerate(trace.customdata):
                found[event_id] = (trace, i)
    return found


def trace_named(fig, name):
    matches = [t for t in fig.data if t.name == name]
    assert len(matches) == 1, [t.name for t in fig.data]
    return matches[0]


def names_of(case):
    return dict(zip(case.actors["actor_id"], case.actors["name"], strict=True))


def test_one_lane_per_actor_grouped_under_its_bloc(tiny_case):
    """Blocs get a header; a bloc that is one actor of the same name is just that lane."""
    fig = timeline_figure(tiny_case.events, bloc_names=names_of(tiny_case))
    ticks = dict(zip(fig.layout.yaxis.tickvals, fig.layout.yaxis.ticktext, strict=True))
    assert list(ticks.values()) == [
        "<b>IRAQ</b>", "Iraqi Ministry of Defence", "Iraqi Prime Minister",
        "Northern Brigades",
        "<b>RURITANIA</b>", "Ruritanian Foreign Ministry",
    ]
    lane_of = {event_id: trace.y[i] for event_id, (trace, i) in markers(fig).items()}
    assert ticks[lane_of["e1"]] == "Iraqi Ministry of Defence"
    assert ticks[lane_of["e3"]] == "Iraqi Prime Minister"
    assert lane_of["e2"] == lane_of["e5"]
    assert ticks[lane_of["e2"]] == "Northern Brigades"
    assert fig.layout.yaxis.range[0] > fig.layout.yaxis.range[1], "first bloc is drawn at the top"


def test_statements_are_circles_and_actions_diamonds(tiny_case):
    fig = timeline_figure(tiny_case.events)
    symbols = {event_id: trace.marker.symbol for event_id, (trace, _) in markers(fig).items()}
    assert symbols == {"e1": "circle", "e3": "circle", "e4": "circle", "e5": "circle", "e2": "diamond"}


def test_stance_sets_colour_and_legend(tiny_case):
    fig = timeline_figure(tiny_case.events)
    legend = [t.name for t in fig.data if t.showlegend is not False and t.mode == "markers"]
    assert legend == ["deny", "assert", "claim", "threaten", "action"]
    assert trace_named(fig, "deny").marker.color == theme.STANCE_COLORS["deny"]
    assert trace_named(fig, "action").marker.color == theme.ACTION_COLOR


def test_week_precision_event_spans_its_interval(tiny_case):
    fig = timeline_figure(tiny_case.events)
    span = trace_named(fig, "action interval")
    assert list(span.x[:2]) == [datetime(2024, 11, 29), datetime(2024, 12, 6)]
    trace, i = markers(fig)["e2"]
    assert datetime(2024, 11, 29) < trace.x[i] < datetime(2024, 12, 6)
    assert span.y[0] == span.y[1] == trace.y[i]


def test_day_precision_event_sits_on_its_day_without_a_span(tiny_case):
    fig = timeline_figure(tiny_case.events)
    trace, i = markers(fig)["e1"]
    assert trace.x[i] == datetime(2024, 12, 3)
    assert "deny interval" not in [t.name for t in fig.data]


def test_hover_names_actor_date_with_precision_and_sentence(tiny_case, frames):
    fig = timeline_figure(tiny_case.events)
    hover = {event_id: trace.hovertext[i] for event_id, (trace, i) in markers(fig).items()}
    assert "Northern Brigades" in hover["e2"] and "week ending 2024-12-05" in hover["e2"]
    assert "action · MOBILIZE" in hover["e2"]
    assert "Dec 2024" in hover["e3"] and "statement · assert" in hover["e3"]
    assert "2024" in hover["e5"] and "year precision" in hover["e5"]
    assert "rolled toward the border" in hover["e2"].replace("<br>", " ")


def test_hover_escapes_and_truncates_long_sentences(tiny_case):
    long = "<b>" + "The convoy kept moving along the road. " * 30
    events = tiny_case.events.filter(pl.col("event_id") == "e2").with_columns(text=pl.lit(long))
    (trace, i), = markers(timeline_figure(events)).values()
    assert "&lt;b&gt;" in trace.hovertext[i]
    assert "…" in trace.hovertext[i]
    assert len(trace.hovertext[i]) < len(long)


def test_customdata_carries_event_ids(tiny_case):
    fig = timeline_figure(tiny_case.events)
    assert sorted(markers(fig)) == sorted(tiny_case.events["event_id"])


def test_flagged_events_are_ringed_and_linked(tiny_case):
    fig = timeline_figure(tiny_case.events, flags=tiny_case.flags)
    assert sorted(trace_named(fig, "in a flag").customdata) == ["e1", "e2", "e3", "e4"]
    link = trace_named(fig, "flag link")
    assert link.line.dash == "dot"
    assert len([x for x in link.x if x is not None]) == 4


def test_selected_flag_highlights_both_sides(tiny_case):
    fig = timeline_figure(tiny_case.events, flags=tiny_case.flags, selected="f1")
    assert sorted(trace_named(fig, "selected").customdata) == ["e1", "e2"]
    assert sorted(trace_named(fig, "in a flag").customdata) == ["e3", "e4"]
    link = trace_named(fig, "selected flag link")
    pos = {event_id: (trace.x[i], trace.y[i]) for event_id, (trace, i) in markers(fig).items()}
    assert {(link.x[0], link.y[0]), (link.x[1], link.y[1])} == {pos["e1"], pos["e2"]}
    assert link.line.color == theme.SELECTED_COLOR


def test_selected_event_is_ringed_without_flags(tiny_case):
    fig = timeline_figure(tiny_case.events, selected="e4")
    assert list(trace_named(fig, "selected").customdata) == ["e4"]
    assert "in a flag" not in [t.name for t in fig.data]


def test_title_credit_and_fixed_size(tiny_case):
    fig = timeline_figure(tiny_case.events, title="Border & beyond", credit="Source: gapline · Desert Wire",
                          width=900, height=500)
    assert fig.layout.title.text == "Border &amp; beyond"
    assert (fig.layout.width, fig.layout.height) == (900, 500)
    credit = [a for a in fig.layout.annotations if a.name == "credit"]
    assert credit[0].text == "Source: gapline · Desert Wire"
    assert credit[0].y == 0 and credit[0].yanchor == "top"


def test_height_grows_with_lanes_when_not_given(tiny_case):
    one = timeline_figure(tiny_case.events.filter(pl.col("bloc") == "iraq"))
    all_ = timeline_figure(tiny_case.events)
    assert all_.layout.height > one.layout.height


def test_no_events_gives_a_clear_annotation():
    fig = timeline_figure(pl.DataFrame(schema=EVENTS), title="Nothing yet")
    assert [a.text for a in fig.layout.annotations] == ["No events"]
    assert len(fig.data) == 0
    assert fig.layout.title.text == "Nothing yet"


def test_undated_events_are_counted_not_drawn(tiny_case):
    events = tiny_case.events.with_columns(
        date_start=pl.when(pl.col("event_id") == "e5").then(None).otherwise(pl.col("date_start")),
        date_end=pl.when(pl.col("event_id") == "e5").then(None).otherwise(pl.col("date_end")),
    )
    fig = timeline_figure(events)
    assert "e5" not in markers(fig)
    assert "1 undated event not shown" in [a.text for a in fig.layout.annotations]


def test_missing_column_is_a_schema_error(tiny_case):
    with pytest.raises(SchemaError, match="timeline_figure needs column 'date_precision'"):
        timeline_figure(tiny_case.events.drop("date_precision"))


def test_flag_figure_draws_only_that_flag(tiny_case):
    fig = flag_figure(tiny_case, "f1", title="Flag one")
    assert sorted(markers(fig)) == ["e1", "e2"]
    assert sorted(trace_named(fig, "selected").customdata) == ["e1", "e2"]


@pytest.mark.parametrize(
    ("start", "end", "precision", "expected"),
    [
        (date(2024, 12, 5), date(2024, 12, 5), "day", "2024-12-05"),
        (date(2024, 11, 29), date(2024, 12, 5), "week", "week ending 2024-12-05"),
        (date(2024, 12, 1), date(2024, 12, 31), "month", "Dec 2024"),
        (date(2024, 7, 1), date(2024, 9, 30), "quarter", "Q3 2024"),
        (date(2019, 1, 1), date(2019, 12, 31), "year", "2019"),
        (date(2024, 3, 1), date(2024, 3, 9), "unknown", "between 2024-03-01 and 2024-03-09"),
    ],
)
def test_date_label_says_the_precision(start, end, precision, expected):
    assert date_label(start, end, precision) == expected


def test_wrap_text_breaks_lines():
    assert wrap_text("one two three four", width=9) == "one two<br>three<br>four"


def test_figure_opens_on_the_busy_stretch_not_on_an_old_outlier():
    from datetime import date as d

    from timeline.schema import EVENTS

    def row(i, start, end, precision):
        return {name: None for name in EVENTS} | {
            "event_id": f"e{i}", "kind": "action", "actor": "Guard", "actor_id": "guard", "bloc": "guard",
            "action_class": "MOBILIZE", "text": "The guard moved.", "date_start": start, "date_end": end,
            "date_precision": precision}

    rows = [row(0, d(2018, 1, 1), d(2018, 12, 31), "year")] + [row(i, d(2024, 12, i), d(2024, 12, i), "day") for i in range(1, 6)]
    fig = timeline_figure(pl.DataFrame(rows, schema=EVENTS))
    lo, hi = fig.layout.xaxis.range
    assert str(lo) >= "2024-11" and str(hi) <= "2025-01"
