"""Colours, marker symbols, fonts and the plotly template shared by the app, export and report.

Stances have one colour each (deny red, assert blue, claim amber, threaten purple, confirm
green); actions are drawn in slate. Statements are circles, actions diamonds, so the two read
apart in greyscale print as well as in colour.
"""

from __future__ import annotations

import plotly.graph_objects as go

__all__ = [
    "ACTION_COLOR",
    "BAND_COLORS",
    "FLAG_COLOR",
    "FONT_FAMILY",
    "LINK_COLOR",
    "MARK_COLOR",
    "MUTED_COLOR",
    "SELECTED_COLOR",
    "STANCE_COLORS",
    "SYMBOLS",
    "TEMPLATE",
    "TEXT_COLOR",
    "UNKNOWN_COLOR",
    "color_for",
    "symbol_for",
]

STANCE_COLORS: dict[str, str] = {
    "deny": "#c8413b",
    "assert": "#2f6db5",
    "claim": "#d9961a",
    "threaten": "#7a4fa6",
    "confirm": "#2e8a57",
}
ACTION_COLOR = "#3d4b57"
UNKNOWN_COLOR = "#8b929a"

SYMBOLS: dict[str, str] = {"statement": "circle", "action": "diamond"}

FLAG_COLOR = "#1f2328"
SELECTED_COLOR = "#f06c00"
LINK_COLOR = "#6e7781"
TEXT_COLOR = "#1f2328"
MUTED_COLOR = "#57606a"
MARK_COLOR = "#fff1a8"
BAND_COLORS = ("#f6f8fa", "#ffffff")

FONT_FAMILY = "Inter, 'Helvetica Neue', Helvetica, Arial, 'DejaVu Sans', sans-serif"


def color_for(kind: str | None, stance: str | None) -> str:
    """The colour of an event: its stance for a statement, slate for an action.

    Examples
    --------
    >>> color_for("statement", "deny")
    '#c8413b'
    >>> color_for("action", None) == ACTION_COLOR
    True
    >>> color_for("statement", None) == UNKNOWN_COLOR
    True
    """
    if kind == "action":
        return ACTION_COLOR
    return STANCE_COLORS.get(stance or "", UNKNOWN_COLOR)


def symbol_for(kind: str | None) -> str:
    """The marker symbol of an event kind (circle for statements, diamond for actions).

    Examples
    --------
    >>> symbol_for("action"), symbol_for("statement")
    ('diamond', 'circle')
    """
    return SYMBOLS.get(kind or "", "circle")


TEMPLATE = go.layout.Template(
    layout=go.Layout(
        font=dict(family=FONT_FAMILY, size=13, color=TEXT_COLOR),
        title=dict(font=dict(size=18, color=TEXT_COLOR), x=0, xanchor="left", xref="container", pad=dict(l=20)),
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
        colorway=[*STANCE_COLORS.values(), ACTION_COLOR],
        hoverlabel=dict(bgcolor="#ffffff", bordercolor="#d0d7de", font=dict(family=FONT_FAMILY, size=12)),
        legend=dict(font=dict(size=12), bgcolor="rgba(255,255,255,0)"),
        xaxis=dict(
            showgrid=True,
            gridcolor="#e6e9ed",
            linecolor="#d0d7de",
            ticks="outside",
            tickcolor="#d0d7de",
            zeroline=False,
        ),
        yaxis=dict(showgrid=False, linecolor="#d0d7de", zeroline=False, ticks=""),
    )
)
