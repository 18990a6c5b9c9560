"""Read articles from files into a DOCUMENTS frame.

An article is one of:

- a text file (``.txt``, ``.md``, ``.text``) with an optional front-matter header between
  ``---`` lines (``title``, ``published`` as YYYY-MM-DD, ``outlet``, ``url``); the body is
  everything after the line that closes the header;
- a saved web page (``.html``, ``.htm``): the main text as trafilatura finds it (paragraphs
  separated by blank lines), its title, site name and URL, and the publication date htmldate
  finds in its markup (or, marked as a guess, in its text);
- a line of a JSON lines file (``.jsonl``): one object per line with the text in ``text`` (or
  ``body``) and optionally ``title``, ``published`` (or ``date``), ``outlet`` and ``url``; its
  path is ``FILE:LINE``.

All offsets gapline reports point into the body.

Bad input has an explicit policy: :func:`read_articles` takes ``on_error="raise"`` (the
first bad file stops the batch with an :class:`~gapline.errors.InputError`) or ``"skip"``
(bad files, and bad lines of a JSON lines file, are left out and reported in the returned
``problems``, each with its line number). Recoverable oddities
are warnings, never silent: a missing date, a file that is not UTF-8 (decoded by the best
guess of its encoding), mojibake repaired ("Iraqâ€™s" → "Iraq’s"). The body kept is the
repaired text, so offsets point into what is stored.

Limits: an article file over :data:`MAX_BYTES` is refused before it is read; a publication
year outside :data:`YEARS` is an error.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Literal, NamedTuple

import polars as pl
import yaml

from gapline.errors import InputError
from timeline._encoding import declared_charset, decode, repair_mojibake
from timeline._parallel import chunked, counter, map_chunks, resolve_workers
from timeline.schema import DOCUMENTS

__all__ = ["Article", "Batch", "read_article", "read_articles", "expand_paths", "documents_frame", "split_front_matter"]

TEXT_SUFFIXES = (".txt", ".md", ".text")
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES
MAX_BYTES = 20_000_000  # one article (a file, or a line of a JSON lines file); larger ones are refused unread
YEARS = (1800, 2200)  # publication years accepted


class Article(NamedTuple):
    doc_id: str
    path: str
    title: str
    outlet: str
    url: str
    published: dt.date | None
    body: str
    warnings: tuple[str, ...]


class Batch(NamedTuple):
    documents: pl.DataFrame
    warnings: list[str]
    problems: list[str]


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files named directly, and the article files inside named folders (sorted; hidden files and READMEs skipped)."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out += sorted(
                f
                for f in p.rglob("*")
                if f.is_file() and f.suffix.lower() in SUFFIXES and not f.name.startswith(".") and f.stem.upper() != "README"
            )
        elif p.exists():
            out.append(p)
        else:
            raise InputError(f"{p}: no such file or folder; check the path")
    return out


def split_front_matter(text: str) -> tuple[dict, str]:
    """The header fields and the body of an article's text.

    Examples
    --------
    >>> split_front_matter("---\\npublished: 2024-12-05\\n---\\nBody.")
    ({'published': datetime.date(2024, 12, 5)}, 'Body.')
    >>> split_front_matter("No header.")
    ({}, 'No header.')
    """
    if not text.startswith("---"):
        return {}, text
    end = text.find("\n---", 3)
    if end == -1:
        raise InputError("the front matter opens with '---' but never closes; add a closing '---' line")
    header = text[3:end]
    rest = text[end + 4 :]
    nl = rest.find("\n")
    body = rest[nl + 1 :] if nl != -1 and not rest[:nl].strip() else rest.lstrip("-")
    try:
        fields = yaml.safe_load(header) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise InputError(f"the front matter is not valid YAML{where}; write it as 'key: value' lines") from None
    if not isinstance(fields, dict):
        raise InputError("the front matter must be 'key: value' lines")
    return fields, body


def _parse_date(value: object, path: str, *, where: str = "in the front matter") -> tuple[dt.date | None, list[str]]:
    if value is None or value == "":
        return None, [f"{path}: no 'published' date {where}; relative dates stay unresolved"]
    if isinstance(value, dt.datetime):
        return value.date(), []
    if isinstance(value, dt.date):
        return value, []
    text = str(value).strip()
    if (year := re.match(r"[+-]?(\d{5,})\b", text)) is not None:
        raise InputError(f"{path}: published year {year.group(1)} is out of range ({YEARS[0]}-{YEARS[1]}); fix the date")
    try:
        return dt.date.fromisoformat(text[:10]), []
    except ValueError:
        pass
    import dateparser

    parsed = dateparser.parse(
        str(value), languages=["en"], settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]}
    )
    if parsed is None:
        raise InputError(f"{path}: published date {value!r} is not a date; write it as YYYY-MM-DD") from None
    return parsed.date(), [f"{path}: published date {value!r} read as {parsed.date().isoformat()}"]


def _too_large(name: str, size: int) -> InputError:
    return InputError(
        f"{name}: {size / 1e6:.0f} MB is too large for one article (limit {MAX_BYTES / 1e6:.0f} MB); split it or leave it out"
    )


def _read_bytes(p: Path, name: str) -> bytes:
    """The bytes of a file of at most MAX_BYTES, refused without reading more than that."""
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise _too_large(name, size)
        with p.open("rb") as f:
            raw = f.read(MAX_BYTES + 1)  # the size on disk can grow, or be unknown (pipes)
    except FileNotFoundError:
        raise InputError(f"{name}: no such file; check the path") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a folder; name the files or pass the folder to 'ingest'") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror})") from None
    if len(raw) > MAX_BYTES:
        raise _too_large(name, len(raw))
    return raw


def _text(raw: bytes, name: str, *, declared: str | None = None) -> tuple[str, list[str]]:
    text, warnings = decode(raw, name, declared=declared)
    text, repaired = repair_mojibake(text, name)
    return text, warnings + repaired


def _check_year(published: dt.date | None, name: str) -> None:
    if published is not None and not (YEARS[0] <= published.year <= YEARS[1]):
        raise InputError(f"{name}: published year {published.year} is out of range ({YEARS[0]}-{YEARS[1]}); fix the date")


def read_article(path: str | Path) -> Article:
    """Read one article file (text or HTML). Raises :class:`InputError` for a file that is no article."""
    p = Path(path)
    name = str(path)
    if p.suffix.lower() in JSONL_SUFFIXES:
        raise InputError(f"{name}: holds one article per line; read it with read_articles")
    raw = _read_bytes(p, name)
    if p.suffix.lower() in HTML_SUFFIXES:
        return _html_article(raw, name)
    return _text_article(raw, name)


def _html_article(raw: bytes, name: str) -> Article:
    from timeline._html import read_page  # trafilatura takes a quarter of a second to import

    text, warnings = _text(raw, name, declared=declared_charset(raw))
    page = read_page(text, name)
    if page.published is None:
        warnings.append(f"{name}: no 'published' date in the page; relative dates stay unresolved")
    elif page.date_guessed:
        warnings.append(f"{name}: no publication date in the page's markup; {page.published.isoformat()} guessed from its text, check it")
    _check_year(page.published, name)
    return Article(
        doc_id=_doc_id(page.body),
        path=name,
        title=page.title,
        outlet=page.outlet,
        url=page.url,
        published=page.published,
        body=page.body,
        warnings=tuple(warnings),
    )


def _doc_id(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]


def _text_article(raw: bytes, name: str) -> Article:
    text, warnings = _text(raw, name)
    try:
        fields, body = split_front_matter(text)
    except InputError as exc:
        raise InputError(f"{name}: {exc}") from None
    if not body.strip():
        raise InputError(f"{name}: the article has no text after its header; nothing to extract")
    published, more = _parse_date(fields.get("published") or fields.get("date"), name)
    _check_year(published, name)
    return Article(
        doc_id=_doc_id(body),
        path=name,
        title=str(fields.get("title") or ""),
        outlet=str(fields.get("outlet") or ""),
        url=str(fields.get("url") or ""),
        published=published,
        body=body,
        warnings=tuple(warnings + more),
    )


def documents_frame(articles: Sequence[Article]) -> pl.DataFrame:
    """A DOCUMENTS frame, one row per distinct body (the first path read wins)."""
    rows = [{k: getattr(a, k) for k in DOCUMENTS} for a in articles]
    frame = pl.DataFrame(rows, schema=DOCUMENTS) if rows else pl.DataFrame(schema=DOCUMENTS)
    return frame.unique(subset="doc_id", keep="first", maintain_order=True)


_JSONL_FIELDS = ("text", "body", "title", "published", "date", "outlet", "url")


def _jsonl_lines(p: Path, name: str) -> Iterator[tuple[int, bytes | None]]:
    """Line numbers and lines of a file, read one at a time; None for a line over MAX_BYTES."""
    try:
        f = p.open("rb")
    except FileNotFoundError:
        raise InputError(f"{name}: no such file; check the path") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror})") from None
    with f:
        number = 0
        while line := f.readline(MAX_BYTES + 1):
            number += 1
            if len(line) > MAX_BYTES and not line.endswith(b"\n"):
                while (rest := f.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pass
                yield number, None
                continue
            yield number, line


def _json_kind(value: object) -> str:
    kinds = {dict: "object", list: "array", str: "string", bool: "true/false", int: "number", float: "number"}
    return kinds.get(type(value), "null")


def _field(obj: dict, key: str, where: str) -> str:
    value = obj.get(key)
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        raise InputError(f"{where}: '{key}' must be a string, not a JSON {_json_kind(value)}")
    return str(value).strip()


def _jsonl_article(line: bytes, where: str) -> tuple[Article, list[str]]:
    """The article of one line, and the names of the fields it has that gapline does not read."""
    text, warnings = decode(line, where)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: not valid JSON ({exc.msg}, column {exc.colno}); write one JSON object per line") from None
    if not isinstance(obj, dict):
        raise InputError(f"{where}: a JSON {_json_kind(obj)}, not an object; write one {{...}} object per line")
    if "event_id" in obj or "flag_id" in obj:
        raise InputError(f"{where}: an event or flag that gapline wrote, not an article; keep gapline's output out of article folders")
    raw_body = obj.get("text") if obj.get("text") not in (None, "") else obj.get("body")
    if not isinstance(raw_body, str) or not raw_body.strip():
        raise InputError(f"{where}: no article text; give it as a string in a 'text' or 'body' field")
    body, fixed = repair_mojibake(raw_body, where)
    title, fixed_title = repair_mojibake(_field(obj, "title", where), where)
    outlet, fixed_outlet = repair_mojibake(_field(obj, "outlet", where), where)
    published, more = _parse_date(obj.get("published") or obj.get("date"), where, where="on the line")
    _check_year(published, where)
    article = Article(
        doc_id=_doc_id(body),
        path=where,
        title=title,
        outlet=outlet,
        url=_field(obj, "url", where),
        published=published,
        body=body,
        warnings=tuple(warnings + (fixed or fixed_title or fixed_outlet)[:1] + more),  # one repair warning a line
    )
    return article, [k for k in obj if k not in _JSONL_FIELDS]


def _read_jsonl(p: Path, name: str, on_error: Literal["raise", "skip"]) -> tuple[list[Article], list[str], list[str]]:
    """The articles of a JSON lines file, with its warnings and (under "skip") its bad lines."""
    articles: list[Article] = []
    problems: list[str] = []
    ignored: set[str] = set()
    for number, line in _jsonl_lines(p, name):
        where = f"{name}:{number}"
        try:
            if line is None:
                raise InputError(f"{where}: the line is over {MAX_BYTES / 1e6:.0f} MB, too large for one article; split it")
            if not line.strip():
                continue
            article, unknown = _jsonl_article(line, where)
            articles.append(article)
            ignored.update(unknown)
        except InputError as exc:
            if on_error == "raise":
                raise
            problems.append(str(exc))
    if not articles and not problems:
        raise InputError(f"{name}: holds no articles; write one JSON object per line with a 'text' field")
    warnings = [f"{name}: fields not read: {', '.join(sorted(ignored))} (gapline reads {', '.join(_JSONL_FIELDS)})"] if ignored else []
    return articles, warnings, problems


def _read_file(p: Path, on_error: Literal["raise", "skip"]) -> tuple[list[Article], list[str], list[str]]:
    """The articles of one file with their warnings, and its problems (under "skip")."""
    if p.suffix.lower() in JSONL_SUFFIXES:
        found, warnings, problems = _read_jsonl(p, str(p), on_error)
        return found, [w for a in found for w in a.warnings] + warnings, problems
    try:
        a = read_article(p)
    except InputError as exc:
        if on_error == "raise":
            raise
        return [], [], [str(exc)]
    return [a], list(a.warnings), []


def _read_setup(on_error: Literal["raise", "skip"]) -> Literal["raise", "skip"]:
    return on_error


def _read_chunk(on_error: Literal["raise", "skip"], files: Sequence[Path]) -> list[tuple[list[Article], list[str], list[str]]]:
    return [_read_file(f, on_error) for f in files]


def read_articles(
    paths: Iterable[str | Path],
    *,
    on_error: Literal["raise", "skip"] = "raise",
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Batch:
    """Read files and folders of articles into a DOCUMENTS frame, with warnings and problems.

    Web pages are the slow part of reading (trafilatura parses each one), so by default
    ``workers`` is every core when there are 200 pages or more, and this process alone
    otherwise; the result is the same either way. ``progress(done, total)`` is called as
    files are read; nothing is printed.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("---\\npublished: 2024-12-05\\n---\\nThe minister said so.")
    >>> _ = (d / "b.jsonl").write_text('{"text": "The army said so.", "published": "2024-12-06"}\\n')
    >>> docs = read_articles([d]).documents
    >>> docs.select("published", "body").row(1)
    (datetime.date(2024, 12, 6), 'The army said so.')
    >>> [pathlib.Path(p).name for p in docs["path"]]
    ['a.txt', 'b.jsonl:1']
    """
    files = expand_paths(paths)
    if not files:
        raise InputError("no article files found (looked for " + ", ".join(SUFFIXES) + ")")
    if workers is None:
        pages = sum(f.suffix.lower() in HTML_SUFFIXES for f in files)
        n = min(resolve_workers(None, pages), len(files))
    else:
        n = resolve_workers(workers, len(files))
    advance = counter(progress, len(files))

    articles, warnings, problems = [], [], []
    results = map_chunks(_read_chunk, chunked(files, n), workers=n, progress=advance, setup=_read_setup, setup_args=(on_error,))
    for chunk in results:
        for found, more, bad in chunk:
            articles += found
            warnings += more
            problems += bad
    return Batch(documents_frame(articles), warnings, problems)
