"""Extraction over several processes gives the events of the sequential run, in its order."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from polars.testing import assert_frame_equal

from gapline.errors import ConfigError, InputError
from timeline._parallel import PARALLEL_FROM, chunked, map_chunks, resolve_workers
from timeline.actors import load_registry
from timeline.extract import extract_events
from timeline.ingest import read_articles

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def documents():
    """Every demo and golden article: a dozen documents, enough for several chunks."""
    return read_articles([ROOT / "data" / "demo", *sorted((ROOT / "tests" / "golden").glob("*/article.txt"))]).documents


def test_two_workers_give_the_sequential_events_in_the_same_order(documents, tmp_path):
    extra = tmp_path / "extra.yaml"
    extra.write_text("actors:\n  - {id: kessel_guard, name: Kessel Border Guard, kind: military, official: true, "
                     "affiliation: [iraq_gov], aliases: [Kessel guards]}\n")
    registry = load_registry([extra])
    seen: list[tuple[int, int]] = []
    sequential = extract_events(documents, registry=registry, workers=1)
    parallel = extract_events(documents, registry=registry, workers=2, progress=lambda done, total: seen.append((done, total)))
    assert len(chunked(list(range(documents.height)), 2)) > 2
    assert sequential.height > 50
    assert_frame_equal(parallel, sequential)
    assert seen[-1] == (documents.height, documents.height)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen) and len(seen) > 1


def test_a_registry_given_to_the_workers_is_the_one_they_use(tmp_path):
    import datetime as dt

    import polars as pl

    from timeline.schema import DOCUMENTS

    extra = tmp_path / "extra.yaml"
    extra.write_text("actors:\n  - {id: kessel_guard, name: Kessel Border Guard, kind: military, official: true, "
                     "affiliation: [iraq_gov], aliases: [Kessel guards]}\n")
    body = "The Kessel guards denied on Wednesday that any convoy had crossed."
    docs = pl.DataFrame([{"doc_id": f"d{i}", "path": f"{i}.txt", "title": "", "outlet": "", "url": "",
                          "published": dt.date(2024, 12, 5), "body": body} for i in range(3)], schema=DOCUMENTS)
    events = extract_events(docs, registry=load_registry([extra]), workers=2)
    assert events["actor_id"].to_list() == ["kessel_guard"] * 3
    assert events["doc_id"].to_list() == ["d0", "d1", "d2"]


def test_small_batches_stay_in_this_process_and_large_ones_use_every_core():
    assert resolve_workers(None, PARALLEL_FROM - 1) == 1
    assert resolve_workers(None, PARALLEL_FROM) == (os.cpu_count() or 1)
    assert resolve_workers(8, 3) == 3


@pytest.mark.parametrize("workers", [0, -2, 1.5, "2"])
def test_a_wrong_number_of_workers_is_a_clear_error(workers):
    with pytest.raises(ConfigError, match="workers must be a whole number"):
        resolve_workers(workers, 10)


def test_chunks_keep_every_item_once_in_order():
    items = list(range(1003))
    for workers in (1, 2, 7):
        chunks = chunked(items, workers)
        assert [x for c in chunks for x in c] == items
        assert max(len(c) for c in chunks) <= 64


def test_an_error_in_a_worker_reaches_the_caller():
    with pytest.raises(ZeroDivisionError):
        list(map_chunks(_divide, [[1], [0], [2]], workers=2))


def _divide(state, chunk):
    return [1 / x for x in chunk]


def test_results_come_in_input_order_when_an_early_chunk_finishes_last():
    finished: list[int] = []
    out = list(map_chunks(_slow_first, [[0], [1, 1], [2, 2, 2], [3]], workers=2, progress=finished.append))
    assert out == [[0], [1, 1], [2, 2, 2], [3]]
    assert sorted(finished) == [1, 1, 2, 3]  # each chunk's size, once


def _slow_first(state, chunk):
    import time

    if chunk[0] == 0:
        time.sleep(1.0)
    return list(chunk)


def _mixed_folder(tmp_path):
    import json

    folder = tmp_path / "mixed"
    folder.mkdir()
    for i in range(6):
        (folder / f"{i}-page.html").write_text(
            f'<html><head><title>Page {i}</title><meta property="article:published_time" content="2024-12-0{i + 1}"></head>'
            f"<body><article><p>The Iraqi army said on Monday that convoy number {i} had crossed the border.</p></article></body></html>")
        (folder / f"{i}-note.txt").write_text(f"The ministry said report {i} was false.")
    (folder / "3-bad.txt").write_bytes(b"\x00\x01")
    (folder / "lines.jsonl").write_text(json.dumps({"text": "The army left.", "published": "2024-12-05"}) + "\n{oops\n")
    return folder


def test_reading_in_parallel_gives_the_sequential_batch(tmp_path):
    folder = _mixed_folder(tmp_path)
    one = read_articles([folder], on_error="skip", workers=1)
    seen: list[tuple[int, int]] = []
    two = read_articles([folder], on_error="skip", workers=2, progress=lambda done, total: seen.append((done, total)))
    assert_frame_equal(two.documents, one.documents)
    assert (two.warnings, two.problems) == (one.warnings, one.problems)
    assert one.documents.height == 13 and len(one.problems) == 2
    assert seen[-1] == (14, 14)


def test_reading_in_parallel_stops_at_the_first_bad_file_in_order(tmp_path):
    folder = _mixed_folder(tmp_path)
    with pytest.raises(InputError) as sequential:
        read_articles([folder], workers=1)
    with pytest.raises(InputError) as parallel:
        read_articles([folder], workers=2)
    assert str(parallel.value) == str(sequential.value)
    assert "3-bad.txt" in str(parallel.value)


def test_a_worker_that_dies_is_a_clear_error():
    with pytest.raises(ConfigError, match="worker process stopped unexpectedly.*--workers 1"):
        list(map_chunks(_die, [[1], [2]], workers=2))


def _die(state, chunk):
    os._exit(3)
