"""The compiled lexicons of extraction: verbs of saying with their stance, deed verbs and nouns
by action class, hedges, negations and the gazetteer, all read from ``data/lexicons`` and
``data/places.yaml`` and compiled once per language."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import NamedTuple

from timeline._data import lexicon, places
from timeline.text import trie_pattern

__all__ = ["Lexicon", "load_lexicon", "place_after", "places_in"]


class Lexicon(NamedTuple):
    reporting: re.Pattern
    stance_of: dict[str, str]
    source: re.Pattern
    hedge: re.Pattern
    negation: re.Pattern
    denial_phrase: re.Pattern
    deniable: re.Pattern
    idiom: re.Pattern
    anonymous: re.Pattern
    action_verb: re.Pattern
    action_noun: re.Pattern
    class_of: dict[str, str]
    military: frozenset[str]
    mutual: frozenset[str]
    place: re.Pattern
    place_of: dict[str, str]
    demonyms: frozenset[str]
    verb_objects: tuple[tuple[re.Pattern, str], ...]
    anonymity: re.Pattern

    def deed_class(self, words: str) -> str | None:
        """The action class of a matched deed verb or phrase ("deployed", "sent more troops")."""
        key = words.lower()
        if key in self.class_of:
            return self.class_of[key]
        for pattern, cls in self.verb_objects:
            if pattern.fullmatch(key):
                return cls
        return None

    def noun_class(self, noun: str) -> str | None:
        """The action class of a matched deed noun ("deployment")."""
        return self.class_of.get(f"n:{noun.lower()}")


def _alt(words) -> str:
    return trie_pattern([re.escape(c) for c in w] for w in set(words))


def _not_deeds(acts: dict) -> str:
    """A lookahead that refuses a deed word before an object that makes it no deed ("met the deadline")."""
    parts = []
    for entry in acts.get("not_deeds", []):
        behind = "|".join(rf"(?<=\b{re.escape(w)})" for w in entry["words"])
        parts.append(rf"(?:{behind})\s+(?:[\w'’-]+\s+){{0,2}}?(?:{_alt(entry['objects'])})\b")
    return rf"(?!{'|'.join(parts)})" if parts else ""


@cache
def load_lexicon(language: str = "en") -> Lexicon:
    """Compile the lexicon files of ``language`` into the patterns extraction uses."""
    core = lexicon("core", language)
    acts = lexicon("actions", language)
    stance_of: dict[str, str] = {}
    for entry in core["reporting_verbs"].values():
        for form in entry["forms"]:
            stance_of[form.lower()] = entry["stance"]
    quote_verbs: dict[str, str] = {}
    for entry in core.get("quote_verbs", {}).values():
        for form in entry["forms"]:
            quote_verbs[form.lower()] = entry["stance"]
    class_of: dict[str, str] = {}
    nouns: dict[str, str] = {}
    military, mutual = set(), set()
    verb_objects: list[tuple[str, str]] = []
    for cls, entry in acts["classes"].items():
        vo = entry.get("verb_objects")
        if vo:
            # up to four words between, a number among them written with separators ("sent an estimated 1,500 special forces")
            verb_objects.append((rf"(?:{_alt(vo['verbs'])})\s+(?:[\w-]+(?:[,.]\d+)*\s+){{0,4}}?(?:{_alt(vo['objects'])})", cls))
        if entry.get("military"):
            military.add(cls)
        if entry.get("mutual"):
            mutual.add(cls)
        for v in entry.get("verbs", []):
            class_of.setdefault(v.lower(), cls)
        for n in entry.get("nouns", []):
            nouns.setdefault(n.lower(), cls)
    place_of: dict[str, str] = {}
    place_names: list[str] = []
    for canonical, entry in places().items():
        for n in [canonical, *entry.get("names", []), *entry.get("demonyms", [])]:
            place_of[n.lower()] = canonical
            place_names.append(n)
    class_of_all = {**{f"n:{k}": v for k, v in nouns.items()}, **class_of}
    return Lexicon(
        reporting=re.compile(
            rf"\b(?:{_alt(stance_of)})\b" + (rf"|\b(?:{_alt(quote_verbs)})\b(?=\s*[,:]?\s*[“\"])" if quote_verbs else ""), re.I
        ),
        stance_of={**quote_verbs, **stance_of},
        source=re.compile(rf"\b(?:{_alt(core['source_phrases'])})\b", re.I),
        hedge=re.compile(rf"\b(?:{_alt(core['hedges'])})\b", re.I),
        negation=re.compile(r"(?:\b(?:" + _alt(w for w in core["negations"] if w != "n't") + r")\b|n't\b|n’t\b)", re.I),
        denial_phrase=re.compile(rf"\b(?:{_alt(core['denial_phrases'])})\b", re.I),
        deniable=re.compile(rf"\b(?:{_alt(core['deniable'])})\b", re.I),
        idiom=re.compile(rf"\b(?:{_alt(core['negation_idioms'])})\b", re.I),
        anonymous=re.compile(rf"\b(?:{_alt(core['anonymous_sources'])})\b", re.I),
        action_verb=re.compile(r"\b(?:" + "|".join([p for p, _ in verb_objects] + [_alt(class_of)]) + r")\b" + _not_deeds(acts), re.I),
        action_noun=re.compile(rf"\b(?:{_alt(nouns)})\b" + _not_deeds(acts), re.I),
        class_of=class_of_all,
        military=frozenset(military),
        mutual=frozenset(mutual),
        place=re.compile(rf"(?<![\w-])(?:{_alt(place_names)})(?![\w-])"),
        place_of=place_of,
        demonyms=frozenset(d.lower() for e in places().values() for d in e.get("demonyms", [])),
        verb_objects=tuple((re.compile(p, re.I), cls) for p, cls in verb_objects),
        anonymity=re.compile(rf"\b(?:{_alt(core['anonymity_phrases'])})\b" if core.get("anonymity_phrases") else "(?!x)x", re.I),
    )


def place_after(text: str, pos: int, lex: Lexicon) -> str | None:
    """The first place named at or after ``pos`` (see :func:`places_in`)."""
    return next(places_in(text, lex, pos), None)


def places_in(text: str, lex: Lexicon, pos: int = 0) -> Iterator[str]:
    """The places named at or after ``pos``, in order: not a demonym, nor a state in the possessive
    ("Russia's foreign minister"), before its troops ("U.S. troops") or as a subject ("Baghdad said"),
    which name an actor, not a place.

    Examples
    --------
    >>> list(places_in("The United Arab Emirates has denied sending arms to Chad and Sudan.", load_lexicon()))
    ['Chad', 'Sudan']
    """
    for m in lex.place.finditer(text, pos):
        if m.group().lower() in lex.demonyms or _POSSESSIVE.match(text, m.end()) or _ATTRIBUTIVE.match(text, m.end()):
            continue
        if _AS_SUBJECT.match(text, m.end()) or lex.reporting.match(text, m.end() + 1) or lex.action_verb.match(text, m.end() + 1):
            # "Moscow was not involved", "Baghdad said": the state acting, not a place
            continue
        yield lex.place_of[m.group().lower()]


_POSSESSIVE = re.compile(r"['’]s?\s")
# "U.S. troops", "Iraq forces": a state's name used as a demonym names whose they are, not where
_ATTRIBUTIVE = re.compile(
    r"[\s-]+(?:-?led\s+)?(?:special\s+)?(?:troops|forces|soldiers|commandos|military|army|officials|diplomats|government|"
    r"embassy|envoy|warplanes|jets|drones|navy|marines|advisers|advisors|trainers|instructors|personnel|central\s+command|"
    r"command|state\s+department|department|ministry|administration|authorities|intelligence|media|president|ambassador|"
    r"delegation|spokes\w+|leaders?|allies|backed|based|made)\b",
    re.I,
)
_AS_SUBJECT = re.compile(r"\s+(?:is|was|were|are|has|have|had|will|would|did|does|do|could|can|may|might|must|should)\b")

