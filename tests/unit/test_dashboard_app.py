"""The Dash app: layout, filters, selection and the evidence panel, through its plain functions."""

from __future__ import annotations

from datetime import date

import dash
import plotly.graph_objects as go
import polars as pl
from dash import dash_table, dcc, html

from dashboard.app import (
    create_app,
    filter_events,
    render_evidence,
    render_flag,
    render_selection,
    selection_from,
    timeline_view,
)


def text_of(component) -> str:
    """All the text a component tree shows, joined by spaces."""
    if component is None:
        return ""
    if isinstance(component, str | int | float):
        return str(component)
    if isinstance(component, list | tuple):
        return " ".join(text_of(c) for c in component)
    return text_of(getattr(component, "children", None))


def by_id(component, wanted):
    """The component with id ``wanted`` in a layout tree."""
    if getattr(component, "id", None) == wanted:
        return component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and not isinstance(child, str):
            found = by_id(child, wanted)
            if found is not None:
                return found
    return None


def marks(component) -> list[str]:
    """The text of every <mark> in a component tree."""
    if isinstance(component, html.Mark):
        return [text_of(component)]
    children = getattr(component, "children", None)
    return [m for c in (children if isinstance(children, list | tuple) else [children])
            if c is not None and not isinstance(c, str) for m in marks(c)]


def test_layout_has_the_stable_ids_and_counts(tiny_case):
    app = create_app(tiny_case, title="Border watch")
    assert isinstance(app, dash.Dash) and app.title == "Border watch"
    layout = app.layout
    for wanted, kind in [("bloc-filter", dcc.Dropdown), ("actor-filter", dcc.Dropdown), ("kind-filter", dcc.Checklist),
                         ("stance-filter", dcc.Dropdown), ("date-filter", dcc.DatePickerRange),
                         ("timeline-graph", dcc.Graph), ("flag-table", dash_table.DataTable),
                         ("evidence", html.Div), ("selection", dcc.Store)]:
        assert isinstance(by_id(layout, wanted), kind), wanted
    counts = text_of(by_id(layout, "counts"))
    assert counts.startswith("2 documents · 4 actors · 5 events · 2 flags")
    assert "2024-01-01 – 2024-12-31" in counts
    assert "Border watch" in text_of(layout)


def test_flag_table_is_ranked_by_score(tiny_case, frames):
    table = by_id(create_app(tiny_case).layout, "flag-table")
    assert [(r["rank"], r["id"], r["score"], r["kind"]) for r in table.data] == [
        (1, "f1", 0.87, "say_vs_do"), (2, "f2", 0.41, "say_vs_say")]
    assert table.data[0]["explanation"] == frames.FLAG_EXPLANATION


def test_graph_starts_with_every_event(tiny_case):
    fig = by_id(create_app(tiny_case).layout, "timeline-graph").figure
    rings = ("in a flag", "selected")
    shown = {e for t in fig.data if t.mode == "markers" and t.name not in rings for e in t.customdata}
    assert shown == set(tiny_case.events["event_id"])


def test_callbacks_are_wired_to_the_stable_ids(tiny_case):
    app = create_app(tiny_case)
    outputs = set(app.callback_map)
    assert {"timeline-graph.figure", "evidence.children", "selection.data", "actor-filter.options"} <= outputs
    inputs = {i["id"] for i in app.callback_map["selection.data"]["inputs"]}
    assert inputs == {"timeline-graph", "flag-table"}


def test_filter_by_bloc_actor_kind_and_stance(tiny_case):
    assert sorted(filter_events(tiny_case, blocs=["iraq"])["event_id"]) == ["e1", "e3"]
    assert sorted(filter_events(tiny_case, actors=["northern_brigades"])["event_id"]) == ["e2", "e5"]
    assert filter_events(tiny_case, kinds=["action"])["event_id"].to_list() == ["e2"]
    assert sorted(filter_events(tiny_case, stances=["deny"])["event_id"]) == ["e1", "e2"]
    assert sorted(filter_events(tiny_case, kinds=["statement"], stances=["deny", "claim"])["event_id"]) == ["e1", "e4"]
    assert filter_events(tiny_case, blocs=[], actors=None).height == tiny_case.events.height


def test_filter_by_date_keeps_overlapping_intervals(tiny_case):
    kept = filter_events(tiny_case, start="2024-12-04", end=date(2024, 12, 10))
    assert sorted(kept["event_id"]) == ["e2", "e3", "e4", "e5"]
    assert sorted(filter_events(tiny_case, end="2024-06-30")["event_id"]) == ["e5"]


def test_timeline_view_filters_and_highlights(tiny_case):
    fig = timeline_view(tiny_case, blocs=["iraq", "northern_brigades"], selected="f1")
    assert isinstance(fig, go.Figure)
    selected = [t for t in fig.data if t.name == "selected"][0]
    assert sorted(selected.customdata) == ["e1", "e2"]
    ticks = fig.layout.yaxis.ticktext
    assert "Ruritanian Foreign Ministry" not in ticks and "<b>IRAQ</b>" in ticks


def test_selection_from_a_click_and_a_row():
    click = {"points": [{"curveNumber": 3, "pointNumber": 0, "customdata": "e2"}]}
    assert selection_from("timeline-graph", click, None) == {"type": "event", "id": "e2"}
    cell = {"row": 1, "column": 3, "column_id": "explanation", "row_id": "f2"}
    assert selection_from("flag-table", click, cell) == {"type": "flag", "id": "f2"}
    assert selection_from("timeline-graph", {"points": [{"x": 1}]}, None) is None


def test_event_evidence_marks_the_quote_and_names_the_source(tiny_case, frames):
    panel = render_evidence(tiny_case, "e1")
    text = text_of(panel)
    assert marks(panel) == [frames.DENIAL_QUOTE]
    for expected in ["Iraqi Ministry of Defence", "statement · deny", "2024-12-03", "(day precision)",
                     "Baghdad rejects reports of troop moves", "The Example Post", "published 2024-12-03",
                     "articles/baghdad-denial.md", "characters 79–203"]:
        assert expected in text, expected
    assert frames.FLAG_EXPLANATION in text


def test_action_evidence_shows_its_interval(tiny_case, frames):
    text = text_of(render_evidence(tiny_case, "e2"))
    assert frames.MOVE_SENTENCE in text
    assert "week ending 2024-12-05" in text and "(week precision)" in text
    assert "action · MOBILIZE" in text and "Desert Wire" in text


def test_flag_evidence_shows_both_sides(tiny_case, frames):
    panel = render_flag(tiny_case, "f1")
    text = text_of(panel)
    assert frames.FLAG_EXPLANATION in text
    assert "say_vs_do · score 0.87" in text
    assert frames.DENIAL_QUOTE in marks(panel)
    assert frames.MOVE_SENTENCE in text
    assert text.index("Official side") < text.index(frames.DENIAL_QUOTE) < text.index("Other side")
    assert text.index("Other side") < text.index(frames.MOVE_SENTENCE)
    assert "articles/baghdad-denial.md" in text and "articles/border-convoys.md" in text


def test_second_flag_marks_both_quotes(tiny_case, frames):
    assert marks(render_flag(tiny_case, "f2")) == [frames.ASSERT_QUOTE, frames.CLAIM_QUOTE]


def test_unknown_ids_and_no_selection_explain_themselves(tiny_case):
    assert "Event nope is not in this case." in text_of(render_evidence(tiny_case, "nope"))
    assert "Flag nope is not in this case." in text_of(render_flag(tiny_case, "nope"))
    assert "Click an event" in text_of(render_selection(tiny_case, None))
    assert text_of(render_selection(tiny_case, {"type": "flag", "id": "f1"})) == text_of(render_flag(tiny_case, "f1"))
    event = render_selection(tiny_case, {"type": "event", "id": "e2"})
    assert text_of(event) == text_of(render_evidence(tiny_case, "e2"))


def test_flag_with_a_missing_event_says_so(tiny_case):
    case = tiny_case._replace(events=tiny_case.events.filter(pl.col("event_id") != "e2"))
    assert "Not in this case: e2" in text_of(render_flag(case, "f1"))


def test_app_builds_for_an_empty_case(tiny_case):
    case = tiny_case._replace(events=tiny_case.events.clear(), flags=tiny_case.flags.clear())
    layout = create_app(case).layout
    assert by_id(layout, "flag-table").data == []
    assert [a.text for a in by_id(layout, "timeline-graph").figure.layout.annotations] == ["No events"]


def test_public_surface_is_exact():
    import dashboard

    assert sorted(dashboard.__all__) == ["create_app", "export_case", "export_figure", "render_report", "serve",
                                         "timeline_figure", "write_report"]
    assert all(callable(getattr(dashboard, name)) for name in dashboard.__all__)


def _store(tmp_path):
    from timeline.store import connect

    path = tmp_path / "case.db"
    with connect(path):
        pass
    return path


def test_review_bar_only_with_a_store(tiny_case, tmp_path):
    assert by_id(create_app(tiny_case).layout, "review-confirm") is None
    layout = create_app(tiny_case, store=_store(tmp_path)).layout
    assert all(by_id(layout, i) is not None for i in ("review-note", "review-confirm", "review-dismiss", "review-reopen"))


def test_review_flag_keeps_the_decision_in_the_store(tiny_case, tmp_path):
    from dashboard.app import review_flag
    from divergence.review import load_reviews

    store = _store(tmp_path)
    fid = tiny_case.flags["flag_id"][0]
    case, message = review_flag(store, tiny_case, fid, "dismiss", "same convoy twice")
    assert message == f"Flag {fid} dismissed; status: dismissed."
    row = case.flags.filter(pl.col("flag_id") == fid).row(0, named=True)
    assert (row["status"], row["notes"]) == ("dismissed", ["same convoy twice"])
    assert load_reviews(store)["action"].to_list() == ["dismiss"]
    # a dismissed flag stays in the list, marked, but leaves the timeline's flag overlay
    rows = {r["id"]: r["status"] for r in by_id(create_app(case).layout, "flag-table").data}
    assert rows[fid] == "dismissed"
    for other in case.flags["flag_id"].to_list():
        case, _ = review_flag(store, case, other, "dismiss")
    no_flags = case._replace(flags=case.flags.clear())
    assert timeline_view(case).to_plotly_json() == timeline_view(no_flags).to_plotly_json()
    assert timeline_view(tiny_case).to_plotly_json() != timeline_view(no_flags).to_plotly_json()
    panel = text_of(render_flag(case, fid))
    assert "dismissed" in panel and "Note: same convoy twice" in panel
    case, _ = review_flag(store, case, fid, "reopen")
    assert case.flags.filter(pl.col("flag_id") == fid)["status"][0] == "open"
