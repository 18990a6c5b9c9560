"""The calls a script needs, over the three packages.

Examples
--------
>>> from gapline import api
>>> case = api.case_from_paths([api.demo_path()])
>>> case.flags.height > 0
True
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import polars as pl

from divergence.case import Case, build_case
from divergence.config import find_settings, load_settings, settings_toml
from divergence.flag import find_flags
from divergence.review import load_reviews, record_review, resolve_flag, with_reviews
from divergence.rules import Settings
from gapline.errors import InputError
from timeline._data import data_dir
from timeline.actors import Actor, load_registry, promote
from timeline.dates import tag_dates
from timeline.extract import extract_events
from timeline.ingest import read_articles
from timeline.store import IngestResult, add_documents, load_documents

Progress = Callable[[int, int], None]

__all__ = [
    "Case",
    "actor_records",
    "build_case",
    "case_from_paths",
    "case_from_store",
    "date_records",
    "demo_path",
    "documents",
    "dumps",
    "events_to_records",
    "extract_events",
    "find_flags",
    "find_settings",
    "flags_to_records",
    "ingest",
    "load_documents",
    "load_registry",
    "load_reviews",
    "load_settings",
    "promote_actor",
    "review",
    "settings_toml",
    "read_articles",
    "stored_documents",
]


def demo_path() -> Path:
    """The folder of the built-in demo case."""
    return data_dir() / "demo"


def documents(
    paths: Iterable[str | Path], *, workers: int | None = None, progress: Progress | None = None
) -> pl.DataFrame:
    """Read article files and folders into a DOCUMENTS frame (bad files raise InputError).

    Warnings (a missing date, a repaired encoding) are dropped here; :func:`read_articles`
    returns them.
    """
    return read_articles(paths, workers=workers, progress=progress).documents


def ingest(
    paths: Iterable[str | Path],
    *,
    store: str | Path,
    skip_bad: bool = False,
    workers: int | None = None,
    progress: Progress | None = None,
) -> tuple[IngestResult, list[str], list[str]]:
    """Add articles to a store in one transaction. Returns the counts, warnings and skipped files."""
    batch = read_articles(paths, on_error="skip" if skip_bad else "raise", workers=workers, progress=progress)
    if batch.documents.is_empty():
        raise InputError("no readable article to add; " + "; ".join(batch.problems))
    return add_documents(store, batch.documents), batch.warnings, batch.problems


def case_from_paths(
    paths: Sequence[str | Path],
    *,
    registry_files: Sequence[str | Path] = (),
    settings: Settings | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
) -> Case:
    """Build a case straight from article files, without a store.

    ``workers`` processes read and extract (by default every core for big batches, see
    :func:`extract_events`); ``progress(done, total)`` follows the extraction.
    """
    docs = documents(paths, workers=workers)
    return build_case(docs, registry=load_registry(registry_files), settings=settings, workers=workers, progress=progress)


def case_from_store(
    store: str | Path,
    *,
    registry_files: Sequence[str | Path] = (),
    settings: Settings | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
) -> Case:
    """Build the case held in a store, with the analysts' review decisions on its flags (``workers``
    and ``progress`` as for :func:`case_from_paths`)."""
    docs = stored_documents(store)
    case = build_case(docs, registry=load_registry(registry_files), settings=settings, workers=workers, progress=progress)
    return case._replace(flags=with_reviews(case.flags, load_reviews(store)))


def review(
    store: str | Path,
    flag_id: str,
    action: str,
    *,
    note: str = "",
    reviewer: str = "",
    registry_files: Sequence[str | Path] = (),
    settings: Settings | None = None,
) -> dict:
    """Confirm, dismiss or reopen a flag of the store's case, or add a note; returns the flag with its new status.

    ``flag_id`` may be the start of an id (4 characters or more) when no other flag shares it.
    The decision is kept in the store and applies whenever the same evidence is flagged again.
    """
    case = case_from_store(store, registry_files=registry_files, settings=settings)
    flag = resolve_flag(case.flags, flag_id)
    record_review(store, flag, action, note=note, reviewer=reviewer)
    flags = with_reviews(case.flags.filter(pl.col("flag_id") == flag["flag_id"]), load_reviews(store))
    return flags.row(0, named=True)


def stored_documents(store: str | Path) -> pl.DataFrame:
    """The documents of a store; an empty store is an InputError that says how to fill it."""
    docs = load_documents(store)
    if docs.is_empty():
        raise InputError(f"{store}: the store holds no articles; add some with 'gapline ingest --store {store} PATH'")
    return docs


def _jsonable(row: dict) -> dict:
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in row.items()}


def events_to_records(events: pl.DataFrame) -> list[dict]:
    """Events as JSON-ready dicts (the JSON contract of ``gapline extract --format jsonl``)."""
    return [_jsonable(r) for r in events.iter_rows(named=True)]


def flags_to_records(case: Case) -> list[dict]:
    """Flags as JSON-ready dicts with both sides' full event objects."""
    by_id = {r["event_id"]: r for r in events_to_records(case.events)}
    out = []
    for f in case.flags.iter_rows(named=True):
        rec = {k: f[k] for k in ("flag_id", "kind", "rule", "score", "explanation", "matter")}
        for k in ("status", "notes", "carried_from"):
            if k in f:
                rec[k] = f[k]
        rec["official"] = [by_id[i] for i in f["official_ids"] if i in by_id]
        rec["other"] = [by_id[i] for i in f["other_ids"] if i in by_id]
        out.append(rec)
    return out


def actor_records(case: Case) -> list[dict]:
    """The actors of a case, registered then discovered, as JSON-ready dicts: the ACTORS columns plus
    ``events`` (how many events it is the actor of) and ``documents`` (in how many articles)."""
    counts = case.events.group_by("actor_id").agg(pl.len().alias("events"), pl.col("doc_id").n_unique().alias("documents"))
    rows = case.actors.join(counts, on="actor_id", how="left", maintain_order="left").with_columns(
        pl.col("events", "documents").fill_null(0)
    )
    return [_jsonable(r) for r in rows.iter_rows(named=True)]


def promote_actor(
    case: Case, actor: str, path: str | Path, *, actor_id: str | None = None, registry_files: Sequence[str | Path] = ()
) -> Actor:
    """Write an actor the case found in text (given by id or name) into the registry file ``path``.

    See :func:`timeline.actors.promote`; ``registry_files`` are the extra registry files in use.
    """
    found = case.actors.filter((pl.col("actor_id") == actor) | (pl.col("name") == actor))
    if found.is_empty():
        raise InputError(f"no actor {actor!r} in this case; 'gapline actors' lists the actors of the case")
    return promote(found.row(0, named=True), path, actor_id=actor_id, registry_files=registry_files)


def date_records(docs: pl.DataFrame) -> list[dict]:
    """Every date expression the tagger finds, per document."""
    out = []
    for d in docs.iter_rows(named=True):
        if d["published"] is None:
            continue
        for m in tag_dates(d["body"], d["published"]):
            out.append(
                {
                    "doc_path": d["path"],
                    "char_start": m.char_start,
                    "char_end": m.char_end,
                    "text": m.text,
                    "value": m.value,
                    "date_start": m.date_start.isoformat(),
                    "date_end": m.date_end.isoformat(),
                    "date_precision": m.precision,
                }
            )
    return out


def dumps(records: Iterable[dict]) -> str:
    """JSON lines, one object per record."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)

