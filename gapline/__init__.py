"""gapline: per-actor timelines from news, and the places where what is said and what is done part ways.

The library lives in three packages that depend on each other in one direction only:
``timeline`` (ingest, extraction, actors, dates, timelines) → ``divergence`` (propositions,
rules, flags) → ``dashboard`` (figures, app, export, report). ``gapline.api`` gathers the
calls a script needs; ``gapline.cli`` is the thin command line over it.
"""

__version__ = "0.1.0"
__all__ = ["__version__"]
