"""Extraction rules for hired fighters, counted groups, transcripts, relative clauses and deeds
referred back to, each on text written for the test."""

from __future__ import annotations

import datetime as dt

import polars as pl
from extraction_helpers import events, only

PUBLISHED = dt.date(2023, 5, 12)  # a Friday


def test_fighters_named_by_their_country_are_an_armed_group_of_that_country():
    found = events("Diplomats on Tuesday condemned the deployment of Turkish mercenary forces in northern Libya.", PUBLISHED)
    e = only(found, kind="action")
    assert (e["actor_id"], e["action_class"], e["place"], e["official"], e["country"]) == (
        "turkey_mercenaries", "MOBILIZE", "Libya", False, "turkey")
    assert e["date_start"] == dt.date(2023, 5, 9) and e["reported_by"] == "Diplomats"


def test_fighters_named_by_their_country_are_the_group_they_work_for():
    body = "Russian mercenaries working for the Wagner Group deployed to the outskirts of Bangui on Monday."
    e = only(events(body, PUBLISHED), kind="action")
    assert (e["actor_id"], e["actor_mention"], e["action_class"]) == ("wagner", "Russian mercenaries", "MOBILIZE")


def test_militia_fighters_named_by_their_country_are_its_militias_not_its_state():
    body = "Several hundred Lebanese militia fighters crossed into Syria on Monday, residents said."
    e = only(events(body, PUBLISHED), kind="action")
    assert (e["actor_id"], e["actor_mention"], e["action_class"], e["place"]) == (
        "lebanon_militias", "Lebanese militia fighters", "MOBILIZE", "Syria")
    # of the country, outside its chain of command
    assert (e["official"], e["country"], e["bloc"]) == (False, "lebanon", "lebanon_militias")


def test_a_name_a_registry_file_gives_is_not_taken_by_an_organ_made_for_every_state():
    from timeline.actors import load_registry

    reg = load_registry()
    # world.yaml names the Russian foreign minister; the made foreign ministry does not take the title
    assert [m.actor_id for m in reg.mentions("The Russian foreign minister spoke.")] == ["lavrov"]


def test_a_counted_group_is_one_actor_however_the_count_is_written():
    body = ("Fifteen Western countries on Wednesday condemned the sanctions. "
            "Some 15 Western countries also said they would review their aid.")
    said = [e for e in events(body, PUBLISHED) if e["kind"] == "statement"]
    assert {e["actor_id"] for e in said} == {"group:15_western_countries"}
    assert {e["actor"] for e in said} == {"15 Western countries"}
    assert [e["actor_mention"] for e in said] == ["Fifteen Western countries", "Some 15 Western countries"]


def test_a_small_count_keeps_its_words():
    e = only(events("Two officials said the convoy had turned back.", PUBLISHED), kind="statement")
    assert (e["actor_id"], e["actor"]) == ("group:two_officials", "Two officials")


TRANSCRIPT = (
    "Press briefing (11 May 2023)\n\n"
    "Q: The Libyan authorities say foreign fighters have left Sirte. Do you confirm it?\n\n"
    "A: We have seen no sign of a withdrawal. Our position has not changed.\n\n"
    "Q: Will you send observers?\n\n"
    "A: That is under discussion with our partners.\n"
)


def test_answers_of_a_transcript_are_statements_of_the_ministry_that_publishes_it():
    found = events(TRANSCRIPT, PUBLISHED, outlet="Turkish Ministry of Foreign Affairs")
    answers = [e for e in found if e["extractor"] == "statement.transcript.v1"]
    assert [(e["actor_id"], e["stance"]) for e in answers] == [("turkey_mofa", "deny"), ("turkey_mofa", "assert"),
                                                               ("turkey_mofa", "assert")]
    assert answers[0]["text"] == "A: We have seen no sign of a withdrawal."
    assert answers[0]["actor_mention"] == "Turkish Ministry of Foreign Affairs"
    # the question reports what others say; it is no statement of the ministry
    q = only(found, sentence=1)
    assert (q["actor_id"], q["kind"]) == ("libya_gov", "statement")


def test_a_transcript_from_an_outlet_that_names_no_official_body_has_no_speaker_for_its_answers():
    found = events(TRANSCRIPT, PUBLISHED, outlet="Example News")
    assert not [e for e in found if e["extractor"] == "statement.transcript.v1"]


def test_question_and_answer_marks_alone_do_not_make_a_transcript():
    found = events("A: the first option. The ministry said on Monday it had no comment.", PUBLISHED,
                   outlet="Turkish Ministry of Foreign Affairs")
    assert not [e for e in found if e["extractor"] == "statement.transcript.v1"]


def test_the_head_of_a_relative_clause_is_the_doer_of_its_deed():
    body = "Protests grew under the interim president, General Jane Roe, who took power in March after the vote was annulled."
    e = only(events(body, PUBLISHED), kind="action")
    assert (e["actor"], e["action_class"], e["date_start"], e["date_end"], e["date_precision"]) == (
        "General Jane Roe", "LEADERSHIP", dt.date(2023, 3, 1), dt.date(2023, 3, 31), "month")


def test_a_deed_referred_back_to_is_someone_elses():
    body = ("Armed drones struck a fuel depot near Tobruk on Monday. "
            "Twelve Arab states on Tuesday announced this attack in a joint note.")
    found = events(body, PUBLISHED)
    said = only(found, kind="statement", actor="12 Arab states")
    assert said["stance"] == "claim"
    assert not [e for e in found if e["kind"] == "action" and e["actor"] == "12 Arab states"]


def test_an_announced_deed_of_ones_own_is_still_an_action():
    e = only(events("The Badr Organisation announced the deployment of its fighters to Syria on Tuesday.", PUBLISHED),
             kind="action")
    assert (e["actor_id"], e["action_class"], e["place"]) == ("badr", "MOBILIZE", "Syria")


def test_a_dateline_names_where_the_report_was_filed_not_an_actor():
    e = only(events("Ankara (AFP) - Libya has not asked Egypt for troops, its envoy to Cairo said on Tuesday.", PUBLISHED),
             kind="statement")
    assert (e["actor_id"], e["actor_mention"], e["stance"], e["date_start"]) == ("libya_mofa", "its envoy", "deny",
                                                                                 dt.date(2023, 5, 9))


def test_what_is_said_before_a_trailing_speaker_sets_the_stance():
    e = only(events("The Badr Organisation has not sent fighters to Syria, its spokesman said on Monday.", PUBLISHED),
             kind="statement")
    assert (e["actor_id"], e["stance"], e["polarity"], e["place"]) == ("badr", "deny", "negative", "Syria")


def test_an_untitled_speaker_is_a_person_known_by_the_full_name_the_text_gives():
    body = ("The remarks by Samir Nadim al-Haddad came a day after the talks. "
            '"We have not asked anyone for troops," Haddad said at a news conference. '
            '"The border is calm," said Lina Farouk, who runs the crossing.')
    said = [e for e in events(body, PUBLISHED) if e["kind"] == "statement"]
    assert [(e["actor"], e["actor_mention"], e["stance"], e["official"]) for e in said] == [
        ("Samir Nadim al-Haddad", "Haddad", "deny", False), ("Lina Farouk", "Lina Farouk", "assert", False)]


def test_names_of_organisations_or_unknown_single_names_are_no_people():
    body = "Human Rights Watch said the strikes hit a school. Haddad said the talks were over."
    found = events(body, PUBLISHED)
    assert only(found, sentence=0)["actor_id"] == "org:human_rights_watch"
    assert not [e for e in found if e["actor_id"] in {"haddad", "human_rights_watch"}]


def test_a_title_between_a_state_and_a_name_belongs_to_the_name():
    e = only(events("US Secretary of State Jane Roe pledged support for the talks on Tuesday.", PUBLISHED), kind="statement")
    assert (e["actor"], e["official"]) == ("Jane Roe", True)


def test_a_verb_between_two_actors_is_no_title():
    e = only(events("Iraq has not asked Iran for help, its ambassador said.", PUBLISHED), kind="statement")
    assert e["actor_id"] == "iraq_mofa"


def test_an_idiom_does_not_cancel_another_negation():
    body = '"We have not authorised any intrusion into Syrian territory. We will not allow a proxy war," said Iraqi MP Jane Roe.'
    e = only(events(body, PUBLISHED), kind="statement")
    assert (e["stance"], e["polarity"]) == ("deny", "negative")


def test_a_deed_one_would_help_with_is_not_done():
    found = events("The minister asked Baghdad to help repel opposition fighters who have taken control of Hama.", PUBLISHED)
    deeds = [(e["actor_id"], e["action_class"]) for e in found if e["kind"] == "action"]
    assert ("syrian_opposition", "FIGHT") in deeds
    assert not [d for d in deeds if d[1] == "FIGHT" and d[0] != "syrian_opposition"]


def test_general_after_a_civil_title_is_no_military_rank():
    e = only(events("Attorney General Jane Roe said the inquiry was over.", PUBLISHED), kind="statement")
    assert e["actor"] == "Jane Roe"


def test_a_surname_two_people_share_names_nobody():
    body = ("Omar Haddad and Samir Haddad met in Amman on Monday. "
            '"Nothing was agreed," Haddad said. Ambassador Lina Farouk told reporters the meeting was cordial.')
    found = events(body, PUBLISHED)
    assert not [e for e in found if e["actor"] in {"Omar Haddad", "Samir Haddad"}]
    assert only(found, kind="statement", actor="Lina Farouk")["official"] is True


def test_titles_and_place_names_are_no_part_of_an_untitled_speakers_name():
    found = events('"We are ready," Deputy Mayor Paul Okafor said. New Zealand said it would send aid.', PUBLISHED)
    assert {e["actor"] for e in found if e["kind"] == "statement"} >= {"Paul Okafor"}
    assert "new_zealand" not in {e["actor_id"] for e in found}


def test_a_negation_denies_only_a_deed_in_its_scope():
    looked = only(events("Jane Roe, the US ambassador, said she looked forward to visiting Kenya but would wait until she "
                         "could do so without placing burdens on the embassy.", PUBLISHED), kind="statement")
    assert looked["stance"] == "assert"
    refused = only(events("Jane Roe, the US ambassador, said Washington had not sent troops to Kenya.", PUBLISHED),
                   kind="statement")
    assert refused["stance"] == "deny"
    apart = only(events("The Kremlin said it had nothing to do with the group.", PUBLISHED), kind="statement")
    assert apart["stance"] == "deny"


def test_a_feeling_about_what_others_did_is_no_denial():
    e = only(events("Cuban President Jane Roe expressed irritation that the delegation was not granted visas.", PUBLISHED),
             kind="statement")
    assert e["stance"] == "assert"


def test_denying_someone_something_or_a_denial_that_would_have_been_is_no_statement():
    assert not events("The Iraqi government denied the journalists entry to the camp on Monday.", PUBLISHED)
    assert not events("Had they stayed, the Iraqi government would have denied the militia an opportunity to regroup.",
                      PUBLISHED)
    e = only(events("The Iraqi government denied the reports on Monday.", PUBLISHED), kind="statement")
    assert e["stance"] == "deny"


def test_a_body_speaks_through_its_part_and_a_statement_it_issues():
    e = only(events("The press office of the Turkish army on Monday issued a statement denying that troops had crossed "
                    "into Syria.", PUBLISHED), kind="statement")
    assert (e["actor_id"], e["stance"], e["date_start"]) == ("turkey_armed_forces", "deny", dt.date(2023, 5, 8))
    assert not [x for x in events("The press office of the Turkish army on Monday issued a statement denying that troops "
                                  "had crossed into Syria.", PUBLISHED) if x["kind"] == "action"]


def test_posting_and_making_clear_report_speech_and_calling_news_false_denies_it():
    body = ("“Reports claiming a deployment of Turkish troops near Kobani are false and far from the truth,” "
            "army spokesman Colonel Jane Roe posted on Twitter.")
    e = only(events(body, PUBLISHED), kind="statement")
    assert (e["actor"], e["stance"]) == ("Colonel Jane Roe", "deny")
    e = only(events("The Turkish defence ministry made it clear that no troops had been sent.", PUBLISHED), kind="statement")
    assert (e["actor_id"], e["stance"]) == ("turkey_mod", "deny")


def test_it_said_is_the_organisation_that_spoke_last():
    body = ("The Daily Meridian said on Saturday that two brigades had moved to the border. "
            "“This comes as a third brigade has already moved,” it said.")
    said = [e for e in events(body, PUBLISHED) if e["kind"] == "statement"]
    assert [e["actor"] for e in said] == ["Daily Meridian", "Daily Meridian"]


def test_a_speaker_goes_on_only_into_a_sentence_that_is_mostly_a_quotation():
    body = ("“We have sent no troops,” Turkish army spokesman Colonel Jane Roe said. "
            "Local media outlets alleged that Turkey had deployed “several thousand soldiers” near Kobani.")
    deed = only(events(body, PUBLISHED), kind="action")
    assert deed["reported_by"] == "Local media outlets"


def test_told_an_agency_by_its_initials_is_who_reports_it():
    e = only(events("“The reports are baseless,” Turkish army spokesman Colonel Jane Roe told PTI.", PUBLISHED), kind="statement")
    assert e["reported_by"] == "PTI"


def test_calling_claims_unfounded_denies_them_and_a_possessive_claims_is_a_noun():
    body = ("Turkish Foreign Ministry spokesman Jane Roe on Thursday called Greece's claims about the shipment unfounded "
            "and reaffirmed that Ankara had not sent weapons to Libya.")
    said = [e for e in events(body, PUBLISHED) if e["kind"] == "statement"]
    assert [(e["actor"], e["stance"]) for e in said] == [("Jane Roe", "deny")]
    named = events("Ankara said a militia called the Guardians of the Border patrolled the crossing.", PUBLISHED)
    assert [e["cue"] for e in named if e["kind"] == "statement"] == ["said"]


def test_a_shipment_from_a_state_and_a_states_supply_are_its_deeds():
    e = only(events("Jane Roe, a Greek defence official, said a new shipment of drones from Ankara had reached Tripoli.",
                    PUBLISHED), kind="action")
    assert (e["actor_id"], e["action_class"]) == ("turkey_gov", "AID")
    found = events("Jane Roe, a Greek defence official, said Turkey's supply of drones to Tripoli had continued.", PUBLISHED)
    assert only(found, kind="action")["actor_id"] == "turkey_gov"


def test_a_quote_over_two_paragraphs_belongs_to_whoever_closes_it_even_after_another_speaker():
    body = ("On Monday, Greek spokesman Jane Roe said that drones had reached Tripoli.\n\n"
            '"I repeat that Turkey has not sent any weapons to Libya.\n\n'
            'We respect the embargo," Turkish Foreign Ministry spokesman Omar Kaya said on Twitter.')
    said = [e for e in events(body, PUBLISHED) if e["kind"] == "statement"]
    assert [e["actor"] for e in said] == ["Jane Roe", "Omar Kaya", "Omar Kaya"]
    assert said[1]["stance"] == "deny"


def test_the_quote_is_what_is_said_when_an_appositive_stands_between_it_and_the_verb():
    e = only(events('"We reject the baseless claims," Jane Roe, the spokeswoman for the Turkish foreign ministry, said.',
                    PUBLISHED), kind="statement")
    assert (e["actor"], e["stance"]) == ("Jane Roe", "deny")


def test_a_negation_in_a_clause_of_others_words_is_no_denial():
    e = only(events("The Turkish government said on Monday it would send an aid convoy to Idlib despite warnings that "
                    "Ankara not act alone as a cover for sending in troops.", PUBLISHED), kind="statement")
    assert e["stance"] == "assert"


def test_a_side_and_an_old_spelling_of_a_capital_name_the_government():
    found = events("The Ukrainian side claims that weapons were sent with the convoy. Kiev said on Monday it had no proof.",
                   PUBLISHED)
    assert [e["actor_id"] for e in found if e["kind"] == "statement"] == ["ukraine_gov", "ukraine_gov"]


def test_told_a_person_of_an_organisation_is_no_outlet():
    e = only(events("Russian President Vladimir Putin told European Commission chief Jane Roe that aid was on its way.",
                    PUBLISHED), kind="statement")
    assert e["reported_by"] is None


def test_named_actors_that_speak_together_make_a_statement_each():
    found = events("Ethiopia and Eritrea on Monday denied that Eritrean troops were in Tigray.", PUBLISHED)
    assert [(e["actor_id"], e["stance"]) for e in found if e["kind"] == "statement"] == [
        ("ethiopia_gov", "deny"), ("eritrea_gov", "deny")]
    shared = events("For months the Ethiopian and Eritrean governments denied that Eritrean troops were involved.", PUBLISHED)
    assert [e["actor_id"] for e in shared if e["kind"] == "statement"] == ["ethiopia_gov", "eritrea_gov"]
    listed = events("Russia, China and Iran said on Monday they opposed the sanctions.", PUBLISHED)
    assert [e["actor_id"] for e in listed if e["kind"] == "statement"] == ["russia_gov", "china_gov", "iran_gov"]


def test_a_group_with_an_unnamed_part_still_speaks_as_one():
    e = only(events("France and nine European allies on Monday condemned the strikes.", PUBLISHED), kind="statement")
    assert e["actor"] == "France and nine European allies"


def test_a_two_word_name_may_go_by_its_first_word():
    body = ("Ethiopian Prime Minister Abiy Ahmed sent troops into Tigray in November. "
            "Abiy said on Tuesday that the operation was over.")
    said = only(events(body, PUBLISHED), kind="statement")
    assert (said["actor"], said["date_start"]) == ("Abiy Ahmed", dt.date(2023, 5, 9))


def test_a_circumstance_in_ing_is_no_speaker_and_the_date_after_the_verb_is_the_statements():
    found = events("Abiy Ahmed, the Ethiopian prime minister, acknowledged the Eritreans' presence in March while speaking "
                   "to lawmakers.", PUBLISHED)
    said = only(found, kind="statement")
    assert (said["actor"], said["stance"], said["date_start"], said["date_precision"]) == (
        "Abiy Ahmed", "confirm", dt.date(2023, 3, 1), "month")
    assert not [e for e in found if e["kind"] == "action" and e["actor_id"] == "ethiopia_gov"]


def test_no_withdrawal_of_troops_denies_a_withdrawal_not_a_deployment():
    from extraction_helpers import events_frame

    from divergence.propositions import propositions
    frame = events_frame("On Thursday UN aid chief Jane Roe told the Security Council that despite an earlier promise, "
                         "there had been no evidence of a withdrawal of Eritrean troops.", PUBLISHED)
    e = propositions(frame).row(0, named=True)
    assert (e["stance"], e["action_class"], e["matters"]) == ("deny", "RETREAT", ["RETREAT"])


def test_an_appositive_with_and_in_it_is_no_list_of_speakers():
    e = only(events("Jane Roe, deputy head of the Defence and Security Committee, dismissed the reports as baseless.", PUBLISHED),
             kind="statement")
    assert (e["actor"], e["stance"]) == ("Jane Roe", "deny")


def test_the_subject_before_an_aside_speaks():
    body = ('Opposition leader Jane Roe said the army should go in. "We will not go," the Turkish army said. '
            'Roe, in a later post, has said, "We must act now."')
    said = [e for e in events(body, PUBLISHED) if e["kind"] == "statement"]
    assert [e["actor"] for e in said][-1] == "Jane Roe"


def test_the_authors_of_a_report_are_its_source_and_engaging_in_operations_is_fighting():
    found = events("Turkey's army “engaged in military operations” in northern Syria, according to a report by a group of "
                   "United Nations experts seen by reporters on Thursday.", PUBLISHED)
    assert only(found, kind="statement")["actor_id"] == "un"
    deed = only(found, kind="action")
    assert (deed["actor_id"], deed["action_class"], deed["reported_by"]) == ("turkey_armed_forces", "FIGHT", "United Nations")


def test_it_in_a_second_clause_is_the_subject_of_the_first():
    body = ("The experts said the Turkish army had intervened in Syria, and that it had supported the militia with weapons.")
    deeds = [(e["actor_id"], e["action_class"]) for e in events(body, PUBLISHED) if e["kind"] == "action"]
    assert deeds == [("turkey_armed_forces", "MOBILIZE"), ("turkey_armed_forces", "AID")]


def test_a_spokesman_in_a_capital_speaks_for_its_government_and_unvalidated_denies():
    e = only(events("A government spokesman in Ankara described the allegations as unvalidated.", PUBLISHED), kind="statement")
    assert (e["actor_id"], e["stance"]) == ("turkey_gov", "deny")


def test_a_state_named_before_its_troops_is_whose_they_are_not_where():
    e = only(events("The Pentagon on Thursday denied the presence of U.S. troops on the front lines in Syria.", PUBLISHED),
             kind="statement")
    assert (e["actor_id"], e["stance"], e["place"]) == ("usa_mod", "deny", "Syria")


def test_an_agency_that_reported_is_a_speaker_and_maintained_reports_speech():
    found = events("The AFP reported that Turkish commandos were seen near Kobani. Jane Roe, the Turkish defence ministry "
                   "spokeswoman, maintained that the troops were solely serving in advisory roles.", PUBLISHED)
    assert [e["actor"] for e in found if e["kind"] == "statement"] == ["AFP", "Jane Roe"]


def test_a_fighter_or_member_of_a_body_speaks_for_it():
    found = events("A member of the Iraqi parliament said the request had not been discussed.", PUBLISHED)
    assert [(e["actor_id"], e["stance"]) for e in found if e["kind"] == "statement"] == [("iraq_parliament", "deny")]


def test_a_speech_act_named_by_a_noun_is_a_statement_of_its_author():
    body = ("Talk of a deal grew after the announcement by Turkey of a new base in Libya and the confirmation by the "
            "Libyan authorities of talks with Ankara.")
    said = [(e["actor_id"], e["stance"], e["extractor"]) for e in events(body, PUBLISHED) if e["kind"] == "statement"]
    assert said == [("turkey_gov", "assert", "statement.noun.v1"), ("libya_gov", "confirm", "statement.noun.v1")]
    e = only(events("Moscow's denial that its troops were in Libya came a day later.", PUBLISHED), kind="statement")
    assert (e["actor_id"], e["stance"]) == ("russia_gov", "deny")


def test_fighters_named_by_their_country_are_the_one_group_of_that_country_the_article_names():
    body = ("Diplomats on Tuesday condemned the deployment of Russian mercenary forces in Libya. "
            "The Wagner Group has denied any role.")
    deed = only(events(body, PUBLISHED), kind="action")
    assert (deed["actor_id"], deed["actor_mention"]) == ("wagner", "Russian mercenary forces")


def test_urging_someone_not_to_act_is_no_denial():
    e = only(events("The Egyptian government on Wednesday urged the Libyan prime minister not to allow foreign armies to "
                    "intervene in Sudan.", PUBLISHED), kind="statement")
    assert (e["stance"], e["polarity"]) == ("assert", "negative")
    # a negation of the speaker's own after the appeal still denies
    e = only(events("The Egyptian government urged calm and said its army had not and would not intervene in Libya.",
                    PUBLISHED), kind="statement", cue="said")
    assert e["stance"] == "deny"
    # "not to blame" says what someone is, no appeal
    e = only(events("The Egyptian government said its army was not to blame for the strikes in Libya.", PUBLISHED),
             kind="statement")
    assert e["stance"] == "deny"


def test_a_deed_someone_would_prevent_has_not_happened():
    body = "The envoy said the talks aimed to prevent the Egyptian army's intervention in Libya."
    assert [e for e in events(body, PUBLISHED) if e["kind"] == "action"] == []


def test_a_statement_is_dated_by_the_occasion_it_was_made_on_even_far_after_its_verb():
    body = ("The Egyptian government urged the governments of the region to keep their forces out of the fighting around "
            "the northern towns and the border crossings, in a video message posted on Wednesday.")
    e = only(events(body, PUBLISHED), kind="statement")
    assert (e["date_start"], e["date_precision"]) == (dt.date(2023, 5, 10), "day")


def test_a_call_to_prevent_a_deed_asserts_no_deed():
    body = "The Egyptian government urged Tripoli to prevent the deployment of foreign fighters in Libya."
    e = only(events(body, PUBLISHED), kind="statement")
    assert (e["action_class"], e["polarity"]) == ("MOBILIZE", "negative")


def test_a_states_intelligence_agency_speaks_for_its_government():
    body = ("Egypt's intelligence agency said on Wednesday that Sudan had sent an estimated 1,500 special forces troops "
            "to Libya. It said the troops had crossed the border in convoys.")
    found = events(body, PUBLISHED)
    said = [e for e in found if e["kind"] == "statement"]
    assert [(e["actor_id"], e["official"], e["chain"]) for e in said] == [
        ("egypt_intelligence", True, ["egypt_intelligence", "egypt_gov", "egypt"])] * 2
    sent = only(found, kind="action", cue="sent an estimated 1,500 special forces")
    assert (sent["actor_id"], sent["action_class"], sent["place"]) == ("sudan_gov", "MOBILIZE", "Libya")


def test_whoever_believes_a_deed_is_not_its_doer():
    body = "Egypt's spy agency believes as many as 3,000 troops are being sent to Libya."
    assert [e for e in events(body, PUBLISHED) if e["kind"] == "action"] == []


def test_a_report_claiming_something_is_no_statement_of_whoever_denies_it():
    body = "The Egyptian government on Sunday denied a report claiming its jets had struck targets in Libya."
    said = [e for e in events(body, PUBLISHED) if e["kind"] == "statement"]
    assert [(e["actor_id"], e["stance"], e["cue"]) for e in said] == [("egypt_gov", "deny", "denied")]


def test_words_quoted_after_a_name_and_closed_by_the_statement_are_that_persons():
    body = ('In a statement on Sunday, Egyptian foreign ministry spokesman Jane Roe said Cairo had sent no troops to Libya. '
            'A report on Thursday by a newspaper cited officials in Tripoli who said Egyptian jets had struck the city. '
            'Roe "expressed Egypt\'s categorical refutation of the claims", the statement said.')
    e = only(events(body, PUBLISHED), sentence=2)
    assert (e["actor"], e["kind"], e["stance"]) == ("Jane Roe", "statement", "deny")


def test_the_doer_named_in_an_absolute_clause_does_the_deed():
    body = ("Analysts say both rival commanders have foreign backers, with Turkey supplying drones to the army "
            "and Egypt providing support for the militia.")
    acts = sorted((e["actor_id"], e["action_class"]) for e in events(body, PUBLISHED) if e["kind"] == "action")
    assert acts == [("egypt_gov", "AID"), ("turkey_gov", "AID")]


def test_a_date_in_a_clause_of_its_own_after_the_deed_is_not_the_deeds():
    body = "Egyptian troops had deployed to Libya to fight the rebels who seized Benghazi on Monday."
    e = only(events(body, PUBLISHED), kind="action", actor_id="egypt_armed_forces")
    assert e["date_precision"] == "week" and e["date_start"] != dt.date(2023, 5, 8)
    e = only(events("Egyptian troops deployed to Libya on Monday.", PUBLISHED), kind="action")
    assert (e["date_start"], e["date_precision"]) == (dt.date(2023, 5, 8), "day")


def test_what_planes_or_convoys_carry_is_what_arrives():
    e = only(events("Two planes carrying Turkish troops arrived in Libya on Monday.", PUBLISHED), kind="action")
    assert (e["actor_id"], e["action_class"], e["place"]) == ("turkey_armed_forces", "MOBILIZE", "Libya")


def test_calling_rumours_or_speculation_unfounded_denies_them():
    body = "The Turkish foreign ministry told reporters that any rumours of troops in Libya were unfounded."
    assert only(events(body, PUBLISHED), kind="statement")["stance"] == "deny"


def test_armed_people_seen_somewhere_are_present_there():
    body = "Videos have circulated in recent weeks showing Turkish soldiers in northern Libya."
    e = only(events(body, PUBLISHED), kind="action")
    assert (e["actor_id"], e["action_class"], e["place"], e["cue"]) == ("turkey_armed_forces", "MOBILIZE", "Libya", "showing")
    e = only(events("Turkish soldiers were spotted near Tripoli, Libya on Monday.", PUBLISHED), kind="action")
    assert (e["actor_id"], e["place"], e["date_start"]) == ("turkey_armed_forces", "Libya", dt.date(2023, 5, 8))
    # a photograph of diplomats shows no deployment
    assert [e for e in events("Photos showing Turkish diplomats in Libya circulated.", PUBLISHED) if e["kind"] == "action"] == []


def test_an_armed_group_operating_somewhere_is_deployed_there_but_not_if_it_only_might():
    e = only(events("The Egyptian government said Russian mercenaries were operating in eastern Libya.", PUBLISHED),
             kind="action")
    assert (e["actor_id"], e["action_class"], e["place"]) == ("russia_mercenaries", "MOBILIZE", "Libya")
    body = "The Egyptian government warned of sanctions if Russian mercenaries were to operate in Libya."
    assert [e for e in events(body, PUBLISHED) if e["kind"] == "action"] == []


def test_a_description_may_take_an_actor_named_earlier_in_the_sentence():
    body = "The Turkish government accused Hezbollah of carrying out the attack, but the group denied any involvement."
    e = only(events(body, PUBLISHED), kind="statement", stance="deny")
    assert e["actor_id"] == "hezbollah"


def test_the_one_accused_of_a_deed_is_its_doer():
    body = "The Turkish government accused the Lebanese group Hezbollah of carrying out the attack on Saturday."
    e = only(events(body, PUBLISHED), kind="action")
    assert (e["actor_id"], e["action_class"], e["date_start"]) == ("hezbollah", "FIGHT", dt.date(2023, 5, 6))


def test_saying_that_one_denies_is_a_denial():
    body = 'Hezbollah said in a statement it "categorically denies the allegations" about the attack.'
    assert only(events(body, PUBLISHED), kind="statement")["stance"] == "deny"


def test_the_source_of_denied_allegations_is_not_what_the_denial_speaks_of():
    from extraction_helpers import events_frame

    from divergence.propositions import propositions
    frame = events_frame("The Egyptian foreign ministry denied allegations by the Turkish army that Cairo had sent weapons "
                         "to Libya.", PUBLISHED)
    e = propositions(frame).filter(pl.col("kind") == "statement").row(0, named=True)
    assert e["stance"] == "deny"
    assert "turkey_armed_forces" not in e["named"] and "turkey" not in e["named"]


def test_he_right_before_a_verb_of_saying_is_the_person_the_sentence_opened_with():
    body = ("Turkish President Recep Tayyip Erdogan said on Monday that Turkish troops had been sent to Libya last month, "
            "the first time he has admitted such a deployment.")
    said = [e for e in events(body, PUBLISHED) if e["kind"] == "statement"]
    assert {e["actor"] for e in said} == {"Recep Tayyip Erdogan"}
    assert only(said, cue="admitted")["stance"] == "confirm"


def test_who_a_deed_was_done_to_is_not_its_doer():
    assert [e for e in events("Erdogan was attacked by protesters in Libya on Monday.", PUBLISHED) if e["kind"] == "action"] == []
    e = only(events("Libyan forces were attacked by Turkish troops on Monday.", PUBLISHED), kind="action")
    assert e["actor_id"] == "turkey_armed_forces"


LABELLED = (
    "Question: Turkish media reported that Egypt had deployed warships to Libya last week. What is your comment?\n\n"
    "Jane Roe: The ships are on a routine training mission. It has nothing to do with Libya. "
    "We urge the media to respect the facts.\n"
)


def test_answers_labelled_with_the_spokespersons_name_are_the_publishing_ministrys():
    found = events(LABELLED, PUBLISHED, outlet="Egyptian Ministry of National Defense")
    said = [e for e in found if e["kind"] == "statement" and e["sentence"] >= 2]
    assert {e["actor_id"] for e in said} == {"egypt_mod"}
    assert only(said, sentence=3)["stance"] == "deny"
    # the question reports what a country's press says: the press, not its state
    asked = only(found, kind="statement", sentence=0)
    assert (asked["actor_id"], asked["official"]) == ("turkey_media", False)
    deed = only(found, kind="action")
    assert (deed["actor_id"], deed["action_class"], deed["reported_by"]) == ("egypt_gov", "MOBILIZE", "Turkish media")


def test_deeming_rumours_unfounded_denies_them():
    body = 'Turkey deemed "unfounded" on Thursday the persistent rumours about the presence of Turkish troops in Libya.'
    found = events(body, PUBLISHED)
    assert [(e["actor_id"], e["kind"], e["stance"]) for e in found] == [("turkey_gov", "statement", "deny")]


def test_a_confirmation_not_yet_given_is_no_statement():
    body = "The Wagner Group has not at this stage confirmed its presence in Libya."
    assert [e for e in events(body, PUBLISHED) if e["kind"] == "statement"] == []


def test_the_place_where_armed_people_are_seen_is_the_one_after_in_whatever_verb_follows():
    body = "Videos showing Turkish soldiers in Burkina Faso have circulated in recent weeks."
    e = only(events(body, PUBLISHED), kind="action")
    assert (e["actor_id"], e["place"]) == ("turkey_armed_forces", "Burkina Faso")


def test_a_name_with_or_without_its_accents_is_one_person():
    a = only(events("Captain Ibrahim Traoré said the army had sent no troops to Mali.", PUBLISHED), kind="statement")
    b = only(events("Captain Ibrahim Traore said the army had sent no troops to Mali.", PUBLISHED), kind="statement")
    assert a["actor_id"] == b["actor_id"]


def test_however_both_x_and_y_denied_is_a_denial_each():
    found = events("However, both Cairo and Ankara have denied the claims.", PUBLISHED)
    assert sorted((e["actor_id"], e["stance"]) for e in found) == [("egypt_gov", "deny"), ("turkey_gov", "deny")]


def test_a_second_verb_of_saying_after_but_or_and_has_the_sentences_subject():
    body = ("The Egyptian government on Monday declined to answer a question on its troops in Libya but said it had "
            "the right to defend its border.")
    e = only(events(body, PUBLISHED), kind="statement")
    assert (e["actor_id"], e["cue"]) == ("egypt_gov", "said")


def test_after_a_clause_with_its_own_verb_comma_and_opens_a_new_subject_but_a_list_stays_a_list():
    found = events("Cairo has denied the claims, and US officials have said they are still investigating.", PUBLISHED)
    assert [(e["actor_id"], e["cue"]) for e in found] == [("egypt_gov", "denied"), ("usa_gov", "said")]
    found = events("Russia, China, and Iran said the sanctions were illegal.", PUBLISHED)
    assert [e["actor_id"] for e in found] == ["russia_gov", "china_gov", "iran_gov"]


def test_media_that_carry_a_speakers_words_are_no_speaker_of_their_own():
    body = 'The Egyptian government described the claims as "fake news" on Tuesday, according to Turkish media.'
    found = events(body, PUBLISHED)
    assert [(e["actor_id"], e["stance"]) for e in found] == [("egypt_gov", "deny")]
    # a report the media make themselves is theirs
    e = only(events("Egyptian troops crossed into Libya on Tuesday, according to Turkish media.", PUBLISHED), kind="statement")
    assert (e["actor_id"], e["stance"]) == ("turkey_media", "claim")


def test_a_state_named_before_its_command_or_department_names_no_place():
    from timeline.lexicon import load_lexicon, places_in
    text = "The US Central Command said a Tehran-backed group fired drones from Yemen at ships off Eritrea."
    assert list(places_in(text, load_lexicon())) == ["Yemen", "Eritrea"]


def test_that_is_not_the_case_denies_what_was_said():
    e = only(events("Cambodia says that's not the case.", PUBLISHED), kind="statement")
    assert (e["actor_id"], e["stance"]) == ("cambodia_gov", "deny")


def test_a_states_name_before_a_body_of_another_kind_names_no_state():
    e = only(events("A US think tank says two Chinese warships are docked at the base.", PUBLISHED), kind="statement")
    assert (e["actor"], e["official"]) == ("A US think tank", False)


def test_a_defence_official_of_a_state_speaks_for_its_defence_ministry():
    e = only(events("A Thai defence official denied that Chinese troops were stationed in Thailand.", PUBLISHED),
             kind="statement")
    assert (e["actor_id"], e["stance"]) == ("thailand_mod", "deny")
