"""Saved web pages as articles: text and metadata by trafilatura, the date by htmldate."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from gapline.errors import InputError
from timeline.extract import extract_events
from timeline.ingest import expand_paths, read_article, read_articles

STORY = """
<p>The Iraqi interior ministry on Thursday denied that its police had escorted a convoy of trucks across the border with Syria.</p>
<p>“No convoy crossed with our help,” spokeswoman Ilse Marandt told reporters in the capital.</p>
<p>Residents of the border town of Kessel said they had watched dozens of vehicles pass during the night.</p>
"""
FULL = f"""<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Ministry rejects convoy claims | The Daily Lantern</title>
<meta property="og:site_name" content="The Daily Lantern">
<meta property="og:title" content="Ministry rejects convoy claims">
<link rel="canonical" href="https://lantern.example/world/border-convoy">
<meta property="article:published_time" content="2024-12-06T09:30:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World news and analysis from the region</a></nav>
<article><h1>Ministry rejects convoy claims</h1>{STORY}</article>
<aside><p>Most read: ten recipes for a cold winter evening at home</p></aside>
<footer><p>Copyright The Daily Lantern. All rights reserved. Contact the newsroom for corrections.</p></footer>
</body></html>
"""


def page(tmp_path, html, name="story.html", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(html.encode(encoding))
    return path


def test_text_and_metadata_come_from_the_page(tmp_path):
    a = read_article(page(tmp_path, FULL))
    assert (a.title, a.outlet, a.url) == ("Ministry rejects convoy claims", "The Daily Lantern", "https://lantern.example/world/border-convoy")
    assert a.published == dt.date(2024, 12, 6) and a.warnings == ()
    paragraphs = a.body.rstrip("\n").split("\n\n")
    assert paragraphs[0].startswith("The Iraqi interior ministry") and len(paragraphs) == 3
    for boilerplate in ("Home", "recipes", "Copyright", "Ministry rejects convoy claims"):
        assert boilerplate not in a.body


def test_events_from_a_page_point_into_its_text(tmp_path):
    batch = read_articles([page(tmp_path, FULL)])
    body = batch.documents["body"][0]
    events = extract_events(batch.documents)
    denial = events.filter(events["stance"] == "deny")
    assert denial.height and denial["date_start"][0] == dt.date(2024, 12, 5)
    for e in events.iter_rows(named=True):
        assert body[e["char_start"] : e["char_end"]] == e["text"]


def test_a_date_in_the_url_is_the_publication_date(tmp_path):
    html = f'<html><head><title>T</title><link rel="canonical" href="https://news.example/2024/12/05/convoy"></head><body><article>{STORY}</article></body></html>'
    a = read_article(page(tmp_path, html))
    assert a.published == dt.date(2024, 12, 5) and a.warnings == ()


def test_a_page_without_a_date_warns_like_a_text_file(tmp_path):
    a = read_article(page(tmp_path, f"<html><head><title>T</title></head><body><div>{STORY}</div></body></html>"))
    text = read_article(page(tmp_path, "The minister said so.", name="a.txt"))
    assert a.published is None and text.published is None
    assert "no 'published' date" in a.warnings[0] and "no 'published' date" in text.warnings[0]
    assert a.warnings[0].endswith("relative dates stay unresolved") and text.warnings[0].endswith("relative dates stay unresolved")


def test_a_date_found_only_in_the_text_is_marked_as_a_guess(tmp_path):
    html = f"<html><head><title>T</title></head><body><div><p>Posted on 5 December 2024 by the desk</p>{STORY}</div></body></html>"
    a = read_article(page(tmp_path, html))
    assert a.published == dt.date(2024, 12, 5)
    assert "guessed from its text" in a.warnings[0]


@pytest.mark.parametrize(
    ("html", "message"),
    [
        ('<html><head><title>Menu</title><script>var x = 1;</script></head><body><nav><a href="/">Home</a></nav></body></html>', "no article text"),
        ("", "no HTML to read"),
        ("   \n", "no HTML to read"),
        ("https://news.example/2024/12/05/story", "no article text"),
    ],
)
def test_a_page_without_article_text_is_a_clear_error(tmp_path, html, message):
    with pytest.raises(InputError, match=message):
        read_article(page(tmp_path, html))


NO_NETWORK = """
import socket, sys
calls = []
def refuse(*args, **kwargs):
    calls.append(args)
    raise OSError("no network here")
socket.socket.connect = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
from gapline.errors import InputError
from timeline.ingest import read_article
read_article(sys.argv[1])
try:
    read_article(sys.argv[2])
except InputError:
    pass
print(len(calls))
"""


def test_importing_and_reading_pages_never_touches_the_network(tmp_path):
    good, url = page(tmp_path, FULL), page(tmp_path, "https://news.example/2024/12/05/story", name="url.html")
    out = subprocess.run([sys.executable, "-c", NO_NETWORK, str(good), str(url)], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "0"


def test_a_page_in_its_declared_charset_is_read_without_complaint(tmp_path):
    html = f'<html><head><meta charset="windows-1252"><title>T</title><meta property="article:published_time" content="2024-12-06"></head><body><article>{STORY}<p>The café on the main square stayed shut all week.</p></article></body></html>'
    a = read_article(page(tmp_path, html, encoding="cp1252"))
    assert "café" in a.body and "“No convoy" in a.body and a.warnings == ()


def test_mojibake_in_a_page_is_repaired_and_reported(tmp_path):
    import ftfy.bad_codecs  # noqa: F401  registers the sloppy codecs

    broken = FULL.encode("utf-8").decode("sloppy-windows-1252")
    path = page(tmp_path, broken)
    a = read_article(path)
    assert "“No convoy crossed with our help,”" in a.body
    assert len(a.warnings) == 1 and str(path) in a.warnings[0] and "repaired" in a.warnings[0]


def test_folders_yield_pages_too(tmp_path):
    for name in ("a.html", "b.htm", "c.txt", "notes.json"):
        (tmp_path / name).write_text("x")
    assert [p.name for p in expand_paths([tmp_path])] == ["a.html", "b.htm", "c.txt"]
