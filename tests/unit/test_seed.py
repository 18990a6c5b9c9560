"""The founding example, on the seed article in data/seed/ (skipped while the file is absent)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

SEED_DIR = Path(__file__).resolve().parents[2] / "data" / "seed"
SEEDS = sorted(SEED_DIR.glob("*.txt"))
pytestmark = pytest.mark.skipif(not SEEDS, reason="the seed article is not in data/seed/ (see data/seed/README.md)")


@pytest.fixture(scope="module")
def case():
    from gapline import api

    return api.case_from_paths(SEEDS)


def _events(case, **where):
    rows = case.events.to_dicts()
    return [r for r in rows if all(r[k] == v for k, v in where.items())]


def test_iraqi_denial_meets_the_militia_deployment(case):
    by_id = {r["event_id"]: r for r in case.events.iter_rows(named=True)}
    hits = []
    for f in case.flags.iter_rows(named=True):
        official = [by_id[i] for i in f["official_ids"]]
        other = [by_id[i] for i in f["other_ids"]]
        if any(e["country"] == "iraq" and e["stance"] == "deny" for e in official) and any(
            e["actor_id"] in {"abu_fadl_abbas", "khafaji"} for e in other
        ):
            hits.append((f, official, other))
    assert hits, "no flag pairs an Iraqi denial with the Abu al-Fadl al-Abbas deployment"
    f, official, other = hits[0]
    assert f["kind"] == "say_vs_do"
    assert all(e["text"] for e in official + other)


@pytest.mark.parametrize("actor_id", ["abu_suda", "shukur"])
def test_mps_deny(case, actor_id):
    stmts = _events(case, actor_id=actor_id, kind="statement")
    assert stmts and "deny" in {e["stance"] for e in stmts}


def test_on_wednesday_is_the_fourth(case):
    dated = [e for e in case.events.to_dicts() if e["date_text"] and "Wednesday" in e["date_text"]]
    assert dated and dated[0]["date_start"] == dt.date(2024, 12, 4) and dated[0]["date_precision"] == "day"
