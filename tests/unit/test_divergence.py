"""Divergence rules on small event frames built by hand (no extraction involved)."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from divergence.flag import find_flags
from divergence.rules import RULES, Settings, get_rule
from gapline.errors import RuleError
from timeline.schema import EVENTS, FLAGS

D = dt.date


def ev(event_id, actor_id, kind, text, *, stance=None, official=True, bloc="iraq", country="iraq", start=D(2024, 12, 5),
       end=None, precision="day", action_class=None, place=None, actor=None, doc="d1", sentence=None):
    return {
        "event_id": event_id, "doc_id": doc, "doc_path": f"{doc}.txt",
        "sentence": sum(map(ord, event_id)) if sentence is None else sentence, "char_start": 0, "char_end": len(text),
        "text": text, "kind": kind, "actor": actor or actor_id, "actor_id": actor_id, "actor_mention": actor_id,
        "official": official, "bloc": bloc, "country": country, "stance": stance,
        "polarity": "negative" if stance == "deny" else "positive", "cue": "said" if kind == "statement" else "deployed",
        "action_class": action_class, "place": place, "quote": None, "reported_by": None, "date_start": start,
        "date_end": end or start, "date_precision": precision, "date_text": None, "extractor": "test",
    }


DENIAL = ev("e1", "iraq_gov", "statement", "The government denied any military intervention in Syria.", stance="deny", actor="Government of Iraq")
DEPLOY = ev("e2", "abu_fadl_abbas", "action", "The militia deployed fighters to Syria.", official=False, bloc="abu_fadl_abbas",
            action_class="MOBILIZE", place="Syria", start=D(2024, 12, 6), actor="Abu al-Fadl al-Abbas militia", doc="d2")


def golden_case(name):
    """The case of one golden article (a text written for the tests)."""
    from pathlib import Path

    from gapline import api

    return api.case_from_paths([Path(__file__).resolve().parents[1] / "golden" / name / "article.txt"])


def events_by_id(case):
    return {r["event_id"]: r for r in case.events.iter_rows(named=True)}


def frame(*rows):
    return pl.DataFrame(list(rows), schema=EVENTS)


def test_denial_meets_deed_of_an_actor_of_the_same_state():
    flags = find_flags(frame(DENIAL, DEPLOY))
    assert flags.schema == pl.Schema(FLAGS)
    f = flags.row(0, named=True)
    assert (f["kind"], f["rule"]) == ("say_vs_do", "deny_vs_affiliated_action.v1")
    assert (f["official_ids"], f["other_ids"]) == (["e1"], ["e2"])
    assert "Government of Iraq" in f["explanation"] and "Abu al-Fadl al-Abbas militia" in f["explanation"]
    assert "2024-12-05" in f["explanation"] and "2024-12-06" in f["explanation"]


def test_the_same_conflict_years_apart_is_two_flags():
    rows = [DENIAL, DEPLOY,
            {**DENIAL, "event_id": "e3", "date_start": D(2031, 3, 1), "date_end": D(2031, 3, 1)},
            {**DEPLOY, "event_id": "e4", "date_start": D(2031, 3, 2), "date_end": D(2031, 3, 2)}]
    flags = find_flags(frame(*rows))
    assert sorted((f["official_ids"], f["other_ids"]) for f in flags.iter_rows(named=True)) == [
        (["e1"], ["e2"]), (["e3"], ["e4"])]
    # within the window of each other, pairs stay one flag
    rows[2:] = [{**r, "date_start": D(2025, 1, 10), "date_end": D(2025, 1, 10)} for r in rows[2:]]
    assert [(f["official_ids"], f["other_ids"]) for f in find_flags(frame(*rows)).iter_rows(named=True)] == [
        (["e1", "e3"], ["e2", "e4"])]


def test_deed_of_another_state_elsewhere_is_no_divergence():
    other = {**DEPLOY, "country": "turkey", "bloc": "turkey", "place": "Libya", "text": "Turkish troops deployed to Libya."}
    assert find_flags(frame(DENIAL, other)).is_empty()


def test_deed_on_the_deniers_soil_by_a_foreign_group_is_a_divergence():
    denial = ev("m1", "mali_gov", "statement", "Mali denied any deployment of mercenaries in Mali.", stance="deny",
                bloc="mali", country="mali")
    deed = ev("m2", "wagner", "action", "Wagner had begun to deploy to Mali.", official=False, bloc="wagner", country="russia",
              action_class="MOBILIZE", place="Mali")
    assert find_flags(frame(denial, deed)).height == 1


def test_unofficial_denial_is_not_say_vs_do():
    denial = {**DENIAL, "official": False}
    assert find_flags(frame(denial, DEPLOY), rules=["deny_vs_affiliated_action.v1"]).is_empty()


def test_window_is_respected_and_a_later_denial_still_counts():
    late_denial = {**DENIAL, "date_start": D(2025, 1, 20), "date_end": D(2025, 1, 20)}
    assert find_flags(frame(late_denial, DEPLOY)).height == 1
    assert find_flags(frame(late_denial, DEPLOY), settings=Settings(window_days=10)).is_empty()


def test_interval_overlap_counts_as_no_gap():
    year = {**DEPLOY, "date_start": D(2024, 1, 1), "date_end": D(2024, 12, 31), "date_precision": "year"}
    flags = find_flags(frame(DENIAL, year), settings=Settings(window_days=0))
    assert flags.height == 1


def test_different_matter_is_no_divergence():
    talks = {**DEPLOY, "action_class": "CONSULT", "text": "The militia held talks in Syria."}
    assert find_flags(frame(DENIAL, talks), rules=["deny_vs_affiliated_action.v1"]).is_empty()


def test_say_vs_say_pairs_a_denial_with_another_sources_assertion():
    denial = ev("s1", "mp", "statement", "The MP said there was no formal request from Assad.", stance="deny")
    claim = ev("s2", "outlet", "statement", "The paper reported that Assad requested help.", stance="claim", official=False,
               bloc="outlet", country="")
    f = find_flags(frame(denial, claim), rules=["deny_vs_assertion.v1"]).row(0, named=True)
    assert (f["kind"], f["official_ids"], f["other_ids"]) == ("say_vs_say", ["s1"], ["s2"])


def test_flag_ids_are_stable_for_the_same_evidence():
    a = find_flags(frame(DENIAL, DEPLOY)).get_column("flag_id").to_list()
    b = find_flags(frame(DEPLOY, DENIAL)).get_column("flag_id").to_list()
    assert a == b


def test_one_sentence_is_not_both_sides():
    denial = ev("s1", "russia_mofa", "statement", "Mali hired the firm, the minister said, adding Moscow was not involved.",
                stance="deny", bloc="russia", country="russia", sentence=3)
    deed = ev("s2", "russia_gov", "action", "Mali hired the firm, the minister said, adding Moscow was not involved.",
              bloc="russia", country="russia", action_class="MOBILIZE", sentence=3)
    assert find_flags(frame(denial, deed)).is_empty()


def test_empty_case_gives_no_flags():
    assert find_flags(pl.DataFrame(schema=EVENTS)).is_empty()


def test_rule_registry_snapshot():
    assert {name: kind for name, (kind, _) in RULES.items()} == {
        "deny_vs_affiliated_action.v1": "say_vs_do",
        "deny_vs_assertion.v1": "say_vs_say",
        "reversal.v1": "reversal",
        "contrary_framing.v1": "say_vs_say",
    }
    with pytest.raises(RuleError, match="unknown rule"):
        get_rule("nope.v1")


def test_dates_in_explanations_never_invent_a_day():
    month = {**DEPLOY, "date_start": D(2024, 12, 1), "date_end": D(2024, 12, 31), "date_precision": "month"}
    explanation = find_flags(frame(DENIAL, month)).row(0, named=True)["explanation"]
    assert "(deployed; Dec 2024)" in explanation and "2024-12-01" not in explanation


def test_denial_and_reported_deployment_in_an_unseen_article():
    """End to end on a text written for the tests: a ministry and its spokesman deny, an MP reports the deed."""
    case = golden_case("border_case")
    top = case.flags.row(0, named=True)
    by_id = events_by_id(case)
    official = {by_id[i]["actor"] for i in top["official_ids"]}
    other = {by_id[i]["actor"] for i in top["other_ids"]}
    assert top["kind"] == "say_vs_do"
    assert official == {"Turkish defence ministry", "Colonel Deniz Arslan"}
    assert other == {"Turkish armed forces"}
    assert "2025-03-13" in top["explanation"]


def test_denied_strike_and_reported_bombing_in_an_unseen_wire_story():
    case = golden_case("strike_denial")
    by_id = events_by_id(case)
    f = case.flags.row(0, named=True)
    assert f["kind"] == "say_vs_do"
    assert {by_id[i]["actor"] for i in f["official_ids"]} == {"Russian defence ministry", "Igor Konashenkov"}
    assert {by_id[i]["actor"] for i in f["other_ids"]} == {"Russian armed forces"}
    others = {(g["kind"], by_id[g["other_ids"][0]]["actor"]) for g in case.flags.iter_rows(named=True)}
    assert others == {("say_vs_do", "Russian armed forces"), ("say_vs_say", "Syrian Observatory for Human Rights")}


def test_say_vs_say_needs_the_two_to_speak_of_the_same_actors():
    denial = ev("s1", "mp", "statement", "The MP said Russia sent no troops to Syria.", stance="deny")
    other = ev("s2", "tr", "statement", "Turkish officials said Ankara sent troops to Syria.", stance="assert",
               bloc="turkey", country="turkey")
    rules = ["deny_vs_assertion.v1"]
    assert find_flags(frame({**denial, "text": "The MP said Russia sent no troops to Syria."}, other), rules=rules).is_empty()


def test_an_actor_denying_its_own_reported_deed():
    denial = ev("u1", "uae_gov", "statement", "The UAE denied supplying weapons to the group.", stance="deny",
                bloc="uae", country="uae")
    deed = ev("u2", "uae_gov", "action", "Cargo flights from Abu Dhabi delivered weapons to the group.", bloc="uae",
              country="uae", action_class="AID", doc="d2")
    f = find_flags(frame(denial, deed)).row(0, named=True)
    assert (f["kind"], f["official_ids"], f["other_ids"]) == ("say_vs_do", ["u1"], ["u2"])


def test_denied_shipment_and_reported_delivery_across_outlets():
    """A spokesman's denial and a newspaper's report of the deed, in a text written for the tests."""
    case = golden_case("drone_denial")
    by_id = events_by_id(case)
    f = case.flags.row(0, named=True)
    assert f["kind"] == "say_vs_do"
    assert {by_id[i]["actor"] for i in f["official_ids"]} == {"Esmaeil Baghaei"}
    assert [by_id[i]["actor"] for i in f["other_ids"]] == ["Iranian government"]
    assert by_id[f["other_ids"][0]]["reported_by"] == "Wall Street Journal"


def test_a_denial_of_the_claims_speaks_of_the_deed_just_reported():
    case = golden_case("personnel_denial")
    by_id = events_by_id(case)
    cuba = [f for f in case.flags.iter_rows(named=True) if {by_id[i]["actor"] for i in f["official_ids"]} == {"Cuban foreign ministry"}]
    assert cuba and cuba[0]["kind"] == "say_vs_do"
    assert [by_id[i]["actor"] for i in cuba[0]["other_ids"]] == ["Cuban intelligence"]


MARCH_DENIAL = ev("r1", "chad_gov", "statement", "The government said no Russian troops are present in Chad.", stance="deny",
                  bloc="chad", country="chad", start=D(2025, 3, 1), end=D(2025, 3, 31), precision="month",
                  actor="Government of Chad")
SEPT_ADMISSION = ev("r2", "chad_minister", "statement", "The minister confirmed that Russian troops were deployed in Chad.",
                    stance="confirm", bloc="chad", country="chad", start=D(2025, 9, 9), actor="Chadian defence minister",
                    doc="d2")


def test_denial_then_admission_by_one_bloc_is_a_reversal():
    flags = find_flags(frame(MARCH_DENIAL, SEPT_ADMISSION), rules=["reversal.v1"])
    f = flags.row(0, named=True)
    assert (f["kind"], f["official_ids"], f["other_ids"]) == ("reversal", ["r1"], ["r2"])
    assert f["explanation"].startswith("Government of Chad denied")
    assert "then Chadian defence minister admitted it (2025-09-09)" in f["explanation"] and "Mar 2025" in f["explanation"]


def test_admission_then_denial_is_a_reversal_too():
    admitted = {**SEPT_ADMISSION, "date_start": D(2025, 1, 10), "date_end": D(2025, 1, 10)}
    f = find_flags(frame(MARCH_DENIAL, admitted), rules=["reversal.v1"]).row(0, named=True)
    assert (f["official_ids"], f["other_ids"]) == (["r2"], ["r1"])
    assert "Chadian defence minister acknowledged" in f["explanation"] and "then Government of Chad denied it" in f["explanation"]


@pytest.mark.parametrize(
    "change",
    [
        {"bloc": "russia", "country": "russia"},  # another camp: say_vs_say, not a reversal
        {"date_start": D(2025, 3, 20), "date_end": D(2025, 3, 20)},  # at the same time: no change over time
        {"date_start": D(2027, 1, 5), "date_end": D(2027, 1, 5)},  # beyond the reversal window
        {"text": "The minister confirmed that the budget was approved.", "stance": "confirm"},  # another matter
        {"official": False, "actor_id": "chad_analyst"},  # not an office holder of the bloc
    ],
)
def test_no_reversal_without_one_side_changing_its_word_over_time(change):
    assert find_flags(frame(MARCH_DENIAL, {**SEPT_ADMISSION, **change}), rules=["reversal.v1"]).is_empty()


def test_reversal_window_is_a_setting():
    pair = frame(MARCH_DENIAL, SEPT_ADMISSION)
    assert find_flags(pair, rules=["reversal.v1"], settings=Settings(reversal_days=100)).is_empty()
    assert find_flags(pair, rules=["reversal.v1"], settings=Settings(reversal_days=200)).height == 1


def test_golden_reversal_pairs_both_denials_with_the_later_admission():
    case = golden_case("reversal")
    rev = case.flags.filter(pl.col("kind") == "reversal")
    assert rev.height == 1
    by_id = events_by_id(case)
    f = rev.row(0, named=True)
    assert {by_id[i]["actor"] for i in f["official_ids"]} == {"Colonel Ali Haroun", "Chadian defence ministry"}
    assert {by_id[i]["actor"] for i in f["other_ids"]} == {"General Issa Mahamat"}
    assert all(by_id[i]["date_end"] < by_id[j]["date_start"] for i in f["official_ids"] for j in f["other_ids"])


def test_an_admission_of_another_sides_deed_is_no_reversal():
    # the admission's sentence reports a deed of another state, done elsewhere: not the denier's own
    deed = ev("r3", "mali_gov", "action", SEPT_ADMISSION["text"], official=True, bloc="mali", country="mali",
              action_class="REQUEST", place="Mali", start=D(2025, 9, 9), doc="d2", sentence=SEPT_ADMISSION["sentence"])
    assert find_flags(frame(MARCH_DENIAL, SEPT_ADMISSION, deed), rules=["reversal.v1"]).is_empty()
    own = {**deed, "bloc": "chad", "country": "chad", "actor_id": "chad_army", "event_id": "r4"}
    assert find_flags(frame(MARCH_DENIAL, SEPT_ADMISSION, own), rules=["reversal.v1"]).height == 1


# contrary framings: written for the tests
STATE_TO_STATE = ev("f1", "mali_gov", "statement", "Bamako said it only took part in a state-to-state partnership with Russia.",
                    stance="assert", bloc="mali", country="mali", actor="Malian government", start=D(2022, 1, 10))
COMMERCIAL = ev("f2", "lavrov", "statement", "Lavrov said the Wagner Group is in Mali on a commercial basis.", stance="assert",
                bloc="russia", country="russia", actor="Sergei Lavrov", start=D(2022, 5, 2), doc="d2")


def framing_flags(*rows, settings=None):
    flags = find_flags(frame(*rows), settings=settings)
    return flags.filter(pl.col("rule") == "contrary_framing.v1")


def test_two_camps_that_characterise_one_presence_in_contrary_terms_are_a_divergence():
    f = framing_flags(COMMERCIAL, STATE_TO_STATE).row(0, named=True)
    assert (f["kind"], f["matter"], f["official_ids"], f["other_ids"]) == ("say_vs_say", "sponsor:state/private", ["f1"], ["f2"])
    # "Bamako said" names a government acting, not a place: the two share none to name
    assert f["explanation"] == ("Malian government spoke of a state-to-state arrangement (2022-01-10), "
                                "while Sergei Lavrov spoke of a private, commercial arrangement (2022-05-02).")


def test_a_characterisation_after_a_negation_or_a_denial_counts_for_nothing():
    for text in ("Bamako said the Russians in Mali were not mercenaries.",
                 "Bamako denied any deal with a private military company in Mali."):
        negated = {**STATE_TO_STATE, "text": text}
        trainers = {**COMMERCIAL, "text": "Lavrov said Russian instructors were training soldiers in Mali."}
        assert framing_flags(negated, trainers).is_empty()


def test_one_camp_or_unrelated_parties_make_no_framing_flag():
    same_camp = {**COMMERCIAL, "actor_id": "maiga", "bloc": "mali", "country": "mali"}
    assert framing_flags(STATE_TO_STATE, same_camp).is_empty()
    elsewhere = {**COMMERCIAL, "text": "Lavrov said Turkish fighters in Libya were there on a commercial basis."}
    assert framing_flags(STATE_TO_STATE, elsewhere).is_empty()


def test_the_framing_window_is_a_setting():
    later = {**COMMERCIAL, "date_start": D(2023, 3, 1), "date_end": D(2023, 3, 1)}
    assert framing_flags(STATE_TO_STATE, later).is_empty()
    assert framing_flags(STATE_TO_STATE, later, settings=Settings(framing_days=450)).height == 1


def test_a_plural_name_is_reported_in_the_plural():
    hired = {**DEPLOY, "actor": "Russian mercenaries", "actor_id": "russia_mercenaries", "bloc": "russia_mercenaries"}
    hired["country"] = "iraq"
    f = find_flags(frame(DENIAL, hired)).row(0, named=True)
    assert "while Russian mercenaries were reported doing it" in f["explanation"]
    assert "while Abu al-Fadl al-Abbas militia was reported" in find_flags(frame(DENIAL, DEPLOY)).row(0, named=True)["explanation"]
