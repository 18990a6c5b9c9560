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
from collections.abc import Callable

import polars as pl

from timeline._actions import Action, actions, announced, noun_actions, sightings
from timeline._clauses import OFFICIAL_GROUP, DocState, Mention, group_name, in_any, quote_spans, subject_of
from timeline._parallel import chunked, counter, map_chunks, resolve_workers
from timeline._statements import Statement, about_others, accuses, content_stance, statements
from timeline.actors import Actor, Registry, discover, load_registry
from timeline.corroborate import CORROBORATION, corroborate
from timeline.dates import DateMention, publication_interval, tag_dates
from timeline.lexicon import Lexicon, load_lexicon, place_after
from timeline.schema import DOCUMENTS, EVENTS, empty, require
from timeline.text import Sentence, sentences

__all__ = ["Statement", "Action", "extract_events", "statements", "actions", "Lexicon", "load_lexicon"]

_SENT_START_DATE = 40


# -- dates -----------------------------------------------------------------------------------


# "said on Tuesday", "told reporters late Friday": the date follows the verb of saying closely
_RIGHT_AFTER_CUE = re.compile(r"[\w'’-]+\s+(?!that\b)(?:[\w'’-]+\s+){0,4}", re.I)
_IN_STATEMENT = re.compile(
    r"\bin\s+an?\s+(?:\w+\s+)?(?:statement|address|interview|speech|post|message|briefing)\s+(?:\w+\s+)?(?:late\s+|on\s+|late\s+on\s+)?$",
    re.I,
)


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
        elif 0 <= rel_s - anchor <= 50 and _RIGHT_AFTER_CUE.fullmatch(sent.text[anchor:rel_s]) or (
            0 <= rel_s - anchor <= 300 and _IN_STATEMENT.search(sent.text[anchor:rel_s])
        ):
            out.append(d)
    return out[:1]


_NOT_THE_STATE = re.compile(
    r"[\s-]+(?:think[\s-]tanks?|compan(?:y|ies)|firms?|newspapers?|daily|universit(?:y|ies)|researchers?|analysts?|experts?|"
    r"NGOs?|charit(?:y|ies)|watchdogs?|monitors?|broadcasters?|websites?|institutes?|lawyers?|courts?|banks?|businessm[ae]n|"
    r"citizens?|nationals?|journalists?|reporters?|activists?|opposition|rebels?)\b",
    re.I,
)
_OWN_CLAUSE = re.compile(r"\b(?:who|which|whom|whose|after|before|when|while)\b|;", re.I)


def _action_dates(sent: Sentence, dates: list[DateMention], lo: int, hi: int, published: dt.date | None = None) -> list[DateMention]:
    """Dates of a deed: those after it in its sentence, else those before it; a list keeps all its items."""
    # a date after the deed that a clause of its own holds ("… fighters who seized Aleppo last week") is not its date
    after = [d for d in dates if lo <= d.char_start - sent.start < hi + 80
             and not _OWN_CLAUSE.search(sent.text, hi, max(hi, d.char_start - sent.start))]
    before = [d for d in dates if d.char_start - sent.start < lo]
    own = after or before
    if not own:
        return []
    last = own[-1] if own is before else own[0]
    return [_since(sent, d, published) for d in own if d.precision == last.precision]


def _since(sent: Sentence, d: DateMention, published: dt.date | None) -> DateMention:
    """"stationed there since 2019": the deed runs from that date to the publication date."""
    if published is None or not re.search(r"\bsince\s+(?:early\s+|late\s+|mid-?)?$", sent.text[: d.char_start - sent.start]):
        return d
    return d._replace(date_end=max(d.date_end, published))


# -- stage -------------------------------------------------------------------------------------


def _event_id(doc_id: str, *parts: object) -> str:
    key = "|".join([doc_id, *map(str, parts)])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


class _DocActors:
    """The registry's actors and those one article brings: people it introduces with a title, and
    the groups and organisations that speak in it without being in the registry."""

    def __init__(self, registry: Registry, discovered: list[Actor]) -> None:
        self.registry = registry
        self.local = {a.actor_id: a for a in discovered}
        self._kinds: dict[str, str] = {}

    def get(self, aid: str) -> Actor | None:
        found = self.local.get(aid) or self.registry.by_id.get(aid)
        if found is None and aid.startswith(("group:", "org:")):
            found = _unnamed(aid, aid.split(":", 1)[1].replace("_", " "))
        return found

    def name_unnamed(self, aid: str, mention: str) -> None:
        """Keep a group or organisation under the words the article names it with."""
        if aid.startswith(("group:", "org:")) and aid not in self.local:
            self.local[aid] = _unnamed(aid, mention)
            self._kinds.pop(aid, None)

    def kind(self, aid: str) -> str:
        """The actor's kind, kept per actor: extraction asks for it many times per sentence."""
        found = self._kinds.get(aid)
        if found is None:
            a = self.get(aid)
            found = self._kinds[aid] = a.kind if a is not None else "unknown"
        return found

    def affiliation(self, aid: str) -> str | None:
        a = self.get(aid)
        return a.affiliation[0] if a is not None and a.affiliation else None

    def acting(self, aid: str) -> str:
        """A state speaks and acts through its government."""
        if self.kind(aid) == "state" and f"{aid}_gov" in self.registry:
            return f"{aid}_gov"
        return aid

    def chain(self, aid: str) -> list[str]:
        """The actor and what it belongs to: the article's own links, then the registry's."""
        out = [aid]
        while out[-1] not in self.registry:
            parent = self.affiliation(out[-1])
            if parent is None or parent in out:
                return out
            out.append(parent)
        return out[:-1] + list(self.registry.chain(out[-1]))

    def bloc(self, aid: str) -> str:
        return self.chain(aid)[-1]

    def country(self, aid: str) -> str:
        for x in self.chain(aid):
            if x in self.registry:
                return self.registry.country(x)
            a = self.get(x)
            if a is not None and a.country:
                return a.country
        return ""


def _unnamed(aid: str, name: str) -> Actor:
    if aid.startswith("group:"):
        name = group_name(name)
        return Actor(aid, name, "group", bool(OFFICIAL_GROUP.search(name)), discovered=True)
    return Actor(aid, name, "organisation", False, discovered=True)


def extract_document(
    doc: dict, registry: Registry, lex: Lexicon | None = None
) -> list[dict]:
    """Events of one document (a DOCUMENTS row as a dict), as EVENTS rows."""
    lex = lex or load_lexicon()
    body: str = doc["body"]
    published: dt.date | None = doc["published"]
    # "a US think tank", "a Russian company": a state's name before a body of another kind names no state
    known = [m for m in registry.mentions(body) if not (registry[m.actor_id].kind == "state" and _NOT_THE_STATE.match(body, m.end))]
    found = discover(body, registry, known=known)
    people = _DocActors(registry, [a for a, _ in found])
    line = dateline(body)
    known = [m for m in known if m.start >= line]
    found = [(a, [m for m in ms if m.start >= line]) for a, ms in found]
    mentions = hired_by(body, _drop_overlaps(sorted(known + [m for _, ms in found for m in ms])), people.kind,
                        registry.state_of_demonym, people.country)
    kind_of, affiliation_of, bloc = people.kind, people.affiliation, people.bloc

    try:
        dates = tag_dates(body, published) if published is not None else []
    except Exception:  # the tagger never should raise; an article is still worth its events
        dates = []
    if published is not None:
        p_start, p_end, p_prec = publication_interval(published)
    else:
        p_start, p_end, p_prec = None, None, "unknown"
    state = DocState(people.country, registry.state_of_demonym)
    rows: list[dict] = []
    sents = sentences(body)
    runs = quote_runs(sents, body)
    answers = answer_spans(body)
    answerer = publisher(doc["outlet"] or "", registry) if answers else None
    per_sentence: list[tuple[Sentence, list]] = []
    for sent in sents:
        s_mentions = [
            Mention(m.start - sent.start, m.end - sent.start, m.text, m.actor_id)
            for m in mentions
            if sent.start <= m.start and m.end <= sent.end
        ]
        s_dates = [d for d in dates if sent.start <= d.char_start < sent.end]
        denied: list[tuple[int, int]] = []
        speaker: Mention | None = None
        speaker_anonymous = False
        # (kind, record, dates, anonymous): a deed reported by an unnamed source rests on it
        produced: list[tuple[str, tuple, list[DateMention], bool]] = []
        answering = answerer is not None and in_any(sent.start, answers)
        for st, c_start, c_end in statements(sent, s_mentions, state, kind_of, lex, registry.organ_of):
            if answering and not any(m.actor_id == st.actor_id for m in s_mentions):
                # "We urge the parties …" in an answer of a transcript: the answering body, not whoever spoke before
                st = st._replace(actor_id=answerer.actor_id, mention=answerer.text)
            if st.stance == "assert" and accuses(st.actor_id, sent.text[c_start:c_end], c_start, s_mentions, bloc, kind_of, lex):
                st = st._replace(stance="claim")
            if st.stance == "deny" and lex.stance_of.get(st.cue) == "assert" and about_others(
                st.actor_id, sent.text, c_start, c_end, s_mentions, bloc, lex
            ):
                st = st._replace(stance="assert")
            if st.stance in {"deny"}:
                denied.append((c_start, c_end))
            if not any(p[0] == "statement" and p[1].actor_id == st.actor_id and p[1].stance == st.stance for p in produced):
                when = _statement_date(sent, s_dates, st.anchor, c_start, c_end)
                if not when and state.last_date is not None and state.last_date[0] == st.actor_id and state.last_date[1] >= sent.index - 2:
                    when = [state.last_date[2]]
                if when:
                    state.last_date = (st.actor_id, sent.index, when[0])
                produced.append(("statement", st, when, st.anonymous))
            speaker = next((m for m in s_mentions if m.actor_id == st.actor_id), speaker) or Mention(0, 0, st.mention, st.actor_id)
            speaker_anonymous = st.anonymous
            ann = announced(st, sent.text[c_start:c_end], c_start, sent.text, affiliation_of, kind_of, lex)
            if ann is not None:
                produced.append(("action", ann, _action_dates(sent, s_dates, ann.anchor, ann.end, published), st.anonymous))
        if answering and not produced:
            # an answer in a published transcript ("Q: … A: I refer you to …") is the publisher's statement
            words = _ANSWER_MARK.sub("", sent.text).strip()
            stance, polarity = content_stance("assert", words, sent.text, lex)
            produced.append(
                ("statement", Statement(answerer.actor_id, answerer.text, "answer", stance, polarity, None, None, 0,
                                        "statement.transcript.v1"), [], False)
            )
            speaker = answerer
        if speaker is None and state.last_speaker is not None and _quoting(sent.text):
            speaker = state.last_speaker
        seen_actions = {(p[1][0], p[1][3]) for p in produced if p[0] == "action"}
        found_actions = list(actions(sent, s_mentions, denied, speaker, state, kind_of, affiliation_of, lex))
        found_actions += list(noun_actions(sent, s_mentions, denied, kind_of, lex))
        found_actions += list(sightings(sent, s_mentions, denied, kind_of, lex))
        for act in found_actions:
            if speaker is not None and act.reported_by is None and speaker.actor_id != act.actor_id:
                act = act._replace(reported_by=speaker.text)
            key = (act.actor_id, act.action_class)
            if key in seen_actions:
                continue
            seen_actions.add(key)
            by_speaker = speaker is not None and act.reported_by == speaker.text and speaker_anonymous
            produced.append(("action", act, _action_dates(sent, s_dates, act.anchor, act.end, published), by_speaker))
        # who the sentence is about next time: its speaker, else its subject outside any quote
        said = [rec for k, rec, *_ in produced if k == "statement" and rec.extractor != "statement.nested.v1"]
        outside = [m for m in s_mentions if not in_any(m.start, quote_spans(sent.text))]
        subj = next((m for m in outside if said and m.actor_id == said[0].actor_id), None) or (
            # a speaker the registry does not know ("The Times of India said") is still who the sentence is about
            Mention(0, 0, said[0].mention, said[0].actor_id) if said else subject_of(sent.text, 0, len(sent.text), outside)
        )
        if subj is not None:
            state.note(subj, kind_of(subj.actor_id))
        state.seen += [(m, kind_of(m.actor_id)) for m in s_mentions]
        # a person brings their organisation into view: "the ministry" after its minister is named
        state.seen += [
            (Mention(m.start, m.end, m.text, org), kind_of(org))
            for m in s_mentions
            if kind_of(m.actor_id) == "person" and (org := affiliation_of(m.actor_id))
        ]
        state.seen += [(Mention(0, 0, rec.mention, rec.actor_id), "group") for k, rec, *_ in produced if rec.actor_id.startswith("group:")]
        per_sentence.append((sent, produced))
    _fill_quote_runs(per_sentence, runs, lex)
    for sent, produced in per_sentence:
        for kind, rec, when, anonymous in produced:
            rec = rec._replace(actor_id=people.acting(rec.actor_id))
            people.name_unnamed(rec.actor_id, rec.mention)
            a = people.get(rec.actor_id)
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
                        "country": people.country(rec.actor_id),
                        "chain": people.chain(rec.actor_id),
                        "stance": rec.stance if kind == "statement" else None,
                        "polarity": rec.polarity if kind == "statement" else "positive",
                        "cue": rec.cue,
                        "action_class": rec.action_class if kind == "action" else _content_class(sent.text, lex, rec.anchor, rec.cue),
                        "place": rec.place if kind == "action" else place_after(sent.text, 0, lex),
                        "quote": rec.quote if kind == "statement" else None,
                        "reported_by": rec.reported_by,
                        "date_start": ds,
                        "date_end": de,
                        "date_precision": prec,
                        "date_text": dtext,
                        "extractor": rec.extractor,
                        "anonymous": anonymous,
                        "outlet": doc["outlet"] or "",
                    }
                )
    return rows


_OPEN = "“"
_CLOSE = "”"
# "A:", "Answer:", or the answering spokesperson's name ("Wu Qian: …") where the transcript has questions
_ANSWER_MARK = re.compile(r"^\s*(?:(?:A|Answer|ANSWER)\s*[:.]|(?:[A-Z][\w'’.-]+\s+){0,3}[A-Z][\w'’.-]+\s*:)\s*")
_QUESTION_MARK = re.compile(r"^\s*(?:Q|Question|QUESTION)\s*[:.]\s*")


def answer_spans(body: str) -> list[tuple[int, int]]:
    """The answers of a question-and-answer transcript: from each paragraph opening "A:" (or "Answer:") to
    the next one opening "Q:". A text without both kinds of paragraph has none.

    Examples
    --------
    >>> answer_spans("Q: Did you send troops?" + chr(10) + "A: We sent none." + chr(10) + "Q: Why?")
    [(24, 41)]
    """
    spans: list[tuple[int, int]] = []
    start = None
    pos = 0
    questions = 0
    for line in body.splitlines(keepends=True):
        if _QUESTION_MARK.match(line):
            questions += 1
            if start is not None:
                spans.append((start, pos))
                start = None
        elif _ANSWER_MARK.match(line) and start is None:
            start = pos
        pos += len(line)
    if start is not None:
        spans.append((start, pos))
    return spans if questions else []


def publisher(outlet: str, registry: Registry) -> Mention | None:
    """The official actor an article's outlet names ("Ministry for Europe and Foreign Affairs"), if any."""
    found = [m for m in registry.mentions(outlet) if registry[m.actor_id].official and registry[m.actor_id].kind != "state"]
    return max(found, key=lambda m: m.end - m.start, default=None)


def _quoting(text: str) -> bool:
    """The sentence is mostly a quotation (a speaker's words go on), not a few words in quotes
    ("to aid “Chinese deployments”")."""
    spans = quote_spans(text)
    return bool(spans) and (text.lstrip()[:1] in (_OPEN, '"') or sum(e - s for s, e in spans) >= 0.4 * len(text))


def quote_runs(sents: list[Sentence], body: str) -> dict[int, tuple[int, int]]:
    """Sentences inside a quotation that runs over several sentences or paragraphs, each mapped to the
    (first, last) sentence of its run. A paragraph that goes on quoting opens with a quote mark again
    without the previous one closing, as news style has it.

    Examples
    --------
    >>> from timeline.text import sentences
    >>> body = '"We will not go. We stay.' + chr(10) + chr(10) + '"Nothing changes," he said. Later he left.'
    >>> quote_runs(sentences(body), body)
    {0: (0, 2), 1: (0, 2), 2: (0, 2)}
    """
    runs: dict[int, tuple[int, int]] = {}
    inside, first, members = False, -1, []
    for sent in sents:
        text = sent.text
        opens = text.count(_OPEN)
        closes = text.count(_CLOSE)
        straight = text.count('"')
        lead = text.lstrip()[:1]
        para_start = sent.start == 0 or body[: sent.start].rstrip(" \t").endswith("\n")
        if inside and para_start and lead in (_OPEN, '"'):
            # the paragraph re-opens the running quote
            opens -= lead == _OPEN
            straight -= lead == '"'
        if not inside:
            if opens > closes or straight % 2 == 1:
                inside, first, members = True, sent.index, [sent.index]
            continue
        members.append(sent.index)
        if closes > opens or straight % 2 == 1:
            for i in members:
                runs[i] = (first, sent.index)
            inside, members = False, []
    return runs


def _fill_quote_runs(per_sentence: list[tuple[Sentence, list]], runs: dict[int, tuple[int, int]], lex: Lexicon) -> None:
    """A sentence inside a running quotation, with no statement of its own, is the statement of the
    speaker the run is attributed to: where it closes ('…," he said') or, failing that, where it opens."""
    by_index = {sent.index: (sent, produced) for sent, produced in per_sentence}
    for first, last in sorted(set(runs.values())):
        said = None
        for i in (last, first):
            sent_i, produced_i = by_index.get(i, (None, []))
            closes = max(sent_i.text.rfind('"'), sent_i.text.rfind(_CLOSE)) if sent_i is not None and i == last else -1
            stmts = [
                p for p in produced_i
                if p[0] == "statement" and p[1].extractor not in {"statement.nested.v1", "statement.continued_quote.v1"}
                # '…limitless," Kanaani said': past the closing mark, a verb that looked quoted is the run's own
                or p[0] == "statement" and p[1].extractor == "statement.nested.v1" and 0 <= closes < p[1].anchor
            ]
            if stmts:
                said = stmts[0]
                break
        if said is None:
            continue
        for i in range(first, last + 1):
            sent, produced = by_index[i]
            # a quote carried on from the last speaker gives way to the speaker the run names
            produced[:] = [p for p in produced if not (p[0] == "statement" and p[1].extractor == "statement.continued_quote.v1")]
            if any(p[0] == "statement" for p in produced):
                continue
            words = sent.text.strip().strip(_OPEN + _CLOSE + '"').strip()
            stance, polarity = content_stance("assert", words, sent.text, lex)
            st = said[1]
            produced.append(
                ("statement",
                 Statement(st.actor_id, st.mention, "quote", stance, polarity, words, st.reported_by, 0, "statement.quote_run.v1",
                           st.anonymous),
                 said[2], said[3])
            )


def _content_class(text: str, lex: Lexicon, anchor: int = -1, cue: str = "") -> str | None:
    """The class of the first deed a statement's sentence speaks of, its verb of saying left out."""
    after = 0
    if 0 <= anchor and text[anchor : anchor + len(cue)].lower() == cue.lower():
        text = text[:anchor] + " " * len(cue) + text[anchor + len(cue) :]
        after = anchor + len(cue)
    # what is said after the verb first ("the UN chief told the council that no troops had left"), else the sentence
    found = [m for m in (lex.action_noun.search(text, after), lex.action_verb.search(text, after)) if m is not None] or [
        m for m in (lex.action_noun.search(text), lex.action_verb.search(text)) if m is not None
    ]
    if not found:
        return None
    m = min(found, key=lambda x: x.start())  # the deed spoken of first
    w = m.group().lower()
    return lex.noun_class(w) or lex.deed_class(w)


_DATELINE = re.compile(
    r"\s*(?:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})(?:,\s+(?:[A-Z][\w.'’-]*\s*){1,3})?"
    r"(?:,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([A-Za-z][\w .&-]{0,30}\))?\s*(?:[-–—]{1,2}|:)\s+(?=\S)"
)


def dateline(body: str) -> int:
    """Where the text starts after a dateline ("Tehran (AFP) - ", "BAGHDAD, Dec 5 (Reuters) — "):
    the place a report was filed from is no actor of the story.

    Examples
    --------
    >>> body = "Tehran (AFP) - Iraq has not asked Iran for help."
    >>> body[dateline(body):]
    'Iraq has not asked Iran for help.'
    >>> dateline("Iraq has not asked Iran for help, its envoy said."), dateline("Wagner - the Russian group - left.")
    (0, 0)
    >>> dateline("BEIRUT — Hezbollah denied it."), dateline("Kyiv, Jan 3 - Ukraine said so.")
    (9, 14)
    """
    m = _DATELINE.match(body)
    if m is None or "\n" in m.group():
        return 0
    head = m.group().split()[0].strip(",")
    # a news agency in brackets, a place in capitals ("BAGHDAD —") or a date ("Baghdad, Dec 5 —") make a dateline;
    # "Wagner — the Russian group — …" is a sentence
    if "(" in m.group() or len(head) >= 3 and head.isupper() or re.search(r",\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}\b", m.group()):
        return m.end()
    return 0


_ARMED_GROUPS = frozenset({"armed_group", "militia"})
# "Russian mercenaries from the Wagner group", "paramilitaries working for the X militia"
_WORKING_FOR = re.compile(
    r"\s+(?:(?:who\s+(?:are|were)\s+)?(?:working|fighting)\s+for|belonging\s+to|from|of|linked\s+to|tied\s+to|hired\s+by)"
    r"\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}[\"“]?"
)


def hired_by(body: str, mentions: list[Mention], kind_of, demonyms: dict[str, str], country_of=lambda aid: "") -> list[Mention]:
    """Fighters named by their country are the armed group they work for, where the text names it, or the
    one armed group of that country the article names.

    Examples
    --------
    >>> ms = [Mention(0, 19, "Russian mercenaries", "russia_mercenaries"), Mention(29, 41, "Wagner group", "wagner")]
    >>> kinds = {"russia_mercenaries": "armed_group", "wagner": "armed_group"}.get
    >>> [m.actor_id for m in hired_by("Russian mercenaries from the Wagner group", ms, kinds, {"russian": "russia"})]
    ['wagner', 'wagner']
    """
    out = list(mentions)
    generic = [kind_of(m.actor_id) in _ARMED_GROUPS and m.text.split()[0].lower() in demonyms for m in mentions]
    for i, (a, b) in enumerate(zip(mentions, mentions[1:])):
        if generic[i] and kind_of(b.actor_id) in _ARMED_GROUPS and a.actor_id != b.actor_id:
            if _WORKING_FOR.fullmatch(body, a.end, b.start):
                out[i] = a._replace(actor_id=b.actor_id)
    # an article about one group of that country: its "Russian mercenaries" are that group
    groups_of: dict[str, set[str]] = {}
    for i, m in enumerate(out):
        if generic[i] and m.actor_id == mentions[i].actor_id:
            state = demonyms[m.text.split()[0].lower()]
            if state not in groups_of:
                groups_of[state] = {x.actor_id for j, x in enumerate(mentions) if not generic[j]
                                    and kind_of(x.actor_id) in _ARMED_GROUPS and country_of(x.actor_id) == state}
            named = groups_of[state]
            if len(named) == 1:
                out[i] = m._replace(actor_id=next(iter(named)))
    return out


def _drop_overlaps(mentions: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


def _extract_setup(registry: Registry) -> tuple[Registry, Lexicon]:
    return registry, load_lexicon()


def _extract_chunk(state: tuple[Registry, Lexicon], docs: list[dict]) -> list[dict]:
    registry, lex = state
    return [row for doc in docs for row in extract_document(doc, registry, lex)]


def extract_events(
    documents: pl.DataFrame,
    *,
    registry: Registry | None = None,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> pl.DataFrame:
    """The EVENTS frame of a DOCUMENTS frame, mentions of one deed across articles grouped
    (:func:`timeline.corroborate.corroborate`).

    ``workers`` processes share the documents, in chunks; by default every core for 200
    documents or more, and this process alone for fewer (starting a worker takes about a
    second). The events are the same, in the same order, whatever the number of workers.
    ``progress(done, total)`` is called as chunks of documents finish; nothing is printed.

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
    docs = list(documents.select(list(DOCUMENTS)).iter_rows(named=True))
    n = resolve_workers(workers, len(docs))
    advance = counter(progress, len(docs))

    rows: list[dict] = []
    chunks = chunked(docs, n)
    for part in map_chunks(_extract_chunk, chunks, workers=n, progress=advance, setup=_extract_setup, setup_args=(registry,)):
        rows += part
    if not rows:
        return empty(EVENTS)
    mentions = {k: v for k, v in EVENTS.items() if k not in CORROBORATION}
    return corroborate(pl.DataFrame(rows, schema=mentions).unique(subset="event_id", keep="first", maintain_order=True))
