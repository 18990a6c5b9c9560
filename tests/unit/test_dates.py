"""The date tagger: spotting, resolution against the publication date, and robustness."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.dates import _RELATIVE, DateMention, _dateparser, _month_day, _shift, publication_interval, tag_dates

THURSDAY = date(2024, 12, 5)


def found(text: str, published: date = THURSDAY) -> list[tuple[str, str, str]]:
    return [(m.text, m.precision, m.value) for m in tag_dates(text, published)]


def only(text: str, published: date = THURSDAY) -> DateMention:
    mentions = tag_dates(text, published)
    assert len(mentions) == 1, mentions
    return mentions[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ceasefire was signed on Dec. 4, 2024 in Doha.", ("Dec. 4, 2024", "day", "2024-12-04")),
        ("The ceasefire was signed on 4 December 2024 in Doha.", ("4 December 2024", "day", "2024-12-04")),
        ("Filed 2024-12-04 by the ministry.", ("2024-12-04", "day", "2024-12-04")),
        ("The ruling dated 11/28/2024 was published.", ("11/28/2024", "day", "2024-11-28")),
        ("Prices rose sharply in 1998.", ("1998", "year", "1998")),
        ("The port reopened in late November.", ("late November", "month", "2024-11")),
        ("Growth slowed in the third quarter of 2023.", ("the third quarter of 2023", "quarter", "2023-Q3")),
        ("Revenue fell in Q2 2024.", ("Q2 2024", "quarter", "2024-Q2")),
    ],
)
def test_absolute_dates(text, expected):
    assert found(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "The accord was initialled on Dec. 4, 2024 in Cairo.",
        "The accord was initialled on Dec. 4th, 2024 in Cairo.",
        "The accord was initialled on December 4 2024 in Cairo.",
        "The accord was initialled on the 4th of December 2024 in Cairo.",
        "The accord was initialled on 12/04/2024 in Cairo.",
        "The accord was initialled on 12/4/24 in Cairo.",
    ],
)
def test_every_written_form_of_a_full_date_is_the_same_day(text):
    m = only(text)
    assert (m.precision, m.value) == ("day", "2024-12-04")
    assert m.date_start == m.date_end == date(2024, 12, 4)


def test_month_and_year_stays_a_month_even_mid_month():
    m = only("Exports collapsed in December 2024, the ministry said.", date(2024, 12, 17))
    assert (m.precision, m.value) == ("month", "2024-12")
    assert (m.date_start, m.date_end) == (date(2024, 12, 1), date(2024, 12, 31))


def test_month_day_without_year_shortly_before_publication():
    published = date(2024, 11, 2)
    assert found("The strike began on October 23, union leaders said.", published) == [
        ("October 23", "day", "2024-10-23")
    ]
    assert found("Ballots were counted Oct. 30.", published) == [("Oct. 30", "day", "2024-10-30")]


def test_month_day_without_year_far_from_publication_follows_the_tense():
    published = date(2024, 6, 24)
    assert found("The militia said it shelled the depot on Dec. 24.", published) == [("Dec. 24", "day", "2023-12-24")]
    assert found("The militia will hand over the depot on Dec. 24.", published) == [("Dec. 24", "day", "2024-12-24")]


def test_future_date_on_the_publication_day_is_that_day():
    assert found("Envoys will meet on Dec. 5 in Oslo.") == [("Dec. 5", "day", "2024-12-05")]
    assert found("Envoys will meet in December in Oslo.") == [("December", "month", "2024-12")]


def test_weekday_with_a_date_picks_the_year_where_they_agree():
    assert found("The summit is set for Monday, Oct. 28.", date(2023, 6, 15)) == [
        ("Monday, Oct. 28", "day", "2024-10-28")
    ]


def test_month_alone_published_late_in_a_month_keeps_its_own_year():
    published = date(2024, 1, 31)
    assert found("Exports dropped in February, traders said.", published) == [("February", "month", "2023-02")]
    assert found("Exports will resume in February.", published) == [("February", "month", "2024-02")]
    assert found("The tariff rose in November.", date(2024, 3, 31)) == [("November", "month", "2023-11")]


def test_last_and_next_month_name_skip_the_current_month():
    assert found("Turnout was low last December.") == [("last December", "month", "2023-12")]
    assert found("The mandate ends next December.") == [("next December", "month", "2025-12")]


def test_a_range_of_days_and_a_part_of_a_month():
    m = only("Talks ran Dec. 4-6, 2024 in Vienna.")
    assert (m.precision, m.date_start, m.date_end) == ("day", date(2024, 12, 4), date(2024, 12, 6))
    m = only("Talks stalled in late November 2023.")
    assert (m.precision, m.value) == ("month", "2023-11")
    assert (m.date_start, m.date_end) == (date(2023, 11, 21), date(2023, 11, 30))


def test_offsets_cross_month_and_year_boundaries():
    leap_day_after = date(2024, 3, 1)
    assert found("The dam burst two days ago.", leap_day_after) == [("two days ago", "day", "2024-02-28")]
    assert found("The dam burst yesterday.", leap_day_after) == [("yesterday", "day", "2024-02-29")]
    assert found("The dam burst a month ago.", date(2024, 3, 31)) == [("a month ago", "month", "2024-02")]
    assert found("Fares go up next month.") == [("next month", "month", "2025-01")]
    assert found("Fares go up next year.", date(2024, 12, 31)) == [("next year", "year", "2025")]


def test_the_same_words_resolve_against_each_publication_date():
    text = "Two soldiers died two days ago; talks resume tomorrow and on Oct. 23."
    assert found(text, date(2024, 11, 2)) == [
        ("two days ago", "day", "2024-10-31"),
        ("tomorrow", "day", "2024-11-03"),
        ("Oct. 23", "day", "2024-10-23"),
    ]
    assert found(text, date(2025, 10, 20)) == [
        ("two days ago", "day", "2025-10-18"),
        ("tomorrow", "day", "2025-10-21"),
        ("Oct. 23", "day", "2025-10-23"),
    ]


def test_month_and_year_is_month_precision_without_an_invented_day():
    m = only("The mission ended in December 2023.")
    assert (m.precision, m.value) == ("month", "2023-12")
    assert (m.date_start, m.date_end) == (date(2023, 12, 1), date(2023, 12, 31))


def test_two_years_joined_by_and_are_two_mentions():
    assert found("Elections were held in 2018 and 2019.") == [("2018", "year", "2018"), ("2019", "year", "2019")]


def test_a_second_day_after_and_shares_the_month():
    assert found("The summit met on June 3 and 4, officials said.") == [
        ("June 3", "day", "2024-06-03"),
        ("4", "day", "2024-06-04"),
    ]


def test_weekday_in_past_tense_is_the_most_recent_such_day():
    m = only("The minister said on Wednesday that talks would continue.")
    assert (m.text, m.date_start, m.precision) == ("Wednesday", date(2024, 12, 4), "day")


def test_weekday_in_present_perfect_is_in_the_past():
    assert found("Rebels have shelled the town since Monday.") == [("Monday", "day", "2024-12-02")]


def test_weekday_in_future_tense_is_the_next_such_day():
    assert found("Delegates will meet on Monday in Geneva.") == [("Monday", "day", "2024-12-09")]


def test_weekday_of_publication_is_the_publication_day():
    assert found("Police said Thursday that two men were arrested.") == [("Thursday", "day", "2024-12-05")]


def test_last_and_next_weekday_exclude_the_publication_day():
    assert found("Troops withdrew last Thursday.") == [("last Thursday", "day", "2024-11-28")]
    assert found("The vote is next Thursday.") == [("next Thursday", "day", "2024-12-12")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fighting resumed today.", ("today", "day", "2024-12-05")),
        ("Fighting resumed yesterday.", ("yesterday", "day", "2024-12-04")),
        ("Talks resume tomorrow.", ("tomorrow", "day", "2024-12-06")),
        ("Shelling continued late Friday.", ("late Friday", "day", "2024-11-29")),
        ("Shelling continued Friday night.", ("Friday night", "day", "2024-11-29")),
        ("Sirens sounded last night.", ("last night", "day", "2024-12-04")),
        ("The council met this afternoon.", ("this afternoon", "day", "2024-12-05")),
        ("The convoy left at 3 p.m. Monday.", ("3 p.m. Monday", "day", "2024-12-02")),
        ("Two soldiers died two days ago.", ("two days ago", "day", "2024-12-03")),
    ],
)
def test_relative_days(text, expected):
    assert found(text) == [expected]


def test_last_week_is_the_previous_iso_week():
    m = only("Protests spread last week.")
    assert (m.precision, m.value) == ("week", "2024-W48")
    assert (m.date_start, m.date_end) == (date(2024, 11, 25), date(2024, 12, 1))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Aid arrived this week.", ("this week", "week", "2024-W49")),
        ("The vote is due next week.", ("next week", "week", "2024-W50")),
        ("Three weeks ago the border closed.", ("Three weeks ago", "week", "2024-W46")),
        ("Prices rose earlier this month.", ("earlier this month", "month", "2024-12")),
        ("Prices rose last month.", ("last month", "month", "2024-11")),
        ("Turnout fell last year.", ("last year", "year", "2023")),
        ("Turnout may rise next year.", ("next year", "year", "2025")),
        ("The bridge opened a year ago.", ("a year ago", "year", "2023")),
    ],
)
def test_relative_weeks_months_years(text, expected):
    assert found(text) == [expected]


def test_earlier_this_week_is_over_by_publication_and_later_this_month_still_to_come():
    m = only("Aid arrived earlier this week.")
    assert (m.precision, m.value, m.date_start, m.date_end) == ("week", "2024-W49", date(2024, 12, 2), THURSDAY)
    m = only("The vote is due later this month.")
    assert (m.precision, m.value, m.date_start, m.date_end) == ("month", "2024-12", THURSDAY, date(2024, 12, 31))


def test_recent_weeks_is_an_interval_ending_on_publication():
    m = only("Clashes have intensified in recent weeks.")
    assert m.date_end == THURSDAY
    assert (m.precision, m.date_start) == ("month", THURSDAY - timedelta(days=29))


def test_month_name_alone_is_the_nearest_one_not_after_publication_in_past_context():
    assert found("The army said it captured the town in March.") == [("March", "month", "2024-03")]
    assert found("The army will withdraw in March.") == [("March", "month", "2025-03")]


def test_day_without_year_takes_the_nearby_year():
    assert found("The trial opens Jan. 14.") == [("Jan. 14", "day", "2025-01-14")]
    assert found("The law took effect on Sept. 2.", date(2025, 1, 10)) == [("Sept. 2", "day", "2024-09-02")]


def test_that_day_refers_to_the_previous_date():
    assert found("Rebels attacked on Nov. 3. Later that day, the army responded.") == [
        ("Nov. 3", "day", "2024-11-03"),
        ("Later that day", "day", "2024-11-03"),
    ]


def test_holiday_resolves_to_its_date():
    assert found("Shops closed over Thanksgiving.") == [("Thanksgiving", "day", "2024-11-28")]


@pytest.mark.parametrize(
    "text",
    [
        "Officials may extend the curfew.",
        "It may be weeks before the roads reopen.",
        "The group sent 2,000 fighters and 500 trucks.",
        "About 1500 troops and 2000 police were deployed.",
        "Turnout was 1998 votes higher.",
        "Markets close early on Fridays.",
        "Prices rose 2024 percent in the decade.",
    ],
)
def test_words_and_numbers_that_only_look_like_dates(text):
    assert found(text) == []


def test_may_as_a_month_is_still_found():
    assert found("The agreement was signed in May.") == [("May", "month", "2024-05")]


def test_year_before_a_possessive_is_a_date_and_a_decade_is_not_a_year():
    assert found("The plan rests on 2019's budget.") == [("2019", "year", "2019")]
    assert found("Inflation soared in the 1990s.") == []


def test_absurd_years_are_skipped_without_error():
    assert found("The treaty of December 99999 and the year 99999 are fiction.") == []
    assert found("Dated 99999-12-04.") == []


def test_impossible_calendar_dates_are_skipped():
    assert found("It was signed on Feb. 30, 2024.") == []


def test_publication_interval_is_the_week_ending_on_publication():
    assert publication_interval(THURSDAY) == (date(2024, 11, 29), THURSDAY, "week")


def test_offsets_point_into_the_text_and_mentions_do_not_overlap():
    text = "On Monday, Oct. 28, the council met; by Nov. 2 it had voted. It meets again next week."
    mentions = tag_dates(text, THURSDAY)
    assert [m.text for m in mentions] == ["Monday, Oct. 28", "Nov. 2", "next week"]
    for a, b in zip(mentions, mentions[1:]):
        assert a.char_end <= b.char_start
    for m in mentions:
        assert text[m.char_start:m.char_end] == m.text


_NEWSY = st.lists(
    st.sampled_from(list("0123456789 ,.-/'\n") + ["May ", "Dec. ", "Monday ", "last ", "week ", "ago ", "in ",
                                                   "the ", "Q", "quarter ", "p.m. ", "and ", "that day "]),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(st.text(max_size=200), _NEWSY), published=st.dates(min_value=date(1, 1, 1)))
def test_never_raises_and_offsets_match_the_text(text, published):
    mentions = tag_dates(text, published)
    previous_end = 0
    for m in mentions:
        assert 0 <= m.char_start < m.char_end <= len(text)
        assert text[m.char_start:m.char_end] == m.text
        assert m.char_start >= previous_end
        assert m.date_start <= m.date_end
        assert m.precision in {"day", "week", "month", "quarter", "year"}
        previous_end = m.char_end


_PUBLISHED = st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31))
_SHIFTS = ["today", "yesterday", "tomorrow", *(f"{r} {u}" for r in ("last", "this", "next") for u in ("week", "month", "year"))]


@settings(max_examples=300, deadline=None)
@given(published=_PUBLISHED, month=st.integers(1, 12), day=st.one_of(st.none(), st.integers(1, 31)),
       prefer=st.sampled_from(["past", "future"]))
def test_month_and_day_without_year_read_as_dateparser_reads_them(published, month, day, prefer):
    got = _month_day(month, day, published, prefer)
    if got is None:
        # 29 February and days a month lacks are left to dateparser
        assert day is not None and ((month, day) == (2, 29) or day > calendar.monthrange(2001, month)[1])
        return
    text = calendar.month_name[month] + (f" {day}" if day else "")
    parts = ("month", "day") if day else ("month",)
    assert got == _dateparser(text, published if day else published.replace(day=1), prefer, parts)


@settings(max_examples=300, deadline=None)
@given(published=_PUBLISHED, text=st.one_of(
    st.sampled_from(_SHIFTS),
    st.builds(lambda n, u: f"{n} {u}{'s' if n != 1 else ''} ago", st.integers(0, 999), st.sampled_from(["day", "week", "month", "year"])),
))
def test_relative_expressions_read_as_dateparser_reads_them(published, text):
    expected = _dateparser(text, published, parsers=_RELATIVE)
    assert _shift(text, published) == (None if expected is None else expected[:2])
