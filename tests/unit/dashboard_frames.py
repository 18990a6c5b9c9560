"""A tiny hand-made case for the dashboard tests: two articles, four actors, five events, two flags.

Every sentence here is invented for the tests. The Iraqi Ministry of Defence denies sending units
to the border (day precision); the Northern Brigades are reported moving there during the same week
(week precision); a flag links the two. A second, lower-scored flag sets the prime minister's
assertion against a claim by a foreign ministry.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from divergence.case import Case
from timeline.schema import ACTORS, DOCUMENTS, EVENTS, FLAGS

DENIAL_QUOTE = "no units have been sent toward the border"
MOVE_SENTENCE = "Witnesses said columns of the Northern Brigades rolled toward the border crossing during the week."
ASSERT_QUOTE = "the state alone decides where forces go"
CLAIM_QUOTE = "we have seen evidence of cross-border movement"
FLAG_EXPLANATION = (
    "The Iraqi Ministry of Defence denied sending units to the border while Northern Brigades columns "
    "were reported moving there that week."
)

_DOC1 = [
    "A spokesman for the defence ministry spoke to reporters in Baghdad on Tuesday.",
    f'The Iraqi Ministry of Defence said on Tuesday that "{DENIAL_QUOTE}" and called the reports false.',
    f'The prime minister\'s office insisted in December that "{ASSERT_QUOTE}" | not any faction.',
]
_DOC2 = [
    MOVE_SENTENCE,
    f'A spokesperson for the Ruritanian foreign ministry said "{CLAIM_QUOTE}" on Wednesday.',
    "The brigades' leader warned in 2024 that his fighters would answer any raid.",
]


def _body(sentences: list[str]) -> tuple[str, list[tuple[int, int]]]:
    body, spans = "", []
    for sentence in sentences:
        start = len(body)
        body += sentence + " "
        spans.append((start, start + len(sentence)))
    return body.rstrip(), spans


def _event(**values) -> dict:
    return {name: None for name in EVENTS} | values


def make_case(*, with_flags: bool = True) -> Case:
    """The tiny case (optionally without flags)."""
    body1, spans1 = _body(_DOC1)
    body2, spans2 = _body(_DOC2)
    documents = pl.DataFrame(
        [
            {"doc_id": "d1", "path": "articles/baghdad-denial.md", "title": "Baghdad rejects reports of troop moves",
             "outlet": "The Example Post", "url": "", "published": date(2024, 12, 3), "body": body1},
            {"doc_id": "d2", "path": "articles/border-convoys.md", "title": "Convoys seen near the border",
             "outlet": "Desert Wire", "url": "", "published": date(2024, 12, 6), "body": body2},
        ],
        schema=DOCUMENTS,
    )
    actors = pl.DataFrame(
        [
            {"actor_id": "iraq", "name": "Iraq", "aliases": [], "kind": "state", "official": True,
             "affiliation": [], "country": "iraq", "bloc": "iraq", "discovered": False},
            {"actor_id": "iraq_mod", "name": "Iraqi Ministry of Defence", "aliases": ["defence ministry"],
             "kind": "ministry", "official": True, "affiliation": ["iraq"], "country": "iraq", "bloc": "iraq",
             "discovered": False},
            {"actor_id": "iraq_pm", "name": "Iraqi Prime Minister", "aliases": [], "kind": "person",
             "official": True, "affiliation": ["iraq"], "country": "iraq", "bloc": "iraq", "discovered": False},
            {"actor_id": "northern_brigades", "name": "Northern Brigades", "aliases": ["the brigades"],
             "kind": "militia", "official": False, "affiliation": [], "country": "", "bloc": "northern_brigades",
             "discovered": False},
            {"actor_id": "ruritania_mfa", "name": "Ruritanian Foreign Ministry", "aliases": [], "kind": "ministry",
             "official": True, "affiliation": ["ruritania"], "country": "ruritania", "bloc": "ruritania",
             "discovered": True},
        ],
        schema=ACTORS,
    )
    common1 = {"doc_id": "d1", "doc_path": "articles/baghdad-denial.md", "extractor": "test.v1"}
    common2 = {"doc_id": "d2", "doc_path": "articles/border-convoys.md", "extractor": "test.v1"}
    events = pl.DataFrame(
        [
            _event(**common1, event_id="e1", sentence=1, char_start=spans1[1][0], char_end=spans1[1][1],
                   text=_DOC1[1], kind="statement", actor="Iraqi Ministry of Defence", actor_id="iraq_mod",
                   actor_mention="The Iraqi Ministry of Defence", official=True, bloc="iraq", stance="deny",
                   polarity="negative", cue="said", quote=DENIAL_QUOTE, reported_by="The Example Post",
                   date_start=date(2024, 12, 3), date_end=date(2024, 12, 3), date_precision="day",
                   date_text="on Tuesday"),
            _event(**common1, event_id="e3", sentence=2, char_start=spans1[2][0], char_end=spans1[2][1],
                   text=_DOC1[2], kind="statement", actor="Iraqi Prime Minister", actor_id="iraq_pm",
                   actor_mention="The prime minister's office", official=True, bloc="iraq", stance="assert",
                   polarity="positive", cue="insisted", quote=ASSERT_QUOTE, reported_by="The Example Post",
                   date_start=date(2024, 12, 1), date_end=date(2024, 12, 31), date_precision="month",
                   date_text="in December"),
            _event(**common2, event_id="e2", sentence=0, char_start=spans2[0][0], char_end=spans2[0][1],
                   text=_DOC2[0], kind="action", actor="Northern Brigades", actor_id="northern_brigades",
                   actor_mention="the Northern Brigades", official=False, bloc="northern_brigades",
                   polarity="positive", cue="rolled", action_class="MOBILIZE", place="border crossing",
                   reported_by="Witnesses", date_start=date(2024, 11, 29), date_end=date(2024, 12, 5),
                   date_precision="week", date_text="during the week"),
            _event(**common2, event_id="e4", sentence=1, char_start=spans2[1][0], char_end=spans2[1][1],
                   text=_DOC2[1], kind="statement", actor="Ruritanian Foreign Ministry", actor_id="ruritania_mfa",
                   actor_mention="the Ruritanian foreign ministry", official=True, bloc="ruritania", stance="claim",
                   polarity="positive", cue="said", quote=CLAIM_QUOTE, reported_by="Desert Wire",
                   date_start=date(2024, 12, 4), date_end=date(2024, 12, 4), date_precision="day",
                   date_text="on Wednesday"),
            _event(**common2, event_id="e5", sentence=2, char_start=spans2[2][0], char_end=spans2[2][1],
                   text=_DOC2[2], kind="statement", actor="Northern Brigades", actor_id="northern_brigades",
                   actor_mention="The brigades' leader", official=False, bloc="northern_brigades", stance="threaten",
                   polarity="positive", cue="warned", reported_by="Desert Wire", date_start=date(2024, 1, 1),
                   date_end=date(2024, 12, 31), date_precision="year", date_text="in 2024"),
        ],
        schema=EVENTS,
    )
    flags = pl.DataFrame(
        [
            {"flag_id": "f2", "kind": "say_vs_say", "rule": "assert_vs_foreign_claim.v1", "score": 0.41,
             "explanation": "The prime minister's office asserted control of deployments while a foreign ministry "
                            "claimed to see cross-border movement.",
             "matter": "deployments", "official_ids": ["e3"], "other_ids": ["e4"]},
            {"flag_id": "f1", "kind": "say_vs_do", "rule": "deny_vs_affiliated_action.v1", "score": 0.87,
             "explanation": FLAG_EXPLANATION, "matter": "border deployment", "official_ids": ["e1"],
             "other_ids": ["e2"]},
        ],
        schema=FLAGS,
    )
    if not with_flags:
        flags = flags.clear()
    return Case(documents, actors, events, flags)
