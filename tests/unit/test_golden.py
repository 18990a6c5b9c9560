"""Golden files: texts written for gapline and the events they must give, with the date pinned.

Each folder under ``tests/golden`` holds ``article.txt`` and ``expected.jsonl`` (one line per
event: actor_id, kind, stance, action_class, sentence, date_start, date_end, date_precision).
To regenerate after a deliberate change, run ``GAPLINE_REGEN_GOLDEN=1 pytest tests/unit/test_golden.py``
and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from timeline.extract import extract_events
from timeline.ingest import read_articles

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
FIELDS = ("sentence", "actor_id", "kind", "stance", "action_class", "date_start", "date_end", "date_precision")
CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "article.txt").exists())


def _events(case: str) -> list[dict]:
    docs = read_articles([GOLDEN / case / "article.txt"]).documents
    rows = extract_events(docs).sort(["sentence", "kind", "actor_id"]).to_dicts()
    return [{k: (r[k].isoformat() if hasattr(r[k], "isoformat") else r[k]) for k in FIELDS} for r in rows]


@pytest.mark.parametrize("case", CASES)
def test_golden(case):
    expected_file = GOLDEN / case / "expected.jsonl"
    got = _events(case)
    if os.environ.get("GAPLINE_REGEN_GOLDEN") == "1":
        expected_file.write_text("".join(json.dumps(r) + "\n" for r in got), encoding="utf-8")
    expected = [json.loads(line) for line in expected_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert got == expected
