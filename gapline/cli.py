"""The ``gapline`` command line: thin wrappers over :mod:`gapline.api`.

Every command parses its options, calls one library function and prints or writes the
result. Errors from the library (:class:`~gapline.errors.GaplineError`) are shown once,
here, as one line on stderr with exit status 1; misused options exit with status 2.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from gapline import __version__
from gapline.errors import GaplineError

DEFAULT_STORE = "gapline.db"
store_option = click.option(
    "--store", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_STORE, show_default=True,
    help="The case file (SQLite).",
)
format_option = click.option(
    "--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True,
    help="A readable table, or one JSON object per line.",
)
paths_argument = click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
registry_option = click.option(
    "--registry", "registry_files", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Extra actor registry YAML file (repeatable); its ids replace built-in ones.",
)


def _warn(lines) -> None:
    for line in lines:
        click.echo(f"warning: {line}", err=True)


def _case(paths, store, registry_files):
    from gapline import api

    if paths:
        return api.case_from_paths(paths, registry_files=registry_files)
    return api.case_from_store(store, registry_files=registry_files)


def _table(rows: list[dict], columns: list[tuple[str, int]]) -> str:
    def cell(v, w):
        s = "" if v is None else str(v).replace("\n", " ")
        return (s[: w - 1] + "…") if len(s) > w else s.ljust(w)

    head = "  ".join(cell(c, w) for c, w in columns)
    lines = [head, "  ".join("-" * w for _, w in columns)]
    lines += ["  ".join(cell(r.get(c), w) for c, w in columns) for r in rows]
    return "\n".join(x.rstrip() for x in lines)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="gapline")
def cli() -> None:
    """gapline: per-actor timelines from news, and flags where what officials say
    diverges from what is reported done or from what others say.

    \b
    Typical use:
      gapline ingest --store case.db articles/      add articles to a case file
      gapline divergences --store case.db           list the flags, best first
      gapline dashboard --store case.db             explore the case in a browser
      gapline export --store case.db -o fig.png     a timeline graphic for publication
      gapline report --store case.db -o brief.md    a briefing with both sides' evidence

    Commands that read articles take PATHS (files or folders); without PATHS they read the store.
    """


@cli.command()
@paths_argument
@store_option
@click.option("--skip-bad", is_flag=True, help="Leave out unreadable files and lines instead of stopping the batch.")
def ingest(paths, store, skip_bad):
    """Add article files or folders to the case file (the same text twice is stored once).

    Articles are text files with an optional front-matter header (title, published, outlet, url),
    saved web pages (.html, .htm), or JSON lines files (.jsonl, one article per line).
    The whole batch is one transaction: if a file or line is bad, nothing is added (unless --skip-bad).
    """
    from gapline import api

    if not paths:
        raise click.UsageError("name at least one article file or folder")
    result, warnings, problems = api.ingest(paths, store=store, skip_bad=skip_bad)
    _warn(warnings)
    _warn(f"skipped {p}" for p in problems)
    click.echo(f"{store}: {result.added} added, {result.already} already stored, {result.total} in the case")


@cli.command()
@paths_argument
@store_option
@format_option
@registry_option
def extract(paths, store, fmt, registry_files):
    """Statements and actions with actor, stance, date and provenance."""
    from gapline import api

    docs = api.documents(paths) if paths else api.load_documents(store)
    if docs.is_empty():
        raise GaplineError(f"{store}: the store holds no articles; add some with 'gapline ingest --store {store} PATH'")
    events = api.extract_events(docs, registry=api.load_registry(registry_files))
    records = api.events_to_records(events)
    if fmt == "jsonl":
        click.echo(api.dumps(records), nl=False)
        return
    cols = [("date_start", 10), ("date_precision", 6), ("actor", 28), ("kind", 9), ("stance", 8), ("text", 70)]
    click.echo(_table(records, cols))


@cli.command()
@paths_argument
@store_option
@format_option
def dates(paths, store, fmt):
    """Date expressions found in the articles, resolved against each publication date."""
    from gapline import api

    docs = api.documents(paths) if paths else api.load_documents(store)
    records = api.date_records(docs)
    if fmt == "jsonl":
        click.echo(api.dumps(records), nl=False)
        return
    click.echo(_table(records, [("text", 28), ("value", 12), ("date_start", 10), ("date_end", 10), ("date_precision", 9), ("doc_path", 30)]))


@cli.command()
@paths_argument
@store_option
@format_option
@registry_option
def divergences(paths, store, fmt, registry_files):
    """Flags where a denial meets a reported action or a contrary statement, best first."""
    from gapline import api

    case = _case(paths, store, registry_files)
    records = api.flags_to_records(case)
    if fmt == "jsonl":
        click.echo(api.dumps(records), nl=False)
        return
    if not records:
        click.echo("no divergences found")
        return
    for i, f in enumerate(records, 1):
        click.echo(f"{i}. [{f['kind']}] score {f['score']:.2f}  {f['explanation']}")
        for side in ("official", "other"):
            for e in sorted(f[side], key=lambda e: e["date_start"] or ""):
                words = f"“{e['quote']}”" if e["quote"] else e["text"]
                click.echo(f"     {side:8} {e['date_start'] or '?':10} {e['actor']}: {words[:100]}")


@cli.command()
@paths_argument
@store_option
@registry_option
@click.option("--actor", "actors", multiple=True, help="Only this actor (id or name); repeatable.")
@click.option("--by", type=click.Choice(["actor", "bloc"]), default="actor", show_default=True,
              help="One timeline per actor, or one per bloc (all actors of an affiliation chain together).")
def timeline(paths, store, registry_files, actors, by):
    """Per-actor timelines, grouped by bloc (the root of each actor's affiliation chain)."""
    from timeline.build import actor_timelines, bloc_timelines

    case = _case(paths, store, registry_files)
    ev = actor_timelines(case.events, actors=list(actors) or None)
    if ev.is_empty():
        known = ", ".join(sorted(case.events.get_column("actor_id").unique().to_list())[:12])
        raise GaplineError(f"no events for {', '.join(actors) or 'this case'}; actors with events: {known}")
    if by == "bloc":
        ev = bloc_timelines(ev.drop("seq"))
    key = "actor" if by == "actor" else "bloc"
    current = None
    for r in ev.iter_rows(named=True):
        if r[key] != current:
            current = r[key]
            click.echo(f"\n{r['actor']}  [{r['bloc']}]" if by == "actor" else f"\n[{r['bloc']}]")
        what = r["stance"] or (r["action_class"] or "action").lower()
        who = "" if by == "actor" else f"{r['actor'][:24]:<24} "
        click.echo(f"  {r['date_start']} ({r['date_precision']:<5}) {who}{r['kind']:<9} {what:<9} {r['text'][:90]}")


@cli.command()
@store_option
@registry_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to serve on.")
@click.option("--port", default=8050, show_default=True, type=click.IntRange(1, 65535), help="Port to serve on.")
def dashboard(store, registry_files, host, port):
    """Serve the case in a browser: swimlane timeline, flags and their evidence."""
    from dashboard import serve

    case = _case((), store, registry_files)
    click.echo(f"gapline dashboard on http://{host}:{port}  ({case.events.height} events, {case.flags.height} flags; Ctrl-C stops)")
    serve(case, host=host, port=port)


@cli.command()
@paths_argument
@store_option
@registry_option
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path), help="File to write: .png .svg .pdf or .html.")
@click.option("--width", type=click.IntRange(200, 10000), default=1200, show_default=True, help="Width in pixels.")
@click.option("--height", type=click.IntRange(200, 10000), default=None, help="Height in pixels (default: from the number of lanes).")
@click.option("--title", default=None, help="Title printed on the graphic.")
@click.option("--credit", default=None, help="Credit line printed under the graphic.")
@click.option("--from", "start", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Only events that reach this date (YYYY-MM-DD).")
@click.option("--to", "end", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Only events that begin by this date (YYYY-MM-DD).")
def export(paths, store, registry_files, output, width, height, title, credit, start, end):
    """Write the timeline figure for publication (format from the file's suffix)."""
    from dashboard import export_case
    from dashboard.app import filter_events

    case = _case(paths, store, registry_files)
    if start or end:
        case = case._replace(events=filter_events(case, start=start and start.date(), end=end and end.date()))
    path = export_case(case, output, title=title, credit=credit, width=width, height=height)
    click.echo(f"wrote {path}")


@cli.command()
@paths_argument
@store_option
@registry_option
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path), help="File to write: .md or .html.")
@click.option("--title", default="gapline briefing", show_default=True, help="Title of the briefing.")
def report(paths, store, registry_files, output, title):
    """Write a briefing: the flags with both sides' quotes, dates and sources, then per-actor timelines."""
    from dashboard import write_report

    case = _case(paths, store, registry_files)
    path = write_report(case, output, title=title)
    click.echo(f"wrote {path}")


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit status."""
    try:
        cli.main(args=argv, prog_name="gapline", standalone_mode=False)
    except GaplineError as exc:
        click.echo(f"gapline: error: {exc}", err=True)
        return 1
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        return 130
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug, not bad input: one line, and the traceback on request
        if os.environ.get("GAPLINE_DEBUG") == "1":
            raise
        click.echo(f"gapline: internal error: {type(exc).__name__}: {exc} (set GAPLINE_DEBUG=1 for the traceback)", err=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
