"""Reading articles and keeping them in the case file."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from gapline.errors import InputError
from timeline.ingest import read_article, read_articles
from timeline.store import add_documents, load_documents

ARTICLE = "---\ntitle: Test\npublished: 2024-12-05\noutlet: Example News\n---\nThe minister said the border is closed.\n"


def write(tmp_path, name, text, mode="w"):
    p = tmp_path / name
    if mode == "wb":
        p.write_bytes(text)
    else:
        p.write_text(text, encoding="utf-8")
    return p


def test_front_matter_fields_and_body_offsets(tmp_path):
    a = read_article(write(tmp_path, "a.txt", ARTICLE))
    assert (a.title, a.outlet, a.published) == ("Test", "Example News", dt.date(2024, 12, 5))
    assert a.body.startswith("The minister said")


def test_same_text_twice_is_stored_once(tmp_path):
    write(tmp_path, "a.txt", ARTICLE)
    write(tmp_path, "copy.txt", ARTICLE)
    store = tmp_path / "case.db"
    first = add_documents(store, read_articles([tmp_path]).documents)
    again = add_documents(store, read_articles([tmp_path / "a.txt"]).documents)
    assert (first.added, first.total) == (1, 1)
    assert (again.added, again.already, again.total) == (0, 1, 1)
    assert load_documents(store).height == 1


def test_store_uses_wal(tmp_path):
    store = tmp_path / "case.db"
    add_documents(store, read_articles([write(tmp_path, "a.txt", ARTICLE)]).documents)
    mode = sqlite3.connect(store).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_a_bad_file_in_a_batch_adds_nothing(tmp_path):
    store = tmp_path / "case.db"
    add_documents(store, read_articles([write(tmp_path, "a.txt", ARTICLE)]).documents)
    folder = tmp_path / "batch"
    folder.mkdir()
    write(folder, "b.txt", ARTICLE.replace("closed", "open"))
    write(folder, "c.txt", b"\x00\x01\x02binary", mode="wb")
    with pytest.raises(InputError, match="binary"):
        read_articles([folder])
    assert load_documents(store).height == 1
    skipped = read_articles([folder], on_error="skip")
    assert skipped.documents.height == 1 and "binary" in skipped.problems[0]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "no text"),
        ("---\npublished: 2024-12-05\n---\n   \n", "no text"),
        ("---\npublished: [unclosed\n---\nBody.", "front matter is not valid YAML"),
        ("---\npublished: 2024-12-05\nBody without a closing line.", "never closes"),
        ("---\npublished: 99999-01-01\n---\nBody.", "published year 99999 is out of range"),
        ("---\npublished: 1066-10-14\n---\nBody.", "published year 1066 is out of range"),
        ("---\n- just\n- a list\n---\nBody.", "must be 'key: value' lines"),
        ("---\npublished: sometime soon\n---\nBody.", "not a date"),
    ],
)
def test_bad_articles_say_what_is_wrong(tmp_path, content, message):
    with pytest.raises(InputError, match=message):
        read_article(write(tmp_path, "bad.txt", content))


def test_article_without_date_is_read_with_a_warning(tmp_path):
    a = read_article(write(tmp_path, "a.txt", "The minister said so."))
    assert a.published is None
    assert "no 'published' date" in a.warnings[0]


def test_windows_1252_file_is_decoded_and_reported(tmp_path):
    a = read_article(write(tmp_path, "a.txt", "---\npublished: 2024-12-05\n---\nThe caf\xe9 closed.".encode("cp1252"), mode="wb"))
    assert "café" in a.body
    assert "Windows-1252" in a.warnings[0]


def test_missing_path_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_articles([tmp_path / "nope.txt"])


def test_a_file_that_is_not_a_store_is_refused(tmp_path):
    bogus = write(tmp_path, "notes.db", "just text, not sqlite " * 100)
    with pytest.raises(InputError, match="not a gapline store"):
        load_documents(bogus)


def test_a_written_out_publication_date_is_read_and_reported(tmp_path):
    a = read_article(write(tmp_path, "a.txt", "---\npublished: December 5, 2024\n---\nThe minister said so."))
    assert a.published == dt.date(2024, 12, 5)
    assert "read as 2024-12-05" in a.warnings[0]


def test_windows_line_endings_keep_offsets_true(tmp_path):
    a = read_article(write(tmp_path, "a.txt", b"---\r\npublished: 2024-12-05\r\n---\r\nThe minister said so.\r\n", mode="wb"))
    assert a.published == dt.date(2024, 12, 5)
    assert a.body.startswith("The minister said so.")
