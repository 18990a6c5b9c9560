"""Find date expressions in English news prose and resolve them to calendar intervals.

The tagger works in two passes. Finding spans is left to our own regular expressions, compiled
once: dateparser's ``search_dates`` misfires on the modal "may", on bare numbers and on
"second", so it only ever sees strings already known to be dates.

1. **Spotting.** A fixed set of patterns proposes candidate spans: absolute dates
   ("Dec. 4, 2024", "4 December 2024", "2024-12-04", "12/04/2024"), months with or without a
   year ("December 2024", "late November", "in March"), bare years in a date context
   ("in 2018", "since 2011", "2019's"), weekdays with their modifiers ("late Friday",
   "Tuesday morning", "last Wednesday"), clock times attached to a day ("3 p.m. Monday"),
   deictic words ("today", "last night", "this week", "earlier this month", "next year"),
   offsets ("two days ago", "six weeks ago"), "recently"/"in recent weeks", quarters
   ("the third quarter of 2024", "Q3 2024") and a few fixed holidays. Overlapping candidates
   are settled by keeping the longest. Context rules keep out what only looks like a date:
   the modal "may", numbers that count things ("2,000 fighters", "1500 troops").

2. **Resolving.** Each span becomes ``(date_start, date_end, precision, value)`` against the
   publication date. Expressions that leave the year or week open are placed by the tense of
   their sentence: the tense cue nearest to the expression ("said", "was", "has ...ed" against
   "will", "would", "is scheduled to") picks the past or the future.

   **With dateparser.** The pattern's groups are rewritten into one normal form ("Dec. 4th,
   2024", "4 December 2024" and "2024-12-04" all become "December 4, 2024"; "two days ago"
   becomes "2 days ago") and handed to ``dateparser.date.DateDataParser(languages=["en"])``
   with ``RELATIVE_BASE`` pinned at the publication date, ``PREFER_DATES_FROM`` set by the
   tense, ``REQUIRE_PARTS`` set to the parts the text states, and only the parser
   ("absolute-time" or "relative-time") the form needs. Parsers are cached per settings and
   results per (normal form, publication date, tense), so a run over many articles parses
   each distinct expression once per publication date. The commonest forms, whose reading
   changes with every publication date and so gains little from that cache, are reckoned
   the way dateparser reads them without calling it (a parse costs about a quarter of a
   millisecond): a month, or a month and day, without a year (the date in the publication
   year, moved a year back or on as the preferred direction asks) and the offsets "N
   days/weeks/months/years ago", "last/this/next week|month|year", "today", "yesterday" and
   "tomorrow" (the publication date moved by so many units). The tests hold both readings
   to be the same. dateparser resolves:

   * calendar dates with or without a year, whatever their surface form (for "12/04/24" our
     code only settles the month/day order and the century first);
   * months with a year ("December 2024") and months alone ("in March"), its past or future
     reading chosen by tense. A month alone is resolved from the first of the publication
     month, so that dateparser never carries a day such as the 31st into a shorter month;
   * "today", "yesterday", "tomorrow" (and "tonight", "this morning", "last night" read as
     one of them), "N days/weeks/months/years ago", "last/this/next week|month|year",
     "last Friday", "next Friday".

   Its ``period`` and the parts it read from the text confirm the precision: when dateparser
   fills in a day the text does not state, the mention stays a month; a result whose month,
   day or year disagrees with the ones spotted is dropped.

   **Without dateparser,** where its reading is not the one news prose needs:

   * A bare weekday is the most recent such day on or before publication, or with a future
     cue the next one on or after it. The publication day's own weekday is therefore the
     publication day itself ("police said Friday" in Friday's paper): wire copy names the
     day even when it is today, but dateparser never returns the base day for "Friday",
     and reads "this Friday" as the future whatever the tense.
   * "On or after" readings: dateparser's future starts the day after its base, so "will
     meet Dec. 5" in the Dec. 5 paper, or "will meet in March" in a March paper, keeps the
     current day or month (the past reading) rather than next year's.
   * A month and day without a year ("Oct. 23") within two months of publication is that
     nearby date; otherwise the tense decides, and without a cue the nearer of dateparser's
     past and future readings wins. A weekday given with it ("Monday, Oct. 28") picks the
     year whose date falls on that weekday. A month alone without a cue is the coming one
     only when it is at most two months ahead.
   * Quarters, weekends, "recently"/"in recent weeks", holidays, "early/mid/late" parts of a
     month (dateparser finds the month, our code the part), "that day", "later that year",
     "the next morning" (counted from the date mentioned last), clock times without a day
     ("at 10 a.m.": the day mentioned last, else publication) — dateparser has no reading of
     these. A bare year needs no resolving: the number is the year, and only the context
     rules can tell whether it is one.

Nothing finer than the text states is invented: "December 2024" is a month, never
2024-12-01 as a day; "late November" is month precision over the 21st-30th; a range such as
"Dec. 4-6" is one day-precision mention from the 4th to the 6th. Anything that
cannot be a calendar date (year 99999, February 30) is skipped, never raised.
"""

from __future__ import annotations

import bisect
import calendar
import functools
import re
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

__all__ = ["DateMention", "describe_interval", "tag_dates", "publication_interval"]


class DateMention(NamedTuple):
    """One date expression found in a text, with the interval it denotes."""

    char_start: int
    char_end: int
    text: str
    date_start: date
    date_end: date
    precision: str
    value: str


_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}

_MON = (r"\b(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
        r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\."
        r"|(?:Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec)(?=\s+\d))")
_WD = r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"
_YEAR = r"\b(?<![\d,.])\d{4,6}(?![\d%]|,\d|\.\d|s\b)"
_PARTS = "morning|afternoon|evening|night"
_PART = rf"(?:{_PARTS})"
_CLOCK = r"\b(?:[01]?\d(?::[0-5]\d)?\s*(?:a\.m\.?|p\.m\.?|(?i:am|pm)\b)|noon|midnight)(?:\s+(?:[A-Z][SD]T|GMT|UTC)\b)?"
_SPAN = r"(?P<span>early|mid|late|the\s+(?:beginning|end|middle)\s+of)[\s-]+"

_MONTH_KEY = "|".join(sorted(_MONTHS, key=len, reverse=True)).title()
_WEEKDAY_KEY = "|".join(calendar.day_name)
_UNIT_KEY = "week|month|quarter|year|day|" + _PARTS
_DEICTIC_KEY = "today|Today|tonight|Tonight|yesterday|Yesterday|tomorrow|Tomorrow|" + _UNIT_KEY

_LAST_NEXT_THIS = r"(?i:last|next|this)"

# (kind, key, pattern): the key is a plain alternation of literals that every match of the pattern
# contains; it is cheap to scan for, and the full pattern only runs in a window around its hits.
_PATTERNS: list[tuple[str, re.Pattern[str], re.Pattern[str]]] = [
    (kind, re.compile(key), re.compile(rx)) for kind, key, rx in [
        ("iso", r"\d-\d", r"\b(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)\b"),
        ("numeric", "/", r"(?<![\d/])(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d\d)(?![\d/])"),
        ("mdy", _MONTH_KEY,
         rf"(?:(?P<weekof>the\s+week\s+of)\s+|(?P<rel>{_LAST_NEXT_THIS})\s+)?(?:(?P<wd>{_WD}),?\s+)?"
         rf"(?P<mon>{_MON})\s+(?P<d>{_DAY})(?:\s*[-–]\s*(?P<d2>{_DAY}))?(?:,?\s+(?P<y>{_YEAR}))?"),
        ("dmy", _MONTH_KEY,
         rf"(?:(?P<wd>{_WD}),?\s+)?\b(?P<d>{_DAY})(?:\s*[-–]\s*(?P<d2>{_DAY}))?\s+(?:of\s+)?(?P<mon>{_MON})"
         rf"(?:,?\s+(?P<y>{_YEAR}))?"),
        ("month", _MONTH_KEY,
         rf"(?:{_SPAN}|(?P<rel>{_LAST_NEXT_THIS})\s+)?(?P<mon>{_MON})"
         rf"(?:,?\s+(?P<y>{_YEAR})|\s+(?P<yrel>this|last|next)\s+year\b)?"),
        ("year", r"\d\d\d\d", rf"(?:{_SPAN})?(?P<y>{_YEAR})"),
        ("weekday", _WEEKDAY_KEY,
         rf"(?:(?P<rel>(?i:last|next|this|early|late))\s+)?(?P<wd>{_WD})(?:\s+{_PART})?"),
        ("clock", r"[ap]\.?m\b|[AP]M\b|noon|midnight",
         rf"{_CLOCK}(?:\s+(?:on\s+)?(?P<anchor>{_WD}|today|yesterday|tomorrow|tonight))?"),
        ("deictic", _DEICTIC_KEY,
         rf"(?i:\b(?:(?:early|late)\s+)?(?:(?P<word>today|tonight|yesterday|tomorrow)(?:\s+{_PART})?"
         rf"|(?P<this>this|last)\s+(?P<tpart>{_PART}))\b)"),
        ("relative", _UNIT_KEY,
         r"(?i:\b(?:(?:earlier|later|early|late)\s+)?(?P<rel>this|last|next|the\s+coming)"
         r"\s+(?P<unit>week|weekend|month|quarter|year)\b)"),
        ("ago", "ago",
         r"(?i:\b(?:(?:about|almost|nearly|some|more\s+than|roughly)\s+)?(?P<n>\d{1,3}|an?|one|two|three|four|five"
         r"|six|seven|eight|nine|ten|eleven|twelve)\s+(?P<unit>day|week|month|year)s?\s+ago\b)"),
        ("recent", "recent|Recent", r"(?i:\b(?:in\s+recent\s+(?P<unit>days|weeks|months)|recently)\b)"),
        ("quarter", "quarter|Quarter",
         rf"(?i:\b(?:the\s+)?(?P<q>first|second|third|fourth|[1-4](?:st|nd|rd|th))[\s-]quarter\b)"
         rf"(?:\s+of\s+(?P<y>{_YEAR}))?"),
        ("qcode", "Q", rf"\bQ(?P<q>[1-4])(?:\s+(?P<y>{_YEAR}))?\b"),
        ("holiday", "Christmas|Year|Thanksgiving|Independence|Election",
         rf"(?:(?P<rel>{_LAST_NEXT_THIS})\s+)?\b(?P<name>Christmas(?:\s+(?:Eve|Day))?|New\s+Year's\s+(?:Eve|Day)"
         r"|Thanksgiving(?:\s+Day)?|Independence\s+Day|Election\s+Day)"),
        ("anaphor", _UNIT_KEY,
         rf"(?i:\b(?:(?:earlier|later)\s+)?that\s+(?:same\s+)?(?P<unit>day|week|month|year|{_PARTS})\b"
         rf"|\bthe\s+(?P<dir>next|following|previous)\s+(?P<unit2>day|week|month|year|{_PARTS})\b)"),
    ]
]

_WINDOW = 48
_DATE_CONTEXT = re.compile(
    r"(?i:\b(?:in|since|until|till|by|from|to|through|during|before|after|of|between|early|mid|late|"
    r"the|an?|around|circa|year|fiscal|spring|summer|autumn|fall|winter|season)[\s-]*)$|[(\-–]\s*$"
    r"|\b(?:1[89]|20)\d\d(?:,?\s+(?:and|or|to|through)\s+|\s*[,–-]\s*)$")
_COUNTED = re.compile(r"\s+(?!(?:and|or|to|through|when|after|before|the|a|an|that|as|but|in|on|at|for|with|"
                      r"was|were|is|are|had|has|have|will|would|until|while|because)\b)[a-z]")
_AND_DAY = re.compile(rf"\s+(?:and|or)\s+(?P<d>{_DAY})(?!\s*[-:.,%/]?\d|\s+(?!in\b|at\b|on\b)[a-z])")
_PREPOSITION = re.compile(r"(?i:\b(?:in|since|until|till|by|from|through|during|before|after|of|between)\s+)$")
_NEAR_DAYS = 62
_NEAR_MONTHS = 2
_NOT_MONTH = re.compile(r"\s+(?:for|of|on|to)\s+(?:the\s+)?[A-Z]")
_NOT_YEAR = re.compile(r"\s*(?:%|percent\b)")
_MAY_VERB = re.compile(r"\s+(?:be|have|not|also|well|help|come|take|go|get|make|need|seek)\b")
_MAY_CONTEXT = re.compile(r"(?i:\b(?:in|since|until|till|by|from|through|during|before|after|of|last|next|this|"
                          r"early|mid|late|end|beginning|middle)\s+)$")
_BOUNDARY = re.compile(r"[.!?][\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])|\n\s*\n|\n(?=\s*[A-Z\"])")
_ABBREV = re.compile(r"(?:\b[A-Z]|\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|"
                     r"Gov|Lt|Col|Sgt|Capt|Maj|Adm|Cmdr|Co|Corp|Inc|Ltd|Jr|Sr|No|Vol|vs|[ap]\.m))\.$")
_FUTURE = re.compile(r"(?i:\b(?:will|would|shall|won't|wouldn't|going\s+to|plans?\s+to|planned|planning|"
                     r"scheduled|slated|expected\s+to|set\s+to|due\s+to\s+[a-z]+|intends?\s+to|upcoming|"
                     r"is\s+to|are\s+to|"
                     r"as\s+soon\s+as|(?:postponed|delayed|adjourned)\s+(?:\w+\s+)?until)\b|'ll\b)")
_PAST = re.compile(r"\b(?:said|told|was|were|had|did|has|have|ago|last|earlier|came|went|took|made|met|began|saw|gave|"
                   r"left|held|won|lost|fell|rose|struck|found|got|led|sent|spent|brought|thought|kept|ran|became|"
                   r"wrote|spoke|broke|fought|sought|sold|bought|paid|shot|quit|(?!(?:need|seed|feed|speed|bleed|breed|"
                   r"proceed|exceed|succeed|indeed|hundred|kindred|scheduled|slated|expected|planned)\b)[a-z]{2,}ed)\b")
_PARTICIPLE_AFTER = re.compile(r"(?i:\b(?:will|would|shall|to|be|being|is|are|am)\s+(?:\w+\s+)?)$")


def _value(start: date, precision: str) -> str:
    if precision == "year":
        return f"{start.year:04d}"
    if precision == "quarter":
        return f"{start.year:04d}-Q{(start.month - 1) // 3 + 1}"
    if precision == "month":
        return f"{start.year:04d}-{start.month:02d}"
    if precision == "week":
        year, week, _ = start.isocalendar()
        return f"{year:04d}-W{week:02d}"
    return start.isoformat()


Interval = tuple[date, date, str]


def _day(d: date) -> Interval:
    return d, d, "day"


def _week(d: date) -> Interval:
    monday = d - timedelta(days=d.weekday())
    return monday, monday + timedelta(days=6), "week"


def _month(year: int, month: int, span: str | None = None) -> Interval:
    start, end = date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    if span:
        part = span.split()[-2] if span.startswith("the") else span.rstrip("- ")
        lo, hi = {"early": (1, 10), "beginning": (1, 10), "mid": (11, 20), "middle": (11, 20)}.get(part, (21, 31))
        start, end = date(year, month, lo), date(year, month, min(hi, end.day))
    return start, end, "month"


def _quarter(year: int, q: int) -> Interval:
    return date(year, 3 * q - 2, 1), _month(year, 3 * q)[1], "quarter"


def _year(year: int) -> Interval:
    return date(year, 1, 1), date(year, 12, 31), "year"


def _shift_month(d: date, months: int) -> tuple[int, int]:
    index = d.year * 12 + d.month - 1 + months
    return index // 12, index % 12 + 1


_ABSOLUTE = ("absolute-time",)
_RELATIVE = ("relative-time",)
_COARSENESS = {"day": 0, "week": 1, "month": 2, "quarter": 3, "year": 4}


@functools.lru_cache(maxsize=256)
def _parser(published: date, prefer: str, parts: tuple[str, ...], parsers: tuple[str, ...]):
    """One English dateparser per settings, anchored at the start of the publication day."""
    from dateparser.date import DateDataParser

    settings = {
        "RELATIVE_BASE": datetime.combine(published, time()),
        "PREFER_DATES_FROM": prefer,
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PARSERS": list(parsers),
    }
    if parts:
        settings["REQUIRE_PARTS"] = list(parts)
    return DateDataParser(languages=["en"], settings=settings)


@functools.lru_cache(maxsize=8192)
def _dateparser(text: str, published: date, prefer: str = "past", parts: tuple[str, ...] = (),
                parsers: tuple[str, ...] = _ABSOLUTE) -> tuple[date, str, tuple[str, ...]] | None:
    """``(date, period, parts read from the text)`` as dateparser resolves ``text``, or ``None``."""
    try:
        data = _parser(published, prefer, parts, parsers).get_date_data(text)
    except (ValueError, OverflowError):
        return None
    if data.date_obj is None:
        return None
    return data.date_obj.date(), data.period or "day", tuple(data.parts or ())


def _calendar(month: int, day: int | None, year: int | None, published: date,
              prefer: str = "past") -> tuple[date, str] | None:
    """A month, with or without its day and year: a fully stated date as it stands, a partial one resolved
    by dateparser; the precision is what both the text and dateparser's period and parts support, never
    finer than what the text states."""
    if year and 1 <= year <= 9999:
        # every part is stated: the calendar itself resolves it (an impossible day is no date)
        try:
            return date(year, month, day or 1), "day" if day else "month"
        except ValueError:
            return None
    found = _month_day(month, day, published, prefer) if not year else None
    if found is None:
        text = calendar.month_name[month] + (f" {day}" if day else "") + (f", {year:04d}" if year else "")
        parts = ("month",) + (("day",) if day else ()) + (("year",) if year else ())
        found = _dateparser(text, published if day else published.replace(day=1), prefer, parts)
    if found is None:
        return None
    when, period, read = found
    if when.month != month or year and when.year != year or day and when.day != day:
        return None
    stated = "day" if day else "month"
    if period == "day" and "day" not in read:
        period = "month"
    precision = max(stated, period if period in _COARSENESS else stated, key=_COARSENESS.__getitem__)
    return when, precision


def _month_day(month: int, day: int | None, published: date, prefer: str) -> tuple[date, str, tuple[str, ...]] | None:
    """dateparser's reading of a month and day without a year ("December 4"), or of a month alone from the
    first of the publication month, reckoned directly: the date in the publication year, a year earlier when
    it falls after its base and the past is preferred, a year later when it does not and the future is.
    ``None`` for 29 February and days a month lacks, which are left to dateparser."""
    if day is not None and not 1 <= day <= _DAYS_IN_MONTH[month]:
        return None
    base = published if day else published.replace(day=1)
    when = date(base.year, month, day or 1)
    if base < when:
        when = when.replace(year=when.year - 1) if prefer == "past" else when
    elif prefer == "future":
        when = when.replace(year=when.year + 1)
    return (when, "day", ("month", "day")) if day else (when, "month", ("month",))


# days of each month in a common year: 29 February is not among them
_DAYS_IN_MONTH = dict(enumerate((31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31), start=1))
_SHIFT = re.compile(
    r"(?P<n>\d+) (?P<unit>day|week|month|year)s? ago|(?P<rel>last|this|next) (?P<per>week|month|year)"
    r"|(?P<word>today|yesterday|tomorrow)"
)
_SHIFT_WORDS = {"today": 0, "yesterday": 1, "tomorrow": -1, "last": 1, "this": 0, "next": -1}


def _shift(text: str, published: date) -> tuple[date, str] | None:
    """dateparser's relative-time reading of "N days/weeks/months/years ago", "last/this/next week|month|year",
    "today", "yesterday" and "tomorrow", reckoned directly: the publication date moved back (or on) by so
    many units, a month or year on its first day, with the unit as its period. ``None`` for other texts."""
    m = _SHIFT.fullmatch(text)
    if m is None:
        return None
    back = int(m["n"]) if m["n"] else _SHIFT_WORDS[m["rel"] or m["word"]]
    unit = m["unit"] or m["per"] or "day"
    if unit in ("day", "week"):
        return published - timedelta(**{f"{unit}s": back}), unit
    year, month = _shift_month(published, -back * (12 if unit == "year" else 1))
    return (date(year, month, 1) if unit == "month" else date(year, published.month, 1)), unit


def _relative_date(text: str, published: date) -> tuple[date, str] | None:
    found = _shift(text, published)
    if found is not None:
        return found
    found = _dateparser(text, published, parsers=_RELATIVE)
    return None if found is None else found[:2]


def _unit_interval(d: date, unit: str) -> Interval:
    if unit == "day":
        return _day(d)
    if unit == "week":
        return _week(d)
    if unit == "month":
        return _month(d.year, d.month)
    return _year(d.year)


def _year_of(text: str | None) -> int | None:
    """The year a matched number names; ``ValueError`` (the mention is skipped) when it cannot be one."""
    if text is None:
        return None
    if not 1 <= int(text) <= 9999:
        raise ValueError(f"year out of range: {text}")
    return int(text)


def _number(text: str) -> int:
    return int(text.rstrip("stndrh"))


def _word(g: dict, name: str) -> str:
    return " ".join((g.get(name) or "").lower().split())


def publication_interval(published: date) -> tuple[date, date, str]:
    """An undated reported item: the week ending on the publication date.

    >>> publication_interval(date(2024, 12, 5))
    (datetime.date(2024, 11, 29), datetime.date(2024, 12, 5), 'week')
    """
    return published - timedelta(days=6), published, "week"


class _Context:
    """The text being tagged, its publication date, its sentences and the last date resolved."""

    def __init__(self, text: str, published: date):
        self.text, self.published = text, published
        self._starts: list[int] | None = None
        self.last: Interval | None = None
        self.last_day: date | None = None

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        if self._starts is None:
            self._starts = [0] + [m.end() for m in _BOUNDARY.finditer(self.text)
                                  if not _ABBREV.search(self.text, max(0, m.start() - 6), m.start() + 1)]
        i = bisect.bisect_right(self._starts, start) - 1
        stop = self._starts[i + 1] if i + 1 < len(self._starts) else len(self.text)
        return self._starts[i], max(stop, end)

    def tense(self, m: re.Match[str]) -> int:
        """+1 when the tense cue nearest to ``m`` in its sentence is future, -1 when past, 0 without a cue."""
        lo, hi = self.sentence(m.start(), m.end())
        best, tense = None, 0
        for pattern, sign in ((_FUTURE, 1), (_PAST, -1)):
            for cue in pattern.finditer(self.text, lo, hi):
                if m.start() <= cue.start() < m.end():
                    continue
                if sign < 0 and _PARTICIPLE_AFTER.search(self.text, lo, cue.start()):
                    continue
                distance = m.start() - cue.end() if cue.end() <= m.start() else cue.start() - m.end()
                if best is None or distance < best:
                    best, tense = distance, sign
        return tense


def _nearest(candidates: list[date], published: date, tense: int) -> date:
    """The candidate that fits the tense (the latest past one, the earliest future one), else the closest."""
    if tense < 0:
        fitting = [c for c in candidates if c <= published]
        return max(fitting) if fitting else min(candidates)
    if tense > 0:
        fitting = [c for c in candidates if c >= published]
        return min(fitting) if fitting else max(candidates)
    return min(candidates, key=lambda c: abs((c - published).days))


def _weekday(ctx: _Context, m: re.Match[str], weekday: int, rel: str) -> date | None:
    pub = ctx.published
    if rel in ("last", "next"):
        found = _dateparser(f"{rel} {calendar.day_name[weekday]}", pub)
        return found[0] if found and found[0].weekday() == weekday and found[0] != pub else None
    back, forward = (pub.weekday() - weekday) % 7, (weekday - pub.weekday()) % 7
    return pub + timedelta(days=forward) if ctx.tense(m) > 0 else pub - timedelta(days=back)


def _on_or_after(month: int, day: int, pub: date, past: tuple[date, str] | None) -> tuple[date, str] | None:
    """The first such day on or after publication: dateparser's future reading starts the day after."""
    return past if past and past[0] == pub else _calendar(month, day, None, pub, "future")


def _as_interval(when: date, precision: str, span: str | None = None) -> Interval:
    if precision == "day":
        return _day(when)
    return _month(when.year, when.month, span) if precision == "month" else _year(when.year)


def _calendar_day(g: dict, m: re.Match[str], ctx: _Context) -> Interval | None:
    """A day named by its month and number, with or without a year; also a range of days."""
    pub = ctx.published
    month = int(g["m"]) if "m" in g else _MONTHS[g["mon"].rstrip(".").lower()]
    day, year = _number(g["d"]), _year_of(g["y"])
    if "m" in g and "/" in m.group():
        if month > 12:
            month, day = day, month
        if year is not None and year < 100:
            year += 2000 if year < 50 else 1900
    if not 1 <= month <= 12:
        return None
    if year is not None:
        found = _calendar(month, day, year, pub)
    else:
        rel = _word(g, "rel")
        past = _calendar(month, day, None, pub, "past")
        if rel == "last":
            found = past
        elif rel == "next":
            found = _on_or_after(month, day, pub, past)
        elif past and not g.get("wd") and abs((past[0] - pub).days) <= _NEAR_DAYS:
            found = past
        else:
            options = sorted(o for o in {past, _on_or_after(month, day, pub, past)} if o)
            if g.get("wd") and options:
                weekday = _WEEKDAYS[g["wd"].lower()]
                wider = [_calendar(month, day, options[0][0].year - 1, pub), *options,
                         _calendar(month, day, options[-1][0].year + 1, pub)]
                options = [o for o in wider if o and o[0].weekday() == weekday] or options
            if not options:
                return None
            near = sorted(o for o in options if abs((o[0] - pub).days) <= _NEAR_DAYS)
            if near:
                found = near[0]
            else:
                when = _nearest([o[0] for o in options], pub, ctx.tense(m))
                found = next(o for o in options if o[0] == when)
    if found is None:
        return None
    first, precision = found
    if precision != "day":
        return _as_interval(first, precision)
    if g.get("weekof"):
        return _week(first)
    last = first.replace(day=_number(g["d2"])) if g.get("d2") else first
    return (first, last, "day") if last >= first else None


def _month_name(g: dict, m: re.Match[str], ctx: _Context) -> Interval | None:
    pub, text = ctx.published, ctx.text
    name = g["mon"].rstrip(".")
    bare = not (g["span"] or g["rel"] or g["y"] or g["yrel"])
    if bare and (_NOT_MONTH.match(text, m.end()) or name == "May" and (
            not _MAY_CONTEXT.search(text, max(0, m.start() - 12), m.start()) or _MAY_VERB.match(text, m.end()))):
        return None
    month, year = _MONTHS[name.lower()], _year_of(g["y"])
    if g["yrel"]:
        year = pub.year + {"last": -1, "next": 1}.get(g["yrel"], 0)
    if year is not None:
        found = _calendar(month, None, year, pub)
    else:
        rel, forward = _word(g, "rel"), (month - pub.month) % 12
        if rel == "next":
            found = _calendar(month, None, None, pub, "future")
        elif rel == "last" and forward == 0:
            found = _calendar(month, None, pub.year - 1, pub)
        elif rel != "last" and forward and (ctx.tense(m) or (1 if forward <= _NEAR_MONTHS else -1)) > 0:
            found = _calendar(month, None, None, pub, "future")
        else:
            found = _calendar(month, None, None, pub, "past")
    if found is None:
        return None
    return _as_interval(*found, g["span"])


def _bare_year(g: dict, m: re.Match[str], ctx: _Context) -> Interval | None:
    text, year = ctx.text, int(g["y"])
    before = text[max(0, m.start() - 24):m.start()]
    counted = _COUNTED.match(text, m.end()) or before.rstrip().endswith(("$", "£", "€", "#"))
    if 1000 <= year < 1900:
        return _year(year) if not counted and _PREPOSITION.search(before) else None
    if not 1900 <= year <= 2099 or not g["span"] and _NOT_YEAR.match(text, m.end()):
        return None
    if counted and not (g["span"] or text.startswith("'s", m.end()) or _DATE_CONTEXT.search(before)):
        return None
    return _year(year)


def _anaphor(g: dict, m: re.Match[str], ctx: _Context) -> Interval | None:
    """"that day", "later that year", "the next morning": relative to the date mentioned last."""
    if ctx.last is None:
        return None
    unit = _word(g, "unit") or _word(g, "unit2")
    step = {"next": 1, "following": 1, "previous": -1}.get(_word(g, "dir"), 0)
    anchor, _, precision = ctx.last
    if unit == "year":
        return _year(anchor.year + step)
    if unit == "month":
        return _month(*_shift_month(anchor, step)) if precision in ("day", "week", "month") else None
    if unit == "week":
        return _week(anchor + timedelta(weeks=step)) if precision in ("day", "week") else None
    return _day(anchor + timedelta(days=step)) if precision == "day" else None


def _weekday_name(g: dict, m: re.Match[str], ctx: _Context) -> Interval | None:
    when = _weekday(ctx, m, _WEEKDAYS[g["wd"].lower()], _word(g, "rel"))
    return None if when is None else _day(when)


def _named_day(word: str, published: date) -> Interval | None:
    """"today", "yesterday", "tomorrow" through dateparser; "tonight" is today."""
    found = _relative_date("today" if word == "tonight" else word, published)
    return _day(found[0]) if found and found[1] == "day" else None


def _clock(g: dict, m: re.Match[str], ctx: _Context) -> Interval | None:
    anchor = _word(g, "anchor")
    if anchor in _WEEKDAYS:
        return _day(_weekday(ctx, m, _WEEKDAYS[anchor], ""))
    if anchor:
        return _named_day(anchor, ctx.published)
    return _day(ctx.last_day or ctx.published)


def _deictic(g: dict, m: re.Match[str], ctx: _Context) -> Interval | None:
    if g["word"]:
        return _named_day(_word(g, "word"), ctx.published)
    if _word(g, "this") == "this":
        return _named_day("today", ctx.published)
    return _named_day("yesterday", ctx.published) if _word(g, "tpart") in ("night", "evening") else None


def _relative(g: dict, m: re.Match[str], ctx: _Context) -> Interval | None:
    pub, unit = ctx.published, _word(g, "unit")
    rel = {"the coming": "next"}.get(_word(g, "rel"), _word(g, "rel"))
    if unit in ("week", "month", "year"):
        found = _relative_date(f"{rel} {unit}", pub)
        if not found or found[1] != unit:
            return None
        start, end, precision = _unit_interval(found[0], unit)
        if rel == "this":
            # "earlier this week" is over by publication, "later this month" still to come
            lead = m.group(0).split(None, 1)[0].lower()
            if lead == "earlier":
                end = max(start, min(end, pub))
            elif lead == "later":
                start = min(end, max(start, pub))
        return start, end, precision
    step = {"last": -1, "next": 1}.get(rel, 0)
    if unit == "weekend":
        saturday = _week(pub + timedelta(weeks=step))[0] + timedelta(days=5)
        return saturday, saturday + timedelta(days=1), "week"
    year, month = _shift_month(pub, 3 * step)
    return _quarter(year, (month - 1) // 3 + 1)


def _ago(g: dict, m: re.Match[str], ctx: _Context) -> Interval | None:
    unit = _word(g, "unit")
    n = _NUMBERS[g["n"].lower()] if g["n"].lower() in _NUMBERS else int(g["n"])
    found = _relative_date(f"{n} {unit}{'s' if n != 1 else ''} ago", ctx.published)
    return _unit_interval(found[0], unit) if found and found[1] == unit else None


def _recent(g: dict, m: re.Match[str], ctx: _Context) -> Interval:
    """"in recent days" is the week ending on publication; "recently", "in recent weeks/months" a month or three."""
    pub, unit = ctx.published, _word(g, "unit")
    if unit == "days":
        return publication_interval(pub)
    return pub - timedelta(days=89 if unit == "months" else 29), pub, "month"


def _quarter_name(g: dict, m: re.Match[str], ctx: _Context) -> Interval:
    pub = ctx.published
    q = _ORDINALS.get(g["q"].lower()) or int(g["q"])
    year = _year_of(g["y"])
    if year is None:
        later_this_year = q > (pub.month - 1) // 3 + 1
        year = pub.year - 1 if later_this_year and ctx.tense(m) <= 0 else pub.year
    return _quarter(year, q)


def _holiday(g: dict, m: re.Match[str], ctx: _Context) -> Interval:
    pub, name, rel = ctx.published, " ".join(g["name"].split()), _word(g, "rel")
    options = [_holiday_date(name, y) for y in (pub.year - 1, pub.year, pub.year + 1)]
    if rel == "last":
        return _day(max(d for d in options if d < pub))
    if rel == "next":
        return _day(min(d for d in options if d > pub))
    return _day(_nearest(options, pub, ctx.tense(m) or -1))


def _holiday_date(name: str, year: int) -> date:
    if name.startswith("Thanksgiving"):
        first = date(year, 11, 1)
        return first + timedelta(days=(3 - first.weekday()) % 7 + 21)
    if name.startswith("Election"):
        first = date(year, 11, 2)
        return first + timedelta(days=(1 - first.weekday()) % 7)
    if name.startswith("New Year"):
        return date(year, 12, 31) if name.endswith("Eve") else date(year, 1, 1)
    if name.startswith("Independence"):
        return date(year, 7, 4)
    return date(year, 12, 24) if name.endswith("Eve") else date(year, 12, 25)


_RESOLVERS = {
    "iso": _calendar_day, "numeric": _calendar_day, "mdy": _calendar_day, "dmy": _calendar_day,
    "month": _month_name, "year": _bare_year, "weekday": _weekday_name, "clock": _clock, "deictic": _deictic,
    "relative": _relative, "ago": _ago, "recent": _recent, "quarter": _quarter_name, "qcode": _quarter_name,
    "holiday": _holiday, "anaphor": _anaphor,
}


def tag_dates(text: str, published: date) -> list[DateMention]:
    """Find the date expressions in ``text`` and resolve them against ``published``.

    Mentions come in text order and never overlap; ``text[m.char_start:m.char_end] == m.text``.

    Examples
    --------
    >>> pub = date(2024, 12, 5)  # a Thursday
    >>> [(m.text, m.value) for m in tag_dates("The minister said on Wednesday that talks will resume next week.", pub)]
    [('Wednesday', '2024-12-04'), ('next week', '2024-W50')]
    >>> [(m.text, m.precision, m.value) for m in tag_dates("Output fell in December 2023 and in 2018.", pub)]
    [('December 2023', 'month', '2023-12'), ('2018', 'year', '2018')]
    >>> tag_dates("Officials may send 2,000 fighters.", pub)
    []
    """
    ctx = _Context(text, published)
    spotted = {}
    for order, (kind, key, pattern) in enumerate(_PATTERNS):
        for k in key.finditer(text):
            for m in pattern.finditer(text, max(0, k.start() - _WINDOW), k.end() + _WINDOW):
                if m.start() <= k.start() < m.end():
                    spotted[m.span(), order] = (m.start(), m.start() - m.end(), order, kind, m)
    mentions: list[DateMention] = []
    covered = 0
    for start, _, _, kind, m in sorted(spotted.values(), key=lambda c: c[:3]):  # leftmost, then longest
        if start < covered:
            continue
        covered = m.end()
        try:
            resolved = _RESOLVERS[kind](m.groupdict(), m, ctx)
        except (ValueError, OverflowError):
            continue
        if resolved is None:
            continue
        found = [(m.start(), m.end(), resolved)]
        and_day = _AND_DAY.match(text, m.end()) if kind in ("mdy", "dmy") and resolved[0] == resolved[1] else None
        if and_day:
            try:
                found.append((and_day.start("d"), and_day.end(), _day(resolved[0].replace(day=_number(and_day["d"])))))
                covered = and_day.end()
            except ValueError:
                pass
        for begin, end, (lo, hi, precision) in found:
            mentions.append(DateMention(begin, end, text[begin:end], lo, hi, precision, _value(lo, precision)))
            if kind != "clock":
                ctx.last = lo, hi, precision
                ctx.last_day = lo if precision == "day" else ctx.last_day
    return mentions


def describe_interval(start: date | None, end: date | None, precision: str | None) -> str:
    """A date interval as text that says how precise it is.

    Examples
    --------
    >>> describe_interval(date(2024, 12, 5), date(2024, 12, 5), "day")
    '2024-12-05'
    >>> describe_interval(date(2024, 11, 29), date(2024, 12, 5), "week")
    'week ending 2024-12-05'
    >>> describe_interval(date(2024, 12, 1), date(2024, 12, 31), "month")
    'Dec 2024'
    >>> describe_interval(date(2024, 10, 1), date(2024, 12, 31), "quarter")
    'Q4 2024'
    >>> describe_interval(date(2019, 1, 1), date(2019, 12, 31), "year")
    '2019'
    >>> describe_interval(None, None, "unknown")
    'date unknown'
    """
    if start is None:
        return "date unknown"
    end = end or start
    if precision == "day" or (precision in (None, "unknown") and start == end):
        return start.isoformat()
    if precision == "week":
        return f"week ending {end.isoformat()}"
    if precision == "month":
        if (start.year, start.month) == (end.year, end.month):
            return f"{start:%b %Y}"
        return f"{start:%b}–{end:%b %Y}" if start.year == end.year else f"{start:%b %Y}–{end:%b %Y}"
    if precision == "quarter":
        return f"Q{(start.month - 1) // 3 + 1} {start.year}"
    if precision == "year":
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    return f"between {start.isoformat()} and {end.isoformat()}"
