"""Actions: reported deeds with their doer, class and place."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from timeline._clauses import (
    AGENT_AFTER,
    FIRST_PERSON,
    MODAL_NEG,
    PASSIVE,
    PREP_BEFORE,
    REFERRED_BACK,
    DocState,
    clause_start,
    in_any,
    pronoun_subject,
    quote_spans,
    subject_of,
)
from timeline._data import lexicon
from timeline._statements import Statement
from timeline.actors import Mention
from timeline.lexicon import Lexicon, place_after
from timeline.text import Sentence


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


def actions(
    sent: Sentence,
    mentions: list[Mention],
    denied: list[tuple[int, int]],
    speaker: Mention | None,
    state: DocState,
    kind_of,
    affiliation_of,
    lex: Lexicon,
) -> Iterator[Action]:
    """Reported deeds in one sentence, each with its agent."""
    text = sent.text
    quotes = quote_spans(text)
    named = [(m.start, m.end) for m in mentions]
    for trig in lex.action_verb.finditer(text):
        phrase = trig.group().lower()
        if in_any(trig.start(), denied) or in_any(trig.start(), named):
            continue
        if lex.reporting.match(text, trig.start()):
            # 'asks "to be judged by deeds"': the verb reports a quote, it is no deed
            continue
        before = text[max(0, trig.start() - 45) : trig.start()]
        clause_lo = clause_start(text, trig.start(), [q for q in quotes if not in_any(trig.start(), [q])])
        said = [c.end() for c in lex.reporting.finditer(text, 0, trig.start()) if not in_any(c.start(), quotes)]
        said += [c.end() for c in _COGNITION.finditer(text, 0, trig.start()) if not in_any(c.start(), quotes)]
        said.sort()
        if said and said[-1] > clause_lo:
            clause_lo = said[-1]
        near = text[max(clause_lo, trig.start() - 45) : trig.start()]
        if MODAL_NEG.search(near):
            continue
        chosen = CHOSEN.search(text[: trig.start()])
        if chosen is None and (
            re.search(r"\b(?:to|the|a|an|its|their|his|her|of|own|to\s+help)\s+$", before, re.I) and " " not in phrase
            or re.search(r"\w['’]s\s+$", before)
        ):
            # an infinitive or a noun use ("to deploy", "to help repel", "the strike", "Iran's supply") reports no deed
            continue
        absolute = None
        if re.match(r"\w+ing\b", phrase) and not re.search(r"\b(?:is|are|was|were|been|be|has been|have been)\s+(?:\w+ly\s+)?$", before, re.I):
            # "…, with Egypt backing the army and the UAE providing support for the RSF": the named doer just before
            absolute = next((m for m in mentions if m.end <= trig.start() and not text[m.end : trig.start()].strip()
                             and _WITH.search(text, clause_lo, m.start)), None)
            # "accused the Lebanese group Hezbollah of carrying out the attack": the one accused
            absolute = absolute or next((m for m in mentions if _OF_DOING.fullmatch(text, m.end, trig.start())
                                         and _ACCUSED.search(text, max(0, m.start - 60), m.start)), None)
            if absolute is None and not _GERUND_OF.search(text[clause_lo : trig.start()]):
                continue
        in_quote = in_any(trig.start(), quotes)
        agent = absolute
        if chosen is not None:
            agent = next((m for m in mentions if m.start == chosen.start("doer")), None)
        role = _GERUND_OF.search(text[clause_lo : trig.start()]) if re.match(r"\w+ing\b", phrase) else None
        if role is not None:
            pos = clause_lo + role.start("agent")
            agent = next((m for m in mentions if m.start == pos), None)
        if agent is None and PASSIVE.search(before):
            after = text[trig.end() : trig.end() + 120]
            am = AGENT_AFTER.match(after)
            if am:
                pos = trig.end() + am.end()
                # the head after "by": "by Turkish troops", "by the army of Chad", not "by protesters in Libya"
                agent = next((m for m in mentions if pos <= m.start <= pos + 25
                              and not PREP_BEFORE.search(text, pos, m.start)), None)
            if agent is None and _BY_AGENT.match(after):
                # "Putin was asked by reporters": the doer is the one after "by", whom the registry does not know;
                # the subject is who it was done to
                continue
        if agent is None:
            agent = subject_of(text, clause_lo, trig.start(), mentions)
        if agent is None and trig.start() - clause_lo <= 20 and _WHO.search(text, 0, clause_lo):
            # "Colonel Jane Roe, who took office in June": the head of the relative clause did it
            head = _WHO.search(text, 0, clause_lo).start()
            agent = next((m for m in mentions if m.end == head), None)
        if agent is None:
            # "cargo flights from Abu Dhabi delivered …", "fighters of the group captured …", "planes carrying
            # Russian instructors arrived …"
            agent = next(
                (m for m in mentions if clause_lo <= m.start < trig.start() and _ORIGIN.fullmatch(text, clause_lo, m.start)),
                None,
            )
        own_people = speaker is not None and (
            in_quote and FIRST_PERSON.search(text[clause_lo : trig.start()]) or _THEIR_PEOPLE.search(text[clause_lo : trig.start()])
        )
        if agent is None and own_people:
            owner = affiliation_of(speaker.actor_id) if kind_of(speaker.actor_id) == "person" else speaker.actor_id
            agent = Mention(speaker.start, speaker.end, speaker.text, owner or speaker.actor_id)
        if agent is None and _IT.match(text, clause_lo, trig.start()):
            # "… that the Rwandan army intervened, and that it had supported the group": the last subject in the sentence
            agent = _last_subject(text, clause_lo, mentions, kind_of)
        if agent is None:
            agent = pronoun_subject(text, clause_lo, trig.start(), state, kind_of)
            if agent is not None and kind_of(agent.actor_id) == "media":
                agent = None
        if agent is None or kind_of(agent.actor_id) == "media":
            continue
        place = place_after(text, trig.end(), lex) or place_after(text, 0, lex)
        reported_by = speaker.text if speaker is not None and speaker.actor_id != agent.actor_id else None
        cls = lex.deed_class(phrase)
        yield Action(agent.actor_id, agent.text, phrase, cls, place, trig.start(), trig.end(), reported_by, "action.verb.v1")
        if cls in lex.mutual:
            with_ = re.compile(r"\s+(?:[\w'’-]+\s+){0,4}?with\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}?$")
            partner = next(
                (m for m in mentions if trig.end() < m.start <= trig.end() + 80 and with_.fullmatch(text, trig.end(), m.start)),
                None,
            )
            if partner is not None and partner.actor_id != agent.actor_id and kind_of(partner.actor_id) != "media":
                yield Action(partner.actor_id, partner.text, phrase, cls, place, trig.start(), trig.end(), reported_by, "action.partner.v1")


_IT = re.compile(r"\s*(?:it|they)\s+", re.I)
_COGNITION = re.compile(r"\b(?:" + "|".join(map(re.escape, lexicon("core").get("cognition_verbs", []))) + r")\b", re.I)


def _last_subject(text: str, before: int, mentions: list[Mention], kind_of) -> Mention | None:
    """The last actor before ``before`` in the sentence that is no prepositional object, a person or a medium."""
    for m in reversed([m for m in mentions if m.end <= before]):
        if kind_of(m.actor_id) in {"person", "media"} or PREP_BEFORE.search(text[max(0, m.start - 40) : m.start]):
            continue
        if re.search(r"[”\"]\s*$", text[: m.start]) or re.match(r"['’]s\b", text[m.end :]):
            continue
        return m
    return None


_WHO = re.compile(r"\s*,?\s+who\s*$")
_BY_AGENT = re.compile(r"\s+by\s+(?!far\b|then\b|now\b|land\b|sea\b|air\b|road\b|\d)", re.I)
_OF_DOING = re.compile(r"\s+of\s+(?:having\s+)?")
_ACCUSED = re.compile(r"\b(?:accus\w*|blam\w*|suspect\w*|convict\w*|charg\w*)\s+(?:[\w'’-]+\s+){0,4}?$", re.I)
_WITH = re.compile(r"\bwith\s+(?:[\w'’-]+\s+){0,8}?(?:the\s+|neighbouring\s+|neighboring\s+)?$", re.I)
_ORIGIN = re.compile(r"\s*(?:the\s+|a\s+)?(?:[\w'’-]+\s+){0,4}?(?:from|of|carrying|transporting|bringing)\s+(?:the\s+)?", re.I)
_THEIR_PEOPLE = re.compile(
    r"^\s*(?:its|their|his|her)\s+(?:own\s+)?(?:\w+\s+)?(?:fighters|forces|troops|units|men|members|militants|soldiers|"
    r"jets|drones|aircraft|ships|convoys)\b",
    re.I,
)
# "the decision of X to deploy": a deed X chose, with X as its doer
CHOSEN = re.compile(
    r"\b(?:decision|choice|move|resolve)\s+(?:of|by)\s+(?:the\s+)?(?P<doer>[A-Z][\w'’ -]{1,60}?)\s+to\s+(?:[\w-]+\s+){0,8}?$"
)
_WANTED = re.compile(
    r"\b(?:request\w*|ask\w*|call\w* for|demand\w*|urg\w*|propos\w*|potential|possible|planned|prospect of|"
    r"threat\w* of|consider\w*|discuss\w*|seek\w*|sought|prevent\w*|avert\w*|avoid\w*|stop\w*|halt\w*|block\w*|deter\w*|"
    r"forestall\w*)\b",
    re.I,
)
_GERUND_OF = re.compile(
    r"\b(?:involvement|role|part|participation|hand)\s+of\s+(?:the\s+)?(?P<agent>[A-Z][\w'’ -]{1,60}?)\s+in\s+$"
)
_SENT_FROM = re.compile(r"\s+of\s+(?:[\w'’-]+\s+){1,6}?from\s+(?:the\s+)?")
_NOUN_AGENT = re.compile(
    r"\s+(?:(?:were|was|had been|have been|has been|being)\s+(?:\w+ly\s+)?\w+(?:ed|en|wn|t)\s+)?(?:of|by|from)\s+"
    r"(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,2}?$"
)


def noun_actions(sent: Sentence, mentions: list[Mention], denied: list[tuple[int, int]], kind_of, lex: Lexicon) -> Iterator[Action]:
    """Deeds named by a noun with their doer: "the deployment of X", "visits by X", "X's deployment"."""
    text = sent.text
    for nm in lex.action_noun.finditer(text):
        if in_any(nm.start(), denied):
            continue
        clause_lo = clause_start(text, nm.start(), [])
        if MODAL_NEG.search(text[max(clause_lo, nm.start() - 30) : nm.start()]):
            continue
        if _WANTED.search(text[max(clause_lo, nm.start() - 80) : nm.start()]):
            continue
        agent = None
        owner = False
        cls = lex.noun_class(nm.group())
        for m in mentions:
            if m.start >= nm.end() and m.start - nm.end() <= 40 and _NOUN_AGENT.match(text[nm.end() : m.start]):
                agent = m
                break
            if m.end <= nm.start() and re.fullmatch(r"['’]s\s+(?:\w+\s+)?", text[m.end : nm.start()]):
                agent, owner = m, True
                break
            if cls == "AID" and m.start >= nm.end() and _SENT_FROM.fullmatch(text, nm.end(), m.start):
                # "a shipment of drones from Tehran": the sender
                agent = m
                break
        if agent is None or kind_of(agent.actor_id) == "media" or kind_of(agent.actor_id) == "state" and not owner:
            # a state after the noun is as often a place ("the deployment of troops in Mali") as a doer;
            # "Iran's supply of drones" is a deed of the state
            continue
        place = place_after(text, nm.end(), lex)
        yield Action(agent.actor_id, agent.text, nm.group().lower(), cls, place, nm.start(), nm.end(), None, "action.noun.v1")


# "videos showing Russian mercenaries in X", "Turkish soldiers were spotted near Y": armed people seen somewhere
_SEEN_BEFORE = re.compile(r"\b(?:showing|shows|showed|shown|depicting|depicts|depicted|featuring|of)\s+(?:the\s+|armed\s+)?$", re.I)
_SEEN_AFTER = re.compile(
    r"\s+(?:(?:were|was|have\s+been|has\s+been|had\s+been)\s+(?:\w+ly\s+)?(?:spotted|seen|filmed|photographed|sighted|"
    r"observed)\s+)?(?:in|at|near|inside|around|on\s+the\s+outskirts\s+of)\s+",
    re.I,
)
_PLACE_HEAD = re.compile(r"(?:the\s+)?(?:(?:north|south|east|west|central|northern|southern|eastern|western|"
                         r"north-?eastern|north-?western|south-?eastern|south-?western)\s+)?")
_SEEN_MEDIA = re.compile(r"\b(?:videos?|footage|images?|photos?|photographs?|pictures?|satellite\s+imagery)\b", re.I)
_ARMED_KINDS = frozenset({"military", "armed_group", "militia"})


def sightings(sent: Sentence, mentions: list[Mention], denied: list[tuple[int, int]], kind_of, lex: Lexicon) -> Iterator[Action]:
    """Armed people seen somewhere: "videos showing Russian mercenaries in Burkina Faso", "Turkish soldiers
    were spotted near the border": their presence there (a deployment)."""
    text = sent.text
    for m in mentions:
        if kind_of(m.actor_id) not in _ARMED_KINDS or in_any(m.start, denied):
            continue
        after = _SEEN_AFTER.match(text, m.end)
        if after is None:
            continue
        lead = _SEEN_BEFORE.search(text, max(0, m.start - 30), m.start)
        spotted = after.group().strip().split()[0].lower() in {"were", "was", "have", "has", "had"}
        if not spotted and not (lead and _SEEN_MEDIA.search(text, max(0, m.start - 60), m.start)):
            continue
        # the place the preposition governs ("in northern Libya"), whatever verb follows it
        where = _PLACE_HEAD.match(text, after.end())
        found = lex.place.match(text, where.end()) if where else None
        if found is None or found.group().lower() in lex.demonyms:
            continue
        place = lex.place_of[found.group().lower()]
        cue = "seen" if spotted else lead.group().split()[0].lower()
        yield Action(m.actor_id, m.text, cue, "MOBILIZE", place, m.start, after.end(), None, "action.sighting.v1")


def announced(
    st: Statement, content: str, c_start: int, text: str, affiliation_of, kind_of, lex: Lexicon
) -> Action | None:
    """"X announced the deployment of fighters to Y": an action of X's side."""
    if st.stance not in {"assert", "confirm"} or st.cue not in {"announced", "announces", "announce", "confirmed", "confirms", "admitted", "acknowledged"}:
        return None
    nm = lex.action_noun.search(content)
    if nm is None or lex.negation.search(content[: nm.start()]):
        return None
    if REFERRED_BACK.search(content[: nm.start()]):
        # "announced this deployment": a deed reported before, not the speaker's own
        return None
    owner_word = re.search(r"([A-Z][\w'’-]+)\s+(?:[\w-]+\s+)?$", content[: nm.start()])
    owner = owner_word.group(1).lower() if owner_word is not None else ""
    if owner in lex.demonyms or re.sub(r"(?:['’]s?|s['’]?)$", "", owner) in lex.demonyms:
        # "admitted that Russian instructors were deployed", "the Eritreans' presence": the deed is another side's
        return None
    cls = lex.noun_class(nm.group())
    if cls is None:
        return None
    owner = affiliation_of(st.actor_id) if kind_of(st.actor_id) == "person" else st.actor_id
    place = place_after(content, nm.end(), lex)
    return Action(owner or st.actor_id, st.mention, nm.group().lower(), cls, place, c_start + nm.start(), c_start + nm.end(), None, "action.announced.v1")
