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

config_option = click.option(
    "--config", "config", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="Divergence settings file (TOML); default ./gapline.toml if present, else built-in defaults.",
)


workers_option = click.option(
    "--workers", type=click.IntRange(min=1), default=None,
    help="Processes for reading and extraction (default: every core for 200 articles or more, else 1).",
)


def _warn(lines) -> None:
    for line in lines:
        click.echo(f"warning: {line}", err=True)


def _settings(config):
    from gapline import api

    return api.find_settings(config)


def _progress(what: str, stream=None):
    """A progress callback that draws a bar on stderr, or None when stderr is no terminal (pipes, files, tests)."""
    stream = stream if stream is not None else sys.stderr
    if not stream.isatty():
        return None
    from tqdm import tqdm

    bar = None

    def update(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = tqdm(total=total, desc=what, unit=" articles", file=stream, leave=False, dynamic_ncols=True)
        bar.n = done
        bar.refresh()  # called once per chunk of articles, so drawing every time is cheap
        if done >= total:
            bar.close()

    return update


def _documents(paths, store, workers=None):
    """The documents of the given article paths (their warnings shown), or of the store."""
    from gapline import api

    if not paths:
        return api.stored_documents(store)
    batch = api.read_articles(paths, workers=workers, progress=_progress("reading"))
    _warn(batch.warnings)
    return batch.documents


def _case(paths, store, registry_files, config=None, *, settings=None, workers=None):
    from gapline import api

    settings = settings or _settings(config).settings
    if not paths:
        return api.case_from_store(store, registry_files=registry_files, settings=settings, workers=workers,
                                   progress=_progress("extracting"))
    docs = _documents(paths, store, workers)
    return api.build_case(docs, registry=api.load_registry(registry_files), settings=settings, workers=workers,
                          progress=_progress("extracting"))


def _without_dismissed(case):
    from divergence.review import not_dismissed

    return case._replace(flags=not_dismissed(case.flags))


def _table(rows: list[dict], columns: list[tuple[str, int]]) -> str:
    def cell(v, w):
        s = "" if v is None else str(v).replace("\n", " ")
        return (s[: w - 1] + "…") if len(s) > w else s.ljust(w)

    head = "  ".join(cell(c, w) for c, w in columns)
    lines = [head, "  ".join("-" * w for _, w in columns)]
    lines += ["  ".join(cell(r.get(c), w) for c, w in columns) for r in rows]
    return "\n".join(x.rstrip() for x in lines)


def _source(event: dict) -> str:
    """Who stands behind an event, for the table: "anonymous" for an unnamed source, "2 sources"
    when several outlets report the same underlying event."""
    parts = ["anonymous"] if event.get("anonymous") else []
    if (event.get("sources") or 1) > 1:
        parts.append(f"{event['sources']} sources")
    return ", ".join(parts)


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
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Processes for reading (default: every core for 200 web pages or more, else 1).")
def ingest(paths, store, skip_bad, workers):
    """Add article files or folders to the case file (the same text twice is stored once).

    Articles are text files with an optional front-matter header (title, published, outlet, url),
    saved web pages (.html, .htm), or JSON lines files (.jsonl, one article per line).
    The whole batch is one transaction: if a file or line is bad, nothing is added (unless --skip-bad).
    """
    from gapline import api

    if not paths:
        raise click.UsageError("name at least one article file or folder")
    result, warnings, problems = api.ingest(paths, store=store, skip_bad=skip_bad, workers=workers, progress=_progress("reading"))
    _warn(warnings)
    _warn(f"skipped {p}" for p in problems)
    click.echo(f"{store}: {result.added} added, {result.already} already stored, {result.total} in the case")


@cli.command()
@paths_argument
@store_option
@format_option
@registry_option
@workers_option
def extract(paths, store, fmt, registry_files, workers):
    """Statements and actions with actor, stance, date and provenance."""
    from gapline import api

    docs = _documents(paths, store, workers)
    events = api.extract_events(docs, registry=api.load_registry(registry_files), workers=workers, progress=_progress("extracting"))
    records = api.events_to_records(events)
    if fmt == "jsonl":
        click.echo(api.dumps(records), nl=False)
        return
    if not records:
        click.echo(f"no statements or actions found in {docs.height} article{'s' if docs.height != 1 else ''}")
        return
    cols = [("date_start", 10), ("date_precision", 6), ("actor", 28), ("kind", 9), ("stance", 8), ("source", 20), ("text", 70)]
    click.echo(_table([{**r, "source": _source(r)} for r in records], cols))


@cli.command()
@paths_argument
@store_option
@format_option
def dates(paths, store, fmt):
    """Date expressions found in the articles, resolved against each publication date."""
    from gapline import api

    docs = _documents(paths, store)
    records = api.date_records(docs)
    if fmt == "jsonl":
        click.echo(api.dumps(records), nl=False)
        return
    if not records:
        click.echo(f"no date expressions found in {docs.height} article{'s' if docs.height != 1 else ''}")
        return
    click.echo(_table(records, [("text", 28), ("value", 12), ("date_start", 10), ("date_end", 10), ("date_precision", 9), ("doc_path", 30)]))


@cli.command()
@paths_argument
@store_option
@format_option
@registry_option
@config_option
@workers_option
@click.option("--explain", is_flag=True, help="Also print the settings used and the file they came from.")
@click.option("--all", "show_all", is_flag=True, help="Include flags an analyst dismissed.")
def divergences(paths, store, fmt, registry_files, config, workers, explain, show_all):
    """Flags where a denial meets a reported action or a contrary statement, or an actor reverses
    itself, best first. Each flag shows its id (for 'gapline review'), its review status, both
    sides' evidence and one sentence saying what conflicts."""
    import datetime as dt

    from gapline import api
    from timeline.dates import describe_interval

    loaded = _settings(config)
    if explain:
        click.echo(f"# settings from {loaded.source}\n{api.settings_toml(loaded.settings)}", err=fmt == "jsonl")
    case = _case(paths, store, registry_files, settings=loaded.settings, workers=workers)
    hidden = 0
    if not show_all:
        shown = _without_dismissed(case)
        hidden = case.flags.height - shown.flags.height
        case = shown
    records = api.flags_to_records(case)
    if fmt == "jsonl":
        click.echo(api.dumps(records), nl=False)
        return
    if not records:
        click.echo("no divergences found" + (f" ({hidden} dismissed; --all shows them)" if hidden else ""))
        return
    for i, f in enumerate(records, 1):
        status = f.get("status") or "open"
        mark = "" if status == "open" else f" [{status}{' (carried over, evidence changed)' if f.get('carried_from') else ''}]"
        click.echo(f"{i}. [{f['kind']}] {f['flag_id']} score {f['score']:.2f}{mark}  {f['explanation']}")
        for note in f.get("notes") or []:
            click.echo(f"     note: {note}")
        for side in ("official", "other"):
            for e in sorted(f[side], key=lambda e: e["date_start"] or ""):
                words = f"“{e['quote']}”" if len((e["quote"] or "").split()) >= 4 else e["text"]
                when = describe_interval(*(e[k] and dt.date.fromisoformat(e[k]) for k in ("date_start", "date_end")),
                                         e["date_precision"])
                click.echo(f"     {side:8} {when:<22} {e['actor']}: {words[:100]}")
    if hidden:
        click.echo(f"({hidden} dismissed flag{'s' if hidden > 1 else ''} not shown; --all shows them)")


@cli.group()
def review():
    """Confirm, dismiss or reopen a flag, or add a note; decisions are kept in the store.

    \b
      gapline review confirm FLAG_ID [--note TEXT] [--by NAME]
      gapline review dismiss FLAG_ID [--note TEXT]
      gapline review reopen FLAG_ID
      gapline review note FLAG_ID TEXT
      gapline review log

    FLAG_ID is the id 'gapline divergences' prints, or its first characters. A decision stays with
    the same evidence across re-ingest and re-computation; when new articles add evidence to a
    flag, the decision carries over and the flag says so.
    """


def _review_command(action: str, summary: str):
    @review.command(name=action, help=summary)
    @click.argument("flag_id")
    @click.option("--note", default="", help="Why (kept with the decision).")
    @click.option("--by", "reviewer", default="", help="Who decided.")
    @store_option
    @registry_option
    @config_option
    def command(flag_id, note, reviewer, store, registry_files, config):
        from gapline import api

        f = api.review(store, flag_id, action, note=note, reviewer=reviewer, registry_files=registry_files,
                       settings=_settings(config).settings)
        click.echo(f"{f['flag_id']}: {f['status']}  {f['explanation']}")

    return command


_review_command("confirm", "Mark a flag as a real divergence.")
_review_command("dismiss", "Mark a flag as not a divergence (hidden from lists and reports).")
_review_command("reopen", "Undo a confirm or dismiss.")


@review.command(name="note")
@click.argument("flag_id")
@click.argument("text")
@click.option("--by", "reviewer", default="", help="Who wrote it.")
@store_option
@registry_option
@config_option
def review_note(flag_id, text, reviewer, store, registry_files, config):
    """Add a note to a flag without changing its status."""
    from gapline import api

    f = api.review(store, flag_id, "note", note=text, reviewer=reviewer, registry_files=registry_files,
                   settings=_settings(config).settings)
    click.echo(f"{f['flag_id']}: {f['status']}, {len(f['notes'])} note{'s' if len(f['notes']) != 1 else ''}")


@review.command(name="log")
@store_option
def review_log(store):
    """Every review decision and note in the store, oldest first."""
    from gapline import api

    log = api.load_reviews(store)
    if log.is_empty():
        click.echo("no reviews yet")
        return
    rows = [{**r, "at": r["at"].isoformat(sep=" ", timespec="seconds")} for r in log.iter_rows(named=True)]
    click.echo(_table(rows, [("at", 19), ("flag_id", 12), ("action", 8), ("reviewer", 12), ("note", 60)]))


@cli.command()
@paths_argument
@store_option
@registry_option
@click.option("--actor", "actors", multiple=True, help="Only this actor (id or name); repeatable.")
@click.option("--by", type=click.Choice(["actor", "bloc"]), default="actor", show_default=True,
              help="One timeline per actor, or one per bloc (all actors of an affiliation chain together).")
@workers_option
def timeline(paths, store, registry_files, actors, by, workers):
    """Per-actor timelines, grouped by bloc (the root of each actor's affiliation chain)."""
    from timeline.build import actor_timelines, bloc_timelines
    from timeline.dates import describe_interval

    case = _case(paths, store, registry_files, workers=workers)
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
        when = describe_interval(r["date_start"], r["date_end"], r["date_precision"])
        click.echo(f"  {when:<22} {who}{r['kind']:<9} {what:<9} {r['text'][:90]}")


@cli.command()
@store_option
@registry_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to serve on.")
@click.option("--port", default=8050, show_default=True, type=click.IntRange(1, 65535), help="Port to serve on.")
@config_option
@workers_option
def dashboard(store, registry_files, host, port, config, workers):
    """Serve the case in a browser: swimlane timeline, flags and their evidence; confirm, dismiss or reopen
    flags there (decisions are kept in the store, as with 'gapline review')."""
    from dashboard import serve

    case = _case((), store, registry_files, config, workers=workers)
    click.echo(f"gapline dashboard on http://{host}:{port}  ({case.events.height} events, {case.flags.height} flags; Ctrl-C stops)")
    serve(case, host=host, port=port, store=store)


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
@config_option
@workers_option
def export(paths, store, registry_files, output, width, height, title, credit, start, end, config, workers):
    """Write the timeline figure for publication (format from the file's suffix)."""
    from dashboard import export_case
    from dashboard.app import filter_events

    case = _without_dismissed(_case(paths, store, registry_files, config, workers=workers))
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
@config_option
@workers_option
def report(paths, store, registry_files, output, title, config, workers):
    """Write a briefing: the flags with both sides' quotes, dates and sources, then per-actor timelines
    (flags an analyst dismissed are left out)."""
    from dashboard import write_report

    case = _without_dismissed(_case(paths, store, registry_files, config, workers=workers))
    path = write_report(case, output, title=title)
    click.echo(f"wrote {path}")


class _ListByDefault(click.Group):
    """A group whose first word may be a path: ``gapline actors PATHS`` runs ``list``."""

    def parse_args(self, ctx, args):
        if not args or (args[0] not in self.commands and args[0] not in ctx.help_option_names):
            args = ["list", *args]
        return super().parse_args(ctx, args)


@cli.group(cls=_ListByDefault)
def actors():
    """The actors of a case, registered and found in text; promote one found in text into a registry file.

    \b
      gapline actors [PATHS] [--store case.db]          kind, officialness, affiliation, events and articles
      gapline actors promote ACTOR_ID --to mine.yaml    write an actor found in text into a registry file
    """


@actors.command("list")
@paths_argument
@store_option
@format_option
@registry_option
def actors_list(paths, store, fmt, registry_files):
    """List the actors of a case: registered ones, then those found in text ("discovered")."""
    from gapline import api

    records = api.actor_records(_case(paths, store, registry_files))
    if fmt == "jsonl":
        click.echo(api.dumps(records), nl=False)
        return
    rows = [{**r, "official": "yes" if r["official"] else "no", "affiliation": ", ".join(r["affiliation"]),
             "from": "text" if r["discovered"] else "registry"} for r in records]
    cols = [("actor_id", 30), ("name", 28), ("kind", 12), ("official", 8), ("affiliation", 22), ("events", 6),
            ("documents", 9), ("from", 8)]
    click.echo(_table(rows, cols))


@actors.command("promote")
@click.argument("actor")
@paths_argument
@store_option
@registry_option
@click.option("--to", "target", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Registry YAML file to append it to (created if missing); default: the one --registry file.")
@click.option("--id", "new_id", default=None, help="Registry id to give it (default: its id without 'org:' or 'group:').")
def actors_promote(actor, paths, store, registry_files, target, new_id):
    """Write an actor found in text (id or name, as 'gapline actors' lists it) into a registry file,
    so that later runs know it; the file's contents and comments are kept."""
    from gapline import api

    if target is None and len(registry_files) != 1:
        raise click.UsageError("name the registry file to write with --to FILE")
    target = target or registry_files[0]
    known = [*registry_files, *([target] if target.is_file() and target not in registry_files else [])]
    case = _case(paths, store, known)
    added = api.promote_actor(case, actor, target, actor_id=new_id, registry_files=registry_files)
    belongs = f", belongs to {', '.join(added.affiliation)}" if added.affiliation else ""
    click.echo(f"{target}: added {added.actor_id} ({added.name}, {added.kind}{belongs})")


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
