"""Measure how flag computation scales with the number of events, next to pandas.

For each size (by default 1,000,000 and 10,000,000 events) the script generates an
events-with-propositions table (the columns the divergence rules read; see
:data:`divergence.flag.FLAG_INPUT`) and, each in a fresh process so that its peak
resident memory is its own:

* times ``flags_from_propositions`` with the say_vs_do rule alone
  (``deny_vs_affiliated_action.v1``), the rule the pandas version implements;
* times ``flags_from_propositions`` with all the default rules (say_vs_do, say_vs_say, reversal,
  contrary_framing);
* times a straightforward pandas implementation of the say_vs_do rule (``merge`` on the
  matter, the rule's conditions as filters, ``groupby`` into flags) on sizes up to
  ``--pandas-max``, and checks that it gives the same flags (ids, matters, scores, both
  sides' event ids) as polars.

The text-level step (reading matters, places and names out of each event's sentence) is
not timed: the table is generated with those columns already filled in, and written as
Parquet files (lz4) once per size, its names (actors, places, matters, stances) as codes
(``Categorical``, dictionary columns), as a table kept for analysis would hold them, or with
``--names text`` as text. polars is given a lazy scan of those files, so its time includes
reading the columns it needs (and, for names as text, coding them); pandas reads them into a
DataFrame, its names as text, before its clock starts. Peak memory is each process's maximum
resident set size, input included.

Run from the repository root::

    python benchmarks/bench_divergence.py
    python benchmarks/bench_divergence.py --sizes 100000,1000000 --seed 1 --pandas-max 1000000
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import polars as pl

if TYPE_CHECKING:
    import pandas as pd

# -- the generated world --------------------------------------------------------------------
ACTORS = 5_000  # of which the first BLOCS are the roots of the blocs, and the first STATES of those are states
BLOCS = 300
STATES = 100
REGIONS = 60  # places that are not states
MATTERS = 2_000  # the action classes gapline knows, then invented ones
YEARS = 5  # events fall in 2021-2025
DOC_SIZE = 20  # events per article
REAL = ["AGREE", "AID", "ASSAULT", "CONSULT", "FIGHT", "MOBILIZE", "REJECT", "REQUEST", "SECURE"]
MILITARY = ["ASSAULT", "FIGHT", "MOBILIZE"]
FRAMINGS = ["sponsor:state", "sponsor:private", "role:training", "role:combat", "recruitment:voluntary", "recruitment:ordered",
            "cargo:humanitarian", "cargo:military"]
STANCES = ["assert", "claim", "confirm", "deny", "threaten"]  # sorted, for np.searchsorted
SAY_CUES = ["said", "denied", "rejected", "dismissed", "claimed", "told reporters", "insisted", "confirmed", "warned"]
DO_CUES = ["deployed", "sent", "attacked", "shelled", "seized", "delivered", "shipped", "signed", "met", "requested",
           "launched", "moved", "fired", "struck", "trained", "supplied", "withdrew", "secured", "entered", "reinforced"]


def _zipf(rng: np.random.Generator, n: int, size: int, s: float) -> np.ndarray:
    """``size`` draws from 0..n-1 with weights 1/(rank+1)**s (s=0: uniform)."""
    w = 1.0 / np.arange(1, n + 1) ** s
    return rng.choice(n, size=size, p=w / w.sum())


def _strings(codes: np.ndarray, vocab: list[str]) -> pl.Series:
    """Codes into a vocabulary as strings; -1 is null. A 2-d array gives a list column without the nulls."""
    flat = pl.Series(codes.ravel(), dtype=pl.Int64)
    out = pl.Series(vocab, dtype=pl.String).gather(pl.select(pl.when(flat >= 0).then(flat)).to_series())
    if codes.ndim == 1:
        return out
    return out.reshape(codes.shape).cast(pl.List(pl.String)).list.drop_nulls()


def _sorted_set(codes: np.ndarray) -> np.ndarray:
    """Each row sorted, repeats and -1 moved out as -1 at the end."""
    x = np.sort(np.where(codes < 0, np.iinfo(np.int64).max, codes), axis=1)
    x[:, 1:][x[:, 1:] == x[:, :-1]] = np.iinfo(np.int64).max
    x = np.sort(x, axis=1)
    return np.where(x == np.iinfo(np.int64).max, -1, x)


class World(NamedTuple):
    """The actors, places and matters events are drawn from (the same for the same seed)."""

    bloc_of: np.ndarray
    country_of: np.ndarray
    official: np.ndarray
    activity: np.ndarray
    ids: list[str]
    names: list[str]
    id_rank: np.ndarray  # an actor's position among the sorted ids, so sorted codes are sorted strings
    sorted_ids: list[str]
    places: list[str]
    matters: list[str]
    military: np.ndarray


def world(seed: int = 0) -> World:
    """5,000 actors in 300 blocs, 100 of them states (each its own bloc, with 60% of the other
    actors: ministries, forces, office holders, 80% of them official); 200 non-state blocs,
    70% of them based in a state. Activity falls off as 1/rank**0.6 over the actors."""
    rng = np.random.default_rng([seed, 0])
    idx = np.arange(ACTORS)
    others = ACTORS - BLOCS
    bloc_of = np.concatenate([np.arange(BLOCS), np.where(rng.random(others) < 0.6, rng.integers(0, STATES, others),
                                                         rng.integers(STATES, BLOCS, others))])
    bloc_home = np.where(np.arange(BLOCS) < STATES, np.arange(BLOCS), rng.integers(0, STATES, BLOCS))
    bloc_home[(np.arange(BLOCS) >= STATES) & (rng.random(BLOCS) < 0.3)] = -1
    activity = np.empty(ACTORS)
    activity[rng.permutation(ACTORS)] = 1.0 / np.arange(1, ACTORS + 1) ** 0.6
    ids = [f"st{i:03d}" if i < STATES else f"bl{i:03d}" if i < BLOCS else f"ac{i:04d}" for i in idx]
    order = np.argsort(ids)
    id_rank = np.empty(ACTORS, dtype=np.int64)
    id_rank[order] = idx
    matters = REAL + [f"MATTER_{i:04d}" for i in range(len(REAL), MATTERS)]
    return World(
        bloc_of=bloc_of,
        country_of=bloc_home[bloc_of],
        official=(bloc_of < STATES) & (rng.random(ACTORS) < 0.8),
        activity=activity / activity.sum(),
        ids=ids,
        names=[f"Government of Land {i:03d}" if i < STATES else f"Actor {i:04d}" for i in idx],
        id_rank=id_rank,
        sorted_ids=[ids[i] for i in order],
        places=[f"Land {i:03d}" for i in range(STATES)] + [f"Region {i:02d}" for i in range(REGIONS)],
        matters=matters,
        military=np.isin(np.arange(MATTERS), [matters.index(m) for m in MILITARY]),
    )


def generated_events(n: int, *, seed: int = 0, first: int = 0, w: World | None = None) -> pl.DataFrame:
    """``n`` events (numbered from ``first``) with their propositions, the same for the same seed.

    70% of events are statements (stances: 45% assert, 15% deny, 20% claim, 8% threaten,
    12% confirm; 3% characterise what they speak of with one side of a framing), 30% reported deeds; officials speak three times as often as others. A
    matter is, half the time, one of the 100 on its bloc's agenda, else one of 2,000 with
    popularity 1/rank**0.6; 15% of events have a second matter. Dates are uniform over five
    years, to the day (55%), week (25%), month (15%) or year (5%). A deed happens in its
    actor's state half the time, else in a hot spot; statements name 0-3 actors (and so
    their blocs and states), a deed's report names one a fifth of the time.
    """
    w = w or world(seed)
    rng = np.random.default_rng([seed, 1, first])
    bloc_of, country_of, official, activity, ids, id_rank = w.bloc_of, w.country_of, w.official, w.activity, w.ids, w.id_rank
    # -- who speaks or acts
    statement = rng.random(n) < 0.7
    speak = activity * np.where(official, 3.0, 1.0)
    who = np.where(statement, rng.choice(ACTORS, n, p=speak / speak.sum()), rng.choice(ACTORS, n, p=activity))
    u = rng.random(n)
    stance = np.select([u < 0.45, u < 0.60, u < 0.80, u < 0.88], ["assert", "deny", "claim", "threaten"], "confirm")
    negative = (statement & (stance == "deny")) | (rng.random(n) < 0.05)

    # -- matters: the bloc's agenda or the global ranking
    agenda = (bloc_of[who] * 37 + rng.integers(0, 100, n)) % MATTERS
    m1 = np.where(rng.random(n) < 0.5, agenda, _zipf(rng, MATTERS, n, 0.6))
    m1[statement & (rng.random(n) < 0.05)] = -1
    m2 = np.where(rng.random(n) < 0.15, _zipf(rng, MATTERS, n, 0.6), -1)
    is_military = (w.military[np.maximum(m1, 0)] & (m1 >= 0)) | (w.military[np.maximum(m2, 0)] & (m2 >= 0))

    # -- dates
    day = np.datetime64("2021-01-01") + rng.integers(0, YEARS * 365, n).astype("timedelta64[D]")
    u = rng.random(n)
    precision = np.select([u < 0.55, u < 0.80, u < 0.95], ["day", "week", "month"], "year")
    month, year = day.astype("datetime64[M]"), day.astype("datetime64[Y]")
    one = np.timedelta64(1, "D")
    first_day = [month.astype("datetime64[D]"), year.astype("datetime64[D]")]
    start = np.select([precision == "month", precision == "year"], first_day, day)
    end = np.select([precision == "week", precision == "month", precision == "year"],
                    [day + 6 * one, (month + 1).astype("datetime64[D]") - one, (year + 1).astype("datetime64[D]") - one], day)

    # -- places: a deed at home half the time, else in a hot spot; statements name up to two
    hot = _zipf(rng, STATES + REGIONS, n, 1.1)
    place = np.where((country_of[who] >= 0) & (rng.random(n) < 0.5), country_of[who], hot)
    place[rng.random(n) < 0.1] = -1
    place[statement & (rng.random(n) < 0.4)] = -1
    p2 = np.where(statement & (rng.random(n) < 0.25), _zipf(rng, STATES + REGIONS, n, 1.1), -1)

    # -- names: statements name up to three actors, a deed's report sometimes one; with each,
    # its bloc and state
    cols = []
    for share in (0.6, 0.3, 0.1):
        x = np.where(rng.random(n) < 0.5, rng.integers(0, ACTORS, n), rng.choice(ACTORS, n, p=activity))
        x = np.where(rng.random(n) < np.where(statement, share, 0.2 if share == 0.6 else 0.0), x, -1)
        ok, c = x >= 0, country_of[np.maximum(x, 0)]
        cols += [np.where(ok, id_rank[np.maximum(x, 0)], -1), np.where(ok, id_rank[bloc_of[np.maximum(x, 0)]], -1),
                 np.where(ok & (c >= 0), id_rank[np.maximum(c, 0)], -1)]
    named = _sorted_set(np.stack(cols, axis=1))
    # a state named only as a place is not a subject ("troops in Syria")
    as_place = [np.where((p >= 0) & (p < STATES), id_rank[np.clip(p, 0, STATES - 1)], -2)[:, None] for p in (place, p2)]
    subjects = _sorted_set(np.where((named == as_place[0]) | (named == as_place[1]), -1, named))

    chain = np.stack([np.arange(ACTORS), np.where(bloc_of == np.arange(ACTORS), -1, bloc_of)], axis=1)[who]
    u = rng.random(n)
    certainty = np.where(statement, np.where(stance == "claim", 0.75, 1.0), np.select([u < 0.2, u < 0.8], [1.0, 0.9], 0.75))
    # -- framings: 3% of statements characterise what they speak of, one side of one framing
    framing = np.where(statement & (rng.random(n) < 0.03), rng.integers(0, len(FRAMINGS), n), -1)
    number = np.arange(first, first + n)
    return pl.DataFrame({
        "event_id": (pl.Series(number).hash(seed) % 10**16).cast(pl.String).str.zfill(16),
        "doc_id": (pl.Series(number // DOC_SIZE).hash(seed + 1) % 10**16).cast(pl.String).str.zfill(16),
        "sentence": pl.Series(number % DOC_SIZE, dtype=pl.Int32),
        "kind": _strings(np.where(statement, 0, 1), ["statement", "action"]),
        "actor": _strings(who, w.names),
        "actor_id": _strings(who, ids),
        "official": official[who],
        "bloc": _strings(bloc_of[who], ids),
        "country": _strings(country_of[who], ids).fill_null(""),
        "chain": _strings(chain, ids),
        "stance": _strings(np.where(statement, np.searchsorted(STANCES, stance), -1), STANCES),
        "polarity": _strings(negative.astype(np.int64), ["positive", "negative"]),
        "cue": _strings(np.where(statement, rng.integers(0, len(SAY_CUES), n), len(SAY_CUES) + rng.integers(0, len(DO_CUES), n)),
                        SAY_CUES + DO_CUES),
        "action_class": _strings(np.where(statement, -1, m1), w.matters),
        "place": _strings(np.where(statement, -1, place), w.places),
        "date_start": pl.Series(start).cast(pl.Date),
        "date_end": pl.Series(end).cast(pl.Date),
        "date_precision": pl.Series(precision),
        "matters": _matter_lists(np.stack([m1, m2], axis=1), w.matters),
        "places": _strings(_sorted_set(np.stack([place, p2], axis=1)), w.places),
        "military": is_military,
        "named": _strings(named, w.sorted_ids),
        "subjects": _strings(subjects, w.sorted_ids),
        "country_place": _strings(np.where(country_of[who] < STATES, country_of[who], -1), w.places),
        "certainty": certainty,
        "framings": _strings(framing[:, None], FRAMINGS),
    })


def write_events(n: int, folder: Path, *, seed: int = 0, chunk: int = 1_000_000, names: str = "codes") -> list[Path]:
    """Generate ``n`` events a chunk at a time into Parquet files under ``folder``, the names as codes
    (:func:`divergence.flag.names_as_codes`: dictionary columns) or as ``"text"``."""
    from divergence.flag import names_as_codes

    folder.mkdir(parents=True, exist_ok=True)
    w = world(seed)
    paths = []
    for first in range(0, n, chunk):
        path = folder / f"events-{first // chunk:04d}.parquet"
        events = generated_events(min(chunk, n - first), seed=seed, first=first, w=w)
        if names == "codes":
            events = names_as_codes(events)
        events.write_parquet(path, compression="lz4")
        paths.append(path)
    return paths


def _matter_lists(pair: np.ndarray, matters: list[str]) -> pl.Series:
    """Matter codes as sorted lists of their names, without repeats."""
    pair = _sorted_set(pair)
    order = np.argsort(matters)
    rank = np.empty(len(matters), dtype=np.int64)
    rank[order] = np.arange(len(matters))
    ranked = np.sort(np.where(pair >= 0, rank[np.maximum(pair, 0)], np.iinfo(np.int64).max), axis=1)
    return _strings(np.where(ranked == np.iinfo(np.int64).max, -1, ranked), [matters[i] for i in order])


# -- the pandas version of the say_vs_do rule -------------------------------------------------
PANDAS_COLUMNS = ["event_id", "kind", "stance", "official", "actor_id", "bloc", "country", "country_place", "place", "places",
                  "matters", "military", "action_class", "named", "doc_id", "sentence", "date_start", "date_end", "certainty"]


def pandas_say_vs_do(ev: pd.DataFrame, settings) -> tuple[pd.DataFrame, int]:
    """``deny_vs_affiliated_action.v1`` and its grouping into flags, written the plain pandas way:
    one ``merge`` of official denials and deeds on the matter, the rule's conditions as filters
    (the cheap column comparisons first, list look-ups in comprehensions on what is left), one
    ``groupby`` into flags. Gives the flags (flag_id, matter, score, official_ids, other_ids; no
    explanation) and the number of pairs. Written for the generated table: no missing dates,
    ids or blocs."""
    import hashlib

    import pandas as pd

    def each(fn, *cols) -> pd.Series:
        return pd.Series([fn(*row) for row in zip(*(p[c] for c in cols))], index=p.index, dtype=bool)

    armed = ["MOBILIZE", "ASSAULT", "FIGHT"]
    cols = ["event_id", "actor_id", "bloc", "country", "date_start", "date_end", "places", "doc_id", "sentence", "named"]
    denials = (ev["kind"] == "statement") & (ev["stance"] == "deny") & ev["official"]
    den = ev.loc[denials, cols + ["country_place", "matters", "military"]]
    act = ev.loc[ev["kind"] == "action", cols + ["place", "action_class", "military", "certainty", "official"]]
    d = den.add_prefix("d_").explode("d_matters")
    d = d[d["d_matters"].notna()]
    d["matter"] = d["d_matters"].where(~(d["d_military"] & d["d_matters"].isin(armed)), "armed involvement")
    d = d.drop_duplicates(["d_event_id", "matter"]).drop(columns=["d_matters", "d_military"])
    a = act.add_prefix("a_")
    a = a[a["a_action_class"].notna()]
    a["matter"] = a["a_action_class"].where(~(a["a_military"] & a["a_action_class"].isin(armed)), "armed involvement")
    p = d.merge(a, on="matter")
    later = p[["d_date_start", "a_date_start"]].max(axis=1)
    earlier = p[["d_date_end", "a_date_end"]].min(axis=1)
    p["gap_days"] = (later - earlier).dt.days.clip(lower=0)
    p = p[(p["gap_days"] <= settings.window_days) & ((p["d_doc_id"] != p["a_doc_id"]) | (p["d_sentence"] != p["a_sentence"]))]
    same_state = (p["d_country"] != "") & (p["d_country"] == p["a_country"])
    same_bloc = p["d_bloc"] == p["a_bloc"]
    named = each(lambda x, n: x in set(n), "a_actor_id", "d_named")
    names_others = each(lambda n, c, b, i: len(set(n) - {c, b, i}) > 0, "d_named", "d_country", "d_bloc", "d_actor_id")
    names_doer = each(lambda n, c, b: c in set(n) or b in set(n), "d_named", "a_country", "a_bloc")
    on_soil = (p["d_country"] != "") & (p["a_place"] == p["d_country_place"]) & (names_doer | ~names_others & ~p["a_official"])
    places_ok = each(lambda x, y: len(x) == 0 or len(y) == 0 or bool(set(x) & set(y)), "d_places", "a_places")
    keep = (same_state | same_bloc | named | on_soil) & places_ok
    p, same_bloc, named, on_soil = p[keep], same_bloc[keep], named[keep], on_soil[keep]
    tied = each(lambda n, i, b: i in set(n) or b in set(n), "a_named", "d_actor_id", "d_bloc")
    link = np.select([same_bloc, tied | named, on_soil], [1.0, 0.9, 0.8], 0.7)
    directness = np.where(p["matter"] == "armed involvement", 0.9, 1.0)
    score = (settings.w_official * 1.0 + settings.w_link * link
             + settings.w_time * (1 - p["gap_days"] / max(settings.window_days, 1)).clip(0, 1) + settings.w_matter * directness)
    p = p.assign(pair_score=score * (0.6 + 0.4 * p["a_certainty"]),
                 at=p[["d_date_start", "a_date_start"]].min(axis=1))
    # a new episode where a pair comes more than the window after the one before it in its group
    key = ["d_bloc", "matter", "a_bloc"]
    p = p.sort_values([*key, "at"])
    p["episode"] = (p.groupby(key)["at"].diff().dt.days > settings.window_days).groupby([p[k] for k in key]).cumsum()
    flags = p.groupby([*key, "episode"]).agg(
        official_ids=("d_event_id", lambda s: sorted(set(s))),
        other_ids=("a_event_id", lambda s: sorted(set(s))),
        best=("pair_score", "max"),
        docs=("a_doc_id", "nunique"),
    ).reset_index()
    rule = "deny_vs_affiliated_action.v1"
    flags["flag_id"] = [hashlib.sha1("|".join([rule, *o, "/", *x]).encode()).hexdigest()[:12]
                        for o, x in zip(flags["official_ids"], flags["other_ids"])]
    flags["score"] = [round(min(b + min(n - 1, 3) * 0.02, 1.0), 3) for b, n in zip(flags["best"], flags["docs"])]
    return flags[["flag_id", "matter", "score", "official_ids", "other_ids"]], len(p)


# -- running --------------------------------------------------------------------------------
SAY_VS_DO = "deny_vs_affiliated_action.v1"


def _peak_rss() -> int:
    """Peak resident memory of this process, in bytes (Linux reports KiB)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _worker(kind: str, folder: Path, rules: list[str], out: Path) -> None:
    """One timed run in this (fresh) process; the result goes to ``out`` as JSON."""
    import json
    import time

    from divergence.flag import flags_from_propositions
    from divergence.rules import RULES, Settings

    files = sorted(str(p) for p in folder.glob("*.parquet"))
    result = {"kind": kind, "rules": rules}
    if kind == "polars":
        start_rss = _peak_rss()
        t = time.perf_counter()
        flags = flags_from_propositions(pl.scan_parquet(files), settings=Settings(), rules=rules)
        result["seconds"] = time.perf_counter() - t
        result["flags"] = flags.height
        if rules == [SAY_VS_DO]:
            flags.select("flag_id", "matter", "score", "official_ids", "other_ids").write_parquet(out.with_suffix(".parquet"))
            result["flags_file"] = str(out.with_suffix(".parquet"))
        result["start_rss"] = start_rss
    elif kind == "pairs":
        result["pairs"] = {name: RULES[name][1](pl.scan_parquet(files), Settings()).height for name in rules}
    elif kind == "pandas":
        import pandas as pd

        t = time.perf_counter()
        ev = pd.read_parquet(files, columns=PANDAS_COLUMNS)
        for c in ev.columns:  # names stored as codes come as pandas categoricals: as text, as the plain version has them
            if isinstance(ev[c].dtype, pd.CategoricalDtype):
                ev[c] = ev[c].astype("str")
        for c in ("date_start", "date_end"):
            ev[c] = pd.to_datetime(ev[c])
        result["load_seconds"] = time.perf_counter() - t
        result["start_rss"] = _peak_rss()
        t = time.perf_counter()
        flags, pairs = pandas_say_vs_do(ev, Settings())
        result["seconds"] = time.perf_counter() - t
        result["flags"], result["pairs"] = len(flags), pairs
        pl.from_pandas(flags).write_parquet(out.with_suffix(".parquet"))
        result["flags_file"] = str(out.with_suffix(".parquet"))
    result["peak_rss"] = _peak_rss()
    out.write_text(json.dumps(result))


def _best(kind: str, folder: Path, rules: list[str], work: Path, timeout: float | None, repeat: int) -> dict:
    """The fastest of ``repeat`` runs of a worker, each in a fresh process."""
    runs = [_run(kind, folder, rules, work, timeout) for _ in range(repeat)]
    timed = [r for r in runs if "seconds" in r]
    return min(timed, key=lambda r: r["seconds"]) if timed else runs[0]


def _run(kind: str, folder: Path, rules: list[str], work: Path, timeout: float | None) -> dict:
    """Run a worker in a fresh process; its result, or why there is none."""
    import json
    import subprocess
    import sys

    out = work / f"{kind}-{'+'.join(rules)}-{folder.name}.json"
    cmd = [sys.executable, __file__, "--worker", kind, "--folder", str(folder), "--rules", ",".join(rules), "--out", str(out)]
    try:
        proc = subprocess.run(cmd, timeout=timeout, capture_output=True, text=True)
    except subprocess.TimeoutExpired:
        return {"kind": kind, "error": f"stopped after {timeout:.0f} s"}
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or [f"exit code {proc.returncode}"])[-1]
        return {"kind": kind, "error": last if proc.returncode > 0 else f"killed (signal {-proc.returncode})"}
    return json.loads(out.read_text())


def _same_flags(polars_result: dict, pandas_result: dict) -> str:
    """Whether pandas and polars gave the same say_vs_do flags (ids, matters, scores, both sides)."""
    a = pl.read_parquet(polars_result["flags_file"]).sort("flag_id")
    b = pl.read_parquet(pandas_result["flags_file"]).sort("flag_id")
    if a.height != b.height:
        return f"no ({a.height} vs {b.height})"
    b = b.select(pl.col(c).cast(a.schema[c]) for c in a.columns)
    return "yes" if a.equals(b) else "no (same count)"


def _generate(n: int, folder: Path, seed: int, names: str, timeout: float | None) -> None:
    """The table of ``n`` events under ``folder``, generated in a fresh process unless it is there."""
    import json
    import subprocess
    import sys

    marker = folder / "generated.json"
    if marker.exists() and json.loads(marker.read_text()) == {"n": n, "seed": seed, "names": names}:
        return
    for old in folder.glob("*.parquet"):
        old.unlink()
    cmd = [sys.executable, __file__, "--worker", "generate", "--folder", str(folder), "--n", str(n), "--seed", str(seed),
           "--names", names]
    subprocess.run(cmd, check=True, timeout=timeout)
    marker.write_text(json.dumps({"n": n, "seed": seed, "names": names}))


def _cpu() -> str:
    import platform

    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _gb(n: float | None) -> str:
    return "-" if n is None else f"{n / 1e9:.2f} GB"


def print_table(rows: list[dict]) -> None:
    head = ["events", "rules", "pairs", "flags", "polars s", "polars peak RSS", "pandas s", "pandas peak RSS", "speed-up",
            "same flags"]
    lines = []
    for r in rows:
        pol, pan = r["polars"], r.get("pandas") or {}
        lines.append([
            f"{r['events']:,}", r["label"], f"{r['pairs']:,}" if r.get("pairs") is not None else "-",
            f"{pol['flags']:,}" if "flags" in pol else "-",
            f"{pol['seconds']:.2f}" if "seconds" in pol else pol.get("error", "-"), _gb(pol.get("peak_rss")),
            f"{pan['seconds']:.2f}" if "seconds" in pan else pan.get("error", "-"), _gb(pan.get("peak_rss")),
            f"{pan['seconds'] / pol['seconds']:.1f}x" if "seconds" in pan and "seconds" in pol else "-",
            r.get("same", "-"),
        ])
    widths = [max(len(str(x)) for x in col) for col in zip(head, *lines)]
    for i, line in enumerate([head, *lines]):
        print("  ".join(str(x).ljust(w) if j == 1 else str(x).rjust(w) for j, (x, w) in enumerate(zip(line, widths))))
        if i == 0:
            print("  ".join("-" * w for w in widths))


def main(argv: list[str] | None = None) -> int:
    import argparse
    import json
    import os
    import platform
    import shutil
    import sys
    import tempfile

    from divergence.flag import DEFAULT_RULES

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000000,10000000", help="numbers of events, comma-separated")
    ap.add_argument("--seed", type=int, default=0, help="seed for the generated tables")
    ap.add_argument("--pandas-max", type=int, default=1_000_000, help="largest size the pandas version runs on")
    ap.add_argument("--pandas-timeout", type=float, default=1800, help="seconds after which a pandas run is stopped")
    ap.add_argument("--repeat", type=int, default=1, help="timed runs of each measurement; the fastest is reported")
    ap.add_argument("--names", choices=["codes", "text"], default="codes",
                    help="store the names of the generated tables as codes (Categorical, Parquet dictionary columns) or as text")
    ap.add_argument("--data", type=Path, help="folder to keep the generated tables in (reused when present)")
    ap.add_argument("--json", action="store_true", help="print the results as JSON instead of a table")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--rules", help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--n", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker == "generate":
        write_events(args.n, args.folder, seed=args.seed, names=args.names)
        return 0
    if args.worker:
        _worker(args.worker, args.folder, args.rules.split(","), args.out)
        return 0

    sizes = [int(x) for x in args.sizes.split(",")]
    data = args.data or Path(tempfile.mkdtemp(prefix="gapline-bench-divergence-"))
    work = Path(tempfile.mkdtemp(prefix="gapline-bench-results-"))
    if not args.json:
        import pandas as pd

        print(f"# {_cpu()}, {os.cpu_count()} cores, Python {platform.python_version()}, polars {pl.__version__}, "
              f"pandas {pd.__version__}, seed {args.seed}, names as {args.names}")
    rows = []
    try:
        for n in sizes:
            folder = data / (f"events-{n}" if args.names == "codes" else f"events-{n}-text")
            _generate(n, folder, args.seed, args.names, None)
            pairs = _run("pairs", folder, list(DEFAULT_RULES), work, None).get("pairs", {})
            say = {"events": n, "label": "say_vs_do", "pairs": pairs.get(SAY_VS_DO),
                   "polars": _best("polars", folder, [SAY_VS_DO], work, None, args.repeat)}
            if n <= args.pandas_max:
                say["pandas"] = _best("pandas", folder, [SAY_VS_DO], work, args.pandas_timeout, args.repeat)
                if "flags_file" in say["pandas"] and "flags_file" in say["polars"]:
                    say["same"] = _same_flags(say["polars"], say["pandas"])
            else:
                say["pandas"] = {"error": "not run"}
            both = {"events": n, "label": f"all ({len(DEFAULT_RULES)} rules)", "pairs": sum(pairs.values()) if pairs else None,
                    "polars": _best("polars", folder, list(DEFAULT_RULES), work, None, args.repeat)}
            rows += [say, both]
            if not args.json:
                print(f"# {n:,} events done", file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if args.data is None:
            shutil.rmtree(data, ignore_errors=True)
    if args.json:
        print(json.dumps(rows, indent=2, default=str))
    else:
        print_table(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
