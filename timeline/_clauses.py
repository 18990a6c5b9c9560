"""Clauses, subjects, quotes and who was last spoken of: the shared parsing of the extractors."""

from __future__ import annotations

import functools
import re

from timeline._data import lexicon
from timeline.actors import ROLE_WORD, Mention
from timeline.dates import DateMention

_QUOTE = re.compile(r"“[^”]*”?|\"[^\"]*\"?")
_PRONOUN = re.compile(r"\b(?:he|she|they|it|we)\b", re.I)
_DESCRIPTOR = re.compile(
    r"\b(?:the|this|that|these|those)\s+(?:(?:[a-z]+|\d+)\s+){0,2}(?:ministry|government|minister|official|spokes\w+|"
    r"committee|lawmakers?|mp|militia|group|army|president|prime minister|leader|commander|faction|agency|office|"
    r"country|countries|nations|allies|partners|states|kremlin|junta|authorities|council|parliament|forces|military|"
    r"rebels|fighters|envoy|ambassador|diplomat|officer|general|colonel|senator|chief)\b",
    re.I,
)
PREP_BEFORE = re.compile(
    r"(?:\b(?:of|in|at|with|for|from|to|by|on|about|against|over|into|toward|towards|than|between|among|"
    r"within|amid|after|before|during|under|per|like|including|whom|which)\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+|"
    r"his\s+|her\s+)?(?:[\w'’-]+\s+){0,3})$",
    re.I,
)
CLAUSE_BREAK = re.compile(r";|:|\bthat\b|\bwhile\b|\bwhereas\b|\bbut\b|\bafter\b|,\s*as\b|\bwhen\b|\bwho\b|\bwhich\b|[”\"],?")
MODAL_NEG = re.compile(
    r"\b(?:not|never|no|cannot|can't|won't|wouldn't|couldn't|shouldn't|didn't|hasn't|haven't|hadn't|"
    r"can|could|would|should|might|may|must|if|unless|whether|any|refused to|refuse to|threatened to|"
    r"plans? to|aims? to|wants? to|ready to|readiness to|willing to|without)\b",
    re.I,
)
# "this deployment", "such attacks": a deed the text reported before
REFERRED_BACK = re.compile(r"\b(?:this|that|these|those|such)\s+(?:[\w-]+\s+)?$", re.I)
PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+ly\s+)?$", re.I)
AGENT_AFTER = re.compile(r"^\s*(?:[\w'’,-]+\s+){0,6}?(?:by|of)\s+(?:the\s+)?", re.I)
FIRST_PERSON = re.compile(r"\b(?:we|our|us)\b", re.I)


_CIRCUMSTANCE = re.compile(
    r"\b(?:despite|amid|in spite of|contrary to|although|though|even as|after|following|because of|warnings?\s+that|"
    r"fears?\s+that|concerns?\s+that)\b",
    re.I,
)


def without_circumstance(text: str) -> str:
    """What is said without its clauses of circumstance or contrast, which are often others' words or the
    reporter's: "despite X's promise, there was no withdrawal" keeps "there was no withdrawal"; "would go
    despite warnings that it not act alone" keeps "would go".

    Examples
    --------
    >>> without_circumstance("Despite the promise, no troops left.")
    ' no troops left.'
    """
    m = _CIRCUMSTANCE.search(text)
    if m is None:
        return text
    comma = text.find(",", m.end())
    return text[: m.start()] + (without_circumstance(text[comma + 1 :]) if comma != -1 else "")


def in_any(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def quote_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _QUOTE.finditer(text) if m.end() - m.start() > 2]


_ASIDE = re.compile(r",\s+(?:which|who|whose)\b(?:[^,]|,(?=\d))*,|\s[-–—]\s[^-–—]{1,80}\s[-–—]\s|\([^)]{0,120}\)")


@functools.lru_cache(maxsize=64)
def aside_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Relative clauses between commas, dashed and bracketed insertions: no clause starts inside them.
    A sentence is asked for them once per clause looked for, so the last few sentences' are kept."""
    return tuple((m.start(), m.end()) for m in _ASIDE.finditer(text))


def clause_start(text: str, end: int, quotes: list[tuple[int, int]]) -> int:
    start = 0
    asides = aside_spans(text)
    for m in CLAUSE_BREAK.finditer(text, 0, end):
        if in_any(m.start(), quotes) and not text[m.start()] in "”\"":
            continue
        if in_any(m.start(), asides) and not any(s <= m.start() and e >= end for s, e in asides):
            continue
        start = m.end()
    return start


_ROLE_GAP = re.compile(r"\s*(?:['’]s\s+)?(?:[a-z][\w-]*\s+){0,4}(?:[A-Z][a-z]+\.?\s+)?")


_TITLE_GAP = re.compile(r"\s*(?:['’]s\s+)?(?:(?:deputy|acting|former|top|chief|senior)\s+)?(?:" + ROLE_WORD.pattern + r")\s+", re.I)


def subject_of(text: str, lo: int, hi: int, mentions: list[Mention]) -> Mention | None:
    """The subject of the clause text[lo:hi]: its first mention that is no prepositional object.

    In "the European Union's foreign policy chief Jane Roe", the head is the last name of the chain.
    """
    asides = [a for a in aside_spans(text) if a[0] >= lo]
    inside = [m for m in mentions if m.start >= lo and m.end <= hi]
    for i, m in enumerate(inside):
        if in_any(m.start, asides):
            continue
        before = text[lo : m.start]
        if PREP_BEFORE.search(before):
            continue
        while i + 1 < len(inside):
            gap = text[inside[i].end : inside[i + 1].start]
            # "the ministry's spokesman Jane Roe", "Iraq's defence minister Jane Roe": the name is the head
            last = inside[i].text.split()[-1]
            titled = not gap.strip() and (last.islower() or ROLE_WORD.fullmatch(last)) and inside[i + 1].text[:1].isupper()
            if _TITLE_GAP.fullmatch(gap):
                # "US Secretary of State John Kerry": a title between the state and the name
                i += 1
                continue
            if not (_ROLE_GAP.fullmatch(gap) and (re.search(r"[a-z]", gap) and ROLE_WORD.search(gap) or titled)) or (
                PREP_BEFORE.search(gap) or " and " in gap
            ):
                break
            i += 1
        return inside[i]
    return None


COLLECTIVE = "|".join(re.escape(w) for w in lexicon("core")["collectives"])
GROUP_NP = re.compile(
    rf"(?:(?:a|an|the|some|several|many|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    rf"fourteen|fifteen|sixteen|twenty|dozens of|hundreds of|\d+)\s+)(?:[\w'’-]+\s+){{0,4}}?(?:{COLLECTIVE})\b"
    rf"|(?:(?-i:[A-Z])[\w'’-]*\s+(?:[\w'’-]+\s+)?)?(?:{COLLECTIVE})\b(?:\s+(?:near|in|from|of)\s+(?-i:[A-Z])[\w'’-]+)?",
    re.I,
)
OFFICIAL_GROUP = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in lexicon("core")["official_collectives"]) + r")\b", re.I)
_NP_END = re.compile(
    r"\s+(?:on|in|at|late|earlier|this|last|yesterday|today|also|have|has|had|were|was|jointly|speaking|who|\w+ly)\b"
    r"|,(?!\s*(?:and|as\s+well\s+as)\s+(?-i:[A-Z]))|[;(]|\s[-–—]\s",
    re.I,
)


_NUMBER_WORDS = {
    w: str(i)
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
        "eighteen nineteen twenty".split()
    )
}
_GROUP_LEAD = re.compile(
    r"^(?:(?:a|an|the|some|about|around|nearly|almost|roughly|at\s+least|more\s+than|over|up\s+to)\s+)*"
    r"(?:(?:group|coalition|number|bloc|handful)\s+of\s+)?(?=\S)",
    re.I,
)


def group_name(phrase: str) -> str:
    """The name of a counted group: the phrase without its article or hedge, the count in words up to
    nine and in digits above, as news style writes it. So "Fifteen Western countries", "some 15 Western
    countries" and "a group of 15 Western countries" are one group.

    Examples
    --------
    >>> group_name("some fifteen Western countries"), group_name("A group of 15 Western countries")
    ('15 Western countries', '15 Western countries')
    >>> group_name("2 officials"), group_name("Two officials")
    ('2 officials', 'Two officials')
    >>> group_name("the ministry"), group_name("Iraqi lawmakers")
    ('the ministry', 'Iraqi lawmakers')
    """
    rest = phrase[_GROUP_LEAD.match(phrase).end() :]
    words = rest.split()
    if len(words) < 2:
        return phrase
    count = _NUMBER_WORDS.get(words[0].lower()) or (words[0] if words[0].isdigit() else None)
    if count is None:
        # only a counted group loses its article: "the ministry" stays as it is
        return phrase
    if int(count) < 10:
        # the words of the text: "Two officials" and "2 officials" are each as written
        return " ".join(words)
    return " ".join([count, *words[1:]])


def group_mention_of(start: int, phrase: str) -> Mention:
    """An unnamed group or source as an actor of its own: ``group:`` and its :func:`group_name` as an id.

    Examples
    --------
    >>> group_mention_of(0, "Fifteen Western countries").actor_id
    'group:15_western_countries'
    """
    key = group_name(phrase)
    return Mention(start, start + len(phrase), phrase, "group:" + re.sub(r"[^a-z0-9]+", "_", key.lower()).strip("_"))


def group_mention(text: str, lo: int, hi: int, first: Mention | None) -> Mention | None:
    """A subject that names several actors or a collective: "France and its allies", "Fifteen Western countries"."""
    region = text[lo:hi]
    # "However, both Moscow and Pyongyang …": a linking word and "both" are no part of the subject
    lead = re.match(r"\s*(?:(?:but|and|however|meanwhile|yet|still)\s*,?\s+)?(?:(?:on|in|at|late|earlier)\s+[\w ,]{1,30}?,\s*)?"
                    r"(?:both\s+)?", region, re.I)
    start = lo + (lead.end() if lead else 0)
    if first is not None and first.start == start:
        tail = text[first.end : hi]
        # "France and its allies", "Russia, China and Iran": a list of names joined by "and"
        if not re.match(r"(?:\s*,\s*(?-i:[A-Z])[\w'’.-]*(?:\s+(?-i:[A-Z])[\w'’.-]*){0,3})*,?\s+"
                        r"(?:and|as well as|together with|along with)\s+\S", tail):
            return None
    else:
        g = GROUP_NP.match(text, start, hi)
        if g is None or first is not None and first.start < g.end() <= first.end + 1:
            return None
    end_m = _NP_END.search(text, (first.end if first is not None and first.start == start else start) + 1, hi)
    end = end_m.start() if end_m else hi
    phrase = text[start:end].strip()
    if not phrase or len(phrase) > 90 or len(phrase.split()) < 2 and not GROUP_NP.fullmatch(phrase):
        return None
    return group_mention_of(start, phrase)


_ORG_NP = re.compile(
    r"(?:[Tt]he\s+)?(?P<name>[A-Z]{2,6}\b|[A-Z][\w'’.-]*(?:\s+(?:(?:for|of|on|and|de|al|the)\s+)?[A-Z][\w'’.-]*){1,7})"
    r"(?=\s*,\s+(?:a|an|the)\s|\s+(?:has|have|had|on|in|late|also|said|says|told|denied|warned|claimed|reported|"
    r"accused|confirmed|announced|rejected|stated|added)\b)"
)
_NOT_ORG = re.compile(r"^(?:But|And|However|Meanwhile|On|In|At|Earlier|Later|When|While|After|Before|The|A|An|This|That)$")


def organisation_mention(text: str, lo: int, hi: int) -> Mention | None:
    """A named organisation the registry does not know, as the subject of its clause:
    "the Syrian Observatory for Human Rights, a Britain-based monitor, said …"."""
    region = text[lo:hi]
    lead = re.match(r"\s*(?:(?:but|and|however|meanwhile|yet)\s*,?\s+)?", region, re.I)
    m = _ORG_NP.match(text, lo + (lead.end() if lead else 0))
    if m is None or m.end("name") > hi or _NOT_ORG.match(m.group("name").split()[0]) and len(m.group("name").split()) < 3:
        return None
    name = m.group("name")
    if name.split()[0] in {"But", "And", "However", "Meanwhile"}:
        return None
    start = m.start("name")
    return Mention(start, start + len(name), name, "org:" + re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_"))


_BY_STATEMENT = re.compile(r"\s+(?:in\s+)?(?:a|the)\s+(?:\w+\s+)?statement\s+(?:signed|issued|released|published|sent)\s+by\s+")


def speaker_after_cue(text: str, cue: re.Match, mentions: list[Mention]) -> Mention | None:
    """"“…,” said X" — the mention right after the cue; "said a statement signed by X" — X."""
    by = _BY_STATEMENT.match(text, cue.end())
    if by is not None:
        chain = [m for m in mentions if m.start >= by.end()]
        if chain and chain[0].start - by.end() <= 40:
            return subject_of(text, by.end(), len(text), chain)
    for m in mentions:
        if m.start >= cue.end() and m.start - cue.end() <= 25 and not PREP_BEFORE.search(text[cue.end() : m.start]):
            if re.match(r"^[\s,]*(?:the\s+|a\s+)?(?:[\w'’-]+\s+){0,3}$", text[cue.end() : m.start]):
                return m
    return None


class DocState:
    """What a document has said so far: who spoke last, and every actor mentioned, by kind."""

    def __init__(self, country_of=lambda actor_id: "", state_of_demonym: dict[str, str] | None = None) -> None:
        self.last_speaker: Mention | None = None
        self.last_subject: Mention | None = None
        self.last_org: Mention | None = None
        self.last_person: Mention | None = None
        self.seen: list[tuple[Mention, str]] = []
        self.last_date: tuple[str, int, DateMention] | None = None
        # the state an actor belongs to, and the state a demonym names ("the Russian diplomat")
        self.country_of = country_of
        self.state_of_demonym = state_of_demonym or {}

    def note(self, m: Mention, reg_kind: str) -> None:
        self.last_subject = m
        if reg_kind == "person":
            self.last_person = m
        else:
            self.last_org = m

    def last_of(self, kinds: frozenset[str], country: str = "", recent: list[tuple[Mention, str]] = ()) -> Mention | None:
        """The last actor of these kinds (of that state) named: in ``recent`` (earlier in the sentence), then before."""
        for m, k in [*reversed(recent), *reversed(self.seen)]:
            if k in kinds and (not country or self.country_of(m.actor_id) == country):
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
    (re.compile(r"intelligence|spy agency", re.I), frozenset({"intelligence"})),
    (re.compile(r"agency|newspaper|outlet|channel|broadcaster", re.I), frozenset({"media"})),
    (re.compile(r"minister|official|spokes|president|leader|commander|lawmaker|\bmp\b|envoy|ambassador|diplomat|officer|"
                r"general|colonel|senator|chief", re.I), frozenset({"person"})),
]


_PLURAL_STATES = re.compile(r"\b(?:countries|nations|allies|partners|states|powers|governments)\b", re.I)


def pronoun_subject(text: str, lo: int, hi: int, state: DocState, kind_of, recent: list[Mention] = ()) -> Mention | None:
    """Whom a pronoun or a description ("the group", "the Russian diplomat") in text[lo:hi] stands for; "he",
    "she" or a description may take an actor named earlier in the same sentence (``recent``)."""
    region = text[lo:hi]
    named = [(m, kind_of(m.actor_id)) for m in recent]
    d = _DESCRIPTOR.search(region)
    p = _PRONOUN.search(region)
    if p and (d is None or p.start() < d.start()):
        word = p.group().lower()
        if word in {"he", "she"}:
            # "Putin said …, the first time he has admitted it": the person the sentence opened with
            first = next((m for m, k in named if k == "person"), None)
            return first or state.last_person or state.last_of(frozenset({"person"})) or state.last_speaker
        if word == "it":
            return state.last_org or state.last_subject
        return state.last_speaker or state.last_subject
    if d:
        noun = d.group()
        # "the Russian diplomat": someone of that state
        country = next((state.state_of_demonym[w] for w in noun.lower().split() if w in state.state_of_demonym), "")
        if _PLURAL_STATES.search(noun):
            # "the 15 countries", "these allies": a group named before, before any single state
            found = state.last_of(frozenset({"group"}), country, named)
            if found is not None:
                return found
        for pattern, kinds in _DESCRIPTOR_KINDS:
            if pattern.search(noun):
                found = state.last_of(kinds, country, named)
                if found is not None:
                    return found
                break
        return None
    return None
