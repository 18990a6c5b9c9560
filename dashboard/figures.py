"""Figure builders: the one place gapline draws figures (the app, export and report import them).

:func:`timeline_figure` draws a swimlane: one lane per actor, lanes grouped under their bloc,
time along x. Each event's date interval is a horizontal segment from ``date_start`` to
``date_end`` (so a week, month or year reads as a span, never as a made-up day) with its marker at
the known day or at the interval's midpoint. Statements are circles coloured by stance, actions
diamonds. Events taking part in a divergence flag carry a ring, and a dotted line joins the two
sides of each flag.

Requires of ``events`` the :data:`EVENT_COLUMNS` subset of :data:`timeline.schema.EVENTS`.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta
from typing import Any, NamedTuple

import plotly.graph_objects as go
import polars as pl

from dashboard import theme
from timeline.dates import describe_interval
from timeline.schema import EVENTS, FLAGS, require

__all__ = [
    "EVENT_COLUMNS",
    "date_label",
    "flag_event_ids",
    "flag_figure",
    "timeline_figure",
    "wrap_text",
]

EVENT_COLUMNS: dict[str, pl.DataType] = {
    name: EVENTS[name]
    for name in (
        "event_id",
        "doc_path",
        "text",
        "kind",
        "actor",
        "actor_id",
        "bloc",
        "stance",
        "action_class",
        "date_start",
        "date_end",
        "date_precision",
    )
}
_FLAG_COLUMNS = {name: FLAGS[name] for name in ("flag_id", "official_ids", "other_ids")}

_LANE_HEIGHT = 40


date_label = describe_interval


def wrap_text(text: str | None, *, width: int = 64, limit: int = 320, sep: str = "<br>") -> str:
    """Escape ``text`` for plotly labels, cut it at ``limit`` characters and wrap it at ``width``.

    Examples
    --------
    >>> wrap_text("Troops & tanks moved <north> overnight.", width=20)
    'Troops &amp; tanks moved<br>&lt;north&gt; overnight.'
    >>> wrap_text("a " * 200, limit=12)
    'a a a a a a…'
    """
    text = " ".join((text or "").split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    lines = textwrap.wrap(text, width=width, break_long_words=True) or [""]
    return sep.join(html.escape(line, quote=False) for line in lines)


def flag_event_ids(flags: pl.DataFrame | None, flag_id: str | None = None) -> tuple[set[str], set[str]]:
    """The event ids on the official side and on the other side of ``flags`` (or of one flag).

    Examples
    --------
    >>> flags = pl.DataFrame({"flag_id": ["f1"], "official_ids": [["e1"]], "other_ids": [["e2", "e3"]]})
    >>> official, other = flag_event_ids(flags)
    >>> sorted(official), sorted(other)
    (['e1'], ['e2', 'e3'])
    """
    if flags is None or flags.is_empty():
        return set(), set()
    if flag_id is not None:
        flags = flags.filter(pl.col("flag_id") == flag_id)
    official = {e for ids in flags["official_ids"].to_list() for e in (ids or [])}
    other = {e for ids in flags["other_ids"].to_list() for e in (ids or [])}
    return official, other


class _Lane(NamedTuple):
    y: float
    label: str
    header: bool


def _bloc_name(bloc: str, names: Mapping[str, str]) -> str:
    return names.get(bloc) or bloc.replace("_", " ").title()


def _lanes(
    rows: list[dict[str, Any]], names: Mapping[str, str]
) -> tuple[list[_Lane], dict[str, float], list[tuple[float, float]]]:
    """Lane positions: a header row per bloc, then one row per actor, officials first; a bloc that is
    one actor of the same name is that actor's lane alone."""
    groups: dict[str, dict[str, tuple[bool, str]]] = {}
    for row in rows:
        bloc = row["bloc"] or row["actor_id"] or "unknown"
        actor_id = row["actor_id"] or row["actor"] or "unknown"
        official, label = groups.setdefault(bloc, {}).get(actor_id, (False, row["actor"] or actor_id))
        groups[bloc][actor_id] = (official or bool(row.get("official")), label)
    lanes: list[_Lane] = []
    position: dict[str, float] = {}
    bands: list[tuple[float, float]] = []
    y = 0.0
    for bloc in sorted(groups, key=lambda b: _bloc_name(b, names).lower()):
        top = y
        actors = sorted(groups[bloc].items(), key=lambda kv: (not kv[1][0], kv[1][1].lower()))
        # a bloc of one actor that bears its name needs no header of its own
        if not (len(actors) == 1 and actors[0][1][1].lower() == _bloc_name(bloc, names).lower()):
            lanes.append(_Lane(y, _bloc_name(bloc, names), True))
            y += 0.8
        for actor_id, (_, label) in actors:
            lanes.append(_Lane(y, label, False))
            position[f"{bloc}\x1f{actor_id}"] = y
            y += 1.0
        bands.append((top - 0.5, y - 0.5))
        y += 0.3
    return lanes, position, bands


def _lane_key(row: Mapping[str, Any]) -> str:
    bloc = row["bloc"] or row["actor_id"] or "unknown"
    return f"{bloc}\x1f{row['actor_id'] or row['actor'] or 'unknown'}"


def _as_datetime(day: date) -> datetime:
    return datetime.combine(day, time())


def _span(start: date, end: date | None, precision: str | None) -> tuple[datetime, datetime, datetime]:
    """Segment start, segment end (the end day inclusive) and the marker position."""
    end = end if end is not None and end >= start else start
    lo, hi = _as_datetime(start), _as_datetime(end + timedelta(days=1))
    if start == end:
        return lo, hi, lo + timedelta(hours=12) if precision != "day" else lo
    return lo, hi, lo + (hi - lo) / 2


def _what(row: Mapping[str, Any]) -> str:
    if row["kind"] == "action":
        return f"action · {row['action_class'] or 'unclassified'}"
    return f"statement · {row['stance'] or 'no stance'}"


def _legend_key(row: Mapping[str, Any]) -> str:
    if row["kind"] == "action":
        return "action"
    return row["stance"] if row["stance"] in theme.STANCE_COLORS else "statement"


def _legend_order() -> list[str]:
    return [*theme.STANCE_COLORS, "statement", "action"]


def _hover(row: Mapping[str, Any], bloc: str) -> str:
    label = date_label(row["date_start"], row["date_end"], row["date_precision"])
    source = row.get("reported_by") or row.get("doc_path") or ""
    parts = [
        f"<b>{html.escape(row['actor'] or row['actor_id'] or '?', quote=False)}</b>"
        f" · {html.escape(bloc, quote=False)}",
        f"{label} <span style='color:{theme.MUTED_COLOR}'>({row['date_precision'] or 'unknown'} precision)</span>",
        html.escape(_what(row), quote=False),
        "",
        wrap_text(row["text"]),
    ]
    if source:
        parts.append(f"<i>{wrap_text(source, width=80, limit=120)}</i>")
    return "<br>".join(parts)


def _empty_figure(
    message: str, *, title: str | None, credit: str | None, width: int | None, height: int | None
) -> go.Figure:
    fig = go.Figure(layout=dict(template=theme.TEMPLATE, width=width, height=height or 320))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.add_annotation(
        text=message, xref="paper", yref="paper", x=0.5, y=0.5, showarrow=False,
        font=dict(size=16, color=theme.MUTED_COLOR),
    )
    _decorate(fig, title=title, credit=credit)
    return fig


def _decorate(fig: go.Figure, *, title: str | None, credit: str | None) -> None:
    top = 96 if title else 64
    fig.update_layout(margin=dict(l=20, r=24, t=top, b=84 if credit else 48))
    if title:
        fig.update_layout(title=dict(text=html.escape(title, quote=False), y=1, yref="container", yanchor="top",
                                     pad=dict(t=14, l=20)))
    if credit:
        fig.add_annotation(
            text=html.escape(credit, quote=False),
            xref="paper",
            yref="paper",
            x=0,
            y=0,
            xanchor="left",
            yanchor="top",
            yshift=-40,
            showarrow=False,
            font=dict(size=11, color=theme.MUTED_COLOR),
            name="credit",
        )


def timeline_figure(
    events: pl.DataFrame,
    *,
    flags: pl.DataFrame | None = None,
    title: str | None = None,
    credit: str | None = None,
    width: int | None = None,
    height: int | None = None,
    selected: str | None = None,
    bloc_names: Mapping[str, str] | None = None,
) -> go.Figure:
    """A swimlane of ``events``: one lane per actor, grouped by bloc, with date intervals as spans.

    ``flags`` rings the events that take part in a flag and joins each flag's two sides with a
    dotted line. ``selected`` (a flag id or an event id) is drawn in the highlight colour.
    ``bloc_names`` maps bloc ids to display names (default: the actor named like the bloc, else
    the id in title case). ``credit`` is a line under the plot ("Source: gapline · Outlet").
    Each marker's ``customdata`` is its ``event_id``.

    Examples
    --------
    >>> from datetime import date
    >>> from timeline.schema import EVENTS
    >>> row = {name: None for name in EVENTS} | {
    ...     "event_id": "e1", "kind": "action", "actor": "Border Guard", "actor_id": "guard",
    ...     "bloc": "guard", "action_class": "MOBILIZE", "text": "The guard moved.",
    ...     "date_start": date(2024, 12, 1), "date_end": date(2024, 12, 7), "date_precision": "week"}
    >>> fig = timeline_figure(pl.DataFrame([row], schema=EVENTS), title="Demo")
    >>> [t.customdata[0] for t in fig.data if t.name == "action"]
    ['e1']
    >>> timeline_figure(pl.DataFrame(schema=EVENTS)).layout.annotations[0].text
    'No events'
    """
    require(events, EVENT_COLUMNS, stage="timeline_figure")
    if flags is not None:
        require(flags, _FLAG_COLUMNS, stage="timeline_figure")
    dated = events.filter(pl.col("date_start").is_not_null())
    undated = events.height - dated.height
    if dated.is_empty():
        message = "No events" if events.is_empty() else f"No dated events ({undated} without a date)"
        return _empty_figure(message, title=title, credit=credit, width=width, height=height)

    rows = dated.sort("date_start", "event_id").to_dicts()
    names = dict(bloc_names or {})
    for row in rows:
        if row["actor_id"] and row["actor_id"] == row["bloc"] and row["actor"]:
            names.setdefault(row["bloc"], row["actor"])
    lanes, position, bands = _lanes(rows, names)

    official_ids, other_ids = flag_event_ids(flags)
    flagged = official_ids | other_ids
    sel_official, sel_other = flag_event_ids(flags, selected) if selected else (set(), set())
    selected_ids = (sel_official | sel_other) or ({selected} if selected else set())

    fig = go.Figure(layout=dict(template=theme.TEMPLATE))
    spans: dict[str, tuple[list, list]] = {}
    marks: dict[str, dict[str, list]] = {}
    where: dict[str, tuple[datetime, float]] = {}
    for row in rows:
        y = position[_lane_key(row)]
        lo, hi, mid = _span(row["date_start"], row["date_end"], row["date_precision"])
        key = _legend_key(row)
        if row["date_precision"] != "day" or hi - lo > timedelta(days=1):
            xs, ys = spans.setdefault(key, ([], []))
            xs.extend([lo, hi, None])
            ys.extend([y, y, None])
        bloc_label = _bloc_name(row["bloc"] or row["actor_id"] or "unknown", names)
        bucket = marks.setdefault(key, {"x": [], "y": [], "id": [], "hover": []})
        bucket["x"].append(mid)
        bucket["y"].append(y)
        bucket["id"].append(row["event_id"])
        bucket["hover"].append(_hover(row, bloc_label))
        where[row["event_id"]] = (mid, y)

    _add_links(fig, flags, where, selected)
    for key in _legend_order():
        if key not in marks:
            continue
        kind = "action" if key == "action" else "statement"
        color = theme.color_for(kind, None if key in ("action", "statement") else key)
        if key in spans:
            xs, ys = spans[key]
            fig.add_trace(
                go.Scatter(
                    x=xs, y=ys, mode="lines", line=dict(color=color, width=5), opacity=0.45,
                    legendgroup=key, showlegend=False, hoverinfo="skip", name=f"{key} interval",
                )
            )
        bucket = marks[key]
        fig.add_trace(
            go.Scatter(
                x=bucket["x"], y=bucket["y"], mode="markers", name=key, legendgroup=key,
                marker=dict(symbol=theme.symbol_for(kind), color=color, size=13 if kind == "action" else 12,
                            line=dict(color="#ffffff", width=1.5)),
                customdata=bucket["id"], hovertext=bucket["hover"], hovertemplate="%{hovertext}<extra></extra>",
            )
        )

    _add_rings(fig, where, flagged - selected_ids, selected_ids)

    tickvals = [lane.y for lane in lanes]
    ticktext = [
        f"<b>{html.escape(lane.label.upper(), quote=False)}</b>" if lane.header
        else html.escape(lane.label, quote=False)
        for lane in lanes
    ]
    for i, (top, bottom) in enumerate(bands):
        fig.add_shape(type="rect", xref="paper", x0=0, x1=1, y0=top, y1=bottom, fillcolor=theme.BAND_COLORS[i % 2],
                      line=dict(width=0), layer="below")
    for lane in lanes:
        if not lane.header:
            fig.add_shape(type="line", xref="paper", x0=0, x1=1, y0=lane.y, y1=lane.y,
                          line=dict(color="#e6e9ed", width=1), layer="below")
    span_y = lanes[-1].y + 0.6
    fig.update_yaxes(tickvals=tickvals, ticktext=ticktext, range=[span_y, -0.6], fixedrange=True, showline=False,
                     automargin=True, ticklabelstandoff=8)
    fig.update_xaxes(type="date", automargin=True)
    focus = _focus_range(rows, selected_ids)
    if focus is not None:
        fig.update_xaxes(range=list(focus))
    fig.update_layout(
        width=width,
        height=height or int(150 + _LANE_HEIGHT * span_y + (36 if credit else 0) + (30 if title else 0)),
        legend=dict(orientation="h", x=1, xanchor="right", y=1.01, yanchor="bottom", title=dict(text="")),
        hovermode="closest",
        clickmode="event",
    )
    _decorate(fig, title=title, credit=credit)
    if undated:
        fig.add_annotation(
            text=f"{undated} undated event{'s' if undated != 1 else ''} not shown", xref="paper", yref="paper",
            x=1, y=0, xanchor="right", yanchor="top", yshift=-40, showarrow=False,
            font=dict(size=11, color=theme.MUTED_COLOR),
        )
    return fig


def _focus_range(rows: list[dict[str, Any]], selected_ids: set[str], *, window_days: int = 120) -> tuple[datetime, datetime] | None:
    """The time range to open on: the selection's events, or the busiest stretch when a few old events
    would squeeze the rest into a sliver. ``None`` keeps plotly's own range (everything)."""
    chosen = [r for r in rows if r["event_id"] in selected_ids] if selected_ids else []
    pool = chosen or rows
    starts = sorted(r["date_start"] for r in pool)
    ends = sorted((r["date_end"] or r["date_start"]) for r in pool)
    if not chosen:
        if (ends[-1] - starts[0]).days <= 2 * window_days:
            return None
        best_lo, best_n = starts[0], 0
        for lo in starts:
            n = sum(1 for s in starts if lo <= s <= lo + timedelta(days=window_days))
            if n > best_n:
                best_lo, best_n = lo, n
        if best_n < 0.75 * len(starts):
            return None
        inside = [r for r in rows if best_lo <= r["date_start"] <= best_lo + timedelta(days=window_days)]
        starts = [r["date_start"] for r in inside]
        ends = [(r["date_end"] or r["date_start"]) for r in inside]
    lo, hi = _as_datetime(min(starts)), _as_datetime(max(ends)) + timedelta(days=1)
    pad = max((hi - lo) * 0.08, timedelta(days=2))
    return lo - pad, hi + pad


def _add_links(
    fig: go.Figure, flags: pl.DataFrame | None, where: Mapping[str, tuple[datetime, float]], selected: str | None
) -> None:
    """Lines between the two sides of each flag, the selected flag's solid and highlighted."""
    links: dict[bool, tuple[list, list]] = {False: ([], []), True: ([], [])}
    if flags is not None:
        for flag in flags.select("flag_id", "official_ids", "other_ids").iter_rows(named=True):
            chosen = flag["flag_id"] == selected
            for a in flag["official_ids"] or []:
                for b in flag["other_ids"] or []:
                    if a in where and b in where:
                        xs, ys = links[chosen]
                        xs.extend([where[a][0], where[b][0], None])
                        ys.extend([where[a][1], where[b][1], None])
    for chosen, (xs, ys) in links.items():
        if xs:
            fig.add_trace(
                go.Scatter(
                    x=xs, y=ys, mode="lines", name="selected flag link" if chosen else "flag link",
                    line=dict(color=theme.SELECTED_COLOR if chosen else theme.LINK_COLOR, width=2.5 if chosen else 1.2,
                              dash="solid" if chosen else "dot"),
                    hoverinfo="skip", showlegend=False,
                )
            )


def _add_rings(
    fig: go.Figure, where: Mapping[str, tuple[datetime, float]], flagged: Iterable[str], selected_ids: set[str]
) -> None:
    """Rings on the events that take part in a flag, and on the selection."""
    for name, ids, color, size, lw in (
        ("in a flag", [e for e in flagged if e in where], theme.FLAG_COLOR, 22, 1.6),
        ("selected", [e for e in selected_ids if e in where], theme.SELECTED_COLOR, 26, 3),
    ):
        if ids:
            ids = sorted(ids)
            fig.add_trace(
                go.Scatter(
                    x=[where[e][0] for e in ids], y=[where[e][1] for e in ids], mode="markers", name=name,
                    marker=dict(symbol="circle-open", size=size, color=color, line=dict(width=lw)),
                    customdata=ids, hoverinfo="skip",
                )
            )


def flag_figure(case: Any, flag_id: str, **options: Any) -> go.Figure:
    """The swimlane of one flag's events, with the flag highlighted.

    ``case`` is a :class:`divergence.case.Case`; ``options`` go to :func:`timeline_figure`.

    Examples
    --------
    >>> from divergence.case import Case
    >>> from timeline.schema import ACTORS, DOCUMENTS
    >>> case = Case(pl.DataFrame(schema=DOCUMENTS), pl.DataFrame(schema=ACTORS),
    ...             pl.DataFrame(schema=EVENTS), pl.DataFrame(schema=FLAGS))
    >>> flag_figure(case, "missing").layout.annotations[0].text
    'No events'
    """
    official, other = flag_event_ids(case.flags, flag_id)
    events = case.events.filter(pl.col("event_id").is_in(sorted(official | other)))
    flags = case.flags.filter(pl.col("flag_id") == flag_id)
    return timeline_figure(events, flags=flags, selected=flag_id, **options)
