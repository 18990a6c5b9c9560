"""Measure how fast gapline extracts events from articles.

For each article set (the dev corpus, if present, and N generated articles) it times:

* ``extract_events(..., workers=1)``: in this process;
* ``extract_events(..., workers=W)``: extraction's own parallel path, which sends chunks of
  documents to W spawned worker processes; its time includes starting them, as every call
  pays that;
* ``dateparser.search.search_dates`` alone on the same texts (one process), the
  nearest peer for the date part of extraction.

Each measurement is warmed up once (registry, lexicon and dateparser loaded here), then
timed with ``time.perf_counter``; with
``--repeat R`` the best of R runs is reported. The generated articles are built from
templates in this file (deterministic for a given ``--seed``), using actor names from
the built-in registry plus invented people.

Run from the repository root::

    python benchmarks/bench_extract.py
    python benchmarks/bench_extract.py --generated 200 --workers 2 --repeat 3 --json
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import sys
import time
from pathlib import Path

import polars as pl
from dateparser.search import search_dates

from timeline.actors import load_registry
from timeline.extract import extract_events
from timeline.ingest import read_articles
from timeline.schema import DOCUMENTS

DEFAULT_CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "dev"

LEDES = [
    "{official} {when} denied reports that {militia} fighters had crossed into {place}.",
    "{militia} announced {when} that it would deploy several hundred fighters to {place} "
    "to secure the road to {place2}.",
    "{ministry} warned {when} that any attack on its forces near {place} would be met with a firm response.",
    "{person} said {when} that the government had not authorised any foreign troops to operate in {place}.",
    "{militia} threatened {when} to attack {place} if the authorities did not release its detained members.",
]
BODY = [
    '"{deny}," {role} {name} told reporters in {place2} {when}.',
    '{role} {name} said: "{warn}."',
    "According to a statement published {when}, {official} rejected the accusations as baseless.",
    "Local residents said armed men had set up checkpoints around {place} {when}.",
    "Fighters loyal to {militia} have been accused of shelling villages near {place} since {year}.",
    "In {year}, {official} signed an agreement allowing foreign advisers to train its troops.",
    "{name}, a spokesperson for {militia}, claimed {when} that the group had seized two army positions.",
    "{official} confirmed {when} that {number} soldiers had been withdrawn from {place}.",
    '"{threat}," said {name}, a commander of {militia}.',
    "Analysts said the move could deepen tensions between {official} and {militia}.",
    "In {year}, {official} denied supplying weapons to {militia}, despite a UN report that said otherwise.",
    "{ministry} said in a statement {when} that it was monitoring the situation and urged citizens to stay calm.",
    "The security committee of parliament is expected to discuss the deployment {later}.",
    "Diplomats said {when} that talks between {official} and {official2} had stalled over the withdrawal timetable.",
    '{person} told a news conference {when} that "{claim}."',
    "The fighting has displaced more than {number} people since {year}, according to aid agencies.",
    "Clashes in {place} killed at least {few} people {when}, a security source said.",
    "Neither {official} nor {militia} responded to requests for comment.",
    "{role} {name} insisted {when} that the army had never coordinated with {militia}.",
    "Witnesses reported convoys of pickup trucks moving towards {place} {when}.",
    "{official} said it would open an investigation into the killing of {few} civilians near {place}.",
    '"{warn}," {ministry} said in a statement {when}, without naming {militia}.',
]
QUOTES = {
    "deny": ["We have never invited any foreign forces onto our soil",
             "These reports are false and part of a disinformation campaign",
             "There is no agreement of any kind, and there never was one"],
    "warn": ["Anyone who threatens the security of our citizens will pay a heavy price",
             "We will not allow armed groups to act outside the law",
             "The situation remains dangerous and we urge all sides to show restraint"],
    "threat": ["Our fighters are ready to defend our people wherever necessary",
               "If the attacks continue, we will respond with every means at our disposal"],
    "claim": ["the army is fully in control of the border",
              "the security forces will stay in the city until order is restored",
              "no foreign troops have entered the country"],
}
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
FIRST = ["Samir", "Adnan", "Leila", "Omar", "Fatima", "Hassan", "Mariam", "Youssef", "Amadou", "Aminata", "Karim",
         "Nadia"]
LAST = ["Haddad", "al-Jubouri", "Qasim", "Traore", "Diallo", "Mansour", "al-Obeidi", "Kone", "Saleh", "Rahimi"]
ROLES = ["Interior Minister", "Defence Minister", "government spokesman", "MP", "Colonel", "General", "lawmaker"]
PLACES = ["Baghdad", "Mosul", "Kirkuk", "Anbar", "Erbil", "Deir ez-Zor", "Idlib", "Bamako", "Gao", "Timbuktu", "Mopti"]


def _when(rng: random.Random, published: dt.date) -> str:
    forms = [lambda: f"on {rng.choice(WEEKDAYS)}", lambda: f"late on {rng.choice(WEEKDAYS)}",
             lambda: f"in {rng.randint(2014, published.year)}", lambda: f"on {rng.randint(1, 28)} {rng.choice(MONTHS)}",
             lambda: f"on {rng.choice(MONTHS)} {rng.randint(1, 28)}", lambda: "last week", lambda: "last month",
             lambda: "earlier this week", lambda: "yesterday", lambda: "two days ago"]
    return rng.choice(forms)()


def _fill(rng: random.Random, pools: dict[str, list[str]], published: dt.date) -> dict[str, str]:
    pick = rng.choice
    return {
        "official": pick(pools["official"]), "official2": pick(pools["official"]), "ministry": pick(pools["ministry"]),
        "militia": pick(pools["militia"]), "person": pick(pools["person"]), "role": pick(ROLES),
        "name": f"{pick(FIRST)} {pick(LAST)}", "place": pick(PLACES), "place2": pick(PLACES),
        "when": _when(rng, published), "later": pick(["next week", "on Sunday", "later this month"]),
        "year": str(rng.randint(2012, published.year)), "number": f"{rng.randint(2, 90) * 100:,}",
        "few": str(rng.randint(3, 40)), **{k: pick(v) for k, v in QUOTES.items()},
    }


def _sentence(rng: random.Random, templates: list[str], pools: dict[str, list[str]], published: dt.date) -> str:
    s = rng.choice(templates).format(**_fill(rng, pools, published))
    return s[0].upper() + s[1:]


def generated_documents(n: int, seed: int = 0) -> pl.DataFrame:
    """N template articles of 300-800 words each, as a DOCUMENTS frame."""
    rng = random.Random(seed)
    actors = list(load_registry().by_id.values())
    pools = {
        "official": [f"the {a.name}" if " " in a.name else a.name for a in actors
                     if a.kind in {"government", "parliament", "military", "intl_org"}],
        "ministry": [f"the {a.name}" for a in actors if a.kind == "ministry"],
        "militia": [a.name for a in actors if a.kind in {"militia", "armed_group"}],
        "person": [a.name for a in actors if a.kind == "person"]
        + [f"{r} {f} {last}" for r in ROLES for f in FIRST[:3] for last in LAST[:3]],
    }
    rows = []
    for i in range(n):
        published = dt.date(2018, 1, 1) + dt.timedelta(days=rng.randrange(7 * 365))
        target = rng.randint(300, 760)
        paragraphs = [_sentence(rng, LEDES, pools, published)]
        words = len(paragraphs[0].split())
        while words < target:
            para = " ".join(_sentence(rng, BODY, pools, published) for _ in range(rng.randint(1, 3)))
            if words + len(para.split()) <= 800:
                paragraphs.append(para)
                words += len(para.split())
        body = "\n\n".join(paragraphs) + "\n"
        rows.append({"doc_id": hashlib.sha256(body.encode()).hexdigest()[:16], "path": f"generated/{i:04d}.txt",
                     "title": paragraphs[0].split(",")[0][:80], "outlet": "generated", "url": "",
                     "published": published, "body": body})
    return pl.DataFrame(rows, schema=DOCUMENTS)


def _dates(docs: pl.DataFrame) -> int:
    found = 0
    for body, published in zip(docs["body"], docs["published"]):
        settings = {"RELATIVE_BASE": dt.datetime.combine(published, dt.time())} if published else {}
        found += len(search_dates(body, languages=["en"], settings=settings) or [])
    return found


def _best(run, repeat: int) -> tuple[float, int]:
    times, found = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        found = run()
        times.append(time.perf_counter() - start)
    return min(times), found


def bench(name: str, docs: pl.DataFrame, workers: int, repeat: int) -> list[dict]:
    registry = load_registry()
    extract_events(docs.head(1), registry=registry, workers=1)
    _dates(docs.head(1))
    runs = [
        ("extract_events", 1, lambda: extract_events(docs, registry=registry, workers=1).height),
        ("extract_events", workers, lambda: extract_events(docs, registry=registry, workers=workers).height),
        ("dateparser.search_dates", 1, lambda: _dates(docs)),
    ]
    words = sum(len(b.split()) for b in docs["body"])
    out = []
    for method, procs, run in runs:
        seconds, found = _best(run, repeat)
        out.append({"set": name, "method": method, "processes": procs, "articles": docs.height, "words": words,
                    "seconds": round(seconds, 4), "articles_per_s": round(docs.height / seconds, 1),
                    "words_per_s": round(words / seconds), "found": found,
                    "found_what": "dates" if method.startswith("dateparser") else "events"})
    return out


def machine() -> str:
    """The processor's name, the number of cores and the versions that matter to the times."""
    import platform

    import dateparser

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, polars {pl.__version__}, "
            f"dateparser {dateparser.__version__}")


def print_table(results: list[dict]) -> None:
    head = ["set", "method", "procs", "articles", "words", "seconds", "articles/s", "words/s", "found"]
    rows = [[r["set"], r["method"], r["processes"], r["articles"], r["words"], f"{r['seconds']:.3f}",
             f"{r['articles_per_s']:.1f}", f"{r['words_per_s']:,}", f"{r['found']} {r['found_what']}"] for r in results]
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows)]
    for i, row in enumerate([head, *rows]):
        print("  ".join(str(x).ljust(w) if j < 2 else str(x).rjust(w) for j, (x, w) in enumerate(zip(row, widths))))
        if i == 0:
            print("  ".join("-" * w for w in widths))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--generated", type=int, default=1000, help="number of generated articles (0 to skip)")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of real articles")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes for the parallel run")
    ap.add_argument("--repeat", type=int, default=1, help="timed runs per measurement; the best is reported")
    ap.add_argument("--seed", type=int, default=0, help="seed for the generated articles")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    args = ap.parse_args(argv)

    sets = []
    corpus = args.corpus.resolve()
    if corpus.is_dir():
        sets.append(("dev corpus", read_articles([corpus], on_error="skip").documents))
    else:
        print(f"corpus folder {corpus} not found; continuing with the generated articles", file=sys.stderr)
    if args.generated > 0:
        sets.append((f"generated ({args.generated})", generated_documents(args.generated, args.seed)))

    results = []
    for name, docs in sets:
        if docs.height:
            results += bench(name, docs, args.workers, max(1, args.repeat))
    if args.json:
        print(json.dumps({"workers": args.workers, "cpu_count": os.cpu_count(), "machine": machine(), "results": results},
                         indent=2))
    else:
        print(f"# {machine()}, seed {args.seed}")
        print_table(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
