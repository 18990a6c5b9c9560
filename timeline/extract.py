"""Statements and actions from article text, with their provenance.

Stage contract: :func:`extract_events` requires a DOCUMENTS frame and produces an EVENTS
frame (see :mod:`timeline.schema`).

Inside, extractors yield small named records per sentence (:class:`Statement`,
:class:`Action`) and the stage makes the frame. The patterns are general ones of English
news prose, driven by the lexicons in ``data/lexicons``:

- **statements**: a speaker, a reporting verb and what is said — "X said/denied/warned …",
  "“…,” X said", "“…,” said X", "according to X, …", a quote continuing the previous
  speaker, a pronoun subject ("He added that …") standing for the last speaker;
- **stance**: from the verb (deny, assert, claim, threaten, confirm), turned to ``claim`` by a
  hedge ("allegedly") or a second-hand source, and to ``deny`` when what is said negates
  that something happened or exists ("there was no formal request");
- **actions**: a deed verb of the action taxonomy with its grammatical subject as actor
  (not the nearest name), the passive agent ("was discussed in a meeting of X"), "we/our
  forces" in a quote standing for the speaker's side; negated or hypothetical deeds ("cannot
  deploy", "will not send") and deeds inside a denial are no actions;
- **dates**: the date expression that governs the event in its sentence, else the week
  ending on the publication date; one action event per date in "in 2018 and 2019".

Each event carries ``extractor``: the name and version of the pattern that made it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from functools import cache
from typing import NamedTuple

import polars as pl

from timeline._data import lexicon, places
from timeline.actors import Actor, Mention, Registry, discover, load_registry
from timeline.dates import DateMention, publication_interval, tag_dates
from timeline.schema import DOCUMENTS, EVENTS, empty, require
from timeline.text import Sentence, sentences, trie_pattern

__all__ = ["Statement", "Action", "extract_events", "statements", "actions", "Lexicon", "load_lexicon"]

EXTRACTOR_VERSION = "v1"


class Statement(NamedTuple):
    actor_id: str
    mention: str
    cue: str
    stance: str
    polarity: str
    quote: str | None
    reported_by: str | None
    anchor: int
    extractor: str
    anonymous: bool = False


class Action(NamedTuple):
    actor_id: str
    mention: str
    cue: str
    action_class: str
    place: str | None
    anchor: int
    end: int
    reported_by: str | None
    extractor: str


# -- lexicon -------------------------------------------------------------------------------


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


def _alt(words) -> str:
    return trie_pattern([re.escape(c) for c in w] for w in set(words))


@cache
def load_lexicon(language: str = "en") -> Lexicon:
    """Compile the lexicon files of ``language`` into the patterns extraction uses."""
    core = lexicon("core", language)
    acts = lexicon("actions", language)
    stance_of: dict[str, str] = {}
    for entry in core["reporting_verbs"].values():
        for form in entry["forms"]:
            stance_of[form.lower()] = entry["stance"]
    class_of: dict[str, str] = {}
    nouns: dict[str, str] = {}
    military, mutual = set(), set()
    for cls, entry in acts["classes"].items():
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
        reporting=re.compile(rf"\b(?:{_alt(stance_of)})\b", re.I),
        stance_of=stance_of,
        source=re.compile(rf"\b(?:{_alt(core['source_phrases'])})\b", re.I),
        hedge=re.compile(rf"\b(?:{_alt(core['hedges'])})\b", re.I),
        negation=re.compile(r"(?:\b(?:" + _alt(w for w in core["negations"] if w != "n't") + r")\b|n't\b|n’t\b)", re.I),
        denial_phrase=re.compile(rf"\b(?:{_alt(core['denial_phrases'])})\b", re.I),
        deniable=re.compile(rf"\b(?:{_alt(core['deniable'])})\b", re.I),
        idiom=re.compile(rf"\b(?:{_alt(core['negation_idioms'])})\b", re.I),
        anonymous=re.compile(rf"\b(?:{_alt(core['anonymous_sources'])})\b", re.I),
        action_verb=re.compile(rf"\b(?:{_alt(class_of)})\b", re.I),
        action_noun=re.compile(rf"\b(?:{_alt(nouns)})\b", re.I),
        class_of=class_of_all,
        military=frozenset(military),
        mutual=frozenset(mutual),
        place=re.compile(rf"(?<![\w-])(?:{_alt(place_names)})(?![\w-])"),
        place_of=place_of,
        demonyms=frozenset(d.lower() for e in places().values() for d in e.get("demonyms", [])),
    )


# -- helpers -----------------------------------------------------------------------------

_QUOTE = re.compile(r"“[^”]*”?|\"[^\"]*\"?")
_PRONOUN = re.compile(r"\b(?:he|she|they|it|we)\b", re.I)
_DESCRIPTOR = re.compile(
    r"\b(?:the|this|that|these|those)\s+(?:(?:[a-z]+)\s+){0,2}(?:ministry|government|minister|official|spokes\w+|"
    r"committee|lawmakers?|mp|militia|group|army|president|prime minister|leader|commander|faction|agency|office|"
    r"country|countries|nations|allies|partners|states|kremlin|junta|authorities|council|parliament|forces|military|"
    r"rebels|fighters|envoy|ambassador)\b",
    re.I,
)
_PREP_BEFORE = re.compile(
    r"(?:\b(?:of|in|at|with|for|from|to|by|on|about|against|over|into|toward|towards|than|between|among|"
    r"within|amid|after|before|during|under|per|like|including|whom|which)\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+|"
    r"his\s+|her\s+)?(?:[\w'’-]+\s+){0,3})$",
    re.I,
)
_CLAUSE_BREAK = re.compile(r";|:|\bthat\b|\bwhile\b|\bwhereas\b|\bbut\b|\bafter\b|,\s*as\b|\bwhen\b|\bwho\b|\bwhich\b|[”\"],?")
_MODAL_NEG = re.compile(
    r"\b(?:not|never|no|cannot|can't|won't|wouldn't|couldn't|shouldn't|didn't|hasn't|haven't|hadn't|"
    r"can|could|would|should|might|may|must|if|unless|whether|any|refused to|refuse to|threatened to|"
    r"plans? to|aims? to|wants? to|ready to|readiness to|willing to|without)\b",
    re.I,
)
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+ly\s+)?$", re.I)
_AGENT_AFTER = re.compile(r"^\s*(?:[\w'’,-]+\s+){0,6}?(?:by|of)\s+(?:the\s+)?", re.I)
_FIRST_PERSON = re.compile(r"\b(?:we|our|us)\b", re.I)
_TOLD = re.compile(r"\b(?:told|telling|tells|tell)\s+(?:the\s+)?$", re.I)
_SENT_START_DATE = 40


def _in_any(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def _quotes(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _QUOTE.finditer(text) if m.end() - m.start() > 2]


_ASIDE = re.compile(r",\s+(?:which|who|whose)\b(?:[^,]|,(?=\d))*,|\s[-–—]\s[^-–—]{1,80}\s[-–—]\s|\([^)]{0,120}\)")


def _asides(text: str) -> list[tuple[int, int]]:
    """Relative clauses between commas, dashed and bracketed insertions: no clause starts inside them."""
    return [(m.start(), m.end()) for m in _ASIDE.finditer(text)]


def _clause_start(text: str, end: int, quotes: list[tuple[int, int]]) -> int:
    start = 0
    asides = _asides(text)
    for m in _CLAUSE_BREAK.finditer(text, 0, end):
        if _in_any(m.start(), quotes) and not text[m.start()] in "”\"":
            continue
        if _in_any(m.start(), asides) and not any(s <= m.start() and e >= end for s, e in asides):
            continue
        start = m.end()
    return start


_ROLE_GAP = re.compile(r"\s*(?:['’]s\s+)?(?:[a-z][\w-]*\s+){0,4}(?:[A-Z][a-z]+\.?\s+)?")


def _subject(text: str, lo: int, hi: int, mentions: list[Mention]) -> Mention | None:
    """The subject of the clause text[lo:hi]: its first mention that is no prepositional object.

    In "the European Union's foreign policy chief Jane Roe", the head is the last name of the chain.
    """
    asides = [a for a in _asides(text) if a[0] >= lo]
    inside = [m for m in mentions if m.start >= lo and m.end <= hi]
    for i, m in enumerate(inside):
        if _in_any(m.start, asides):
            continue
        before = text[lo : m.start]
        if _PREP_BEFORE.search(before):
            continue
        while i + 1 < len(inside):
            gap = text[inside[i].end : inside[i + 1].start]
            if not (_ROLE_GAP.fullmatch(gap) and re.search(r"[a-z]", gap)) or _PREP_BEFORE.search(gap) or " and " in gap:
                break
            i += 1
        return inside[i]
    return None


_COLLECTIVE = (
    r"countries|nations|governments|powers|states|allies|partners|officials|lawmakers|legislators|ministers|"
    r"diplomats|leaders|sources|groups|militias|members|residents|witnesses|activists|analysts|observers|"
    r"authorities|delegations|signatories|villagers|locals|protesters|fighters|soldiers|commanders|refugees"
)
_GROUP_NP = re.compile(
    rf"(?:(?:a|an|the|some|several|many|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    rf"fourteen|fifteen|sixteen|twenty|dozens of|hundreds of|\d+)\s+)(?:[\w'’-]+\s+){{0,4}}?(?:{_COLLECTIVE})\b"
    rf"|(?:[A-Z][\w'’-]*\s+){{0,2}}(?:{_COLLECTIVE})\b(?:\s+(?:near|in|from|of)\s+[A-Z][\w'’-]+)?",
    re.I,
)
_OFFICIAL_GROUP = re.compile(r"countries|nations|governments|powers|states|officials|lawmakers|legislators|ministers|diplomats|authorities|delegations", re.I)
_NP_END = re.compile(r"\s+(?:on|in|at|late|earlier|this|last|yesterday|today|also|have|has|had|were|was|jointly|\w+ly)\b|[,;(]|\s[-–—]\s", re.I)


def _group_mention(text: str, lo: int, hi: int, first: Mention | None) -> Mention | None:
    """A subject that names several actors or a collective: "France and its allies", "Fifteen Western countries"."""
    region = text[lo:hi]
    lead = re.match(r"\s*(?:(?:on|in|at|late|earlier)\s+[\w ,]{1,30}?,\s*)?", region)
    start = lo + (lead.end() if lead else 0)
    if first is not None and first.start == start:
        tail = text[first.end : hi]
        if not re.match(r"\s+(?:and|as well as|together with|along with)\s+\S", tail):
            return None
    else:
        g = _GROUP_NP.match(text, start, hi)
        if g is None or first is not None and first.start < g.end() <= first.end + 1:
            return None
    end_m = _NP_END.search(text, (first.end if first is not None and first.start == start else start) + 1, hi)
    end = end_m.start() if end_m else hi
    phrase = text[start:end].strip()
    if not phrase or len(phrase) > 90 or len(phrase.split()) < 2:
        return None
    return Mention(start, start + len(phrase), phrase, "group:" + re.sub(r"[^a-z0-9]+", "_", phrase.lower()).strip("_"))


_BY_STATEMENT = re.compile(r"\s+(?:in\s+)?(?:a|the)\s+(?:\w+\s+)?statement\s+(?:signed|issued|released|published|sent)\s+by\s+")


def _after_quote_speaker(text: str, cue: re.Match, mentions: list[Mention]) -> Mention | None:
    """"“…,” said X" — the mention right after the cue; "said a statement signed by X" — X."""
    by = _BY_STATEMENT.match(text, cue.end())
    if by is not None:
        chain = [m for m in mentions if m.start >= by.end()]
        if chain and chain[0].start - by.end() <= 40:
            return _subject(text, by.end(), len(text), chain)
    for m in mentions:
        if m.start >= cue.end() and m.start - cue.end() <= 25 and not _PREP_BEFORE.search(text[cue.end() : m.start]):
            if re.match(r"^[\s,]*(?:the\s+|a\s+)?(?:[\w'’-]+\s+){0,3}$", text[cue.end() : m.start]):
                return m
    return None


def _content_stance(base: str, content: str, sentence: str, lex: Lexicon) -> tuple[str, str]:
    """Stance and polarity of a statement from its verb and what is said."""
    neg = bool(lex.negation.search(content)) and not lex.idiom.search(content)
    polarity = "negative" if neg else "positive"
    if base == "deny":
        return "deny", polarity
    if base in {"assert", "confirm"}:
        inner = {lex.stance_of.get(m.group().lower()) for m in lex.reporting.finditer(content)}
        if "deny" in inner:
            return "deny", polarity
        if neg and (lex.deniable.search(content) or lex.action_verb.search(content)):
            return "deny", polarity
        if lex.denial_phrase.search(content) and re.search(r"\b(?:claims?|reports?|allegations?|accusations?)\b", content, re.I):
            return "deny", polarity
        if base == "assert" and lex.hedge.search(sentence):
            return "claim", polarity
        if base == "assert" and _CONDITIONAL.search(content):
            return "threaten", polarity
    if base == "claim" and neg and lex.deniable.search(content):
        return "claim", polarity
    return base, polarity


_CONDITIONAL = re.compile(
    r"\b(?:could|would|will)\s+(?:\w+\s+){0,3}?(?:be\s+)?(?:\w+ly\s+)?(?:affected|isolate\w*|face|suffer|pay|respond|retaliate|"
    r"punish\w*|sanction\w*|consequences)\b|\bif\b[^.]*\b(?:will|would|could)\b|\b(?:will|would|could)\b[^.]*\b(?:if|unless)\b",
    re.I,
)


class _DocState:
    """What a document has said so far: who spoke last, and every actor mentioned, by kind."""

    def __init__(self) -> None:
        self.last_speaker: Mention | None = None
        self.last_subject: Mention | None = None
        self.last_org: Mention | None = None
        self.last_person: Mention | None = None
        self.seen: list[tuple[Mention, str]] = []
        self.last_date: tuple[str, int, DateMention] | None = None

    def note(self, m: Mention, reg_kind: str) -> None:
        self.last_subject = m
        if reg_kind == "person":
            self.last_person = m
        else:
            self.last_org = m

    def last_of(self, kinds: frozenset[str]) -> Mention | None:
        for m, k in reversed(self.seen):
            if k in kinds:
                return m
        return None


_DESCRIPTOR_KINDS: list[tuple[re.Pattern, frozenset[str]]] = [
    (re.compile(r"militia|faction|group|rebels|fighters", re.I), frozenset({"militia", "armed_group"})),
    (re.compile(r"ministry", re.I), frozenset({"ministry"})),
    (re.compile(r"committee", re.I), frozenset({"committee"})),
    (re.compile(r"parliament|lawmakers|legislature", re.I), frozenset({"parliament"})),
    (re.compile(r"army|military|forces", re.I), frozenset({"military"})),
    (re.compile(r"government|authorities|junta|kremlin|council|office", re.I), frozenset({"government"})),
    (re.compile(r"countries|nations|allies|partners|states|country", re.I), frozenset({"state", "government", "group"})),
    (re.compile(r"agency|newspaper|outlet|channel|broadcaster", re.I), frozenset({"media"})),
    (re.compile(r"minister|official|spokes|president|leader|commander|lawmaker|\bmp\b|envoy|ambassador", re.I), frozenset({"person"})),
]


def _pronoun_subject(text: str, lo: int, hi: int, state: _DocState, kind_of) -> Mention | None:
    region = text[lo:hi]
    d = _DESCRIPTOR.search(region)
    p = _PRONOUN.search(region)
    if p and (d is None or p.start() < d.start()):
        word = p.group().lower()
        if word in {"he", "she"}:
            return state.last_person or state.last_speaker
        if word == "it":
            return state.last_org or state.last_subject
        return state.last_speaker or state.last_subject
    if d:
        noun = d.group()
        for pattern, kinds in _DESCRIPTOR_KINDS:
            if pattern.search(noun):
                found = state.last_of(kinds)
                if found is not None:
                    return found
                break
        return None
    return None


# -- extractors ----------------------------------------------------------------------------


def statements(
    sent: Sentence, mentions: list[Mention], state: _DocState, kind_of, lex: Lexicon
) -> Iterator[tuple[Statement, int, int]]:
    """Statements in one sentence, with the span of what is said (relative to the sentence)."""
    text = sent.text
    quotes = _quotes(text)
    found_any = False
    prev_speaker: Mention | None = None
    for cue in lex.reporting.finditer(text):
        if _in_any(cue.start(), quotes):
            continue
        word = cue.group().lower()
        if word in {"report", "reports", "reported", "claims", "claim", "warning", "statement"} and re.search(
            r"\b(?:the|a|an|these|those|such|media|press|news|its|their|his|her|of|to|on)\s+(?:\w+\s+)?$", text[: cue.start()], re.I
        ):
            # a noun ("the reports", "media claims"), not a verb of saying
            continue
        prev_word = re.search(r"(\w+)\s+$", text[: cue.start()])
        if prev_word is not None and prev_word.group(1).lower() in lex.stance_of:
            continue
        if re.search(
            r"\b(?:to|will|would|may|might|could|should|must|can|cannot|can't|did not|didn't|does not|doesn't|not|never)\s+(?:\w+ly\s+)?$",
            text[: cue.start()],
            re.I,
        ):
            # a future, hypothetical or negated act of saying is no statement
            continue
        if re.search(r"\b(?:is|are|was|were|be|been|being|get|got)\s+(?:\w+ly\s+)?$", text[: cue.start()], re.I):
            continue
        base = lex.stance_of.get(word, "assert")
        speaker = None
        anonymous = False
        closing = re.search(r"[”\"],?\s+((?:[\w'’.-]+\s+){1,5})$", text[: cue.start()])
        after_quote = re.search(r"[”\"][\s,]*$|[,.][”\"]\s*$", text[: cue.start()]) is not None or (
            closing is not None and not re.search(r"\bthat\b", closing.group(1))
        )
        lo = _clause_start(text, cue.start(), quotes)
        tail_cue = re.search(r",\s+((?:[\w'’.-]+\s+){1,6})$", text[: cue.start()])
        if not after_quote and tail_cue and re.match(
            r"\s*(?:$|[,.;!?”\"]|(?:in|on|at|to|during|late|earlier|last|this|yesterday|today)\b)", text[cue.end() :]
        ):
            after_quote = True
            lo = tail_cue.start(1)
        if prev_speaker is not None and word.endswith("ing") and re.search(r",\s*$", text[: cue.start()]):
            speaker = prev_speaker
        elif after_quote:
            speaker = _subject(text, lo, cue.start(), mentions) or _after_quote_speaker(text, cue, mentions)
        else:
            speaker = _subject(text, lo, cue.start(), mentions)
            group = _group_mention(text, lo, cue.start(), speaker)
            if group is not None:
                speaker = group
        if speaker is None:
            region = text[lo : cue.start()]
            if re.match(r"\s*(?:an?|one|two|three|several|other|the)\s+(?:[\w-]+\s+){0,2}?(?:source|sources|official|officials|diplomat|diplomats|insider|insiders)\b", region, re.I):
                inst = next((m for m in mentions if lo <= m.start < cue.start()), None)
                if inst is not None:
                    speaker, anonymous = inst, True

        if speaker is None:
            speaker = _pronoun_subject(text, lo, cue.start(), state, kind_of)
        if speaker is None:
            continue
        # what is said: the quote before the cue, or the rest of the clause after it
        if after_quote and quotes and quotes[0][1] <= cue.start():
            before_cue = [q for q in quotes if q[1] <= cue.start()]
            c_start, c_end = before_cue[0][0], before_cue[-1][1]
        else:
            c_start = cue.end()
            nxt = lex.reporting.search(text, cue.end())
            c_end = len(text)
            if nxt is not None and not _in_any(nxt.start(), quotes) and re.search(r"[,;]\s*(?:and\s+)?$|\band\s+$", text[: nxt.start()]):
                c_end = nxt.start()
        content = text[c_start:c_end]
        quote = next((text[s:e].strip("“”\"") for s, e in quotes if s < c_end and e > c_start), None)
        tail = text[cue.end() :]
        reported_by = None
        told = re.match(r"\s+(?:the\s+)?([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})", tail) if word.startswith("tel") or word == "told" else None
        if told:
            m_told = next((m for m in mentions if m.start == cue.end() + told.start(1)), None)
            if m_told is not None and kind_of(m_told.actor_id) == "media":
                reported_by = m_told.text
        to_media = re.match(r"\s+to\s+(?:the\s+)?", tail)
        if to_media:
            m_to = next((m for m in mentions if m.start == cue.end() + to_media.end()), None)
            if m_to is not None and kind_of(m_to.actor_id) == "media":
                reported_by = m_to.text
        stance, polarity = _content_stance(base, content, text, lex)
        if anonymous and stance == "assert":
            stance = "claim"
        if kind_of(speaker.actor_id) == "media" and stance == "assert" and word in {"reported", "reports", "said", "says"}:
            stance = "claim"
        found_any = True
        state.last_speaker = prev_speaker = speaker
        yield (
            Statement(speaker.actor_id, speaker.text, word, stance, polarity, quote, reported_by, cue.start(), "statement.verb.v1", anonymous),
            c_start,
            c_end,
        )
    for src in lex.source.finditer(text):
        m = next((x for x in mentions if src.end() <= x.start <= src.end() + 30), None)
        pron = re.match(r"\s+(him|her|them|it)\b", text[src.end() :], re.I)
        if pron is not None:
            word = pron.group(1).lower()
            m = (
                state.last_person or state.last_speaker
                if word in {"him", "her"}
                else state.last_org or state.last_subject
                if word == "it"
                else state.last_speaker or state.last_subject
            )
        if m is None:
            continue
        c_start = m.end
        content = text[c_start:] if src.start() < 5 else text[: src.start()]
        stance, polarity = _content_stance("assert", content, text, lex)
        if stance == "assert" and (kind_of(m.actor_id) == "media" or lex.anonymous.search(text[src.end() : m.end + 5])):
            stance = "claim"
        found_any = True
        yield (
            Statement(m.actor_id, m.text, src.group().lower(), stance, polarity, None, None, src.start(), "statement.according_to.v1"),
            c_start if src.start() < 5 else 0,
            len(text) if src.start() < 5 else src.start(),
        )
    if not found_any and quotes and state.last_speaker is not None:
        qs, qe = quotes[0]
        if qe - qs > 0.6 * len(text):
            content = text[qs:qe]
            stance, polarity = _content_stance("assert", content, text, lex)
            yield (
                Statement(state.last_speaker.actor_id, state.last_speaker.text, "quote", stance, polarity, content.strip("“”\""), None, qs, "statement.continued_quote.v1"),
                qs,
                qe,
            )


def actions(
    sent: Sentence,
    mentions: list[Mention],
    denied: list[tuple[int, int]],
    speaker: Mention | None,
    state: _DocState,
    kind_of,
    affiliation_of,
    lex: Lexicon,
) -> Iterator[Action]:
    """Reported deeds in one sentence, each with its agent."""
    text = sent.text
    quotes = _quotes(text)
    named = [(m.start, m.end) for m in mentions]
    for trig in lex.action_verb.finditer(text):
        phrase = trig.group().lower()
        if _in_any(trig.start(), denied) or _in_any(trig.start(), named):
            continue
        before = text[max(0, trig.start() - 45) : trig.start()]
        clause_lo = _clause_start(text, trig.start(), [q for q in quotes if not _in_any(trig.start(), [q])])
        said = [c.end() for c in lex.reporting.finditer(text, 0, trig.start()) if not _in_any(c.start(), quotes)]
        if said and said[-1] > clause_lo:
            clause_lo = said[-1]
        near = text[max(clause_lo, trig.start() - 45) : trig.start()]
        if _MODAL_NEG.search(near):
            continue
        if re.search(r"\b(?:to|the|a|an|its|their|his|her|of|own)\s+$", before, re.I) and " " not in phrase:
            # an infinitive or a noun use ("to deploy", "the strike") reports no deed
            continue
        if re.match(r"\w+ing\b", phrase) and not re.search(r"\b(?:is|are|was|were|been|be|has been|have been)\s+(?:\w+ly\s+)?$", before, re.I):
            if not _GERUND_OF.search(text[clause_lo : trig.start()]):
                continue
        in_quote = _in_any(trig.start(), quotes)
        agent = None
        role = _GERUND_OF.search(text[clause_lo : trig.start()]) if re.match(r"\w+ing\b", phrase) else None
        if role is not None:
            pos = clause_lo + role.start("agent")
            agent = next((m for m in mentions if m.start == pos), None)
        if agent is None and _PASSIVE.search(before):
            after = text[trig.end() : trig.end() + 120]
            am = _AGENT_AFTER.match(after)
            if am:
                pos = trig.end() + am.end()
                agent = next((m for m in mentions if pos <= m.start <= pos + 25), None)
        if agent is None:
            agent = _subject(text, clause_lo, trig.start(), mentions)
        if agent is None and in_quote and speaker is not None and _FIRST_PERSON.search(text[clause_lo : trig.start()]):
            owner = affiliation_of(speaker.actor_id) if kind_of(speaker.actor_id) == "person" else speaker.actor_id
            agent = Mention(speaker.start, speaker.end, speaker.text, owner or speaker.actor_id)
        if agent is None:
            agent = _pronoun_subject(text, clause_lo, trig.start(), state, kind_of)
            if agent is not None and kind_of(agent.actor_id) == "media":
                agent = None
        if agent is None or kind_of(agent.actor_id) == "media":
            continue
        place = _place_after(text, trig.end(), lex) or _place_after(text, 0, lex)
        reported_by = speaker.text if speaker is not None and speaker.actor_id != agent.actor_id else None
        cls = lex.class_of[phrase]
        yield Action(agent.actor_id, agent.text, phrase, cls, place, trig.start(), trig.end(), reported_by, "action.verb.v1")
        if cls in lex.mutual:
            with_ = re.compile(r"\s+(?:[\w'’-]+\s+){0,4}?with\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}?$")
            partner = next(
                (m for m in mentions if trig.end() < m.start <= trig.end() + 80 and with_.fullmatch(text, trig.end(), m.start)),
                None,
            )
            if partner is not None and partner.actor_id != agent.actor_id and kind_of(partner.actor_id) != "media":
                yield Action(partner.actor_id, partner.text, phrase, cls, place, trig.start(), trig.end(), reported_by, "action.partner.v1")


_WANTED = re.compile(
    r"\b(?:request\w*|ask\w*|call\w* for|demand\w*|urg\w*|propos\w*|potential|possible|planned|prospect of|"
    r"threat\w* of|consider\w*|discuss\w*|seek\w*|sought)\b",
    re.I,
)
_GERUND_OF = re.compile(
    r"\b(?:involvement|role|part|participation|hand)\s+of\s+(?:the\s+)?(?P<agent>[A-Z][\w'’ -]{1,60}?)\s+in\s+$"
)
_NOUN_AGENT = re.compile(r"\s+(?:of|by|from)\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){0,2}?$")


def noun_actions(sent: Sentence, mentions: list[Mention], denied: list[tuple[int, int]], kind_of, lex: Lexicon) -> Iterator[Action]:
    """Deeds named by a noun with their doer: "the deployment of X", "visits by X", "X's deployment"."""
    text = sent.text
    for nm in lex.action_noun.finditer(text):
        if _in_any(nm.start(), denied):
            continue
        clause_lo = _clause_start(text, nm.start(), [])
        if _MODAL_NEG.search(text[max(clause_lo, nm.start() - 30) : nm.start()]):
            continue
        if _WANTED.search(text[max(clause_lo, nm.start() - 80) : nm.start()]):
            continue
        agent = None
        for m in mentions:
            if m.start >= nm.end() and m.start - nm.end() <= 40 and _NOUN_AGENT.match(text[nm.end() : m.start]):
                agent = m
                break
            if m.end <= nm.start() and re.fullmatch(r"['’]s\s+(?:\w+\s+)?", text[m.end : nm.start()]):
                agent = m
                break
        if agent is None or kind_of(agent.actor_id) in {"media", "state"}:
            continue
        cls = lex.class_of.get(f"n:{nm.group().lower()}")
        place = _place_after(text, nm.end(), lex)
        yield Action(agent.actor_id, agent.text, nm.group().lower(), cls, place, nm.start(), nm.end(), None, "action.noun.v1")


def _accuses(speaker_id: str, content: str, c_start: int, mentions: list[Mention], bloc, kind_of, lex: Lexicon) -> bool:
    """What is said reports a deed of another camp: an accusation, which is a claim until shown."""
    deed = lex.action_verb.search(content) or lex.action_noun.search(content)
    if deed is None:
        return False
    cls = lex.class_of.get(deed.group().lower()) or lex.class_of.get(f"n:{deed.group().lower()}")
    if cls not in lex.military and cls != "AID":
        return False
    own = bloc(speaker_id)
    for m in mentions:
        if c_start <= m.start < c_start + len(content) and kind_of(m.actor_id) not in {"group", "state", "media"}:
            before = content[: m.start - c_start]
            if _PREP_BEFORE.search(before) and not re.search(r"\b(?:of|by)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}$", before):
                continue
            if bloc(m.actor_id) != own and m.actor_id != speaker_id:
                return True
    return False


def _announced(
    st: Statement, content: str, c_start: int, text: str, affiliation_of, kind_of, lex: Lexicon
) -> Action | None:
    """"X announced the deployment of fighters to Y": an action of X's side."""
    if st.stance not in {"assert", "confirm"} or st.cue not in {"announced", "announces", "announce", "confirmed", "confirms", "admitted", "acknowledged"}:
        return None
    nm = lex.action_noun.search(content)
    if nm is None or lex.negation.search(content[: nm.start()]):
        return None
    cls = lex.class_of.get(f"n:{nm.group().lower()}")
    if cls is None:
        return None
    owner = affiliation_of(st.actor_id) if kind_of(st.actor_id) == "person" else st.actor_id
    place = _place_after(content, nm.end(), lex)
    return Action(owner or st.actor_id, st.mention, nm.group().lower(), cls, place, c_start + nm.start(), c_start + nm.end(), None, "action.announced.v1")


# -- dates -----------------------------------------------------------------------------------


def _statement_date(sent: Sentence, dates: list[DateMention], anchor: int, c_start: int, c_end: int) -> list[DateMention]:
    """A date that governs the act of saying: before what is said, sentence-initial, or after the
    verb when what is said (a quote) came first."""
    out = []
    for d in dates:
        rel_s, rel_e = d.char_start - sent.start, d.char_end - sent.start
        if c_end <= anchor and rel_s >= anchor:
            out.append(d)
        elif rel_e <= c_start + 25 and not (c_start <= rel_s < c_end) or rel_s < _SENT_START_DATE and rel_s <= anchor:
            out.append(d)
        elif 0 <= rel_s - anchor <= 40:
            out.append(d)
    return out[:1]


def _action_dates(sent: Sentence, dates: list[DateMention], lo: int, hi: int) -> list[DateMention]:
    """Dates of a deed: those after it in its sentence, else those before it; a list keeps all its items."""
    after = [d for d in dates if lo <= d.char_start - sent.start < hi + 80]
    before = [d for d in dates if d.char_start - sent.start < lo]
    own = after or before
    if not own:
        return []
    last = own[-1] if own is before else own[0]
    return [d for d in own if d.precision == last.precision]


# -- stage -------------------------------------------------------------------------------------


def _event_id(doc_id: str, *parts: object) -> str:
    key = "|".join([doc_id, *map(str, parts)])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def extract_document(
    doc: dict, registry: Registry, lex: Lexicon | None = None
) -> list[dict]:
    """Events of one document (a DOCUMENTS row as a dict), as EVENTS rows."""
    lex = lex or load_lexicon()
    body: str = doc["body"]
    published: dt.date | None = doc["published"]
    known = registry.mentions(body)
    found = discover(body, registry, known=known)
    local = {a.actor_id: a for a, _ in found}
    mentions = sorted(known + [m for _, ms in found for m in ms])
    mentions = _drop_overlaps(mentions)

    def actor(aid: str):
        found = local.get(aid) or registry.by_id.get(aid)
        if found is None and aid.startswith("group:"):
            found = Actor(aid, aid.removeprefix("group:").replace("_", " "), "group", False)
        return found

    def acting(aid: str) -> str:
        """A state speaks and acts through its government."""
        a = actor(aid)
        if a is not None and a.kind == "state" and f"{aid}_gov" in registry:
            return f"{aid}_gov"
        return aid

    def kind_of(aid: str) -> str:
        a = actor(aid)
        return a.kind if a is not None else "unknown"

    def affiliation_of(aid: str) -> str | None:
        a = actor(aid)
        return a.affiliation[0] if a is not None and a.affiliation else None

    def chain(aid: str) -> list[str]:
        out, cur = [aid], actor(aid)
        while cur is not None and cur.affiliation and cur.affiliation[0] not in out:
            out.append(cur.affiliation[0])
            cur = actor(cur.affiliation[0])
        return out

    def bloc(aid: str) -> str:
        return chain(aid)[-1]

    def country(aid: str) -> str:
        for x in chain(aid):
            if x in registry:
                return registry.country(x)
            a = actor(x)
            if a is not None and a.country:
                return a.country
        return ""

    try:
        dates = tag_dates(body, published) if published is not None else []
    except Exception:  # the tagger never should raise; an article is still worth its events
        dates = []
    if published is not None:
        p_start, p_end, p_prec = publication_interval(published)
    else:
        p_start, p_end, p_prec = None, None, "unknown"
    state = _DocState()
    rows: list[dict] = []
    for sent in sentences(body):
        s_mentions = [
            Mention(m.start - sent.start, m.end - sent.start, m.text, m.actor_id)
            for m in mentions
            if sent.start <= m.start and m.end <= sent.end
        ]
        s_dates = [d for d in dates if sent.start <= d.char_start < sent.end]
        denied: list[tuple[int, int]] = []
        speaker: Mention | None = None
        produced: list[tuple[str, tuple, list[DateMention]]] = []
        for st, c_start, c_end in statements(sent, s_mentions, state, kind_of, lex):
            if st.stance == "assert" and _accuses(st.actor_id, sent.text[c_start:c_end], c_start, s_mentions, bloc, kind_of, lex):
                st = st._replace(stance="claim")
            if st.stance in {"deny"}:
                denied.append((c_start, c_end))
            if not any(p[0] == "statement" and p[1].actor_id == st.actor_id and p[1].stance == st.stance for p in produced):
                when = _statement_date(sent, s_dates, st.anchor, c_start, c_end)
                if not when and state.last_date is not None and state.last_date[0] == st.actor_id and state.last_date[1] >= sent.index - 2:
                    when = [state.last_date[2]]
                if when:
                    state.last_date = (st.actor_id, sent.index, when[0])
                produced.append(("statement", st, when))
            speaker = next((m for m in s_mentions if m.actor_id == st.actor_id), speaker) or Mention(0, 0, st.mention, st.actor_id)
            ann = _announced(st, sent.text[c_start:c_end], c_start, sent.text, affiliation_of, kind_of, lex)
            if ann is not None:
                produced.append(("action", ann, _action_dates(sent, s_dates, ann.anchor, ann.end)))
        if speaker is None and state.last_speaker is not None and _quotes(sent.text):
            speaker = state.last_speaker
        seen_actions = {(p[1][0], p[1][3]) for p in produced if p[0] == "action"}
        found_actions = list(actions(sent, s_mentions, denied, speaker, state, kind_of, affiliation_of, lex))
        found_actions += list(noun_actions(sent, s_mentions, denied, kind_of, lex))
        for act in found_actions:
            if speaker is not None and act.reported_by is None and speaker.actor_id != act.actor_id:
                act = act._replace(reported_by=speaker.text)
            key = (act.actor_id, act.action_class)
            if key in seen_actions:
                continue
            seen_actions.add(key)
            produced.append(("action", act, _action_dates(sent, s_dates, act.anchor, act.end)))
        subj = _subject(sent.text, 0, len(sent.text), s_mentions)
        if subj is not None:
            state.note(subj, kind_of(subj.actor_id))
        state.seen += [(m, kind_of(m.actor_id)) for m in s_mentions]
        state.seen += [(Mention(0, 0, rec.mention, rec.actor_id), "group") for k, rec, _ in produced if rec.actor_id.startswith("group:")]
        for kind, rec, when in produced:
            rec = rec._replace(actor_id=acting(rec.actor_id))
            if rec.actor_id.startswith("group:") and rec.actor_id not in local:
                local[rec.actor_id] = Actor(rec.actor_id, rec.mention, "group", bool(_OFFICIAL_GROUP.search(rec.mention)))
            a = actor(rec.actor_id)
            spans = when or [None]
            for d in spans:
                if d is not None:
                    ds, de, prec, dtext = d.date_start, d.date_end, d.precision, d.text
                else:
                    ds, de, prec, dtext = p_start, p_end, p_prec, None
                rows.append(
                    {
                        "event_id": _event_id(doc["doc_id"], sent.index, kind, rec.actor_id, rec.cue, rec.anchor, dtext),
                        "doc_id": doc["doc_id"],
                        "doc_path": doc["path"],
                        "sentence": sent.index,
                        "char_start": sent.start,
                        "char_end": sent.end,
                        "text": sent.text,
                        "kind": kind,
                        "actor": a.name if a is not None else rec.mention,
                        "actor_id": rec.actor_id,
                        "actor_mention": rec.mention,
                        "official": bool(a.official) if a is not None else False,
                        "bloc": bloc(rec.actor_id),
                        "country": country(rec.actor_id),
                        "chain": chain(rec.actor_id),
                        "stance": rec.stance if kind == "statement" else None,
                        "polarity": rec.polarity if kind == "statement" else "positive",
                        "cue": rec.cue,
                        "action_class": rec.action_class if kind == "action" else _content_class(sent.text, lex),
                        "place": rec.place if kind == "action" else _content_place(sent.text, lex),
                        "quote": rec.quote if kind == "statement" else None,
                        "reported_by": rec.reported_by,
                        "date_start": ds,
                        "date_end": de,
                        "date_precision": prec,
                        "date_text": dtext,
                        "extractor": f"{rec.extractor}",
                    }
                )
    return rows


def _content_class(text: str, lex: Lexicon) -> str | None:
    m = lex.action_noun.search(text) or lex.action_verb.search(text)
    if m is None:
        return None
    w = m.group().lower()
    return lex.class_of.get(f"n:{w}") or lex.class_of.get(w)


def _content_place(text: str, lex: Lexicon) -> str | None:
    return _place_after(text, 0, lex)


def _place_after(text: str, pos: int, lex: Lexicon) -> str | None:
    """The first place named (not a demonym) at or after ``pos``."""
    for m in lex.place.finditer(text, pos):
        if m.group().lower() not in lex.demonyms:
            return lex.place_of[m.group().lower()]
    return None


def _drop_overlaps(mentions: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


def extract_events(documents: pl.DataFrame, *, registry: Registry | None = None) -> pl.DataFrame:
    """The EVENTS frame of a DOCUMENTS frame.

    Examples
    --------
    >>> import datetime as dt
    >>> docs = pl.DataFrame([{"doc_id": "d1", "path": "a.txt", "title": "", "outlet": "", "url": "",
    ...     "published": dt.date(2024, 12, 5), "body": "Iraqi MP Jane Roe denied the reports on Wednesday."}],
    ...     schema=DOCUMENTS)
    >>> extract_events(docs).select("actor", "kind", "stance", "date_start").row(0)
    ('Jane Roe', 'statement', 'deny', datetime.date(2024, 12, 4))
    """
    require(documents, DOCUMENTS, stage="extract_events")
    registry = registry or load_registry()
    lex = load_lexicon()
    rows: list[dict] = []
    for doc in documents.iter_rows(named=True):
        rows += extract_document(doc, registry, lex)
    if not rows:
        return empty(EVENTS)
    return pl.DataFrame(rows, schema=EVENTS).unique(subset="event_id", keep="first", maintain_order=True)
