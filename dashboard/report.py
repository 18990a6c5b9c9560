"""A briefing on a case, in Markdown or self-contained HTML.

The briefing gives the title, the date range and the sources covered; then the divergences, each
flag ranked by score with its explanation, kind and score and the evidence on BOTH sides (actor,
date with its precision, the quote or sentence, and the source: outlet, title, published, path);
then per-actor timelines grouped by bloc and ordered by date. HTML carries its CSS inline and embeds
the swimlane with plotly.js, so it opens without a network; every piece of text is escaped.
"""

from __future__ import annotations

import html
import os
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any, Literal

import polars as pl

from dashboard import theme
from dashboard.export import write_atomic
from dashboard.figures import date_label, timeline_figure
from divergence.case import Case
from gapline.errors import InputError

__all__ = ["render_report", "write_report"]

DEFAULT_TITLE = "gapline briefing"
_FORMATS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*[]<>|"})


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _md(text: Any) -> str:
    """Text for a Markdown table cell or list item: one line, special characters escaped."""
    return " ".join(str(text if text is not None else "").split()).translate(_MD_SPECIAL)


def _h(text: Any) -> str:
    return html.escape(str(text if text is not None else ""))


def _what(event: Mapping[str, Any]) -> str:
    if event["kind"] == "action":
        return f"action: {event['action_class'] or 'unclassified'}"
    return event["stance"] or "statement"


def _when(event: Mapping[str, Any]) -> str:
    label = date_label(event["date_start"], event["date_end"], event["date_precision"])
    return f"{label} ({event['date_precision'] or 'unknown'})"


def _iso(day: date | None) -> str:
    return day.isoformat() if day else "n.d."


class _Sources:
    def __init__(self, documents: pl.DataFrame) -> None:
        self.by_id = {d["doc_id"]: d for d in documents.iter_rows(named=True)}

    def parts(self, event: Mapping[str, Any]) -> dict[str, str]:
        doc = self.by_id.get(event.get("doc_id") or "", {})
        return {
            "outlet": doc.get("outlet") or event.get("reported_by") or "unknown outlet",
            "title": doc.get("title") or "",
            "published": _iso(doc.get("published")),
            "path": event.get("doc_path") or doc.get("path") or "",
        }


def _facts(case: Case) -> dict[str, Any]:
    ev = case.events
    lo, hi = ev["date_start"].min(), ev["date_end"].max()
    return {
        "range": f"Events dated {_iso(lo)} to {_iso(hi)}" if lo and hi else "No dated events",
        "counts": ", ".join(_count(n, word) for n, word in
                            ((case.documents.height, "document"), (ev.height, "event"), (case.flags.height, "flag"))),
        "flags": list(
            case.flags.sort("score", "flag_id", descending=[True, False], nulls_last=True).iter_rows(named=True)
        ),
        "docs": list(case.documents.sort("published", "path", nulls_last=True).iter_rows(named=True)),
        "events": {e["event_id"]: e for e in ev.iter_rows(named=True)},
    }


def _sides(
    flag: Mapping[str, Any], events: Mapping[str, Mapping[str, Any]]
) -> list[tuple[str, Mapping[str, Any] | None, str]]:
    rows = []
    for side, ids in (("official", flag["official_ids"]), ("other", flag["other_ids"])):
        for event_id in ids or []:
            rows.append((side, events.get(event_id), event_id))
    return rows


def _timelines(case: Case) -> list[tuple[str, list[tuple[str, list[dict]]]]]:
    """[(bloc name, [(actor, [events by date])])], blocs and actors by name."""
    names = dict(zip(case.actors["actor_id"].to_list(), case.actors["name"].to_list(), strict=False))
    ev = case.events.sort("date_start", "date_end", "event_id", nulls_last=True)
    blocs: dict[str, dict[str, list[dict]]] = {}
    for e in ev.iter_rows(named=True):
        bloc = names.get(e["bloc"] or "") or (e["bloc"] or "unknown").replace("_", " ").title()
        blocs.setdefault(bloc, {}).setdefault(e["actor"] or e["actor_id"] or "unknown", []).append(e)
    return [(b, sorted(blocs[b].items(), key=lambda kv: kv[0].lower())) for b in sorted(blocs, key=str.lower)]


def _render_md(case: Case, title: str) -> str:
    facts, sources = _facts(case), _Sources(case.documents)
    out = [f"# {_md(title)}", "", f"{facts['range']} · {facts['counts']}.", "", "## Sources", ""]
    if facts["docs"]:
        out += ["| Outlet | Title | Published | Path |", "|---|---|---|---|"]
        out += [f"| {_md(d['outlet'])} | {_md(d['title'])} | {_iso(d['published'])} | {_md(d['path'])} |"
                for d in facts["docs"]]
    else:
        out.append("No documents.")
    out += ["", "## Divergences", ""]
    if not facts["flags"]:
        out += ["No divergences were flagged.", ""]
    for rank, flag in enumerate(facts["flags"], start=1):
        out += [
            f"### {rank}. {_md(flag['explanation'])}",
            "",
            f"Kind: {_md(flag['kind'])} · score: {flag['score']:.2f} · rule: {_md(flag['rule'])}"
            + (f" · matter: {_md(flag['matter'])}" if flag["matter"] else "")
            + (f" · **{_md(flag['status'])} by an analyst**" if flag.get("status") in ("confirmed",) else ""),
            "",
            *[f"> Analyst's note: {_md(n)}\n" for n in flag.get("notes") or []],
            "| Side | Actor | Date | Stance / action | Evidence | Source |",
            "|---|---|---|---|---|---|",
        ]
        for side, event, event_id in _sides(flag, facts["events"]):
            if event is None:
                out.append(f"| {side} | — | — | — | event {_md(event_id)} is not in this case | — |")
                continue
            s = sources.parts(event)
            evidence = f"“{_md(event['quote'])}” — {_md(event['text'])}" if event["quote"] else _md(event["text"])
            source = f"{_md(s['outlet'])}, {_md(s['title'])}, {s['published']}, {_md(s['path'])}"
            cells = [side, _md(event["actor"]), _md(_when(event)), _md(_what(event)), evidence, source]
            out.append("| " + " | ".join(cells) + " |")
        out.append("")
    out += ["## Timelines", ""]
    for bloc, actors in _timelines(case):
        out += [f"### {_md(bloc)}", ""]
        for actor, events in actors:
            out += [f"#### {_md(actor)}", ""]
            for e in events:
                s = sources.parts(e)
                out.append(f"- **{_md(_when(e))}** · {_md(_what(e))} — {_md(e['text'])} "
                           f"({_md(s['outlet'])}, {s['published']}, {_md(s['path'])})")
            out.append("")
    return "\n".join(out).rstrip() + "\n"


_CSS = f"""
body {{ font-family: {theme.FONT_FAMILY}; color: {theme.TEXT_COLOR}; max-width: 1100px; margin: 0 auto;
  padding: 24px; line-height: 1.5; }}
h1 {{ font-size: 26px; margin-bottom: 4px; }} h2 {{ border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }}
.muted {{ color: {theme.MUTED_COLOR}; font-size: 14px; }}
table {{ border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 14px; }}
th, td {{ border: 1px solid #d0d7de; padding: 6px 8px; text-align: left; vertical-align: top; }}
th {{ background: #f6f8fa; }}
mark {{ background: {theme.MARK_COLOR}; padding: 0 2px; }}
.flag {{ border: 1px solid #d0d7de; border-radius: 6px; padding: 4px 14px 8px; margin: 12px 0; }}
.side-official {{ border-left: 4px solid {theme.STANCE_COLORS['assert']}; }}
.side-other {{ border-left: 4px solid {theme.ACTION_COLOR}; }}
code {{ font-size: 13px; }}
table.tl {{ table-layout: fixed; }}
table.tl th:nth-child(1) {{ width: 170px; }} table.tl th:nth-child(2) {{ width: 130px; }}
table.tl th:nth-child(4) {{ width: 260px; }}
"""


def _mark(sentence: str | None, quote: str | None) -> str:
    sentence = sentence or ""
    at = sentence.lower().find(quote.lower()) if quote else -1
    if at < 0:
        return _h(sentence) + (f"<br><span class='muted'>Quote:</span> <mark>{_h(quote)}</mark>" if quote else "")
    end = at + len(quote or "")
    return f"{_h(sentence[:at])}<mark>{_h(sentence[at:end])}</mark>{_h(sentence[end:])}"


def _render_html(case: Case, title: str, *, figure: bool) -> str:
    facts, sources = _facts(case), _Sources(case.documents)
    out = [f"<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'><title>{_h(title)}</title>",
           f"<style>{_CSS}</style></head><body>", f"<h1>{_h(title)}</h1>",
           f"<p class='muted'>{_h(facts['range'])} · {_h(facts['counts'])}.</p>"]
    if figure:
        names = dict(zip(case.actors["actor_id"].to_list(), case.actors["name"].to_list(), strict=False))
        fig = timeline_figure(case.events, flags=case.flags, bloc_names=names)
        out.append(fig.to_html(full_html=False, include_plotlyjs=True, config={"displaylogo": False}))
    out += ["<h2>Sources</h2>", "<table><tr><th>Outlet</th><th>Title</th><th>Published</th><th>Path</th></tr>"]
    out += [f"<tr><td>{_h(d['outlet'])}</td><td>{_h(d['title'])}</td><td>{_iso(d['published'])}</td>"
            f"<td><code>{_h(d['path'])}</code></td></tr>" for d in facts["docs"]]
    out += ["</table>", "<h2>Divergences</h2>"]
    if not facts["flags"]:
        out.append("<p>No divergences were flagged.</p>")
    for rank, flag in enumerate(facts["flags"], start=1):
        out += [f"<section class='flag' id='flag-{_h(flag['flag_id'])}'>",
                f"<h3>{rank}. {_h(flag['explanation'])}</h3>",
                f"<p class='muted'>Kind: {_h(flag['kind'])} · score: {flag['score']:.2f}"
                f" · rule: <code>{_h(flag['rule'])}</code>"
                + (f" · matter: {_h(flag['matter'])}" if flag["matter"] else "")
                + (f" · <strong>{_h(flag['status'])} by an analyst</strong>" if flag.get("status") in ("confirmed",) else "")
                + "</p>",
                *[f"<p class='note'>Analyst's note: {_h(n)}</p>" for n in flag.get("notes") or []],
                "<table><tr><th>Side</th><th>Actor</th><th>Date</th><th>Stance / action</th><th>Evidence</th>"
                "<th>Source</th></tr>"]
        for side, event, event_id in _sides(flag, facts["events"]):
            if event is None:
                out.append(f"<tr class='side-{side}'><td>{side}</td>"
                           f"<td colspan='5'>event {_h(event_id)} is not in this case</td></tr>")
                continue
            s = sources.parts(event)
            out.append(
                f"<tr class='side-{side}'><td>{side}</td><td>{_h(event['actor'])}</td><td>{_h(_when(event))}</td>"
                f"<td>{_h(_what(event))}</td><td>{_mark(event['text'], event['quote'])}</td>"
                f"<td>{_h(s['outlet'])}, <i>{_h(s['title'])}</i>, {s['published']}<br><code>{_h(s['path'])}</code>"
                f" <span class='muted'>chars {event['char_start']}–{event['char_end']}</span></td></tr>"
            )
        out.append("</table></section>")
    out.append("<h2>Timelines</h2>")
    for bloc, actors in _timelines(case):
        out.append(f"<h3>{_h(bloc)}</h3>")
        for actor, events in actors:
            out += [f"<h4>{_h(actor)}</h4>", "<table class='tl'><tr><th>Date</th><th>Stance / action</th>"
                    "<th>Sentence</th><th>Source</th></tr>"]
            for e in events:
                s = sources.parts(e)
                out.append(f"<tr><td>{_h(_when(e))}</td><td>{_h(_what(e))}</td><td>{_mark(e['text'], e['quote'])}</td>"
                           f"<td>{_h(s['outlet'])}, {s['published']}<br><code>{_h(s['path'])}</code></td></tr>")
            out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def render_report(case: Case, *, fmt: Literal["md", "html"] = "md", title: str = DEFAULT_TITLE,
                  figure: bool = True) -> str:
    """The briefing on ``case`` as Markdown (``fmt="md"``) or self-contained HTML (``fmt="html"``).

    ``figure`` embeds the swimlane in HTML (with plotly.js inline, about 5 MB); Markdown has none.

    Examples
    --------
    >>> from timeline.schema import ACTORS, DOCUMENTS, EVENTS, FLAGS
    >>> empty = Case(*(pl.DataFrame(schema=s) for s in (DOCUMENTS, ACTORS, EVENTS, FLAGS)))
    >>> print(render_report(empty, title="Empty | case").splitlines()[0])
    # Empty \\| case
    >>> "No divergences were flagged." in render_report(empty, fmt="html", figure=False)
    True
    """
    if fmt == "md":
        return _render_md(case, title)
    if fmt == "html":
        return _render_html(case, title, figure=figure)
    raise InputError(f"unknown report format {fmt!r}; use 'md' or 'html'")


def write_report(case: Case, path: str | os.PathLike, *, title: str = DEFAULT_TITLE, figure: bool = True) -> Path:
    """Write the briefing on ``case`` to ``path``, Markdown or HTML by its suffix (.md or .html)."""
    path = Path(path)
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"cannot write a report to {str(path)!r}: unknown suffix {path.suffix or '(none)'!r}; "
                         "use .md or .html")
    return write_atomic(path, render_report(case, fmt=fmt, title=title, figure=figure).encode("utf-8"))
