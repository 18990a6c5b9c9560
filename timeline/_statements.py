"""Statements: a speaker, a verb of saying and what is said, with its stance."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from timeline._clauses import (
    COLLECTIVE,
    GROUP_NP,
    PREP_BEFORE,
    REFERRED_BACK,
    DocState,
    clause_start,
    group_mention,
    group_mention_of,
    in_any,
    organisation_mention,
    pronoun_subject,
    quote_spans,
    speaker_after_cue,
    subject_of,
    without_circumstance,
)
from timeline._data import lexicon
from timeline.actors import Mention
from timeline.lexicon import Lexicon
from timeline.text import Sentence


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


def _no_deed(content: str, lex: Lexicon) -> bool:
    """"no flights", "no foreign troops": a deed said not to exist."""
    for m in re.finditer(r"\bno\s+", content, re.I):
        word = re.match(r"[\w-]+\s+", content[m.end() :])
        if lex.action_noun.match(content, m.end()) or word and lex.action_noun.match(content, m.end() + word.end()):
            return True
    return False


# "expressed irritation that the delegation was not granted visas": a feeling about what others did
_FEELING = re.compile(
    r"\s*(?:(?:his|her|their|its|deep|strong|grave|serious|great)\s+)?(?:irritation|anger|concern|concerns|regret|frustration|"
    r"dismay|outrage|disappointment|surprise|indignation|alarm|sorrow|sympathy|condolences|hope|satisfaction)\b",
    re.I,
)


# the involvement phrases that deny by themselves ("nothing to do with", "not involved"; not "any role")
_NO_INVOLVEMENT = re.compile(
    r"\b(?:" + "|".join(re.escape(p) for p in lexicon("actions").get("involvement", {}).get("phrases", [])
                         if re.match(r"(?:no|not|nothing)\b", p)) + r")\b", re.I
)


_DEPRIVED = re.compile(
    r"\s+(?:(?:him|her|them|us|me|it|the\s+[\w-]+|[A-Z][\w'’-]+)\s+)?(?:the\s+|an?\s+|any\s+)?(?:[\w-]+\s+)?"
    r"(?:access|entry|permission|visas?|opportunity|chance|bail|asylum|passage|the right|rights|a hearing|treatment|credit|"
    r"landing rights|overflight)\b",
    re.I,
)


def _negated_deed(content: str, lex: Lexicon) -> bool:
    """A negation with a deed in its scope: the deed (or a word of authorising) within a few words after
    it, in the same clause ("has not asked", "will not authorise any intrusion", "cannot deploy"), or a
    phrase that denies involvement ("nothing to do with")."""
    # "would dispatch a convoy despite warnings that Moscow not act alone": a negation in a
    # clause of others' words or of circumstance is not the speaker's
    content = without_circumstance(content)
    if _NO_INVOLVEMENT.search(content):
        return True
    for neg in lex.negation.finditer(content):
        scope = re.split(r"[,;:.!?]|\b(?:but|while|whereas|although|though|until|because|and then)\b", content[neg.end() : neg.end() + 70])[0]
        if lex.deniable.search(scope) or lex.action_verb.search(scope) or lex.action_noun.search(scope):
            return True
    return False


def content_stance(base: str, content: str, sentence: str, lex: Lexicon) -> tuple[str, str]:
    """Stance and polarity of a statement from its verb and what is said."""
    # an idiom ("will not allow", "no doubt") negates nothing, but another negation beside it still does
    neg = bool(lex.negation.search(lex.idiom.sub(" ", content)))
    # "called on Baghdad to prevent the militias' intervention": the deed is one that should not happen
    polarity = "negative" if neg or _AVERTING.search(content) else "positive"
    if base == "deny":
        return "deny", polarity
    quoted = content.lstrip()[:1] in "“\"'"
    if base in {"assert", "confirm"}:
        inner = {lex.stance_of.get(m.group().lower()) for m in lex.reporting.finditer(content)}
        if quoted and "deny" in inner:
            return "deny", polarity
        if _NOT_SO.match(content):
            # "Cambodia says that's not the case": what was said before is denied
            return "deny", "negative"
        self_report = _SELF_REPORT.match(content)
        if self_report is not None and lex.stance_of.get(self_report.group("verb").lower()) == "deny":
            # "said in a statement it “categorically denies the allegations”": the speaker's own denial
            return "deny", polarity
        appeal = _APPEAL.match(content)
        if appeal is not None and not lex.negation.search(lex.idiom.sub(" ", content[appeal.end() :])):
            # "urged the prime minister not to allow …": asks that a deed not happen, denies none
            return base, polarity
        if neg and (_negated_deed(lex.idiom.sub(" ", content), lex) or _no_deed(content, lex)) and not _FEELING.match(content):
            return "deny", polarity
        if base == "assert" and lex.denial_phrase.search(content) and (
            quoted or re.search(r"\b(?:claims?|reports?|allegations?|accusations?|rumou?rs?|speculation)\b", content, re.I)
        ):
            return "deny", polarity
        if base == "assert" and lex.hedge.search(sentence):
            return "claim", polarity
        if base == "assert" and _CONDITIONAL.search(content):
            return "threaten", polarity
    if base == "claim" and neg and lex.deniable.search(content):
        return "claim", polarity
    return base, polarity


# what a body issues in its own name
_ISSUES = r"(?:statement|communiqu[eé]|press\s+release|notice|letter)"
_ISSUED = re.compile(
    rf"\b(?:issued|released|put\s+out|published|posted)\s+(?:a|an)\s+(?:[\w-]+\s+){{0,2}}?{_ISSUES}\s+$",
    re.I,
)
# "the media wing of Pakistan's military", "a spokesman for the ministry": the body speaks through its part
_PART_OF = re.compile(
    r"\s*(?:the|a|an)\s+(?:[\w-]+\s+)?(?:wing|unit|arm|branch|office|spokes(?:man|woman|person)|press\s+service|department|bureau|"
    r"division|representative|delegation|mission|secretariat|headquarters|command|official|fighter|commander|member|"
    r"soldier|officer)\s+(?:of|for|at|in|with|from)\s+(?:the\s+)?$",
    re.I,
)


_SHARED_HEAD = {
    "governments": "government", "authorities": "government", "officials": "government", "leaders": "government",
    "forces": "armed forces", "troops": "army", "armies": "army", "militaries": "military", "parliaments": "parliament",
    "foreign ministries": "foreign ministry", "foreign ministers": "foreign minister", "defence ministries": "defence ministry",
    "defense ministries": "defense ministry",
}
_DEMONYMS_HEAD = re.compile(
    r"(?:the\s+|both\s+)?(?P<dems>[A-Z][\w-]+(?:(?:,\s*(?:and\s+)?|\s+and\s+)[A-Z][\w-]+)+)\s+(?P<head>"
    + "|".join(sorted(map(re.escape, _SHARED_HEAD), key=len, reverse=True)) + r")",
    re.I,
)
_JOINERS = re.compile(r"(?:[\s,]|\band\b|\bas well as\b|\bboth\b|\bthe\b)*", re.I)


def _conjuncts(group: Mention, mentions: list[Mention], state_of_demonym: dict[str, str], organ_of) -> list[Mention] | None:
    """The named actors a coordinated subject is made of, when it is nothing else: "Ethiopia and Eritrea",
    "the Ethiopian and Eritrean governments" (a demonym each, one head). A group with a count or an
    unnamed part ("France and 14 European allies") stays one group."""
    m = _DEMONYMS_HEAD.fullmatch(group.text)
    if m is not None:
        states = [state_of_demonym.get(d.lower()) for d in re.split(r",\s*(?:and\s+)?|\s+and\s+", m.group("dems"))]
        if all(states) and len(set(states)) == len(states):
            role = _SHARED_HEAD[m.group("head").lower()]
            return [Mention(group.start, group.end, group.text, organ_of(sid, role)) for sid in states]
        return None
    inside = [x for x in mentions if group.start <= x.start and x.end <= group.end]
    if len(inside) < 2 or len({x.actor_id for x in inside}) < len(inside):
        return None
    rest, pos = [], group.start
    for x in inside:
        rest.append((pos, x.start))
        pos = x.end
    rest.append((pos, group.end))
    offset = group.start
    if all(_JOINERS.fullmatch(group.text[a - offset : b - offset]) for a, b in rest):
        return inside
    return None


def _part_of(text: str, lo: int, hi: int, mentions: list[Mention]) -> Mention | None:
    for m in mentions:
        if lo <= m.start < hi and _PART_OF.fullmatch(text, lo, m.start):
            return m
    return None


_OUTLET_WORD = re.compile(r"\b(?:Radio|TV|Television|News|Times|Post|Agency|Press|Herald|Journal|Daily|Channel|Network)\b")

_AVERTING = re.compile(r"\b(?:prevent|prevents|preventing|avert|averting|forestall|forestalling|deter|deterring)\b", re.I)
_NOT_SO = re.compile(r"\s*(?:that\s+)?(?:that|this|it|these|those)(?:['’]s|\s+is|\s+was|\s+are|\s+were)\s+(?:simply\s+|just\s+)?"
                     r"(?:not|never)\s+(?:the\s+case|true|correct|accurate|so)\b", re.I)
_SELF_REPORT = re.compile(r"\s*(?:(?:in|on|at|during|late|earlier)\s+(?:[\w-]+\s+){0,4}?)?(?:that\s+)?(?:it|we|they|he|she)\s+[“\"]?\s*(?:\w+ly\s+)?(?P<verb>\w+)\b", re.I)
# an addressee and a negated infinitive: "urged Baghdad not to send …", "called on the army not to intervene"
_APPEAL = re.compile(
    r"\s*(?:on\s+)?(?!that\b|it\b|they\b|he\b|she\b|we\b)(?:[\w'’.…-]+,?\s+){1,12}?"
    r"(?<!\bis\s)(?<!\bwas\s)(?<!\bare\s)(?<!\bwere\s)(?<!\bbe\s)(?<!\bbeen\s)not\s+to\s+(?!blame\b)",
    re.I,
)
_CONDITIONAL = re.compile(
    r"\b(?:could|would|will)\s+(?:\w+\s+){0,3}?(?:be\s+)?(?:\w+ly\s+)?(?:affected|isolate\w*|face|suffer|pay|respond|retaliate|"
    r"punish\w*|sanction\w*|consequences)\b|\bif\b[^.]*\b(?:will|would|could)\b|\b(?:will|would|could)\b[^.]*\b(?:if|unless)\b",
    re.I,
)


def statements(
    sent: Sentence, mentions: list[Mention], state: DocState, kind_of, lex: Lexicon, organ_of=lambda actor_id, role: actor_id
) -> Iterator[tuple[Statement, int, int]]:
    """Statements in one sentence, with the span of what is said (relative to the sentence)."""
    original = sent.text
    # "a diplomat who asked not to be named said": the clause that hides a name is blanked (offsets kept)
    # so the speaker stands next to its verb; it still marks the speaker anonymous
    text = _ANONYMITY_CLAUSE.sub(lambda m: " " * len(m.group()), original) if lex.anonymity.search(original) else original
    quotes = quote_spans(original)
    found_any = False
    prev_speaker: Mention | None = None
    nested: list[tuple[Statement, int, int]] = []
    outer: list[tuple[Statement, int, int]] = []
    for cue in lex.reporting.finditer(text):
        if in_any(cue.start(), quotes):
            nested += _nested(text, cue, quotes, mentions, lex)
            continue
        word = cue.group().lower()
        if not _saying(word, text, cue.start()):
            continue
        if word in _TERMING and not (
            lex.denial_phrase.search(text, cue.end(), min(len(text), cue.end() + 120))
        ):
            # "called the claims unfounded" reports a denial; "called him" or "a group called X" reports nothing
            continue
        if word.endswith("ing") and re.search(r"\b(?:while|when|after|before|by|since|without)\s+$", text[: cue.start()], re.I):
            # "acknowledged it while speaking to lawmakers": the circumstance of another verb
            continue
        prev_word = re.search(r"(\w+)\s+$", text[: cue.start()])
        if prev_word is not None and prev_word.group(1).lower() in lex.stance_of:
            continue
        if re.search(
            r"\b(?:to|will|would|may|might|could|should|must|can|cannot|can't|did not|didn't|does not|doesn't|not|never)"
            r"\s+(?:have\s+)?(?:(?:\w+ly|yet|so\s+far|at\s+this\s+stage|at\s+this\s+point|as\s+yet)\s+)*$",
            text[: cue.start()],
            re.I,
        ):
            # a future, hypothetical or negated act of saying is no statement
            continue
        if re.search(r"\b(?:is|are|was|were|be|been|being|get|got)\s+(?:\w+ly\s+)?$", text[: cue.start()], re.I):
            continue
        if lex.stance_of.get(word) == "deny" and _DEPRIVED.match(text, cue.end()):
            # "denied the family an opportunity", "refused them entry": a deed of refusing, not a denial
            continue
        base = lex.stance_of.get(word, "assert")
        speaker = None
        anonymous = False
        # "“…,” Jane Roe, the spokeswoman for the ministry, said": the quote is what is said
        closing = re.search(r"[”\"],?\s+((?:[\w'’.-]+,?\s+){1,12})$", text[: cue.start()])
        after_quote = re.search(r"[”\"][\s,]*$|[,.][”\"]\s*$", text[: cue.start()]) is not None or (
            closing is not None and not re.search(r"\b(?:that|but|and|while|or|because|although)\b", closing.group(1))
        )
        lo = clause_start(text, cue.start(), quotes)
        # "Moscow has denied the claims, and US officials have said …": after a clause with its own verb of
        # saying, ", and" opens a clause with its own subject (in "Russia, China, and Iran said" it lists names)
        joined = [j for j in _AND_CLAUSE.finditer(text, lo, cue.start()) if lex.reporting.search(text, lo, j.start())]
        if joined:
            lo = joined[-1].end()
        opener = (_OPENER.match(text) or _TIME_OPENER.match(text)) if lo == 0 else None
        if opener is not None and opener.end() < cue.start():
            # "Addressing the junta, the 15 countries added": the subject follows the opening phrase
            lo = opener.end()
        tail_cue = re.search(r",\s+((?:[\w'’.-]+\s+){1,6})$", text[: cue.start()])
        said_before = None  # "The militia has not sent fighters, its spokesman said": what is said comes first
        if tail_cue and re.search(r"\b(?:and|or)\b", tail_cue.group(1)) and len(text[lo : tail_cue.start()].split()) <= 3:
            # "Russia, China and Iran said": a list of speakers, not a speaker after what is said
            tail_cue = None
        if tail_cue and _ONLY_AUXILIARIES.fullmatch(tail_cue.group(1)):
            # "Swamy, in his tweet, has said": the subject stands before the aside
            tail_cue = None
        if not after_quote and tail_cue and re.match(
            r"\s*(?:$|[,.;!?”\"]|(?:in|on|at|to|during|late|earlier|last|this|yesterday|today|"
            r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)", text[cue.end() :], re.I
        ):
            after_quote = True
            lo = tail_cue.start(1)
            if not quotes:
                said_before = tail_cue.start()
        who = re.search(r",\s+who\s+(?:also\s+|later\s+|then\s+)?$", text[: cue.start()])
        if who is not None:
            speaker = next((m for m in reversed(mentions) if m.end <= who.start() and who.start() - m.end <= 2), None) or (
                prev_speaker if prev_speaker is not None and text[: who.start()].rstrip().endswith(prev_speaker.text) else None
            )
        rel = None if who is not None else _RELATIVE.search(text, 0, cue.start())
        if rel is not None:
            # "one of the 15 countries that on Thursday announced …": the head of the relative clause
            speaker = _relative_head(text, rel.start(), mentions)
        issued = word.endswith("ing") and _ISSUED.search(text, 0, cue.start())
        if issued:
            # "X on Thursday issued a statement denying …": X's own act of saying
            lo = clause_start(text, issued.start(), quotes)
        inverted = re.search(r",\s*$", text[: cue.start()]) is not None and not word.endswith("ing")
        if speaker is None and inverted:
            # "…, said Colonel Jane Roe."
            speaker = speaker_after_cue(text, cue, mentions)
            if speaker is not None and re.match(
                r"\s*(?:$|[,.;:!?”\"]|(?:on|in|at|during|late|earlier|last|this|yesterday|today|told|to)\b)", text[speaker.end :]
            ):
                after_quote = True
            else:
                speaker = None
        if speaker is None and after_quote and _DOCUMENT_SUBJECT.fullmatch(text, lo, cue.start()):
            # "Jane Roe “rejected the claims”, the statement said": the one named right before the quote
            # speaks, else whoever spoke last; the document only carries the words
            opened = max((q for q in quotes if q[1] <= lo), default=None, key=lambda q: q[1])
            named = [m for m in mentions if opened is not None and m.end <= opened[0] and not text[m.end : opened[0]].strip()]
            speaker = named[-1] if named else state.last_speaker
        shared = _SAME_SUBJECT.search(text, 0, cue.start()) if speaker is None and prev_speaker is None else None
        if shared is not None and not any(shared.start() <= m.start < cue.start() for m in mentions):
            # "The Kremlin declined to answer but said …": the subject of the sentence says it
            speaker = subject_of(text, 0, shared.start(), mentions)
        if speaker is None:
            speaker = _their_official(text, lo, cue.start(), mentions, state, kind_of, organ_of)
        if speaker is None and prev_speaker is not None and _SAME_SUBJECT.search(text, 0, cue.start()):
            # "Moscow admits … but says …": one subject, two verbs of saying
            speaker = prev_speaker
        if speaker is None and prev_speaker is not None and word.endswith("ing") and re.search(r",\s*$", text[: cue.start()]):
            speaker = prev_speaker
        elif speaker is None and after_quote:
            speaker = subject_of(text, lo, cue.start(), mentions) or speaker_after_cue(text, cue, mentions)
        elif speaker is None and (pron := _PRONOUN_BEFORE.search(text, lo, cue.start())) is not None:
            # "…, the first time he has admitted it": the pronoun right before the verb is its subject
            speaker = pronoun_subject(text, pron.start(), cue.start(), state, kind_of, [m for m in mentions if m.end <= pron.start()])
        elif speaker is None:
            speaker = subject_of(text, lo, issued.start() if issued else cue.start(), mentions) or _part_of(
                text, lo, cue.start(), mentions
            )
            group = group_mention(text, lo, cue.start(), speaker)
            if group is not None and re.match(r"(?:the|these|those)\s", group.text, re.I):
                # "the countries said": the group named before, where there is one
                group = pronoun_subject(text, group.start, group.end, state, kind_of) or group
            if group is not None:
                speaker = group
            elif speaker is None:
                speaker = organisation_mention(text, lo, cue.start())
        if speaker is None:
            region = text[lo : cue.start()]
            source = re.match(r"\s*(?:an?|one|two|three|several|other|the)\s+(?:[\w-]+\s+){0,2}?(?:source|sources|official|officials|diplomat|diplomats|insider|insiders)\b", region, re.I)
            if source:
                inst = next((m for m in mentions if lo <= m.start < cue.start()), None)
                if inst is None and not region[source.end() :].strip(" ,") and not re.match(r"\s*the\b", region, re.I):
                    # "a Western diplomat said": an unnamed source of no named institution
                    phrase = source.group().strip()
                    at = lo + source.end() - len(phrase)
                    inst = group_mention_of(at, phrase)
                if inst is not None:
                    speaker, anonymous = inst, True

        if speaker is None:
            # "X accused Hezbollah of the attack, but the group denied it": the group named earlier in the sentence
            speaker = pronoun_subject(text, lo, cue.start(), state, kind_of, [m for m in mentions if m.end <= lo])
        if speaker is None:
            continue
        # what is said: the quote before the cue, or the rest of the clause after it
        if after_quote and quotes and quotes[0][1] <= cue.start():
            before_cue = [q for q in quotes if q[1] <= cue.start()]
            c_start, c_end = before_cue[0][0], before_cue[-1][1]
        elif said_before is not None:
            c_start, c_end = (opener.end() if opener is not None and opener.end() < said_before else 0), said_before
        else:
            c_start = cue.end()
            nxt = lex.reporting.search(text, cue.end())
            c_end = len(text)
            if nxt is not None and not in_any(nxt.start(), quotes) and _NEXT_VERB.search(text[: nxt.start()]):
                c_end = nxt.start()
                # "admits having deployed instructors but says …": the second verb's content is its own
                c_end = len(text[:c_end].rstrip(", ;")) - (len(m.group()) if (m := re.search(r"\s+(?:and|but|while)$", text[:c_end].rstrip(", ;"))) else 0)
        content = text[c_start:c_end]
        quote = next((original[s:e].strip("“”\"") for s, e in quotes if s < c_end and e > c_start), None)
        tail = text[cue.end() :]
        reported_by = None
        told = re.match(r"\s+(?:the\s+)?([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})", tail) if word.startswith("tel") or word == "told" else None
        if told:
            m_told = next((m for m in mentions if m.start == cue.end() + told.start(1)), None)
            if m_told is not None and kind_of(m_told.actor_id) == "media":
                reported_by = m_told.text
            elif m_told is None and (_OUTLET_WORD.search(told.group(1)) or re.fullmatch(r"[A-Z]{2,5}", told.group(1).rstrip("."))):
                # "told Radio France Internationale": an outlet the registry does not know
                reported_by = told.group(1).rstrip(".")
        to_media = re.match(r"\s+to\s+(?:the\s+)?", tail)
        if to_media:
            m_to = next((m for m in mentions if m.start == cue.end() + to_media.end()), None)
            if m_to is not None and kind_of(m_to.actor_id) == "media":
                reported_by = m_to.text
        stance, polarity = content_stance(base, content, text, lex)
        # a source that hides its name reports second-hand; "Turkish officials said" speaks for its government
        hidden = anonymous or re.search(r"\b(?:sources?|insiders?)\b", speaker.text, re.I) or (
            speaker.end > speaker.start and lex.anonymity.search(original, speaker.end, speaker.end + 60)
        )
        anonymous = anonymous or unnamed_source(speaker, original, kind_of, lex)
        unnamed = speaker.actor_id.startswith("group:") and re.search(r"\b(?:sources?|officials?|diplomats?|insiders?)\b", speaker.text, re.I)
        if (hidden or unnamed) and stance == "assert":
            # unnamed sources report second-hand until someone stands behind it
            stance = "claim"
        if kind_of(speaker.actor_id) == "media" and stance == "assert" and word in {"reported", "reports", "said", "says"}:
            stance = "claim"
        found_any = True
        state.last_speaker = prev_speaker = speaker
        made = (
            Statement(speaker.actor_id, speaker.text, word, stance, polarity, quote, reported_by, cue.start(), "statement.verb.v1", anonymous),
            c_start,
            c_end,
        )
        outer.append(made)
        both = _conjuncts(speaker, mentions, state.state_of_demonym, organ_of) if speaker.actor_id.startswith("group:") else None
        if both:
            # "Ethiopia and Eritrea denied", "the Ethiopian and Eritrean governments denied": one statement each
            for one in both:
                yield made[0]._replace(actor_id=one.actor_id, mention=one.text), c_start, c_end
        else:
            yield made
    for st, c_start, c_end in nested:
        # "X told me that …" inside someone's quote: X's statement, reported by the one quoted
        teller = next((o for o, s0, e0 in outer if s0 <= st.anchor < e0 and o.actor_id != st.actor_id), None)
        yield st._replace(reported_by=teller.mention if teller else None), c_start, c_end
    for said in _SPEECH_NOUN.finditer(text):
        # "the announcement by France of its intention to …", "Moscow's denial that …": a speech act named by a
        # noun, in the text's own words or in a quote
        noun = said.group("noun").lower()
        by = next((m for m in mentions if said.end() <= m.start <= said.end() + 6 and re.fullmatch(r"\s*(?:the\s+)?",
                                                                                                   text[said.end() : m.start])), None)
        owner = next((m for m in mentions if m.end <= said.start("noun") and re.fullmatch(r"['’]s\s+(?:[\w-]+\s+)?",
                                                                                          text[m.end : said.start("noun")])), None)
        who = by if said.group("by") else owner
        if who is None or kind_of(who.actor_id) == "media":
            continue
        c_start = who.end if said.group("by") else said.end()
        nxt = _SPEECH_NOUN.search(text, said.end())
        c_end = nxt.start() if nxt is not None else len(text)
        stance, polarity = content_stance(_NOUN_STANCE[noun.rstrip("s")], text[c_start:c_end], text, lex)
        # a speech act named in passing: the sentence may still carry on a quote of its own speaker
        yield (
            Statement(who.actor_id, who.text, noun, stance, polarity, None, None, said.start("noun"), "statement.noun.v1"),
            c_start,
            c_end,
        )
    spoken = found_any
    for src in lex.source.finditer(text):
        # "according to a report by UN experts": the authors of the document are the source
        doc = _DOCUMENT_BY.match(text, src.end())
        after = doc.end() - 1 if doc else src.end()
        m = next((x for x in mentions if after <= x.start <= after + 30), None)
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
            # "according to local officials": the unnamed group itself is the source
            np = re.match(r"\s+((?:[\w'’-]+\s+){0,4}?(?:" + COLLECTIVE + r"))\b", text[after:], re.I)
            if np is None:
                continue
            start = after + np.start(1)
            m = group_mention_of(start, np.group(1))
        if spoken and kind_of(m.actor_id) == "media":
            # "Peskov called the claims fake news, according to Russian media": the media only carry his words
            continue
        c_start = m.end
        content = text[c_start:] if src.start() < 5 else text[: src.start()]
        stance, polarity = content_stance("assert", content, text, lex)
        if stance == "assert" and (
            kind_of(m.actor_id) in {"media", "group"} or m.actor_id.startswith("group:") or lex.anonymous.search(text[src.end() : m.end + 5])
        ):
            stance = "claim"
        found_any = True
        lead = text[src.end() : m.start] if pron is None and src.end() <= m.start else ""
        anonymous = unnamed_source(m, text, kind_of, lex, lead=lead)
        yield (
            Statement(
                m.actor_id, m.text, src.group().lower(), stance, polarity, None, None, src.start(), "statement.according_to.v1", anonymous
            ),
            c_start if src.start() < 5 else 0,
            len(text) if src.start() < 5 else src.start(),
        )
    if not found_any and quotes and state.last_speaker is not None:
        qs, qe = quotes[0]
        if qe - qs > 0.6 * len(text):
            content = text[qs:qe]
            stance, polarity = content_stance("assert", content, text, lex)
            anonymous = unnamed_source(state.last_speaker, text, kind_of, lex)
            yield (
                Statement(
                    state.last_speaker.actor_id, state.last_speaker.text, "quote", stance, polarity, content.strip("“”\""), None, qs,
                    "statement.continued_quote.v1", anonymous,
                ),
                qs,
                qe,
            )


_ANONYMITY_CLAUSE = re.compile(
    r",?\s+(?:who|that)\s+(?:had\s+)?(?:" + "|".join(re.escape(p) for p in lexicon("core")["anonymity_phrases"]) + r")\b"
    r"(?:\s+(?:publicly|to the media|to the press|to reporters|on the matter|on the issue))?,?",
    re.I,
)
_OPENER = re.compile(
    r"(?:[A-Z][a-z]+ing|In|On|At|After|Before|During|Following|Despite|Earlier|Later|Late|Asked|Quoted|According)\b"
    r"[^,;:“”\"]{0,100},\s+"
)
_DOCUMENT_BY = re.compile(
    r"\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:report|statement|document|letter|study|investigation|assessment|dossier|"
    r"filing|memo|communiqu[eé])\s+(?:(?:seen|obtained|released|published)\s+by\s+[\w ]{1,30}?\s+)?(?:by|from|of)\s+"
    r"(?:a\s+(?:group|panel|team)\s+of\s+|the\s+)?",
    re.I,
)
_NOUN_STANCE: dict[str, str] = lexicon("core")["speech_nouns"]
_SPEECH_NOUN = re.compile(
    r"\b(?P<noun>" + "|".join(_NOUN_STANCE) + r")s?\b(?P<by>\s+(?:by|from))?(?=\s+(?:the\s+)?(?-i:[A-Z]))?", re.I
)
_ONLY_AUXILIARIES = re.compile(r"(?:(?:has|have|had|also|again|then|later|once|further|earlier|previously|repeatedly|"
                               r"already|now|since|reportedly|publicly)\s+)+", re.I)
# "For months the two governments denied …": a stretch of time opens the sentence without a comma
_TIME_OPENER = re.compile(
    r"(?:For|Over|During|Throughout)\s+(?:the\s+(?:past|last|first)\s+)?(?:several\s+|many\s+|a\s+few\s+|\w+\s+)?"
    r"(?:days|weeks|months|years|decades)\s+(?=\S)"
)
_NEXT_VERB = re.compile(r"(?:[,;]\s*(?:(?:and|but)\s+)?|\b(?:and|but)\s+)(?:also\s+|then\s+|later\s+)?$")
_SAME_SUBJECT = re.compile(r"(?:,\s*|\s)(?:and|but|yet)\s+(?:also\s+|then\s+|later\s+)?$")
_RELATIVE = re.compile(
    r"\b(?:who|that|which)\s+(?:(?:also|later|then|had|has|have|jointly|publicly|formally)\s+)?"
    r"(?:(?:on|in|last|earlier|this)\s+[\w-]+\s+)?$"
)


_THEIR_ROLE = re.compile(
    r"\s*(?:its|their)\s+(?:top\s+|chief\s+|deputy\s+|senior\s+)?(?P<role>foreign minister|defen[cs]e minister|interior minister|"
    r"prime minister|ambassador|envoy|spokes(?:man|woman|person)|minister|president|military|army|embassy|foreign ministry|"
    r"government|parliament|lawmakers|delegation|representative)\b(?:\s+(?:to|in|at)\s+[\w'’ -]{1,40}?)?\s*$",
    re.I,
)


def _their_official(text: str, lo: int, hi: int, mentions: list[Mention], state: DocState, kind_of, organ_of) -> Mention | None:
    """"…, its ambassador to Tehran said": an office of the state or body the sentence is about (its
    subject before), else of the organisation spoken of last."""
    m = _THEIR_ROLE.fullmatch(text, lo, hi)
    if m is None:
        return None
    owner = subject_of(text, 0, lo, [x for x in mentions if x.end <= lo]) or state.last_org
    if owner is None or kind_of(owner.actor_id) in {"person", "media"}:
        return None
    organ = organ_of(owner.actor_id, m.group("role"))
    start = m.start() + len(m.group()) - len(m.group().lstrip())
    return Mention(start, m.end("role"), text[start : m.end("role")], organ)


def _relative_head(text: str, rel_start: int, mentions: list[Mention]) -> Mention | None:
    """The actor or group a relative clause hangs on, ending right before its pronoun."""
    head_end = len(text[:rel_start].rstrip(", "))
    named = next((m for m in reversed(mentions) if m.end <= head_end and head_end - m.end <= 1), None)
    if named is not None:
        return named
    for g in GROUP_NP.finditer(text, max(0, head_end - 90), head_end):
        if g.end() == head_end:
            return group_mention_of(g.start(), g.group())
    return None


_FIRST_PERSON_SUBJECT = re.compile(r"^\s*(?:I|we|We|you|You)\b")
_AND_ALSO = re.compile(r",?\s+(?:as well as|and|along with)\s+(?:\([^)]{0,60}\)\s+)?(?:[a-z][\w-]*\s+){0,4}")


_AND_CLAUSE = re.compile(r",\s*(?:and|but|while)\s+(?=(?:the\s+)?[A-Z])")
_PRONOUN_BEFORE = re.compile(r"\b(?:he|she)\s+(?:(?:has|had|have|was|is|would|will)\s+)?(?:\w+ly\s+)?$", re.I)
# verbs that give what they name a label: a statement only where the label denies ("called the claims unfounded")
_TERMING = frozenset(lexicon("core")["reporting_verbs"]["term"]["forms"])
_DOCUMENT_SUBJECT = re.compile(rf"\s*(?:the|its|his|her|their)\s+(?:[\w-]+\s+)?{_ISSUES}\s*", re.I)
_NOUN_FORMS = {"report", "reports", "claims", "claim", "warning", "statement", "promise", "pledge", "vow", "call", "comment", "remark"}
_DETERMINED = re.compile(r"(?:\b(?:the|a|an|these|those|such|media|press|news|its|their|his|her|of|to|on)|['’]s)\s+(?:\w+\s+)?$", re.I)
# "a report claiming that …", "footage showing …": the participle says what the document holds
_DOCUMENT = re.compile(
    r"\b(?:reports?|articles?|stor(?:y|ies)|footage|claims?|allegations?|rumou?rs?|leaflets?)\s+$",
    re.I,
)


def _saying(word: str, text: str, at: int) -> bool:
    """Whether the reporting word at ``at`` is a verb of saying with a subject of its own: not a noun
    ("the reports", "media claims"), nor a participle after a document ("a report claiming …")."""
    if word in _NOUN_FORMS and _DETERMINED.search(text[:at]):
        return False
    return not (word.endswith("ing") and _DOCUMENT.search(text[:at]))


def _nested(text: str, cue: re.Match, quotes: list[tuple[int, int]], mentions: list[Mention], lex: Lexicon):
    """A report inside a quote ("my colleague Jane Roe told me that …"): the named speaker inside the
    quote, with what follows the verb up to the end of the quote."""
    q = next((q for q in quotes if q[0] < cue.start() < q[1]), None)
    if q is None or not _saying(cue.group().lower(), text, cue.start()):
        return []
    lo = max(q[0] + 1, clause_start(text, cue.start(), [x for x in quotes if x != q]))
    if _FIRST_PERSON_SUBJECT.match(text[lo : cue.start()]) or re.search(
        r"\b(?:to|will|would|may|might|could|should|must|can|not|never|is|are|was|were|be|been)\s+(?:\w+ly\s+)?$",
        text[: cue.start()],
        re.I,
    ):
        return []
    speaker = subject_of(text, lo, cue.start(), mentions)
    if speaker is None and not re.search(r"[.;:!?]|\b(?:that|who|which)\b", text[q[0] + 1 : cue.start()]):
        # "my colleague Jane Roe, as well as John Doe, in September, told me …": the subject before the asides
        speaker = subject_of(text, q[0] + 1, cue.start(), mentions)
    if speaker is None or not (q[0] < speaker.start and speaker.end <= cue.start()):
        return []
    speakers = [speaker]
    for m in reversed(mentions):
        if q[0] < m.start and m.end <= speakers[0].start and _AND_ALSO.fullmatch(text[m.end : speakers[0].start]):
            speakers.insert(0, m)
    for m in mentions:
        # "Jane Roe, as well as (…) John Doe" / "Jane Roe and John Doe" speak together
        gap = text[speakers[-1].end : m.start]
        if speakers[-1].end <= m.start and m.end <= cue.start() and _AND_ALSO.fullmatch(gap):
            speakers.append(m)
    word = cue.group().lower()
    content = text[cue.end() : q[1]]
    stance, polarity = content_stance(lex.stance_of.get(word, "assert"), content, text, lex)
    return [
        (Statement(sp.actor_id, sp.text, word, stance, polarity, None, None, cue.start(), "statement.nested.v1"), cue.end(), q[1])
        for sp in speakers
    ]


def about_others(speaker_id: str, text: str, c_start: int, c_end: int, mentions: list[Mention], bloc, lex: Lexicon) -> bool:
    """A negative sentence said with a plain verb about another camp ("Roe said Russia had no business in
    Africa") is an assertion about them, not a denial: one denies what is said of oneself, or reports."""
    content = text[c_start:c_end]
    if lex.denial_phrase.search(content):
        return False
    subject = subject_of(text, c_start, c_end, mentions)
    if subject is None or subject.actor_id == speaker_id or subject.actor_id.startswith("group:"):
        return False
    lead = r"[\s,]*(?:(?:me|us|him|her|them|reporters|journalists)\s+)?(?:\w+ly\s+)?(?:on\s+\w+\s+)?(?:that\s+)?(?:the\s+)?"
    if not re.fullmatch(lead, text[c_start : subject.start], re.I):
        return False
    return bloc(subject.actor_id) != bloc(speaker_id)


def unnamed_source(speaker: Mention, text: str, kind_of, lex: Lexicon, *, lead: str = "") -> bool:
    """The speaker is an unnamed source: the words that name it are a source's ("two officials",
    "a senior Iraqi security source", ``lead`` "sources close to" before "the Kremlin"), or the
    words right after it say it asked not to be named. A person the text or registry names never is."""
    if kind_of(speaker.actor_id) == "person":
        return False
    if lex.anonymous.search(lead) or lex.anonymous.search(speaker.text):
        return True
    here = speaker.end > speaker.start and text[speaker.start : speaker.end] == speaker.text
    return bool(here and lex.anonymity.search(text, speaker.end, speaker.end + 60))


def accuses(speaker_id: str, content: str, c_start: int, mentions: list[Mention], bloc, kind_of, lex: Lexicon) -> bool:
    """What is said reports a deed of another camp: an accusation, which is a claim until shown."""
    deed = lex.action_verb.search(content) or lex.action_noun.search(content)
    if deed is None:
        return False
    cls = lex.deed_class(deed.group()) or lex.noun_class(deed.group())
    if cls not in lex.military and cls != "AID":
        return False
    if REFERRED_BACK.search(content[: deed.start()]) and not re.search(r"\b(?:we|our|us|its own|their own)\b", content, re.I):
        # "announced this deployment": a deed reported before, someone else's
        return True
    own = bloc(speaker_id)
    for m in mentions:
        if c_start <= m.start < c_start + len(content) and kind_of(m.actor_id) not in {"group", "state", "media"}:
            before = content[: m.start - c_start]
            if PREP_BEFORE.search(before) and not re.search(r"\b(?:of|by|from)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}$", before):
                continue
            if bloc(m.actor_id) != own and m.actor_id != speaker_id:
                return True
    return False
