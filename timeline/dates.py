"""Find date expressions in English news prose and resolve them to calendar intervals.

The tagger works in two passes, both plain Python over regular expressions compiled once:

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
   publication date with :mod:`datetime` alone, which keeps the tagger fast and deterministic
   (dateparser's ``search_dates`` misfires on "may", bare numbers and "second"; every form
   spotted here is simple enough to resolve directly). Expressions that leave the year or week open are
   placed by the tense of their sentence: the tense cue nearest to the expression ("said",
   "was", "has ...ed" against "will", "would", "is scheduled to") picks the past or the future.

   * A weekday is the most recent such day on or before publication, or with a future cue
     the next one on or after it. The publication day's own weekday is therefore the
     publication day itself ("police said Friday" in Friday's paper): wire copy names the
     day even when it is today. "last Friday" and "next Friday" never mean the publication day.
   * A month and day without a year ("Oct. 23") within two months of publication is that
     nearby date; otherwise the tense decides, and without a cue the nearest year wins.
   * A month alone ("in March") is the latest such month not after publication in past
     context, the next one in future context, and without a cue the coming one only when it
     is at most two months ahead.
   * "that day", "later that year", "the next morning" count from the date mentioned last; a
     clock time without a day ("at 10 a.m.") takes the day mentioned last, else publication.

Nothing finer than the text states is invented: "December 2024" is a month, never
2024-12-01 as a day; "late November" is month precision over the 21st-30th; a range such as
"Dec. 4-6" is one day-precision mention from the 4th to the 6th. Anything that
cannot be a calendar date (year 99999, February 30) is skipped, never raised.
"""

from __future__ import annotations

import bisect
import calendar
import re
from datetime import date, timedelta
from typing import NamedTuple

__all__ = ["DateMention", "tag_dates", "publication_interval"]


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
_DAY_OFFSET = {"yesterday": -1, "tomorrow": 1}
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


def _weekday(ctx: _Context, m: re.Match[str], weekday: int, rel: str) -> date:
    pub = ctx.published
    back, forward = (pub.weekday() - weekday) % 7, (weekday - pub.weekday()) % 7
    if rel == "last":
        return pub - timedelta(days=back or 7)
    if rel == "next":
        return pub + timedelta(days=forward or 7)
    return pub + timedelta(days=forward) if ctx.tense(m) > 0 else pub - timedelta(days=back)


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
    if year is not None:
        first = date(year, month, day)
    else:
        options = [date(y, month, day) for y in (pub.year - 1, pub.year, pub.year + 1)
                   if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(y, month)[1]]
        if g.get("wd"):
            options = [d for d in options if d.weekday() == _WEEKDAYS[g["wd"].lower()]] or options
        if not options:
            return None
        rel = _word(g, "rel")
        near = [d for d in options if abs((d - pub).days) <= _NEAR_DAYS]
        if rel in ("last", "next"):
            first = _nearest(options, pub, -1 if rel == "last" else 1)
        else:
            first = near[0] if near else _nearest(options, pub, ctx.tense(m))
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
    if year is None:
        rel = _word(g, "rel")
        back, forward = (pub.month - month) % 12, (month - pub.month) % 12
        tense = 1 if rel == "next" else -1 if rel == "last" else ctx.tense(m)
        if tense > 0:
            year, month = _shift_month(pub, forward or (12 if rel == "next" else 0))
        elif tense < 0:
            year, month = _shift_month(pub, -(back or (12 if rel == "last" else 0)))
        else:
            year, month = _shift_month(pub, forward if forward <= _NEAR_MONTHS else -back)
    return _month(year, month, g["span"])


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


def _weekday_name(g: dict, m: re.Match[str], ctx: _Context) -> Interval:
    return _day(_weekday(ctx, m, _WEEKDAYS[g["wd"].lower()], _word(g, "rel")))


def _clock(g: dict, m: re.Match[str], ctx: _Context) -> Interval:
    anchor = _word(g, "anchor")
    if anchor in _WEEKDAYS:
        return _day(_weekday(ctx, m, _WEEKDAYS[anchor], ""))
    if anchor:
        return _day(ctx.published + timedelta(days=_DAY_OFFSET.get(anchor, 0)))
    return _day(ctx.last_day or ctx.published)


def _deictic(g: dict, m: re.Match[str], ctx: _Context) -> Interval | None:
    pub = ctx.published
    if g["word"]:
        return _day(pub + timedelta(days=_DAY_OFFSET.get(_word(g, "word"), 0)))
    if _word(g, "this") == "this":
        return _day(pub)
    return _day(pub - timedelta(days=1)) if _word(g, "tpart") in ("night", "evening") else None


def _relative(g: dict, m: re.Match[str], ctx: _Context) -> Interval:
    pub, unit = ctx.published, _word(g, "unit")
    step = {"last": -1, "next": 1, "the coming": 1}.get(_word(g, "rel"), 0)
    if unit == "week":
        return _week(pub + timedelta(weeks=step))
    if unit == "weekend":
        saturday = _week(pub + timedelta(weeks=step))[0] + timedelta(days=5)
        return saturday, saturday + timedelta(days=1), "week"
    if unit == "month":
        return _month(*_shift_month(pub, step))
    if unit == "quarter":
        year, month = _shift_month(pub, 3 * step)
        return _quarter(year, (month - 1) // 3 + 1)
    return _year(pub.year + step)


def _ago(g: dict, m: re.Match[str], ctx: _Context) -> Interval:
    pub, unit = ctx.published, _word(g, "unit")
    n = _NUMBERS[g["n"].lower()] if g["n"].lower() in _NUMBERS else int(g["n"])
    if unit == "day":
        return _day(pub - timedelta(days=n))
    if unit == "week":
        return _week(pub - timedelta(weeks=n))
    if unit == "month":
        return _month(*_shift_month(pub, -n))
    return _year(pub.year - n)


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
