"""Articles in; statements and actions with actors, stances, dates and provenance out.

Stages: :mod:`timeline.ingest` (files → DOCUMENTS), :mod:`timeline.store` (the case file),
:mod:`timeline.extract` (DOCUMENTS → EVENTS), :mod:`timeline.corroborate` (mentions of one deed
across articles → one underlying event), :mod:`timeline.actors` (the registry),
:mod:`timeline.dates` (the date tagger), :mod:`timeline.build` (per-actor timelines).
Frame columns are declared in :mod:`timeline.schema`.
"""

from timeline.actors import load_registry
from timeline.build import actor_timelines, bloc_timelines
from timeline.dates import tag_dates
from timeline.extract import extract_events
from timeline.ingest import read_articles
from timeline.store import add_documents, load_documents

__all__ = [
    "actor_timelines",
    "add_documents",
    "bloc_timelines",
    "extract_events",
    "load_documents",
    "load_registry",
    "read_articles",
    "tag_dates",
]
