"""An article's text and metadata from a saved web page, with trafilatura and htmldate.

Nothing here touches the network: the page is parsed into a tree here and only the tree
is handed on (htmldate and trafilatura fetch a string that looks like a URL).
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import htmldate
import lxml.etree
import lxml.html
import trafilatura

from gapline.errors import InputError

__all__ = ["Page", "read_page"]

# The widest range of publication dates gapline accepts (see ingest); passed to htmldate so
# that its answer does not depend on today's date.
_DATE_RANGE = {"min_date": "1800-01-01", "max_date": "2200-12-31"}
_MIN_WORDS = 4  # in the longest paragraph
_PARSER = lxml.html.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True)


class Page(NamedTuple):
    title: str
    outlet: str
    url: str
    published: dt.date | None
    date_guessed: bool
    body: str


def _tree(text: str, source: str) -> lxml.html.HtmlElement:
    try:
        tree = lxml.html.fromstring(text.encode("utf-8"), parser=_PARSER)
    except (lxml.etree.ParserError, ValueError):
        tree = None
    if tree is None:
        raise InputError(f"{source}: the page holds no HTML to read; check that it is a saved web page")
    return tree


def read_page(text: str, source: str) -> Page:
    """The main text, title, site name, URL and publication date of an HTML page.

    The date is the one the page's markup gives (meta tags, ``<time>``, the URL); failing that,
    htmldate's search of the page's text, marked ``date_guessed``. Paragraphs of the text are
    separated by blank lines; a first line that repeats the title is left out. Raises
    :class:`InputError` when no article text can be found (no paragraph of four words or more).
    """
    tree = _tree(text, source)
    meta = trafilatura.extract_metadata(tree, date_config={"extensive_search": False, "original_date": True, **_DATE_RANGE})
    found, guessed = meta.date, False
    if not found:
        found = htmldate.find_date(tree, extensive_search=True, original_date=True, url=meta.url, **_DATE_RANGE)
        guessed = found is not None
    doc = trafilatura.bare_extraction(tree, url=meta.url, with_metadata=False, include_comments=False, include_tables=False)
    paragraphs = [" ".join(line.split()) for line in (doc.text if doc is not None and doc.text else "").splitlines()]
    paragraphs = [p for p in paragraphs if p]
    title = " ".join((meta.title or "").split())
    if paragraphs and title and paragraphs[0].casefold() == title.casefold():
        paragraphs = paragraphs[1:]
    if not any(len(p.split()) >= _MIN_WORDS for p in paragraphs):  # a menu or a caption is no article
        raise InputError(f"{source}: no article text found in the page; save the article's own page, or give its text as a .txt file")
    published = dt.date.fromisoformat(found) if found else None
    return Page(title, str(meta.sitename or ""), str(meta.url or ""), published, guessed, "\n\n".join(paragraphs) + "\n")

