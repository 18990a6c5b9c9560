"""Chunks of work over several processes, results in input order.

Workers are started with ``spawn``: polars' thread pool does not survive ``fork``. Each
worker can be set up once (``initializer``) so that large read-only things such as the actor
registry cross to it once, not with every chunk.
"""

from __future__ import annotations

import math
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from gapline.errors import ConfigError

__all__ = ["PARALLEL_FROM", "Progress", "chunked", "counter", "map_chunks", "resolve_workers"]

T = TypeVar("T")
R = TypeVar("R")
Progress = Callable[[int], None]

# Below this many items, starting worker processes costs more than it saves: a spawned worker
# needs about a second (imports, the registry, dateparser's first call) before its first
# document, and one document takes 10-20 ms, so two workers catch up with one process only
# after some 150-200 documents.
PARALLEL_FROM = 200


def resolve_workers(workers: int | None, items: int) -> int:
    """The number of processes for ``items`` items: ``workers`` when given, else every core for
    :data:`PARALLEL_FROM` (200) items or more and one below that; never more than there are items.

    Examples
    --------
    >>> resolve_workers(None, 150)
    1
    >>> resolve_workers(3, 2)
    2
    >>> resolve_workers(None, 500) == min(os.cpu_count() or 1, 500)
    True
    """
    if workers is not None and (not isinstance(workers, int) or workers < 1):
        raise ConfigError(f"workers must be a whole number of processes, 1 or more (got {workers!r})")
    if workers is None:
        workers = (os.cpu_count() or 1) if items >= PARALLEL_FROM else 1
    return max(1, min(workers, items))


def counter(progress: Callable[[int, int], None] | None, total: int) -> Progress:
    """A callback that adds up finished items and reports ``progress(done, total)`` (if any)."""
    done = 0

    def advance(k: int) -> None:
        nonlocal done
        done += k
        if progress is not None:
            progress(done, total)

    return advance


def chunked(items: Sequence[T], workers: int, *, per_worker: int = 4, most: int = 64) -> list[Sequence[T]]:
    """``items`` cut into consecutive chunks: about ``per_worker`` chunks for each worker (so a
    slow chunk does not leave the others idle), none longer than ``most``.

    Examples
    --------
    >>> [list(c) for c in chunked(range(10), 2)]
    [[0, 1], [2, 3], [4, 5], [6, 7], [8, 9]]
    >>> [len(c) for c in chunked(range(1000), 2)][:3]
    [64, 64, 64]
    """
    if not items:
        return []
    size = max(1, min(most, math.ceil(len(items) / (workers * per_worker))))
    return [items[i : i + size] for i in range(0, len(items), size)]


_STATE: Any = None  # what ``setup`` made, in a worker process


def _init_worker(setup: Callable[..., Any] | None, setup_args: tuple) -> None:
    global _STATE
    _STATE = setup(*setup_args) if setup is not None else None


def _run(fn: Callable[[Any, Any], R], chunk: Any) -> R:
    return fn(_STATE, chunk)


def map_chunks(
    fn: Callable[[Any, Any], R],
    chunks: Sequence[Sequence[Any]],
    *,
    workers: int,
    progress: Progress | None = None,
    setup: Callable[..., Any] | None = None,
    setup_args: tuple = (),
) -> Iterator[R]:
    """``fn(state, chunk)`` for every chunk, yielded in the order of ``chunks``; ``state`` is
    what ``setup(*setup_args)`` returns, made once per process (None without ``setup``).

    With ``workers`` > 1 the chunks run in a pool of that many spawned processes (``fn`` and
    ``setup`` must be module-level functions, ``setup_args`` picklable); otherwise here, one
    after the other. ``progress(n)`` is called with the number of items of each chunk as it
    finishes. Closing the iterator early cancels the chunks not yet started.

    Examples
    --------
    >>> list(map_chunks(lambda state, chunk: state + sum(chunk), [[1, 2], [3]], workers=1, setup=int, setup_args=(10,)))
    [13, 13]
    """
    if workers <= 1 or len(chunks) <= 1:
        state = setup(*setup_args) if setup is not None else None
        for chunk in chunks:
            result = fn(state, chunk)
            if progress is not None:
                progress(len(chunk))
            yield result
        return
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(
        max_workers=min(workers, len(chunks)), mp_context=context, initializer=_init_worker, initargs=(setup, setup_args)
    )
    try:
        futures: list[Future] = [pool.submit(_run, fn, chunk) for chunk in chunks]
        sizes = {f: len(c) for f, c in zip(futures, chunks)}
        pending = set(futures)
        for f in futures:
            while not f.done():
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                if progress is not None:
                    for d in done:
                        progress(sizes[d])
            if f in pending:  # finished before it was waited for
                pending.discard(f)
                if progress is not None:
                    progress(sizes[f])
            try:
                result = f.result()
            except BrokenProcessPool:
                raise ConfigError(
                    "a worker process stopped unexpectedly (out of memory, or a script that calls gapline without an "
                    "'if __name__ == \"__main__\":' guard); try one worker (--workers 1, or workers=1)"
                ) from None
            yield result
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
