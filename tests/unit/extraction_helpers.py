"""Helpers for extraction tests: one article written for the test, its events as dicts."""

from __future__ import annotations

import datetime as dt

import polars as pl

from timeline.extract import extract_events
from timeline.schema import DOCUMENTS


def events_frame(body: str, published: dt.date | None, *, outlet: str = "", registry=None) -> pl.DataFrame:
    docs = pl.DataFrame(
        [{"doc_id": "d1", "path": "t.txt", "title": "", "outlet": outlet, "url": "", "published": published, "body": body}],
        schema=DOCUMENTS,
    )
    return extract_events(docs, registry=registry)


def events(body: str, published: dt.date | None, *, outlet: str = "", registry=None) -> list[dict]:
    return events_frame(body, published, outlet=outlet, registry=registry).to_dicts()


def only(found: list[dict], **where) -> dict:
    """The one event with these values."""
    hits = [e for e in found if all(e[k] == v for k, v in where.items())]
    assert len(hits) == 1, hits
    return hits[0]
