"""Extraction rules, each on a sentence written for the test."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from extraction_helpers import events as article_events
from extraction_helpers import only
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.actors import load_registry
from timeline.extract import extract_events
from timeline.schema import DOCUMENTS, EVENTS
from timeline.text import sentences

PUBLISHED = dt.date(2024, 12, 5)  # a Thursday


def events(body: str, published: dt.date | None = PUBLISHED) -> list[dict]:
    return article_events(body, published)


def one(body: str, **where) -> dict:
    return only(events(body), **where)


def test_speaker_before_verb_with_appositive_is_the_subject():
    e = one("Karim Abu Suda, deputy head of the parliamentary security committee, dismissed the reports as baseless.", kind="statement")
    assert (e["actor"], e["stance"]) == ("Karim Abu Suda", "deny")


def test_titled_person_not_in_registry_is_discovered():
    e = one("Iraqi MP Layla Hassan said there was no formal request from Damascus.", kind="statement")
    assert e["actor"] == "Layla Hassan"
    assert e["official"] is True
    assert e["stance"] == "deny"


def test_speaker_after_quote():
    e = one("“We will not send a single soldier,” the Iraqi foreign ministry said.", kind="statement")
    assert e["actor_id"] == "iraq_mofa"
    assert e["quote"] == "We will not send a single soldier,"


def test_pronoun_continues_previous_speaker():
    body = "Kurdish MP Karim Shukur spoke to reporters. He added that no parliamentary vote had taken place."
    e = one(body, sentence=1, kind="statement")
    assert (e["actor"], e["stance"]) == ("Karim Shukur", "deny")


def test_told_outlet_is_reported_by():
    e = one("Karim Shukur told Reuters that parliament had approved nothing.", kind="statement")
    assert e["reported_by"] == "Reuters"


def test_hedged_report_is_a_claim_by_the_outlet():
    e = one("Al-Araby Al-Jadeed reported that Assad allegedly asked Baghdad for weapons.", kind="statement")
    assert (e["actor_id"], e["stance"]) == ("al_araby", "claim")


def test_anonymous_source_speaks_for_its_institution():
    e = one("An official at the Iraqi Ministry of Foreign Affairs, speaking on condition of anonymity, said the request was discussed.", kind="statement")
    assert (e["actor_id"], e["stance"]) == ("iraq_mofa", "claim")


def test_warning_is_a_threat():
    e = one("The French government warned Mali that hiring mercenaries would isolate the country.", kind="statement")
    assert (e["actor_id"], e["stance"]) == ("france_gov", "threaten")


def test_negation_idiom_is_no_denial():
    e = one("Sudani said Iraq will not stand idle as its borders are threatened.", kind="statement")
    assert e["stance"] == "assert"


def test_action_takes_the_grammatical_subject_not_the_nearest_name():
    e = one("Iraqi forces conducted airstrikes in eastern Syria at the request of the Syrian government.", kind="action", cue="conducted airstrikes")
    assert (e["actor_id"], e["action_class"], e["place"]) == ("iraq_armed_forces", "ASSAULT", "Syria")


def test_passive_action_takes_its_agent():
    e = one("The plan was discussed in a meeting of the Coordination Framework.", kind="action")
    assert e["actor_id"] == "coordination_framework"


def test_negated_or_hypothetical_deed_is_no_action():
    assert not [e for e in events("The prime minister cannot deploy troops abroad without approval.") if e["kind"] == "action"]
    assert not [e for e in events("Iraq denied that it had deployed troops to Syria.") if e["kind"] == "action"]


def test_announced_deployment_is_an_action_of_the_speakers_group():
    body = "Aws al-Khafaji, leader of the Abu al-Fadl al-Abbas militia, announced the deployment of fighters to Syria."
    act = one(body, kind="action")
    assert (act["actor_id"], act["action_class"], act["place"]) == ("abu_fadl_abbas", "MOBILIZE", "Syria")
    assert one(body, kind="statement")["actor_id"] == "khafaji"


def test_state_speaks_through_its_government():
    e = one("Mali refuted the reports on Friday.", kind="statement")
    assert e["actor_id"] == "mali_gov"


def test_weekday_in_past_tense_resolves_to_the_previous_day_with_day_precision():
    e = one("On Wednesday, the Iraqi government denied the reports.", kind="statement")
    assert (e["date_start"], e["date_end"], e["date_precision"]) == (dt.date(2024, 12, 4),) * 2 + ("day",)


def test_undated_event_gets_the_week_ending_on_publication():
    e = one("The Iraqi government denied the reports.", kind="statement")
    assert (e["date_start"], e["date_end"], e["date_precision"]) == (dt.date(2024, 11, 29), PUBLISHED, "week")


def test_a_list_of_years_gives_one_event_per_year():
    acts = [e for e in events("In 2018 and 2019, Iraqi forces carried out airstrikes in Syria.") if e["kind"] == "action"]
    assert sorted((e["date_start"].year, e["date_precision"]) for e in acts) == [(2018, "year"), (2019, "year")]


def test_article_without_date_keeps_events_undated():
    e = events("The Iraqi government denied the reports.", published=None)[0]
    assert (e["date_start"], e["date_precision"]) == (None, "unknown")


def test_every_event_keeps_provenance():
    body = "Intro line here.\n\nThe Iraqi government denied the reports on Wednesday."
    e = one(body, kind="statement")
    assert body[e["char_start"] : e["char_end"]] == e["text"]
    assert (e["doc_id"], e["doc_path"], e["sentence"]) == ("d1", "t.txt", 1)
    assert e["extractor"].startswith("statement.")


def test_thinking_is_no_statement():
    assert events("Many residents think that the army will return.") == []


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=400))
def test_extraction_never_raises_and_offsets_point_into_the_text(body):
    docs = pl.DataFrame(
        [{"doc_id": "d", "path": "p", "title": "", "outlet": "", "url": "", "published": PUBLISHED, "body": body}],
        schema=DOCUMENTS,
    )
    out = extract_events(docs)
    assert out.schema == pl.Schema(EVENTS)
    for e in out.iter_rows(named=True):
        assert 0 <= e["char_start"] <= e["char_end"] <= len(body)
        assert body[e["char_start"] : e["char_end"]] == e["text"]


@pytest.mark.parametrize("text", ["", "   ", "no sentence marks at all", "Mr. Smith went to Washington. He left."])
def test_sentences_cover_the_text(text):
    for s in sentences(text):
        assert text[s.start : s.end] == s.text


def test_registry_with_a_cycle_is_refused(tmp_path):
    from gapline.errors import ConfigError

    f = tmp_path / "extra.yaml"
    f.write_text("actors:\n  - {id: a, name: A, affiliation: [b]}\n  - {id: b, name: B, affiliation: [a]}\n")
    with pytest.raises(ConfigError, match="cycle"):
        load_registry([f])


def test_registry_with_unknown_affiliation_is_refused(tmp_path):
    from gapline.errors import ConfigError

    f = tmp_path / "extra.yaml"
    f.write_text("actors:\n  - {id: a, name: A, affiliation: [nobody]}\n")
    with pytest.raises(ConfigError, match="unknown actor 'nobody'"):
        load_registry([f])


def test_coordinated_subject_speaks_as_one_group():
    e = one("Germany and nine other European states on Monday condemned the attack.", kind="statement")
    assert e["actor"] == "Germany and nine other European states"


def test_collective_subject_is_a_group_actor():
    e = one("Twelve Western governments warned that sanctions would follow.", kind="statement")
    assert (e["actor"], e["stance"], e["official"]) == ("12 Western governments", "threaten", True)
    assert e["actor_mention"] == "Twelve Western governments"


def test_participle_continues_the_same_speaker():
    body = "The ceasefire has held for a week, the Turkish foreign minister said, adding that no troops had crossed the border."
    stmts = [e for e in events(body) if e["kind"] == "statement"]
    assert {e["actor_id"] for e in stmts} == {"turkey_mofa"}
    assert "deny" in {e["stance"] for e in stmts}


def test_the_person_heads_an_organisation_role_name_chain():
    e = one("The European Union's foreign policy chief Anna Berg said talks would resume.", kind="statement")
    assert e["actor"] == "Anna Berg"


def test_relative_clause_does_not_hide_the_subject():
    e = one("Germany, which has sent engineers to the region, has warned Chad that a coup would cost it all aid.", kind="statement")
    assert (e["actor_id"], e["stance"]) == ("germany_gov", "threaten")


def test_accusing_another_camp_of_a_deed_is_a_claim():
    e = one("Iraqi officials said Turkish troops deployed across the border overnight.", kind="statement")
    assert e["stance"] == "claim"


def test_doer_of_a_gerund_after_involvement_of():
    body = "Ministers said they knew of the involvement of the Iranian government in supplying weapons to the rebels."
    act = one(body, kind="action")
    assert (act["actor_id"], act["action_class"]) == ("iran_gov", "AID")


def test_deed_named_by_a_noun_has_its_doer():
    act = one("The officials condemned the deployment of the Wagner Group in Libya.", kind="action")
    assert (act["actor_id"], act["action_class"], act["place"]) == ("wagner", "MOBILIZE", "Libya")


def test_passive_reporting_verb_is_no_statement():
    assert [e for e in events("The border posts are threatened by the floods.") if e["kind"] == "statement"] == []


def test_an_agreement_is_a_deed_of_both_parties():
    acts = [e for e in events("The Wagner Group signed an agreement with the Libyan government last year.") if e["kind"] == "action"]
    assert {(e["actor_id"], e["action_class"]) for e in acts} == {("wagner", "AGREE"), ("libya_gov", "AGREE")}


def test_according_to_a_pronoun_is_the_last_speaker():
    body = "Sergei Lavrov spoke in Moscow on Monday. According to him, the Kremlin had nothing to do with the contract."
    e = one(body, sentence=1, kind="statement")
    assert (e["actor_id"], e["stance"]) == ("lavrov", "deny")


def test_armed_as_an_adjective_is_no_deed():
    assert [e for e in events("The Malian government said the armed wing of the party had disbanded.") if e["kind"] == "action"] == []


def test_a_chosen_deed_has_the_chooser_as_doer():
    body = "Ministers regretted the decision of the Malian government to pay foreign mercenaries from public funds."
    act = one(body, kind="action")
    assert (act["actor_id"], act["action_class"]) == ("mali_gov", "AID")


def test_an_organisation_unknown_to_the_registry_can_speak():
    e = one("The Centre for Conflict Monitoring, a Geneva-based group, said Iranian drones struck the port.", kind="statement")
    assert (e["actor"], e["stance"]) == ("Centre for Conflict Monitoring", "claim")


def test_a_bare_collective_can_speak():
    e = one("Residents told reporters the convoy left at dawn.", kind="statement")
    assert e["actor"] == "Residents"


def test_no_deed_said_to_exist_is_a_denial():
    e = one("“The army carried out no flights over the area,” the Russian defence ministry said.", kind="statement")
    assert e["stance"] == "deny"


def test_a_verb_of_moving_with_a_military_object_is_a_deployment():
    act = one("Ankara sent more troops to its posts in Idlib last week.", kind="action")
    assert (act["actor_id"], act["action_class"], act["place"]) == ("turkey_gov", "MOBILIZE", "Syria")


def test_national_aircraft_are_the_armed_forces():
    act = one("Russian jets bombed the hospital on Sunday.", kind="action")
    assert (act["actor_id"], act["action_class"], act["date_start"]) == ("russia_armed_forces", "ASSAULT", dt.date(2024, 12, 1))


def test_wrapped_column_lines_are_not_sentences():
    body = (
        "The Iraqi government said on Monday that it had not sent any troops\n"
        "to the border area and that reports of a build-up near the crossing\n"
        "were false, adding that the army remained in its barracks across\n"
        "Anbar province and that no new orders had been issued this month.\n"
    )
    assert len(sentences(body)) == 1


def test_headline_and_timestamp_lines_of_scraped_text_stand_alone():
    body = "Militia leader announces deployment\n12:04 GMT\nThe Iraqi government denied the reports."
    assert [s.text for s in sentences(body)] == ["Militia leader announces deployment", "12:04 GMT", "The Iraqi government denied the reports."]


def test_an_acronym_names_the_state_in_an_organ():
    e = one("A UAE foreign ministry official said no weapons had been sent.", kind="statement")
    assert (e["actor_id"], e["stance"]) == ("uae_mofa", "deny")


def test_deeds_named_by_where_they_come_from():
    act = one("Cargo flights from Abu Dhabi delivered weapons to the group.", kind="action", action_class="AID")
    assert act["actor_id"] == "uae_gov"


def test_an_acronym_organisation_can_speak_and_its_fighters_act_for_it():
    body = "The RSF said its fighters had captured the city of El Fasher on Sunday."
    assert one(body, kind="statement")["actor"] == "RSF"
    act = one(body, kind="action")
    assert (act["actor"], act["action_class"]) == ("RSF", "FIGHT")


def test_according_to_an_unnamed_group():
    e = one("Two villages were shelled overnight, according to local medics.", kind="statement")
    assert (e["actor"], e["stance"]) == ("local medics", "claim")


def test_weapons_fired_by_a_named_group_are_its_deed():
    act = one("The army said the rockets were launched by a Hezbollah unit near the border.", kind="action")
    assert (act["actor_id"], act["action_class"]) == ("hezbollah", "ASSAULT")


def test_role_of_a_state_before_the_name_gives_the_affiliation():
    e = one("The defence minister of Niger, General Amadou Sani, said the base was closed.", kind="statement")
    assert (e["actor"], e["chain"][:2]) == ("General Amadou Sani", ["amadou_sani", "niger_mod"])


def test_the_ministrys_spokesman_belongs_to_the_ministry_named_before():
    body = ("The defence minister of Niger, General Amadou Sani, spoke on Monday. "
            "The ministry's spokesman, Colonel Idrissa Kane, said no foreign troops were present.")
    e = one(body, sentence=1, kind="statement")
    assert (e["actor"], e["chain"][1], e["stance"]) == ("Colonel Idrissa Kane", "niger_mod", "deny")


def test_who_added_continues_the_named_speaker():
    body = "Officials met on Monday, said Colonel Idrissa Kane, who added that the army had not signed any contract."
    stmts = [e for e in events(body) if e["kind"] == "statement"]
    assert {e["actor"] for e in stmts} == {"Colonel Idrissa Kane"} and "deny" in {e["stance"] for e in stmts}


def test_told_an_outlet_the_registry_does_not_know():
    e = one("The minister of Chad, General Issa Mahamat, told Radio Sahel Internationale that talks had begun.", kind="statement")
    assert e["reported_by"] == "Radio Sahel Internationale"


def test_an_admission_stays_an_admission_when_it_mentions_an_earlier_denial():
    body = ("The Chadian defence ministry admitted on Tuesday that Russian instructors had been deployed, "
            "months after officials dismissed such reports as rumours.")
    e = one(body, kind="statement", cue="admitted")
    assert e["stance"] == "confirm"


def test_launching_an_offensive_is_fighting():
    act = one("In 2023, Azerbaijani forces launched a large offensive in the mountains.", kind="action")
    assert (act["actor_id"], act["action_class"], act["date_start"].year) == ("azerbaijan_armed_forces", "FIGHT", 2023)


def test_a_build_up_said_not_to_exist_is_a_denial():
    e = one("“There is no build-up near the border,” the Belarusian defence ministry said.", kind="statement")
    assert e["stance"] == "deny"


def test_an_unnamed_national_security_source_speaks_for_the_government():
    e = one("Tanks were seen near the frontier, according to a senior Ukrainian security source.", kind="statement")
    assert (e["actor_id"], e["stance"]) == ("ukraine_gov", "claim")


def test_a_quote_of_several_sentences_stays_with_its_speaker():
    body = "“Our troops are at home. Nobody has crossed the border,” the Ethiopian defence ministry said."
    e = one(body, kind="statement")
    assert (e["actor_id"], e["stance"]) == ("ethiopia_mod", "deny")


def test_role_then_name_between_commas():
    e = one("The Ethiopian defence minister, Abraham Belay, said his forces had not entered Eritrea.", kind="statement")
    assert (e["actor"], e["chain"][1], e["stance"]) == ("Abraham Belay", "ethiopia_mod", "deny")


def test_since_a_date_runs_to_publication():
    act = one("Cuban troops have been stationed at the base since 2019, the report said.", kind="action")
    assert (act["date_start"], act["date_end"], act["date_precision"]) == (dt.date(2019, 1, 1), PUBLISHED, "year")


def test_a_date_in_a_statement_phrase_dates_the_statement():
    e = one("Cuba's foreign ministry dismissed the claims as lies in a statement on Wednesday night.", kind="statement")
    assert (e["date_start"], e["date_precision"]) == (dt.date(2024, 12, 4), "day")


def test_institutions_known_by_their_building():
    e = one("The Pentagon said no American troops had entered the area.", kind="statement")
    assert (e["actor_id"], e["stance"]) == ("usa_mod", "deny")


def test_a_spokesman_for_an_institution_named_in_lower_case():
    body = "Niger's presidency denied the report. A spokesman for the presidency, Amadou Abdramane, said no deal was signed."
    e = one(body, sentence=1, kind="statement")
    assert (e["actor"], e["chain"][1], e["stance"]) == ("Amadou Abdramane", "niger_gov", "deny")


def test_unnamed_officials_report_second_hand():
    e = one("Two officials speaking on condition of anonymity said contractors arrived in December.", kind="statement")
    assert (e["actor"], e["stance"]) == ("Two officials", "claim")


def test_a_date_inside_what_is_said_belongs_to_the_deed_not_the_saying():
    e = one("Sources close to the presidency said the contract was signed in November.", kind="statement")
    assert e["date_precision"] == "week"


def test_a_rank_before_a_discovered_name_is_part_of_the_name():
    e = one("The army spokesman, Lieutenant Colonel Sami Haddad, said no troops had crossed.", kind="statement")
    assert e["actor"] == "Lieutenant Colonel Sami Haddad" and e["actor_id"] == "sami_haddad"
    later = events("Brigadier General Noor Salem, commander of the northern front, said the line held. Salem said more.")
    assert {x["actor"] for x in later if x["kind"] == "statement"} == {"Brigadier General Noor Salem"}


def test_a_verb_followed_by_a_quote_reports_speech_not_a_deed():
    found = events('Iraq\'s interior ministry, in a statement on Monday, asks "to be judged on facts, not on gossip".')
    assert [(e["kind"], e["actor"], e["stance"]) for e in found] == [("statement", "Iraqi interior ministry", "assert")]
    deed = events("Iraq's government asked Turkey for two transport planes on Monday.")
    assert all(e["kind"] == "action" for e in deed) and deed


def test_refers_to_and_speaks_of_report_what_a_speaker_says():
    e = one("Iraq's foreign ministry refers to the arrival of a few engineers under a civilian contract.", kind="statement")
    assert (e["actor"], e["stance"]) == ("Iraqi foreign ministry", "assert")
    assert not [x for x in events("The word refers to a tribe of the upper valley.") if x["kind"] == "statement"]


def test_meeting_a_challenge_is_no_meeting():
    assert not [e for e in events("Iraq's government met the growing challenges of the winter on Monday.") if e["kind"] == "action"]
    talks = [e for e in events("Iraq's prime minister met the Turkish ambassador on Monday.") if e["kind"] == "action"]
    assert talks and talks[0]["action_class"] == "CONSULT"


def test_a_statement_is_not_about_its_own_verb_of_saying():
    e = one('Iraq\'s interior ministry, in a statement on Monday, asks "to be judged on facts".', kind="statement")
    assert e["action_class"] is None


def test_a_report_inside_a_quote_is_the_inner_speakers_statement():
    body = ('"My counterpart Jane Roe, as well as (the EU envoy) John Doe, told me in January that Britain would never send '
            'troops there," Iraq\'s foreign minister said on Monday.')
    found = events(body)
    inner = sorted((e["actor"], e["reported_by"], e["date_start"].isoformat(), e["date_precision"])
                   for e in found if e["extractor"] == "statement.nested.v1")
    assert inner == [("Jane Roe", "Iraq's foreign minister", "2024-01-01", "month"),
                     ("John Doe", "Iraq's foreign minister", "2024-01-01", "month")]
    outer = [e for e in found if e["extractor"] == "statement.verb.v1"]
    assert [e["actor"] for e in outer] == ["Iraqi foreign ministry"]


def test_first_person_inside_a_quote_is_no_nested_speaker():
    found = events('"We told them that no troops would cross," the Iraqi defence minister said.')
    assert not [e for e in found if e["extractor"] == "statement.nested.v1"]


def test_negative_words_about_another_camp_are_an_assertion_not_a_denial():
    e = one("Iraq's foreign minister said Turkey had no reason to keep troops in the north.", kind="statement")
    assert (e["stance"], e["polarity"]) == ("assert", "negative")
    own = one("Iraq's foreign minister said the Iraqi army had not crossed the border.", kind="statement")
    assert own["stance"] == "deny"
    explicit = one("Iraq's foreign minister denied that Turkey had sent troops.", kind="statement")
    assert explicit["stance"] == "deny"


def test_the_head_of_a_relative_clause_speaks():
    e = one("Iraq was one of some twelve Arab states that on Monday announced a joint patrol of the border.", kind="statement")
    assert e["actor"] == "12 Arab states" and e["date_start"] == dt.date(2024, 12, 2)
    assert e["actor_mention"] == "some twelve Arab states"
    named = one("It was Turkey's defence ministry which later confirmed the strike.", kind="statement")
    assert (named["actor"], named["stance"]) == ("Turkish defence ministry", "confirm")
    assert not [e for e in events("The agency cited a report that said nothing new.") if e["kind"] == "statement"]


def test_one_subject_with_two_verbs_of_saying_gives_two_statements():
    found = [e for e in events('Turkey admits having sent "advisers" to Libya but says they are not active in combat.')
             if e["kind"] == "statement"]
    assert [(e["actor"], e["cue"], e["stance"]) for e in found] == [("Turkish government", "admits", "confirm"),
                                                                         ("Turkish government", "says", "deny")]


def test_a_state_named_as_actor_is_no_place():
    deed = one("Syria asked Iranian engineers to repair the dam, Iraq's foreign minister confirmed, adding that Baghdad was "
               "not involved.", kind="action")
    assert deed["place"] is None


def test_a_description_with_a_demonym_picks_a_person_of_that_state():
    body = ("Iraq's foreign minister Fuad Hussein met Jane Roe, a British envoy, in Baghdad. "
            '"We spoke about the border," the Iraqi diplomat said.')
    e = one(body, kind="statement")
    assert e["actor"] == "Fuad Hussein"


def test_a_source_who_asked_not_to_be_named_is_an_anonymous_claim():
    e = one("A Western diplomat who asked not to be named said Turkish troops had crossed into Iraq.", kind="statement")
    assert (e["actor"], e["stance"], e["anonymous"]) == ("A Western diplomat", "claim", True)
    org = one("A senior Iraqi security source told reporters that the convoy had left on Monday.", kind="statement")
    assert (org["actor_id"], org["stance"], org["anonymous"]) == ("iraq_gov", "claim", True)
    named = one("Turkish officials said Ankara had sent reinforcements.", kind="statement")
    assert named["stance"] == "assert"


def test_the_subject_follows_an_opening_phrase_and_a_numbered_group_refers_back():
    body = ("Twelve Arab states condemned the strike on Monday. "
            'Addressing the Turkish army directly, the 12 states added that "this must stop".')
    found = [e for e in events(body) if e["kind"] == "statement"]
    assert [e["actor"] for e in found] == ["12 Arab states", "12 Arab states"]
    e = one('Speaking to reporters in Erbil, Iraq\'s foreign minister said no troops had crossed.', kind="statement")
    assert e["actor"] == "Iraqi foreign ministry"


def test_a_quote_over_several_paragraphs_belongs_to_the_speaker_named_where_it_closes():
    body = ("Iraq's defence minister Jane Roe spoke to reporters on Monday.\n\n"
            "“Our army will not cross into Syria. We have no such plan.\n\n"
            "“Anyone who says otherwise is spreading rumours,” she said.\n\n"
            "The border crossing at Qaim stayed open.")
    found = [e for e in events(body) if e["kind"] == "statement"]
    assert [(e["sentence"], e["actor"]) for e in found] == [(1, "Jane Roe"), (2, "Jane Roe"), (3, "Jane Roe")]
    assert found[0]["stance"] == "deny" and found[0]["quote"] == "Our army will not cross into Syria."


def test_a_quote_run_opened_by_a_named_speaker_continues_with_them():
    body = ('Iraqi MP Jane Roe said on Monday: "The vote was never held. Nobody asked us.\n\n'
            '"We learned it from the newspapers." The session then closed.')
    found = [e for e in events(body) if e["kind"] == "statement"]
    assert {e["sentence"] for e in found} == {0, 1, 2} and {e["actor"] for e in found} == {"Jane Roe"}
