"""Article inputs beyond clean UTF-8 text: broken encodings, limits and odd bodies."""

from __future__ import annotations

import datetime as dt
import tracemalloc

import pytest

from gapline.errors import InputError
from timeline.extract import extract_events
from timeline.ingest import MAX_BYTES, read_article, read_articles
from timeline.store import add_documents, load_documents

HEADER = "---\npublished: 2024-12-05\n---\n"


def _mojibake(text: str, codec: str) -> str:
    """What a UTF-8 text looks like when read as ``codec`` (Windows-1252 keeping its five unused
    bytes as control characters, as careless decoders do)."""
    import ftfy.bad_codecs  # noqa: F401  registers the sloppy codecs

    return text.encode("utf-8").decode("sloppy-windows-1252" if codec == "cp1252" else codec)


@pytest.mark.parametrize(
    ("clean", "codec"),
    [
        ("The ministry’s spokesman said the convoy had turned back.", "cp1252"),
        ("The café owner said “nobody crossed” on Tuesday.", "cp1252"),
        ("The café owner said the road was closed.", "latin-1"),
    ],
)
def test_mojibake_is_repaired_and_reported(tmp_path, clean, codec):
    broken = _mojibake(clean, codec)
    assert broken != clean
    path = tmp_path / "a.txt"
    path.write_text(HEADER + broken + "\n", encoding="utf-8")
    a = read_article(path)
    assert a.body == clean + "\n"
    assert len(a.warnings) == 1 and str(path) in a.warnings[0] and "repaired" in a.warnings[0]


def test_offsets_point_into_the_repaired_body(tmp_path):
    clean = "Iraqi MP Jane Roe denied the army’s role on Wednesday. The army’s convoy left."
    path = tmp_path / "a.txt"
    path.write_text(HEADER + _mojibake(clean, "cp1252"), encoding="utf-8")
    batch = read_articles([path])
    events = extract_events(batch.documents)
    body = batch.documents["body"][0]
    assert body == clean and events.height
    for e in events.iter_rows(named=True):
        assert body[e["char_start"] : e["char_end"]] == e["text"]


def test_clean_text_is_left_alone(tmp_path):
    text = HEADER + "“No,” said the café’s owner — twice. Ça va. Straße. ﬁne ＡＢ\r\nNext line.\n"
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8", newline="")
    a = read_article(path)
    assert a.body == text[len(HEADER) :] and a.warnings == ()


@pytest.mark.parametrize(
    ("text", "codec", "named"),
    [
        ("The minister said “we will not send troops” — and the café stayed shut.", "cp1252", "Windows-1252"),
        ("Министр заявил, что граница закрыта, а правительство отрицает сообщения о колонне.", "cp1251", "Windows-1251"),
        ("Ο υπουργός δήλωσε ότι τα σύνορα είναι κλειστά και ότι κανείς δεν πέρασε.", "cp1253", "Windows-1253"),
    ],
)
def test_a_file_not_in_utf8_is_decoded_by_a_guess_and_reported(tmp_path, text, codec, named):
    path = tmp_path / "a.txt"
    path.write_bytes((HEADER + text).encode(codec))
    a = read_article(path)
    assert a.body == text
    assert str(path) in a.warnings[0] and f"decoded as {named}" in a.warnings[0]


def test_utf16_with_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes((HEADER + "The minister said so.").encode("utf-16"))
    a = read_article(path)
    assert (a.body, a.published, a.warnings) == ("The minister said so.", dt.date(2024, 12, 5), ())


def test_a_50_mb_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(50_000_000)  # sparse: 50 MB on paper, nothing on disk
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match=r"50 MB is too large for one article \(limit 20 MB\)"):
            read_article(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < MAX_BYTES / 4


def test_a_file_that_grows_past_the_limit_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_text(HEADER + "The minister said so. " * 10)
    monkeypatch.setattr("timeline.ingest.MAX_BYTES", 100)
    real_stat = type(path).stat
    monkeypatch.setattr(type(path), "stat", lambda self, **kw: real_stat(self, **kw) if self != path else _Small())
    with pytest.raises(InputError, match="too large"):
        read_article(path)


class _Small:
    st_size = 10  # what a pipe or a file still being written may report


def test_a_too_large_file_in_a_batch_loses_nothing_stored(tmp_path):
    store = tmp_path / "case.db"
    good = tmp_path / "good.txt"
    good.write_text(HEADER + "The minister said so.")
    add_documents(store, read_articles([good]).documents)
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "b.txt").write_text(HEADER + "The army said so.")
    with (batch / "huge.txt").open("wb") as f:
        f.truncate(MAX_BYTES + 1)
    with pytest.raises(InputError, match="too large"):
        read_articles([batch])
    assert load_documents(store)["body"].to_list() == ["The minister said so."]
    skipped = read_articles([batch], on_error="skip")
    assert skipped.documents["body"].to_list() == ["The army said so."] and "too large" in skipped.problems[0]
    add_documents(store, skipped.documents)
    assert load_documents(store)["body"].to_list() == ["The minister said so.", "The army said so."]


@pytest.mark.parametrize("body", ["...", "— — —", "12345", "“", ".\n.\n.", "\u200b\u200b", "word " * 2000])
@pytest.mark.parametrize("header", [HEADER, ""])
def test_a_text_without_sentences_gives_no_events_and_no_error(tmp_path, body, header):
    path = tmp_path / "a.txt"
    path.write_text(header + body, encoding="utf-8")
    events = extract_events(read_articles([path]).documents)
    assert events.height == 0


def test_a_broken_copy_and_a_clean_copy_are_one_document(tmp_path):
    clean = "The ministry’s spokesman said the convoy had turned back."
    (tmp_path / "clean.txt").write_text(HEADER + clean, encoding="utf-8")
    (tmp_path / "broken.txt").write_text(HEADER + _mojibake(clean, "cp1252"), encoding="utf-8")
    docs = read_articles([tmp_path]).documents
    assert docs["body"].to_list() == [clean]
