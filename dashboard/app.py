"""The Dash app: filters, the swimlane, the ranked flags and an evidence panel.

Callbacks are thin: each one calls a plain function of this module (:func:`filter_events`,
:func:`timeline_view`, :func:`selection_from`, :func:`render_evidence`, :func:`render_flag`) with
the case that :func:`create_app` closes over, so the app holds no global state and tests call
those functions directly. Component ids are short and stable:

``bloc-filter`` ``actor-filter`` ``kind-filter`` ``stance-filter`` ``date-filter``
``timeline-graph`` ``flag-table`` ``evidence`` ``selection`` ``counts``, and when the app
reviews into a store: ``review-note`` ``review-confirm`` ``review-dismiss`` ``review-reopen``
``review-message`` ``review-version``.

With a store (:func:`create_app` ``store=``), an analyst confirms, dismisses or reopens the
selected flag with a note; the decision goes through :func:`review_flag`, which calls the same
:mod:`divergence.review` functions as ``gapline review``, so it is kept in the case file.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import dash
import polars as pl
from dash import Input, Output, dash_table, dcc, html

from dashboard import theme
from dashboard.figures import date_label, flag_event_ids, timeline_figure
from divergence.case import Case
from divergence.review import load_reviews, not_dismissed, record_review, resolve_flag, with_reviews
from gapline.errors import GaplineError
from timeline.schema import STANCES

__all__ = [
    "create_app",
    "filter_events",
    "render_evidence",
    "render_flag",
    "render_selection",
    "review_flag",
    "selection_from",
    "serve",
    "timeline_view",
]

_PAGE = {"fontFamily": theme.FONT_FAMILY, "color": theme.TEXT_COLOR, "fontSize": "14px", "lineHeight": "1.45",
         "maxWidth": "1400px", "margin": "0 auto", "padding": "16px 24px 40px"}
_CARD = {"border": "1px solid #d0d7de", "borderRadius": "6px", "padding": "12px 14px", "background": "#ffffff",
         "marginBottom": "10px"}
_MUTED = {"color": theme.MUTED_COLOR, "fontSize": "13px"}
_LABEL = {"fontSize": "12px", "color": theme.MUTED_COLOR, "marginBottom": "4px", "fontWeight": 600}


def _as_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def filter_events(
    case: Case,
    *,
    blocs: Sequence[str] | None = None,
    actors: Sequence[str] | None = None,
    kinds: Sequence[str] | None = None,
    stances: Sequence[str] | None = None,
    start: date | str | None = None,
    end: date | str | None = None,
) -> pl.DataFrame:
    """The events of ``case`` that pass the filters; an empty or missing filter keeps everything.

    ``actors`` are actor ids. ``stances`` narrow statements only (actions have no stance). The
    date range keeps events whose interval overlaps ``[start, end]``.

    Examples
    --------
    >>> from timeline.schema import ACTORS, DOCUMENTS, EVENTS, FLAGS
    >>> ev = pl.DataFrame({"kind": ["statement", "action"], "stance": ["deny", None]})
    >>> case = Case(pl.DataFrame(schema=DOCUMENTS), pl.DataFrame(schema=ACTORS), ev, pl.DataFrame(schema=FLAGS))
    >>> filter_events(case, stances=["assert"])["kind"].to_list()
    ['action']
    """
    events = case.events
    if blocs:
        events = events.filter(pl.col("bloc").is_in(list(blocs)))
    if actors:
        events = events.filter(pl.col("actor_id").is_in(list(actors)))
    if kinds:
        events = events.filter(pl.col("kind").is_in(list(kinds)))
    if stances:
        events = events.filter((pl.col("kind") != "statement") | pl.col("stance").is_in(list(stances)))
    lo, hi = _as_date(start), _as_date(end)
    if lo is not None:
        events = events.filter(pl.coalesce("date_end", "date_start") >= lo)
    if hi is not None:
        events = events.filter(pl.col("date_start") <= hi)
    return events


def timeline_view(case: Case, *, selected: str | None = None, **filters: Any) -> Any:
    """The swimlane of the filtered events of ``case`` with its flags and the selection highlighted.

    ``filters`` are the keyword arguments of :func:`filter_events`.
    """
    names = dict(zip(case.actors["actor_id"].to_list(), case.actors["name"].to_list(), strict=False))
    return timeline_figure(filter_events(case, **filters), flags=not_dismissed(case.flags), selected=selected, bloc_names=names)


def review_flag(store: str | Path, case: Case, flag_id: str, action: str, note: str = "") -> tuple[Case, str]:
    """Record an analyst's decision on a flag of ``case`` in ``store``; returns the case with its flags'
    review columns updated and a one-line message for the page."""
    flag = resolve_flag(case.flags, flag_id)
    record_review(store, flag, action, note=note or "")
    flags = with_reviews(case.flags, load_reviews(store))
    status = flags.filter(pl.col("flag_id") == flag["flag_id"])["status"][0]
    done = {"confirm": "confirmed", "dismiss": "dismissed", "reopen": "reopened", "note": "noted"}[action]
    return case._replace(flags=flags), f"Flag {flag['flag_id']} {done}; status: {status}."


def selection_from(trigger: str | None, click_data: Mapping | None, active_cell: Mapping | None) -> dict | None:
    """What the user picked last: ``{"type": "event" | "flag", "id": ...}`` or ``None``.

    Examples
    --------
    >>> selection_from("timeline-graph", {"points": [{"customdata": "e1"}]}, None)
    {'type': 'event', 'id': 'e1'}
    >>> selection_from("flag-table", None, {"row": 0, "column": 1, "row_id": "f1"})
    {'type': 'flag', 'id': 'f1'}
    >>> selection_from(None, None, None) is None
    True
    """
    if trigger == "timeline-graph" and click_data:
        for point in click_data.get("points", []):
            event_id = point.get("customdata")
            if isinstance(event_id, list):
                event_id = event_id[0] if event_id else None
            if event_id:
                return {"type": "event", "id": str(event_id)}
    if trigger == "flag-table" and active_cell and active_cell.get("row_id"):
        return {"type": "flag", "id": str(active_cell["row_id"])}
    return None


def _highlight(sentence: str, quote: str | None) -> list[Any]:
    """The sentence with the quote marked, or the sentence then the quote when it is not inside."""
    sentence = sentence or ""
    if not quote:
        return [sentence]
    at = sentence.lower().find(quote.lower())
    if at < 0:
        return [sentence, html.Br(), html.Span("Quote: ", style=_MUTED), html.Mark(quote)]
    mark = {"background": theme.MARK_COLOR, "padding": "0 2px"}
    return [sentence[:at], html.Mark(sentence[at : at + len(quote)], style=mark), sentence[at + len(quote) :]]


def _row(frame: pl.DataFrame, column: str, value: str) -> dict | None:
    found = frame.filter(pl.col(column) == value)
    return found.row(0, named=True) if found.height else None


def _bloc_label(case: Case, bloc: str | None) -> str:
    if not bloc:
        return ""
    actor = _row(case.actors, "actor_id", bloc)
    return (actor or {}).get("name") or bloc.replace("_", " ").title()


def _corroboration(case: Case, event: Mapping[str, Any]) -> str | None:
    """"Reported by 2 sources: A, B" when other articles report the same underlying event."""
    n, uid = event.get("sources") or 1, event.get("underlying_id")
    if n < 2 or not uid:
        return None
    doc_ids = case.events.filter(pl.col("underlying_id") == uid).get_column("doc_id").unique(maintain_order=True).to_list()
    docs = case.documents.filter(pl.col("doc_id").is_in(doc_ids)).iter_rows(named=True)
    names = list(dict.fromkeys(d["outlet"] or d["title"] or d["path"] for d in docs))
    return f"Reported by {n} sources: {', '.join(names)}" if names else f"Reported by {n} sources"


def _event_card(case: Case, event: Mapping[str, Any]) -> html.Div:
    doc = _row(case.documents, "doc_id", event["doc_id"]) if event.get("doc_id") else None
    when = date_label(event["date_start"], event["date_end"], event["date_precision"])
    what = (f"action · {event['action_class'] or 'unclassified'}" if event["kind"] == "action"
            else f"statement · {event['stance'] or 'no stance'}")
    color = theme.color_for(event["kind"], event["stance"])
    bloc = _bloc_label(case, event["bloc"])
    bloc = "" if bloc == event["actor"] else bloc
    source: list[Any] = []
    if doc:
        source.append(html.Div([html.B(doc["title"] or doc["path"]), f" — {doc['outlet'] or 'unknown outlet'}",
                                f", published {doc['published'].isoformat() if doc['published'] else 'n.d.'}"],
                               style={"fontSize": "13px"}))
    source.append(html.Div([html.Code(event["doc_path"] or (doc or {}).get("path") or "?"),
                            f" · characters {event['char_start']}–{event['char_end']}",
                            f" · sentence {event['sentence']}" if event["sentence"] is not None else ""],
                           style=_MUTED))
    if event.get("reported_by"):
        source.append(html.Div(f"Reported by {event['reported_by']}", style=_MUTED))
    if event.get("anonymous"):
        source.append(html.Div("Unnamed source", style=_MUTED, className="anonymous"))
    corroboration = _corroboration(case, event)
    if corroboration:
        source.append(html.Div(corroboration, style=_MUTED, className="corroboration"))
    return html.Div(
        [
            html.Div([
                html.Span(event["actor"] or event["actor_id"], style={"fontWeight": 600, "fontSize": "15px"}),
                html.Span("  " + " · ".join(p for p in (bloc, "official" if event["official"] else "") if p),
                          style=_MUTED),
            ]),
            html.Div([html.Span("●" if event["kind"] != "action" else "◆", style={"color": color}), f" {what} · ",
                      html.Span(when, title=f"{event['date_start']} to {event['date_end']}"),
                      html.Span(f" ({event['date_precision'] or 'unknown'} precision)", style=_MUTED)],
                     style={"margin": "4px 0 8px", "fontSize": "14px"}),
            html.Blockquote(_highlight(event["text"], event["quote"]),
                            style={"margin": "0 0 8px", "padding": "6px 10px", "borderLeft": f"4px solid {color}",
                                   "background": "#f6f8fa", "fontSize": "14px", "lineHeight": "1.5"}),
            *source,
        ],
        style=_CARD,
        className="event-card",
        **{"data-event": event["event_id"]},
    )


def render_evidence(case: Case, event_id: str) -> html.Div:
    """The evidence panel for one event: sentence with the quote marked, actor, date, source.

    Examples
    --------
    >>> from timeline.schema import ACTORS, DOCUMENTS, EVENTS, FLAGS
    >>> empty = Case(*(pl.DataFrame(schema=s) for s in (DOCUMENTS, ACTORS, EVENTS, FLAGS)))
    >>> render_evidence(empty, "e9").children[0].children
    'Event e9 is not in this case.'
    """
    event = _row(case.events, "event_id", event_id)
    if event is None:
        return html.Div([html.P(f"Event {event_id} is not in this case.", style=_MUTED)])
    official, other = flag_event_ids(case.flags)
    flags = case.flags.filter(
        pl.col("official_ids").list.contains(event_id) | pl.col("other_ids").list.contains(event_id)
    ).sort("score", descending=True) if event_id in official | other else case.flags.clear()
    parts: list[Any] = [_event_card(case, event)]
    if flags.height:
        parts.append(html.Div("In flags:", style=_LABEL))
        parts.extend(html.Div(f"{f['score']:.2f} · {f['kind']} · {f['explanation']}", style=_MUTED)
                     for f in flags.iter_rows(named=True))
    return html.Div(parts)


def render_flag(case: Case, flag_id: str) -> html.Div:
    """The evidence panel for one flag: its explanation, kind and score, then BOTH sides' events.

    Examples
    --------
    >>> from timeline.schema import ACTORS, DOCUMENTS, EVENTS, FLAGS
    >>> empty = Case(*(pl.DataFrame(schema=s) for s in (DOCUMENTS, ACTORS, EVENTS, FLAGS)))
    >>> render_flag(empty, "f9").children[0].children
    'Flag f9 is not in this case.'
    """
    flag = _row(case.flags, "flag_id", flag_id)
    if flag is None:
        return html.Div([html.P(f"Flag {flag_id} is not in this case.", style=_MUTED)])
    sides = []
    for label, ids in (("Official side", flag["official_ids"]), ("Other side", flag["other_ids"])):
        ids = list(ids or [])
        found = case.events.filter(pl.col("event_id").is_in(ids)).sort("date_start", "event_id")
        cards: list[Any] = [_event_card(case, e) for e in found.iter_rows(named=True)]
        missing = sorted(set(ids) - set(found["event_id"].to_list()))
        if missing:
            cards.append(html.Div(f"Not in this case: {', '.join(missing)}", style=_MUTED))
        sides.append(html.Div([html.Div(label, style=_LABEL), *cards], style={"flex": "1 1 320px", "minWidth": 0}))
    return html.Div(
        [
            html.Div(flag["explanation"], style={"fontSize": "16px", "fontWeight": 600, "marginBottom": "4px"}),
            html.Div(f"{flag['kind']} · score {flag['score']:.2f} · rule {flag['rule']}"
                     + (f" · matter: {flag['matter']}" if flag["matter"] else "")
                     + (f" · {flag['status']}" if flag.get("status") and flag["status"] != "open" else "")
                     + (" (carried over: the evidence grew since the review)" if flag.get("carried_from") else ""),
                     style={**_MUTED, "marginBottom": "10px"}, className="flag-meta"),
            *[html.Div(f"Note: {n}", style=_MUTED, className="flag-note") for n in (flag.get("notes") or [])],
            html.Div(sides, style={"display": "flex", "gap": "12px", "flexWrap": "wrap"}),
        ]
    )


def render_selection(case: Case, selection: Mapping | None) -> html.Div:
    """The evidence panel for a selection from :func:`selection_from` (a hint when there is none)."""
    if selection and selection.get("type") == "flag":
        return render_flag(case, selection["id"])
    if selection and selection.get("type") == "event":
        return render_evidence(case, selection["id"])
    return html.Div(html.P("Click an event in the timeline or a flag in the list to see its evidence.", style=_MUTED))


def _counts(case: Case) -> str:
    ev = case.events
    parts = [f"{case.documents.height} documents", f"{ev['actor_id'].n_unique() if ev.height else 0} actors",
             f"{ev.height} events", f"{case.flags.height} flags"]
    lo, hi = ev["date_start"].min(), ev["date_end"].max()
    if lo is not None and hi is not None:
        parts.append(f"{lo.isoformat()} – {hi.isoformat()}")
    return " · ".join(parts)


def _flag_rows(case: Case) -> list[dict]:
    flags = case.flags.sort("score", descending=True, nulls_last=True)
    return [
        {"id": f["flag_id"], "rank": i, "score": round(f["score"] or 0.0, 2), "kind": f["kind"],
         "status": f.get("status") or "open", "explanation": f["explanation"]}
        for i, f in enumerate(flags.iter_rows(named=True), start=1)
    ]


def _options(pairs: Sequence[tuple[str, str]]) -> list[dict]:
    return [{"label": label, "value": value} for value, label in pairs]


def _actor_pairs(events: pl.DataFrame) -> list[tuple[str, str]]:
    pairs = {(a, n or a) for a, n in zip(events["actor_id"].to_list(), events["actor"].to_list(), strict=True) if a}
    return sorted(pairs, key=lambda p: p[1].lower())


def _filters(case: Case) -> html.Div:
    ev = case.events
    names = dict(zip(case.actors["actor_id"].to_list(), case.actors["name"].to_list(), strict=False))
    blocs = sorted({b for b in ev["bloc"].to_list() if b})
    actors = _actor_pairs(ev)
    lo, hi = ev["date_start"].min(), ev["date_end"].max()
    box = {"flex": "1 1 200px", "minWidth": "180px"}
    return html.Div(
        [
            html.Div([html.Div("Bloc", style=_LABEL), dcc.Dropdown(
                id="bloc-filter", options=_options([(b, names.get(b) or b) for b in blocs]), multi=True,
                placeholder="All blocs")], style=box),
            html.Div([html.Div("Actor", style=_LABEL), dcc.Dropdown(
                id="actor-filter", options=_options(actors), multi=True, placeholder="All actors")], style=box),
            html.Div([html.Div("Stance", style=_LABEL), dcc.Dropdown(
                id="stance-filter", options=_options([(s, s) for s in STANCES]), multi=True,
                placeholder="All stances")], style=box),
            html.Div([html.Div("Kind", style=_LABEL), dcc.Checklist(
                id="kind-filter", options=_options([("statement", "statements"), ("action", "actions")]),
                value=["statement", "action"], inline=True, inputStyle={"marginRight": "4px"},
                labelStyle={"marginRight": "12px"})], style={"flex": "0 0 auto", "minWidth": "190px"}),
            html.Div([html.Div("Dates", style=_LABEL), dcc.DatePickerRange(
                id="date-filter", min_date_allowed=lo, max_date_allowed=hi, start_date=lo, end_date=hi,
                display_format="YYYY-MM-DD")], style={"flex": "0 0 auto"}),
        ],
        style={"display": "flex", "gap": "14px", "flexWrap": "wrap", "alignItems": "flex-end", "margin": "8px 0 4px"},
    )


def _flag_table(case: Case) -> dash_table.DataTable:
    return dash_table.DataTable(
        id="flag-table",
        columns=[{"name": "#", "id": "rank"}, {"name": "Score", "id": "score"}, {"name": "Kind", "id": "kind"},
                 {"name": "Status", "id": "status"}, {"name": "Explanation", "id": "explanation"}],
        data=_flag_rows(case),
        cell_selectable=True,
        style_as_list_view=True,
        style_table={"overflowX": "auto"},
        style_cell={"fontFamily": theme.FONT_FAMILY, "fontSize": "14px", "textAlign": "left", "padding": "8px",
                    "whiteSpace": "normal", "height": "auto", "cursor": "pointer", "verticalAlign": "top"},
        style_cell_conditional=[{"if": {"column_id": c}, "width": w}
                                for c, w in (("rank", "32px"), ("score", "56px"), ("kind", "96px"), ("status", "84px"))],
        style_header={"fontWeight": 600, "background": "#f6f8fa", "borderBottom": "1px solid #d0d7de"},
        style_data_conditional=[{"if": {"state": "active"}, "background": "#fff4e5",
                                 "border": f"1px solid {theme.SELECTED_COLOR}"},
                                {"if": {"filter_query": '{status} = "dismissed"'}, "color": theme.MUTED_COLOR,
                                 "textDecoration": "line-through"}],
    )


def _review_bar() -> html.Div:
    button = {"marginLeft": "6px", "padding": "4px 10px", "cursor": "pointer"}
    return html.Div(
        [
            dcc.Input(id="review-note", type="text", placeholder="Note on the selected flag (optional)", debounce=False,
                      style={"flex": "1 1 240px", "padding": "4px 6px"}),
            html.Button("Confirm", id="review-confirm", n_clicks=0, style=button),
            html.Button("Dismiss", id="review-dismiss", n_clicks=0, style=button),
            html.Button("Reopen", id="review-reopen", n_clicks=0, style=button),
            html.Div("Select a flag to review it.", id="review-message", style={**_MUTED, "flex": "1 1 100%"}),
        ],
        style={"display": "flex", "flexWrap": "wrap", "alignItems": "center", "gap": "4px", "margin": "0 0 10px"},
    )


def create_app(case: Case, *, title: str = "gapline", store: str | Path | None = None) -> dash.Dash:
    """The Dash app over ``case`` (all assets served locally; no CDN). With ``store``, the analyst can
    confirm, dismiss or reopen flags; decisions are kept in that case file.

    Examples
    --------
    >>> from timeline.schema import ACTORS, DOCUMENTS, EVENTS, FLAGS
    >>> empty = Case(*(pl.DataFrame(schema=s) for s in (DOCUMENTS, ACTORS, EVENTS, FLAGS)))
    >>> create_app(empty, title="Demo").title
    'Demo'
    """
    app = dash.Dash(__name__, title=title, serve_locally=True, update_title=None)
    current = {"case": case}
    app.layout = html.Div(
        [
            html.Header([
                html.H1(title, style={"fontSize": "24px", "margin": "0 0 2px"}),
                html.Div(_counts(case), id="counts", style=_MUTED),
            ], style={"borderBottom": "1px solid #d0d7de", "paddingBottom": "8px"}),
            _filters(case),
            dcc.Graph(id="timeline-graph", figure=timeline_view(case),
                      config={"displaylogo": False,
                              "toImageButtonOptions": {"filename": "gapline-timeline", "scale": 2}}),
            html.Div(
                [
                    html.Section([html.H2("Divergences", style={"fontSize": "18px"}), _flag_table(case)],
                                 style={"flex": "1 1 460px", "minWidth": 0}),
                    html.Section([html.H2("Evidence", style={"fontSize": "18px"}),
                                  *([_review_bar()] if store is not None else []),
                                  html.Div(render_selection(case, None), id="evidence")],
                                 style={"flex": "1 1 520px", "minWidth": 0}),
                ],
                style={"display": "flex", "gap": "24px", "flexWrap": "wrap"},
            ),
            dcc.Store(id="selection"),
            dcc.Store(id="review-version", data=0),
        ],
        style=_PAGE,
    )

    @app.callback(Output("actor-filter", "options"), Input("bloc-filter", "value"))
    def _actor_options(blocs):
        return _options(_actor_pairs(filter_events(case, blocs=blocs)))

    @app.callback(
        Output("selection", "data"),
        Input("timeline-graph", "clickData"),
        Input("flag-table", "active_cell"),
        prevent_initial_call=True,
    )
    def _select(click_data, active_cell):
        picked = selection_from(dash.ctx.triggered_id, click_data, active_cell)
        return picked if picked is not None else dash.no_update

    @app.callback(
        Output("timeline-graph", "figure"),
        Input("bloc-filter", "value"),
        Input("actor-filter", "value"),
        Input("kind-filter", "value"),
        Input("stance-filter", "value"),
        Input("date-filter", "start_date"),
        Input("date-filter", "end_date"),
        Input("selection", "data"),
        Input("review-version", "data"),
        prevent_initial_call=True,
    )
    def _figure(blocs, actors, kinds, stances, start, end, selection, _version):
        return timeline_view(current["case"], blocs=blocs, actors=actors, kinds=kinds or ["(none)"], stances=stances,
                             start=start, end=end, selected=(selection or {}).get("id"))

    @app.callback(Output("evidence", "children"), Input("selection", "data"), Input("review-version", "data"),
                  prevent_initial_call=True)
    def _evidence(selection, _version):
        return render_selection(current["case"], selection)

    @app.callback(Output("flag-table", "data"), Input("review-version", "data"), prevent_initial_call=True)
    def _flags(_version):
        return _flag_rows(current["case"])

    if store is not None:

        @app.callback(
            Output("review-version", "data"),
            Output("review-message", "children"),
            Output("review-note", "value"),
            Input("review-confirm", "n_clicks"),
            Input("review-dismiss", "n_clicks"),
            Input("review-reopen", "n_clicks"),
            dash.State("selection", "data"),
            dash.State("review-note", "value"),
            dash.State("review-version", "data"),
            prevent_initial_call=True,
        )
        def _review(_c, _d, _r, selection, note, version):
            if not selection or selection.get("type") != "flag":
                return dash.no_update, "Select a flag in the list first.", dash.no_update
            action = {"review-confirm": "confirm", "review-dismiss": "dismiss", "review-reopen": "reopen"}[dash.ctx.triggered_id]
            try:
                current["case"], message = review_flag(store, current["case"], selection["id"], action, note or "")
            except GaplineError as exc:
                return dash.no_update, f"Not saved: {exc}", dash.no_update
            return (version or 0) + 1, message, ""

    return app


def serve(
    case: Case, *, host: str = "127.0.0.1", port: int = 8050, debug: bool = False, title: str = "gapline",
    store: str | Path | None = None,
) -> None:
    """Run the dashboard over ``case`` on http://host:port until interrupted (reviews go to ``store``)."""
    create_app(case, title=title, store=store).run(host=host, port=port, debug=debug)
