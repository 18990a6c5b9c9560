"""What an event is about: its matter, as action classes, places and the actors it names.

Stage contract: :func:`propositions` requires an EVENTS frame and adds

- ``matters`` (list[str]): the action classes its sentence speaks of;
- ``places`` (list[str]): the places its sentence names (demonyms left out);
- ``military`` (bool): a matter is armed involvement;
- ``named`` (list[str]): the actors its sentence names, with their blocs and states;
- ``subjects`` (list[str]): the same, less the states it names only as places;
- ``country_place`` (str): the gazetteer name of the actor's state;
- ``certainty`` (float): 1.0 for a statement or a deed its doer announces, 0.9 for a deed
  reported plainly, 0.75 for a hedged, second-hand or anonymously sourced one;
- ``where`` (list[str]): the places it names as places, for wording ("in Syria"); a state that acts
  ("Baghdad said") is left out here though ``places`` keeps it for matching;
- ``framings`` (list[str]): for a statement, how its sentence characterises the situation, as
  ``framing:side`` ("sponsor:state" for "a state-to-state partnership"), from the framings of
  ``data/lexicons/actions_en.yaml``; empty for an action.

An event without a ``chain`` gets its actor and bloc as one. A statement's content goes
through the same taxonomy as a reported deed, so "we will not authorise any intrusion into
Syrian territory" and "announced the deployment of fighters to Syria" share a matter.
The taxonomy and gazetteer are data files (``data/lexicons/actions_en.yaml``,
``data/places.yaml``).
"""

from __future__ import annotations

import re
from functools import cache

import polars as pl

from timeline._clauses import without_circumstance
from timeline._data import lexicon
from timeline.actors import load_registry
from timeline.lexicon import load_lexicon, places_in
from timeline.schema import EVENTS, require

__all__ = ["propositions", "PROPOSITION_COLUMNS"]

_HEDGED = r"(?i)\b(?:allegedly|reportedly|purportedly|apparently|supposedly|sources?|according to|rumou?r\w*|unconfirmed)\b"

PROPOSITION_COLUMNS = {
    "matters": pl.List(pl.String),
    "places": pl.List(pl.String),
    "military": pl.Boolean,
    "named": pl.List(pl.String),
    "subjects": pl.List(pl.String),
    "country_place": pl.String,
    "certainty": pl.Float64,
    "framings": pl.List(pl.String),
    "where": pl.List(pl.String),
}


@cache
def _involvement() -> tuple[re.Pattern, tuple[str, ...]]:
    entry = lexicon("actions").get("involvement", {})
    phrases = entry.get("phrases", [])
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b", re.I) if phrases else re.compile("(?!x)x")
    return pattern, tuple(entry.get("classes", []))


def _classes(text: str) -> list[str]:
    lex = load_lexicon()
    found = []
    pattern, involved = _involvement()
    if pattern.search(text):
        found += involved
    leaving = [m.end() for m in lex.action_noun.finditer(text) if lex.noun_class(m.group()) == "RETREAT"]
    leaving += [m.end() for m in lex.action_verb.finditer(text) if lex.deed_class(m.group()) == "RETREAT"]
    for m in lex.action_noun.finditer(text):
        # "a withdrawal of Eritrean troops": the troops are what withdraws, not a deployment spoken of
        if any(0 <= m.start() - end <= 30 and _OBJECT_GAP.fullmatch(text, end, m.start()) for end in leaving):
            continue
        found.append(lex.noun_class(m.group()))
    for m in lex.action_verb.finditer(text):
        found.append(lex.deed_class(m.group()))
    return sorted(set(found))


_OBJECT_GAP = re.compile(r"\s+(?:of\s+|from\s+|its\s+|their\s+|the\s+|all\s+)*(?:[\w'’-]+\s+){0,2}?")


@cache
def _framing_terms() -> tuple[tuple[str, str, re.Pattern], ...]:
    out = []
    for name, entry in (lexicon("actions").get("framings") or {}).items():
        for side, spec in entry["sides"].items():
            terms = sorted(spec["terms"], key=len, reverse=True)
            out.append((name, side, re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(t) for t in terms) + r")(?![\w-])", re.I)))
    return tuple(out)


# "not mercenaries", "rather than trainers", "denied sending fighters": the term is what is not so
_NOT_SO = re.compile(
    r"(?i)\b(?:not|no|never|nor|neither|rather\s+than|instead\s+of|den(?:y|ies|ied|ying)|reject\w*|dismiss\w*|refut\w*)"
    r"(?:\s+(?!(?:and|but|while|yet|or)\b)[\w'’-]+){0,4}?\s+(?:a\s+|an\s+|the\s+)?$"
)


# "denied the presence of troops on the front lines": in the clause a denial opens, every term is denied
_DENIED_BEFORE = re.compile(
    r"\b(?:den(?:y|ies|ied|ying)|reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|refut(?:es|ed|ing))\b(?:[^,;:.]|(?<=[A-Z])\.|\.(?=\w))*$", re.I
)


def framings(text: str) -> list[str]:
    """How a sentence characterises what it speaks of: ``framing:side`` for each framing of the
    lexicon it uses one side of, terms after a negation or a denial left out.

    Examples
    --------
    >>> framings("Bamako said it only took part in a state-to-state partnership with Moscow.")
    ['sponsor:state']
    >>> framings("They are present there on a commercial basis, the minister said.")
    ['sponsor:private']
    >>> framings("The government denied hiring mercenaries, and said Russian trainers were in the country.")
    ['role:training']
    >>> framings("The Pentagon denied that U.S. troops were on the front lines despite photos of them fighting alongside allies.")
    []
    """
    sides: dict[str, set[str]] = {}
    # "denied … despite evidence showing troops fighting alongside …": the contrast is the reporter's
    text = without_circumstance(text)
    for name, side, pattern in _framing_terms():
        for m in pattern.finditer(text):
            if not _NOT_SO.search(text, max(0, m.start() - 60), m.start()) and not _DENIED_BEFORE.search(text, 0, m.start()):
                sides.setdefault(name, set()).add(side)
                break
    return sorted(f"{name}:{next(iter(found))}" for name, found in sides.items() if len(found) == 1)


def _places(text: str) -> list[str]:
    """Places named in the text; a demonym ("Iraqi lawmakers") says who, not where, and is left out."""
    lex = load_lexicon()
    return sorted({lex.place_of[m.group().lower()] for m in lex.place.finditer(text) if m.group().lower() not in lex.demonyms})


_SOURCE_OF = re.compile(
    r"\b(?:allegations?|claims?|accusations?|charges?|reports?|assertions?|statements?)\s+(?:made\s+|published\s+)?(?:by|from)\s+"
    r"(?:the\s+)?(?:[\w'’-]+\s+){0,2}?$",
    re.I,
)


def _where(text: str) -> list[str]:
    """The places the text names as places, for the wording of a flag: not a state that acts ("Baghdad
    said", "Iran's foreign ministry", "US troops"), which :func:`_places` still counts."""
    return sorted(set(places_in(text, load_lexicon())))


def _named(text: str, registry, state_of_place: dict[str, str]) -> list[str]:
    """Actors the text names, with their blocs and states, and the states its demonyms name."""
    lex = load_lexicon()
    # the source of what is denied or reported ("allegations by US Central Command") is not what it is about
    def source(start: int) -> bool:
        return _SOURCE_OF.search(text, max(0, start - 40), start) is not None

    ids = {m.actor_id for m in registry.mentions(text) if not source(m.start)}
    for m in lex.place.finditer(text):
        word = m.group().lower()
        if word in lex.demonyms and lex.place_of[word] in state_of_place and not source(m.start()):
            ids.add(state_of_place[lex.place_of[word]])
    return sorted(ids | {registry.bloc(i) for i in ids} | {registry.country(i) for i in ids} - {""})


def _subjects(named: list[str], places: list[str], state_of_place: dict[str, str]) -> list[str]:
    """The actors a text is about: what it names, less the states it names only as places."""
    as_place = {state_of_place[p] for p in places if p in state_of_place}
    return [n for n in named if n not in as_place]


def _carry_over(events: pl.DataFrame, matters: list[list[str]], *, back: int = 3) -> list[list[str]]:
    """A denial that names no matter ("dismissed the claims as lies") speaks of the armed deeds or
    support that the sentences just before it in the same article spoke of."""
    lex = load_lexicon()
    carried = lex.military | {"AID"}
    rows = events.select("doc_id", "sentence", "kind", "stance").to_dicts()
    by_doc: dict[str, list[tuple[int, list[str]]]] = {}
    for r, m in zip(rows, matters, strict=True):
        by_doc.setdefault(r["doc_id"], []).append((r["sentence"], m))
    out = []
    for r, m in zip(rows, matters, strict=True):
        if m or r["kind"] != "statement" or r["stance"] != "deny" or r["sentence"] is None:
            out.append(m)
            continue
        earlier = {
            c
            for s, ms in by_doc[r["doc_id"]]
            if s is not None and r["sentence"] - back <= s < r["sentence"]
            for c in ms
            if c in carried
        }
        out.append(sorted(earlier))
    return out


def propositions(events: pl.DataFrame, *, registry=None) -> pl.DataFrame:
    """Add the matter columns to an EVENTS frame.

    Examples
    --------
    >>> from timeline.schema import empty
    >>> ev = empty(EVENTS).vstack(pl.DataFrame([{"text": "They announced the deployment of fighters to Syria.",
    ...     "kind": "action", "action_class": "MOBILIZE", "place": "Syria"}], schema_overrides=EVENTS).select(
    ...     [pl.col(c) if c in ("text", "kind", "action_class", "place") else pl.lit(None, dtype=t).alias(c)
    ...      for c, t in EVENTS.items()]))
    >>> propositions(ev).select("matters", "places", "military").row(0)
    (['MOBILIZE'], ['Syria'], True)
    """
    require(events, EVENTS, stage="propositions")
    lex = load_lexicon()
    registry = registry or load_registry()
    military = list(lex.military)
    state_of_place = {a.name: a.actor_id for a in registry.by_id.values() if a.kind == "state"}
    place_of_state = {sid: name for name, sid in state_of_place.items()}
    texts = events.get_column("text").to_list()
    # a statement is about what is said, not its verb of saying ("asks" is no request)
    cues = [
        c if k == "statement" and c else None
        for c, k in zip(events.get_column("cue").to_list(), events.get_column("kind").to_list(), strict=True)
    ]
    cache: dict[str, tuple[list[str], list[str], list[str], list[str]]] = {}
    for t in set(texts):
        cache[t] = (_classes(t or ""), _places(t or ""), _named(t or "", registry, state_of_place), _where(t or ""))
    said: dict[tuple[str, str], list[str]] = {}
    for t, c in zip(texts, cues, strict=True):
        if c is not None and (t, c) not in said:
            said[(t, c)] = _classes(re.sub(rf"(?i)\b{re.escape(c)}\b", " ", t or "", count=1))
    matters = _carry_over(events, [cache[t][0] if c is None else said[(t, c)] for t, c in zip(texts, cues, strict=True)])
    out = events.with_columns(
        pl.Series("matters", matters, dtype=pl.List(pl.String)),
        pl.Series("places", [cache[t][1] for t in texts], dtype=pl.List(pl.String)),
        pl.Series("where", [cache[t][3] for t in texts], dtype=pl.List(pl.String)),
        pl.Series("named", [cache[t][2] for t in texts], dtype=pl.List(pl.String)),
        pl.Series("subjects", [_subjects(cache[t][2], cache[t][1], state_of_place) for t in texts], dtype=pl.List(pl.String)),
        pl.col("country").replace_strict(place_of_state, default=None, return_dtype=pl.String).alias("country_place"),
    )
    # an action's own class and place always count
    out = out.with_columns(
        pl.when(pl.col("action_class").is_not_null())
        .then(pl.concat_list("matters", "action_class").list.unique().list.sort())
        .otherwise(pl.col("matters"))
        .alias("matters"),
        *(
            pl.when(pl.col("place").is_not_null())
            .then(pl.concat_list(c, "place").list.unique().list.sort())
            .otherwise(pl.col(c))
            .alias(c)
            for c in ("places", "where")
        ),
    )
    out = out.with_columns(
        pl.when(pl.col("chain").list.len() > 0).then(pl.col("chain")).otherwise(pl.concat_list("actor_id", "bloc")).alias("chain")
    )
    hedged = pl.col("text").str.contains(_HEDGED)
    certainty = (
        pl.when(pl.col("extractor").str.starts_with("action.announced") | (pl.col("kind") == "statement") & (pl.col("stance") != "claim"))
        .then(1.0)
        .when(hedged | (pl.col("stance") == "claim") | pl.col("anonymous").fill_null(False))
        .then(0.75)
        .otherwise(0.9)
    )
    framed = {t: framings(t or "") for t in set(texts)}
    return out.with_columns(
        pl.col("matters").list.eval(pl.element().is_in(military)).list.any().fill_null(False).alias("military"),
        certainty.alias("certainty"),
        pl.Series("framings", [framed[t] if k == "statement" else [] for t, k in zip(texts, events.get_column("kind"), strict=True)],
                  dtype=pl.List(pl.String)),
    )
